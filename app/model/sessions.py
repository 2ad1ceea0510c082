"""Who is logged in on which terminal: derived from the login and logout events, so the
server can tell whether the person behind a pushed event was at that terminal; and whose
PIN login is locked after too many wrong PINs, so the server refuses a PIN login that a
terminal which had not heard of the lock let through."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base


class TerminalSession(Base):
    __tablename__ = "terminal_sessions"

    terminal_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # Kept after a logout (active False), so a lookup never meets a row deleted mid-batch.
    active: Mapped[bool] = mapped_column(default=True)
    since: Mapped[datetime]


class PinLock(Base):
    """A person's PIN login locked until `until` (the last `user.locked_out`); a login
    since (badge or PIN) ends it, as it restarts the terminals' count of wrong PINs."""

    __tablename__ = "pin_locks"

    # The number typed, which need not be anyone's (a lock keeps a guesser off it too).
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    until: Mapped[datetime]
    failures: Mapped[int]
