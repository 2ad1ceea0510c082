"""What this terminal (or server) has sent out: local bookkeeping, not part of the log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
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
