"""ERP posting lag (floor event -> the ERP's acknowledgement) on a hand-built log."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.metrics import Dimension, Outcome, Period, posting_lag, posting_lag_cases
from app.model.types import PostingKind
from app.projections.execution import posting_id
from tests.unit.test_metrics_log import T0, Log

DAY = Period(T0, T0 + timedelta(days=1))


def test_posting_lag_by_kind_with_failures_late_acks_and_cancellations() -> None:
    log = Log()
    log.plant({"WC-1": "A1", "WC-2": "A2"})
    ops = log.order("WO-1", "ITEM-1", ["WC-1", "WC-2", "WC-1", "WC-2", "WC-1", "WC-2"])
    lags = {}
    for n, (op, seconds) in enumerate(zip(ops[:3], (60, 120, 300), strict=True)):
        confirmed = log.confirm(op, 10 * n)
        lags[op] = posting_id(confirmed.id, PostingKind.CONFIRMATION)
        log.erp_ack(lags[op], log.moment(10 * n) + timedelta(seconds=seconds))
    failed = posting_id(log.confirm(ops[3], 40).id, PostingKind.CONFIRMATION)
    log.erp_fail(failed, 41)
    log.erp_ack(failed, 100)  # retried and taken an hour after the confirmation
    pending = posting_id(log.confirm(ops[4], 50).id, PostingKind.CONFIRMATION)
    log.erp_fail(pending, 51)  # refused, still waiting for a person
    scrapped = log.confirm(ops[5], 60, scrap=2)
    cancelled = posting_id(scrapped.id, PostingKind.GOODS_MOVEMENT)
    log.erp_fail(cancelled, 65)
    log.erp_cancel(cancelled, 70)  # refused, and booked by hand in the ERP
    late = posting_id(scrapped.id, PostingKind.CONFIRMATION)
    log.erp_ack(late, 24 * 60 + 90)  # after the period: open as far as it knows

    h = log.history()
    lag = posting_lag(h, DAY)
    confirmation = lag.get("confirmation")
    assert confirmation is not None
    assert (confirmation.count, confirmation.open, confirmation.unreached) == (4, 2, 0)
    assert confirmation.median_s == pytest.approx(210.0)  # 60 120 | 300 3600
    assert confirmation.p90_s == pytest.approx(3600.0)
    movement = lag.get("goods_movement")
    assert movement is not None
    assert (movement.unreached, movement.ids) == (1, (cancelled,))
    outcomes = {c.id: c.outcome for c in posting_lag_cases(h, DAY)}
    assert outcomes[pending] is Outcome.OPEN
    assert outcomes[late] is Outcome.OPEN
    two_days = posting_lag(h, Period(T0, T0 + timedelta(days=2)), ())
    assert (two_days.total.count, two_days.total.max_s) == (5, (24 * 60 + 30) * 60.0)
    by_wc = posting_lag(h, DAY, (Dimension.POSTING_KIND, Dimension.AREA))
    assert set(by_wc.groups) == {
        ("confirmation", "A1"),
        ("confirmation", "A2"),
        ("goods_movement", "A2"),
    }
