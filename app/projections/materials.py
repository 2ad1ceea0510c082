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
from app.limits import issue_excess, quantity
from app.model import Hold, Lot, MaterialRequirement, OperationInstance, StockBalance, WorkOrder
from app.model.types import HoldScope, LotStatus, PostingKind, WorkOrderStatus
from app.projections.execution import add_posting
from app.projections.registry import existing, find, reduces

CLOSED_ORDERS = (WorkOrderStatus.COMPLETED, WorkOrderStatus.CLOSED, WorkOrderStatus.CANCELLED)


def lot_problem(session: Session, lot_no: str, item: str) -> str | None:
    """Why this lot cannot be issued as this item, or None. A lot Takt has not heard of
    is allowed: the ERP may know it before the next import does."""
    lot = find(session, Lot, lot_no)
    if lot is not None and lot.item_code != item:
        return f"lot {lot_no} holds item {lot.item_code}, not {item}"
    if lot is not None and lot.status is LotStatus.HOLD:
        return f"lot {lot_no} is on quality hold"
    hold = session.scalars(
        select(Hold).where(
            Hold.scope == HoldScope.LOT, Hold.key == lot_no, Hold.released_at.is_(None)
        )
    ).first()
    if hold is not None:
        return f"lot {lot_no} is on hold: {hold.reason}"
    return None


def requirements_for(
    session: Session, work_order: str, item: str, operation_seq: int | None
) -> list[MaterialRequirement]:
    """The order's requirements of this item, the named operation's first."""
    rows = list(
        session.scalars(
            select(MaterialRequirement)
            .where(
                MaterialRequirement.work_order_number == work_order,
                MaterialRequirement.item_code == item,
            )
            .order_by(MaterialRequirement.operation_seq, MaterialRequirement.id)
        )
    )
    if operation_seq is not None:
        rows.sort(key=lambda r: r.operation_seq != operation_seq)
    return rows


@reduces(MaterialIssued)
def material_issued(session: Session, p: MaterialIssued, event: Event) -> None:
    order = existing(session, WorkOrder, p.work_order, "work order")
    if order.status in CLOSED_ORDERS:
        raise Rejected(
            f"work order {p.work_order} is {order.status.value}: nothing is issued to it"
        )
    operation_seq = None
    if p.operation_id is not None:
        op = find(session, OperationInstance, p.operation_id)
        if op is None or op.work_order_number != order.number:
            raise Rejected(f"operation {p.operation_id} is not part of work order {order.number}")
        operation_seq = op.seq
    needs = requirements_for(session, order.number, p.item, operation_seq)
    if not needs:
        raise Rejected(f"item {p.item} is not a material of work order {order.number}")
    if p.lot is not None:
        problem = lot_problem(session, p.lot, p.item)
        if problem is not None:
            raise Rejected(problem)
    excess = issue_excess(session, needs, p.qty, event.actor)
    if excess is not None:
        raise Rejected(
            f"{p.item} issued to work order {order.number} would come to "
            f"{quantity(excess.total)}, over the limit of {quantity(excess.limit)} "
            f"({excess.basis}); only a supervisor or a manager may issue more"
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
        {
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
            "issued_by": event.actor,
        },
    )
