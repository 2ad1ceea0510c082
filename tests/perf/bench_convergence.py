"""Proof of convergence at length (issue 17): the model of tests/sync/convergence_model.py
for at least 10,000 steps over many runs.

- convergence: Hypothesis (random, not derandomized: each session explores new runs)
  drives terminals, a server on SQLite and one on PostgreSQL (when reachable at
  TAKT_TEST_PG_URL; else SQLite takes all the steps), each half in a process of its
  own, the ERP behind the server's writer and import, and faults; every
  run heals and checks convergence at its end and every HEAL_EVERY steps or so. The
  halves share one budget of steps (Budget): the faster takes more of them, so neither
  waits for the other at the end. A run that fails a check is noted with its history
  file (for `replay_history`) and ends there: Hypothesis does not run it a second time.
  Reports per backend the steps (idle steps, where only time passes, not counted), runs
  (histories), divergences (runs that failed a check), the slowest step, wall and CPU
  seconds by operation and for the runs' set-up, and what reached the ERP: postings
  made, acknowledged, refused, cancelled, asked again after a crash; ERP imports,
  deadline facts, events the server refused, PIN lockouts, kills, restores; then the
  total with the wall time and the processes' CPU time (PostgreSQL's own not included).
  TAKT_CONVERGENCE_STEPS changes the total (default 10,000); TAKT_CONVERGENCE_SEED makes
  the runs the same every session (to compare the cost of a change).
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
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.memory_keyring import using_memory_keyring
from tests.perf.harness import benchmark, check, emit
from tests.sync.convergence_model import Stats, machine_for
from tests.sync.convergence_world import Backend, PostgresBackend, SqliteBackend

STEPS = int(os.environ.get("TAKT_CONVERGENCE_STEPS", "10000"))
# Set: the same runs every session (derandomized; each round its own seed), for comparing
# the benchmark's cost before and after a change.
SEED = os.environ.get("TAKT_CONVERGENCE_SEED", "")
# Long runs (what a short one cannot reach: restores of a server that took hundreds of
# events, orders worked on for hours). A run's set-up (copies of a start: a server and
# two or three terminals, World.begin) costs what about fifteen steps do.
STEPS_PER_RUN = 400
# What a run takes on average: some end early (Hypothesis draws when to stop).
RUN_STEPS = 3 * STEPS_PER_RUN // 4
# Fewer full checks than CI (the steps between them are the point); terminals' whole logs
# are verified at each run's final heal.
HEAL_EVERY = 60
# Each round's first example is Hypothesis's simplest, all idle steps (free, not
# counted). Rounds are short so that the backends' processes share the steps by how
# fast each goes (the budget is looked at between rounds and at each run's start).
RUNS_PER_ROUND = 6
# Each backend takes at least this share of its even part of the steps, however slow.
FLOOR = 0.5


BACKENDS = ("sqlite", "postgresql")


def make_backend(name: str) -> Backend:
    return SqliteBackend() if name == "sqlite" else PostgresBackend()


class Budget:
    """The steps asked for, shared by the backends' processes: each runs until the total
    is reached (and its own floor), so the faster backend takes more of them and neither
    waits for the other at the end. Counts live in shared memory (`counts`: the steps
    of each backend, then 1 for each still running)."""

    def __init__(self, counts: Any, index: int, total: int) -> None:
        self.counts = counts
        self.index = index
        self.total = total
        self.halves = len(counts) // 2
        self.floor = int(FLOOR * total / self.halves)

    def left(self, own: int) -> int:
        """Publish this backend's steps; what it should still take (0: none)."""
        with self.counts.get_lock():
            self.counts[self.index] = own
            taken = sum(self.counts[: self.halves])
            running = max(1, sum(self.counts[self.halves :]))
        return max(0, self.floor - own, -(-(self.total - taken) // running))

    def finished(self, own: int) -> None:
        with self.counts.get_lock():
            self.counts[self.index] = own
            self.counts[self.halves + self.index] = 0


_counts: Any = None  # the Budget's shared counts, in a backend's process


def _share(counts: Any) -> None:
    global _counts
    _counts = counts


def run_backend(backend: Backend, root: Path, budget: Budget) -> tuple[Stats, list[str]]:
    """Runs on `backend` until the budget is spent; the failing runs' histories."""
    stats = Stats()
    failures: list[str] = []
    rounds = 0
    while (left := budget.left(stats.steps)) > 0:
        rounds, before, failed = rounds + 1, stats.steps, len(failures)
        machine = machine_for(
            backend,
            root,
            stats,
            heal_every=HEAL_EVERY,
            logs_every_heal=False,
            failures=failures,
            enough=lambda: budget.left(stats.steps) <= 0,
            name=f"_s{SEED}_r{rounds}" if SEED else "",
        )
        chosen = settings(
            # The first example of a round takes only idle steps (not counted).
            max_examples=min(RUNS_PER_ROUND, 1 + -(-left // RUN_STEPS)),
            stateful_step_count=STEPS_PER_RUN,
            database=None,
            deadline=None,
            derandomize=bool(SEED),
            # No shrinking: a run costs seconds; its history replays it exactly.
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        try:
            run_state_machine_as_test(machine, settings=chosen)
        except Exception as error:
            # Failing steps are noted by the machine (`failures`); this is anything else.
            first = next(iter(getattr(error, "exceptions", ())), error)
            said = f"{type(error).__name__}: {type(first).__name__}: {first}"
            failures.append(f"{stats.last_history}: {said}"[:2000])
        if stats.steps == before and len(failures) > failed:
            break  # the runs failed before their first step: more rounds would too
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
    they share nothing but the machine and the budget). A backend that cannot be reached
    is skipped: the other takes its steps."""
    logging.disable(logging.WARNING)  # refused events and skewed clocks, by the thousand
    budget = Budget(_counts, BACKENDS.index(name), steps)
    started, cpu = time.perf_counter(), time.process_time()
    stats: Stats | None = None
    with using_memory_keyring():
        try:
            try:
                backend = make_backend(name)
            except Exception as error:  # no psycopg, or nothing listening
                return Half(name, skipped=f"skipped: {error}".splitlines()[0])
            try:
                stats, failures = run_backend(backend, root, budget)
            finally:
                backend.close()
        finally:
            budget.finished(stats.steps if stats is not None else 0)
    return Half(
        name,
        stats,
        failures,
        seconds=time.perf_counter() - started,
        cpu_seconds=time.process_time() - cpu,
    )


def report(half: Half, root: Path) -> None:
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
        cpu_seconds_by_op={
            op: round(s, 1) for op, s in sorted(stats.cpu_by_op.items(), key=lambda kv: -kv[1])[:8]
        },
        setup_seconds=round(stats.setup_s, 1),
        setup_cpu_seconds=round(stats.setup_cpu, 1),
        histories_dir=str(root),
        failures=half.failures,
    )


@benchmark
def bench_convergence() -> None:
    """The backends' halves run side by side, each in a process of its own (spawned: a
    fresh interpreter, no forked server threads or database connections)."""
    root = Path(tempfile.mkdtemp(prefix="takt-convergence-"))  # the histories
    started = time.perf_counter()
    # The halves' string hashes (the order of sets of ids) are the ones a replay gets
    # with the same PYTHONHASHSEED, which each history notes.
    os.environ.setdefault("PYTHONHASHSEED", "0")
    spawn = multiprocessing.get_context("spawn")
    counts = spawn.Array("q", [0] * len(BACKENDS) + [1] * len(BACKENDS))
    with ProcessPoolExecutor(
        max_workers=len(BACKENDS), mp_context=spawn, initializer=_share, initargs=(counts,)
    ) as pool:
        jobs = [pool.submit(run_half, name, root, STEPS) for name in BACKENDS]
        halves = [job.result() for job in jobs]
    ran = [h for h in halves if not h.skipped]
    for half in halves:
        if half.skipped:
            emit("convergence_note", **{half.backend: half.skipped})
    check(bool(ran), "no backend ran")
    for half in ran:
        report(half, root)
    stats_all = [h.stats for h in ran if h.stats is not None]
    slowest = max(stats_all, key=lambda s: s.slowest_s)
    steps = sum(s.steps for s in stats_all)
    emit(
        "convergence",
        steps=steps,
        histories=sum(s.histories for s in stats_all),
        divergences=sum(len(h.failures) for h in ran),
        slowest_step_ms=round(1000 * slowest.slowest_s, 1),
        slowest_op=slowest.slowest_op,
        wall_seconds=round(time.perf_counter() - started, 1),
        # The processes' CPU time (the parent only waits): what the run costs the machine.
        cpu_seconds=round(sum(h.cpu_seconds for h in ran), 1),
        # Read the wall time with the machine's load (1, 5, 15 minutes) as the run ends.
        load=[round(n, 2) for n in os.getloadavg()],
        seed=SEED or None,
    )
    check(steps >= STEPS, "the model took fewer steps than asked")
