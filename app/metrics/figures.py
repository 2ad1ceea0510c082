"""What a metric answers: cases, the figures summed up from them, and groupings.

Every metric first lists its cases (one per exception, task or posting it measured),
then sums them up: a time as a distribution (`Durations`: median, p90, mean, max) and a
share as a `Rate`, each with the count it rests on and the cases still open at the
period's end beside it, so a screen can show "62 % of 3" for what it is. A `Breakdown`
is the same figure overall and per group of any dimensions (type, work center, area,
shift, owner, function...). Every figure names its cases' ids, for the exceptions
behind a bar.
"""

from __future__ import annotations

import functools
import math
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum
from operator import attrgetter
from typing import Concatenate, Generic, NamedTuple, ParamSpec, TypeVar

from app.machines.calendar import ShiftCalendar
from app.metrics.history import History
from app.metrics.period import Period
from app.metrics.shifts import ShiftIndex


class Outcome(StrEnum):
    DONE = "done"  # measured (reached, or decided for a rate)
    OPEN = "open"  # not reached yet when the period ended
    UNREACHED = "unreached"  # ended without reaching it (e.g. resolved before every
    # task was acknowledged, a posting cancelled): neither a time nor still open


class Dimension(StrEnum):
    """What a breakdown groups by. A dimension a case does not have groups as None."""

    KIND = "kind"  # the exception's type
    CHANNEL = "channel"
    SEVERITY = "severity"
    WORK_CENTER = "work_center"
    AREA = "area"  # the work center's area
    SHIFT = "shift"  # the name of the work center's shift the case started in
    DAY = "day"  # the local date (site's zone) it started on, ISO
    OWNER_ROLE = "owner_role"  # the exception's owner when the period ended
    OWNER_USER = "owner_user"
    FUNCTION = "function"  # a task's function; an exception's owning role
    POSTING_KIND = "posting_kind"


class Case(NamedTuple):
    """One thing a metric measured.

    `at` placed it in the period (raised, queued). `seconds` is the time measured
    (Outcome.DONE of a time metric); `hit` the yes/no of a rate metric once decided.
    """

    id: str  # the exception's, task's or posting's id
    at: datetime
    outcome: Outcome
    seconds: float | None = None
    hit: bool | None = None
    exception_id: str | None = None
    work_center: str | None = None
    kind: str | None = None
    channel: str | None = None
    severity: str | None = None
    owner_role: str | None = None
    owner_user: str | None = None
    function: str | None = None
    posting_kind: str | None = None
    # Which deadline an SLA case judges ("ack", "resolve"); the action that answered a
    # constraint ("started", "pin", "hold", "before", "after").
    step: str | None = None


P = ParamSpec("P")
CasesOf = Callable[Concatenate[History, Period, P], list[Case]]
SharedCasesOf = Callable[Concatenate[History, Period, P], tuple[Case, ...]]


def shared(fn: CasesOf[P]) -> SharedCasesOf[P]:
    """Cases computed once per history, period and arguments: a screen asking for one
    metric by several dimensions (and the overview) sums the same cases up again."""
    name = fn.__qualname__

    @functools.wraps(fn)
    def cases(
        history: History, period: Period, *args: P.args, **kwargs: P.kwargs
    ) -> tuple[Case, ...]:
        key = (name, period, args, tuple(sorted(kwargs.items())))
        return history.memo(key, lambda: tuple(fn(history, period, *args, **kwargs)))

    return cases


def percentile(ordered: Sequence[float], q: float) -> float:
    """The nearest-rank q-quantile (0 < q <= 1) of ascending values: the smallest value
    with at least q of the values at or below it (p90 of 10 values: the 9th)."""
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


@dataclass(frozen=True, slots=True)
class Durations:
    """A time over cases: its distribution over those measured, and how many were not.

    Seconds; None when nothing was measured. `ids`: every case behind the figure."""

    count: int
    open: int
    unreached: int
    median_s: float | None
    p90_s: float | None
    mean_s: float | None
    max_s: float | None
    ids: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.count + self.open + self.unreached

    @classmethod
    def of(cls, cases: Iterable[Case]) -> Durations:
        cases = cases if isinstance(cases, (list, tuple)) else list(cases)
        done, open_ = Outcome.DONE, Outcome.OPEN
        values = [c.seconds for c in cases if c.outcome is done and c.seconds is not None]
        open_count = sum(1 for c in cases if c.outcome is open_)
        return cls.of_values(
            values,
            open_=open_count,
            unreached=len(cases) - len(values) - open_count,
            ids=[c.id for c in cases],
        )

    @classmethod
    def of_values(
        cls,
        values: Iterable[float],
        *,
        open_: int = 0,
        unreached: int = 0,
        ids: Iterable[str] = (),
    ) -> Durations:
        ordered = sorted(values)
        if not ordered:
            return cls(0, open_, unreached, None, None, None, None, tuple(ids))
        return cls(
            count=len(ordered),
            open=open_,
            unreached=unreached,
            median_s=statistics.median(ordered),
            p90_s=percentile(ordered, 0.9),
            mean_s=statistics.fmean(ordered),
            max_s=ordered[-1],
            ids=tuple(ids),
        )


@dataclass(frozen=True, slots=True)
class Rate:
    """A share of decided cases: `hits` of `total`; `open` are not decided yet (not in
    `total`); `unreached` ended without a verdict (not in `total` either)."""

    hits: int
    total: int
    open: int
    unreached: int
    ids: tuple[str, ...]

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None

    @classmethod
    def of(cls, cases: Iterable[Case]) -> Rate:
        cases = cases if isinstance(cases, (list, tuple)) else list(cases)
        done, open_ = Outcome.DONE, Outcome.OPEN
        decided = [c.hit for c in cases if c.outcome is done]
        open_count = sum(1 for c in cases if c.outcome is open_)
        return cls(
            hits=sum(1 for hit in decided if hit),
            total=len(decided),
            open=open_count,
            unreached=len(cases) - len(decided) - open_count,
            ids=tuple(c.id for c in cases),
        )


F = TypeVar("F")
Key = tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class Breakdown(Generic[F]):
    """A figure overall and per group; `groups` is ordered by key (None last)."""

    by: tuple[Dimension, ...]
    total: F
    groups: Mapping[Key, F]

    def get(self, *key: str | None) -> F | None:
        return self.groups.get(tuple(key))


def key_order(key: Key) -> tuple[tuple[bool, str], ...]:
    """Groups in key order, None (a case without that dimension) after the rest."""
    return tuple((part is None, part or "") for part in key)


class Facets:
    """The value of each dimension for a case: its own fields, or what the plant says
    of its work center (area, calendar, zone). `calendars` (by work center) replace the
    plant's, e.g. with the breaks of the machine mapping."""

    def __init__(
        self, history: History, calendars: Mapping[str, ShiftCalendar] | None = None
    ) -> None:
        self.history = history
        self.plant = history.plant
        self._given = dict(calendars or {})
        self._calendars: dict[str, ShiftCalendar] = {}
        self._zones: dict[str | None, tzinfo] = {}
        self._days: dict[tuple[tzinfo, int], str] = {}

    def calendar(self, work_center: str) -> ShiftCalendar:
        found = self._calendars.get(work_center)
        if found is None:
            found = self._given.get(work_center) or self.plant.calendar_of(work_center)
            self._calendars[work_center] = found
        return found

    def shift_index(self, work_center: str) -> ShiftIndex:
        calendar = self.calendar(work_center)
        return self.history.memo(("shift index", calendar), lambda: ShiftIndex(calendar))

    def zone(self, work_center: str | None) -> tzinfo:
        found = self._zones.get(work_center)
        if found is None:
            found = self._zones[work_center] = self.plant.zone_of(work_center)
        return found

    def shift(self, work_center: str | None, at: datetime) -> str | None:
        if work_center is None:
            return None
        found = self.shift_index(work_center).at(at)
        return found.name if found is not None else None

    def day(self, work_center: str | None, at: datetime) -> str:
        zone = self._zones.get(work_center) or self.zone(work_center)
        # Local midnights fall on quarter hours of UTC in every zone (since the local
        # mean times of the 19th century): a quarter hour lies within one local day.
        key = (zone, int(at.timestamp()) // 900)
        found = self._days.get(key)
        if found is None:
            found = self._days[key] = at.astimezone(zone).date().isoformat()
        return found

    def accessor(self, dimension: Dimension) -> Callable[[Case], str | None]:
        """How to read `dimension` off a case."""
        if dimension is Dimension.AREA:
            areas = self.plant.work_center_areas
            return lambda case: areas.get(case.work_center) if case.work_center else None
        if dimension is Dimension.SHIFT:
            return lambda case: self.shift(case.work_center, case.at)
        if dimension is Dimension.DAY:
            return lambda case: self.day(case.work_center, case.at)
        return attrgetter(dimension.value)

    def value(self, case: Case, dimension: Dimension) -> str | None:
        return self.accessor(dimension)(case)


def breakdown(
    cases: Sequence[Case],
    by: Sequence[Dimension],
    summarize: Callable[[Sequence[Case]], F],
    facets: Facets,
) -> Breakdown[F]:
    """`summarize` over all `cases` and over each group of them by `by`."""
    dims = tuple(by)
    groups: dict[Key, list[Case]] = {}
    if dims:
        readers = [facets.accessor(d) for d in dims]
        first, *more = readers
        for case in cases:
            key = (first(case), *[read(case) for read in more]) if more else (first(case),)
            found = groups.get(key)
            if found is None:
                groups[key] = [case]
            else:
                found.append(case)
    return Breakdown(
        by=dims,
        total=summarize(cases),
        groups={key: summarize(groups[key]) for key in sorted(groups, key=key_order)},
    )
