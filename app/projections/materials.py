"""Reducers for material at the line: goods issued to a work order.

An issue lowers what the order still needs (so the board stops counting it as a
shortage), records the lot now staged for it (so a hold on that lot reaches the
operation), takes the quantity off the local stock and queues the goods issue for the
ERP. A held lot, a closed order or an item the order does not use is refused before
anything changes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Rejected
from app.events.envelope import Event
from app.events.payloads import MaterialIssued
from app.i18n import QT_TR_NOOP, Message, tr
from app.limits import issue_excess, quantity
from app.model import Hold, Lot, MaterialRequirement, OperationInstance, StockBalance, WorkOrder
from app.model.types import HoldScope, LotStatus, PostingKind, WorkOrderStatus
from app.projections.execution import add_posting
from app.projections.registry import existing, find, reduces
from app.words import state

CLOSED_ORDERS = (WorkOrderStatus.COMPLETED, WorkOrderStatus.CLOSED, WorkOrderStatus.CANCELLED)


def lot_problem(session: Session, lot_no: str, item: str) -> Message | None:
    """Why this lot cannot be issued as this item, or None. A lot Takt has not heard of
    is allowed: the ERP may know it before the next import does."""
    lot = find(session, Lot, lot_no)
    if lot is not None and lot.item_code != item:
        return tr(
            "lot {lot} holds item {held}, not {item}", lot=lot_no, held=lot.item_code, item=item
        )
    if lot is not None and lot.status is LotStatus.HOLD:
        return tr("lot {lot} is on quality hold", lot=lot_no)
    hold = session.scalars(
        select(Hold).where(
            Hold.scope == HoldScope.LOT, Hold.key == lot_no, Hold.released_at.is_(None)
        )
    ).first()
    if hold is not None:
        return tr("lot {lot} is on hold: {reason}", lot=lot_no, reason=hold.reason)
    return None


def requirements_for(
    session: Session, work_order: str, item: str, operation_seq: int | None
) -> list[MaterialRequirement]:
    """The order's requirements of this item, the named operation's first, then by
    operation, one for no operation last (on every database: SQLite would sort it first,
    PostgreSQL last, and a server and its terminals would fill them differently)."""
    rows = list(
        session.scalars(
            select(MaterialRequirement)
            .where(
                MaterialRequirement.work_order_number == work_order,
                MaterialRequirement.item_code == item,
            )
            .order_by(MaterialRequirement.operation_seq.asc().nulls_last(), MaterialRequirement.id)
        )
    )
    if operation_seq is not None:
        rows.sort(key=lambda r: r.operation_seq != operation_seq)
    return rows


@reduces(MaterialIssued)
def material_issued(session: Session, p: MaterialIssued, event: Event) -> None:
    order = existing(session, WorkOrder, p.work_order, QT_TR_NOOP("work order"))
    if order.status in CLOSED_ORDERS:
        raise Rejected(
            tr(
                "work order {order} is {status}: nothing is issued to it",
                order=p.work_order,
                status=state(order.status),
            )
        )
    operation_seq = None
    if p.operation_id is not None:
        op = find(session, OperationInstance, p.operation_id)
        if op is None or op.work_order_number != order.number:
            raise Rejected(
                tr(
                    "operation {op} is not part of work order {order}",
                    op=p.operation_id,
                    order=order.number,
                )
            )
        operation_seq = op.seq
    needs = requirements_for(session, order.number, p.item, operation_seq)
    if not needs:
        raise Rejected(
            tr(
                "item {item} is not a material of work order {order}",
                item=p.item,
                order=order.number,
            )
        )
    if p.lot is not None:
        problem = lot_problem(session, p.lot, p.item)
        if problem is not None:
            raise Rejected(problem)
    excess = issue_excess(session, needs, p.qty, event.actor)
    if excess is not None:
        raise Rejected(
            tr(
                "{item} issued to work order {order} would come to {total}, over the limit "
                "of {limit} ({basis}); only a supervisor or a manager may issue more",
                item=p.item,
                order=order.number,
                total=quantity(excess.total),
                limit=quantity(excess.limit),
                basis=excess.basis,
            )
        )

    # Fill what each requirement still needs in turn; more than planned goes on the last.
    left = p.qty
    for n, need in enumerate(needs):
        share = left if n == len(needs) - 1 else min(left, max(need.quantity - need.issued_qty, 0))
        need.issued_qty += share
        left -= share
        if share > 0 and p.lot is not None and need.lot_no is None:
            need.lot_no = p.lot
        if left <= 0:
            break

    # Local stock follows; the ERP's own count comes back with the next import, so a
    # balance that was already too low is floored at zero rather than refused.
    stock = select(StockBalance).where(StockBalance.item_code == p.item)
    if p.lot is not None:
        stock = stock.where(StockBalance.lot_no == p.lot)
    if p.location is not None:
        stock = stock.where(StockBalance.location == p.location)
    left = p.qty
    for balance in session.scalars(stock.order_by(StockBalance.location, StockBalance.lot_no)):
        taken = min(balance.on_hand, left)
        balance.on_hand -= taken
        left -= taken
        if left <= 0:
            break

    add_posting(
        session,
        event,
        PostingKind.GOODS_MOVEMENT,
        order.number,
        issue_posting(p, order, operation_seq, event.actor),
    )


def issue_posting(
    p: MaterialIssued, order: WorkOrder, operation_seq: int | None, actor: str
) -> dict[str, object]:
    """The goods issue an issue posts (the ERP writer also says with it what a refused
    issue would have posted)."""
    return {
        "erp_kind": "goods_issue",
        "item": p.item,
        "qty": p.qty,
        "lot": p.lot,
        # A Takt location code, not the ERP's warehouse name: the adapter picks the
        # order's source warehouse itself.
        "location": p.location,
        "work_order": order.number,
        "erp_ref": order.erp_ref,
        "operation_seq": operation_seq,
        "issued_by": actor,
    }
