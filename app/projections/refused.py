"""What a refused event would have posted to the ERP, had it been applied.

A server restored from a backup judges again the events the terminals send once more;
one it took before (and whose posting the ERP booked) may be refused now. Its posting
then has no row, but the ERP keeps the document. The ERP writer's reconcile looks
these postings up by the same ids and payloads the reducers give them when applied
(app/projections/execution.py, materials.py), read from the state as it is now.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.events.envelope import Event
from app.events.payloads import MaterialIssued, OperationConfirmed, Payload
from app.model import OperationInstance, WorkOrder
from app.model.types import PostingKind
from app.projections.execution import PlannedPosting, confirmation_postings
from app.projections.materials import issue_posting
from app.projections.registry import find

# The kinds of event whose postings derive from the event's own id. (An exception's
# postings carry keys of the exception, and its lifecycle is judged by other rules.)
POSTING_KINDS = frozenset({OperationConfirmed.KIND, MaterialIssued.KIND})


def would_post(session: Session, payload: Payload, event: Event) -> list[PlannedPosting]:
    """The postings `event` would have made; [] when what it names is gone."""
    if isinstance(payload, OperationConfirmed):
        op = find(session, OperationInstance, payload.operation_id)
        if op is None:
            return []
        order = find(session, WorkOrder, op.work_order_number)
        return confirmation_postings(op, order, payload, event.actor)
    if isinstance(payload, MaterialIssued):
        order = find(session, WorkOrder, payload.work_order)
        if order is None:
            return []
        seq = None
        if payload.operation_id is not None:
            op = find(session, OperationInstance, payload.operation_id)
            seq = op.seq if op is not None and op.work_order_number == order.number else None
        posting = issue_posting(payload, order, seq, event.actor)
        return [(PostingKind.GOODS_MOVEMENT, order.number, posting)]
    return []
