"""Waking the live streams when new events commit.

Pushes run in worker threads; streams wait on the event loop. `publish` is called
from any thread after a commit; each waiting stream is woken on its own loop.

One server process wakes its own streams in memory (`HeadSignal`). Several processes
over one PostgreSQL (`takt server --workers N`, or servers on several hosts) also tell
each other through LISTEN/NOTIFY (`PgWakeup`): an event pushed to one process wakes a
terminal streaming from another within milliseconds, not at its next keepalive.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import Engine

log = logging.getLogger(__name__)

# How long the listener waits for a notification before it looks at its stop flag.
LISTEN_POLL_S = 1.0
RECONNECT_S = (0.5, 1.0, 2.0, 5.0)


class Wakeup(Protocol):
    """What the live stream waits on: the head moved past a stream's cursor."""

    @property
    def head(self) -> int: ...

    def publish(self, head: int) -> None: ...

    async def wait_beyond(self, seq: int, timeout: float) -> bool: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


class HeadSignal:
    """The in-process wakeup: one server process (SQLite, or a single PostgreSQL one)."""

    def __init__(self, head: int = 0) -> None:
        self._head = head
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    @property
    def head(self) -> int:
        return self._head

    def publish(self, head: int) -> None:
        with self._lock:
            self._head = max(self._head, head)
            waiters = list(self._waiters)
        for loop, woken in waiters:
            loop.call_soon_threadsafe(woken.set)

    async def wait_beyond(self, seq: int, timeout: float) -> bool:
        """Wait until an event after `seq` committed; False when the timeout came first."""
        woken = asyncio.Event()
        waiter = (asyncio.get_running_loop(), woken)
        with self._lock:
            if self._head > seq:
                return True
            self._waiters.add(waiter)
        try:
            await asyncio.wait_for(woken.wait(), timeout)
            return True
        except TimeoutError:
            return self._head > seq
        finally:
            with self._lock:
                self._waiters.discard(waiter)

    def start(self) -> None:
        """Nothing to start: publishers and waiters share this process."""

    def stop(self) -> None:
        """Nothing to stop."""


def channel_name(server_id: str) -> str:
    """The NOTIFY channel of one server database. Channels are per PostgreSQL database,
    not per schema: two Takt servers sharing a database must not wake (and mislead about
    their heads) each other."""
    return "takt_events_" + hashlib.sha256(server_id.encode("utf-8")).hexdigest()[:16]


def psycopg_params(engine: Engine, application_name: str) -> dict[str, Any]:
    """Connection arguments for a dedicated psycopg connection to `engine`'s database
    (host, database, user, password, options such as search_path), as SQLAlchemy would
    open one: LISTEN and session locks need a connection no pool hands to anyone else."""
    _args, params = engine.dialect.create_connect_args(engine.url)
    return {**params, "application_name": application_name[:63], "autocommit": True}


class PgWakeup:
    """HeadSignal for this process, plus PostgreSQL LISTEN/NOTIFY between processes.

    `publish` (called after the commit) wakes this process's streams at once and sends
    NOTIFY with the new head; a background thread LISTENs on its own autocommit
    connection and publishes what other processes announce. Should that connection
    break, the thread connects again and, having possibly missed notifications, wakes
    every stream once with the head read from the database.
    """

    def __init__(
        self,
        engine: Engine,
        server_id: str,
        head: int,
        read_head: Callable[[], int],
        application_name: str = "takt server (live)",
    ) -> None:
        self._local = HeadSignal(head)
        self._engine = engine
        self._read_head = read_head
        self.channel = channel_name(server_id)
        self._params = psycopg_params(engine, application_name)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.listening = threading.Event()  # set while LISTEN is active (tests wait on it)

    @property
    def head(self) -> int:
        return self._local.head

    def publish(self, head: int) -> None:
        self._local.publish(head)
        try:
            with self._engine.connect() as connection:
                connection.exec_driver_sql("SELECT pg_notify(%s, %s)", (self.channel, str(head)))
                connection.commit()
        except Exception as error:  # the commit stands; other processes wake at keepalive
            log.warning("could not notify the other server processes: %s", error)

    async def wait_beyond(self, seq: int, timeout: float) -> bool:
        return await self._local.wait_beyond(seq, timeout)

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._listen, name="takt-listen", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self.publish(self.head)  # wakes the listener now, not at its next poll
            self._thread.join(timeout=LISTEN_POLL_S + 5)
            self._thread = None

    def _listen(self) -> None:
        import psycopg

        failures = 0
        while not self._stop.is_set():
            try:
                with psycopg.connect(**self._params) as connection:
                    connection.execute(f'LISTEN "{self.channel}"')
                    self.listening.set()
                    failures = 0
                    # Whatever committed while nobody listened: every stream looks once.
                    self._local.publish(self._read_head())
                    while not self._stop.is_set():
                        for note in connection.notifies(timeout=LISTEN_POLL_S):
                            self._take(note.payload)
                            if self._stop.is_set():
                                break
            except Exception as error:  # the database went away: connect again
                self.listening.clear()
                delay = RECONNECT_S[min(failures, len(RECONNECT_S) - 1)]
                failures += 1
                log.warning("live stream listener lost PostgreSQL (%s); again in %ss", error, delay)
                self._stop.wait(delay)
        self.listening.clear()

    def _take(self, payload: str) -> None:
        try:
            head = int(payload)
        except ValueError:
            log.warning("ignored a notification that is not a head: %r", payload[:40])
            return
        self._local.publish(head)


def wakeup_for(engine: Engine, server_id: str, head: int, read_head: Callable[[], int]) -> Wakeup:
    """LISTEN/NOTIFY on PostgreSQL; in memory on SQLite (one process per file)."""
    if engine.dialect.name == "postgresql":
        return PgWakeup(engine, server_id, head, read_head)
    return HeadSignal(head)
