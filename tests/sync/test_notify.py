"""Notifications through a real SMTP server (aiosmtpd) and a real HTTP endpoint on 127.0.0.1."""

from __future__ import annotations

from typing import Any

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
from tests.sync.conftest import Inbox


def _events(store: Store, kind: str) -> list[Event]:
    with store.read() as session:
        return [
            log.to_event(r)
            for r in session.scalars(select(EventRecord).where(EventRecord.kind == kind))
        ]


def test_a_raised_exception_is_mailed_to_its_owner_and_posted_to_the_webhook(
    demo_store: Store,
    clock: FixedClock,
    smtp: tuple[Inbox, int],
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
