"""How much the floor may report: over-delivery on a confirmation, over-issue of material.

The figures live in resources/limits/floor.toml, shipped with Takt, so the server and
every terminal read the same ones and judge an event alike (a reducer that depends on a
per-terminal setting would let replicas disagree). A supervisor or a manager may go
beyond them; an operator is refused with the field and the limit named.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.errors import FieldProblem, ValidationError
from app.i18n import Number, tr
from app.model import MaterialRequirement, OperationInstance, User, WorkOrder
from app.model.types import Role
from app.paths import resource

# Who may report beyond the limits (a recount, a rework batch, a bigger reel).
MAY_EXCEED = frozenset({Role.SUPERVISOR, Role.MANAGER})
# Sums of floats: 0.1 + 0.2 must not count as over a limit of 0.3.
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class FloorLimits:
    over_delivery: float = 1.10  # good + scrap per operation, times the order quantity
    over_issue: float = 3.0  # material issued per item, times what the order needs


def limits_from_dict(data: dict[str, Any], source: str = "limits") -> FloorLimits:
    problems: list[FieldProblem] = []
    defaults = FloorLimits()

    def factor(key: str, default: float) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(FieldProblem(f"{source}: {key}", tr("must be a number")))
            return default
        if not math.isfinite(value) or not 1.0 <= value <= 100.0:
            problems.append(FieldProblem(f"{source}: {key}", tr("must be between 1 and 100")))
            return default
        return float(value)

    limits = FloorLimits(
        over_delivery=factor("over_delivery", defaults.over_delivery),
        over_issue=factor("over_issue", defaults.over_issue),
    )
    unknown = set(data) - {"over_delivery", "over_issue"}
    problems += [FieldProblem(f"{source}: {key}", tr("unknown setting")) for key in sorted(unknown)]
    if problems:
        raise ValidationError(problems)
    return limits


def load_limits(path: Path | None = None) -> FloorLimits:
    path = path or resource("limits", "floor.toml")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValidationError.one(
            str(path), tr("not valid TOML ({error})", error=str(error))
        ) from None
    return limits_from_dict(data, str(path))


@cache
def floor_limits() -> FloorLimits:
    """The shipped limits, read once (reducers run thousands of times a second)."""
    return load_limits()


def may_exceed(session: Session, actor: str) -> bool:
    """Whether `actor` is an active supervisor or manager, who may report beyond a limit."""
    user = session.get(User, actor)
    return user is not None and user.active and bool(MAY_EXCEED & set(user.roles))


def quantity(value: float) -> Number:
    """A quantity as a person reads it: 22, 22.5 (no '22.000000001'), in their language's
    digits on a screen."""
    return Number(value)


@dataclass(frozen=True)
class Excess:
    """A report beyond a limit: how far it would go, and the limit it breaks."""

    total: float  # what the operation or order would hold with this report
    limit: float
    already: float  # reported before this one
    basis: str  # how the limit comes about, in words

    @property
    def left(self) -> float:
        return max(self.limit - self.already, 0.0)


def _over(already: float, adding: float, limit: float) -> bool:
    return already + adding > limit * (1 + _TOLERANCE) + _TOLERANCE


def confirmation_excess(
    session: Session, op: OperationInstance, good: float, scrap: float, actor: str
) -> Excess | None:
    """Whether good + scrap over the operation's life would pass the over-delivery limit
    for `actor` (None: within it, or the actor may exceed it)."""
    order = session.get(WorkOrder, op.work_order_number)
    if order is None:
        return None
    factor = floor_limits().over_delivery
    limit = order.quantity * factor
    already = op.qty_good + op.qty_scrap
    if not _over(already, good + scrap, limit) or may_exceed(session, actor):
        return None
    basis = tr(
        "order quantity {quantity} × over-delivery {factor}",
        quantity=quantity(order.quantity),
        factor=Number(factor),
    )
    return Excess(already + good + scrap, limit, already, basis)


def issue_excess(
    session: Session, needs: list[MaterialRequirement], qty: float, actor: str
) -> Excess | None:
    """Whether issuing `qty` more of an item to an order (`needs`: the order's requirements
    of that item) would pass the over-issue limit for `actor`."""
    if not needs:
        return None
    factor = floor_limits().over_issue
    needed = sum(need.quantity for need in needs)
    limit = needed * factor
    already = sum(need.issued_qty for need in needs)
    if not _over(already, qty, limit) or may_exceed(session, actor):
        return None
    basis = tr(
        "the order needs {quantity} × over-issue {factor}",
        quantity=quantity(needed),
        factor=Number(factor),
    )
    return Excess(already + qty, limit, already, basis)
