"""Proof of convergence (issue 17): a stateful model of terminals, a server, the ERP and
faults.

Hypothesis drives 2 to 5 terminals (each its own SQLite database and sync engine, driven
step by step) against one real server on 127.0.0.1, on SQLite and on PostgreSQL: people
(each terminal's crew logged in) give every command a terminal offers, log out, type
wrong PINs until the PIN locks, review the changes the server refused; terminals go
offline, requests and answers are lost before and after the server's commit, batches
arrive twice and out of order, the server and terminals are killed and restarted,
terminals enroll mid-history and their clocks drift; the ERP refuses, times out, is
away or is asked twice after the server died mid-post; an ERP import changes orders the
floor is working on; the server's clock jumps and its deadline timer runs. After each
heal and at the end of every run the model checks convergence
(tests/sync/convergence_world.py: World.check).

Each run writes its history (JSON lines) in the test's folder; a failure names the file,
and `replay_history` runs it again. `python -m tests.perf convergence` runs the same
model for 10,000+ steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test
from sqlalchemy import delete, select, update

from app.events import replay
from app.model import EventRecord, ExceptionFact, ShopException
from tests.conftest import service_missing
from tests.memory_keyring import MemoryKeyring, using_memory_keyring
from tests.sync.convergence_model import (
    Model,
    Stats,
    machine_for,
    plain,
    read_history,
    replay_history,
)
from tests.sync.convergence_world import (
    Backend,
    Divergence,
    PostgresBackend,
    SqliteBackend,
    World,
)
from tests.sync.plant import SNAPSHOT_IGNORE

# Deterministic (the same steps every run), no example database in the repository, and
# small enough for CI: about a few hundred steps over both backends. No shrinking: every
# example runs a real server (about a second each), so shrinking a failure takes Hypothesis
# its full five minutes; the failing run's history replays it exactly instead. The first
# example is Hypothesis's simplest (all idle steps: it builds no plant and costs nothing).
CI = settings(
    max_examples=2,
    phases=[Phase.explicit, Phase.generate],
    stateful_step_count=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture(scope="module")
def sqlite_backend() -> Iterator[SqliteBackend]:
    """Server databases copied from one seeded with the model's plant, once a module."""
    backend = SqliteBackend()
    yield backend
    backend.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, sqlite_backend: SqliteBackend) -> Iterator[Backend]:
    if request.param == "sqlite":
        yield sqlite_backend
        return
    try:
        pg = PostgresBackend()
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
    assert stats.steps >= 90  # the model did the work it is meant to
    assert stats.heals >= stats.histories  # every run ended healed and checked
    assert stats.outcomes.get("recorded", 0) > 0  # people did record events
    erp = stats.erp
    assert erp.acknowledged > 0  # and what they recorded reached the ERP
    # Inside the generated runs, not only in a replayed history: the ERP refused,
    # timed out and answered twice (its lookup after the server died mid-post), the
    # server was killed, an import changed orders the floor was working on.
    happened = {
        "refused": erp.refused,
        "timed out": erp.timed_out,
        "answered twice": erp.answered_twice,
        "server killed": erp.server_kills,
        "imported": erp.imports,
    }
    assert all(happened.values()), happened


# A history with a fault of every layer: the network, the server's process, the ERP (a
# crash after its commit, a refusal), its import, the clock and the deadline timer, PINs.
FAULTY_HISTORY: list[tuple[str, dict[str, Any]]] = [
    ("setup", {"terminals": 2}),
    ("start", {"t": 0, "who": 0, "n": 1}),
    ("confirm", {"t": 0, "who": 0, "n": 0, "good": 3, "final": False}),
    ("raise", {"t": 1, "who": 3, "kind": 0, "n": 2}),
    ("lose", {"t": 0, "what": "answer", "call": "push"}),  # the server has them
    ("erp", {"what": "crash"}),  # the confirmation is booked, the server dies
    ("sync", {"t": 1, "call": "sync"}),
    ("start_server", {}),
    ("sync", {"t": 1, "call": "sync"}),  # the new writer asks again: answered twice
    ("erp", {"what": "refuse"}),
    ("confirm", {"t": 0, "who": 0, "n": 0, "good": 2, "final": True}),
    ("sync", {"t": 0, "call": "sync"}),  # refused by the ERP
    ("erp_import", {"n": 1, "change": "qty", "amount": 3}),
    ("logout", {"t": 1, "who": 3}),
    ("exception", {"t": 1, "who": 3, "n": 0, "action": "ack"}),  # refused by the server
    ("pin", {"t": 0, "who": 4, "wrong": 5, "right": True}),
    ("clock", {"minutes": 3}),  # an hour: the downtime's deadlines pass
    ("heal", {"final": True}),
]


def test_a_recorded_history_replays_to_the_same_outcomes(
    sqlite_backend: SqliteBackend, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    stats = Stats()
    model = Model(sqlite_backend, tmp_path, stats)
    try:
        outcomes = [model.do(op, **args) for op, args in FAULTY_HISTORY]
    finally:
        model.close()
    assert outcomes[5] == "the server died after the ERP's commit"
    assert outcomes[-1] == "converged"
    erp = stats.erp
    assert (erp.answered_twice, erp.refused, erp.imports, erp.pin_locks) == (1, 1, 1, 1)
    assert erp.rejected >= 1  # the acknowledgement by someone logged out
    assert erp.deadline_facts >= 1
    steps = read_history(model.history.path)
    assert [(s["op"], s["args"]) for s in steps] == FAULTY_HISTORY
    assert replay_history(model.history.path, sqlite_backend, tmp_path) == []


def test_the_check_finds_a_terminal_that_diverged(
    sqlite_backend: SqliteBackend, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The invariants are not vacuous: a projection row changed behind the reducers' back,
    an event the server lost, a refused person's event taken, an ERP document missing,
    a deadline the timer did not record: each is reported after healing."""
    model = Model(sqlite_backend, tmp_path, Stats())
    try:
        model.do("setup", terminals=2)
        model.do("start", t=0, who=0, n=1)
        model.do("confirm", t=0, who=0, n=0, good=3, final=False)  # an ERP posting
        assert model.do("raise", t=0, who=0, kind=0, n=0) == "recorded 1"
        model.do("sync", t=0, call="sync")
        model.do("sync", t=1, call="pull")
        model.do("logout", t=1, who=1)
        assert model.do("exception", t=1, who=1, n=0, action="ack") == "recorded 1"
        model.do("clock", minutes=3)  # an hour on: the downtime's deadlines pass
        model.do("heal", final=True)  # converged
        world = model.world
        a, server = world.nodes[0], world.server
        with a.store.write() as session:
            row = session.scalars(select(ShopException)).one()
            summary, row.summary = row.summary, "edited on one terminal"
        with pytest.raises(Divergence, match=r"projections differ.*exceptions"):
            world.check()
        with a.store.write() as session:
            session.scalars(select(ShopException)).one().summary = summary
        world.check()  # as it was: converged again
        # The acknowledgement of someone logged out there, taken after all.
        with server.write() as session:
            ack = session.scalars(
                select(EventRecord).where(EventRecord.kind == "exception.acknowledged")
            ).one()
            assert ack.outcome == "rejected"
            ack.outcome, reason, ack.reason = "applied", ack.reason, None
        with pytest.raises(Divergence, match="was not logged in there"):
            world.check()
        with server.write() as session:
            session.execute(
                update(EventRecord)
                .where(EventRecord.kind == "exception.acknowledged")
                .values(outcome="rejected", reason=reason)
            )
        (posting, document), *_ = world.erp.documents.items()
        del world.erp.documents[posting]
        with pytest.raises(Divergence, match="posted, but not so in the ERP"):
            world.check()
        world.erp.documents[posting] = document
        a.recorded.append((99, "never-recorded", "0" * 64))
        with pytest.raises(Divergence, match="lost or changed own events"):
            world.check()
        a.recorded.pop()
        with server.write() as session:
            session.execute(delete(ExceptionFact).where(ExceptionFact.fact == "sla:ack"))
        with pytest.raises(Divergence, match="sla:ack was due"):
            world.check()
    finally:
        model.close()


def test_runs_start_from_copies_of_one_kept_start(
    sqlite_backend: SqliteBackend, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A run's server and terminals are copies of a start built once (World.begin): a copy
    holds what the start held, and its terminals still sign, push and check PINs in a
    later test's keyring (the start's secrets go with it)."""
    first = World.begin(sqlite_backend, tmp_path, 2)
    try:
        with first.server.read() as session:
            expected = replay.snapshot(session, ignore=SNAPSHOT_IGNORE)
        names = [node.name for node in first.nodes]
    finally:
        first.close()
    with using_memory_keyring():  # as the next test finds the keyring: empty
        model = Model(sqlite_backend, tmp_path, Stats())
        try:
            model.do("setup", terminals=2)
            world = model.world
            assert [node.name for node in world.nodes] == names
            with world.server.read() as session:
                assert replay.snapshot(session, ignore=SNAPSHOT_IGNORE) == expected
            for node in world.nodes:
                with node.store.read() as session:
                    assert replay.snapshot(session, ignore=SNAPSHOT_IGNORE) == expected
            assert model.do("raise", t=0, who=0, kind=0, n=1) == "recorded 1"
            assert model.do("sync", t=0, call="sync").startswith("ok")
            assert model.do("pin", t=1, who=2, wrong=0, right=True).startswith("pin logged in")
            assert model.do("heal", final=True) == "converged"
        finally:
            model.close()


def test_a_terminal_enrolled_after_the_backup_enrolls_again_once_back_online(
    sqlite_backend: SqliteBackend, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The server is restored from a backup older than a terminal that is offline then:
    someone enrolls it again when it reaches the server, not before (the model once tried
    over its dead link and failed the run)."""
    model = Model(sqlite_backend, tmp_path, Stats())
    try:
        model.do("setup", terminals=2)
        assert model.do("backup") == "backed up"
        assert model.do("enroll") == "enrolled t3"
        assert model.do("raise", t=2, who=0, kind=0, n=1) == "recorded 1"
        model.do("network", t=2, online=False)
        assert model.do("restore") == "restored"
        assert model.world.nodes[2].reenroll
        model.do("network", t=2, online=True)
        assert not model.world.nodes[2].reenroll
        assert model.do("sync", t=2, call="sync").startswith("ok")
        assert model.do("heal", final=True) == "converged"
    finally:
        model.close()


# A history whose outcome hung on what a replay did not repeat: ids (two postings of one
# confirmation sent in the order of their ids, the one the ERP refuses among them),
# kills at the server's commits, a restore, a terminal enrolled after the backup, pushes
# lost, duplicated and reordered.
REPLAYED_HISTORY: list[tuple[str, dict[str, Any]]] = [
    *FAULTY_HISTORY[:-1],
    ("backup", {}),
    ("enroll", {}),
    ("start", {"t": 2, "who": 0, "n": 3}),
    ("confirm", {"t": 2, "who": 0, "n": 0, "good": 4, "final": False}),
    ("erp", {"what": "refuse"}),
    ("confirm", {"t": 0, "who": 0, "n": 1, "good": 1, "final": False}),  # good and scrap
    ("sync", {"t": 0, "call": "sync"}),
    ("reorder", {"t": 2}),
    ("duplicate", {"t": 0, "back": 3}),
    ("kill_server", {"when": "push", "t": 2, "nth": 2}),
    ("restore", {}),
    ("sync", {"t": 2, "call": "sync"}),
    ("erp_decide", {"t": 1, "who": 1, "n": 1, "cancel": False}),
    ("heal", {"final": True}),
]


def fingerprint(model: Model) -> tuple[Any, ...]:
    """What a run ended with: the server's and every terminal's tables (ids included),
    the ERP's documents by reference, and what each terminal recorded."""
    world = model.world
    with world.server.read() as session:
        server = replay.snapshot(session, ignore=SNAPSHOT_IGNORE)
    terminals = []
    for node in world.nodes:
        with node.store.read() as session:
            terminals.append(replay.snapshot(session, ignore=SNAPSHOT_IGNORE))
    documents = {reference: posted.document for reference, posted in world.erp.documents.items()}
    return server, terminals, documents, [node.recorded for node in world.nodes]


def test_a_history_replays_to_the_same_outcomes_and_tables_every_time(
    sqlite_backend: SqliteBackend, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Replayed twice (in one process, the second run after the first's world is gone),
    a history gives the same outcome at every step and the same tables, ids and all: the
    run's ids come from a seeded generator (convergence_world.Ids), terminals open a
    connection per request (none kept alive across a kill), and nothing else in a run
    depends on the wall clock or the threads' timing. Ids made by uuid4 named the rows
    differently every time, and the order of rows with equal keys followed them."""
    runs = []
    for _ in range(2):
        model = Model(sqlite_backend, tmp_path, Stats())
        try:
            # Ports differ (each run's server and proxies take free ones).
            outcomes = [plain(model.do(op, **args)) for op, args in REPLAYED_HISTORY]
            runs.append((outcomes, fingerprint(model)))
        finally:
            model.close()
    (outcomes, first), (again, second) = runs
    assert outcomes[-1] == "converged"
    assert "restored" in outcomes
    assert again == outcomes
    assert second == first
