"""What is deleted or archived in the ERP leaves Takt's plan, and an Odoo backorder's
renamed original stays Takt's order (issue 11). End to end: the adapters over real HTTP
against the stand-ins (which delete, archive and rename as the ERPs do), `takt erp
import` (run_import) into a server store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.model import Item, WorkOrder
from app.model.types import WorkOrderStatus
from app.priority.load import OPEN_ORDERS
from app.store import Store, open_memory_store
from sync.erp.base import Posting, PostingKind
from sync.erp.commands import run_import
from sync.erp.odoo import OdooAdapter
from sync.server.app import prepare
from tests.erp.erpnext_server import FakeErpNext, FrappeError
from tests.erp.odoo_server import OdooServer, UserError
from tests.erp.odoo_server import seed as seed_odoo
from tests.erp.test_erpnext import make_adapter
from tests.erp.test_erpnext import seed as seed_erpnext
from tests.erp.test_odoo_round_trip import AT, new_order


@pytest.fixture
def takt(clock: FixedClock) -> Iterator[Store]:
    store = open_memory_store(terminal_name="server", clock=clock)
    prepare(store)
    yield store
    store.close()


def order_row(store: Store, number: str) -> WorkOrder | None:
    with store.read() as session:
        order = session.get(WorkOrder, number)
        if order is not None:
            session.expunge(order)
        return order


def item_active(store: Store, code: str) -> bool | None:
    with store.read() as session:
        item = session.get(Item, code)
        return None if item is None else item.active


def board(store: Store) -> set[str]:
    """The orders on the plan (what the board ranks)."""
    with store.read() as session:
        return set(
            session.scalars(select(WorkOrder.number).where(WorkOrder.status.in_(OPEN_ORDERS)))
        )


# --- ERPNext: Deleted Document -----------------------------------------------------------


def test_erpnext_deletions_leave_the_plan_after_an_incremental_import(
    takt: Store, clock: FixedClock
) -> None:
    erp = FakeErpNext()
    try:
        plant = seed_erpnext(erp)
        erp.insert(
            "Item",
            {
                "item_code": "RM-OLD",
                "item_name": "Old gasket",
                "stock_uom": "Nos",
                "item_group": "Raw Material",
            },
        )
        with make_adapter(erp) as adapter:
            run_import(takt, adapter, clock)
            frame = plant["wo_frame"]
            assert frame in board(takt)
            assert item_active(takt, "RM-OLD") is True

            # Frappe deletes a submitted order only once cancelled, an item only when
            # nothing links to it; each delete leaves a Deleted Document.
            with pytest.raises(FrappeError, match="Submitted Record cannot be deleted"):
                erp.delete("Work Order", frame)
            with pytest.raises(FrappeError, match="is linked with"):
                erp.delete("Item", "RM-STEEL")
            erp.touch("Work Order", frame, docstatus=2, status="Cancelled")
            erp.delete("Work Order", frame)
            erp.delete("Item", "RM-OLD")
            clock.advance(timedelta(minutes=5))
            lines = run_import(takt, adapter, clock)
            requests = [p for _, p, _ in erp.requests]

            # Nothing new: the tombstones are not taken twice.
            clock.advance(timedelta(minutes=5))
            again = run_import(takt, adapter, clock)
    finally:
        erp.close()

    assert "/api/resource/Deleted Document" in requests
    assert frame not in board(takt)
    order = order_row(takt, frame)
    assert order is not None
    assert (order.status, order.erp_status) == (WorkOrderStatus.CANCELLED, "deleted")
    assert item_active(takt, "RM-OLD") is False
    assert plant["wo_bracket"] in board(takt)  # the rest stays
    assert any("work order" in line for line in lines), lines
    assert again[1] == "imported: nothing new", again


def test_erpnext_without_the_role_for_deleted_document_still_imports(
    takt: Store, clock: FixedClock
) -> None:
    erp = FakeErpNext()
    try:
        plant = seed_erpnext(erp)
        with make_adapter(erp) as adapter:
            run_import(takt, adapter, clock)
            erp.forbidden.add("Deleted Document")
            erp.touch("Work Order", plant["wo_frame"], qty=6)
            clock.advance(timedelta(minutes=5))
            run_import(takt, adapter, clock)
    finally:
        erp.close()
    order = order_row(takt, plant["wo_frame"])
    assert order is not None
    assert order.quantity == 6


# --- Odoo: archive and absence -----------------------------------------------------------


@pytest.fixture
def odoo() -> Iterator[OdooServer]:
    server = OdooServer()
    server.ids = seed_odoo(server)  # type: ignore[attr-defined]
    server.start()
    try:
        yield server
    finally:
        server.stop()


def ids(odoo: OdooServer) -> dict[str, int]:
    return odoo.ids  # type: ignore[attr-defined]


@pytest.fixture(params=["jsonrpc", "json2"])
def adapter(odoo: OdooServer, request: pytest.FixtureRequest) -> Iterator[OdooAdapter]:
    made = OdooAdapter(
        odoo.url,
        odoo.database,
        odoo.api_key,
        protocol=request.param,
        uid=odoo.uid if request.param == "jsonrpc" else None,
        timeout_s=2.0,
        backorder=True,
    )
    try:
        yield made
    finally:
        made.close()


def odoo_user(odoo: OdooServer, model: str, method: str, ids_: list[int]) -> Any:
    """A person in Odoo's own screens."""
    return odoo.execute(model, method, ids_, {})


def test_odoo_archived_items_and_deleted_orders_leave_the_plan(
    odoo: OdooServer, adapter: OdooAdapter, takt: Store, clock: FixedClock
) -> None:
    i = ids(odoo)
    extra = new_order(odoo, "WH/MO/00009")
    run_import(takt, adapter, clock)
    assert {"WH/MO/00001", "WH/MO/00009"} <= board(takt)
    assert item_active(takt, "RM-2") is True

    odoo.tick(5)
    odoo_user(odoo, "product.product", "action_archive", [i["bolt"]])
    # Hidden from an ordinary search, as in Odoo.
    assert i["bolt"] not in odoo.execute(
        "product.product", "search", None, {"domain": [["default_code", "=", "RM-2"]]}
    )
    with pytest.raises(UserError, match="Try to cancel them before"):
        odoo_user(odoo, "mrp.production", "unlink", [extra])
    odoo.update("mrp.production", extra, {"state": "cancel"})
    odoo_user(odoo, "mrp.production", "unlink", [extra])
    clock.advance(timedelta(minutes=5))
    run_import(takt, adapter, clock)

    assert item_active(takt, "RM-2") is False
    assert "WH/MO/00009" not in board(takt)
    gone = order_row(takt, "WH/MO/00009")
    assert gone is not None
    assert (gone.status, gone.erp_status) == (WorkOrderStatus.CANCELLED, "deleted")
    assert "WH/MO/00001" in board(takt)


def test_odoo_records_read_again_by_key_report_what_is_gone(
    odoo: OdooServer, adapter: OdooAdapter
) -> None:
    i = ids(odoo)
    odoo_user(odoo, "product.product", "action_archive", [i["steel"]])
    batch = adapter.import_records(
        {
            "work order": ["WH/MO/00001", "WH/MO/99999"],
            "item": ["RM-1", "RM-NONE"],
            "bom": [f"mrp.bom,{i['bom']}"],
        }
    )
    assert [w["number"] for w in batch.work_orders] == ["WH/MO/00001"]
    assert batch.work_orders[0]["erp_ref"] == f"mrp.production,{i['mo']}"
    assert [(p["code"], p["active"]) for p in batch.items] == [("RM-1", False)]
    assert [b["ref"] for b in batch.boms] == [f"mrp.bom,{i['bom']}"]
    assert sorted(batch.deleted) == [("item", "RM-NONE"), ("work_order", "WH/MO/99999")]


# --- Odoo: a backorder renames the order; Takt follows it by id --------------------------


def test_odoo_backorder_keeps_the_renamed_order_takts(
    odoo: OdooServer, adapter: OdooAdapter, takt: Store, clock: FixedClock
) -> None:
    i = ids(odoo)
    run_import(takt, adapter, clock)
    order = order_row(takt, "WH/MO/00001")
    assert order is not None
    ref = order.erp_ref
    assert ref == f"mrp.production,{i['mo']}"

    def post(kind: PostingKind, reference: str, **data: Any) -> None:
        data |= {"work_order": "WH/MO/00001", "erp_ref": ref}
        adapter.post(Posting(reference=reference, kind=kind, data=data, occurred_at=AT))

    for seq, center in ((10, "WC-CUT"), (20, "WC-ASM")):
        post(
            PostingKind.CONFIRMATION,
            f"c{seq}",
            operation_seq=seq,
            work_center=center,
            good=80,
            scrap=0,
            final=True,
            minutes=30,
        )
    original = odoo.tables["mrp.production"][i["mo"]]
    assert (original["name"], original["state"]) == ("WH/MO/00001-001", "done")
    # After the rename: found by id, not by its old name.
    post(PostingKind.SCRAP, "s1", item="FG-100", qty=2)
    (scrap,) = odoo.records("stock.scrap", production_id=i["mo"])
    assert scrap["state"] == "done"

    odoo.tick(5)
    clock.advance(timedelta(minutes=5))
    run_import(takt, adapter, clock)

    with takt.read() as session:
        numbers = set(session.scalars(select(WorkOrder.number)))
    assert "WH/MO/00001-001" not in numbers  # the renamed original is Takt's order
    done = order_row(takt, "WH/MO/00001")
    assert done is not None
    assert (done.erp_ref, done.erp_status) == (ref, "completed")
    rest = order_row(takt, "WH/MO/00001-002")
    assert rest is not None
    assert rest.quantity == 20
    assert "WH/MO/00001-002" in board(takt)
