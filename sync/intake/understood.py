"""sync/intake's understanding, in the shape app/services/intake.py records.

`understand_in(session, incoming)` reads a message against the reference data of the
database the session is in (a terminal's, for a pasted text); `Understanding` keeps an
index and rebuilds it when the plant's data may have changed (the server's worker).
`intake_service` is an IntakeService wired to it, for screens and the server alike.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sqlalchemy.orm import Session

from app.clock import Clock
from app.model.types import MessageStatus
from app.services.intake import Incoming, IntakeService, Understood
from app.store import Store
from sync.intake.draft import Draft, Message, understand
from sync.intake.reference import ReferenceIndex, reference_from_session


def triage_reason(draft: Draft) -> str:
    """Why an exception that names nothing the plant knows waits in triage."""
    if draft.unresolved:
        named = ", ".join(f"{u.kind} {u.span.text!r}" for u in draft.unresolved[:5])
        return f"names nothing the plant knows ({named})"
    return "names no order, item, lot, work center, customer or supplier the plant knows"


def status_of(draft: Draft) -> tuple[MessageStatus, str | None]:
    """Draft (linked), triage (an exception linked to nothing) or archived (not one)."""
    if draft.type == "not_an_exception":
        return MessageStatus.ARCHIVED, draft.reason or "not an exception"
    if not draft.linked:
        return MessageStatus.TRIAGE, triage_reason(draft)
    return MessageStatus.DRAFT, None


def understood(incoming: Incoming, reference: ReferenceIndex) -> Understood:
    draft = understand(
        Message(
            id=incoming.message_id,
            channel=incoming.channel.value,
            received_at=incoming.received_at,
            text=incoming.text,
            subject=incoming.subject,
        ),
        reference,
    )
    status, reason = status_of(draft)
    return Understood(status=status, reason=reason, draft=draft.as_json())


def understand_in(session: Session, incoming: Incoming) -> Understood:
    """Understand against this database's own reference data (read in `session`)."""
    return understood(incoming, reference_from_session(session))


class Understanding:
    """A reference index reused across messages, read again after `max_age_s` (the
    plant's orders change by imports, minutes apart; a mail bomb must not rebuild it
    ten thousand times)."""

    def __init__(self, max_age_s: float = 60.0, now: Callable[[], float] = time.monotonic):
        self._max_age = max_age_s
        self._now = now
        self._lock = threading.Lock()
        self._index: ReferenceIndex | None = None
        self._read_at = 0.0

    def reference(self, session: Session) -> ReferenceIndex:
        with self._lock:
            if self._index is None or self._now() - self._read_at > self._max_age:
                self._index = reference_from_session(session)
                self._read_at = self._now()
            return self._index

    def forget(self) -> None:
        with self._lock:
            self._index = None

    def __call__(self, session: Session, incoming: Incoming) -> Understood:
        return understood(incoming, self.reference(session))


def intake_service(store: Store, clock: Clock | None = None) -> IntakeService:
    """An IntakeService that understands pasted texts with sync/intake."""
    return IntakeService(store, clock, understand=understand_in)
