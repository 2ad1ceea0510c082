"""Reducers for the plan: released work orders with their operations and materials."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.clock import as_utc
from app.events.envelope import Event
from app.events.payloads import WorkOrderReleased
from app.model import MaterialRequirement, OperationInstance, WorkOrder
from app.model.types import OperationStatus, WorkOrderStatus
from app.projections.registry import reduces


def operation_id(work_order: str, seq: int) -> str:
    return f"{work_order}/{seq:04d}"


@reduces(WorkOrderReleased)
def work_order_released(session: Session, p: WorkOrderReleased, event: Event) -> None:
    existing = session.get(WorkOrder, p.number)
    if existing is not None:
        # A re-release from the ERP replaces the plan; progress recorded so far stays.
        done = {op.seq: op for op in existing.operations}
        session.delete(existing)
        session.flush()
    else:
        done = {}
    ordered = sorted(p.operations, key=lambda o: o.seq)
    operations = []
    for index, spec in enumerate(ordered):
        previous = done.get(spec.seq)
        status = OperationStatus.READY if index == 0 else OperationStatus.WAITING
        operations.append(
            OperationInstance(
                id=operation_id(p.number, spec.seq),
                work_order_number=p.number,
                seq=spec.seq,
                work_center_code=spec.work_center,
                setup_family_code=spec.setup_family,
                description=spec.description,
                setup_minutes=spec.setup_minutes,
                run_minutes=spec.run_minutes,
                qty_good=previous.qty_good if previous else 0.0,
                qty_scrap=previous.qty_scrap if previous else 0.0,
                status=previous.status if previous else status,
                started_at=previous.started_at if previous else None,
                completed_at=previous.completed_at if previous else None,
            )
        )
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
            operations=operations,
            materials=[
                MaterialRequirement(
                    id=f"{p.number}/M{n:03d}",
                    work_order_number=p.number,
                    operation_seq=m.operation_seq,
                    item_code=m.item,
                    quantity=m.quantity,
                    need_at=as_utc(m.need_at),
                    lot_no=m.lot_no,
                )
                for n, m in enumerate(p.materials, start=1)
            ],
        )
    )
