"""Proof of convergence at length (issue 17): the model of tests/sync/convergence_model.py
for at least 10,000 steps over many runs.

- convergence: Hypothesis (random, not derandomized: each session explores new runs)
  drives terminals, a server on SQLite (and one on PostgreSQL when reachable at
  TAKT_TEST_PG_URL) and faults; every run heals and checks convergence at its end and
  every HEAL_EVERY steps or so. Reports the steps, runs (histories), divergences (runs
  that failed a check, each with its history file for `replay_history`) and the slowest
  step. TAKT_CONVERGENCE_STEPS changes the total (default 10,000).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.memory_keyring import using_memory_keyring
from tests.perf.harness import benchmark, check, emit
from tests.sync.convergence_model import Stats, machine_for
from tests.sync.convergence_world import Backend, PostgresBackend, SqliteBackend

STEPS = int(os.environ.get("TAKT_CONVERGENCE_STEPS", "10000"))
STEPS_PER_RUN = 200
HEAL_EVERY = 40  # fewer full checks than CI: the steps between them are the point
RUNS_PER_ROUND = 5  # a round ends early on a failure; the next round goes on


def backends() -> list[Backend]:
    found: list[Backend] = [SqliteBackend()]
    try:
        found.append(PostgresBackend())
    except Exception as error:  # no psycopg, or nothing listening: SQLite alone
        emit("convergence_note", postgresql=f"skipped: {error}".splitlines()[0])
    return found


def run_backend(backend: Backend, root: Path, steps: int) -> tuple[Stats, list[str]]:
    """Runs on `backend` until `steps` steps were taken; the failing runs' histories."""
    stats = Stats()
    machine = machine_for(backend, root, stats, heal_every=HEAL_EVERY)
    failures: list[str] = []
    chosen = settings(
        max_examples=RUNS_PER_ROUND,
        stateful_step_count=STEPS_PER_RUN,
        database=None,
        deadline=None,
        # No shrinking: a run costs seconds; its history replays it exactly.
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    while stats.steps < steps:
        try:
            run_state_machine_as_test(machine, settings=chosen)
        except Exception as error:
            failures.append(f"{stats.last_history}: {type(error).__name__}: {error}"[:2000])
    return stats, failures


@benchmark
def bench_convergence() -> None:
    root = Path(tempfile.mkdtemp(prefix="takt-convergence-"))
    with using_memory_keyring():
        found = backends()
        for backend in found:
            started = time.perf_counter()
            try:
                stats, failures = run_backend(backend, root, STEPS // len(found))
            finally:
                close = getattr(backend, "close", None)
                if close is not None:
                    close()
            emit(
                f"convergence_{backend.name}",
                steps=stats.steps,
                histories=stats.histories,
                heals=stats.heals,
                divergences=len(failures),
                slowest_step_s=round(stats.slowest_s, 3),
                slowest_op=stats.slowest_op,
                seconds=round(time.perf_counter() - started, 1),
                per_step_ms=round(1000 * (time.perf_counter() - started) / max(1, stats.steps), 1),
                histories_dir=str(root),
                failures=failures[:5],
            )
            check(stats.steps >= STEPS // len(found), "the model took fewer steps than asked")
