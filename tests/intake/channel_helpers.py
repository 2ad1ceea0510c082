"""What the channel tests share: a free port, an inbox over a plant, the worker."""

from __future__ import annotations

import base64
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.clock import Clock, FixedClock
from app.demo.generator import PlantData
from app.demo.seed import seed_plant
from app.model import IntakeMessage, WorkOrder
from app.store import Store, open_store
from sync.intake.channels.config import IntakeSettings, Secrets, Webhooks
from sync.intake.channels.smtp import SmtpListener
from sync.intake.inbox import Inbox, IntakeWorker
from sync.server.app import prepare
from tests.conftest import NOW
from tests.memory_keyring import using_memory_keyring
from tests.sync.plant import Plant


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def smtp_listener(inbox: Inbox, *, max_bytes: int = 1024 * 1024) -> Iterator[SmtpListener]:
    listener = SmtpListener(inbox, "127.0.0.1", free_port(), max_bytes=max_bytes)
    listener.start()
    try:
        yield listener
    finally:
        listener.stop()


def worker(store: Store, clock: Clock) -> IntakeWorker:
    return IntakeWorker(store, clock)


def first_order(store: Store) -> tuple[str, str]:
    with store.read() as session:
        order = session.scalars(select(WorkOrder).order_by(WorkOrder.number)).first()
        assert order is not None
        return order.number, order.item_code


def messages(store: Store) -> dict[str, IntakeMessage]:
    with store.read() as session:
        rows = session.scalars(select(IntakeMessage)).all()
        for row in rows:
            session.expunge(row)
        return {row.message_id: row for row in rows}


SECRETS = Secrets(
    imap_password="imap-password",
    whatsapp_app_secret=b"whatsapp-app-secret",
    whatsapp_verify_token="verify-me",
    teams_key=base64.b64decode(base64.b64encode(b"teams-security-token-bytes")),
    slack_signing_secret=b"slack-signing-secret",
)
ALL_WEBHOOKS = Webhooks(whatsapp=True, teams=True, slack=True, json=True)


@pytest.fixture(scope="session")
def server_template(tmp_path_factory: pytest.TempPathFactory, small_plant: PlantData) -> Path:
    """A server database holding the small plant, seeded once; each test gets a copy."""
    path = tmp_path_factory.mktemp("intake-server") / "server.sqlite3"
    store = open_store(path, terminal_name="server", clock=FixedClock(NOW))
    prepare(store)
    seed_plant(store, small_plant, FixedClock(NOW))
    store.close()
    return path


@contextmanager
def intake_plant(
    tmp_path: Path, template: Path, clock: Clock, settings: IntakeSettings
) -> Iterator[Plant]:
    """A real server on 127.0.0.1 taking messages in as `settings` say."""
    shutil.copy(template, tmp_path / "server.sqlite3")
    with using_memory_keyring():
        plant = Plant(
            tmp_path,
            lambda: open_store(tmp_path / "server.sqlite3", clock=clock),
            clock,
            intake=settings,
        )
        try:
            yield plant
        finally:
            plant.close()


def wait_for(what: str, check: Callable[[], Any], timeout_s: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout_s
    while True:
        result = check()
        if result:
            return result
        assert time.monotonic() < deadline, f"{what}: not within {timeout_s} s"
        time.sleep(0.05)
