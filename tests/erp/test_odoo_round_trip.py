"""Odoo as a plant runs it (issue 11): orders marked done so goods reach stock, scrap of
the finished product validated, an import cursor that neither loses nor replays records,
closed orders reported, run times per unit. Against the HTTP stand-in, both transports."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from sync.erp.base import ErpOutcomeUnknown, ErpRejected, Posting, PostingKind
from sync.erp.odoo import HIGH_WATER_MAX, Cursor, OdooAdapter
from tests.erp.odoo_server import OdooServer, seed

AT = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture(params=["jsonrpc", "json2"])
def protocol(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def connect(odoo: OdooServer, protocol: str, **kw: Any) -> OdooAdapter:
    return OdooAdapter(
        odoo.url,
        odoo.database,
        odoo.api_key,
        protocol=protocol,  # type: ignore[arg-type]
        uid=odoo.uid if protocol == "jsonrpc" else None,
        timeout_s=2.0,
        **kw,
    )


@pytest.fixture
def odoo() -> Iterator[OdooServer]:
    server = OdooServer()
    server.ids = seed(server)  # type: ignore[attr-defined]
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def adapter(odoo: OdooServer, protocol: str) -> Iterator[OdooAdapter]:
    made = connect(odoo, protocol)
    try:
        yield made
    finally:
        made.close()


def ids(odoo: OdooServer) -> dict[str, int]:
    return odoo.ids  # type: ignore[attr-defined]


def posting(kind: PostingKind, ref: str, **data: Any) -> Posting:
    return Posting(reference=ref, kind=kind, data=data, occurred_at=AT)


def confirm(ref: str, seq: int, good: float, scrap: float, final: bool = True) -> Posting:
    return posting(
        PostingKind.CONFIRMATION,
        ref,
        work_order="WH/MO/00001",
        operation_seq=seq,
        work_center="WC-CUT" if seq == 10 else "WC-ASM",
        good=good,
        scrap=scrap,
        final=final,
        minutes=30,
    )


def scrap_output(ref: str, qty: float) -> Posting:
    return posting(PostingKind.SCRAP, ref, item="FG-100", qty=qty, work_order="WH/MO/00001")


def new_order(odoo: OdooServer, name: str, state: str = "confirmed") -> int:
    i = ids(odoo)
    return odoo.insert(
        "mrp.production",
        {
            "name": name,
            "product_id": i["fg"],
            "product_qty": 10.0,
            "qty_produced": 0.0,
            "date_deadline": "2026-12-10 08:00:00",
            "bom_id": i["bom"],
            "state": state,
            "location_src_id": i["stock"],
            "location_dest_id": i["stock"],
            "production_location_id": i["production"],
        },
    )


def numbers(batch: Any) -> list[str]:
    return sorted(w["number"] for w in batch.work_orders)


# --- the production order's end -----------------------------------------------------------


def test_the_last_operation_marks_the_order_done_and_goods_reach_stock(
    odoo: OdooServer, adapter: OdooAdapter
) -> None:
    i = ids(odoo)
    fg_before = odoo._available(i["fg"], i["stock"])

    adapter.post(confirm("c-cut", 10, good=98, scrap=2))
    first_scrap = adapter.post(scrap_output("s-cut", 2))
    # The finished product cannot be scrapped before it is made: the scrap waits on the
    # order, as a draft, and the order is still open.
    scrap_id = int(first_scrap.document.split(",")[1])
    assert odoo.tables["stock.scrap"][scrap_id]["state"] == "draft"
    assert odoo.tables["mrp.production"][i["mo"]]["state"] == "progress"

    adapter.post(confirm("c-asm", 20, good=95, scrap=3))
    adapter.post(scrap_output("s-asm", 3))

    mo = odoo.tables["mrp.production"][i["mo"]]
    # Made: 95 good and 5 scrapped on the way; all 100 reach stock, the 5 are scrapped.
    assert (mo["state"], mo["qty_produced"]) == ("done", 100.0)
    assert odoo._available(i["fg"], i["stock"]) == fg_before + 95.0
    assert odoo._available(i["fg"], i["scrap"]) == 5.0
    assert all(s["state"] == "done" for s in odoo.tables["stock.scrap"].values())
    # Components consumed as the BOM says for 100 made (Takt issued none itself).
    assert odoo._available(i["steel"], i["stock"]) == 500.0 - 150.0
    assert odoo.records("mrp.production", name="WH/MO/00001-002") == []


def test_components_takt_issued_are_consumed_as_issued(
    odoo: OdooServer, adapter: OdooAdapter
) -> None:
    i = ids(odoo)
    adapter.post(
        posting(PostingKind.GOODS_ISSUE, "g-1", item="RM-2", qty=410, work_order="WH/MO/00001")
    )
    adapter.post(confirm("c-cut", 10, good=100, scrap=0))
    adapter.post(confirm("c-asm", 20, good=100, scrap=0))

    assert odoo.tables["mrp.production"][i["mo"]]["state"] == "done"
    assert odoo._available(i["bolt"], i["stock"]) == 1000.0 - 410.0
    assert odoo._available(i["steel"], i["stock"]) == 500.0 - 150.0


def test_a_short_order_closes_without_a_backorder_by_default(
    odoo: OdooServer, adapter: OdooAdapter
) -> None:
    i = ids(odoo)
    adapter.post(confirm("c-cut", 10, good=80, scrap=0))
    adapter.post(confirm("c-asm", 20, good=80, scrap=0))

    mo = odoo.tables["mrp.production"][i["mo"]]
    assert (mo["name"], mo["state"], mo["qty_produced"]) == ("WH/MO/00001", "done", 80.0)
    assert len(odoo.tables["mrp.production"]) == 4  # no backorder
    calls = [c for c in odoo.calls if c.method == "button_mark_done"]
    assert len(calls) == 1  # the backorder wizard was answered in advance


def test_a_short_order_leaves_a_backorder_when_configured(odoo: OdooServer, protocol: str) -> None:
    adapter = connect(odoo, protocol, backorder=True)
    try:
        adapter.post(confirm("c-cut", 10, good=80, scrap=0))
        adapter.post(confirm("c-asm", 20, good=80, scrap=0))
    finally:
        adapter.close()

    (rest,) = odoo.records("mrp.production", name="WH/MO/00001-002")
    assert (rest["state"], rest["product_qty"]) == ("confirmed", 20.0)
    assert odoo.records("mrp.production", name="WH/MO/00001-001")[0]["state"] == "done"


def test_the_order_stays_open_while_an_operation_is(odoo: OdooServer, adapter: OdooAdapter) -> None:
    adapter.post(confirm("c-asm", 20, good=50, scrap=0))
    assert odoo.tables["mrp.production"][ids(odoo)["mo"]]["state"] == "progress"
    assert not [c for c in odoo.calls if c.method == "button_mark_done"]


@pytest.mark.parametrize(
    ("model", "method"),
    [
        ("mrp.production", "write"),
        ("stock.move", "write"),
        ("mrp.production", "button_mark_done"),
        ("stock.scrap", "action_validate"),
    ],
)
def test_marking_done_survives_a_lost_answer(
    odoo: OdooServer, adapter: OdooAdapter, model: str, method: str
) -> None:
    i = ids(odoo)
    adapter.post(confirm("c-cut", 10, good=98, scrap=2))
    adapter.post(scrap_output("s-cut", 2))
    odoo.fault("lose_answer", model, method)
    final = confirm("c-asm", 20, good=98, scrap=0)

    with pytest.raises(ErpOutcomeUnknown):
        adapter.post(final)
    found = adapter.find(final)

    assert found is not None
    assert found.already
    mo = odoo.tables["mrp.production"][i["mo"]]
    assert (mo["state"], mo["qty_produced"]) == ("done", 100.0)
    finished = odoo.records("stock.move", production_id=i["mo"])
    assert [m["quantity"] for m in finished] == [100.0]  # produced once
    assert odoo._available(i["fg"], i["scrap"]) == 2.0  # scrapped once
    assert adapter.find(final) == found


def test_scrap_of_finished_goods_odoo_does_not_have_is_refused_with_its_reason(
    odoo: OdooServer, adapter: OdooAdapter
) -> None:
    i = ids(odoo)
    adapter.post(confirm("c-cut", 10, good=10, scrap=0))
    adapter.post(confirm("c-asm", 20, good=10, scrap=0))
    # Twenty more than the order made and the 5 on hand: Odoo asks a person.
    with pytest.raises(ErpRejected, match=r"stock\.warn\.insufficient\.qty\.scrap"):
        adapter.post(scrap_output("s-9", 35))
    assert odoo._available(i["fg"], i["scrap"]) == 0.0


def test_scrap_of_a_component_is_taken_from_where_the_order_takes_them(
    odoo: OdooServer, adapter: OdooAdapter
) -> None:
    i = ids(odoo)
    posted = adapter.post(
        posting(PostingKind.SCRAP, "s-c", item="RM-1", qty=4, work_order="WH/MO/00001")
    )
    scrap = odoo.tables["stock.scrap"][int(posted.document.split(",")[1])]
    assert (scrap["state"], scrap["location_id"]) == ("done", i["stock"])
    assert odoo._available(i["steel"], i["stock"]) == 496.0


# --- the import cursor ------------------------------------------------------------------


def test_records_written_in_the_cursors_second_are_neither_lost_nor_replayed(
    odoo: OdooServer, adapter: OdooAdapter
) -> None:
    odoo.tick(60)
    # Eight orders saved within one second (Odoo keeps microseconds, reads seconds).
    for n in range(8):
        new_order(odoo, f"WH/MO/1{n:04d}")
        odoo.tick(0.1)
    odoo.clock = odoo.clock.replace(microsecond=0)  # the second's end: the import starts

    first = adapter.import_changes(None)
    assert len([w for w in first.work_orders if w["number"].startswith("WH/MO/1")]) == 8

    again = adapter.import_changes(first.high_water)
    assert again.work_orders == again.items == again.stock == []
    assert again.high_water == first.high_water

    # One more written in that same second, committed after the import read it.
    assert first.high_water is not None
    odoo.clock = datetime.strptime(first.high_water[:19], "%Y-%m-%d %H:%M:%S").replace(
        microsecond=950_000
    )
    late = new_order(odoo, "WH/MO/19999")
    third = adapter.import_changes(again.high_water)
    assert numbers(third) == ["WH/MO/19999"]
    assert f"m{late}" in Cursor.parse(third.high_water).seen
    assert adapter.import_changes(third.high_water).work_orders == []


def test_incremental_runs_do_not_replay_the_last_minutes(
    odoo: OdooServer, adapter: OdooAdapter
) -> None:
    i = ids(odoo)
    first = adapter.import_changes(None)
    odoo.tick(30)
    odoo.update("product.product", i["bolt"], {"name": "Bolt M6 zinc"})
    second = adapter.import_changes(first.high_water)
    odoo.tick(30)
    odoo.update("product.product", i["steel"], {"name": "Steel sheet 2mm"})

    third = adapter.import_changes(second.high_water)

    assert [x["code"] for x in second.items] == ["RM-2"]
    assert [x["code"] for x in third.items] == ["RM-1"]  # not the bolt again
    assert third.work_orders == third.boms == []


def test_orders_closed_or_cancelled_in_odoo_are_reported_with_their_state(
    odoo: OdooServer, adapter: OdooAdapter
) -> None:
    i = ids(odoo)
    extra = new_order(odoo, "WH/MO/00009")
    first = adapter.import_changes(None)
    odoo.tick(5)
    odoo.update("mrp.production", i["mo"], {"state": "cancel"})
    odoo.update("mrp.production", extra, {"state": "done", "qty_produced": 10.0})

    batch = adapter.import_changes(first.high_water)

    states = {w["number"]: (w["state"], w["status"], w["open"]) for w in batch.work_orders}
    assert states == {
        "WH/MO/00001": ("cancelled", "cancel", False),
        "WH/MO/00009": ("completed", "done", False),
    }


def test_the_high_water_always_fits_the_import_event() -> None:
    tags = {f"m{n}" for n in range(1, 5000, 2)}
    text = Cursor.text_of("2026-12-07 10:00:00", tags)
    assert len(text) <= HIGH_WATER_MAX
    parsed = Cursor.parse(text)
    assert (parsed.at, parsed.digest) == ("2026-12-07 10:00:00", Cursor.digest_of(tags))
    short = Cursor.text_of("2026-12-07 10:00:00", {"m1", "m2", "m3", "p7", "q4", "q6"})
    assert short == "2026-12-07 10:00:00|m1-3p7q4.6"
    assert Cursor.parse(short).seen == {"m1", "m2", "m3", "p7", "q4", "q6"}
    # The form earlier versions stored: a time, nothing seen at it.
    assert Cursor.parse("2026-12-07 10:00:00") == Cursor("2026-12-07 10:00:00")


def test_with_only_a_digest_unchanged_records_are_not_read_again(
    odoo: OdooServer, protocol: str
) -> None:
    for n in range(40):  # too many ids at one instant for the list
        new_order(odoo, f"WH/MO/2{n:04d}")
        new_order(odoo, "X", state="draft")  # every other id, not read: no ranges
    adapter = connect(odoo, protocol)
    try:
        first = adapter.import_changes(None)
        assert first.high_water is not None
        assert "|#" in first.high_water
        again = adapter.import_changes(first.high_water)
    finally:
        adapter.close()
    assert again.work_orders == again.items == []


# --- run times ----------------------------------------------------------------------------


def test_odoo_18_counts_cycles_of_the_boms_quantity(protocol: str) -> None:
    odoo = OdooServer(version=18)
    seed(odoo)
    odoo.start()
    adapter = connect(odoo, protocol)
    try:
        batch = adapter.import_changes(None)
    finally:
        adapter.close()
        odoo.stop()
    widget = next(r for r in batch.routings if r["item"] == "FG-100")
    # 6 and 4.5 minutes a cycle; a cycle makes the BOM's 2 units.
    assert [op["minutes"] for op in widget["operations"]] == [3.0, 2.25]
