"""The server's inbox: every message a channel takes in is stored first, once, then
understood and recorded as message.received by a worker.

Taking a message in is short and durable (one row, unique by channel and the channel's
own id), so a listener answers at once and a burst (a mail bomb) is absorbed at the
speed of the database, not of the understanding. What is refused is refused with a
reason (oversized, malformed, wrongly signed, stale, duplicate) and counted by channel
and reason. What a channel delivers that is no message to read (a sticker, an edit, a
delivery receipt) is acknowledged, so the platform does not send it again, and counted
as skipped with what it was; `status` shows the counts (GET /v1/intake/status). The
worker runs where the server's other single-writer jobs run and records through the same
service path as any server-authored event, so terminals get the drafts by the ordinary
sync.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.clock import Clock, iso
from app.errors import PermissionDenied, ValidationError
from app.events.payloads import AttachmentSpec
from app.model import InboxMessage, IntakeCounter
from app.model.intake import MESSAGE_ID_LEN, MESSAGE_TEXT_LEN
from app.model.types import MessageChannel
from app.services.base import Tx
from app.services.intake import Incoming, IntakeService, normalized_text
from app.store import Store
from sync.intake.understood import Understanding

log = logging.getLogger(__name__)

MAX_EXTERNAL_ID = MESSAGE_ID_LEN - 20  # room for "whatsapp:" before it
# Outcomes counted per channel. Taken in: accepted; then recorded as draft / triage /
# archived, or failed (could not be recorded). Refused: the others.
ACCEPTED = "accepted"
REFUSALS = ("oversized", "malformed", "wrongly_signed", "stale", "duplicate", "unauthorized")
# Acknowledged but not taken in, counted per channel as "skipped_<what>" (an admin sees
# that the webhook is reached and what it carried). The vocabulary is closed: a
# platform's new kind of thing is counted under the nearest name, never as a new row.
# WhatsApp messages without text, by type (image, video, document: without a caption);
# "unsupported" is what the Cloud API itself cannot show (and types it may add).
WHATSAPP_WITHOUT_TEXT = (
    "sticker",
    "image",
    "video",
    "document",
    "audio",
    "location",
    "contacts",
    "reaction",
    "button",
    "interactive",
    "order",
    "system",
    "unsupported",
)
SKIPPED = (
    "status_update",  # WhatsApp: a receipt (sent, delivered, read) of a business message
    "not_a_message",  # another event: a reaction added, a member joined, an account update
    "rate_limited",  # Slack: it dropped events over its rate limit (they are lost)
    "no_text",  # a message with nothing to read: only a mention, only a file
    "bot",  # a bot's or an app's message
    "edited",  # an edit of a message already taken in as first written
    "deleted",
    *WHATSAPP_WITHOUT_TEXT,
)
SKIPPED_PREFIX = "skipped_"


class Refused(Exception):
    """A message not taken in: `reason` is one of REFUSALS, `detail` says why."""

    def __init__(self, reason: str, detail: str, status: int = 400) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.status = status


@dataclass(frozen=True)
class Inbound:
    """A message as a channel read it, before it is stored."""

    channel: MessageChannel
    external_id: str  # the channel's own id: Message-ID, wamid, Slack client_msg_id...
    text: str
    sender: str | None = None
    subject: str | None = None
    attachments: tuple[AttachmentSpec, ...] = ()
    sent_at: datetime | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def as_bytes(self) -> bytes:
        return json.dumps(
            {
                "text": self.text,
                "sender": self.sender,
                "subject": self.subject,
                "attachments": [a.model_dump() for a in self.attachments],
                "sent_at": iso(self.sent_at) if self.sent_at else None,
            },
            ensure_ascii=False,
        ).encode()


def count(session: Session, channel: str, outcome: str, n: int = 1) -> None:
    """Add `n` to a channel's counter of `outcome`, in the caller's transaction."""
    done = session.execute(
        update(IntakeCounter)
        .where(IntakeCounter.channel == channel, IntakeCounter.outcome == outcome)
        .values(count=IntakeCounter.count + n)
    )
    if not getattr(done, "rowcount", 0):
        session.add(IntakeCounter(channel=channel, outcome=outcome, count=n))
        session.flush()


class Inbox:
    """Stores what the channels take in; wakes the worker."""

    def __init__(self, store: Store, clock: Clock, *, wake: Callable[[], None] | None = None):
        self.store = store
        self.clock = clock
        self.wake = wake or (lambda: None)

    def refuse(self, channel: str, reason: str) -> None:
        """Count a refusal decided before anything was stored (a wrong signature)."""
        self._count(channel, {reason: 1})

    def skip(self, channel: str, skipped: Mapping[str, int]) -> None:
        """Count what a channel delivered and was acknowledged, not taken in, by what
        it was (each one of SKIPPED), in one transaction."""
        unknown = set(skipped) - set(SKIPPED)
        if unknown:
            raise ValueError(f"not a reason to skip: {sorted(unknown)}")
        self._count(channel, {SKIPPED_PREFIX + what: n for what, n in skipped.items() if n})

    def _count(self, channel: str, outcomes: Mapping[str, int]) -> None:
        try:
            with self.store.write() as session:
                for outcome, n in outcomes.items():
                    count(session, channel, outcome, n)
        except IntegrityError:  # two processes made a counter at once: count again
            with self.store.write() as session:
                for outcome, n in outcomes.items():
                    count(session, channel, outcome, n)

    def take(self, inbound: Inbound) -> int:
        """Store one message; its row id. Raise Refused (counted) if it is not taken."""
        channel = inbound.channel.value
        try:
            raw = self._checked(inbound)
        except Refused as refused:
            self.refuse(channel, refused.reason)
            raise
        try:
            with self.store.write() as session:
                known = session.scalar(
                    select(InboxMessage.id).where(
                        InboxMessage.channel == channel,
                        InboxMessage.external_id == inbound.external_id,
                    )
                )
                if known is not None:
                    raise _Duplicate
                row = InboxMessage(
                    channel=channel,
                    external_id=inbound.external_id,
                    received_at=self.clock.now(),
                    size=len(raw),
                    raw=raw,
                    done=False,
                )
                session.add(row)
                session.flush()
                ident = row.id
        except (_Duplicate, IntegrityError):
            # Another listener or process stored the same message a moment ago.
            self.refuse(channel, "duplicate")
            raise Refused(
                "duplicate",
                f"message {inbound.external_id!r} was already taken in",
                status=200,
            ) from None
        self.wake()
        return ident

    def _checked(self, inbound: Inbound) -> bytes:
        ident = inbound.external_id
        if not ident or len(ident) > MAX_EXTERNAL_ID or not ident.isprintable():
            raise Refused("malformed", f"the message's id must be 1-{MAX_EXTERNAL_ID} characters")
        if len(inbound.text) > MESSAGE_TEXT_LEN:
            raise Refused(
                "oversized",
                f"the message's text has {len(inbound.text):,} characters; "
                f"at most {MESSAGE_TEXT_LEN:,} are taken",
                status=413,
            )
        if not inbound.text.strip() and not (inbound.subject or "").strip():
            raise Refused("malformed", "the message has no text")
        return inbound.as_bytes()

    def status(self) -> dict[str, Any]:
        """Counts by channel and outcome, refusals and skips by reason, and what waits."""
        with self.store.read() as session:
            return status(session)


class _Duplicate(Exception):
    pass


def status(session: Session) -> dict[str, Any]:
    channels: dict[str, dict[str, int]] = {}
    refusals = dict.fromkeys(REFUSALS, 0)
    skipped: dict[str, int] = {}  # only what happened: the vocabulary is long
    # What was taken in is what the inbox holds: counted from its rows, so taking a
    # message in is one insert (a mail bomb's pace is the database's commit rate).
    for channel, taken in session.execute(
        select(InboxMessage.channel, func.count()).group_by(InboxMessage.channel)
    ):
        channels.setdefault(channel, {})[ACCEPTED] = taken
    for row in session.scalars(select(IntakeCounter)):
        channels.setdefault(row.channel, {})[row.outcome] = row.count
        if row.outcome in refusals:
            refusals[row.outcome] += row.count
        elif row.outcome.startswith(SKIPPED_PREFIX):
            what = row.outcome.removeprefix(SKIPPED_PREFIX)
            skipped[what] = skipped.get(what, 0) + row.count
    pending = session.scalar(select(func.count()).where(InboxMessage.done.is_(False))) or 0
    stored = session.scalar(select(func.count()).select_from(InboxMessage)) or 0
    return {
        "channels": channels,
        "refusals": refusals,
        "skipped": dict(sorted(skipped.items())),
        "pending": pending,
        "stored": stored,
    }


def _incoming(row: InboxMessage) -> Incoming:
    data = json.loads(row.raw)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ValueError("stored message is not a message")
    return Incoming(
        message_id=f"{row.channel}:{row.external_id}",
        channel=MessageChannel(row.channel),
        received_at=row.received_at,
        text=normalized_text(data["text"]),
        subject=data.get("subject") or None,
        sender=data.get("sender") or None,
        attachments=tuple(AttachmentSpec(**a) for a in data.get("attachments") or []),
    )


class IntakeWorker:
    """Understands stored messages and records them, a batch per transaction.

    One bad message is set aside with its problem and counted; it never stops the
    others, and nothing it raises stops the worker."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        on_commit: Callable[[], None] = lambda: None,
        *,
        batch: int = 200,
        interval_s: float = 2.0,
        understanding: Understanding | None = None,
    ) -> None:
        self.store = store
        self.service = IntakeService(store, clock)
        self.understanding = understanding or Understanding()
        self._on_commit = on_commit
        self._batch = batch
        self._interval = interval_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="takt-intake", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def wake(self) -> None:
        self._wake.set()

    def process(self) -> int:
        """Record every message waiting; how many were handled."""
        handled = 0
        while not self._stop.is_set():
            done = self._one_batch()
            handled += done
            if done < self._batch:
                break
        return handled

    def _one_batch(self) -> int:
        outcomes: dict[tuple[str, str], int] = {}
        with self.service.transaction() as tx:
            rows = tx.session.scalars(
                select(InboxMessage)
                .where(InboxMessage.done.is_(False))
                .order_by(InboxMessage.id)
                .limit(self._batch)
            ).all()
            for row in rows:
                outcome = self._record(tx, row)
                key = (row.channel, outcome)
                outcomes[key] = outcomes.get(key, 0) + 1
            for (channel, outcome), n in outcomes.items():
                count(tx.session, channel, outcome, n)
            recorded = bool(tx.emitted)
        if recorded:
            self._on_commit()
        return len(rows)

    def _record(self, tx: Tx, row: InboxMessage) -> str:
        row.done = True
        try:
            incoming = _incoming(row)
            understood = self.understanding(tx.session, incoming)
            if not self.service.record(tx, incoming, understood):
                row.problem = "already recorded"
                return "duplicate"
        # Each raised before anything of this message was recorded (reading it, or
        # checking its event): the batch goes on without it.
        except (ValueError, TypeError, ValidationError, PermissionDenied) as error:
            row.problem = str(error)[:500]
            log.warning("intake message %s set aside: %s", row.id, row.problem)
            return "failed"
        row.message_id = incoming.message_id
        return understood.status.value

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.process()
            except Exception:  # the worker must outlive one bad round; the log says why
                log.exception("intake round failed")
            self._wake.wait(self._interval)
            self._wake.clear()
