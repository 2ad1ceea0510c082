"""Production time from the plant's shifts and the mapping's breaks: planned stops."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, time, timedelta

from app.events.payloads import ShiftSpec
from app.machines.calendar import BreakWindow, ShiftCalendar, plant_calendars
from app.machines.mapping import load_mapping
from app.paths import resource

BERLIN = "Europe/Berlin"


def utc(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def three_shifts(*breaks: BreakWindow) -> ShiftCalendar:
    return ShiftCalendar.from_specs(
        [
            ShiftSpec(name="early", weekdays="12345", starts=time(6), ends=time(14)),
            ShiftSpec(name="late", weekdays="12345", starts=time(14), ends=time(22)),
            ShiftSpec(name="night", weekdays="1234", starts=time(22), ends=time(6)),
        ],
        BERLIN,
        breaks,
    )


def test_shifts_are_local_time_and_a_night_shift_belongs_to_the_day_it_starts() -> None:
    cal = three_shifts()
    # 23 Nov 2026 is a Monday; Berlin is UTC+1 in November
    assert not cal.in_production(utc(23, 4, 59))  # Monday 05:59: the week has not begun
    assert cal.in_production(utc(23, 5, 0))  # Monday 06:00
    assert cal.in_production(utc(24, 2))  # Tuesday 03:00, Monday's night shift
    assert cal.in_production(utc(27, 4, 59))  # Friday 05:59, Thursday's night shift
    assert cal.in_production(utc(27, 20, 59))  # Friday 21:59, late shift
    assert not cal.in_production(utc(27, 21, 0))  # Friday 22:00: no night shift on Friday
    assert not cal.in_production(utc(28, 12))  # Saturday


def test_next_change_skips_the_seams_between_shifts_and_crosses_the_weekend() -> None:
    cal = three_shifts()
    # Monday early -> late -> night -> Tuesday early ... run on without a change
    assert cal.next_change(utc(23, 5)) == utc(27, 21)  # Friday 22:00 local
    assert cal.next_change(utc(27, 21)) == utc(30, 5)  # the next Monday 06:00 local


def test_breaks_are_planned_stops_only_in_their_shift() -> None:
    cal = three_shifts(
        BreakWindow(time(9, 30), time(9, 45), shift="early"),
        BreakWindow(time(2), time(2, 30), shift="night"),
    )
    assert cal.in_production(utc(23, 8, 29))
    assert not cal.in_production(utc(23, 8, 30))  # 09:30 local
    assert cal.in_production(utc(23, 8, 45))
    assert cal.next_change(utc(23, 5)) == utc(23, 8, 30)
    assert cal.next_change(utc(23, 8, 30)) == utc(23, 8, 45)
    assert not cal.in_production(utc(24, 1, 10))  # Tuesday 02:10, Monday's night shift
    assert cal.in_production(utc(24, 1, 30))


def test_a_break_across_midnight_and_limited_to_weekdays() -> None:
    every = ShiftCalendar.from_specs(
        [ShiftSpec(name="all", weekdays="1234567", starts=time(0), ends=time(0))],
        "UTC",
        [BreakWindow(time(23, 50), time(0, 10), weekdays=frozenset({1}))],
    )
    assert not every.in_production(utc(23, 23, 55))  # Monday 23:55
    assert not every.in_production(utc(24, 0, 5))  # Tuesday 00:05, Monday's break
    assert every.in_production(utc(24, 23, 55))  # Tuesday 23:55: no break on Tuesday
    assert every.next_change(utc(24, 0, 5)) == utc(24, 0, 10)


def test_around_the_clock_never_stops() -> None:
    cal = ShiftCalendar.around_the_clock()
    assert cal.in_production(utc(28, 3))
    assert cal.next_change(utc(28, 3)) is None
    full_week = ShiftCalendar.from_specs(
        [ShiftSpec(name="all", weekdays="1234567", starts=time(6), ends=time(6))], BERLIN
    )
    assert full_week.in_production(utc(28, 3))
    assert full_week.next_change(utc(28, 3)) is None


def test_the_clock_change_moves_local_shifts() -> None:
    cal = three_shifts()
    # 30 March 2026 is a Monday; Berlin is UTC+2 from 29 March
    assert not cal.in_production(utc(30, 3, 59, month=3))
    assert cal.in_production(utc(30, 4, 0, month=3))
    assert cal.next_change(utc(27, 21, month=3)) == utc(30, 4, month=3)


def test_the_demo_plant_gives_every_work_center_its_calendar_with_the_mapped_breaks() -> None:
    plant = tomllib.loads(resource("demo", "plant.toml").read_text("utf-8"))
    mapping = load_mapping()
    calendars = plant_calendars(plant, mapping.breaks_by_calendar())
    assert set(calendars) >= {wc.code for wc in mapping.work_centers}
    laser, packing = calendars["LAS-01"], calendars["PCK-01"]
    assert laser.in_production(utc(24, 2))  # three shifts: Monday night
    assert not laser.in_production(utc(24, 1, 10))  # its night break, 02:10 local
    assert not packing.in_production(utc(24, 2))  # day shift only
    assert packing.in_production(utc(28, 8))  # Saturday 09:00: Monday to Saturday
    assert not packing.in_production(utc(28, 10, 40))  # its lunch break
    assert packing.next_change(utc(28, 10, 40)) == utc(28, 11)
    assert packing.next_change(utc(28, 11)) == utc(28, 11) + timedelta(hours=3, minutes=30)
