"""The server's notifications go out once per channel, failures are retried later, never
twice delivered, and nothing from before the notifier started is sent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.model import EventRecord, NotificationSent, NotifierState, ServerState
from app.model.types import ExceptionKind
from app.services.exceptions import ExceptionService, NewException
from app.store import Store
from sync.notify.channels import WebhookChannel
from sync.notify.messages import Message
from sync.notify.outbox import MAX_ATTEMPTS, NotificationOutbox
from sync.server.app import prepare


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


@pytest.fixture
def server_store(demo_store: Store) -> Store:
    """The demo plant as a server's database: it numbers the events it holds."""
    prepare(demo_store)
    return demo_store


def _raise(store: Store, clock: FixedClock, summary: str = "no seals") -> str:
    return ExceptionService(store, clock).raise_exception(
        "1001", NewException(ExceptionKind.MATERIAL_SHORTAGE, summary, item="PP-SEAL-80")
    )


def _outbox(store: Store, channels: list[Any], clock: FixedClock) -> NotificationOutbox:
    outbox = NotificationOutbox(store, channels, clock)
    outbox.begin()  # as the server does when it starts, before it takes pushes
    return outbox


def _done_seq(store: Store) -> int:
    with store.read() as session:
        state = session.get(NotifierState, 1)
        assert state is not None
        return state.done_seq


def _head(store: Store) -> int:
    with store.read() as session:
        state = session.get(ServerState, 1)
        assert state is not None
        return state.head_seq


def test_each_event_goes_out_once_per_channel(
    server_store: Store, clock: FixedClock, webhook: tuple[list[dict[str, Any]], str]
) -> None:
    received, url = webhook
    other = Flaky(failures=0)
    outbox = _outbox(server_store, [WebhookChannel(url), other], clock)
    _raise(server_store, clock)
    first = outbox.run_once()
    assert [(d.channel, d.ok) for d in first] == [("webhook", True), ("flaky", True)]
    assert outbox.run_once() == []  # nothing new: nothing sent again
    assert len(received) == 1
    assert len(other.sent) == 1
    # Settled events are behind the cursor: a round looks only at what is new.
    assert _done_seq(server_store) == _head(server_store)


def test_a_failed_send_is_retried_after_a_pause(server_store: Store, clock: FixedClock) -> None:
    channel = Flaky(failures=2)
    outbox = _outbox(server_store, [channel], clock)
    _raise(server_store, clock)
    (failed,) = outbox.run_once()
    assert not failed.ok
    assert "connection refused" in (failed.error or "")
    assert outbox.run_once() == []  # within the pause: not hammered
    assert _done_seq(server_store) < _head(server_store)  # held until it is sent
    clock.advance(timedelta(seconds=31))
    assert [d.ok for d in outbox.run_once()] == [False]
    clock.advance(timedelta(seconds=61))
    assert [d.ok for d in outbox.run_once()] == [True]
    assert outbox.run_once() == []
    with server_store.read() as session:
        (row,) = session.scalars(select(NotificationSent)).all()
    assert (row.attempts, row.last_error) == (3, None)
    assert row.delivered_at == clock.now()
    assert len(channel.sent) == 1
    assert _done_seq(server_store) == _head(server_store)


def test_a_channel_that_never_works_is_given_up_after_max_attempts(
    server_store: Store, clock: FixedClock
) -> None:
    channel = Flaky(failures=10_000)
    outbox = _outbox(server_store, [channel], clock)
    _raise(server_store, clock)
    for _ in range(MAX_ATTEMPTS):
        assert [d.ok for d in outbox.run_once()] == [False]
        clock.advance(timedelta(hours=1))
    assert outbox.run_once() == []
    assert _done_seq(server_store) == _head(server_store)


def test_escalations_are_notified_as_they_happen(server_store: Store, clock: FixedClock) -> None:
    channel = Flaky(failures=0)
    outbox = _outbox(server_store, [channel], clock)
    _raise(server_store, clock)
    outbox.run_once()
    clock.advance(timedelta(minutes=31))
    ExceptionService(server_store, clock).check_deadlines(actor="server")
    sent = outbox.run_once()
    assert len(sent) == 2  # ack SLA missed, escalated to tier 1
    assert all(d.ok for d in sent)


def test_what_happened_before_the_notifier_first_started_is_not_sent(
    server_store: Store, clock: FixedClock
) -> None:
    # A plant whose terminals used to send: the server must not mail their days again.
    _raise(server_store, clock, "raised while the terminals still sent")
    channel = Flaky(failures=0)
    outbox = _outbox(server_store, [channel], clock)
    assert outbox.run_once() == []
    _raise(server_store, clock, "raised after")
    assert len(outbox.run_once()) == 1
    assert len(channel.sent) == 1


def test_an_event_the_server_refused_is_not_notified(
    server_store: Store, clock: FixedClock
) -> None:
    channel = Flaky(failures=0)
    outbox = _outbox(server_store, [channel], clock)
    exc_id = _raise(server_store, clock)
    with server_store.write() as session:
        # As ingest leaves an event it refused: stored with its verdict, never applied.
        (record,) = session.scalars(
            select(EventRecord).where(EventRecord.kind == "exception.raised")
        ).all()
        record.outcome, record.reason = "rejected", "only a supervisor may raise it"
    assert outbox.run_once() == []
    assert exc_id
