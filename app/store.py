"""Opening a Takt database: checks, migrations, connection settings, sessions.

A terminal's database holds its event log and the projections built from it. On
open it is checked (is it SQLite, is it Takt's, is it from a newer Takt), backed up
and upgraded if an older Takt wrote it, and configured for durability (WAL with
synchronous=FULL: a committed event survives a power cut).
"""

from __future__ import annotations

import logging
import shutil
import socket
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.changes import Changes, taken
from app.clock import Clock, SystemClock
from app.errors import (
    CorruptDatabaseError,
    DiskFullError,
    NewerDatabaseError,
    UnwritableDataDirError,
)
from app.events import undo
from app.events.audit import check_at_start
from app.events.log import APPENDED
from app.i18n import tr
from app.model import LocalTerminal, SyncState

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "model" / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


@dataclass
class Store:
    """A migrated database and the sessions to work in it.

    `write()` sessions take SQLite's write lock up front (BEGIN IMMEDIATE), so two
    writers queue instead of failing half-way; `read()` sessions never block writers.
    """

    path: Path | None
    engine: Engine
    read_engine: Engine
    terminal_id: str
    terminal_name: str
    # A terminal attached to a server records how to undo its own events until the
    # server has ordered them; a server gives every event it stores a global number.
    speculative: bool = False
    orders_events: bool = False

    def __post_init__(self) -> None:
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(self.read_engine, expire_on_commit=False)
        # A write session keeps every row it touched until it ends. The session's own
        # map holds clean rows weakly: a row a reducer added or read could be dropped
        # and read again for the next event, each read flushing the batch so far.
        for hook in ("pending_to_persistent", "loaded_as_persistent"):
            event.listen(self._writer, hook, _keep)
        # Called after a committed write that appended events (log.append marks the
        # session), e.g. to wake the sync engine's push; applying others' events does not.
        self.after_commit: list[Callable[[], None]] = []
        # Called after every committed write that changed the projections (a command
        # here, a page of others' events), with what it changed (app.changes): on the
        # writer's thread, so a listener only notes it and lets its own thread read.
        self.on_changes: list[Callable[[Changes], None]] = []

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        try:
            with self._writer.begin() as session:
                session.info["speculative"] = self.speculative
                session.info["orders_events"] = self.orders_events
                yield session
                appended = bool(session.info.get(APPENDED))
                changed = taken(session)
        except OperationalError as error:
            if not is_disk_full(error):
                raise
            where = self.path or Path(self.engine.url.render_as_string(hide_password=True))
            log.error("%s: the disk is full; a change was rolled back", where)
            raise DiskFullError(
                where,
                tr("the disk is full, so nothing of this change was saved"),
                tr(
                    "Free some space on that disk (or ask IT to), then do it again; "
                    "everything saved before is intact"
                ),
            ) from error
        if changed:
            for report in list(self.on_changes):
                report(changed)
        if appended:
            for listener in list(self.after_commit):
                listener()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()


def is_disk_full(error: OperationalError) -> bool:
    """SQLite's SQLITE_FULL, or PostgreSQL's disk_full (SQLSTATE 53100)."""
    orig = error.orig
    return (
        getattr(orig, "sqlite_errorname", None) == "SQLITE_FULL"
        or getattr(orig, "sqlstate", None) == "53100"
    )


def _keep(session: Session, instance: object) -> None:
    session.info.setdefault("kept", []).append(instance)


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module so BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()
        undo.install(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _check_data_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / f".takt-write-probe-{uuid.uuid4().hex}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise UnwritableDataDirError(
            directory,
            tr("Takt cannot write its data here ({error})", error=str(error.strerror or error)),
            tr(
                "Give this user write access to the folder, or start Takt with "
                "--data-dir (or TAKT_DATA_DIR) pointing to a writable folder."
            ),
        ) from None


def _check_existing_file(path: Path) -> str | None:
    """Return the file's schema revision (None for an empty file), or raise."""
    remedy_corrupt = tr(
        "The file was left untouched. Move it aside (keep it for support) and start "
        "Takt again to create a fresh database, which then syncs from the server."
    )
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header == b"":
        return None
    if header != SQLITE_MAGIC:
        raise CorruptDatabaseError(
            path, tr("this is not a Takt database (not SQLite)"), remedy_corrupt
        )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            status = conn.execute("PRAGMA quick_check").fetchone()
            if not status or status[0] != "ok":
                raise CorruptDatabaseError(
                    path,
                    tr(
                        "the database is damaged ({problem})",
                        problem=str(status[0]) if status else "?",
                    ),
                    remedy_corrupt,
                )
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise CorruptDatabaseError(
                    path, tr("this SQLite file was not written by Takt"), remedy_corrupt
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(
            path, tr("the database is damaged ({problem})", problem=str(error)), remedy_corrupt
        ) from None


def open_store(
    path: Path,
    *,
    terminal_name: str | None = None,
    clock: Clock | None = None,
    verify_log: bool = True,
) -> Store:
    """Open (creating or upgrading as needed) the SQLite database at `path`.

    The events added to its log since it was last opened are verified first (a log
    changed outside Takt raises TamperedLog); `verify_log=False` leaves that to the
    caller (`takt verify`, which reports every break instead of the first).
    """
    path = path.resolve()
    _check_data_dir(path.parent)
    revision = _check_existing_file(path) if path.exists() else None
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision is not None and revision not in known:
        raise NewerDatabaseError(
            path,
            tr("the database was written by a newer Takt (schema {revision})", revision=revision),
            tr(
                "The file was left untouched. Install that newer Takt on this terminal, "
                "or open another --data-dir."
            ),
        )
    head = script.get_current_head()
    if revision is not None and revision != head:
        backup = path.with_name(f"{path.name}.before-{head}.bak")
        shutil.copy2(path, backup)
        log.info(
            "backed up %s to %s before upgrading schema %s -> %s", path, backup, revision, head
        )
    url = f"sqlite:///{path}"
    engine = _sqlite_engine(url, immediate=True)
    try:
        _migrate(engine)
    except Exception:
        engine.dispose()
        raise
    # Connections opened before the schema existed lack the undo triggers.
    engine.dispose()
    store = _finish(path, engine, _sqlite_engine(url, immediate=False), terminal_name, clock)
    if verify_log:
        try:
            with store.write() as session:
                check_at_start(session, store.terminal_id, (clock or SystemClock()).now(), path)
        except BaseException:
            store.close()
            raise
    return store


def open_store_url(
    url: str,
    *,
    terminal_name: str | None = None,
    clock: Clock | None = None,
    verify_log: bool = True,
    **engine_args: Any,
) -> Store:
    """Open a database by SQLAlchemy URL: a SQLite file, or PostgreSQL for a server.

    A SQLite file's new events are verified as `open_store` does; a server's database on
    PostgreSQL, shared by its processes, is checked with `takt verify`."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return open_store(
            Path(url.removeprefix("sqlite:///")),
            terminal_name=terminal_name,
            clock=clock,
            verify_log=verify_log,
        )
    engine = create_engine(url, pool_pre_ping=True, **engine_args)
    try:
        _migrate(engine)
    except Exception:
        engine.dispose()
        raise
    return _finish(None, engine, engine, terminal_name, clock)


def open_database(
    location: str | Path, *, terminal_name: str | None = None, verify_log: bool = True
) -> Store:
    """A SQLite file's path, or a SQLAlchemy URL (postgresql+psycopg://...): how a person
    names the server's database on a command line."""
    text = str(location)
    if "://" in text:
        return open_store_url(text, terminal_name=terminal_name, verify_log=verify_log)
    return open_store(Path(text), terminal_name=terminal_name, verify_log=verify_log)


def open_memory_store(*, terminal_name: str = "test", clock: Clock | None = None) -> Store:
    """A private in-memory database: for tests and throw-away computations."""
    from sqlalchemy.pool import StaticPool

    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    _migrate(engine)
    with engine.connect() as connection:
        undo.install(connection.connection.dbapi_connection)  # type: ignore[arg-type]
    return _finish(None, engine, engine, terminal_name, clock)


def _migrate(engine: Engine) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head_revision():
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        log.info("database schema upgraded from %s to %s", current, head_revision())


def _finish(
    path: Path | None,
    engine: Engine,
    read_engine: Engine,
    terminal_name: str | None,
    clock: Clock | None,
) -> Store:
    clock = clock or SystemClock()
    with sessionmaker(engine).begin() as session:
        attached = session.get(SyncState, 1) is not None
        terminal = session.query(LocalTerminal).one_or_none()
        if terminal is None:
            terminal = LocalTerminal(
                id=str(uuid.uuid4()),
                name=terminal_name or socket.gethostname(),
                created_at=clock.now(),
            )
            session.add(terminal)
        tid, tname = terminal.id, terminal.name
    return Store(
        path=path,
        engine=engine,
        read_engine=read_engine,
        terminal_id=tid,
        terminal_name=tname,
        speculative=attached,
    )


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
