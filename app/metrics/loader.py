"""Read the event log once into a `History` (app/metrics/history.py).

One pass in log order (the server's order, then this terminal's own events not yet
ordered), one small handler per kind of event, payloads read as the JSON they are (they
were validated when the event was recorded). The handlers follow the reducers where a
metric depends on it: an event the reducers would refuse or find redundant (a second
acknowledgement, resolving a resolved exception, acknowledging a task closed with its
exception) changes nothing here either, so a history built from a replica's log, from
the server's, or from any list of events in log order comes out the same. From a
database only applied events are read (`load_history`).

ERP postings are named as the reducers name them (app.projections.execution.posting_id
of the event that queued them, or of a key the later posting must know), so an
acknowledgement in the log finds the floor event it answers without the postings table.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import chain
from typing import Any, cast

from sqlalchemy import Result, Text, select, type_coerce
from sqlalchemy.orm import Session

from app.authz import MACHINE_PREFIX
from app.clock import as_utc
from app.events.envelope import Event
from app.events.servertime import corrected
from app.metrics.history import (
    DeadlineFact,
    DowntimeSource,
    DowntimeSpan,
    ExceptionHistory,
    History,
    JobAction,
    MicroStop,
    OperationInfo,
    PostingHistory,
    Reassignment,
    Reopening,
    Resolution,
    SignalLoss,
    Stamp,
    TaskHistory,
    WorkOrderInfo,
)
from app.model import EventRecord
from app.model.types import PostingKind
from app.priority.gc_pause import cyclic_gc_paused
from app.projections.exceptions import hold_key
from app.projections.execution import POSTING_NAMESPACE
from app.projections.machines import minutes_text

_POSTINGS = POSTING_NAMESPACE.bytes
_CONFIRMATION = PostingKind.CONFIRMATION.value
_GOODS_MOVEMENT = PostingKind.GOODS_MOVEMENT.value
_QUALITY_EVENT = PostingKind.QUALITY_EVENT.value
_DOWNTIME = PostingKind.DOWNTIME.value
Payload = dict[str, Any]
# id, kind, payload, actor, occurred_at, received_at, clock_offset_s
_Row = tuple[str, str, Payload, str, datetime, datetime | None, float | None]
Handler = Callable[["_Builder", str, Payload, str, datetime, datetime], None]
_HANDLERS: dict[str, Handler] = {}


def _handles(kind: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _HANDLERS[kind] = fn
        return fn

    return register


def posting_id(key: str, kind: str) -> str:
    """`app.projections.execution.posting_id`, without building UUID objects (a month
    has tens of thousands of postings): the same name-based UUID, as text."""
    digest = bytearray(hashlib.sha1(_POSTINGS + f"{key}:{kind}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _moment(text: object) -> datetime | None:
    return _parse(text) if isinstance(text, str) and text else None


def _parse(text: str) -> datetime:
    """A payload's moment ("...Z", as `iso` writes it), aware UTC."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is UTC else as_utc(moment)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


class _Builder:
    def __init__(self) -> None:
        self.history = History()
        self.done: set[str] = set()  # exceptions resolved or closed, in log order
        self.closed: set[str] = set()
        self.open_span: dict[str, DowntimeSpan] = {}  # by exception
        self.last_span: dict[str, DowntimeSpan] = {}
        self.spans: dict[str, list[DowntimeSpan]] = {}  # every span, by exception
        self.reason: dict[str, str] = {}  # a downtime's reason as it stands
        self.state_down: dict[str, DowntimeSpan] = {}  # set down by a person, by work center
        self.signal_lost: dict[str, SignalLoss] = {}
        self.facts: set[tuple[str, str]] = set()

    def run(self, rows: Iterable[_Row]) -> History:
        """Apply events given as rows (id, kind, payload, actor, occurred_at, received_at,
        clock_offset_s) in log order; kinds no metric reads are skipped."""
        history = self.history
        handlers = _HANDLERS
        count = 0
        first = last = None
        with cyclic_gc_paused():  # a month of small records, none of them cyclic
            for event_id, kind, payload, actor, occurred_at, received_at, offset in rows:
                handler = handlers.get(kind)
                if handler is None:
                    continue
                count += 1
                if occurred_at.tzinfo is not UTC:
                    occurred_at = as_utc(occurred_at)
                if offset is None and received_at is None:
                    at = occurred_at
                else:
                    at = corrected(occurred_at, offset, received_at)
                if first is None or at < first:
                    first = at
                if last is None or at > last:
                    last = at
                handler(self, event_id, payload, actor, at, occurred_at)
        history.events += count
        history.first_at, history.last_at = first, last
        return history

    # --- shared steps ------------------------------------------------------------------

    def post(
        self,
        key: str,
        kind: str,
        event_id: str,
        event_kind: str,
        at: datetime,
        by: str,
        *,
        work_center: str | None,
        work_order: str | None,
        exception_id: str | None = None,
    ) -> str:
        """The posting of `kind` the reducers queue for this event, named after `key`
        (the event's id, or the key a later posting must know)."""
        pid = posting_id(key, kind)
        postings = self.history.postings
        if pid not in postings:
            postings[pid] = PostingHistory(
                pid, kind, event_id, event_kind, at, by, work_center, work_order, exception_id
            )
        return pid

    def exception(self, payload: Payload) -> ExceptionHistory | None:
        found = self.history.exceptions.get(payload.get("exception_id", ""))
        if found is None:
            self.history.unmatched += 1
        return found

    def open_downtime(self, exc: ExceptionHistory, start: datetime) -> None:
        if exc.kind != "machine_downtime" or not exc.work_center:
            return
        span = DowntimeSpan(
            work_center=exc.work_center,
            source=DowntimeSource.MACHINE if exc.channel == "machine" else DowntimeSource.MANUAL,
            start=start,
            exception_id=exc.id,
            reason_code=self.reason.get(exc.id),
        )
        self.history.downtimes.append(span)
        self.spans.setdefault(exc.id, []).append(span)
        self.open_span[exc.id] = self.last_span[exc.id] = span

    def end_downtime(self, exc: ExceptionHistory, end: datetime) -> None:
        span = self.open_span.pop(exc.id, None)
        if span is not None:
            span.end = max(end, span.start)

    def resolve(
        self,
        exc: ExceptionHistory,
        event_id: str,
        actor: str,
        at: datetime,
        *,
        decision: str,
        root_cause: str | None,
        details: Payload,
        by_machine: bool = False,
    ) -> None:
        """What `settle` does (app/projections/exceptions.py): the decision, the constraint
        released, the ERP postings of its outcome."""
        exc.details = {**exc.details, **details}
        postings: list[str] = []
        if exc.kind == "machine_downtime" and exc.work_center:
            postings.append(
                self.post(
                    event_id,
                    _DOWNTIME,
                    event_id,
                    "exception.resolved",
                    at,
                    actor,
                    work_center=exc.work_center,
                    work_order=None,
                    exception_id=exc.id,
                )
            )
        elif exc.kind == "quality_hold":
            postings.append(
                self.post(
                    event_id,
                    _QUALITY_EVENT,
                    event_id,
                    "exception.resolved",
                    at,
                    actor,
                    work_center=exc.work_center,
                    work_order=exc.work_order,
                    exception_id=exc.id,
                )
            )
            if exc.details.get("disposition") == "scrap" and exc.item and exc.quantity:
                postings.append(
                    self.post(
                        f"scrap:{exc.id}",
                        _GOODS_MOVEMENT,
                        event_id,
                        "exception.resolved",
                        at,
                        actor,
                        work_center=exc.work_center,
                        work_order=exc.work_order,
                        exception_id=exc.id,
                    )
                )
        exc.postings.extend(p for p in postings if p not in exc.postings)
        exc.resolutions.append(
            Resolution(
                at=at,
                by=actor,
                event_id=event_id,
                decision=decision,
                root_cause=root_cause,
                postings=tuple(postings),
                by_machine=by_machine,
            )
        )
        self.done.add(exc.id)
        self.end_downtime(exc, at)


# --- the plant and the orders ------------------------------------------------------------


@_handles("site.defined")
def _site(b: _Builder, _id: str, p: Payload, _a: str, _at: datetime, _o: datetime) -> None:
    b.history.plant.site_zones[p["code"]] = p.get("timezone") or "UTC"
    b.history.plant._zones.clear()
    b.history.plant._calendars.clear()


@_handles("area.defined")
def _area(b: _Builder, _id: str, p: Payload, _a: str, _at: datetime, _o: datetime) -> None:
    b.history.plant.area_sites[p["code"]] = p["site"]


@_handles("shift_calendar.defined")
def _calendar(b: _Builder, _id: str, p: Payload, _a: str, _at: datetime, _o: datetime) -> None:
    b.history.plant.define_calendar(p["code"], p["shifts"])


@_handles("work_center.defined")
def _work_center(b: _Builder, _id: str, p: Payload, _a: str, _at: datetime, _o: datetime) -> None:
    plant = b.history.plant
    plant.work_center_areas[p["code"]] = p["area"]
    plant.work_center_calendars[p["code"]] = p.get("calendar")


@_handles("work_order.released")
def _released(b: _Builder, _id: str, p: Payload, _a: str, _at: datetime, _o: datetime) -> None:
    number = p["number"]
    b.history.work_orders[number] = WorkOrderInfo(
        number=number,
        item=p["item"],
        materials=frozenset(m["item"] for m in p.get("materials", ())),
    )
    for spec in p["operations"]:
        op = f"{number}/{spec['seq']:04d}"  # app.projections.orders.operation_id
        b.history.operations[op] = OperationInfo(op, number, spec["work_center"])


# --- work on the floor -------------------------------------------------------------------


@_handles("operation.started")
def _started(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    b.history.job_actions.append(JobAction(at, actor, p["operation_id"], "started", eid))


@_handles("priority.override_set")
def _override(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    b.history.job_actions.append(
        JobAction(at, actor, p["operation_id"], p["kind"], eid, p.get("target_operation_id"))
    )


@_handles("operation.confirmed")
def _confirmed(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    op = b.history.operations.get(p["operation_id"])
    work_center = op.work_center if op else None
    work_order = op.work_order if op else p["operation_id"].split("/")[0]
    kinds = (_CONFIRMATION, _GOODS_MOVEMENT) if p.get("scrap", 0) > 0 else (_CONFIRMATION,)
    for kind in kinds:
        b.post(
            eid,
            kind,
            eid,
            "operation.confirmed",
            at,
            actor,
            work_center=work_center,
            work_order=work_order,
        )


@_handles("material.issued")
def _issued(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    op = b.history.operations.get(p.get("operation_id") or "")
    b.post(
        eid,
        _GOODS_MOVEMENT,
        eid,
        "material.issued",
        at,
        actor,
        work_center=op.work_center if op else None,
        work_order=p["work_order"],
    )


# --- machines ------------------------------------------------------------------------------


@_handles("machine.state_changed")
def _state(b: _Builder, _id: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    wc, state = p["work_center"], p["state"]
    lost = b.signal_lost.get(wc)
    if state == "signal_lost":
        if lost is None:
            b.signal_lost[wc] = loss = SignalLoss(wc, at)
            b.history.signal_losses.append(loss)
    elif lost is not None:
        lost.end = max(at, lost.start)
        del b.signal_lost[wc]
    # A machine's own "down" is a micro-stop or, past the threshold, a downtime
    # exception; a person saying the machine is down is a downtime of its own.
    down = b.state_down.get(wc)
    if state == "down" and not actor.startswith(MACHINE_PREFIX):
        if down is None:
            b.state_down[wc] = span = DowntimeSpan(wc, DowntimeSource.STATE, at)
            b.history.downtimes.append(span)
    elif state != "down" and down is not None:
        down.end = max(at, down.start)
        del b.state_down[wc]


@_handles("machine.micro_stop")
def _micro(b: _Builder, _id: str, p: Payload, _a: str, at: datetime, _o: datetime) -> None:
    since = _moment(p.get("since")) or at
    b.history.micro_stops.append(MicroStop(p["work_center"], since, float(p["duration_s"])))


@_handles("machine.downtime_ended")
def _ended(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    exc = b.exception(p)
    if exc is None or exc.kind != "machine_downtime":
        return
    since, ended = _parse(p["since"]), _parse(p["ended_at"])
    reason = _text(p.get("reason_code")) or b.reason.get(exc.id)
    if exc.id in b.done:
        # A person resolved it first: their decision stands, the span gains its true end.
        span = b.last_span.get(exc.id)
        if span is not None:
            span.end = max(ended, span.start)
        return
    seconds = max(0.0, (ended - since).total_seconds())
    b.resolve(
        exc,
        eid,
        actor,
        ended,
        decision=f"machine running again after {minutes_text(seconds)}",
        root_cause=reason,
        details={"stopped_at": p["since"], "ran_again_at": p["ended_at"]},
        by_machine=True,
    )


@_handles("machine.downtime_reason_given")
def _reason(b: _Builder, _id: str, p: Payload, _a: str, at: datetime, _o: datetime) -> None:
    exc = b.exception(p)
    if exc is None or exc.kind != "machine_downtime":
        return
    code = p["reason_code"]
    b.reason[exc.id] = code
    exc.reasons.append((at, code))
    for span in b.spans.get(exc.id, ()):
        span.reason_code = code


# --- exceptions and tasks ----------------------------------------------------------------


@_handles("exception.raised")
def _raised(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, occ: datetime) -> None:
    history = b.history
    xid = p["exception_id"]
    if xid in history.exceptions:
        return
    shift = at - occ  # deadlines move with their event onto the server's clock
    details = dict(p.get("details") or {})
    exc = ExceptionHistory(
        id=xid,
        kind=p["kind"],
        channel=p["channel"],
        severity=p["severity"],
        summary=p["summary"],
        raised=Stamp(at, actor, eid),
        rule=p.get("rule", ""),
        owner_role=p["owner_role"],
        owner_user=p.get("owner_user"),
        ack_due=_parse(p["ack_due"]) + shift,
        resolve_due=_parse(p["resolve_due"]) + shift,
        work_center=p.get("work_center"),
        work_order=p.get("work_order"),
        operation_id=p.get("operation_id"),
        item=p.get("item"),
        quantity=p.get("quantity"),
        details=details,
    )
    history.exceptions[xid] = exc
    for spec in p.get("tasks", ()):
        due = _moment(spec.get("due_at"))
        task = TaskHistory(
            id=spec["task_id"],
            exception_id=xid,
            function=spec["function"],
            action=spec["action"],
            created_at=at,
            due_at=due + shift if due is not None else None,
        )
        exc.tasks.append(task)
        history.tasks.setdefault(task.id, task)
    reason = _text(details.get("reason_code"))
    if reason:
        b.reason[xid] = reason
    b.open_downtime(exc, _moment(details.get("stopped_at")) or at)
    if exc.kind == "quality_hold":
        exc.postings.append(
            b.post(
                hold_key(xid),
                _QUALITY_EVENT,
                eid,
                "exception.raised",
                at,
                actor,
                work_center=exc.work_center,
                work_order=exc.work_order,
                exception_id=xid,
            )
        )


@_handles("exception.acknowledged")
def _acked(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    exc = b.exception(p)
    if exc is not None and exc.acknowledged is None:
        exc.acknowledged = Stamp(at, actor, eid)


@_handles("exception.progressed")
def _progressed(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    exc = b.exception(p)
    if exc is not None and exc.id not in b.done and exc.acknowledged is None:
        exc.acknowledged = Stamp(at, actor, eid)


@_handles("exception.reassigned")
def _reassigned(b: _Builder, _id: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    exc = b.exception(p)
    if exc is not None and exc.id not in b.done:
        exc.reassignments.append(
            Reassignment(at, actor, p["owner_role"], p.get("owner_user"), p.get("reason", ""))
        )


@_handles("exception.resolved")
def _resolved(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    exc = b.exception(p)
    if exc is None or exc.id in b.done:
        return
    b.resolve(
        exc,
        eid,
        actor,
        at,
        decision=p["decision"],
        root_cause=_text(p.get("root_cause")),
        details=dict(p.get("details") or {}),
    )


@_handles("exception.closed")
def _closed(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    exc = b.exception(p)
    if exc is not None and exc.id in b.done and exc.id not in b.closed:
        exc.closings.append(Stamp(at, actor, eid))
        b.closed.add(exc.id)


@_handles("exception.reopened")
def _reopened(b: _Builder, _id: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    exc = b.exception(p)
    if exc is None or exc.id not in b.done:
        return
    exc.reopenings.append(Reopening(at, actor, p.get("reason", "")))
    b.done.discard(exc.id)
    b.closed.discard(exc.id)
    b.open_downtime(exc, at)


@_handles("exception.deadline_passed")
def _deadline(b: _Builder, _id: str, p: Payload, _a: str, at: datetime, _o: datetime) -> None:
    exc = b.exception(p)
    if exc is None or (exc.id, p["fact"]) in b.facts:
        return
    b.facts.add((exc.id, p["fact"]))
    exc.deadlines.append(DeadlineFact(p["fact"], at, _parse(p["due_at"]), p.get("to_role")))


@_handles("task.acknowledged")
def _task_acked(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    task = b.history.tasks.get(p["task_id"])
    if task is None:
        b.history.unmatched += 1
        return
    # Only an open task: one done, or closed with its resolved exception, is not.
    if task.acknowledged is None and task.done is None and task.exception_id not in b.done:
        task.acknowledged = Stamp(at, actor, eid)


@_handles("task.done")
def _task_done(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    task = b.history.tasks.get(p["task_id"])
    if task is None:
        b.history.unmatched += 1
        return
    if task.done is None:
        task.done = Stamp(at, actor, eid)
        if task.acknowledged is None:
            task.acknowledged = task.done


# --- ERP write-back ------------------------------------------------------------------------


def _posting(b: _Builder, p: Payload) -> PostingHistory | None:
    found = b.history.postings.get(p["posting_id"])
    if found is None:
        b.history.unmatched += 1
    return found


@_handles("erp.posting_acknowledged")
def _posted(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    posting = _posting(b, p)
    if posting is not None and posting.acknowledged is None:
        posting.acknowledged = Stamp(at, actor, eid)
        posting.document = p.get("document")


@_handles("erp.posting_failed")
def _failed(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    posting = _posting(b, p)
    if posting is not None and posting.acknowledged is None and posting.cancelled is None:
        posting.failures.append(Stamp(at, actor, eid))


@_handles("erp.posting_cancelled")
def _cancelled(b: _Builder, eid: str, p: Payload, actor: str, at: datetime, _o: datetime) -> None:
    posting = _posting(b, p)
    if posting is not None and posting.acknowledged is None and posting.cancelled is None:
        posting.cancelled = Stamp(at, actor, eid)


HANDLED_KINDS = frozenset(_HANDLERS)


# --- entry points --------------------------------------------------------------------------


def build_history(events: Iterable[Event]) -> History:
    """A history of `events` in log order (`log.read_all`, a server's page, a test's
    list). Give applied events: a refused event is not part of what happened (the
    handlers ignore the usual redundant ones, but cannot know every business rule)."""
    handled = HANDLED_KINDS
    return _Builder().run(
        (e.id, e.kind, e.payload, e.actor, e.occurred_at, e.received_at, e.clock_offset_s)
        for e in events
        if e.kind in handled
    )


def load_history(session: Session, batch: int = 5000) -> History:
    """The history of this database's log: its applied events of the kinds the metrics
    read, in the order `log.read_all` gives (the server's, then this terminal's own).

    Payloads and moments are read as the database holds them and decoded here, and the
    two parts of the order are read each along its own index (no sort of the month):
    a month's log reads several times faster than through the column types."""
    events = EventRecord.__table__.c
    columns = (
        events.id,
        events.kind,
        type_coerce(events.payload, Text),
        events.actor,
        type_coerce(events.occurred_at, Text),
        type_coerce(events.received_at, Text),
        events.clock_offset_s,
    )
    wanted = (events.outcome == "applied", events.kind.in_(sorted(HANDLED_KINDS)))
    connection = session.connection()
    ordered = select(*columns).where(events.server_seq.is_not(None), *wanted)
    own = select(*columns).where(events.server_seq.is_(None), *wanted)
    return _Builder().run(
        chain(
            _decoded(connection.execute(ordered.order_by(events.server_seq)), batch),
            _decoded(connection.execute(own.order_by(events.position)), batch),
        )
    )


def _moment_stored(value: object) -> datetime:
    """A moment as the database gave it: text on SQLite (UTC by convention), a datetime
    on PostgreSQL."""
    if isinstance(value, str):
        if len(value) == 26:  # SQLite's own form, "2026-11-23 08:00:00.000000"
            # Parsed with its offset: five times faster than replacing tzinfo after.
            return datetime.fromisoformat(value + "+00:00")
        moment = datetime.fromisoformat(value)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else as_utc(moment)
    if isinstance(value, datetime):
        return as_utc(value)
    raise TypeError(f"not a moment: {value!r}")


def _decoded(result: Result[Any], batch: int) -> Iterator[_Row]:
    while rows := cast("Sequence[Sequence[Any]]", result.fetchmany(batch)):
        texts = [row[2] for row in rows]
        if all(isinstance(text, str) for text in texts):
            # One JSON document per batch: the decoder's own overhead once, not per event.
            payloads = json.loads("[" + ",".join(texts) + "]")
        else:  # a database that hands JSON over decoded
            payloads = [json.loads(t) if isinstance(t, str) else t for t in texts]
        for (event_id, kind, _, actor, occurred_at, received_at, offset), payload in zip(
            rows, payloads, strict=True
        ):
            received = None if received_at is None else _moment_stored(received_at)
            yield event_id, kind, payload, actor, _moment_stored(occurred_at), received, offset
