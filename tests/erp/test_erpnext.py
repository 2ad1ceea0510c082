"""The ERPNext adapter against a protocol-faithful ERPNext stand-in over real HTTP."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from sync.erp.base import (
    BadRecord,
    ErpAuthError,
    ErpNothingToPost,
    ErpOutcomeUnknown,
    ErpRejected,
    ErpUnavailable,
    Posted,
    Posting,
    PostingKind,
)
from sync.erp.erpnext import REF_FIELD, ErpNextAdapter, erp_message
from tests.erp.erpnext_server import FakeErpNext

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
COMPANY = "Takt Manufacturing"
STORES, WIP, FG = "Stores - TM", "Work In Progress - TM", "Finished Goods - TM"
SCRAP = "Scrap - TM"

ITEMS = [
    ("RM-STEEL", "Steel sheet 2 mm", "Kg", "Raw Material"),
    ("RM-BOLT", "Bolt M8", "Nos", "Raw Material"),
    ("RM-PAINT", "Powder coat", "Kg", "Raw Material"),
    ("FG-BRACKET", "Bracket", "Nos", "Products"),
    ("FG-FRAME", "Frame", "Nos", "Products"),
    ("FG-PANEL", "Panel", "Nos", "Products"),
    ("SA-ARM", "Arm subassembly", "Nos", "Sub Assemblies"),
]


def seed(erp: FakeErpNext) -> dict[str, str]:
    """A small plant as the ERPNext setup wizard and a planner would leave it."""
    erp.insert("Company", {"company_name": COMPANY, "abbr": "TM"})
    for warehouse in (STORES, WIP, FG, SCRAP):
        erp.insert("Warehouse", {"name": warehouse, "company": COMPANY, "is_group": 0})
    for purpose in (
        "Material Issue",
        "Material Receipt",
        "Manufacture",
        "Material Transfer for Manufacture",
        "Material Transfer",
    ):
        erp.insert("Stock Entry Type", {"name": purpose, "purpose": purpose})
    erp.insert("Employee", {"employee_name": "Ana Operator", "status": "Active"})
    erp.insert("Quality Procedure", {"quality_procedure_name": "In-process inspection"})
    for code, name, uom, group in ITEMS:
        erp.insert(
            "Item",
            {"item_code": code, "item_name": name, "stock_uom": uom, "item_group": group},
        )
    for station in ("LASER-1", "PRESS-2", "WELD-1"):
        erp.insert("Workstation", {"workstation_name": station, "workstation_type": "Cell"})
    bracket_bom = erp.insert(
        "BOM",
        {
            "item": "FG-BRACKET",
            "quantity": 1,
            "is_active": 1,
            "is_default": 1,
            "with_operations": 1,
            "company": COMPANY,
            "items": [
                {"item_code": "RM-STEEL", "qty": 2, "stock_qty": 2},
                {"item_code": "RM-BOLT", "qty": 4, "stock_qty": 4},
            ],
            "operations": [
                {"operation": "Cut", "workstation": "LASER-1", "time_in_mins": 5},
                {"operation": "Bend", "workstation": "PRESS-2", "time_in_mins": 3},
            ],
        },
        docstatus=1,
    )
    frame_bom = erp.insert(
        "BOM",
        {
            "item": "FG-FRAME",
            "quantity": 1,
            "is_active": 1,
            "is_default": 1,
            "with_operations": 1,
            "items": [
                {"item_code": "SA-ARM", "qty": 2, "stock_qty": 2},
                {"item_code": "RM-PAINT", "qty": 0.5, "stock_qty": 0.5},
            ],
            "operations": [
                {"operation": "Weld", "workstation": "WELD-1", "time_in_mins": 12},
            ],
        },
        docstatus=1,
    )
    # A draft BOM is not usable yet: the import leaves it out.
    erp.insert("BOM", {"item": "FG-PANEL", "quantity": 1, "is_active": 1}, docstatus=0)

    def order(item: str, bom: str, qty: float, status: str, docstatus: int = 1) -> str:
        made = erp.insert(
            "Work Order",
            {
                "production_item": item,
                "qty": qty,
                "produced_qty": 0,
                "status": status,
                "bom_no": bom,
                "company": COMPANY,
                "wip_warehouse": WIP,
                "fg_warehouse": FG,
                "expected_delivery_date": "2026-12-01",
                "planned_end_date": "2026-11-30 16:00:00",
                "required_items": [
                    {"item_code": "RM-STEEL", "required_qty": 2 * qty},
                    {"item_code": "RM-BOLT", "required_qty": 4 * qty},
                ]
                if item == "FG-BRACKET"
                else [],
                "operations": [
                    {
                        "operation": "Cut",
                        "workstation": "LASER-1",
                        "time_in_mins": 5 * qty,
                        "sequence_id": 10,
                    },
                    {
                        "operation": "Bend",
                        "workstation": "PRESS-2",
                        "time_in_mins": 3 * qty,
                        "sequence_id": 20,
                    },
                ]
                if item == "FG-BRACKET"
                else [],
            },
            docstatus=docstatus,
        )
        return str(made["name"])

    names = {
        "wo_bracket": order("FG-BRACKET", bracket_bom["name"], 10, "Not Started"),
        "wo_bracket_running": order("FG-BRACKET", bracket_bom["name"], 5, "In Process"),
        "wo_frame": order("FG-FRAME", frame_bom["name"], 4, "Not Started"),
        "wo_done": order("FG-BRACKET", bracket_bom["name"], 3, "Completed"),
        "wo_draft": order("FG-FRAME", frame_bom["name"], 2, "Draft", docstatus=0),
        "bracket_bom": bracket_bom["name"],
    }
    # Submitting a Work Order with operations makes its Job Cards.
    erp.make_job_cards(names["wo_bracket"])
    erp.make_job_cards(names["wo_bracket_running"])
    for item, warehouse, qty in (
        ("RM-STEEL", STORES, 500.0),
        ("RM-BOLT", STORES, 1000.0),
        ("RM-STEEL", WIP, 40.0),
        ("RM-BOLT", WIP, 80.0),
        ("FG-BRACKET", FG, 12.0),
    ):
        erp.insert(
            "Bin",
            {"item_code": item, "warehouse": warehouse, "actual_qty": qty, "projected_qty": qty},
        )
    return names


@pytest.fixture
def erp() -> Iterator[FakeErpNext]:
    server = FakeErpNext()
    yield server
    server.close()


@pytest.fixture
def plant(erp: FakeErpNext) -> dict[str, str]:
    return seed(erp)


def make_adapter(erp: FakeErpNext, **overrides: Any) -> ErpNextAdapter:
    settings: dict[str, Any] = {
        "timeout_s": 2.0,
        "company": COMPANY,
        "source_warehouse": STORES,
        "target_warehouse": STORES,
        "scrap_warehouse": SCRAP,
        "default_operator": "HR-EMP-00001",
        "quality_procedure": "In-process inspection",
        "page_size": 3,
    } | overrides
    return ErpNextAdapter(erp.url, erp.api_key, erp.api_secret, **settings)


@pytest.fixture
def adapter(erp: FakeErpNext) -> Iterator[ErpNextAdapter]:
    a = make_adapter(erp)
    yield a
    a.close()


def posting(kind: PostingKind, reference: str, **data: object) -> Posting:
    return Posting(reference=reference, kind=kind, data=dict(data), occurred_at=NOW)


def confirmation(plant: dict[str, str], reference: str = "evt-conf-1", good: float = 3) -> Posting:
    """Takt's last operation on the frame order, which has no operations in ERPNext (made
    over REST without them): each confirmation is a Manufacture entry of its own. Orders
    with operations go through their Job Cards (test_erpnext_job_cards.py)."""
    return posting(
        PostingKind.CONFIRMATION,
        reference,
        work_order="T-1001",
        erp_ref=plant["wo_frame"],
        operation_seq=20,
        work_center="WELD-1",
        good=good,
        scrap=0,
        final=False,
        last_operation=True,
    )


# --- import --------------------------------------------------------------------------


def test_full_import_maps_every_doctype(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    batch = adapter.import_changes(None)

    assert batch.bad == []
    assert {i["code"] for i in batch.items} == {code for code, *_ in ITEMS}
    steel = next(i for i in batch.items if i["code"] == "RM-STEEL")
    assert steel == {
        "code": "RM-STEEL",
        "name": "Steel sheet 2 mm",
        "uom": "Kg",
        "item_group": "Raw Material",
        "active": True,
    }
    assert {w["code"] for w in batch.work_centers} == {"LASER-1", "PRESS-2", "WELD-1"}

    bracket = next(b for b in batch.boms if b["item"] == "FG-BRACKET")
    assert bracket["lines"] == [{"item": "RM-STEEL", "qty": 2.0}, {"item": "RM-BOLT", "qty": 4.0}]
    assert {b["item"] for b in batch.boms} == {"FG-BRACKET", "FG-FRAME"}  # draft BOM left out
    routing = next(r for r in batch.routings if r["item"] == "FG-BRACKET")
    assert routing["operations"] == [
        {
            "seq": 10,
            "operation": "Cut",
            "work_center": "LASER-1",
            "minutes": 5.0,
            "setup_minutes": 0.0,
        },
        {
            "seq": 20,
            "operation": "Bend",
            "work_center": "PRESS-2",
            "minutes": 3.0,
            "setup_minutes": 0.0,
        },
    ]

    # Only open, submitted orders: not the completed one, not the draft.
    orders = {w["number"]: w for w in batch.work_orders}
    assert set(orders) == {plant["wo_bracket"], plant["wo_bracket_running"], plant["wo_frame"]}
    first = orders[plant["wo_bracket"]]
    assert first["item"] == "FG-BRACKET"
    assert first["qty"] == 10
    assert first["done_qty"] == 0
    assert first["due"] == "2026-12-01"
    assert first["bom"] == plant["bracket_bom"]
    assert [op["work_center"] for op in first["operations"]] == ["LASER-1", "PRESS-2"]
    # The order's operation times are for its 10 units: per unit they are the BOM's.
    assert [op["minutes"] for op in first["operations"]] == [5.0, 3.0]
    # The Job Cards ERPNext made on submit, one per operation.
    cards = erp.job_cards(plant["wo_bracket"])
    assert [op["job_cards"] for op in first["operations"]] == [
        [cards[0]["name"]],
        [cards[1]["name"]],
    ]
    assert first["status"] == "Not Started"
    assert orders[plant["wo_frame"]]["operations"] == []  # made over REST without operations

    assert {(s["item"], s["warehouse"]): s["on_hand"] for s in batch.stock} == {
        ("RM-STEEL", STORES): 500.0,
        ("RM-BOLT", STORES): 1000.0,
        ("RM-STEEL", WIP): 40.0,
        ("RM-BOLT", WIP): 80.0,
        ("FG-BRACKET", FG): 12.0,
    }
    # The newest change among what was read: the Bins were seeded last.
    assert batch.high_water == max(b["modified"] for b in erp.docs["Bin"].values())


def test_list_requests_are_paged_frappe_style(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    adapter.import_changes(None)

    item_pages = [q for m, p, q in erp.requests if m == "GET" and p == "/api/resource/Item"]
    # Seven items, pages of three: 0, 3, 6 (a short page ends it).
    assert [int(q["limit_start"]) for q in item_pages] == [0, 3, 6]
    assert all(q["limit_page_length"] == "3" for q in item_pages)
    assert json.loads(item_pages[0]["fields"])[:2] == ["name", "item_code"]
    assert item_pages[0]["order_by"] == "modified asc, name asc"
    order_list = next(
        q for m, p, q in erp.requests if m == "GET" and p == "/api/resource/Work Order"
    )
    assert json.loads(order_list["filters"]) == [
        ["docstatus", "=", 1],
        [
            "status",
            "in",
            ["Not Started", "In Process", "Stock Reserved", "Stock Partially Reserved"],
        ],
    ]


def test_bom_lines_are_per_unit_made_and_an_item_takes_its_default_bom_only(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    # A second, active BOM for the bracket, made for 10 at a time: not the default one.
    erp.insert(
        "BOM",
        {
            "item": "FG-BRACKET",
            "quantity": 10,
            "is_active": 1,
            "is_default": 0,
            "items": [{"item_code": "RM-STEEL", "qty": 25, "stock_qty": 25}],
        },
        docstatus=1,
    )
    # The frame's default BOM, made for 4 at a time.
    erp.touch(
        "BOM", next(n for n, d in erp.docs["BOM"].items() if d["item"] == "FG-FRAME"), quantity=4
    )

    batch = adapter.import_changes(None)

    boms = {b["item"]: b for b in batch.boms}
    assert len(batch.boms) == len(boms)  # one BOM per item
    assert boms["FG-BRACKET"]["lines"] == [
        {"item": "RM-STEEL", "qty": 2.0},
        {"item": "RM-BOLT", "qty": 4.0},
    ]
    assert boms["FG-FRAME"]["lines"] == [
        {"item": "SA-ARM", "qty": 0.5},
        {"item": "RM-PAINT", "qty": 0.125},
    ]


def test_incremental_import_returns_only_what_changed(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    first = adapter.import_changes(None)
    assert first.high_water is not None

    erp.touch("Item", "RM-BOLT", item_name="Bolt M8 zinc")
    erp.touch("Work Order", plant["wo_bracket"], status="Stopped")
    newer = erp.insert(
        "Work Order",
        {"production_item": "FG-PANEL", "qty": 7, "produced_qty": 0, "status": "Not Started"},
        docstatus=1,
    )

    second = adapter.import_changes(first.high_water)

    assert [i["code"] for i in second.items] == ["RM-BOLT"]
    assert second.items[0]["name"] == "Bolt M8 zinc"
    assert second.work_centers == []
    assert second.boms == []
    # The stopped order comes too, marked closed, so Takt learns it ended. FG-PANEL is
    # not in this batch but was imported before: not a bad record.
    orders = {w["number"]: w for w in second.work_orders}
    assert set(orders) == {plant["wo_bracket"], newer["name"]}
    assert orders[plant["wo_bracket"]]["open"] is False
    assert orders[newer["name"]]["open"] is True
    assert second.bad == []
    assert second.high_water is not None
    assert second.high_water > first.high_water

    third = adapter.import_changes(second.high_water)
    assert (third.items, third.work_orders, third.stock) == ([], [], [])
    assert third.high_water == second.high_water


def test_incremental_import_after_a_restart_asks_the_erp_about_references(
    erp: FakeErpNext, plant: dict[str, str]
) -> None:
    # A fresh adapter (a restarted server) has not seen the items; it asks ERPNext.
    with make_adapter(erp) as first:
        since = first.import_changes(None).high_water
    erp.touch("Work Order", plant["wo_frame"], qty=6)
    with make_adapter(erp) as fresh:
        batch = fresh.import_changes(since)
    assert [w["number"] for w in batch.work_orders] == [plant["wo_frame"]]
    assert batch.bad == []


def test_bad_records_are_reported_and_the_rest_imports(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    # Records the real ERP would not allow today but that exist (renamed or deleted
    # masters, data loaded by a script): the import must not choke on them.
    ghost = erp.insert(
        "Work Order",
        {"production_item": "GHOST-ITEM", "qty": 3, "status": "Not Started"},
        docstatus=1,
    )
    no_qty = erp.insert(
        "Work Order",
        {"production_item": "FG-FRAME", "qty": None, "status": "Not Started"},
        docstatus=1,
    )
    lost_station = erp.insert(
        "Work Order",
        {
            "production_item": "FG-FRAME",
            "qty": 2,
            "status": "In Process",
            "operations": [
                {"operation": "Weld", "workstation": "WELD-1", "time_in_mins": 5},
                {"operation": "Paint", "workstation": "PAINT-9", "time_in_mins": 8},
            ],
        },
        docstatus=1,
    )
    bad_bom = erp.insert(
        "BOM",
        {
            "item": "FG-PANEL",
            "quantity": 1,
            "is_active": 1,
            "items": [{"item_code": "RM-STEEL", "qty": None}],
        },
        docstatus=1,
    )

    batch = adapter.import_changes(None)

    assert set(batch.bad) == {
        BadRecord("work_order", ghost["name"], "production_item: unknown item GHOST-ITEM"),
        BadRecord("work_order", no_qty["name"], "qty: missing"),
        BadRecord(
            "work_order",
            lost_station["name"],
            "operations.1.workstation: unknown workstation PAINT-9",
        ),
        BadRecord("bom", bad_bom["name"], "items.0.qty: missing"),
    }
    assert {w["number"] for w in batch.work_orders} == {
        plant["wo_bracket"],
        plant["wo_bracket_running"],
        plant["wo_frame"],
    }
    assert len(batch.items) == len(ITEMS)
    assert {b["item"] for b in batch.boms} == {"FG-BRACKET", "FG-FRAME"}


def test_a_row_changed_while_listing_is_not_lost(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    # Between the first and second page someone edits an item already read: it moves to
    # the end of "modified asc" and everything after it shifts one place to the left.
    def edit_once(doctype: str, start: int) -> None:
        if doctype == "Item" and start == 0:
            erp.after_list_page = None
            erp.touch("Item", "RM-STEEL", item_name="Steel sheet 2.0 mm")

    erp.after_list_page = edit_once
    batch = adapter.import_changes(None)

    item_starts = [int(q["limit_start"]) for m, p, q in erp.requests if p == "/api/resource/Item"]
    assert item_starts == [0, 3, 6, 0, 3, 6]  # the repeat was seen: listed again
    codes = [i["code"] for i in batch.items]
    assert sorted(codes) == sorted(code for code, *_ in ITEMS)
    assert next(i for i in batch.items if i["code"] == "RM-STEEL")["name"] == "Steel sheet 2.0 mm"


# --- posting each kind -----------------------------------------------------------------


def test_confirmation_posts_a_manufacture_entry(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    result = adapter.post(confirmation(plant, good=3))

    assert result == Posted(result.document)
    assert result.document.startswith("MAT-STE-2026-")
    entry = erp.get("Stock Entry", result.document)
    assert entry["docstatus"] == 1
    assert entry["purpose"] == "Manufacture"
    assert entry["work_order"] == plant["wo_frame"]
    assert (entry["fg_completed_qty"], entry["process_loss_qty"]) == (3, 0)
    assert entry[REF_FIELD] == "evt-conf-1"
    assert (entry["posting_date"], entry["posting_time"]) == ("2026-11-23", "08:00:00")
    assert "operation 20 at WELD-1" in entry["remarks"]
    # ERPNext's own make_stock_entry built it.
    assert erp.on_hand("FG-FRAME", FG) == 3.0
    order = erp.get("Work Order", plant["wo_frame"])
    assert (order["produced_qty"], order["status"]) == (3, "In Process")
    assert erp.created == [("Stock Entry", result.document)]


def test_the_final_confirmation_of_an_order_without_operations_books_the_rest_as_loss(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    first = confirmation(plant, "evt-f1", good=2)
    last = posting(
        PostingKind.CONFIRMATION,
        "evt-f2",
        **(first.data | {"good": 1, "scrap": 1, "final": True}),
    )
    earlier = posting(
        PostingKind.CONFIRMATION, "evt-f0", **(first.data | {"last_operation": False})
    )

    with pytest.raises(ErpNothingToPost, match="only the last operation"):
        adapter.post(earlier)  # an earlier Takt operation: ERPNext has no place for it
    adapter.post(first)
    result = adapter.post(last)

    entry = erp.get("Stock Entry", result.document)
    # 4 planned, 2 made before, 1 good now: the one not made is process loss.
    assert (entry["fg_completed_qty"], entry["process_loss_qty"]) == (2, 1)
    assert [r["qty"] for r in entry["items"] if r["is_finished_item"]] == [1]
    order = erp.get("Work Order", plant["wo_frame"])
    assert (order["produced_qty"], order["process_loss_qty"], order["status"]) == (
        3,
        1,
        "Completed",
    )
    assert erp.on_hand("FG-FRAME", FG) == 3.0


def test_posting_time_is_in_the_sites_time_zone(erp: FakeErpNext, plant: dict[str, str]) -> None:
    with make_adapter(erp, time_zone=timezone(timedelta(hours=1))) as adapter:
        result = adapter.post(confirmation(plant))
    entry = erp.get("Stock Entry", result.document)
    assert (entry["posting_date"], entry["posting_time"]) == ("2026-11-23", "09:00:00")


def test_goods_issue_receipt_and_scrap(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    issue = adapter.post(
        posting(PostingKind.GOODS_ISSUE, "evt-gi", item="RM-BOLT", qty=10, work_order="T-1001")
    )
    receipt = adapter.post(
        posting(
            PostingKind.GOODS_RECEIPT,
            "evt-gr",
            lines=[{"item": "RM-PAINT", "qty": 5}, {"item": "RM-STEEL", "qty": 20}],
        )
    )
    scrap = adapter.post(
        posting(PostingKind.SCRAP, "evt-scrap", item="RM-STEEL", qty=2, reason="burr")
    )

    gi = erp.get("Stock Entry", issue.document)
    assert (gi["purpose"], gi["stock_entry_type"], gi["docstatus"]) == (
        "Material Issue",
        "Material Issue",
        1,
    )
    assert gi["company"] == COMPANY
    assert "work order: T-1001" in gi["remarks"]
    assert erp.on_hand("RM-BOLT", STORES) == 990.0
    gr = erp.get("Stock Entry", receipt.document)
    assert gr["purpose"] == "Material Receipt"
    assert erp.on_hand("RM-PAINT", STORES) == 5.0
    # Scrapped stock moves to the scrap warehouse (ERPNext's way to keep it visible).
    sc = erp.get("Stock Entry", scrap.document)
    assert sc["purpose"] == "Material Transfer"
    assert [(r["s_warehouse"], r["t_warehouse"]) for r in sc["items"]] == [(STORES, SCRAP)]
    assert "reason: burr" in sc["remarks"]
    assert erp.on_hand("RM-STEEL", STORES) == 518.0
    assert erp.on_hand("RM-STEEL", SCRAP) == 2.0
    assert [r for _, r in erp.created] == [issue.document, receipt.document, scrap.document]


def test_goods_issue_to_a_work_order_moves_material_into_its_wip_warehouse(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    issue = posting(
        PostingKind.GOODS_ISSUE,
        "evt-gi-wo",
        item="RM-BOLT",
        qty=10,
        lot="L26-00007",
        work_order="T-1001",
        erp_ref=plant["wo_bracket"],
    )
    result = adapter.post(issue)

    entry = erp.get("Stock Entry", result.document)
    assert (entry["purpose"], entry["docstatus"]) == ("Material Transfer for Manufacture", 1)
    assert entry["work_order"] == plant["wo_bracket"]
    assert [(r["s_warehouse"], r["t_warehouse"]) for r in entry["items"]] == [(STORES, WIP)]
    assert "lot: L26-00007" in entry["remarks"]
    # Moved, not consumed: the Manufacture entry consumes it from WIP later.
    assert erp.on_hand("RM-BOLT", STORES) == 990.0
    assert erp.on_hand("RM-BOLT", WIP) == 90.0
    order = erp.get("Work Order", plant["wo_bracket"])
    assert [r.get("transferred_qty") for r in order["required_items"]] == [None, 10.0]
    # Posted again (an answer lost after the commit): found by its reference, not doubled.
    assert adapter.post(issue) == Posted(result.document, already=True)
    assert erp.on_hand("RM-BOLT", WIP) == 90.0


def test_goods_issue_to_a_work_order_that_skips_transfers_is_refused(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    erp.touch("Work Order", plant["wo_bracket"], skip_transfer=1)
    with pytest.raises(ErpRejected, match="skips material transfer"):
        adapter.post(
            posting(
                PostingKind.GOODS_ISSUE,
                "evt-gi-skip",
                item="RM-BOLT",
                qty=10,
                erp_ref=plant["wo_bracket"],
            )
        )
    assert erp.created == []


def test_downtime_posts_a_downtime_entry(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    result = adapter.post(
        posting(
            PostingKind.DOWNTIME,
            "evt-down",
            work_center="LASER-1",
            started_at="2026-11-23T07:10:00+00:00",
            ended_at="2026-11-23T07:55:00+00:00",
            reason="Lens contamination",
            note="cleaned optics",
        )
    )

    entry = erp.get("Downtime Entry", result.document)
    assert entry["workstation"] == "LASER-1"
    assert entry["operator"] == "HR-EMP-00001"
    assert (entry["from_time"], entry["to_time"]) == ("2026-11-23 07:10:00", "2026-11-23 07:55:00")
    assert entry["downtime"] == 45
    # Not one of ERPNext's stop reasons: "Other", with Takt's reason kept in the details.
    assert entry["stop_reason"] == "Other"
    assert entry["remarks"] == "Reason: Lens contamination\ncleaned optics\nTakt evt-down"
    assert entry[REF_FIELD] == "evt-down"


def test_downtime_matching_a_stop_reason_and_an_open_stop(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    result = adapter.post(
        posting(
            PostingKind.DOWNTIME,
            "evt-down-2",
            work_center="PRESS-2",
            started_at="2026-11-23T06:00:00+00:00",
            ended_at="2026-11-23T06:20:00+00:00",
            reason="machine malfunction",
        )
    )
    assert erp.get("Downtime Entry", result.document)["stop_reason"] == "Machine malfunction"

    with pytest.raises(ErpRejected, match="no end"):
        adapter.post(posting(PostingKind.DOWNTIME, "evt-open", work_center="PRESS-2"))
    assert len(erp.created) == 1


def test_hold_and_release_a_nonconformance(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    hold = posting(
        PostingKind.QUALITY_HOLD,
        "evt-hold",
        work_order="T-1001",
        item="FG-BRACKET",
        qty=6,
        lot="L-77",
        reason="bend angle out of tolerance",
    )
    release = posting(
        PostingKind.QUALITY_RELEASE, "evt-release", hold_reference="evt-hold", note="reworked"
    )

    held = adapter.post(hold)
    nc = erp.get("Non Conformance", held.document)
    assert held.document.startswith("QA-NC-")
    assert nc["status"] == "Open"
    assert nc["procedure"] == "In-process inspection"
    assert nc["subject"] == "Hold T-1001 - bend angle out of tolerance"
    assert "Lot: L-77" in nc["details"]
    assert adapter.find(release) is None

    released = adapter.post(release)
    assert released == Posted(held.document)
    assert erp.get("Non Conformance", held.document)["status"] == "Resolved"
    assert erp.get("Non Conformance", held.document)["corrective_action"] == "reworked"
    # Again (a retry after a lost answer): already done, nothing changes.
    assert adapter.post(release) == Posted(held.document, already=True)
    assert adapter.find(release) == Posted(held.document, already=True)

    other = adapter.post(
        posting(PostingKind.NONCONFORMANCE, "evt-nc", subject="Scratches on batch 12")
    )
    assert erp.get("Non Conformance", other.document)["subject"] == "Scratches on batch 12"
    assert erp.created == [("Non Conformance", held.document), ("Non Conformance", other.document)]


def test_release_of_an_unposted_hold_is_rejected(
    adapter: ErpNextAdapter, plant: dict[str, str]
) -> None:
    with pytest.raises(ErpRejected, match="post the hold first"):
        adapter.post(posting(PostingKind.QUALITY_RELEASE, "evt-r", hold_reference="evt-nothing"))


Build = Callable[[dict[str, str]], Posting]

# --- exactly once ------------------------------------------------------------------------

KINDS: dict[str, Build] = {
    "confirmation": lambda plant: confirmation(plant, "evt-x"),
    "goods_issue": lambda plant: posting(PostingKind.GOODS_ISSUE, "evt-x", item="RM-BOLT", qty=3),
    "downtime": lambda plant: posting(
        PostingKind.DOWNTIME,
        "evt-x",
        work_center="WELD-1",
        started_at="2026-11-23T07:00:00+00:00",
        ended_at="2026-11-23T07:30:00+00:00",
        reason="Electricity down",
    ),
    "hold": lambda plant: posting(
        PostingKind.QUALITY_HOLD, "evt-x", item="FG-FRAME", reason="dent"
    ),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_answer_lost_after_commit_is_found_not_posted_twice(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str], kind: str
) -> None:
    p = KINDS[kind](plant)
    erp.lose_answers = 1

    with pytest.raises(ErpOutcomeUnknown):
        adapter.post(p)

    # The ERP did commit: exactly one document, found by reference.
    assert len(erp.created) == 1
    doctype, name = erp.created[0]
    assert adapter.find(p) == Posted(name, already=True)
    # A blind retry anyway (the outbox skipped find): the unique reference stops it.
    assert adapter.post(p) == Posted(name, already=True)
    assert erp.created == [(doctype, name)]
    assert len(erp.with_reference(doctype, "evt-x")) == 1


def test_answer_too_late_is_outcome_unknown_then_found(
    erp: FakeErpNext, plant: dict[str, str]
) -> None:
    erp.late_answers = 1
    erp.late_s = 2.0
    p = posting(PostingKind.GOODS_ISSUE, "evt-slow", item="RM-STEEL", qty=1)
    with make_adapter(erp, timeout_s=0.3) as adapter:
        with pytest.raises(ErpOutcomeUnknown, match="no answer"):
            adapter.post(p)
        found = adapter.find(p)
    assert found is not None
    assert found.already
    assert erp.created == [("Stock Entry", found.document)]


def test_lost_answer_before_anything_committed_is_only_unavailable(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    # make_stock_entry only builds a draft: losing its answer commits nothing.
    erp.lose_method_answers = 1
    with pytest.raises(ErpUnavailable):
        adapter.post(confirmation(plant))
    assert erp.created == []
    assert adapter.find(confirmation(plant)) is None
    assert not adapter.post(confirmation(plant)).already
    assert len(erp.created) == 1


def test_duplicate_is_reconciled(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    issue = posting(PostingKind.GOODS_ISSUE, "evt-dup", item="RM-BOLT", qty=2)
    first = adapter.post(issue)
    again = adapter.post(issue)

    assert again == Posted(first.document, already=True)
    assert erp.created == [("Stock Entry", first.document)]
    assert erp.on_hand("RM-BOLT", STORES) == 998.0
    # The second try did reach the ERP and was refused as a duplicate, then reconciled.
    assert [p for m, p, _ in erp.requests if m == "POST"].count("/api/resource/Stock Entry") == 2
    # A confirmation looks its Manufacture entry up first: found, not sent again.
    made = adapter.post(confirmation(plant, "evt-dup-2", good=2))
    assert adapter.post(confirmation(plant, "evt-dup-2", good=2)) == Posted(
        made.document, already=True
    )
    assert erp.get("Work Order", plant["wo_frame"])["produced_qty"] == 2


def _draft_issue(erp: FakeErpNext, reference: str) -> dict[str, Any]:
    """A Material Issue of 5 bolts saved with Takt's reference but never submitted."""
    return erp.insert(
        "Stock Entry",
        {
            "stock_entry_type": "Material Issue",
            "purpose": "Material Issue",
            "company": COMPANY,
            "items": [{"item_code": "RM-BOLT", "qty": 5, "s_warehouse": STORES}],
            REF_FIELD: reference,
        },
    )


def test_find_submits_a_draft_left_with_the_reference(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    draft = _draft_issue(erp, "evt-draft")
    p = posting(PostingKind.GOODS_ISSUE, "evt-draft", item="RM-BOLT", qty=5)

    assert adapter.find(p) == Posted(draft["name"], already=True)
    assert erp.get("Stock Entry", draft["name"])["docstatus"] == 1
    assert erp.on_hand("RM-BOLT", STORES) == 995.0
    assert adapter.find(posting(PostingKind.GOODS_ISSUE, "evt-unknown", item="X", qty=1)) is None


def test_trace_names_a_draft_and_leaves_it_a_draft(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    """What reconcile asks of a refused event's posting: the ERP's trace of it, with
    nothing finished (submitting the draft would book stock Takt no longer stands behind)."""
    draft = _draft_issue(erp, "evt-draft-refused")
    p = posting(PostingKind.GOODS_ISSUE, "evt-draft-refused", item="RM-BOLT", qty=5)

    assert adapter.trace(p) == Posted(draft["name"], already=True)
    assert erp.get("Stock Entry", draft["name"])["docstatus"] == 0
    assert erp.on_hand("RM-BOLT", STORES) == 1000.0
    assert adapter.trace(posting(PostingKind.GOODS_ISSUE, "evt-none", item="X", qty=1)) is None


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
def test_server_errors_are_unavailable(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str], status: int
) -> None:
    erp.fail_next(status)
    p = posting(PostingKind.GOODS_ISSUE, "evt-5xx", item="RM-BOLT", qty=1)
    with pytest.raises(ErpUnavailable) as caught:
        adapter.post(p)
    assert caught.value.retry_after_s is None
    assert f"HTTP {status}" in str(caught.value)
    assert erp.created == []
    assert not adapter.post(p).already  # once the ERP is back
    assert len(erp.created) == 1


def test_retry_after_is_honoured(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    erp.fail_next(429, retry_after=7)
    with pytest.raises(ErpUnavailable, match="Too Many Requests") as caught:
        adapter.import_changes(None)
    assert caught.value.retry_after_s == 7

    erp.fail_next(503, retry_after=30)
    with pytest.raises(ErpUnavailable) as caught:
        adapter.post(confirmation(plant))
    assert caught.value.retry_after_s == 30
    assert erp.created == []


def test_refused_connection_is_unavailable_not_unknown() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens there now: the request never left, so nothing can have committed.
    with ErpNextAdapter(f"http://127.0.0.1:{port}", "k", "s", timeout_s=1) as adapter:
        with pytest.raises(ErpUnavailable):
            adapter.post(posting(PostingKind.GOODS_ISSUE, "evt-r", item="RM-BOLT", qty=1))
        with pytest.raises(ErpUnavailable):
            adapter.import_changes(None)


def test_expired_credentials_are_an_auth_error_until_refreshed(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    new_secret = erp.rotate_secret()
    p = posting(PostingKind.GOODS_ISSUE, "evt-auth", item="RM-BOLT", qty=1)

    with pytest.raises(ErpAuthError, match="AuthenticationError"):
        adapter.post(p)
    with pytest.raises(ErpAuthError):
        adapter.import_changes(None)
    assert erp.created == []

    adapter.set_credentials(erp.api_key, new_secret)
    assert not adapter.post(p).already


def test_missing_permission_is_rejected(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    erp.forbidden.add("Downtime Entry")
    with pytest.raises(ErpRejected, match="No permission for Downtime Entry"):
        adapter.post(KINDS["downtime"](plant))


def test_validation_error_carries_the_erps_message(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    erp.reject_next("Posting is blocked: accounting period Nov-2026 is closed")
    with pytest.raises(ErpRejected) as caught:
        adapter.post(posting(PostingKind.GOODS_ISSUE, "evt-v", item="RM-BOLT", qty=1))
    assert str(caught.value) == "Posting is blocked: accounting period Nov-2026 is closed"
    assert erp.created == []


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda plant: posting(PostingKind.GOODS_ISSUE, "e1", item="RM-STEEL", qty=900),
            "400.0 units of Item RM-STEEL needed in Warehouse Stores - TM on 2026-11-23 "
            "08:00:00 for Stock Entry new-stock-entry-1 to complete this transaction.",
        ),
        (
            lambda plant: posting(PostingKind.GOODS_ISSUE, "e2", item="NO-SUCH", qty=1),
            "Item NO-SUCH not found",
        ),
        (
            lambda plant: posting(
                PostingKind.GOODS_ISSUE, "e3", item="RM-BOLT", qty=1, warehouse="Nowhere - TM"
            ),
            "Could not find Row #1: Source Warehouse: Nowhere - TM",
        ),
        (
            lambda plant: posting(
                PostingKind.DOWNTIME,
                "e4",
                work_center="MILL-9",
                started_at="2026-11-23T06:00:00+00:00",
                ended_at="2026-11-23T06:05:00+00:00",
            ),
            "Could not find Workstation / Machine: MILL-9",
        ),
        (
            lambda plant: confirmation(plant, "e5", good=11),
            "Manufactured Qty (11.0) cannot be greater than planned quantity (4) in Work "
            "Order MFG-WO-2026-00003",
        ),
        (
            lambda plant: posting(
                PostingKind.CONFIRMATION, "e6", erp_ref="MFG-WO-2026-09999", good=1
            ),
            "Work Order MFG-WO-2026-09999 not found",
        ),
    ],
    ids=[
        "negative-stock",
        "unknown-item",
        "unknown-warehouse",
        "unknown-workstation",
        "overproduction",
        "unknown-work-order",
    ],
)
def test_erp_refusals_are_rejections_with_its_words(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str], build: Build, message: str
) -> None:
    with pytest.raises(ErpRejected) as caught:
        adapter.post(build(plant))
    assert str(caught.value) == message
    assert erp.created == []


def test_missing_configuration_is_refused_by_the_erp(
    erp: FakeErpNext, plant: dict[str, str]
) -> None:
    with (
        make_adapter(erp, default_operator=None) as adapter,
        pytest.raises(ErpRejected, match=r"needs an operator .* set options\.default_operator"),
    ):
        adapter.post(KINDS["downtime"](plant))


def test_site_header_routes_to_the_site() -> None:
    server = FakeErpNext(site="erp.takt.test")
    try:
        seed(server)
        with (
            ErpNextAdapter(server.url, server.api_key, server.api_secret) as wrong,
            pytest.raises(ErpRejected, match=r"127\.0\.0\.1 does not exist"),
        ):
            wrong.import_changes(None)
        with ErpNextAdapter(
            server.url, server.api_key, server.api_secret, site="erp.takt.test"
        ) as right:
            assert len(right.import_changes(None).items) == len(ITEMS)
    finally:
        server.close()


def test_erp_message_decodes_frappe_bodies() -> None:
    inner = [
        json.dumps({"message": "Row 1: <b>Qty</b> must be &gt; 0"}),
        json.dumps({"message": "x"}),
    ]
    assert erp_message({"_server_messages": json.dumps(inner)}, "f") == "Row 1: Qty must be > 0; x"
    assert (
        erp_message(
            {
                "exc_type": "AuthenticationError",
                "exception": "frappe.exceptions.AuthenticationError",
            },
            "f",
        )
        == "frappe.exceptions.AuthenticationError"
    )
    assert erp_message({"exc_type": "DoesNotExistError"}, "f") == "DoesNotExistError"
    assert erp_message("<html>", "fallback") == "fallback"
