"""What constrains the board beyond the plan: holds and a supervisor's overrides."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base
from app.model.types import HoldScope, OverrideKind, str_enum


class Hold(Base):
    """Do not process: a lot, an item, a work order or one operation (e.g. a quality hold)."""

    __tablename__ = "holds"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    scope: Mapped[HoldScope] = mapped_column(str_enum(HoldScope, "hold_scope"))
    key: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(Text)
    placed_by: Mapped[str] = mapped_column(String(32))
    placed_at: Mapped[datetime]
    released_by: Mapped[str | None] = mapped_column(String(32))
    released_at: Mapped[datetime | None]
    release_note: Mapped[str | None] = mapped_column(Text)


class PriorityOverride(Base):
    """A supervisor's decision to pin, move or hold a job, with the reason; kept until it lapses."""

    __tablename__ = "priority_overrides"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    operation_id: Mapped[str] = mapped_column(ForeignKey("operations.id"), index=True)
    kind: Mapped[OverrideKind] = mapped_column(str_enum(OverrideKind, "override_kind"))
    target_operation_id: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    lapsed_at: Mapped[datetime | None]
    lapse_reason: Mapped[str | None] = mapped_column(String(32))
