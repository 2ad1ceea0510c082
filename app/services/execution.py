"""Running jobs: start an operation, confirm good and scrap quantities, issue material."""

from __future__ import annotations

import math

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldProblem, ValidationError
from app.events.payloads import (
    MAX_QUANTITY,
    MaterialIssued,
    OperationConfirmed,
    OperationStarted,
    parse_payload,
)
from app.i18n import tr
from app.limits import confirmation_excess, issue_excess, quantity
from app.model import Hold, MaterialRequirement, OperationInstance, WorkOrder
from app.model.types import HoldScope, OperationStatus
from app.projections.materials import CLOSED_ORDERS, lot_problem, requirements_for
from app.services.base import Service
from app.words import state_spaced

OPEN = (OperationStatus.READY, OperationStatus.RUNNING, OperationStatus.PAUSED)


def quantity_problems(**values: float) -> list[FieldProblem]:
    """Each quantity that is no number, negative or beyond any plant's scale, by field."""
    problems = []
    for field, value in values.items():
        if not math.isfinite(value):
            problems.append(FieldProblem(field, tr("must be a number")))
        elif value < 0:
            problems.append(FieldProblem(field, tr("cannot be negative")))
        elif value > MAX_QUANTITY:
            problems.append(
                FieldProblem(field, tr("must be at most {max}", max=quantity(MAX_QUANTITY)))
            )
    return problems


def _operation(session: Session, operation_id: str) -> OperationInstance:
    op = session.get(OperationInstance, operation_id)
    if op is None:
        raise ValidationError.one("operation", tr("unknown operation {id}", id=repr(operation_id)))
    return op


def active_hold_on(session: Session, op: OperationInstance) -> Hold | None:
    order = session.get(WorkOrder, op.work_order_number)
    lots: set[str] = set(
        session.scalars(
            select(MaterialRequirement.lot_no).where(
                MaterialRequirement.work_order_number == op.work_order_number,
                MaterialRequirement.lot_no.is_not(None),
            )
        )
    )
    items = {order.item_code} if order else set()
    keys: list[tuple[HoldScope, set[str]]] = [
        (HoldScope.OPERATION, {op.id}),
        (HoldScope.WORK_ORDER, {op.work_order_number}),
        (HoldScope.ITEM, items),
        (HoldScope.LOT, lots),
    ]
    for scope, values in keys:
        if not values:
            continue
        hold = session.scalars(
            select(Hold).where(
                Hold.scope == scope, Hold.key.in_(values), Hold.released_at.is_(None)
            )
        ).first()
        if hold is not None:
            return hold
    return None


class ExecutionService(Service):
    def start(self, actor: str, operation_id: str) -> None:
        with self.transaction() as tx:
            op = _operation(tx.session, operation_id)
            if op.status is OperationStatus.RUNNING:
                raise ValidationError.one("operation", tr("{op} is already running", op=op.id))
            if op.status not in OPEN:
                raise ValidationError.one(
                    "operation",
                    tr(
                        "{op} cannot start: it is {status}",
                        op=op.id,
                        status=state_spaced(op.status),
                    ),
                )
            hold = active_hold_on(tx.session, op)
            if hold is not None:
                raise ValidationError.one(
                    "operation", tr("{op} is on hold: {reason}", op=op.id, reason=hold.reason)
                )
            running = tx.session.scalars(
                select(OperationInstance).where(
                    OperationInstance.work_center_code == op.work_center_code,
                    OperationInstance.status == OperationStatus.RUNNING,
                )
            ).first()
            if running is not None:
                raise ValidationError.one(
                    "operation",
                    tr(
                        "{work_center} is running {op}; confirm it before starting another job",
                        work_center=op.work_center_code,
                        op=running.id,
                    ),
                )
            tx.emit(OperationStarted(operation_id=op.id), actor)

    def confirm(
        self, actor: str, operation_id: str, *, good: float, scrap: float = 0.0, final: bool = False
    ) -> None:
        """Report quantities; each confirmation becomes a pending ERP posting.

        Good + scrap over the operation's life may reach the order quantity times the
        plant's over-delivery factor (app/limits.py); beyond it only a supervisor or a
        manager may confirm, and anyone else is told the limit.
        """
        problems = quantity_problems(good=good, scrap=scrap)
        if not problems and good == 0 and scrap == 0 and not final:
            problems.append(FieldProblem("good", tr("enter a good or scrap quantity")))
        if problems:
            raise ValidationError(problems)
        with self.transaction() as tx:
            op = _operation(tx.session, operation_id)
            if op.status is not OperationStatus.RUNNING:
                raise ValidationError.one(
                    "operation", tr("start {op} before confirming quantities on it", op=op.id)
                )
            excess = confirmation_excess(tx.session, op, good, scrap, actor)
            if excess is not None:
                raise ValidationError.one(
                    "good" if good > 0 else "scrap",
                    tr(
                        "at most {limit} good + scrap on {op} ({basis}); {already} reported "
                        "so far, so at most {left} more. A supervisor may confirm more",
                        limit=quantity(excess.limit),
                        op=op.id,
                        basis=excess.basis,
                        already=quantity(excess.already),
                        left=quantity(excess.left),
                    ),
                )
            tx.emit(
                OperationConfirmed(operation_id=op.id, good=good, scrap=scrap, final=final), actor
            )

    def issue_material(
        self,
        actor: str,
        operation_id: str,
        *,
        item: str,
        qty: float,
        lot: str | None = None,
    ) -> None:
        """Record material handed to the operation's work order; it becomes a pending
        goods issue for the ERP."""
        item, lot = item.strip(), (lot or "").strip() or None
        problems = []
        if not item:
            problems.append(FieldProblem("item", tr("choose the material")))
        if not qty > 0:
            problems.append(FieldProblem("qty", tr("enter a quantity above zero")))
        else:
            problems += quantity_problems(qty=qty)
        if problems:
            raise ValidationError(problems)
        with self.transaction() as tx:
            op = _operation(tx.session, operation_id)
            order = tx.session.get(WorkOrder, op.work_order_number)
            if order is None or order.status in CLOSED_ORDERS:
                raise ValidationError.one(
                    "operation",
                    tr("work order {order} takes no more material", order=op.work_order_number),
                )
            if not requirements_for(tx.session, order.number, item, op.seq):
                raise ValidationError.one(
                    "item",
                    tr(
                        "{item} is not a material of work order {order}",
                        item=item,
                        order=order.number,
                    ),
                )
            if lot is not None:
                problem = lot_problem(tx.session, lot, item)
                if problem is not None:
                    raise ValidationError.one("lot", problem)
            excess = issue_excess(
                tx.session, requirements_for(tx.session, order.number, item, None), qty, actor
            )
            if excess is not None:
                raise ValidationError.one(
                    "qty",
                    tr(
                        "at most {limit} of {item} on work order {order} ({basis}); {already} "
                        "issued so far, so at most {left} more. A supervisor may issue more",
                        limit=quantity(excess.limit),
                        item=item,
                        order=order.number,
                        basis=excess.basis,
                        already=quantity(excess.already),
                        left=quantity(excess.left),
                    ),
                )
            # parse_payload names a malformed lot or item the way the form labels it.
            payload = parse_payload(
                MaterialIssued.KIND,
                {
                    "work_order": order.number,
                    "item": item,
                    "qty": qty,
                    "lot": lot,
                    "operation_id": op.id,
                },
            )
            tx.emit(payload, actor)
