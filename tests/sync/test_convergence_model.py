"""Proof of convergence (issue 17): a stateful model of terminals, a server and faults.

Hypothesis drives 2 to 5 terminals (each its own SQLite database and sync engine, driven
step by step) against one real server on 127.0.0.1, on SQLite and on PostgreSQL: people
log in and out and give every command a terminal offers, terminals go offline, requests
and answers are lost before and after the server's commit, batches arrive twice and out
of order, the server and terminals are killed and restarted, terminals enroll
mid-history and their clocks drift. After each heal and at the end of every run the
model checks convergence (tests/sync/convergence_world.py: World.check).

Each run writes its history (JSON lines) next to its folder; a failure names the file,
and `replay_history` runs it again. `python -m tests.perf convergence` runs the same
model for 10,000+ steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test
from sqlalchemy import select

from app.demo.generator import PlantData
from app.model import ShopException
from tests.conftest import service_missing
from tests.memory_keyring import MemoryKeyring
from tests.sync.convergence_model import Model, Stats, machine_for, read_history, replay_history
from tests.sync.convergence_world import Backend, Divergence, PostgresBackend, SqliteBackend

# Deterministic (the same steps every run), no example database in the repository, and
# small enough for CI: about a few hundred steps over both backends. No shrinking: every
# example runs a real server (about a second each), so shrinking a failure takes Hypothesis
# its full five minutes; the failing run's history replays it exactly instead.
CI = settings(
    max_examples=3,
    phases=[Phase.explicit, Phase.generate],
    stateful_step_count=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(
    request: pytest.FixtureRequest, server_template: Path, small_plant: PlantData
) -> Iterator[Backend]:
    if request.param == "sqlite":
        yield SqliteBackend(server_template)
        return
    try:
        pg = PostgresBackend(small_plant)
    except ImportError:
        service_missing("psycopg is not installed")
    except Exception as error:  # psycopg.OperationalError: nothing listens there
        service_missing(f"PostgreSQL not reachable for the convergence model: {error}")
    try:
        yield pg
    finally:
        pg.close()


def run_model(backend: Backend, root: Path, chosen: settings) -> Stats:
    stats = Stats()
    machine = machine_for(backend, root, stats)
    try:
        run_state_machine_as_test(machine, settings=chosen)
    except BaseException as error:
        # Hypothesis ran the smallest failing example last: its history is the last one.
        error.add_note(f"history of the failing run: {stats.last_history}")
        raise
    return stats


def test_terminals_and_server_converge_whatever_happens(
    backend: Backend, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    stats = run_model(backend, tmp_path, CI)
    assert stats.steps >= 100  # the model did the work it is meant to
    assert stats.heals >= stats.histories  # every run ended healed and checked
    assert stats.outcomes.get("recorded", 0) > 0  # people did record events


def test_a_recorded_history_replays_to_the_same_outcomes(
    server_template: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    backend = SqliteBackend(server_template)
    stats = run_model(backend, tmp_path, settings(CI, max_examples=1, stateful_step_count=25))
    assert stats.last_history is not None
    steps = read_history(stats.last_history)
    assert steps[0]["op"] == "setup"
    assert replay_history(stats.last_history, backend, tmp_path) == []


def test_the_check_finds_a_terminal_that_diverged(
    server_template: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The invariants are not vacuous: a projection row changed behind the reducers' back,
    or an event the server lost, is reported after healing."""
    model = Model(SqliteBackend(server_template), tmp_path, Stats())
    try:
        model.do("setup", terminals=2)
        model.do("login", t=0, who=0)
        assert model.do("raise", t=0, who=0, kind=0, n=0) == "recorded 1"
        model.do("heal", final=True)  # converged
        a = model.world.nodes[0]
        with a.store.write() as session:
            row = session.scalars(select(ShopException)).one()
            summary, row.summary = row.summary, "edited on one terminal"
        with pytest.raises(Divergence, match=r"projections differ.*exceptions"):
            model.world.check()
        with a.store.write() as session:
            session.scalars(select(ShopException)).one().summary = summary
        model.world.check()  # as it was: converged again
        a.recorded.append((99, "never-recorded", "0" * 64))
        with pytest.raises(Divergence, match="lost or changed own events"):
            model.world.check()
    finally:
        model.close()
