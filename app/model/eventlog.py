"""The event log (the source of truth) and this terminal's identity.

Every other table is a projection of the log and can be rebuilt from it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base


class EventRecord(Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("terminal_id", "terminal_seq"),
        CheckConstraint("terminal_seq >= 1", name="seq_positive"),
        Index("ix_events_kind", "kind"),
    )

    # Local application order; replay follows it.
    position: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    terminal_id: Mapped[str] = mapped_column(String(36))
    terminal_seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    actor: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Place in the server's total order; None until the server has ordered it.
    server_seq: Mapped[int | None] = mapped_column(unique=True)
    # applied | rejected (broke a business rule) | redundant (its effect was already there)
    outcome: Mapped[str] = mapped_column(String(16), default="applied", server_default="applied")
    reason: Mapped[str | None] = mapped_column(Text)
    # The server's receipt (app.events.servertime): when the server received the event,
    # on its own clock, and the clock offset (server minus terminal, seconds) the
    # terminal had measured when it pushed it. Deadlines count from occurred_at corrected
    # by these. None on an event the server has not stored, and received_at on the
    # server's own events (its clock is the reference).
    received_at: Mapped[datetime | None]
    clock_offset_s: Mapped[float | None]


class ChainHead(Base):
    """Last sequence number and hash seen per terminal: where its chain continues."""

    __tablename__ = "chain_heads"

    terminal_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    last_seq: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))


class LocalTerminal(Base):
    """This database's terminal identity; one row, created with the database."""

    __tablename__ = "local_terminal"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime]
