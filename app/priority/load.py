"""Reading the board's inputs from the projections, in a handful of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.changes import EVERYTHING, Changes
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
    """Everything the board ranks from, read whole (at start, or after a refetch)."""
    return read_slice(session, EVERYTHING).state


@dataclass
class Slice:
    """Part of the board's inputs, read again after a change (`app.changes.Changes`).

    Each `*_of` says which keys were read (None: all of them): a key read and absent in
    `state` is gone. Holds and overrides are small and read whole when `whole_small`
    (else not at all); the open shortage reports are read whenever orders changed too."""

    state: pm.PlantState
    orders_of: frozenset[str] | None
    items_of: frozenset[str] | None
    machines_of: frozenset[str] | None
    families_of: frozenset[str] | None  # work centers whose last setup family was read
    whole_small: bool
    shortage_reports: list[ShortageReport] | None  # None: not read


@dataclass(frozen=True)
class ShortageReport:
    """An open shortage exception: what it names, to block the operations it means."""

    item: str
    operation_id: str | None
    work_order: str | None
    quantity: float | None


def lane_state(session: Session, work_center: str) -> pm.PlantState:
    """What one lane's ranking depends on, and no more: the orders with an open operation
    there (whole: the work after each job counts), the items they need and every order
    that needs those too (material goes to whoever needs it first), that work center's
    machine, and the small tables. Ranks that lane exactly as the whole plant would."""
    orders = set(
        session.scalars(
            select(OperationInstance.work_order_number)
            .where(
                OperationInstance.work_center_code == work_center,
                OperationInstance.status.in_(OPEN_OPS),
            )
            .distinct()
        )
    )
    items = set(
        session.scalars(
            select(MaterialRequirement.item_code)
            .where(MaterialRequirement.work_order_number.in_(orders))
            .distinct()
        )
    )
    orders |= set(
        session.scalars(
            select(MaterialRequirement.work_order_number)
            .where(MaterialRequirement.item_code.in_(items))
            .distinct()
        )
    )
    part = read_slice(
        session,
        Changes(
            work_orders=frozenset(orders),
            items=frozenset(items),
            machines=frozenset({work_center}),
            board=True,
        ),
    )
    state = part.state
    state.work_centers = (work_center,)
    state.reported_shortfalls = reported_shortfalls(
        part.shortage_reports or [], state.jobs, state.requirements
    )
    return state


def read_slice(session: Session, changes: Changes) -> Slice:
    """The board's inputs that `changes` may have changed (all of them after everything)."""
    whole = changes.everything
    state = pm.PlantState()
    orders = None if whole else changes.work_orders
    if whole:
        state.work_centers = tuple(
            session.scalars(select(WorkCenter.code).order_by(WorkCenter.code))
        )
    by_order = _read_jobs(session, state, orders)
    _read_requirements(session, state, by_order, orders)

    # Stock: of the items named, or of all when a hold may have changed which lots count.
    small = whole or changes.board or changes.exceptions
    items = None if whole or changes.board else changes.items
    _read_stock(session, state, items)

    # Exceptions stop and restart machines (a downtime raised, resolved) without naming
    # one in every event: with the small tables, every stopped machine is read.
    machines = None if small else changes.machines
    query = select(WorkCenter).where(WorkCenter.machine_state == MachineState.DOWN)
    if machines is not None:
        query = query.where(WorkCenter.code.in_(machines))
    for wc in session.scalars(query) if machines is None or machines else ():
        state.machines[wc.code] = pm.MachineStatus(
            down=True, reason=wc.machine_reason or "", since=wc.machine_since
        )

    reports = _read_shortage_reports(session) if small or changes.work_orders else None
    if small:
        for hold in session.scalars(select(Hold).where(Hold.released_at.is_(None))):
            state.holds[hold.id] = pm.Hold(
                id=hold.id, scope=hold.scope, key=hold.key, reason=hold.reason, by=hold.placed_by
            )
        _read_overrides(session, state)
    if whole and reports is not None:
        state.reported_shortfalls = reported_shortfalls(reports, state.jobs, state.requirements)

    # The setup family each work center ran last: a completed operation changes it.
    families = None if whole else _work_centers_of_orders(session, changes.work_orders)
    _read_last_families(session, state, families)
    return Slice(
        state=state,
        orders_of=orders,
        items_of=items,
        machines_of=machines,
        families_of=families,
        whole_small=small,
        shortage_reports=reports,
    )


def _read_jobs(
    session: Session, state: pm.PlantState, orders: frozenset[str] | None
) -> dict[str, list[Any]]:
    if orders is not None and not orders:
        return {}
    query = (
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
    )
    lots_query = select(MaterialRequirement.work_order_number, MaterialRequirement.lot_no).where(
        MaterialRequirement.lot_no.is_not(None)
    )
    if orders is not None:
        query = query.where(OperationInstance.work_order_number.in_(orders))
        lots_query = lots_query.where(MaterialRequirement.work_order_number.in_(orders))
    rows = session.execute(query).all()
    lots_by_order: dict[str, set[str]] = defaultdict(set)
    for wo, lot in session.execute(lots_query):
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
    return by_order


def _read_requirements(
    session: Session,
    state: pm.PlantState,
    by_order: dict[str, list[Any]],
    orders: frozenset[str] | None,
) -> None:
    """Material is needed by the operation it is issued to (or the order's first open
    one), until that operation starts."""
    if orders is not None and not orders:
        return
    query = (
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
    )
    if orders is not None:
        query = query.where(MaterialRequirement.work_order_number.in_(orders))
    running_status = OperationStatus.RUNNING
    for req_id, wo, op_seq, item, quantity, issued, need_at in session.execute(query):
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


def _read_stock(session: Session, state: pm.PlantState, items: frozenset[str] | None) -> None:
    """What is on hand (held lots excluded) and coming, of `items` (None: of all)."""
    if items is not None and not items:
        return
    held_lots = {
        h.key
        for h in session.scalars(
            select(Hold).where(Hold.scope == HoldScope.LOT, Hold.released_at.is_(None))
        )
    } | set(session.scalars(select(Lot.lot_no).where(Lot.status == LotStatus.HOLD)))
    # In key order: a float sum depends on its order, and a slice must add up as the whole.
    stock = select(StockBalance.item_code, StockBalance.lot_no, StockBalance.on_hand).order_by(
        StockBalance.item_code, StockBalance.location, StockBalance.lot_no
    )
    supply = select(IncomingSupply)
    if items is not None:
        stock = stock.where(StockBalance.item_code.in_(items))
        supply = supply.where(IncomingSupply.item_code.in_(items))
    for item, lot, on_hand in session.execute(stock):
        if lot and lot in held_lots:
            continue
        state.on_hand[item] = state.on_hand.get(item, 0.0) + on_hand
    incoming: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    for row in session.scalars(supply):
        incoming[row.item_code].append((row.expected_at, row.quantity))
    state.incoming = {item: tuple(sorted(r)) for item, r in incoming.items()}


def _read_overrides(session: Session, state: pm.PlantState) -> None:
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


def _read_shortage_reports(session: Session) -> list[ShortageReport]:
    return [
        ShortageReport(
            item=exc.item_code or "",
            operation_id=exc.operation_id,
            work_order=exc.work_order_number,
            quantity=exc.quantity,
        )
        for exc in session.scalars(
            select(ShopException).where(
                ShopException.kind == ExceptionKind.MATERIAL_SHORTAGE,
                ShopException.status.in_(OPEN_EXCEPTIONS),
                ShopException.item_code.is_not(None),
            )
        )
    ]


def reported_shortfalls(
    reports: list[ShortageReport],
    jobs: dict[str, pm.Job],
    requirements: dict[str, pm.Requirement],
) -> dict[str, pm.Shortfall]:
    """Shortages reported on the floor block the operations they name, or every open
    operation that needs the item, until the exception is resolved."""
    if not reports:
        return {}
    needs: dict[str, list[pm.Requirement]] = defaultdict(list)
    for requirement in requirements.values():
        needs[requirement.item].append(requirement)
    first_of_order: dict[str, pm.Job] = {}
    for job in jobs.values():
        first = first_of_order.get(job.work_order)
        if first is None or job.seq < first.seq:
            first_of_order[job.work_order] = job
    found: dict[str, pm.Shortfall] = {}
    for report in reports:
        if report.operation_id:
            targets = [report.operation_id]
        elif report.work_order and report.work_order in first_of_order:
            targets = [first_of_order[report.work_order].op_id]
        else:
            targets = [r.op_id for r in needs.get(report.item, [])]
        for op_id in targets:
            if op_id in jobs and not jobs[op_id].running:
                quantity = report.quantity or sum(
                    r.quantity for r in needs.get(report.item, []) if r.op_id == op_id
                )
                found[op_id] = pm.Shortfall(item=report.item, short=quantity, required=quantity)
    return found


def _work_centers_of_orders(session: Session, orders: frozenset[str]) -> frozenset[str]:
    if not orders:
        return frozenset()
    return frozenset(
        session.scalars(
            select(OperationInstance.work_center_code)
            .where(OperationInstance.work_order_number.in_(orders))
            .distinct()
        )
    )


def _read_last_families(
    session: Session, state: pm.PlantState, work_centers: frozenset[str] | None
) -> None:
    """The setup family each work center ran last: a same-family job needs no changeover."""
    if work_centers is not None and not work_centers:
        return
    completed = OperationInstance.status == OperationStatus.COMPLETED
    latest = select(
        OperationInstance.work_center_code,
        func.max(OperationInstance.completed_at).label("at"),
    ).where(completed)
    if work_centers is not None:
        latest = latest.where(OperationInstance.work_center_code.in_(work_centers))
    last = latest.group_by(OperationInstance.work_center_code).subquery()
    for wc_code, family in session.execute(
        select(OperationInstance.work_center_code, OperationInstance.setup_family_code).join(
            last,
            (OperationInstance.work_center_code == last.c.work_center_code)
            & (OperationInstance.completed_at == last.c.at),
        )
    ):
        if family:
            state.last_family[wc_code] = family
