"""The exception metrics on hand-built logs with known answers: resolution time, time to
the ERP, first-pass rate, alignment, repeats and SLA compliance."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.metrics import (
    Dimension,
    Outcome,
    Period,
    alignment_cases,
    alignment_time,
    erp_reflection_time,
    first_pass_rate,
    repeat_rate,
    resolution_cases,
    resolution_time,
    sla_compliance,
    task_ack_time,
)
from app.model.types import Channel, ExceptionKind, PostingKind, Role
from app.projections.execution import posting_id
from tests.unit.test_metrics_log import T0, Log

DAY = Period(T0, T0 + timedelta(days=1))
H = 3600.0


@pytest.fixture
def five() -> tuple[Log, dict[str, str]]:
    """Resolved first time, reassigned twice, escalated, reopened, still open."""
    log = Log()
    log.plant({"WC-1": "A1", "WC-2": "A2"})
    ids = {}
    ids["clean"], (t1, t2) = log.raise_(0, tasks=(Role.PROCUREMENT, Role.SUPERVISOR))
    log.ack(ids["clean"], 10)
    log.task_ack(t1, 5)
    log.task_ack(t2, 20)
    log.resolve(ids["clean"], 60)
    ids["moved"], _ = log.raise_(0, work_center="WC-2")
    log.reassign(ids["moved"], 10, Role.SUPERVISOR)
    log.reassign(ids["moved"], 20, Role.MANAGER, "7001")
    log.resolve(ids["moved"], 120)
    ids["escalated"], _ = log.raise_(0)
    log.deadline(ids["escalated"], "escalation:1", 30, Role.SUPERVISOR)
    log.resolve(ids["escalated"], 180)
    ids["reopened"], _ = log.raise_(0)
    log.resolve(ids["reopened"], 30)
    log.reopen(ids["reopened"], 40)
    log.resolve(ids["reopened"], 90)
    ids["open"], _ = log.raise_(0)
    log.ack(ids["open"], 3)
    return log, ids


def test_resolution_time_has_median_p90_and_counts_beside_it(
    five: tuple[Log, dict[str, str]],
) -> None:
    log, ids = five
    figure = resolution_time(log.history(), DAY).total
    assert (figure.count, figure.open, figure.unreached) == (4, 1, 0)
    # 1 h, 1.5 h (raised -> the decision standing after the reopening), 2 h, 3 h
    assert figure.median_s == pytest.approx(1.75 * H)
    assert figure.p90_s == pytest.approx(3 * H)
    assert figure.mean_s == pytest.approx(1.875 * H)
    assert figure.max_s == pytest.approx(3 * H)
    assert set(figure.ids) == set(ids.values())


def test_a_period_is_judged_as_the_log_stood_at_its_end(
    five: tuple[Log, dict[str, str]],
) -> None:
    log, ids = five
    h = log.history()
    early = Period(T0, T0 + timedelta(minutes=100))
    outcomes = {c.id: (c.outcome, c.seconds) for c in resolution_cases(h, early)}
    assert outcomes == {
        ids["clean"]: (Outcome.DONE, H),
        ids["moved"]: (Outcome.OPEN, None),
        ids["escalated"]: (Outcome.OPEN, None),
        ids["reopened"]: (Outcome.DONE, 1.5 * H),
        ids["open"]: (Outcome.OPEN, None),
    }
    mid_reopening = Period(T0, T0 + timedelta(minutes=45))
    still = {c.id: c.outcome for c in resolution_cases(h, mid_reopening)}
    assert still[ids["reopened"]] is Outcome.OPEN
    # Raised outside the period: not a case at all.
    assert (
        resolution_time(h, Period(T0 + timedelta(hours=1), T0 + timedelta(days=1))).total.total == 0
    )


def test_first_pass_rate_misses_the_reassigned_the_escalated_and_the_reopened(
    five: tuple[Log, dict[str, str]],
) -> None:
    log, _ = five
    h = log.history()
    rate = first_pass_rate(h, DAY).total
    assert (rate.hits, rate.total, rate.open) == (1, 4, 1)
    assert rate.rate == pytest.approx(0.25)
    early = first_pass_rate(h, Period(T0, T0 + timedelta(minutes=100))).total
    # The reopened one is decided (a miss) once resolved even though it is not final.
    assert (early.hits, early.total, early.open) == (1, 2, 3)


def test_breakdowns_by_work_center_area_type_and_owner(
    five: tuple[Log, dict[str, str]],
) -> None:
    log, ids = five
    h = log.history()
    by_area = resolution_time(h, DAY, (Dimension.AREA,))
    assert list(by_area.groups) == [("A1",), ("A2",)]
    a2 = by_area.get("A2")
    assert a2 is not None
    assert (a2.count, a2.median_s, a2.ids) == (1, 2 * H, (ids["moved"],))
    by_owner = first_pass_rate(h, DAY, (Dimension.OWNER_ROLE, Dimension.WORK_CENTER))
    assert set(by_owner.groups) == {("manager", "WC-2"), ("procurement", "WC-1")}
    manager = by_owner.get("manager", "WC-2")
    assert manager is not None
    assert (manager.hits, manager.total) == (0, 1)
    by_user = resolution_time(h, DAY, (Dimension.OWNER_USER,))
    assert list(by_user.groups) == [("7001",), (None,)]  # None last: no user named
    by_kind = resolution_time(h, DAY, (Dimension.KIND,))
    assert list(by_kind.groups) == [("material_shortage",)]


def test_alignment_waits_for_the_last_function_and_names_who_it_waits_for() -> None:
    log = Log()
    aligned, (t1, t2) = log.raise_(0, tasks=(Role.PROCUREMENT, Role.SUPERVISOR))
    log.task_ack(t1, 5)
    log.task_done(t2, 20)  # done counts as acknowledged
    unaligned, (t3, _) = log.raise_(0, tasks=(Role.PROCUREMENT, Role.CUSTOMER_SERVICE))
    log.task_ack(t3, 2)
    log.resolve(unaligned, 30)  # customer service never acknowledged
    waiting, (t5,) = log.raise_(0, tasks=(Role.QUALITY,))
    log.raise_(0)  # no tasks: not a case
    h = log.history()
    cases = {c.id: (c.outcome, c.seconds) for c in alignment_cases(h, DAY)}
    assert cases == {
        aligned: (Outcome.DONE, 20 * 60.0),
        unaligned: (Outcome.UNREACHED, None),
        waiting: (Outcome.OPEN, None),
    }
    total = alignment_time(h, DAY).total
    assert (total.count, total.open, total.unreached, total.median_s) == (1, 1, 1, 1200.0)
    by_function = task_ack_time(h, DAY)
    procurement = by_function.get("procurement")
    assert procurement is not None
    assert (procurement.count, procurement.median_s) == (2, pytest.approx(210.0))
    service = by_function.get("customer_service")
    assert service is not None
    assert (service.count, service.unreached) == (0, 1)
    quality = by_function.get("quality")
    assert quality is not None
    assert (quality.open, quality.ids) == (1, (t5,))


def test_repeat_rate_same_type_work_center_and_root_cause_within_the_window() -> None:
    log = Log()
    first, _ = log.raise_(-5 * 24 * 60)  # five days before the period
    log.resolve(first, -5 * 24 * 60 + 60)
    again, _ = log.raise_(60)
    log.resolve(again, 90)
    third, _ = log.raise_(120)
    log.resolve(third, 150)
    elsewhere, _ = log.raise_(60, work_center="WC-2")
    log.resolve(elsewhere, 90)
    other_cause, _ = log.raise_(60)
    log.resolve(other_cause, 90, root_cause="material/staging")
    log.raise_(60)  # open: no root cause yet
    h = log.history()
    month = repeat_rate(h, DAY).total
    assert (month.hits, month.total, month.open) == (2, 4, 1)  # again and third
    a_day = repeat_rate(h, DAY, window=timedelta(days=1)).total
    assert (a_day.hits, a_day.total) == (1, 4)  # only third (after again)
    by_wc = repeat_rate(h, DAY, (Dimension.WORK_CENTER,))
    wc1, wc2 = by_wc.get("WC-1"), by_wc.get("WC-2")
    assert wc1 is not None
    assert (wc1.hits, wc1.total, wc1.open) == (2, 3, 1)
    assert wc2 is not None
    assert (wc2.hits, wc2.total) == (0, 1)


def test_sla_compliance_by_function_for_owners_and_tasks() -> None:
    log = Log()
    met, (cs,) = log.raise_(0, tasks=(Role.CUSTOMER_SERVICE,))
    log.ack(met, 10)
    log.task_ack(cs, 10)
    log.task_done(cs, 50)
    log.resolve(met, 100)
    late, (maint,) = log.raise_(0, tasks=(Role.MAINTENANCE,))
    log.ack(late, 20)
    log.resolve(late, 150)  # the maintenance task closes with it, late
    moved, _ = log.raise_(0)
    log.reassign(moved, 5, Role.SUPERVISOR)
    log.resolve(moved, 60)  # never acknowledged: resolving answers, after the ack deadline
    ignored, _ = log.raise_(0)  # nothing at all: both deadlines pass in the period
    log.raise_(24 * 60 - 10)  # deadlines after the period's end: open
    sla = sla_compliance(log.history(), DAY)

    def counts(function: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        figure = sla.get(function)
        assert figure is not None
        return (
            (figure.ack.hits, figure.ack.total, figure.ack.open),
            (figure.resolve.hits, figure.resolve.total, figure.resolve.open),
        )

    assert counts("procurement") == ((1, 3, 1), (1, 3, 1))  # met / late, ignored / open
    assert counts("supervisor") == ((0, 1, 0), (1, 1, 0))  # owned it when deadlines fell
    assert counts("customer_service") == ((1, 1, 0), (1, 1, 0))
    assert counts("maintenance") == ((0, 1, 0), (0, 1, 0))
    assert sla.total.ack.total == 6
    assert sla.total.ack.open == 1
    assert ignored in sla.total.resolve.ids
    assert maint in sla.total.resolve.ids


def test_time_to_the_erp_waits_for_every_posting_of_the_exception() -> None:
    log = Log()
    manual, _ = log.raise_(
        0,
        kind=ExceptionKind.MACHINE_DOWNTIME,
        owner=Role.MAINTENANCE,
        details={"reason_code": "mechanical/bearing"},
    )
    resolved = log.resolve(manual, 60, root_cause="mechanical/bearing")
    log.erp_ack(posting_id(resolved.id, PostingKind.DOWNTIME), 75)

    machine, _ = log.raise_(
        0,
        kind=ExceptionKind.MACHINE_DOWNTIME,
        owner=Role.MAINTENANCE,
        channel=Channel.MACHINE,
        work_center="WC-2",
        details={"stopped_at": log.moment(-2).isoformat()},
    )
    ran = log.machine_ran_again(machine, "WC-2", since=-2, at=30)
    log.erp_ack(posting_id(ran.id, PostingKind.DOWNTIME), 24 * 60 + 30)  # posted late

    held, _ = log.raise_(0, kind=ExceptionKind.QUALITY_HOLD, owner=Role.QUALITY, item="ITEM-1")
    log.erp_ack(posting_id(f"quality-hold:{held}", PostingKind.QUALITY_EVENT), 5)
    release = log.resolve(held, 100, root_cause="process/setup", disposition="use_as_is")
    log.erp_ack(posting_id(release.id, PostingKind.QUALITY_EVENT), 130)

    cancelled, _ = log.raise_(0, kind=ExceptionKind.QUALITY_HOLD, owner=Role.QUALITY, item="I-2")
    gone = log.resolve(cancelled, 50, root_cause="process/setup", disposition="use_as_is")
    log.erp_fail(posting_id(gone.id, PostingKind.QUALITY_EVENT), 52)
    log.erp_cancel(posting_id(gone.id, PostingKind.QUALITY_EVENT), 55)  # refused, given up

    log.raise_(0, kind=ExceptionKind.QUALITY_HOLD, owner=Role.QUALITY, item="I-3")  # open
    never, _ = log.raise_(0, kind=ExceptionKind.MACHINE_DOWNTIME, owner=Role.MAINTENANCE)
    log.resolve(never, 20, root_cause="mechanical/coolant")  # never posted
    log.raise_(0)  # a shortage: the ERP hears nothing of it, not a case

    h = log.history()
    day = erp_reflection_time(h, DAY).total
    assert (day.count, day.open, day.unreached) == (2, 3, 1)
    assert sorted(s for s in (day.median_s, day.max_s) if s is not None) == [6150.0, 7800.0]
    two_days = erp_reflection_time(h, Period(T0, T0 + timedelta(days=2)), (Dimension.KIND,))
    downtime = two_days.get("machine_downtime")
    assert downtime is not None
    assert (downtime.count, downtime.open, downtime.max_s) == (2, 1, 24 * H + 30 * 60)
