"""What a resolution may say: root causes and dispositions, from resources/.

resources/routing/resolution.toml holds the plant's root causes (a two-level tree like
the downtime reasons: a category, or a category's reason) and the dispositions of held
material; a supervisor may edit it. The downtime reasons count as root causes too (a
machine stop's reason is usually its cause). The service refuses a resolution whose
values are not listed, and so does the reducer, naming the field: every terminal and
the server keep the same closed vocabulary, so the metrics can count by root cause.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import FieldProblem, ValidationError
from app.model.types import ExceptionKind
from app.paths import resource
from app.routing.reasons import ReasonTree, load_reasons, reasons_from_dict, tree_labels


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class ResolutionValues:
    root_causes: ReasonTree
    dispositions: tuple[Choice, ...]
    downtime: ReasonTree | None = None

    def _trees(self) -> tuple[ReasonTree, ...]:
        return (self.root_causes,) + ((self.downtime,) if self.downtime is not None else ())

    def is_root_cause(self, code: str) -> bool:
        """A category ('machine') or a category's reason ('machine/wear') of either tree."""
        return any(
            tree.category(code) is not None or tree.reason(code) is not None
            for tree in self._trees()
        )

    def root_cause_label(self, code: str) -> str:
        """'Machine · Wear', 'Machine', or the code itself when it is not listed."""
        for tree in self._trees():
            if tree.reason(code) is not None:
                return tree.label(code)
            category = tree.category(code)
            if category is not None:
                return category.label
        return code

    def is_disposition(self, code: str) -> bool:
        return any(d.code == code for d in self.dispositions)

    def disposition_label(self, code: str) -> str:
        return next((d.label for d in self.dispositions if d.code == code), code)


def resolution_from_dict(
    data: dict[str, Any], source: str = "resolution", downtime: ReasonTree | None = None
) -> ResolutionValues:
    problems: list[FieldProblem] = []
    try:
        root_causes = reasons_from_dict(data, source)
    except ValidationError as error:
        problems += error.problems
        root_causes = ReasonTree(())
    dispositions: list[Choice] = []
    raw = data.get("dispositions")
    if not isinstance(raw, list) or not raw:
        problems.append(
            FieldProblem(f"{source}: dispositions", "there must be at least one [[dispositions]]")
        )
        raw = []
    for n, entry in enumerate(raw, start=1):
        at = f"{source}: dispositions[{n}]"
        code = entry.get("code") if isinstance(entry, dict) else None
        label = entry.get("label") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not code.strip():
            problems.append(FieldProblem(f"{at}.code", "missing: must be a non-empty text"))
            continue
        if not isinstance(label, str) or not label.strip():
            problems.append(FieldProblem(f"{at}.label", "missing: must be a non-empty text"))
            continue
        if any(d.code == code.strip() for d in dispositions):
            problems.append(FieldProblem(f"{at}.code", f"{code!r} is used twice"))
        dispositions.append(Choice(code.strip(), label.strip()))
    if problems:
        raise ValidationError(problems)
    return ResolutionValues(root_causes, tuple(dispositions), downtime)


def load_resolution(
    path: Path | None = None, downtime: ReasonTree | None = None
) -> ResolutionValues:
    """The plant's values (read once per process for the shipped files)."""
    if path is None and downtime is None:
        return _shipped()
    path = path or resource("routing", "resolution.toml")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValidationError.one(str(path), f"not valid TOML ({error})") from None
    return resolution_from_dict(data, str(path), downtime)


@lru_cache(maxsize=1)
def _shipped() -> ResolutionValues:
    return load_resolution(resource("routing", "resolution.toml"), load_reasons())


def resolution_problems(
    values: ResolutionValues,
    kind: ExceptionKind,
    root_cause: str,
    details: dict[str, Any],
    *,
    require_disposition: bool = True,
) -> list[FieldProblem]:
    """What is wrong with a resolution's root cause and disposition (empty: nothing).

    The service requires a disposition for a quality hold; the reducer, which also
    replays resolutions recorded before dispositions were required, only checks that a
    disposition given is a known one."""
    problems = []
    if not root_cause.strip():
        problems.append(FieldProblem("root_cause", "missing: pick the root cause"))
    elif not values.is_root_cause(root_cause):
        problems.append(
            FieldProblem("root_cause", f"{root_cause!r} is not one of the plant's root causes")
        )
    disposition = details.get("disposition")
    if disposition is None or disposition == "":
        if require_disposition and kind is ExceptionKind.QUALITY_HOLD:
            problems.append(
                FieldProblem("disposition", "missing: pick what happens to the held material")
            )
    elif not isinstance(disposition, str) or not values.is_disposition(disposition):
        problems.append(
            FieldProblem("disposition", f"{disposition!r} is not one of the plant's dispositions")
        )
    return problems


def shipped_labels() -> list[str]:
    """The labels of the shipped root causes and dispositions (for the translators)."""
    values = _shipped()
    return [*tree_labels(values.root_causes), *(choice.label for choice in values.dispositions)]
