"""The plant's things a message names: work orders, items, lots, work centers, customers,
suppliers; each resolved against the reference index, or kept as unresolved.

Order of reading: codes first ("PP-SEAL-80", "L26-00012", "WO-26018", an ERP reference,
a unique tail such as "HPU-05"), then work orders as people write them ("OT 26087",
"FA 26016", "#26052", "Auftrag 26089", lists "OT 26045, 26078 y 26110", "the 118 job",
a bare number that is exactly an order's), lots by keyword ("lote 12"), then names in
words on what is left, then customers and suppliers. A number just after a PO, a sales
order, a delivery note, a heat or an invoice word is never a work order or a lot.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from sync.intake.lexicon import DISTRACTORS
from sync.intake.names import Term, terms_of
from sync.intake.reference import ReferenceIndex, code_key
from sync.intake.text import Reading, tokens

# How a reference was found; the confidence follows from it.
CODE, ERP_REF, PARTIAL, NUMBER, LISTED, SUFFIX, BARE, NAME = (
    "code",
    "erp_ref",
    "partial_code",
    "number",
    "listed",
    "suffix",
    "bare_number",
    "name",
)
UNRESOLVED, AMBIGUOUS = "unresolved", "ambiguous"


@dataclass(frozen=True)
class Mention:
    """A reference in the message: `code` is what it resolved to, None if nothing did."""

    kind: str  # work_order, item, lot, work_center, customer, supplier
    code: str | None
    start: int
    end: int
    confidence: float
    how: str


_CODE_GAPS = {"", "-", "_", " ", "/", ".", "#"}
_MAX_CODE_TOKENS = 7

_STRONG = r"w\.?\s?o\.?|o\.?\s?t\.?|f\.?\s?a\.?|wo-?nr\.?"
_WEAK = (
    r"work\s+orders?|production\s+orders?|manufacturing\s+orders?|jobs?|orders?|"
    r"(?:fertigungs|arbeits|produktions|betriebs)?auftrage?s?|"
    r"(?:orden|ordenes)(?:\s+de\s+(?:trabajo|fabricacion|produccion))?"
)
_NUMBER_TAIL = r"(?:\s*(?:nr|no|num|n°|nº)\.?)?\s*[-#:]?\s*(?P<num>\d{2,10})(?!\d|[.,]\d)"
_PREFIXED = re.compile(rf"(?<![\w#&-])(?:(?P<strong>{_STRONG})|(?P<weak>{_WEAK})){_NUMBER_TAIL}")
_HASH = re.compile(r"(?<![\w&#])#\s?(?P<num>\d{3,10})(?!\d|[.,]\d)")
_LIST_NEXT = re.compile(
    r"\s*(?:,|&|/|\+|\by\b|\band\b|\bund\b|\bor\b|\boder\b|\bo\b|\be\b|\bu\.)\s*"
    r"(?:(?:a\s+)?(?:la|el|los|las|der|die|das|the)\s+)?"
    rf"(?P<item>(?:(?:{_STRONG}|{_WEAK})\s*[-#:]?\s*)?(?P<num>\d{{2,10}}))(?!\d|[.,]\d)"
)
_THE_JOB = re.compile(
    r"(?<![\w])(?:the|our|la|el|der|die|den|das|unsere?n?)\s+(?P<num>\d{2,4})(?:er)?\s+"
    r"(?:job|order|auftrag|orden|ot|wo|fa)\b"
)
_BARE = re.compile(r"(?<![\w.,/#+-])(?P<num>\d{4,10})(?![\w/]|[.,]\d|-\d)")
_LOT_WORD = re.compile(
    r"(?<![\w])(?:lot|lots|lote|lotes|charge|chargen|batch|partida)\s*(?:nr\.?|no\.?|#|:)?\s*"
    r"(?P<lot>[a-z]{0,3}-?\d[\w-]*)"
)
_WORD = re.compile(r"[a-z.]+")
# Something written like a code ("PP-SEAL-90", "MFG-WO-2026-99999") that the plant does
# not know: kept as unresolved so a person sees it, never turned into a near code.
_CODE_LIKE = re.compile(r"(?<![\w-])[A-Z]{2,}(?:-[A-Z0-9]+)+(?![\w-])")


def _distracted(folded: str, start: int, *, words: int = 3) -> bool:
    """Whether one of the few words just before `start` (same line) says PO, DN, heat..."""
    line_start = folded.rfind("\n", 0, start) + 1
    before = folded[max(line_start, start - 40) : start]
    found = [w.strip(".") for w in _WORD.findall(before)]
    return any(w in DISTRACTORS for w in found[-words:])


class _Claims:
    """Character ranges already read as something."""

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        self.ranges.append((start, end))

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.ranges)


def _token_key(text: str) -> str | None:
    if text[0].isdigit():
        return None if "." in text or "," in text else str(int(text))
    return text.upper()


def _codes(reading: Reading, ref: ReferenceIndex, claims: _Claims) -> list[Mention]:
    """Codes of the reference data as written: "PP-SEAL-80", "pp seal 80", "L26-12"."""
    folded, original = reading.folded, reading.active
    toks = tokens(folded)
    keys = [_token_key(t.text) for t in toks]
    # joined[n]: token n and n + 1 may be one code ("PP-SEAL", "wo26105", "WO 26018")
    joined = [
        keys[n] is not None
        and keys[n + 1] is not None
        and folded[toks[n].end : toks[n + 1].start] in _CODE_GAPS
        for n in range(len(toks) - 1)
    ]
    out: list[Mention] = []
    n = 0
    while n < len(toks):
        if keys[n] is None:
            n += 1
            continue
        longest = 1
        while longest < _MAX_CODE_TOKENS and n + longest < len(toks) and joined[n + longest - 1]:
            longest += 1
        found = None
        for length in range(longest, 0, -1):
            key = "|".join(k or "" for k in keys[n : n + length])
            hit = ref.codes.get(key)
            how = CODE
            if hit is None:
                hit = ref.partial_codes.get(key)
                how = PARTIAL
            if hit is None:
                continue
            window = toks[n : n + length]
            if all(t.is_number for t in window):
                continue
            start, end = window[0].start, window[-1].end
            if re.match(r"[-_/.][a-z0-9]", folded[end : end + 2]) or re.search(
                r"[a-z0-9][-_/]$", folded[max(0, start - 2) : start]
            ):
                continue  # part of a longer code
            spaced = any(folded[a.end : b.start] == " " for a, b in itertools.pairwise(window))
            if spaced and any(
                not original[t.start : t.end].isupper() for t in window if not t.is_number
            ):
                continue  # "las 01" is Spanish, "LAS 01" a work center
            kind, code = hit
            if kind == "work_order" and code_key(code) != key:
                how = ERP_REF
            found = Mention(kind, code, start, end, 0.99 if how != PARTIAL else 0.85, how)
            n += length
            break
        if found is None:
            n += 1
        else:
            out.append(found)
            claims.add(found.start, found.end)
    return out


def _resolve_number(
    ref: ReferenceIndex, digits: str, *, strong: bool, job_word: bool
) -> tuple[str | None, str, float] | None:
    number = ref.work_order_digits.get(digits)
    if number:
        return number, NUMBER, 0.95 if strong else 0.85
    if (strong or job_word) and 2 <= len(digits) <= 4:
        candidates = ref.work_order_suffixes.get(digits, ())
        if len(candidates) == 1:
            return candidates[0], SUFFIX, 0.6
        if candidates:
            return None, AMBIGUOUS, 0.0
    if strong:
        return None, UNRESOLVED, 0.0
    return None


def _work_orders(reading: Reading, ref: ReferenceIndex, claims: _Claims) -> list[Mention]:
    folded = reading.folded
    out: list[Mention] = []

    def record(start: int, end: int, resolved: tuple[str | None, str, float]) -> None:
        code, how, confidence = resolved
        out.append(Mention("work_order", code, start, end, confidence, how))
        claims.add(start, end)

    for m in list(_PREFIXED.finditer(folded)) + list(_HASH.finditer(folded)):
        num_start, num_end = m.span("num")
        if claims.overlaps(num_start, num_end):
            continue
        groups = m.groupdict()
        strong = bool(groups.get("strong"))
        weak = groups.get("weak") or ""
        if not strong and _distracted(folded, m.start(), words=2):
            continue
        if not strong and weak.startswith("order") and _distracted(folded, m.start(), words=1):
            continue
        job_word = bool(weak) and not weak.startswith("order")
        resolved = _resolve_number(ref, m.group("num"), strong=strong, job_word=job_word)
        if resolved is None:
            continue
        record(m.start(), num_end, resolved)
        position = num_end
        while True:
            nxt = _LIST_NEXT.match(folded, position)
            if not nxt or claims.overlaps(*nxt.span("num")):
                break
            listed = _resolve_number(ref, nxt.group("num"), strong=strong, job_word=True)
            if listed is None:
                break
            code, how, confidence = listed
            record(*nxt.span("item"), (code, how if code is None else LISTED, confidence))
            position = nxt.end()
    for m in _THE_JOB.finditer(folded):
        if claims.overlaps(*m.span("num")):
            continue
        resolved = _resolve_number(ref, m.group("num"), strong=True, job_word=True)
        if resolved is not None:
            record(m.start(), m.end(), resolved)
    for m in _BARE.finditer(folded):
        start, end = m.span("num")
        if claims.overlaps(start, end) or _distracted(folded, start):
            continue
        number = ref.work_order_digits.get(m.group("num"))
        if number:
            record(start, end, (number, BARE, 0.75))
    return out


def _lots(reading: Reading, ref: ReferenceIndex, claims: _Claims) -> list[Mention]:
    out = []
    for m in _LOT_WORD.finditer(reading.folded):
        start, end = m.span("lot")
        if claims.overlaps(start, end):
            continue
        text = m.group("lot").rstrip("-")
        hit = ref.codes.get(code_key(text))
        if hit and hit[0] == "lot":
            out.append(Mention("lot", hit[1], start, start + len(text), 0.95, CODE))
        else:
            digits = re.findall(r"\d+", text)
            lots = ref.lot_numbers.get(int(digits[-1]), ()) if digits else ()
            if len(lots) == 1 and len(digits) == 1:
                out.append(Mention("lot", lots[0], start, start + len(text), 0.7, SUFFIX))
            else:
                out.append(Mention("lot", None, start, start + len(text), 0.0, UNRESOLVED))
        claims.add(start, start + len(text))
    return out


def _blocked(terms: list[Term], claims: _Claims) -> frozenset[int]:
    return frozenset(n for n, t in enumerate(terms) if claims.overlaps(t.start, t.end))


def _names(reading: Reading, ref: ReferenceIndex, claims: _Claims) -> list[Mention]:
    terms = terms_of(reading.folded)
    blocked = _blocked(terms, claims)
    items = ref.item_names.find(terms, blocked)
    centers = ref.work_center_names.find(terms, blocked)
    out: list[Mention] = []
    for hit in centers:
        rival = [i for i in items if i.start < hit.end and hit.start < i.end]
        if any(i.words > hit.words for i in rival):
            continue
        out.append(Mention("work_center", hit.code, hit.start, hit.end, hit.confidence, NAME))
    for hit in items:
        rival = [c for c in centers if c.start < hit.end and hit.start < c.end]
        if any(c.words >= hit.words for c in rival):
            continue
        if hit.words == 1 and _describes_another(reading.folded, hit.start, hit.end):
            continue
        if _EXCLUDED.search(reading.folded[max(0, hit.start - 24) : hit.start]):
            continue
        out.append(Mention("item", hit.code, hit.start, hit.end, hit.confidence, NAME))
    for m in out:
        claims.add(m.start, m.end)
    return out


# "The same flange", "dieselbe Pumpe", "identical displacement and flange": a word that
# points at another thing's part.
_SAME = re.compile(
    r"(?<![\w])(?:same|identical|gleiche[nmrs]?|selbe[nmrs]?|dieselbe[nmrs]?|denselben|"
    r"mism[oa]s?)\s+(?:[^\W\d_]+\s+(?:and|und|y|e)\s+)?$"
)
# "fine for manifold blocks, not for valve bodies": a thing named only to leave it out.
_EXCLUDED = re.compile(
    r"(?<![\w])(?:not for|but not|except(?: for)?|nicht fur|aber nicht|ausser|no para|"
    r"pero no|excepto|salvo)\s+(?:the |die |der |den |los |las |el |la )?$"
)


def _describes_another(folded: str, start: int, end: int) -> bool:
    """Whether a one-word name is not the thing itself: the first part of a hyphenated
    compound ("Alu-Programm" is a program) or a part "the same" as another's."""
    if folded[end : end + 1] == "-" and folded[end + 1 : end + 2].isalpha():
        return True
    return bool(_SAME.search(folded[max(0, start - 40) : start]))


def _parties(reading: Reading, ref: ReferenceIndex, claims: _Claims) -> list[Mention]:
    out = []
    for hit in ref.parties.find(reading.active, reading.folded):
        if claims.overlaps(hit.start, hit.end):
            continue
        out.append(Mention(hit.kind, hit.code, hit.start, hit.end, hit.confidence, NAME))
        claims.add(hit.start, hit.end)
    if reading.signature and not any(m.kind == "customer" for m in out):
        start, end = reading.signature
        for hit in ref.parties.find(reading.original, reading.folded_original, start, end):
            out.append(Mention(hit.kind, hit.code, hit.start, hit.end, hit.confidence * 0.9, NAME))
    return out


def _unknown_codes(reading: Reading, claims: _Claims) -> list[Mention]:
    out = []
    for m in _CODE_LIKE.finditer(reading.active):
        if claims.overlaps(*m.span()) or not re.search(r"\d", m.group()):
            continue
        if m.group().split("-")[0].lower() in DISTRACTORS or _distracted(reading.folded, m.start()):
            continue
        out.append(Mention("reference", None, m.start(), m.end(), 0.0, UNRESOLVED))
        claims.add(*m.span())
    return out


def find_references(
    reading: Reading, ref: ReferenceIndex
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Every reference of a message in reading order, and the ranges they cover."""
    claims = _Claims()
    mentions = _codes(reading, ref, claims)
    mentions += _work_orders(reading, ref, claims)
    mentions += _lots(reading, ref, claims)
    mentions += _unknown_codes(reading, claims)
    mentions += _parties(reading, ref, claims)
    mentions += _names(reading, ref, claims)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, list(claims.ranges)
