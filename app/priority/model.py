"""What the ranking sees and what it answers: plain, immutable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from app.model.types import HoldScope, OverrideKind, PriorityClass

__all__ = ["HoldScope", "OverrideKind"]


class RowStatus(StrEnum):
    RUNNING = "running"
    READY = "ready"
    WAITING = "waiting"  # for the previous operation of its order
    BLOCKED_MATERIAL = "blocked_material"
    BLOCKED_MACHINE = "blocked_machine"
    ON_HOLD = "on_hold"


@dataclass(frozen=True, slots=True)
class Job:
    """One open operation as the ranking sees it."""

    op_id: str
    work_order: str
    seq: int
    work_center: str
    item: str
    setup_family: str | None
    setup_minutes: float
    run_minutes: float  # remaining run time of this operation
    later_minutes: float  # remaining work on the order's later operations
    later_ops: int
    due_at: datetime  # the earlier of the order's due date and customer commit date
    customer: str | None
    priority_class: PriorityClass
    quantity: float
    qty_good: float = 0.0
    running: bool = False
    started_at: datetime | None = None
    waiting_for: tuple[int, str] | None = None  # (seq, work center) of an open earlier op
    lots: tuple[str, ...] = ()  # lots the order consumes or makes


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    op_id: str
    item: str
    quantity: float
    need_at: datetime


@dataclass(frozen=True, slots=True)
class Hold:
    id: str
    scope: HoldScope
    key: str
    reason: str
    by: str


@dataclass(frozen=True, slots=True)
class Override:
    id: str
    op_id: str
    kind: OverrideKind
    reason: str
    by: str
    at: datetime
    target_op_id: str | None = None


@dataclass(frozen=True, slots=True)
class Shortfall:
    item: str
    short: float
    required: float


@dataclass(slots=True)  # not frozen: thousands are made per re-rank, and frozen init is slower
class RankedRow:
    op_id: str
    rank: int
    status: RowStatus
    score: float
    reason: str
    breakdown: tuple[tuple[str, float], ...] = ()
    override: Override | None = None
    shortfall: Shortfall | None = None


@dataclass
class MachineStatus:
    down: bool = False
    reason: str = ""
    since: datetime | None = None


@dataclass
class PlantState:
    """Everything the board ranks from; built from projections (app.priority.load)."""

    jobs: dict[str, Job] = field(default_factory=dict)
    requirements: dict[str, Requirement] = field(default_factory=dict)
    on_hand: dict[str, float] = field(default_factory=dict)  # available: held lots excluded
    incoming: dict[str, tuple[tuple[datetime, float], ...]] = field(default_factory=dict)
    machines: dict[str, MachineStatus] = field(default_factory=dict)
    holds: dict[str, Hold] = field(default_factory=dict)
    overrides: dict[str, Override] = field(default_factory=dict)  # by operation
    last_family: dict[str, str] = field(default_factory=dict)  # work center -> setup family
    # Shortages people reported (an open exception), whatever the stock figures say.
    reported_shortfalls: dict[str, Shortfall] = field(default_factory=dict)
    work_centers: tuple[str, ...] = ()
