"""The dispatching policy: which rule orders ready jobs, with what weights."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.errors import FieldProblem, ValidationError
from app.i18n import tr
from app.model.types import PriorityClass
from app.paths import resource


class Rule(StrEnum):
    ATCS = "atcs"
    CR = "cr"
    EDD = "edd"


@dataclass(frozen=True)
class Policy:
    rule: Rule = Rule.ATCS
    hysteresis: float = 0.10
    k1: float = 2.0
    k2: float = 0.7
    weights: dict[PriorityClass, float] = field(
        default_factory=lambda: {PriorityClass.A: 3.0, PriorityClass.B: 2.0, PriorityClass.C: 1.0}
    )


def policy_from_dict(data: dict[str, Any], source: str = "policy") -> Policy:
    problems: list[FieldProblem] = []

    def number(value: Any, name: str, low: float) -> float:
        if not isinstance(value, int | float) or isinstance(value, bool) or value < low:
            problems.append(
                FieldProblem(f"{source}: {name}", tr("must be a number >= {low}", low=low))
            )
            return low
        return float(value)

    rule_text = data.get("rule", "atcs")
    try:
        rule = Rule(rule_text)
    except ValueError:
        problems.append(
            FieldProblem(
                f"{source}: rule",
                tr(
                    "{value} is not one of {choices}",
                    value=repr(rule_text),
                    choices=", ".join(Rule),
                ),
            )
        )
        rule = Rule.ATCS
    atcs = data.get("atcs", {})
    weights_in = data.get("weights", {})
    weights = {}
    for cls in PriorityClass:
        weights[cls] = number(weights_in.get(cls.value, 1.0), f"weights.{cls.value}", 0.0)
    for key in weights_in:
        if key not in {c.value for c in PriorityClass}:
            problems.append(FieldProblem(f"{source}: weights.{key}", tr("unknown priority class")))
    policy = Policy(
        rule=rule,
        hysteresis=number(data.get("hysteresis", 0.1), "hysteresis", 0.0),
        k1=number(atcs.get("k1", 2.0), "atcs.k1", 0.01),
        k2=number(atcs.get("k2", 0.7), "atcs.k2", 0.01),
        weights=weights,
    )
    if problems:
        raise ValidationError(problems)
    return policy


def load_policy(path: Path | None = None) -> Policy:
    path = path or resource("priority", "policy.toml")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValidationError.one(
            str(path), tr("not valid TOML ({error})", error=str(error))
        ) from None
    return policy_from_dict(data, str(path))
