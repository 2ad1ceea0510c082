"""Bookkeeping of the log's integrity: how far it was verified, and a copied database.

Not part of the log and never rebuilt from it: a rebuild must not forget that a chain
was verified up to a hash, nor which events a copied database set aside.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base


class VerifiedHead(Base):
    """Where a terminal's chain was last verified: its sequence number, hash and log position.

    The hash is what catches an edit made before that point with the rest of the chain
    recomputed to match: the event at `last_seq` then no longer has this hash.
    """

    __tablename__ = "verified_heads"

    terminal_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    last_seq: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))
    # The event's position in this database's log: every event up to the highest
    # position of all rows was verified.
    position: Mapped[int]
    verified_at: Mapped[datetime]


class ForkState(Base):
    """The server holds this terminal's events with other content: the database is a copy.

    One row while the fork stands; taking a new identity removes it.
    """

    __tablename__ = "fork_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    terminal_id: Mapped[str] = mapped_column(String(36))  # the identity both copies share
    # The last sequence number the server holds with the same content as here.
    matched_seq: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    detected_at: Mapped[datetime]


class ForkedEvent(Base):
    """An own event of a copied database, set aside under the shared identity and issued
    again under the new one (`reissued_as`): kept as it was, never sent."""

    __tablename__ = "forked_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(36))
    terminal_seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    actor: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    reissued_as: Mapped[str] = mapped_column(String(36))
    set_aside_at: Mapped[datetime]
