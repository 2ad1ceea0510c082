"""`takt plant import FILE`: the plant file format (TOML and JSON), its errors, and an
import that records only what is new or changed."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.clock import FixedClock
from app.demo.generator import demo_plant
from app.events.payloads import (
    ItemDefined,
    LotRegistered,
    WorkOrderReleased,
)
from app.model import Item, Lot, StockBalance, WorkCenter, WorkOrder
from app.model.eventlog import EventRecord
from app.paths import resource
from app.plant_file import PlantData, PlantFileError, parse_plant, plant_document, read_plant_file
from app.services.plant_import import PlantImportService
from app.store import Store
from tests.conftest import NOW
from tests.test_cli import takt

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_example() -> str:
    text = README.read_text("utf-8")
    match = re.search(r"<!-- plant-file-example -->\n```toml\n(.*?)```", text, re.S)
    assert match, "README.md lost its plant file example"
    return match.group(1)


def _payloads(plant: PlantData) -> Counter[str]:
    return Counter(f"{p.KIND} {p.model_dump_json()}" for p in plant.reference)


def _events(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(EventRecord)) or 0


def test_the_readme_example_is_a_plant_and_json_says_the_same(tmp_path: Path) -> None:
    plant = parse_plant(readme_example(), now=NOW, source="README.md")
    kinds = Counter(p.KIND for p in plant.reference)
    assert kinds == {
        "site.defined": 1,
        "shift_calendar.defined": 1,
        "area.defined": 1,
        "setup_family.defined": 1,
        "work_center.defined": 1,
        "customer.defined": 1,
        "item.defined": 2,
        "bom.defined": 1,
        "routing.defined": 1,
        "lot.registered": 1,
        "stock.counted": 2,
        "supply.expected": 1,
        "work_order.released": 1,
    }
    (lot,) = plant.of(LotRegistered)
    assert lot.supplier == "Hagen Stahl GmbH"  # the lot names the supplier, by its name
    (order,) = plant.of(WorkOrderReleased)
    # Routing and BOM for the order's quantity; the customer's class; the need a shift early.
    assert [(o.work_center, o.run_minutes) for o in order.operations] == [("LAT-01", 180.0)]
    assert [(m.item, m.quantity) for m in order.materials] == [("RM-BAR-50", 12.8)]
    assert order.priority_class == "A"
    assert order.materials[0].need_at == datetime(2026, 11, 25, 1, 45, tzinfo=UTC)

    as_json = tmp_path / "plant.json"
    as_json.write_text(json.dumps(plant_document(plant)), "utf-8")
    assert _payloads(read_plant_file(as_json, now=NOW)) == _payloads(plant)


def test_the_demo_file_round_trips_through_the_format() -> None:
    """The demo's generated plant written out explicitly reads back the same, people too."""
    demo = demo_plant(NOW)
    assert demo == read_plant_file(resource("demo", "plant.toml"), now=NOW)
    back = parse_plant(json.dumps(plant_document(demo)), now=NOW, json_format=True)
    assert _payloads(back) == _payloads(demo)
    assert back.users == demo.users
    assert len(demo.of(WorkOrderReleased)) == 150
    suppliers = {lot.supplier for lot in demo.of(LotRegistered)}
    assert suppliers <= {
        "Hagen Stahl GmbH",
        "Nordic Tube Oy",
        "Bosch Rexroth",
        "Parker Hannifin",
        "Alu Rheinfelden",
    }


def test_every_mistake_is_named_with_its_entry_and_line() -> None:
    text = readme_example().replace(
        'code = "LAT-01"\narea = "MAC"', 'code = ""\narea = "FAX"\ncalender = "DAY"'
    )
    text = text.replace('bom = [["RM-BAR-50", 0.32]]', 'bom = [["RM-BAR-5O", 0.32]]')
    text = text.replace("due_at = 2026-11-25T14:00:00+01:00", "due_at = 2026-11-25T14:00:00")
    text = text.replace('quantity = 120\nsupplier = "HAGEN"', 'quantity = -1\nsupplier = "HAG"')
    with pytest.raises(PlantFileError) as caught:
        parse_plant(text, now=NOW, source="plant.toml")
    lines = str(caught.value).splitlines()
    header = text.splitlines().index("[[work_centers]]") + 1
    assert f"plant.toml: line {header}: work_centers[0].code: must not be empty" in lines
    assert f'plant.toml: line {header}: work_centers[0].area: no area "FAX" in the file' in lines
    assert f"plant.toml: line {header}: work_centers[0].calender: unknown key (a typo?)" in lines
    assert any('items[1].bom[0]: no item "RM-BAR-5O" in the file' in line for line in lines)
    assert any('lots[0].supplier: no supplier "HAG" in suppliers' in line for line in lines)
    assert any("work_orders[0].due_at: must carry a timezone" in line for line in lines)
    assert caught.value.fields[0] == "work_centers[0].calender"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{", "file: is not JSON"),
        ("[]", "file: must hold a table"),
        ('{"areas": []}', "site: missing"),
        ('{"site": {"code": "X", "name": "X"}, "areas": {"code": "A"}}', "areas: must be a list"),
        (
            '{"site": {"code": "X", "name": "X"}, "items": [{"code": "I", "name": "i", '
            '"class": "gadget"}]}',
            "items[0].class: Input should be",
        ),
        (
            '{"site": {"code": "X", "name": "X"}, "supplies": [{"id": "P", "item": "I", '
            '"quantity": 1, "expected_at": "soon"}]}',
            "supplies[0].expected_at: must be a date and time",
        ),
    ],
)
def test_json_mistakes_name_the_path(text: str, expected: str) -> None:
    with pytest.raises(PlantFileError) as caught:
        parse_plant(text, now=NOW, source="p.json", json_format=True)
    assert expected in str(caught.value)


def test_import_records_the_plant_and_the_same_file_again_records_nothing(
    store: Store, clock: FixedClock
) -> None:
    plant = parse_plant(readme_example(), now=NOW)
    first = PlantImportService(store, clock).import_plant(plant)
    assert first.total_recorded == 15
    assert first.unchanged == 0
    with store.read() as session:
        assert session.get(WorkCenter, "LAT-01") is not None
        assert session.get(Lot, "L26-00001").supplier == "Hagen Stahl GmbH"  # type: ignore[union-attr]
        order = session.get(WorkOrder, "WO-26001")
        assert order is not None
        assert order.quantity == 40
    events = _events(store)

    again = PlantImportService(store, clock).import_plant(parse_plant(readme_example(), now=NOW))
    assert again.total_recorded == 0
    assert again.unchanged == 15
    assert again.lines() == ["nothing new: all 15 definitions are already recorded"]
    assert _events(store) == events


def test_a_changed_file_records_what_changed_and_keeps_the_floors_stock(
    store: Store, clock: FixedClock
) -> None:
    PlantImportService(store, clock).import_plant(parse_plant(readme_example(), now=NOW))
    with store.write() as session:  # the floor used some of the bar since
        balance = session.scalars(
            select(StockBalance).where(StockBalance.lot_no == "L26-00001")
        ).one()
        balance.on_hand = 100
    edited = (
        readme_example()
        .replace('name = "Round bar 50 mm"', 'name = "Round bar 50 mm, C45"')
        .replace("quantity = 40\n", "quantity = 60\n")
    )
    report = PlantImportService(store, clock).import_plant(parse_plant(edited, now=NOW))
    assert dict(report.recorded) == {"item.defined": 1, "work_order.released": 1}
    with store.read() as session:
        assert session.get(Item, "RM-BAR-50").name == "Round bar 50 mm, C45"  # type: ignore[union-attr]
        assert session.get(WorkOrder, "WO-26001").quantity == 60  # type: ignore[union-attr]
        balance = session.scalars(
            select(StockBalance).where(StockBalance.lot_no == "L26-00001")
        ).one()
        assert balance.on_hand == 100


def test_the_demo_plant_imports_once(store: Store, clock: FixedClock) -> None:
    plant = demo_plant(NOW)
    first = PlantImportService(store, clock).import_plant(plant)
    assert first.total_recorded == len(plant.reference) - first.unchanged
    assert first.users_skipped == len(plant.users)
    again = PlantImportService(store, clock).import_plant(demo_plant(NOW))
    assert again.total_recorded == 0


def test_a_definition_changed_elsewhere_is_put_back_by_the_file(
    store: Store, clock: FixedClock
) -> None:
    plant = parse_plant(readme_example(), now=NOW)
    service = PlantImportService(store, clock)
    service.import_plant(plant)
    # The ERP (or another file) renamed the item since: the file is the newer word now.
    other = ItemDefined(code="RM-BAR-50", name="Bar", item_class="raw", uom="m")
    service.import_plant(PlantData(reference=(other,), users=()))
    report = service.import_plant(plant)
    assert dict(report.recorded) == {"item.defined": 1}


def test_takt_plant_import_from_the_command_line(tmp_path: Path) -> None:
    database = tmp_path / "server.sqlite3"
    plant = tmp_path / "plant.toml"
    plant.write_text(readme_example(), "utf-8")
    first = takt("plant", "import", str(plant), "--database", str(database), home=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("plant.toml: recorded 15 definitions (0 unchanged")
    assert "  work_order.released: 1" in first.stdout
    again = takt("plant", "import", str(plant), "--database", str(database), home=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout == "plant.toml: nothing new: all 15 definitions are already recorded\n"

    plant.write_text(readme_example().replace('area = "MAC"', 'area = "FAX"'), "utf-8")
    bad = takt("plant", "import", str(plant), "--database", str(database), home=tmp_path)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert 'work_centers[0].area: no area "FAX" in the file' in bad.stderr
    assert "nothing recorded" in bad.stderr
