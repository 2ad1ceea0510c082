"""Quantities with units, computed where the message computes them in words."""

from __future__ import annotations

import pytest

from sync.intake import ReferenceIndex
from sync.intake.quantities import find_quantity
from sync.intake.text import fold
from tests.intake.helpers import draft


def quantity(text: str, kind: str, **kwargs: object) -> dict[str, object] | None:
    found = find_quantity(fold(text), kind, [], [], **kwargs)  # type: ignore[arg-type]
    return found.quantity.as_json() if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("only 40 of 60 came", {"value": 20, "unit": "pcs"}),
        ("solo llegaron 40 de 60 m", {"value": 20, "unit": "m"}),
        ("nur 30 von 50 Stück da", {"value": 20, "unit": "pcs"}),
        ("only had 60 of the 101 motors", {"value": 41, "unit": "pcs"}),
        ("only 120 of 170 m of honed tube", {"value": 50, "unit": "m"}),
        ("we need 12 and there are only 4 on the shelf", {"value": 8, "unit": "pcs"}),
        ("Tenemos 2 m2 y necesitamos 5", {"value": 3, "unit": "m2"}),
        ("Need 20, tenemos 0.", {"value": 20, "unit": "pcs"}),
        ("12 m of round bar missing", {"value": 12, "unit": "m"}),
        ("se acabó la pintura, quedan 3 kg", {"value": 3, "unit": "kg"}),
        ("fehlen uns 16 Wegeventile", {"value": 16, "unit": "pcs"}),
        ("17 pcs ship today, the remaining 8 are backordered", {"value": 8, "unit": "pcs"}),
    ],
)
def test_shortages(text: str, expected: dict[str, object]) -> None:
    assert quantity(text, "shortage") == expected


@pytest.mark.parametrize(
    "text",
    [
        "we ran out of 6mm sheet",
        "motor de 5,5 kW",
        "failed the 250 bar test",
        "down for 2 hours",
        "PO 4500017732 is late",
        "heat 483920 was blocked",
        "Tel. +49 7621 4478-213",
        "cut at 14:00",
        "10% more scrap",
    ],
)
def test_sizes_times_and_numbers_of_things_are_no_quantity(text: str) -> None:
    assert quantity(text, "shortage") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 cylinders failed the pressure test", 4),
        ("3 of 10 affected", 3),
        ("4 von 39 Motoren falsche Klemmkasten", 4),
        ("only 1 of 3 passed incoming inspection", 2),
        ("bitte alle 40 Stück sperren", 40),
        ("6 piezas rechazadas de 10", 6),
    ],
)
def test_quality_holds(text: str, expected: int) -> None:
    assert quantity(text, "quality_hold") == {"value": expected, "unit": "pcs"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("goes from 2 to 4 units", 4),
        ("la OT pasa de 10 a 14 unidades", 14),
        ("von 4 auf 6 Ventilblöcke erhöhen", 6),
        ("we need 30 instead of 25 barrels", 30),
        ("Danube quiere 16 cilindros en vez de 12", 16),
        ("statt 5 nur noch 3 Aggregate", 3),
        ("nur noch 3 statt 5 Kolbenstangen", 3),
        ("ahora son 12 bloques, no 10", 12),
        ("qty 4 -> 8", 8),
        ("2 unidades más (total 12)", 12),
        ("bitte auf 18 Stück erhöhen (bisher 15)", 18),
        ("reduce from 100 to 80", 80),
    ],
)
def test_new_order_quantities(text: str, expected: int) -> None:
    assert quantity(text, "order_change_qty") == {"value": expected, "unit": "pcs"}


def test_changes_by_an_amount_use_the_orders_quantity(small_reference: ReferenceIndex) -> None:
    # WO-10452 is for 60
    assert draft(small_reference, "Please increase WO-10452 by 5 units").prediction()[
        "quantity"
    ] == {"value": 65, "unit": "pcs"}
    assert draft(small_reference, "Alpine cancels 10 units of WO-10452").prediction()[
        "quantity"
    ] == {"value": 50, "unit": "pcs"}


def test_the_unit_of_the_item_when_none_is_written(small_reference: ReferenceIndex) -> None:
    d = draft(small_reference, "RM-TUBE-H80 short: only 40 of 60 came")
    assert d.prediction()["quantity"] == {"value": 20, "unit": "m"}


def test_only_exceptions_about_amounts_carry_one(small_reference: ReferenceIndex) -> None:
    d = draft(small_reference, "Helix moved WO-10453 (40 pcs) to 11.12.")
    assert d.type == "order_change_date"
    assert d.prediction()["quantity"] is None
