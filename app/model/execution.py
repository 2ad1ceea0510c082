"""What happens on the floor outside the plan: exceptions, their tasks, ERP postings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.model.base import Base
from app.model.types import (
    Channel,
    ExceptionKind,
    ExceptionStatus,
    PostingKind,
    PostingStatus,
    Role,
    Severity,
    TaskStatus,
    str_enum,
)


class ShopException(Base):
    __tablename__ = "exceptions"
    __table_args__ = (
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity_not_negative"),
        CheckConstraint("reassignments >= 0", name="reassignments_not_negative"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[ExceptionKind] = mapped_column(str_enum(ExceptionKind, "exception_kind"))
    status: Mapped[ExceptionStatus] = mapped_column(
        str_enum(ExceptionStatus, "exception_status"), default=ExceptionStatus.RAISED
    )
    severity: Mapped[Severity] = mapped_column(
        str_enum(Severity, "severity"), default=Severity.MEDIUM
    )
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    summary: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    work_center_code: Mapped[str | None] = mapped_column(ForeignKey("work_centers.code"))
    work_order_number: Mapped[str | None] = mapped_column(ForeignKey("work_orders.number"))
    operation_id: Mapped[str | None] = mapped_column(ForeignKey("operations.id"))
    item_code: Mapped[str | None] = mapped_column(ForeignKey("items.code"))
    lot_no: Mapped[str | None] = mapped_column(String(40))
    quantity: Mapped[float | None]
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    raised_by: Mapped[str] = mapped_column(String(32))
    raised_at: Mapped[datetime]
    owner_role: Mapped[Role | None] = mapped_column(str_enum(Role, "role"))
    owner_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    reassignments: Mapped[int] = mapped_column(default=0)
    resolved_at: Mapped[datetime | None]
    rule: Mapped[str | None] = mapped_column(String(120))
    ack_due: Mapped[datetime | None]
    resolve_due: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(32))
    waiting_on: Mapped[str | None] = mapped_column(String(200))
    decision: Mapped[str | None] = mapped_column(Text)
    root_cause: Mapped[str | None] = mapped_column(String(64))
    resolved_by: Mapped[str | None] = mapped_column(String(32))
    closed_at: Mapped[datetime | None]
    reopened: Mapped[int] = mapped_column(default=0, server_default="0")
    escalation_tier: Mapped[int] = mapped_column(default=0, server_default="0")
    ladder: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

    tasks: Mapped[list[Task]] = relationship(cascade="all, delete-orphan", order_by="Task.id")


class Task(Base):
    """A piece of an exception that one function must act on (expedite, resequence...)."""

    __tablename__ = "tasks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    exception_id: Mapped[str] = mapped_column(
        ForeignKey("exceptions.id", ondelete="CASCADE"), index=True
    )
    function: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    action: Mapped[str] = mapped_column(String(200))
    status: Mapped[TaskStatus] = mapped_column(
        str_enum(TaskStatus, "task_status"), default=TaskStatus.OPEN
    )
    assignee_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    due_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(32))
    done_at: Mapped[datetime | None]
    done_by: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)


class ExceptionFact(Base):
    """A deadline that passed (SLA breach) or a tier reached (escalation): recorded once."""

    __tablename__ = "exception_facts"

    exception_id: Mapped[str] = mapped_column(
        ForeignKey("exceptions.id", ondelete="CASCADE"), primary_key=True
    )
    fact: Mapped[str] = mapped_column(String(32), primary_key=True)
    due_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    to_role: Mapped[Role | None] = mapped_column(str_enum(Role, "role"))


class ErpPosting(Base):
    """One outcome to write back to the ERP, created from the event that recorded it."""

    __tablename__ = "erp_postings"
    __table_args__ = (CheckConstraint("attempts >= 0", name="attempts_not_negative"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    kind: Mapped[PostingKind] = mapped_column(str_enum(PostingKind, "posting_kind"))
    work_order_number: Mapped[str | None] = mapped_column(String(40), index=True)
    payload: Mapped[dict[str, Any]]
    status: Mapped[PostingStatus] = mapped_column(
        str_enum(PostingStatus, "posting_status"), default=PostingStatus.PENDING
    )
    occurred_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    erp_document: Mapped[str | None] = mapped_column(String(80))
    acknowledged_at: Mapped[datetime | None]
