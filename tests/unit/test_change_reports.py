"""Change reports: what a write changed, and a board kept up to date from them alone.

Each write's report (`Store.on_changes`) names the work orders, items and machines it
touched; the board reads only those again (`read_slice`, `Board.apply`). After every one
of a few hundred random floor events, that board must hold exactly what a board loaded
whole from the database holds: jobs, requirements, stock, machines, holds, overrides,
reported shortages, each job's shortfall and each lane's ranking.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from app.changes import EVERYTHING, NOTHING, Changes
from app.clock import FixedClock
from app.demo.generator import synthetic_plant
from app.demo.seed import seed_plant
from app.errors import Rejected
from app.events import log
from app.events import payloads as p
from app.model.types import (
    Channel,
    ExceptionKind,
    HoldScope,
    MachineState,
    OverrideKind,
    Role,
    Severity,
)
from app.priority.board import Board
from app.priority.load import lane_state, load_state, read_slice
from app.priority.policy import load_policy
from app.store import Store, open_memory_store

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)


@pytest.fixture(scope="module")
def plant() -> Store:
    store = open_memory_store(clock=FixedClock(NOW))
    data = synthetic_plant(seed=3, work_centers=6, open_operations=160, now=NOW)
    seed_plant(store, data, FixedClock(NOW))
    return store


def _record(store: Store, payload: p.Payload) -> bool:
    try:
        with store.write() as session:
            log.append(
                session,
                terminal_id=store.terminal_id,
                payload=payload,
                actor="system",
                occurred_at=NOW,
            )
    except Rejected:
        return False
    return True


class Floor:
    """Random but meaningful floor events on the plant's own operations and items."""

    def __init__(self, store: Store, seed: int) -> None:
        self.store = store
        self.rng = random.Random(seed)
        self.seed = seed
        self.n = 0
        with store.read() as session:
            state = load_state(session)
        self.ops = sorted(state.jobs)
        self.orders = sorted({j.work_order for j in state.jobs.values()})
        self.items = sorted({r.item for r in state.requirements.values()})
        self.work_centers = sorted(state.work_centers)
        self.holds: list[str] = []
        self.overrides: list[str] = []
        self.exceptions: list[str] = []

    def _id(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-{self.seed}-{self.n}"

    def next(self) -> p.Payload:
        rng = self.rng
        op = rng.choice(self.ops)
        order = op.rpartition("/")[0]
        item = rng.choice(self.items)
        choice = rng.randrange(15)
        if choice == 0:
            return p.OperationStarted(operation_id=op)
        if choice == 1:
            return p.OperationConfirmed(
                operation_id=op, good=rng.choice([1.0, 5.0, 20.0]), final=rng.random() < 0.4
            )
        if choice == 2:
            return p.MaterialIssued(work_order=order, item=item, qty=rng.choice([1.0, 10.0]))
        if choice == 3:
            return p.StockCounted(item=item, location="MAIN", on_hand=rng.choice([0.0, 5.0, 900.0]))
        if choice == 4:
            return p.SupplyExpected(
                id=self._id("SUP"),
                item=item,
                quantity=50.0,
                expected_at=NOW + timedelta(hours=rng.randrange(1, 72)),
                location="MAIN",
            )
        if choice == 5:
            down = rng.random() < 0.6
            return p.MachineStateChanged(
                work_center=rng.choice(self.work_centers),
                state=MachineState.DOWN if down else MachineState.RUNNING,
                reason="spindle" if down else None,
            )
        if choice == 6:
            hold = self._id("H")
            self.holds.append(hold)
            scope, key = rng.choice(
                [(HoldScope.OPERATION, op), (HoldScope.WORK_ORDER, order), (HoldScope.ITEM, item)]
            )
            return p.HoldPlaced(hold_id=hold, scope=scope, key=key, reason="check it")
        if choice == 7 and self.holds:
            return p.HoldReleased(
                hold_id=self.holds.pop(rng.randrange(len(self.holds))), note="checked, fine"
            )
        if choice == 8:
            override = self._id("OV")
            self.overrides.append(override)
            return p.OverrideSet(
                override_id=override, operation_id=op, kind=OverrideKind.PIN, reason="rush order"
            )
        if choice == 9 and self.overrides:
            return p.OverrideCleared(
                override_id=self.overrides.pop(rng.randrange(len(self.overrides))),
                reason="done with it",
            )
        if choice == 10:
            exception = self._id("EX")
            self.exceptions.append(exception)
            named = rng.randrange(3)
            return p.ExceptionRaised(
                exception_id=exception,
                kind=ExceptionKind.MATERIAL_SHORTAGE,
                severity=Severity.HIGH,
                channel=Channel.KIOSK,
                summary=f"short of {item}",
                item=item,
                operation_id=op if named == 0 else None,
                work_order=order if named == 1 else None,
                quantity=rng.choice([None, 3.0]),
                rule="test",
                owner_role=Role.PROCUREMENT,
                ack_due=NOW + timedelta(minutes=5),
                resolve_due=NOW + timedelta(hours=1),
            )
        if choice == 11 and self.exceptions:
            return p.ExceptionResolved(
                exception_id=self.exceptions.pop(rng.randrange(len(self.exceptions))),
                decision="supplier delivered",
                root_cause="material/supplier",
            )
        if choice == 13:
            exception = self._id("DT")
            self.exceptions.append(exception)
            return p.ExceptionRaised(
                exception_id=exception,
                kind=ExceptionKind.MACHINE_DOWNTIME,
                severity=Severity.HIGH,
                channel=Channel.KIOSK,
                summary="spindle alarm",
                work_center=rng.choice(self.work_centers),
                details={"reason_code": "mechanical/bearing"},
                rule="test",
                owner_role=Role.MAINTENANCE,
                ack_due=NOW + timedelta(minutes=5),
                resolve_due=NOW + timedelta(hours=1),
            )
        if choice == 14 and self.exceptions:
            return p.ExceptionResolved(
                exception_id=self.exceptions.pop(rng.randrange(len(self.exceptions))),
                decision="bearing replaced",
                root_cause="machine/breakdown",
            )
        if choice == 12 and rng.random() < 0.3:
            return p.WorkOrderWithdrawn(number=order, state="cancelled")
        return p.StockCounted(item=item, location="MAIN", on_hand=rng.choice([0.0, 40.0]))


def _same(board: Board, fresh: Board) -> None:
    mine, theirs = board.state, fresh.state
    assert mine.jobs == theirs.jobs
    assert mine.requirements == theirs.requirements
    items = set(mine.on_hand) | set(theirs.on_hand)
    assert {i: mine.on_hand.get(i, 0.0) for i in items} == {
        i: theirs.on_hand.get(i, 0.0) for i in items
    }
    assert {i: r for i, r in mine.incoming.items() if r} == theirs.incoming
    assert {wc: m for wc, m in mine.machines.items() if m.down} == theirs.machines
    assert mine.holds == theirs.holds
    assert mine.overrides == theirs.overrides
    assert mine.last_family == theirs.last_family
    assert mine.reported_shortfalls == theirs.reported_shortfalls
    assert {op: board.shortfall(op) for op in mine.jobs} == {
        op: fresh.shortfall(op) for op in theirs.jobs
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_board_kept_by_change_reports_equals_one_loaded_whole(plant: Store, seed: int) -> None:
    policy = load_policy()
    with plant.read() as session:
        board = Board(load_state(session), policy)
        # The way before change reports: the whole plant read again after every write.
        reference = Board(load_state(session), policy)
    board.rank_all(NOW)
    reference.rank_all(NOW)
    reports: list[Changes] = []
    plant.on_changes.append(reports.append)
    floor = Floor(plant, seed)
    applied = 0
    try:
        for _ in range(120):
            reports.clear()
            if not _record(plant, floor.next()):
                assert reports == []  # nothing committed, nothing to report
                continue
            applied += 1
            assert len(reports) <= 1  # one per write; none when it changed nothing
            changes = reports[0] if reports else NOTHING
            assert not changes.everything
            with plant.read() as session:
                dirty = board.apply(read_slice(session, changes))
                state = load_state(session)
            _same(board, Board(state, policy))
            board.rerank(dirty, NOW)
            reference.rerank(reference.replace(state), NOW)
            # The same lanes in the same order, reasons and all, as the whole reload gives.
            assert board.lanes == reference.lanes
            if applied % 15 == 0:
                _one_lane_reads_what_it_needs(plant, floor.rng.choice(floor.work_centers))
    finally:
        plant.on_changes.remove(reports.append)
    assert applied > 60


def _one_lane_reads_what_it_needs(store: Store, work_center: str) -> None:
    """A lane ranked from `lane_state` (what an override checks) is the lane the whole
    plant ranks."""
    policy = load_policy()
    with store.read() as session:
        alone = Board(lane_state(session, work_center), policy).rerank({work_center}, NOW)
        whole = Board(load_state(session), policy).rerank({work_center}, NOW)
    assert alone == whole


def test_each_kind_of_event_reports_what_it_touches() -> None:
    assert p.OperationStarted(operation_id="WO-1/0010").KIND
    from app.changes import touched

    started = touched(p.OperationStarted(operation_id="WO-1/0010"))
    assert started.work_orders == {"WO-1"}
    assert not started.items
    counted = touched(p.StockCounted(item="STEEL", location="MAIN", on_hand=3.0))
    assert counted.items == {"STEEL"}
    assert not counted.work_orders
    assert touched(p.UserLoggedIn(user_id="1001", method="badge")).touches_board is False
    # A kind the table does not know changes everything: slower, never wrong.
    assert touched(p.ItemDefined(code="NEW", name="New", item_class="raw")) is EVERYTHING
    assert (NOTHING | counted) is counted
    assert bool(NOTHING) is False
    # A message or a handover note reloads its own screen, not the plant.
    discarded = touched(p.MessageDiscarded(message_id="email:1", reason="spam"))
    assert discarded.messages
    assert not discarded.everything
    assert not discarded.touches_board
    noted = touched(p.HandoverNoted(area="FAB", day="2026-12-07", shift="early", note="ok"))
    assert noted.handover
    assert not noted.everything
    assert not noted.touches_board
    assert (discarded | noted) == Changes(messages=True, handover=True)
    # An ERP document of a refused event, and its reversal: the postings list only.
    reversed_ = touched(p.ErpPostingReversed(posting_id="p-1", reason="cancelled in the ERP"))
    assert reversed_ == Changes(postings=True)


def test_a_write_that_changes_nothing_reports_nothing(plant: Store) -> None:
    reports: list[Changes] = []
    plant.on_changes.append(reports.append)
    try:
        with plant.write():
            pass
    finally:
        plant.on_changes.remove(reports.append)
    assert reports == []
