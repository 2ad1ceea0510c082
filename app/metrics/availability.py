"""Availability from downtime, over planned production time, and micro-stops.

Planned production time is the work center's shift calendar (breaks out; around the
clock when it has none), cut into slices: one per shift (per local day around the
clock). Downtime is the union of
- machine downtimes (exceptions a machine's signal opened, from when it stopped to when
  it ran again),
- manual downtimes (downtime exceptions people raised, from the stop they named, else
  the raise, to their resolution; again from each reopening), and
- a machine state set down by a person, until the next state of that work center,
counted inside planned time only, as the log stood at the period's end (a downtime not
over by then counts up to the end). Availability = (planned - down) / planned.

Time without a machine signal (signal lost) is reported beside it, neither up nor down.
Micro-stops (under the downtime threshold) are counted where a machine reports them: in
the shift they started in, or in an off-shift slice (planned time 0) of their day.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from app.clock import as_utc
from app.machines.calendar import ShiftCalendar
from app.metrics.figures import Breakdown, Dimension, Facets, Key, key_order
from app.metrics.history import DowntimeSource, DowntimeSpan, History
from app.metrics.period import Period
from app.metrics.shifts import local_days

_Spans = list[tuple[float, float]]


@dataclass(frozen=True, slots=True)
class AvailabilitySlice:
    """One work center in one shift (or local day): what the figures add up from."""

    work_center: str
    area: str | None
    shift: str | None  # None: around the clock, or an off-shift slice
    day: str  # the local day the shift started on, ISO
    start: datetime
    end: datetime
    planned_s: float
    down_s: float
    machine_down_s: float
    manual_down_s: float
    signal_lost_s: float
    micro_stops: int
    micro_stop_s: float
    downtimes: tuple[str, ...]  # the downtimes overlapping its planned time

    def value(self, dimension: Dimension) -> str | None:
        if dimension is Dimension.WORK_CENTER:
            return self.work_center
        if dimension is Dimension.AREA:
            return self.area
        if dimension is Dimension.SHIFT:
            return self.shift
        if dimension is Dimension.DAY:
            return self.day
        return None


@dataclass(frozen=True, slots=True)
class Availability:
    """Seconds summed over slices; `downtimes` counts each downtime once."""

    planned_s: float
    down_s: float
    machine_down_s: float
    manual_down_s: float
    signal_lost_s: float
    downtimes: int
    micro_stops: int
    micro_stop_s: float
    slices: int
    ids: tuple[str, ...]  # the downtimes behind it (exception ids; "state:<wc>@<start>")

    @property
    def availability(self) -> float | None:
        return (self.planned_s - self.down_s) / self.planned_s if self.planned_s > 0 else None

    @classmethod
    def of(cls, slices: Iterable[AvailabilitySlice]) -> Availability:
        planned = down = machine = manual = lost = micro_s = 0.0
        micro = count = 0
        ids: dict[str, None] = {}
        for s in slices:
            count += 1
            planned += s.planned_s
            down += s.down_s
            machine += s.machine_down_s
            manual += s.manual_down_s
            lost += s.signal_lost_s
            micro += s.micro_stops
            micro_s += s.micro_stop_s
            ids.update(dict.fromkeys(s.downtimes))
        return cls(
            planned, down, machine, manual, lost, len(ids), micro, micro_s, count, tuple(ids)
        )


def _merge(spans: Iterable[tuple[float, float]]) -> _Spans:
    merged: _Spans = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _overlap(spans: _Spans, starts: list[float], start: float, end: float) -> float:
    """Seconds of the merged `spans` (their starts in `starts`) inside [start, end)."""
    total = 0.0
    n = max(0, bisect_right(starts, start) - 1)
    while n < len(spans) and spans[n][0] < end:
        s, e = spans[n]
        if e > start:
            total += min(e, end) - max(s, start)
        n += 1
    return total


def _span_id(span: DowntimeSpan) -> str:
    return span.exception_id or f"state:{span.work_center}@{span.start.isoformat()}"


def availability_slices(
    history: History,
    period: Period,
    *,
    calendars: Mapping[str, ShiftCalendar] | None = None,
    work_centers: Iterable[str] | None = None,
) -> tuple[AvailabilitySlice, ...]:
    """Every work center's slices in `period` (the plant's work centers, and any other
    the log saw a downtime or micro-stop on; or those named), by work center and time."""
    named = tuple(sorted(set(work_centers))) if work_centers is not None else None
    key = (
        "availability",
        period,
        tuple(sorted(calendars.items(), key=lambda kv: kv[0])) if calendars else None,
        named,
    )
    return history.memo(key, lambda: tuple(_slices(history, period, calendars, named)))


def _slices(
    history: History,
    period: Period,
    calendars: Mapping[str, ShiftCalendar] | None,
    work_centers: tuple[str, ...] | None,
) -> list[AvailabilitySlice]:
    facets = Facets(history, calendars)
    p0, p1 = period.start.timestamp(), period.end.timestamp()
    by_wc: dict[str, list[DowntimeSpan]] = {}
    for span in history.downtimes:
        by_wc.setdefault(span.work_center, []).append(span)
    lost_by_wc: dict[str, _Spans] = {}
    for loss in history.signal_losses:
        end = loss.end.timestamp() if loss.end is not None else p1
        lost_by_wc.setdefault(loss.work_center, []).append((loss.start.timestamp(), end))
    micro_by_wc: dict[str, list[tuple[float, float]]] = {}
    for stop in history.micro_stops:
        at = stop.since.timestamp()
        if p0 <= at < p1:
            micro_by_wc.setdefault(stop.work_center, []).append((at, stop.seconds))
    if work_centers is None:
        names = set(history.plant.work_center_areas) | set(by_wc) | set(micro_by_wc)
    else:
        names = set(work_centers)
    out: list[AvailabilitySlice] = []
    for wc in sorted(names):
        out.extend(_slices_of(wc, history, period, facets, by_wc, lost_by_wc, micro_by_wc))
    return out


def _slices_of(
    wc: str,
    history: History,
    period: Period,
    facets: Facets,
    by_wc: dict[str, list[DowntimeSpan]],
    lost_by_wc: dict[str, _Spans],
    micro_by_wc: dict[str, list[tuple[float, float]]],
) -> list[AvailabilitySlice]:
    p0, p1 = period.start.timestamp(), period.end.timestamp()
    area = history.plant.area_of(wc)
    zone = facets.zone(wc)
    calendar = facets.calendar(wc)
    # (shift name, local day, start, end, production spans)
    windows: list[tuple[str | None, str, datetime, datetime, _Spans]] = []
    if calendar.always or not calendar.shifts:
        for start, end in local_days(period, zone):
            day = start.astimezone(zone).date().isoformat()
            windows.append((None, day, start, end, [(start.timestamp(), end.timestamp())]))
    else:
        for occ in facets.shift_index(wc).between(period):
            production = [(s.timestamp(), e.timestamp()) for s, e in occ.production]
            windows.append((occ.name, occ.day.isoformat(), occ.start, occ.end, production))

    # Downtime as the log stood at the period's end: a span not over by then runs to it.
    spans = [
        (
            s,
            s.start.timestamp(),
            s.end.timestamp() if s.end is not None and s.end < period.end else p1,
        )
        for s in by_wc.get(wc, ())
        if s.start < period.end and (s.end is None or s.end > period.start)
    ]
    every = _merge((a, b) for _, a, b in spans)
    machine = _merge((a, b) for s, a, b in spans if s.source is DowntimeSource.MACHINE)
    manual = _merge((a, b) for s, a, b in spans if s.source is not DowntimeSource.MACHINE)
    lost = _merge((max(a, p0), min(b, p1)) for a, b in lost_by_wc.get(wc, ()))
    every_starts = [a for a, _ in every]
    machine_starts = [a for a, _ in machine]
    manual_starts = [a for a, _ in manual]
    lost_starts = [a for a, _ in lost]

    window_starts = [w[2].timestamp() for w in windows]
    window_ends = [w[3].timestamp() for w in windows]
    micro_in: dict[int, list[float]] = {}
    off_shift: dict[str, list[tuple[float, float]]] = {}
    for at, seconds in micro_by_wc.get(wc, ()):
        n = bisect_right(window_starts, at) - 1
        if n >= 0 and at < window_ends[n]:
            micro_in.setdefault(n, []).append(seconds)
        else:
            day = datetime.fromtimestamp(at, zone).date().isoformat()
            off_shift.setdefault(day, []).append((at, seconds))

    # Which downtimes overlap each window's planned time.
    ids_in: dict[int, list[str]] = {}
    for span, a, b in spans:
        n = max(0, bisect_right(window_starts, a) - 1)
        while n < len(windows) and window_starts[n] < b:
            if any(a < pe and b > ps for ps, pe in windows[n][4]):
                ids_in.setdefault(n, []).append(_span_id(span))
            n += 1

    out = []
    for n, (shift, day, start, end, production) in enumerate(windows):
        planned = down = on_machine = by_people = no_signal = 0.0
        for a, b in production:
            planned += b - a
            down += _overlap(every, every_starts, a, b)
            on_machine += _overlap(machine, machine_starts, a, b)
            by_people += _overlap(manual, manual_starts, a, b)
            no_signal += _overlap(lost, lost_starts, a, b)
        ids = tuple(dict.fromkeys(ids_in.get(n, ())))
        stops = micro_in.get(n, [])
        out.append(
            AvailabilitySlice(
                work_center=wc,
                area=area,
                shift=shift,
                day=day,
                start=start,
                end=end,
                planned_s=planned,
                down_s=down,
                machine_down_s=on_machine,
                manual_down_s=by_people,
                signal_lost_s=no_signal,
                micro_stops=len(stops),
                micro_stop_s=sum(stops),
                downtimes=ids,
            )
        )
    for day, found in sorted(off_shift.items()):
        # Planned time 0: only the micro-stops of the day outside its shifts, from the
        # first to the last.
        first = datetime.fromtimestamp(min(at for at, _ in found), zone)
        last = datetime.fromtimestamp(max(at for at, _ in found), zone)
        out.append(
            AvailabilitySlice(
                work_center=wc,
                area=area,
                shift=None,
                day=day,
                start=as_utc(first),
                end=as_utc(last),
                planned_s=0.0,
                down_s=0.0,
                machine_down_s=0.0,
                manual_down_s=0.0,
                signal_lost_s=0.0,
                micro_stops=len(found),
                micro_stop_s=sum(seconds for _, seconds in found),
                downtimes=(),
            )
        )
    return out


def availability(
    history: History,
    period: Period,
    by: Sequence[Dimension] = (Dimension.WORK_CENTER,),
    *,
    calendars: Mapping[str, ShiftCalendar] | None = None,
) -> Breakdown[Availability]:
    """Availability per work center unless told otherwise (AREA, SHIFT and DAY group
    too; other dimensions do not apply and group as None)."""
    slices = availability_slices(history, period, calendars=calendars)
    dims = tuple(by)
    groups: dict[Key, list[AvailabilitySlice]] = {}
    if dims:
        for s in slices:
            groups.setdefault(tuple(s.value(d) for d in dims), []).append(s)
    return Breakdown(
        by=dims,
        total=Availability.of(slices),
        groups={key: Availability.of(groups[key]) for key in sorted(groups, key=key_order)},
    )
