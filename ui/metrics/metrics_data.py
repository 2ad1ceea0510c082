"""What the Metrics screen and the audit report show: each chart's bars, every bar with
the cases behind it, taken from app.metrics (its `*_cases` and summing functions; no
figure is computed here again).

Plain Python (no Qt): `read_metrics` runs on the database lane, the screen and the PDF
draw what it returns. Labels here are the stored values (a type, a root cause, a
function, an ISO day); the views put them into words.

Charts:
- KINDS: Pareto of exception types (resolution cases, one per exception raised).
- DOWNTIME: Pareto of downtime reasons (the machine downtimes' root causes as the audit
  reads them at the period's end; None: no reason given yet).
- RESOLUTION: resolution times of the exceptions resolved, in bands, median and p90
  marked (the open ones counted beside them).
- LAG: ERP posting lag by day (median bars, p90 line).
- SLA: SLA compliance by function (acknowledge and resolve deadlines met).
- FIRST_PASS: first-pass resolution rate by day.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from app import queries
from app.metrics import (
    Audit,
    Case,
    Dimension,
    History,
    Outcome,
    Period,
    execution_audit,
    first_pass_cases,
    load_history,
    posting_lag_cases,
    resolution_cases,
    resolution_time,
    shift_at,
    sla_cases,
)
from app.metrics.figures import Durations, Facets, Rate
from app.model.types import ExceptionKind
from app.store import Store


class PeriodChoice(StrEnum):
    SHIFT = "shift"  # the shift now running (or the one that ended last)
    DAY = "day"  # the last 24 hours
    WEEK = "7d"
    MONTH = "30d"


_DAYS = {PeriodChoice.DAY: 1.0, PeriodChoice.WEEK: 7.0, PeriodChoice.MONTH: 30.0}
# A plant without shift calendars works around the clock: its "shift" is the last 8 hours.
_DEFAULT_SHIFT = timedelta(hours=8)


class ChartKind(StrEnum):
    KINDS = "kinds"
    DOWNTIME = "downtime"
    RESOLUTION = "resolution"
    LAG = "lag"
    SLA = "sla"
    FIRST_PASS = "first_pass"


# Resolution-time bands, minutes: what a supervisor tells apart (minutes, the hour, the
# shift, the day, longer).
RESOLUTION_BANDS: tuple[float, ...] = (0, 15, 30, 60, 120, 240, 480, 1440, math.inf)


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label (a stored value, an ISO day, a band's bounds), its height, a
    second height beside it (SLA resolve, lag p90), the counts it rests on (`count` of
    `of`: hits of decided for a rate, cases measured for a time) and its cases."""

    label: str | None
    value: float | None
    count: int
    of: int
    cases: tuple[Case, ...]
    second: float | None = None
    second_count: int = 0
    second_of: int = 0
    bounds: tuple[float, float] | None = None  # a band's minutes


@dataclass(frozen=True, slots=True)
class Chart:
    kind: ChartKind
    bars: tuple[Bar, ...]
    cumulative: tuple[float, ...] = ()  # a Pareto's cumulative share, percent
    median: float | None = None  # RESOLUTION: minutes, with `p90`
    p90: float | None = None
    cases: int = 0  # behind the whole chart
    open: int = 0  # of those, not measured yet when the period ended

    def cases_of(self, index: int) -> tuple[Case, ...]:
        """The cases behind bar `index` (what clicking it lists)."""
        return self.bars[index].cases if 0 <= index < len(self.bars) else ()


@dataclass(frozen=True, slots=True)
class MetricsData:
    choice: PeriodChoice
    period: Period
    plant: str | None
    zone: str
    charts: dict[ChartKind, Chart] = field(default_factory=dict)
    audit: Audit | None = None
    people: dict[str, str] = field(default_factory=dict)  # names by user id

    def chart(self, kind: ChartKind) -> Chart:
        return self.charts[kind]


def period_of(history: History, choice: PeriodChoice, now: datetime) -> Period:
    """The period `choice` names, ending `now` (a shift: the latest one that started by
    then among the plant's calendars, up to its end or `now`)."""
    if choice in _DAYS:
        return Period.ending(now, _DAYS[choice])
    plant = history.plant
    started: list[tuple[datetime, datetime]] = []
    for work_center in plant.work_center_areas:
        calendar = plant.calendar_of(work_center)
        if not calendar.shifts:
            continue
        # The one running now, else the one that ended last (within a day).
        for moment in (now, *(now - timedelta(hours=h) for h in range(1, 25))):
            found = shift_at(calendar, moment)
            if found is not None and found.start <= now:
                started.append((found.start, min(found.end, now)))
                break
    if not started:
        return Period(now - _DEFAULT_SHIFT, now)
    start, end = max(started)
    return Period(start, end)


def _grouped(
    cases: Iterable[Case], key: Callable[[Case], str | None]
) -> dict[str | None, list[Case]]:
    groups: dict[str | None, list[Case]] = {}
    for case in cases:
        groups.setdefault(key(case), []).append(case)
    return groups


def pareto(kind: ChartKind, groups: dict[str | None, list[Case]]) -> Chart:
    """Bars by count, largest first (ties by label), with the cumulative share."""
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0] is None, kv[0] or ""))
    total = sum(len(cases) for _, cases in ordered)
    bars, cumulative, running = [], [], 0
    for label, cases in ordered:
        running += len(cases)
        bars.append(Bar(label, float(len(cases)), len(cases), total, tuple(cases)))
        cumulative.append(100.0 * running / total)
    return Chart(kind, tuple(bars), tuple(cumulative), cases=total)


def kinds_chart(history: History, period: Period) -> Chart:
    cases = resolution_cases(history, period)
    chart = pareto(ChartKind.KINDS, _grouped(cases, lambda c: c.kind))
    return _with_open(chart, cases)


def downtime_reason(history: History, audit: Audit, exception_id: str) -> str | None:
    """Why a machine stood: the root cause decided (as the audit reads it at the
    period's end), else the last reason given by then, else the one it was raised with."""
    causes = history.memo(
        ("metrics screen: causes", audit.period),
        lambda: {row.exception_id: row.root_cause for row in audit.rows},
    )
    cause = causes.get(exception_id)
    if cause is not None:
        return cause
    exc = history.exceptions[exception_id]
    given = [code for at, code in exc.reasons if at < audit.period.end]
    if given:
        return given[-1]
    raised_with = exc.details.get("reason_code")
    return raised_with if isinstance(raised_with, str) and raised_with else None


def downtime_chart(history: History, period: Period, audit: Audit) -> Chart:
    downtime = ExceptionKind.MACHINE_DOWNTIME.value
    cases = [c for c in resolution_cases(history, period) if c.kind == downtime]
    groups = _grouped(cases, lambda c: downtime_reason(history, audit, c.id))
    return _with_open(pareto(ChartKind.DOWNTIME, groups), cases)


def _with_open(chart: Chart, cases: Sequence[Case]) -> Chart:
    open_ = sum(1 for c in cases if c.outcome is Outcome.OPEN)
    return Chart(chart.kind, chart.bars, chart.cumulative, cases=len(cases), open=open_)


def resolution_chart(history: History, period: Period) -> Chart:
    cases = resolution_cases(history, period)
    figure: Durations = resolution_time(history, period).total
    measured = [c for c in cases if c.outcome is Outcome.DONE and c.seconds is not None]
    bars = []
    for low, high in itertools.pairwise(RESOLUTION_BANDS):
        inside = tuple(
            c for c in measured if c.seconds is not None and low <= c.seconds / 60 < high
        )
        bars.append(
            Bar(None, float(len(inside)), len(inside), len(measured), inside, bounds=(low, high))
        )
    return Chart(
        ChartKind.RESOLUTION,
        tuple(bars),
        median=figure.median_s / 60 if figure.median_s is not None else None,
        p90=figure.p90_s / 60 if figure.p90_s is not None else None,
        cases=len(cases),
        open=figure.open,
    )


def band_position(minutes: float, bands: Sequence[float] = RESOLUTION_BANDS) -> float:
    """Where `minutes` falls on a chart of `bands` (bar n spans n-0.5 .. n+0.5), so a
    median drawn there sits in its band, as far along it as it is."""
    for n, (low, high) in enumerate(itertools.pairwise(bands)):
        if low <= minutes < high:
            share = 0.5 if math.isinf(high) else (minutes - low) / (high - low)
            return n - 0.5 + share
    return len(bands) - 1.5


def _by_day(history: History, cases: Iterable[Case]) -> dict[str | None, list[Case]]:
    facets = Facets(history)
    day = facets.accessor(Dimension.DAY)
    return dict(sorted(_grouped(cases, day).items(), key=lambda kv: kv[0] or ""))


def lag_chart(history: History, period: Period) -> Chart:
    cases = posting_lag_cases(history, period)
    bars = []
    for day, group in _by_day(history, cases).items():
        figure = Durations.of(group)
        bars.append(
            Bar(
                day,
                figure.median_s / 60 if figure.median_s is not None else None,
                figure.count,
                figure.total,
                tuple(group),
                second=figure.p90_s / 60 if figure.p90_s is not None else None,
            )
        )
    open_ = sum(1 for c in cases if c.outcome is Outcome.OPEN)
    return Chart(ChartKind.LAG, tuple(bars), cases=len(cases), open=open_)


def _percent(rate: Rate) -> float | None:
    return 100.0 * rate.rate if rate.rate is not None else None


def sla_chart(history: History, period: Period) -> Chart:
    cases = sla_cases(history, period)
    groups = _grouped(cases, lambda c: c.function)
    bars = []
    for function in sorted(groups, key=lambda f: (f is None, f or "")):
        group = groups[function]
        ack = Rate.of(c for c in group if c.step == "ack")
        resolve = Rate.of(c for c in group if c.step == "resolve")
        bars.append(
            Bar(
                function,
                _percent(ack),
                ack.hits,
                ack.total,
                tuple(group),
                second=_percent(resolve),
                second_count=resolve.hits,
                second_of=resolve.total,
            )
        )
    open_ = sum(1 for c in cases if c.outcome is Outcome.OPEN)
    return Chart(ChartKind.SLA, tuple(bars), cases=len(cases), open=open_)


def first_pass_chart(history: History, period: Period) -> Chart:
    cases = first_pass_cases(history, period)
    bars = []
    for day, group in _by_day(history, cases).items():
        rate = Rate.of(group)
        bars.append(Bar(day, _percent(rate), rate.hits, rate.total, tuple(group)))
    open_ = sum(1 for c in cases if c.outcome is Outcome.OPEN)
    return Chart(ChartKind.FIRST_PASS, tuple(bars), cases=len(cases), open=open_)


def build_metrics(
    history: History,
    period: Period,
    *,
    choice: PeriodChoice = PeriodChoice.MONTH,
    plant: str | None = None,
    people: dict[str, str] | None = None,
) -> MetricsData:
    """Every chart and the audit of `period`."""
    audit = execution_audit(history, period)
    charts = {
        ChartKind.KINDS: kinds_chart(history, period),
        ChartKind.DOWNTIME: downtime_chart(history, period, audit),
        ChartKind.RESOLUTION: resolution_chart(history, period),
        ChartKind.LAG: lag_chart(history, period),
        ChartKind.SLA: sla_chart(history, period),
        ChartKind.FIRST_PASS: first_pass_chart(history, period),
    }
    return MetricsData(
        choice=choice,
        period=period,
        plant=plant,
        zone=history.plant.zone_name_of(None),
        charts=charts,
        audit=audit,
        people=people or {},
    )


def read_metrics(store: Store, choice: PeriodChoice, now: datetime) -> MetricsData:
    """Read the log and build what the screen shows (on the database lane)."""
    with store.read() as session:
        history = load_history(session)
        plant = queries.plant_name(session)
        people = queries.people_names(session)
    period = period_of(history, choice, now)
    return build_metrics(history, period, choice=choice, plant=plant, people=people)


def read_period(store: Store, period: Period) -> MetricsData:
    """The same for a period given outright (the audit command's)."""
    with store.read() as session:
        history = load_history(session)
        plant = queries.plant_name(session)
        people = queries.people_names(session)
    return build_metrics(history, period, plant=plant, people=people)
