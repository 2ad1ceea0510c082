"""Exceptions end to end in the domain: raise, route, fan out, deadlines, decide, board effect."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationError
from app.events import replay
from app.model import EventRecord, ExceptionFact, MaterialRequirement, ShopException, Task
from app.model.types import (
    Channel,
    ExceptionKind,
    ExceptionStatus,
    Role,
    Severity,
    TaskStatus,
)
from app.priority.board import Board
from app.priority.load import load_state
from app.priority.model import RowStatus
from app.priority.policy import load_policy
from app.services.exceptions import ExceptionService, NewException
from app.store import Store, open_memory_store

OPERATOR, SUPERVISOR, QUALITY, MAINTENANCE, PROCUREMENT, CS = (
    "1001", "2001", "3001", "4001", "5001", "6001",
)  # fmt: skip


def board(store: Store, clock: FixedClock) -> Board:
    with store.read() as session:
        b = Board(load_state(session), load_policy())
    b.rank_all(clock.now())
    return b


def row(b: Board, op_id: str):  # type: ignore[no-untyped-def]
    wc = b.state.jobs[op_id].work_center
    return next(r for r in b.lanes[wc] if r.op_id == op_id)


def first_ready(b: Board, wc: str) -> str:
    return next(r.op_id for r in b.lanes[wc] if r.status is RowStatus.READY)


def get(store: Store, exception_id: str) -> ShopException:
    with store.read() as session:
        exc = session.get(ShopException, exception_id)
        assert exc is not None
        _ = exc.tasks
        return exc


def test_a_shortage_from_the_kiosk_is_routed_fanned_out_and_blocks_the_operation(
    demo_store: Store, clock: FixedClock
) -> None:
    before = board(demo_store, clock)
    op_id = first_ready(before, "LAT-01")
    service = ExceptionService(demo_store, clock)
    exc_id = service.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MATERIAL_SHORTAGE,
            summary="bar stock for the job is not at the machine",
            operation_id=op_id,
            item="RM-BAR-S355-90",
            quantity=4,
        ),
    )
    exc = get(demo_store, exc_id)
    assert (exc.owner_role, exc.rule, exc.channel) == (
        Role.PROCUREMENT,
        "Material shortage",
        Channel.KIOSK,
    )
    assert exc.work_order_number == op_id.split("/")[0]  # filled in from the operation
    assert exc.work_center_code == "LAT-01"
    assert exc.ack_due == clock.now() + timedelta(minutes=15)
    functions = [t.function for t in exc.tasks]
    assert Role.PROCUREMENT in functions
    assert Role.SUPERVISOR in functions
    after = board(demo_store, clock)
    assert row(after, op_id).status is RowStatus.BLOCKED_MATERIAL
    assert row(after, op_id).reason.startswith("blocked: short 4 of RM-BAR-S355-90")
    assert first_ready(after, "LAT-01") != op_id
    # Procurement resolves it: the constraint is gone.
    service.resolve(
        PROCUREMENT, exc_id, decision="bar delivered from stores", root_cause="material/staging"
    )
    assert row(board(demo_store, clock), op_id).status is not RowStatus.BLOCKED_MATERIAL


def test_customer_service_gets_a_task_only_when_a_customer_order_is_at_risk(
    demo_store: Store, clock: FixedClock
) -> None:
    with demo_store.read() as session:
        from app.model import WorkOrder

        customer_wo = session.scalars(
            select(WorkOrder.number)
            .where(WorkOrder.customer_code.is_not(None))
            .order_by(WorkOrder.number)
        ).first()
        stock_wo = session.scalars(
            select(WorkOrder.number)
            .where(WorkOrder.customer_code.is_(None))
            .order_by(WorkOrder.number)
        ).first()
    service = ExceptionService(demo_store, clock)
    item = "PP-SEAL-50"
    at_risk = service.raise_exception(
        OPERATOR,
        NewException(
            ExceptionKind.MATERIAL_SHORTAGE, "seal kits missing", work_order=customer_wo, item=item
        ),
    )
    internal = service.raise_exception(
        OPERATOR,
        NewException(
            ExceptionKind.MATERIAL_SHORTAGE, "seal kits missing", work_order=stock_wo, item=item
        ),
    )
    assert Role.CUSTOMER_SERVICE in {t.function for t in get(demo_store, at_risk).tasks}
    assert Role.CUSTOMER_SERVICE not in {t.function for t in get(demo_store, internal).tasks}


def test_bad_input_names_each_field_and_stores_nothing(
    demo_store: Store, clock: FixedClock
) -> None:
    with demo_store.read() as session:
        events_before = len(session.scalars(select(EventRecord.id)).all())
    service = ExceptionService(demo_store, clock)
    with pytest.raises(ValidationError) as caught:
        service.raise_exception(
            OPERATOR,
            NewException(ExceptionKind.MACHINE_DOWNTIME, " ", work_center="MOON-1", quantity=-1),
        )
    assert set(caught.value.fields) == {"reason_code", "quantity", "summary", "work_center"}
    assert "unknown work center 'MOON-1'" in str(caught.value)
    with pytest.raises(ValidationError, match="item: missing: say which material is short"):
        service.raise_exception(OPERATOR, NewException(ExceptionKind.MATERIAL_SHORTAGE, "short"))
    with demo_store.read() as session:
        assert len(session.scalars(select(EventRecord.id)).all()) == events_before


def test_sla_breaches_and_escalations_follow_the_clock_once(
    demo_store: Store, clock: FixedClock
) -> None:
    service = ExceptionService(demo_store, clock)
    exc_id = service.raise_exception(
        OPERATOR, NewException(ExceptionKind.MATERIAL_SHORTAGE, "no seals", item="PP-SEAL-80")
    )
    clock.advance(timedelta(minutes=14))
    assert service.check_deadlines() == 0
    clock.advance(timedelta(minutes=1))
    assert service.check_deadlines() == 1  # ack SLA breached at 15 min
    clock.advance(timedelta(minutes=16))
    assert service.check_deadlines() == 1  # 31 min: first tier, to the supervisor
    assert service.check_deadlines() == 0  # recorded once, however often the timer runs
    with demo_store.read() as session:
        facts = session.scalars(
            select(ExceptionFact).where(ExceptionFact.exception_id == exc_id)
        ).all()
    assert [(f.fact, f.to_role) for f in facts] == [
        ("escalation:1", Role.SUPERVISOR),
        ("sla:ack", None),
    ]
    assert get(demo_store, exc_id).escalation_tier == 1
    # Acknowledged in time, a second exception never breaches its ack SLA.
    other = service.raise_exception(
        OPERATOR, NewException(ExceptionKind.MATERIAL_SHORTAGE, "no seals", item="PP-SEAL-50")
    )
    service.acknowledge(PROCUREMENT, other)
    clock.advance(timedelta(minutes=20))
    service.check_deadlines()
    with demo_store.read() as session:
        assert session.get(ExceptionFact, (other, "sla:ack")) is None


def test_lifecycle_reassignment_counting_and_reopen(demo_store: Store, clock: FixedClock) -> None:
    service = ExceptionService(demo_store, clock)
    exc_id = service.raise_exception(
        OPERATOR,
        NewException(
            ExceptionKind.MACHINE_DOWNTIME,
            "coolant pump failed",
            severity=Severity.HIGH,
            work_center="LAT-02",
            details={"reason_code": "mechanical/coolant"},
        ),
    )
    assert get(demo_store, exc_id).owner_role is Role.MAINTENANCE
    lane = board(demo_store, clock).lanes["LAT-02"]
    assert {r.status for r in lane[1:]} <= {RowStatus.BLOCKED_MACHINE, RowStatus.ON_HOLD}
    with pytest.raises(
        PermissionDenied, match="only maintenance or a supervisor may acknowledge it"
    ):
        service.acknowledge(PROCUREMENT, exc_id)
    service.acknowledge(MAINTENANCE, exc_id)
    service.acknowledge(MAINTENANCE, exc_id)  # idempotent: no second event
    service.start_work(MAINTENANCE, exc_id, waiting_on="spare pump from supplier")
    assert get(demo_store, exc_id).status is ExceptionStatus.WAITING
    service.reassign(SUPERVISOR, exc_id, Role.MAINTENANCE, "Erik knows this pump", user="4001")
    service.reassign(MAINTENANCE, exc_id, Role.SUPERVISOR, "needs a decision on overtime")
    assert get(demo_store, exc_id).reassignments == 2
    service.resolve(SUPERVISOR, exc_id, decision="pump replaced", root_cause="machine/wear")
    assert {r.status for r in board(demo_store, clock).lanes["LAT-02"]} & {RowStatus.READY}
    service.reopen(SUPERVISOR, exc_id, reason="pump leaks again")
    reopened = get(demo_store, exc_id)
    assert (reopened.status, reopened.reopened) == (ExceptionStatus.IN_PROGRESS, 1)
    assert RowStatus.BLOCKED_MACHINE in {r.status for r in board(demo_store, clock).lanes["LAT-02"]}
    service.resolve(SUPERVISOR, exc_id, decision="seal replaced too", root_cause="machine/wear")
    service.close(SUPERVISOR, exc_id)
    assert get(demo_store, exc_id).status is ExceptionStatus.CLOSED
    with demo_store.read() as session:
        events = session.scalars(
            select(EventRecord.kind).where(
                EventRecord.payload["exception_id"].as_string() == exc_id
            )
        ).all()
    assert events.count("exception.acknowledged") == 1


def test_tasks_are_acknowledged_by_their_function(demo_store: Store, clock: FixedClock) -> None:
    service = ExceptionService(demo_store, clock)
    exc_id = service.raise_exception(
        OPERATOR, NewException(ExceptionKind.MATERIAL_SHORTAGE, "no valves", item="PP-VALVE-DCV")
    )
    task = next(t for t in get(demo_store, exc_id).tasks if t.function is Role.PROCUREMENT)
    with pytest.raises(PermissionDenied, match="only a procurement or supervisor may acknowledge"):
        service.acknowledge_task(OPERATOR, task.id)
    service.acknowledge_task(PROCUREMENT, task.id)
    service.finish_task(PROCUREMENT, task.id, note="expedited: arrives tomorrow 07:00")
    with demo_store.read() as session:
        done = session.get(Task, task.id)
        assert done is not None
        assert (done.status, done.acknowledged_by, done.done_by) == (
            TaskStatus.DONE,
            PROCUREMENT,
            PROCUREMENT,
        )


def test_only_quality_releases_a_quality_hold(demo_store: Store, clock: FixedClock) -> None:
    service = ExceptionService(demo_store, clock)
    b = board(demo_store, clock)
    op_id = first_ready(b, "LAT-02")
    exc_id = service.raise_exception(
        OPERATOR,
        NewException(
            ExceptionKind.QUALITY_HOLD, "burrs on the thread", operation_id=op_id, quantity=12
        ),
    )
    held = row(board(demo_store, clock), op_id)
    assert held.status is RowStatus.ON_HOLD
    assert held.reason == "on hold: burrs on the thread"
    with pytest.raises(PermissionDenied, match="only a quality may decide this"):
        service.resolve(SUPERVISOR, exc_id, decision="ship it", root_cause="none")
    service.resolve(
        QUALITY,
        exc_id,
        decision="rework: deburr",
        root_cause="tooling/wear",
        details={"disposition": "rework"},
    )
    assert row(board(demo_store, clock), op_id).status is not RowStatus.ON_HOLD


def test_an_approved_substitute_unblocks_the_operation_and_is_recorded(
    demo_store: Store, clock: FixedClock
) -> None:
    b = board(demo_store, clock)
    blocked = next(
        r for rows in b.lanes.values() for r in rows if r.status is RowStatus.BLOCKED_MATERIAL
    )
    assert blocked.shortfall is not None
    short_item = blocked.shortfall.item
    # Propose the item with the most stock to spare (quality decides whether it fits).
    substitute = max(
        (i for i in b.state.on_hand if i != short_item), key=lambda i: b.state.on_hand[i]
    )
    wo = b.state.jobs[blocked.op_id].work_order
    service = ExceptionService(demo_store, clock)
    exc_id = service.raise_exception(
        SUPERVISOR,
        NewException(
            ExceptionKind.SUBSTITUTE_MATERIAL,
            "use the alternative material",
            channel=Channel.LINE_PC,
            work_order=wo,
            item=short_item,
            details={"substitute": substitute},
        ),
    )
    assert get(demo_store, exc_id).owner_role is Role.QUALITY
    service.resolve(
        QUALITY, exc_id, decision="approved for this order", root_cause="material/supplier",
        details={"approved": True, "substitute": substitute},
    )  # fmt: skip
    with demo_store.read() as session:
        req = session.scalars(
            select(MaterialRequirement).where(
                MaterialRequirement.work_order_number == wo,
                MaterialRequirement.substitute_for == short_item,
            )
        ).one()
    assert (req.item_code, req.substitute_approved_by) == (substitute, QUALITY)
    assert row(board(demo_store, clock), blocked.op_id).status is not RowStatus.BLOCKED_MATERIAL


def test_exception_history_replays_exactly(demo_store: Store, clock: FixedClock) -> None:
    service = ExceptionService(demo_store, clock)
    exc_id = service.raise_exception(
        OPERATOR, NewException(ExceptionKind.QUALITY_HOLD, "cracks", lot_no=None, item="CP-ROD-50")
    )
    clock.advance(timedelta(hours=1))
    service.check_deadlines()
    service.resolve(
        QUALITY,
        exc_id,
        decision="scrap 3",
        root_cause="material",
        details={"disposition": "rework"},
    )
    fresh = open_memory_store()
    with demo_store.read() as source, fresh.write() as target:
        replay.copy_log(source, target)
    with demo_store.read() as a, fresh.read() as b:
        assert replay.snapshot(a) == replay.snapshot(b)
    fresh.close()
