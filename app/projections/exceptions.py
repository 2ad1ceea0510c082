"""Reducers for exceptions and their tasks, including what they do to the board."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.clock import iso
from app.errors import Rejected
from app.events import servertime
from app.events.envelope import Event
from app.events.payloads import (
    ExceptionAcknowledged,
    ExceptionClosed,
    ExceptionDeadlinePassed,
    ExceptionProgressed,
    ExceptionRaised,
    ExceptionReassigned,
    ExceptionReopened,
    ExceptionResolved,
    TaskAcknowledged,
    TaskDone,
)
from app.i18n import QT_TR_NOOP, Message, tr
from app.model import (
    ExceptionFact,
    Hold,
    Item,
    MaterialRequirement,
    OperationInstance,
    ShopException,
    Task,
    User,
    WorkCenter,
    WorkOrder,
)
from app.model.types import (
    ExceptionKind,
    ExceptionStatus,
    HoldScope,
    MachineState,
    OperationStatus,
    PostingKind,
    TaskStatus,
)
from app.projections.execution import add_posting, posting_id
from app.projections.intake import check_raised_from
from app.projections.registry import existing, find, new_row, reduces
from app.routing.escalation import LADDER_START
from app.routing.resolution import load_resolution, resolution_problems
from app.words import state, word

# The note of a task closed because its exception was resolved (reopening opens it again).
CLOSED_WITH_EXCEPTION = "closed with the exception"


def hold_target(exc: ShopException) -> tuple[HoldScope, str] | None:
    """What a quality hold holds: the most specific thing it names."""
    for scope, key in (
        (HoldScope.OPERATION, exc.operation_id),
        (HoldScope.LOT, exc.lot_no),
        (HoldScope.WORK_ORDER, exc.work_order_number),
        (HoldScope.ITEM, exc.item_code),
    ):
        if key:
            return scope, key
    return None


def _constrain(session: Session, exc: ShopException, event: Event) -> None:
    """Put the exception's constraint on the board (downtime, quality hold)."""
    if exc.kind is ExceptionKind.MACHINE_DOWNTIME and exc.work_center_code:
        wc = session.get(WorkCenter, exc.work_center_code)
        if wc is not None:
            wc.machine_state = MachineState.DOWN
            wc.machine_reason = exc.summary
            wc.machine_since = event.occurred_at
    elif exc.kind is ExceptionKind.QUALITY_HOLD and (target := hold_target(exc)):
        hold = session.get(Hold, exc.id)
        if hold is None:
            session.add(
                Hold(
                    id=exc.id,
                    scope=target[0],
                    key=target[1],
                    reason=exc.summary,
                    placed_by=event.actor,
                    placed_at=event.occurred_at,
                )
            )
        else:
            hold.released_at = hold.released_by = hold.release_note = None


def _release(session: Session, exc: ShopException, event: Event, note: str) -> None:
    if exc.kind is ExceptionKind.MACHINE_DOWNTIME and exc.work_center_code:
        wc = session.get(WorkCenter, exc.work_center_code)
        if wc is not None and wc.machine_state is MachineState.DOWN:
            running = session.scalar(
                select(OperationInstance.id).where(
                    OperationInstance.work_center_code == wc.code,
                    OperationInstance.status == OperationStatus.RUNNING,
                )
            )
            wc.machine_state = MachineState.RUNNING if running else MachineState.IDLE
            wc.machine_reason = None
            wc.machine_since = event.occurred_at
    elif exc.kind is ExceptionKind.QUALITY_HOLD:
        hold = session.get(Hold, exc.id)
        if hold is not None and hold.released_at is None:
            hold.released_at = event.occurred_at
            hold.released_by = event.actor
            hold.release_note = note


def hold_key(exception_id: str) -> str:
    return f"quality-hold:{exception_id}"


def scrap_key(exception_id: str) -> str:
    return f"scrap:{exception_id}"


# What the ERP is sent for a hold, its release and its scrap: built from what the events
# say, so that reconcile (app.projections.refused) builds the same for a refused one.


def hold_posting(p: ExceptionRaised) -> dict[str, Any]:
    return {
        "erp_kind": "quality_hold",
        "subject": p.summary,
        "details": p.note or p.summary,
        "work_order": p.work_order,
        "item": p.item,
        "lot": p.lot_no,
        "qty": p.quantity,
    }


def release_posting(exception_id: str, disposition: Any, decision: str) -> dict[str, Any]:
    return {
        "erp_kind": "quality_release",
        "hold_reference": posting_id(hold_key(exception_id), PostingKind.QUALITY_EVENT),
        "disposition": disposition,
        "note": f"{disposition.replace('_', ' ')}: {decision}"
        if isinstance(disposition, str)
        else decision,
    }


def scrap_posting(exc: ShopException | None) -> dict[str, Any]:
    """Scrapped held material; what is known of it when its exception is gone."""
    return {
        "erp_kind": "scrap",
        "item": exc.item_code if exc is not None else None,
        "qty": exc.quantity if exc is not None else None,
        "lot": exc.lot_no if exc is not None else None,
        "work_order": exc.work_order_number if exc is not None else None,
        "reason": f"quality hold scrapped: {exc.summary}" if exc is not None else None,
    }


def _post_outcome(session: Session, exc: ShopException, event: Event, decision: str) -> None:
    """What the ERP learns when an exception is resolved: the stop, or the hold's release."""
    if exc.kind is ExceptionKind.MACHINE_DOWNTIME and exc.work_center_code:
        add_posting(
            session,
            event,
            PostingKind.DOWNTIME,
            None,
            {
                "work_center": exc.work_center_code,
                # A machine's downtime says when it stopped and ran again (its raise
                # waited for the micro-stop threshold); a person's starts at the raise.
                "started_at": str(exc.details.get("stopped_at") or iso(exc.raised_at)),
                "ended_at": iso(exc.resolved_at or event.occurred_at),
                "reason": str(exc.details.get("reason_code") or exc.summary),
                "note": decision,
            },
        )
    elif exc.kind is ExceptionKind.QUALITY_HOLD:
        # The disposition is the nonconformance's outcome: the ERP's record says it.
        disposition = exc.details.get("disposition")
        add_posting(
            session,
            event,
            PostingKind.QUALITY_EVENT,
            exc.work_order_number,
            release_posting(exc.id, disposition, decision),
        )
        if disposition == "scrap" and exc.item_code and exc.quantity:
            # Scrapped held material leaves stock as its own goods movement.
            add_posting(
                session,
                event,
                PostingKind.GOODS_MOVEMENT,
                exc.work_order_number,
                scrap_posting(exc),
                key=scrap_key(exc.id),
            )


# The rows a raise names, each with the word for it in "work center X is unknown".
_NAMED: tuple[tuple[str, type[Any], str], ...] = (
    ("work_center", WorkCenter, QT_TR_NOOP("work center")),
    ("work_order", WorkOrder, QT_TR_NOOP("work order")),
    ("operation_id", OperationInstance, QT_TR_NOOP("operation")),
    ("item", Item, QT_TR_NOOP("item")),
    ("owner_user", User, QT_TR_NOOP("owner")),
)


def _check_named_rows(session: Session, p: ExceptionRaised) -> None:
    """Reject a raise naming a row this database lacks, saying which: the terminal
    checked them against its own copy, which can know a work order or an operation that
    this server does not (a restore, an import that ran on one side only). Without the
    check the insert fails on the foreign key, a reason that names nothing. A push has
    these rows loaded up front (app.projections.prefetch), so a lookup costs nothing."""
    for field, model, what in _NAMED:
        key = getattr(p, field)
        if key is not None:
            existing(session, model, key, what)


@reduces(ExceptionRaised)
def exception_raised(session: Session, p: ExceptionRaised, event: Event) -> None:
    if (message_id := p.details.get("message_id")) is not None:
        check_raised_from(session, message_id, p.exception_id)
    _check_named_rows(session, p)
    # The terminal routed it by its own clock; its deadlines count on the server's.
    shift = servertime.correction(session, event)
    # Built as new_row does: a raise is the hottest reducer of a push, and the mapped
    # constructor's per-attribute bookkeeping was a quarter of its cost.
    exc = new_row(
        ShopException,
        id=p.exception_id,
        kind=p.kind,
        status=ExceptionStatus.RAISED,
        severity=p.severity,
        channel=p.channel,
        summary=p.summary,
        note=p.note,
        work_center_code=p.work_center,
        work_order_number=p.work_order,
        operation_id=p.operation_id,
        item_code=p.item,
        lot_no=p.lot_no,
        quantity=p.quantity,
        details=dict(p.details),
        raised_by=event.actor,
        raised_at=event.occurred_at,
        owner_role=p.owner_role,
        owner_user_id=p.owner_user,
        rule=p.rule,
        ack_due=p.ack_due + shift,
        resolve_due=p.resolve_due + shift,
        ladder={
            LADDER_START: iso(event.occurred_at + shift),
            "tiers": [t.model_dump(mode="json") for t in p.ladder],
        },
        # Set, not left to the columns' defaults: with every server-defaulted column
        # given, a flush inserts a batch of exceptions as one plain executemany rather
        # than rendering one huge multi-row INSERT to fetch defaults it already knows
        # (and with every default given, no row has a default to evaluate and copy back).
        reassignments=0,
        reopened=0,
        escalation_tier=0,
    )
    # Its tasks as the collection's loaded value: assigning a list to a new row's
    # collection fires an event per task for history no INSERT needs. Adding the row
    # still cascades to them, and the flush inserts them after it (their foreign key).
    set_committed_value(
        exc,
        "tasks",
        [
            new_row(
                Task,
                id=t.task_id,
                exception_id=p.exception_id,
                function=t.function,
                action=t.action,
                status=TaskStatus.OPEN,
                created_at=event.occurred_at,
                due_at=t.due_at + shift if t.due_at is not None else None,
            )
            for t in p.tasks
        ],
    )
    session.add(exc)
    _constrain(session, exc, event)
    if exc.kind is ExceptionKind.QUALITY_HOLD:
        add_posting(
            session,
            event,
            PostingKind.QUALITY_EVENT,
            exc.work_order_number,
            hold_posting(p),
            key=hold_key(exc.id),
        )


def settle(
    session: Session,
    exc: ShopException,
    event: Event,
    *,
    decision: str,
    root_cause: str | None,
    details: dict[str, Any],
    at: datetime | None = None,
) -> None:
    """Resolve `exc`: its decision recorded, its constraint released, the ERP told, its
    open tasks closed with it. `at`: when it ended, if not when the event happened (a
    machine's own timestamp)."""
    exc.status = ExceptionStatus.RESOLVED
    exc.decision = decision
    exc.root_cause = root_cause
    exc.resolved_at = at or event.occurred_at
    exc.resolved_by = event.actor
    exc.details = {**exc.details, **details}
    _release(session, exc, event, decision)
    _post_outcome(session, exc, event, decision)
    # Nothing is left to do for its open tasks: they close with it, recorded as such.
    for task in exc.tasks:
        if task.status in (TaskStatus.OPEN, TaskStatus.ACKNOWLEDGED):
            task.status = TaskStatus.CANCELLED
            task.done_at = event.occurred_at
            task.done_by = event.actor
            task.note = CLOSED_WITH_EXCEPTION


# The fields a resolution names, as its refusal says them.
_FIELD_WORDS = {"root_cause": QT_TR_NOOP("root cause"), "disposition": QT_TR_NOOP("disposition")}


def _not_done(exc: ShopException, doing: Message) -> None:
    if exc.status in (ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED):
        raise Rejected(
            tr(
                "cannot {doing}: exception {exception} was resolved by {by} at {at} UTC",
                doing=doing,
                exception=exc.id,
                by=exc.resolved_by,
                at=f"{exc.resolved_at:%Y-%m-%d %H:%M}",
            )
            if exc.resolved_at
            else tr(
                "cannot {doing}: exception {exception} is {status}",
                doing=doing,
                exception=exc.id,
                status=state(exc.status),
            )
        )


@reduces(ExceptionAcknowledged)
def exception_acknowledged(session: Session, p: ExceptionAcknowledged, event: Event) -> None:
    exc = existing(session, ShopException, p.exception_id, QT_TR_NOOP("exception"))
    if exc.acknowledged_at is not None:
        raise Rejected(tr("already acknowledged by {by}", by=exc.acknowledged_by), redundant=True)
    exc.acknowledged_at = event.occurred_at
    exc.acknowledged_by = event.actor
    if exc.status is ExceptionStatus.RAISED:
        exc.status = ExceptionStatus.ACKNOWLEDGED


@reduces(ExceptionProgressed)
def exception_progressed(session: Session, p: ExceptionProgressed, event: Event) -> None:
    exc = existing(session, ShopException, p.exception_id, QT_TR_NOOP("exception"))
    _not_done(exc, tr("work on it"))
    if exc.acknowledged_at is None:
        exc.acknowledged_at = event.occurred_at
        exc.acknowledged_by = event.actor
    exc.status = ExceptionStatus.WAITING if p.waiting_on else ExceptionStatus.IN_PROGRESS
    exc.waiting_on = p.waiting_on


@reduces(ExceptionReassigned)
def exception_reassigned(session: Session, p: ExceptionReassigned, _: Event) -> None:
    exc = existing(session, ShopException, p.exception_id, QT_TR_NOOP("exception"))
    _not_done(exc, tr("reassign it"))
    exc.owner_role = p.owner_role
    exc.owner_user_id = p.owner_user
    exc.reassignments += 1


@reduces(ExceptionResolved)
def exception_resolved(session: Session, p: ExceptionResolved, event: Event) -> None:
    exc = existing(session, ShopException, p.exception_id, QT_TR_NOOP("exception"))
    _not_done(exc, tr("resolve it"))
    for problem in resolution_problems(
        load_resolution(), exc.kind, p.root_cause, p.details, require_disposition=False
    ):
        raise Rejected(
            tr(
                "{field}: {problem}",
                field=word(_FIELD_WORDS.get(problem.field, problem.field.replace("_", " "))),
                problem=problem.problem,
            )
        )
    if p.note:
        exc.note = f"{exc.note}\n{p.note}" if exc.note else p.note
    settle(session, exc, event, decision=p.decision, root_cause=p.root_cause, details=p.details)
    substitute = p.details.get("substitute")
    if (
        exc.kind is ExceptionKind.SUBSTITUTE_MATERIAL
        and p.details.get("approved") is True
        and isinstance(substitute, str)
        and exc.work_order_number
        and exc.item_code
    ):
        for req in session.scalars(
            select(MaterialRequirement).where(
                MaterialRequirement.work_order_number == exc.work_order_number,
                MaterialRequirement.item_code == exc.item_code,
            )
        ):
            req.substitute_for = req.item_code
            req.item_code = substitute
            req.substitute_approved_by = event.actor
            req.lot_no = None


@reduces(ExceptionClosed)
def exception_closed(session: Session, p: ExceptionClosed, event: Event) -> None:
    exc = existing(session, ShopException, p.exception_id, QT_TR_NOOP("exception"))
    if exc.status is ExceptionStatus.CLOSED:
        raise Rejected(
            tr("exception {exception} is already closed", exception=exc.id), redundant=True
        )
    if exc.status is not ExceptionStatus.RESOLVED:
        raise Rejected(
            tr(
                "cannot close exception {exception}: it is {status}, not resolved",
                exception=exc.id,
                status=state(exc.status),
            )
        )
    exc.status = ExceptionStatus.CLOSED
    exc.closed_at = event.occurred_at


@reduces(ExceptionReopened)
def exception_reopened(session: Session, p: ExceptionReopened, event: Event) -> None:
    exc = existing(session, ShopException, p.exception_id, QT_TR_NOOP("exception"))
    if exc.status not in (ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED):
        raise Rejected(
            tr(
                "cannot reopen exception {exception}: it is {status}",
                exception=exc.id,
                status=state(exc.status),
            )
        )
    exc.status = ExceptionStatus.IN_PROGRESS
    exc.reopened += 1
    exc.resolved_at = exc.closed_at = None
    exc.note = f"{exc.note}\nReopened: {p.reason}" if exc.note else f"Reopened: {p.reason}"
    for task in exc.tasks:  # what was closed with it is to do again
        if task.status is TaskStatus.CANCELLED and task.note == CLOSED_WITH_EXCEPTION:
            task.status = TaskStatus.ACKNOWLEDGED if task.acknowledged_at else TaskStatus.OPEN
            task.done_at = task.done_by = task.note = None
    _constrain(session, exc, event)


@reduces(ExceptionDeadlinePassed)
def exception_deadline_passed(session: Session, p: ExceptionDeadlinePassed, event: Event) -> None:
    exc = existing(session, ShopException, p.exception_id, QT_TR_NOOP("exception"))
    if find(session, ExceptionFact, (p.exception_id, p.fact)) is not None:
        raise Rejected(
            tr(
                "{fact} of exception {exception} is already recorded",
                fact=p.fact,
                exception=exc.id,
            ),
            redundant=True,
        )
    session.add(
        ExceptionFact(
            exception_id=p.exception_id,
            fact=p.fact,
            due_at=p.due_at,
            recorded_at=event.occurred_at,
            to_role=p.to_role,
        )
    )
    if p.fact.startswith("escalation:"):
        exc.escalation_tier = max(exc.escalation_tier, int(p.fact.split(":")[1]))


@reduces(TaskAcknowledged)
def task_acknowledged(session: Session, p: TaskAcknowledged, event: Event) -> None:
    task = existing(session, Task, p.task_id, QT_TR_NOOP("task"))
    if task.status is not TaskStatus.OPEN:
        raise Rejected(
            tr("task {task} is already {status}", task=task.id, status=state(task.status)),
            redundant=True,
        )
    task.status = TaskStatus.ACKNOWLEDGED
    task.acknowledged_at = event.occurred_at
    task.acknowledged_by = event.actor


@reduces(TaskDone)
def task_done(session: Session, p: TaskDone, event: Event) -> None:
    task = existing(session, Task, p.task_id, QT_TR_NOOP("task"))
    if task.status is TaskStatus.DONE:
        raise Rejected(
            tr("task {task} was already done by {by}", task=task.id, by=task.done_by),
            redundant=True,
        )
    if task.acknowledged_at is None:
        task.acknowledged_at = event.occurred_at
        task.acknowledged_by = event.actor
    task.status = TaskStatus.DONE
    task.done_at = event.occurred_at
    task.done_by = event.actor
    task.note = p.note
