"""The board engine at plant scale: 5,000 open operations over 50 work centers."""

from __future__ import annotations

import functools
import itertools
from datetime import UTC, datetime, timedelta

from app.clock import FixedClock
from app.demo.generator import synthetic_plant
from app.demo.seed import seed_plant
from app.priority.board import Board
from app.priority.load import load_state
from app.priority.model import PlantState
from app.priority.policy import load_policy
from app.store import open_memory_store
from tests.perf.harness import benchmark, emit, time_runs

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)


@functools.cache
def plant_state(operations: int = 5000, work_centers: int = 50) -> PlantState:
    store = open_memory_store(clock=FixedClock(NOW))
    plant = synthetic_plant(seed=1, work_centers=work_centers, open_operations=operations, now=NOW)
    seed_plant(store, plant, FixedClock(NOW))
    with store.read() as session:
        return load_state(session)


@benchmark
def bench_rank_full_5000() -> None:
    state = plant_state()
    policy = load_policy()
    time_runs("board_index_5000", lambda: Board(state, policy), n=10)
    # Rank every lane from nothing: a new board, no order on screen, no memo.
    boards: list[Board] = []
    time_runs(
        "rank_full_5000",
        lambda: boards[-1].rank_all(NOW),
        n=10,
        setup=lambda: boards.append(Board(state, policy)),
    )
    # The periodic re-rank: every score redone a minute later, hysteresis against the screen.
    board = boards[-1]
    ticks = itertools.count(1)
    time_runs("rerank_all_5000", lambda: board.rank_all(NOW + timedelta(minutes=next(ticks))), n=20)


@benchmark
def bench_rank_incremental_shortage_5000() -> None:
    """One stock count drops an item short (or back): re-rank only the lanes it touches."""
    state = plant_state()
    board = Board(state, load_policy())
    board.rank_all(NOW)
    item = max(
        {r.item for r in state.requirements.values()},
        key=lambda i: sum(1 for r in state.requirements.values() if r.item == i),
    )
    levels = itertools.cycle([0.0, state.on_hand.get(item, 0.0)])
    touched: list[int] = []

    def shortage_event() -> None:
        dirty = board.set_stock(item, next(levels))
        board.rerank(dirty, NOW)
        touched.append(len(dirty))

    time_runs("rank_incremental_shortage_5000", shortage_event, n=30)
    emit("rank_incremental_shortage_5000_lanes", lanes_reranked=max(touched), of=len(board.lanes))

    # The whole path a terminal takes: read the projections, diff, re-rank what changed.
    store = open_memory_store(clock=FixedClock(NOW))
    seed_plant(
        store,
        synthetic_plant(seed=1, work_centers=50, open_operations=5000, now=NOW),
        FixedClock(NOW),
    )

    def reload_and_rerank() -> None:
        with store.read() as session:
            dirty = board.replace(load_state(session))
        board.rerank(dirty, NOW)

    time_runs("reload_and_rerank_5000", reload_and_rerank, n=10)
