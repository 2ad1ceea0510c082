"""The ranking of one lane: statuses, the dispatching rule, setups, overrides, reasons."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from app.errors import ValidationError
from app.model.types import PriorityClass
from app.priority.material import allocate
from app.priority.model import (
    Hold,
    HoldScope,
    Job,
    MachineStatus,
    Override,
    OverrideKind,
    Requirement,
    RowStatus,
    Shortfall,
)
from app.priority.policy import Policy, Rule, load_policy, policy_from_dict
from app.priority.ranking import LaneContext, rank_lane

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)
STILL = Policy(hysteresis=0.0)


def job(op: str, *, due_h: float = 48, setup: float = 10, run: float = 60, **kw: object) -> Job:
    fields: dict[str, object] = {
        "op_id": op,
        "work_order": op.split("/")[0],
        "seq": 10,
        "work_center": "WC",
        "item": "P-1",
        "setup_family": None,
        "setup_minutes": setup,
        "run_minutes": run,
        "later_minutes": 0.0,
        "later_ops": 0,
        "due_at": NOW + timedelta(hours=due_h),
        "customer": None,
        "priority_class": PriorityClass.B,
        "quantity": 10.0,
    }
    fields.update(kw)
    return Job(**fields)  # type: ignore[arg-type]


def order(rows: list) -> list[str]:
    return [r.op_id for r in rows]


def test_urgent_job_first_and_every_row_says_why() -> None:
    rows = rank_lane([job("A", due_h=200), job("B", due_h=2, run=200)], LaneContext(), STILL, NOW)
    assert order(rows) == ["B", "A"]
    assert [r.rank for r in rows] == [1, 2]
    assert rows[0].reason == "late risk: critical ratio 0.6, due in 2 h"
    assert rows[1].reason == "critical ratio 171.4, due in 8 d"
    assert dict(rows[0].breakdown)["critical_ratio"] == pytest.approx(120 / 210, abs=0.001)


def test_customer_priority_class_weighs_in() -> None:
    a = job("A", customer="ALPINE", priority_class=PriorityClass.A, due_h=30)
    c = job("C", customer="HELIX", priority_class=PriorityClass.C, due_h=30)
    rows = rank_lane([c, a], LaneContext(), STILL, NOW)
    assert order(rows) == ["A", "C"]
    assert "customer ALPINE (A)" in rows[0].reason


def test_blocked_rows_sink_below_ready_ones() -> None:
    short = Shortfall(item="4711", short=40, required=60)
    ctx = LaneContext(shortfalls={"URGENT": short})
    rows = rank_lane([job("URGENT", due_h=2), job("LATER", due_h=100)], ctx, STILL, NOW)
    assert order(rows) == ["LATER", "URGENT"]
    assert rows[1].status is RowStatus.BLOCKED_MATERIAL
    assert rows[1].reason == "blocked: short 40 of 4711, due in 2 h"


def test_running_job_stays_pinned_on_top() -> None:
    rows = rank_lane(
        [job("URGENT", due_h=1), job("RUN", due_h=500, running=True, qty_good=4.0)],
        LaneContext(),
        STILL,
        NOW,
    )
    assert order(rows) == ["RUN", "URGENT"]
    assert rows[0].status is RowStatus.RUNNING
    assert rows[0].reason == "running, 4 of 10 done"
    started = job("RUN", running=True, qty_good=4.0, started_at=NOW - timedelta(minutes=135))
    assert (
        rank_lane([started], LaneContext(), STILL, NOW)[0].reason == "running for 2 h, 4 of 10 done"
    )


def test_machine_down_blocks_the_lane() -> None:
    ctx = LaneContext(machine=MachineStatus(down=True, reason="spindle alarm"))
    rows = rank_lane([job("RUN", running=True), job("A"), job("B")], ctx, STILL, NOW)
    assert rows[0].op_id == "RUN"
    assert "machine down (spindle alarm)" in rows[0].reason
    assert {r.status for r in rows[1:]} == {RowStatus.BLOCKED_MACHINE}
    assert rows[1].reason == "blocked: machine down (spindle alarm)"


def test_held_rows_go_to_the_bottom_with_the_hold_reason() -> None:
    hold = Hold(
        id="h1", scope=HoldScope.LOT, key="L1", reason="lot L1: hardness out of spec", by="3001"
    )
    ctx = LaneContext(holds={"A": hold}, shortfalls={"B": Shortfall("X", 1, 2)})
    rows = rank_lane([job("A", due_h=1), job("B"), job("C")], ctx, STILL, NOW)
    assert order(rows) == ["C", "B", "A"]
    assert rows[2].status is RowStatus.ON_HOLD
    assert rows[2].reason == "on hold: lot L1: hardness out of spec"


def test_waiting_rows_follow_ready_ones() -> None:
    rows = rank_lane(
        [job("W", due_h=1, waiting_for=(10, "LAT-01")), job("R", due_h=90)],
        LaneContext(),
        STILL,
        NOW,
    )
    assert order(rows) == ["R", "W"]
    assert rows[1].reason == "waiting for op 10 at LAT-01, due in 1 h"


def test_same_setup_family_as_the_running_job_groups() -> None:
    jobs = [
        job("RUN", running=True, setup_family="F1"),
        job("OTHER", setup_family="F2", setup=45, due_h=60),
        job("SAME", setup_family="F1", setup=45, due_h=60),
        job("SAME2", setup_family="F1", setup=45, due_h=61),
    ]
    rows = rank_lane(jobs, LaneContext(last_family="F1"), STILL, NOW)
    assert order(rows) == ["RUN", "SAME", "SAME2", "OTHER"]
    assert rows[1].reason.startswith("same setup family as running job (F1)")
    assert dict(rows[1].breakdown)["setup_min"] == 0
    assert dict(rows[3].breakdown)["setup_min"] == 45


def test_switching_the_rule_changes_the_order() -> None:
    # ATCS favours the short job (w/p), EDD strictly the earlier due date.
    short_later = job("SHORT", run=10, due_h=30)
    long_earlier = job("LONG", run=600, due_h=29)
    atcs = rank_lane([short_later, long_earlier], LaneContext(), STILL, NOW)
    edd = rank_lane(
        [short_later, long_earlier], LaneContext(), Policy(rule=Rule.EDD, hysteresis=0), NOW
    )
    cr = rank_lane(
        [short_later, long_earlier], LaneContext(), Policy(rule=Rule.CR, hysteresis=0), NOW
    )
    assert order(atcs) == ["SHORT", "LONG"]
    assert order(edd) == ["LONG", "SHORT"]
    assert order(cr) == ["LONG", "SHORT"]  # 29 h over 10 h of work is the tighter ratio


def test_weights_from_the_policy_file_take_effect() -> None:
    a = job("A", customer="X", priority_class=PriorityClass.A)
    c = job("C", customer="Y", priority_class=PriorityClass.C)
    default = load_policy()
    assert default.rule is Rule.ATCS
    assert order(rank_lane([a, c], LaneContext(), replace(default, hysteresis=0), NOW)) == [
        "A",
        "C",
    ]
    favour_c = policy_from_dict({"weights": {"A": 1, "B": 1, "C": 5}, "hysteresis": 0})
    assert order(rank_lane([a, c], LaneContext(), favour_c, NOW)) == ["C", "A"]


def test_bad_policy_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        policy_from_dict({"rule": "fastest", "weights": {"A": -1, "Z": 2}, "atcs": {"k1": "x"}})
    text = str(caught.value)
    assert "rule: 'fastest' is not one of atcs, cr, edd" in text
    assert "weights.A: must be a number >= 0.0" in text
    assert "weights.Z: unknown priority class" in text
    assert "atcs.k1" in text


def test_hysteresis_keeps_rows_from_flickering() -> None:
    policy = Policy(hysteresis=0.10)
    a = job("A", due_h=40.0)
    b = job("B", due_h=40.1)  # a hair less urgent than A
    assert order(rank_lane([a, b], LaneContext(), policy, NOW)) == ["A", "B"]
    # B was above A on screen: a near-equal score does not swap them...
    assert order(rank_lane([a, b], LaneContext(), policy, NOW, previous=["B", "A"])) == ["B", "A"]
    # ...a clearly better one does.
    urgent = job("A", due_h=3)
    assert order(rank_lane([urgent, b], LaneContext(), policy, NOW, previous=["B", "A"])) == [
        "A",
        "B",
    ]
    # Without hysteresis the ideal order wins at once.
    assert order(rank_lane([a, b], LaneContext(), STILL, NOW, previous=["B", "A"])) == ["A", "B"]


def _override(op: str, kind: OverrideKind, target: str | None = None) -> Override:
    return Override(
        id=f"o-{op}",
        op_id=op,
        kind=kind,
        reason="customer escalation",
        by="Katrin Vogel",
        at=NOW,
        target_op_id=target,
    )


def test_pin_puts_a_job_on_top_below_the_running_one_with_its_reason() -> None:
    ctx = LaneContext(overrides={"LOW": _override("LOW", OverrideKind.PIN)})
    jobs = [job("RUN", running=True), job("HIGH", due_h=2), job("LOW", due_h=300)]
    rows = rank_lane(jobs, ctx, STILL, NOW)
    assert order(rows) == ["RUN", "LOW", "HIGH"]
    assert rows[1].reason == "pinned by Katrin Vogel: customer escalation"
    assert rows[1].override is not None


def test_move_before_and_after_another_job() -> None:
    jobs = [job("A", due_h=1), job("B", due_h=2), job("C", due_h=3), job("D", due_h=4)]
    before = LaneContext(overrides={"D": _override("D", OverrideKind.BEFORE, "B")})
    assert order(rank_lane(jobs, before, STILL, NOW)) == ["A", "D", "B", "C"]
    after = LaneContext(overrides={"A": _override("A", OverrideKind.AFTER, "C")})
    rows = rank_lane(jobs, after, STILL, NOW)
    assert order(rows) == ["B", "C", "A", "D"]
    assert rows[2].reason == "moved after C by Katrin Vogel: customer escalation"


def test_hold_override_holds_the_job() -> None:
    ctx = LaneContext(overrides={"A": _override("A", OverrideKind.HOLD)})
    rows = rank_lane([job("A", due_h=1), job("B")], ctx, STILL, NOW)
    assert order(rows) == ["B", "A"]
    assert rows[1].status is RowStatus.ON_HOLD
    assert rows[1].reason == "held by Katrin Vogel: customer escalation"


def test_overdue_jobs_say_late() -> None:
    rows = rank_lane([job("A", due_h=-5)], LaneContext(), STILL, NOW)
    assert rows[0].reason == "late, overdue 5 h"


# --- material -----------------------------------------------------------------------


def req(rid: str, op: str, qty: float, need_h: float) -> Requirement:
    return Requirement(
        id=rid, op_id=op, item="4711", quantity=qty, need_at=NOW + timedelta(hours=need_h)
    )


def test_material_is_allocated_by_need_date() -> None:
    reqs = [req("r2", "LATE", 60, 10), req("r1", "EARLY", 60, 2)]
    short = allocate(reqs, on_hand=100)
    assert set(short) == {"LATE"}
    assert short["LATE"] == Shortfall(item="4711", short=20, required=60)


def test_incoming_counts_only_when_it_arrives_in_time() -> None:
    reqs = [req("r1", "A", 50, 5), req("r2", "B", 50, 30)]
    receipts = [(NOW + timedelta(hours=24), 50.0)]
    assert set(allocate(reqs, on_hand=50, incoming=receipts)) == set()
    late_receipt = [(NOW + timedelta(hours=40), 50.0)]
    assert set(allocate(reqs, on_hand=50, incoming=late_receipt)) == {"B"}


def test_a_job_that_cannot_be_covered_does_not_starve_later_ones() -> None:
    reqs = [req("r1", "BIG", 500, 1), req("r2", "SMALL", 20, 2)]
    assert set(allocate(reqs, on_hand=100)) == {"BIG"}
