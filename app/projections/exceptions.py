"""Reducers for exceptions and their tasks, including what they do to the board."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

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
from app.model import (
    ExceptionFact,
    Hold,
    MaterialRequirement,
    OperationInstance,
    ShopException,
    Task,
    WorkCenter,
)
from app.model.types import (
    ExceptionKind,
    ExceptionStatus,
    HoldScope,
    MachineState,
    OperationStatus,
    TaskStatus,
)
from app.projections.registry import reduces


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


@reduces(ExceptionRaised)
def exception_raised(session: Session, p: ExceptionRaised, event: Event) -> None:
    exc = ShopException(
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
        ack_due=p.ack_due,
        resolve_due=p.resolve_due,
        ladder={"tiers": [t.model_dump(mode="json") for t in p.ladder]},
        tasks=[
            Task(
                id=t.task_id,
                exception_id=p.exception_id,
                function=t.function,
                action=t.action,
                status=TaskStatus.OPEN,
                created_at=event.occurred_at,
                due_at=t.due_at,
            )
            for t in p.tasks
        ],
    )
    session.add(exc)
    _constrain(session, exc, event)


def _exception(session: Session, exception_id: str) -> ShopException | None:
    return session.get(ShopException, exception_id)


@reduces(ExceptionAcknowledged)
def exception_acknowledged(session: Session, p: ExceptionAcknowledged, event: Event) -> None:
    exc = _exception(session, p.exception_id)
    if exc is None or exc.acknowledged_at is not None:
        return
    exc.acknowledged_at = event.occurred_at
    exc.acknowledged_by = event.actor
    if exc.status is ExceptionStatus.RAISED:
        exc.status = ExceptionStatus.ACKNOWLEDGED


@reduces(ExceptionProgressed)
def exception_progressed(session: Session, p: ExceptionProgressed, event: Event) -> None:
    exc = _exception(session, p.exception_id)
    if exc is None or exc.status in (ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED):
        return
    if exc.acknowledged_at is None:
        exc.acknowledged_at = event.occurred_at
        exc.acknowledged_by = event.actor
    exc.status = ExceptionStatus.WAITING if p.waiting_on else ExceptionStatus.IN_PROGRESS
    exc.waiting_on = p.waiting_on


@reduces(ExceptionReassigned)
def exception_reassigned(session: Session, p: ExceptionReassigned, _: Event) -> None:
    exc = _exception(session, p.exception_id)
    if exc is None:
        return
    exc.owner_role = p.owner_role
    exc.owner_user_id = p.owner_user
    exc.reassignments += 1


@reduces(ExceptionResolved)
def exception_resolved(session: Session, p: ExceptionResolved, event: Event) -> None:
    exc = _exception(session, p.exception_id)
    if exc is None or exc.status in (ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED):
        return
    exc.status = ExceptionStatus.RESOLVED
    exc.decision = p.decision
    exc.root_cause = p.root_cause
    exc.resolved_at = event.occurred_at
    exc.resolved_by = event.actor
    if p.note:
        exc.note = f"{exc.note}\n{p.note}" if exc.note else p.note
    exc.details = {**exc.details, **p.details}
    _release(session, exc, event, p.decision)
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
    exc = _exception(session, p.exception_id)
    if exc is not None and exc.status is ExceptionStatus.RESOLVED:
        exc.status = ExceptionStatus.CLOSED
        exc.closed_at = event.occurred_at


@reduces(ExceptionReopened)
def exception_reopened(session: Session, p: ExceptionReopened, event: Event) -> None:
    exc = _exception(session, p.exception_id)
    if exc is None or exc.status not in (ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED):
        return
    exc.status = ExceptionStatus.IN_PROGRESS
    exc.reopened += 1
    exc.resolved_at = exc.closed_at = None
    exc.note = f"{exc.note}\nReopened: {p.reason}" if exc.note else f"Reopened: {p.reason}"
    _constrain(session, exc, event)


@reduces(ExceptionDeadlinePassed)
def exception_deadline_passed(session: Session, p: ExceptionDeadlinePassed, event: Event) -> None:
    exc = _exception(session, p.exception_id)
    if exc is None or session.get(ExceptionFact, (p.exception_id, p.fact)) is not None:
        return
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
    task = session.get(Task, p.task_id)
    if task is not None and task.status is TaskStatus.OPEN:
        task.status = TaskStatus.ACKNOWLEDGED
        task.acknowledged_at = event.occurred_at
        task.acknowledged_by = event.actor


@reduces(TaskDone)
def task_done(session: Session, p: TaskDone, event: Event) -> None:
    task = session.get(Task, p.task_id)
    if task is not None and task.status is not TaskStatus.DONE:
        if task.acknowledged_at is None:
            task.acknowledged_at = event.occurred_at
            task.acknowledged_by = event.actor
        task.status = TaskStatus.DONE
        task.done_at = event.occurred_at
        task.done_by = event.actor
        task.note = p.note
