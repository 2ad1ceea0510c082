"""Property: the incremental board always equals a board ranked from scratch.

Random changes (stock counts, receipts, machines, holds, overrides, jobs starting or
finishing) are applied through the Board's change methods and only the lanes they
report are re-ranked; every lane must then equal what a fresh Board ranks.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.clock import FixedClock
from app.demo.generator import synthetic_plant
from app.demo.seed import seed_plant
from app.priority.board import Board
from app.priority.load import load_state
from app.priority.model import Hold, HoldScope, MachineStatus, Override, OverrideKind, PlantState
from app.priority.policy import Policy
from app.store import open_memory_store

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)
POLICY = Policy(hysteresis=0.0)  # without hysteresis the order itself must match


def _plant() -> PlantState:
    store = open_memory_store(clock=FixedClock(NOW))
    seed_plant(
        store,
        synthetic_plant(seed=3, work_centers=8, open_operations=160, now=NOW),
        FixedClock(NOW),
    )
    with store.read() as session:
        return load_state(session)


BASE = _plant()
ITEMS = sorted({r.item for r in BASE.requirements.values()})
WCS = sorted({j.work_center for j in BASE.jobs.values()})
OPS = sorted(BASE.jobs)

change = st.one_of(
    st.tuples(st.just("stock"), st.sampled_from(ITEMS), st.floats(0, 500, allow_nan=False)),
    st.tuples(st.just("incoming"), st.sampled_from(ITEMS), st.integers(1, 72), st.floats(1, 300)),
    st.tuples(st.just("machine"), st.sampled_from(WCS), st.booleans()),
    st.tuples(st.just("hold"), st.sampled_from(OPS), st.booleans()),
    st.tuples(st.just("override"), st.sampled_from(OPS), st.sampled_from(list(OverrideKind))),
    st.tuples(st.just("start"), st.sampled_from(OPS)),
    st.tuples(st.just("finish"), st.sampled_from(OPS)),
)


def _apply(board: Board, step: tuple) -> set[str]:  # type: ignore[type-arg]
    kind = step[0]
    if kind == "stock":
        return board.set_stock(step[1], step[2])
    if kind == "incoming":
        return board.set_incoming(step[1], ((NOW + timedelta(hours=step[2]), step[3]),))
    if kind == "machine":
        return board.set_machine(step[1], MachineStatus(down=step[2], reason="test"))
    if kind == "hold":
        hold = Hold(id=f"h-{step[1]}", scope=HoldScope.OPERATION, key=step[1], reason="r", by="q")
        return board.put_hold(hold) if step[2] else board.drop_hold(hold.id)
    if kind == "override":
        op = step[1]
        if op not in board.state.jobs:
            return set()
        lane = sorted(
            j
            for j, job in board.state.jobs.items()
            if job.work_center == board.state.jobs[op].work_center and j != op
        )
        target = lane[0] if step[2] in (OverrideKind.BEFORE, OverrideKind.AFTER) and lane else None
        kind_ = (
            step[2]
            if target or step[2] in (OverrideKind.PIN, OverrideKind.HOLD)
            else OverrideKind.PIN
        )
        return board.put_override(
            Override(
                id=f"o-{op}", op_id=op, kind=kind_, reason="r", by="s", at=NOW, target_op_id=target
            )
        )
    if kind == "start":
        job = board.state.jobs.get(step[1])
        if job is None or job.running:
            return set()
        return board.put_job(
            copy.replace(job, running=True) if hasattr(copy, "replace") else _running(job)
        )
    job = board.state.jobs.get(step[1])
    return board.drop_job(step[1]) | (board.drop_override(step[1]) if job else set())


def _running(job):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(job, running=True, setup_minutes=0.0)


def _view(board: Board) -> dict[str, list[tuple[str, str, str]]]:
    return {
        wc: [(r.op_id, r.status.value, r.reason) for r in rows] for wc, rows in board.lanes.items()
    }


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(change, min_size=1, max_size=12))
def test_incremental_board_equals_a_fresh_one(steps: list[tuple]) -> None:  # type: ignore[type-arg]
    board = Board(copy.deepcopy(BASE), POLICY)
    board.rank_all(NOW)
    for step in steps:
        dirty = _apply(board, step)
        board.rerank(dirty, NOW)
    fresh = Board(copy.deepcopy(board.state), POLICY)
    fresh.rank_all(NOW)
    assert _view(board) == _view(fresh)
