"""Sending notifications for new events exactly once per channel, with retries.

Runs on a timer (a terminal's network lane, or the server). Each event's messages go to
each channel once: a delivery is recorded in `notifications_sent` after it succeeds; a
failure is retried with growing pauses, and a resend after a crash carries the same
Message-ID / Idempotency-Key, so the receiver can drop it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select

from app.clock import Clock
from app.events import log
from app.model import EventRecord, NotificationSent, ShopException
from app.store import Store
from sync.notify.channels import Channel
from sync.notify.dispatch import Delivery
from sync.notify.messages import Message, messages_for

logger = logging.getLogger(__name__)

NOTIFY_KINDS = ("exception.raised", "exception.deadline_passed")
RETRY_PAUSES = (30, 60, 120, 300, 600, 1800)  # seconds; the last one repeats
MAX_ATTEMPTS = 20


class NotificationOutbox:
    def __init__(
        self,
        store: Store,
        channels: Sequence[Channel],
        clock: Clock,
        *,
        look_back: timedelta = timedelta(days=2),
    ) -> None:
        self.store = store
        self.channels = list(channels)
        self.clock = clock
        self.look_back = look_back

    def run_once(self) -> list[Delivery]:
        """Send what is due; returns what was tried. Never raises for a channel's failure."""
        now = self.clock.now()
        with self.store.read() as session:
            records = session.scalars(
                select(EventRecord)
                .where(
                    EventRecord.kind.in_(NOTIFY_KINDS),
                    EventRecord.occurred_at >= now - self.look_back,
                )
                .order_by(EventRecord.position)
            ).all()
            events = [log.to_event(r) for r in records]
            ids = [e.id for e in events]
            state = {
                (row.key, row.channel): row
                for row in session.scalars(
                    select(NotificationSent).where(NotificationSent.key.in_(ids))
                )
            }
            summaries = dict(session.execute(select(ShopException.id, ShopException.summary)).all())
        results: list[Delivery] = []
        for event in events:
            for message in messages_for(event, summaries):
                for channel in self.channels:
                    row = state.get((message.key, channel.name))
                    if row is not None and (
                        row.delivered_at is not None
                        or row.attempts >= MAX_ATTEMPTS
                        or (row.next_try_at is not None and row.next_try_at > now)
                    ):
                        continue
                    results.append(self._send(channel, message, row))
        return results

    def _send(self, channel: Channel, message: Message, row: NotificationSent | None) -> Delivery:
        attempts = (row.attempts if row else 0) + 1
        error: str | None = None
        try:
            channel.send(message)
        except Exception as exc:  # any failure of the way out is retried later
            error = f"{type(exc).__name__}: {exc}"
            logger.warning(
                "%s: %s not sent (attempt %d): %s", channel.name, message.key, attempts, error
            )
        now = self.clock.now()
        pause = RETRY_PAUSES[min(attempts, len(RETRY_PAUSES)) - 1]
        with self.store.write() as session:
            record = session.get(NotificationSent, (message.key, channel.name))
            if record is None:
                record = NotificationSent(key=message.key, channel=channel.name, attempts=0)
                session.add(record)
            record.attempts = attempts
            record.last_error = error
            record.delivered_at = now if error is None else None
            record.next_try_at = None if error is None else now + timedelta(seconds=pause)
        return Delivery(channel.name, message.key, error is None, error)
