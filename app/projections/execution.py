"""Reducers for work on the floor: starts, confirmations, overrides, machine states, holds."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import iso
from app.errors import Rejected
from app.events.envelope import Event
from app.events.payloads import (
    HoldPlaced,
    HoldReleased,
    MachineStateChanged,
    OperationConfirmed,
    OperationStarted,
    OverrideCleared,
    OverrideSet,
)
from app.i18n import QT_TR_NOOP, tr
from app.limits import confirmation_excess, quantity
from app.model import (
    ErpPosting,
    Hold,
    OperationInstance,
    PriorityOverride,
    ShopException,
    WorkCenter,
    WorkOrder,
)
from app.model.types import (
    ExceptionKind,
    ExceptionStatus,
    MachineState,
    OperationStatus,
    PostingKind,
    PostingStatus,
    WorkOrderStatus,
)
from app.projections.registry import existing, reduces

# Postings get ids derived from their event, so every replica names them alike.
POSTING_NAMESPACE = uuid.UUID("6f1c3c52-5f6e-4d0e-9a55-2d3f7d0b8a11")


def posting_id(event_id: str, kind: PostingKind) -> str:
    return str(uuid.uuid5(POSTING_NAMESPACE, f"{event_id}:{kind.value}"))


@reduces(OperationStarted)
def operation_started(session: Session, p: OperationStarted, event: Event) -> None:
    op = existing(session, OperationInstance, p.operation_id, QT_TR_NOOP("operation"))
    if op.status is OperationStatus.RUNNING:
        raise Rejected(tr("operation {op} is already running", op=op.id), redundant=True)
    if op.status is OperationStatus.COMPLETED:
        raise Rejected(tr("cannot start operation {op}: it was completed", op=op.id))
    op.status = OperationStatus.RUNNING
    op.started_at = op.started_at or event.occurred_at
    order = session.get(WorkOrder, op.work_order_number)
    if order is not None and order.status is WorkOrderStatus.RELEASED:
        order.status = WorkOrderStatus.IN_PROGRESS


@reduces(OperationConfirmed)
def operation_confirmed(session: Session, p: OperationConfirmed, event: Event) -> None:
    op = existing(session, OperationInstance, p.operation_id, QT_TR_NOOP("operation"))
    if op.status is OperationStatus.COMPLETED:
        # A second final confirmation would post the quantity to the ERP twice.
        raise Rejected(tr("cannot confirm operation {op}: it was already completed", op=op.id))
    # The same limit the service applies, for an event from a terminal that skipped it.
    excess = confirmation_excess(session, op, p.good, p.scrap, event.actor)
    if excess is not None:
        raise Rejected(
            tr(
                "operation {op}: good + scrap would come to {total}, over the limit of "
                "{limit} ({basis}); only a supervisor or a manager may confirm more",
                op=op.id,
                total=quantity(excess.total),
                limit=quantity(excess.limit),
                basis=excess.basis,
            )
        )
    op.qty_good += p.good
    op.qty_scrap += p.scrap
    order = session.get(WorkOrder, op.work_order_number)
    if p.final:
        op.status = OperationStatus.COMPLETED
        op.completed_at = event.occurred_at
        _lapse_overrides(session, op.id, event, "completed")
        if order is not None:
            later = [
                o
                for o in order.operations
                if o.seq > op.seq and o.status is OperationStatus.WAITING
            ]
            if later:
                later[0].status = OperationStatus.READY
            elif all(o.status is OperationStatus.COMPLETED for o in order.operations):
                order.status = WorkOrderStatus.COMPLETED
    for kind, work_order, payload in confirmation_postings(op, order, p, event.actor):
        add_posting(session, event, kind, work_order, payload)


# What an event posts: (kind, work order, payload), the posting's id derived from the event.
PlannedPosting = tuple[PostingKind, str | None, dict[str, object]]


def confirmation_postings(
    op: OperationInstance, order: WorkOrder | None, p: OperationConfirmed, actor: str
) -> list[PlannedPosting]:
    """The postings a confirmation makes: the confirmation, and scrap as its own goods
    movement. Read from the operation and order, never from what the confirmation
    changes, so the ERP writer can say what a refused confirmation would have posted."""
    planned: list[PlannedPosting] = [
        (
            PostingKind.CONFIRMATION,
            op.work_order_number,
            {
                "work_order": op.work_order_number,
                "erp_ref": order.erp_ref if order else None,
                "operation_seq": op.seq,
                "work_center": op.work_center_code,
                "good": p.good,
                "scrap": p.scrap,
                "final": p.final,
                "confirmed_by": actor,
                # For the ERP's time records (a Job Card's time log runs from the start)
                # and for an ERP that books output only at the routing's last operation.
                "started_at": iso(op.started_at) if op.started_at else None,
                "last_operation": order is None or all(o.seq <= op.seq for o in order.operations),
            },
        )
    ]
    if p.scrap > 0 and order is not None:
        # Scrapped material leaves stock in the ERP as its own goods movement.
        planned.append(
            (
                PostingKind.GOODS_MOVEMENT,
                op.work_order_number,
                {
                    "erp_kind": "scrap",
                    "item": order.item_code,
                    "qty": p.scrap,
                    "work_order": op.work_order_number,
                    "erp_ref": order.erp_ref,
                    "reason": f"scrap at {op.work_center_code}, operation {op.seq}",
                },
            )
        )
    return planned


def add_posting(
    session: Session,
    event: Event,
    kind: PostingKind,
    work_order: str | None,
    payload: dict[str, object],
    *,
    key: str | None = None,
) -> str:
    """A pending ERP posting for what this event recorded; its id derives from the event
    (or from `key`, when a later posting must name this one)."""
    pid = posting_id(key or event.id, kind)
    session.add(
        ErpPosting(
            id=pid,
            event_id=event.id,
            kind=kind,
            work_order_number=work_order,
            payload=payload,
            status=PostingStatus.PENDING,
            occurred_at=event.occurred_at,
            # Set now, not by the column default at flush: an acknowledgement in the same
            # page of the log finds this row unflushed and counts the attempt on it.
            attempts=0,
        )
    )
    return pid


def _lapse_overrides(session: Session, operation_id: str, event: Event, why: str) -> None:
    for override in session.scalars(
        select(PriorityOverride).where(
            PriorityOverride.operation_id == operation_id, PriorityOverride.lapsed_at.is_(None)
        )
    ):
        override.lapsed_at = event.occurred_at
        override.lapse_reason = why


@reduces(OverrideSet)
def override_set(session: Session, p: OverrideSet, event: Event) -> None:
    # A terminal offline while the ERP import removed the operation still sends this.
    existing(session, OperationInstance, p.operation_id, QT_TR_NOOP("operation"))
    if p.target_operation_id is not None:
        existing(session, OperationInstance, p.target_operation_id, QT_TR_NOOP("target operation"))
    # One active override per operation: a new decision replaces the previous one.
    _lapse_overrides(session, p.operation_id, event, "replaced")
    session.add(
        PriorityOverride(
            id=p.override_id,
            operation_id=p.operation_id,
            kind=p.kind,
            target_operation_id=p.target_operation_id,
            reason=p.reason,
            created_by=event.actor,
            created_at=event.occurred_at,
        )
    )


@reduces(OverrideCleared)
def override_cleared(session: Session, p: OverrideCleared, event: Event) -> None:
    override = session.get(PriorityOverride, p.override_id)
    if override is not None and override.lapsed_at is None:
        override.lapsed_at = event.occurred_at
        override.lapse_reason = "cleared"


def _downtime_open(session: Session, work_center: str) -> bool:
    return (
        session.scalar(
            select(ShopException.id)
            .where(
                ShopException.work_center_code == work_center,
                ShopException.kind == ExceptionKind.MACHINE_DOWNTIME,
                ShopException.status.not_in((ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED)),
            )
            .limit(1)
        )
        is not None
    )


@reduces(MachineStateChanged)
def machine_state_changed(session: Session, p: MachineStateChanged, event: Event) -> None:
    wc = session.get(WorkCenter, p.work_center)
    if wc is None:
        return
    if (
        wc.machine_state is MachineState.DOWN
        and p.state is not MachineState.DOWN
        and _downtime_open(session, wc.code)
    ):
        # An open downtime holds the lane down whatever a signal says meanwhile (lost,
        # back, a break): it ends when its machine runs again or a person resolves it.
        return
    if wc.machine_state != p.state:
        wc.machine_since = event.occurred_at
    wc.machine_state = p.state
    wc.machine_reason = p.reason


@reduces(HoldPlaced)
def hold_placed(session: Session, p: HoldPlaced, event: Event) -> None:
    session.merge(
        Hold(
            id=p.hold_id,
            scope=p.scope,
            key=p.key,
            reason=p.reason,
            placed_by=event.actor,
            placed_at=event.occurred_at,
        )
    )


@reduces(HoldReleased)
def hold_released(session: Session, p: HoldReleased, event: Event) -> None:
    hold = session.get(Hold, p.hold_id)
    if hold is not None and hold.released_at is None:
        hold.released_at = event.occurred_at
        hold.released_by = event.actor
        hold.release_note = p.note
