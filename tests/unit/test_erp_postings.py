"""Deciding about refused ERP postings (retry, edit, cancel) and the postings summary."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.clock import FixedClock
from app.errors import PermissionDenied, Rejected, ValidationError
from app.events.payloads import ErpPostingRetried
from app.model import EventRecord
from app.model.types import PostingKind, PostingStatus
from app.queries_erp import needing_attention, percentile, posting_summary, postings
from app.services.base import Service
from app.services.erp import ErpPostingService, editable_fields
from app.store import Store
from tests.postings import (
    MANAGER,
    OPERATOR,
    SUPERVISOR,
    confirm_operation,
    erp_acknowledges,
    failed_posting,
    posting,
    status,
)

REASON = "work order reopened in the ERP"


@pytest.fixture
def service(plant: Store, clock: FixedClock) -> ErpPostingService:
    return ErpPostingService(plant, clock)


def _events(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(EventRecord)) or 0


def _last_event(store: Store) -> EventRecord:
    with store.read() as session:
        record = session.scalars(
            select(EventRecord).order_by(EventRecord.position.desc()).limit(1)
        ).one()
        return record


def _decide(
    service: ErpPostingService, command: str, actor: str, posting_id: str, reason: str
) -> None:
    """Retry, cancel, or edit (the good quantity to 11) with this reason."""
    if command == "edit":
        service.edit(actor, posting_id, {"good": 11}, reason)
    else:
        getattr(service, command)(actor, posting_id, reason)


# --- deciding -------------------------------------------------------------------------------


def test_a_failed_posting_needs_attention_with_the_erps_message(
    plant: Store, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock, "Work Order SWO-0001 is closed")
    with plant.read() as session:
        rows = needing_attention(session)
    assert [r.id for r in rows] == [pid]
    row = rows[0]
    assert row.kind is PostingKind.CONFIRMATION
    assert row.last_error == "Work Order SWO-0001 is closed"
    assert row.attempts == 1
    assert row.payload["good"] == 12
    assert row.payload["scrap"] == 1


def test_needing_attention_is_oldest_first_and_only_failed(plant: Store, clock: FixedClock) -> None:
    first = failed_posting(plant, clock, "first refusal")
    clock.advance(timedelta(minutes=5))
    confirm_operation(plant, clock)  # pending: the writer's business
    clock.advance(timedelta(minutes=5))
    second = failed_posting(plant, clock, "second refusal")
    with plant.read() as session:
        assert [r.id for r in needing_attention(session)] == [first, second]


@pytest.mark.parametrize("actor", [SUPERVISOR, MANAGER])
def test_a_supervisor_or_manager_retries_a_refused_posting(
    plant: Store, service: ErpPostingService, clock: FixedClock, actor: str
) -> None:
    pid = failed_posting(plant, clock)
    service.retry(actor, pid, f"  {REASON}  ")
    row = posting(plant, pid)
    assert row.status is PostingStatus.PENDING
    assert row.last_error is None
    event = _last_event(plant)
    assert (event.kind, event.actor) == ("erp.posting_retried", actor)
    assert event.payload["reason"] == REASON


def test_a_manager_cancels_a_refused_posting(
    plant: Store, service: ErpPostingService, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock)
    service.cancel(MANAGER, pid, "booked by hand in the ERP")
    assert status(plant, pid) is PostingStatus.CANCELLED
    with plant.read() as session:
        assert needing_attention(session) == []


@pytest.mark.parametrize("command", ["retry", "edit", "cancel"])
def test_an_operator_may_not_decide(
    plant: Store, service: ErpPostingService, clock: FixedClock, command: str
) -> None:
    pid = failed_posting(plant, clock)
    before = _events(plant)
    with pytest.raises(PermissionDenied, match="only a supervisor or manager"):
        _decide(service, command, OPERATOR, pid, REASON)
    assert _events(plant) == before
    assert status(plant, pid) is PostingStatus.FAILED


def test_an_unknown_person_may_not_decide(
    plant: Store, service: ErpPostingService, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock)
    with pytest.raises(PermissionDenied, match="not an enrolled user"):
        service.retry("nobody", pid, REASON)


@pytest.mark.parametrize("command", ["retry", "edit", "cancel"])
@pytest.mark.parametrize("reason", ["", "   ", "ok"])
def test_every_decision_needs_a_reason(
    plant: Store, service: ErpPostingService, clock: FixedClock, command: str, reason: str
) -> None:
    pid = failed_posting(plant, clock)
    before = _events(plant)
    with pytest.raises(ValidationError) as caught:
        _decide(service, command, SUPERVISOR, pid, reason)
    assert caught.value.fields == ["reason"]
    assert _events(plant) == before


def test_an_unknown_posting_is_named(service: ErpPostingService) -> None:
    with pytest.raises(ValidationError) as caught:
        service.retry(SUPERVISOR, "no-such-posting", REASON)
    assert caught.value.fields == ["posting"]


# --- editing --------------------------------------------------------------------------------


def test_an_edit_changes_only_the_fields_given_and_sends_it_again(
    plant: Store, service: ErpPostingService, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock, good=12, scrap=1)
    original = posting(plant, pid).payload
    service.edit(SUPERVISOR, pid, {"good": 11, "scrap": 2.5, "erp_ref": " WO-2026-0042 "}, REASON)
    row = posting(plant, pid)
    assert row.status is PostingStatus.PENDING
    assert row.last_error is None
    assert row.payload == {**original, "good": 11.0, "scrap": 2.5, "erp_ref": "WO-2026-0042"}
    assert isinstance(row.payload["good"], float)  # numbers keep their kind
    event = _last_event(plant)
    assert event.kind == "erp.posting_edited"
    assert event.payload["changes"] == {"good": 11.0, "scrap": 2.5, "erp_ref": "WO-2026-0042"}


def test_an_edit_leaves_out_what_did_not_change(
    plant: Store, service: ErpPostingService, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock, good=12, scrap=1)
    service.edit(SUPERVISOR, pid, {"good": 12, "scrap": 0}, REASON)
    assert _last_event(plant).payload["changes"] == {"scrap": 0.0}


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"good": "twelve"}, "changes.good", "must be a number"),
        ({"good": "12"}, "changes.good", "must be a number"),
        ({"good": True}, "changes.good", "must be a number"),
        ({"good": float("nan")}, "changes.good", "must be a number"),
        ({"scrap": -1}, "changes.scrap", "cannot be negative"),
        ({"operation_seq": 20.5}, "changes.operation_seq", "whole number"),
        ({"operation_seq": "20"}, "changes.operation_seq", "must be a number"),
        ({"work_center": 7}, "changes.work_center", "must be text"),
        ({"work_center": "  "}, "changes.work_center", "cannot be empty"),
        ({"final": False}, "changes.final", "cannot be changed here"),
        ({"work_order": "SWO-9999"}, "changes.work_order", "cannot be changed"),
        ({"confirmed_by": "902"}, "changes.confirmed_by", "cannot be changed"),
        ({"quantity": 3}, "changes.quantity", "no such field"),
        ({}, "changes", "change at least one field"),
        ({"good": 12.0}, "changes", "nothing changed"),
    ],
)
def test_a_bad_edit_names_the_field_and_stores_nothing(
    plant: Store,
    service: ErpPostingService,
    clock: FixedClock,
    changes: dict[str, object],
    field: str,
    problem: str,
) -> None:
    pid = failed_posting(plant, clock, good=12, scrap=1)
    before = _events(plant)
    with pytest.raises(ValidationError, match=problem) as caught:
        service.edit(SUPERVISOR, pid, changes, REASON)
    assert caught.value.fields == [field]
    assert _events(plant) == before
    assert status(plant, pid) is PostingStatus.FAILED


def test_every_bad_field_and_the_reason_are_named_together(
    plant: Store, service: ErpPostingService, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock)
    with pytest.raises(ValidationError) as caught:
        service.edit(SUPERVISOR, pid, {"good": -3, "scrap": "x", "erp_ref": "ok"}, "")
    assert caught.value.fields == ["reason", "changes.good", "changes.scrap"]


def test_editable_fields_are_the_payloads_numbers_and_texts(
    plant: Store, clock: FixedClock
) -> None:
    pid = confirm_operation(plant, clock)
    fields = editable_fields(posting(plant, pid).payload)
    assert fields == ["erp_ref", "operation_seq", "work_center", "good", "scrap"]


# --- what the ERP already holds -------------------------------------------------------------


@pytest.mark.parametrize("command", ["retry", "edit", "cancel"])
def test_a_posted_one_is_rejected_naming_the_erp_document(
    plant: Store, service: ErpPostingService, clock: FixedClock, command: str
) -> None:
    pid = confirm_operation(plant, clock)
    erp_acknowledges(plant, clock, pid, "MAT-STE-2026-00042")
    before = _events(plant)
    with pytest.raises(Rejected, match="already holds it as MAT-STE-2026-00042"):
        _decide(service, command, SUPERVISOR, pid, REASON)
    assert _events(plant) == before
    assert status(plant, pid) is PostingStatus.POSTED


def test_a_cancelled_one_cannot_be_retried(
    plant: Store, service: ErpPostingService, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock)
    service.cancel(SUPERVISOR, pid, "booked by hand in the ERP")
    with pytest.raises(Rejected, match="was cancelled"):
        service.retry(SUPERVISOR, pid, REASON)


def test_a_retry_from_another_terminal_after_the_erp_acknowledged_is_rejected(
    plant: Store, clock: FixedClock
) -> None:
    """The reducers hold the same rule for events that arrive by sync: a supervisor's
    terminal saw the refusal, the server's writer meanwhile got it through."""
    pid = failed_posting(plant, clock)
    erp_acknowledges(plant, clock, pid, "MAT-STE-2026-00043")
    with (
        pytest.raises(Rejected, match="already holds it as MAT-STE-2026-00043"),
        Service(plant, clock).transaction() as tx,
    ):
        tx.emit(ErpPostingRetried(posting_id=pid, reason=REASON), SUPERVISOR)
    assert status(plant, pid) is PostingStatus.POSTED


def test_a_posting_on_its_way_is_the_writers_business(
    plant: Store, service: ErpPostingService, clock: FixedClock
) -> None:
    pid = confirm_operation(plant, clock)
    with pytest.raises(ValidationError, match="pending, not refused") as caught:
        service.cancel(SUPERVISOR, pid, REASON)
    assert caught.value.fields == ["posting"]


# --- summary --------------------------------------------------------------------------------


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([5.0], 0.95) == 5.0
    assert percentile([10, 20, 30, 40, 100], 0.5) == 30
    assert percentile([10, 20, 30, 40, 100], 0.95) == pytest.approx(88.0)
    assert percentile(list(range(1, 21)), 0.95) == pytest.approx(19.05)


def test_the_summary_counts_statuses_and_the_posting_lag_over_30_days(
    plant: Store, service: ErpPostingService, clock: FixedClock
) -> None:
    # Posted 40 days ago, after an hour: outside the window, counted nowhere.
    old = confirm_operation(plant, clock)
    clock.advance(timedelta(hours=1))
    erp_acknowledges(plant, clock, old, "OLD-1")
    clock.advance(timedelta(days=40))
    for n, lag in enumerate([30, 10, 100, 20, 40]):
        pid = confirm_operation(plant, clock)
        clock.advance(timedelta(seconds=lag))
        erp_acknowledges(plant, clock, pid, f"DOC-{n}")
    failed_posting(plant, clock)
    old_failed = failed_posting(plant, clock)
    service.cancel(SUPERVISOR, old_failed, "booked by hand in the ERP")
    failed_posting(plant, clock)
    confirm_operation(plant, clock)  # pending

    with plant.read() as session:
        summary = posting_summary(session, clock.now())
    assert summary.since == clock.now() - timedelta(days=30)
    assert summary.count(PostingStatus.POSTED) == 5
    assert summary.count(PostingStatus.FAILED) == 2
    assert summary.count(PostingStatus.CANCELLED) == 1
    # One pending confirmation, and the scrap movements of the three refused ones.
    assert summary.count(PostingStatus.PENDING) == 4
    assert summary.waiting == 4
    assert summary.lag_samples == 5
    assert summary.lag_median_s == pytest.approx(30.0)
    assert summary.lag_p95_s == pytest.approx(88.0)


def test_the_summary_of_nothing_posted_has_no_lag(plant: Store, clock: FixedClock) -> None:
    failed_posting(plant, clock)
    with plant.read() as session:
        result = postings(session, clock.now())
    assert len(result.attention) == 1
    assert result.summary.count(PostingStatus.FAILED) == 1
    assert result.summary.lag_median_s is None
    assert result.summary.lag_p95_s is None
    assert result.summary.lag_samples == 0
