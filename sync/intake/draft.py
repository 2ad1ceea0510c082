"""A message in, a draft exception out: `understand(message, reference)`.

The draft keeps the message verbatim with its channel, and every field it found with
where it was found (subject or text, character offsets) and how sure it is. A draft
that resolves nothing against the reference data is not linked: it goes to triage,
with what looked like a reference kept under `unresolved`. A message that is not an
exception says why (`reason`) and is archived, not dropped.

`predict` is the `takt intake parse` line: the draft reduced to the labelled set's
shape. For a message that is not an exception its fields are empty: there is no draft
to fill.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sync.intake.classify import classify, urgency
from sync.intake.dates import find_dates, key_date, local_today
from sync.intake.entities import Mention, find_references
from sync.intake.quantities import Quantity, find_quantity
from sync.intake.reference import ReferenceIndex
from sync.intake.text import Reading, languages, read

CHANNELS = ("email", "whatsapp", "teams", "slack", "phone", "chat")
MAX_TEXT = 100_000  # characters; longer messages are refused, not cut
QUANTITY_TYPES = ("shortage", "quality_hold", "order_change_qty", "substitute_material")
# The exception kinds of app/ a confirmed draft becomes.
EXCEPTION_KIND = {
    "shortage": "material_shortage",
    "downtime": "machine_downtime",
    "quality_hold": "quality_hold",
    "order_change_qty": "order_change",
    "order_change_date": "order_change",
    "order_change_spec": "order_change",
    "priority_shift": "priority_shift",
    "substitute_material": "substitute_material",
    "other": "other",
}

T = TypeVar("T")


class MessageError(ValueError):
    """A message that cannot be read; the text says which field and why."""


@dataclass(frozen=True)
class Message:
    id: str
    channel: str
    received_at: datetime
    text: str
    subject: str | None = None
    lang: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Message:
        """A message from its JSON object, checked field by field."""
        if not isinstance(data, Mapping):
            raise MessageError("a message is a JSON object")
        ident = data.get("id")
        if not isinstance(ident, str | int) or isinstance(ident, bool) or not str(ident).strip():
            raise MessageError("id: give the message's id (a string)")
        channel = data.get("channel")
        if channel not in CHANNELS:
            raise MessageError(f"channel: one of {', '.join(CHANNELS)}, not {channel!r}")
        raw_time = data.get("received_at")
        if not isinstance(raw_time, str):
            raise MessageError("received_at: an ISO 8601 time with its offset")
        try:
            received_at = datetime.fromisoformat(raw_time.replace("Z", "+00:00"))
        except ValueError:
            raise MessageError(f"received_at: {raw_time!r} is not an ISO 8601 time") from None
        if received_at.tzinfo is None:
            raise MessageError(f"received_at: {raw_time!r} has no offset (e.g. +01:00 or Z)")
        text = data.get("text")
        if not isinstance(text, str):
            raise MessageError("text: the message's text (a string)")
        subject = data.get("subject")
        if subject is not None and not isinstance(subject, str):
            raise MessageError("subject: a string, if given")
        if len(text) + len(subject or "") > MAX_TEXT:
            raise MessageError(f"text: longer than {MAX_TEXT} characters")
        lang = data.get("lang")
        if lang is not None and not isinstance(lang, str):
            raise MessageError("lang: a language code such as en, es, de, if given")
        return cls(str(ident), channel, received_at, text, subject, lang)


@dataclass(frozen=True)
class Span:
    """Where a field was found: in the subject or the text, by character offsets."""

    part: str  # "subject" or "text"
    start: int
    end: int
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"part": self.part, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Field(Generic[T]):
    value: T
    span: Span
    confidence: float
    how: str

    def as_json(self, value: Any = None) -> dict[str, Any]:
        return {
            "value": self.value if value is None else value,
            "span": self.span.as_json(),
            "confidence": self.confidence,
            "how": self.how,
        }


@dataclass(frozen=True)
class Unresolved:
    """Something that looks like a reference but names nothing the plant knows."""

    kind: str
    span: Span
    how: str  # unresolved, or ambiguous (several open orders end in those digits)


@dataclass(frozen=True)
class Draft:
    message: Message
    type: str
    type_confidence: float
    urgency: str
    work_orders: tuple[Field[str], ...]
    items: tuple[Field[str], ...]
    lots: tuple[Field[str], ...]
    work_centers: tuple[Field[str], ...]
    customer: Field[str] | None
    suppliers: tuple[Field[str], ...]
    quantity: Field[Quantity] | None
    date: Field[date] | None
    unresolved: tuple[Unresolved, ...]
    language: str
    languages: tuple[str, ...]
    reason: str | None  # why it is not an exception
    evidence: tuple[Span, ...]  # the words that decided the type

    @property
    def linked(self) -> bool:
        """Whether anything resolved against the reference data (else: triage)."""
        return bool(
            self.work_orders
            or self.items
            or self.lots
            or self.work_centers
            or self.customer
            or self.suppliers
        )

    @property
    def exception_kind(self) -> str | None:
        return EXCEPTION_KIND.get(self.type)

    def prediction(self) -> dict[str, Any]:
        """The labelled set's shape (and `takt intake parse`'s "predicted")."""
        if self.type == "not_an_exception":
            return {
                "type": self.type,
                "urgency": self.urgency,
                "work_orders": [],
                "items": [],
                "lots": [],
                "work_centers": [],
                "customer": None,
                "quantity": None,
                "date": None,
            }
        return {
            "type": self.type,
            "urgency": self.urgency,
            "work_orders": [f.value for f in self.work_orders],
            "items": [f.value for f in self.items],
            "lots": [f.value for f in self.lots],
            "work_centers": [f.value for f in self.work_centers],
            "customer": self.customer.value if self.customer else None,
            "quantity": self.quantity.value.as_json() if self.quantity else None,
            "date": self.date.value.isoformat() if self.date else None,
        }

    def as_json(self) -> dict[str, Any]:
        """Everything: the message verbatim, each field with its span and confidence."""
        m = self.message
        return {
            "message": {
                "id": m.id,
                "channel": m.channel,
                "received_at": m.received_at.isoformat(),
                "subject": m.subject,
                "text": m.text,
                "lang": m.lang,
            },
            "type": self.type,
            "type_confidence": self.type_confidence,
            "urgency": self.urgency,
            "linked": self.linked,
            "reason": self.reason,
            "language": self.language,
            "languages": list(self.languages),
            "work_orders": [f.as_json() for f in self.work_orders],
            "items": [f.as_json() for f in self.items],
            "lots": [f.as_json() for f in self.lots],
            "work_centers": [f.as_json() for f in self.work_centers],
            "customer": self.customer.as_json() if self.customer else None,
            "suppliers": [f.as_json() for f in self.suppliers],
            "quantity": self.quantity.as_json(self.quantity.value.as_json())
            if self.quantity
            else None,
            "date": self.date.as_json(self.date.value.isoformat()) if self.date else None,
            "unresolved": [
                {"kind": u.kind, "how": u.how, "span": u.span.as_json()} for u in self.unresolved
            ],
            "evidence": [s.as_json() for s in self.evidence],
        }


def _span(reading: Reading, start: int, end: int) -> Span:
    text = reading.original[start:end]
    if reading.subject_length and start < reading.subject_length:
        return Span("subject", start, min(end, reading.subject_length), text)
    offset = reading.body_start()
    return Span("text", start - offset, end - offset, text)


def _fields(reading: Reading, mentions: list[Mention], kind: str) -> tuple[Field[str], ...]:
    seen: dict[str, Field[str]] = {}
    for m in mentions:
        if m.kind != kind or m.code is None:
            continue
        if m.code in seen:
            if m.confidence > seen[m.code].confidence:
                old = seen[m.code]
                seen[m.code] = Field(m.code, old.span, m.confidence, m.how)
            continue
        seen[m.code] = Field(m.code, _span(reading, m.start, m.end), m.confidence, m.how)
    return tuple(seen.values())


def understand(message: Message, reference: ReferenceIndex) -> Draft:
    """The draft exception a message makes (pure: same message, same data, same draft)."""
    reading = read(message.subject, message.text)
    today = local_today(message.received_at, reference.timezone)
    mentions, claimed = find_references(reading, reference)
    language, used = languages(reading.folded, message.lang)
    resolved = [m for m in mentions if m.code is not None]
    dates = find_dates(reading.folded, today)
    kinds = {m.kind for m in resolved}
    kind = classify(
        reading.folded,
        names_plant_things=bool(kinds - {"supplier"}) or any(m.code is None for m in mentions),
        names_work_center="work_center" in kinds,
        names_supplier="supplier" in kinds,
        names_customer="customer" in kinds,
        changes_a_date=any(d.role == "source" for d in dates)
        and any(d.role in ("target", "plain") for d in dates),
        supplier_first=_first_party(resolved) == "supplier",
    )
    chosen_date = key_date(dates, reading.body_start())
    work_orders = _fields(reading, mentions, "work_order")
    items = _fields(reading, mentions, "item")
    quantity_field: Field[Quantity] | None = None
    if kind.type in QUANTITY_TYPES:
        uoms = {
            entry.uom for f in items if (entry := reference.item(f.value)) is not None and entry.uom
        }
        order = reference.work_order(work_orders[0].value) if len(work_orders) == 1 else None
        found = find_quantity(
            reading.folded,
            kind.type,
            claimed + [(d.start, d.end) for d in dates],
            [(m.start, m.end) for m in mentions if m.kind == "item"],
            default_unit=uoms.pop() if len(uoms) == 1 else "pcs",
            order_quantity=order.quantity if order else None,
            name_words=reference.item_names.vocabulary,
        )
        if found:
            quantity_field = Field(
                found.quantity, _span(reading, found.start, found.end), found.confidence, found.how
            )
    customers = _fields(reading, mentions, "customer")
    return Draft(
        message=message,
        type=kind.type,
        type_confidence=kind.confidence,
        urgency=urgency(
            reading.folded,
            kind.type,
            names_order=bool(work_orders) or bool(customers),
        ),
        work_orders=work_orders,
        items=items,
        lots=_fields(reading, mentions, "lot"),
        work_centers=_fields(reading, mentions, "work_center"),
        customer=customers[0] if customers else None,
        suppliers=_fields(reading, mentions, "supplier"),
        quantity=quantity_field,
        date=Field(
            chosen_date.value,
            _span(reading, chosen_date.start, chosen_date.end),
            chosen_date.confidence,
            chosen_date.role,
        )
        if chosen_date
        else None,
        unresolved=tuple(
            Unresolved(m.kind, _span(reading, m.start, m.end), m.how)
            for m in mentions
            if m.code is None
        ),
        language=language,
        languages=used,
        reason=kind.reason,
        evidence=tuple(
            _span(reading, c.start, c.end)
            for c in kind.cues
            if c.type == kind.type and not c.negated
        ),
    )


def _first_party(mentions: list[Mention]) -> str | None:
    """Whether a customer or a supplier is named first (None: neither is)."""
    parties = [m for m in mentions if m.kind in ("customer", "supplier")]
    return min(parties, key=lambda m: m.start).kind if parties else None


def predict(message: Message, reference: ReferenceIndex) -> dict[str, Any]:
    """One `takt intake parse` output line: {"id", "predicted": {...}}."""
    return {"id": message.id, "predicted": understand(message, reference).prediction()}
