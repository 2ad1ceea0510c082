"""The server's ERP writer against the ERPNext test server: every outcome exactly once,
in order per work order, with the ERP's verdict recorded as events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.demo.generator import PlantData
from app.demo.seed import seed_plant
from app.events.payloads import ErpPostingEdited, ErpPostingRetried
from app.model import ErpOutbox, ErpPosting, EventRecord, MaterialRequirement, OperationInstance
from app.model.types import OperationStatus, PostingStatus
from app.services.base import Service
from app.services.execution import ExecutionService
from app.store import Store, open_memory_store
from sync.erp.erpnext import ErpNextAdapter
from sync.erp.writer import ErpWriter
from sync.server.app import prepare
from sync.server.erp_link import ErpLink
from tests.erp.erpnext_server import FakeErpNext
from tests.erp.test_erpnext import make_adapter, seed
from tests.postings import erp_refuses

OPERATOR, SUPERVISOR = "901", "902"


@pytest.fixture
def erp() -> Iterator[FakeErpNext]:
    server = FakeErpNext()
    yield server
    server.close()


@pytest.fixture
def takt(small_plant: PlantData, clock: FixedClock) -> Iterator[Store]:
    store = open_memory_store(terminal_name="server", clock=clock)
    prepare(store)
    seed_plant(store, small_plant, clock)
    yield store
    store.close()


@pytest.fixture
def adapter(erp: FakeErpNext) -> Iterator[ErpNextAdapter]:
    a = make_adapter(erp)
    yield a
    a.close()


def confirm_last_operation(store: Store, clock: FixedClock, erp_ref: str, good: float) -> str:
    """An operator confirms the last operation of a work order; returns the posting id."""
    with store.read() as session:
        ops = list(session.scalars(select(OperationInstance).order_by(OperationInstance.id)))
        last_seq: dict[str, int] = {}
        for o in ops:
            last_seq[o.work_order_number] = max(o.seq, last_seq.get(o.work_order_number, 0))
        op = next(
            o
            for o in ops
            if o.status is OperationStatus.READY and o.seq == last_seq[o.work_order_number]
        )
        order = op.work_order_number
    execution = ExecutionService(store, clock)
    execution.start(OPERATOR, op.id)
    execution.confirm(OPERATOR, op.id, good=good, final=True)
    with store.read() as session:
        posting = session.scalars(
            select(ErpPosting).where(ErpPosting.work_order_number == order)
        ).one()
        posting_id = posting.id
    # The plant's work order is named differently in this ERP test site: point at it (one
    # without operations there, so its last operation's confirmation is its Manufacture).
    with Service(store, clock).transaction() as tx:
        tx.emit(
            ErpPostingEdited(
                posting_id=posting_id,
                changes={"erp_ref": erp_ref, "good": good},
                reason="test site names",
            ),
            SUPERVISOR,
        )
    return posting_id


def posting(store: Store, posting_id: str) -> ErpPosting:
    with store.read() as session:
        row = session.get(ErpPosting, posting_id)
        assert row is not None
        return row


def stock_entries(erp: FakeErpNext, reference: str) -> int:
    return len(erp.with_reference("Stock Entry", reference))


def test_a_confirmation_is_posted_once_and_its_lag_recorded(
    erp: FakeErpNext, adapter: ErpNextAdapter, takt: Store, clock: FixedClock
) -> None:
    plant = seed(erp)
    pid = confirm_last_operation(takt, clock, plant["wo_frame"], 2)
    writer = ErpWriter(takt, adapter, clock)
    clock.advance(timedelta(seconds=1))
    assert writer.run_once() == 1
    row = posting(takt, pid)
    assert row.status is PostingStatus.POSTED
    assert row.erp_document
    assert row.acknowledged_at is not None
    assert (row.acknowledged_at - row.occurred_at).total_seconds() == pytest.approx(1.0)
    assert stock_entries(erp, pid) == 1
    assert writer.run_once() == 0  # nothing left
    with takt.read() as session:
        kinds = list(session.scalars(select(EventRecord.kind).where(EventRecord.actor == "erp")))
    assert kinds == ["erp.posting_acknowledged"]


def test_an_answer_lost_after_commit_is_looked_up_not_posted_again(
    erp: FakeErpNext, adapter: ErpNextAdapter, takt: Store, clock: FixedClock
) -> None:
    plant = seed(erp)
    pid = confirm_last_operation(takt, clock, plant["wo_frame"], 2)
    writer = ErpWriter(takt, adapter, clock)
    erp.lose_answers = 1
    assert writer.run_once() == 0
    with takt.read() as session:
        outbox = session.get(ErpOutbox, pid)
        assert outbox is not None
        assert outbox.outcome_unknown
    assert stock_entries(erp, pid) == 1  # the ERP committed
    assert writer.run_once() == 0  # not due yet: the recheck waits a moment
    clock.advance(timedelta(seconds=5))
    assert writer.run_once() == 1
    assert stock_entries(erp, pid) == 1
    with takt.read() as session:
        ack = session.scalars(
            select(EventRecord).where(EventRecord.kind == "erp.posting_acknowledged")
        ).one()
    assert ack.payload["already"] is True


def test_a_busy_erp_is_retried_after_retry_after(
    erp: FakeErpNext, adapter: ErpNextAdapter, takt: Store, clock: FixedClock
) -> None:
    plant = seed(erp)
    pid = confirm_last_operation(takt, clock, plant["wo_frame"], 2)
    writer = ErpWriter(takt, adapter, clock)
    erp.fail_next(429, retry_after=30)
    assert writer.run_once() == 0
    clock.advance(timedelta(seconds=20))
    assert writer.run_once() == 0  # Retry-After said 30 s
    clock.advance(timedelta(seconds=11))
    assert writer.run_once() == 1
    assert stock_entries(erp, pid) == 1


def test_a_refused_posting_waits_for_a_person_then_goes_once(
    erp: FakeErpNext, adapter: ErpNextAdapter, takt: Store, clock: FixedClock
) -> None:
    plant = seed(erp)
    pid = confirm_last_operation(takt, clock, plant["wo_frame"], 2)
    writer = ErpWriter(takt, adapter, clock)
    erp.reject_next("Posting date is in a closed accounting period")
    assert writer.run_once() == 0
    row = posting(takt, pid)
    assert row.status is PostingStatus.FAILED
    assert "closed accounting period" in (row.last_error or "")
    assert writer.run_once() == 0  # a failed posting is not retried by itself
    with Service(takt, clock).transaction() as tx:
        tx.emit(ErpPostingRetried(posting_id=pid, reason="period reopened"), SUPERVISOR)
    assert writer.run_once() == 1
    assert posting(takt, pid).status is PostingStatus.POSTED
    assert stock_entries(erp, pid) == 1


@dataclass
class Rotated:
    """A posting waiting for an ERP whose API secret an admin just regenerated."""

    link: ErpLink
    posting_id: str
    new_secret: str


@pytest.fixture
def rotated(
    erp: FakeErpNext,
    adapter: ErpNextAdapter,
    takt: Store,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> Rotated:
    plant = seed(erp)
    pid = confirm_last_operation(takt, clock, plant["wo_frame"], 2)
    new_secret = erp.rotate_secret()
    monkeypatch.setenv("TAKT_SECRET_ERP_API_KEY", erp.api_key)
    monkeypatch.setenv("TAKT_SECRET_ERP_API_SECRET", "the-old-secret")
    link = ErpLink(takt, adapter, clock, lambda: None, import_interval_s=None)
    return Rotated(link, pid, new_secret)


def test_rotated_credentials_are_taken_from_the_keyring_after_a_401(
    erp: FakeErpNext, takt: Store, rotated: Rotated, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAKT_SECRET_ERP_API_SECRET", rotated.new_secret)  # stored in time
    assert rotated.link.writer.run_once() == 1
    assert posting(takt, rotated.posting_id).status is PostingStatus.POSTED
    assert stock_entries(erp, rotated.posting_id) == 1


def test_each_work_order_is_a_queue_and_a_failed_head_holds_only_its_own(
    adapter: ErpNextAdapter, takt: Store, clock: FixedClock
) -> None:
    execution = ExecutionService(takt, clock)
    with takt.read() as session:
        running = session.scalars(
            select(OperationInstance)
            .where(OperationInstance.status == OperationStatus.READY)
            .order_by(OperationInstance.id)
        ).first()
        assert running is not None
        other = session.execute(  # material of another order, issued meanwhile
            select(MaterialRequirement.work_order_number, MaterialRequirement.item_code)
            .where(MaterialRequirement.work_order_number != running.work_order_number)
            .order_by(MaterialRequirement.id)
        ).first()
        assert other is not None
        other_op = session.scalars(
            select(OperationInstance.id).where(OperationInstance.work_order_number == other[0])
        ).first()
        assert other_op is not None
    # In this order: a confirmation on A, an issue to B, another confirmation on A.
    execution.start(OPERATOR, running.id)
    execution.confirm(OPERATOR, running.id, good=1)
    clock.advance(timedelta(seconds=1))
    execution.issue_material(OPERATOR, other_op, item=other[1], qty=1)
    clock.advance(timedelta(seconds=1))
    execution.confirm(OPERATOR, running.id, good=1)
    with takt.read() as session:
        rows = list(session.scalars(select(ErpPosting).order_by(ErpPosting.occurred_at)))
    a1, b1, a2 = (r.id for r in rows)
    writer = ErpWriter(takt, adapter, clock)

    assert [r.id for r in writer.due()] == [a1, b1]  # A's second waits for its first
    erp_refuses(takt, clock, a1, "Work Order is closed")
    assert [r.id for r in writer.due()] == [b1]  # A waits for a person, B goes on
    with takt.write() as session:  # B's first try failed: it backs off for a minute
        session.add(
            ErpOutbox(posting_id=b1, attempts=1, next_try_at=clock.now() + timedelta(minutes=1))
        )
    assert writer.due() == []
    clock.advance(timedelta(minutes=1))
    assert [r.id for r in writer.due()] == [b1]
    with Service(takt, clock).transaction() as tx:
        tx.emit(ErpPostingRetried(posting_id=a1, reason="order reopened"), SUPERVISOR)
    assert [r.id for r in writer.due()] == [a1, b1]
    assert a2 not in {r.id for r in writer.due()}


def test_credentials_the_erp_refuses_pause_the_writer_and_fail_no_posting(
    erp: FakeErpNext,
    takt: Store,
    clock: FixedClock,
    rotated: Rotated,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    writer, pid = rotated.link.writer, rotated.posting_id  # the new secret is not stored yet
    assert writer.run_once() == 0
    # The posting is fine, the key is not: it waits, it is not marked refused.
    assert posting(takt, pid).status is PostingStatus.PENDING
    assert writer._paused_until is not None  # the writer as a whole waits

    monkeypatch.setenv("TAKT_SECRET_ERP_API_SECRET", rotated.new_secret)  # an admin stores it
    clock.advance(timedelta(minutes=10))
    assert writer.run_once() == 1
    assert posting(takt, pid).status is PostingStatus.POSTED
    assert stock_entries(erp, pid) == 1
