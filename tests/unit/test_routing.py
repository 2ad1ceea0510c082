"""Routing rules and deadlines: owner, SLA, ladder and tasks, with the clock in the test's hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.errors import ValidationError
from app.model.types import ExceptionKind, ItemClass, Role, Severity
from app.routing.escalation import OpenException, due_deadlines, fact_id
from app.routing.rules import Facts, load_rules, route, rules_from_dict

T0 = datetime(2026, 11, 23, 8, tzinfo=UTC)
RULES = load_rules()


def test_a_shortage_goes_to_procurement_with_tasks_for_each_function() -> None:
    routing = route(Facts(ExceptionKind.MATERIAL_SHORTAGE, customer_order_at_risk=True), RULES, T0)
    assert routing.rule == "Material shortage"
    assert routing.owner_role is Role.PROCUREMENT
    assert routing.ack_due == T0 + timedelta(minutes=15)
    assert routing.resolve_due == T0 + timedelta(hours=4)
    assert [(t.function, t.action) for t in routing.tasks] == [
        (Role.PROCUREMENT, "Expedite the missing material"),
        (Role.SUPERVISOR, "Resequence the affected work centers"),
        (Role.CUSTOMER_SERVICE, "Confirm the customer commit date"),
    ]


def test_customer_service_is_only_asked_when_a_customer_order_is_at_risk() -> None:
    routing = route(Facts(ExceptionKind.MATERIAL_SHORTAGE), RULES, T0)
    assert Role.CUSTOMER_SERVICE not in {t.function for t in routing.tasks}


def test_severity_picks_the_stricter_rule() -> None:
    critical = route(Facts(ExceptionKind.MACHINE_DOWNTIME, severity=Severity.CRITICAL), RULES, T0)
    normal = route(Facts(ExceptionKind.MACHINE_DOWNTIME, severity=Severity.LOW), RULES, T0)
    assert critical.rule == "Critical machine downtime"
    assert critical.ack_due == T0 + timedelta(minutes=5)
    assert normal.rule == "Machine downtime"


def test_match_on_area_work_center_and_item_class() -> None:
    rules = rules_from_dict(
        {
            "rules": [
                {
                    "name": "Assembly paint",
                    "match": {"area": ["ASM"], "work_center": "PNT-01", "item_class": ["finished"]},
                    "owner_role": "quality",
                    "owner_user": "3001",
                    "ack_minutes": 5,
                    "resolve_minutes": 30,
                },
                {
                    "name": "rest",
                    "owner_role": "supervisor",
                    "ack_minutes": 10,
                    "resolve_minutes": 60,
                },
            ]
        }
    )
    fits = Facts(
        ExceptionKind.OTHER, area="ASM", work_center="PNT-01", item_class=ItemClass.FINISHED
    )
    assert route(fits, rules, T0).owner_user == "3001"
    elsewhere = Facts(
        ExceptionKind.OTHER, area="ASM", work_center="ASM-01", item_class=ItemClass.FINISHED
    )
    assert route(elsewhere, rules, T0).rule == "rest"


def test_a_bad_rules_file_names_every_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        rules_from_dict(
            {
                "rules": [
                    {
                        "match": {"kind": "alien_invasion", "colour": "red"},
                        "owner_role": "wizard",
                        "ack_minutes": -5,
                        "resolve_minutes": 10,
                        "escalate": [
                            {"after_minutes": 30, "to_role": "manager"},
                            {"after_minutes": 20, "to_role": "manager"},
                        ],
                        "tasks": [{"function": "quality", "action": ""}],
                    }
                ]
            },
            "rules.toml",
        )
    text = str(caught.value)
    for expected in (
        "rules.toml: rules[1].match.kind: 'alien_invasion' is not one of",
        "rules.toml: rules[1].match.colour: unknown match key",
        "rules.toml: rules[1].owner_role: 'wizard' is not one of",
        "rules.toml: rules[1].ack_minutes: must be a number of minutes above 0",
        "rules.toml: rules[1].escalate[2].after_minutes: tiers must come later and later",
        "rules.toml: rules[1].tasks[1].action: missing",
    ):
        assert expected in text
    no_catch_all = {
        "rules": [
            {
                "match": {"kind": "other"},
                "owner_role": "supervisor",
                "ack_minutes": 5,
                "resolve_minutes": 9,
            }
        ]
    }
    with pytest.raises(ValidationError, match=r"rules\[1\]: the last rule must match everything"):
        rules_from_dict(no_catch_all)


def _open(**kw: object) -> OpenException:
    routing = route(Facts(ExceptionKind.MATERIAL_SHORTAGE), RULES, T0)
    fields: dict[str, object] = {
        "id": "exc-1",
        "raised_at": T0,
        "ack_due": routing.ack_due,
        "resolve_due": routing.resolve_due,
        "acknowledged": False,
        "resolved": False,
        "ladder": routing.ladder,
        "facts_recorded": frozenset(),
    }
    fields.update(kw)
    return OpenException(**fields)  # type: ignore[arg-type]


def test_deadlines_come_due_as_the_clock_moves() -> None:
    exc = _open()
    assert due_deadlines(exc, T0 + timedelta(minutes=14)) == []
    assert [d.fact for d in due_deadlines(exc, T0 + timedelta(minutes=15))] == ["sla:ack"]
    at_31 = due_deadlines(exc, T0 + timedelta(minutes=31))
    assert [(d.fact, d.to_role) for d in at_31] == [
        ("sla:ack", None),
        ("escalation:1", "supervisor"),
    ]
    at_5h = [d.fact for d in due_deadlines(exc, T0 + timedelta(hours=5))]
    assert at_5h == ["sla:ack", "escalation:1", "escalation:2", "sla:resolve"]


def test_recorded_facts_are_not_due_again_and_resolution_stops_the_clock() -> None:
    recorded = _open(facts_recorded=frozenset({"sla:ack", "escalation:1"}))
    assert [d.fact for d in due_deadlines(recorded, T0 + timedelta(minutes=31))] == []
    acknowledged = _open(acknowledged=True)
    assert [d.fact for d in due_deadlines(acknowledged, T0 + timedelta(minutes=31))] == [
        "escalation:1"
    ]
    assert due_deadlines(_open(resolved=True), T0 + timedelta(days=2)) == []


def test_a_fact_has_one_id_wherever_it_is_recorded() -> None:
    assert fact_id("exc-1", "escalation:1") == fact_id("exc-1", "escalation:1")
    assert fact_id("exc-1", "escalation:1") != fact_id("exc-1", "escalation:2")
    assert fact_id("exc-1", "escalation:1") != fact_id("exc-2", "escalation:1")
