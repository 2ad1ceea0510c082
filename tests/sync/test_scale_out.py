"""The server scales out over one PostgreSQL (issue 13): real `takt server` processes.

Two server processes share one PostgreSQL schema: an event pushed to one wakes a
terminal streaming from the other (LISTEN/NOTIFY, not the stream's 10 s keepalive);
exactly one of them runs the deadline timer (and the ERP writer, notifier, import);
when that one is killed the other takes over; `takt erp post` does not post beside a
running server. SQLite refuses what it cannot do.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from app.clock import FixedClock, SystemClock
from app.demo.generator import PlantData
from app.demo.seed import seed_plant
from app.events.payloads import ExceptionDeadlinePassed, UserLoggedIn
from app.model import EventRecord, ServerState, ShopException
from app.services.base import Service
from app.services.exceptions import ExceptionService
from app.store import Store, open_store, open_store_url
from sync.client.credentials import obtain_token
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.protocol import Cursor, Page
from sync.server import terminals
from sync.server.app import prepare
from sync.server.listeners import reuse_port_sockets
from tests.conftest import postgres_schema
from tests.memory_keyring import MemoryKeyring
from tests.server_process import ROOT, ServerProcess, environment, free_port, wait_for
from tests.sync.test_sync_protocol import OPERATOR, downtime

TAKEOVER_S = 0.5  # how often a standby tries the lock (`--takeover-seconds`)
DEADLINE_S = 0.3  # how often the holder looks for passed deadlines
ACK_SLA = timedelta(minutes=15)  # resources/routing/rules.toml: machine downtime, ack
RECORDED = "recorded 1 deadline facts"  # sync/server/timers.py logs it for each fact


@pytest.fixture(scope="module")
def pg_database() -> Iterator[str]:
    """One PostgreSQL schema for this module (seeding hashes PINs: once), dropped after."""
    yield from postgres_schema()


@pytest.fixture(scope="module")
def seeded(pg_database: str, small_plant: PlantData) -> str:
    """The small plant in the shared schema, as `takt server` would find it."""
    store = open_store_url(pg_database, terminal_name="server", clock=SystemClock())
    prepare(store)
    seed_plant(store, small_plant, SystemClock())
    store.close()
    return pg_database


@pytest.fixture
def server_store(seeded: str) -> Iterator[Store]:
    """The servers' database, opened by the test: it is the server (same identity)."""
    store = open_store_url(seeded, terminal_name="server")
    prepare(store)
    yield store
    store.close()


@pytest.fixture
def servers(tmp_path: Path, seeded: str) -> Iterator[Callable[..., ServerProcess]]:
    started: list[ServerProcess] = []

    def start(*extra: str, database: str = seeded) -> ServerProcess:
        home = tmp_path / f"server-{len(started) + 1}"
        home.mkdir()
        server = ServerProcess(
            home,
            database,
            *("--takeover-seconds", str(TAKEOVER_S), "--deadline-check-seconds", str(DEADLINE_S)),
            *extra,
            name=home.name,
        )
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()


def _pair(servers: Callable[..., ServerProcess]) -> tuple[ServerProcess, ServerProcess]:
    """Two server processes on the database; the first one started holds the lock."""
    first = servers()
    assert first.started()["singletons"] == "held"
    second = servers()
    assert second.started()["singletons"] == "standby"
    return first, second


def _raise_due_in(store: Store, seconds: float, work_center: str) -> str:
    """An exception raised on the server (as a supervisor's import would be), whose
    acknowledgement falls due `seconds` from now by the servers' clock."""
    clock = FixedClock(datetime.now(UTC) - ACK_SLA + timedelta(seconds=seconds))
    with Service(store, clock).transaction() as tx:
        tx.emit(UserLoggedIn(user_id=OPERATOR, method="badge"), OPERATOR)
    exception_id = ExceptionService(store, clock).raise_exception(OPERATOR, downtime(work_center))
    with store.read() as session:
        row = session.get(ShopException, exception_id)
        assert row is not None
        assert row.ack_due is not None
        due = row.ack_due.replace(tzinfo=row.ack_due.tzinfo or UTC)
    assert abs((due - datetime.now(UTC)).total_seconds() - seconds) < 2, "rules.toml changed?"
    return exception_id


def _ack_breaches(store: Store, exception_id: str) -> int:
    with store.read() as session:
        payloads = session.scalars(
            select(EventRecord.payload).where(EventRecord.kind == ExceptionDeadlinePassed.KIND)
        )
        return sum(
            1 for p in payloads if p["exception_id"] == exception_id and p["fact"] == "sla:ack"
        )


# -- (a) the live stream is woken across processes --------------------------------------


def test_an_event_pushed_to_one_process_wakes_a_stream_on_the_other_at_once(
    servers: Callable[..., ServerProcess],
    server_store: Store,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    one, two = _pair(servers)
    clock = SystemClock()
    kiosk = open_store(tmp_path / "kiosk.sqlite3", terminal_name="kiosk", clock=clock)
    to_one = Transport(one.url)
    code = terminals.add(server_store, clock.now(), "kiosk").code
    obtain_token(to_one, kiosk.terminal_id, "kiosk", code).use(to_one)
    engine = SyncEngine(kiosk, to_one, clock=clock)
    to_two = Transport(two.url, token=to_one.token)
    try:
        engine.pull_pending()
        with Service(kiosk, clock).transaction() as tx:
            tx.emit(UserLoggedIn(user_id=OPERATOR, method="badge"), OPERATOR)
        engine.push_pending()
        with server_store.read() as session:
            state = session.get(ServerState, 1)
            assert state is not None
            at = session.scalar(
                select(EventRecord.id).where(EventRecord.server_seq == state.head_seq)
            )
            cursor = Cursor(epoch=state.epoch, seq=state.head_seq, event_id=at)

        arrived: list[tuple[float, Page]] = []

        def follow() -> None:  # a terminal following process two
            for page in to_two.stream(cursor):
                if page.events:
                    arrived.append((time.monotonic(), page))
                    return

        follower = threading.Thread(target=follow, daemon=True)
        follower.start()
        time.sleep(1.0)  # the stream has read its first (empty) page and waits
        assert not arrived

        exception_id = ExceptionService(kiosk, clock).raise_exception(OPERATOR, downtime("WC-001"))
        pushed_at = time.monotonic()
        engine.push_pending()  # to process one only
        follower.join(timeout=8)  # the stream's keepalive (no wakeup) would be 10 s
        assert arrived, "process two's stream was not woken"
        seen_at, page = arrived[0]
        assert any(e.payload.get("exception_id") == exception_id for e in page.events)
        # Woken by NOTIFY: well under a second here, against 10 s without it.
        assert seen_at - pushed_at < 2.0
    finally:
        to_two.abort_stream()
        engine.stop()
        kiosk.close()


# -- (b), (c) one process runs the singletons; the other takes over -----------------------


def test_one_process_runs_the_deadline_timer_and_the_other_takes_over_when_it_dies(
    servers: Callable[..., ServerProcess], server_store: Store
) -> None:
    one, two = _pair(servers)

    # (b) A breach falls due while both run: recorded once, by the holder alone.
    first = _raise_due_in(server_store, 1.0, "WC-001")
    wait_for("the first breach", lambda: _ack_breaches(server_store, first), 10)
    time.sleep(5 * DEADLINE_S)  # a second timer, were there one, would have run by now
    assert _ack_breaches(server_store, first) == 1
    assert RECORDED in one.log()
    assert RECORDED not in two.log()
    assert (two.health() or {})["singletons"] == "standby"

    # (c) The holder dies (no goodbye): the other takes over within a bounded time,
    # and a breach that falls due after the kill is still recorded, once.
    second = _raise_due_in(server_store, 3.0, "WC-002")
    killed_at = time.monotonic()
    one.kill()
    wait_for(
        "the take-over",
        lambda: (two.health() or {}).get("singletons") == "held",
        5 * TAKEOVER_S + 5,
    )
    took_over_s = time.monotonic() - killed_at
    assert took_over_s < 5 * TAKEOVER_S + 5
    assert _ack_breaches(server_store, second) == 0  # not due yet when the holder died
    wait_for("the breach after the kill", lambda: _ack_breaches(server_store, second), 10)
    time.sleep(5 * DEADLINE_S)
    assert _ack_breaches(server_store, second) == 1
    assert RECORDED in two.log()
    assert "this process runs the deadline timer" in two.log()


# -- (d) `takt erp post` beside a running server ------------------------------------------


def _takt(home: Path, database: str, *args: str) -> subprocess.Popen[str]:
    env = {
        **environment(home, database),
        "TAKT_SECRET_ERP_API_KEY": "key",
        "TAKT_SECRET_ERP_API_SECRET": "secret",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "ui", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_erp_post_refuses_beside_a_running_server_or_waits_for_it(
    servers: Callable[..., ServerProcess], seeded: str, tmp_path: Path
) -> None:
    home = tmp_path / "admin"
    home.mkdir()
    # An ERP that is not there: nothing is due in the small plant, so what matters is
    # only whether `post` gets as far as posting.
    url = f"http://127.0.0.1:{free_port()}"
    configured = _takt(home, seeded, "erp", "configure", "--kind", "erpnext", "--url", url)
    out, err = configured.communicate(timeout=60)
    assert configured.returncode == 0, err

    server = servers()
    assert server.started()["singletons"] == "held"
    refused = _takt(home, seeded, "erp", "post", "--database", seeded)
    out, err = refused.communicate(timeout=60)
    assert refused.returncode == 2, err
    assert "takt server on" in err  # names the running server ...
    assert f"(pid {server.proc.pid})" in err
    assert "--wait" in err  # ... and says what to do
    assert "Traceback" not in err

    waiting = _takt(home, seeded, "erp", "post", "--wait", "--database", seeded)
    assert waiting.stderr is not None
    said = waiting.stderr.readline()
    assert "waiting until it stops" in said
    time.sleep(1.0)
    assert waiting.poll() is None  # no posting while the server is the writer
    server.kill()
    out, err = waiting.communicate(timeout=60)
    # With the server gone it took the lock and posted what was due.
    assert waiting.returncode == 0, err
    assert out.startswith("posted 0")  # nothing was due in the small plant


# -- --workers and SQLite -------------------------------------------------------------


def _answering_pids(server: ServerProcess, connections: int) -> list[int]:
    """The worker that answered each of `connections` new connections (as terminals make
    them: each keeps its own). A connection the kernel gave a worker that is starting
    (or was just killed and is being replaced) waits for it: a generous timeout."""
    pids = []
    for _ in range(connections):
        with requests.Session() as session:
            pids.append(int(session.get(f"{server.url}/health", timeout=60).json()["pid"]))
    return pids


def test_workers_run_several_processes_share_the_connections_and_one_holds_the_lock(
    servers: Callable[..., ServerProcess], server_store: Store
) -> None:
    if not Path("/proc").is_dir():
        pytest.skip("counts the worker processes through /proc (Linux)")
    server = servers("--workers", "2")
    assert server.started()["status"] == "ok"

    def workers() -> set[int]:
        found = set()
        for child in Path("/proc").glob("[0-9]*"):
            try:
                stat = (child / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == server.proc.pid:
                found.add(int(child.name))
        return found

    def holders() -> list[str]:
        with server_store.read() as session:
            rows = session.connection().exec_driver_sql(
                "SELECT a.application_name, l.granted FROM pg_locks l"
                " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                " AND a.datname = current_database()"
            )
            return [name for name, granted in rows if granted]

    def settled() -> bool:
        pids = {int(p) for p in re.findall(r"\(pid (\d+)\)", " ".join(holders()))}
        return len(workers()) >= 2 and bool(pids & workers())

    wait_for("two workers, one of them holding the lock", settled, 20)
    ours = [h for h in holders() if any(f"(pid {p})" in h for p in workers())]
    assert len(ours) == 1
    if not hasattr(socket, "SO_REUSEPORT"):
        return  # the workers share one socket there: uvicorn's way
    # Each worker listens on a socket of its own (SO_REUSEPORT): the kernel spreads new
    # connections over them. On uvicorn's one shared socket, which worker took one
    # depended on which accepted first, and terminals keep theirs for hours.
    seen = Counter(_answering_pids(server, 40))
    assert len(seen) == 2, f"one worker took every connection: {seen}"
    assert min(seen.values()) >= 8, f"one worker took most connections: {seen}"
    # A worker that dies is replaced on its socket, so its share is served again.
    os.kill(next(iter(seen)), signal.SIGKILL)
    wait_for(
        "a new worker in the dead one's place",
        lambda: len(set(_answering_pids(server, 20)) - set(seen)) == 1,
        30,
    )


def test_one_socket_a_worker_all_on_one_port() -> None:
    sockets = reuse_port_sockets("127.0.0.1", 0, 3)
    try:
        ports = {sock.getsockname()[1] for sock in sockets}
        assert len(ports) == 1
        assert len({sock.fileno() for sock in sockets}) == (
            3 if hasattr(socket, "SO_REUSEPORT") else 1
        )
    finally:
        for sock in set(sockets):
            sock.close()


def test_sqlite_refuses_workers_and_a_second_server_on_one_file(
    servers: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    database = str(tmp_path / "server.sqlite3")
    first = servers(database=database)
    assert first.started()["singletons"] == "held"
    second = servers(database=database)
    assert second.proc.wait(timeout=30) == 2
    assert "Two server processes on one SQLite file are not supported" in second.log()
    assert f"(pid {first.proc.pid})" in second.log()
    many = servers("--workers", "2", database=str(tmp_path / "other.sqlite3"))
    assert many.proc.wait(timeout=30) == 2
    assert "--workers 2 needs PostgreSQL" in many.log()
