"""Routing rules: which owner, deadlines, escalation ladder and tasks an exception gets.

Pure: rules come from a TOML file (resources/routing/rules.toml by default, editable
by a supervisor), an exception's facts go in, a routing decision comes out.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.errors import FieldProblem, ValidationError
from app.i18n import Message, tr
from app.model.types import ExceptionKind, ItemClass, Role, Severity
from app.paths import resource

CUSTOMER_AT_RISK = "customer_order_at_risk"


@dataclass(frozen=True)
class Facts:
    """What routing looks at in an exception."""

    kind: ExceptionKind
    severity: Severity = Severity.MEDIUM
    area: str | None = None
    work_center: str | None = None
    item_class: ItemClass | None = None
    customer_order_at_risk: bool = False


@dataclass(frozen=True)
class Match:
    kind: ExceptionKind | None = None
    severity: frozenset[Severity] = frozenset()
    area: frozenset[str] = frozenset()
    work_center: frozenset[str] = frozenset()
    item_class: frozenset[ItemClass] = frozenset()

    def fits(self, facts: Facts) -> bool:
        return (
            (self.kind is None or facts.kind is self.kind)
            and (not self.severity or facts.severity in self.severity)
            and (not self.area or facts.area in self.area)
            and (not self.work_center or facts.work_center in self.work_center)
            and (not self.item_class or facts.item_class in self.item_class)
        )


@dataclass(frozen=True)
class Tier:
    after: timedelta
    to_role: Role


@dataclass(frozen=True)
class TaskTemplate:
    function: Role
    action: str
    when: str | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    owner_role: Role
    ack: timedelta
    resolve: timedelta
    match: Match = field(default_factory=Match)
    owner_user: str | None = None
    ladder: tuple[Tier, ...] = ()
    tasks: tuple[TaskTemplate, ...] = ()


@dataclass(frozen=True)
class Routing:
    rule: str
    owner_role: Role
    owner_user: str | None
    ack_due: datetime
    resolve_due: datetime
    ladder: tuple[Tier, ...]
    tasks: tuple[TaskTemplate, ...]


def route(facts: Facts, rules: tuple[Rule, ...], raised_at: datetime) -> Routing:
    """The first rule that fits decides; a rule set must end with a catch-all."""
    for rule in rules:
        if rule.match.fits(facts):
            return Routing(
                rule=rule.name,
                owner_role=rule.owner_role,
                owner_user=rule.owner_user,
                ack_due=raised_at + rule.ack,
                resolve_due=raised_at + rule.resolve,
                ladder=rule.ladder,
                tasks=tuple(
                    t
                    for t in rule.tasks
                    if t.when is None
                    or (t.when == CUSTOMER_AT_RISK and facts.customer_order_at_risk)
                ),
            )
    raise ValidationError.one("rules", tr("no rule fits and there is no catch-all rule at the end"))


# --- reading and checking a rules file -------------------------------------------------


class _Reader:
    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def fail(self, where: str, problem: Message) -> None:
        self.problems.append(FieldProblem(where, problem))

    def enum(self, value: Any, enum: type[Any], where: str) -> Any:
        try:
            return enum(value)
        except ValueError:
            choices = ", ".join(m.value for m in enum)
            self.fail(
                where, tr("{value} is not one of {choices}", value=repr(value), choices=choices)
            )
            return None

    def minutes(self, value: Any, where: str) -> timedelta:
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            self.fail(where, tr("must be a number of minutes above 0"))
            return timedelta(minutes=1)
        return timedelta(minutes=value)

    def strings(self, value: Any, where: str) -> list[Any]:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            self.fail(where, tr("must be a list"))
            return []
        return value


_MATCH_KEYS = {"kind", "severity", "area", "work_center", "item_class"}
_RULE_KEYS = {
    "name",
    "match",
    "owner_role",
    "owner_user",
    "ack_minutes",
    "resolve_minutes",
    "escalate",
    "tasks",
}


def rules_from_dict(data: dict[str, Any], source: str = "rules") -> tuple[Rule, ...]:
    reader = _Reader()
    rules: list[Rule] = []
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise ValidationError.one(
            f"{source}: rules", tr("there must be at least one [[rules]] entry")
        )
    for n, raw in enumerate(raw_rules, start=1):
        at = f"{source}: rules[{n}]"
        for key in set(raw) - _RULE_KEYS:
            reader.fail(f"{at}.{key}", tr("unknown setting"))
        name = raw.get("name") or f"rule {n}"
        match_raw = raw.get("match", {})
        for key in set(match_raw) - _MATCH_KEYS:
            reader.fail(f"{at}.match.{key}", tr("unknown match key"))
        kind = match_raw.get("kind")
        match = Match(
            kind=reader.enum(kind, ExceptionKind, f"{at}.match.kind") if kind else None,
            severity=frozenset(
                reader.enum(v, Severity, f"{at}.match.severity")
                for v in reader.strings(match_raw.get("severity", []), f"{at}.match.severity")
            ),
            area=frozenset(reader.strings(match_raw.get("area", []), f"{at}.match.area")),
            work_center=frozenset(
                reader.strings(match_raw.get("work_center", []), f"{at}.match.work_center")
            ),
            item_class=frozenset(
                reader.enum(v, ItemClass, f"{at}.match.item_class")
                for v in reader.strings(match_raw.get("item_class", []), f"{at}.match.item_class")
            ),
        )
        if "owner_role" not in raw:
            reader.fail(f"{at}.owner_role", tr("missing: who owns exceptions of this rule"))
        owner = reader.enum(raw.get("owner_role", "supervisor"), Role, f"{at}.owner_role")
        ack = reader.minutes(raw.get("ack_minutes"), f"{at}.ack_minutes")
        resolve = reader.minutes(raw.get("resolve_minutes"), f"{at}.resolve_minutes")
        if resolve < ack:
            reader.fail(f"{at}.resolve_minutes", tr("must not be shorter than ack_minutes"))
        ladder: list[Tier] = []
        for t, tier in enumerate(raw.get("escalate", []), start=1):
            after = reader.minutes(tier.get("after_minutes"), f"{at}.escalate[{t}].after_minutes")
            role = reader.enum(tier.get("to_role"), Role, f"{at}.escalate[{t}].to_role")
            if ladder and after <= ladder[-1].after:
                reader.fail(
                    f"{at}.escalate[{t}].after_minutes", tr("tiers must come later and later")
                )
            ladder.append(Tier(after=after, to_role=role))
        tasks: list[TaskTemplate] = []
        for t, task in enumerate(raw.get("tasks", []), start=1):
            function = reader.enum(task.get("function"), Role, f"{at}.tasks[{t}].function")
            action = str(task.get("action", "")).strip()
            if not action:
                reader.fail(f"{at}.tasks[{t}].action", tr("missing: what the function must do"))
            when = task.get("when")
            if when not in (None, CUSTOMER_AT_RISK):
                reader.fail(
                    f"{at}.tasks[{t}].when", tr("only {when} is known", when=repr(CUSTOMER_AT_RISK))
                )
            tasks.append(TaskTemplate(function=function, action=action, when=when))
        rules.append(
            Rule(
                name=name,
                owner_role=owner,
                owner_user=raw.get("owner_user"),
                ack=ack,
                resolve=resolve,
                match=match,
                ladder=tuple(ladder),
                tasks=tuple(tasks),
            )
        )
    if rules and rules[-1].match != Match():
        reader.fail(
            f"{source}: rules[{len(rules)}]", tr("the last rule must match everything (no match)")
        )
    if reader.problems:
        raise ValidationError(reader.problems)
    return tuple(rules)


def load_rules(path: Path | None = None) -> tuple[Rule, ...]:
    path = path or resource("routing", "rules.toml")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValidationError.one(
            str(path), tr("not valid TOML ({error})", error=str(error))
        ) from None
    return rules_from_dict(data, str(path))
