"""Faults between terminals and the server: nothing lost, nothing doubled, nobody wedged."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import event, func, select, text

from app.clock import FixedClock
from app.events import log
from app.model import EventRecord, ExceptionFact, ShopException
from app.store import open_store
from sync.client.transport import Offline, Refused, ServerBusy
from sync.server.timers import DeadlineTimer
from tests.conftest import NOW
from tests.sync.faults import FaultProxy
from tests.sync.plant import Plant, Terminal
from tests.sync.test_sync_protocol import OPERATOR, SUPERVISOR, downtime

ROOT = Path(__file__).resolve().parents[2]


def converged(plant: Plant, *terminals: Terminal) -> None:
    for t in terminals:
        t.engine.sync_once()
    for t in terminals:
        t.engine.sync_once()
        assert t.engine.waiting() == 0
        assert plant.held_seqs(t) == t.own_seqs()  # each event once, none missing
        assert t.snapshot() == plant.server_snapshot()
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        log.verify(session)


@pytest.mark.parametrize("lost", ["drop_requests", "drop_answers"])
def test_a_lost_request_or_a_lost_answer_after_commit_is_retried_exactly_once(
    plant: Plant, lost: str
) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    proxy = FaultProxy(plant.port)
    a.engine.transport.base_url = proxy.url
    for n in range(3):
        a.exceptions.raise_exception(OPERATOR, downtime(f"WC-00{n + 1}"))
    logins = len(plant.held_seqs(a))  # the people logged in on it, already held
    setattr(proxy, lost, 1)
    with pytest.raises(Offline):
        a.engine.push_pending()
    committed = plant.held_seqs(a)
    assert len(committed) - logins == (3 if lost == "drop_answers" else 0)
    assert a.engine.waiting() == 3  # not acknowledged, so kept for the retry
    a.engine.push_pending()  # the retry: duplicates acknowledged, not applied again
    converged(plant, a)
    proxy.close()


def test_server_restart_while_terminals_follow_the_live_stream(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    b = plant.terminal("kiosk-b")
    for t in (a, b):
        t.engine._max_retry_s = 0.5
        t.engine.sync_once()
        t.engine.start()
    exc = a.exceptions.raise_exception(OPERATOR, downtime())
    wait_for(lambda: has_exception(b, exc))
    plant.stop_server()
    offline = a.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    wait_for(lambda: a.engine.status.state == "offline")
    assert a.engine.waiting() >= 1
    plant.start_server()  # same port, same database
    wait_for(lambda: has_exception(b, offline))
    wait_for(lambda: a.engine.waiting() == 0)
    for t in (a, b):
        t.engine.stop()
    converged(plant, a, b)


def test_server_restored_from_an_older_backup_makes_terminals_refetch_and_resend(
    plant: Plant, tmp_path: Path
) -> None:
    a = plant.terminal("kiosk-a")
    b = plant.terminal("kiosk-b")
    a.engine.sync_once()
    b.engine.sync_once()
    first = a.exceptions.raise_exception(OPERATOR, downtime())
    converged(plant, a, b)
    backup = tmp_path / "backup.sqlite3"
    assert plant.server_store is not None
    with sqlite3.connect(tmp_path / "server.sqlite3") as live, sqlite3.connect(backup) as copy:
        live.backup(copy)
    lost_a = a.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    lost_b = b.exceptions.raise_exception(OPERATOR, downtime("WC-003"))
    b.exceptions.acknowledge(SUPERVISOR, first)
    converged(plant, a, b)  # the server has them all... then loses them
    plant.stop_server()
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"server.sqlite3{suffix}").unlink(missing_ok=True)
    backup.rename(tmp_path / "server.sqlite3")
    plant.start_server()
    assert len(plant.held_seqs(a)) < len(a.own_seqs())  # the restore lost events
    converged(plant, a, b)
    for t in (a, b):
        for exc in (first, lost_a, lost_b):
            assert has_exception(t, exc)


def test_a_following_terminal_resends_what_a_restored_server_lost_with_nothing_new_recorded(
    plant: Plant, tmp_path: Path
) -> None:
    """The terminal pushed its raise but had not pulled it back when the server was
    restored from a backup taken before it: its cursor is still a point of the restored
    history, it has nothing new to push, and a live stream sends only new events. On
    connecting, the live loop reads one plain page first, which says how many of its own
    events the server holds: the raise goes out again without anyone recording more."""
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(tmp_path / "server.sqlite3") as live, sqlite3.connect(backup) as copy:
        live.backup(copy)
    lost = a.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    a.engine.push_pending()  # the server holds it; the terminal has not pulled it back
    plant.stop_server()
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"server.sqlite3{suffix}").unlink(missing_ok=True)
    backup.rename(tmp_path / "server.sqlite3")
    plant.start_server()
    assert a.engine.waiting() == 0  # it believes the server holds everything

    a.engine.start()
    try:
        wait_for(lambda: plant.held_seqs(a) == a.own_seqs())
    finally:
        a.engine.stop()
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        assert session.get(ShopException, lost) is not None


def test_a_terminal_killed_mid_write_loses_no_committed_event(plant: Plant, tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    for _ in range(30):  # let it commit a few dozen events, then pull the plug
        writer.stdout.readline()
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    store = open_store(path, clock=plant.clock)
    with store.read() as session:
        report = log.verify(session)  # the chain is whole: no torn event
    assert report.events >= 30
    store.close()
    t = plant.terminal("killed", people=())  # the same database, now synced
    assert t.store.path == path.resolve()
    converged(plant, t)
    assert len(plant.held_seqs(t)) == report.events


WRITER = """
import sys
from app.clock import SystemClock
from app.events.payloads import MachineStateChanged
from app.model.types import MachineState
from app.services.base import Service
from app.store import open_store
store = open_store(__import__('pathlib').Path(sys.argv[1]), terminal_name="killed")
service = Service(store, SystemClock())
n = 0
while True:
    n += 1
    with service.transaction() as tx:
        change = MachineStateChanged(work_center="WC-X", state=MachineState.IDLE, reason=str(n))
        tx.emit(change, "system")  # a machine signal, on a terminal that has no server yet
    print(n, flush=True)
"""


def test_clocks_skewed_by_an_hour_and_stepping_back_lose_and_double_nothing(
    plant: Plant,
) -> None:
    ahead = FixedClock(NOW + timedelta(hours=1))
    a = plant.terminal("kiosk-ahead", clock=ahead)
    b = plant.terminal("kiosk-b")
    a.engine.sync_once()
    b.engine.sync_once()
    exc = a.exceptions.raise_exception(OPERATOR, downtime())
    ahead.set(NOW - timedelta(minutes=30))  # NTP steps the clock back mid-shift
    a.exceptions.acknowledge(SUPERVISOR, exc)
    b.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    converged(plant, a, b)
    skew = a.engine.status.clock_skew_s
    assert skew is not None
    assert skew == pytest.approx(30 * 60, abs=5)  # the server is 30 min ahead of this clock
    with b.store.read() as session:
        row = session.get(ShopException, exc)
        assert row is not None
        assert row.acknowledged_by == SUPERVISOR


def test_only_the_server_records_a_passed_deadline_and_only_once(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    exc = a.exceptions.raise_exception(OPERATOR, downtime())
    a.engine.sync_once()
    with a.store.read() as session:
        row = session.get(ShopException, exc)
        assert row is not None
        assert row.ack_due is not None
        late = row.ack_due + timedelta(minutes=1)
    plant.clock.set(late)  # type: ignore[attr-defined]
    # A terminal with a server shows the countdown but records no deadline fact: the
    # server's clock decides, and it would refuse such an event from a terminal.
    assert a.exceptions.check_deadlines() == 0
    assert plant.server_store is not None
    timer = DeadlineTimer(plant.server_store, plant.clock, lambda: None)
    timer.check_now()
    timer.check_now()  # a second round records nothing new
    converged(plant, a)
    with plant.server_store.read() as session:
        facts = session.scalar(
            select(func.count()).select_from(ExceptionFact).where(ExceptionFact.exception_id == exc)
        )
        outcomes = sorted(
            session.scalars(
                select(EventRecord.outcome).where(EventRecord.kind == "exception.deadline_passed")
            )
        )
    assert facts
    assert outcomes == ["applied"] * facts
    with a.store.read() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(ExceptionFact)
                .where(ExceptionFact.exception_id == exc)
            )
            == facts
        )


def wait_for(condition: object, timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def has_exception(t: Terminal, exc: str) -> bool:
    with t.store.read() as session:
        return session.get(ShopException, exc) is not None


def test_the_server_answers_401_without_a_token_and_refuses_foreign_events(plant: Plant) -> None:
    assert requests.get(f"{plant.url}/v1/events", timeout=5).status_code == 401
    a = plant.terminal("kiosk-a")
    b = plant.terminal("kiosk-b")
    a.engine.sync_once()
    a.exceptions.raise_exception(OPERATOR, downtime())
    with a.store.read() as session:
        event = log.to_event(
            session.scalars(
                select(EventRecord)
                .where(EventRecord.terminal_id == a.store.terminal_id)
                .order_by(EventRecord.terminal_seq.desc())
            ).first()
        )
    with pytest.raises(Refused, match=r"in terminal .* name"):
        b.engine.transport.push(b.engine.cursor(), [event])  # b's token, a's event


def test_a_full_server_disk_answers_503_and_the_terminal_keeps_its_events(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    assert plant.server_store is not None
    engine = plant.server_store.engine
    with plant.server_store.read() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()

    def full_disk(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", full_disk)
    engine.dispose()  # the server's next connections find the disk full
    for n in range(3):
        a.exceptions.raise_exception(OPERATOR, downtime(f"WC-00{n + 1}"))
    logins = plant.held_seqs(a)
    with pytest.raises(ServerBusy) as busy:
        a.engine.push_pending()
    assert busy.value.retry_after_s == 30
    assert "disk is full" in str(busy.value)
    assert plant.held_seqs(a) == logins  # nothing of the batch was stored
    assert a.engine.waiting() == 3  # kept on the terminal for the retry

    event.remove(engine, "connect", full_disk)
    engine.dispose()  # space freed
    a.engine.push_pending()
    converged(plant, a)
