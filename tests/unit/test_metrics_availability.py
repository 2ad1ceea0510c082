"""Shifts across midnight and daylight-saving changes, and availability from downtime
over planned production time, with micro-stops and lost signals."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.machines.calendar import BreakWindow, ShiftCalendar, ShiftWindow
from app.metrics import (
    Dimension,
    Period,
    availability,
    availability_slices,
    resolution_time,
    shift_at,
    shifts_between,
)
from app.model.types import Channel, ExceptionKind, MachineState, Role
from tests.unit.test_metrics_log import T0, Log

BERLIN_SHIFTS = [("early", "1234567", "06:00", "14:00"), ("night", "1234567", "22:00", "06:00")]


def berlin() -> ShiftCalendar:
    return ShiftCalendar(
        [
            ShiftWindow("early", frozenset(range(1, 8)), time(6), time(14)),
            ShiftWindow("night", frozenset(range(1, 8)), time(22), time(6)),
        ],
        zone=ZoneInfo("Europe/Berlin"),
    )


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_a_night_shift_belongs_to_the_day_it_started_across_midnight_and_dst() -> None:
    calendar = berlin()
    # The clocks go forward on Sunday 29 March 2026 at 02:00: that night has 7 hours.
    night = shift_at(calendar, utc(2026, 3, 29, 1, 30))  # 03:30 summer time
    assert night is not None
    assert (night.name, night.day) == ("night", date(2026, 3, 28))
    assert (night.start, night.end) == (utc(2026, 3, 28, 21), utc(2026, 3, 29, 4))
    assert night.production_seconds == 7 * 3600
    last_minute = shift_at(calendar, utc(2026, 3, 29, 3, 59))
    assert last_minute is not None
    assert last_minute.name == "night"
    early = shift_at(calendar, utc(2026, 3, 29, 4))  # 06:00 summer time
    assert early is not None
    assert (early.name, early.day) == ("early", date(2026, 3, 29))
    assert shift_at(calendar, utc(2026, 3, 29, 12, 30)) is None  # 14:30: off shift
    # ... and back on Sunday 25 October 2026 at 03:00: that night has 9 hours.
    autumn = shift_at(calendar, utc(2026, 10, 25, 2))
    assert autumn is not None
    assert autumn.day == date(2026, 10, 24)
    assert autumn.production_seconds == 9 * 3600
    week = shifts_between(calendar, Period(utc(2026, 10, 19), utc(2026, 10, 26)))
    nights = [s for s in week if s.name == "night"]
    # Clipped to the week: the night of the 18th from 02:00, that of the 25th to 01:00.
    assert [s.production_seconds / 3600 for s in nights] == [4, 8, 8, 8, 8, 8, 9, 3]
    assert nights[-2].label == "2026-10-24 night"


def test_breaks_are_in_the_shift_but_not_in_its_production_time() -> None:
    calendar = ShiftCalendar(
        [ShiftWindow("day", frozenset({1}), time(8), time(16))],
        [BreakWindow(time(12), time(12, 30))],
    )
    day = shift_at(calendar, utc(2026, 11, 23, 12, 10))
    assert day is not None
    assert day.name == "day"
    assert day.production_seconds == 7.5 * 3600


def test_exceptions_group_by_the_shift_and_local_day_they_were_raised_in() -> None:
    log = Log(utc(2026, 3, 28, 12))
    log.plant({"WC-1": "A1"}, timezone="Europe/Berlin", shifts=BERLIN_SHIFTS)
    for at in (
        utc(2026, 3, 28, 21, 30),  # 22:30 winter time, Saturday: night of the 28th
        utc(2026, 3, 29, 3, 59),  # 05:59 summer time: still that night
        utc(2026, 3, 29, 4, 0),  # 06:00: early
        utc(2026, 3, 29, 12, 30),  # 14:30: off shift
    ):
        log.raise_(at)
    h = log.history()
    period = Period(utc(2026, 3, 28), utc(2026, 3, 30))
    by_shift = resolution_time(h, period, (Dimension.SHIFT,))
    assert {k: v.open for k, v in by_shift.groups.items()} == {
        ("early",): 1,
        ("night",): 2,
        (None,): 1,
    }
    by_day = resolution_time(h, period, (Dimension.DAY,))
    assert {k: v.total for k, v in by_day.groups.items()} == {
        ("2026-03-28",): 1,
        ("2026-03-29",): 3,
    }


def test_availability_over_a_dst_night_counts_the_hours_the_clocks_made() -> None:
    log = Log(utc(2026, 3, 28, 12))
    log.plant({"WC-1": "A1"}, timezone="Europe/Berlin", shifts=BERLIN_SHIFTS)
    down, _ = log.raise_(
        utc(2026, 3, 28, 20),
        kind=ExceptionKind.MACHINE_DOWNTIME,
        owner=Role.MAINTENANCE,
        details={"reason_code": "mechanical/bearing"},
    )
    log.resolve(down, utc(2026, 3, 29, 5), root_cause="mechanical/bearing")
    period = Period(utc(2026, 3, 28, 12), utc(2026, 3, 29, 12))
    result = availability(log.history(), period, (Dimension.SHIFT,))
    # early of the 28th from 12:00 (1 h), the night (7 h), early of the 29th (8 h)
    assert result.total.planned_s == 16 * 3600
    assert result.total.down_s == 8 * 3600
    assert result.total.availability == pytest.approx(0.5)
    night, early = result.get("night"), result.get("early")
    assert night is not None
    assert (night.planned_s, night.availability) == (7 * 3600, 0.0)
    assert early is not None
    assert (early.planned_s, early.down_s) == (9 * 3600, 3600)
    assert result.total.downtimes == 1
    assert result.total.ids == (down,)


def test_availability_from_machine_and_manual_downtime_with_micro_stops() -> None:
    log = Log()  # 08:00 UTC, a Monday
    log.plant({"WC-1": "A1", "WC-2": "A1"}, shifts=[("day", "12345", "08:00", "16:00")])
    # WC-1: a machine stops at 08:58, its downtime opens at 09:00, it runs again at 09:58.
    machine, _ = log.raise_(
        60,
        kind=ExceptionKind.MACHINE_DOWNTIME,
        owner=Role.MAINTENANCE,
        channel=Channel.MACHINE,
        actor="machine:press-line",
        details={"stopped_at": log.moment(58).isoformat()},
    )
    log.machine_ran_again(machine, "WC-1", since=58, at=118)
    for minute in (10, 20, 30, -60):  # the last one before the shift
        log.micro_stop("WC-1", minute, 30)
    log.machine_state("WC-1", MachineState.SIGNAL_LOST, 200)
    log.machine_state("WC-1", MachineState.RUNNING, 230)
    log.machine_state("WC-1", MachineState.DOWN, 240)  # the machine's own: a micro-stop's
    log.machine_state("WC-1", MachineState.RUNNING, 241)
    # WC-2: a supervisor says it is down at 13:00 (until 13:30), raises a downtime in it,
    # and another at 15:00 that is still open when the period ends.
    log.machine_state("WC-2", MachineState.DOWN, 300, actor="2001")
    inside, _ = log.raise_(310, kind=ExceptionKind.MACHINE_DOWNTIME, work_center="WC-2",
                           owner=Role.MAINTENANCE)  # fmt: skip
    log.resolve(inside, 320, root_cause="electrical/power")
    log.machine_state("WC-2", MachineState.RUNNING, 330)
    still, _ = log.raise_(420, kind=ExceptionKind.MACHINE_DOWNTIME, work_center="WC-2",
                          owner=Role.MAINTENANCE)  # fmt: skip
    period = Period(T0 - timedelta(hours=8), T0 + timedelta(hours=16))
    h = log.history()
    result = availability(h, period)
    wc1, wc2 = result.get("WC-1"), result.get("WC-2")
    assert wc1 is not None
    assert wc2 is not None
    assert (wc1.planned_s, wc1.down_s, wc1.machine_down_s) == (8 * 3600, 3600, 3600)
    assert (wc1.micro_stops, wc1.micro_stop_s, wc1.signal_lost_s) == (4, 120, 1800)
    assert (wc2.down_s, wc2.manual_down_s, wc2.machine_down_s) == (90 * 60, 90 * 60, 0)
    assert wc2.downtimes == 3
    assert still in wc2.ids
    assert inside in wc2.ids
    assert result.total.availability == pytest.approx(1 - 2.5 / 16)
    slices = availability_slices(h, period)
    assert [(s.work_center, s.shift, s.planned_s) for s in slices] == [
        ("WC-1", "day", 8 * 3600),
        ("WC-1", None, 0),  # the micro-stop before the shift
        ("WC-2", "day", 8 * 3600),
    ]
    # A calendar from the machine mapping, with its break, replaces the plant's.
    with_break = ShiftCalendar(
        [ShiftWindow("day", frozenset(range(1, 6)), time(8), time(16))],
        [BreakWindow(time(12), time(12, 30))],
    )
    wc1_break = availability(h, period, calendars={"WC-1": with_break}).get("WC-1")
    assert wc1_break is not None
    assert wc1_break.planned_s == 7.5 * 3600
    by_area = availability(h, period, (Dimension.AREA,)).get("A1")
    assert by_area is not None
    assert by_area.planned_s == 16 * 3600
