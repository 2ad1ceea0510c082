"""Exceptions: raise (validated, routed, fanned out), acknowledge, work, reassign,
resolve, close, reopen; tasks per function; deadlines checked against a clock."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import authz
from app.authz import require_role
from app.errors import FieldProblem, PermissionDenied, ValidationError
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
    TaskSpec,
    TierSpec,
)
from app.i18n import QT_TR_NOOP, Message, tr
from app.model import (
    ExceptionFact,
    Item,
    Lot,
    OperationInstance,
    ShopException,
    Task,
    User,
    WorkCenter,
    WorkOrder,
)
from app.model.types import (
    Channel,
    ExceptionKind,
    ExceptionStatus,
    Role,
    Severity,
)
from app.routing.escalation import OpenException, due_deadlines, fact_id, ladder_start
from app.routing.resolution import ResolutionValues, load_resolution, resolution_problems
from app.routing.rules import Facts, Rule, Tier, load_rules, route
from app.services.base import Service, Tx
from app.words import word

OPEN = (
    ExceptionStatus.RAISED,
    ExceptionStatus.ACKNOWLEDGED,
    ExceptionStatus.IN_PROGRESS,
    ExceptionStatus.WAITING,
)
DONE = (ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED)


@dataclass(frozen=True)
class NewException:
    """What a form (or a machine, or the ERP) reports; the service checks every field."""

    kind: ExceptionKind
    summary: str
    channel: Channel = Channel.KIOSK
    severity: Severity = Severity.MEDIUM
    work_center: str | None = None
    work_order: str | None = None
    operation_id: str | None = None
    item: str | None = None
    lot_no: str | None = None
    quantity: float | None = None
    note: str | None = None
    details: dict[str, Any] | None = None


# What a kind of exception needs said, by field (whole sentences, for translators).
_NEEDS: dict[ExceptionKind, tuple[tuple[str, Message], ...]] = {
    ExceptionKind.MATERIAL_SHORTAGE: (("item", tr("missing: say which material is short")),),
    ExceptionKind.MACHINE_DOWNTIME: (("work_center", tr("missing: say which machine is down")),),
    ExceptionKind.ORDER_CHANGE: (("work_order", tr("missing: say which order changes")),),
    ExceptionKind.SUBSTITUTE_MATERIAL: (
        ("item", tr("missing: say which material is replaced")),
        ("work_order", tr("missing: say for which order")),
    ),
}


def _required(new: NewException) -> list[FieldProblem]:
    problems = [
        FieldProblem(name, problem)
        for name, problem in _NEEDS.get(new.kind, ())
        if not getattr(new, name)
    ]
    if new.kind is ExceptionKind.QUALITY_HOLD and not (
        new.lot_no or new.item or new.work_order or new.operation_id
    ):
        problems.append(
            FieldProblem("lot_no", tr("missing: name the lot, item, order or operation held"))
        )
    if (
        new.kind is ExceptionKind.MACHINE_DOWNTIME
        and new.channel is not Channel.MACHINE  # a machine's stop asks its operator after
        and not (new.details or {}).get("reason_code")
    ):
        problems.append(FieldProblem("reason_code", tr("missing: pick a downtime reason")))
    if new.kind is ExceptionKind.SUBSTITUTE_MATERIAL and not (new.details or {}).get("substitute"):
        problems.append(
            FieldProblem("substitute", tr("missing: which material is proposed instead"))
        )
    if new.quantity is not None and new.quantity < 0:
        problems.append(FieldProblem("quantity", tr("cannot be negative")))
    if not new.summary.strip():
        problems.append(FieldProblem("summary", tr("missing: say what happened in a few words")))
    return problems


def _check_references(session: Session, new: NewException) -> list[FieldProblem]:
    # (field, the row it names, the word for it in "unknown work center 'X'", the value)
    checks: list[tuple[str, Any, str, str | None]] = [
        ("work_center", WorkCenter, QT_TR_NOOP("work center"), new.work_center),
        ("work_order", WorkOrder, QT_TR_NOOP("work order"), new.work_order),
        ("operation", OperationInstance, QT_TR_NOOP("operation"), new.operation_id),
        ("item", Item, QT_TR_NOOP("item"), new.item),
        ("lot_no", Lot, QT_TR_NOOP("lot"), new.lot_no),
    ]
    substitute = (new.details or {}).get("substitute")
    if substitute:
        checks.append(("substitute", Item, QT_TR_NOOP("substitute"), str(substitute)))
    return [
        FieldProblem(name, tr("unknown {what} {value}", what=word(what), value=repr(value)))
        for name, model, what, value in checks
        if value and session.get(model, value) is None
    ]


class ExceptionService(Service):
    def __init__(
        self,
        *args: Any,
        rules: tuple[Rule, ...] | None = None,
        resolution: ResolutionValues | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(*args, **kw)
        self.rules = rules if rules is not None else load_rules()
        # Root causes and dispositions a resolution may name (resources/routing/resolution.toml).
        self.resolution = resolution if resolution is not None else load_resolution()

    # --- raise ---------------------------------------------------------------------------

    def raise_exception(self, actor: str, new: NewException) -> str:
        """Record, route and fan out an exception; returns its id. Works offline."""
        with self.transaction() as tx:
            return self.raise_in(tx, actor, new)

    def raise_in(
        self,
        tx: Tx,
        actor: str,
        new: NewException,
        *,
        exception_id: str | None = None,
        event_id: str | None = None,
        at: datetime | None = None,
    ) -> str:
        """Raise `new` in the caller's transaction. A machine names the exception and its
        event (the fact's own ids, so two hosts raise it once) and when it happened."""
        problems = _required(new) + _check_references(tx.session, new)
        if problems:
            raise ValidationError(problems)
        facts, new = self._facts(tx.session, new)
        now = at or tx.clock.now()
        routing = route(facts, self.rules, now)
        named = exception_id is not None
        exception_id = exception_id or str(uuid.uuid4())
        tx.emit(
            ExceptionRaised(
                exception_id=exception_id,
                kind=new.kind,
                severity=new.severity,
                channel=new.channel,
                summary=new.summary.strip(),
                note=new.note,
                work_center=new.work_center,
                work_order=new.work_order,
                operation_id=new.operation_id,
                item=new.item,
                lot_no=new.lot_no,
                quantity=new.quantity,
                details=new.details or {},
                rule=routing.rule,
                owner_role=routing.owner_role,
                owner_user=routing.owner_user,
                ack_due=routing.ack_due,
                resolve_due=routing.resolve_due,
                ladder=[
                    TierSpec(after_minutes=t.after.total_seconds() / 60, to_role=t.to_role)
                    for t in routing.ladder
                ],
                tasks=[
                    TaskSpec(
                        # Named after the exception: the same raise names the same tasks.
                        task_id=str(uuid.uuid5(uuid.UUID(exception_id), f"task:{n}"))
                        if named
                        else str(uuid.uuid4()),
                        function=t.function,
                        action=t.action,
                        due_at=routing.resolve_due,
                    )
                    for n, t in enumerate(routing.tasks)
                ],
            ),
            actor,
            event_id=event_id,
            occurred_at=at,
        )
        return exception_id

    def _facts(self, session: Session, new: NewException) -> tuple[Facts, NewException]:
        """Fill in what the context implies (the order of an operation, its work center...)."""
        op = session.get(OperationInstance, new.operation_id) if new.operation_id else None
        work_order = new.work_order or (op.work_order_number if op else None)
        work_center = new.work_center or (op.work_center_code if op else None)
        order = session.get(WorkOrder, work_order) if work_order else None
        wc = session.get(WorkCenter, work_center) if work_center else None
        item = session.get(Item, new.item) if new.item else None
        orders = [order] if order else []
        if new.kind is ExceptionKind.MACHINE_DOWNTIME and work_center:
            orders += list(
                session.scalars(
                    select(WorkOrder)
                    .join(OperationInstance)
                    .where(OperationInstance.work_center_code == work_center)
                    .distinct()
                )
            )
        at_risk = any(o.customer_code is not None and o.commit_at is not None for o in orders)
        facts = Facts(
            kind=new.kind,
            severity=new.severity,
            area=wc.area_code if wc else None,
            work_center=work_center,
            item_class=item.item_class if item else None,
            customer_order_at_risk=at_risk,
        )
        filled = NewException(
            **{**new.__dict__, "work_order": work_order, "work_center": work_center}
        )
        return facts, filled

    # --- lifecycle ------------------------------------------------------------------------

    def _open(self, tx: Tx, exception_id: str) -> ShopException:
        exc = tx.session.get(ShopException, exception_id)
        if exc is None:
            raise ValidationError.one(
                "exception", tr("unknown exception {id}", id=repr(exception_id))
            )
        return exc

    def _require_owner(self, tx: Tx, exc: ShopException, actor: str, action: Message) -> User:
        user = tx.session.get(User, actor)
        if user is None:
            raise PermissionDenied(authz.not_enrolled(actor, action))
        roles = set(user.roles)
        if (
            exc.owner_user_id == actor
            or (exc.owner_role in roles)
            or roles & {Role.SUPERVISOR, Role.MANAGER}
        ):
            return user
        raise PermissionDenied(
            tr(
                "only {owner} or a supervisor may {action}; {name} is neither",
                owner=authz.owner_of(exc),
                action=action,
                name=user.name,
            )
        )

    def acknowledge(self, actor: str, exception_id: str) -> None:
        with self.transaction() as tx:
            exc = self._open(tx, exception_id)
            self._require_owner(tx, exc, actor, tr("acknowledge it"))
            if exc.acknowledged_at is None and exc.status in OPEN:
                tx.emit(ExceptionAcknowledged(exception_id=exception_id), actor)

    def start_work(self, actor: str, exception_id: str, waiting_on: str | None = None) -> None:
        with self.transaction() as tx:
            exc = self._open(tx, exception_id)
            self._require_owner(tx, exc, actor, tr("work on it"))
            if exc.status in DONE:
                raise ValidationError.one("exception", tr("it is resolved; reopen it first"))
            tx.emit(
                ExceptionProgressed(exception_id=exception_id, waiting_on=waiting_on or None), actor
            )

    def reassign(
        self, actor: str, exception_id: str, role: Role, reason: str, user: str | None = None
    ) -> None:
        with self.transaction() as tx:
            exc = self._open(tx, exception_id)
            self._require_owner(tx, exc, actor, tr("reassign it"))
            if exc.status in DONE:
                raise ValidationError.one("exception", tr("it is resolved; reopen it first"))
            if user is not None and tx.session.get(User, user) is None:
                raise ValidationError.one("user", tr("unknown user {user}", user=repr(user)))
            if (role, user) == (exc.owner_role, exc.owner_user_id):
                raise ValidationError.one("owner_role", tr("it already belongs there"))
            tx.emit(
                ExceptionReassigned(
                    exception_id=exception_id, owner_role=role, owner_user=user, reason=reason
                ),
                actor,
            )

    def resolve(
        self,
        actor: str,
        exception_id: str,
        *,
        decision: str,
        root_cause: str,
        note: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Resolve with a decision, a root cause (and a disposition for a quality hold)
        from the plant's lists. Its tasks still open are closed with it (the reducer does
        it, so every terminal agrees; reopening opens them again)."""
        with self.transaction() as tx:
            exc = self._open(tx, exception_id)
            if exc.kind in (ExceptionKind.QUALITY_HOLD, ExceptionKind.SUBSTITUTE_MATERIAL):
                # Releasing held material or approving a substitute is quality's call alone.
                require_role(tx.session, actor, Role.QUALITY, action=tr("decide this"))
            else:
                self._require_owner(tx, exc, actor, tr("resolve it"))
            if exc.status in DONE:
                raise ValidationError.one("exception", tr("it is already resolved"))
            problems = []
            if len(decision.strip()) < 2:
                problems.append(
                    FieldProblem("decision", tr("missing: say what was decided and done"))
                )
            problems += resolution_problems(self.resolution, exc.kind, root_cause, details or {})
            if problems:
                raise ValidationError(problems)
            tx.emit(
                ExceptionResolved(
                    exception_id=exception_id,
                    decision=decision.strip(),
                    root_cause=root_cause,
                    note=note,
                    details=details or {},
                ),
                actor,
            )

    def close(self, actor: str, exception_id: str) -> None:
        with self.transaction() as tx:
            exc = self._open(tx, exception_id)
            self._require_owner(tx, exc, actor, tr("close it"))
            if exc.status is not ExceptionStatus.RESOLVED:
                raise ValidationError.one(
                    "exception", tr("only a resolved exception can be closed")
                )
            tx.emit(ExceptionClosed(exception_id=exception_id), actor)

    def reopen(self, actor: str, exception_id: str, reason: str) -> None:
        with self.transaction() as tx:
            exc = self._open(tx, exception_id)
            self._require_owner(tx, exc, actor, tr("reopen it"))
            if exc.status not in DONE:
                raise ValidationError.one("exception", tr("it is still open"))
            tx.emit(ExceptionReopened(exception_id=exception_id, reason=reason), actor)

    # --- tasks ------------------------------------------------------------------------------

    def _task(self, tx: Tx, actor: str, task_id: str, action: Message) -> Task:
        task = tx.session.get(Task, task_id)
        if task is None:
            raise ValidationError.one("task", tr("unknown task {id}", id=repr(task_id)))
        require_role(tx.session, actor, task.function, Role.SUPERVISOR, action=action)
        return task

    def acknowledge_task(self, actor: str, task_id: str) -> None:
        with self.transaction() as tx:
            task = self._task(tx, actor, task_id, tr("acknowledge this task"))
            if task.acknowledged_at is None:
                tx.emit(TaskAcknowledged(task_id=task_id), actor)

    def finish_task(self, actor: str, task_id: str, note: str | None = None) -> None:
        with self.transaction() as tx:
            self._task(tx, actor, task_id, tr("finish this task"))
            tx.emit(TaskDone(task_id=task_id, note=note), actor)

    # --- deadlines ------------------------------------------------------------------------

    def check_deadlines(self, actor: str = "system") -> int:
        """Record every SLA breach and escalation tier whose time has come; returns how many.

        A fact is recorded once: running this again records nothing new, and when the
        server (or another terminal) recorded the same tier first, this terminal's event
        is stored as redundant wherever the two meet. Event ids are derived from the
        exception, the fact and the terminal, so a retry never makes a second event.
        """
        now = self.clock.now()
        recorded = 0
        with self.transaction() as tx:
            if not authz.is_authority(tx.session):
                # A terminal with a server shows countdowns; the server's clock decides.
                return 0
            for exc in tx.session.scalars(
                select(ShopException).where(ShopException.status.in_(OPEN))
            ):
                for deadline in due_deadlines(self._open_view(tx, exc), now):
                    tx.emit(
                        ExceptionDeadlinePassed(
                            exception_id=exc.id,
                            fact=deadline.fact,
                            due_at=deadline.due_at,
                            to_role=Role(deadline.to_role) if deadline.to_role else None,
                        ),
                        actor,
                        event_id=fact_id(exc.id, f"{deadline.fact}@{tx.terminal_id}"),
                    )
                    recorded += 1
        return recorded

    def _open_view(self, tx: Tx, exc: ShopException) -> OpenException:
        facts = frozenset(
            tx.session.scalars(
                select(ExceptionFact.fact).where(ExceptionFact.exception_id == exc.id)
            )
        )
        tiers = tuple(
            Tier(after=timedelta(minutes=t["after_minutes"]), to_role=Role(t["to_role"]))
            for t in exc.ladder.get("tiers", [])
        )
        assert exc.ack_due is not None
        assert exc.resolve_due is not None
        return OpenException(
            id=exc.id,
            raised_at=ladder_start(exc.ladder, exc.raised_at),
            ack_due=exc.ack_due,
            resolve_due=exc.resolve_due,
            acknowledged=exc.acknowledged_at is not None,
            resolved=exc.status in DONE,
            ladder=tiers,
            facts_recorded=facts,
        )


def open_for(session: Session, user: User, now: datetime) -> list[ShopException]:
    """An inbox: open exceptions the user or one of their roles owns, earliest deadline first."""
    roles = list(user.roles)
    rows = session.scalars(
        select(ShopException).where(
            ShopException.status.in_(OPEN),
            (ShopException.owner_user_id == user.id) | ShopException.owner_role.in_(roles),
        )
    ).all()
    return sorted(
        rows, key=lambda e: (e.ack_due if e.acknowledged_at is None else e.resolve_due) or now
    )
