"""The quantity an exception is about, with its unit: what is short, held, or the order's
new quantity. Computed where the message computes it in words:

- "only 40 of 60 came", "solo llegaron 40 de 60 m", "nur 30 von 50 Stück da": short 20;
- "we need 12 and there are only 4", "tenemos 2 m2 y necesitamos 5": short 8, 3 m2;
- "from 2 to 4", "von 4 auf 6", "pasa de 10 a 14", "30 instead of 25", "statt 5 nur noch
  3", "ahora son 12, no 10": the new quantity;
- "increase WO-26025 by 5", "2 unidades más": the order's quantity from the reference
  data plus (or minus) that.

A number is a quantity when a unit follows it (pcs, Stück, piezas, m, metros, m2, kg, l)
or a thing counted ("4 cylinders", "16 Wegeventile"); sizes ("6 mm", "5.5 kW", "250
bar"), times, percentages, dates and the numbers of orders, lots and documents never are.
Which quantity counts depends on the type: quantities belong to shortages, quality
holds, quantity changes and substitutions only.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from sync.intake.lexicon import DISTRACTORS, english
from sync.intake.text import number_value

_UNITS = {
    "pcs": "pcs", "pc": "pcs", "piece": "pcs", "pieces": "pcs", "unit": "pcs", "units": "pcs",
    "ea": "pcs", "stk": "pcs", "stck": "pcs", "stuck": "pcs", "st": "pcs", "teile": "pcs",
    "teil": "pcs", "piezas": "pcs", "pieza": "pcs", "pzas": "pcs", "pz": "pcs",
    "unidades": "pcs", "unidad": "pcs", "uds": "pcs", "ud": "pcs", "einheiten": "pcs",
    "m": "m", "meter": "m", "meters": "m", "metre": "m", "metres": "m", "metros": "m",
    "metro": "m", "mtr": "m", "lfm": "m",
    "m2": "m2", "qm": "m2", "sqm": "m2",
    "kg": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg",
    "l": "l", "liter": "l", "litre": "l", "liters": "l", "litres": "l", "litros": "l",
    "box": "box", "boxes": "box", "cajas": "box", "caja": "box", "karton": "box",
    "kartons": "box", "pallet": "pallet", "pallets": "pallet", "palets": "pallet",
    "paletten": "pallet", "palette": "pallet",
}  # fmt: skip
# What follows a number that makes it a size, a time or a rate, not a quantity.
_NOT_QUANTITY = frozenset(
    [
        "mm",
        "cm",
        "kw",
        "w",
        "v",
        "bar",
        "cc",
        "h",
        "hrs",
        "hr",
        "hours",
        "hour",
        "std",
        "stunden",
        "horas",
        "hora",
        "min",
        "mins",
        "minutes",
        "minuten",
        "minutos",
        "uhr",
        "grad",
        "degrees",
        "x",
        "t",
        "s",
        "sec",
        "seconds",
        "sekunden",
        "segundos",
        "hz",
        "rpm",
        "nm",
        "psi",
        "am",
        "pm",
        "tage",
        "days",
        "dias",
        "weeks",
        "wochen",
        "semanas",
        "er",
    ]
)
_COUNTABLE = frozenset(
    [
        "part",
        "piece",
        "blank",
        "kit",
        "set",
        "unit",
        "item",
        "motor",
        "pump",
        "valve",
        "cylinder",
        "barrel",
        "frame",
        "flange",
        "piston",
        "gland",
        "rod",
        "tube",
        "tank",
        "panel",
        "block",
        "body",
        "plate",
        "sheet",
        "bar",
        "bracket",
        "hose",
        "seal",
        "manifold",
        "power",
    ]
)
_SHORT_WORDS = frozenset(
    [
        "short",
        "missing",
        "fehlen",
        "fehlt",
        "faltan",
        "falta",
        "backordered",
        "backorder",
        "outstanding",
        "pending",
        "remaining",
        "rest",
        "resto",
        "other",
        "restlichen",
    ]
)
_NEED_WORDS = frozenset(
    [
        "need",
        "needs",
        "needed",
        "require",
        "requires",
        "required",
        "brauchen",
        "brauche",
        "braucht",
        "benotigen",
        "benotigt",
        "necesitamos",
        "necesito",
        "necesitan",
        "necesita",
    ]
)
_HAVE_WORDS = frozenset(
    [
        "have",
        "has",
        "there",
        "left",
        "hand",
        "shelf",
        "shows",
        "tenemos",
        "hay",
        "quedan",
        "queda",
        "haben",
        "habe",
        "da",
        "vorhanden",
        "bestand",
        "stock",
    ]
)
_GOOD_WORDS = frozenset(
    ["passed", "ok", "good", "fine", "bien", "buenas", "conformes", "io", "bestanden", "gut"]
)
_MORE = re.compile(r"^\s*(?:more|additional|extra|mas|mehr|zusatzliche?)\b")
_LESS = re.compile(r"^\s*(?:less|fewer|menos|weniger)\b")
_BY = re.compile(
    r"(?:increase|increased|raise|add|erhohen|erhoht|aumentar|aumenta|subir)\b[^.\n]{0,30}?\b(?:by|um|en)\s*$"
)
_CANCEL = re.compile(
    r"(?:cancel|cancels|cancelled|reduce|reduced|reduzieren|reduziert|storniert?|stornieren|anular|anulan|reducir|reduce)\b[^.\n]{0,30}?(?:\bby\s*|\bum\s*|\ben\s*)?$"
)
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "twenty": 20,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "doce": 12, "veinte": 20,
    "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "zwolf": 12, "zwanzig": 20,
}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.,/#+:-])(?:~|ca\.?\s*|approx\.?\s*)?"
    r"(\d+(?:[.,]\d+)?|" + "|".join(_NUMBER_WORDS) + r")(?![\w:/]|[.,]\d|-\d)"
)
_WORDS = re.compile(r"[\w.'-]+")


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str

    def as_json(self) -> dict[str, object]:
        value: object = int(self.value) if float(self.value).is_integer() else round(self.value, 3)
        return {"value": value, "unit": self.unit}


@dataclass(frozen=True)
class QuantityMention:
    quantity: Quantity
    start: int
    end: int
    confidence: float
    how: str  # stated, shortfall, need_minus_have, new_quantity, order_plus, order_minus


@dataclass(frozen=True)
class _Number:
    value: float
    start: int
    end: int
    unit: str | None  # written after it
    counted: bool  # a unit or a counted thing follows it


def _words_after(folded: str, end: int, n: int) -> list[str]:
    line_end = folded.find("\n", end)
    stop = min(line_end if line_end >= 0 else len(folded), end + 60)
    return [w.strip(".'") for w in _WORDS.findall(folded[end:stop])][:n]


def _words_before(folded: str, start: int, n: int) -> list[str]:
    line_start = max(folded.rfind("\n", 0, start) + 1, start - 60)
    return [w.strip(".'") for w in _WORDS.findall(folded[line_start:start])][-n:]


def _numbers(
    folded: str,
    claimed: list[tuple[int, int]],
    item_spans: list[tuple[int, int]],
    name_words: frozenset[str] = frozenset(),
) -> list[_Number]:
    out = []
    for m in _NUMBER.finditer(folded):
        start, end = m.span(1)
        if any(s < end and start < e for s, e in claimed):
            continue
        before = _words_before(folded, m.start(), 3)
        if any(w in DISTRACTORS for w in before[-2:]):
            continue
        if (
            before
            and folded[m.start() - 1 : m.start()] == " "
            and any(w in name_words for w in english(before[-1]))
        ):
            continue  # "Kolben 80", "tubes 50": a size of the thing named, not a count
        text = m.group(1)
        worded = _NUMBER_WORDS.get(text)
        value = float(worded) if worded is not None else number_value(text)
        if value >= 100000 or (1990 <= value <= 2100 and "." not in text and "," not in text):
            continue
        rest = folded[end : end + 12]
        if re.match(r"\s*(?:%|°|€|\$|eur\b|usd\b|\)\s)", rest) or (
            re.match(r"[.)]\s", rest[:2])
            and (folded[max(0, start - 1) : start] in ("\n", "") or start == 0)
        ):
            continue
        after = _words_after(folded, end, 3)
        unit = None
        counted = False
        if after:
            first = after[0]
            if first in _UNITS and not (
                first in ("m", "l") and len(after) > 1 and after[1] in ("x",)
            ):
                unit = _UNITS[first]
                counted = True
            elif first in _NOT_QUANTITY or (first[:1].isdigit() and "x" in rest[:3]):
                continue
            elif any(s <= end + 2 and e > end for s, e in item_spans) or any(
                w in _COUNTABLE for w in english(first)
            ):
                counted = True
            elif len(after) > 1 and any(w in _COUNTABLE for w in english(after[1])):
                counted = first.isalpha() and len(first) > 2
        out.append(_Number(value, start, end, unit, counted))
    return out


def _between(folded: str, a: _Number, b: _Number) -> str:
    return folded[a.end : b.start].strip(" ,")


def find_quantity(
    folded: str,
    kind: str,
    claimed: list[tuple[int, int]],
    item_spans: list[tuple[int, int]],
    *,
    default_unit: str = "pcs",
    order_quantity: float | None = None,
    name_words: frozenset[str] = frozenset(),
) -> QuantityMention | None:
    """The quantity a message of type `kind` is about, or None. `name_words`: the words of
    the items' names, after which a number is a size ("Kolben 80"), not a count."""
    numbers = _numbers(folded, claimed, item_spans, name_words)
    if not numbers:
        return None

    def unit_of(*parts: _Number) -> str:
        for p in parts:
            if p.unit:
                return p.unit
        return default_unit

    def mention(
        value: float, parts: tuple[_Number, ...], confidence: float, how: str
    ) -> QuantityMention:
        start = min(p.start for p in parts)
        end = max(p.end for p in parts)
        return QuantityMention(
            Quantity(value, unit_of(*reversed(parts))), start, end, confidence, how
        )

    pairs = list(itertools.pairwise(numbers))
    if kind == "order_change_qty":
        for a, b in pairs:
            gap = _between(folded, a, b)
            prior = " ".join(_words_before(folded, a.start, 3))
            if re.fullmatch(r"(?:to|auf|a|->|→|=>|>)", gap) and (
                re.search(r"(?:from|von|de|pasa de|qty|cantidad|menge)$", prior)
                or gap in ("->", "→", "=>", ">")
            ):
                return mention(b.value, (a, b), 0.9, "new_quantity")
            if re.search(
                r"(?:instead of|en vez de|en lugar de|statt|anstatt|rather than)$", gap
            ) or (
                re.search(r"(?:instead of|en vez de|en lugar de|statt|anstatt)\b", gap)
                and len(gap) < 40
            ):
                return mention(a.value, (a,), 0.85, "new_quantity")
            if re.fullmatch(r"(?:nur noch|solo|only)", gap) and re.search(
                r"(?:statt|anstatt|instead of)$", prior
            ):
                return mention(b.value, (b,), 0.85, "new_quantity")
            if re.search(r"(?:,\s*)?(?:no|not|nicht)$", gap) and re.search(
                r"(?:son|sind|are|now|ahora|jetzt)$", prior
            ):
                return mention(a.value, (a,), 0.8, "new_quantity")
        for n in numbers:
            prior = " ".join(_words_before(folded, n.start, 2))
            if re.search(r"(?:total|insgesamt|gesamt|en total)$", prior):
                return mention(n.value, (n,), 0.85, "new_quantity")
        for n in numbers:
            prior = " ".join(_words_before(folded, n.start, 3))
            following = folded[n.end : n.end + 20]
            if re.search(r"(?:auf|to|a)$", prior) and re.match(
                r"\s*(?:\w+\s+)?(?:erhohen|reduzieren|andern|setzen|anpassen)", following
            ):
                return mention(n.value, (n,), 0.85, "new_quantity")
        for n in numbers:
            prefix = folded[max(0, n.start - 60) : n.start]
            following = folded[n.end : n.end + 25]
            if order_quantity is not None and (
                _BY.search(prefix) or _MORE.match(re.sub(r"^\s*\w+\s+(?=mas|more)", " ", following))
            ):
                return mention(order_quantity + n.value, (n,), 0.75, "order_plus")
            if (
                order_quantity is not None
                and (_CANCEL.search(prefix) or _LESS.match(following))
                and n.value < order_quantity
            ):
                only = re.search(
                    r"(?:need|only|nur|solo)\s+(?:only\s+)?(\d+)", folded[n.end : n.end + 60]
                )
                if only:
                    return mention(float(only.group(1)), (n,), 0.75, "new_quantity")
                return mention(order_quantity - n.value, (n,), 0.7, "order_minus")
        for n in numbers:
            prior = " ".join(_words_before(folded, n.start, 2))
            if re.search(r"(?:to|auf|a)$", prior) and n.counted:
                return mention(n.value, (n,), 0.7, "new_quantity")
        counted = [n for n in numbers if n.counted]
        return mention(counted[0].value, (counted[0],), 0.6, "stated") if counted else None

    if kind in ("shortage", "quality_hold"):
        for a, b in pairs:
            gap = _between(folded, a, b)
            if (
                re.fullmatch(r"(?:of|out of|de|von|aus)(?:\s+(?:the|los|las|den|die|der))?", gap)
                and a.value <= b.value
            ):
                after = _words_after(folded, b.end, 4)
                if kind == "shortage" or any(w in _GOOD_WORDS for w in after):
                    if b.value > a.value:
                        return mention(b.value - a.value, (a, b), 0.85, "shortfall")
                    continue
                return mention(a.value, (a, b), 0.8, "stated")
        if kind == "shortage":
            need: _Number | None = None
            have: _Number | None = None
            for n in numbers:
                before = _words_before(folded, n.start, 3)
                after = _words_after(folded, n.end, 2)
                words = set(before[-2:]) | set(after[:1])
                if need is None and (words & _NEED_WORDS):
                    need = n
                elif have is None and (set(before[-3:]) | set(after[:2])) & _HAVE_WORDS:
                    have = n
            if need and have and need.value > have.value:
                return mention(need.value - have.value, (need, have), 0.8, "need_minus_have")
            for n in numbers:
                around = set(_words_before(folded, n.start, 2)) | set(
                    _words_after(folded, n.end, 1)
                )
                if around & _SHORT_WORDS:
                    return mention(n.value, (n,), 0.8, "stated")
            if need is not None:
                return mention(need.value, (need,), 0.75, "stated")
        if kind == "quality_hold":
            for n in numbers:
                before = _words_before(folded, n.start, 2)
                if before and before[-1] in (
                    "all",
                    "alle",
                    "todas",
                    "todos",
                    "other",
                    "remaining",
                    "restlichen",
                ):
                    return mention(n.value, (n,), 0.8, "stated")
        counted = [n for n in numbers if n.counted]
        if counted:
            return mention(counted[0].value, (counted[0],), 0.65, "stated")
        if kind == "shortage":
            stocked = [
                n
                for n in numbers
                if set(_words_before(folded, n.start, 2)) & _HAVE_WORDS and n.unit
            ]
            if stocked:
                return mention(stocked[0].value, (stocked[0],), 0.5, "stated")
        return None

    if kind == "substitute_material":
        counted = [n for n in numbers if n.counted]
        return mention(counted[0].value, (counted[0],), 0.6, "stated") if counted else None
    return None
