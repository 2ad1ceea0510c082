"""What the kiosk reads about its machine: the stops still waiting for a reason, and how
many parts the machine counted for the running job.

Screens run both on the database lane (ui.background) in a short read session; they hand back
frozen rows. They read the projections the machine events keep (app/projections/machines):
a machine's downtime is an exception on the machine channel whose details say when it
stopped (`stopped_at`), when it ran again (`ran_again_at`, `downtime_s`), until when its
reason may be given (`reason_editable_until`, set when it ended) and, once known, the
reason (`reason_code`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.clock import as_utc
from app.model import OperationInstance, ShopException
from app.model.types import Channel, ExceptionKind, ExceptionStatus

# A downtime resolved longer ago than this cannot still be in its reason's edit window
# (a day after it ended; app.projections.machines), so it is not read at all.
_LOOKBACK = timedelta(days=2)


@dataclass(frozen=True)
class MachineStop:
    """A machine's stop that has no reason yet, open or within its edit window."""

    exception_id: str
    work_center: str
    stopped_at: datetime
    fault_code: str | None
    ran_again_at: datetime | None  # None: the machine is still stopped
    downtime_s: float | None
    editable_until: datetime | None  # None: it is still open (no end, no deadline yet)

    @property
    def is_open(self) -> bool:
        return self.ran_again_at is None


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return as_utc(datetime.fromisoformat(value))
    except ValueError:
        return None


def _stop(exc: ShopException, now: datetime) -> MachineStop | None:
    """`exc` as a stop waiting for its reason, or None when it has one or it is too late."""
    details = exc.details or {}
    if details.get("reason_code") or exc.work_center_code is None:
        return None
    until = _moment(details.get("reason_editable_until"))
    if until is not None and now > until:
        return None
    seconds = details.get("downtime_s")
    fault = details.get("fault_code")
    return MachineStop(
        exception_id=exc.id,
        work_center=exc.work_center_code,
        stopped_at=_moment(details.get("stopped_at")) or as_utc(exc.raised_at),
        fault_code=fault if isinstance(fault, str) else None,
        ran_again_at=_moment(details.get("ran_again_at")),
        downtime_s=float(seconds) if isinstance(seconds, int | float) else None,
        editable_until=until,
    )


def stops_awaiting_reason(
    session: Session, work_center: str, now: datetime
) -> tuple[MachineStop, ...]:
    """The machine stops of `work_center` nobody has given a reason for yet and whose
    reason may still be given at `now`, the one that stopped first first."""
    now = as_utc(now)
    rows = session.scalars(
        select(ShopException)
        .where(
            ShopException.kind == ExceptionKind.MACHINE_DOWNTIME,
            ShopException.channel == Channel.MACHINE,
            ShopException.work_center_code == work_center,
            or_(
                ShopException.status.not_in((ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED)),
                ShopException.resolved_at >= now - _LOOKBACK,
            ),
        )
        .order_by(ShopException.raised_at, ShopException.id)
    ).all()
    stops = (_stop(exc, now) for exc in rows)
    return tuple(sorted((s for s in stops if s is not None), key=lambda s: s.stopped_at))


def machine_count(session: Session, operation_id: str) -> int:
    """The parts the machine counted while `operation_id` ran (people still confirm)."""
    op = session.get(OperationInstance, operation_id)
    return op.machine_count if op is not None else 0
