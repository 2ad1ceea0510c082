"""Machine decisions become events: the one way a machine signal reaches the log.

The work-center state machines (app/machines) decide; this service records what they
decided as events by the machine source ("machine:<source>"), each with the name-based
id of its fact, so a decision recorded twice (two hosts on one broker, a host replaying
after a restart) is kept once. A downtime opens as an ordinary exception, routed by the
same rules as one raised at a kiosk, on the machine channel.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.authz import MACHINE_PREFIX
from app.clock import Clock, as_utc, iso
from app.events.payloads import (
    DowntimeReasonGiven,
    MachineDowntimeEnded,
    MachineMicroStop,
    MachinePartsCounted,
    MachineStateChanged,
    OperationConfirmed,
)
from app.limits import confirmation_excess
from app.machines.calendar import ShiftCalendar
from app.machines.decisions import (
    MACHINE_FACT_NAMESPACE,
    Decision,
    DowntimeClosed,
    DowntimeOpened,
    MicroStop,
    PartsMade,
    StateChanged,
    decision_id,
    downtime_id,
    downtime_key,
)
from app.machines.mapping import MachineMapping
from app.machines.state import OpenDowntime
from app.model import Area, EventRecord, OperationInstance, ShopException, Site, WorkCenter
from app.model import ShiftCalendar as PlantCalendar
from app.model.types import (
    Channel,
    ExceptionKind,
    ExceptionStatus,
    OperationStatus,
    Severity,
)
from app.services.base import Service, Tx
from app.services.exceptions import ExceptionService, NewException
from app.store import Store

logger = logging.getLogger(__name__)


def machine_actor(source: str) -> str:
    """The actor a machine source records as: "machine:line-mqtt"."""
    return f"{MACHINE_PREFIX}{source}"


def downtime_exception_id(key: str) -> str:
    """The exception a machine's downtime is: named after the downtime itself (the id of
    the event that raised it too), so its end and its reason name it alike everywhere."""
    return str(downtime_id(key))


@dataclass(frozen=True)
class Recorded:
    """What one call recorded: event ids, and how many decisions were already in the log."""

    events: tuple[str, ...]
    already: int


class MachineService(Service):
    """Records a machine source's decisions; `exceptions` routes the downtimes it opens."""

    def __init__(
        self,
        store: Store,
        clock: Clock | None = None,
        *,
        exceptions: ExceptionService | None = None,
    ) -> None:
        super().__init__(store, clock)
        self.exceptions = exceptions or ExceptionService(store, self.clock)

    def record(self, source: str, decisions: Iterable[Decision]) -> Recorded:
        """Record `decisions` in one transaction; a fact the log already holds is skipped."""
        actor = machine_actor(source)
        events: list[str] = []
        already = 0
        decided = [(str(decision_id(d)), d) for d in decisions]
        with self.transaction() as tx:
            held = set(
                tx.session.scalars(
                    select(EventRecord.id).where(EventRecord.id.in_([i for i, _ in decided]))
                )
            )
            for event_id, decision in decided:
                if event_id in held:
                    already += 1
                    continue
                held.add(event_id)
                if self._record(tx, actor, decision, event_id):
                    events.append(event_id)
        return Recorded(tuple(events), already)

    def _record(self, tx: Tx, actor: str, decision: Decision, event_id: str) -> bool:
        at = as_utc(decision.at)
        match decision:
            case StateChanged():
                tx.emit(
                    MachineStateChanged(
                        work_center=decision.work_center,
                        state=decision.state,
                        reason=decision.detail[:200] or None,
                    ),
                    actor,
                    event_id=event_id,
                    occurred_at=at,
                )
            case MicroStop():
                tx.emit(
                    MachineMicroStop(
                        work_center=decision.work_center,
                        since=decision.since,
                        duration_s=round(decision.duration.total_seconds(), 3),
                        fault_code=decision.fault_code,
                    ),
                    actor,
                    event_id=event_id,
                    occurred_at=at,
                )
            case DowntimeOpened():
                details: dict[str, str | float | int | bool | None] = {
                    "stopped_at": iso(decision.since),
                    "source": actor.removeprefix(MACHINE_PREFIX),
                }
                if decision.fault_code:
                    details["fault_code"] = decision.fault_code
                if decision.reason_code:
                    details["reason_code"] = decision.reason_code
                self.exceptions.raise_in(
                    tx,
                    actor,
                    NewException(
                        kind=ExceptionKind.MACHINE_DOWNTIME,
                        channel=Channel.MACHINE,
                        severity=Severity.HIGH,
                        work_center=decision.work_center,
                        summary=(
                            f"{decision.work_center} stopped: fault {decision.fault_code}"
                            if decision.fault_code
                            else f"{decision.work_center} stopped"
                        ),
                        details=details,
                    ),
                    exception_id=downtime_exception_id(decision.downtime_key),
                    event_id=event_id,
                    at=at,
                )
            case DowntimeClosed():
                exception_id = downtime_exception_id(decision.downtime_key)
                if tx.session.get(ShopException, exception_id) is None:
                    # It closed before it was ever recorded open (its host started late):
                    # a stop the log never saw has nothing to end.
                    logger.info("downtime %s closed unrecorded", decision.downtime_key)
                    return False
                tx.emit(
                    MachineDowntimeEnded(
                        exception_id=exception_id,
                        work_center=decision.work_center,
                        since=decision.since,
                        ended_at=at,
                        reason_code=decision.reason_code,
                    ),
                    actor,
                    event_id=event_id,
                    occurred_at=at,
                )
            case PartsMade():
                if decision.count <= 0:
                    return False
                tx.emit(
                    MachinePartsCounted(work_center=decision.work_center, count=decision.count),
                    actor,
                    event_id=event_id,
                    occurred_at=at,
                )
                if decision.auto_confirm:
                    self._auto_confirm(tx, actor, decision, event_id)
            case _:
                return False  # diagnostics only (unusable readings, answered reasons)
        return True

    def _auto_confirm(self, tx: Tx, actor: str, parts: PartsMade, event_id: str) -> None:
        """The plant lets its machines confirm: the parts go to the running job as good
        quantity (and to the ERP as its confirmation), within the over-delivery limit;
        beyond it they stay counted only, for a person to confirm."""
        running = tx.session.scalars(
            select(OperationInstance).where(
                OperationInstance.work_center_code == parts.work_center,
                OperationInstance.status == OperationStatus.RUNNING,
            )
        ).all()
        if len(running) != 1:
            return  # no job, or several: the machine cannot say whose parts they are
        op = running[0]
        if confirmation_excess(tx.session, op, float(parts.count), 0.0, actor) is not None:
            logger.info("%s: %d parts over the limit left for a person", op.id, parts.count)
            return
        tx.emit(
            OperationConfirmed(operation_id=op.id, good=float(parts.count)),
            actor,
            event_id=str(uuid.uuid5(MACHINE_FACT_NAMESPACE, f"{event_id}:confirmed")),
            occurred_at=as_utc(parts.at),
        )

    def give_reason(
        self, actor: str, exception_id: str, reason_code: str, note: str | None = None
    ) -> None:
        """A person says why the machine stopped (the kiosk's prompt, or later)."""
        with self.transaction() as tx:
            tx.emit(
                DowntimeReasonGiven(exception_id=exception_id, reason_code=reason_code, note=note),
                actor,
            )

    def calendars(self, mapping: MachineMapping) -> dict[str, ShiftCalendar]:
        """Each mapped work center's production time: its calendar's shifts, in its
        site's zone, less the breaks the mapping file names (none: around the clock)."""
        breaks = mapping.breaks_by_calendar()
        result: dict[str, ShiftCalendar] = {}
        with self.store.read() as session:
            for wc in mapping.work_centers:
                row = session.get(WorkCenter, wc.code)
                calendar = (
                    session.get(PlantCalendar, row.calendar_code)
                    if row is not None and row.calendar_code
                    else None
                )
                if row is None or calendar is None or not calendar.shifts:
                    result[wc.code] = ShiftCalendar.around_the_clock()
                    continue
                area = session.get(Area, row.area_code)
                site = session.get(Site, area.site_code) if area is not None else None
                result[wc.code] = ShiftCalendar.from_specs(
                    calendar.shifts,
                    site.timezone if site is not None else "UTC",
                    breaks.get(calendar.code, ()),
                )
        return result

    def open_downtimes(self, source: str) -> list[OpenDowntime]:
        """The downtimes this source opened that the log still holds open: a restarted
        host resumes them instead of raising them again."""
        with self.store.read() as session:
            rows = session.scalars(
                select(ShopException).where(
                    ShopException.kind == ExceptionKind.MACHINE_DOWNTIME,
                    ShopException.raised_by == machine_actor(source),
                    ShopException.status.not_in((ExceptionStatus.RESOLVED, ExceptionStatus.CLOSED)),
                )
            ).all()
            result = []
            for exc in rows:
                stopped = exc.details.get("stopped_at")
                if not isinstance(stopped, str) or exc.work_center_code is None:
                    continue
                reason = exc.details.get("reason_code")
                result.append(
                    OpenDowntime(
                        work_center=exc.work_center_code,
                        since=datetime.fromisoformat(stopped),
                        fault_code=_text(exc.details.get("fault_code")),
                        reason_code=_text(reason),
                        reason_answered="reason_by" in exc.details,
                    )
                )
            return result


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


__all__ = ["MachineService", "Recorded", "downtime_exception_id", "downtime_key", "machine_actor"]
