"""What the plant makes and buys: items, bills of material, routings, customers."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.model.base import Base
from app.model.types import ItemClass, PriorityClass, str_enum


class Item(Base):
    __tablename__ = "items"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    item_class: Mapped[ItemClass] = mapped_column(str_enum(ItemClass, "item_class"))
    uom: Mapped[str] = mapped_column(String(8), default="pcs")
    # False: disabled or deleted in the ERP; kept for what names it, offered no more.
    active: Mapped[bool] = mapped_column(default=True, server_default=true())


class Bom(Base):
    """The active bill of material of an item, for `quantity` units of it."""

    __tablename__ = "boms"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    item_code: Mapped[str] = mapped_column(ForeignKey("items.code"), primary_key=True)
    quantity: Mapped[float] = mapped_column(default=1.0)

    lines: Mapped[list[BomLine]] = relationship(
        cascade="all, delete-orphan", order_by="BomLine.line_no"
    )


class BomLine(Base):
    __tablename__ = "bom_lines"
    __table_args__ = (
        CheckConstraint("quantity_per > 0", name="quantity_per_positive"),
        CheckConstraint("component_code <> bom_item_code", name="not_own_component"),
    )

    bom_item_code: Mapped[str] = mapped_column(
        ForeignKey("boms.item_code", ondelete="CASCADE"), primary_key=True
    )
    line_no: Mapped[int] = mapped_column(primary_key=True)
    component_code: Mapped[str] = mapped_column(ForeignKey("items.code"))
    quantity_per: Mapped[float]
    operation_seq: Mapped[int | None] = mapped_column(default=None)


class Routing(Base):
    __tablename__ = "routings"

    item_code: Mapped[str] = mapped_column(ForeignKey("items.code"), primary_key=True)

    operations: Mapped[list[RoutingOperation]] = relationship(
        cascade="all, delete-orphan", order_by="RoutingOperation.seq"
    )


class RoutingOperation(Base):
    __tablename__ = "routing_operations"
    __table_args__ = (
        CheckConstraint("seq > 0", name="seq_positive"),
        CheckConstraint("setup_minutes >= 0", name="setup_not_negative"),
        CheckConstraint("run_minutes_per_unit >= 0", name="run_not_negative"),
    )

    routing_item_code: Mapped[str] = mapped_column(
        ForeignKey("routings.item_code", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(primary_key=True)
    work_center_code: Mapped[str] = mapped_column(ForeignKey("work_centers.code"))
    setup_family_code: Mapped[str | None] = mapped_column(ForeignKey("setup_families.code"))
    description: Mapped[str] = mapped_column(String(160))
    setup_minutes: Mapped[float]
    run_minutes_per_unit: Mapped[float]


class Customer(Base):
    __tablename__ = "customers"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    priority_class: Mapped[PriorityClass] = mapped_column(str_enum(PriorityClass, "priority_class"))
