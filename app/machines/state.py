"""One work center's machine state: signals and clock ticks in, decisions out. Pure.

The state shown is one of running, idle, down, signal lost and planned stop:

- running whenever the machine says so (in a shift or not: parts made outside a shift
  are still made);
- otherwise planned stop outside production time (outside shifts, inside breaks), also
  when the signal is lost then: nothing is expected of the machine;
- otherwise signal lost when the source cannot tell (`SignalLost`, a state reading of
  STALE, BAD or UNCERTAIN quality, a state value the mapping lacks, no reading yet);
- otherwise idle or down, as the machine says.

Stops and downtime:

- a stop begins when a running machine stops (idle or down) in production time and ends
  when anything else is shown. Ended by running within the micro-stop threshold, it is a
  micro-stop: counted (a performance loss), never raised. A stop lasting exactly the
  threshold is still a micro-stop: 60 s at a 60 s threshold is a micro-stop, 60.001 s is
  not;
- a downtime opens when the machine has been down (or idle, where
  `idle_opens_downtime`) without a break for longer than the threshold, decided on the
  tick or the signal that comes after that moment; it is dated at that moment
  (`since` + threshold) and starts at `since`, so every host decides the same facts;
- running again closes it, with its duration. Nothing else does: an open downtime stays
  open while the signal is lost, while the machine stands idle, and through a planned
  stop; at most one is open per work center;
- a planned stop, a loss of signal, or an unmapped value never opens a downtime, and a
  down period they interrupt starts counting afresh after them.

Time: decisions never go back in time. A state reading older than the latest state
information (an earlier reading, a loss of signal) is out of order and ignored; a newer
one that arrives after the machine has already moved on (a shift boundary, a downtime
opened by a tick) takes effect at that later moment. Counter, fault and cycle-time
readings are ordered the same way, each metric on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from app.errors import ValidationError
from app.i18n import tr
from app.machines.calendar import ShiftCalendar
from app.machines.decisions import (
    NO_REASON_GIVEN,
    Decision,
    DowntimeClosed,
    DowntimeOpened,
    MachineState,
    MicroStop,
    PartsMade,
    ReasonAnswered,
    StateChanged,
    UnusableReading,
    downtime_key,
)
from app.machines.mapping import DEFAULT_REASON_EDIT_WINDOW, WorkCenterMapping, value_key
from app.machines.signals import Quality, Reading, Signal, SignalLost, Value
from app.routing.reasons import ReasonTree

_STOPPED = (MachineState.IDLE, MachineState.DOWN)


@dataclass(frozen=True, slots=True)
class OpenDowntime:
    """The downtime a work center has open (restore one with `WorkCenterMachine(...,
    open_downtime=...)` after a restart, from the exceptions the log holds)."""

    work_center: str
    since: datetime
    fault_code: str | None
    reason_code: str | None  # mapped from the fault code, or answered; None: not yet
    reason_answered: bool = False

    @property
    def key(self) -> str:
        return downtime_key(self.work_center, self.since)

    @property
    def reason_label(self) -> str:
        return self.reason_code or NO_REASON_GIVEN


@dataclass(frozen=True, slots=True)
class MachineStatus:
    """What a screen or `takt machines status` shows of one work center now."""

    work_center: str
    state: MachineState | None  # None: nothing heard or ticked yet
    since: datetime | None
    detail: str
    open_downtime: OpenDowntime | None
    fault_code: str | None
    counter: int | None
    cycle_seconds: float | None
    micro_stops: int
    micro_stop_time: timedelta
    ignored_readings: int  # out of order, or of a quality that says nothing


def _as_count(value: Value) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    return value if value >= 0 else None


def _as_number(value: Value) -> float | None:
    if value is None or isinstance(value, bool | str):
        return None
    number = float(value)
    return number if number == number and number not in (float("inf"), float("-inf")) else None


class WorkCenterMachine:
    """The state machine of one mapped work center.

    Feed it every `Signal` whose source, device and metric its mapping mentions (the
    registry does), and `tick(now)` now and then (every second or so) so a stop that
    lasts is raised without waiting for the next reading. Each call returns the
    decisions it made, in time order.
    """

    def __init__(
        self,
        mapping: WorkCenterMapping,
        calendar: ShiftCalendar | None = None,
        *,
        reason_edit_window: timedelta = DEFAULT_REASON_EDIT_WINDOW,
        reasons: ReasonTree | None = None,
        open_downtime: OpenDowntime | None = None,
    ) -> None:
        self.mapping = mapping
        self.work_center = mapping.code
        self.calendar = calendar or ShiftCalendar.around_the_clock()
        self.reason_edit_window = reason_edit_window
        self.reasons = reasons
        self._threshold = mapping.micro_stop
        self._raw: MachineState | None = None  # what the machine says; None: unknown
        self._detail = "no state reading yet"
        self._producing = True
        self._state: MachineState | None = None
        self._since: datetime | None = None
        self._first: datetime | None = None
        self._floor: datetime | None = None  # decisions are never dated before it
        self._boundary: tuple[datetime, datetime | None] | None = None  # (from, next change)
        self._totals: dict[MachineState, timedelta] = {}
        self._seen: dict[str, datetime] = {}  # metric role -> latest reading's time
        self._state_info_at: datetime | None = None  # latest state reading or loss
        self._stop_since: datetime | None = None
        self._down_since: datetime | None = None
        self._downtime = open_downtime
        self._closed: dict[str, tuple[datetime, str | None]] = {}  # key -> editable until
        self._fault: str | None = None
        self._stop_fault: str | None = None  # the last fault code since it last began running
        self._counter: int | None = None
        self._cycle: float | None = None
        self._micro_stops = 0
        self._micro_time = timedelta(0)
        self._ignored = 0
        self._out: list[Decision] = []

    # -- what it knows ---------------------------------------------------------------------

    @property
    def state(self) -> MachineState | None:
        return self._state

    @property
    def since(self) -> datetime | None:
        return self._since

    @property
    def started_at(self) -> datetime | None:
        """The moment of its first signal or tick: where its state durations start."""
        return self._first

    @property
    def latest(self) -> datetime | None:
        """The latest moment it has decided up to: no later decision is dated before it."""
        return self._floor

    @property
    def open_downtime(self) -> OpenDowntime | None:
        return self._downtime

    def status(self) -> MachineStatus:
        return MachineStatus(
            self.work_center,
            self._state,
            self._since,
            self._detail,
            self._downtime,
            self._fault,
            self._counter,
            self._cycle,
            self._micro_stops,
            self._micro_time,
            self._ignored,
        )

    def durations(self, until: datetime | None = None) -> dict[MachineState, timedelta]:
        """Time spent in each state from `started_at` to `until` (default: the latest
        moment decided); they add up to exactly the time covered."""
        totals = dict(self._totals)
        end = until or self._floor
        if self._state is not None and self._since is not None and end is not None:
            totals[self._state] = totals.get(self._state, timedelta(0)) + max(
                end - self._since, timedelta(0)
            )
        return totals

    # -- input ----------------------------------------------------------------------------

    def handle(self, signal: Signal) -> list[Decision]:
        self._out = []
        if isinstance(signal, SignalLost):
            self._signal_lost(signal)
        else:
            for role, ref in self.mapping.metrics():
                if (signal.source, signal.device, signal.metric) == ref.address:
                    self._reading(role, signal)
        return self._out

    def tick(self, now: datetime) -> list[Decision]:
        """The clock moved on to `now`: raise what lasted long enough, follow the shifts."""
        self._out = []
        if now.tzinfo is None:
            return []
        if self._floor is None:
            self._start(now)
            self._settle(now, self._detail)
        elif now > self._floor:
            self._run_timed(now)
        return self._out

    def answer_reason(self, key: str, reason_code: str, at: datetime) -> list[Decision]:
        """An operator gave the reason of downtime `key` (open, or closed within the edit
        window): the reason the downtime carries from now on."""
        if self.reasons is not None and self.reasons.reason(reason_code) is None:
            raise ValidationError.one(
                "reason_code", tr("{code} is no downtime reason", code=repr(reason_code))
            )
        if self._downtime is not None and self._downtime.key == key:
            self._downtime = replace(self._downtime, reason_code=reason_code, reason_answered=True)
        else:
            closed = self._closed.get(key)
            if closed is None:
                raise ValidationError.one(
                    "downtime",
                    tr("no downtime {key} of {work_center}", key=key, work_center=self.work_center),
                )
            if at > closed[0]:
                raise ValidationError.one(
                    "reason_code",
                    tr(
                        "the reason of {key} could be changed until {until}",
                        key=key,
                        until=closed[0].isoformat(),
                    ),
                )
            self._closed[key] = (closed[0], reason_code)
        return [ReasonAnswered(self.work_center, at, key, reason_code)]

    # -- inside ---------------------------------------------------------------------------

    def _start(self, at: datetime) -> None:
        self._first = self._floor = at
        self._producing = self.calendar.in_production(at)

    def _begin(self, at: datetime) -> datetime:
        """Advance to `at` (never back): timed decisions up to it first. Returns the
        moment the input takes effect."""
        if self._floor is None:
            self._start(at)
            return at
        effective = max(at, self._floor)
        self._run_timed(effective)
        self._floor = effective
        return effective

    def _next_boundary(self) -> datetime | None:
        assert self._floor is not None
        cached = self._boundary
        if cached is None or (cached[1] is not None and cached[1] <= self._floor):
            cached = (self._floor, self.calendar.next_change(self._floor))
            self._boundary = cached
        return cached[1]

    def _threshold_at(self) -> datetime | None:
        if self._downtime is not None or self._down_since is None:
            return None
        return self._down_since + self._threshold

    def _run_timed(self, until: datetime) -> None:
        """Shift boundaries up to and at `until`, thresholds passed before `until`."""
        while True:
            boundary = self._next_boundary()
            crossing = self._threshold_at()
            if boundary is not None and boundary > until:
                boundary = None
            if crossing is not None and crossing >= until:
                crossing = None
            if boundary is not None and (crossing is None or boundary <= crossing):
                # at the same moment a shift ends first: a stop of exactly the threshold
                # that meets a planned stop was never longer than the threshold
                self._floor = boundary
                self._producing = self.calendar.in_production(boundary)
                self._settle(boundary, "shift started" if self._producing else "planned stop")
            elif crossing is not None:
                self._floor = crossing
                self._open(crossing)
            else:
                return

    def _effective(self) -> MachineState:
        if self._raw is MachineState.RUNNING:
            return MachineState.RUNNING
        if not self._producing:
            return MachineState.PLANNED_STOP
        if self._raw is None:
            return MachineState.SIGNAL_LOST
        return self._raw

    def _raises(self, state: MachineState | None) -> bool:
        return state is MachineState.DOWN or (
            state is MachineState.IDLE and self.mapping.idle_opens_downtime
        )

    def _settle(self, at: datetime, detail: str) -> None:
        new, old = self._effective(), self._state
        if new is old:
            return
        duration = timedelta(0)
        if old is not None and self._since is not None:
            duration = at - self._since
            self._totals[old] = self._totals.get(old, timedelta(0)) + duration
        fault = (self._fault or self._stop_fault) if new in _STOPPED else None
        self._out.append(StateChanged(self.work_center, at, new, old, duration, detail, fault))
        self._state, self._since = new, at

        if new in _STOPPED:
            if old is MachineState.RUNNING:
                self._stop_since = at
        else:
            stop = self._stop_since
            if (
                new is MachineState.RUNNING
                and stop is not None
                and self._downtime is None
                and at - stop <= self._threshold
            ):
                self._micro_stops += 1
                self._micro_time += at - stop
                micro = MicroStop(self.work_center, at, stop, at - stop, self._stop_fault)
                self._out.append(micro)
            self._stop_since = None
        if not self._raises(new):
            self._down_since = None
        elif not self._raises(old):
            self._down_since = at
        if new is MachineState.RUNNING:
            if self._downtime is not None:
                self._close(at)
            self._stop_fault = None

    def _open(self, at: datetime) -> None:
        since = self._down_since
        assert since is not None
        code = self._fault or self._stop_fault
        reason = self.mapping.fault.reason_of(code) if self.mapping.fault else None
        self._downtime = OpenDowntime(self.work_center, since, code, reason)
        self._down_since = None
        self._out.append(DowntimeOpened(self.work_center, at, since, code, reason))

    def _close(self, at: datetime) -> None:
        downtime = self._downtime
        assert downtime is not None
        until = at + self.reason_edit_window
        self._closed = {k: v for k, v in self._closed.items() if v[0] >= at}
        self._closed[downtime.key] = (until, downtime.reason_code)
        self._downtime = None
        self._out.append(
            DowntimeClosed(
                self.work_center,
                at,
                downtime.since,
                at - downtime.since,
                downtime.fault_code,
                downtime.reason_code,
                until,
            )
        )

    def _signal_lost(self, signal: SignalLost) -> None:
        ref = self.mapping.state.ref
        if signal.source != ref.source or (signal.devices and ref.device not in signal.devices):
            return
        if signal.at.tzinfo is None:
            return
        if self._state_info_at is not None and signal.at < self._state_info_at:
            self._ignored += 1  # a newer reading already said what the machine does
            return
        at = self._begin(signal.at)
        self._state_info_at = signal.at
        self._raw = None
        self._detail = f"signal lost: {signal.reason}"
        self._settle(at, self._detail)

    def _unusable(self, reading: Reading, at: datetime, problem: str) -> None:
        self._out.append(
            UnusableReading(
                self.work_center,
                at,
                reading.source,
                reading.device,
                reading.metric,
                repr(reading.value),
                problem,
            )
        )

    def _reading(self, role: str, reading: Reading) -> None:
        if reading.at.tzinfo is None:
            at = self._floor or reading.at.replace(tzinfo=UTC)
            self._unusable(reading, at, "its time has no time zone")
            return
        latest = self._seen.get(role)
        if latest is not None and reading.at < latest:
            self._ignored += 1  # out of order: a newer value of this metric is known
            return
        info_at = self._state_info_at
        if role == "state" and info_at is not None and reading.at < info_at:
            self._ignored += 1
            return
        at = self._begin(reading.at)
        self._seen[role] = reading.at
        if role == "state":
            self._state_reading(reading, at)
        elif reading.quality is not Quality.GOOD:
            self._ignored += 1  # a count, fault or cycle of doubtful quality says nothing
        elif role == "parts":
            self._parts(reading, at)
        elif role == "fault":
            self._fault_reading(reading)
        else:
            seconds = _as_number(reading.value)
            if seconds is None or seconds < 0:
                self._unusable(reading, at, "a cycle time must be a number of at least 0")
            elif self.mapping.cycle_time is not None:
                self._cycle = seconds * self.mapping.cycle_time.seconds_per_unit
        if self._state is None:
            self._settle(at, self._detail)

    def _state_reading(self, reading: Reading, at: datetime) -> None:
        self._state_info_at = reading.at
        if reading.quality is not Quality.GOOD:
            self._raw = None
            self._detail = f"signal lost: {reading.quality} quality"
        else:
            state = self.mapping.state.table.state_of(reading.value)
            if state is None:
                problem = f"state value {value_key(reading.value)!r} is not in the mapping"
                self._unusable(reading, at, problem)
                self._raw = None
                self._detail = f"signal lost: {problem}"
            else:
                self._raw = state
                self._detail = f"{reading.metric} = {value_key(reading.value)}"
        self._settle(at, self._detail)

    def _parts(self, reading: Reading, at: datetime) -> None:
        count = _as_count(reading.value)
        if count is None:
            self._unusable(reading, at, "a part counter must be a whole number of at least 0")
            return
        last, self._counter = self._counter, count
        if last is None or count == last:
            return  # the first value is where counting starts
        reset = count < last
        delta = count - last
        if reset:
            rollover = self.mapping.parts.rollover if self.mapping.parts else None
            wrapped = rollover is not None and last >= rollover - rollover // 10
            delta = (rollover - last + count) if wrapped and rollover else count
        if delta > 0:
            self._out.append(
                PartsMade(
                    self.work_center,
                    at,
                    delta,
                    count,
                    reset,
                    self.mapping.auto_confirm,
                    self._cycle,
                )
            )

    def _fault_reading(self, reading: Reading) -> None:
        fault = self.mapping.fault
        if fault is None:
            return
        self._fault = fault.code_of(reading.value)
        if self._fault is not None:
            self._stop_fault = self._fault
        downtime = self._downtime
        if downtime is not None and downtime.fault_code is None and self._fault is not None:
            reason = downtime.reason_code
            if not downtime.reason_answered:
                reason = reason or fault.reason_of(self._fault)
            self._downtime = replace(downtime, fault_code=self._fault, reason_code=reason)
