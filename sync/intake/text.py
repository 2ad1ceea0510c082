"""The text a message's understanding reads: one string, offsets kept to the verbatim message.

A message is read as `subject + "\\n" + text`. Quoted replies and signatures are not
read: their characters become spaces (newlines kept), so every offset found in the
reading still points at the same characters of the verbatim message. The reading is
also *folded*: lower case, accents taken off, one character for one, so a pattern
written without accents ("pasara", "fur", "averia") finds "pasará", "für", "avería".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters that stand for "diameter" rather than a letter: read as a space.
_AS_SPACE = {"ø", "Ø", "⌀", "\u00a0", "\u2009", "\u202f"}
_DASHES = {"–", "—", "‐", "‑", "−"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _AS_SPACE:
        return " "
    if char in _DASHES:
        return "-"
    if char == "²":
        return "2"
    lower = char.lower()
    if len(lower) != 1:  # "İ" lowercases to two characters
        lower = char
    base = unicodedata.normalize("NFD", lower)[0]
    return base if base.isascii() or not base.isalpha() else lower


def fold(text: str) -> str:
    """Lower case without accents, one character for one (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


# ---- quoted replies and signatures ---------------------------------------------------

_REPLY_HEADER = re.compile(
    r"^\s*(?:"
    r"on\b.{0,120}\bwrote:?"
    r"|am\b.{0,120}\bschrieb\b.{0,80}"
    r"|el\b.{0,120}\bescribio:?"
    r"|-{2,}\s*(?:original message|urspr[uü]ngliche nachricht|mensaje original)\s*-*"
    r"|_{5,}"
    r")\s*$",
    re.IGNORECASE,
)
# An Outlook-style header block: "From: ..." followed (within two lines) by "Sent: ...".
_FROM_LINE = re.compile(r"^\s*(?:from|von|de):\s*\S", re.IGNORECASE)
_SENT_LINE = re.compile(r"^\s*(?:sent|gesendet|enviado|date|datum|fecha):\s*\S", re.IGNORECASE)
_CLOSING = re.compile(
    r"^\s*(?:best regards|kind regards|warm regards|regards|cheers|thanks|thank you|"
    r"many thanks|thx|br|mfg|mit freundlichen gr(?:u|ue|ü)(?:ss|ß)en|"
    r"(?:viele|beste|liebe|herzliche|freundliche|sonnige) gr(?:u|ue|ü)(?:ss|ß)e|"
    r"gr(?:u|ue|ü)(?:ss|ß)e|gru(?:ss|ß)|lg|vg|saludos(?: cordiales)?|un saludo|"
    r"atentamente|cordialmente|gracias|muchas gracias|un abrazo)\b[\s,.!]*"
    r"(?:[^\W\d_][\w.'-]*[\s,.!]*){0,3}$",
    re.IGNORECASE,
)
_SIGNATURE_DELIMITER = re.compile(r"^--\s*$")
_SENT_FROM = re.compile(
    r"^\s*(?:sent from my|enviado desde mi|von meinem \S+ gesendet|gesendet von)",
    re.IGNORECASE,
)
_MAX_SIGNATURE_LINES = 8


@dataclass(frozen=True)
class Reading:
    """What the extractors read: `active` and `folded` have the length of `original`."""

    original: str
    active: str
    folded: str
    subject_length: int  # the subject's characters; the body starts at subject_length + 1
    signature: tuple[int, int] | None  # the signature block's offsets, if one was found
    folded_original: str  # the whole message folded, signature and quotes included

    def part_of(self, offset: int) -> str:
        return "subject" if offset < self.subject_length else "text"

    def body_start(self) -> int:
        return self.subject_length + 1 if self.subject_length else 0


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _blank(chars: list[str], start: int, end: int) -> None:
    for n in range(start, end):
        if chars[n] != "\n":
            chars[n] = " "


def _quoted_and_signature(
    body: str, offset: int
) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """The ranges of `body` (shifted by `offset`) that are replies, and the signature."""
    lines = _lines(body, offset)
    texts = body.split("\n")
    hidden: list[tuple[int, int]] = []
    cut = len(lines)
    for n, line in enumerate(texts):
        if _REPLY_HEADER.match(line) or (
            _FROM_LINE.match(line) and any(_SENT_LINE.match(t) for t in texts[n + 1 : n + 4])
        ):
            cut = n
            break
    for n in range(cut):
        if texts[n].lstrip().startswith(">") or _SENT_FROM.match(texts[n]):
            hidden.append(lines[n])
    if cut < len(lines):
        hidden.append((lines[cut][0], lines[-1][1]))
    signature = None
    for n in range(cut):
        if _SIGNATURE_DELIMITER.match(texts[n]) or (
            _CLOSING.match(texts[n])
            and cut - n <= _MAX_SIGNATURE_LINES
            and any(t.strip() for t in texts[:n])
        ):
            signature = (lines[n][0], lines[cut - 1][1])
            hidden.append(signature)
            break
    return hidden, signature


def read(subject: str | None, text: str) -> Reading:
    """The reading of a message: subject and body, replies and signature blanked out."""
    subject = (subject or "").replace("\n", " ")
    original = f"{subject}\n{text}" if subject else text
    body_offset = len(subject) + 1 if subject else 0
    hidden, signature = _quoted_and_signature(text, body_offset)
    chars = list(original)
    for start, end in hidden:
        _blank(chars, start, end)
    active = "".join(chars)
    if not active[body_offset:].strip():
        # Nothing left but a quote or a closing ("Thanks!"): read it all rather than nothing.
        active, signature = original, None
    folded_original = fold(original)
    folded = folded_original if active == original else fold(active)
    return Reading(
        original, active, folded, len(subject) if subject else 0, signature, folded_original
    )


# ---- tokens ---------------------------------------------------------------------------

_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+|\d+", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str  # folded
    start: int
    end: int

    @property
    def is_number(self) -> bool:
        return self.text[:1].isdigit()


@lru_cache(maxsize=64)
def tokens(folded: str) -> tuple[Token, ...]:
    """Runs of letters and numbers (a decimal "5,5" or "5.5" is one number)."""
    return tuple(Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded))


def number_value(text: str) -> float:
    """A folded number token as a float: "5,5" and "5.5" are 5.5, "1.000" is 1000."""
    if "," in text or "." in text:
        whole, _, fraction = text.replace(",", ".").partition(".")
        if len(fraction) == 3 and whole != "0":
            return float(whole + fraction)
        return float(f"{whole}.{fraction}")
    return float(text)


# ---- language ----------------------------------------------------------------------

_STOPWORDS = {
    "en": set(
        [
            "the",
            "and",
            "is",
            "are",
            "for",
            "we",
            "to",
            "of",
            "with",
            "on",
            "please",
            "can",
            "from",
            "this",
            "it",
            "not",
            "need",
            "our",
            "they",
            "have",
            "has",
            "be",
            "will",
            "was",
            "were",
            "at",
            "by",
            "an",
            "but",
            "there",
            "all",
        ]
    ),
    "es": set(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "que",
            "para",
            "por",
            "con",
            "hay",
            "y",
            "es",
            "una",
            "un",
            "se",
            "esta",
            "pero",
            "al",
            "lo",
            "como",
            "tenemos",
            "hemos",
            "necesitamos",
            "pasa",
        ]
    ),
    "de": set(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "fur",
            "mit",
            "auf",
            "bitte",
            "wir",
            "den",
            "dem",
            "ein",
            "eine",
            "noch",
            "zu",
            "von",
            "bis",
            "hat",
            "haben",
            "sind",
            "ich",
            "sie",
        ]
    ),
}
_WORD = re.compile(r"[a-z]+")


def languages(folded: str, hint: str | None = None) -> tuple[str, tuple[str, ...]]:
    """The main language of a folded text and every language it uses (en, es, de)."""
    counts = dict.fromkeys(_STOPWORDS, 0)
    for word in _WORD.findall(folded):
        for lang, words in _STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    present = tuple(lang for lang, n in counts.items() if n >= 2)
    main = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    if hint:
        hint = hint.lower()[:2]
        if hint in counts:
            main = hint
    if counts[main] == 0 and not hint:
        main = "en"
    return main, tuple(sorted(set(present) | {main}))
