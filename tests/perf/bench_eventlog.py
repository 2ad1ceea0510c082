"""The local event log: append rate, replay of the demo plant, chain verification."""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from app.clock import FixedClock
from app.demo.generator import demo_plant
from app.demo.seed import seed_plant
from app.events import log, replay
from app.events.payloads import StockCounted
from app.services.plant import ReferenceDataService
from app.store import open_memory_store, open_store
from tests.perf.harness import benchmark, throughput, time_runs

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)


@benchmark
def bench_append_durable() -> None:
    """One event per transaction on a WAL + synchronous=FULL file: a kiosk's write path."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "t.sqlite3", clock=FixedClock(NOW))
        seed_plant(store, demo_plant(NOW), FixedClock(NOW))
        service = ReferenceDataService(store, FixedClock(NOW))
        count = 300
        start = time.perf_counter()
        for n in range(count):
            service.define(StockCounted(item="RM-S235-3", location="MAIN-STORES", on_hand=float(n)))
        throughput("append_durable", count, time.perf_counter() - start)
        store.close()


@benchmark
def bench_replay_demo() -> None:
    """Rebuilding the demo plant's projections from its log (about 430 events)."""
    source = open_memory_store(clock=FixedClock(NOW))
    seed_plant(source, demo_plant(NOW), FixedClock(NOW))
    targets = []

    def setup() -> None:
        targets.append(open_memory_store())

    def run() -> None:
        with source.read() as s, targets[-1].write() as t:
            replay.copy_log(s, t)

    time_runs("replay_demo", run, n=10, setup=setup)
    with source.read() as s:
        time_runs("verify_chain_demo", lambda: log.verify(s), n=20)
