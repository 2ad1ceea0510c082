"""A terminal's database copied to a second kiosk: found, said, and re-enrolled without loss.

Real server over HTTP on 127.0.0.1; the copy is made with SQLite's backup API, as an
image or a restore from backup would hold the file.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest
from sqlalchemy import func, select

from app.events import fork, log
from app.model import EventRecord, ForkedEvent, ForkState, ShopException
from app.store import open_store
from sync.client.engine import Forked, SyncEngine
from tests.sync.plant import Plant, Terminal
from tests.sync.test_sync_protocol import OPERATOR, downtime


def copy_database(plant: Plant, source: Terminal, name: str) -> None:
    """A consistent copy of `source`'s database file, where `plant.terminal(name)` opens it."""
    assert source.store.path is not None
    target = sqlite3.connect(plant.tmp_path / f"{name}.sqlite3")
    with sqlite3.connect(source.store.path) as origin:
        origin.backup(target)
    target.close()


def server_events(plant: Plant) -> list[tuple[str, int, str]]:
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        return [
            (r.terminal_id, r.terminal_seq, r.id)
            for r in session.scalars(select(EventRecord).order_by(EventRecord.server_seq))
        ]


def exceptions_on_server(plant: Plant) -> Counter[str]:
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        return Counter(session.scalars(select(ShopException.id)))


def copied_pair(plant: Plant) -> tuple[Terminal, Terminal, str]:
    """Kiosk a with one exception the server has not seen, and kiosk b: a copy of it then."""
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    shared = a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))  # not sent yet
    copy_database(plant, a, "kiosk-b")
    b = plant.terminal("kiosk-b", people=())  # the copy: same identity, same token
    assert b.store.terminal_id == a.store.terminal_id
    return a, b, shared


def reenroll(plant: Plant, b: Terminal) -> Terminal:
    """What `takt enroll --new-identity` does: a new identity, then registering as usual."""
    with b.store.write() as session:
        taken = fork.take_new_identity(
            session, "b2b2b2b2-0000-4000-8000-000000000002", now=plant.clock.now()
        )
    assert taken.reissued >= 1
    b.engine.stop()
    b.store.close()
    plant.terminals.remove(b)
    return plant.terminal("kiosk-b", people=())


def test_a_copied_database_is_told_fork_stops_and_after_reenrolling_nothing_is_lost(
    plant: Plant,
) -> None:
    a, b, shared = copied_pair(plant)
    only_a = a.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    only_b = b.exceptions.raise_exception(OPERATOR, downtime("WC-003"))
    a.engine.sync_once()  # the first copy to push is applied

    with pytest.raises(Forked):
        b.engine.sync_once()  # the second is told "fork", not "duplicate"
    status = b.engine.status
    assert status.state == "forked"
    assert "is a copy of terminal kiosk-a's" in status.detail
    assert "Its own changes are kept" in status.detail
    assert only_b not in exceptions_on_server(plant)  # nothing of b's own was taken...
    with b.store.read() as session:
        assert session.get(ShopException, only_b) is not None  # ...and b still has it
        assert session.get(ForkState, 1) is not None
    # No retry loop: further pushes and pulls stop before the network.
    b.engine.transport.base_url = "http://127.0.0.1:9"
    with pytest.raises(Forked):
        b.engine.push_pending()
    with pytest.raises(Forked):
        b.engine.pull_pending()

    b = reenroll(plant, b)
    for t in (b, a, b, a):
        t.engine.sync_once()

    # Both copies' events are on the server, each once; the shared ones once too.
    held = exceptions_on_server(plant)
    assert held[shared] == held[only_a] == held[only_b] == 1
    events = server_events(plant)
    assert len({e[2] for e in events}) == len(events)
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        reissued = session.execute(
            select(EventRecord.kind, EventRecord.outcome)
            .where(EventRecord.terminal_id == b.store.terminal_id)
            .order_by(EventRecord.terminal_seq)
        ).all()
    kinds = [kind for kind, _ in reissued]
    assert {outcome for _, outcome in reissued} == {"applied"}
    # The operator's login carried over (the server takes a person's events only from
    # where they are logged in), then b's own events, all applied.
    assert kinds[0] == "user.logged_in"
    assert "exception.raised" in kinds[1:]
    for terminal in (a, b):
        assert terminal.engine.waiting() == 0
        assert terminal.snapshot() == plant.server_snapshot()
    with b.store.read() as session:
        set_aside = list(session.scalars(select(ForkedEvent)))
        assert set_aside
        assert all(e.terminal_id == a.store.terminal_id for e in set_aside)
        assert session.get(ForkState, 1) is None
        log.verify(session)
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        log.verify(session)


def test_a_copy_that_pulls_first_finds_the_fork_in_the_page_and_applies_nothing_of_it(
    plant: Plant,
) -> None:
    a, b, _ = copied_pair(plant)
    a.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    only_b = b.exceptions.raise_exception(OPERATOR, downtime("WC-003"))
    a.engine.sync_once()
    with b.store.read() as session:
        before = session.scalar(select(func.count()).select_from(EventRecord))
    with pytest.raises(Forked):
        b.engine.pull_pending()
    assert b.engine.status.state == "forked"
    with b.store.read() as session:
        assert session.scalar(select(func.count()).select_from(EventRecord)) == before
        assert session.get(ShopException, only_b) is not None

    b = reenroll(plant, b)
    for t in (b, a, b):
        t.engine.sync_once()
    assert exceptions_on_server(plant)[only_b] == 1
    assert b.snapshot() == plant.server_snapshot()


def test_a_forked_terminal_says_so_again_after_a_restart_without_sending(plant: Plant) -> None:
    a, b, _ = copied_pair(plant)
    a.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    b.exceptions.raise_exception(OPERATOR, downtime("WC-003"))
    a.engine.sync_once()
    with pytest.raises(Forked):
        b.engine.sync_once()
    path = b.store.path
    assert path is not None
    b.engine.stop()
    b.store.close()
    plant.terminals.remove(b)

    store = open_store(path, clock=plant.clock)
    try:
        engine = SyncEngine(store, b.engine.transport.__class__("http://127.0.0.1:9"))
        assert engine.status.state == "forked"
        assert "copy of terminal kiosk-a's" in engine.status.detail
        with pytest.raises(Forked):  # refused before any request (the address is dead)
            engine.push_pending()
        engine.stop()
    finally:
        store.close()


def test_without_a_fork_a_database_with_unsent_events_keeps_its_identity(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))  # not sent
    with a.store.write() as session, pytest.raises(Exception, match="nothing shows"):
        fork.take_new_identity(
            session, "c0c0c0c0-0000-4000-8000-000000000003", now=plant.clock.now()
        )
