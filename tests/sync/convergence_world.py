"""The world the convergence model (issue 17) acts on: one real server on 127.0.0.1 over
SQLite or PostgreSQL, terminals that reach it through a fault proxy each, their clocks,
the tests' ERP behind the server's writer and import, and the invariants that must hold
once the network heals.

Everything here is synchronous on the terminals' side (no sync threads: each engine is
driven with push_pending / pull_pending / sync_once, or a listener's live stream read
until it reaches the server's head), and the server's single-writer jobs
(ERP writer, ERP import, deadline timer) run when the model says, so what a run does
depends only on the operations it is given. Used by tests/sync/test_convergence_model.py
(a few hundred steps in CI) and tests/perf/bench_convergence.py (tens of thousands).
"""

from __future__ import annotations

import atexit
import contextlib
import random
import secrets
import shutil
import socket
import sqlite3
import tempfile
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from queue import Queue
from typing import Any

import keyring
import keyring.errors
from sqlalchemy import event, func, make_url, select
from sqlalchemy.orm import Session

from app import authz
from app.clock import Clock, FixedClock, as_utc
from app.demo.generator import PlantData, synthetic_pin, synthetic_plant
from app.demo.seed import seed_plant
from app.events import audit, replay, servertime
from app.events.payloads import (
    BomDefined,
    ErpPostingAcknowledged,
    ErpPostingCancelled,
    ErpPostingFailed,
    ExceptionClosed,
    ExceptionDeadlinePassed,
    ExceptionRaised,
    ExceptionReopened,
    ExceptionResolved,
    ItemDefined,
    LotRegistered,
    RoutingDefined,
    StockCounted,
    SupplyExpected,
    UserLockedOut,
    UserLoggedIn,
    UserLoggedOut,
    UserLoginFailed,
    WorkOrderReleased,
)
from app.model import (
    ErpPosting,
    EventRecord,
    ExceptionFact,
    MaterialRequirement,
    OperationInstance,
    RegisteredTerminal,
    RejectionReview,
    RoutingOperation,
    ServerState,
    ShopException,
    User,
    WorkOrder,
)
from app.model.types import OperationStatus, PostingStatus, WorkOrderStatus
from app.pin_key import PinKey, keep_pin_key, load_pin_key, secret_name
from app.routing.rules import load_rules
from app.secrets import SERVICE, get_secret, set_secret
from app.services.exceptions import OPEN as OPEN_EXCEPTION
from app.services.exceptions import ExceptionService
from app.services.people import PeopleService, PinKeyMissing, pin_matches
from app.store import Store, _migrate, _sqlite_engine, open_store, open_store_url
from sync.client.credentials import (
    obtain_token,
    register_and_keep,
    signing_key_name,
    token_name,
)
from sync.client.engine import SyncEngine
from sync.client.transport import Offline, RefetchRequired, Transport
from sync.erp.base import (
    ErpAuthError,
    ErpOutcomeUnknown,
    ErpRejected,
    ErpUnavailable,
    ImportBatch,
    Posted,
    Posting,
)
from sync.erp.commands import run_import
from sync.erp.writer import ErpWriter
from sync.protocol import Cursor
from sync.server.app import prepare
from tests.conftest import NOW
from tests.erp.scripted_erp import ScriptedErp
from tests.pg import PG_URL
from tests.sync.faults import FaultProxy
from tests.sync.plant import ENROLLMENT_KEY, SNAPSHOT_IGNORE, Plant

# One own event as both sides must hold it: number, id, content hash.
Own = tuple[int, str, str]

# The small plant's people (901 operator ... 907 manager, 908 admin) and their PINs.
PEOPLE = ("901", "902", "903", "904", "905", "906", "907", "908")
PINS = {person: synthetic_pin(n) for n, person in enumerate(PEOPLE, start=1)}
# Who is logged in on a terminal when it starts: the shift's crew, everyone but the
# administrator. Commands then mostly go through; a logout makes the server refuse that
# person's later events from that terminal.
CREW = PEOPLE[:7]
NOT_LOGGED_IN = "is not logged in on terminal"
PIN_LOCKED = "wrong PINs (typed at another terminal)"  # the server's refusal of a login
PEOPLE_FACTS = frozenset(
    {UserLoggedIn.KIND, UserLoggedOut.KIND, UserLoginFailed.KIND, UserLockedOut.KIND}
)


class Ids:
    """The uuids a run makes, drawn from a generator seeded by a name: events, exceptions,
    holds, terminals and the server's epoch get the same ids every time the same
    operations run. Ids are not only names here: rows with equal keys come back in the
    order of their ids (two postings of one event, failed postings a supervisor picks
    from), so ids made by uuid4 would change what a replayed history does."""

    def __init__(self, seed: str) -> None:
        self._random = random.Random(seed)

    def uuid4(self) -> uuid.UUID:
        return uuid.UUID(int=self._random.getrandbits(128), version=4)


_REAL_UUID4 = uuid.uuid4
_minting: list[Ids] = []


def _uuid4() -> uuid.UUID:
    return _minting[-1].uuid4() if _minting else _REAL_UUID4()


@contextmanager
def minting(ids: Ids) -> Iterator[None]:
    """uuid.uuid4 draws from `ids` in the whole process (the server's request threads
    too: the model waits for each request) until the block ends."""
    _minting.append(ids)
    uuid.uuid4 = _uuid4
    try:
        yield
    finally:
        _minting.pop()
        if not _minting:
            uuid.uuid4 = _REAL_UUID4


def unique_name(prefix: str) -> str:
    """A database's name no other run or process uses (not from uuid4: a run's ids
    repeat in every run)."""
    return f"{prefix}_{secrets.token_hex(6)}"


def small_plant() -> PlantData:
    """The plant tests/conftest.py's `small_plant` fixture makes (3 work centers, people
    901 operator ... 908 admin), for callers outside pytest (the benchmark)."""
    return synthetic_plant(seed=3, work_centers=3, open_operations=12, now=NOW)


def model_plant(spare_items: int = 4) -> PlantData:
    """The small plant without the catalogue no order uses: its work orders, their items,
    BOMs, routings and materials, and `spare_items` more items the ERP may release new
    orders of. Every terminal pulls the whole plant when it enrolls; a third of the
    events makes that a third of the time."""
    full = small_plant()
    kinds = (BomDefined, RoutingDefined)
    routed = sorted(p.item for p in full.reference if isinstance(p, RoutingDefined))
    made = {p.item for p in full.reference if isinstance(p, WorkOrderReleased)}
    made |= set([item for item in routed if item not in made][:spare_items])
    used = set(made)
    for p in full.reference:
        if isinstance(p, BomDefined) and p.item in made:
            used |= {line.component for line in p.lines}
        elif isinstance(p, WorkOrderReleased):
            used |= {m.item for m in p.materials}
    keep = [
        p
        for p in full.reference
        if (isinstance(p, kinds) and p.item in made)
        or (isinstance(p, ItemDefined) and p.code in used)
        or (isinstance(p, (LotRegistered, StockCounted, SupplyExpected)) and p.item in used)
        or not isinstance(p, (*kinds, ItemDefined, LotRegistered, StockCounted, SupplyExpected))
    ]
    return PlantData(reference=tuple(keep), users=full.users)


_blank: list[Path] = []


def scratch(root: Path | None = None) -> Path:
    """Where a run keeps its databases: memory (tmpfs) when there is a roomy one, since
    every commit of a terminal's SQLite file waits for the disk (synchronous=FULL, so an
    event survives a power cut) and the model kills processes, not power; else `root`."""
    shm = Path("/dev/shm")
    try:
        roomy = shm.is_dir() and shutil.disk_usage(shm).free > 2 * 1024**3
    except OSError:
        roomy = False
    return shm if roomy else (root or Path(tempfile.gettempdir()))


def blank_terminal() -> Path:
    """A terminal database with the schema and nothing else (no terminal id yet), made
    once per process: a new terminal starts from a copy instead of running every
    migration (its id is made when it is first opened)."""
    if not _blank:
        path = Path(tempfile.mkdtemp(prefix="takt-model-blank-", dir=scratch())) / "t.sqlite3"
        engine = _sqlite_engine(f"sqlite:///{path}", immediate=True)
        with minting(Ids("blank terminal")):
            _migrate(engine)
        engine.dispose()
        _blank.append(path)
        atexit.register(shutil.rmtree, path.parent, ignore_errors=True)
    return _blank[0]


def copy_database(source: Path, target: Path) -> None:
    """Copy a SQLite database with SQLite's backup: consistent while it is open (its
    write-ahead log included)."""
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)
    live.close()
    copy.close()


def keep_pulled(store: Store) -> Path:
    """A copy of a terminal's database, kept until the process ends."""
    path = Path(tempfile.mkdtemp(prefix="takt-model-pulled-", dir=scratch())) / "t.sqlite3"
    assert store.path is not None
    copy_database(store.path, path)
    atexit.register(shutil.rmtree, path.parent, ignore_errors=True)
    return path


def as_new_terminal(pulled: Path, path: Path, name: str) -> None:
    """A new terminal's database made from a copy of one that pulled the plant and did
    nothing else: the same server events, cursor and epoch, a terminal id of its own
    (the copy never enrolled, pushed or recorded an event: nothing else names it)."""
    shutil.copy(pulled, path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE local_terminal SET id = ?, name = ?", (str(uuid.uuid4()), name))
    db.close()


def dead_url() -> str:
    """A URL nothing listens on: a terminal pointed at it is offline (connection refused),
    and its pooled keep-alive connections to the proxy are not reused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


class SkewedClock:
    """A terminal's clock: the plant's clock off by `skew`, which a rule may change."""

    def __init__(self, reference: Clock) -> None:
        self.reference = reference
        self.skew = timedelta(0)

    def now(self) -> datetime:
        return self.reference.now() + self.skew


class Killed(BaseException):
    """A process died in the middle of a call (a kill -9: not an error anything may
    handle, so a BaseException that no `except Exception` catches)."""


class ServerKilled(Killed):
    """The server's process died (its writer, its request handlers, its timer with it)."""


class TerminalKilled(Killed):
    """A terminal's process died."""


class Tripwire:
    """Kills a process at a real point: the n-th commit of its database from now, just
    before the database has it.

    What a kill -9 leaves is what this leaves: the transaction under way is lost whole
    (SQLite ignores WAL frames without a commit frame; PostgreSQL rolls back the
    transaction of a connection that died) and everything committed stays. Everything
    else the process held is dropped with it: the model throws away the process's
    objects (the server's app, writer and connection pools; a terminal's engine and
    store) and starts new ones from the database, as a restarted process would.

    Why not a real process for the kill: the model runs the server's jobs (the ERP
    writer, the import, the deadline timer) and every terminal's sync when it says,
    in one thread, so that a history replays exactly and Hypothesis can shrink it; a
    kill at a signal's arrival lands wherever the process happened to be, and a
    server started as a process (tests/server_process.py) costs seconds, which
    hundreds of kills a run cannot afford. A commit is the one point where a kill
    changes what survives, so killing at commits, counted, misses no outcome a signal
    could produce. The real signals are tested where timing is the point:
    tests/sync/test_sync_faults.py (a terminal killed while writing) and
    test_scale_out.py (a server process killed).
    """

    def __init__(self, store: Store, killed: type[Killed], who: str) -> None:
        self.killed = killed
        self.who = who
        self.left = 0  # commits still to let through, +1; 0: disarmed
        self.fired = False
        event.listen(store.engine, "commit", self._commit)

    def arm(self, nth: int) -> None:
        self.left, self.fired = nth, False

    def disarm(self) -> None:
        self.left = 0

    def _commit(self, _connection: object) -> None:
        if self.left:
            self.left -= 1
            if not self.left:
                self.fired = True
                raise self.killed(f"{self.who} killed while committing")


class FlakyErp(ScriptedErp):
    """The tests' ERP with the faults of a real one on the wire, and a plan to import.

    Like ERPNext (a unique custom field) and Odoo (external ids), it keeps one document
    per posting reference: asked to post a reference it already holds, it answers again
    with that document (`already`) instead of booking it twice.
    """

    def __init__(self) -> None:
        super().__init__()
        self.lose_answer = 0  # the next postings are committed, the answer never arrives
        self.lose_request = 0  # the next requests time out before the ERP saw them
        self.crash_after_commit = 0  # committed, then the server dies before it hears
        self.refused = 0  # postings refused (each a posting.failed for a person)
        self.answered_twice = 0  # asked (a lookup, a post) of a reference it held: that doc
        self.asked: Counter[str] = Counter()  # posts that reached the ERP, by reference
        self.crashed: set[str] = set()  # references whose answer died with the server
        self.refusals: set[str] = set()  # references it refused once
        self.before_restore: set[str] = set()  # what it held when the server was restored
        self.plan: list[ImportBatch] = []  # what the next import runs read, in order
        self.imports = 0
        self.timed_out = 0  # requests whose answer (or the request itself) was lost

    def post(self, posting: Posting) -> Posted:
        self._gate()
        if self.lose_request:
            self.lose_request -= 1
            self.timed_out += 1
            raise ErpOutcomeUnknown("connect timeout: the request may not have arrived")
        self.asked[posting.reference] += 1
        held = self.documents.get(posting.reference)
        if held is not None:
            self.answered_twice += 1
            return Posted(held.document, already=True)
        try:
            posted = super().post(posting)
        except ErpRejected:
            self.refused += 1
            self.refusals.add(posting.reference)  # a person may send it again
            raise
        if self.crash_after_commit:
            self.crash_after_commit -= 1
            self.crashed.add(posting.reference)
            raise ServerKilled(f"the server died after the ERP booked {posting.reference}")
        if self.lose_answer:
            self.lose_answer -= 1
            self.timed_out += 1
            raise ErpOutcomeUnknown("read timed out after the ERP committed")
        return posted

    def find(self, posting: Posting) -> Posted | None:
        found = super().find(posting)
        if found is not None:
            self.answered_twice += 1
        return found

    def import_changes(self, since: str | None) -> ImportBatch:
        self._gate()
        self.imports += 1
        batch = self.plan.pop(0) if self.plan else ImportBatch()
        batch.high_water = f"{self.imports:06d}"
        return batch


# -- server databases ------------------------------------------------------------------


@dataclass
class Start:
    """How a run starts, kept once and copied for each run (World.begin): its server's
    database (a backend's handle: a file, a database's name), its terminals' databases
    with their names (and whether each listens), and their secrets (token, signing key,
    the server's PIN key), which the keyring of a later test no longer holds."""

    server: str
    terminals: list[tuple[str, bool, Path]]
    secrets: dict[str, str]
    start_events: int  # events the server held before the terminals enrolled
    folder: Path


def terminal_secrets(terminal_id: str) -> tuple[str, ...]:
    return (token_name(terminal_id), signing_key_name(terminal_id), secret_name(terminal_id))


class Backend:
    """Fresh server databases holding the model's plant, one per run."""

    name = "?"
    # The server's id and PIN key of the seeded plant: its people's PINs were hashed with
    # that key, which a run's server finds in its keyring (a real server's keyring keeps
    # it across restarts, and the tests' keyring is made anew for each test).
    pin_key: tuple[str, PinKey] | None = None
    # A terminal's database that pulled the seeded plant (and nothing else), which new
    # terminals start from, and how many events the seeded server held then.
    pulled_terminal: Path | None = None
    seed_events: int | None = None

    def __init__(self) -> None:
        # How runs start, by their number of terminals (World.begin).
        self.starts: dict[int, Start] = {}

    def fresh(self, folder: Path, clock: Clock, start: str | None = None) -> Callable[[], Store]:
        """A new server database, the seeded plant or a copy of a start's server
        (`keep_server`); returns how to open it (again, after a restart)."""
        raise NotImplementedError

    def keeps_starts(self) -> bool:
        """Whether `keep_server` can copy the run's database."""
        return False

    def keep_server(self, folder: Path) -> str:
        """Copy the run's server database (the server is down) as a start's, for `fresh`
        (files go in `folder`)."""
        raise NotImplementedError

    def drop(self) -> None:
        """Forget the database `fresh` last made."""

    def close(self) -> None:
        """Forget every database this made."""
        self.drop()
        self.forget_starts()

    def forget_starts(self) -> None:
        """Remove the copies runs start from (a process of a pool ends without running
        its atexit handlers)."""
        for start in self.starts.values():
            shutil.rmtree(start.folder, ignore_errors=True)
        self.starts.clear()
        if self.pulled_terminal is not None:
            shutil.rmtree(self.pulled_terminal.parent, ignore_errors=True)
            self.pulled_terminal = self.seed_events = None

    def backup(self) -> bool:
        """Copy the run's server database (the server is down) as its one backup;
        False where this backend cannot."""
        return False

    def restore(self) -> None:
        """Put the backup back in the run's database's place (the server is down)."""
        raise NotImplementedError

    def seeded(self, store: Store) -> None:
        key = load_pin_key(store.terminal_id)
        if key is not None:
            self.pin_key = (store.terminal_id, key)

    def restore_pin_key(self) -> None:
        if self.pin_key is not None and load_pin_key(self.pin_key[0]) != self.pin_key[1]:
            keep_pin_key(*self.pin_key)


class SqliteBackend(Backend):
    name = "sqlite"

    def __init__(self, template: Path | None = None, plant: PlantData | None = None) -> None:
        super().__init__()
        self._template = template
        self._plant = plant
        self._made: Path | None = None  # the template's folder, when this made it
        self._path = self._backup = Path()  # the run's database and its backup

    def close(self) -> None:
        self.forget_starts()
        if self._made is not None:
            shutil.rmtree(self._made, ignore_errors=True)
            self._made = self._template = None

    def template(self) -> Path:
        # Seeding hashes PINs: done once, each run gets a copy of the file.
        if self._template is None:
            folder = tempfile.mkdtemp(prefix="takt-model-template-", dir=scratch())
            path = Path(folder) / "server.sqlite3"
            with minting(Ids("server template")):  # the same plant in every process
                store = open_store(path, terminal_name="server", clock=FixedClock(NOW))
                prepare(store)
                seed_plant(store, self._plant or model_plant(), FixedClock(NOW))
            self.seeded(store)
            store.close()
            self._template, self._made = path, path.parent
        return self._template

    def backup(self) -> bool:
        copy_database(self._path, self._backup)
        return True

    def keeps_starts(self) -> bool:
        return True

    def keep_server(self, folder: Path) -> str:
        path = folder / "server.sqlite3"
        copy_database(self._path, path)
        return str(path)

    def restore(self) -> None:
        for suffix in ("-wal", "-shm"):
            self._path.with_name(self._path.name + suffix).unlink(missing_ok=True)
        shutil.copy(self._backup, self._path)

    def fresh(self, folder: Path, clock: Clock, start: str | None = None) -> Callable[[], Store]:
        path = folder / "server.sqlite3"
        self._path, self._backup = path, folder / "backup.sqlite3"
        shutil.copy(start or self.template(), path)
        self.restore_pin_key()
        return lambda: open_store(path, clock=clock)


FAST_COMMIT = "-csynchronous_commit=off"


class Dropper:
    """Drops databases on a thread of its own: DROP DATABASE waits for PostgreSQL's disk
    (up to seconds on a busy machine), which no run needs to wait for."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._queue: Queue[str | None] = Queue()
        self._thread: threading.Thread | None = None
        self.failed: list[str] = []

    def drop(self, database: str) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="model-dropper", daemon=True)
            self._thread.start()
        self._queue.put(database)

    def close(self) -> None:
        """Wait until every database handed over is dropped."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        import psycopg

        with psycopg.connect(self._url, autocommit=True, connect_timeout=3) as admin:
            while (database := self._queue.get()) is not None:
                try:
                    admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
                except psycopg.Error as error:  # left behind, as a killed run leaves it
                    self.failed.append(f"{database}: {error}")


class PostgresBackend(Backend):
    """A fresh database per run, copied from one seeded once (CREATE DATABASE ...
    TEMPLATE: a file copy, where seeding takes seconds); where the role may not create
    databases, a fresh schema per run in the test database, seeded each time. Dropped
    afterwards, in the background (Dropper); a backup and a restore each make a new
    database (a copy), so nothing waits for a drop."""

    name = "postgresql"

    def __init__(self, plant: PlantData | None = None, url: str = PG_URL) -> None:
        import psycopg

        super().__init__()
        self.url = url
        self._plant = plant or model_plant()
        admin_url = url.replace("postgresql+psycopg://", "postgresql://")
        self._admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
        self._dropper = Dropper(admin_url)
        self._template: str | None = None  # the seeded database each run copies
        self._copies = True  # False: this role may not create databases
        self._database: str | None = None  # the run's database (a restore makes another)
        self._backup: str | None = None
        self._schema: str | None = None

    def _url_of(self, database: str) -> str:
        # A run's commits need not wait for PostgreSQL's disk: the model kills the server's
        # process, not PostgreSQL or the machine.
        url = make_url(self.url).set(database=database)
        return url.update_query_dict({"options": FAST_COMMIT}).render_as_string(hide_password=False)

    def _seed(self, url: str, clock: Clock) -> None:
        seeded = open_store_url(url, terminal_name="server", clock=clock)
        prepare(seeded)
        seed_plant(seeded, self._plant, clock)
        self.seeded(seeded)
        seeded.close()

    def _copy_of(self, template: str) -> str:
        name = unique_name("takt_model")
        self._admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        return name

    def _copy(self) -> str | None:
        """A new database copied from the seeded template; None when not allowed."""
        import psycopg

        if not self._copies:
            return None
        try:
            if self._template is None:
                template = unique_name("takt_model_template")
                self._admin.execute(f"CREATE DATABASE {template}")
                self._template = template
                with minting(Ids("server template")):  # the same plant in every process
                    self._seed(self._url_of(template), FixedClock(NOW))
            return self._copy_of(self._template)
        except psycopg.errors.InsufficientPrivilege:
            self._copies = False
            return None

    def fresh(self, folder: Path, clock: Clock, start: str | None = None) -> Callable[[], Store]:
        self.drop()
        copied = self._copy() if start is None else self._copy_of(start)
        if copied is None:
            self._schema = unique_name("m")
            self._admin.execute(f"CREATE SCHEMA {self._schema}")
            url = (
                make_url(self.url)
                .update_query_dict({"options": f"-csearch_path={self._schema} {FAST_COMMIT}"})
                .render_as_string(hide_password=False)
            )
            self._seed(url, clock)
            return lambda: open_store_url(url, clock=clock)
        self._database = copied
        self.restore_pin_key()

        def reopen() -> Store:
            assert self._database is not None
            return open_store_url(self._url_of(self._database), clock=clock)

        return reopen

    def keeps_starts(self) -> bool:
        return self._database is not None  # not a schema in the test database

    def keep_server(self, folder: Path) -> str:
        assert self._database is not None
        return self._copy_of(self._database)

    def forget_starts(self) -> None:
        for start in self.starts.values():
            self._dropper.drop(start.server)
        super().forget_starts()

    def backup(self) -> bool:
        if self._database is None:
            return False  # a schema in the test database: no copies
        if self._backup is not None:
            self._dropper.drop(self._backup)
        self._backup = self._copy_of(self._database)
        return True

    def restore(self) -> None:
        """The run's database from now on is a copy of the backup (the server, down,
        reopens the run's database by name); the one it replaces is dropped."""
        assert self._database is not None
        assert self._backup is not None
        self._dropper.drop(self._database)
        self._database = self._copy_of(self._backup)

    def drop(self) -> None:
        for database in (self._database, self._backup):
            if database is not None:
                self._dropper.drop(database)
        self._database = self._backup = None
        if self._schema is not None:
            self._admin.execute(f"DROP SCHEMA {self._schema} CASCADE")
            self._schema = None

    def close(self) -> None:
        self.drop()
        self.forget_starts()
        self._dropper.close()
        if self._template is not None:
            self._admin.execute(f"DROP DATABASE IF EXISTS {self._template} WITH (FORCE)")
            self._template = None
        self._admin.close()


# -- terminals -------------------------------------------------------------------------


@dataclass
class Node:
    """A terminal as the model sees it: its database, engine and link."""

    name: str
    path: Path
    clock: SkewedClock
    proxy: FaultProxy
    store: Store
    engine: SyncEngine
    tripwire: Tripwire
    # Takes the server's events from its live stream (sync/server/live.py), never by
    # polling: every second terminal enrolled.
    listens: bool = False
    # Where the server's log ends (None while it is down), for a listener.
    server_head: Callable[[], Cursor | None] = lambda: None
    online: bool = True
    # Every own event it recorded, as the model saw it right after each command.
    recorded: list[Own] = field(default_factory=list)
    # The server was restored from before it enrolled: someone enrolls it again as soon
    # as it reaches the server (World.restore_server).
    reenroll: bool = False

    @property
    def terminal_id(self) -> str:
        return self.store.terminal_id

    @property
    def transport(self) -> Transport:
        return self.engine.transport

    def link(self) -> None:
        """Point the transport where the terminal's network currently leads (and enroll
        it again there when a restored server forgot it)."""
        self.transport.base_url = self.proxy.url if self.online else dead_url()
        self.engine.stream_transport.base_url = self.transport.base_url
        for transport in (self.transport, self.engine.stream_transport):
            # A connection per request: one kept alive may have been closed by the server
            # (idle for its keep-alive's seconds of wall time, or killed) without the
            # terminal knowing yet, and whether a request then finds it dead would depend
            # on how fast the run went, not on its operations.
            transport._http.headers["Connection"] = "close"
        if self.reenroll and self.online:
            try:
                kept = register_and_keep(
                    self.transport, self.terminal_id, self.name, ENROLLMENT_KEY
                )
            except Offline:
                return  # the server is down: again when the terminal next reaches it
            kept.use(self.transport)
            self.reenroll = False

    def take(self) -> int:
        """Take what the server has after the cursor: pages from its live stream until
        the cursor is the server's head (the stream is let go then: it would wait for
        more), or plain pulls; how many pages."""
        engine = self.engine
        if not self.listens:
            engine.pull_pending()
            return 1
        engine.pull_pending()  # as the live loop does on connecting
        engine.stream_transport.token = engine.transport.token
        taken = 0
        while not self.caught_up():
            stream = engine.stream_transport.stream(engine.cursor())
            try:
                for page in stream:
                    engine.apply(page)
                    taken += 1
                    if self.caught_up():
                        break
                else:
                    raise Offline("the live stream ended before it caught up")
            except RefetchRequired as needed:
                engine.refetch(needed.epoch)
            finally:
                stream.close()
        return taken

    def caught_up(self) -> bool:
        """Whether the cursor is the server's head: the model looks at the server's
        database, as a stream that sends nothing more cannot say so. Not while the
        server is down (the stream then finds nobody there)."""
        head = self.server_head()
        return head is not None and head == self.engine.cursor()

    def sync(self) -> None:
        """What SyncEngine.sync_once does, with the live stream for a listener's pulls."""
        if not self.listens:
            self.engine.sync_once()
            return
        engine = self.engine
        push = engine._with_refetch  # the engine's own refetch-and-push-again
        push(engine.push_pending)
        self.take()
        if engine.waiting():
            push(engine.push_pending)
            self.take()

    def own(self, session: Session, after: int = 0) -> list[Own]:
        return own_events(session, self.terminal_id, after)

    def note_recorded(self) -> int:
        """Add what the last command recorded to the model's list; how many it was."""
        last = self.recorded[-1][0] if self.recorded else 0
        with self.store.read() as session:
            new = self.own(session, last)
        self.recorded += new
        return len(new)


def own_events(session: Session, terminal_id: str, after: int = 0) -> list[Own]:
    return [
        (seq, eid, digest)
        for seq, eid, digest in session.execute(
            select(EventRecord.terminal_seq, EventRecord.id, EventRecord.hash)
            .where(EventRecord.terminal_id == terminal_id, EventRecord.terminal_seq > after)
            .order_by(EventRecord.terminal_seq)
        )
    ]


def verdicts(session: Session, terminal_id: str) -> dict[str, tuple[str, str | None]]:
    """The verdict on each of a terminal's events, by id."""
    return {
        eid: (outcome, reason)
        for eid, outcome, reason in session.execute(
            select(EventRecord.id, EventRecord.outcome, EventRecord.reason).where(
                EventRecord.terminal_id == terminal_id
            )
        )
    }


class Divergence(AssertionError):
    """An invariant of convergence does not hold (after healing, or after a step)."""


@dataclass
class Figures:
    """What a run did with the ERP, for the benchmark's report."""

    postings: int = 0  # made by the server from what the floor recorded
    acknowledged: int = 0  # the ERP holds them (posting.acknowledged events)
    refused: int = 0  # the ERP refused them (posting.failed events)
    cancelled: int = 0
    answered_twice: int = 0  # asked again for a reference it held: the same document
    imports: int = 0  # ERP import runs that changed orders the floor works on
    deadline_facts: int = 0  # SLA breaches and escalations the server recorded
    rejected: int = 0  # terminals' events the server refused (each shown there)
    pin_locks: int = 0  # PIN lockouts recorded
    timed_out: int = 0  # ERP requests that timed out (before or after the ERP's commit)
    server_kills: int = 0  # the server's process killed (at a step, or mid-post)
    terminal_kills: int = 0  # a terminal's process killed and started again
    restores: int = 0  # the server's database restored from an earlier backup

    def add(self, other: Figures) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


class World:
    """One run: a server, its terminals, the plant clock. Closed at the end of the run."""

    def __init__(self, backend: Backend, root: Path, start: Start | None = None) -> None:
        self.backend = backend
        self.folder = Path(tempfile.mkdtemp(prefix="takt-model-", dir=scratch(root)))
        self.clock = FixedClock(NOW)
        opener = backend.fresh(self.folder, self.clock, start.server if start else None)
        self.plant = Plant(self.folder, opener, self.clock)
        self.nodes: list[Node] = []
        self.enrolled = 0  # names stay unique across kills and enrollments
        self.erp = FlakyErp()
        self._writer: ErpWriter | None = None
        self.deadline_checks: list[datetime] = []  # when the server's timer ran (its clock)
        self.timer_started: list[datetime] = []  # and when it started (some died part-way)
        self.server_kills = self.terminal_kills = self.restores = 0
        self.backed_up = False
        # `takt erp reconcile` is owed after a restore, until the ERP answers it.
        self.reconcile_due = False
        self.server_tripwire: Tripwire | None = Tripwire(self.server, ServerKilled, "the server")
        self._pins_work()
        with self.server.read() as session:
            self.start_events = session.scalar(select(func.count()).select_from(EventRecord))
        if start is not None:
            self._start_from(start)

    @classmethod
    def begin(cls, backend: Backend, root: Path, terminals: int) -> World:
        """A run's world: a server and `terminals` terminals enrolled with it, each with
        the plant and its crew's logins, all synced. Built once per backend and number of
        terminals, then copied for every run (Backend.starts): building it (registering,
        pulling, logging in, syncing) costs what dozens of steps do and ends the same
        every time. Where the backend cannot copy its databases, built every time."""
        start = backend.starts.get(terminals)
        if start is None:
            # The same ids whichever run (or process) builds it.
            with minting(Ids(f"start of {terminals}")):
                world = cls(backend, root)
                try:
                    for _ in range(terminals):
                        world.enroll()
                    for node in world.nodes:
                        node.sync()  # each has the plant and the crews' logins
                    if not backend.keeps_starts():
                        return world
                    start = backend.starts[terminals] = world.keep_start()
                except BaseException:
                    world.close()
                    raise
            world.close()
        return cls(backend, root, start)

    def keep_start(self) -> Start:
        """This world as it is now, as a run's start (the server stops for it)."""
        folder = Path(tempfile.mkdtemp(prefix="takt-model-start-", dir=scratch()))
        self.plant.stop_server()
        self._writer = self.server_tripwire = None
        server = self.backend.keep_server(folder)
        terminals = []
        for node in self.nodes:
            assert node.store.path is not None
            copy_database(node.store.path, folder / f"{node.name}.sqlite3")
            terminals.append((node.name, node.listens, folder / f"{node.name}.sqlite3"))
        names = [name for node in self.nodes for name in terminal_secrets(node.terminal_id)]
        secrets = {name: value for name in names if (value := get_secret(name)) is not None}
        return Start(server, terminals, secrets, self.start_events or 0, folder)

    def _start_from(self, start: Start) -> None:
        """Open the copies of a start's terminals, as restarted terminals would be."""
        for name, value in start.secrets.items():
            if get_secret(name) != value:
                set_secret(name, value)
        self.start_events = start.start_events  # the log begins as the start's did
        for name, listens, kept in start.terminals:
            path = self.folder / f"{name}.sqlite3"
            shutil.copy(kept, path)
            clock = SkewedClock(self.clock)
            store = open_store(path, terminal_name=name, clock=clock)
            transport = Transport(self.plant.url)
            obtain_token(transport, store.terminal_id, name, None).use(transport)
            node = Node(
                name=name,
                path=path,
                clock=clock,
                proxy=FaultProxy(self.plant.port),
                store=store,
                engine=SyncEngine(store, transport, clock=clock),
                tripwire=Tripwire(store, TerminalKilled, name),
                listens=listens,
                server_head=self.server_head,
            )
            node.note_recorded()  # the crew's logins
            node.link()
            self.nodes.append(node)
        self.enrolled = len(start.terminals)

    @property
    def server(self) -> Store:
        assert self.plant.server_store is not None, "the server is down"
        return self.plant.server_store

    @property
    def server_up(self) -> bool:
        return self.plant.server is not None

    def close(self) -> None:
        for node in self.nodes:
            node.engine.stop()
            node.store.close()
            node.proxy.close()
            # The next run makes terminals of the same ids (Ids): one enrolled there must
            # not find this run's token (a start's terminals get theirs back from it).
            for name in terminal_secrets(node.terminal_id):
                with contextlib.suppress(keyring.errors.PasswordDeleteError):
                    keyring.delete_password(SERVICE, name)
        self.plant.terminals.clear()  # closed above: the plant closes its server only
        self.plant.close()
        self.backend.drop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _pins_work(self) -> None:
        """The people's PINs verify against the server's PIN key. A template seeded under
        another keyring (a session fixture's) holds hashes made with a key this process
        no longer has: the server then sets the same PINs again with its own key."""
        server_id = self.server.terminal_id
        with self.server.read() as session:
            users = {
                u.id: (u.name, list(u.roles), u.badge_id, u.pin_hash)
                for u in session.scalars(select(User).where(User.id.in_(PEOPLE)))
            }
        first = users[PEOPLE[0]][3]
        key = load_pin_key(server_id)
        try:
            if key is not None and first and pin_matches(first, PINS[PEOPLE[0]], key):
                return
        except PinKeyMissing:  # the hash needs a key this process does not hold
            pass
        people = PeopleService(self.server, self.clock)
        for user_id, (name, roles, badge, _) in sorted(users.items()):
            people.enroll(
                actor="system",
                user_id=user_id,
                name=name,
                roles=roles,
                badge_id=badge,
                pin=PINS[user_id],
            )

    # -- terminals ---------------------------------------------------------------

    def enroll(self) -> Node:
        """A new terminal registered with the server (which must be up): it pulls the
        plant and the crew logs in on it."""
        self.enrolled += 1
        name = f"t{self.enrolled}"
        clock = SkewedClock(self.clock)
        path = self.folder / f"{name}.sqlite3"
        pulled = self.backend.pulled_terminal
        if self.start_events != self.backend.seed_events:
            pulled = None  # this run's server did not start as the copy's did
        if pulled is None:
            shutil.copy(blank_terminal(), path)
        else:
            as_new_terminal(pulled, path, name)
        terminal = self.plant.terminal(name, clock, people=())
        terminal.engine.pull_pending()
        if self.backend.pulled_terminal is None and self.enrolled == 1:
            # The first terminal of the backend's first run has pulled nothing but the
            # seeded plant, which every run's server starts with: later terminals start
            # from a copy of it and pull only what the run added since.
            self.backend.pulled_terminal = keep_pulled(terminal.store)
            self.backend.seed_events = self.start_events
        terminal.login(*CREW)
        terminal.engine.push_pending()  # a terminal whose people are known to be there
        self.plant.terminals.remove(terminal)  # the world closes it (it may be replaced)
        node = Node(
            name=name,
            path=path,
            clock=clock,
            proxy=FaultProxy(self.plant.port),
            store=terminal.store,
            engine=terminal.engine,
            tripwire=Tripwire(terminal.store, TerminalKilled, name),
            listens=self.enrolled % 2 == 0,
            server_head=self.server_head,
        )
        node.note_recorded()  # the crew's logins
        node.link()
        self.nodes.append(node)
        return node

    def restart_terminal(self, node: Node) -> None:
        """Kill the terminal's process and start it again on the same database: only what
        was committed survives (everything was: each command is one transaction)."""
        self.terminal_kills += 1
        node.engine.stop()
        node.store.close()
        node.store = open_store(node.path, terminal_name=node.name, clock=node.clock)
        transport = Transport(node.proxy.url)
        obtain_token(transport, node.store.terminal_id, node.name, None).use(transport)
        node.engine = SyncEngine(node.store, transport, clock=node.clock)
        node.tripwire = Tripwire(node.store, TerminalKilled, node.name)
        node.link()

    # -- the server --------------------------------------------------------------

    def kill_server(self) -> None:
        """The server's process dies: its app, its writer to the ERP (and its pause after
        an outage), its connections; what its database committed stays."""
        self.server_kills += 1
        self.plant.stop_server()
        self._writer = None
        self.server_tripwire = None

    def backup_server(self) -> bool:
        """Back the server's database up, stopped for it (a copy of a database in use is
        not one PostgreSQL makes); False where the backend cannot."""
        up = self.server_up
        if up:
            self.plant.stop_server()
            self._writer = self.server_tripwire = None
        made = self.backend.backup()
        self.backed_up |= made
        if up:
            self.start_server()
        return made

    def restore_server(self) -> None:
        """Put the last backup back (the server stopped for it) and start the server on
        it: what it took since is gone from it, and the terminals that hold it must send
        it again (sync/server/feed.py: a cursor past the server's head means refetch).
        The ERP keeps what the server posted since: the restored writer no longer knows,
        and only the ERP's one-document-per-reference answers it then."""
        assert self.backed_up
        if self.server_up:
            self.plant.stop_server()
            self._writer = self.server_tripwire = None
        self.backend.restore()
        self.restores += 1
        self.erp.before_restore |= set(self.erp.documents)
        self.start_server()
        # What the README says after a restore: once the terminals have sent again what
        # the server lost, `takt erp reconcile`, so what the ERP booked since the backup
        # is known again, held-back postings included (at the next heal here).
        self.reconcile_due = True
        with self.server.read() as session:
            known = set(session.scalars(select(RegisteredTerminal.id)))
        for node in self.nodes:
            if node.terminal_id not in known:
                # Enrolled after the backup: the restored server answers its token
                # "unknown terminal token; enroll the terminal again", and someone does,
                # over the terminal's network (an offline one once it is back: Node.link).
                node.reenroll = True
                node.link()

    def server_head(self) -> Cursor | None:
        """The cursor of a terminal that holds all the server holds."""
        if not self.server_up:
            return None
        with self.server.read() as session:
            state = session.get(ServerState, 1)
            assert state is not None
            at = session.scalar(
                select(EventRecord.id).where(EventRecord.server_seq == state.head_seq)
            )
        return Cursor(epoch=state.epoch, seq=state.head_seq, event_id=at)

    def reconcile(self) -> None:
        """`takt erp reconcile` when owed; while the ERP is away it stays owed (the person
        runs it again)."""
        if not self.reconcile_due:
            return
        try:
            self.writer().reconcile()
        except (ErpUnavailable, ErpAuthError):
            return
        self.reconcile_due = False

    def writer(self) -> ErpWriter:
        """The server's ERP writer, run step by step here (not on its own thread), so
        when it posts is the model's choice."""
        if self._writer is None:
            self._writer = ErpWriter(self.server, self.erp, self.clock, rng=random.Random(0))
        return self._writer

    def start_server(self) -> None:
        self.plant.start_server()  # the same port: the proxies lead there again
        self.server_tripwire = Tripwire(self.server, ServerKilled, "the server")

    def die_at_commit(self, nth: int, run: Callable[[], object]) -> bool:
        """Run `run` with the server's process set to die at its n-th commit from now;
        whether it died (then it is down, as after any kill)."""
        tripwire = self.server_tripwire
        assert tripwire is not None
        tripwire.arm(nth)
        died = False
        try:
            run()
        except ServerKilled:
            died = True  # in a step of the model's own (the writer, the timer)
        finally:
            tripwire.disarm()
        # In a request, the handler's thread died: the model hears it from the tripwire.
        if died or tripwire.fired:
            self.kill_server()
        return died or tripwire.fired

    def post_to_erp(self) -> int:
        """One round of the writer; a process that dies mid-post takes the server down."""
        try:
            return self.writer().run_once()
        except ServerKilled:
            self.kill_server()
            raise

    # -- the server's clock: deadlines and escalations ---------------------------

    def check_deadlines(self) -> int:
        """The server's deadline timer runs once, on the server's clock; then every
        deadline passed of an open exception is recorded, none early (check_facts)."""
        # A run the server's death cut short may have recorded some of what was due.
        self.timer_started.append(self.clock.now())
        recorded = ExceptionService(self.server, self.clock).check_deadlines(actor="server")
        self.deadline_checks.append(self.clock.now())
        self.check_facts()
        return recorded

    def check_facts(self) -> None:
        """Deadlines and escalations are the ones the server's clock implies.

        An exception's deadlines are its routing rule's minutes from when it was raised
        (a change the server refused and a supervisor sent again keeps the deadlines it
        had: never later ones), moved onto the server's clock: by the terminal's measured
        offset, never past when the server received it. Its escalation tiers count from
        that moment too. A fact (SLA breach, escalation tier) is recorded by the server
        alone, by its timer at a moment the timer ran, never before it was due and never
        while the exception was resolved; once the timer has run, every fact due by then
        of an open exception is recorded.
        """
        if not self.deadline_checks:
            return
        last = self.deadline_checks[-1]
        runs = {as_utc(at) for at in self.timer_started}
        rules = {rule.name: rule for rule in load_rules()}
        with self.server.read() as session:
            raised = {
                r.payload["exception_id"]: r
                for r in session.scalars(
                    select(EventRecord).where(
                        EventRecord.kind == ExceptionRaised.KIND, EventRecord.outcome == "applied"
                    )
                )
            }
            facts: dict[str, dict[str, ExceptionFact]] = {}
            for row in session.scalars(select(ExceptionFact)):
                facts.setdefault(row.exception_id, {})[row.fact] = row
            timeline = self._exception_timeline(session)
            for exc in session.scalars(select(ShopException)):
                record = raised.get(exc.id)
                if record is None or exc.rule not in rules:
                    raise Divergence(f"exception {exc.id}: no raise event or rule it names")
                rule = rules[exc.rule]
                payload = ExceptionRaised.model_validate(record.payload)
                occurred = as_utc(record.occurred_at)
                routed_at = as_utc(payload.ack_due) - rule.ack  # when the terminal routed it
                if routed_at > occurred or as_utc(payload.resolve_due) - rule.resolve != routed_at:
                    raise Divergence(f"exception {exc.id}: deadlines not its rule's from its raise")
                start = servertime.corrected(
                    record.occurred_at, record.clock_offset_s, record.received_at
                )
                shift = start - occurred
                due = {"sla:ack": routed_at + rule.ack + shift}
                due["sla:resolve"] = routed_at + rule.resolve + shift
                due |= {f"escalation:{n}": start + t.after for n, t in enumerate(rule.ladder, 1)}
                if (as_utc(exc.ack_due), as_utc(exc.resolve_due)) != (
                    due["sla:ack"],
                    due["sla:resolve"],
                ):
                    raise Divergence(
                        f"exception {exc.id}: due {exc.ack_due} / {exc.resolve_due}, the "
                        f"server's clock implies {due['sla:ack']} / {due['sla:resolve']}"
                    )
                held = facts.get(exc.id, {})
                for name, fact in held.items():
                    if name not in due or as_utc(fact.due_at) != due[name]:
                        raise Divergence(f"exception {exc.id}: {name} recorded due {fact.due_at}")
                    at = as_utc(fact.recorded_at)
                    if at < due[name] or at not in runs:
                        raise Divergence(
                            f"exception {exc.id}: {name} (due {due[name]}) recorded at {at}, "
                            "not by the server's timer after it was due"
                        )
                    if timeline.get((exc.id, name)) == "done":
                        raise Divergence(f"exception {exc.id}: {name} recorded while resolved")
                if exc.status in OPEN_EXCEPTION:
                    for name, at in due.items():
                        wanted = at <= last and (name != "sla:ack" or exc.acknowledged_at is None)
                        if wanted and name not in held:
                            raise Divergence(
                                f"exception {exc.id}: {name} was due at {at}; the server's "
                                f"timer ran at {last} and did not record it"
                            )

    def _exception_timeline(self, session: Session) -> dict[tuple[str, str], str]:
        """For each deadline fact the log holds: whether its exception was open or done
        (resolved, closed) just before it, in the server's order. Every deadline event
        must be the server's own."""
        done: dict[str, bool] = {}
        states: dict[tuple[str, str], str] = {}
        kinds = (
            ExceptionResolved.KIND,
            ExceptionClosed.KIND,
            ExceptionReopened.KIND,
            ExceptionDeadlinePassed.KIND,
        )
        server_id = self.server.terminal_id
        for kind, payload, actor, terminal_id, outcome in session.execute(
            select(
                EventRecord.kind,
                EventRecord.payload,
                EventRecord.actor,
                EventRecord.terminal_id,
                EventRecord.outcome,
            )
            .where(EventRecord.kind.in_(kinds))
            .order_by(EventRecord.server_seq)
        ):
            exc = payload["exception_id"]
            if kind == ExceptionDeadlinePassed.KIND:
                if outcome == "applied" and (actor != "server" or terminal_id != server_id):
                    raise Divergence(f"a deadline of {exc} was recorded by {actor}, not the server")
                if outcome == "applied":
                    states[(exc, payload["fact"])] = "done" if done.get(exc) else "open"
            elif outcome == "applied":
                done[exc] = kind != ExceptionReopened.KIND
        return states

    # -- the ERP's import ----------------------------------------------------------

    def import_from_erp(self, records: list[dict[str, Any]]) -> list[str]:
        """The server's scheduled import runs with `records` as the ERP's changes; the
        floor's progress must be as it was (app/projections/orders.py: one owner per
        field)."""
        with self.server.read() as session:
            before = floor_progress(session)
        self.erp.plan.append(ImportBatch(work_orders=records))
        lines = run_import(self.server, self.erp, self.clock)
        with self.server.read() as session:
            after = floor_progress(session)
        for table, rows in before.items():
            if table == "orders":
                # Started by the floor, still released in the ERP: never back to not started.
                undone = [
                    n
                    for n, (erp_status, status) in after[table].items()
                    if rows.get(n) == (None, "started")
                    and erp_status is None
                    and status is WorkOrderStatus.RELEASED
                ]
            else:
                undone = [key for key, row in rows.items() if after[table].get(key) != row]
            if undone:
                raise Divergence(f"the ERP import undid the floor's {table}: {undone[:5]}")
        return lines

    # -- healing and the invariants ----------------------------------------------

    def heal(self) -> None:
        """Server up, every terminal online, no fault armed; then sync until quiet."""
        if not self.server_up:
            self.start_server()
        for node in self.nodes:
            node.proxy.drop_requests = node.proxy.drop_answers = 0
            node.online = True
            node.link()
        # The network's faults end; the ERP's still come (a refusal is an outcome healing
        # does not change; a time-out or a death mid-post is one the writer must mend).
        self.erp.away = False
        for node in self.nodes:
            self._sync_healed(node)
        # The ERP writer posts what is due; what backs off waits for the clock, which a
        # healed plant lets run on until only postings a person must decide are left.
        self._writer = None  # a writer's pause after an outage ends with the outage
        self.reconcile()
        for _ in range(20):
            try:
                self.writer().drain()
            except ServerKilled:  # mid-post: the server starts again and goes on
                self.kill_server()
                self.start_server()
                continue
            if not self.open_postings():
                break
            self.clock.advance(timedelta(minutes=10))
        self.check_deadlines()
        # Once more round: everyone pulls what the others pushed in the first pass, the
        # ERP's acknowledgements and the deadlines passed (nobody has anything to push).
        for node in self.nodes:
            self._sync_healed(node)

    @staticmethod
    def _sync_healed(node: Node) -> None:
        """Sync over a healed network: a connection kept alive from before (that the
        server closed as idle, or a server since killed) may still break once, which a
        terminal's sync thread would retry."""
        for attempt in range(3):
            try:
                node.sync()
                return
            except Offline:
                if attempt == 2:
                    raise

    def open_postings(self) -> int:
        """Postings the writer still has to send: not in the ERP, not settled, not
        waiting behind a refused one of their work order (a person decides that)."""
        return len(self._unsettled())

    def _unsettled(self) -> list[str]:
        """Postings waiting to be sent that no refused one of their work order holds back.
        A work order's postings go in the order of their events; two postings of one
        event (a confirmation and its scrap) have no order between them, so a refused
        one holds back the other either way."""
        waiting = (PostingStatus.PENDING, PostingStatus.IN_FLIGHT, PostingStatus.UNKNOWN)
        with self.server.read() as session:
            rows = session.execute(
                select(
                    ErpPosting.id,
                    ErpPosting.status,
                    func.coalesce(ErpPosting.work_order_number, ErpPosting.id),
                    EventRecord.position,
                ).join(EventRecord, EventRecord.id == ErpPosting.event_id)
            ).all()
        refused: dict[str, int] = {}  # the first refused posting's place, by queue
        for _, status, queue, position in rows:
            if status is PostingStatus.FAILED:
                refused[queue] = min(position, refused.get(queue, position))
        return [
            pid
            for pid, status, queue, position in rows
            if status in waiting and not (queue in refused and refused[queue] <= position)
        ]

    def figures(self) -> Figures:
        """What this run did with the ERP and the server's other jobs (server up)."""
        with self.server.read() as session:
            kinds = Counter(
                dict(
                    session.execute(
                        select(EventRecord.kind, func.count())
                        .where(EventRecord.outcome == "applied")
                        .group_by(EventRecord.kind)
                    ).all()
                )
            )
            rejected = session.scalar(select(func.count()).where(EventRecord.outcome == "rejected"))
            postings = session.scalar(select(func.count()).select_from(ErpPosting))
        return Figures(
            postings=postings or 0,
            acknowledged=kinds[ErpPostingAcknowledged.KIND],
            refused=kinds[ErpPostingFailed.KIND],
            cancelled=kinds[ErpPostingCancelled.KIND],
            answered_twice=self.erp.answered_twice,
            imports=self.erp.imports,
            deadline_facts=kinds[ExceptionDeadlinePassed.KIND],
            rejected=rejected or 0,
            pin_locks=kinds[UserLockedOut.KIND],
            timed_out=self.erp.timed_out,
            server_kills=self.server_kills,
            terminal_kills=self.terminal_kills,
            restores=self.restores,
        )

    def check(self, *, terminal_logs: bool = True) -> None:
        """The invariants of convergence; raise Divergence naming the first that fails.
        `terminal_logs` False leaves verifying each terminal's whole log (its hash chains
        and signatures) to a later check: a break stays until then, and a long run need
        not read every log at every heal."""
        with self.server.read() as session:
            expected = replay.snapshot(session, ignore=SNAPSHOT_IGNORE)
            every = set(session.scalars(select(EventRecord.id)))
            server_audit = audit.verify_all(session)
            held = {n.terminal_id: own_events(session, n.terminal_id) for n in self.nodes}
            judged = {n.terminal_id: verdicts(session, n.terminal_id) for n in self.nodes}
            for node in self.nodes:
                check_logins(session, node)
        if server_audit.findings:
            raise Divergence(f"the server's log fails `takt verify`: {server_audit.findings[0]}")
        self._check_erp()
        self.check_facts()
        if any(held.values()) and not server_audit.signed_heads:
            raise Divergence("the server holds terminals' events but no signed head")
        for node in self.nodes:
            self._check_node(node, expected, every, held[node.terminal_id], judged, terminal_logs)

    def _check_erp(self) -> None:
        """Every posting is one document in the ERP, or visibly not there (refused, with
        the ERP's message; cancelled; waiting behind a refused one of its work order for
        a person); a document of an event the server refused is there only as recorded
        (orphaned, with what to do, or reversed by a person); none is in the ERP twice,
        and the writer asked the ERP to post one again only after the ERP refused it (and
        a person sent it again): never after a timeout or its process dying before it
        recorded the answer (it looks it up)."""
        with self.server.read() as session:
            postings = list(session.scalars(select(ErpPosting)))
            refused = set(
                session.scalars(select(EventRecord.id).where(EventRecord.outcome != "applied"))
            )
        booked = self.erp.documents
        waiting = (PostingStatus.PENDING, PostingStatus.IN_FLIGHT, PostingStatus.UNKNOWN)
        behind_refused = {p.id for p in postings if p.status in waiting} - set(self._unsettled())
        for posting in postings:
            in_erp = posting.id in booked
            if posting.status is PostingStatus.POSTED:
                if not in_erp or posting.erp_document != booked[posting.id].document:
                    raise Divergence(f"posting {posting.id} is posted, but not so in the ERP")
            elif posting.status is PostingStatus.FAILED:
                if in_erp or not posting.last_error:
                    raise Divergence(f"posting {posting.id} failed without the ERP's reason")
            elif posting.status is PostingStatus.CANCELLED:
                if in_erp:
                    raise Divergence(f"posting {posting.id} is cancelled but in the ERP")
            elif posting.status is PostingStatus.ORPHANED:
                # The ERP's document of an event the server refused (after a restore),
                # recorded by `takt erp reconcile` for a person to reverse in the ERP.
                if not in_erp or posting.erp_document != booked[posting.id].document:
                    raise Divergence(f"posting {posting.id} is orphaned, but not in the ERP")
                if not posting.last_error or posting.event_id not in refused:
                    raise Divergence(f"posting {posting.id} is orphaned without a refused event")
            elif posting.status is PostingStatus.REVERSED:
                pass  # a person undid it in the ERP (the tests' ERP keeps no reversals)
            elif posting.id not in behind_refused or in_erp:
                raise Divergence(f"posting {posting.id} is still {posting.status} after healing")
        known = {p.id for p in postings}
        if set(booked) - known:
            raise Divergence(f"the ERP holds documents of no posting: {set(booked) - known}")
        twice = {r for r in self.erp.posted if self.erp.posted.count(r) > 1}
        if twice:
            raise Divergence(f"postings booked in the ERP twice: {sorted(twice)}")
        # Not even after its process died between the ERP's commit and recording the
        # answer: the writer marks a posting before sending it and looks it up then.
        again = {r for r, n in self.erp.asked.items() if n > 1}
        again -= self.erp.refusals | self.erp.before_restore
        if again:
            raise Divergence(f"the writer asked the ERP to post these again: {sorted(again)}")

    def _check_node(
        self,
        node: Node,
        expected: dict[str, list[tuple[Any, ...]]],
        every: set[str],
        held: list[Own],
        judged: dict[str, dict[str, tuple[str, str | None]]],
        verify_log: bool,
    ) -> None:
        who = node.name
        waiting = node.engine.waiting()
        if waiting:
            raise Divergence(f"{who}: {waiting} own events still waiting after healing")
        with node.store.read() as session:
            own = node.own(session)
            local_verdicts = verdicts(session, node.terminal_id)
            mine = set(session.scalars(select(EventRecord.id)))
            reviewed = set(session.scalars(select(RejectionReview.event_id)))
            report = audit.verify_all(session) if verify_log else None
            snapshot = replay.snapshot(session, ignore=SNAPSHOT_IGNORE)
        if own != node.recorded:
            raise Divergence(f"{who}: its log lost or changed own events it had recorded")
        if held != own:
            missing = {e[0] for e in own} - {e[0] for e in held}
            raise Divergence(
                f"{who}: the server holds {len(held)} of its {len(own)} events "
                f"(missing seqs {sorted(missing)[:10]}), not each exactly once"
            )
        # The terminal's list of refused changes, as its screen reads it.
        shown = {e.id: e.reason for e in node.engine.rejected()}
        for _, eid, _ in own:
            verdict = judged[node.terminal_id][eid]
            if local_verdicts[eid] != verdict:
                raise Divergence(
                    f"{who}: event {eid} is {local_verdicts[eid]} here, {verdict} on the server"
                )
            if verdict[0] != "rejected":
                if eid in shown:
                    raise Divergence(f"{who}: event {eid} is listed as refused but was not")
                continue
            if not verdict[1]:
                raise Divergence(f"{who}: event {eid} was rejected without a reason")
            if eid not in reviewed and shown.get(eid) != verdict[1]:
                raise Divergence(f"{who}: event {eid} was rejected; its reason is not shown")
        if mine != every:
            raise Divergence(
                f"{who}: holds {len(mine - every)} events the server does not and lacks "
                f"{len(every - mine)} it has"
            )
        if report is not None and report.findings:
            raise Divergence(f"{who}: its log fails `takt verify`: {report.findings[0]}")
        if snapshot != expected:
            differ = [t for t in expected if snapshot.get(t) != expected[t]]
            raise Divergence(f"{who}: projections differ from the server's in {differ}")


def check_logins(session: Session, node: Node) -> None:
    """The server refuses a person's event exactly when that person was not logged in on
    the terminal that recorded it, as that terminal's own events (its logins and logouts,
    in its order) say; the reason says so. Logouts, wrong PINs and PIN locks are facts of
    the record: always applied; so is a login, but a PIN login the server refuses, with
    that reason, because it took a lock of that number first (one the terminal had not
    pulled: app/projections/sessions.py)."""
    here: set[str] = set()
    for seq, kind, actor, payload, outcome, reason in session.execute(
        select(
            EventRecord.terminal_seq,
            EventRecord.kind,
            EventRecord.actor,
            EventRecord.payload,
            EventRecord.outcome,
            EventRecord.reason,
        )
        .where(EventRecord.terminal_id == node.terminal_id)
        .order_by(EventRecord.terminal_seq)
    ):
        refused_for_lock = (
            kind == UserLoggedIn.KIND
            and payload["method"] == "pin"
            and outcome == "rejected"
            and PIN_LOCKED in (reason or "")
        )
        if kind in PEOPLE_FACTS and outcome != "applied" and not refused_for_lock:
            raise Divergence(f"{node.name}: seq {seq} ({kind}) is {outcome}: {reason}")
        rule = authz.rule_for(kind)
        refused_for_login = outcome == "rejected" and NOT_LOGGED_IN in (reason or "")
        needs_login = rule.login and not rule.anonymous and actor not in authz.SYSTEM_ACTORS
        if needs_login and actor not in here and not refused_for_login:
            raise Divergence(
                f"{node.name}: seq {seq} ({kind} by {actor}) is {outcome}, but {actor} was "
                "not logged in there: the server must refuse it, saying why"
            )
        if refused_for_login and (not needs_login or actor in here):
            raise Divergence(
                f"{node.name}: seq {seq} ({kind} by {actor}) refused as not logged in, "
                f"but {actor} was logged in there"
            )
        if outcome == "applied" and kind == UserLoggedIn.KIND:
            here.add(payload["user_id"])
        elif outcome == "applied" and kind == UserLoggedOut.KIND:
            here.discard(payload["user_id"])


def floor_progress(session: Session) -> dict[str, dict[Any, Any]]:
    """What the floor owns (app/projections/orders.py) and an ERP import must leave as
    it is: operations worked on, material issued, holds, overrides, exceptions (but the
    note of what the ERP did to their order), tasks, postings, and the progress of an
    order the ERP still has released."""
    touched = {
        op.id: (op.qty_good, op.qty_scrap, op.status, op.started_at, op.completed_at)
        for op in session.scalars(select(OperationInstance))
        if op.status not in (OperationStatus.WAITING, OperationStatus.READY)
        or op.qty_good
        or op.qty_scrap
        or op.started_at is not None
    }
    issued = {
        m.id: (m.item_code, m.issued_qty, m.substitute_for, m.substitute_approved_by)
        for m in session.scalars(select(MaterialRequirement))
        if m.issued_qty > 0 or m.substitute_for is not None
    }
    tables = replay.snapshot(session, ignore={"exceptions": {"details"}})
    kept: dict[str, dict[Any, Any]] = {"operations": touched, "materials": issued}
    for table in ("holds", "priority_overrides", "exceptions", "tasks", "erp_postings"):
        kept[table] = {row[0]: row for row in tables[table]}
    started = (WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.COMPLETED)
    kept["orders"] = {
        wo.number: (wo.erp_status, "started" if wo.status in started else wo.status)
        for wo in session.scalars(select(WorkOrder))
    }
    return kept


def order_record(session: Session, number: str) -> dict[str, Any] | None:
    """A work order as the ERP would send it again, unchanged: the record the model's
    import changes one thing of."""
    order = session.get(WorkOrder, number)
    if order is None:
        return None
    left = order.quantity  # what is left for the floor; the ERP's figure adds what was done
    ordered = order.done_before + left
    return {
        "number": order.number,
        "erp_ref": order.erp_ref,
        "item": order.item_code,
        "qty": ordered,
        "done_qty": order.done_before,
        "due": as_utc(order.due_at).isoformat(),
        "state": "released",
        "operations": [
            {
                "seq": op.seq,
                "work_center": op.work_center_code,
                "operation": op.description,
                "minutes": op.run_minutes / left,
                "setup_minutes": op.setup_minutes,
            }
            for op in sorted(order.operations, key=lambda o: o.seq)
        ],
        "materials": [
            {"item": m.substitute_for or m.item_code, "qty": m.quantity * ordered / left}
            for m in order.materials
        ],
    }


def new_order_record(
    session: Session, number: str, n: int, qty: int, due: datetime
) -> dict[str, Any]:
    """A work order the ERP releases mid-shift: the n-th item with a routing, made by
    that routing from its BOM (the importer reads both from what the server holds)."""
    items = sorted(set(session.scalars(select(RoutingOperation.routing_item_code))))
    return {
        "number": number,
        "item": items[n % len(items)],
        "qty": qty,
        "done_qty": 0,
        "due": as_utc(due).isoformat(),
        "state": "released",
    }
