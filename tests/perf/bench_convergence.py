"""Proof of convergence at length (issue 17): the model of tests/sync/convergence_model.py
for at least 10,000 steps over many runs.

- convergence: Hypothesis (random, not derandomized: each session explores new runs)
  drives terminals, a server on SQLite (and one on PostgreSQL when reachable at
  TAKT_TEST_PG_URL), the ERP behind the server's writer and import, and faults; every
  run heals and checks convergence at its end and every HEAL_EVERY steps or so. Reports
  per backend the steps (idle steps, where only time passes, not counted), runs
  (histories), divergences (runs that failed a check, each with its history file for
  `replay_history`), the slowest step, and what reached the ERP: postings made,
  acknowledged, refused, cancelled, asked again after a crash; ERP imports, deadline
  facts, events the server refused, PIN lockouts. TAKT_CONVERGENCE_STEPS changes the
  total (default 10,000).
"""

from __future__ import annotations

import dataclasses
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
# Long runs: a run's set-up (a server, two or three terminals that pull the plant) costs
# what about fifty steps do.
STEPS_PER_RUN = 400
# Fewer full checks than CI (the steps between them are the point); terminals' whole logs
# are verified at each run's final heal.
HEAL_EVERY = 60
# Each round's first example is Hypothesis's simplest, all idle steps (free, not
# counted): a round of many examples wastes little. A round ends early on a failure;
# the next round goes on.
RUNS_PER_ROUND = 25


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
    machine = machine_for(backend, root, stats, heal_every=HEAL_EVERY, logs_every_heal=False)
    failures: list[str] = []
    while stats.steps < steps:
        left = steps - stats.steps
        chosen = settings(
            # An example takes about 3/4 of STEPS_PER_RUN steps (some take none), and the
            # first of a round only idle steps (not counted): at least two a round.
            max_examples=min(RUNS_PER_ROUND, 2 + left * 4 // (3 * STEPS_PER_RUN)),
            stateful_step_count=STEPS_PER_RUN,
            database=None,
            deadline=None,
            # No shrinking: a run costs seconds; its history replays it exactly.
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        try:
            run_state_machine_as_test(machine, settings=chosen)
        except Exception as error:
            failures.append(f"{stats.last_history}: {type(error).__name__}: {error}"[:2000])
    return stats, failures


@benchmark
def bench_convergence() -> None:
    root = Path(tempfile.mkdtemp(prefix="takt-convergence-"))  # the histories
    with using_memory_keyring():
        found = backends()
        for backend in found:
            started = time.perf_counter()
            try:
                stats, failures = run_backend(backend, root, STEPS // len(found))
            finally:
                backend.close()
            seconds = time.perf_counter() - started
            emit(
                f"convergence_{backend.name}",
                steps=stats.steps,
                histories=stats.histories,
                heals=stats.heals,
                divergences=len(failures),
                slowest_step_ms=round(1000 * stats.slowest_s, 1),
                slowest_op=stats.slowest_op,
                postings_acknowledged=stats.erp.acknowledged,
                postings_refused=stats.erp.refused,
                erp=dataclasses.asdict(stats.erp),
                idle_steps=stats.idle,
                seconds=round(seconds, 1),
                per_step_ms=round(1000 * seconds / max(1, stats.steps), 1),
                histories_dir=str(root),
                failures=failures[:5],
            )
            check(stats.steps >= STEPS // len(found), "the model took fewer steps than asked")
