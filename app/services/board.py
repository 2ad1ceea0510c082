"""Decisions that shape the board: overrides, machine states, holds."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.authz import require_role
from app.clock import Clock
from app.errors import ValidationError
from app.events.payloads import (
    HoldPlaced,
    HoldReleased,
    MachineStateChanged,
    OverrideCleared,
    OverrideSet,
)
from app.i18n import tr
from app.model import Hold, OperationInstance, PriorityOverride, WorkCenter
from app.model.types import HoldScope, MachineState, OperationStatus, OverrideKind, Role
from app.priority.board import Board
from app.priority.load import lane_state
from app.priority.model import RankedRow, RowStatus
from app.priority.policy import load_policy
from app.services.base import Service
from app.store import Store

MIN_REASON = 3


def _reason(text: str, field: str = "reason") -> str:
    text = text.strip()
    if len(text) < MIN_REASON:
        raise ValidationError.one(
            field, tr("say why (at least a few words): it is shown on the board")
        )
    return text


def _job(op_id: str) -> str:
    number, _, seq = op_id.partition("/")
    return tr("{order} op {seq}", order=number, seq=int(seq)) if seq.isdigit() else op_id


def lane_from_database(session: Session, work_center: str, now: datetime) -> dict[str, RankedRow]:
    """The lane as the board ranks it now (the same code every terminal ranks with)."""
    board = Board(lane_state(session, work_center), load_policy())
    return {row.op_id: row for row in board.rerank({work_center}, now).get(work_center, [])}


def refusal(
    kind: OverrideKind, row: RankedRow | None, target: RankedRow | None = None
) -> str | None:
    """Why this override would change nothing on the board (None: it takes effect).

    A pin puts a job first among the jobs that can run: on a job that cannot run now
    (blocked, waiting for its previous operation, held, or already running) it would be
    accepted and show nothing, so it is refused, saying why. A move places a job
    before or after another, blocked or not, but never a running or held job, and never
    before the running one. A hold always takes effect."""
    if row is None or kind is OverrideKind.HOLD:
        return None
    job = _job(row.op_id)
    if row.status is RowStatus.RUNNING:
        return tr("{job} is running already; its place does not change until it is done", job=job)
    if row.status is RowStatus.ON_HOLD:
        return tr("{job} is {reason}; release the hold first", job=job, reason=row.reason)
    if kind is OverrideKind.PIN and row.status is not RowStatus.READY:
        return tr(
            "{job} cannot go first now ({reason}); resolve what stops it, "
            "or move it before another job instead",
            job=job,
            reason=row.reason,
        )
    if kind is OverrideKind.BEFORE and target is not None and target.status is RowStatus.RUNNING:
        return tr("nothing goes before {job}: it is running", job=_job(target.op_id))
    return None


# The lane of a work center as ranked now: read from the database by default; a terminal
# that keeps the board in memory hands its own (it ranks with the same code).
RankedLane = Callable[[Session, str, datetime], dict[str, RankedRow]]


class BoardService(Service):
    def __init__(
        self, store: Store, clock: Clock | None = None, ranked_lane: RankedLane | None = None
    ) -> None:
        super().__init__(store, clock)
        self._ranked_lane = ranked_lane or lane_from_database

    def override(
        self,
        actor: str,
        operation_id: str,
        kind: OverrideKind,
        reason: str,
        *,
        target_operation_id: str | None = None,
    ) -> str:
        """Pin, move or hold a job; only a supervisor may. Returns the override's id."""
        reason = _reason(reason)
        with self.transaction() as tx:
            require_role(
                tx.session, actor, Role.SUPERVISOR, Role.MANAGER, action=tr("override priority")
            )
            op = tx.session.get(OperationInstance, operation_id)
            if op is None:
                raise ValidationError.one(
                    "operation", tr("unknown operation {id}", id=repr(operation_id))
                )
            if op.status is OperationStatus.COMPLETED:
                raise ValidationError.one("operation", tr("{op} is already completed", op=op.id))
            if kind in (OverrideKind.BEFORE, OverrideKind.AFTER):
                target = tx.session.get(OperationInstance, target_operation_id or "")
                if target is None:
                    raise ValidationError.one(
                        "target",
                        tr("choose the job to move before")
                        if kind is OverrideKind.BEFORE
                        else tr("choose the job to move after"),
                    )
                if target.work_center_code != op.work_center_code:
                    raise ValidationError.one(
                        "target",
                        tr(
                            "{op} is not in {work_center}'s lane",
                            op=target.id,
                            work_center=op.work_center_code,
                        ),
                    )
                if target.id == op.id:
                    raise ValidationError.one("target", tr("a job cannot move relative to itself"))
            elif target_operation_id is not None:
                raise ValidationError.one(
                    "target",
                    tr("a pin takes no target")
                    if kind is OverrideKind.PIN
                    else tr("a hold takes no target"),
                )
            if kind is not OverrideKind.HOLD:
                rows = self._ranked_lane(tx.session, op.work_center_code, tx.clock.now())
                why_not = refusal(kind, rows.get(op.id), rows.get(target_operation_id or ""))
                if why_not is not None:
                    raise ValidationError.one("operation", why_not)
            override_id = str(uuid.uuid4())
            tx.emit(
                OverrideSet(
                    override_id=override_id,
                    operation_id=op.id,
                    kind=kind,
                    target_operation_id=target_operation_id,
                    reason=reason,
                ),
                actor,
            )
            return override_id

    def clear_override(self, actor: str, operation_id: str, reason: str) -> None:
        reason = _reason(reason)
        with self.transaction() as tx:
            require_role(
                tx.session, actor, Role.SUPERVISOR, Role.MANAGER, action=tr("clear an override")
            )
            active = tx.session.scalars(
                select(PriorityOverride).where(
                    PriorityOverride.operation_id == operation_id,
                    PriorityOverride.lapsed_at.is_(None),
                )
            ).first()
            if active is None:
                raise ValidationError.one(
                    "operation", tr("{op} has no override to clear", op=operation_id)
                )
            tx.emit(OverrideCleared(override_id=active.id, reason=reason), actor)

    def set_machine_state(
        self, actor: str, work_center: str, state: MachineState, reason: str | None = None
    ) -> None:
        with self.transaction() as tx:
            if tx.session.get(WorkCenter, work_center) is None:
                raise ValidationError.one(
                    "work_center", tr("unknown work center {code}", code=repr(work_center))
                )
            tx.emit(MachineStateChanged(work_center=work_center, state=state, reason=reason), actor)

    def place_hold(self, actor: str, scope: HoldScope, key: str, reason: str) -> str:
        reason = _reason(reason)
        hold_id = str(uuid.uuid4())
        with self.transaction() as tx:
            tx.emit(HoldPlaced(hold_id=hold_id, scope=scope, key=key, reason=reason), actor)
        return hold_id

    def release_hold(self, actor: str, hold_id: str, note: str) -> None:
        note = _reason(note, "note")
        with self.transaction() as tx:
            require_role(tx.session, actor, Role.QUALITY, action=tr("release a hold"))
            hold = tx.session.get(Hold, hold_id)
            if hold is None or hold.released_at is not None:
                raise ValidationError.one("hold", tr("no active hold {id}", id=repr(hold_id)))
            tx.emit(HoldReleased(hold_id=hold_id, note=note), actor)
