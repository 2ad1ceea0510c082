"""The plan being executed: work orders, their operations and material requirements."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.model.base import Base
from app.model.types import OperationStatus, PriorityClass, WorkOrderStatus, str_enum


class WorkOrder(Base):
    __tablename__ = "work_orders"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    number: Mapped[str] = mapped_column(String(40), primary_key=True)
    erp_ref: Mapped[str | None] = mapped_column(String(80), unique=True)
    item_code: Mapped[str] = mapped_column(ForeignKey("items.code"))
    quantity: Mapped[float]
    due_at: Mapped[datetime]
    commit_at: Mapped[datetime | None]
    customer_code: Mapped[str | None] = mapped_column(ForeignKey("customers.code"))
    priority_class: Mapped[PriorityClass] = mapped_column(
        str_enum(PriorityClass, "priority_class"), default=PriorityClass.C
    )
    status: Mapped[WorkOrderStatus] = mapped_column(
        str_enum(WorkOrderStatus, "work_order_status"), default=WorkOrderStatus.RELEASED
    )
    released_at: Mapped[datetime]
    # The ERP's own state when it took the order off the plan (stopped, closed,
    # cancelled, completed, deleted); None while the ERP has it released.
    erp_status: Mapped[str | None] = mapped_column(String(24))
    # Made in the ERP before Takt ran the order: not part of `quantity`.
    done_before: Mapped[float] = mapped_column(default=0.0, server_default="0")

    operations: Mapped[list[OperationInstance]] = relationship(
        back_populates="work_order", cascade="all, delete-orphan", order_by="OperationInstance.seq"
    )
    materials: Mapped[list[MaterialRequirement]] = relationship(
        cascade="all, delete-orphan", order_by="MaterialRequirement.id"
    )


class OperationInstance(Base):
    """One step of one work order at one work center: what the board ranks."""

    __tablename__ = "operations"
    __table_args__ = (
        UniqueConstraint("work_order_number", "seq"),
        CheckConstraint("seq > 0", name="seq_positive"),
        CheckConstraint("setup_minutes >= 0", name="setup_not_negative"),
        CheckConstraint("run_minutes >= 0", name="run_not_negative"),
        CheckConstraint("qty_good >= 0", name="good_not_negative"),
        CheckConstraint("qty_scrap >= 0", name="scrap_not_negative"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    work_order_number: Mapped[str] = mapped_column(
        ForeignKey("work_orders.number", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int]
    work_center_code: Mapped[str] = mapped_column(ForeignKey("work_centers.code"), index=True)
    setup_family_code: Mapped[str | None] = mapped_column(ForeignKey("setup_families.code"))
    description: Mapped[str] = mapped_column(String(160))
    setup_minutes: Mapped[float]
    run_minutes: Mapped[float]
    qty_good: Mapped[float] = mapped_column(default=0.0)
    qty_scrap: Mapped[float] = mapped_column(default=0.0)
    status: Mapped[OperationStatus] = mapped_column(
        str_enum(OperationStatus, "operation_status"), default=OperationStatus.WAITING
    )
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    # Parts its machine counted while it ran (machine signals); a person confirms them.
    machine_count: Mapped[int] = mapped_column(default=0, server_default="0")

    work_order: Mapped[WorkOrder] = relationship(back_populates="operations")


class MaterialRequirement(Base):
    __tablename__ = "material_requirements"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("issued_qty >= 0", name="issued_not_negative"),
    )

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    work_order_number: Mapped[str] = mapped_column(
        ForeignKey("work_orders.number", ondelete="CASCADE"), index=True
    )
    operation_seq: Mapped[int | None]
    item_code: Mapped[str] = mapped_column(ForeignKey("items.code"), index=True)
    quantity: Mapped[float]
    need_at: Mapped[datetime]
    lot_no: Mapped[str | None] = mapped_column(String(40), index=True)  # staged lot, if picked
    # An approved substitute replaces the item; the original stays on record.
    substitute_for: Mapped[str | None] = mapped_column(String(40))
    substitute_approved_by: Mapped[str | None] = mapped_column(String(32))
    issued_qty: Mapped[float] = mapped_column(default=0.0)
