"""Bookkeeping of replication: not part of the log, never rebuilt from it.

A terminal keeps where it stands with its server (`SyncState`) and how to take back
the effects of its own events the server has not yet ordered (`UndoEntry`). A server
keeps its epoch and global sequence (`ServerState`) and the terminals it knows.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base


class UndoEntry(Base):
    """One SQL statement that reverses one row change made by a speculative event."""

    __tablename__ = "undo_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    position: Mapped[int] = mapped_column(index=True)  # the event's local position
    statement: Mapped[str] = mapped_column(Text)


class SyncState(Base):
    """This terminal's place in its server's log; one row once it has a server."""

    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    server_url: Mapped[str] = mapped_column(String(300))
    epoch: Mapped[str | None] = mapped_column(String(36))
    # Every event up to cursor_seq (server order) is applied here in server order.
    cursor_seq: Mapped[int] = mapped_column(default=0)
    cursor_event_id: Mapped[str | None] = mapped_column(String(36))
    # The server holds this terminal's events up to this sequence number.
    acked_seq: Mapped[int] = mapped_column(default=0)
    last_sync_at: Mapped[datetime | None]
    clock_offset_s: Mapped[float | None]


class ServerState(Base):
    """The server's epoch (a new one after a restore) and the last global sequence used."""

    __tablename__ = "server_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    epoch: Mapped[str] = mapped_column(String(36))
    head_seq: Mapped[int] = mapped_column(default=0)


class RegisteredTerminal(Base):
    """A terminal the server accepts events from; only the token's hash is kept.

    A revoked terminal keeps its row (so its token is answered "revoked", not
    "unknown", and its events keep a known author); only an administrator's new
    enrollment code brings it back, with a new token and a new key."""

    __tablename__ = "terminals"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    registered_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]
    # The Ed25519 key its batches are signed with (hex); None for a terminal
    # registered before batches were signed: it must be enrolled again.
    public_key: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None]
    # The machine sources it speaks for ("line-mqtt press-opcua"), as its enrollment
    # code named them: events by "machine:<source>" are taken from this terminal only.
    machine_sources: Mapped[str | None] = mapped_column(String(500))


class EnrollmentCode(Base):
    """A one-time code an administrator issued for one new terminal; only its hash is kept."""

    __tablename__ = "enrollment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(120))  # the terminal it is meant for
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[str | None] = mapped_column(String(36))  # the terminal that used it
    machine_sources: Mapped[str | None] = mapped_column(String(500))  # a machine bridge's


class SignedHead(Base):
    """A chain head a terminal signed when it pushed the batch ending there: with the
    terminal's public key, it proves the events up to it are the ones the terminal sent."""

    __tablename__ = "signed_heads"

    terminal_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True)
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(128))
    received_at: Mapped[datetime]


class ErpOutbox(Base):
    """The server's ERP writer's own bookkeeping per posting: how often it tried, when to
    try next, and whether the last try's outcome is unknown (look it up before posting)."""

    __tablename__ = "erp_outbox"

    posting_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_try_at: Mapped[datetime | None]
    outcome_unknown: Mapped[bool] = mapped_column(default=False)
    last_error: Mapped[str | None] = mapped_column(Text)


class RejectionReview(Base):
    """A supervisor's decision about an own event the server refused: sent again as a new
    event in their name (`new_event_id`), or dropped with a reason. Either way the event
    leaves the rejected list; the event itself stays in the log as it was."""

    __tablename__ = "rejection_reviews"
    __table_args__ = (
        CheckConstraint("decision IN ('reissued', 'dropped')", name="decision"),
        # A drop says why; a re-issue names the event it became.
        CheckConstraint(
            "(decision = 'dropped' AND reason IS NOT NULL)"
            " OR (decision = 'reissued' AND new_event_id IS NOT NULL)",
            name="decision_complete",
        ),
    )

    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    decision: Mapped[str] = mapped_column(String(16))
    by: Mapped[str] = mapped_column(String(32))  # the user who decided
    at: Mapped[datetime]
    reason: Mapped[str | None] = mapped_column(String(500))
    new_event_id: Mapped[str | None] = mapped_column(String(36))
