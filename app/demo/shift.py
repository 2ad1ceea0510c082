"""A simulated shift on the demo plant, for the handover: exceptions raised and resolved,
machine stops with their reasons, jobs confirmed, a priority override, postings the ERP
refused. Made through the same services the floor uses, at moments inside the shift."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from app.clock import Clock, FixedClock
from app.events.payloads import ErpPostingFailed
from app.model import ErpPosting, OperationInstance, WorkOrder
from app.model.types import (
    Channel,
    ExceptionKind,
    OperationStatus,
    OverrideKind,
    PostingStatus,
    Severity,
)
from app.services.base import Service
from app.services.board import BoardService
from app.services.exceptions import ExceptionService, NewException
from app.services.execution import ExecutionService
from app.services.handover import read_shift_calendars
from app.services.plant import ReferenceDataService
from app.store import Store

OPERATOR = "1001"
SUPERVISOR = "2001"
ERP_REFUSAL = "Job Card JC-00412: Completed Qty cannot be greater than For Quantity"


def seed_shift_calendars(store: Store, clock: Clock | None = None) -> int:
    """Record the areas' shift calendars of resources/shifts/calendar.toml."""
    from app.queries import work_centers

    with store.read() as session:
        areas = {wc.area_code for wc in work_centers(session)}
    return ReferenceDataService(store, clock).load(read_shift_calendars(areas=areas))


def _jobs(store: Store, work_center: str, status: OperationStatus) -> list[tuple[str, float]]:
    """(operation, quantity still to make) at a work center, by due date."""
    with store.read() as session:
        return [
            (op_id, max(0.0, quantity - good))
            for op_id, quantity, good in session.execute(
                select(OperationInstance.id, WorkOrder.quantity, OperationInstance.qty_good)
                .join(WorkOrder)
                .where(
                    OperationInstance.work_center_code == work_center,
                    OperationInstance.status == status,
                )
                .order_by(WorkOrder.due_at, OperationInstance.id)
            )
        ]


class _Erp(Service):
    """What the server's ERP writer records when the ERP refuses a posting."""

    def refuse(self, posting_id: str, error: str) -> None:
        with self.transaction() as tx:
            tx.emit(ErpPostingFailed(posting_id=posting_id, error=error), "erp")


def simulate_shift(store: Store, clock: FixedClock, start: datetime) -> None:
    """Eight hours on the floor of area FAB from `start` (the shift's start), ending with
    the clock at its last event. The store decides its log (no server)."""

    def at(minutes: int) -> None:
        clock.set(start + timedelta(minutes=minutes))

    execution = ExecutionService(store, clock)
    board = BoardService(store, clock)
    exceptions = ExceptionService(store, clock)
    at(15)
    shortage = exceptions.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MATERIAL_SHORTAGE,
            summary="sheet 6 mm short at the laser",
            work_center="LAS-01",
            item="RM-S235-6",
            quantity=40.0,
            severity=Severity.HIGH,
        ),
    )
    at(40)
    stop = exceptions.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MACHINE_DOWNTIME,
            summary="press brake hydraulics losing pressure",
            work_center="PRB-01",
            details={"reason_code": "mechanical/hydraulic"},
        ),
    )
    at(55)
    exceptions.acknowledge(SUPERVISOR, stop)
    at(95)
    exceptions.resolve(
        SUPERVISOR,
        stop,
        decision="seal replaced, pressure holds",
        root_cause="machine/wear",
    )
    at(130)
    exceptions.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MACHINE_DOWNTIME,
            summary="saw blade broke",
            work_center="SAW-01",
            channel=Channel.KIOSK,
            details={"reason_code": "tooling/broken"},
        ),
    )
    at(150)
    exceptions.acknowledge(SUPERVISOR, shortage)
    for n, work_center in enumerate(("LAS-01", "PRB-02", "WLD-01")):
        at(180 + 20 * n)
        for op_id, left in _jobs(store, work_center, OperationStatus.RUNNING):
            execution.confirm(OPERATOR, op_id, good=left, final=True)
        ready = _jobs(store, work_center, OperationStatus.READY)
        if not ready:
            continue
        op_id, left = ready[0]
        execution.start(OPERATOR, op_id)
        at(200 + 20 * n)
        execution.confirm(OPERATOR, op_id, good=max(1.0, round(left / 2)), scrap=1.0)
        if len(ready) > 2:
            at(205 + 20 * n)
            pinned = ready[2][0]
            board.override(
                SUPERVISOR,
                pinned,
                OverrideKind.PIN,
                f"customer called: {pinned.split('/')[0]} ships tonight",
            )
    at(300)
    with store.read() as session:
        postings = list(
            session.scalars(
                select(ErpPosting.id)
                .where(ErpPosting.status == PostingStatus.PENDING)
                .order_by(ErpPosting.occurred_at.desc(), ErpPosting.id)
                .limit(2)
            )
        )
    for posting in postings:
        _Erp(store, clock).refuse(posting, ERP_REFUSAL)
    at(420)
