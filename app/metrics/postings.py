"""ERP posting lag: the floor event -> the ERP's acknowledgement, by posting kind.

A case per posting queued in the period (a confirmation, a goods movement, a quality
event, a downtime), judged as the log stood at the period's end: acknowledged (the
lag), still pending or failed (open), or cancelled by a person (unreached).
Dimensions: POSTING_KIND, the work center (an operation's, the exception's), its area
and shift, the day; KIND is the exception's type for postings an exception queued.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.machines.calendar import ShiftCalendar
from app.metrics.figures import (
    Breakdown,
    Case,
    Dimension,
    Durations,
    Facets,
    Outcome,
    breakdown,
    shared,
)
from app.metrics.history import History
from app.metrics.period import Period


@shared
def posting_lag_cases(history: History, period: Period) -> list[Case]:
    start, end = period.start, period.end
    exceptions = history.exceptions
    out = []
    for posting in history.postings.values():
        queued = posting.queued_at
        if not (start <= queued < end):
            continue
        ack = posting.acknowledged
        seconds = None
        if ack is not None and ack.at < end:
            outcome = Outcome.DONE
            seconds = max(0.0, (ack.at - queued).total_seconds())
        elif posting.cancelled is not None and posting.cancelled.at < end:
            outcome = Outcome.UNREACHED
        else:
            outcome = Outcome.OPEN
        exc = exceptions.get(posting.exception_id) if posting.exception_id else None
        kind = exc.kind if exc is not None else None
        # Positionally, in Case's order: id, at, outcome, seconds, hit, exception_id,
        # work_center, kind, channel, severity, owner_role, owner_user, function,
        # posting_kind, step (tens of thousands: keywords cost twice the time).
        out.append(
            Case(
                posting.id,
                queued,
                outcome,
                seconds,
                None,
                posting.exception_id,
                posting.work_center,
                kind,
                None,
                None,
                None,
                None,
                None,
                posting.kind,
                None,
            )
        )
    return out


def posting_lag(
    history: History,
    period: Period,
    by: Sequence[Dimension] = (Dimension.POSTING_KIND,),
    *,
    calendars: Mapping[str, ShiftCalendar] | None = None,
) -> Breakdown[Durations]:
    """ERP posting lag, by posting kind unless told otherwise."""
    cases = posting_lag_cases(history, period)
    return breakdown(cases, by, Durations.of, Facets(history, calendars))
