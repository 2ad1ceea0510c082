"""Figures of message understanding against a labelled set (the tests and the benchmark)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LABELLED = Path(__file__).resolve().parent.parent / "data" / "intake" / "messages.jsonl"
# Batch 3: written by someone who had never seen the rules, after all tuning; only measured.
UNSEEN = LABELLED.with_name("unseen.jsonl")
LIST_FIELDS = ("work_orders", "items", "lots", "work_centers")
SINGLE_FIELDS = ("customer", "quantity", "date")


def labelled_set(path: Path = LABELLED) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _same(field_name: str, a: Any, b: Any) -> bool:
    if field_name == "quantity":
        return (
            a is not None
            and b is not None
            and abs(float(a["value"]) - float(b["value"])) < 1e-6
            and a["unit"] == b["unit"]
        )
    return bool(a == b)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Figures:
    messages: int = 0
    type_correct: int = 0
    urgency_correct: int = 0
    date_seen: int = 0  # messages where the label or the prediction has a date
    date_correct: int = 0
    fields: dict[str, Counts] = field(default_factory=dict)

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.messages if self.messages else 0.0

    @property
    def urgency_accuracy(self) -> float:
        return self.urgency_correct / self.messages if self.messages else 0.0

    @property
    def date_accuracy(self) -> float:
        """Right dates over the messages where the label or the prediction has one."""
        return self.date_correct / self.date_seen if self.date_seen else 1.0

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "messages": self.messages,
            "type_accuracy": round(self.type_accuracy, 4),
            "urgency_accuracy": round(self.urgency_accuracy, 4),
            "date_accuracy": round(self.date_accuracy, 4),
        }
        for name, c in self.fields.items():
            out[f"{name}_precision"] = round(c.precision, 4)
            out[f"{name}_recall"] = round(c.recall, 4)
        return out


def score(pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> Figures:
    """Figures over (expected, predicted) pairs, both in the parse output's shape."""
    figures = Figures(fields={name: Counts() for name in LIST_FIELDS + SINGLE_FIELDS})
    for expected, predicted in pairs:
        figures.messages += 1
        figures.type_correct += expected["type"] == predicted["type"]
        figures.urgency_correct += expected["urgency"] == predicted["urgency"]
        for name in LIST_FIELDS:
            want, got = set(expected[name]), set(predicted[name])
            c = figures.fields[name]
            c.tp += len(want & got)
            c.fp += len(got - want)
            c.fn += len(want - got)
        for name in SINGLE_FIELDS:
            want, got = expected[name], predicted[name]
            c = figures.fields[name]
            if got is not None and _same(name, want, got):
                c.tp += 1
            else:
                c.fp += got is not None
                c.fn += want is not None
        if expected["date"] is not None or predicted["date"] is not None:
            figures.date_seen += 1
            figures.date_correct += expected["date"] == predicted["date"]
    return figures
