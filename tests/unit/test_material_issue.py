"""Material issued to a work order at the line: the requirement shrinks, the lot is
staged, local stock follows, a goods issue waits for the ERP; bad input names its field
and a held lot is refused, also when the event arrives from another terminal."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from app.clock import FixedClock
from app.errors import ValidationError
from app.events import log
from app.events.envelope import GENESIS_HASH, Event
from app.events.payloads import HoldPlaced, MaterialIssued, Payload
from app.model import (
    ErpPosting,
    EventRecord,
    Lot,
    MaterialRequirement,
    OperationInstance,
    StockBalance,
)
from app.model.types import HoldScope, OperationStatus, PostingKind
from app.services.base import Service
from app.services.execution import ExecutionService
from app.store import Store

OPERATOR = "901"


@dataclass(frozen=True)
class Need:
    requirement_id: str
    operation_id: str
    work_order: str
    item: str
    quantity: float
    lot: str  # a lot of that item in stock


def a_need(store: Store) -> Need:
    """A requirement of an order with a ready operation, whose item has a lot in stock."""
    with store.read() as session:
        row = session.execute(
            select(MaterialRequirement, OperationInstance.id, Lot.lot_no)
            .join(
                OperationInstance,
                OperationInstance.work_order_number == MaterialRequirement.work_order_number,
            )
            .join(Lot, Lot.item_code == MaterialRequirement.item_code)
            .join(StockBalance, StockBalance.lot_no == Lot.lot_no)
            .where(
                OperationInstance.status == OperationStatus.READY,
                MaterialRequirement.issued_qty == 0,
                StockBalance.on_hand > 10,
            )
            .order_by(MaterialRequirement.id, Lot.lot_no)
        ).first()
        assert row is not None, "the small plant has no open requirement with stock"
        req, op_id, lot_no = row
        return Need(req.id, op_id, req.work_order_number, req.item_code, req.quantity, lot_no)


def foreign_event(payload: Payload, clock: FixedClock, actor: str = OPERATOR) -> Event:
    """The first event of another terminal, as it arrives from the server (or from a
    terminal that skipped its services)."""
    return Event.sealed(
        id=str(uuid.uuid4()),
        terminal_id=str(uuid.uuid4()),
        terminal_seq=1,
        kind=payload.KIND,
        payload=payload.as_json(),
        actor=actor,
        occurred_at=clock.now(),
        prev_hash=GENESIS_HASH,
    )


def on_hand(store: Store, lot: str) -> float:
    with store.read() as session:
        total = session.scalar(
            select(func.sum(StockBalance.on_hand)).where(StockBalance.lot_no == lot)
        )
    return float(total or 0)


def test_an_issue_shrinks_the_requirement_stages_the_lot_and_queues_a_goods_issue(
    plant: Store, clock: FixedClock
) -> None:
    need = a_need(plant)
    before = on_hand(plant, need.lot)
    ExecutionService(plant, clock).issue_material(
        OPERATOR, need.operation_id, item=need.item, qty=4, lot=need.lot
    )
    with plant.read() as session:
        requirement = session.get(MaterialRequirement, need.requirement_id)
        assert requirement is not None
        assert requirement.issued_qty == 4
        assert requirement.lot_no is not None  # staged: a hold on it now reaches the job
        (posting,) = session.scalars(
            select(ErpPosting).where(ErpPosting.kind == PostingKind.GOODS_MOVEMENT)
        )
    assert on_hand(plant, need.lot) == before - 4
    assert posting.work_order_number == need.work_order
    assert posting.payload["erp_kind"] == "goods_issue"
    assert posting.payload["item"] == need.item
    assert posting.payload["qty"] == 4
    assert posting.payload["lot"] == need.lot
    assert posting.payload["issued_by"] == OPERATOR


def test_issuing_more_than_planned_is_recorded_in_full(plant: Store, clock: FixedClock) -> None:
    need = a_need(plant)
    ExecutionService(plant, clock).issue_material(
        OPERATOR, need.operation_id, item=need.item, qty=need.quantity + 3
    )
    with plant.read() as session:
        issued = session.scalar(
            select(func.sum(MaterialRequirement.issued_qty)).where(
                MaterialRequirement.work_order_number == need.work_order,
                MaterialRequirement.item_code == need.item,
            )
        )
    assert issued == need.quantity + 3


def test_bad_input_names_the_field_and_writes_nothing(plant: Store, clock: FixedClock) -> None:
    need = a_need(plant)
    service = ExecutionService(plant, clock)
    with plant.read() as session:
        events_before = session.scalar(select(func.count()).select_from(EventRecord))
    cases: list[tuple[dict[str, object], str]] = [
        ({"item": need.item, "qty": 0}, "qty"),
        ({"item": "", "qty": 1}, "item"),
        ({"item": "NOT-A-MATERIAL", "qty": 1}, "item"),
        ({"item": need.item, "qty": 1, "lot": "bad lot!"}, "lot"),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as raised:
            service.issue_material(OPERATOR, need.operation_id, **kwargs)  # type: ignore[arg-type]
        assert field in raised.value.fields, (kwargs, raised.value.problems)
    with pytest.raises(ValidationError) as raised:
        service.issue_material(OPERATOR, "no-such-operation", item=need.item, qty=1)
    assert "operation" in raised.value.fields
    with plant.read() as session:
        assert session.scalar(select(func.count()).select_from(EventRecord)) == events_before


def test_a_held_lot_is_refused_by_the_form_and_by_the_reducer(
    plant: Store, clock: FixedClock
) -> None:
    need = a_need(plant)
    with Service(plant, clock).transaction() as tx:
        tx.emit(
            HoldPlaced(
                hold_id="hold-1", scope=HoldScope.LOT, key=need.lot, reason="suspect hardness"
            ),
            "903",
        )
    with pytest.raises(ValidationError) as raised:
        ExecutionService(plant, clock).issue_material(
            OPERATOR, need.operation_id, item=need.item, qty=1, lot=need.lot
        )
    assert raised.value.fields == ["lot"]
    assert "suspect hardness" in str(raised.value)

    # The same issue recorded on a terminal that had not heard of the hold yet arrives
    # here as an event: it is stored as rejected, with its reason, and changes nothing.
    event = foreign_event(
        MaterialIssued(work_order=need.work_order, item=need.item, qty=1, lot=need.lot), clock
    )
    with plant.write() as session:
        assert log.ingest(session, event)
    with plant.read() as session:
        record = session.scalars(select(EventRecord).where(EventRecord.id == event.id)).one()
        assert record.outcome == "rejected"
        assert "suspect hardness" in (record.reason or "")
        requirement = session.get(MaterialRequirement, need.requirement_id)
        assert requirement is not None
        assert requirement.issued_qty == 0
        assert session.scalar(select(func.count()).select_from(ErpPosting)) == 0
