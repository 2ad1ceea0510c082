"""Constraint-to-response time: an exception -> the first action on a job it affects
(same work center, same work order, same item)."""

from __future__ import annotations

from datetime import timedelta

from app.metrics import Outcome, Period, constraint_response_cases, constraint_response_time
from app.model.types import ExceptionKind, OverrideKind, Role
from tests.unit.test_metrics_log import T0, Log

DAY = Period(T0, T0 + timedelta(days=1))


def test_the_first_action_on_an_affected_job_answers_the_constraint() -> None:
    log = Log()
    log.plant({"WC-1": "A1", "WC-2": "A2", "WC-3": "A2"})
    (saw,) = log.order("WO-1", "PUMP", ["WC-1"])
    (mill, weld) = log.order("WO-2", "VALVE", ["WC-2", "WC-3"], materials=("BAR-40",))
    (paint,) = log.order("WO-3", "FRAME", ["WC-3"])

    log.start_op(saw, -30)  # before the constraint: not an answer
    down, _ = log.raise_(0, kind=ExceptionKind.MACHINE_DOWNTIME, owner=Role.MAINTENANCE)
    log.start_op(paint, 5)  # another work center, order and item: not affected
    log.override(saw, 20, OverrideKind.HOLD)  # same work center

    short, _ = log.raise_(10, work_center=None, item="BAR-40")
    log.override(weld, 25, OverrideKind.PIN)  # an order that needs the short material

    order_change, _ = log.raise_(30, kind=ExceptionKind.ORDER_CHANGE, work_center=None,
                                 owner=Role.SUPERVISOR, work_order="WO-2")  # fmt: skip
    log.start_op(mill, 90)

    quiet, _ = log.raise_(0, work_center="WC-9")  # nothing runs there
    log.resolve(quiet, 40)
    waiting, _ = log.raise_(0, work_center="WC-8")
    log.raise_(0, kind=ExceptionKind.OTHER, owner=Role.SUPERVISOR, work_center=None)

    cases = {
        c.id: (c.outcome, c.seconds, c.step) for c in constraint_response_cases(log.history(), DAY)
    }
    assert cases == {
        down: (Outcome.DONE, 20 * 60.0, "hold"),
        short: (Outcome.DONE, 15 * 60.0, "pin"),
        order_change: (Outcome.DONE, 60 * 60.0, "started"),
        quiet: (Outcome.UNREACHED, None, None),  # lifted before anyone acted
        waiting: (Outcome.OPEN, None, None),
    }  # the exception naming nothing is not a constraint
    total = constraint_response_time(log.history(), DAY).total
    assert (total.count, total.median_s, total.open, total.unreached) == (3, 1200.0, 1, 1)
