"""Reading the board's inputs from the projections, in a handful of queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import as_utc
from app.model import (
    Hold,
    IncomingSupply,
    Lot,
    MaterialRequirement,
    OperationInstance,
    PriorityOverride,
    StockBalance,
    User,
    WorkCenter,
    WorkOrder,
)
from app.model.types import (
    HoldScope,
    LotStatus,
    MachineState,
    OperationStatus,
    PriorityClass,
    WorkOrderStatus,
)
from app.priority import model as pm

OPEN_OPS = (
    OperationStatus.WAITING,
    OperationStatus.READY,
    OperationStatus.RUNNING,
    OperationStatus.PAUSED,
)
OPEN_ORDERS = (WorkOrderStatus.RELEASED, WorkOrderStatus.IN_PROGRESS)


def _remaining_run(run_minutes: float, quantity: float, good: float) -> float:
    return run_minutes * max(0.0, 1.0 - good / quantity) if quantity > 0 else run_minutes


def load_state(session: Session) -> pm.PlantState:
    state = pm.PlantState()
    state.work_centers = tuple(session.scalars(select(WorkCenter.code).order_by(WorkCenter.code)))

    rows = session.execute(
        select(
            OperationInstance.id,
            OperationInstance.work_order_number,
            OperationInstance.seq,
            OperationInstance.work_center_code,
            OperationInstance.setup_family_code,
            OperationInstance.setup_minutes,
            OperationInstance.run_minutes,
            OperationInstance.qty_good,
            OperationInstance.status,
            OperationInstance.started_at,
            WorkOrder.item_code,
            WorkOrder.quantity,
            WorkOrder.due_at,
            WorkOrder.commit_at,
            WorkOrder.customer_code,
            WorkOrder.priority_class,
        )
        .join(WorkOrder)
        .where(OperationInstance.status.in_(OPEN_OPS), WorkOrder.status.in_(OPEN_ORDERS))
        .order_by(OperationInstance.work_order_number, OperationInstance.seq)
    ).all()
    lots_by_order: dict[str, set[str]] = defaultdict(set)
    for wo, lot in session.execute(
        select(MaterialRequirement.work_order_number, MaterialRequirement.lot_no).where(
            MaterialRequirement.lot_no.is_not(None)
        )
    ):
        if lot:
            lots_by_order[wo].add(lot)
    by_order: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_order[row.work_order_number].append(row)
    for wo, ops in by_order.items():
        remaining = [
            o.setup_minutes * (o.status is not OperationStatus.RUNNING)
            + _remaining_run(o.run_minutes, o.quantity, o.qty_good)
            for o in ops
        ]
        for i, o in enumerate(ops):
            due = as_utc(o.due_at)
            if o.commit_at is not None:
                due = min(due, as_utc(o.commit_at))
            before = ops[i - 1] if i > 0 else None
            state.jobs[o.id] = pm.Job(
                op_id=o.id,
                work_order=wo,
                seq=o.seq,
                work_center=o.work_center_code,
                item=o.item_code,
                setup_family=o.setup_family_code,
                setup_minutes=0.0 if o.status is OperationStatus.RUNNING else o.setup_minutes,
                run_minutes=_remaining_run(o.run_minutes, o.quantity, o.qty_good),
                later_minutes=sum(remaining[i + 1 :]),
                later_ops=len(ops) - i - 1,
                due_at=due,
                customer=o.customer_code,
                priority_class=PriorityClass(o.priority_class),
                quantity=o.quantity,
                qty_good=o.qty_good,
                running=o.status is OperationStatus.RUNNING,
                started_at=as_utc(o.started_at) if o.started_at else None,
                waiting_for=(before.seq, before.work_center_code) if before is not None else None,
                lots=tuple(sorted(lots_by_order.get(wo, ()))),
            )

    # Material is needed by the operation it is issued to (or the order's first open one),
    # until that operation starts.
    first_open = {wo: ops[0] for wo, ops in by_order.items()}
    for req in session.scalars(
        select(MaterialRequirement).where(MaterialRequirement.work_order_number.in_(list(by_order)))
    ):
        ops = by_order[req.work_order_number]
        target = next(
            (o for o in ops if o.seq == req.operation_seq), first_open[req.work_order_number]
        )
        if target.status is OperationStatus.RUNNING:
            continue
        open_qty = req.quantity - req.issued_qty
        if open_qty <= 0:
            continue
        state.requirements[req.id] = pm.Requirement(
            id=req.id, op_id=target.id, item=req.item_code, quantity=open_qty, need_at=req.need_at
        )

    held_lots = {
        h.key
        for h in session.scalars(
            select(Hold).where(Hold.scope == HoldScope.LOT, Hold.released_at.is_(None))
        )
    } | set(session.scalars(select(Lot.lot_no).where(Lot.status == LotStatus.HOLD)))
    for item, lot, on_hand in session.execute(
        select(StockBalance.item_code, StockBalance.lot_no, StockBalance.on_hand)
    ):
        if lot and lot in held_lots:
            continue
        state.on_hand[item] = state.on_hand.get(item, 0.0) + on_hand
    incoming: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    for supply in session.scalars(select(IncomingSupply)):
        incoming[supply.item_code].append((supply.expected_at, supply.quantity))
    state.incoming = {item: tuple(sorted(r)) for item, r in incoming.items()}

    for wc in session.scalars(
        select(WorkCenter).where(WorkCenter.machine_state == MachineState.DOWN)
    ):
        state.machines[wc.code] = pm.MachineStatus(
            down=True, reason=wc.machine_reason or "", since=wc.machine_since
        )

    for hold in session.scalars(select(Hold).where(Hold.released_at.is_(None))):
        state.holds[hold.id] = pm.Hold(
            id=hold.id, scope=hold.scope, key=hold.key, reason=hold.reason, by=hold.placed_by
        )

    names = dict(session.execute(select(User.id, User.name)).all())
    for ov in session.scalars(
        select(PriorityOverride)
        .where(PriorityOverride.lapsed_at.is_(None))
        .order_by(PriorityOverride.created_at)
    ):
        state.overrides[ov.operation_id] = pm.Override(
            id=ov.id,
            op_id=ov.operation_id,
            kind=ov.kind,
            reason=ov.reason,
            by=names.get(ov.created_by, ov.created_by),
            at=ov.created_at,
            target_op_id=ov.target_operation_id,
        )

    # The setup family each work center ran last: a same-family job needs no changeover.
    latest = (
        select(
            OperationInstance.work_center_code,
            func.max(OperationInstance.completed_at).label("at"),
        )
        .where(OperationInstance.status == OperationStatus.COMPLETED)
        .group_by(OperationInstance.work_center_code)
        .subquery()
    )
    for wc_code, family in session.execute(
        select(OperationInstance.work_center_code, OperationInstance.setup_family_code).join(
            latest,
            (OperationInstance.work_center_code == latest.c.work_center_code)
            & (OperationInstance.completed_at == latest.c.at),
        )
    ):
        if family:
            state.last_family[wc_code] = family
    return state
