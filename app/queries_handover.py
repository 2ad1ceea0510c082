"""What the shift handover screen reads: a shift of an area in numbers and events, the
items still open at its end, and the handover's notes and answers.

Screens run these on the database lane (ui.background) in one read session; they hand
back frozen rows. The shift comes from the area's calendar (resources/shifts/, recorded
as `shift_calendar.defined` with an `area`), or else from the calendar of the area's
first work center; which moment belongs to which shift is app.metrics.shifts' answer,
and what happened is read from the log once (app.metrics.load_history), as the metrics
read it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.clock import as_utc
from app.events.payloads import ShiftCalendarDefined
from app.machines.calendar import BreakWindow, ShiftCalendar
from app.metrics import History, load_history
from app.metrics.history import ExceptionHistory, PostingHistory
from app.metrics.period import Period
from app.metrics.shifts import ShiftIndex, ShiftOccurrence
from app.model import (
    Area,
    ErpPosting,
    EventRecord,
    OperationInstance,
    PriorityOverride,
    Site,
    WorkCenter,
    WorkOrder,
)
from app.model.handover import (
    Handover,
    HandoverItemStatus,
    HandoverStatus,
    handover_id,
)
from app.queries import people_names

_DAY = timedelta(days=1)
_SHIFTS_BACK = 7  # days of past shifts a lead may pick from


class SlaState(StrEnum):
    ON_TIME = "on_time"
    ACK_LATE = "ack_late"  # not acknowledged by its acknowledgement deadline
    OVERDUE = "overdue"  # not resolved by its resolution deadline


@dataclass(frozen=True, slots=True)
class ShiftRef:
    area: str
    day: date
    name: str
    start: datetime
    end: datetime

    @property
    def id(self) -> str:
        return handover_id(self.area, self.day, self.name)

    @property
    def label(self) -> str:
        return f"{self.day.isoformat()} {self.name}"


@dataclass(frozen=True, slots=True)
class ExceptionLine:
    id: str
    kind: str
    severity: str
    summary: str
    work_center: str | None
    raised_at: datetime
    raised_by: str
    resolved_at: datetime | None  # resolved by the end of the shift (None: open)
    owner: str  # a person's name, else the owning role
    sla: SlaState
    due_at: datetime  # the deadline the SLA state is judged by

    @property
    def key(self) -> str:
        return f"exception:{self.id}"


@dataclass(frozen=True, slots=True)
class DowntimeLine:
    reason: str | None  # None: no reason given yet
    work_centers: tuple[str, ...]
    stops: int
    seconds: float


@dataclass(frozen=True, slots=True)
class OutputLine:
    work_center: str
    planned: float  # quantity of the operations due in the shift
    good: float  # confirmed good in the shift
    scrap: float

    @property
    def ratio(self) -> float | None:
        return self.good / self.planned if self.planned else None


@dataclass(frozen=True, slots=True)
class OverrideLine:
    at: datetime
    by: str
    operation_id: str
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class RefusedPosting:
    id: str
    kind: str
    work_order: str | None
    work_center: str | None
    refused_at: datetime
    error: str | None
    settled: bool  # the ERP took it since, or a person cancelled it

    @property
    def key(self) -> str:
        return f"posting:{self.id}"


@dataclass(frozen=True, slots=True)
class HandoverLine:
    """An item the outgoing lead hands over, with the incoming lead's answer."""

    key: str
    summary: str
    owner: str | None
    sla: str | None
    note: str | None
    status: HandoverItemStatus
    query: str | None
    answer: str | None
    decided_by: str | None


@dataclass(frozen=True, slots=True)
class HandoverView:
    shift: ShiftRef
    area_name: str
    as_of: datetime  # the end of the shift, or now while it runs
    status: HandoverStatus
    note: str | None
    outgoing: str | None  # who handed it over (their name)
    outgoing_id: str | None
    signed_by: str | None
    raised: tuple[ExceptionLine, ...]
    resolved: tuple[ExceptionLine, ...]
    still_open: tuple[ExceptionLine, ...]
    downtime: tuple[DowntimeLine, ...]
    output: tuple[OutputLine, ...]
    overrides: tuple[OverrideLine, ...]
    refused: tuple[RefusedPosting, ...]
    items: tuple[HandoverLine, ...]

    @property
    def running(self) -> bool:
        return self.as_of < self.shift.end


@dataclass(frozen=True, slots=True)
class UnsignedHandover:
    id: str
    area: str
    label: str
    outgoing: str | None


# --- which shift -------------------------------------------------------------------------


def _zone_of(session: Session, area: str) -> str:
    zone = session.execute(
        select(Site.timezone).join(Area, Area.site_code == Site.code).where(Area.code == area)
    ).scalar()
    return zone or session.execute(select(Site.timezone).order_by(Site.code)).scalar() or "UTC"


def area_calendar_specs(session: Session) -> dict[str, ShiftCalendarDefined]:
    """The latest calendar recorded for each area (`shift_calendar.defined` with an area)."""
    rows = session.execute(
        select(EventRecord.payload)
        .where(EventRecord.kind == ShiftCalendarDefined.KIND, EventRecord.outcome == "applied")
        .order_by(EventRecord.position)
    ).scalars()
    found: dict[str, ShiftCalendarDefined] = {}
    for raw in rows:
        data = json.loads(raw) if isinstance(raw, str) else raw
        if data.get("area"):
            spec = ShiftCalendarDefined.model_validate(data)
            found[spec.area or ""] = spec
    return found


def _windows(specs: ShiftCalendarDefined) -> list[BreakWindow]:
    return [
        BreakWindow(
            b.starts,
            b.ends,
            b.shift,
            frozenset(int(d) for d in b.weekdays) if b.weekdays else None,
        )
        for b in (*specs.breaks, *specs.planned_stops)
    ]


def area_calendar(session: Session, area: str) -> ShiftCalendar:
    """The shifts an area's leads hand over by: its own calendar, else its first work
    center's, else none (around the clock, no shifts)."""
    zone = _zone_of(session, area)
    spec = area_calendar_specs(session).get(area)
    if spec is not None:
        return ShiftCalendar.from_specs(spec.shifts, zone, _windows(spec))
    center = session.scalars(
        select(WorkCenter)
        .where(WorkCenter.area_code == area, WorkCenter.calendar_code.is_not(None))
        .order_by(WorkCenter.code)
    ).first()
    if center is None or center.calendar is None or not center.calendar.shifts:
        return ShiftCalendar.around_the_clock()
    return ShiftCalendar.from_specs(center.calendar.shifts, zone)


def _ref(area: str, occurrence: ShiftOccurrence) -> ShiftRef:
    return ShiftRef(area, occurrence.day, occurrence.name, occurrence.start, occurrence.end)


def recent_shifts(session: Session, area: str, now: datetime) -> list[ShiftRef]:
    """The area's shifts of the last days up to the one running now, latest first."""
    index = ShiftIndex(area_calendar(session, area))
    # Past `now` too: `between` clips to its period, and the running shift is whole.
    period = Period(now - _SHIFTS_BACK * _DAY, now + _DAY)
    return [
        _ref(area, o)
        for o in reversed(index.between(period))
        if period.start < o.start <= now  # whole shifts only: the first may be clipped
    ]


def shift_ref(session: Session, area: str, day: date, name: str) -> ShiftRef | None:
    """Shift `name` of `area` that started on local `day` (None: no such shift)."""
    index = ShiftIndex(area_calendar(session, area))
    zone = index.calendar.zone
    # A day either side: the shift is whole inside the period, so not clipped.
    around = Period(
        datetime.combine(day - _DAY, datetime.min.time(), zone),
        datetime.combine(day + 3 * _DAY, datetime.min.time(), zone),
    )
    for occurrence in index.between(around):
        if occurrence.day == day and occurrence.name == name:
            return _ref(area, occurrence)
    return None


def handover_shift(session: Session, area: str, now: datetime) -> ShiftRef | None:
    """The shift a lead hands over now: the one running, else the last one that ended."""
    shifts = recent_shifts(session, area, now)
    return shifts[0] if shifts else None


# --- what happened -----------------------------------------------------------------------


def _work_center_of(history: History, exc: ExceptionHistory) -> str | None:
    if exc.work_center:
        return exc.work_center
    op = history.operations.get(exc.operation_id or "")
    return op.work_center if op else None


def _sla(exc: ExceptionHistory, at: datetime) -> tuple[SlaState, datetime]:
    state = exc.state_at(at)
    if exc.resolve_due <= at:
        return SlaState.OVERDUE, exc.resolve_due
    if state.acknowledged is None and exc.ack_due <= at:
        return SlaState.ACK_LATE, exc.ack_due
    return SlaState.ON_TIME, exc.resolve_due if state.acknowledged else exc.ack_due


def _exception_line(
    history: History, exc: ExceptionHistory, at: datetime, names: dict[str, str]
) -> ExceptionLine:
    state = exc.state_at(at)
    # A resolved exception is judged as it stood when it was resolved.
    sla, due = _sla(exc, state.resolution.at if state.resolution is not None else at)
    owner = names.get(state.owner_user or "", "") or state.owner_role
    return ExceptionLine(
        id=exc.id,
        kind=exc.kind,
        severity=exc.severity,
        summary=exc.summary,
        work_center=_work_center_of(history, exc),
        raised_at=exc.raised.at,
        raised_by=names.get(exc.raised.by, exc.raised.by),
        resolved_at=state.resolution.at if state.resolution is not None else None,
        owner=owner,
        sla=sla,
        due_at=due,
    )


def _downtime(
    history: History, centers: set[str], start: datetime, at: datetime
) -> list[DowntimeLine]:
    seconds: dict[str | None, float] = defaultdict(float)
    stops: dict[str | None, int] = defaultdict(int)
    where: dict[str | None, set[str]] = defaultdict(set)
    for span in history.downtimes:
        if span.work_center not in centers:
            continue
        end = span.end or at
        lo, hi = max(span.start, start), min(end, at)
        if hi <= lo:
            continue
        seconds[span.reason_code] += (hi - lo).total_seconds()
        stops[span.reason_code] += 1
        where[span.reason_code].add(span.work_center)
    return sorted(
        (DowntimeLine(r, tuple(sorted(where[r])), stops[r], seconds[r]) for r in seconds),
        key=lambda line: -line.seconds,
    )


def _output(
    session: Session, history: History, centers: set[str], start: datetime, at: datetime
) -> list[OutputLine]:
    good: dict[str, float] = defaultdict(float)
    scrap: dict[str, float] = defaultdict(float)
    events = EventRecord.__table__.c
    for raw in session.execute(
        select(events.payload).where(
            events.kind == "operation.confirmed",
            events.outcome == "applied",
            events.occurred_at >= start,
            events.occurred_at < at,
        )
    ).scalars():
        data: dict[str, Any] = json.loads(raw) if isinstance(raw, str) else raw
        op = history.operations.get(data["operation_id"])
        if op is None or op.work_center not in centers:
            continue
        good[op.work_center] += float(data.get("good", 0.0))
        scrap[op.work_center] += float(data.get("scrap", 0.0))
    # The plan for the shift: every operation due by its end that was not done when it
    # began (work due earlier and still open is the shift's to catch up).
    planned: dict[str, float] = defaultdict(float)
    for center, quantity in session.execute(
        select(OperationInstance.work_center_code, WorkOrder.quantity)
        .join(WorkOrder, WorkOrder.number == OperationInstance.work_order_number)
        .where(
            OperationInstance.work_center_code.in_(sorted(centers)),
            WorkOrder.due_at < at,
            or_(OperationInstance.completed_at.is_(None), OperationInstance.completed_at >= start),
        )
    ):
        planned[center] += quantity
    return [
        OutputLine(center, planned[center], good[center], scrap[center])
        for center in sorted(centers)
        if planned[center] or good[center] or scrap[center]
    ]


def _overrides(
    session: Session, centers: set[str], start: datetime, at: datetime, names: dict[str, str]
) -> list[OverrideLine]:
    rows = session.execute(
        select(PriorityOverride)
        .join(OperationInstance, OperationInstance.id == PriorityOverride.operation_id)
        .where(
            OperationInstance.work_center_code.in_(sorted(centers)),
            PriorityOverride.created_at >= start,
            PriorityOverride.created_at < at,
        )
        .order_by(PriorityOverride.created_at)
    ).scalars()
    return [
        OverrideLine(
            as_utc(o.created_at),
            names.get(o.created_by, o.created_by),
            o.operation_id,
            o.kind.value,
            o.reason,
        )
        for o in rows
    ]


def _refused(
    session: Session, history: History, centers: set[str], start: datetime, at: datetime
) -> list[RefusedPosting]:
    found: list[tuple[PostingHistory, datetime]] = []
    for posting in history.postings.values():
        if posting.work_center not in centers:
            continue
        refusals = [f.at for f in posting.failures if f.at < at]
        settled_before = posting.acknowledged_at(start) is not None or posting.cancelled_by(start)
        # refused in the shift, or refused before and still waiting for a person then
        if refusals and not settled_before:
            found.append((posting, refusals[-1]))
    errors = dict(
        session.execute(
            select(ErpPosting.id, ErpPosting.last_error).where(
                ErpPosting.id.in_([p.id for p, _ in found])
            )
        ).all()
    )
    return [
        RefusedPosting(
            id=p.id,
            kind=p.kind,
            work_order=p.work_order,
            work_center=p.work_center,
            refused_at=at_,
            error=errors.get(p.id),
            settled=p.acknowledged_at(at) is not None or p.cancelled_by(at),
        )
        for p, at_ in sorted(found, key=lambda f: f[1])
    ]


def _sla_text(line: ExceptionLine) -> str:
    return f"{line.sla.value} {line.due_at.isoformat(timespec='minutes')}"


def open_items(
    view_exceptions: tuple[ExceptionLine, ...],
    refused: tuple[RefusedPosting, ...],
) -> list[tuple[str, str, str | None, str | None]]:
    """(key, summary, owner, sla) of what is still open at the end of the shift."""
    items: list[tuple[str, str, str | None, str | None]] = [
        (e.key, f"{e.work_center or '-'}: {e.summary}"[:200], e.owner, _sla_text(e))
        for e in view_exceptions
    ]
    items.extend(
        (
            r.key,
            f"ERP {r.kind.replace('_', ' ')} {r.work_order or ''}: {r.error or ''}".strip()[:200],
            None,
            None,
        )
        for r in refused
        if not r.settled
    )
    return items


def handover_view(
    session: Session,
    shift: ShiftRef,
    now: datetime,
    history: History | None = None,
) -> HandoverView:
    """The handover of `shift` as it stands `now`."""
    history = history if history is not None else load_history(session)
    names = people_names(session)
    at = min(shift.end, now)
    start = shift.start
    centers = set(
        session.scalars(select(WorkCenter.code).where(WorkCenter.area_code == shift.area))
    )
    mine = [e for e in history.exceptions.values() if _work_center_of(history, e) in centers]
    raised = [e for e in mine if start <= e.raised.at < at]
    resolved = [
        e
        for e in mine
        if e.raised.at < at
        and (res := e.state_at(at).resolution) is not None
        and start <= res.at < at
    ]
    still_open = [e for e in mine if e.raised.at < at and e.state_at(at).is_open]
    still_open_lines = tuple(_exception_line(history, e, at, names) for e in still_open)
    refused = tuple(_refused(session, history, centers, start, at))
    handover = session.get(Handover, shift.id)
    area_name = session.get(Area, shift.area)
    items: tuple[HandoverLine, ...]
    notes = {i.key: i for i in handover.items} if handover is not None else {}
    if handover is not None and handover.status is not HandoverStatus.OPEN:
        items = tuple(
            HandoverLine(
                i.key,
                i.summary,
                i.owner,
                i.sla,
                i.note,
                i.status,
                i.query,
                i.answer,
                names.get(i.decided_by or "", i.decided_by),
            )
            for i in handover.items
            if i.handed_over
        )
    else:
        items = tuple(
            HandoverLine(
                key,
                summary,
                owner,
                sla,
                notes[key].note if key in notes else None,
                HandoverItemStatus.OPEN,
                None,
                None,
                None,
            )
            for key, summary, owner, sla in open_items(still_open_lines, refused)
        )
    return HandoverView(
        shift=shift,
        area_name=area_name.name if area_name is not None else shift.area,
        as_of=at,
        status=handover.status if handover is not None else HandoverStatus.OPEN,
        note=handover.note if handover is not None else None,
        outgoing=names.get(handover.outgoing_user or "", handover.outgoing_user)
        if handover is not None
        else None,
        outgoing_id=handover.outgoing_user if handover is not None else None,
        signed_by=names.get(handover.signed_by or "", handover.signed_by)
        if handover is not None
        else None,
        raised=tuple(_exception_line(history, e, at, names) for e in raised),
        resolved=tuple(_exception_line(history, e, at, names) for e in resolved),
        still_open=still_open_lines,
        downtime=tuple(_downtime(history, centers, start, at)),
        output=tuple(_output(session, history, centers, start, at)),
        overrides=tuple(_overrides(session, centers, start, at, names)),
        refused=refused,
        items=items,
    )


def unsigned_handovers(session: Session, areas: set[str] | None = None) -> list[UnsignedHandover]:
    """Handovers handed over and not signed yet (what the board header warns of)."""
    query = select(Handover).where(Handover.status == HandoverStatus.SUBMITTED)
    if areas is not None:
        query = query.where(Handover.area_code.in_(sorted(areas)))
    names = people_names(session)
    return [
        UnsignedHandover(
            h.id,
            h.area_code,
            f"{h.shift_day.isoformat()} {h.shift_name}",
            names.get(h.outgoing_user or "", h.outgoing_user),
        )
        for h in session.scalars(query.order_by(Handover.shift_day, Handover.id))
    ]


def areas(session: Session) -> list[tuple[str, str]]:
    """(code, name) of every area, by code."""
    return [
        (code, name)
        for code, name in session.execute(select(Area.code, Area.name).order_by(Area.code))
    ]


@dataclass(frozen=True, slots=True)
class HandoverScreen:
    """What the handover screen shows: the areas to pick from, the area's recent shifts
    (latest first) and the handover of the picked one (None: the area has no shifts)."""

    areas: tuple[tuple[str, str], ...]
    area: str | None
    shifts: tuple[ShiftRef, ...]
    view: HandoverView | None


def handover_screen(
    session: Session, area: str | None, shift_id: str | None, now: datetime
) -> HandoverScreen:
    """The screen for `area` (None: the first) and shift `shift_id` (None or gone: the
    shift running now, else the last one)."""
    known = tuple(areas(session))
    codes = [code for code, _ in known]
    if area not in codes:
        area = codes[0] if codes else None
    if area is None:
        return HandoverScreen(known, None, (), None)
    shifts = tuple(recent_shifts(session, area, now))
    picked = next((s for s in shifts if s.id == shift_id), shifts[0] if shifts else None)
    view = handover_view(session, picked, now) if picked is not None else None
    return HandoverScreen(known, area, shifts, view)
