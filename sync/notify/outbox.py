"""The server's notifications: each applied exception event's messages, once per channel.

Only the server sends (sync/server/notifier.py runs this): it holds every terminal's
events once, in one order, so an exception three terminals see is mailed once. Events
are taken in server order after the notifier's cursor (`NotifierState.done_seq`); a
delivery is recorded in `notifications_sent` after it succeeds, so a restart sends
nothing twice; a failure is retried with growing pauses, and a resend after a crash
carries the same Message-ID / Idempotency-Key, so the receiver can drop it. Events the
server refused (outcome rejected) or already held (redundant) are never notified.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.events import log
from app.model import EventRecord, NotificationSent, NotifierState, ServerState, ShopException
from app.store import Store
from sync.notify.channels import Channel
from sync.notify.dispatch import Delivery
from sync.notify.messages import Message, messages_for

logger = logging.getLogger(__name__)

NOTIFY_KINDS = ("exception.raised", "exception.deadline_passed")
RETRY_PAUSES = (30, 60, 120, 300, 600, 1800)  # seconds; the last one repeats
MAX_ATTEMPTS = 20
BATCH = 500  # events looked at per round


class NotificationOutbox:
    def __init__(
        self, store: Store, channels: Sequence[Channel], clock: Clock, *, batch: int = BATCH
    ) -> None:
        self.store = store
        self.channels = list(channels)
        self.clock = clock
        self.batch = batch

    def begin(self) -> int:
        """Make the cursor on first use (at the server's head: what came before was the
        terminals' to send); return where it stands."""
        with self.store.write() as session:
            return _state(session, self.clock).done_seq

    def run_once(self) -> list[Delivery]:
        """Send what is due; returns what was tried. Never raises for a channel's failure."""
        now = self.clock.now()
        with self.store.read() as session:
            cursor = session.get(NotifierState, 1)
        done_seq = cursor.done_seq if cursor is not None else self.begin()
        with self.store.read() as session:
            records = session.scalars(
                select(EventRecord)
                .where(
                    EventRecord.kind.in_(NOTIFY_KINDS),
                    EventRecord.outcome == "applied",
                    EventRecord.server_seq > done_seq,
                )
                .order_by(EventRecord.server_seq)
                .limit(self.batch)
            ).all()
            if not records:  # woken by every push: most rounds find nothing to send
                return []
            events = [(r.server_seq or 0, log.to_event(r)) for r in records]
            state = {
                (row.key, row.channel): row
                for row in session.scalars(
                    select(NotificationSent).where(
                        NotificationSent.key.in_([e.id for _, e in events])
                    )
                )
            }
            named = {e.payload.get("exception_id") for _, e in events} - {None}
            summaries = dict(
                session.execute(
                    select(ShopException.id, ShopException.summary).where(
                        ShopException.id.in_(named)
                    )
                ).all()
            )
        results: list[Delivery] = []
        settled_up_to: int | None = None
        unsettled = False
        for seq, event in events:
            settled = True
            for message in messages_for(event, summaries):
                for channel in self.channels:
                    row = state.get((message.key, channel.name))
                    if row is None or _due(row, now):
                        delivery = self._send(channel, message, row)
                        results.append(delivery)
                        attempts = (row.attempts if row else 0) + 1
                        settled &= delivery.ok or attempts >= MAX_ATTEMPTS
                    else:
                        settled &= _finished(row)
            unsettled |= not settled
            if not unsettled:
                settled_up_to = seq
        if settled_up_to is not None:
            with self.store.write() as session:
                cursor = _state(session, self.clock)
                cursor.done_seq = max(cursor.done_seq, settled_up_to)
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


def _finished(row: NotificationSent) -> bool:
    return row.delivered_at is not None or row.attempts >= MAX_ATTEMPTS


def _due(row: NotificationSent, now: datetime) -> bool:
    return not _finished(row) and (row.next_try_at is None or row.next_try_at <= now)


def _state(session: Session, clock: Clock) -> NotifierState:
    state = session.get(NotifierState, 1)
    if state is None:
        server = session.get(ServerState, 1)
        state = NotifierState(
            id=1, done_seq=server.head_seq if server else 0, started_at=clock.now()
        )
        session.add(state)
        session.flush()
    return state
