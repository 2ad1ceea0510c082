"""ERP postings for tests: confirm an operation (a pending posting), then record what
the ERP said the way the server's writer does (events by the actor "erp")."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.clock import Clock, FixedClock
from app.demo.generator import PlantData
from app.demo.seed import seed_plant
from app.events.payloads import ErpPostingAcknowledged, ErpPostingFailed
from app.model import ErpPosting, OperationInstance, WorkOrder
from app.model.types import OperationStatus, PostingKind, PostingStatus
from app.services.base import Service
from app.services.execution import ExecutionService
from app.store import Store, open_store

OPERATOR, SUPERVISOR, MANAGER = "901", "902", "907"
ERP = "erp"


def seed_template(path: Path, plant: PlantData, now: datetime) -> Path:
    """The small plant seeded once into a file (enrolling hashes PINs: slow); tests copy it."""
    clock = FixedClock(now)
    store = open_store(path, terminal_name="template", clock=clock)
    seed_plant(store, plant, clock)
    store.close()  # the last connection checkpoints the WAL into the file
    return path


def copy_of(template: Path, tmp_path: Path, clock: Clock) -> Store:
    path = tmp_path / "terminal.sqlite3"
    shutil.copy(template, path)
    return open_store(path, clock=clock)


def confirm_operation(store: Store, clock: Clock, good: float = 12, scrap: float = 0) -> str:
    """An operator runs a ready operation and confirms it; returns the new posting's id.

    The operation is one whose order can take the quantities when there is one left (an
    operator may report up to the order quantity plus the plant's over-delivery);
    otherwise a supervisor, who may report more, confirms."""
    with store.read() as session:
        ready = session.execute(
            select(OperationInstance.id, WorkOrder.quantity)
            .join(WorkOrder, WorkOrder.number == OperationInstance.work_order_number)
            .where(OperationInstance.status == OperationStatus.READY)
            .order_by(OperationInstance.id)
        ).all()
        assert ready, "the plant has no ready operation left"
        fits = [op for op, quantity in ready if quantity >= good + scrap]
        op_id, actor = (fits[0], OPERATOR) if fits else (ready[0][0], SUPERVISOR)
        before = set(session.scalars(select(ErpPosting.id)))
    execution = ExecutionService(store, clock)
    execution.start(actor, op_id)
    execution.confirm(actor, op_id, good=good, scrap=scrap, final=True)
    with store.read() as session:
        (posting_id,) = (
            set(
                session.scalars(
                    select(ErpPosting.id).where(ErpPosting.kind == PostingKind.CONFIRMATION)
                )
            )
            - before
        )
    return posting_id


def erp_refuses(store: Store, clock: Clock, posting_id: str, error: str) -> None:
    with Service(store, clock).transaction() as tx:
        tx.emit(ErpPostingFailed(posting_id=posting_id, error=error), ERP)


def erp_acknowledges(store: Store, clock: Clock, posting_id: str, document: str) -> None:
    with Service(store, clock).transaction() as tx:
        tx.emit(ErpPostingAcknowledged(posting_id=posting_id, document=document), ERP)


def failed_posting(
    store: Store,
    clock: Clock,
    error: str = "Work Order SWO-0001 is closed: cannot book 12 on it",
    *,
    good: float = 12,
    scrap: float = 1,
) -> str:
    posting_id = confirm_operation(store, clock, good=good, scrap=scrap)
    erp_refuses(store, clock, posting_id, error)
    return posting_id


def posting(store: Store, posting_id: str) -> ErpPosting:
    with store.read() as session:
        row = session.get(ErpPosting, posting_id)
        assert row is not None
        return row


def status(store: Store, posting_id: str) -> PostingStatus:
    return posting(store, posting_id).status
