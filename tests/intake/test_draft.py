"""The draft: every field with its span and confidence, the message verbatim, linked or
not; the parse output's exact shape; messages checked field by field."""

from __future__ import annotations

import json

import pytest

from sync.intake import EXCEPTION_TYPES, URGENCIES, Message, MessageError, ReferenceIndex, predict
from tests.intake.helpers import draft, message

PREDICTED_KEYS = [
    "type",
    "urgency",
    "work_orders",
    "items",
    "lots",
    "work_centers",
    "customer",
    "quantity",
    "date",
]


def test_parse_output_shape(small_reference: ReferenceIndex) -> None:
    line = predict(
        message(
            "Solo llegaron 40 de 60 kits PP-SEAL-80 para la OT 10452 (Alpine), el resto llega "
            "el jueves. Lote L26-00012, LAS-01.",
            ident="m-17",
            channel="whatsapp",
        ),
        small_reference,
    )
    assert list(line) == ["id", "predicted"]
    assert line["id"] == "m-17"
    p = line["predicted"]
    assert list(p) == PREDICTED_KEYS
    assert p == {
        "type": "shortage",
        "urgency": "normal",
        "work_orders": ["WO-10452"],
        "items": ["PP-SEAL-80"],
        "lots": ["L26-00012"],
        "work_centers": ["LAS-01"],
        "customer": "ALPINE",
        "quantity": {"value": 20, "unit": "pcs"},
        "date": "2026-11-26",
    }
    assert json.loads(json.dumps(line)) == line  # plain JSON
    assert p["type"] in EXCEPTION_TYPES
    assert p["urgency"] in URGENCIES


def test_every_field_has_its_span_and_confidence(small_reference: ReferenceIndex) -> None:
    text = "Für FA 10452 fehlen 16 Dichtsätze 80. Lieferung erst am Montag."
    d = draft(small_reference, text, subject="Fehlteile Alpine", channel="email")
    fields = [*d.work_orders, *d.items, d.customer, d.quantity, d.date]
    for f in fields:
        assert f is not None
        assert 0.0 < f.confidence <= 1.0
        source = d.message.subject if f.span.part == "subject" else d.message.text
        assert source is not None
        assert source[f.span.start : f.span.end] == f.span.text
    assert d.work_orders[0].span.text == "FA 10452"
    assert d.customer is not None
    assert d.customer.span.part == "subject"
    assert d.quantity is not None
    assert d.quantity.span.text == "16"
    assert d.date is not None
    assert d.date.span.text == "Montag"


def test_the_draft_keeps_the_message_verbatim(small_reference: ReferenceIndex) -> None:
    text = "  LAS-01 down!!\n\n> quoted\n"
    d = draft(small_reference, text, channel="slack")
    j = d.as_json()
    assert j["message"]["text"] == text
    assert j["message"]["channel"] == "slack"
    assert j["linked"] is True
    assert j["work_centers"][0]["span"] == {"part": "text", "start": 2, "end": 8, "text": "LAS-01"}
    assert json.loads(json.dumps(j, ensure_ascii=False)) == j


def test_nothing_resolved_means_triage(small_reference: ReferenceIndex) -> None:
    d = draft(small_reference, "FA 99999 fehlt Material, bitte dringend klären")
    assert d.type == "shortage"
    assert not d.linked
    assert [(u.kind, u.span.text) for u in d.unresolved] == [("work_order", "FA 99999")]


def test_not_an_exception_keeps_its_reason(small_reference: ReferenceIndex) -> None:
    d = draft(small_reference, "Wer bestellt heute Pizza für WO-10452s Team?")
    assert d.type == "not_an_exception"
    assert d.reason == "lunch or social"
    assert d.exception_kind is None
    assert d.as_json()["reason"] == "lunch or social"


def test_exception_kinds_of_app(small_reference: ReferenceIndex) -> None:
    assert draft(small_reference, "LAS-01 is down").exception_kind == "machine_downtime"
    assert draft(small_reference, "faltan juntas PP-SEAL-80").exception_kind == "material_shortage"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ([], "a message is a JSON object"),
        ({"channel": "email", "received_at": "2026-11-23T09:00:00Z", "text": "x"}, "id:"),
        (
            {"id": "1", "channel": "fax", "received_at": "2026-11-23T09:00:00Z", "text": "x"},
            "channel:",
        ),
        ({"id": "1", "channel": "email", "received_at": "Monday", "text": "x"}, "received_at:"),
        (
            {"id": "1", "channel": "email", "received_at": "2026-11-23T09:00:00", "text": "x"},
            "no offset",
        ),
        ({"id": "1", "channel": "email", "received_at": "2026-11-23T09:00:00Z"}, "text:"),
        (
            {
                "id": "1",
                "channel": "email",
                "received_at": "2026-11-23T09:00:00Z",
                "text": "x",
                "subject": 3,
            },
            "subject:",
        ),
        (
            {
                "id": "1",
                "channel": "email",
                "received_at": "2026-11-23T09:00:00Z",
                "text": "x" * 100_001,
            },
            "longer",
        ),
    ],
)
def test_messages_are_checked(data: object, error: str) -> None:
    with pytest.raises(MessageError, match=error):
        Message.from_json(data)  # type: ignore[arg-type]


def test_a_message_from_json() -> None:
    m = Message.from_json(
        {
            "id": 7,
            "channel": "phone",
            "received_at": "2026-11-23T09:00:00Z",
            "text": "hi",
            "lang": "de",
        }
    )
    assert (m.id, m.channel, m.lang, m.received_at.utcoffset().total_seconds()) == (
        "7",
        "phone",
        "de",
        0,
    )  # type: ignore[union-attr]


def test_the_same_message_gives_the_same_draft(small_reference: ReferenceIndex) -> None:
    m = message("Alpine: WO-10452 von 60 auf 80 erhöhen, Termin 11.12.")
    assert predict(m, small_reference) == predict(m, small_reference)
