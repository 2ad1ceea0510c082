"""Downtime reason codes: a two-level tree (category, reason) read from TOML.

Pure: resources/routing/downtime_reasons.toml by default (a supervisor may edit it);
every problem in the file is reported at once, each naming where it is.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import FieldProblem, ValidationError
from app.paths import resource

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Reason:
    code: str  # "mechanical/bearing"
    label: str


@dataclass(frozen=True)
class ReasonCategory:
    code: str  # "mechanical"
    label: str
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class ReasonTree:
    categories: tuple[ReasonCategory, ...]

    def category(self, code: str) -> ReasonCategory | None:
        return next((c for c in self.categories if c.code == code), None)

    def reason(self, code: str) -> Reason | None:
        category = self.category(code.partition("/")[0])
        if category is None:
            return None
        return next((r for r in category.reasons if r.code == code), None)

    def label(self, code: str) -> str:
        """'Mechanical · Bearing or spindle' for a known code, the code itself otherwise."""
        category = self.category(code.partition("/")[0])
        reason = self.reason(code)
        if category is None or reason is None:
            return code
        return f"{category.label} · {reason.label}"


def _text(raw: dict[str, Any], key: str, where: str, problems: list[FieldProblem]) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(FieldProblem(f"{where}.{key}", "missing: must be a non-empty text"))
        return ""
    return value.strip()


def reasons_from_dict(data: dict[str, Any], source: str = "reasons") -> ReasonTree:
    problems: list[FieldProblem] = []
    raw_categories = data.get("categories")
    if not isinstance(raw_categories, list) or not raw_categories:
        raise ValidationError.one(
            f"{source}: categories", "there must be at least one [[categories]] entry"
        )
    categories: list[ReasonCategory] = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_categories, start=1):
        at = f"{source}: categories[{n}]"
        if not isinstance(raw, dict):
            problems.append(FieldProblem(at, "must be a table with code, label and reasons"))
            continue
        for key in set(raw) - {"code", "label", "reasons"}:
            problems.append(FieldProblem(f"{at}.{key}", "unknown setting"))
        code = _text(raw, "code", at, problems)
        label = _text(raw, "label", at, problems)
        if code and not _CODE.match(code):
            problems.append(FieldProblem(f"{at}.code", f"{code!r}: use lower-case a-z, 0-9, _"))
        if code in seen:
            problems.append(FieldProblem(f"{at}.code", f"{code!r} is used twice"))
        seen.add(code)
        raw_reasons = raw.get("reasons")
        if not isinstance(raw_reasons, list) or not raw_reasons:
            problems.append(FieldProblem(f"{at}.reasons", "missing: at least one reason"))
            raw_reasons = []
        reasons: list[Reason] = []
        for r, reason in enumerate(raw_reasons, start=1):
            where = f"{at}.reasons[{r}]"
            if not isinstance(reason, dict):
                problems.append(FieldProblem(where, "must be { code = ..., label = ... }"))
                continue
            for key in set(reason) - {"code", "label"}:
                problems.append(FieldProblem(f"{where}.{key}", "unknown setting"))
            reason_code = _text(reason, "code", where, problems)
            reason_label = _text(reason, "label", where, problems)
            head, slash, tail = reason_code.partition("/")
            if reason_code and (head != code or not slash or not _CODE.match(tail)):
                problems.append(
                    FieldProblem(f"{where}.code", f"{reason_code!r} must read '{code}/<reason>'")
                )
            if reason_code in seen:
                problems.append(FieldProblem(f"{where}.code", f"{reason_code!r} is used twice"))
            seen.add(reason_code)
            reasons.append(Reason(reason_code, reason_label))
        categories.append(ReasonCategory(code, label, tuple(reasons)))
    if problems:
        raise ValidationError(problems)
    return ReasonTree(tuple(categories))


def load_reasons(path: Path | None = None) -> ReasonTree:
    path = path or resource("routing", "downtime_reasons.toml")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValidationError.one(str(path), f"not valid TOML ({error})") from None
    return reasons_from_dict(data, str(path))


def tree_labels(tree: ReasonTree) -> list[str]:
    """Every label a button of `tree` shows (the words a translator translates)."""
    return [
        label
        for category in tree.categories
        for label in (category.label, *(reason.label for reason in category.reasons))
    ]


def shipped_labels() -> list[str]:
    return tree_labels(load_reasons())
