"""Work orders, items, lots, work centers, customers as people write them; numbers that
are POs, sales orders, delivery notes or heats are none of them; nothing is invented."""

from __future__ import annotations

import pytest

from sync.intake import ReferenceIndex
from sync.intake.reference import code_key
from tests.intake.helpers import draft


def orders(reference: ReferenceIndex, text: str) -> list[str]:
    return [f.value for f in draft(reference, text).work_orders]


@pytest.mark.parametrize(
    "text",
    [
        "wo10452 is short of seal kits",
        "WO 10452 is short of seal kits",
        "WO-10452 is short of seal kits",
        "#10452 is short of seal kits",
        "faltan juntas para la OT 10452",
        "Für FA 10452 fehlen Dichtsätze",
        "Auftrag 10452 wartet auf Material",
        "la orden de trabajo 10452 está parada",
        "job 10452 is waiting",
        "the 452 job is waiting for seals",
        "MFG-WO-2026-10452 (ERP ref) is short",
        "seal kits for 10452 came in short",
    ],
)
def test_work_orders_as_people_write_them(small_reference: ReferenceIndex, text: str) -> None:
    assert orders(small_reference, text) == ["WO-10452"]


def test_lists_after_one_prefix(small_reference: ReferenceIndex) -> None:
    assert orders(small_reference, "Las OT 10452, 10453 y 10500 necesitan juntas") == [
        "WO-10452",
        "WO-10453",
        "WO-10500",
    ]
    assert orders(small_reference, "FA 10452 und FA 10453 tauschen") == ["WO-10452", "WO-10453"]


@pytest.mark.parametrize(
    "text",
    [
        "PO 10452 from Alpine is confirmed",
        "our PO #10452 ships Friday",
        "sales order 10452 has the wrong address",
        "Sales order SO-10452 was changed",
        "delivery note 10452 was short",
        "DN 10452 arrived with damage",
        "Lieferschein 10452 fehlt",
        "el albarán 10452 llegó incompleto",
        "heat 10452 certificate attached",
        "Schmelze 10452 war gesperrt",
        "colada 10452 fuera de especificación",
        "invoice 10452 is overdue",
        "Kundenauftrag 10452 bestätigt",
        "pedido 10452 del cliente",
    ],
)
def test_document_numbers_are_not_work_orders(small_reference: ReferenceIndex, text: str) -> None:
    d = draft(small_reference, text)
    assert d.work_orders == ()
    assert d.lots == ()


def test_a_suffix_must_name_one_open_order(small_reference: ReferenceIndex) -> None:
    # WO-11452 ends in 452 too, but it is closed: "the 452 job" is still WO-10452.
    assert orders(small_reference, "the 452 job") == ["WO-10452"]
    # WO-10118 and WO-10218 both end in 18: no guess.
    d = draft(small_reference, "the 18 job is late")
    assert d.work_orders == ()
    assert [(u.kind, u.how) for u in d.unresolved] == [("work_order", "ambiguous")]


def test_a_closed_order_is_still_found_by_its_number(small_reference: ReferenceIndex) -> None:
    assert orders(small_reference, "WO-11452 was shipped short") == ["WO-11452"]


def test_unknown_references_are_kept_unresolved_never_invented(
    small_reference: ReferenceIndex,
) -> None:
    d = draft(small_reference, "WO-99999 and FA 77777 are short of PP-SEAL-90")
    assert d.work_orders == ()
    assert d.items == ()
    assert not d.linked
    assert sorted(u.span.text for u in d.unresolved) == ["FA 77777", "PP-SEAL-90", "WO-99999"]
    assert d.prediction()["work_orders"] == []


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("PP-SEAL-80 is short", "PP-SEAL-80"),
        ("pp-seal-80 is short", "PP-SEAL-80"),
        ("PP SEAL 80 is short", "PP-SEAL-80"),
        ("we are out of seal kits 80", "PP-SEAL-80"),
        ("no quedan kits de juntas 50", "PP-SEAL-50"),
        ("Dichtsätze 50 fehlen", "PP-SEAL-50"),
        ("Kolben 80 fehlen", "CP-PISTON-80"),
        ("faltan pistones 50", "CP-PISTON-50"),
        ("the glands 80 have burrs", "CP-GLAND-80"),
        ("las bridas DN60 tienen la rosca mal", "CP-FLANGE-60"),
        ("Honrohr 80 x 95 außer Toleranz", "RM-TUBE-H80"),
        ("no 11 kW motors in stock", "PP-MOT-110"),
        ("motor de 5,5 kW", "PP-MOT-55"),
        ("se acabó la pintura RAL 5010", "RM-PAINT-5010"),
        # other words for the same things, plural and feminine forms, compounds
        ("Stopfbuchsen 80 haben Riefen", "CP-GLAND-80"),
    ],
)
def test_items_by_code_and_by_name(small_reference: ReferenceIndex, text: str, item: str) -> None:
    assert [f.value for f in draft(small_reference, text).items] == [item]


@pytest.mark.parametrize(
    "text",
    [
        "the gland is scratched",  # 50 or 80?
        "seal kits are short",  # 50 or 80?
        "change the colour to RAL 5010",  # a colour, not the paint item
        "paint line tripped again",  # a work center, not the paint
        "the new motors fit the same flange",  # the motor's flange, not the flange item
        "Flansch-Programm für die LAT-01 fehlt",  # a program, not the flange
    ],
)
def test_ambiguous_or_absent_names_resolve_to_nothing(
    small_reference: ReferenceIndex, text: str
) -> None:
    assert draft(small_reference, text).items == ()


def test_a_count_before_a_name_stays_a_count(small_reference: ReferenceIndex) -> None:
    d = draft(small_reference, "Only 40 of 60 flanges came back from the lathe")
    assert [f.value for f in d.items] == ["CP-FLANGE-60"]
    assert d.prediction()["quantity"] == {"value": 20, "unit": "pcs"}


@pytest.mark.parametrize(
    ("text", "lot"),
    [
        ("please block lot L26-00012", "L26-00012"),
        ("Charge L26-00013 sperren", "L26-00013"),
        ("retener el lote 12", "L26-00012"),
    ],
)
def test_lots(small_reference: ReferenceIndex, text: str, lot: str) -> None:
    assert [f.value for f in draft(small_reference, text).lots] == [lot]


@pytest.mark.parametrize(
    ("text", "centers"),
    [
        ("LAS-01 down, nozzle crash", ["LAS-01"]),
        ("the laser can't cut", ["LAS-01"]),
        ("La Heller está parada otra vez", ["MIL-02"]),
        ("Abkantpresse 220t hat Öl verloren", ["PRB-02"]),
        ("prensa plegadora 1 no baja", ["PRB-01"]),
        ("el torno Okuma no arranca", ["LAT-01"]),
        ("hoy primero en el DMG", ["LAT-02"]),
        ("the lathe is noisy", []),  # two lathes
        ("las 01 piezas de hoy", []),  # Spanish, not LAS-01
    ],
)
def test_work_centers(small_reference: ReferenceIndex, text: str, centers: list[str]) -> None:
    assert [f.value for f in draft(small_reference, text).work_centers] == centers


@pytest.mark.parametrize(
    ("text", "customer"),
    [
        ("Alpine wants 4 instead of 2", "ALPINE"),
        ("Call from Alpine Lift purchasing", "ALPINE"),
        ("SERVICE order needs 15 units", "SERVICE"),
        ("for Riverside spare parts service", "SERVICE"),
        ("Customer service asked about it", None),
        ("Dear Riverside Works team", None),
    ],
)
def test_customers(small_reference: ReferenceIndex, text: str, customer: str | None) -> None:
    d = draft(small_reference, text)
    assert (d.customer.value if d.customer else None) == customer


def test_a_customer_signing_the_message_is_its_customer(small_reference: ReferenceIndex) -> None:
    d = draft(
        small_reference,
        "Please move the delivery to 11.12.2026.\n\nKind regards\nHelix Marine Ltd\nProcurement",
        channel="email",
    )
    assert d.customer is not None
    assert d.customer.value == "HELIX"


def test_suppliers_are_found_but_are_not_customers(small_reference: ReferenceIndex) -> None:
    d = draft(small_reference, "Parker can only ship 25 of the 50 seal kits 80")
    assert [f.value for f in d.suppliers] == ["Parker Hannifin"]
    assert d.customer is None


def test_code_keys() -> None:
    assert code_key("wo 026018") == code_key("WO-26018") == code_key("wo26018") == "WO|26018"
    assert code_key("L26-00012") == code_key("l26-12") != code_key("L2-6012")


def test_the_index_is_immutable(small_reference: ReferenceIndex) -> None:
    with pytest.raises(AttributeError):
        small_reference.timezone = "UTC"  # type: ignore[misc]
    with pytest.raises(TypeError):
        small_reference.codes["X"] = ("item", "X")  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("Ventilkörper für FA 26054 fehlen", "items", "CP-VBODY-4"),
        ("se acabaron los kits de latiguillos", "items", "PP-HOSE-KIT"),
        ("Quadratrohr 80 x 80 x 4 kommt erst KW 50", "items", "RM-TUBE-SQ80"),
        ("the 6 cyl 80 ship tomorrow", "items", "FG-CYL-80"),
        ("Kantbank 135t hat ein Hydraulikleck", "work_centers", "PRB-01"),
        ("FA 26093 heute zuerst am Handschweißplatz", "work_centers", "WLD-02"),
    ],
)
def test_the_floors_other_words_for_the_demo_plants_things(
    demo_reference: ReferenceIndex, text: str, kind: str, code: str
) -> None:
    assert [f.value for f in getattr(draft(demo_reference, text), kind)] == [code]


def test_a_central_hidraulica_is_a_power_unit(demo_reference: ReferenceIndex) -> None:
    d = draft(demo_reference, "las centrales 5,5 kW de la OT 26075 llevan otro motor")
    assert [f.value for f in d.items] == ["FG-HPU-05"]


@pytest.mark.parametrize(
    "text",
    [
        "test bench leaking at the hose on station 2 again, mopped up",  # a hose, not the kit
        "they offer another pump with identical displacement and flange instead",
        "7075 is fine for manifold blocks, not for valve bodies",
    ],
)
def test_a_thing_only_mentioned_is_not_named(demo_reference: ReferenceIndex, text: str) -> None:
    named = [f.value for f in draft(demo_reference, text).items]
    assert not {"PP-HOSE-KIT", "CP-FLANGE-60", "CP-VBODY-4"} & set(named), named
