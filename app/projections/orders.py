"""Reducers for the plan: released work orders with their operations and materials.

An import from the ERP is a merge, never a delete-and-recreate: a work order, its
operations and its materials are updated in place, so what the floor recorded (and
everything that refers to it: exceptions, holds, overrides, postings) stays. Each field
has one owner:

| field                                           | owner | on re-import              |
|-------------------------------------------------|-------|---------------------------|
| order: item, quantity, due, commit, customer,   | ERP   | takes the ERP's value     |
|   priority class, erp_ref                       |       |                           |
| order: erp_status (stopped / closed / cancelled | ERP   | work_order.withdrawn sets |
|   / completed / deleted in the ERP)             |       | it; a new release clears  |
| order: status (released / in progress /         | floor | derived from operations;  |
|   completed)                                    |       | closed/cancelled by ERP   |
| order: done_before (made before Takt ran it)    | ERP   | fixed at first import     |
| operation: work center, setup family,           | ERP   | takes the ERP's value     |
|   description, setup and run minutes            |       |                           |
| operation: qty good / scrap, status, started,   | floor | kept                      |
|   completed                                     |       |                           |
| operation dropped from the ERP's routing        | ERP   | removed if untouched;     |
|                                                 |       | kept if started or named  |
| material: item, quantity, need date, operation  | ERP   | takes the ERP's value     |
| material: issued qty, staged lot, substitute    | floor | kept                      |
| material dropped from the ERP's BOM             | ERP   | removed if nothing issued |
| holds, overrides, exceptions                    | floor | never touched by import   |

An order the ERP takes off the plan (work_order.withdrawn) leaves the board: stopped
and closed orders become closed, cancelled and deleted ones cancelled, completed ones
completed. Its open exceptions stay open, each noted with what the ERP did (in its
details): a cancelled order can still leave parts to disposition, a shortage already
expedited, a machine still down; their owner closes them with a decision, the system
does not decide for them. A stopped order the ERP releases again comes back.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import as_utc
from app.errors import Rejected
from app.events.envelope import Event
from app.events.payloads import MaterialSpec, OperationSpec, WorkOrderReleased, WorkOrderWithdrawn
from app.i18n import QT_TR_NOOP, tr
from app.model import (
    MaterialRequirement,
    OperationInstance,
    PriorityOverride,
    ShopException,
    WorkOrder,
)
from app.model.types import ExceptionStatus, OperationStatus, WorkOrderStatus
from app.projections.registry import existing, find, reduces
from app.words import state

_MATERIAL_NO = re.compile(r"/M(\d+)$")
OPEN_EXCEPTION = (
    ExceptionStatus.RAISED,
    ExceptionStatus.ACKNOWLEDGED,
    ExceptionStatus.IN_PROGRESS,
    ExceptionStatus.WAITING,
)
WITHDRAWN_STATUS = {
    "stopped": WorkOrderStatus.CLOSED,
    "closed": WorkOrderStatus.CLOSED,
    "cancelled": WorkOrderStatus.CANCELLED,
    "deleted": WorkOrderStatus.CANCELLED,
    "completed": WorkOrderStatus.COMPLETED,
}


def operation_id(work_order: str, seq: int) -> str:
    return f"{work_order}/{seq:04d}"


def _new_operation(number: str, spec: OperationSpec) -> OperationInstance:
    return OperationInstance(
        id=operation_id(number, spec.seq),
        work_order_number=number,
        seq=spec.seq,
        work_center_code=spec.work_center,
        setup_family_code=spec.setup_family,
        description=spec.description,
        setup_minutes=spec.setup_minutes,
        run_minutes=spec.run_minutes,
        # Every column set here, none left to a default applied at flush: a later event
        # of the same page of the log reads this row before it is flushed.
        qty_good=0.0,
        qty_scrap=0.0,
        status=OperationStatus.WAITING,
        started_at=None,
        completed_at=None,
    )


def _new_material(number: str, n: int, m: MaterialSpec) -> MaterialRequirement:
    return MaterialRequirement(
        id=f"{number}/M{n:03d}",
        work_order_number=number,
        operation_seq=m.operation_seq,
        item_code=m.item,
        quantity=m.quantity,
        need_at=as_utc(m.need_at),
        lot_no=m.lot_no,
        substitute_for=None,
        substitute_approved_by=None,
        issued_qty=0.0,
    )


def _touched(op: OperationInstance) -> bool:
    """The floor has recorded something on this operation."""
    return (
        op.status not in (OperationStatus.WAITING, OperationStatus.READY)
        or op.qty_good > 0
        or op.qty_scrap > 0
        or op.started_at is not None
    )


def _named(session: Session, op: OperationInstance) -> bool:
    """An exception or an override refers to this operation (so it must stay)."""
    exception = select(ShopException.id).where(ShopException.operation_id == op.id).limit(1)
    override = select(PriorityOverride.id).where(PriorityOverride.operation_id == op.id).limit(1)
    return session.scalar(exception) is not None or session.scalar(override) is not None


def _sequence(operations: list[OperationInstance]) -> None:
    """The first operation not completed is ready; a later one not started waits."""
    first_open = True
    for op in sorted(operations, key=lambda o: o.seq):
        if op.status is OperationStatus.COMPLETED:
            continue
        if first_open:
            first_open = False
            if op.status is OperationStatus.WAITING:
                op.status = OperationStatus.READY
        elif op.status is OperationStatus.READY and not _touched(op):
            op.status = OperationStatus.WAITING


def _progress_status(order: WorkOrder) -> WorkOrderStatus:
    ops = order.operations
    if ops and all(o.status is OperationStatus.COMPLETED for o in ops):
        return WorkOrderStatus.COMPLETED
    if any(_touched(o) for o in ops):
        return WorkOrderStatus.IN_PROGRESS
    return WorkOrderStatus.RELEASED


@reduces(WorkOrderReleased)
def work_order_released(session: Session, p: WorkOrderReleased, event: Event) -> None:
    order = find(session, WorkOrder, p.number)
    if order is None:
        _create(session, p, event)
        return
    # The plan is the ERP's.
    order.erp_ref = p.erp_ref
    order.item_code = p.item
    order.quantity = p.quantity
    order.done_before = p.done_before
    order.due_at = as_utc(p.due_at)
    order.commit_at = as_utc(p.commit_at) if p.commit_at else None
    order.customer_code = p.customer
    order.priority_class = p.priority_class
    routing_changed = _merge_operations(session, order, p)
    _merge_materials(order, p)
    if routing_changed:
        _sequence(order.operations)
    # Released (again) in the ERP: the floor's progress says where it stands.
    order.erp_status = None
    order.status = _progress_status(order)


def _create(session: Session, p: WorkOrderReleased, event: Event) -> None:
    operations = [_new_operation(p.number, spec) for spec in sorted(p.operations, key=_seq)]
    operations[0].status = OperationStatus.READY
    session.add(
        WorkOrder(
            number=p.number,
            erp_ref=p.erp_ref,
            item_code=p.item,
            quantity=p.quantity,
            due_at=as_utc(p.due_at),
            commit_at=as_utc(p.commit_at) if p.commit_at else None,
            customer_code=p.customer,
            priority_class=p.priority_class,
            status=WorkOrderStatus.RELEASED,
            released_at=event.occurred_at,
            erp_status=None,
            done_before=p.done_before,
            operations=operations,
            materials=[_new_material(p.number, n, m) for n, m in enumerate(p.materials, 1)],
        )
    )


def _seq(spec: OperationSpec) -> int:
    return spec.seq


def _merge_operations(session: Session, order: WorkOrder, p: WorkOrderReleased) -> bool:
    """Update the operations in place; True when steps were added or removed."""
    by_seq = {op.seq: op for op in order.operations}
    wanted = {spec.seq for spec in p.operations}
    changed = False
    for spec in sorted(p.operations, key=_seq):
        op = by_seq.get(spec.seq)
        if op is None:
            order.operations.append(_new_operation(order.number, spec))
            changed = True
            continue
        op.work_center_code = spec.work_center
        op.setup_family_code = spec.setup_family
        op.description = spec.description
        op.setup_minutes = spec.setup_minutes
        op.run_minutes = spec.run_minutes
    for seq, op in by_seq.items():
        if seq in wanted:
            continue
        # Dropped from the ERP's routing: gone unless the floor worked on it or something
        # names it (its record and what refers to it stay, done or not).
        if not _touched(op) and not _named(session, op):
            order.operations.remove(op)
            changed = True
    return changed


def _merge_materials(order: WorkOrder, p: WorkOrderReleased) -> None:
    # A requirement is the same one when it is for the same item (the one the ERP
    # named, before any approved substitute) at the same operation.
    have: dict[tuple[str, int | None], list[MaterialRequirement]] = {}
    for row in order.materials:
        have.setdefault((row.substitute_for or row.item_code, row.operation_seq), []).append(row)
    numbers = [int(m.group(1)) for r in order.materials if (m := _MATERIAL_NO.search(r.id))]
    next_no = max(numbers, default=0) + 1
    kept: set[str] = set()
    for spec in p.materials:
        rows = have.get((spec.item, spec.operation_seq))
        if rows:
            row = rows.pop(0)
            row.quantity = spec.quantity
            row.need_at = as_utc(spec.need_at)
            if spec.lot_no is not None:
                row.lot_no = spec.lot_no
            kept.add(row.id)
            continue
        row = _new_material(order.number, next_no, spec)
        next_no += 1
        order.materials.append(row)
        kept.add(row.id)
    for row in list(order.materials):
        if row.id not in kept and row.issued_qty <= 0 and row.substitute_for is None:
            order.materials.remove(row)


@reduces(WorkOrderWithdrawn)
def work_order_withdrawn(session: Session, p: WorkOrderWithdrawn, event: Event) -> None:
    order = existing(session, WorkOrder, p.number, QT_TR_NOOP("work order"))
    if order.erp_status == p.state:
        raise Rejected(
            tr(
                "work order {order} is already {state} in the ERP",
                order=p.number,
                state=state(p.state),
            ),
            redundant=True,
        )
    order.erp_status = p.state
    order.status = WITHDRAWN_STATUS[p.state]
    said = f" ({p.erp_status})" if p.erp_status else ""
    note = (
        f"work order {p.number} {p.state} in the ERP{said} on "
        f"{as_utc(event.occurred_at):%Y-%m-%d %H:%M} UTC; kept open for its owner to decide"
    )
    for exc in session.scalars(
        select(ShopException).where(
            ShopException.work_order_number == p.number, ShopException.status.in_(OPEN_EXCEPTION)
        )
    ):
        exc.details = {**(exc.details or {}), "work_order_in_erp": note[:500]}
