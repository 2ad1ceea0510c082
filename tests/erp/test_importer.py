"""The ERP's plan becomes Takt's reference events: everything that fits, once, and a
report of what did not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.clock import FixedClock
from app.model import EventRecord, Item, OperationInstance, WorkCenter, WorkOrder
from app.store import Store, open_memory_store
from sync.erp.erpnext import ErpNextAdapter
from sync.erp.importer import Importer, last_high_water
from sync.server.app import prepare
from tests.erp.erpnext_server import FakeErpNext
from tests.erp.test_erpnext import make_adapter, seed


@pytest.fixture
def erp() -> Iterator[FakeErpNext]:
    server = FakeErpNext()
    yield server
    server.close()


@pytest.fixture
def adapter(erp: FakeErpNext) -> Iterator[ErpNextAdapter]:
    a = make_adapter(erp)
    yield a
    a.close()


@pytest.fixture
def takt(clock: FixedClock) -> Iterator[Store]:
    store = open_memory_store(terminal_name="server", clock=clock)
    prepare(store)
    yield store
    store.close()


def count(store: Store, model: type) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_import_brings_the_plan_reports_bad_records_and_then_only_changes(
    erp: FakeErpNext, adapter: ErpNextAdapter, takt: Store, clock: FixedClock
) -> None:
    plant = seed(erp)
    ghost = erp.insert(
        "Work Order",
        {"production_item": "GHOST-ITEM", "qty": 3, "status": "Not Started"},
        docstatus=1,
    )
    importer = Importer(takt, clock)
    report = importer.apply(adapter.import_changes(last_high_water(takt)))

    assert count(takt, Item) >= 4
    assert count(takt, WorkCenter) == 3
    with takt.read() as session:
        order = session.get(WorkOrder, plant["wo_bracket"])
        assert order is not None
        assert order.erp_ref == plant["wo_bracket"]
        ops = list(
            session.scalars(
                select(OperationInstance).where(
                    OperationInstance.work_order_number == plant["wo_bracket"]
                )
            )
        )
        assert {op.work_center_code for op in ops} == {"LASER-1", "PRESS-2"}
    assert report.imported["work order"] >= 2
    skipped = {(b.entity, b.key) for b in report.bad}
    assert any(ghost["name"] in key for _, key in skipped)
    assert any("GHOST-ITEM" in b.problem for b in report.bad)
    assert report.high_water is not None
    assert last_high_water(takt) == report.high_water

    # Nothing changed in the ERP: the next run imports nothing.
    events_before = count(takt, EventRecord)
    again = importer.apply(adapter.import_changes(last_high_water(takt)))
    assert again.imported == {}
    assert count(takt, EventRecord) == events_before + 1  # only the run's own record

    # A planner renames an item: only that item comes over.
    clock.advance(timedelta(minutes=5))
    erp.touch("Item", "RM-BOLT", item_name="Hex bolt M8 (zinc)")
    changed = importer.apply(adapter.import_changes(last_high_water(takt)))
    assert changed.imported == {"item": 1}
    with takt.read() as session:
        bolt = session.get(Item, "RM-BOLT")
        assert bolt is not None
        assert bolt.name == "Hex bolt M8 (zinc)"
