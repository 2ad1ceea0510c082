"""What this terminal (or server) has sent out: local bookkeeping, not part of the log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base


class NotificationSent(Base):
    """One notification on one channel: delivered, or how often it failed and when to retry."""

    __tablename__ = "notifications_sent"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)  # the event's id
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    attempts: Mapped[int] = mapped_column(default=0)
    delivered_at: Mapped[datetime | None]
    next_try_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class NotifierState(Base):
    """Where the server's notifier stands: every event up to `done_seq` (server order) is
    settled (sent on every channel, given up, or from before the server sent anything).

    Made at the notifier's first start at the server's head then, so a server that takes
    over from terminals that used to send does not mail the days before once more."""

    __tablename__ = "notifier_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    done_seq: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime]
