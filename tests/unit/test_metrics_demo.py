"""The demo plant's floor, with a few exceptions on top, through the metrics: what the
history holds agrees with the projections, and every figure's counts add up."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.clock import FixedClock
from app.metrics import (
    Dimension,
    Period,
    availability,
    execution_audit,
    load_history,
    overview,
    posting_lag,
    sla_compliance,
)
from app.model import ErpPosting, ShopException, Task, WorkCenter
from app.model.types import ExceptionKind, ExceptionStatus, PostingStatus
from app.services.exceptions import ExceptionService, NewException
from app.store import Store
from tests.postings import erp_acknowledges

OPERATOR, SUPERVISOR, QUALITY, MAINTENANCE = "1001", "2001", "3001", "4001"


def test_the_demo_floor_through_the_metrics_adds_up(demo_store: Store, clock: FixedClock) -> None:
    start = clock.now()
    service = ExceptionService(demo_store, clock)
    down = service.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MACHINE_DOWNTIME,
            summary="hydraulic leak at the press",
            work_center="LAT-01",
            details={"reason_code": "mechanical/hydraulic"},
        ),
    )
    short = service.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MATERIAL_SHORTAGE,
            summary="seals are not at the line",
            work_center="ASM-01",
            item="PP-SEAL-80",
        ),
    )
    clock.advance(timedelta(minutes=4))
    service.acknowledge(MAINTENANCE, down)
    clock.advance(timedelta(minutes=40))
    service.resolve(MAINTENANCE, down, decision="seal replaced", root_cause="mechanical/hydraulic")
    with demo_store.read() as session:
        downtime_posting = session.scalars(
            select(ErpPosting.id).where(ErpPosting.kind == "downtime")
        ).one()
        confirmation = session.scalars(
            select(ErpPosting.id).where(ErpPosting.kind == "confirmation").order_by(ErpPosting.id)
        ).first()
    clock.advance(timedelta(minutes=3))
    erp_acknowledges(demo_store, clock, downtime_posting, "DT-0001")
    assert confirmation is not None
    erp_acknowledges(demo_store, clock, confirmation, "JC-0001")
    period = Period(start - timedelta(days=1), clock.now() + timedelta(hours=1))

    with demo_store.read() as session:
        h = load_history(session)
        exceptions = {e.id: e.status for e in session.scalars(select(ShopException))}
        tasks = set(session.scalars(select(Task.id)))
        postings = {p.id: p.status for p in session.scalars(select(ErpPosting))}
        work_centers = set(session.scalars(select(WorkCenter.code)))

    # The history agrees with the projections the reducers built from the same log.
    assert h.unmatched == 0
    assert set(h.exceptions) == set(exceptions) == {down, short}
    for xid, status in exceptions.items():
        is_open = h.exceptions[xid].state_at(period.end).is_open
        assert is_open == (status not in (ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED))
    assert set(h.tasks) == tasks
    assert set(h.postings) == set(postings)
    for pid, posted in postings.items():
        assert (h.postings[pid].acknowledged is not None) == (posted is PostingStatus.POSTED)

    # Every figure's counts add up to its cases.
    o = overview(h, period)
    assert (o.exceptions, o.open_at_end) == (2, 1)
    assert o.resolution_time.count == 1
    assert o.resolution_time.median_s == 44 * 60
    assert (o.erp_reflection_time.count, o.erp_reflection_time.median_s) == (1, 47 * 60)
    assert o.first_pass.total + o.first_pass.open == 2
    assert o.posting_lag.total == len(postings)
    assert o.posting_lag.count == sum(s is PostingStatus.POSTED for s in postings.values())
    assert o.alignment_time.total == 2  # both fanned out tasks
    assert o.constraint_response_time.total == 2
    sla = sla_compliance(h, period)
    cases = 2 + len(tasks)
    for rate in (sla.total.ack, sla.total.resolve):
        assert rate.total + rate.open + rate.unreached == cases
    assert sum(g.ack.total + g.ack.open for g in sla.groups.values()) == cases
    by_kind = posting_lag(h, period)
    assert sum(g.total for g in by_kind.groups.values()) == len(postings)

    audit = execution_audit(h, period)
    assert len(audit.rows) == 2
    for groups in (audit.by_channel, audit.by_kind, audit.by_decision_maker):
        assert sum(g.exceptions for g in groups) == 2
    assert audit.total.decided == 1

    plant = availability(h, period)
    assert {k[0] for k in plant.groups} == work_centers
    assert plant.total.planned_s == sum(g.planned_s for g in plant.groups.values())
    down_centers = {k[0] for k, g in plant.groups.items() if g.down_s > 0}
    assert down_centers == {"MIL-02", "LAT-01"}  # set down on the board; the downtime
    by_area = availability(h, period, (Dimension.AREA,))
    assert by_area.total.down_s == plant.total.down_s
    assert sum(g.planned_s for g in by_area.groups.values()) == plant.total.planned_s
