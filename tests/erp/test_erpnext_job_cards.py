"""ERPNext as it really works: Job Cards before Manufacture, scrap as process loss, the
material transfer's finished-goods quantity, stop reasons by table, the reference field
set up through Custom Field, and an import in few requests. Against the ERPNext 15
stand-in over real HTTP (tests/erp/erpnext_server.py follows ERPNext's own rules)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from app.clock import FixedClock
from app.events.payloads import ErpPostingEdited
from app.model import ErpPosting
from app.model.types import PostingStatus
from app.services.base import Service
from app.store import Store
from sync.erp.base import (
    ErpNothingToPost,
    ErpOutcomeUnknown,
    ErpRejected,
    ErpUnavailable,
    Posted,
    Posting,
    PostingKind,
)
from sync.erp.erpnext import REF_FIELD, REFERENCE_DOCTYPES, ErpNextAdapter, ErpNotSetUp
from sync.erp.setup import setup
from sync.erp.writer import ErpWriter
from tests.erp.erpnext_server import FakeErpNext
from tests.erp.test_erpnext import FG, NOW, SCRAP, WIP, make_adapter, seed
from tests.erp.test_writer import confirm_last_operation
from tests.erp.test_writer import takt as takt  # a fixture

OPERATOR = "901"
EMPLOYEE = "HR-EMP-00001"


@pytest.fixture
def erp() -> Iterator[FakeErpNext]:
    server = FakeErpNext()
    yield server
    server.close()


@pytest.fixture
def plant(erp: FakeErpNext) -> dict[str, str]:
    return seed(erp)


@pytest.fixture
def adapter(erp: FakeErpNext) -> Iterator[ErpNextAdapter]:
    a = make_adapter(erp, employees={OPERATOR: EMPLOYEE})
    yield a
    a.close()


def confirm(
    plant: dict[str, str],
    reference: str,
    seq: int,
    good: float,
    *,
    scrap: float = 0,
    final: bool = False,
    minutes: int = 30,
    started: int = 0,
) -> Posting:
    """A confirmation of the bracket order's operation `seq` (10 Cut at LASER-1, 20 Bend
    at PRESS-2), `minutes` after NOW, of an operation started `started` minutes after NOW."""
    return Posting(
        reference=reference,
        kind=PostingKind.CONFIRMATION,
        data={
            "work_order": "T-1001",
            "erp_ref": plant["wo_bracket"],
            "operation_seq": seq,
            "work_center": {10: "LASER-1", 20: "PRESS-2"}[seq],
            "good": good,
            "scrap": scrap,
            "final": final,
            "confirmed_by": OPERATOR,
            "started_at": (NOW + timedelta(minutes=started)).isoformat(),
            "last_operation": seq == 20,
        },
        occurred_at=NOW + timedelta(minutes=minutes),
    )


def logs_with(erp: FakeErpNext, reference: str) -> list[dict[str, Any]]:
    return erp.with_reference("Job Card Time Log", reference)


# --- Job Cards, then Manufacture ---------------------------------------------------------


def test_confirmations_complete_the_job_cards_and_manufacture_is_then_accepted(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    order = plant["wo_bracket"]  # 10 brackets: Cut, then Bend
    cut, bend = erp.job_cards(order)

    # Cut: 6 good, then the rest (3 good, 1 scrapped) with the operation's end.
    first = adapter.post(confirm(plant, "c1", 10, 6, minutes=40))
    assert first == Posted(cut["name"])
    assert erp.get("Job Card", cut["name"])["docstatus"] == 0  # more to come
    done = adapter.post(confirm(plant, "c2", 10, 3, scrap=1, final=True, minutes=60))
    assert done == Posted(cut["name"])
    card = erp.get("Job Card", cut["name"])
    assert card["docstatus"] == 1
    assert (card["total_completed_qty"], card["process_loss_qty"]) == (9, 1)
    # Time logs: the operator's Employee, from the start to the first confirmation,
    # then on from there, in the site's time zone, each carrying its reference.
    assert [
        (r["employee"], r["from_time"], r["to_time"], r["time_in_mins"], r["completed_qty"])
        for r in card["time_logs"]
    ] == [
        (EMPLOYEE, "2026-11-23 08:00:00", "2026-11-23 08:40:00", 40, 6),
        (EMPLOYEE, "2026-11-23 08:40:00", "2026-11-23 09:00:00", 20, 3),
    ]
    assert [r[REF_FIELD] for r in card["time_logs"]] == ["c1", "c2"]

    # Bend: a partial confirmation is logged; the output goes with the final one.
    assert adapter.post(confirm(plant, "b1", 20, 5, minutes=90, started=60)) == Posted(bend["name"])
    assert erp.created == []  # nothing manufactured yet: ERPNext would refuse it
    result = adapter.post(confirm(plant, "b2", 20, 3, scrap=1, final=True, minutes=120))

    entry = erp.get("Stock Entry", result.document)
    assert (entry["purpose"], entry[REF_FIELD]) == ("Manufacture", "b2")
    # 8 brackets through Bend; 2 lost on the way, booked as process loss.
    assert (entry["fg_completed_qty"], entry["process_loss_qty"]) == (10, 2)
    assert [r["qty"] for r in entry["items"] if r["is_finished_item"]] == [8]
    wo = erp.get("Work Order", order)
    assert (wo["produced_qty"], wo["process_loss_qty"], wo["status"]) == (8, 2, "Completed")
    assert [(r["completed_qty"], r["process_loss_qty"]) for r in wo["operations"]] == [
        (9, 1),
        (8, 2),
    ]
    assert erp.on_hand("FG-BRACKET", FG) == 20.0  # 12 + 8
    assert erp.on_hand("RM-STEEL", WIP) == 20.0  # 40 - 2 x 10 backflushed
    assert erp.created == [("Stock Entry", result.document)]


def test_manufacture_is_refused_while_an_earlier_operation_is_open(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    cut = erp.job_cards(plant["wo_bracket"])[0]
    with pytest.raises(ErpRejected) as refused:
        adapter.post(confirm(plant, "b-only", 20, 8, final=True))
    # ERPNext's own words, naming the Job Card to complete.
    assert str(refused.value) == (
        f"Row #1: Operation Cut is not completed for 10.0 qty in finished goods against Work "
        f"Order {plant['wo_bracket']}. Please update operation status via Job Card "
        f"{cut['name']}."
    )
    assert erp.created == []
    # Once Cut is done, the same posting goes through: its Bend log is not added again.
    adapter.post(confirm(plant, "c-all", 10, 8, final=True))
    result = adapter.post(confirm(plant, "b-only", 20, 8, final=True))
    assert erp.get("Stock Entry", result.document)["fg_completed_qty"] == 10
    assert len(logs_with(erp, "b-only")) == 1


@pytest.mark.parametrize("lost", ["time log", "card submit", "manufacture"])
def test_each_step_of_a_final_confirmation_is_done_once_under_lost_answers(
    adapter: ErpNextAdapter,
    erp: FakeErpNext,
    plant: dict[str, str],
    lost: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    adapter.post(confirm(plant, "c-all", 10, 10, final=True))
    final = confirm(plant, "b-all", 20, 10, final=True, minutes=60)
    # Lose the answer to the first, second or third write of the posting.
    writes = {"time log": 0, "card submit": 1, "manufacture": 2}[lost]
    original = erp.update if lost != "manufacture" else erp.create
    calls = {"n": 0}

    def lose_at(*args: Any) -> dict[str, Any]:
        if calls["n"] == writes or (lost == "manufacture" and args[0] == "Stock Entry"):
            erp.lose_answers = 1
        calls["n"] += 1
        return original(*args)

    monkeypatch.setattr(erp, "create" if lost == "manufacture" else "update", lose_at)
    with pytest.raises(ErpOutcomeUnknown):
        adapter.post(final)
    erp.lose_answers = 0

    # The writer looks the reference up before anything else; then finishes the rest.
    found = adapter.find(final)
    result = found or adapter.post(final)
    assert (found is not None) == (lost == "manufacture")
    assert adapter.post(final) == Posted(result.document, already=True)
    assert len(logs_with(erp, "b-all")) == 1
    assert len(erp.with_reference("Stock Entry", "b-all")) == 1
    assert erp.get("Work Order", plant["wo_bracket"])["produced_qty"] == 10


def test_a_time_log_needs_a_known_employee_and_no_overlap_on_the_machine(
    erp: FakeErpNext, plant: dict[str, str]
) -> None:
    with (
        make_adapter(erp, employees={OPERATOR: "HR-EMP-09999"}) as unknown,
        pytest.raises(ErpRejected, match="Could not find Row #1: Employee: HR-EMP-09999"),
    ):
        unknown.post(confirm(plant, "c1", 10, 2))
    with make_adapter(erp) as adapter:  # no table: the log names no employee
        adapter.post(confirm(plant, "c1", 10, 2, minutes=30))
        # Another order's Cut on the same laser, in the same half hour: ERPNext refuses.
        other = confirm(plant, "o1", 10, 1, minutes=20)
        other.data["erp_ref"] = plant["wo_bracket_running"]
        with pytest.raises(ErpRejected, match="is overlapping with"):
            adapter.post(other)
    assert [r.get("employee") for r in erp.job_cards(plant["wo_bracket"])[0]["time_logs"]] == [None]


# --- scrap -------------------------------------------------------------------------------


def test_scrapped_output_is_process_loss_and_never_a_material_issue(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    scrap = Posting(
        reference="s1",
        kind=PostingKind.SCRAP,
        data={
            "item": "FG-BRACKET",
            "qty": 1,
            "work_order": "T-1001",
            "erp_ref": plant["wo_bracket"],
            "reason": "scrap at PRESS-2, operation 20",
        },
        occurred_at=NOW,
    )
    with pytest.raises(ErpNothingToPost, match="process loss"):
        adapter.post(scrap)
    assert erp.created == []

    # What that Material Issue would have met: no finished goods in WIP.
    wip_issue = Posting(
        reference="s2",
        kind=PostingKind.SCRAP,
        data={"item": "FG-BRACKET", "qty": 1, "warehouse": WIP},
        occurred_at=NOW,
    )
    with (
        make_adapter(erp, scrap_warehouse=None) as no_scrap_warehouse,
        pytest.raises(ErpRejected, match=f"Item FG-BRACKET needed in Warehouse {WIP}"),
    ):
        no_scrap_warehouse.post(wip_issue)


def test_held_stock_scrapped_moves_to_the_scrap_warehouse_or_is_issued(
    erp: FakeErpNext, plant: dict[str, str]
) -> None:
    held = Posting(
        reference="h1",
        kind=PostingKind.SCRAP,
        data={"item": "FG-BRACKET", "qty": 2, "lot": "L-7", "warehouse": FG},
        occurred_at=NOW,
    )
    with make_adapter(erp) as adapter:
        moved = erp.get("Stock Entry", adapter.post(held).document)
    assert moved["purpose"] == "Material Transfer"
    assert (erp.on_hand("FG-BRACKET", FG), erp.on_hand("FG-BRACKET", SCRAP)) == (10.0, 2.0)
    with make_adapter(erp, scrap_warehouse=None) as adapter:
        issued = adapter.post(Posting("h2", PostingKind.SCRAP, held.data, NOW))
    assert erp.get("Stock Entry", issued.document)["purpose"] == "Material Issue"
    assert erp.on_hand("FG-BRACKET", FG) == 8.0


# --- material transfer, downtime ---------------------------------------------------------


def test_material_transfer_carries_the_finished_units_it_covers(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    order = plant["wo_bracket"]  # 10 brackets: 2 steel and 4 bolts each

    def issue(reference: str, item: str, qty: float) -> dict[str, Any]:
        p = Posting(
            reference,
            PostingKind.GOODS_ISSUE,
            {"item": item, "qty": qty, "work_order": "T-1001", "erp_ref": order},
            NOW,
        )
        return erp.get("Stock Entry", adapter.post(p).document)

    # Steel for 10, bolts for none yet: no bracket is covered.
    assert issue("t1", "RM-STEEL", 20)["fg_completed_qty"] == 0
    # Bolts for 5: five brackets covered.
    assert issue("t2", "RM-BOLT", 20)["fg_completed_qty"] == 5
    assert erp.get("Work Order", order)["material_transferred_for_manufacturing"] == 5
    # The rest of the bolts: all 10; never more than the order (ERPNext would refuse).
    assert issue("t3", "RM-BOLT", 30)["fg_completed_qty"] == 5
    wo = erp.get("Work Order", order)
    assert (wo["material_transferred_for_manufacturing"], wo["status"]) == (10, "In Process")


def test_stop_reasons_come_from_the_table_in_erp_toml(
    erp: FakeErpNext, plant: dict[str, str]
) -> None:
    table = {"Lens contamination": "Machine malfunction", "MAINT": "Unplanned machine maintenance"}

    def stop(reference: str, reason: str) -> dict[str, Any]:
        p = Posting(
            reference,
            PostingKind.DOWNTIME,
            {
                "work_center": "LASER-1",
                "started_at": "2026-11-23T07:10:00+00:00",
                "ended_at": "2026-11-23T07:55:00+00:00",
                "reason": reason,
                "note": "cleaned",
            },
            NOW,
        )
        return erp.get("Downtime Entry", client.post(p).document)

    with make_adapter(erp, stop_reasons=table) as client:
        mapped = stop("d1", "lens contamination")
        assert (mapped["stop_reason"], mapped["remarks"]) == (
            "Machine malfunction",
            "Reason: lens contamination\ncleaned\nTakt d1",
        )
        assert stop("d2", "maint")["stop_reason"] == "Unplanned machine maintenance"
        assert stop("d3", "Electricity down")["stop_reason"] == "Electricity down"
        assert stop("d4", "Coffee")["stop_reason"] == "Other"
    assert mapped["name"].startswith("DT-")
    with pytest.raises(ValueError, match="'Broken' is not one of"):
        make_adapter(erp, stop_reasons={"x": "Broken"})


# --- the reference field: takt erp setup -------------------------------------------------


def test_without_the_reference_field_nothing_is_posted_and_setup_creates_it() -> None:
    erp = FakeErpNext(reference_fields=False)
    try:
        plant = seed(erp)
        issue = Posting("r1", PostingKind.GOODS_ISSUE, {"item": "RM-BOLT", "qty": 1}, NOW)
        with make_adapter(erp) as adapter:
            with pytest.raises(ErpNotSetUp, match="takt erp setup") as waiting:
                adapter.post(issue)
            assert isinstance(waiting.value, ErpUnavailable)  # postings wait, none fails
            assert erp.created == []
            lines, ready = setup(adapter, check_only=True)
            assert not ready
            assert lines[0] == "erpnext: Stock Entry has no custom field custom_mes_event_id"

            lines, ready = setup(adapter)
            assert ready
            assert lines == [
                f"erpnext: created {d}.{REF_FIELD} (Unique, No Copy)" for d in REFERENCE_DOCTYPES
            ]
            assert {
                (d["dt"], d["unique"], d["no_copy"]) for d in erp.docs["Custom Field"].values()
            } == {(d, 1, 1) for d in REFERENCE_DOCTYPES}
            assert setup(adapter)[0][0] == f"erpnext: Stock Entry.{REF_FIELD} is in place"
            posted = adapter.post(issue)
            assert erp.get("Stock Entry", posted.document)[REF_FIELD] == "r1"
            assert plant
    finally:
        erp.close()


def test_the_stand_in_drops_and_refuses_a_field_the_site_does_not_have() -> None:
    erp = FakeErpNext(reference_fields=False)
    try:
        seed(erp)
        with make_adapter(erp) as adapter:
            adapter._reference_ok = True  # pretend: what a blind adapter did before
            posted = adapter.post(
                Posting("r2", PostingKind.GOODS_ISSUE, {"item": "RM-BOLT", "qty": 1}, NOW)
            )
            assert REF_FIELD not in erp.get("Stock Entry", posted.document)
            with pytest.raises(ErpRejected, match=f"Field not permitted in query: {REF_FIELD}"):
                adapter.find(Posting("r2", PostingKind.GOODS_ISSUE, {}, NOW))
    finally:
        erp.close()


# --- import --------------------------------------------------------------------------


def test_import_reads_in_few_requests_with_times_per_unit_and_spaced_names(
    erp: FakeErpNext, plant: dict[str, str]
) -> None:
    erp.insert("Workstation", {"workstation_name": "Laser Cutter"})
    bom = erp.insert(
        "BOM",
        {
            "item": "FG-PANEL",
            "quantity": 10,
            "is_active": 1,
            "is_default": 1,
            "with_operations": 1,
            "items": [{"item_code": "RM-STEEL", "qty": 25, "stock_qty": 25}],
            "operations": [
                {"operation": "Laser cut", "workstation": "Laser Cutter", "time_in_mins": 30},
                {
                    "operation": "Set-up press",
                    "workstation": "PRESS-2",
                    "time_in_mins": 15,
                    "fixed_time": 1,
                },
            ],
        },
        docstatus=1,
    )
    orders = []
    for _ in range(30):
        made = erp.insert(
            "Work Order",
            {
                "production_item": "FG-PANEL",
                "qty": 20,
                "produced_qty": 0,
                "status": "Not Started",
                "bom_no": bom["name"],
                "expected_delivery_date": "2026-12-01",
                "operations": [
                    # ERPNext's set_work_order_ops: BOM time / BOM qty x order qty.
                    {"operation": "Laser cut", "workstation": "Laser Cutter", "time_in_mins": 60},
                ],
            },
            docstatus=1,
        )
        erp.make_job_cards(made["name"])
        orders.append(made["name"])
    erp.insert(
        "Work Order",
        {"production_item": "FG-PANEL", "qty": 5, "status": "Closed", "bom_no": bom["name"]},
        docstatus=1,
    )

    with make_adapter(erp, page_size=500) as adapter:
        before = len(erp.requests)
        batch = adapter.import_changes(None)
        asked = len(erp.requests) - before
        again = adapter.import_records(
            {"work order": [orders[0], plant["wo_done"], "MFG-WO-2026-99999"]}
        )

    # Items, workstations, BOMs with lines, BOMs with operations, work orders with
    # operations, their Job Cards, bins: one request each, whatever the number of orders.
    assert asked == 7
    assert batch.bad == []
    routing = next(r for r in batch.routings if r["item"] == "FG-PANEL")
    assert routing["operations"] == [
        {"seq": 10, "operation": "Laser cut", "work_center": "Laser Cutter", "minutes": 3.0,
         "setup_minutes": 0.0},
        {"seq": 20, "operation": "Set-up press", "work_center": "PRESS-2", "minutes": 0.0,
         "setup_minutes": 15.0},
    ]  # fmt: skip
    assert {"code": "Laser Cutter", "name": "Laser Cutter"} in batch.work_centers
    panel = next(w for w in batch.work_orders if w["number"] == orders[0])
    assert panel["operations"][0]["minutes"] == 3.0  # 60 minutes for 20 panels
    assert panel["operations"][0]["work_center"] == "Laser Cutter"
    assert panel["operations"][0]["job_cards"] == [erp.job_cards(orders[0])[0]["name"]]
    # Read again by name: open ones whole, ended ones with their state, gone ones deleted.
    assert {(w["number"], w["state"], w["open"]) for w in again.work_orders} == {
        (orders[0], "released", True),
        (plant["wo_done"], "completed", False),
    }
    assert again.deleted == [("work_order", "MFG-WO-2026-99999")]


def test_an_incremental_import_reports_ended_orders_with_their_status(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    since = adapter.import_changes(None).high_water
    erp.touch("Work Order", plant["wo_bracket"], status="Stopped")
    erp.touch("Work Order", plant["wo_bracket_running"], status="Closed")
    erp.touch("Work Order", plant["wo_frame"], docstatus=2, status="Cancelled")

    batch = adapter.import_changes(since)

    assert {(w["number"], w["status"], w["state"], w["open"]) for w in batch.work_orders} == {
        (plant["wo_bracket"], "Stopped", "stopped", False),
        (plant["wo_bracket_running"], "Closed", "closed", False),
        (plant["wo_frame"], "Cancelled", "cancelled", False),
    }


def test_a_bom_of_quantity_zero_is_refused_not_read_as_one(
    adapter: ErpNextAdapter, erp: FakeErpNext, plant: dict[str, str]
) -> None:
    zero = erp.insert(
        "BOM",
        {
            "item": "FG-PANEL",
            "quantity": 0,
            "is_active": 1,
            "items": [{"item_code": "RM-BOLT", "qty": 1}],
        },
        docstatus=1,
    )
    batch = adapter.import_changes(None)
    assert [(b.entity, b.key, b.problem) for b in batch.bad] == [
        ("bom", zero["name"], "quantity: must be above 0 (is 0)")
    ]


# --- the writer: a posting ERPNext keeps no document for --------------------------------


def test_the_writer_settles_what_erpnext_books_elsewhere_as_not_sent(
    erp: FakeErpNext, plant: dict[str, str], takt: Store, clock: FixedClock
) -> None:
    pid = confirm_last_operation(takt, clock, plant["wo_frame"], 2)
    # An earlier operation of an order without operations in ERPNext: nothing to book.
    with Service(takt, clock).transaction() as tx:
        tx.emit(
            ErpPostingEdited(
                posting_id=pid, changes={"last_operation": False}, reason="earlier step"
            ),
            "902",
        )
    with make_adapter(erp) as adapter:
        assert ErpWriter(takt, adapter, clock).run_once() == 0
    with takt.read() as session:
        row = session.get(ErpPosting, pid)
        assert row is not None
        assert row.status is PostingStatus.CANCELLED
    assert erp.created == []
