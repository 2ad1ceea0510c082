"""Which shift a moment belongs to, and each shift's planned production time.

A shift belongs to the local day it starts on (app/machines/calendar.py): a night shift
from 22:00 to 06:00 that starts on Monday holds Tuesday 03:00. Local times become UTC
through the calendar's zone, so a shift across a daylight-saving change is as long as
the clocks make it (a 22:00-06:00 night is 7 hours when the clocks go forward, 9 when
they go back). Breaks are in the shift (a moment in a break belongs to it) but not in
its production time.

Shifts of one calendar are not meant to overlap; if they do, the shift that started
first keeps the overlap, so no moment and no second of planned time counts twice.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from app.machines.calendar import ShiftCalendar, local_moment, shift_span, subtract
from app.metrics.period import Period

_DAY = timedelta(days=1)
_CHUNK_DAYS = 32  # an index covers this many local days at a time

Span = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class ShiftOccurrence:
    """One shift on one day: `start`-`end` (UTC, breaks included); `production` is the
    planned production time in it (breaks cut out, overlaps with an earlier shift too)."""

    name: str
    day: date  # the local day it starts on
    start: datetime
    end: datetime
    production: tuple[Span, ...]

    @property
    def label(self) -> str:
        """'2026-03-28 night': the shift as a handover names it."""
        return f"{self.day.isoformat()} {self.name}"

    @property
    def production_seconds(self) -> float:
        return sum((end - start).total_seconds() for start, end in self.production)


def _occurrences_from(calendar: ShiftCalendar, first: date, days: int) -> list[ShiftOccurrence]:
    """Every shift starting on the local days first .. first+days-1, by start."""
    raw: list[tuple[datetime, datetime, str, date, list[Span]]] = []
    for n in range(days):
        day = first + n * _DAY
        for shift in calendar.shifts:
            if day.isoweekday() not in shift.weekdays:
                continue
            start, end = shift_span(day, shift.starts, shift.ends, calendar.zone)
            production = [(start, end)]
            for pause in calendar.breaks:
                if pause.shift is not None and pause.shift != shift.name:
                    continue
                for offset in (-1, 0, 1):
                    on = day + offset * _DAY
                    if pause.weekdays is not None and on.isoweekday() not in pause.weekdays:
                        continue
                    production = subtract(
                        production, shift_span(on, pause.starts, pause.ends, calendar.zone)
                    )
            raw.append((start, end, shift.name, day, production))
    raw.sort(key=lambda r: (r[0], r[2]))
    out: list[ShiftOccurrence] = []
    claimed = datetime.min.replace(tzinfo=UTC)
    for start, end, name, day, production in raw:
        kept = tuple((max(s, claimed), e) for s, e in production if e > claimed and e > s)
        out.append(ShiftOccurrence(name, day, min(max(start, claimed), end), end, kept))
        claimed = max(claimed, end)
    return out


class ShiftIndex:
    """Shift lookups for one calendar, fast enough for every event of a month.

    Occurrences are worked out once per block of local days and found by bisection.
    A calendar that produces around the clock has no shifts: `at` answers None.
    """

    def __init__(self, calendar: ShiftCalendar) -> None:
        self.calendar = calendar
        self._blocks: dict[int, tuple[list[float], list[ShiftOccurrence]]] = {}
        self._between: dict[Period, tuple[ShiftOccurrence, ...]] = {}

    def _block(self, number: int) -> tuple[list[float], list[ShiftOccurrence]]:
        block = self._blocks.get(number)
        if block is None:
            # One day before the block too: a shift that started then may reach into it.
            first = date.fromordinal(number * _CHUNK_DAYS) - _DAY
            occurrences = _occurrences_from(self.calendar, first, _CHUNK_DAYS + 1)
            block = ([o.start.timestamp() for o in occurrences], occurrences)
            self._blocks[number] = block
        return block

    def at(self, moment: datetime) -> ShiftOccurrence | None:
        """The shift `moment` falls in (breaks included), or None: off shift."""
        if self.calendar.always or not self.calendar.shifts:
            return None
        local_day = moment.astimezone(self.calendar.zone).date().toordinal()
        starts, occurrences = self._block(local_day // _CHUNK_DAYS)
        stamp = moment.timestamp()
        # Occurrences are disjoint and by start: only the last one started can hold it.
        n = bisect_right(starts, stamp) - 1
        if n >= 0 and stamp < occurrences[n].end.timestamp():
            return occurrences[n]
        return None

    def between(self, period: Period) -> tuple[ShiftOccurrence, ...]:
        """Every shift overlapping `period`, by start, clipped to it."""
        found = self._between.get(period)
        if found is None:
            found = self._between[period] = tuple(self._overlapping(period))
        return found

    def _overlapping(self, period: Period) -> list[ShiftOccurrence]:
        if self.calendar.always or not self.calendar.shifts:
            return []
        zone = self.calendar.zone
        first = period.start.astimezone(zone).date() - _DAY
        last = period.end.astimezone(zone).date()
        days = (last - first).days + 1
        out = []
        for found in _occurrences_from(self.calendar, first, days):
            if found.end <= period.start or found.start >= period.end:
                continue
            out.append(clip(found, period))
        return out


def clip(occurrence: ShiftOccurrence, period: Period) -> ShiftOccurrence:
    """The part of a shift inside `period`."""
    start, end = max(occurrence.start, period.start), min(occurrence.end, period.end)
    production = tuple(
        (max(s, period.start), min(e, period.end))
        for s, e in occurrence.production
        if e > period.start and s < period.end
    )
    return ShiftOccurrence(occurrence.name, occurrence.day, start, end, production)


def shift_at(calendar: ShiftCalendar, moment: datetime) -> ShiftOccurrence | None:
    """The shift of `calendar` that `moment` falls in, or None (off shift)."""
    return ShiftIndex(calendar).at(moment)


def shifts_between(calendar: ShiftCalendar, period: Period) -> list[ShiftOccurrence]:
    """The shifts of `calendar` overlapping `period`, clipped to it, by start."""
    return list(ShiftIndex(calendar).between(period))


def local_days(period: Period, zone: tzinfo) -> Iterator[Span]:
    """`period` cut at local midnights of `zone`: what an around-the-clock work center
    plans, a day at a time."""
    day = period.start.astimezone(zone).date()
    while True:
        start = max(local_moment(day, time(0), zone), period.start)
        end = min(local_moment(day + _DAY, time(0), zone), period.end)
        if start >= period.end:
            return
        if end > start:
            yield start, end
        day += _DAY
