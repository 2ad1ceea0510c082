"""A plant for sync tests: one real server on 127.0.0.1 and any number of terminals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.events import replay
from app.events.payloads import UserLoggedIn
from app.model import EventRecord
from app.services.base import Service
from app.services.exceptions import ExceptionService
from app.store import Store, open_store
from sync.client.credentials import obtain_token
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.server.app import create_app
from sync.server.runner import ServerThread

ENROLLMENT_KEY = "test-enrollment-key"
# The small plant's people (901 operator ... 907 manager, 908 admin), logged in on every
# terminal.
PEOPLE = ("901", "902", "903", "904", "905", "906", "907", "908")
# Columns that legitimately differ between replicas: none today.
SNAPSHOT_IGNORE: dict[str, set[str]] = {}


def seqs_of(session: Session, terminal_id: str) -> list[int]:
    return list(
        session.scalars(
            select(EventRecord.terminal_seq)
            .where(EventRecord.terminal_id == terminal_id)
            .order_by(EventRecord.terminal_seq)
        )
    )


@dataclass
class Terminal:
    name: str
    store: Store
    engine: SyncEngine
    exceptions: ExceptionService

    def login(self, *people: str) -> None:
        """Log people in here (the server takes a person's events only from a terminal
        they are logged in on); the plant must already be pulled."""
        service = Service(self.store, self.exceptions.clock)
        for person in people:
            with service.transaction() as tx:
                tx.emit(UserLoggedIn(user_id=person, method="badge"), person)

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        with self.store.read() as session:
            return replay.snapshot(session, ignore=SNAPSHOT_IGNORE)

    def own_seqs(self) -> list[int]:
        """The sequence numbers of this terminal's own events in its database."""
        with self.store.read() as session:
            return seqs_of(session, self.store.terminal_id)


class Plant:
    def __init__(
        self,
        tmp_path: Path,
        open_server: Callable[[], Store],
        clock: Clock,
        **app_options: Any,
    ) -> None:
        self.app_options = app_options  # extra create_app arguments (e.g. an ERP adapter)
        self.tmp_path = tmp_path
        self.open_server = open_server
        self.clock = clock
        self.server_store: Store | None = None
        self.server: ServerThread | None = None
        self.api: Any = None
        self.port = 0
        self.terminals: list[Terminal] = []
        self.start_server()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start_server(self) -> None:
        self.server_store = self.open_server()
        api = create_app(
            self.server_store,
            enrollment_key=ENROLLMENT_KEY,
            clock=self.clock,
            deadline_interval_s=None,
            **self.app_options,
        )
        self.api = api
        self.server = ServerThread(api, port=self.port).start()
        self.port = self.server.port

    def stop_server(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None
        if self.server_store is not None:
            self.server_store.close()
            self.server_store = None

    def terminal(
        self, name: str, clock: Clock | None = None, *, people: tuple[str, ...] = PEOPLE
    ) -> Terminal:
        """A terminal enrolled with the server; when the server is up it has pulled the
        plant, `people` are logged in on it and the server knows."""
        clock = clock or self.clock
        store = open_store(self.tmp_path / f"{name}.sqlite3", terminal_name=name, clock=clock)
        transport = Transport(self.url)
        obtain_token(transport, store.terminal_id, name, ENROLLMENT_KEY).use(transport)
        engine = SyncEngine(store, transport, clock=clock)
        terminal = Terminal(name, store, engine, ExceptionService(store, clock))
        self.terminals.append(terminal)
        if people and self.server is not None:
            engine.pull_pending()
            terminal.login(*people)
            engine.push_pending()  # a terminal whose people are known to be there
        return terminal

    def held_seqs(self, terminal: Terminal) -> list[int]:
        """The sequence numbers of `terminal`'s events the server holds."""
        assert self.server_store is not None
        with self.server_store.read() as session:
            return seqs_of(session, terminal.store.terminal_id)

    def server_snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        assert self.server_store is not None
        with self.server_store.read() as session:
            return replay.snapshot(session, ignore=SNAPSHOT_IGNORE)

    def close(self) -> None:
        for terminal in self.terminals:
            terminal.engine.stop()
            terminal.store.close()
        self.stop_server()
