"""Notifications go out once per channel, failures are retried later, never twice delivered."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from app.clock import FixedClock
from app.model import NotificationSent
from app.model.types import ExceptionKind
from app.services.exceptions import ExceptionService, NewException
from app.store import Store
from sync.notify.channels import WebhookChannel
from sync.notify.messages import Message
from sync.notify.outbox import NotificationOutbox


class Flaky:
    """A channel that fails its first `failures` sends."""

    name = "flaky"

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.sent: list[str] = []

    def send(self, message: Message) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("connection refused")
        self.sent.append(message.key)


def _raise(store: Store, clock: FixedClock) -> str:
    return ExceptionService(store, clock).raise_exception(
        "1001", NewException(ExceptionKind.MATERIAL_SHORTAGE, "no seals", item="PP-SEAL-80")
    )


def test_each_event_goes_out_once_per_channel(
    demo_store: Store, clock: FixedClock, webhook: tuple[list[dict[str, Any]], str]
) -> None:
    received, url = webhook
    _raise(demo_store, clock)
    other = Flaky(failures=0)
    outbox = NotificationOutbox(demo_store, [WebhookChannel(url), other], clock)
    first = outbox.run_once()
    assert [(d.channel, d.ok) for d in first] == [("webhook", True), ("flaky", True)]
    assert outbox.run_once() == []  # nothing new: nothing sent again
    assert len(received) == 1
    assert len(other.sent) == 1


def test_a_failed_send_is_retried_after_a_pause(demo_store: Store, clock: FixedClock) -> None:
    _raise(demo_store, clock)
    channel = Flaky(failures=2)
    outbox = NotificationOutbox(demo_store, [channel], clock)
    (failed,) = outbox.run_once()
    assert not failed.ok
    assert "connection refused" in (failed.error or "")
    assert outbox.run_once() == []  # within the pause: not hammered
    clock.advance(timedelta(seconds=31))
    assert [d.ok for d in outbox.run_once()] == [False]
    clock.advance(timedelta(seconds=61))
    assert [d.ok for d in outbox.run_once()] == [True]
    assert outbox.run_once() == []
    with demo_store.read() as session:
        (row,) = session.scalars(select(NotificationSent)).all()
    assert (row.attempts, row.last_error) == (3, None)
    assert row.delivered_at == clock.now()
    assert len(channel.sent) == 1


def test_escalations_are_notified_as_they_happen(demo_store: Store, clock: FixedClock) -> None:
    exc_id = _raise(demo_store, clock)
    channel = Flaky(failures=0)
    outbox = NotificationOutbox(demo_store, [channel], clock)
    outbox.run_once()
    clock.advance(timedelta(minutes=31))
    ExceptionService(demo_store, clock).check_deadlines()
    sent = outbox.run_once()
    assert len(sent) == 2  # ack SLA missed, escalated to tier 1
    assert all(d.ok for d in sent)
    assert exc_id
