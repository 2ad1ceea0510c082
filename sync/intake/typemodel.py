"""A small linear model of a message's type, shipped with Takt (nothing is downloaded).

It reads what the cue words of classify.py miss: a message in phrasing no cue was
written for. The folded reading becomes features — its words (numbers as "#"), word
pairs, and the 3- to 5-letter pieces of each word, so "verschoben", "verschiebt" and
"Verschiebung" share most of theirs and a typo keeps most of its own — hashed into
`BUCKETS` slots; a multinomial logistic regression gives each type a probability.

Its weights are resources/intake/type_model.json, written by `python -m
sync.intake.train` (deterministic) from the labelled set's dev rows and the short
phrases of sync/intake/type_phrases.tsv. Inference is plain Python.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import re
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.paths import resource

MODEL_PATH = ("intake", "type_model.json")
BUCKETS = 1 << 14
FORMAT = 1
_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)?|[?]")
_CHAR_NGRAMS = (3, 4, 5)
_NEGATED = re.compile(
    r"(?<![\w])(?:no|not|no more|kein|keine|keinen|keiner|nicht|nichts|sin|ohne|never|nie|"
    r"nunca|ni|nothing|nada|ya no)\s+((?:[^\W_]+[ \t]+){0,2}[^\W_]+)"
)


def words(folded: str) -> list[str]:
    """The folded reading's words in order, every number as "#", a question mark kept."""
    return ["#" if w[0].isdigit() else w for w in _WORD.findall(folded)]


def negated_words(folded: str) -> list[str]:
    """The words up to three after a negation in the same clause ("no shortage anymore":
    shortage), so the model can tell "no shortage" from "shortage"."""
    out: list[str] = []
    for m in _NEGATED.finditer(folded):
        out.extend(w for w in words(m.group(1)) if w != "?")
    return out


def features(folded: str) -> dict[int, float]:
    """Bucket -> value: a unit-length vector of the reading's hashed features."""
    ws = words(folded)
    names = {"w " + w for w in ws}
    names.update("n " + w for w in negated_words(folded))
    names.update(f"b {a} {b}" for a, b in itertools.pairwise(ws))
    for w in set(ws):
        if len(w) >= 3:
            padded = f"<{w}>"
            for n in _CHAR_NGRAMS:
                names.update("c " + padded[i : i + n] for i in range(len(padded) - n + 1))
    counts: dict[int, float] = {}
    for name in names:
        bucket = zlib.crc32(name.encode()) % BUCKETS
        counts[bucket] = counts.get(bucket, 0.0) + 1.0
    norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {b: v / norm for b, v in counts.items()}


@dataclass(frozen=True)
class TypeModel:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    rows: Mapping[int, tuple[float, ...]]  # bucket -> a weight per class (zero rows left out)

    def probabilities(self, folded: str) -> dict[str, float]:
        """Each type's probability for a folded reading (they sum to 1)."""
        scores = list(self.bias)
        for bucket, value in features(folded).items():
            row = self.rows.get(bucket)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    # ---- storage: int8 weights, zlib and base64 in one JSON file -------------------

    def as_json(self, trained_on: Mapping[str, Any]) -> dict[str, Any]:
        peak = max((abs(w) for row in self.rows.values() for w in row), default=1.0) or 1.0
        scale = peak / 127
        raw = bytearray(BUCKETS * len(self.classes))
        for bucket, row in self.rows.items():
            for k, w in enumerate(row):
                raw[bucket * len(self.classes) + k] = round(w / scale) & 0xFF
        return {
            "format": FORMAT,
            "buckets": BUCKETS,
            "classes": list(self.classes),
            "bias": [round(b, 4) for b in self.bias],
            "scale": round(scale, 8),
            "weights_int8_zlib_base64": base64.b64encode(zlib.compress(bytes(raw), 9)).decode(),
            "trained_on": dict(trained_on),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TypeModel:
        if data.get("format") != FORMAT or data.get("buckets") != BUCKETS:
            raise ValueError("type model: unknown format; retrain with python -m sync.intake.train")
        classes = tuple(data["classes"])
        scale = float(data["scale"])
        raw = zlib.decompress(base64.b64decode(data["weights_int8_zlib_base64"]))
        width = len(classes)
        rows: dict[int, tuple[float, ...]] = {}
        for bucket in range(BUCKETS):
            chunk = raw[bucket * width : (bucket + 1) * width]
            if any(chunk):
                rows[bucket] = tuple((b - 256 if b > 127 else b) * scale for b in chunk)
        return cls(classes, tuple(float(b) for b in data["bias"]), rows)

    def quantized(self, trained_on: Mapping[str, Any]) -> TypeModel:
        """The model as its file stores it (what inference uses)."""
        return TypeModel.from_json(self.as_json(trained_on))


def read_model(path: Path) -> TypeModel:
    return TypeModel.from_json(json.loads(path.read_text("utf-8")))


@lru_cache(maxsize=1)
def load_model() -> TypeModel | None:
    """The shipped model, or None when its file is missing (the rules decide alone)."""
    path = resource(*MODEL_PATH)
    if not path.is_file():
        return None
    return read_model(path)


_SHIPPED = "shipped"
_override: ContextVar[TypeModel | str | None] = ContextVar("type_model", default=_SHIPPED)


def current_model() -> TypeModel | None:
    """The model classify() uses: the shipped one, unless `model_override` says another."""
    chosen = _override.get()
    return load_model() if isinstance(chosen, str) else chosen


@contextmanager
def model_override(model: TypeModel | None) -> Iterator[None]:
    """Classify with `model` (None: the rules alone) inside the block: cross-validation
    and tests measure the rules with and without a model trained on other rows."""
    token = _override.set(model)
    try:
        yield
    finally:
        _override.reset(token)
