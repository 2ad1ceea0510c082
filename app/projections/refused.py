"""What a refused event would have posted to the ERP, had it been applied.

A server restored from a backup judges again the events the terminals send once more;
one it took before (and whose posting the ERP booked) may be refused now. Its posting
then has no row, but the ERP keeps the document. The ERP writer's reconcile looks
these postings up by the same ids and payloads the reducers give them when applied
(app/projections/execution.py, materials.py, exceptions.py), read from the state as it
is now.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.clock import iso
from app.events.envelope import Event
from app.events.payloads import (
    ExceptionRaised,
    ExceptionResolved,
    MaterialIssued,
    OperationConfirmed,
    Payload,
)
from app.model import OperationInstance, ShopException, WorkOrder
from app.model.types import ExceptionKind, PostingKind
from app.projections.exceptions import (
    hold_key,
    hold_posting,
    release_posting,
    scrap_key,
    scrap_posting,
)
from app.projections.execution import confirmation_postings, posting_id
from app.projections.materials import issue_posting
from app.projections.registry import find

# The kinds of event whose postings this knows. (A machine's downtime ended is not sent
# again after a restore: only terminals' events are.)
POSTING_KINDS = frozenset(
    {OperationConfirmed.KIND, MaterialIssued.KIND, ExceptionRaised.KIND, ExceptionResolved.KIND}
)

# A posting an event would have made: its id, kind, work order and payload.
WouldPost = tuple[str, PostingKind, str | None, dict[str, Any]]


def would_post(session: Session, payload: Payload, event: Event) -> list[WouldPost]:
    """The postings `event` would have made. When what it names is gone (a restore lost
    the ERP's import that brought its work order or step), the ones it made when it was
    applied, said as far as the event alone says them: looked up by reference, only
    their ids must be right."""
    if isinstance(payload, OperationConfirmed):
        op = find(session, OperationInstance, payload.operation_id)
        if op is None:
            return _gone_confirmation(payload, event)
        order = find(session, WorkOrder, op.work_order_number)
        return [
            (posting_id(event.id, kind), kind, work_order, data)
            for kind, work_order, data in confirmation_postings(op, order, payload, event.actor)
        ]
    if isinstance(payload, MaterialIssued):
        order = find(session, WorkOrder, payload.work_order)
        if order is None:
            return _gone_issue(payload, event)
        seq = None
        if payload.operation_id is not None:
            op = find(session, OperationInstance, payload.operation_id)
            seq = op.seq if op is not None and op.work_order_number == order.number else None
        posting = issue_posting(payload, order, seq, event.actor)
        kind = PostingKind.GOODS_MOVEMENT
        return [(posting_id(event.id, kind), kind, order.number, posting)]
    if isinstance(payload, ExceptionRaised) and payload.kind is ExceptionKind.QUALITY_HOLD:
        # A hold's posting is keyed by its exception (its release names it), and says
        # only what the raise says: as exception_raised builds it.
        kind = PostingKind.QUALITY_EVENT
        hold = hold_posting(payload)
        return [(posting_id(hold_key(payload.exception_id), kind), kind, payload.work_order, hold)]
    if isinstance(payload, ExceptionResolved):
        return _resolution(find(session, ShopException, payload.exception_id), payload, event)
    return []


def _resolution(exc: ShopException | None, p: ExceptionResolved, event: Event) -> list[WouldPost]:
    """What a resolution posts (exceptions._post_outcome): a downtime's stop, a hold's
    release and scrap. Its exception may be unknown to a restored server (its raise sent
    again after the resolution, by another terminal): then both kinds are looked up."""
    kind = exc.kind if exc is not None else None
    work_order = exc.work_order_number if exc is not None else None
    found: list[WouldPost] = []
    if kind is None or (kind is ExceptionKind.MACHINE_DOWNTIME and exc and exc.work_center_code):
        downtime: dict[str, object] = {
            "work_center": exc.work_center_code if exc is not None else None,
            "started_at": str(exc.details.get("stopped_at") or iso(exc.raised_at))
            if exc is not None
            else None,
            "ended_at": iso(event.occurred_at),
            "reason": str(exc.details.get("reason_code") or exc.summary)
            if exc is not None
            else None,
            "note": p.decision,
        }
        found.append(
            (posting_id(event.id, PostingKind.DOWNTIME), PostingKind.DOWNTIME, None, downtime)
        )
    if kind in (None, ExceptionKind.QUALITY_HOLD):
        disposition = p.details.get("disposition")
        release = release_posting(p.exception_id, disposition, p.decision)
        qk = PostingKind.QUALITY_EVENT
        found.append((posting_id(event.id, qk), qk, work_order, release))
        if disposition == "scrap" and (exc is None or (exc.item_code and exc.quantity)):
            gk = PostingKind.GOODS_MOVEMENT
            found.append(
                (posting_id(scrap_key(p.exception_id), gk), gk, work_order, scrap_posting(exc))
            )
    return found


def _split(operation_id: str | None) -> tuple[str | None, int | None]:
    """An operation id's work order and step ("<work order>/<seq>", orders.operation_id)."""
    if not operation_id or "/" not in operation_id:
        return None, None
    number, _, seq = operation_id.rpartition("/")
    return number, int(seq) if seq.isdigit() else None


def _gone_confirmation(p: OperationConfirmed, event: Event) -> list[WouldPost]:
    number, seq = _split(p.operation_id)
    confirmation: dict[str, object] = {
        "work_order": number,
        "erp_ref": None,
        "operation_seq": seq,
        "good": p.good,
        "scrap": p.scrap,
        "final": p.final,
        "confirmed_by": event.actor,
        "started_at": None,
        "last_operation": None,
    }
    kind = PostingKind.CONFIRMATION
    found: list[WouldPost] = [(posting_id(event.id, kind), kind, number, confirmation)]
    if p.scrap > 0:
        # Its order existed when it was applied: the scrap went out as its own movement.
        scrap: dict[str, object] = {
            "erp_kind": "scrap",
            "item": None,
            "qty": p.scrap,
            "work_order": number,
            "erp_ref": None,
            "reason": f"scrap at operation {seq}",
        }
        kind = PostingKind.GOODS_MOVEMENT
        found.append((posting_id(event.id, kind), kind, number, scrap))
    return found


def _gone_issue(p: MaterialIssued, event: Event) -> list[WouldPost]:
    number, seq = _split(p.operation_id)
    issue: dict[str, object] = {
        "erp_kind": "goods_issue",
        "item": p.item,
        "qty": p.qty,
        "lot": p.lot,
        "location": p.location,
        "work_order": p.work_order,
        "erp_ref": None,
        "operation_seq": seq if number == p.work_order else None,
        "issued_by": event.actor,
    }
    kind = PostingKind.GOODS_MOVEMENT
    return [(posting_id(event.id, kind), kind, p.work_order, issue)]
