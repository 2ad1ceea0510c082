"""The type and urgency of a message: cue words in English, Spanish and German, and
where they say little, a small model.

Each type has weighted cues (cues.py: regular expressions over the folded reading, so
accents do not matter and a message may mix languages). A cue right after a negation
("no shortage", "kein Stillstand", "no falta nada"), or in a sentence saying the problem
is over ("the kits arrived", "Engpass behoben"), counts against an exception instead of
for it. Who speaks moves the reading: a supplier's late or short delivery is a shortage,
a customer's "X instead of Y" a spec change. The type with the highest score wins; ties
go to the type earlier in `EXCEPTION_TYPES`. A message with no exception cue is *other*
when it names something of the plant or asks for something, and *not an exception*
otherwise, or when it is a newsletter, a thank-you, a lunch order, an out-of-office reply
and the like (its reason is kept).

The rules say how they decided (`strength`). The type model (typemodel.py) overrules
them where they found no cue or only weak ones and the model is sure enough
(`OVERRULE`), so phrasing no cue was written for still finds its type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from sync.intake.cues import CUES, NEGATION, NOT_EXCEPTION_CUES, RESOLVED, UNCHANGED
from sync.intake.typemodel import current_model

EXCEPTION_TYPES = (
    "downtime",
    "quality_hold",
    "substitute_material",
    "shortage",
    "order_change_qty",
    "order_change_date",
    "order_change_spec",
    "priority_shift",
    "other",
    "not_an_exception",
)
URGENCIES = ("low", "normal", "high", "critical")

_CRITICAL = re.compile(
    r"(?<![\w])(?:critical|kritisch|critico|line down|line stopped|production stopped|"
    r"whole hall|all machines|bandstillstand|produccion parada|parada en montaje|"
    r"nicht mehr zu halten|customer line down)(?![\w])"
)
_URGENT = re.compile(
    r"(?<![\w])(?:urgent|urgente|urgentemente|dringend|asap|sofort|ab sofort|immediately|"
    r"inmediato|cuanto antes|eilig|right away|today|tonight|hoy|heute|top priority|"
    r"prioridad maxima|hochste prioritat|escalated|escalado|ha escalado|escalated|"
    r"at risk|gefahrdet|se para|is stopped|stopped|parada|steht|"
    r"!!)(?![\w])|!!"
)
_LOW = re.compile(
    r"(?<![\w])(?:fyi|for the record|no rush|keine eile|sin prisa|can wait|when you can|"
    r"back running|running again|wieder in betrieb|lauft wieder|no open issue|"
    r"reminder|recordatorio|already approved|ya lo aprobo|no hurry)(?![\w])"
)


@dataclass(frozen=True)
class Cue:
    type: str
    start: int
    end: int
    weight: float
    negated: bool
    pattern: int  # which of the type's patterns


@dataclass(frozen=True)
class Classification:
    type: str
    confidence: float
    urgency: str
    cues: tuple[Cue, ...]
    reason: str | None  # why a message is not an exception
    # How the rules decided: "strong" (a cue that says the type on its own, a newsletter,
    # a problem said to be over), "weak" (weaker cues), "none" (no cue: the default).
    strength: str = "weak"
    how: str = "rules"  # or "model": the type model overruled the rules


def _negated(folded: str, start: int) -> bool:
    return bool(NEGATION.search(folded[max(0, start - 24) : start]))


def find_cues(folded: str) -> list[Cue]:
    found: list[Cue] = []
    for kind, patterns in CUES.items():
        taken: list[tuple[int, int]] = []
        for number, (pattern, weight) in enumerate(patterns):
            for m in pattern.finditer(folded):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append(m.span())
                negated = _negated(folded, m.start())
                found.append(Cue(kind, m.start(), m.end(), weight, negated, number))
    return sorted(found, key=lambda c: c.start)


_STAFF = re.compile(
    r"(?<![\w])(?:operators?|workers?|drivers?|people|staff|fahrer|staplerfahrer|mitarbeiter|"
    r"kollegen?|personal|operari[oa]s?|conductor(?:es)?|gente)(?![\w])"
)
_MACHINE = re.compile(r"(?<![\w])(?:machine|maschine|maquina|anlage|equipo|equipment)(?![\w])")


def _sentence(folded: str, start: int, end: int) -> str:
    left = max(folded.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (folded.find(c, end) for c in ".!?\n") if i >= 0]
    return folded[left : min(rights) if rights else len(folded)]


_SUPPLIER_WORDS = re.compile(
    r"(?<![\w])(?:supplier|vendor|carrier|forwarder|proveedor(?:es)?|transportista|"
    r"lieferant(?:en)?|zulieferer|spedition|purchasing|procurement|compras|einkauf)(?![\w])"
)
_CUSTOMER_WORDS = re.compile(r"(?<![\w])(?:customer|client|cliente|kunde|kunden)(?![\w])")
_DELAY = re.compile(
    r"(?<![\w])(?:delay\w*|verzoger\w*|verspat\w*|retras\w*|atras\w*|"
    # "erst Ende nächster Woche", "not before the 14th": a later day the customer takes
    r"(?:erst|fruhestens|not before|not until|no antes de(?:l)?|no hasta(?: el)?) "
    r"(?:\w+ ){0,2}(?:ende|anfang|mitte|nachste\w*|kw|cw|next|end|week|the|el|am|\d))(?![\w])"
)
_ASKS_TO_USE = re.compile(
    r"(?<![\w])(?:can we|could we|may we|can i|podemos|podriamos|puedo|se puede|"
    r"konnen wir|konnten wir|durfen wir|kann ich|geht)(?![\w])[^.?!\n]*\?"
)
_DIMENSION = re.compile(r"\d\s?(?:mm|cm|bar|kw|nm|v|°|grad|zoll|inch)(?![\w])|\d+\s?x\s?\d+")
_UNIT_NEXT = re.compile(r"\s?(?:mm|cm|bar|kw|nm|v|°|grad|zoll|inch)(?![\w])")  # the cue's own
# What a number "instead of" another measures when it is no count: "a longer stroke,
# 400 instead of 300" changes the spec, not the quantity.
_MEASURE = re.compile(
    r"(?<![\w])(?:stroke|length|diameter|bore|thread|width|height|size|hub|lange|"
    r"durchmesser|bohrung|gewinde|breite|hohe|gro" + "(?:ss|ß)" + r"e|carrera|longitud|diametro|"
    r"rosca|ancho|alto|tamano|medida)(?![\w])"
)
# A move to a date ("push it back to next week") changes the date, wherever it is said.
_MOVED_TO = re.compile(
    r"(?<![\w])(?:to|auf|al|until|till|bis|hasta|into) (?:the |next |nachste\w* |proxim\w+ |"
    r"la |el |den |die )?(?:\d|week|woche|semana|kw|cw|monday|tuesday|wednesday|thursday|"
    r"friday|montag|dienstag|mittwoch|donnerstag|freitag|lunes|martes|miercoles|jueves|"
    r"viernes|manana|tomorrow|morgen)"
)
# Where an order is delivered or dated: a move without these is the floor's sequence.
_DELIVERY = re.compile(
    r"(?<![\w])(?:deliver\w*|ship\w*|dispatch\w*|customer|client|due|entrega\w*|envi\w+|"
    r"cliente|recog\w+|fecha|liefer\w*|versand\w*|abhol\w*|kunden?|termin\w*|date)(?![\w])"
)
_OVER_TYPES = ("shortage", "quality_hold")  # a problem that a later word can say is over
_WEAK_REASONS = ("thanks", "no action", "meeting")  # messages about a problem say them too


def _resolved_sentences(folded: str) -> list[tuple[int, int]]:
    """The sentences saying a problem is over ("the kits arrived", "Engpass behoben")."""
    spans = []
    for m in RESOLVED.finditer(folded):
        if not _negated(folded, m.start()):
            left = max(folded.rfind(c, 0, m.start()) for c in ".!?\n;") + 1
            rights = [i for i in (folded.find(c, m.end()) for c in ".!?\n;") if i >= 0]
            spans.append((left, min(rights) if rights else len(folded)))
    return spans


def classify(
    folded: str,
    *,
    names_plant_things: bool,
    names_work_center: bool = False,
    names_supplier: bool = False,
    names_customer: bool = False,
    changes_a_date: bool = False,
    supplier_first: bool = False,
) -> Classification:
    """The type of a message's folded reading (urgency: see `urgency`): the rules'
    reading, which the type model (typemodel.py) overrules only where the rules' cues
    are weak or absent and the model is sure, or where it is all but certain.

    Besides its words: a supplier named without a customer leans to a shortage (their
    late or short delivery), and a date given for another ("auf Y statt X", "from X to
    Y") says a date changes: the order's, or, from a supplier, their delivery's."""
    rules = by_rules(
        folded,
        names_plant_things=names_plant_things,
        names_work_center=names_work_center,
        names_supplier=names_supplier,
        names_customer=names_customer,
        changes_a_date=changes_a_date,
        supplier_first=supplier_first,
    )
    model = current_model()
    if model is None:
        return rules
    return with_model(rules, model.probabilities(folded))


# How sure the model must be to overrule the rules, by how the rules decided.
OVERRULE = {"strong": 0.9, "weak": 0.5, "none": 0.25}
STRONG_SCORE = 3.0  # a cue that says its type on its own...
STRONG_MARGIN = 1.0  # ...and leads the next type by this much


def with_model(rules: Classification, probabilities: Mapping[str, float]) -> Classification:
    """The rules' type, or the model's where it is sure enough (see the constants)."""
    guess = max(probabilities, key=lambda t: probabilities[t])
    sure = probabilities[guess]
    if guess == rules.type:
        return rules
    if sure < OVERRULE[rules.strength]:
        return rules
    reason = None
    if guess == "not_an_exception":
        reason = rules.reason or "reads as no exception"
    return replace(rules, type=guess, confidence=round(sure, 2), reason=reason, how="model")


def by_rules(
    folded: str,
    *,
    names_plant_things: bool,
    names_work_center: bool = False,
    names_supplier: bool = False,
    names_customer: bool = False,
    changes_a_date: bool = False,
    supplier_first: bool = False,
) -> Classification:
    """The type by the cue words alone (see `classify`)."""
    cues = find_cues(folded)
    over = _resolved_sentences(folded)
    scores = dict.fromkeys(EXCEPTION_TYPES, 0.0)
    counted: set[tuple[str, int]] = set()
    said: set[tuple[str, str]] = set()
    negated = 0.0
    for cue in cues:
        words = folded[cue.start : cue.end]
        if (cue.type, words) in said:
            continue  # the same words twice count once
        said.add((cue.type, words))
        # Another cue of the same pattern adds half: "rev A ... rev C" is one thing.
        kind = cue.type
        if kind == "order_change_qty" and (
            _DIMENSION.search(folded, cue.start, cue.end)
            or _UNIT_NEXT.match(folded, cue.end)
            or _MEASURE.search(_sentence(folded, cue.start, cue.end))
        ):
            continue  # "Hub 520 mm statt 500 mm", "stroke 400 instead of 300": a size
        weight = cue.weight / 2 if (cue.type, cue.pattern) in counted else cue.weight
        counted.add((cue.type, cue.pattern))
        if kind == "shortage" and _STAFF.search(_sentence(folded, cue.start, cue.end)):
            kind = "other"  # people missing, not material
        if cue.negated or (kind in _OVER_TYPES and any(s <= cue.start < e for s, e in over)):
            negated += weight
        else:
            scores[kind] += weight
    if not names_work_center and not _MACHINE.search(folded):
        scores["downtime"] /= 2  # stopped, but no machine named: a consequence, not the cause
    # The supplier speaks when no customer is named, or when the supplier is named first
    # ("Parker called: the valves come Wednesday ... the blocks for Ibermaq").
    from_supplier = (names_supplier or bool(_SUPPLIER_WORDS.search(folded))) and (
        supplier_first or not (names_customer or _CUSTOMER_WORDS.search(folded))
    )
    if from_supplier and scores["shortage"] >= 1.5:
        scores["shortage"] += 2.0
    if from_supplier:  # a supplier's late or short delivery is a shortage, not an order change
        for kind in ("order_change_date", "order_change_qty"):
            scores["shortage"] += scores[kind]
            scores[kind] = 0.0
    if changes_a_date:
        scores["shortage" if from_supplier else "order_change_date"] += 2.5
    elif names_work_center and not _DELIVERY.search(folded) and not _MOVED_TO.search(folded):
        # "adelantad las camisas en soldadura manual": moved on a work center's queue,
        # with no delivery or customer date in sight, is a change of sequence
        scores["priority_shift"] += scores["order_change_date"]
        scores["order_change_date"] = 0.0
    from_customer = (names_customer or bool(_CUSTOMER_WORDS.search(folded))) and not from_supplier
    if from_customer and _DELAY.search(folded):
        scores["order_change_date"] += 2.0  # the customer's delay moves their date
    if from_customer and 0 < scores["substitute_material"] < STRONG_SCORE:
        # "X statt Y" from a customer changes what is built: their spec, not our material
        scores["order_change_spec"] += scores["substitute_material"]
        scores["substitute_material"] = 0.0
    if scores["shortage"] > 0 and _ASKS_TO_USE.search(folded):
        scores["substitute_material"] += 2.0  # short, and asks whether something else will do
    if scores["substitute_material"] >= 1.5:
        scores["shortage"] /= 2  # what is short is why a substitute is asked for
    for kind, pattern in UNCHANGED.items():
        if pattern.search(folded):
            scores[kind] = max(0.0, scores[kind] - 4.0)
    reasons = [reason for reason, pattern in NOT_EXCEPTION_CUES if pattern.search(folded)]
    exception_types = [t for t in EXCEPTION_TYPES if t not in ("other", "not_an_exception")]
    best = max(exception_types, key=lambda t: (scores[t], -EXCEPTION_TYPES.index(t)))
    top = scores[best]
    strong_reason = next((r for r in reasons if r not in _WEAK_REASONS), None)
    if strong_reason and top < 5.0:
        return _result("not_an_exception", 0.8, cues, strong_reason, "strong")
    if top < 2.0 and reasons and (strong_reason or scores["other"] < 2.5):
        return _result(
            "not_an_exception", 0.7, cues, reasons[0], "strong" if negated >= 2.0 else "weak"
        )
    if top < 2.0 and over:
        return _result("not_an_exception", 0.7, cues, "says the problem is over", "strong")
    if top < 2.0 and negated >= 2.0:  # said in so many words: no word-counting model knows better
        return _result("not_an_exception", 0.7, cues, "says there is no problem", "strong")
    if scores["other"] > top or (scores["other"] > 0 and top < 1.5):
        return _result("other", 0.6, cues, None, "weak" if scores["other"] >= 2.5 else "none")
    if top < 1.5:
        if names_plant_things:
            return _result("other", 0.5, cues, None, "none")
        return _result("not_an_exception", 0.5, cues, "nothing about the plan", "none")
    ranked = sorted(scores[t] for t in exception_types)
    margin = top - ranked[-2] if len(ranked) > 1 else top
    confidence = round(min(0.95, 0.5 + 0.05 * top + 0.1 * margin), 2)
    strong = top >= STRONG_SCORE and margin >= STRONG_MARGIN
    return _result(best, confidence, cues, None, "strong" if strong else "weak")


def _result(
    kind: str, confidence: float, cues: list[Cue], reason: str | None, strength: str = "weak"
) -> Classification:
    return Classification(kind, confidence, "normal", tuple(cues), reason, strength, "rules")


_BLOCKED = re.compile(
    r"(?<![\w])(?:ran out|run out|out of stock|no \w+(?: \w+)? left|stock shows 0|0 on hand|"
    r"can'?t|cannot|can not|konnen nicht|kann nicht|no podemos|no puedo|blocked|blockiert|"
    r"se acabo|quedado sin|ist alle|sind alle|no llegaron|no llego|expedite|vorrang|"
    r"prioridad maxima|hochste prioritat|top priority|escalated|ha escalado)(?![\w])"
)


def urgency(folded: str, kind: str, *, names_order: bool = True) -> str:
    """low / normal / high / critical, from the type and the message's words."""
    if kind == "not_an_exception":
        return "low"
    if _CRITICAL.search(folded):
        return "critical"
    if _LOW.search(folded):
        return "low"
    if kind == "downtime" or _URGENT.search(folded):
        return "high"
    if kind == "quality_hold":
        return "high" if names_order else "normal"  # a lot on hold blocks no order yet
    if kind in ("shortage", "priority_shift") and _BLOCKED.search(folded):
        return "high"
    return "normal"
