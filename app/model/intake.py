"""Inbound messages (mail, chat, a phone call written down) and the drafts made of them.

`intake_messages` is a projection like any other, filled by message.received /
confirmed / discarded on every terminal and the server. `intake_inbox` and
`intake_counters` are the server's own: the raw messages its channels took in (kept
once per channel and external id) and how many each channel took or refused, and why.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base
from app.model.types import MessageChannel, MessageStatus, str_enum

MESSAGE_ID_LEN = 300  # "email:<Message-ID>": RFC 5322 puts no bound on it; this does
MESSAGE_TEXT_LEN = 20_000  # a message's verbatim text; a longer one is refused as oversized


class IntakeMessage(Base):
    __tablename__ = "intake_messages"
    __table_args__ = (Index("ix_intake_messages_status_received", "status", "received_at"),)

    message_id: Mapped[str] = mapped_column(String(MESSAGE_ID_LEN), primary_key=True)
    channel: Mapped[MessageChannel] = mapped_column(str_enum(MessageChannel, "message_channel"))
    received_at: Mapped[datetime]
    sender: Mapped[str | None] = mapped_column(String(200))
    subject: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[MessageStatus] = mapped_column(str_enum(MessageStatus, "message_status"))
    reason: Mapped[str | None] = mapped_column(String(500))
    # Every field understood, with its span and confidence (sync/intake Draft.as_json,
    # without the message, which is in the columns above).
    draft: Mapped[dict[str, Any]] = mapped_column(default=dict)
    attachments: Mapped[list[Any]] = mapped_column(JSON, default=list)
    received_by: Mapped[str] = mapped_column(String(64))
    exception_id: Mapped[str | None] = mapped_column(String(36))
    decided_by: Mapped[str | None] = mapped_column(String(32))
    decided_at: Mapped[datetime | None]


class InboxMessage(Base):
    """A raw message as a channel took it in, before it is understood (server only)."""

    __tablename__ = "intake_inbox"
    __table_args__ = (
        UniqueConstraint("channel", "external_id"),
        Index("ix_intake_inbox_pending", "done", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(MESSAGE_ID_LEN))
    received_at: Mapped[datetime]
    size: Mapped[int]
    # An email's bytes as they came (parsed by the worker); a chat message's fields as JSON.
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    done: Mapped[bool] = mapped_column(default=False)
    message_id: Mapped[str | None] = mapped_column(String(MESSAGE_ID_LEN))
    problem: Mapped[str | None] = mapped_column(String(500))


class IntakeCounter(Base):
    """How many messages a channel took in or refused, by reason (server only)."""

    __tablename__ = "intake_counters"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(32), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
