"""What the message screens read: the intake list (drafts, triage, archive) and one
message with its draft's fields, where each was found and how sure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import IntakeMessage
from app.model.types import MessageChannel, MessageStatus

PREVIEW_LEN = 160
# The draft's fields in the order a screen shows them: (name, JSON key, several?).
FIELDS = (
    ("work_order", "work_orders", True),
    ("item", "items", True),
    ("lot", "lots", True),
    ("work_center", "work_centers", True),
    ("customer", "customer", False),
    ("supplier", "suppliers", True),
    ("quantity", "quantity", False),
    ("date", "date", False),
)


@dataclass(frozen=True)
class MessageRow:
    message_id: str
    channel: MessageChannel
    received_at: datetime
    sender: str | None
    subject: str | None
    preview: str  # the text's start, on one line
    status: MessageStatus
    reason: str | None
    type: str | None  # as understood: shortage, downtime... (None: not understood)
    urgency: str | None
    exception_id: str | None
    decided_by: str | None
    decided_at: datetime | None


@dataclass(frozen=True)
class DraftField:
    """One value the understanding found: where (subject or text, offsets) and how sure."""

    name: str  # work_order, item, lot, work_center, customer, supplier, quantity, date
    value: Any  # a code; {"value", "unit"} for a quantity; an ISO date
    part: str  # "subject" or "text"
    start: int
    end: int
    found: str  # the words as written
    confidence: float
    how: str


@dataclass(frozen=True)
class Attachment:
    name: str
    type: str
    size: int


@dataclass(frozen=True)
class MessageDetail:
    row: MessageRow
    text: str  # verbatim
    type_confidence: float | None
    language: str | None
    fields: tuple[DraftField, ...]
    unresolved: tuple[DraftField, ...]  # looked like a reference, names nothing known
    attachments: tuple[Attachment, ...]
    draft: dict[str, Any]  # everything, as recorded


def _row(m: IntakeMessage) -> MessageRow:
    preview = " ".join(m.text.split())
    return MessageRow(
        message_id=m.message_id,
        channel=m.channel,
        received_at=m.received_at,
        sender=m.sender,
        subject=m.subject,
        preview=preview if len(preview) <= PREVIEW_LEN else preview[: PREVIEW_LEN - 1] + "…",
        status=m.status,
        reason=m.reason,
        type=m.draft.get("type"),
        urgency=m.draft.get("urgency"),
        exception_id=m.exception_id,
        decided_by=m.decided_by,
        decided_at=m.decided_at,
    )


def messages(
    session: Session, status: str | MessageStatus | None = None, limit: int = 200
) -> list[MessageRow]:
    """Messages newest first; only those in `status` (draft, triage, archived...) if given."""
    query = select(IntakeMessage)
    if status is not None:
        query = query.where(IntakeMessage.status == MessageStatus(status))
    query = query.order_by(IntakeMessage.received_at.desc(), IntakeMessage.message_id).limit(limit)
    return [_row(m) for m in session.scalars(query)]


def counts(session: Session) -> dict[MessageStatus, int]:
    """How many messages are in each state (a screen's tab badges)."""
    found = dict.fromkeys(MessageStatus, 0)
    for m_status in session.scalars(select(IntakeMessage.status)):
        found[m_status] += 1
    return found


def _field(name: str, data: dict[str, Any]) -> DraftField:
    span = data.get("span") or {}
    return DraftField(
        name=name,
        value=data.get("value"),
        part=str(span.get("part", "text")),
        start=int(span.get("start", 0)),
        end=int(span.get("end", 0)),
        found=str(span.get("text", "")),
        confidence=float(data.get("confidence", 0.0)),
        how=str(data.get("how", "")),
    )


def message(session: Session, message_id: str) -> MessageDetail | None:
    m = session.get(IntakeMessage, message_id)
    if m is None:
        return None
    draft = m.draft
    fields: list[DraftField] = []
    for name, key, several in FIELDS:
        value = draft.get(key)
        for data in (value or []) if several else [value] if value else []:
            fields.append(_field(name, data))
    unresolved = tuple(
        _field(str(u.get("kind", "")), {"value": None, "span": u.get("span"), "how": u.get("how")})
        for u in draft.get("unresolved") or []
    )
    return MessageDetail(
        row=_row(m),
        text=m.text,
        type_confidence=draft.get("type_confidence"),
        language=draft.get("language"),
        fields=tuple(fields),
        unresolved=unresolved,
        attachments=tuple(
            Attachment(str(a.get("name", "")), str(a.get("type", "")), int(a.get("size", 0)))
            for a in m.attachments
        ),
        draft=dict(draft),
    )
