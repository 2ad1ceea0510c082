"""Shift handovers: the outgoing lead's notes and the items handed over, the incoming
lead's answer to each, and the signature that completes the handover."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.model.base import Base
from app.model.types import str_enum


class HandoverStatus(StrEnum):
    OPEN = "open"  # notes being written, not handed over yet
    SUBMITTED = "submitted"  # handed over, waiting for the incoming lead's signature
    SIGNED = "signed"  # complete


class HandoverItemStatus(StrEnum):
    OPEN = "open"  # handed over, not yet read by the incoming lead
    ACCEPTED = "accepted"
    QUERIED = "queried"  # sent back to the outgoing lead with a question
    ANSWERED = "answered"  # the outgoing lead answered; the incoming lead decides again


def handover_id(area: str, day: date, shift: str) -> str:
    """'FAB/2026-12-07/early': one handover per area and shift occurrence."""
    return f"{area}/{day.isoformat()}/{shift}"


class Handover(Base):
    __tablename__ = "handovers"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(32), index=True)
    shift_day: Mapped[date]
    shift_name: Mapped[str] = mapped_column(String(32))
    status: Mapped[HandoverStatus] = mapped_column(
        str_enum(HandoverStatus, "handover_status"), default=HandoverStatus.OPEN
    )
    note: Mapped[str | None] = mapped_column(Text)  # on the shift as a whole
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    outgoing_user: Mapped[str | None] = mapped_column(String(32))
    submitted_at: Mapped[datetime | None]
    signed_by: Mapped[str | None] = mapped_column(String(32))
    signed_at: Mapped[datetime | None]

    items: Mapped[list[HandoverItem]] = relationship(
        cascade="all, delete-orphan", order_by="HandoverItem.position"
    )


class HandoverItem(Base):
    """An open item handed over (an exception, a refused posting), or noted before."""

    __tablename__ = "handover_items"

    handover_id: Mapped[str] = mapped_column(
        ForeignKey("handovers.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    summary: Mapped[str] = mapped_column(String(200), default="")
    owner: Mapped[str | None] = mapped_column(String(80))
    sla: Mapped[str | None] = mapped_column(String(40))
    handed_over: Mapped[bool] = mapped_column(default=False)  # part of the submission
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[HandoverItemStatus] = mapped_column(
        str_enum(HandoverItemStatus, "handover_item_status"), default=HandoverItemStatus.OPEN
    )
    query: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(32))
    decided_at: Mapped[datetime | None]
