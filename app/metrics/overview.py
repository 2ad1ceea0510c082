"""The metrics of a period at a glance: each overall, with its counts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from app.machines.calendar import ShiftCalendar
from app.metrics.availability import Availability, availability
from app.metrics.constraints import constraint_response_time
from app.metrics.exceptions import (
    REPEAT_WINDOW,
    Sla,
    alignment_time,
    erp_reflection_time,
    first_pass_rate,
    repeat_rate,
    resolution_time,
    sla_compliance,
)
from app.metrics.figures import Durations, Rate
from app.metrics.history import History
from app.metrics.period import Period
from app.metrics.postings import posting_lag


@dataclass(frozen=True, slots=True)
class Overview:
    period: Period
    exceptions: int  # raised in the period
    open_at_end: int  # of those, still open when it ended
    resolution_time: Durations
    erp_reflection_time: Durations
    posting_lag: Durations
    first_pass: Rate
    alignment_time: Durations
    constraint_response_time: Durations
    repeat: Rate
    sla: Sla
    availability: Availability


def overview(
    history: History,
    period: Period,
    *,
    calendars: Mapping[str, ShiftCalendar] | None = None,
    repeat_window: timedelta = REPEAT_WINDOW,
) -> Overview:
    """Every metric of `period`, overall (the breakdowns' totals)."""
    resolution = resolution_time(history, period, calendars=calendars).total
    return Overview(
        period=period,
        exceptions=resolution.total,
        open_at_end=resolution.open,
        resolution_time=resolution,
        erp_reflection_time=erp_reflection_time(history, period, calendars=calendars).total,
        posting_lag=posting_lag(history, period, (), calendars=calendars).total,
        first_pass=first_pass_rate(history, period, calendars=calendars).total,
        alignment_time=alignment_time(history, period, calendars=calendars).total,
        constraint_response_time=constraint_response_time(
            history, period, calendars=calendars
        ).total,
        repeat=repeat_rate(history, period, window=repeat_window, calendars=calendars).total,
        sla=sla_compliance(history, period, (), calendars=calendars).total,
        availability=availability(history, period, (), calendars=calendars).total,
    )
