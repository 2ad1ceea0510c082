"""Reading the board's inputs from the projections, in a handful of queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model import (
    Hold,
    IncomingSupply,
    Lot,
    MaterialRequirement,
    OperationInstance,
    PriorityOverride,
    ShopException,
    StockBalance,
    User,
    WorkCenter,
    WorkOrder,
)
from app.model.types import (
    ExceptionKind,
    ExceptionStatus,
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
OPEN_EXCEPTIONS = (
    ExceptionStatus.RAISED,
    ExceptionStatus.ACKNOWLEDGED,
    ExceptionStatus.IN_PROGRESS,
    ExceptionStatus.WAITING,
)


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
    running_status = OperationStatus.RUNNING
    for wo, ops in by_order.items():
        lots = tuple(sorted(lots_by_order.get(wo, ())))
        later = 0.0
        jobs = []
        # Walk the order backwards so each operation knows the work still after it.
        for i in range(len(ops) - 1, -1, -1):
            (op_id, _, seq, wc, family, setup, run, good, status, started, item, qty, due, commit,
             customer, priority) = ops[i]  # fmt: skip
            running = status is running_status
            run_left = _remaining_run(run, qty, good)
            setup_left = 0.0 if running else setup
            before = ops[i - 1] if i > 0 else None
            jobs.append(
                pm.Job(
                    op_id=op_id,
                    work_order=wo,
                    seq=seq,
                    work_center=wc,
                    item=item,
                    setup_family=family,
                    setup_minutes=setup_left,
                    run_minutes=run_left,
                    later_minutes=later,
                    later_ops=len(ops) - i - 1,
                    due_at=min(due, commit) if commit is not None else due,
                    customer=customer,
                    priority_class=PriorityClass(priority),
                    quantity=qty,
                    qty_good=good,
                    running=running,
                    started_at=started,
                    waiting_for=(before.seq, before.work_center_code)
                    if before is not None
                    else None,
                    lots=lots,
                )
            )
            later += setup_left + run_left
        for job in reversed(jobs):
            state.jobs[job.op_id] = job

    # Material is needed by the operation it is issued to (or the order's first open one),
    # until that operation starts.
    for req_id, wo, op_seq, item, quantity, issued, need_at in session.execute(
        select(
            MaterialRequirement.id,
            MaterialRequirement.work_order_number,
            MaterialRequirement.operation_seq,
            MaterialRequirement.item_code,
            MaterialRequirement.quantity,
            MaterialRequirement.issued_qty,
            MaterialRequirement.need_at,
        )
        .join(WorkOrder)
        .where(WorkOrder.status.in_(OPEN_ORDERS))
    ):
        order_ops = by_order.get(wo)
        if not order_ops:
            continue
        if op_seq is None:
            target = order_ops[0]
        else:
            found = [o for o in order_ops if o.seq == op_seq]
            if not found:
                continue  # its operation is done: the material was used
            target = found[0]
        if target.status is running_status or quantity - issued <= 0:
            continue
        state.requirements[req_id] = pm.Requirement(
            id=req_id, op_id=target.id, item=item, quantity=quantity - issued, need_at=need_at
        )

    # Shortages reported on the floor block the operations they name, or every open
    # operation that needs the item, until the exception is resolved.
    needs: dict[str, list[pm.Requirement]] = defaultdict(list)
    for requirement in state.requirements.values():
        needs[requirement.item].append(requirement)
    for exc in session.scalars(
        select(ShopException).where(
            ShopException.kind == ExceptionKind.MATERIAL_SHORTAGE,
            ShopException.status.in_(OPEN_EXCEPTIONS),
            ShopException.item_code.is_not(None),
        )
    ):
        assert exc.item_code is not None
        if exc.operation_id:
            targets = [exc.operation_id]
        elif exc.work_order_number and exc.work_order_number in by_order:
            targets = [by_order[exc.work_order_number][0].id]
        else:
            targets = [r.op_id for r in needs.get(exc.item_code, [])]
        for op_id in targets:
            if op_id in state.jobs and not state.jobs[op_id].running:
                quantity = exc.quantity or sum(
                    r.quantity for r in needs.get(exc.item_code, []) if r.op_id == op_id
                )
                state.reported_shortfalls[op_id] = pm.Shortfall(
                    item=exc.item_code, short=quantity, required=quantity
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
