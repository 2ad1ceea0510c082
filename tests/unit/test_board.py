"""The board over the demo plant: events constrain it at once, only touched lanes re-rank."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationError
from app.events.payloads import StockCounted
from app.model import (
    ErpPosting,
    EventRecord,
    MaterialRequirement,
    OperationInstance,
    PriorityOverride,
    StockBalance,
)
from app.model.types import (
    HoldScope,
    MachineState,
    OperationStatus,
    OverrideKind,
    PostingStatus,
)
from app.priority.board import Board
from app.priority.load import load_state
from app.priority.model import RankedRow, RowStatus
from app.priority.policy import load_policy
from app.services.board import BoardService
from app.services.execution import ExecutionService
from app.services.plant import ReferenceDataService
from app.store import Store

OPERATOR, SUPERVISOR, QUALITY = "1001", "2001", "3001"


@dataclass
class Floor:
    store: Store
    clock: FixedClock
    board: Board

    def refresh(self) -> set[str]:
        """Reload the projections, re-rank what changed; return the re-ranked lanes."""
        with self.store.read() as session:
            dirty = self.board.replace(load_state(session))
        self.board.rerank(dirty, self.clock.now())
        return dirty

    def lane(self, wc: str) -> list[RankedRow]:
        return self.board.lanes[wc]

    def row(self, op_id: str) -> RankedRow:
        wc = self.board.state.jobs[op_id].work_center
        return next(r for r in self.lane(wc) if r.op_id == op_id)


@pytest.fixture
def floor(demo_store: Store, clock: FixedClock) -> Floor:
    with demo_store.read() as session:
        board = Board(load_state(session), load_policy())
    board.rank_all(clock.now())
    return Floor(demo_store, clock, board)


def ready(rows: list[RankedRow]) -> list[str]:
    return [r.op_id for r in rows if r.status is RowStatus.READY]


def test_demo_board_has_every_kind_of_row(floor: Floor) -> None:
    statuses = {r.status for rows in floor.board.lanes.values() for r in rows}
    assert statuses == set(RowStatus)
    assert all(r.reason for rows in floor.board.lanes.values() for r in rows)


def test_a_shortage_blocks_the_operation_and_the_next_ready_one_moves_up(floor: Floor) -> None:
    # The top ready job of a lane that needs material from stock...
    needs: dict[str, set[str]] = {}
    for r in floor.board.state.requirements.values():
        needs.setdefault(r.op_id, set()).add(r.item)
    wc, first, item = next(
        (wc, ready(rows)[0], sorted(needs[ready(rows)[0]])[0])
        for wc, rows in sorted(floor.board.lanes.items())
        if len(ready(rows)) >= 2
        and ready(rows)[0] in needs
        and not needs[ready(rows)[0]] & needs.get(ready(rows)[1], set())
    )
    second = ready(floor.lane(wc))[1]
    # ...then stock of its material is counted at zero.
    with floor.store.read() as session:
        balances = session.scalars(select(StockBalance).where(StockBalance.item_code == item)).all()
    ReferenceDataService(floor.store, floor.clock).load(
        StockCounted(item=item, location=b.location, lot_no=b.lot_no or None, on_hand=0)
        for b in balances
    )
    dirty = floor.refresh()
    assert wc in dirty
    blocked = floor.row(first)
    assert blocked.status is RowStatus.BLOCKED_MATERIAL
    assert blocked.reason.startswith("blocked: short ")
    assert f"of {item}, " in blocked.reason
    assert ready(floor.lane(wc))[0] == second
    assert [r.op_id for r in floor.lane(wc)].index(first) > [r.op_id for r in floor.lane(wc)].index(
        second
    )


def test_a_machine_down_blocks_its_lane_and_only_that_lane_re_ranks(floor: Floor) -> None:
    before = {wc: rows for wc, rows in floor.board.lanes.items()}
    BoardService(floor.store, floor.clock).set_machine_state(
        OPERATOR, "LAT-01", MachineState.DOWN, "chuck hydraulics leaking"
    )
    assert floor.refresh() == {"LAT-01"}
    rows = floor.lane("LAT-01")
    assert rows[0].status is RowStatus.RUNNING
    assert {r.status for r in rows[1:]} <= {RowStatus.BLOCKED_MACHINE, RowStatus.ON_HOLD}
    assert "blocked: machine down (chuck hydraulics leaking)" in {r.reason for r in rows}
    for wc, rows_before in before.items():
        if wc != "LAT-01":
            assert floor.board.lanes[wc] is rows_before  # untouched: not even re-ranked


def test_a_quality_hold_on_a_lot_holds_that_lots_operations(floor: Floor) -> None:
    with floor.store.read() as session:
        lot, wo = session.execute(
            select(MaterialRequirement.lot_no, MaterialRequirement.work_order_number)
            .join(
                OperationInstance,
                OperationInstance.work_order_number == MaterialRequirement.work_order_number,
            )
            .where(
                MaterialRequirement.lot_no.is_not(None),
                OperationInstance.status == OperationStatus.READY,
            )
            .order_by(MaterialRequirement.id)
            .offset(3)
        ).first()
    affected = [
        j.op_id for j in floor.board.state.jobs.values() if j.work_order == wo and not j.running
    ]
    service = BoardService(floor.store, floor.clock)
    hold_id = service.place_hold(
        QUALITY, HoldScope.LOT, lot, f"lot {lot}: cracks found at incoming inspection"
    )
    floor.refresh()
    for op_id in affected:
        row = floor.row(op_id)
        assert row.status is RowStatus.ON_HOLD
        assert row.reason == f"on hold: lot {lot}: cracks found at incoming inspection"
    with pytest.raises(ValidationError, match="is on hold"):
        ExecutionService(floor.store, floor.clock).start(OPERATOR, affected[0])
    # Only quality releases a hold.
    with pytest.raises(PermissionDenied, match="only a quality may release a hold"):
        service.release_hold(SUPERVISOR, hold_id, "looks fine to me")
    service.release_hold(QUALITY, hold_id, "re-tested: within specification")
    floor.refresh()
    assert floor.row(affected[0]).status is not RowStatus.ON_HOLD


def test_an_override_stays_shows_its_reason_and_lapses_on_completion(floor: Floor) -> None:
    service = BoardService(floor.store, floor.clock)
    lane = floor.lane("LAT-01")
    running = lane[0].op_id
    last_ready = ready(lane)[-1]
    service.override(
        SUPERVISOR, last_ready, OverrideKind.PIN, "customer escalation: Alpine line stop"
    )
    floor.refresh()
    rows = floor.lane("LAT-01")
    assert [r.op_id for r in rows[:2]] == [running, last_ready]
    assert rows[1].reason == "pinned by Katrin Vogel: customer escalation: Alpine line stop"
    # It stays through later events and re-ranks...
    floor.clock.advance(timedelta(hours=2))
    floor.board.rerank(["LAT-01"], floor.clock.now())
    assert floor.lane("LAT-01")[1].op_id == last_ready
    # ...until the operation completes.
    execution = ExecutionService(floor.store, floor.clock)
    execution.confirm(OPERATOR, running, good=1, final=True)
    execution.start(OPERATOR, last_ready)
    execution.confirm(OPERATOR, last_ready, good=5, final=True)
    floor.refresh()
    with floor.store.read() as session:
        override = session.scalars(
            select(PriorityOverride).where(PriorityOverride.operation_id == last_ready)
        ).one()
    assert override.lapse_reason == "completed"
    assert override.lapsed_at == floor.clock.now()
    assert last_ready not in floor.board.state.overrides
    assert all(r.op_id != last_ready for r in floor.lane("LAT-01"))


def test_only_a_supervisor_overrides_and_always_with_a_reason(floor: Floor) -> None:
    service = BoardService(floor.store, floor.clock)
    op = ready(floor.lane("LAT-01"))[0]
    with pytest.raises(
        PermissionDenied, match="only a supervisor or manager may override priority"
    ):
        service.override(OPERATOR, op, OverrideKind.PIN, "I want this one")
    with pytest.raises(ValidationError, match="reason: say why"):
        service.override(SUPERVISOR, op, OverrideKind.PIN, "  ")
    with pytest.raises(ValidationError, match="target: choose the job to move before"):
        service.override(SUPERVISOR, op, OverrideKind.BEFORE, "sequence for the crane")


def test_confirmations_record_quantities_and_queue_an_erp_posting(floor: Floor) -> None:
    running = floor.lane("LAT-01")[0].op_id
    execution = ExecutionService(floor.store, floor.clock)
    with floor.store.read() as session:
        good_before = session.get(OperationInstance, running).qty_good  # type: ignore[union-attr]
    execution.confirm(OPERATOR, running, good=3, scrap=1)
    with floor.store.read() as session:
        op = session.get(OperationInstance, running)
        assert op is not None
        assert (op.qty_good, op.qty_scrap, op.status) == (
            good_before + 3,
            1,
            OperationStatus.RUNNING,
        )
        posting = session.scalars(
            select(ErpPosting)
            .join(EventRecord, EventRecord.id == ErpPosting.event_id)
            .order_by(EventRecord.position.desc())
        ).first()
    assert posting is not None
    assert posting.status is PostingStatus.PENDING
    assert posting.work_order_number == op.work_order_number
    assert (posting.payload["good"], posting.payload["scrap"], posting.payload["final"]) == (
        3,
        1,
        False,
    )
    assert posting.payload["confirmed_by"] == OPERATOR
    floor.refresh()
    assert f"{good_before + 3:g} of" in floor.row(running).reason


def test_starting_and_confirming_check_the_floor(floor: Floor) -> None:
    execution = ExecutionService(floor.store, floor.clock)
    lane = floor.lane("LAT-01")
    running, waiting_next = lane[0].op_id, ready(lane)[0]
    with pytest.raises(ValidationError, match=f"LAT-01 is running {running}"):
        execution.start(OPERATOR, waiting_next)
    with pytest.raises(ValidationError, match=f"start {waiting_next} before confirming"):
        execution.confirm(OPERATOR, waiting_next, good=1)
    with pytest.raises(ValidationError) as caught:
        execution.confirm(OPERATOR, running, good=-1, scrap=-2)
    assert caught.value.fields == ["good", "scrap"]
    with pytest.raises(ValidationError, match="operation: unknown operation 'WO-0/0010'"):
        execution.start(OPERATOR, "WO-0/0010")
