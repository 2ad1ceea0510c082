"""What the sync and screen benchmarks start from: plants, servers, enrolled terminals.

Everything is made through the product's own paths (the seed's services, enrollment with
a one-time code, the sync engine), never written into tables directly. The big starting
points are built once and reused (tests/perf/cache.py): their key hashes this module
with the product's source, so changing how they are made here builds them anew.

- `catchup_template`: a server (SQLite) holding a plant; a kiosk that synced once, then
  recorded 5,000 events offline; and a copy of the server to which, while the kiosk was
  offline, a supervisor at another terminal pushed a hold on the job on top of the
  kiosk's lane.
- `screen_plant`: a server on PostgreSQL holding a plant, and two kiosks that synced it.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import socket
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.clock import FixedClock
from app.demo.generator import PlantData, synthetic_plant
from app.demo.seed import seed_plant
from app.events.signing import load_private_key, private_key_text
from app.model.types import ExceptionKind, OverrideKind
from app.services.board import BoardService, lane_from_database
from app.services.exceptions import ExceptionService, NewException
from app.store import Store, open_store, open_store_url
from sync.client.credentials import enroll
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.server import terminals
from sync.server.app import create_app, prepare
from sync.server.runner import ServerThread
from tests.perf import cache
from tests.perf.harness import log_in

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)
OPERATOR, SUPERVISOR = "901", "902"

DOWNTIME = NewException(
    kind=ExceptionKind.MACHINE_DOWNTIME,
    summary="Spindle alarm",
    work_center="WC-001",
    details={"reason_code": "mechanical/bearing"},
)


def clock() -> FixedClock:
    return FixedClock(NOW)


@functools.cache
def small_plant() -> PlantData:
    return synthetic_plant(seed=3, work_centers=3, open_operations=12, now=NOW)


# The plant the goals are set for, and one ten times the demo (170 work centers, 20,000
# open operations) to see how the figures grow: (open operations, work centers).
SIZES = {"5000": (5000, 50), "10x": (20000, 170)}


@functools.cache
def plant(size: str = "5000") -> PlantData:
    """A plant of SIZES, or the small one ("small"). Every synthetic plant has WC-001 and
    the same people, so the events recorded on the small one apply to each."""
    if size == "small":
        return small_plant()
    operations, work_centers = SIZES[size]
    return synthetic_plant(seed=1, work_centers=work_centers, open_operations=operations, now=NOW)


def seed_server(store: Store, size: str = "small") -> Store:
    """`store` as a server database holding a synthetic plant (the small one unless
    `size` names one of SIZES)."""
    prepare(store)
    seed_plant(store, plant(size), clock())
    return store


def serve(store: Store, port: int = 0) -> ServerThread:
    api = create_app(store, clock=clock(), deadline_interval_s=None)
    return ServerThread(api, port=port).start()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def enroll_terminal(
    server_store: Store,
    transport: Transport,
    terminal_id: str,
    name: str,
    now: datetime | None = None,
) -> str:
    """Enroll as a real terminal does: a one-time code from the server's administrator,
    a new signing key (kept in memory here, not the keyring); return the key as text.
    `now` is the server's time (a server process runs on the real clock)."""
    code = terminals.add(server_store, now or clock().now(), name).code
    credentials = enroll(transport, terminal_id, name, code)
    credentials.use(transport)
    return private_key_text(credentials.signing_key)


def connect(store: Store, server_store: Store, url: str, **engine_args: object) -> SyncEngine:
    """Enroll `store`'s terminal with the server at `url` and attach it."""
    transport = Transport(url)
    enroll_terminal(server_store, transport, store.terminal_id, store.terminal_name)
    return SyncEngine(store, transport, clock=clock(), **engine_args)  # type: ignore[arg-type]


def record_offline(store: Store, count: int) -> None:
    """`count` own events: an operator and a supervisor log in (the server takes a
    person's events only from a terminal they are logged in on), then exceptions raised on
    WC-001 and acknowledged by the supervisor."""
    people = (OPERATOR, SUPERVISOR)
    log_in(store, clock(), *people)
    service = ExceptionService(store, clock())
    rest = count - len(people)
    for _ in range(rest // 2):
        service.acknowledge(SUPERVISOR, service.raise_exception(OPERATOR, DOWNTIME))
    if rest % 2:
        service.raise_exception(OPERATOR, DOWNTIME)


@dataclass(frozen=True)
class Credentials:
    """What an enrolled terminal keeps in its keyring, so a copy of its database can
    talk to (a copy of) its server."""

    token: str
    signing_key: str

    @classmethod
    def of(cls, engine: SyncEngine) -> Credentials:
        token, key = engine.transport.token, engine.transport.signing_key
        assert token is not None
        assert key is not None
        return cls(token, private_key_text(key))

    def transport(self, url: str) -> Transport:
        return Transport(url, self.token, load_private_key(self.signing_key))


def _hang_up(engine: SyncEngine) -> None:
    engine.transport.close()
    engine.stream_transport.close()


def _key(size: str) -> str:
    return cache.source_key(sys.modules[__name__], extra=size)


# -- a kiosk back after 5,000 offline events -------------------------------------------

CATCHUP_EVENTS = 5000
CATCHUP_LANE = "WC-001"  # the kiosk's work center: its offline events are about it


@dataclass(frozen=True)
class CatchupTemplate:
    """terminal.sqlite3: the kiosk; server.sqlite3: its server as the kiosk left it;
    server-elsewhere.sqlite3: the same server after a supervisor at another terminal held
    the job on top of the kiosk's lane (`held`). Copy them for a run (`copy_database`)."""

    directory: Path
    terminal_id: str
    credentials: Credentials
    held: str


def catchup_template(size: str = "small") -> CatchupTemplate:
    directory, manifest = cache.cached(
        f"catchup_{size}", _key(size), lambda home: _build_catchup(home, size)
    )
    cache.restore_pin_keys(manifest)
    return CatchupTemplate(
        directory, manifest["terminal_id"], Credentials(**manifest["credentials"]), manifest["held"]
    )


def copy_database(source: Path, target: Path) -> None:
    """A SQLite database closed by every process, with its write-ahead log if one is left."""
    shutil.copy2(source, target)
    for suffix in ("-wal", "-shm"):
        extra = source.with_name(source.name + suffix)
        if extra.exists():
            shutil.copy2(extra, target.with_name(target.name + suffix))


def _build_catchup(directory: Path, size: str) -> cache.Manifest:
    server_path = directory / "server.sqlite3"
    server_store = seed_server(open_store(server_path, terminal_name="server", clock=clock()), size)
    server_id = server_store.terminal_id
    server = serve(server_store)
    store = open_store(directory / "terminal.sqlite3", terminal_name="kiosk", clock=clock())
    try:
        engine = connect(store, server_store, server.url)
        engine.sync_once()
        credentials = Credentials.of(engine)
        _hang_up(engine)
    finally:
        server.stop()
        server_store.close()
    # From here on the kiosk is offline: what it records stays on it.
    record_offline(store, CATCHUP_EVENTS)
    with store.read() as session:
        lane = lane_from_database(session, CATCHUP_LANE, NOW)
    held = min(lane.values(), key=lambda row: row.rank).op_id  # the top of its screen
    terminal_id = store.terminal_id
    store.close()
    # Meanwhile at a supervisor's desk: the job on top of the kiosk's lane goes on hold.
    elsewhere = directory / "server-elsewhere.sqlite3"
    copy_database(server_path, elsewhere)
    server_store = open_store(elsewhere, clock=clock())
    server = serve(server_store)
    desk_store = open_store(directory / "desk.sqlite3", terminal_name="desk", clock=clock())
    try:
        desk = connect(desk_store, server_store, server.url)
        desk.sync_once()
        log_in(desk_store, clock(), SUPERVISOR)
        BoardService(desk_store, clock()).override(
            SUPERVISOR, held, OverrideKind.HOLD, "gauge out of calibration"
        )
        desk.sync_once()
        _hang_up(desk)
    finally:
        desk_store.close()
        server.stop()
        server_store.close()
    for leftover in directory.glob("desk.sqlite3*"):
        leftover.unlink()
    return {
        "terminal_id": terminal_id,
        "credentials": asdict(credentials),
        "held": held,
        "pin_keys": cache.pin_keys(server_id, terminal_id),
    }


# -- two kiosks following a server on PostgreSQL ---------------------------------------

SCREEN_TERMINALS = ("kiosk-a", "kiosk-b")


@dataclass(frozen=True)
class ScreenPlant:
    url: str  # the server's database: a clone of the template, this run's own
    directory: Path  # <terminal>.sqlite3 for each of SCREEN_TERMINALS: copy them
    credentials: dict[str, Credentials]


@contextlib.contextmanager
def screen_plant(size: str) -> Iterator[ScreenPlant]:
    """A server database on PostgreSQL holding the plant of `size`, and two kiosks that
    synced it; raises OSError when PostgreSQL is not there."""
    with cache.pg_clone(
        f"screen_{size}", _key(size), lambda home, url: _build_screen(home, url, size)
    ) as (url, directory, manifest):
        cache.restore_pin_keys(manifest)
        credentials = {name: Credentials(**c) for name, c in manifest["credentials"].items()}
        yield ScreenPlant(url, directory, credentials)


def _build_screen(directory: Path, url: str, size: str) -> cache.Manifest:
    server_store = seed_server(open_store_url(url, terminal_name="server", clock=clock()), size)
    server = serve(server_store)
    credentials: dict[str, dict[str, str]] = {}
    owners = [server_store.terminal_id]
    try:
        for name in SCREEN_TERMINALS:
            store = open_store(directory / f"{name}.sqlite3", terminal_name=name, clock=clock())
            try:
                engine = connect(store, server_store, server.url)
                engine.sync_once()  # the plant
                credentials[name] = asdict(Credentials.of(engine))
                owners.append(store.terminal_id)
                _hang_up(engine)
            finally:
                store.close()
    finally:
        server.stop()
        server_store.close()
    return {"credentials": credentials, "pin_keys": cache.pin_keys(*owners)}
