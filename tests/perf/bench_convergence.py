"""Proof of convergence at length (issue 17): the model of tests/sync/convergence_model.py
for at least 10,000 steps over many runs.

- convergence: Hypothesis (random, not derandomized: each session explores new runs)
  drives terminals, a server on SQLite and one on PostgreSQL (when reachable at
  TAKT_TEST_PG_URL; else SQLite takes all the steps), each half in a process of its
  own, the ERP behind the server's writer and import, and faults; every
  run heals and checks convergence at its end and every HEAL_EVERY steps or so. Reports
  per backend the steps (idle steps, where only time passes, not counted), runs
  (histories), divergences (runs that failed a check, each with its history file for
  `replay_history`), the slowest step, and what reached the ERP: postings made,
  acknowledged, refused, cancelled, asked again after a crash; ERP imports, deadline
  facts, events the server refused, PIN lockouts, kills, restores; then the total
  with the wall time and the processes' CPU time. TAKT_CONVERGENCE_STEPS changes the
  total (default 10,000).
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
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


BACKENDS = ("sqlite", "postgresql")


def make_backend(name: str) -> Backend:
    return SqliteBackend() if name == "sqlite" else PostgresBackend()


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
            # A run that failed once and then passed when Hypothesis ran it again is
            # "flaky": the first failure is in its sub-exceptions, its history in the
            # one before the last.
            first = next(iter(getattr(error, "exceptions", ())), error)
            said = f"{type(error).__name__}: {type(first).__name__}: {first}"
            failures.append(f"{stats.last_history}: {said}"[:2000])
    return stats, failures


@dataclasses.dataclass
class Half:
    """One backend's share of the steps, as its process reports it."""

    backend: str
    stats: Stats | None = None
    failures: list[str] = dataclasses.field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    skipped: str = ""


def run_half(name: str, root: Path, steps: int) -> Half:
    """One backend's runs, in a process of its own (the other backend's runs in another:
    they share nothing but the machine). A backend that cannot be reached is skipped."""
    logging.disable(logging.WARNING)  # refused events and skewed clocks, by the thousand
    started, cpu = time.perf_counter(), time.process_time()
    with using_memory_keyring():
        try:
            backend = make_backend(name)
        except Exception as error:  # no psycopg, or nothing listening
            return Half(name, skipped=f"skipped: {error}".splitlines()[0])
        try:
            stats, failures = run_backend(backend, root, steps)
        finally:
            backend.close()
    return Half(
        name,
        stats,
        failures,
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu,
    )


def report(half: Half, root: Path, steps: int) -> None:
    stats = half.stats
    assert stats is not None
    emit(
        f"convergence_{half.backend}",
        steps=stats.steps,
        histories=stats.histories,
        heals=stats.heals,
        divergences=len(half.failures),
        slowest_step_ms=round(1000 * stats.slowest_s, 1),
        slowest_op=stats.slowest_op,
        postings_acknowledged=stats.erp.acknowledged,
        postings_refused=stats.erp.refused,
        erp=dataclasses.asdict(stats.erp),
        idle_steps=stats.idle,
        seconds=round(half.seconds, 1),
        cpu_seconds=round(half.cpu_seconds, 1),
        per_step_ms=round(1000 * half.seconds / max(1, stats.steps), 1),
        seconds_by_op={
            op: round(s, 1)
            for op, s in sorted(stats.seconds_by_op.items(), key=lambda kv: -kv[1])[:8]
        },
        histories_dir=str(root),
        failures=half.failures[:5],
    )
    check(stats.steps >= steps, "the model took fewer steps than asked")


@benchmark
def bench_convergence() -> None:
    """The backends' halves run side by side, each in a process of its own (spawned: a
    fresh interpreter, no forked server threads or database connections)."""
    root = Path(tempfile.mkdtemp(prefix="takt-convergence-"))  # the histories
    started = time.perf_counter()
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(BACKENDS), mp_context=spawn) as pool:
        jobs = [pool.submit(run_half, name, root, STEPS // len(BACKENDS)) for name in BACKENDS]
        halves = [job.result() for job in jobs]
    ran = [h for h in halves if not h.skipped]
    for half in halves:
        if half.skipped:
            emit("convergence_note", **{half.backend: half.skipped})
    check(bool(ran), "no backend ran")
    # A backend that was skipped leaves its share to the other: run it there.
    share = STEPS // len(ran)
    for half in list(ran):
        stats = half.stats
        assert stats is not None
        if stats.steps < share:
            more = run_half(half.backend, root, share - stats.steps)
            if more.stats is not None:
                merge(stats, more.stats)
                half.failures += more.failures
                half.seconds += more.seconds
                half.cpu_seconds += more.cpu_seconds
    for half in ran:
        report(half, root, share)
    stats_all = [h.stats for h in ran if h.stats is not None]
    slowest = max(stats_all, key=lambda s: s.slowest_s)
    emit(
        "convergence",
        steps=sum(s.steps for s in stats_all),
        histories=sum(s.histories for s in stats_all),
        divergences=sum(len(h.failures) for h in ran),
        slowest_step_ms=round(1000 * slowest.slowest_s, 1),
        slowest_op=slowest.slowest_op,
        wall_seconds=round(time.perf_counter() - started, 1),
        # The processes' CPU time (the parent only waits): what the run costs the machine.
        cpu_seconds=round(sum(h.cpu_seconds for h in ran), 1),
    )


def merge(into: Stats, more: Stats) -> None:
    into.steps += more.steps
    into.histories += more.histories
    into.heals += more.heals
    into.idle += more.idle
    if more.slowest_s > into.slowest_s:
        into.slowest_s, into.slowest_op = more.slowest_s, more.slowest_op
    for op, s in more.seconds_by_op.items():
        into.seconds_by_op[op] = into.seconds_by_op.get(op, 0.0) + s
    for kind, n in more.outcomes.items():
        into.outcomes[kind] = into.outcomes.get(kind, 0) + n
    into.erp.add(more.erp)
