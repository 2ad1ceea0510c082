"""The server's global order is commit order: a reader never skips an event that commits
late (two concurrent writers, one slow to commit), on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time

from sqlalchemy.orm import Session

from app.clock import FixedClock
from app.events.payloads import MachineStateChanged
from app.events.signing import new_private_key, public_key_text
from app.model.types import MachineState
from app.services.base import Service
from app.store import Store, open_memory_store
from sync.protocol import Cursor, PushRequest, WireEvent
from sync.server import feed
from sync.server.app import prepare
from sync.server.ingest import apply_batch
from tests.conftest import NOW


def batch_of(terminal: Store, n: int) -> PushRequest:
    service = Service(terminal, FixedClock(NOW))
    events = []
    for i in range(n):
        with service.transaction() as tx:
            change = MachineStateChanged(work_center="WC-X", state=MachineState.IDLE, reason=str(i))
            events.append(tx.emit(change, "system"))  # numbered whatever its verdict
    return PushRequest(cursor=Cursor(), events=[WireEvent.of(e) for e in events])


def register(session: Session, terminal: Store) -> None:
    from sync.server import auth

    auth.register(
        session,
        enrollment_key="k",
        presented_key="k",
        terminal_id=terminal.terminal_id,
        name=terminal.terminal_name,
        public_key=public_key_text(new_private_key()),
        server_id="the-server",
        now=NOW,
    )


def test_a_reader_never_sees_a_later_number_before_an_earlier_one(any_store: Store) -> None:
    prepare(any_store)
    slow, fast = open_memory_store(terminal_name="slow"), open_memory_store(terminal_name="fast")
    slow_batch, fast_batch = batch_of(slow, 20), batch_of(fast, 20)
    with any_store.write() as session:
        register(session, slow)
        register(session, fast)
    holding = threading.Event()
    seen: list[list[int]] = []
    done = threading.Event()

    def slow_writer() -> None:
        with any_store.write() as session:
            apply_batch(session, slow.terminal_id, slow_batch)
            holding.set()
            time.sleep(0.8)  # numbers taken, commit late

    def fast_writer() -> None:
        with any_store.write() as session:
            apply_batch(session, fast.terminal_id, fast_batch)

    def reader() -> None:
        while not done.is_set():
            with any_store.read() as session:
                page = feed.read_page(session, Cursor(), 1000, NOW)
            seen.append([e.server_seq for e in page.events])
            time.sleep(0.02)

    threads = [threading.Thread(target=slow_writer), threading.Thread(target=reader)]
    for t in threads:
        t.start()
    assert holding.wait(10)
    fast_thread = threading.Thread(target=fast_writer)
    fast_thread.start()
    for t in (threads[0], fast_thread):
        t.join(20)
    done.set()
    threads[1].join(5)
    for observed in seen:
        assert observed == list(range(1, len(observed) + 1))  # always a prefix, no hole
    with any_store.read() as session:
        final = feed.read_page(session, Cursor(), 1000, NOW)
    numbers: dict[str, list[int]] = {e.terminal_id: [] for e in final.events}
    for e in final.events:
        numbers[e.terminal_id].append(e.server_seq)
    assert max(numbers[slow.terminal_id]) < min(numbers[fast.terminal_id])
    assert len(final.events) == 40
