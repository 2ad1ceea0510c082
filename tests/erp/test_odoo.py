"""The Odoo adapter against a protocol-faithful stand-in, over both transports."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from sync.erp.base import (
    ErpAuthError,
    ErpOutcomeUnknown,
    ErpRejected,
    ErpUnavailable,
    Posted,
    Posting,
    PostingKind,
)
from sync.erp.odoo import OdooAdapter, xmlid_name
from tests.erp.odoo_server import OdooServer, seed

AT = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@dataclass
class Plant:
    odoo: OdooServer
    ids: dict[str, int]
    adapter: OdooAdapter
    protocol: str
    _extra: list[OdooAdapter] = field(default_factory=list)

    def connect(self, **kw: Any) -> OdooAdapter:
        """Another adapter on the same Odoo (closed with the plant)."""
        args: dict[str, Any] = {"protocol": self.protocol, "timeout_s": 2.0}
        if self.protocol == "jsonrpc" and "login" not in kw:
            args["uid"] = self.odoo.uid
        adapter = OdooAdapter(
            kw.pop("url", self.odoo.url),
            self.odoo.database,
            kw.pop("key", self.odoo.api_key),
            **(args | kw),
        )
        self._extra.append(adapter)
        return adapter


@pytest.fixture(params=["jsonrpc", "json2"])
def plant(request: pytest.FixtureRequest) -> Iterator[Plant]:
    odoo = OdooServer()
    ids = seed(odoo)
    odoo.start()
    protocol = request.param
    adapter = OdooAdapter(
        odoo.url,
        odoo.database,
        odoo.api_key,
        protocol=protocol,
        uid=odoo.uid if protocol == "jsonrpc" else None,
        timeout_s=2.0,
    )
    result = Plant(odoo, ids, adapter, protocol)
    try:
        yield result
    finally:
        for extra in [adapter, *result._extra]:
            extra.close()
        odoo.stop()


def posting(kind: PostingKind, ref: str, **data: Any) -> Posting:
    return Posting(reference=ref, kind=kind, data=data, occurred_at=AT)


def confirm(ref: str, good: float, final: bool = False, seq: int = 10) -> Posting:
    return posting(
        PostingKind.CONFIRMATION,
        ref,
        work_order="WH/MO/00001",
        erp_ref=None,
        operation_seq=seq,
        work_center="WC-CUT" if seq == 10 else "WC-ASM",
        good=good,
        scrap=1.0,
        final=final,
        minutes=30,
        confirmed_by="op-7",
    )


# --- import -------------------------------------------------------------------------------


def test_import_maps_master_data_open_orders_and_stock(plant: Plant) -> None:
    batch = plant.adapter.import_changes(None)

    assert [i["code"] for i in batch.items] == ["FG-100", "RM-1", "RM-2", "FG-200"]
    assert batch.items[1] == {"code": "RM-1", "name": "Steel sheet", "uom": "kg", "active": True}
    assert batch.work_centers == [
        {"code": "WC-CUT", "name": "Cutting"},
        {"code": "WC-ASM", "name": "Assembly"},
        {"code": "Paint booth", "name": "Paint booth"},  # no code: its name, spaces and all
    ]
    widget = next(b for b in batch.boms if b["item"] == "FG-100")
    # Odoo's BOM makes 2; Takt's quantities are per unit made.
    assert widget["lines"] == [{"item": "RM-1", "qty": 1.5}, {"item": "RM-2", "qty": 4.0}]
    # Odoo 17: time_cycle is minutes per cycle of the work center's capacity (1 unit).
    assert batch.routings[0] == {
        "ref": widget["ref"],
        "item": "FG-100",
        "operations": [
            {"seq": 10, "operation": "Cut", "work_center": "WC-CUT", "minutes": 6.0},
            {"seq": 20, "operation": "Assemble", "work_center": "WC-ASM", "minutes": 4.5},
        ],
    }
    assert batch.routings[1]["operations"][0]["work_center"] == "Paint booth"
    assert batch.work_orders == [
        {
            "number": "WH/MO/00001",
            "erp_ref": f"mrp.production,{plant.ids['mo']}",
            "item": "FG-100",
            "status": "confirmed",
            "state": "released",
            "open": True,
            "qty": 100.0,
            "done_qty": 0.0,
            "due": "2026-11-30T14:00:00+00:00",
            "bom": widget["ref"],
            # The order's own work orders: Odoo's expected duration for its quantity.
            "operations": [
                {
                    "seq": 10,
                    "operation": "Cut",
                    "work_center": "WC-CUT",
                    "minutes": 6.0,
                },
                {
                    "seq": 20,
                    "operation": "Assemble",
                    "work_center": "WC-ASM",
                    "minutes": 4.5,
                },
            ],
        }
    ]
    # Shelf stock counts for the warehouse; the production location's negative quant does not.
    assert {(s["item"], s["warehouse"]): s["on_hand"] for s in batch.stock} == {
        ("FG-100", "WH"): 5.0,
        ("RM-1", "WH"): 520.0,
        ("RM-2", "WH"): 1000.0,
    }
    # Everything was written in one second: the cursor is inclusive and lists what it read
    # then (the done order too, read as closed by no later run).
    assert batch.high_water == "2026-11-01 06:00:00|b1-2l1-3m1-4o1-3p1-4.6q1-2.4-5w1-3"


def test_import_reports_records_that_do_not_fit_and_imports_the_rest(plant: Plant) -> None:
    batch = plant.adapter.import_changes(None)

    problems = {(b.entity, b.key): b.problem for b in batch.bad}
    assert problems == {
        ("item", "Gadget without reference [product.product 4]"): (
            "no internal reference (default_code)"
        ),
        ("work_order", "WH/MO/00002"): "product Gadget without reference has no default_code",
        ("work_order", "WH/MO/00003"): "quantity to produce is missing",
    }
    # The service is not an item; a done order is not open work (on a first import).
    assert any(b["item"] == "FG-200" for b in batch.boms)
    assert "Machine service" not in {i["name"] for i in batch.items}
    assert "WH/MO/00004" not in {w["number"] for w in batch.work_orders}


def test_import_pages_through_many_records(plant: Plant) -> None:
    for n in range(7):
        plant.odoo.insert(
            "product.product",
            {
                "name": f"Part {n}",
                "default_code": f"P-{n}",
                "product_tmpl_id": 1,
                "uom_id": plant.ids["units"],
                "type": "consu",
            },
        )
    adapter = plant.connect(page_size=3)

    batch = adapter.import_changes(None)

    assert len(batch.items) == 4 + 7
    reads = [
        c for c in plant.odoo.calls if c.model == "product.product" and c.method == "search_read"
    ]
    assert len(reads) >= 4  # the newest-row probe, then pages of three


def test_incremental_import_reads_only_what_changed(plant: Plant) -> None:
    adapter = plant.connect(lookback_s=0)
    first = adapter.import_changes(None)
    plant.odoo.tick(3600)
    plant.odoo.update("product.product", plant.ids["bolt"], {"name": "Bolt M6 zinc"})
    line = plant.odoo.records(
        "mrp.bom.line", product_id=plant.ids["steel"], bom_id=plant.ids["bom"]
    )
    plant.odoo.update("mrp.bom.line", line[0]["id"], {"product_qty": 4.0})

    second = adapter.import_changes(first.high_water)

    assert second.items == [
        {"code": "RM-2", "name": "Bolt M6 zinc", "uom": "Units", "active": True}
    ]
    # A changed line brings its whole BOM, and the routing with it.
    assert [b["item"] for b in second.boms] == ["FG-100"]
    assert second.boms[0]["lines"][0] == {"item": "RM-1", "qty": 2.0}
    assert [r["item"] for r in second.routings] == ["FG-100"]
    assert (second.work_centers, second.work_orders, second.stock, second.bad) == ([], [], [], [])
    stamp = plant.odoo.tables["mrp.bom.line"][line[0]["id"]]["write_date"]
    assert second.high_water == f"{stamp}|l{line[0]['id']}p{plant.ids['bolt']}"

    third = adapter.import_changes(second.high_water)
    assert third.items == third.boms == []
    assert third.high_water == second.high_water


def test_incremental_stock_sums_the_product_again(plant: Plant) -> None:
    adapter = plant.connect(lookback_s=0)
    first = adapter.import_changes(None)
    plant.odoo.tick(3600)
    shelf = plant.odoo.records("stock.quant", location_id=plant.ids["shelf"])[0]
    plant.odoo.update("stock.quant", shelf["id"], {"quantity": 45.0})

    batch = adapter.import_changes(first.high_water)

    assert batch.stock == [{"item": "RM-1", "warehouse": "WH", "on_hand": 545.0}]


def test_rows_committed_late_with_an_older_stamp_are_read_again(plant: Plant) -> None:
    adapter = plant.connect(lookback_s=300)
    first = adapter.import_changes(None)
    # A transaction that began two minutes before the import commits only now: Odoo
    # stamps its rows with the transaction's start, before the high water handed out.
    plant.odoo.clock = datetime(2026, 11, 1, 5, 58, 0)
    plant.odoo.insert(
        "product.product",
        {
            "name": "Late part",
            "default_code": "LATE-1",
            "product_tmpl_id": 1,
            "uom_id": plant.ids["units"],
            "type": "consu",
        },
    )

    second = adapter.import_changes(first.high_water)

    # Read although stamped before the cursor; what the first run read is not read again.
    assert [i["code"] for i in second.items] == ["LATE-1"]
    assert second.work_orders == second.boms == second.stock == []
    assert second.high_water is not None
    assert first.high_water is not None
    assert second.high_water.split("|")[0] == first.high_water.split("|")[0]


def test_a_record_changed_mid_import_is_not_skipped(plant: Plant) -> None:
    for n in range(5):
        plant.odoo.insert(
            "product.product",
            {
                "name": f"Part {n}",
                "default_code": f"P-{n}",
                "product_tmpl_id": 1,
                "uom_id": plant.ids["units"],
                "type": "consu",
            },
        )
    pages = {"n": 0}

    def someone_edits(model: str, method: str) -> None:
        # After the first page, a person renames the first product: with offset paging
        # every later row would move up one place and one would never be read.
        if model == "product.product" and method == "search_read":
            pages["n"] += 1
            if pages["n"] == 3:
                plant.odoo.update("product.product", plant.ids["fg"], {"name": "Widget v2"})

    plant.odoo.before_call = someone_edits
    adapter = plant.connect(page_size=2, lookback_s=0)

    first = adapter.import_changes(None)
    plant.odoo.before_call = None
    second = adapter.import_changes(first.high_water)

    assert len(first.items) == 4 + 5
    assert second.items == [{"code": "FG-100", "name": "Widget v2", "uom": "Units", "active": True}]


# --- posting each kind --------------------------------------------------------------------


def test_confirmations_record_time_and_quantity_and_finish_the_work_order(plant: Plant) -> None:
    odoo, ids = plant.odoo, plant.ids

    partial = plant.adapter.post(confirm("c-1", good=40))
    final = plant.adapter.post(confirm("c-2", good=55, final=True))

    assert partial.document.startswith("mrp.workcenter.productivity,")
    assert not partial.already
    order = odoo.tables["mrp.workorder"][ids["wo_cut"]]
    assert (order["qty_produced"], order["state"]) == (95.0, "done")
    log_id = int(final.document.split(",")[1])
    time_log = odoo.tables["mrp.workcenter.productivity"][log_id]
    # Sent in UTC with the context saying so: the user's Brussels time zone is not applied.
    assert (time_log["date_start"], time_log["date_end"]) == (
        "2026-11-23 07:30:00",
        "2026-11-23 08:00:00",
    )
    assert time_log["workorder_id"] == ids["wo_cut"]
    assert odoo.xmlid(f"takt.{xmlid_name('c-2')}") == ("mrp.workcenter.productivity", log_id)
    assert odoo.tables["mrp.workorder"][ids["wo_asm"]]["qty_produced"] == 0.0


def test_a_confirmation_for_an_unknown_operation_is_rejected(plant: Plant) -> None:
    with pytest.raises(ErpRejected, match="no work order for operation 30"):
        plant.adapter.post(
            posting(
                PostingKind.CONFIRMATION,
                "c-9",
                work_order="WH/MO/00001",
                operation_seq=30,
                work_center="WC-XX",
                good=1,
                final=False,
            )
        )
    assert plant.odoo.created == []


def test_downtime_blocks_the_work_center_until_its_end_is_posted(plant: Plant) -> None:
    odoo, ids = plant.odoo, plant.ids
    odoo._button_start([ids["wo_cut"]])  # an operator's timer runs on the cutter
    odoo.created.clear()

    start = plant.adapter.post(
        posting(
            PostingKind.DOWNTIME,
            "d-1",
            work_center="WC-CUT",
            reason="Equipment Failure",
            started_at="2026-11-23T07:40:00+00:00",
            work_order="WH/MO/00001",
        )
    )

    stop_id = int(start.document.split(",")[1])
    stop = odoo.tables["mrp.workcenter.productivity"][stop_id]
    assert (stop["loss_id"], stop["date_start"], stop["date_end"]) == (
        ids["loss:Equipment Failure"],
        "2026-11-23 07:40:00",
        None,
    )
    assert stop["workorder_id"] is None
    cutter = odoo.tables["mrp.workcenter"][ids["cut"]]
    assert odoo._raw("mrp.workcenter", cutter, "working_state") == "blocked"
    timers = odoo.records("mrp.workcenter.productivity", workorder_id=ids["wo_cut"])
    assert all(t["date_end"] for t in timers)  # button_block ended the running timer

    end = posting(
        PostingKind.DOWNTIME,
        "d-2",
        work_center="WC-CUT",
        start_reference="d-1",
        ended_at="2026-11-23T07:55:00+00:00",
    )
    assert plant.adapter.post(end) == Posted(start.document)
    assert odoo.tables["mrp.workcenter.productivity"][stop_id]["date_end"] == "2026-11-23 07:55:00"
    assert odoo._raw("mrp.workcenter", cutter, "working_state") == "normal"
    assert plant.adapter.find(end) == Posted(start.document, already=True)
    assert odoo.created_of("mrp.workcenter.productivity") == [stop_id]


def test_a_whole_stop_posted_afterwards_is_one_closed_log(plant: Plant) -> None:
    posted = plant.adapter.post(
        posting(
            PostingKind.DOWNTIME,
            "d-7",
            work_center="WC-ASM",
            reason="Unlisted reason",
            started_at="2026-11-23T06:00:00Z",
            ended_at="2026-11-23T06:20:00Z",
        )
    )

    stop = plant.odoo.tables["mrp.workcenter.productivity"][int(posted.document.split(",")[1])]
    # An unknown reason falls back to the first availability loss; the text keeps it.
    assert stop["loss_id"] == plant.ids["loss:Equipment Failure"]
    assert "Unlisted reason" in stop["description"]
    assert (stop["date_start"], stop["date_end"]) == ("2026-11-23 06:00:00", "2026-11-23 06:20:00")
    calls = [(c.model, c.method) for c in plant.odoo.calls]
    assert ("mrp.workcenter.productivity", "button_block") not in calls


def test_scrap_is_validated_once(plant: Plant) -> None:
    odoo, ids = plant.odoo, plant.ids

    posted = plant.adapter.post(
        posting(PostingKind.SCRAP, "s-1", item="RM-1", qty=12.5, work_order="WH/MO/00001")
    )

    scrap = odoo.tables["stock.scrap"][int(posted.document.split(",")[1])]
    assert (scrap["state"], scrap["scrap_qty"], scrap["production_id"]) == ("done", 12.5, ids["mo"])
    assert len(odoo.created_of("stock.move")) == 1
    assert odoo._available(ids["steel"], ids["stock"]) == 500.0 - 12.5


def test_scrap_odoo_wants_a_person_to_confirm_is_rejected(plant: Plant) -> None:
    with pytest.raises(ErpRejected, match=r"stock\.warn\.insufficient\.qty\.scrap"):
        plant.adapter.post(posting(PostingKind.SCRAP, "s-2", item="FG-100", qty=50))
    assert plant.odoo.created_of("stock.move") == []


@pytest.mark.parametrize(
    ("kind", "source", "dest"),
    [
        (PostingKind.GOODS_ISSUE, "stock", "production"),
        (PostingKind.GOODS_RECEIPT, "production", "stock"),
    ],
)
def test_goods_movements_are_validated_transfers(
    plant: Plant, kind: PostingKind, source: str, dest: str
) -> None:
    odoo, ids = plant.odoo, plant.ids
    before = {k: odoo._available(ids["bolt"], ids[k]) for k in (source, dest)}

    posted = plant.adapter.post(posting(kind, "g-1", item="RM-2", qty=40, warehouse="WH"))

    picking = odoo.tables["stock.picking"][int(posted.document.split(",")[1])]
    assert (picking["state"], picking["origin"]) == ("done", "Takt g-1")
    assert odoo._available(ids["bolt"], ids[source]) == before[source] - 40
    assert odoo._available(ids["bolt"], ids[dest]) == before[dest] + 40
    assert len(odoo.created_of("stock.move")) == 1


def test_an_issue_to_a_manufacturing_order_is_recorded_on_its_component_move(
    plant: Plant,
) -> None:
    odoo, ids = plant.odoo, plant.ids
    stock_before = odoo._available(ids["bolt"], ids["stock"])
    issue = posting(
        PostingKind.GOODS_ISSUE,
        "g-2",
        item="RM-2",
        qty=40,
        lot="L26-00007",
        work_order="WH/MO/00001",
    )

    posted = plant.adapter.post(issue)

    model, line_id = posted.document.split(",")
    assert model == "stock.move.line"
    line = odoo.tables["stock.move.line"][int(line_id)]
    assert (line["move_id"], line["quantity"], line["lot_id"]) == (
        ids["raw_bolt"],
        40.0,
        ids["bolt_lot"],
    )
    move = odoo.tables["stock.move"][ids["raw_bolt"]]
    assert (move["quantity"], move["picked"]) == (40.0, True)
    # Recorded, not moved: the order consumes it when it is done, once.
    assert odoo._available(ids["bolt"], ids["stock"]) == stock_before
    assert odoo.created_of("stock.picking") == []
    assert plant.adapter.post(issue).already
    assert move["quantity"] == 40.0


def test_an_issue_of_a_material_the_order_does_not_use_is_refused(plant: Plant) -> None:
    with pytest.raises(ErpRejected, match="no open component move for FG-100"):
        plant.adapter.post(
            posting(PostingKind.GOODS_ISSUE, "g-3", item="FG-100", qty=1, work_order="WH/MO/00001")
        )
    with pytest.raises(ErpRejected, match="WH/MO/00004 is done"):
        plant.adapter.post(
            posting(PostingKind.GOODS_ISSUE, "g-4", item="RM-2", qty=1, work_order="WH/MO/00004")
        )
    assert plant.odoo.created_of("stock.move.line") == []


@pytest.mark.parametrize("kind", [PostingKind.QUALITY_HOLD, PostingKind.NONCONFORMANCE])
def test_quality_events_need_the_quality_app(plant: Plant, kind: PostingKind) -> None:
    with pytest.raises(ErpRejected, match="not supported by this Odoo"):
        plant.adapter.post(posting(kind, "q-1", reason="Burr on edge", item="FG-100"))


def test_quality_hold_and_release_with_the_quality_app(plant: Plant) -> None:
    odoo, ids = plant.odoo, plant.ids
    odoo.install_quality()

    hold = plant.adapter.post(
        posting(
            PostingKind.QUALITY_HOLD,
            "q-1",
            reason="Burr on edge",
            item="FG-100",
            work_order="WH/MO/00001",
            work_center="WC-CUT",
        )
    )
    nonconformance = plant.adapter.post(
        posting(PostingKind.NONCONFORMANCE, "q-2", reason="Wrong bolt", item="RM-2")
    )
    release = posting(PostingKind.QUALITY_RELEASE, "q-3", hold_reference="q-1")
    released = plant.adapter.post(release)

    alert = odoo.tables["quality.alert"][int(hold.document.split(",")[1])]
    assert (
        alert["title"],
        alert["product_id"],
        alert["production_id"],
        alert["workcenter_id"],
    ) == (
        "Quality hold: Burr on edge",
        ids["fg"],
        ids["mo"],
        ids["cut"],
    )
    assert odoo.tables["quality.alert.stage"][alert["stage_id"]]["name"] == "Solved"
    assert released == Posted(hold.document)
    assert plant.adapter.find(release) == Posted(hold.document, already=True)
    assert nonconformance.document != hold.document
    assert len(odoo.created_of("quality.alert")) == 2


def test_a_release_of_a_hold_never_posted_is_rejected(plant: Plant) -> None:
    plant.odoo.install_quality()
    with pytest.raises(ErpRejected, match="never posted"):
        plant.adapter.post(posting(PostingKind.QUALITY_RELEASE, "q-9", hold_reference="q-404"))


# --- exactly once under faults ------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    posting: Callable[[], Posting]
    model: str  # where the answer is lost
    method: str
    check: Callable[[Plant], None]
    quality: bool = False


def _one_confirmation(plant: Plant) -> None:
    assert len(plant.odoo.created_of("mrp.workcenter.productivity")) == 1
    order = plant.odoo.tables["mrp.workorder"][plant.ids["wo_cut"]]
    assert (order["qty_produced"], order["state"]) == (60.0, "done")


def _one_stop(plant: Plant) -> None:
    assert len(plant.odoo.created_of("mrp.workcenter.productivity")) == 1
    cutter = plant.odoo.tables["mrp.workcenter"][plant.ids["cut"]]
    assert plant.odoo._raw("mrp.workcenter", cutter, "working_state") == "blocked"


def _one_scrap(plant: Plant) -> None:
    assert len(plant.odoo.created_of("stock.scrap")) == 1
    assert len(plant.odoo.created_of("stock.move")) == 1
    assert plant.odoo._available(plant.ids["steel"], plant.ids["stock"]) == 490.0


def _one_issue(plant: Plant) -> None:
    assert len(plant.odoo.created_of("stock.picking")) == 1
    assert len(plant.odoo.created_of("stock.move")) == 1
    assert plant.odoo._available(plant.ids["bolt"], plant.ids["stock"]) == 960.0


def _one_consumption(plant: Plant) -> None:
    assert len(plant.odoo.created_of("stock.move.line")) == 1
    move = plant.odoo.tables["stock.move"][plant.ids["raw_bolt"]]
    assert (move["quantity"], move["picked"]) == (40.0, True)


def _one_alert(plant: Plant) -> None:
    assert len(plant.odoo.created_of("quality.alert")) == 1


CASES = [
    Case(
        "confirmation-log",
        lambda: confirm("x-1", 60, final=True),
        "mrp.workcenter.productivity",
        "load",
        _one_confirmation,
    ),
    Case(
        "confirmation-qty",
        lambda: confirm("x-1", 60, final=True),
        "mrp.workorder",
        "write",
        _one_confirmation,
    ),
    Case(
        "confirmation-finish",
        lambda: confirm("x-1", 60, final=True),
        "mrp.workorder",
        "button_finish",
        _one_confirmation,
    ),
    Case(
        "downtime-log",
        lambda: posting(PostingKind.DOWNTIME, "x-1", work_center="WC-CUT"),
        "mrp.workcenter.productivity",
        "load",
        _one_stop,
    ),
    Case(
        "downtime-block",
        lambda: posting(PostingKind.DOWNTIME, "x-1", work_center="WC-CUT"),
        "mrp.workcenter.productivity",
        "button_block",
        _one_stop,
    ),
    Case(
        "scrap-record",
        lambda: posting(PostingKind.SCRAP, "x-1", item="RM-1", qty=10),
        "stock.scrap",
        "load",
        _one_scrap,
    ),
    Case(
        "scrap-validate",
        lambda: posting(PostingKind.SCRAP, "x-1", item="RM-1", qty=10),
        "stock.scrap",
        "action_validate",
        _one_scrap,
    ),
    Case(
        "issue-record",
        lambda: posting(PostingKind.GOODS_ISSUE, "x-1", item="RM-2", qty=40),
        "stock.picking",
        "load",
        _one_issue,
    ),
    Case(
        "issue-validate",
        lambda: posting(PostingKind.GOODS_ISSUE, "x-1", item="RM-2", qty=40),
        "stock.picking",
        "button_validate",
        _one_issue,
    ),
    Case(
        "consumption-record",
        lambda: posting(
            PostingKind.GOODS_ISSUE, "x-1", item="RM-2", qty=40, work_order="WH/MO/00001"
        ),
        "stock.move.line",
        "load",
        _one_consumption,
    ),
    Case(
        "consumption-picked",
        lambda: posting(
            PostingKind.GOODS_ISSUE, "x-1", item="RM-2", qty=40, work_order="WH/MO/00001"
        ),
        "stock.move",
        "write",
        _one_consumption,
    ),
    Case(
        "hold",
        lambda: posting(PostingKind.QUALITY_HOLD, "x-1", reason="Burr", item="FG-100"),
        "quality.alert",
        "load",
        _one_alert,
        quality=True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_an_answer_lost_after_commit_never_posts_twice(plant: Plant, case: Case) -> None:
    if case.quality:
        plant.odoo.install_quality()
    plant.odoo.fault("lose_answer", case.model, case.method)
    the_posting = case.posting()

    with pytest.raises(ErpOutcomeUnknown):
        plant.adapter.post(the_posting)
    found = plant.adapter.find(the_posting)
    again = plant.adapter.post(the_posting)

    assert found is not None
    assert found.already
    assert again == found
    case.check(plant)


def test_a_lost_release_answer_is_found_by_the_alert_state(plant: Plant) -> None:
    plant.odoo.install_quality()
    plant.adapter.post(posting(PostingKind.QUALITY_HOLD, "q-1", reason="Burr", item="FG-100"))
    release = posting(PostingKind.QUALITY_RELEASE, "q-2", hold_reference="q-1")
    plant.odoo.fault("lose_answer", "quality.alert", "write")

    with pytest.raises(ErpOutcomeUnknown):
        plant.adapter.post(release)

    found = plant.adapter.find(release)
    assert found is not None
    assert found.already
    writes = [c for c in plant.odoo.calls if (c.model, c.method) == ("quality.alert", "write")]
    assert plant.adapter.post(release) == found
    assert len(writes) == 1


def test_a_slow_answer_is_an_unknown_outcome_then_found(plant: Plant) -> None:
    adapter = plant.connect(timeout_s=0.3)
    plant.odoo.fault("slow", "stock.scrap", "load", delay_s=1.0)
    scrap = posting(PostingKind.SCRAP, "x-5", item="RM-1", qty=10)

    with pytest.raises(ErpOutcomeUnknown, match="may have been applied"):
        adapter.post(scrap)

    assert adapter.post(scrap).already
    _one_scrap(plant)


def test_a_read_that_gets_no_answer_is_unavailable_not_unknown(plant: Plant) -> None:
    plant.odoo.fault("lose_answer", "product.product", "search_read")
    with pytest.raises(ErpUnavailable):
        plant.adapter.import_changes(None)


# --- errors -------------------------------------------------------------------------------


def test_a_5xx_is_unavailable_and_the_retry_posts_once(plant: Plant) -> None:
    plant.odoo.fault("status", status=503)
    scrap = posting(PostingKind.SCRAP, "x-6", item="RM-1", qty=10)

    with pytest.raises(ErpUnavailable) as raised:
        plant.adapter.post(scrap)
    assert raised.value.retry_after_s is None

    assert not plant.adapter.post(scrap).already
    _one_scrap(plant)


def test_429_carries_retry_after(plant: Plant) -> None:
    plant.odoo.fault("status", status=429, retry_after="7")
    with pytest.raises(ErpUnavailable) as raised:
        plant.adapter.import_changes(None)
    assert raised.value.retry_after_s == 7.0


def test_a_validation_error_is_rejected_with_odoos_message(plant: Plant) -> None:
    plant.odoo.fault(
        "reject",
        "stock.scrap",
        "action_validate",
        message="The product Steel sheet is locked for counting.",
    )

    with pytest.raises(ErpRejected, match="locked for counting"):
        plant.adapter.post(posting(PostingKind.SCRAP, "x-7", item="RM-1", qty=10))

    answer = next(c for c in plant.odoo.calls if c.method == "action_validate")
    # JSON-RPC reports every error with HTTP 200; JSON-2 with UserError's 422.
    assert answer.http_status == (200 if plant.protocol == "jsonrpc" else 422)
    assert answer.error == "ValidationError"


def test_a_record_load_refuses_is_rejected_and_leaves_nothing(plant: Plant) -> None:
    with pytest.raises(ErpRejected, match="end date of a time log cannot be before"):
        plant.adapter.post(
            posting(
                PostingKind.DOWNTIME,
                "x-8",
                work_center="WC-CUT",
                started_at="2026-11-23T07:00:00Z",
                ended_at="2026-11-23T06:00:00Z",
            )
        )
    assert plant.odoo.created == []


def test_an_expired_key_is_an_auth_error(plant: Plant) -> None:
    plant.odoo.expire_key()
    with pytest.raises(ErpAuthError):
        plant.adapter.import_changes(None)
    denied = plant.odoo.calls[-1]
    assert denied.http_status == (200 if plant.protocol == "jsonrpc" else 401)


def test_jsonrpc_logs_in_for_the_uid() -> None:
    odoo = OdooServer()
    seed(odoo)
    odoo.start()
    good = OdooAdapter(odoo.url, odoo.database, odoo.api_key, protocol="jsonrpc", login="takt-bot")
    bad = OdooAdapter(odoo.url, odoo.database, "nope", protocol="jsonrpc", login="takt-bot")
    try:
        assert good.import_changes(None).items
        assert good.uid == odoo.uid
        with pytest.raises(ErpAuthError, match="refused the login"):
            bad.import_changes(None)
    finally:
        good.close()
        bad.close()
        odoo.stop()


def test_nobody_listening_is_unavailable(plant: Plant) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    adapter = plant.connect(url=f"http://127.0.0.1:{port}")
    # Refused before anything was sent: even a write is known not to have happened.
    with pytest.raises(ErpUnavailable):
        adapter.post(posting(PostingKind.SCRAP, "x-9", item="RM-1", qty=1))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_trace_finds_what_was_made_and_only_reads(plant: Plant, case: Case) -> None:
    """Reconcile traces the posting of an event Takt refused: a record the ERP holds
    under its reference is named, and nothing is finished or written on the way."""
    if case.quality:
        plant.odoo.install_quality()
    the_posting = case.posting()
    assert plant.adapter.trace(the_posting) is None
    made = plant.adapter.post(the_posting)
    before = len(plant.odoo.calls)

    traced = plant.adapter.trace(the_posting)

    assert traced is not None
    assert traced.already
    assert traced.document == made.document
    assert {c.method for c in plant.odoo.calls[before:]} <= {"search_read", "read"}
