"""Notifications through a real SMTP server (aiosmtpd) and a real HTTP endpoint on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.clock import FixedClock
from app.events import log
from app.events.envelope import Event
from app.model import EventRecord
from app.model.types import ExceptionKind
from app.services.exceptions import ExceptionService, NewException
from app.store import Store
from sync.notify.channels import SmtpChannel, WebhookChannel
from sync.notify.dispatch import Notifier


class _Inbox:
    def __init__(self) -> None:
        self.mails: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[_Inbox, int]]:
    inbox = _Inbox()
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


def _events(store: Store, kind: str) -> list[Event]:
    with store.read() as session:
        return [
            log.to_event(r)
            for r in session.scalars(select(EventRecord).where(EventRecord.kind == kind))
        ]


def test_a_raised_exception_is_mailed_to_its_owner_and_posted_to_the_webhook(
    demo_store: Store,
    clock: FixedClock,
    smtp: tuple[_Inbox, int],
    webhook: tuple[list[dict[str, Any]], str],
) -> None:
    inbox, port = smtp
    received, url = webhook
    ExceptionService(demo_store, clock).raise_exception(
        "1001",
        NewException(ExceptionKind.MATERIAL_SHORTAGE, "no seal kits at ASM-02", item="PP-SEAL-80"),
    )
    (event,) = _events(demo_store, "exception.raised")
    notifier = Notifier(
        [
            SmtpChannel(
                "127.0.0.1",
                port,
                sender="takt@plant.example",
                addresses={
                    "procurement": ["buyer@plant.example"],
                    "supervisor": ["lead@plant.example"],
                },
            ),
            WebhookChannel(url),
        ]
    )
    results = notifier.dispatch([event])
    assert all(r.ok for r in results), results
    (rcpts, mail) = inbox.mails[0]
    assert sorted(rcpts) == ["buyer@plant.example", "lead@plant.example"]
    assert mail["Subject"] == "[Takt] Material shortage: no seal kits at ASM-02"
    assert mail["Message-ID"] == f"<{event.id}@takt>"
    assert "Owner: procurement" in mail.get_payload()
    assert received[0]["key"] == event.id
    assert received[0]["body"]["to_roles"][0] == "procurement"


def test_an_escalation_notifies_the_next_tier(
    demo_store: Store, clock: FixedClock, webhook: tuple[list[dict[str, Any]], str]
) -> None:
    from datetime import timedelta

    received, url = webhook
    service = ExceptionService(demo_store, clock)
    service.raise_exception(
        "1001", NewException(ExceptionKind.MATERIAL_SHORTAGE, "no valves", item="PP-VALVE-DCV")
    )
    clock.advance(timedelta(minutes=31))
    service.check_deadlines()
    Notifier([WebhookChannel(url)]).dispatch(_events(demo_store, "exception.deadline_passed"))
    subjects = [r["body"]["subject"] for r in received]
    assert any(s.startswith("[Takt] Escalated (tier 1)") for s in subjects)
    assert any(s.startswith("[Takt] SLA missed") for s in subjects)


def test_a_dead_channel_is_reported_and_the_others_still_deliver(
    demo_store: Store, clock: FixedClock, webhook: tuple[list[dict[str, Any]], str]
) -> None:
    received, url = webhook
    ExceptionService(demo_store, clock).raise_exception(
        "1001", NewException(ExceptionKind.MATERIAL_SHORTAGE, "no seals", item="PP-SEAL-50")
    )
    dead_smtp = SmtpChannel(
        "127.0.0.1", 1, sender="t@x", addresses={"procurement": ["b@x"]}, timeout=2
    )
    results = Notifier([dead_smtp, WebhookChannel(url)]).dispatch(
        _events(demo_store, "exception.raised")
    )
    assert [(r.channel, r.ok) for r in results] == [("email", False), ("webhook", True)]
    assert results[0].error
    assert len(received) == 1
