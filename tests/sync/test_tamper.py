"""An edited log, on the server or on a terminal, is named and stops syncing; it never
applies half a page, never shows Online, and never turns into an endless refusal."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from app.events.audit import TamperedLog
from app.model import EventRecord
from app.store import open_store
from sync.client.engine import PAGE_REFUSED, Halted, SyncEngine, SyncStatus, Tampered
from sync.client.transport import Transport
from sync.protocol import Cursor, Page
from tests.sync.plant import Plant, Terminal
from tests.sync.test_sync_protocol import OPERATOR, downtime


def edit_server_event(plant: Plant, server_seq: int) -> str:
    """Change one stored event's content on the server, as someone with the file could."""
    assert plant.server_store is not None
    with plant.server_store.write() as session:
        record = session.scalar(select(EventRecord).where(EventRecord.server_seq == server_seq))
        assert record is not None
        session.execute(
            update(EventRecord).where(EventRecord.id == record.id).values(actor="intruder")
        )
        return record.kind


def event_count(terminal: Terminal) -> int:
    with terminal.store.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRecord)) or 0)


def test_a_page_with_an_edited_event_is_refused_whole_and_said_instead_of_online(
    plant: Plant,
) -> None:
    kind = edit_server_event(plant, 3)
    fresh = plant.terminal("kiosk-new", people=())
    with pytest.raises(Halted) as refused:
        fresh.engine.pull_pending()
    assert str(refused.value).startswith(PAGE_REFUSED)
    assert "the server's event 3 (terminal " in str(refused.value)
    assert f"seq 3, {kind} at 2026-11-23" in str(refused.value)
    assert "does not match its hash" in str(refused.value)
    assert event_count(fresh) == 0  # not even the good events before it
    status = fresh.engine.status
    assert status.state == "refused"
    assert status.detail.startswith(PAGE_REFUSED)
    # Pulling stays stopped: not one more request (the address is dead now).
    fresh.engine.transport.base_url = "http://127.0.0.1:9"
    with pytest.raises(Halted):
        fresh.engine.pull_pending()


def test_the_live_stream_stops_on_a_refused_page_and_the_status_never_says_online(
    plant: Plant,
) -> None:
    edit_server_event(plant, 1)
    fresh = plant.terminal("kiosk-new", people=())
    engine = SyncEngine(
        fresh.store, Transport(plant.url, fresh.engine.transport.token), max_retry_s=0.05
    )
    reads = 0  # the live loop's: a plain page on connecting, then the stream
    stream, pull = engine.stream_transport.stream, engine.transport.pull

    def counted(cursor: Cursor) -> Iterator[Page]:
        nonlocal reads
        reads += 1
        return stream(cursor)

    def counted_pull(cursor: Cursor, limit: int = 500) -> Page:
        nonlocal reads
        reads += 1
        return pull(cursor, limit)

    engine.stream_transport.stream = counted  # type: ignore[method-assign]
    engine.transport.pull = counted_pull  # type: ignore[method-assign]
    states: list[SyncStatus] = []
    refused = threading.Event()

    def on_status(status: SyncStatus) -> None:
        states.append(status)
        if status.state == "refused":
            refused.set()

    engine.on_status = on_status
    engine.start()
    try:
        assert refused.wait(15), [s.state for s in states]
        engine.wake()  # a push round: its status must not turn the refusal into Online
        time.sleep(1.0)
        assert reads == 1  # no retry loop on a page that fails its check
        after = states[[s.state for s in states].index("refused") :]
        assert all(s.state == "refused" for s in after), [s.state for s in after]
    finally:
        engine.stop()
    assert event_count(fresh) == 0


def _edit_own_event(path: Path, seq: int, terminal_id: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE events SET actor = 'intruder' WHERE terminal_id = ? AND terminal_seq = ?",
            (terminal_id, seq),
        )


def _last_own_seq(terminal: Terminal) -> int:
    with terminal.store.read() as session:
        return int(
            session.scalar(
                select(func.max(EventRecord.terminal_seq)).where(
                    EventRecord.terminal_id == terminal.store.terminal_id
                )
            )
            or 0
        )


def test_an_edited_unsent_event_is_named_at_start_instead_of_an_endless_refusal(
    plant: Plant,
) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))  # waits to be sent
    seq, tid, path = _last_own_seq(a), a.store.terminal_id, a.store.path
    assert path is not None
    a.engine.stop()
    a.store.close()
    plant.terminals.remove(a)
    open_store(path, clock=plant.clock).close()  # a start: verified, heads moved past it
    _edit_own_event(path, seq, tid)
    with pytest.raises(TamperedLog) as found:
        open_store(path, clock=plant.clock)
    message = str(found.value)
    assert f"terminal kiosk-a seq {seq}, exception." in message
    assert "content was changed after it was recorded" in message
    assert "takt verify --database" in message


def test_an_own_event_edited_while_running_stops_pushing_with_its_name(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))
    assert a.store.path is not None
    _edit_own_event(a.store.path, _last_own_seq(a), a.store.terminal_id)
    with pytest.raises(Tampered):
        a.engine.push_pending()
    assert a.engine.status.state == "tampered"
    assert "content was changed after it was recorded" in a.engine.status.detail
    with pytest.raises(Tampered):  # stopped: not sent again and again
        a.engine.push_pending()
