"""Ranking one work center's lane: status, score, order and a reason for every row.

Pure: (jobs, constraints, policy, now, previous order) -> ranked rows. No database,
no clock, no Qt; the same code ranks on every terminal and on the server.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.i18n import Message, Number, tr
from app.priority.model import (
    Hold,
    Job,
    MachineStatus,
    Override,
    OverrideKind,
    RankedRow,
    RowStatus,
    Shortfall,
)
from app.priority.policy import Policy, Rule
from app.words import listing

# Order of the groups on the board; within a group, by score.
_GROUP = {
    RowStatus.RUNNING: 0,
    RowStatus.READY: 2,
    RowStatus.WAITING: 3,
    RowStatus.BLOCKED_MATERIAL: 4,
    RowStatus.BLOCKED_MACHINE: 4,
    RowStatus.ON_HOLD: 5,
}
_PINNED_GROUP = 1
_MIN_MINUTES = 1.0


@dataclass(frozen=True)
class LaneContext:
    """The constraints on one work center's lane."""

    machine: MachineStatus = field(default_factory=MachineStatus)
    last_family: str | None = None  # setup family of the job running (or last run) here
    shortfalls: Mapping[str, Shortfall] = field(default_factory=dict)  # by operation
    holds: Mapping[str, Hold] = field(default_factory=dict)  # by operation
    overrides: Mapping[str, Override] = field(default_factory=dict)  # by operation


@dataclass(slots=True)
class _Scored:
    job: Job
    status: RowStatus
    group: int
    score: float
    cr: float
    breakdown: tuple[tuple[str, float], ...]


def _status(job: Job, ctx: LaneContext) -> RowStatus:
    if job.running:
        return RowStatus.RUNNING
    override = ctx.overrides.get(job.op_id)
    if job.op_id in ctx.holds or (override is not None and override.kind is OverrideKind.HOLD):
        return RowStatus.ON_HOLD
    if ctx.machine.down:
        return RowStatus.BLOCKED_MACHINE
    if job.op_id in ctx.shortfalls:
        return RowStatus.BLOCKED_MATERIAL
    if job.waiting_for is not None:
        return RowStatus.WAITING
    return RowStatus.READY


@dataclass
class LaneMemo:
    """Scores and reasons of a lane's last ranking, reused while their inputs are unchanged.

    A score depends on the job, the lane's mean processing and setup times, the setup
    family on the machine, the policy and the time; a status change (a shortage, a hold)
    changes none of these, so after such an event only statuses and reasons are redone.
    Results are identical with or without a memo.
    """

    basis: tuple[object, ...] | None = None
    scores: dict[str, tuple[Job, float, float, tuple[tuple[str, float], ...]]] = field(
        default_factory=dict
    )
    reasons: dict[str, tuple[Job, tuple[object, ...], str]] = field(default_factory=dict)


def _score_all(
    jobs: Sequence[Job], ctx: LaneContext, policy: Policy, now: datetime, memo: LaneMemo
) -> list[_Scored]:
    count = 0
    p_sum = 0.0
    setup_count = 0
    s_sum = 0.0
    for j in jobs:
        if not j.running:
            count += 1
            p_sum += max(j.setup_minutes + j.run_minutes, _MIN_MINUTES)
            if j.setup_minutes > 0:
                setup_count += 1
                s_sum += j.setup_minutes
    p_mean = p_sum / count if count else 1.0
    s_mean = s_sum / setup_count if setup_count else 1.0
    basis = (now, p_mean, s_mean, ctx.last_family, policy)
    if memo.basis != basis:
        memo.basis = basis
        memo.scores.clear()
        memo.reasons.clear()
    k1p = policy.k1 * p_mean
    k2s = policy.k2 * s_mean
    scored = []
    for job in jobs:
        status = _status(job, ctx)
        group = _GROUP[status]
        if status is RowStatus.READY:
            override = ctx.overrides.get(job.op_id)
            if override is not None and override.kind is OverrideKind.PIN:
                group = _PINNED_GROUP
        cached = memo.scores.get(job.op_id)
        if cached is not None and (cached[0] is job or cached[0] == job):
            _, score, cr, breakdown = cached
        else:
            score, cr, breakdown = _score(job, ctx.last_family, policy, now, k1p, k2s)
            memo.scores[job.op_id] = (job, score, cr, breakdown)
        scored.append(_Scored(job, status, group, score, cr, breakdown))
    return scored


def _score(
    job: Job, last_family: str | None, policy: Policy, now: datetime, k1p: float, k2s: float
) -> tuple[float, float, tuple[tuple[str, float], ...]]:
    p = max(job.setup_minutes + job.run_minutes, _MIN_MINUTES)
    to_due = (job.due_at - now).total_seconds() / 60.0
    cr = to_due / (p + job.later_minutes)
    if policy.rule is Rule.ATCS:
        setup = 0.0 if job.setup_family and job.setup_family == last_family else job.setup_minutes
        weight = policy.weights[job.priority_class]
        slack = to_due - job.later_minutes - p
        urgency = math.exp(-max(slack, 0.0) / k1p)
        setup_factor = math.exp(-setup / k2s)
        score = 1000.0 * weight / p * urgency * setup_factor
        return (
            score,
            cr,
            (
                ("weight", weight),
                ("processing_min", p),
                ("slack_min", slack),
                ("urgency", urgency),
                ("setup_min", setup),
                ("setup_factor", setup_factor),
                ("critical_ratio", cr),
                ("score", score),
            ),
        )
    if policy.rule is Rule.CR:
        return -cr, cr, (("critical_ratio", cr), ("score", -cr))
    return -to_due / 60.0, cr, (("due_in_h", to_due / 60.0), ("score", -to_due / 60.0))


def _ideal_key(s: _Scored) -> tuple[int, float, float, str]:
    return (s.group, -s.score, s.cr, s.job.op_id)


def _clearly_better(a: _Scored, b: _Scored, hysteresis: float) -> bool:
    if a.group != b.group:
        return a.group < b.group
    return a.score - b.score > hysteresis * max(abs(b.score), 1e-9)


def _order(scored: list[_Scored], previous: Sequence[str], hysteresis: float) -> list[_Scored]:
    ideal = sorted(scored, key=_ideal_key)
    if not previous or hysteresis <= 0:
        return ideal
    # Start from the order on screen (new rows where the ideal order puts them) and let a
    # row overtake only the rows it beats by more than the hysteresis margin.
    seen = {op: i for i, op in enumerate(previous)}
    ideal_pos = {s.job.op_id: i for i, s in enumerate(ideal)}
    start = sorted(
        scored,
        key=lambda s: (
            s.group,
            seen.get(s.job.op_id, ideal_pos[s.job.op_id] - 0.5),
            ideal_pos[s.job.op_id],
        ),
    )
    rows = list(start)
    for i in range(1, len(rows)):
        row = rows[i]
        j = i - 1
        while j >= 0 and _clearly_better(row, rows[j], hysteresis):
            rows[j + 1] = rows[j]
            j -= 1
        rows[j + 1] = row
    return rows


def _apply_moves(rows: list[_Scored], ctx: LaneContext) -> list[_Scored]:
    """Place rows a supervisor moved before or after another row of this lane."""
    movers = [
        s
        for s in rows
        if (o := ctx.overrides.get(s.job.op_id)) is not None
        and o.kind in (OverrideKind.BEFORE, OverrideKind.AFTER)
        and s.status not in (RowStatus.RUNNING, RowStatus.ON_HOLD)
    ]
    for mover in movers:
        override = ctx.overrides[mover.job.op_id]
        targets = [i for i, s in enumerate(rows) if s.job.op_id == override.target_op_id]
        if not targets or (
            rows[targets[0]].status is RowStatus.RUNNING and override.kind is OverrideKind.BEFORE
        ):
            continue
        rows.remove(mover)
        target = next(i for i, s in enumerate(rows) if s.job.op_id == override.target_op_id)
        rows.insert(target if override.kind is OverrideKind.BEFORE else target + 1, mover)
    return rows


def rank_lane(
    jobs: Sequence[Job],
    ctx: LaneContext,
    policy: Policy,
    now: datetime,
    previous: Sequence[str] = (),
    memo: LaneMemo | None = None,
) -> list[RankedRow]:
    """Rank one work center's open operations; `previous` is the order now on screen."""
    memo = memo if memo is not None else LaneMemo()
    rows = _apply_moves(
        _order(_score_all(jobs, ctx, policy, now, memo), previous, policy.hysteresis), ctx
    )
    ranked = []
    for rank, s in enumerate(rows, start=1):
        op = s.job.op_id
        override = ctx.overrides.get(op)
        shortfall = ctx.shortfalls.get(op)
        key = (
            s.status,
            override,
            shortfall,
            ctx.holds.get(op),
            ctx.machine.down,
            ctx.machine.reason,
        )
        cached = memo.reasons.get(op)
        if cached is not None and cached[0] is s.job and cached[1] == key:
            text = cached[2]
        else:
            text = reason(s.job, s.status, s.cr, ctx, now)
            memo.reasons[op] = (s.job, key, text)
        ranked.append(
            RankedRow(
                op_id=op,
                rank=rank,
                status=s.status,
                score=s.score,
                reason=text,
                breakdown=s.breakdown,
                override=override,
                shortfall=shortfall,
            )
        )
    return ranked


# --- reasons --------------------------------------------------------------------------
# A reason is a Message (a screen says it in the person's language). A full rank makes
# thousands, and every Message is an object the garbage collector tracks: the pieces many
# rows share (a duration, a due date, a critical ratio, a customer) are made once and
# reused, so a row adds one Message of its own.


@functools.lru_cache(maxsize=1024)
def _span(unit: str, n: int) -> Message:
    if unit == "min":
        return tr("{n} min", n=n)
    if unit == "h":
        return tr("{n} h", n=n)
    return tr("{n} d", n=n)


def _hours(minutes: float) -> Message:
    if abs(minutes) < 59.5:
        return _span("min", max(round(abs(minutes)), 1))
    if abs(minutes) < 48 * 60:
        return _span("h", round(abs(minutes) / 60))
    return _span("d", round(abs(minutes) / 1440))


@functools.lru_cache(maxsize=1024)
def _due(ahead: bool, time: Message) -> Message:
    return tr("due in {time}", time=time) if ahead else tr("overdue {time}", time=time)


def due_text(due_at: datetime, now: datetime) -> Message:
    minutes = (due_at - now).total_seconds() / 60
    return _due(minutes >= 0, _hours(minutes))


_LATE = tr("late")


@functools.lru_cache(maxsize=1024)
def _ratio(cr: float, at_risk: bool) -> Message:
    if at_risk:
        return tr("late risk: critical ratio {cr}", cr=Number(cr, 1, fixed=True))
    return tr("critical ratio {cr}", cr=Number(cr, 1, fixed=True))


@functools.lru_cache(maxsize=1024)
def _same_family(family: str) -> Message:
    return tr("same setup family as running job ({family})", family=family)


@functools.lru_cache(maxsize=1024)
def _customer(customer: str, priority: str) -> Message:
    return tr("customer {customer} ({priority})", customer=customer, priority=priority)


def _joined(parts: list[Message]) -> str:
    """'critical ratio 1.6, due in 25 h': the parts, in one Message."""
    if len(parts) == 2:
        return tr("{a}, {b}", a=parts[0], b=parts[1])
    if len(parts) == 3:
        return tr("{a}, {b}, {c}", a=parts[0], b=parts[1], c=parts[2])
    if len(parts) == 4:
        return tr("{a}, {b}, {c}, {d}", a=parts[0], b=parts[1], c=parts[2], d=parts[3])
    return listing(parts, ", ")


def _qty(value: float) -> Number:
    return Number(value)


def reason(job: Job, status: RowStatus, cr: float, ctx: LaneContext, now: datetime) -> str:
    """One line a person reads to understand why this row is where it is (a Message: the
    screen says it in the person's language)."""
    override = ctx.overrides.get(job.op_id)
    if status is RowStatus.RUNNING:
        good, total = _qty(job.qty_good), _qty(job.quantity)
        if job.started_at is not None:
            # A duration, not a clock time: the screen, not the domain, knows the time zone.
            minutes = max((now - job.started_at).total_seconds() / 60, 0)
            text = tr(
                "running for {time}, {good} of {total} done",
                time=_hours(minutes),
                good=good,
                total=total,
            )
        else:
            text = tr("running, {good} of {total} done", good=good, total=total)
        if ctx.machine.down:
            return tr("{running}; machine down ({reason})", running=text, reason=ctx.machine.reason)
        return text
    if status is RowStatus.ON_HOLD:
        hold = ctx.holds.get(job.op_id)
        if hold is not None:
            return tr("on hold: {reason}", reason=hold.reason)
        assert override is not None
        return tr("held by {by}: {reason}", by=override.by, reason=override.reason)
    if status is RowStatus.BLOCKED_MACHINE:
        if ctx.machine.reason:
            return tr("blocked: machine down ({reason})", reason=ctx.machine.reason)
        return tr("blocked: machine down (no reason yet)")
    if status is RowStatus.BLOCKED_MATERIAL:
        short = ctx.shortfalls[job.op_id]
        return tr(
            "blocked: short {qty} of {item}, {due}",
            qty=_qty(round(short.short, 3)),
            item=short.item,
            due=due_text(job.due_at, now),
        )
    if status is RowStatus.WAITING:
        assert job.waiting_for is not None
        seq, wc = job.waiting_for
        return tr(
            "waiting for op {seq} at {work_center}, {due}",
            seq=seq,
            work_center=wc,
            due=due_text(job.due_at, now),
        )
    if override is not None and override.kind is OverrideKind.PIN:
        return tr("pinned by {by}: {reason}", by=override.by, reason=override.reason)
    if override is not None and override.kind is OverrideKind.BEFORE:
        return tr(
            "moved before {target} by {by}: {reason}",
            target=override.target_op_id,
            by=override.by,
            reason=override.reason,
        )
    if override is not None and override.kind is OverrideKind.AFTER:
        return tr(
            "moved after {target} by {by}: {reason}",
            target=override.target_op_id,
            by=override.by,
            reason=override.reason,
        )
    parts: list[Message] = []
    if job.due_at <= now:
        parts.append(_LATE)
    elif cr < 1:
        parts.append(_ratio(round(cr, 1), True))
    elif job.setup_family and job.setup_family == ctx.last_family:
        parts.append(_same_family(job.setup_family))
        parts.append(_ratio(round(cr, 1), False))
    else:
        parts.append(_ratio(round(cr, 1), False))
    parts.append(due_text(job.due_at, now))
    if job.customer:
        parts.append(_customer(job.customer, job.priority_class.value))
    return _joined(parts)
