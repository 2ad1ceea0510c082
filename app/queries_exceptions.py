"""Read side of the exception screens: capture context, scans, inbox rows, history.

Plain frozen data read in one short session on the database lane; no Qt here. The
screens never touch a mapped object: everything they show is copied out here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.events import servertime
from app.model import (
    EventRecord,
    ExceptionFact,
    Item,
    Lot,
    MaterialRequirement,
    OperationInstance,
    ShopException,
    Task,
    User,
    WorkOrder,
)
from app.model.types import (
    Channel,
    ExceptionKind,
    ExceptionStatus,
    Role,
    Severity,
    TaskStatus,
)
from app.projections.exceptions import CLOSED_WITH_EXCEPTION
from app.queries import people_names
from app.services.exceptions import OPEN

OPEN_TASK = (TaskStatus.OPEN, TaskStatus.ACKNOWLEDGED)

# --- capture ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderMaterial:
    """One material an order needs, as a capture form offers it."""

    item: str
    name: str
    quantity: float
    lot_no: str | None = None


@dataclass(frozen=True)
class CaptureContext:
    """What a capture form starts from: where, which job, which materials."""

    work_center: str | None
    operation_id: str | None = None
    work_order: str | None = None
    product: str | None = None  # the item the order makes
    product_name: str = ""
    materials: tuple[OrderMaterial, ...] = ()


def capture_context(
    session: Session,
    work_center: str | None,
    operation_id: str | None = None,
    work_order: str | None = None,
) -> CaptureContext:
    op = session.get(OperationInstance, operation_id) if operation_id else None
    number = work_order or (op.work_order_number if op else None)
    order = session.get(WorkOrder, number) if number else None
    if order is None:
        return CaptureContext(work_center=work_center, operation_id=op.id if op else None)
    names = {code: name for code, name in session.execute(select(Item.code, Item.name))}
    requirements = session.scalars(
        select(MaterialRequirement)
        .where(MaterialRequirement.work_order_number == order.number)
        .order_by(MaterialRequirement.id)
    ).all()
    if op is not None:  # this operation's materials first, then the order's others
        requirements = sorted(requirements, key=lambda r: r.operation_seq not in (None, op.seq))
    seen: set[str] = set()
    materials = []
    for req in requirements:
        if req.item_code in seen:
            continue
        seen.add(req.item_code)
        materials.append(
            OrderMaterial(req.item_code, names.get(req.item_code, ""), req.quantity, req.lot_no)
        )
    return CaptureContext(
        work_center=work_center or (op.work_center_code if op else None),
        operation_id=op.id if op else None,
        work_order=order.number,
        product=order.item_code,
        product_name=names.get(order.item_code, ""),
        materials=tuple(materials),
    )


class ScanKind(StrEnum):
    WORK_ORDER = "work_order"
    OPERATION = "operation"
    ITEM = "item"
    LOT = "lot"


@dataclass(frozen=True)
class ScanMatch:
    kind: ScanKind
    code: str
    item: str | None = None  # a lot's item
    context: CaptureContext | None = None  # a work order's or operation's context


def lookup_scan(session: Session, code: str, work_center: str | None) -> ScanMatch | None:
    """What a scanned code is: a work order, an operation, a lot or an item (None: unknown)."""
    code = code.strip()
    for candidate in dict.fromkeys((code, code.upper())):
        if session.get(WorkOrder, candidate) is not None:
            ctx = capture_context(session, work_center, work_order=candidate)
            return ScanMatch(ScanKind.WORK_ORDER, candidate, context=ctx)
        if session.get(OperationInstance, candidate) is not None:
            ctx = capture_context(session, work_center, operation_id=candidate)
            return ScanMatch(ScanKind.OPERATION, candidate, context=ctx)
        lot = session.get(Lot, candidate)
        if lot is not None:
            return ScanMatch(ScanKind.LOT, candidate, item=lot.item_code)
        if session.get(Item, candidate) is not None:
            return ScanMatch(ScanKind.ITEM, candidate, item=candidate)
    return None


# --- inbox -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExceptionRow:
    id: str
    kind: ExceptionKind
    status: ExceptionStatus
    severity: Severity
    channel: Channel
    summary: str
    work_center: str | None
    work_order: str | None
    operation_id: str | None
    item: str | None
    lot_no: str | None
    quantity: float | None
    note: str | None
    details: dict[str, Any]
    owner_role: Role | None
    owner_user: str | None
    owner_name: str | None
    raised_by: str
    raised_by_name: str
    raised_at: datetime
    ack_due: datetime | None
    resolve_due: datetime | None
    acknowledged_at: datetime | None
    waiting_on: str | None
    decision: str | None
    root_cause: str | None
    escalation_tier: int

    @property
    def next_due(self) -> datetime | None:
        """The deadline that counts now: acknowledge first, then resolve."""
        return self.ack_due if self.acknowledged_at is None else self.resolve_due

    @property
    def next_due_what(self) -> str:
        return "acknowledge" if self.acknowledged_at is None else "resolve"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


@dataclass(frozen=True)
class TaskRow:
    id: str
    exception_id: str
    exception_summary: str
    function: Role
    action: str
    status: TaskStatus
    due_at: datetime | None
    acknowledged_by: str | None
    done_by: str | None
    note: str | None

    @property
    def closed_with_exception(self) -> bool:
        return self.status is TaskStatus.CANCELLED and self.note == CLOSED_WITH_EXCEPTION


@dataclass(frozen=True)
class Inbox:
    exceptions: tuple[ExceptionRow, ...]
    tasks: tuple[TaskRow, ...]
    # Open exceptions the user's roles do not own (an empty inbox says so).
    open_elsewhere: int = 0
    # Server minus this terminal's clock, as last measured: countdowns run on the server's.
    server_correction: timedelta = timedelta(0)


def server_correction(session: Session) -> timedelta:
    """How far the server's clock is ahead of this database's (zero without a server)."""
    epoch = datetime(2000, 1, 1, tzinfo=UTC)
    return servertime.server_now(session, epoch) - epoch


def _exception_row(exc: ShopException, names: dict[str, str]) -> ExceptionRow:
    return ExceptionRow(
        id=exc.id,
        kind=exc.kind,
        status=exc.status,
        severity=exc.severity,
        channel=exc.channel,
        summary=exc.summary,
        work_center=exc.work_center_code,
        work_order=exc.work_order_number,
        operation_id=exc.operation_id,
        item=exc.item_code,
        lot_no=exc.lot_no,
        quantity=exc.quantity,
        note=exc.note,
        details=dict(exc.details or {}),
        owner_role=exc.owner_role,
        owner_user=exc.owner_user_id,
        owner_name=names.get(exc.owner_user_id) if exc.owner_user_id else None,
        raised_by=exc.raised_by,
        raised_by_name=names.get(exc.raised_by, exc.raised_by),
        raised_at=exc.raised_at,
        ack_due=exc.ack_due,
        resolve_due=exc.resolve_due,
        acknowledged_at=exc.acknowledged_at,
        waiting_on=exc.waiting_on,
        decision=exc.decision,
        root_cause=exc.root_cause,
        escalation_tier=exc.escalation_tier,
    )


def _task_row(task: Task, summary: str) -> TaskRow:
    return TaskRow(
        id=task.id,
        exception_id=task.exception_id,
        exception_summary=summary,
        function=task.function,
        action=task.action,
        status=task.status,
        due_at=task.due_at,
        acknowledged_by=task.acknowledged_by,
        done_by=task.done_by,
        note=task.note,
    )


def inbox(session: Session, user_id: str) -> Inbox:
    """Open exceptions the user or one of their roles owns (earliest deadline first), then
    resolved ones still to close, and the open tasks of the user's functions. An unknown
    user has an empty inbox."""
    user = session.get(User, user_id)
    correction = server_correction(session)
    if user is None:
        return Inbox((), (), server_correction=correction)
    roles = list(user.roles)
    names = people_names(session)
    # An escalation hands an exception to the next tier too: it shows in their inbox.
    escalated_to_me = select(ExceptionFact.exception_id).where(ExceptionFact.to_role.in_(roles))
    owned = session.scalars(
        select(ShopException).where(
            ShopException.status.in_((*OPEN, ExceptionStatus.RESOLVED)),
            or_(
                ShopException.owner_user_id == user.id,
                ShopException.owner_role.in_(roles),
                ShopException.id.in_(escalated_to_me),
            ),
        )
    ).all()
    rows = sorted(
        (_exception_row(e, names) for e in owned),
        key=lambda r: (not r.is_open, r.next_due or r.raised_at, r.id),
    )
    tasks = session.execute(
        select(Task, ShopException.summary)
        .join(ShopException, Task.exception_id == ShopException.id)
        .where(Task.function.in_(roles), Task.status.in_(OPEN_TASK))
        .order_by(Task.due_at, Task.id)
    ).all()
    all_open = session.scalar(
        select(func.count()).select_from(ShopException).where(ShopException.status.in_(OPEN))
    )
    mine_open = sum(1 for r in rows if r.is_open)
    return Inbox(
        tuple(rows),
        tuple(_task_row(t, s) for t, s in tasks),
        open_elsewhere=max((all_open or 0) - mine_open, 0),
        server_correction=correction,
    )


def raised_by(session: Session, user_id: str) -> tuple[ExceptionRow, ...]:
    """Open exceptions a person raised (an operator sees the state of their own)."""
    names = people_names(session)
    rows = session.scalars(
        select(ShopException)
        .where(ShopException.raised_by == user_id, ShopException.status.in_(OPEN))
        .order_by(ShopException.raised_at.desc())
    ).all()
    return tuple(_exception_row(e, names) for e in rows)


# --- history ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    """One line of an exception's history: who, when, what, why."""

    at: datetime
    actor: str
    actor_name: str
    kind: str  # the event kind, e.g. "exception.acknowledged"
    what: str
    why: str = ""


@dataclass(frozen=True)
class ExceptionHistory:
    exception: ExceptionRow
    entries: tuple[HistoryEntry, ...]
    tasks: tuple[TaskRow, ...]
    server_correction: timedelta = timedelta(0)

    @property
    def tasks_closed_with_it(self) -> int:
        """Tasks that were still open when the exception was resolved (closed with it)."""
        return sum(1 for t in self.tasks if t.closed_with_exception)


def _role(value: Any) -> str:
    return str(value).replace("_", " ") if value else ""


def _describe(kind: str, p: dict[str, Any], tasks: dict[str, Task]) -> tuple[str, str]:
    task = tasks.get(str(p.get("task_id", "")))
    task_name = f"{_role(task.function.value)} task “{task.action}”" if task else "a task"
    if kind == "exception.raised":
        where = ", ".join(
            f"{label} {p[key]}"
            for key, label in (
                ("work_center", "at"),
                ("work_order", "order"),
                ("item", "item"),
                ("lot_no", "lot"),
            )
            if p.get(key)
        )
        what = f"raised {_role(p.get('kind'))} ({p.get('severity')}, {p.get('channel')})"
        what += f": {p.get('summary')}" + (f" — {where}" if where else "")
        routed = f"routed by rule “{p.get('rule')}” to {_role(p.get('owner_role'))}"
        reason = (p.get("details") or {}).get("reason_code")
        why = "; ".join(x for x in (p.get("note") or "", f"reason {reason}" if reason else "") if x)
        return what + f"; {routed}", why
    if kind == "exception.acknowledged":
        return "acknowledged", ""
    if kind == "exception.progressed":
        waiting = p.get("waiting_on")
        return ("waiting on " + str(waiting), "") if waiting else ("started work", "")
    if kind == "exception.reassigned":
        to = _role(p.get("owner_role")) + (f" ({p['owner_user']})" if p.get("owner_user") else "")
        return f"reassigned to {to}", str(p.get("reason") or "")
    if kind == "exception.resolved":
        details = p.get("details") or {}
        extra = ", ".join(f"{k} {v}" for k, v in details.items())
        what = f"resolved: {p.get('decision')}" + (f" ({extra})" if extra else "")
        why = f"root cause {p.get('root_cause')}" + (f"; {p['note']}" if p.get("note") else "")
        return what, why
    if kind == "exception.closed":
        return "closed", ""
    if kind == "exception.reopened":
        return "reopened", str(p.get("reason") or "")
    if kind == "exception.deadline_passed":
        fact = str(p.get("fact"))
        if fact.startswith("escalation:"):
            return f"escalated (tier {fact.partition(':')[2]}) to {_role(p.get('to_role'))}", ""
        return f"deadline passed: {fact.partition(':')[2]} was due", ""
    if kind == "task.acknowledged":
        return f"acknowledged the {task_name}", ""
    if kind == "task.done":
        return f"finished the {task_name}", str(p.get("note") or "")
    return kind, ""


def history(session: Session, exception_id: str) -> ExceptionHistory | None:
    """An exception's whole story from the event log, in log order, with actor names."""
    exc = session.get(ShopException, exception_id)
    if exc is None:
        return None
    names = people_names(session)
    tasks = {t.id: t for t in exc.tasks}
    events = session.scalars(
        select(EventRecord)
        .where(
            or_(
                EventRecord.payload["exception_id"].as_string() == exception_id,
                EventRecord.payload["task_id"].as_string().in_(list(tasks)),
            )
        )
        .order_by(EventRecord.position)
    ).all()
    entries = []
    for event in events:
        what, why = _describe(event.kind, dict(event.payload), tasks)
        if event.kind == "exception.resolved":
            closed = sum(
                1
                for t in tasks.values()
                if t.status is TaskStatus.CANCELLED
                and t.note == CLOSED_WITH_EXCEPTION
                and t.done_at == event.occurred_at
            )
            if closed:
                what += f"; {closed} open task(s) closed with it"
        entries.append(
            HistoryEntry(
                at=event.occurred_at,
                actor=event.actor,
                actor_name=names.get(event.actor, event.actor),
                kind=event.kind,
                what=what,
                why=why,
            )
        )
    return ExceptionHistory(
        exception=_exception_row(exc, names),
        entries=tuple(entries),
        tasks=tuple(_task_row(t, exc.summary) for t in exc.tasks),
        server_correction=server_correction(session),
    )


def history_text(history: ExceptionHistory, tz: Any = None) -> str:
    """The history as plain text, for a file or a printout (times in `tz`, default UTC)."""
    e = history.exception

    def at(when: datetime | None) -> str:
        if when is None:
            return "—"
        return (when.astimezone(tz) if tz else when).strftime("%Y-%m-%d %H:%M:%S %Z")

    lines = [
        f"Exception {e.id}",
        f"Kind: {_role(e.kind.value)}   Severity: {e.severity.value}   Status: {e.status.value}",
        f"Summary: {e.summary}",
        f"Where: work center {e.work_center or '—'}, order {e.work_order or '—'}, "
        f"item {e.item or '—'}, lot {e.lot_no or '—'}",
        f"Raised: {at(e.raised_at)} by {e.raised_by_name} ({e.raised_by})",
        f"Owner: {_role(e.owner_role.value if e.owner_role else '')}"
        + (f", {e.owner_name}" if e.owner_name else ""),
        f"Acknowledge by: {at(e.ack_due)}   Resolve by: {at(e.resolve_due)}",
        "",
        "History (when | who | what | why):",
    ]
    for entry in history.entries:
        lines.append(
            f"{at(entry.at)} | {entry.actor_name} ({entry.actor}) | {entry.what}"
            + (f" | {entry.why}" if entry.why else "")
        )
    lines += ["", "Tasks (function | action | status | due):"]
    for task in history.tasks:
        status = CLOSED_WITH_EXCEPTION if task.closed_with_exception else task.status.value
        lines.append(f"{_role(task.function.value)} | {task.action} | {status} | {at(task.due_at)}")
    return "\n".join(lines) + "\n"
