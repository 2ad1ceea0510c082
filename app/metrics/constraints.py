"""Constraint-to-response time: a constraint captured -> the first action on a job it
affects.

The constraint is an exception raised in the period that names what it touches (a work
center, a work order or operation, an item). The board re-ranks around it at once, on
every terminal, from its own projections: that step leaves no event and takes no time
worth measuring, so the response is the first person's action on an affected job:

- a job started (operation.started), or
- a priority override set on it, or with it as the target (pin, hold, move before or
  after: resequencing).

A job (an operation) is affected when it is
- in the lane of the exception's work center (a machine down, a hold at a station), or
- an operation of the exception's work order (or of its operation's order), or
- an operation of a work order that makes the exception's item or needs it as a
  material (a shortage, a held or substituted material).

The response counts from the raise until the constraint was lifted: a constraint
resolved before anyone acted on an affected job is unreached (nothing to answer any
more); one still standing at the period's end with no action yet is open. `Case.step`
says the action that answered ("started", "pin", "hold", "before", "after").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from operator import attrgetter

from app.machines.calendar import ShiftCalendar
from app.metrics.exceptions import cohort, exception_case
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
from app.metrics.history import ExceptionHistory, History, JobAction
from app.metrics.period import Period

_AT = attrgetter("at")


def actions_by_time(history: History) -> list[JobAction]:
    """Every action on a job, by time (the log's order is that, nearly always)."""
    return history.memo("job actions by time", lambda: sorted(history.job_actions, key=_AT))


def affected_by(
    history: History, exc: ExceptionHistory
) -> tuple[str | None, str | None, str | None]:
    """What makes a job affected by `exc` (see the module's description): its work
    center, its work order (or its operation's), its item."""
    work_order = exc.work_order
    if work_order is None and exc.operation_id:
        op = history.operations.get(exc.operation_id)
        work_order = op.work_order if op else None
    return exc.work_center, work_order, exc.item


@shared
def constraint_response_cases(history: History, period: Period) -> list[Case]:
    end = period.end
    constraints = sorted(
        (
            (exc, state)
            for exc, state in cohort(history, period)
            if exc.work_center or exc.work_order or exc.operation_id or exc.item
        ),
        key=lambda c: c[0].raised.at,
    )
    first = _first_actions(history, [exc for exc, _ in constraints], end)
    out = []
    for (exc, state), action in zip(constraints, first, strict=True):
        lifted = state.resolution.at if state.resolution is not None else None
        if action is not None and (lifted is None or action.at <= lifted):
            seconds = max(0.0, (action.at - exc.raised.at).total_seconds())
            out.append(
                exception_case(exc, state, Outcome.DONE, seconds=seconds)._replace(
                    step=action.action
                )
            )
        else:
            outcome = Outcome.OPEN if lifted is None else Outcome.UNREACHED
            out.append(exception_case(exc, state, outcome))
    return out


def _first_actions(
    history: History, constraints: list[ExceptionHistory], end: datetime
) -> list[JobAction | None]:
    """The first action on a job affected by each constraint (by raise time), at or
    after its raise and before `end`: one sweep through the actions in time, each
    answering every constraint still waiting on its lane, its order or its items."""
    operations, orders = history.operations, history.work_orders
    items_of: dict[str, frozenset[str]] = {}
    first: list[JobAction | None] = [None] * len(constraints)
    # Constraints waiting for an action, by what they affect.
    by_wc: dict[str, list[int]] = {}
    by_wo: dict[str, list[int]] = {}
    by_item: dict[str, list[int]] = {}
    registered = 0

    def answer(waiting: dict[str, list[int]], key: str, action: JobAction) -> None:
        for n in waiting.pop(key, ()):
            if first[n] is None:
                first[n] = action

    for action in actions_by_time(history):
        if action.at >= end:
            break
        while registered < len(constraints) and constraints[registered].raised.at <= action.at:
            wc, wo, item = affected_by(history, constraints[registered])
            for waiting, key in ((by_wc, wc), (by_wo, wo), (by_item, item)):
                if key:
                    waiting.setdefault(key, []).append(registered)
            registered += 1
        if not (by_wc or by_wo or by_item):
            continue
        for op_id in (action.operation_id, action.target_operation_id):
            op = operations.get(op_id) if op_id else None
            if op is None:
                continue
            answer(by_wc, op.work_center, action)
            answer(by_wo, op.work_order, action)
            if by_item:
                items = items_of.get(op.work_order)
                if items is None:
                    order = orders.get(op.work_order)
                    items = frozenset((order.item, *order.materials)) if order else frozenset()
                    items_of[op.work_order] = items
                for item in items:
                    answer(by_item, item, action)
    return first


def constraint_response_time(
    history: History,
    period: Period,
    by: Sequence[Dimension] = (),
    *,
    calendars: Mapping[str, ShiftCalendar] | None = None,
) -> Breakdown[Durations]:
    """Constraint-to-response time: raised -> the first action on an affected job."""
    cases = constraint_response_cases(history, period)
    return breakdown(cases, by, Durations.of, Facets(history, calendars))
