"""Metrics of exceptions: resolution time, time to the ERP, first-pass resolution,
cross-functional alignment, repeats and SLA compliance.

Each metric has a `*_cases` function (one case per exception, or per task: what a chart
plots and a bar links to) and a function that sums the cases up overall and by the
dimensions asked for. The cases are the exceptions raised in the period, judged as the
log stood at the period's end (`Period`); an exception still open then is counted as
open, never dropped.

Dimensions of an exception's case: its type, channel, severity, work center (and so its
area, and the shift of its calendar it was raised in), the local day it was raised,
its owner when the period ended and, as FUNCTION, that owner's role; a task's case
has the task's function.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.machines.calendar import ShiftCalendar
from app.metrics.figures import (
    Breakdown,
    Case,
    Dimension,
    Durations,
    Facets,
    Outcome,
    Rate,
    breakdown,
    shared,
)
from app.metrics.history import ExceptionHistory, ExceptionState, History
from app.metrics.period import Period

# How far back an exception with the same type, work center and root cause makes a
# new one a repeat, unless the caller says otherwise.
REPEAT_WINDOW = timedelta(days=30)

Calendars = Mapping[str, ShiftCalendar] | None


def states_at(history: History, moment: datetime) -> dict[str, ExceptionState]:
    """How every exception raised before `moment` stood then, by id."""
    return history.memo(
        ("states", moment),
        lambda: {
            exc.id: exc.state_at(moment)
            for exc in history.exceptions.values()
            if exc.raised.at < moment
        },
    )


def cohort(history: History, period: Period) -> tuple[tuple[ExceptionHistory, ExceptionState], ...]:
    """The exceptions raised in `period`, each with how it stood at the period's end."""

    def build() -> tuple[tuple[ExceptionHistory, ExceptionState], ...]:
        states = states_at(history, period.end)
        return tuple(
            (exc, states[exc.id])
            for exc in history.exceptions.values()
            if period.start <= exc.raised.at < period.end
        )

    return history.memo(("cohort", period), build)


def _seconds(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds())


def exception_case(
    exc: ExceptionHistory,
    state: ExceptionState,
    outcome: Outcome,
    *,
    seconds: float | None = None,
    hit: bool | None = None,
) -> Case:
    # Positionally, in Case's order (thousands a metric: keywords cost twice the time).
    return Case(
        exc.id,
        exc.raised.at,
        outcome,
        seconds,
        hit,
        exc.id,
        exc.work_center,
        exc.kind,
        exc.channel,
        exc.severity,
        state.owner_role,
        state.owner_user,
        state.owner_role,
        None,
        None,
    )


# --- resolution time ---------------------------------------------------------------------


@shared
def resolution_cases(history: History, period: Period) -> list[Case]:
    """Raised -> resolved (the decision standing at the period's end; a machine's
    downtime ends when its machine ran again)."""
    out = []
    for exc, state in cohort(history, period):
        if state.resolution is None:
            out.append(exception_case(exc, state, Outcome.OPEN))
        else:
            seconds = _seconds(exc.raised.at, state.resolution.at)
            out.append(exception_case(exc, state, Outcome.DONE, seconds=seconds))
    return out


def resolution_time(
    history: History,
    period: Period,
    by: Sequence[Dimension] = (),
    *,
    calendars: Calendars = None,
) -> Breakdown[Durations]:
    """Exception resolution time: captured -> resolved."""
    cases = resolution_cases(history, period)
    return breakdown(cases, by, Durations.of, Facets(history, calendars))


# --- captured -> reflected in the ERP -----------------------------------------------------


def erp_postings_of(history: History, exc: ExceptionHistory, state: ExceptionState) -> list[str]:
    """The postings that tell the ERP of the exception as it stood: what its raise queued
    (a quality hold) and what its standing resolution queued (the downtime, the hold's
    release, scrap)."""
    raised = [
        pid
        for pid in exc.postings
        if (p := history.postings.get(pid)) is not None and p.event_id == exc.raised.event_id
    ]
    resolved = list(state.resolution.postings) if state.resolution is not None else []
    return raised + [pid for pid in resolved if pid not in raised]


def erp_reflected_at(
    history: History, exc: ExceptionHistory, state: ExceptionState, moment: datetime
) -> tuple[Outcome, datetime | None]:
    """When the ERP held every posting of the exception (DONE), or that it does not yet
    (OPEN: unresolved, or a posting still pending or failed), or never will (UNREACHED:
    a posting was cancelled)."""
    if state.resolution is None:
        return Outcome.OPEN, None
    pids = erp_postings_of(history, exc, state)
    if not pids:
        return Outcome.UNREACHED, None
    postings = [history.postings[pid] for pid in pids]
    if any(p.cancelled_by(moment) for p in postings):
        return Outcome.UNREACHED, None
    acks = [p.acknowledged_at(moment) for p in postings]
    if any(a is None for a in acks):
        return Outcome.OPEN, None
    latest = max(a for a in acks if a is not None)
    return Outcome.DONE, latest


@shared
def erp_reflection_cases(history: History, period: Period) -> list[Case]:
    """Raised -> the ERP acknowledged its postings, for the exceptions the ERP must hear
    of (downtimes and quality holds; other kinds post nothing and are not cases)."""
    out = []
    for exc, state in cohort(history, period):
        if not exc.posting_due:
            continue
        outcome, at = erp_reflected_at(history, exc, state, period.end)
        seconds = _seconds(exc.raised.at, at) if at is not None else None
        out.append(exception_case(exc, state, outcome, seconds=seconds))
    return out


def erp_reflection_time(
    history: History,
    period: Period,
    by: Sequence[Dimension] = (),
    *,
    calendars: Calendars = None,
) -> Breakdown[Durations]:
    """Exception resolution time to the ERP: captured -> reflected in the ERP."""
    cases = erp_reflection_cases(history, period)
    return breakdown(cases, by, Durations.of, Facets(history, calendars))


# --- first-pass resolution ---------------------------------------------------------------


@shared
def first_pass_cases(history: History, period: Period) -> list[Case]:
    """Every exception resolved by the period's end is decided: a hit when it was never
    reassigned, never escalated (a tier of its ladder reached) and never reopened. One
    reopened and open again is decided (a miss); one never resolved is open."""
    out = []
    for exc, state in cohort(history, period):
        if not state.ever_resolved:
            out.append(exception_case(exc, state, Outcome.OPEN))
            continue
        clean = state.reassignments == 0 and state.escalation_tier == 0 and state.reopenings == 0
        out.append(exception_case(exc, state, Outcome.DONE, hit=clean))
    return out


def first_pass_rate(
    history: History,
    period: Period,
    by: Sequence[Dimension] = (),
    *,
    calendars: Calendars = None,
) -> Breakdown[Rate]:
    """First-pass resolution rate: resolved without reassignment, escalation or reopening."""
    cases = first_pass_cases(history, period)
    return breakdown(cases, by, Rate.of, Facets(history, calendars))


# --- cross-functional alignment ------------------------------------------------------------


@shared
def alignment_cases(history: History, period: Period) -> list[Case]:
    """Raised -> every function its tasks went to has acknowledged (done counts as
    acknowledged). Exceptions with no tasks are not cases. Resolved before every task
    was acknowledged: unreached."""
    out = []
    end = period.end
    for exc, state in cohort(history, period):
        if not exc.tasks:
            continue
        acks = [task.acknowledged_at(end) for task in exc.tasks]
        if all(a is not None for a in acks):
            last = max(a for a in acks if a is not None)
            out.append(
                exception_case(exc, state, Outcome.DONE, seconds=_seconds(exc.raised.at, last))
            )
        else:
            outcome = Outcome.OPEN if state.is_open else Outcome.UNREACHED
            out.append(exception_case(exc, state, outcome))
    return out


def alignment_time(
    history: History,
    period: Period,
    by: Sequence[Dimension] = (),
    *,
    calendars: Calendars = None,
) -> Breakdown[Durations]:
    """Cross-functional alignment time: raised -> every fanned-out task acknowledged."""
    cases = alignment_cases(history, period)
    return breakdown(cases, by, Durations.of, Facets(history, calendars))


@shared
def task_cases(history: History, period: Period) -> list[Case]:
    """One case per task of the exceptions raised in the period: raised -> its function
    acknowledged it (FUNCTION is the task's function). Closed with its exception before
    being acknowledged: unreached."""
    out = []
    end = period.end
    for exc, state in cohort(history, period):
        for task in exc.tasks:
            acked = task.acknowledged_at(end)
            if acked is not None:
                outcome, seconds = Outcome.DONE, _seconds(exc.raised.at, acked)
            else:
                outcome = Outcome.OPEN if state.is_open else Outcome.UNREACHED
                seconds = None
            out.append(
                Case(
                    id=task.id,
                    at=exc.raised.at,
                    outcome=outcome,
                    seconds=seconds,
                    exception_id=exc.id,
                    work_center=exc.work_center,
                    kind=exc.kind,
                    channel=exc.channel,
                    severity=exc.severity,
                    owner_role=state.owner_role,
                    owner_user=state.owner_user,
                    function=task.function,
                )
            )
    return out


def task_ack_time(
    history: History,
    period: Period,
    by: Sequence[Dimension] = (Dimension.FUNCTION,),
    *,
    calendars: Calendars = None,
) -> Breakdown[Durations]:
    """How long each function took to acknowledge its tasks (raised -> acknowledged),
    by function unless told otherwise: who the alignment waits for."""
    cases = task_cases(history, period)
    return breakdown(cases, by, Durations.of, Facets(history, calendars))


# --- repeats -------------------------------------------------------------------------------


@shared
def repeat_cases(history: History, period: Period, window: timedelta = REPEAT_WINDOW) -> list[Case]:
    """An exception with a root cause (as of the period's end) is a hit when another of
    the same type, work center and root cause was raised within `window` before it
    (earlier ones may lie before the period). No root cause yet: open while the
    exception is open, else unreached (resolved without one)."""
    end = period.end
    raised_by_key: dict[tuple[str, str | None, str], list[datetime]] = {}
    causes: dict[str, str | None] = {}
    for xid, state in states_at(history, end).items():
        exc = history.exceptions[xid]
        cause = causes[xid] = state.root_cause
        if cause is not None:
            raised_by_key.setdefault((exc.kind, exc.work_center, cause), []).append(exc.raised.at)
    for times in raised_by_key.values():
        times.sort()
    out = []
    for exc, state in cohort(history, period):
        cause = causes.get(exc.id)
        if cause is None:
            outcome = Outcome.OPEN if state.is_open else Outcome.UNREACHED
            out.append(exception_case(exc, state, outcome))
            continue
        times = raised_by_key[(exc.kind, exc.work_center, cause)]
        at = exc.raised.at
        earlier = bisect_left(times, at) - bisect_left(times, at - window)
        out.append(exception_case(exc, state, Outcome.DONE, hit=earlier > 0))
    return out


def repeat_rate(
    history: History,
    period: Period,
    by: Sequence[Dimension] = (),
    *,
    window: timedelta = REPEAT_WINDOW,
    calendars: Calendars = None,
) -> Breakdown[Rate]:
    """Exception repeat rate: same type, work center and root cause within `window`."""
    cases = repeat_cases(history, period, window)
    return breakdown(cases, by, Rate.of, Facets(history, calendars))


# --- SLA compliance ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sla:
    """Deadlines met: acknowledge and resolve, each a rate with its counts."""

    ack: Rate
    resolve: Rate

    @classmethod
    def of(cls, cases: Sequence[Case]) -> Sla:
        return cls(
            ack=Rate.of(c for c in cases if c.step == "ack"),
            resolve=Rate.of(c for c in cases if c.step == "resolve"),
        )


@shared
def sla_cases(history: History, period: Period) -> list[Case]:
    """Two cases (step "ack", step "resolve") for the owner of every exception raised
    in the period and for every task it fanned out.

    Owner: acknowledged (or worked on, or resolved) by the exception's ack deadline;
    resolved (the standing decision) by its resolve deadline. FUNCTION is the role that
    owned it when the deadline fell.
    Task: acknowledged by the exception's ack deadline (tasks have no ack deadline of
    their own: the routing's applies to every function it reaches); done by the task's
    due time. A task closed with its resolved exception counts as answered and done
    when the exception was resolved.
    A deadline after the period's end with nothing done yet is open; one passed with
    nothing done is missed.
    """
    end = period.end
    out: list[Case] = []
    for exc, state in cohort(history, period):
        resolved_at = state.resolution.at if state.resolution is not None else None
        base = exception_case(exc, state, Outcome.OPEN)
        owner_ack = exc.owner_at(exc.ack_due)[0]
        owner_resolve = exc.owner_at(exc.resolve_due)[0]
        out.append(_sla(base, exc.id, "ack", owner_ack, exc.first_response(end), exc.ack_due, end))
        out.append(_sla(base, exc.id, "resolve", owner_resolve, resolved_at, exc.resolve_due, end))
        for task in exc.tasks:
            acked = task.acknowledged_at(end)
            answered = min((t for t in (acked, resolved_at) if t is not None), default=None)
            done = task.done.at if task.done is not None and task.done.at < end else None
            finished = min((t for t in (done, resolved_at) if t is not None), default=None)
            due = task.due_at or exc.resolve_due
            out.append(_sla(base, task.id, "ack", task.function, answered, exc.ack_due, end))
            out.append(_sla(base, task.id, "resolve", task.function, finished, due, end))
    return out


def _sla(
    base: Case,
    ident: str,
    step: str,
    function: str,
    done: datetime | None,
    due: datetime,
    end: datetime,
) -> Case:
    if done is not None:
        outcome, hit = Outcome.DONE, done <= due
    elif due < end:
        outcome, hit = Outcome.DONE, False  # the deadline passed with nothing done
    else:
        outcome, hit = Outcome.OPEN, None
    # The exception's case with this deadline's id, verdict, function and step.
    return Case(ident, base.at, outcome, None, hit, *base[5:12], function, None, step)


def sla_compliance(
    history: History,
    period: Period,
    by: Sequence[Dimension] = (Dimension.FUNCTION,),
    *,
    calendars: Calendars = None,
) -> Breakdown[Sla]:
    """Cross-functional SLA compliance: ack and resolve deadlines met, by function
    unless told otherwise."""
    cases = sla_cases(history, period)
    return breakdown(cases, by, Sla.of, Facets(history, calendars))
