"""The import is a merge: the ERP owns the plan, the floor owns progress. Records in the
shapes sync/erp/base.py documents, as every adapter hands them to the importer."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.demo.generator import PlantData
from app.demo.seed import seed_plant
from app.model import (
    ErpImportSkip,
    Item,
    MaterialRequirement,
    OperationInstance,
    ShopException,
    WorkCenter,
    WorkOrder,
)
from app.model.types import (
    ExceptionKind,
    HoldScope,
    OperationStatus,
    OverrideKind,
    WorkOrderStatus,
)
from app.priority.load import OPEN_ORDERS, load_state
from app.queries_erp import import_state
from app.services.board import BoardService
from app.services.exceptions import ExceptionService, NewException
from app.services.execution import ExecutionService
from app.store import Store, open_memory_store
from sync.erp.base import BadRecord, ImportBatch
from sync.erp.importer import Importer
from sync.server.app import prepare

OPERATOR, SUPERVISOR = "901", "902"


@pytest.fixture
def takt(small_plant: PlantData, clock: FixedClock) -> Iterator[Store]:
    store = open_memory_store(terminal_name="server", clock=clock)
    prepare(store)
    seed_plant(store, small_plant, clock)
    yield store
    store.close()


ITEMS = [
    {"code": "FG Bracket", "name": "Bracket", "uom": "Nos", "item_group": "Products"},
    {"code": "SA Arm", "name": "Arm", "uom": "Nos", "item_group": "Sub Assemblies"},
    {"code": "RM Steel", "name": "Steel sheet", "uom": "Kg", "item_group": "Raw Material"},
    {"code": "RM Bolt", "name": "Bolt", "uom": "Nos", "item_group": "Raw Material"},
]
CENTERS = [{"code": "Laser Cutter", "name": "Laser Cutter"}, {"code": "Press 2", "name": "Press"}]


def order(number: str, qty: float = 10, **more: Any) -> dict[str, Any]:
    return {
        "number": number,
        "item": "FG Bracket",
        "qty": qty,
        "done_qty": 0,
        "due": "2026-12-01",
        "status": "Not Started",
        "open": True,
        # Run minutes per unit, as the adapters give them.
        "operations": [
            {"seq": 10, "operation": "Cut", "work_center": "Laser Cutter", "minutes": 3.0},
            {"seq": 20, "operation": "Bend", "work_center": "Press 2", "minutes": 1.5},
        ],
        **more,
    }


def plan(*orders: dict[str, Any], **more: Any) -> ImportBatch:
    return ImportBatch(
        items=copy.deepcopy(ITEMS),
        work_centers=copy.deepcopy(CENTERS),
        boms=[
            {
                "name": "BOM-BRACKET-001",
                "item": "FG Bracket",
                "quantity": 2,  # lines for 2 brackets, as the ERP stores them
                "lines": [{"item": "SA Arm", "qty": 2}, {"item": "RM Bolt", "qty": 8}],
            },
            {"name": "BOM-ARM-001", "item": "SA Arm", "lines": [{"item": "RM Steel", "qty": 1.5}]},
        ],
        work_orders=list(orders),
        high_water="2026-11-23 08:00:00",
        **more,
    )


def get(store: Store, model: type, key: str) -> Any:
    with store.read() as session:
        row = session.get(model, key)
        assert row is not None
        session.expunge(row)
        return row


def ops(store: Store, number: str) -> list[OperationInstance]:
    with store.read() as session:
        return list(
            session.scalars(
                select(OperationInstance)
                .where(OperationInstance.work_order_number == number)
                .order_by(OperationInstance.seq)
            )
        )


def materials(store: Store, number: str) -> dict[str, MaterialRequirement]:
    with store.read() as session:
        rows = session.scalars(
            select(MaterialRequirement).where(MaterialRequirement.work_order_number == number)
        )
        return {r.item_code: r for r in rows}


def test_names_with_spaces_times_per_unit_and_bom_quantities(
    takt: Store, clock: FixedClock
) -> None:
    report = Importer(takt, clock).apply(plan(order("WO-1", qty=10)))
    assert report.bad == [], report.lines()
    assert get(takt, WorkCenter, "Laser Cutter").name == "Laser Cutter"
    cut, bend = ops(takt, "WO-1")
    assert cut.work_center_code == "Laser Cutter"
    # 3 minutes a unit for 10 units: 30, not 300 (minutes times quantity twice).
    assert (cut.run_minutes, bend.run_minutes) == (30.0, 15.0)
    needs = materials(takt, "WO-1")
    # The BOM is for 2 brackets: 1 arm and 4 bolts a bracket.
    assert needs["SA Arm"].quantity == 10
    assert needs["RM Bolt"].quantity == 40
    assert "RM Steel" not in needs  # single-level: the sub-assembly itself
    # The board ranks the lane under the ERP's name, spaces and all.
    with takt.read() as session:
        state = load_state(session)
    assert "Laser Cutter" in state.work_centers
    assert {j.work_center for j in state.jobs.values() if j.work_order == "WO-1"} == {
        "Laser Cutter",
        "Press 2",
    }


def test_a_multi_level_order_gets_the_sub_assemblies_raw_materials(
    takt: Store, clock: FixedClock
) -> None:
    Importer(takt, clock).apply(plan(order("WO-ML", qty=4, multi_level=True)))
    needs = materials(takt, "WO-ML")
    assert set(needs) == {"RM Steel", "RM Bolt"}
    assert needs["RM Steel"].quantity == pytest.approx(4 * 1 * 1.5)
    assert needs["RM Bolt"].quantity == 16


def test_a_bom_of_quantity_zero_is_skipped_with_its_reason_not_read_as_one(
    takt: Store, clock: FixedClock
) -> None:
    batch = plan()
    batch.boms[0]["quantity"] = 0
    report = Importer(takt, clock).apply(batch)
    (bad,) = [b for b in report.bad if b.entity == "bom"]
    assert bad.key == "BOM-BRACKET-001"
    assert "quantity" in bad.problem
    assert "above 0" in bad.problem


def test_reimport_keeps_the_floor_and_survives_what_refers_to_the_order(
    takt: Store, clock: FixedClock
) -> None:
    importer = Importer(takt, clock)
    importer.apply(plan(order("WO-1", qty=10), order("WO-2", qty=5)))
    cut, bend = ops(takt, "WO-1")
    execution = ExecutionService(takt, clock)
    execution.start(OPERATOR, cut.id)
    execution.confirm(OPERATOR, cut.id, good=10, final=True)
    board = BoardService(takt, clock)
    # Held before it runs (a running operation's place no longer changes, and a short
    # one cannot be pinned: the board's rules); the override names the operation the
    # import must keep.
    board.override(SUPERVISOR, bend.id, OverrideKind.HOLD, "customer waiting at the gate")
    execution.start(OPERATOR, bend.id)
    execution.confirm(OPERATOR, bend.id, good=4)
    execution.issue_material(OPERATOR, bend.id, item="RM Bolt", qty=16)
    exceptions = ExceptionService(takt, clock)
    exc_id = exceptions.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.QUALITY_HOLD,
            summary="Burr on the cut edge",
            work_center="Laser Cutter",
            work_order="WO-1",
            operation_id=bend.id,
        ),
    )
    board.place_hold(SUPERVISOR, HoldScope.WORK_ORDER, "WO-1", "check the drawing revision")

    # The planner raises the quantity and moves the date; Takt's postings changed the
    # order in the ERP too (produced 0 -> 4): the import brings it again.
    clock.advance(timedelta(minutes=15))
    changed = order("WO-1", qty=12, done_qty=4, due="2026-12-03")
    report = importer.apply(plan(changed))
    assert report.bad == [], report.lines()
    wo = get(takt, WorkOrder, "WO-1")
    assert wo.quantity == 12  # the ERP's; Takt's own output is not taken off again
    assert wo.due_at.day == 3
    assert wo.status is WorkOrderStatus.IN_PROGRESS
    cut, bend = ops(takt, "WO-1")
    assert (cut.status, cut.qty_good) == (OperationStatus.COMPLETED, 10)
    assert (bend.status, bend.qty_good) == (OperationStatus.RUNNING, 4)
    assert bend.run_minutes == 1.5 * 12
    assert materials(takt, "WO-1")["RM Bolt"].issued_qty == 16
    assert materials(takt, "WO-1")["RM Bolt"].quantity == 48
    assert get(takt, ShopException, exc_id).operation_id == bend.id

    # The floor completes it; the next import does not bring it back released.
    execution.confirm(OPERATOR, bend.id, good=8, final=True)
    assert get(takt, WorkOrder, "WO-1").status is WorkOrderStatus.COMPLETED
    clock.advance(timedelta(minutes=15))
    importer.apply(plan(order("WO-1", qty=12, done_qty=12, status="In Process")))
    wo = get(takt, WorkOrder, "WO-1")
    assert wo.status is WorkOrderStatus.COMPLETED
    assert [o.status for o in ops(takt, "WO-1")] == [OperationStatus.COMPLETED] * 2
    assert materials(takt, "WO-1")["RM Bolt"].issued_qty == 16


def test_a_routing_change_adds_and_drops_steps_but_keeps_what_the_floor_touched(
    takt: Store, clock: FixedClock
) -> None:
    importer = Importer(takt, clock)
    importer.apply(plan(order("WO-1")))
    cut, _bend = ops(takt, "WO-1")
    ExecutionService(takt, clock).start(OPERATOR, cut.id)
    rerouted = order("WO-1")
    rerouted["operations"] = [
        rerouted["operations"][0],
        {"seq": 30, "operation": "Weld", "work_center": "Press 2", "minutes": 2.0},
    ]
    importer.apply(plan(rerouted))
    steps = ops(takt, "WO-1")
    assert [(o.seq, o.status) for o in steps] == [
        (10, OperationStatus.RUNNING),
        (30, OperationStatus.WAITING),
    ]


@pytest.mark.parametrize(
    ("erp_status", "state", "status"),
    [
        ("Stopped", "stopped", WorkOrderStatus.CLOSED),
        ("Closed", "closed", WorkOrderStatus.CLOSED),
        ("Cancelled", "cancelled", WorkOrderStatus.CANCELLED),
    ],
)
def test_orders_the_erp_takes_off_the_plan_leave_the_board_with_a_note_on_exceptions(
    takt: Store, clock: FixedClock, erp_status: str, state: str, status: WorkOrderStatus
) -> None:
    importer = Importer(takt, clock)
    importer.apply(plan(order("WO-1"), order("WO-2")))
    exc_id = ExceptionService(takt, clock).raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.ORDER_CHANGE, summary="Customer asks to split", work_order="WO-1"
        ),
    )
    clock.advance(timedelta(minutes=15))
    ended = {"number": "WO-1", "item": "FG Bracket", "status": erp_status, "open": False}
    importer.apply(plan(ended))
    wo = get(takt, WorkOrder, "WO-1")
    assert (wo.status, wo.erp_status) == (status, state)
    assert wo.status not in OPEN_ORDERS  # off the board
    assert get(takt, WorkOrder, "WO-2").status is WorkOrderStatus.RELEASED
    exc = get(takt, ShopException, exc_id)
    assert exc.status.value == "raised"  # kept open: its owner decides
    assert f"{state} in the ERP ({erp_status})" in exc.details["work_order_in_erp"]
    # The same news again changes nothing and records nothing.
    again = importer.apply(plan(ended))
    assert "work order" not in again.imported
    if state == "stopped":  # released again in the ERP: back on the board
        importer.apply(plan(order("WO-1", status="In Process")))
        wo = get(takt, WorkOrder, "WO-1")
        assert (wo.status, wo.erp_status) == (WorkOrderStatus.RELEASED, None)


def test_deleted_and_disabled_items_stay_but_are_used_no_more(
    takt: Store, clock: FixedClock
) -> None:
    importer = Importer(takt, clock)
    importer.apply(plan(order("WO-1")))
    clock.advance(timedelta(minutes=15))
    importer.apply(ImportBatch(deleted=[("item", "RM Bolt"), ("work_order", "WO-1")]))
    assert get(takt, Item, "RM Bolt").active is False
    assert get(takt, WorkOrder, "WO-1").status is WorkOrderStatus.CANCELLED
    # A BOM changed in the ERP that still names the bolt is not taken (nor is an order
    # whose materials would come from it).
    report = importer.apply(ImportBatch(boms=plan().boms[:1], work_orders=[order("WO-3")]))
    (bad,) = [b for b in report.bad if b.key == "BOM-BRACKET-001"]
    assert "RM Bolt is disabled or deleted in the ERP" in bad.problem


def test_skipped_records_are_tried_again_and_counted_until_they_go_in(
    takt: Store, clock: FixedClock
) -> None:
    importer = Importer(takt, clock)
    batch = plan(order("WO-1"))
    batch.items[3]["name"] = "x" * 200  # too long: the bolt is skipped, so is the BOM
    batch.bad.append(BadRecord("work_order", "WO-9", "production_item: unknown item GHOST"))
    first = importer.apply(batch)
    skipped = {(s.entity, s.key) for s in first.still_skipped}
    assert skipped == {
        ("item", "RM Bolt"),
        ("bom", "BOM-BRACKET-001"),
        ("work order", "WO-1"),  # its materials name the bolt
        ("work order", "WO-9"),
    }
    with takt.read() as session:
        state = import_state(session)
    assert state.skipped == 4
    clock.advance(timedelta(minutes=15))
    # Nothing changed in the ERP: still skipped, counted, tried again.
    second = importer.apply(ImportBatch(high_water="2026-11-23 08:15:00"))
    assert second.retried == 3  # the adapter's own skip has no record to try
    assert {(s.key, s.tries) for s in second.still_skipped} == {
        ("RM Bolt", 2),
        ("BOM-BRACKET-001", 2),
        ("WO-1", 2),
        ("WO-9", 1),  # not read again: the ERP's next version of it will be
    }
    with takt.read() as session:
        assert import_state(session).skipped == 4
    # The planner fixes the item's name: it comes, and the BOM and order it held back too.
    clock.advance(timedelta(minutes=15))
    fixed = ImportBatch(items=[dict(ITEMS[3])], high_water="2026-11-23 08:30:00")
    third = importer.apply(fixed)
    assert third.imported == {"item": 1, "bom": 1, "work order": 1}
    assert [(s.entity, s.key) for s in third.still_skipped] == [("work order", "WO-9")]
    assert materials(takt, "WO-1")["RM Bolt"].quantity == 40
    with takt.read() as session:
        assert [r.key for r in session.scalars(select(ErpImportSkip))] == ["WO-9"]
        assert import_state(session).skipped == 1
