"""Finding the things a message names in words: "seal kits 50", "Kolben 80", "the Heller".

A name is read as a bag of words and numbers: its head words (the first phrase, "seal
kit" of "Seal kit, cylinder 50"), its qualifiers (the rest, and code-like parts such as
"CK45" or "DN60") and its numbers. A message's words are first put into English
(lexicon.py) and singular, so word order and language do not matter. A stretch of
up to six words names an entry when that entry scores strictly best there (rarer words
weigh more, numbers decide between "Piston 50" and "Piston 80") and enough of its head
is present; a tie names nothing, so "the gland" (50 or 80?) stays unresolved.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from sync.intake.lexicon import GENERIC_COMPANY_WORDS, STOPWORDS, english, singular
from sync.intake.text import fold, tokens

MAX_WINDOW = 6
FUZZY_CUTOFF = 88.0
# Dimension words that follow a number in a name ("3 mm", "11 kW"): neither word nor number.
_UNIT_WORDS = frozenset(
    ["mm", "cm", "kw", "w", "cc", "v", "l", "t", "x", "m", "m2", "kg", "bar", "ac", "dc"]
)
# Words that name nothing on their own even where only one entry has them.
_TOO_GENERIC = frozenset(
    [
        "round",
        "square",
        "base",
        "power",
        "unit",
        "oil",
        "gear",
        "machine",
        "mounting",
        "electric",
        "steel",
        "honed",
        "chromed",
        "welded",
        "painted",
        "cut",
        "length",
        "station",
        "kit",
        "block",
        "body",
        "plate",
        "sheet",
        "bar",
        "rod",
        "tube",
        "line",
        "hydraulic",
        "directional",
        "assembly",
        "horizontal",
        "manual",
        "axis",
        "band",
        "cell",
        "bay",
        "test",
        # a hose leaks on a bench or a forklift: only "hose kit" names the kit
        "hose",
    ]
)
_BOUNDARY = re.compile(r"[.!?;\n()\[\]]")
_CODE_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Term:
    """One word or number of a message, in the English the names use."""

    words: tuple[str, ...]
    number: str | None
    start: int
    end: int
    boundary_before: bool  # a sentence or bracket lies between this term and the last
    unit_after: bool = False  # a number with its unit ("11 kW", "3mm", "45er")


@dataclass(frozen=True)
class _Piece:
    kind: str  # word, code (letters glued to digits: "CK45", "DN60"), number
    text: str
    start: int
    end: int
    unit_after: bool = False


def _pieces(folded: str, start: int = 0, end: int | None = None) -> list[_Piece]:
    """Words, numbers and code-like words ("ck45") of a folded text."""
    toks = tokens(folded[start:end] if end is not None else folded[start:])
    out: list[_Piece] = []
    n = 0
    while n < len(toks):
        tok = toks[n]
        s, e = tok.start + start, tok.end + start
        nxt = toks[n + 1] if n + 1 < len(toks) else None
        glued = nxt is not None and nxt.start == tok.end
        if tok.is_number:
            if glued and nxt is not None and not nxt.is_number and len(nxt.text) <= 3:
                out.append(_Piece("number", tok.text, s, e, True))  # "3mm", "220t", "45er"
                n += 2
                continue
            unit = nxt is not None and not nxt.is_number and nxt.text in _UNIT_WORDS
            out.append(_Piece("number", tok.text, s, e, unit))
        elif glued and nxt is not None and nxt.is_number and re.fullmatch(r"\d+", nxt.text):
            out.append(_Piece("code", tok.text + nxt.text, s, nxt.end + start))
            n += 2
            continue
        else:
            out.append(_Piece("word", tok.text, s, e))
        n += 1
    return out


def number_key(text: str) -> str:
    """ "05" -> "5", "5,5" -> "5.5", "5.50" -> "5.5"."""
    text = text.replace(",", ".")
    if "." in text:
        whole, fraction = text.split(".", 1)
        fraction = fraction.rstrip("0")
        whole = str(int(whole)) if whole else "0"
        return f"{whole}.{fraction}" if fraction else whole
    return str(int(text))


def terms_of(folded: str, start: int = 0, end: int | None = None) -> list[Term]:
    """The terms of a folded text (or of its part start..end)."""
    out: list[Term] = []
    last_end = start
    for piece in _pieces(folded, start, end):
        gap = folded[last_end : piece.start]
        boundary = bool(_BOUNDARY.search(gap)) or not out
        if piece.kind == "number":
            key = number_key(piece.text)
            out.append(Term((), key, piece.start, piece.end, boundary, piece.unit_after))
        elif piece.kind == "code":
            out.append(Term((piece.text,), None, piece.start, piece.end, boundary))
        else:
            out.append(Term(english(piece.text), None, piece.start, piece.end, boundary))
        last_end = piece.end
    return out


@dataclass(frozen=True)
class _Profile:
    code: str
    head: frozenset[str]
    qualifiers: frozenset[str]
    code_like: frozenset[str]
    numbers: frozenset[str]
    code_numbers: frozenset[str]


def _profile(code: str, name: str, *, all_head: bool, code_numbers: bool) -> _Profile:
    folded = fold(name)
    head: set[str] = set()
    qualifiers: set[str] = set()
    code_like: set[str] = set()
    numbers: set[str] = set()
    in_head = True
    previous_number = False
    last_end = 0
    for piece in _pieces(folded):
        if "," in folded[last_end : piece.start]:
            in_head = False
        last_end = piece.end
        if piece.kind == "number":
            numbers.add(number_key(piece.text))
            in_head = False
            previous_number = not piece.unit_after
            continue
        word = piece.text
        if word in STOPWORDS or (previous_number and word in _UNIT_WORDS):
            previous_number = False
            continue
        previous_number = False
        original = name[piece.start : piece.end]
        if piece.kind == "code" or len(word) <= 2 or (original.isupper() and len(word) <= 3):
            if all_head and len(word) >= 3:
                head.add(word)  # a work center's brand or model: "DMG", "LB3000"
            else:
                code_like.add(word)
                in_head = False
            continue
        word = singular(word)
        if in_head or all_head:
            head.add(word)
        else:
            qualifiers.add(word)
    if not head and qualifiers:  # a name that starts with a number: its words are its head
        head, qualifiers = qualifiers, set()
    codes = set()
    if code_numbers:
        runs = _CODE_DIGITS.findall(code)
        if runs:
            codes.add(str(int(runs[-1])))
    return _Profile(
        code,
        frozenset(head),
        frozenset(qualifiers),
        frozenset(code_like),
        frozenset(numbers),
        frozenset(codes - numbers),
    )


def vocabulary_of(entries: Iterable[object]) -> frozenset[str]:
    """The words of names (head, qualifiers and code-like), folded and singular."""
    words: set[str] = set()
    for entry in entries:
        p = _profile(
            getattr(entry, "code", ""),
            getattr(entry, "name", ""),
            all_head=False,
            code_numbers=False,
        )
        words |= p.head | p.qualifiers | p.code_like
    return frozenset(words)


@dataclass(frozen=True)
class NameHit:
    code: str
    start: int
    end: int
    confidence: float
    words: int  # how many words and numbers of the name were found


@dataclass(frozen=True)
class _Window:
    first: int
    last: int
    score: float
    coverage: float
    hit: NameHit | None  # None: a tie, which claims its words for nothing


@dataclass
class NameMatcher:
    """Matches the names of one kind of entry (items, or work centers)."""

    entries: Sequence[object]
    code_numbers: bool = False  # work centers: "press brake 2" is PRB-02
    foreign_words: frozenset[str] = frozenset()
    profiles: list[_Profile] = field(init=False)
    vocabulary: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.profiles = [
            _profile(
                getattr(e, "code", ""),
                getattr(e, "name", ""),
                all_head=self.code_numbers,
                code_numbers=self.code_numbers,
            )
            for e in self.entries
        ]
        df: dict[str, int] = defaultdict(int)
        by_word: dict[str, list[tuple[int, str]]] = defaultdict(list)
        by_number: dict[str, list[int]] = defaultdict(list)
        for n, p in enumerate(self.profiles):
            for kind, words in (("head", p.head), ("qual", p.qualifiers | p.code_like)):
                for w in words:
                    df[w] += 1
                    by_word[w].append((n, kind))
            for number in p.numbers | p.code_numbers:
                by_number[number].append(n)
        total = max(1, len(self.profiles))
        self._idf = {w: math.log(1 + total / d) for w, d in df.items()}
        self._df = dict(df)
        self._by_word = dict(by_word)
        self._by_number = dict(by_number)
        self.vocabulary = frozenset(df)
        self._vocabulary_list = sorted(w for w in df if len(w) >= 5)
        self._head_weight = [sum(self._idf[w] for w in p.head) or 1.0 for p in self.profiles]
        number_df: dict[str, int] = defaultdict(int)
        for p in self.profiles:
            for number in p.numbers:
                number_df[number] += 1
        self._number_df = dict(number_df)
        self._near: dict[str, str | None] = {}

    def _word(self, word: str) -> tuple[str, bool] | None:
        """The vocabulary word a message word is (exactly, or as a near spelling)."""
        if word in self._by_word:
            return word, False
        if len(word) < 5 or word in STOPWORDS or not self._vocabulary_list:
            return None
        if word not in self._near:
            found = process.extractOne(
                word, self._vocabulary_list, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            self._near[word] = found[0] if found else None
        near = self._near[word]
        return (near, True) if near else None

    def find(self, terms: Sequence[Term], blocked: frozenset[int] = frozenset()) -> list[NameHit]:
        hits: list[list[tuple[int, str, str, bool]]] = []
        for n, term in enumerate(terms):
            found: list[tuple[int, str, str, bool]] = []
            if n not in blocked:
                for word in term.words:
                    known = self._word(word)
                    if known:
                        for entry, kind in self._by_word[known[0]]:
                            found.append((entry, kind, known[0], known[1]))
                if term.number is not None:
                    for entry in self._by_number.get(term.number, ()):
                        found.append((entry, "num", term.number, False))
            hits.append(found)
        windows: list[_Window] = []
        for i in range(len(terms)):
            if not hits[i]:
                continue
            for j in range(i, min(len(terms), i + MAX_WINDOW)):
                if j > i and (j in blocked or terms[j].boundary_before):
                    break
                if not hits[j]:
                    continue
                window = self._evaluate(terms, hits, i, j)
                if window is not None:
                    windows.append(window)
        windows.sort(key=lambda w: (-w.score, -w.coverage, w.last - w.first))
        taken: set[int] = set()
        out: list[NameHit] = []
        for w in windows:
            span = range(w.first, w.last + 1)
            if any(k in taken for k in span):
                continue
            taken.update(span)
            if w.hit is not None:
                out.append(w.hit)
        return sorted(out, key=lambda h: h.start)

    def _evaluate(
        self,
        terms: Sequence[Term],
        hits: list[list[tuple[int, str, str, bool]]],
        i: int,
        j: int,
    ) -> _Window | None:
        head: dict[int, set[str]] = defaultdict(set)
        qual: dict[int, set[str]] = defaultdict(set)
        nums: dict[int, set[str]] = defaultdict(set)
        fuzzy: dict[int, set[str]] = defaultdict(set)
        own: dict[int, list[int]] = defaultdict(list)
        # A number before the name ("40 flanges") is a count, not part of the name,
        # unless its unit says it is a size ("11 kW motors", "40 l tank").
        numbers_after: dict[int, set[str]] = defaultdict(set)
        worded: set[int] = set()
        window_numbers: list[tuple[int, str]] = []
        for k in range(i, j + 1):
            term = terms[k]
            if term.number is not None:
                window_numbers.append((k, term.number))
            for entry, kind, key, near in hits[k]:
                if kind == "num":
                    if entry in worded or term.unit_after:
                        nums[entry].add(key)
                        own[entry].append(k)
                    continue
                (head if kind == "head" else qual)[entry].add(key)
                own[entry].append(k)
                worded.add(entry)
                if near:
                    fuzzy[entry].add(key)
            for entry in worded:
                if term.number is not None:
                    numbers_after[entry].add(term.number)
        scored = []
        for entry, words in head.items():
            p = self.profiles[entry]
            score = sum(self._idf[w] for w in words)
            score += 0.5 * sum(self._idf[w] for w in qual[entry])
            score += 1.0 * len(nums[entry])
            stray = {
                n for k, n in window_numbers if terms[k].unit_after or n in numbers_after[entry]
            }
            score -= 0.5 * len(stray - p.numbers - p.code_numbers)
            coverage = sum(self._idf[w] for w in words) / self._head_weight[entry]
            scored.append((score, coverage, entry))
        if not scored:
            return None
        scored.sort(key=lambda s: (-s[0], -s[1]))
        score, coverage, entry = scored[0]
        if (
            len(scored) > 1
            and abs(scored[1][0] - score) < 1e-9
            and abs(scored[1][1] - coverage) < 1e-9
        ):
            return _Window(i, j, score, coverage, None)
        accepted = (
            self._accept_work_center(entry, head, qual, nums, fuzzy, coverage)
            if self.code_numbers
            else self._accept_item(entry, head, qual, nums, fuzzy, coverage)
        )
        if not accepted:
            return None
        words = head[entry] | qual[entry]
        confidence = 0.6 + 0.3 * min(1.0, coverage) + (0.05 if nums[entry] else 0.0)
        confidence -= 0.1 * bool(fuzzy[entry])
        first, last = min(own[entry]), max(own[entry])
        hit = NameHit(
            self.profiles[entry].code,
            terms[first].start,
            terms[last].end,
            round(max(0.3, min(0.95, confidence)), 2),
            len(words) + len(nums[entry]),
        )
        return _Window(first, last, score, coverage, hit)

    def _accept_item(
        self,
        entry: int,
        head: dict[int, set[str]],
        qual: dict[int, set[str]],
        nums: dict[int, set[str]],
        fuzzy: dict[int, set[str]],
        coverage: float,
    ) -> bool:
        words = head[entry] | qual[entry]
        exact = words - fuzzy[entry]
        if not exact and len(words) < 2:
            return False
        if coverage < (0.3 if nums[entry] else 0.5):
            return False
        if len(words) == 1 and not nums[entry]:
            (word,) = words
            if (
                self._df[word] > 1
                or word in self.foreign_words
                or word in _TOO_GENERIC
                or word in fuzzy[entry]
            ):
                return False
        return True

    def _accept_work_center(
        self,
        entry: int,
        head: dict[int, set[str]],
        qual: dict[int, set[str]],
        nums: dict[int, set[str]],
        fuzzy: dict[int, set[str]],
        coverage: float,
    ) -> bool:
        words = head[entry] | qual[entry]
        if not words - fuzzy[entry]:
            return False
        unique = {w for w in words if self._df[w] == 1}
        own = {w for w in words if w not in self.foreign_words}
        if any(len(w) >= 3 and w not in _TOO_GENERIC for w in unique & own):
            return True
        if coverage >= 0.5 and unique and own:
            return True
        p = self.profiles[entry]
        distinguishing = {
            n for n in nums[entry] if n in p.code_numbers or self._number_df.get(n, 0) == 1
        }
        return bool(distinguishing and own)


# ---- customers and suppliers ---------------------------------------------------------


@dataclass(frozen=True)
class PartyHit:
    kind: str  # "customer" or "supplier"
    code: str
    start: int
    end: int
    confidence: float


@dataclass
class PartyMatcher:
    """Customers and suppliers by code (as written: "ALPINE"), by a word only their name
    has ("Nordagri", "Rexroth"), or by two words of their name in a row ("spare parts")."""

    customers: Sequence[object]
    suppliers: Sequence[object]
    site_name: str = ""
    other_words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        site_words = {t.text for t in tokens(fold(self.site_name))}
        parties = [("customer", c) for c in self.customers] + [
            ("supplier", s) for s in self.suppliers
        ]
        words_of: list[list[str]] = []
        counts: dict[str, int] = defaultdict(int)
        for _kind, party in parties:
            words = [t.text for t in tokens(fold(getattr(party, "name", "")))]
            words_of.append(words)
            for w in set(words):
                counts[w] += 1
        self._single: dict[str, tuple[str, str]] = {}
        self._pairs: dict[tuple[str, str], tuple[str, str]] = {}
        for (kind, party), words in zip(parties, words_of, strict=True):
            code = getattr(party, "code", "")
            for w in words:
                if (
                    len(w) >= 4
                    and counts[w] == 1
                    and w not in GENERIC_COMPANY_WORDS
                    and w not in STOPWORDS
                    and w not in site_words
                    and singular(w) not in self.other_words
                ):
                    self._single[w] = (kind, code)
            meaningful = [w for w in words if w not in STOPWORDS and len(w) > 1]
            for a, b in itertools.pairwise(meaningful):
                if {a, b} <= GENERIC_COMPANY_WORDS - {"spare", "parts", "service", "lift"}:
                    continue
                self._pairs[(a, b)] = (kind, code)
        self._single_list = sorted(w for w in self._single if len(w) >= 6)
        self._codes = {
            getattr(c, "code", ""): re.compile(
                rf"(?<![\w-]){re.escape(getattr(c, 'code', ''))}(?![\w-])"
            )
            for c in self.customers
            if getattr(c, "code", "")
        }

    def find(
        self, original: str, folded: str, start: int = 0, end: int | None = None
    ) -> list[PartyHit]:
        end = len(folded) if end is None else end
        out: list[PartyHit] = []
        for code, pattern in self._codes.items():
            for m in pattern.finditer(original, start, end):
                if m.group().isupper() or not m.group().isalpha():
                    out.append(PartyHit("customer", code, m.start(), m.end(), 0.95))
        toks = tokens(folded[start:end])
        for n, tok in enumerate(toks):
            s, e = tok.start + start, tok.end + start
            if n + 1 < len(toks):
                nxt = toks[n + 1]
                gap = folded[tok.end + start : nxt.start + start]
                pair = self._pairs.get((tok.text, nxt.text))
                if pair and len(gap) <= 2 and "\n" not in gap:
                    out.append(PartyHit(pair[0], pair[1], s, nxt.end + start, 0.9))
                    continue
            if tok.text in self._single:
                kind, code = self._single[tok.text]
                out.append(PartyHit(kind, code, s, e, 0.9))
            elif len(tok.text) >= 6 and tok.text.isalpha() and self._single_list:
                near = _near(tok.text, tuple(self._single_list))
                if near:
                    kind, code = self._single[near]
                    out.append(PartyHit(kind, code, s, e, 0.7))
        out.sort(key=lambda h: (h.start, -h.end))
        kept: list[PartyHit] = []
        for hit in out:
            if kept and hit.start < kept[-1].end:
                continue
            kept.append(hit)
        return kept


@lru_cache(maxsize=4096)
def _near(word: str, candidates: tuple[str, ...]) -> str | None:
    found = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=90.0)
    return found[0] if found else None
