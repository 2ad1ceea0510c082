"""The server's single-writer jobs run in exactly one process at a time.

The deadline timer, the notifier, the ERP writer and the scheduled ERP import must not
run twice over one database: two ERP writers could post the same confirmation while the
ERP's duplicate check is still catching up, two notifiers could mail twice. Several
server processes over one PostgreSQL (`takt server --workers N`, or servers on several
hosts) therefore elect one of them with a session-level advisory lock:

- every process tries `pg_try_advisory_lock` on a connection of its own; the one that
  gets it runs the jobs for as long as it lives ("held"), the others serve HTTP only
  and try again every few seconds ("standby");
- the lock belongs to the holder's database session, so when the holder dies, however
  it dies, PostgreSQL ends the session and frees the lock, and a standby takes over;
- `takt erp post` takes the same lock, so it never posts beside a running server.

On SQLite one process serves a database file; an OS file lock next to the file plays
the advisory lock's part, so a second server (or `takt erp post`) on the same file is
refused instead of writing beside the first. An in-memory database has no one to share
with: its lock is always free.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine

from sync.server.live import psycopg_params

log = logging.getLogger(__name__)

# The advisory lock's first key ("TAKT" in ASCII); the second is the server's id, so
# two Takt servers sharing one PostgreSQL database (in two schemas) elect separately.
SINGLETONS_LOCK = 0x54414B54
# How often a standby process tries to take the jobs over (and the holder checks that
# its lock connection still stands).
DEFAULT_TAKEOVER_S = 5.0
# The lock connection asks the database server to probe it, so a holder whose host
# vanished (no TCP close ever arrives) loses the lock in about half a minute instead of
# the operating system's default of two hours.
SERVER_KEEPALIVE = (
    "SET tcp_keepalives_idle = 10",
    "SET tcp_keepalives_interval = 5",
    "SET tcp_keepalives_count = 3",
)


def describe_process(role: str = "server") -> str:
    """How messages name a process: `takt server on HOST (pid N)`."""
    return f"takt {role} on {socket.gethostname()} (pid {os.getpid()})"


class LockHeld(Exception):
    """Another process holds the single-writer lock of this database."""

    def __init__(self, holder: str, where: str) -> None:
        super().__init__(f"{holder} holds the single-writer lock of {where}")
        self.holder = holder
        self.where = where


class SingletonLock(Protocol):
    where: str  # the database it guards, for messages

    def try_acquire(self) -> bool:
        """Take the lock if it is free (True also when this object holds it already)."""
        ...

    def alive(self) -> bool:
        """Whether the lock taken is still held (its connection still stands)."""
        ...

    def release(self) -> None: ...

    def holder(self) -> str | None:
        """Who holds the lock now, in words; None when nobody (or unknown)."""
        ...


class ProcessLock:
    """An in-memory database: no other process can open it, so the lock is this one's."""

    where = "an in-memory database"

    def try_acquire(self) -> bool:
        return True

    def alive(self) -> bool:
        return True

    def release(self) -> None:
        """Nothing was taken."""

    def holder(self) -> str | None:
        return None


class FileSingletonLock:
    """A SQLite server database: an OS file lock next to it (freed when the process
    ends, however it ends), and a note of who holds it for the refusal's message."""

    def __init__(self, db_path: Path, who: str) -> None:
        from filelock import FileLock

        self.db_path = db_path.resolve()
        self.where = str(self.db_path)
        self._who = who
        self._note = self.db_path.with_name(self.db_path.name + ".singletons")
        # Not thread-local: the lock belongs to the process, whichever thread frees it.
        self._lock = FileLock(
            self.db_path.with_name(self.db_path.name + ".singletons.lock"),
            timeout=0,
            thread_local=False,
        )

    def try_acquire(self) -> bool:
        from filelock import Timeout

        if self._lock.is_locked:
            return True
        try:
            self._lock.acquire()
        except Timeout:
            return False
        with contextlib.suppress(OSError):  # the note only names the holder in messages
            self._note.write_text(self._who, "utf-8")
        return True

    def alive(self) -> bool:
        return self._lock.is_locked

    def release(self) -> None:
        if self._lock.is_locked:
            with contextlib.suppress(OSError):
                self._note.unlink()
            self._lock.release(force=True)

    def holder(self) -> str | None:
        try:
            return self._note.read_text("utf-8").strip() or None
        except OSError:
            return None


class PgSingletonLock:
    """A session-level advisory lock on a connection of its own (autocommit: no
    transaction stays open on it), held until release() or the process ends."""

    def __init__(self, engine: Engine, server_id: str, who: str) -> None:
        self.where = engine.url.render_as_string(hide_password=True)
        digest = hashlib.sha256(server_id.encode("utf-8")).digest()
        self.key = (SINGLETONS_LOCK, int.from_bytes(digest[:4], "big") & 0x7FFFFFFF)
        # The application name is what pg_stat_activity shows: holder() reads it back.
        self._params = psycopg_params(engine, who)
        self._connection: Any = None
        self._held = False

    def _connect(self) -> Any:
        import psycopg

        if self._connection is None or self._connection.closed:
            self._held = False
            self._connection = psycopg.connect(**self._params)
            for statement in SERVER_KEEPALIVE:
                self._connection.execute(statement)
        return self._connection

    def try_acquire(self) -> bool:
        if self._held and self.alive():
            return True
        row = self._connect().execute("SELECT pg_try_advisory_lock(%s, %s)", self.key).fetchone()
        self._held = bool(row and row[0])
        return self._held

    def alive(self) -> bool:
        if not self._held or self._connection is None:
            return False
        try:
            self._connection.execute("SELECT 1")
            return True
        except Exception:  # the session is gone, and the lock with it
            self._close()
            return False

    def release(self) -> None:
        # Ending the session frees the lock (and leaves no connection behind).
        self._close()

    def _close(self) -> None:
        self._held = False
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None

    def holder(self) -> str | None:
        try:
            row = (
                self._connect()
                .execute(
                    "SELECT a.application_name, a.client_addr::text, a.backend_start"
                    " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
                    " AND l.classid::bigint = %s AND l.objid::bigint = %s"
                    " AND l.database = (SELECT oid FROM pg_database"
                    " WHERE datname = current_database())",
                    self.key,
                )
                .fetchone()
            )
        except Exception as error:
            log.debug("cannot tell who holds the single-writer lock: %s", error)
            return None
        if row is None:
            return None
        name, address, since = row
        where = f" from {address}" if address else ""
        return f"{name or 'a PostgreSQL session'}{where}, since {since:%Y-%m-%d %H:%M:%S %Z}"


def singleton_lock(engine: Engine, path: Path | None, server_id: str, who: str) -> SingletonLock:
    """The single-writer lock of the server database behind `engine` (a file at `path`
    for SQLite)."""
    if engine.dialect.name == "postgresql":
        return PgSingletonLock(engine, server_id, who)
    if path is not None:
        return FileSingletonLock(path, who)
    return ProcessLock()


class Job(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


class Singletons:
    """Runs the jobs `make_jobs` builds while this process holds `lock`.

    Jobs are built anew at each take-over: a stopped thread cannot start again, and a
    job's state (an ERP writer's pause, a notifier's wake flag) belongs to the holder
    that made it. When the holder's lock connection breaks while it lives (a database
    restart, a network cut) it stops its jobs before a standby can have taken over
    for longer than one take-over period; facts the jobs record have deterministic
    ids and ERP postings carry idempotency references, so such an overlap records
    nothing twice.
    """

    def __init__(
        self,
        lock: SingletonLock,
        make_jobs: Callable[[], Sequence[Job]],
        takeover_s: float = DEFAULT_TAKEOVER_S,
    ) -> None:
        self._lock = lock
        self._make_jobs = make_jobs
        self.takeover_s = takeover_s
        self._jobs: Sequence[Job] = ()
        self._held = False
        self._last_holder: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> str:
        """`held` (this process runs the jobs) or `standby` (another one does)."""
        return "held" if self._held else "standby"

    @property
    def jobs(self) -> Sequence[Job]:
        return self._jobs

    def start(self) -> None:
        # The first attempt is made before the server takes requests: a lone server
        # runs its jobs from its first push on (the notifier's cursor depends on it).
        self._stop.clear()
        self._try_take()
        self._thread = threading.Thread(target=self._run, name="takt-singletons", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._stop_jobs()
        self._lock.release()

    def wake(self) -> None:
        """New events were applied: jobs that can act on them sooner look now."""
        for job in self._jobs:
            wake = getattr(job, "wake", None)
            if wake is not None:
                wake()

    def _run(self) -> None:
        while not self._stop.wait(self.takeover_s):
            try:
                if self._held and not self._lock.alive():
                    log.error(
                        "lost the single-writer lock (the connection to %s broke): the "
                        "deadline timer, notifier and ERP writer stop here until this "
                        "process holds it again",
                        self._lock.where,
                    )
                    self._stop_jobs()
                elif not self._held:
                    self._try_take()
            except Exception:  # the election must outlive one bad round; the log says why
                log.exception("single-writer election failed")

    def _try_take(self) -> None:
        try:
            taken = self._lock.try_acquire()
        except Exception as error:  # the database is away: the next round tries again
            log.warning("cannot reach %s for the single-writer lock: %s", self._lock.where, error)
            return
        if not taken:
            holder = self._lock.holder()
            if holder != self._last_holder:
                log.info(
                    "standby: %s runs the deadline timer, notifier and ERP writer; this "
                    "process takes over if it stops (checked every %ss)",
                    holder or "another process",
                    self.takeover_s,
                )
                self._last_holder = holder
            return
        jobs = list(self._make_jobs())
        started: list[Job] = []
        try:
            for job in jobs:
                job.start()
                started.append(job)
        except Exception:
            for job in started:
                job.stop()
            self._lock.release()
            raise
        self._jobs, self._held, self._last_holder = started, True, None
        log.info("this process runs the deadline timer, notifier and ERP writer")

    def _stop_jobs(self) -> None:
        jobs, self._jobs, self._held = self._jobs, (), False
        for job in jobs:
            try:
                job.stop()
            except Exception:
                log.exception("stopping %s failed", type(job).__name__)


@contextlib.contextmanager
def holding(
    lock: SingletonLock,
    *,
    wait: bool,
    retry_s: float = 2.0,
    on_wait: Callable[[str], None] = lambda holder: None,
) -> Iterator[None]:
    """Hold `lock` for a command (`takt erp post`): LockHeld when a server holds it,
    or with `wait`, once it is free (on_wait is told whom it waits for, once)."""
    told = False
    try:
        while not lock.try_acquire():
            holder = lock.holder() or "another Takt process"
            if not wait:
                raise LockHeld(holder, lock.where)
            if not told:
                on_wait(holder)
                told = True
            time.sleep(retry_s)
        yield
    finally:
        lock.release()
