"""Reducers for what machine signals record: downtimes ending, micro-stops, part counts,
and the reason a person gives a machine's stop afterwards.

A machine's downtime opens as an ordinary exception (exception.raised, channel machine)
and its state changes are machine.state_changed (app/projections/execution.py); what is
here is what only a machine says.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import as_utc, iso
from app.errors import Rejected
from app.events.envelope import Event
from app.events.payloads import (
    DowntimeReasonGiven,
    MachineDowntimeEnded,
    MachineMicroStop,
    MachinePartsCounted,
)
from app.i18n import QT_TR_NOOP, tr
from app.model import ErpPosting, OperationInstance, ShopException, WorkCenter
from app.model.types import (
    ExceptionKind,
    ExceptionStatus,
    MachineState,
    OperationStatus,
    PostingKind,
    PostingStatus,
)
from app.projections.exceptions import settle
from app.projections.execution import posting_id
from app.projections.registry import existing, find, reduces
from app.routing.reasons import load_reasons

# How long after a machine's downtime ended its reason may still be given or changed.
REASON_EDITABLE = timedelta(days=1)


def minutes_text(seconds: float) -> str:
    """'12 min', '1 h 05 min', '40 s': how long a stop lasted, in the record's words."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    hours, minutes = divmod(whole // 60, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


@reduces(MachineDowntimeEnded)
def downtime_ended(session: Session, p: MachineDowntimeEnded, event: Event) -> None:
    exc = existing(session, ShopException, p.exception_id, QT_TR_NOOP("exception"))
    if exc.kind is not ExceptionKind.MACHINE_DOWNTIME:
        raise Rejected(tr("exception {exception} is not a machine's downtime", exception=exc.id))
    seconds = max(0.0, (as_utc(p.ended_at) - as_utc(p.since)).total_seconds())
    measured = {
        "stopped_at": iso(p.since),
        "ran_again_at": iso(p.ended_at),
        "downtime_s": round(seconds, 3),
        "reason_editable_until": iso(p.ended_at + REASON_EDITABLE),
    }
    reason = p.reason_code or exc.details.get("reason_code")
    if exc.status in (ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED):
        # A person resolved it before the machine ran again: their decision stands, the
        # record gains how long the machine stood.
        exc.details = {**exc.details, **measured}
        return
    if isinstance(reason, str):
        measured["reason_code"] = reason
    settle(
        session,
        exc,
        event,
        decision=f"machine running again after {minutes_text(seconds)}",
        root_cause=reason if isinstance(reason, str) else None,
        details=measured,
        at=p.ended_at,
    )
    # The machine said it runs: that, not whether a job was started, is its state now.
    wc = session.get(WorkCenter, p.work_center)
    if wc is not None:
        wc.machine_state, wc.machine_reason = MachineState.RUNNING, None
        wc.machine_since = p.ended_at
    # The reason may come later: the posting it then corrects, while still unsent.
    exc.details = {**exc.details, "posting": posting_id(event.id, PostingKind.DOWNTIME)}


@reduces(MachineMicroStop)
def micro_stop(session: Session, p: MachineMicroStop, event: Event) -> None:
    """Nothing to show on a board: the metrics count micro-stops from the log."""


@reduces(MachinePartsCounted)
def parts_counted(session: Session, p: MachinePartsCounted, event: Event) -> None:
    running = session.scalars(
        select(OperationInstance).where(
            OperationInstance.work_center_code == p.work_center,
            OperationInstance.status == OperationStatus.RUNNING,
        )
    ).all()
    # Parts made with no job started are the machine's alone: nothing to advance.
    if len(running) == 1:
        running[0].machine_count += p.count


@reduces(DowntimeReasonGiven)
def reason_given(session: Session, p: DowntimeReasonGiven, event: Event) -> None:
    exc = existing(session, ShopException, p.exception_id, QT_TR_NOOP("exception"))
    if exc.kind is not ExceptionKind.MACHINE_DOWNTIME:
        raise Rejected(tr("exception {exception} is not a machine's downtime", exception=exc.id))
    tree = load_reasons()
    if tree.reason(p.reason_code) is None and tree.category(p.reason_code) is None:
        raise Rejected(
            tr("reason_code: {code} is not in the downtime reason list", code=repr(p.reason_code))
        )
    until = exc.details.get("reason_editable_until")
    if isinstance(until, str) and as_utc(event.occurred_at) > datetime.fromisoformat(until):
        raise Rejected(
            tr(
                "the reason of this downtime could be given until {until} UTC",
                until=until[:16].replace("T", " "),
            )
        )
    exc.details = {**exc.details, "reason_code": p.reason_code, "reason_by": event.actor}
    if p.note:
        exc.note = f"{exc.note}\n{p.note}" if exc.note else p.note
    if exc.status in (ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED):
        exc.root_cause = p.reason_code
    # The downtime's posting goes with the reason now given, if the writer has not sent
    # it yet; a sent one keeps what the ERP was told (the record has the correction).
    pid = exc.details.get("posting")
    posting = find(session, ErpPosting, pid) if isinstance(pid, str) else None
    if posting is not None and posting.status is PostingStatus.PENDING:
        posting.payload = {**posting.payload, "reason": p.reason_code}
