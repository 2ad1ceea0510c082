"""When a work center is meant to produce: its shifts, less their breaks.

The work-center state machines (app/machines/state.py) read only `in_production` and
`next_change`; everything outside a shift, and inside a configured break, is a planned
stop. Shifts are the plant's (`ShiftSpec` of `ShiftCalendarDefined`, the `shifts` table
of a plant file); breaks come from the machine mapping file, since the plant's calendar
has none. Times are local to the site; the answers are aware UTC datetimes.

A shift belongs to the weekday it starts on: a night shift "1234" from 22:00 to 06:00
runs Monday 22:00 to Tuesday 06:00, ..., Thursday 22:00 to Friday 06:00. `ends` at or
before `starts` means the shift crosses midnight (equal: 24 hours).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Protocol
from zoneinfo import ZoneInfo

_DAY = timedelta(days=1)
_WINDOW_DAYS = 9  # a calendar repeats weekly: nine days always hold the next change


class ShiftLike(Protocol):
    """What a shift needs to say: `ShiftSpec` (app/events/payloads.py) and the model's
    `Shift` row both do."""

    @property
    def name(self) -> str: ...
    @property
    def weekdays(self) -> str: ...
    @property
    def starts(self) -> time: ...
    @property
    def ends(self) -> time: ...


@dataclass(frozen=True, slots=True)
class ShiftWindow:
    name: str
    weekdays: frozenset[int]  # ISO weekdays the shift starts on, 1 = Monday
    starts: time
    ends: time

    @classmethod
    def of(cls, spec: ShiftLike) -> ShiftWindow:
        return cls(spec.name, frozenset(int(d) for d in spec.weekdays), spec.starts, spec.ends)


@dataclass(frozen=True, slots=True)
class BreakWindow:
    """A break inside shifts: no production, so a stop in it is a planned stop.

    `shift`: only during that shift (by name), else during any shift of the calendar;
    `weekdays`: only on breaks starting on those ISO weekdays, else every day.
    """

    starts: time
    ends: time
    shift: str | None = None
    weekdays: frozenset[int] | None = None


Interval = tuple[datetime, datetime]  # aware UTC, [start, end)


def local_moment(day: date, at: time, zone: tzinfo) -> datetime:
    return datetime.combine(day, at.replace(tzinfo=None), tzinfo=zone).astimezone(UTC)


def shift_span(day: date, starts: time, ends: time, zone: tzinfo) -> Interval:
    end_day = day + _DAY if ends <= starts else day
    return local_moment(day, starts, zone), local_moment(end_day, ends, zone)


def subtract(intervals: list[Interval], cut: Interval) -> list[Interval]:
    out: list[Interval] = []
    for start, end in intervals:
        if cut[1] <= start or cut[0] >= end:
            out.append((start, end))
            continue
        if start < cut[0]:
            out.append((start, cut[0]))
        if cut[1] < end:
            out.append((cut[1], end))
    return out


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class ShiftCalendar:
    """Production time of one work center. Pure; build one in a test with plain values."""

    def __init__(
        self,
        shifts: Iterable[ShiftWindow],
        breaks: Iterable[BreakWindow] = (),
        zone: tzinfo = UTC,
        *,
        always: bool = False,
    ) -> None:
        self.shifts = tuple(shifts)
        self.breaks = tuple(breaks)
        self.zone = zone
        self.always = always
        self._days: dict[date, list[Interval]] = {}

    @classmethod
    def around_the_clock(cls) -> ShiftCalendar:
        """Production all the time: no planned stops (a work center with no calendar)."""
        return cls((), always=True)

    @classmethod
    def from_specs(
        cls, shifts: Iterable[ShiftLike], zone: tzinfo | str, breaks: Iterable[BreakWindow] = ()
    ) -> ShiftCalendar:
        """From the plant's shifts (`ShiftSpec`s or `Shift` rows) and the site's zone."""
        return cls(
            (ShiftWindow.of(s) for s in shifts),
            breaks,
            ZoneInfo(zone) if isinstance(zone, str) else zone,
        )

    def _shifts_of(self, day: date) -> list[Interval]:
        """Production intervals of the shifts starting on local `day`, breaks cut out."""
        cached = self._days.get(day)
        if cached is not None:
            return cached
        out: list[Interval] = []
        for shift in self.shifts:
            if day.isoweekday() not in shift.weekdays:
                continue
            intervals = [shift_span(day, shift.starts, shift.ends, self.zone)]
            for pause in self.breaks:
                if pause.shift is not None and pause.shift != shift.name:
                    continue
                for offset in (-1, 0, 1):
                    on = day + offset * _DAY
                    if pause.weekdays is not None and on.isoweekday() not in pause.weekdays:
                        continue
                    intervals = subtract(
                        intervals, shift_span(on, pause.starts, pause.ends, self.zone)
                    )
            out.extend(intervals)
        if len(self._days) > 64:
            self._days.clear()
        self._days[day] = out
        return out

    def _window(self, at: datetime, days: int) -> tuple[list[Interval], datetime]:
        first = at.astimezone(self.zone).date() - _DAY
        merged = _merge(
            interval for n in range(days + 1) for interval in self._shifts_of(first + n * _DAY)
        )
        return merged, local_moment(first + (days + 1) * _DAY, time(0), self.zone)

    def in_production(self, at: datetime) -> bool:
        """Is `at` inside a shift and outside its breaks?"""
        if self.always:
            return True
        merged, _ = self._window(at, 1)
        return any(start <= at < end for start, end in merged)

    def next_change(self, after: datetime) -> datetime | None:
        """The first moment strictly after `after` when `in_production` changes (None: never)."""
        if self.always:
            return None
        merged, horizon = self._window(after, _WINDOW_DAYS)
        for start, end in merged:
            if start > after:
                return start
            if start <= after < end:
                # a calendar that produces through the whole window produces always
                return None if end >= horizon else end
        return None


@dataclass(frozen=True, slots=True)
class _PlantShift:
    name: str
    weekdays: str
    starts: time
    ends: time


def _clock(value: Any) -> time:
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def plant_calendars(
    plant: Mapping[str, Any], breaks: Mapping[str, Iterable[BreakWindow]] | None = None
) -> dict[str, ShiftCalendar]:
    """One calendar per work center of a plant file (resources/demo/plant.toml's shape).

    `breaks`: per calendar code (`MachineMapping.breaks_by_calendar()`). A work center
    with no calendar produces around the clock.
    """
    zone = ZoneInfo(str(plant.get("site", {}).get("timezone", "UTC")))
    breaks = breaks or {}
    by_code: dict[str, ShiftCalendar] = {}
    for raw in plant.get("calendars", []):
        shifts = [
            _PlantShift(s["name"], str(s["weekdays"]), _clock(s["starts"]), _clock(s["ends"]))
            for s in raw.get("shifts", [])
        ]
        by_code[raw["code"]] = ShiftCalendar.from_specs(shifts, zone, breaks.get(raw["code"], ()))
    return {
        wc["code"]: by_code.get(wc.get("calendar") or "", ShiftCalendar.around_the_clock())
        for wc in plant.get("work_centers", [])
    }
