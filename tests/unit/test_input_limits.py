"""Input limits in the domain (issue 10): every payload string is bounded and free of
control characters, every quantity finite and bounded, and what an operation or an order
can take is checked by the services and again by the reducers, so an event from a
terminal that skipped its service is refused with a reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import ValidationError
from app.events import log
from app.events.envelope import Event
from app.events.payloads import (
    MAX_KEYS,
    PAYLOAD_TYPES,
    MaterialIssued,
    OperationConfirmed,
    Payload,
    parse_payload,
    printable,
)
from app.limits import limits_from_dict, load_limits
from app.model import EventRecord, MaterialRequirement, OperationInstance, WorkOrder
from app.model.types import HoldScope, OperationStatus
from app.services.board import BoardService
from app.services.execution import ExecutionService
from app.store import Store
from tests.unit.test_material_issue import foreign_event

OPERATOR, SUPERVISOR, MANAGER = "901", "902", "907"


# --- every string of every payload ---------------------------------------------------


def _unbounded_strings(schema: dict[str, Any], defs: dict[str, Any], where: str) -> list[str]:
    """The places in a JSON schema where a string (or an object's keys) has no bound."""
    if "$ref" in schema:
        return _unbounded_strings(defs[schema["$ref"].split("/")[-1]], defs, where)
    found: list[str] = []
    for variant in schema.get("anyOf", []):
        found += _unbounded_strings(variant, defs, where)
    kind = schema.get("type")
    bounded = {"maxLength", "enum", "const", "pattern", "format"} & set(schema)
    if kind == "string" and not bounded:
        found.append(where)
    if kind == "array":
        found += _unbounded_strings(schema.get("items", {}), defs, f"{where}[]")
        if "maxItems" not in schema:
            found.append(f"{where} (list)")
    if kind == "object":
        for name, prop in schema.get("properties", {}).items():
            found += _unbounded_strings(prop, defs, f"{where}.{name}")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            found += _unbounded_strings(extra, defs, f"{where}.*")
            keys = schema.get("propertyNames", {})
            if "maxLength" not in keys or "maxProperties" not in schema:
                found.append(f"{where} (keys)")
    return found


def test_every_string_and_list_of_every_payload_is_bounded() -> None:
    unbounded = []
    for kind, cls in sorted(PAYLOAD_TYPES.items()):
        schema = cls.model_json_schema()
        unbounded += _unbounded_strings(schema, schema.get("$defs", {}), kind)
    assert unbounded == []


def _string_fields(cls: type[Payload]) -> list[str]:
    schema = cls.model_json_schema()
    names = []
    for name, prop in schema["properties"].items():
        variants = prop.get("anyOf", [prop])
        if any(v.get("type") == "string" and "maxLength" in v for v in variants):
            names.append(name)
    return names


@pytest.mark.parametrize("kind", sorted(PAYLOAD_TYPES))
def test_no_payload_string_takes_a_nul_or_another_control_character(kind: str) -> None:
    for name in _string_fields(PAYLOAD_TYPES[kind]):
        for bad in ("ab\x00cd", "ab\x1bcd", "ab\x85cd", "ab\x7fcd", "ab\ud800cd"):
            with pytest.raises(ValidationError) as refused:
                parse_payload(kind, {name: bad})
            assert name in refused.value.fields, (kind, name, bad)
            problem = next(p.problem for p in refused.value.problems if p.field == name)
            assert "control characters" in problem or "not valid text" in problem, problem


def test_line_breaks_only_where_people_can_type_them() -> None:
    base = {"hold_id": "h-1", "scope": "operation", "key": "WO-1/0010"}
    with pytest.raises(ValidationError, match=r"reason: must be one line"):
        parse_payload("hold.placed", {**base, "reason": "first\nsecond"})
    # A pasted message (the capture form's message box) keeps its lines, as \n.
    done = parse_payload("task.done", {"task_id": "t-1", "note": "line 1\r\nline 2\tend"})
    assert done.as_json()["note"] == "line 1\nline 2\tend"
    with pytest.raises(ValidationError, match=r"^note: must not contain control characters$"):
        parse_payload("task.done", {"task_id": "t-1", "note": "a\x00b"})


def test_lengths_follow_the_columns_they_land_in() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_payload(
            "user.enrolled",
            {"id": "U" * 33, "name": "N" * 121, "roles": ["operator"], "pin_hash": "h" * 201},
        )
    assert set(refused.value.fields) == {"id", "name", "pin_hash"}
    assert "must be at most 32 characters (it has 33)" in str(refused.value)
    # A code ending in a line break is no code (a `$` pattern would have let it through).
    with pytest.raises(ValidationError, match="must be one line"):
        parse_payload("item.defined", {"code": "BOLT\n", "name": "Bolt", "item_class": "raw"})


def test_details_and_changes_are_a_few_short_named_values() -> None:
    base = {"posting_id": "p-1", "reason": "typo in the ERP"}
    with pytest.raises(ValidationError) as refused:
        parse_payload(
            "erp.posting_edited",
            {
                **base,
                "changes": {
                    "good": 1e300,
                    "note": "a\x00b",
                    "nested": {"a": 1},
                    "k" * 65: 1,
                },
            },
        )
    fields = refused.value.fields
    assert {"changes.good", "changes.note", "changes.nested"} <= set(fields)
    assert any(f.startswith("changes.kkkk") and f.endswith("….[key]") for f in fields)
    many = {f"k{n}": n for n in range(MAX_KEYS + 1)}
    with pytest.raises(ValidationError, match="changes: Dictionary should have at most 32"):
        parse_payload("erp.posting_edited", {**base, "changes": many})
    ok = parse_payload("erp.posting_edited", {**base, "changes": {"good": 11, "lot": "L-7"}})
    assert ok.as_json()["changes"] == {"good": 11, "lot": "L-7"}


def test_an_unknown_key_is_named_short_and_printable() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_payload("task.acknowledged", {"task_id": "t", "x\x00" + "y" * 5000: 1})
    (field,) = refused.value.fields
    assert field.startswith("x?yyy")
    assert len(field) == 64


@pytest.mark.parametrize("good", [1e300, 99999999999999999999, -1, float("inf"), float("nan")])
def test_a_confirmation_is_finite_non_negative_and_bounded(good: float) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_payload("operation.confirmed", {"operation_id": "WO-1/0010", "good": good})
    assert refused.value.fields == ["good"]


# --- what an operation and an order can take -------------------------------------------


def running_operation(store: Store, clock: FixedClock, actor: str = OPERATOR) -> tuple[str, float]:
    """A ready operation started by `actor`; returns it and its order quantity."""
    with store.read() as session:
        op_id, quantity = session.execute(
            select(OperationInstance.id, WorkOrder.quantity)
            .join(WorkOrder, WorkOrder.number == OperationInstance.work_order_number)
            .where(OperationInstance.status == OperationStatus.READY)
            .order_by(OperationInstance.id)
        ).first() or (None, 0.0)
    assert op_id is not None
    ExecutionService(store, clock).start(actor, op_id)
    return op_id, quantity


def quantities(store: Store, op_id: str) -> tuple[float, float]:
    with store.read() as session:
        op = session.get(OperationInstance, op_id)
        assert op is not None
        return op.qty_good, op.qty_scrap


def test_an_operator_cannot_confirm_a_twenty_digit_quantity(
    plant: Store, clock: FixedClock
) -> None:
    op_id, _ = running_operation(plant, clock)
    with pytest.raises(ValidationError) as refused:
        ExecutionService(plant, clock).confirm(OPERATOR, op_id, good=99999999999999999999)
    assert str(refused.value) == "good: must be at most 1,000,000,000"
    assert quantities(plant, op_id) == (0, 0)


def test_good_and_scrap_over_the_operations_life_stay_within_over_delivery(
    plant: Store, clock: FixedClock
) -> None:
    op_id, quantity = running_operation(plant, clock)
    service = ExecutionService(plant, clock)
    limit = quantity * 1.10
    service.confirm(OPERATOR, op_id, good=quantity * 0.6)
    with pytest.raises(ValidationError) as refused:
        service.confirm(OPERATOR, op_id, good=quantity * 0.4, scrap=quantity * 0.2)
    message = str(refused.value)
    assert message.startswith(f"good: at most {limit:g} good + scrap on {op_id}")
    assert f"order quantity {quantity:g} × over-delivery 1.1" in message
    assert "A supervisor may confirm more" in message
    # Exactly up to the limit is fine; scrap alone is named as scrap.
    service.confirm(OPERATOR, op_id, good=quantity * 0.5)
    with pytest.raises(ValidationError, match=r"^scrap: at most"):
        service.confirm(OPERATOR, op_id, good=0, scrap=quantity)
    assert quantities(plant, op_id) == pytest.approx((limit, 0))


@pytest.mark.parametrize("boss", [SUPERVISOR, MANAGER])
def test_a_supervisor_or_manager_may_confirm_beyond_it(
    plant: Store, clock: FixedClock, boss: str
) -> None:
    op_id, quantity = running_operation(plant, clock)
    ExecutionService(plant, clock).confirm(boss, op_id, good=quantity * 3, final=True)
    assert quantities(plant, op_id) == (quantity * 3, 0)


def verdict(store: Store, event: Event) -> tuple[str, str | None]:
    with store.write() as session:
        assert log.ingest(session, event)
    with store.read() as session:
        record = session.scalars(select(EventRecord).where(EventRecord.id == event.id)).one()
        return record.outcome, record.reason


def test_the_reducer_refuses_an_over_delivery_from_a_terminal_that_skipped_the_check(
    plant: Store, clock: FixedClock
) -> None:
    op_id, quantity = running_operation(plant, clock)
    too_much = OperationConfirmed(operation_id=op_id, good=quantity * 2)
    outcome, reason = verdict(plant, foreign_event(too_much, clock, OPERATOR))
    assert outcome == "rejected"
    assert reason == (
        f"operation {op_id}: good + scrap would come to {quantity * 2:g}, over the limit of "
        f"{quantity * 1.1:g} (order quantity {quantity:g} × over-delivery 1.1); only a "
        "supervisor or a manager may confirm more"
    )
    assert quantities(plant, op_id) == (0, 0)
    # The same from a supervisor is applied.
    outcome, _ = verdict(plant, foreign_event(too_much, clock, SUPERVISOR))
    assert outcome == "applied"
    assert quantities(plant, op_id) == (quantity * 2, 0)


def a_requirement(store: Store) -> tuple[str, str, str, float]:
    """An operation, its order, an item the order needs, and how much of it in all."""
    with store.read() as session:
        req, op_id = session.execute(
            select(MaterialRequirement, OperationInstance.id)
            .join(
                OperationInstance,
                OperationInstance.work_order_number == MaterialRequirement.work_order_number,
            )
            .where(OperationInstance.status == OperationStatus.READY)
            .order_by(MaterialRequirement.id)
        ).first() or (None, None)
        assert req is not None
        assert op_id is not None
        needed = sum(
            r.quantity
            for r in session.scalars(
                select(MaterialRequirement).where(
                    MaterialRequirement.work_order_number == req.work_order_number,
                    MaterialRequirement.item_code == req.item_code,
                )
            )
        )
        return op_id, req.work_order_number, req.item_code, needed


def test_material_issued_is_bounded_by_what_the_order_needs(
    plant: Store, clock: FixedClock
) -> None:
    op_id, order, item, needed = a_requirement(plant)
    service = ExecutionService(plant, clock)
    with pytest.raises(ValidationError) as refused:
        service.issue_material(OPERATOR, op_id, item=item, qty=needed * 3.5)
    assert str(refused.value).startswith(f"qty: at most {needed * 3:g} of {item} on work order")
    assert "A supervisor may issue more" in str(refused.value)
    service.issue_material(SUPERVISOR, op_id, item=item, qty=needed * 3.5)
    # From a terminal that skipped the service: refused by the reducer, with the reason.
    more = MaterialIssued(work_order=order, item=item, qty=needed, operation_id=op_id)
    outcome, reason = verdict(plant, foreign_event(more, clock, OPERATOR))
    assert outcome == "rejected"
    assert "only a supervisor or a manager may issue more" in (reason or "")


def test_a_nul_in_a_hold_reason_is_refused_by_the_terminals_own_service(
    plant: Store, clock: FixedClock
) -> None:
    with pytest.raises(ValidationError, match=r"^reason: must not contain control characters$"):
        BoardService(plant, clock).place_hold(
            SUPERVISOR, HoldScope.ITEM, "BOLT", "suspect \x00 hardness"
        )


def test_the_limits_file_is_checked_and_names_what_is_wrong(tmp_path: Path) -> None:
    assert load_limits().over_delivery == pytest.approx(1.10)
    with pytest.raises(ValidationError) as refused:
        limits_from_dict({"over_delivery": 0.5, "over_issue": "lots", "overdelivery": 2}, "f")
    assert str(refused.value) == (
        "f: over_delivery: must be between 1 and 100; f: over_issue: must be a number; "
        "f: overdelivery: unknown setting"
    )
    path = tmp_path / "floor.toml"
    path.write_text("over_delivery = 1.25\n")
    assert load_limits(path).over_delivery == 1.25


def test_text_from_outside_is_made_acceptable_rather_than_lost() -> None:
    error = "Stock Entry refused:\r\n\x1b[31mnot enough stock\x00\tat line 3" + "!" * 3000
    text = printable(error, 2000, multiline=True)
    assert text.startswith("Stock Entry refused:\n [31mnot enough stock \tat line 3")
    assert len(text) == 2000
    assert parse_payload("erp.posting_failed", {"posting_id": "p-1", "error": text})
