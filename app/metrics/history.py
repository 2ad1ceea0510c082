"""The log read once into a compact history: what every metric and the audit work from.

One record per exception (raised, acknowledgements, reassignments, deadlines passed,
resolutions, reopenings, closings, its tasks and its ERP postings), per posting (the
floor event that queued it, failures, acknowledgement, cancellation), per downtime span,
micro-stop, operation start and priority override, and what the plant is (work centers,
areas, calendars, time zones) and what the orders hold (for "affected" jobs).

Lists keep every transition with its moment, so a metric can ask how things stood at
any moment (`ExceptionHistory.state_at`): a period's figures are the log as it stood at
the period's end. Moments are on the server's clock (app.events.servertime): an event's
`occurred_at` corrected by its terminal's measured offset, never later than the server
received it; deadlines move with their event, as the projections move them.

The records are built by app.metrics.loader and are not to be changed afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, tzinfo
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.machines.calendar import ShiftCalendar
from app.priority.gc_pause import cyclic_gc_paused


class Stamp(NamedTuple):
    """Someone did something at a moment, in an event."""

    at: datetime
    by: str
    event_id: str


class Reassignment(NamedTuple):
    at: datetime
    by: str
    owner_role: str
    owner_user: str | None
    reason: str


class DeadlineFact(NamedTuple):
    """An SLA breached ("sla:ack", "sla:resolve") or an escalation tier reached
    ("escalation:2"), as the server recorded it."""

    fact: str
    at: datetime  # recorded
    due_at: datetime
    to_role: str | None

    @property
    def tier(self) -> int:
        """The escalation tier (0 for an SLA breach)."""
        return int(self.fact.split(":")[1]) if self.fact.startswith("escalation:") else 0


class Resolution(NamedTuple):
    """A decision that resolved the exception (a person's, or its machine running again).

    `at`: when it ended (a machine's own moment for its downtime); `postings`: the ERP
    postings it queued."""

    at: datetime
    by: str
    event_id: str
    decision: str
    root_cause: str | None
    postings: tuple[str, ...]
    by_machine: bool = False


class Reopening(NamedTuple):
    at: datetime
    by: str
    reason: str


@dataclass(slots=True)
class TaskHistory:
    id: str
    exception_id: str
    function: str
    action: str
    created_at: datetime
    due_at: datetime | None
    acknowledged: Stamp | None = None  # by task.acknowledged, or by task.done
    done: Stamp | None = None

    def acknowledged_at(self, moment: datetime) -> datetime | None:
        """When the function acknowledged it, if it had by `moment`."""
        ack = self.acknowledged
        return ack.at if ack is not None and ack.at < moment else None


class State(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"


class ExceptionState(NamedTuple):
    """An exception as it stood at a moment."""

    state: State
    owner_role: str
    owner_user: str | None
    acknowledged: Stamp | None  # first acknowledged (or worked on) by then
    resolution: Resolution | None  # the decision standing then (None: open)
    root_cause: str | None  # its root cause then (a downtime's reason may come later)
    reassignments: int
    escalation_tier: int
    reopenings: int
    ever_resolved: bool  # resolved at least once by then (even if reopened since)

    @property
    def is_open(self) -> bool:
        return self.state is State.OPEN


@dataclass(slots=True)
class ExceptionHistory:
    id: str
    kind: str
    channel: str
    severity: str
    summary: str
    raised: Stamp
    rule: str
    owner_role: str  # as routed when raised
    owner_user: str | None
    ack_due: datetime  # on the server's clock, as the projection holds it
    resolve_due: datetime
    work_center: str | None = None
    work_order: str | None = None
    operation_id: str | None = None
    item: str | None = None
    quantity: float | None = None
    details: dict[str, object] = field(default_factory=dict)
    acknowledged: Stamp | None = None  # exception.acknowledged, or the first progress
    reassignments: list[Reassignment] = field(default_factory=list)
    deadlines: list[DeadlineFact] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    reopenings: list[Reopening] = field(default_factory=list)
    closings: list[Stamp] = field(default_factory=list)
    tasks: list[TaskHistory] = field(default_factory=list)
    postings: list[str] = field(default_factory=list)  # every posting its events queued
    reasons: list[tuple[datetime, str]] = field(default_factory=list)  # downtime reasons given

    @property
    def posting_due(self) -> bool:
        """The ERP must hear of it: a downtime (its length) or a quality hold."""
        return self.kind in ("machine_downtime", "quality_hold")

    def state_at(self, moment: datetime) -> ExceptionState:
        """How it stood just before `moment` (what the log said by then)."""
        owner_role, owner_user, moved = self.owner_role, self.owner_user, 0
        for r in self.reassignments:
            if r.at < moment:
                owner_role, owner_user, moved = r.owner_role, r.owner_user, moved + 1
        standing: Resolution | None = None
        last_end: datetime | None = None
        reopened = 0
        ever = False
        if not self.reopenings:
            for resolution in self.resolutions:
                if resolution.at < moment:
                    standing, last_end, ever = resolution, resolution.at, True
        else:
            # Resolutions and reopenings alternate in the log; the latest before
            # `moment` decides whether it stood resolved.
            steps: list[tuple[datetime, Resolution | None]] = [
                (r.at, r) for r in self.resolutions if r.at < moment
            ]
            for o in self.reopenings:
                if o.at < moment:
                    steps.append((o.at, None))
                    reopened += 1
            steps.sort(key=lambda s: s[0])
            for at, step in steps:
                standing = step
                if step is not None:
                    ever = True
                    last_end = at
        state = State.OPEN
        if standing is not None:
            state = State.RESOLVED
            if any(
                c.at < moment and last_end is not None and c.at >= last_end for c in self.closings
            ):
                state = State.CLOSED
        root_cause = standing.root_cause if standing is not None else None
        if standing is not None and last_end is not None:
            # A downtime's reason given after it ended becomes its root cause.
            for at, code in self.reasons:
                if last_end <= at < moment:
                    root_cause = code
        ack = self.acknowledged if self.acknowledged and self.acknowledged.at < moment else None
        tier = max((d.tier for d in self.deadlines if d.at < moment), default=0)
        return ExceptionState(
            state=state,
            owner_role=owner_role,
            owner_user=owner_user,
            acknowledged=ack,
            resolution=standing,
            root_cause=root_cause,
            reassignments=moved,
            escalation_tier=tier,
            reopenings=reopened,
            ever_resolved=ever,
        )

    def owner_at(self, moment: datetime) -> tuple[str, str | None]:
        """Who owned it just before `moment`."""
        owner = (self.owner_role, self.owner_user)
        for r in self.reassignments:
            if r.at < moment:
                owner = (r.owner_role, r.owner_user)
        return owner

    def first_response(self, moment: datetime) -> datetime | None:
        """When its owner first answered by `moment`: acknowledged, worked on it or
        resolved it, whichever came first."""
        times = [r.at for r in self.resolutions if r.at < moment]
        if self.acknowledged is not None and self.acknowledged.at < moment:
            times.append(self.acknowledged.at)
        return min(times, default=None)


@dataclass(slots=True)
class PostingHistory:
    """An ERP posting: the floor event that queued it and what became of it."""

    id: str
    kind: str  # PostingKind value
    event_id: str  # the floor event that queued it
    event_kind: str
    queued_at: datetime  # when that floor event happened
    by: str
    work_center: str | None = None
    work_order: str | None = None
    exception_id: str | None = None
    acknowledged: Stamp | None = None  # the ERP holds it (the lag's end)
    document: str | None = None
    failures: list[Stamp] = field(default_factory=list)
    cancelled: Stamp | None = None

    def acknowledged_at(self, moment: datetime) -> datetime | None:
        ack = self.acknowledged
        return ack.at if ack is not None and ack.at < moment else None

    def cancelled_by(self, moment: datetime) -> bool:
        cancel = self.cancelled
        return cancel is not None and cancel.at < moment and self.acknowledged_at(moment) is None


class DowntimeSource(StrEnum):
    MACHINE = "machine"  # a machine's signal opened it (channel machine)
    MANUAL = "manual"  # a person raised a downtime exception
    STATE = "state"  # a person set the machine state down, with no exception


@dataclass(slots=True)
class DowntimeSpan:
    """A work center down from `start` to `end` (None: not over when the log ends).

    A reopened downtime exception has one span per time it was open."""

    work_center: str
    source: DowntimeSource
    start: datetime
    end: datetime | None = None
    exception_id: str | None = None
    reason_code: str | None = None


class MicroStop(NamedTuple):
    work_center: str
    since: datetime
    seconds: float


@dataclass(slots=True)
class SignalLoss:
    """A machine whose signal was lost: neither running nor down as far as anyone knows."""

    work_center: str
    start: datetime
    end: datetime | None = None


class JobAction(NamedTuple):
    """Someone acted on a job: started it, or overrode its priority (pin, move, hold)."""

    at: datetime
    by: str
    operation_id: str
    action: str  # "started" or the override kind ("pin", "before", "after", "hold")
    event_id: str
    target_operation_id: str | None = None  # the job moved before or after


class OperationInfo(NamedTuple):
    id: str
    work_order: str
    work_center: str


class WorkOrderInfo(NamedTuple):
    number: str
    item: str
    materials: frozenset[str]


class _Shift(NamedTuple):
    name: str
    weekdays: str
    starts: time
    ends: time


@dataclass(slots=True)
class Plant:
    """The plant as the log defined it: enough to place a work center in its area,
    calendar and time zone."""

    site_zones: dict[str, str] = field(default_factory=dict)  # site -> IANA zone
    area_sites: dict[str, str] = field(default_factory=dict)  # area -> site
    work_center_areas: dict[str, str] = field(default_factory=dict)
    work_center_calendars: dict[str, str | None] = field(default_factory=dict)
    calendar_shifts: dict[str, tuple[_Shift, ...]] = field(default_factory=dict)
    _zones: dict[str, tzinfo] = field(default_factory=dict, repr=False, compare=False)
    _calendars: dict[tuple[str, str], ShiftCalendar] = field(
        default_factory=dict, repr=False, compare=False
    )

    def define_calendar(self, code: str, shifts: list[dict[str, object]]) -> None:
        self.calendar_shifts[code] = tuple(
            _Shift(
                str(s["name"]),
                str(s["weekdays"]),
                time.fromisoformat(str(s["starts"])),
                time.fromisoformat(str(s["ends"])),
            )
            for s in shifts
        )
        self._calendars.clear()

    def area_of(self, work_center: str | None) -> str | None:
        return self.work_center_areas.get(work_center) if work_center else None

    def _zone_named(self, name: str) -> tzinfo:
        zone = self._zones.get(name)
        if zone is None:
            try:
                zone = ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                zone = UTC
            self._zones[name] = zone
        return zone

    def zone_name_of(self, work_center: str | None) -> str:
        area = self.area_of(work_center)
        site = self.area_sites.get(area) if area else None
        if site is not None and site in self.site_zones:
            return self.site_zones[site]
        # A plant of one site (the usual case): its zone.
        return next(iter(self.site_zones.values()), "UTC")

    def zone_of(self, work_center: str | None) -> tzinfo:
        """The time zone of the work center's site (the plant's first site's if unknown)."""
        return self._zone_named(self.zone_name_of(work_center))

    def calendar_of(self, work_center: str) -> ShiftCalendar:
        """The work center's shift calendar from the log (without breaks: the plant's
        calendars have none); around the clock when it has none."""
        code = self.work_center_calendars.get(work_center)
        shifts = self.calendar_shifts.get(code) if code else None
        if not shifts:
            return _ALWAYS
        zone = self.zone_name_of(work_center)
        calendar = self._calendars.get((code or "", zone))
        if calendar is None:
            calendar = ShiftCalendar.from_specs(shifts, self._zone_named(zone))
            self._calendars[(code or "", zone)] = calendar
        return calendar


_ALWAYS = ShiftCalendar.around_the_clock()
T = TypeVar("T")


@dataclass(slots=True)
class History:
    """Everything the metrics read, from one pass over the log."""

    plant: Plant = field(default_factory=Plant)
    exceptions: dict[str, ExceptionHistory] = field(default_factory=dict)  # by raise order
    tasks: dict[str, TaskHistory] = field(default_factory=dict)
    postings: dict[str, PostingHistory] = field(default_factory=dict)
    downtimes: list[DowntimeSpan] = field(default_factory=list)
    micro_stops: list[MicroStop] = field(default_factory=list)
    signal_losses: list[SignalLoss] = field(default_factory=list)
    job_actions: list[JobAction] = field(default_factory=list)
    operations: dict[str, OperationInfo] = field(default_factory=dict)
    work_orders: dict[str, WorkOrderInfo] = field(default_factory=dict)
    events: int = 0  # events read (of the kinds the metrics read)
    first_at: datetime | None = None
    last_at: datetime | None = None
    # Events naming an exception, task or posting the log never introduced (a history
    # cut short, or acknowledgements of a posting this reader does not model).
    unmatched: int = 0
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """What `build` derives from this history, computed once per `key`: the metrics
        share their cases and indexes this way (a history does not change once read)."""
        try:
            found: T = self._memo[key]
        except KeyError:
            with cyclic_gc_paused():  # thousands of small acyclic records at once
                found = self._memo[key] = build()
        return found

    def exceptions_open_at(self, moment: datetime) -> list[ExceptionHistory]:
        """Exceptions raised before `moment` and not resolved by then (a handover's
        open items), in raise order."""
        return [
            e
            for e in self.exceptions.values()
            if e.raised.at < moment and e.state_at(moment).is_open
        ]
