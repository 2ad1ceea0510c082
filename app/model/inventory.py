"""Material on hand and on its way: lots, stock balances, expected receipts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base
from app.model.types import LotStatus, str_enum


class Lot(Base):
    __tablename__ = "lots"
    __table_args__ = (CheckConstraint("quantity >= 0", name="quantity_not_negative"),)

    lot_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    item_code: Mapped[str] = mapped_column(ForeignKey("items.code"), index=True)
    quantity: Mapped[float]
    status: Mapped[LotStatus] = mapped_column(
        str_enum(LotStatus, "lot_status"), default=LotStatus.AVAILABLE
    )
    supplier: Mapped[str | None] = mapped_column(String(120))
    received_at: Mapped[datetime | None]


class StockBalance(Base):
    """On-hand quantity of an item at a location; `lot_no` is "" for unlotted stock."""

    __tablename__ = "stock_balances"
    __table_args__ = (CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),)

    item_code: Mapped[str] = mapped_column(ForeignKey("items.code"), primary_key=True)
    location: Mapped[str] = mapped_column(String(40), primary_key=True)
    lot_no: Mapped[str] = mapped_column(String(40), primary_key=True, default="")
    on_hand: Mapped[float]


class IncomingSupply(Base):
    """A purchase or transfer expected to arrive: counts toward availability by its date."""

    __tablename__ = "incoming_supplies"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_code: Mapped[str] = mapped_column(ForeignKey("items.code"), index=True)
    quantity: Mapped[float]
    expected_at: Mapped[datetime]
    location: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str | None] = mapped_column(String(80))
