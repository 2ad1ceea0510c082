"""A demo floor in mid-shift: work done earlier, a job running per machine, one machine
down, one lot on quality hold. Made through the same services an operator uses."""

from __future__ import annotations

import math
import random
import tomllib

from sqlalchemy import select

from app.clock import Clock
from app.events.payloads import StockCounted
from app.model import (
    MaterialRequirement,
    OperationInstance,
    StockBalance,
    WorkCenter,
    WorkOrder,
)
from app.model.types import HoldScope, MachineState, OperationStatus
from app.paths import resource
from app.services.board import BoardService
from app.services.execution import ExecutionService
from app.services.plant import ReferenceDataService
from app.store import Store

OPERATOR = "1001"
SUPERVISOR = "2001"
QUALITY = "3001"
DOWN_MACHINE = ("MIL-02", "spindle drive alarm E-217")
HELD_LOT_REASON = "incoming inspection: hardness out of specification"


def _count_short_items(store: Store, clock: Clock) -> None:
    """A cycle count of the demo's short items finds well under what open orders still need."""
    spec = tomllib.loads(resource("demo", "plant.toml").read_text("utf-8"))
    short = set(spec["generator"]["short_items"])
    with store.read() as session:
        open_need: dict[str, float] = {}
        for item, quantity, status in session.execute(
            select(
                MaterialRequirement.item_code,
                MaterialRequirement.quantity,
                OperationInstance.status,
            )
            .join(
                OperationInstance,
                (OperationInstance.work_order_number == MaterialRequirement.work_order_number)
                & (OperationInstance.seq == MaterialRequirement.operation_seq),
            )
            .where(MaterialRequirement.item_code.in_(short))
        ):
            if status in (OperationStatus.READY, OperationStatus.WAITING):
                open_need[item] = open_need.get(item, 0.0) + quantity
        balances = session.scalars(
            select(StockBalance)
            .where(StockBalance.item_code.in_(short))
            .order_by(StockBalance.item_code, StockBalance.location, StockBalance.lot_no)
        ).all()
    counts = []
    seen: set[str] = set()
    for balance in balances:
        first = balance.item_code not in seen
        seen.add(balance.item_code)
        on_hand = math.floor(open_need.get(balance.item_code, 0.0) * 0.4) if first else 0.0
        counts.append(
            StockCounted(
                item=balance.item_code,
                location=balance.location,
                lot_no=balance.lot_no or None,
                on_hand=float(on_hand),
            )
        )
    ReferenceDataService(store, clock).load(counts, actor=OPERATOR)


def stage_floor(store: Store, clock: Clock, seed: int = 7) -> None:
    rng = random.Random(seed)
    execution = ExecutionService(store, clock)
    board = BoardService(store, clock)
    with store.read() as session:
        orders = {
            wo.number: [op.id for op in wo.operations]
            for wo in session.scalars(select(WorkOrder).order_by(WorkOrder.number))
        }
        quantities = dict(session.execute(select(WorkOrder.number, WorkOrder.quantity)).all())
    # Earlier shifts finished the first operations of about half the orders.
    for number, ops in orders.items():
        if len(ops) < 2 or rng.random() > 0.5:
            continue
        for op_id in ops[: rng.randint(1, len(ops) - 1)]:
            execution.start(OPERATOR, op_id)
            scrap = float(rng.choice([0, 0, 0, 1, 2]))
            execution.confirm(
                OPERATOR, op_id, good=quantities[number] - scrap, scrap=scrap, final=True
            )
    with store.read() as session:
        centers = list(session.scalars(select(WorkCenter.code).order_by(WorkCenter.code)))
        ready = {
            wc: session.scalars(
                select(OperationInstance.id)
                .join(WorkOrder)
                .where(
                    OperationInstance.work_center_code == wc,
                    OperationInstance.status == OperationStatus.READY,
                )
                .order_by(WorkOrder.due_at)
            ).first()
            for wc in centers
        }
        staged_lot = session.scalars(
            select(MaterialRequirement.lot_no)
            .where(MaterialRequirement.lot_no.is_not(None))
            .order_by(MaterialRequirement.id)
        ).first()
    # This shift: a job running on most machines, part of it already confirmed.
    for wc in centers:
        first_ready = ready[wc]
        if first_ready is None or wc == DOWN_MACHINE[0]:
            board.set_machine_state(OPERATOR, wc, MachineState.IDLE)
            continue
        execution.start(OPERATOR, first_ready)
        number = first_ready.split("/")[0]
        done = math.floor(quantities[number] * rng.uniform(0.2, 0.6))
        if done:
            execution.confirm(OPERATOR, first_ready, good=float(done))
        board.set_machine_state(OPERATOR, wc, MachineState.RUNNING)
    board.set_machine_state(OPERATOR, DOWN_MACHINE[0], MachineState.DOWN, DOWN_MACHINE[1])
    _count_short_items(store, clock)
    if staged_lot:
        board.place_hold(QUALITY, HoldScope.LOT, staged_lot, f"lot {staged_lot}: {HELD_LOT_REASON}")
