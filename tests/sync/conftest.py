"""Fixtures for tests of what crosses the process boundary: real servers on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from app.clock import FixedClock
from app.demo.generator import PlantData
from app.demo.seed import seed_plant
from app.store import open_store, open_store_url
from sync.server.app import prepare
from tests.conftest import NOW
from tests.memory_keyring import MemoryKeyring, using_memory_keyring
from tests.sync.plant import Plant


class Inbox:
    def __init__(self) -> None:
        self.mails: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as probe:  # aiosmtpd checks its own start, so it needs a real port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def webhook() -> Iterator[tuple[list[dict[str, Any]], str]]:
    received: list[dict[str, Any]] = []
    status = {"code": 200}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"body": json.loads(body), "key": self.headers["Idempotency-Key"]})
            self.send_response(status["code"])
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield received, f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()


# -- a plant with a central server and terminals (issue 5) ----------------------------


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with using_memory_keyring() as backend:
        yield backend


@pytest.fixture(scope="session")
def server_template(tmp_path_factory: pytest.TempPathFactory, small_plant: PlantData) -> Path:
    """A server database holding the small plant, seeded once; each test gets a copy."""
    path = tmp_path_factory.mktemp("server-template") / "server.sqlite3"
    store = open_store(path, terminal_name="server", clock=FixedClock(NOW))
    prepare(store)
    seed_plant(store, small_plant, FixedClock(NOW))
    store.close()
    return path


@pytest.fixture
def plant(
    tmp_path: Path, server_template: Path, clock: FixedClock, memory_keyring: MemoryKeyring
) -> Iterator[Plant]:
    shutil.copy(server_template, tmp_path / "server.sqlite3")
    p = Plant(tmp_path, lambda: open_store(tmp_path / "server.sqlite3", clock=clock), clock)
    try:
        yield p
    finally:
        p.close()


@contextlib.contextmanager
def erp_plant_of(
    tmp_path: Path, server_template: Path, clock: FixedClock, erp: Any, post_interval_s: float
) -> Iterator[Plant]:
    """The test plant whose server is the single writer to `erp` (no scheduled import)."""
    shutil.copy(server_template, tmp_path / "server.sqlite3")
    p = Plant(
        tmp_path,
        lambda: open_store(tmp_path / "server.sqlite3", clock=clock),
        clock,
        erp=erp,
        erp_import_interval_s=None,
        erp_post_interval_s=post_interval_s,
    )
    try:
        yield p
    finally:
        p.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_plant(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    server_template: Path,
    small_plant: PlantData,
    clock: FixedClock,
    memory_keyring: MemoryKeyring,
) -> Iterator[Plant]:
    """The same plant with its server on SQLite and (when reachable) on PostgreSQL."""
    if request.param == "sqlite":
        shutil.copy(server_template, tmp_path / "server.sqlite3")
        opener = lambda: open_store(tmp_path / "server.sqlite3", clock=clock)  # noqa: E731
    else:
        url = request.getfixturevalue("pg_url")
        seeded = open_store_url(url, terminal_name="server", clock=clock)
        prepare(seeded)
        seed_plant(seeded, small_plant, clock)
        seeded.close()
        opener = lambda: open_store_url(url, clock=clock)  # noqa: E731
    p = Plant(tmp_path, opener, clock)
    try:
        yield p
    finally:
        p.close()
