"""Type and urgency, per language and mixed; negations; what is not an exception."""

from __future__ import annotations

import pytest

from sync.intake import ReferenceIndex
from tests.intake.helpers import draft

CASES = {
    "shortage": {
        "en": [
            "We ran out of seal kits 80, WO-10452 can't continue",
            "Supplier shipped only 30 of 50 pistons, we are short 20 for WO-10453",
            "PP-SEAL-50 stock shows 0, need 12 for tomorrow",
        ],
        "es": [
            "Faltan 20 pistones 80 para la OT 10453",
            "Nos hemos quedado sin juntas PP-SEAL-80, no hay stock",
            "No llegó el tubo RM-TUBE-H80, la OT 10500 está esperando",
        ],
        "de": [
            "Für FA 10452 fehlen 12 Dichtsätze 80",
            "Kolben 80 sind alle, Nachlieferung erst Montag",
            "Honrohr RM-TUBE-H80 nicht auf Lager, FA 10500 wartet",
        ],
    },
    "downtime": {
        "en": [
            "LAS-01 is down, nozzle crashed",
            "The Heller stopped with a spindle alarm",
            "Press brake 220 t hydraulic leak, machine stopped",
        ],
        "es": [
            "La láser LAS-01 está parada, avería en la fuente",
            "El torno Okuma no arranca, alarma de husillo",
            "La prensa plegadora PRB-01 se ha parado",
        ],
        "de": [
            "LAS-01 steht seit 6 Uhr, Störung am Laserkopf",
            "Die Heller ist ausgefallen, Spindel defekt",
            "Abkantpresse PRB-02 kaputt, Instandhaltung ist informiert",
        ],
    },
    "quality_hold": {
        "en": [
            "Please put lot L26-00012 on quality hold, hardness below spec",
            "4 pistons from WO-10453 out of tolerance, quarantine the batch",
            "Cracks found on flanges DN60, reject and block the lot",
        ],
        "es": [
            "Calidad: bloquear el lote L26-00012, juntas defectuosas",
            "Rechazamos 5 pistones de la OT 10453 por grietas",
            "Retener la OT 10452, fuera de tolerancia",
        ],
        "de": [
            "Charge L26-00013 sperren, Maßabweichung",
            "QS: FA 10453 gesperrt, Risse an den Kolben",
            "Reklamation Alpine: Dichtsätze undicht, bitte sperren",
        ],
    },
    "order_change_qty": {
        "en": [
            "Alpine increased WO-10452 from 60 to 80 units",
            "Helix needs 30 instead of 40 on WO-10453",
            "Please reduce the quantity of WO-10500 to 8",
        ],
        "es": [
            "Alpine aumenta la OT 10452 de 60 a 70 unidades",
            "Cambio de cantidad en la OT 10453: ahora son 35",
            "Helix reduce el pedido, la OT 10453 pasa de 40 a 30",
        ],
        "de": [
            "Mengenänderung FA 10452: von 60 auf 75 erhöhen",
            "Helix reduziert FA 10453 auf 30 Stück",
            "Stückzahl FA 10500 bitte auf 10 reduzieren",
        ],
    },
    "order_change_date": {
        "en": [
            "Alpine asks to postpone WO-10452 to 11.12.",
            "Helix wants WO-10453 delivered earlier, new date Dec 4",
            "Please move the due date of WO-10500 to next Friday",
        ],
        "es": [
            "Alpine pide retrasar la entrega de la OT 10452 al 14/12",
            "Helix quiere adelantar la OT 10453 al lunes",
            "Nueva fecha de entrega para la OT 10500: 18 de diciembre",
        ],
        "de": [
            "Liefertermin FA 10452 auf KW 51 verschieben",
            "Helix möchte FA 10453 früher, neuer Termin 2.12.",
            "FA 10500 wird auf den 18.12. verschoben",
        ],
    },
    "order_change_spec": {
        "en": [
            "Spec change on WO-10452: Alpine wants RAL 7035 instead of RAL 9005",
            "New drawing revision C for WO-10453, longer stroke",
            "Helix changed the specification of WO-10453, updated spec attached",
        ],
        "es": [
            "Cambio de plano para la OT 10452, revisión D",
            "Alpine cambia el color de la OT 10452 a RAL 7035",
            "Nueva especificación del cliente para la OT 10453",
        ],
        "de": [
            "Zeichnungsänderung für FA 10452, neuer Index E",
            "Alpine möchte FA 10452 in RAL 7035, Farbänderung",
            "Geänderte Spezifikation für FA 10453 vom Kunden",
        ],
    },
    "priority_shift": {
        "en": [
            "Run WO-10453 first on LAT-02, Helix truck at 14:00",
            "Top priority for WO-10452, bump it to the top of the queue",
            "Swap WO-10452 and WO-10453 on the Heller",
        ],
        "es": [
            "Prioridad máxima para la OT 10452",
            "Primero la OT 10453 y después la 10452 en el DMG",
            "Pasad la OT 10500 delante de todo",
        ],
        "de": [
            "FA 10453 hat höchste Priorität, zuerst auf der LAT-01",
            "Vorrang für FA 10452, vor FA 10453 einplanen",
            "Bitte FA 10452 und FA 10453 tauschen",
        ],
    },
    "substitute_material": {
        "en": [
            "Can we use PP-SEAL-50 instead of PP-SEAL-80 on WO-10452?",
            "Substitute request: Parker seal kits as an alternative for WO-10452",
            "OK to use the equivalent tube from Hagen for WO-10500?",
        ],
        "es": [
            "¿Podemos usar juntas PP-SEAL-50 en lugar de las PP-SEAL-80 para la OT 10452?",
            "Material alternativo para la OT 10500: tubo equivalente de Hagen",
            "Propongo sustituir el motor PP-MOT-55 por el PP-MOT-110",
        ],
        "de": [
            "Können wir für FA 10452 statt PP-SEAL-80 die PP-SEAL-50 verwenden?",
            "Ersatzmaterial für FA 10500: gleichwertiges Rohr von Hagen",
            "Alternativ Motor PP-MOT-110 einsetzen? Bitte Freigabe",
        ],
    },
}


@pytest.mark.parametrize(
    ("kind", "lang", "text"),
    [
        (kind, lang, text)
        for kind, langs in CASES.items()
        for lang, texts in langs.items()
        for text in texts
    ],
)
def test_types_per_language(
    small_reference: ReferenceIndex, kind: str, lang: str, text: str
) -> None:
    d = draft(small_reference, text)
    assert d.type == kind, (lang, text)
    assert d.linked


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Buenos días, the DMG LAT-02 está parada por alarma, need maintenance asap", "downtime"),
        ("Jonas dice: FA 10452 Dichtsätze fehlen — o sea, faltan juntas 80", "shortage"),
        (
            "Quick q / pregunta rápida: ¿podemos usar el lote L26-00013 instead of L26-00012?",
            "substitute_material",
        ),
        ("Hallo Lucía, la OT 10453 hay que adelantarla, Termin jetzt Montag", "order_change_date"),
    ],
)
def test_mixed_languages(small_reference: ReferenceIndex, text: str, kind: str) -> None:
    assert draft(small_reference, text).type == kind


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("View this email in your browser. Hydraulics Weekly. Unsubscribe", "newsletter"),
        ("¿Pedimos pizza para el turno de tarde?", "lunch or social"),
        ("Mittagessen heute: Gulasch. Wer kommt mit?", "lunch or social"),
        ("Thanks everyone for the great work this week!", "thanks"),
        ("Gracias a todos por la semana, buen finde!", "lunch or social"),
        ("Danke Jonas, hat super geklappt 👍", "thanks"),
        ("Ich bin bis 30.11. nicht im Büro. Abwesenheitsnotiz", "out of office"),
        ("No shortage on PP-SEAL-80 anymore, the kits arrived", "no action"),
        ("Kein Stillstand, nur Werkzeugwechsel an der LAT-02", "says there is no problem"),
        ("No falta nada para la OT 10452, todo listo", "no action"),
    ],
)
def test_not_an_exception_with_its_reason(
    small_reference: ReferenceIndex, text: str, reason: str
) -> None:
    d = draft(small_reference, text)
    assert (d.type, d.reason) == ("not_an_exception", reason)
    assert d.urgency == "low"
    predicted = d.prediction()
    assert predicted["work_orders"] == []
    assert predicted["date"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Can someone send me the drawing for CP-FLANGE-60?",
        "Se ha derramado aceite junto al torno LAT-01, cuidado",
        "Wer hat die Zugangskarte für das Lager?",
    ],
)
def test_other(small_reference: ReferenceIndex, text: str) -> None:
    assert draft(small_reference, text).type == "other"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Whole hall B without air, LAS-01 and PRB-01 stopped", "critical"),
        ("LAS-01 down since 8:40", "high"),
        ("URGENTE: faltan juntas para la OT 10452 hoy", "high"),
        ("Alpine asks to postpone WO-10452 to 11.12.", "normal"),
        ("For the record: LAS-01 was down Thursday for a lens change", "low"),
        ("lunch order for friday: 4x schnitzel", "low"),
    ],
)
def test_urgency(small_reference: ReferenceIndex, text: str, expected: str) -> None:
    assert draft(small_reference, text).urgency == expected


def test_quoted_replies_and_signatures_are_not_read(small_reference: ReferenceIndex) -> None:
    d = draft(
        small_reference,
        "Thanks, the kits for WO-10453 arrived.\n\nBest regards\nMehmet\nTel. +49 7621 4478-213\n\n"
        "On Tue, Dec 1, 2026 at 9:14 AM Sofia wrote:\n> WO-10452 is short 20 seal kits, "
        "line down!!",
        channel="email",
        subject="Re: seal kits",
    )
    assert d.type == "not_an_exception"
    assert [f.value for f in d.work_orders] == ["WO-10453"]  # the quoted WO-10452 is not read
