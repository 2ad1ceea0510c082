"""Reading the log into the metrics' history: hand-built logs (the `Log` builder the
other metrics tests use) and a log made by the real services on a store."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select

from app.clock import FixedClock
from app.events import log
from app.events.envelope import GENESIS_HASH, Event
from app.events.log import record_row
from app.events.payloads import (
    AreaDefined,
    ErpPostingAcknowledged,
    ErpPostingCancelled,
    ErpPostingFailed,
    ExceptionAcknowledged,
    ExceptionClosed,
    ExceptionDeadlinePassed,
    ExceptionProgressed,
    ExceptionRaised,
    ExceptionReassigned,
    ExceptionReopened,
    ExceptionResolved,
    MachineDowntimeEnded,
    MachineMicroStop,
    MachineStateChanged,
    MaterialSpec,
    OperationConfirmed,
    OperationSpec,
    OperationStarted,
    OverrideSet,
    Payload,
    ShiftCalendarDefined,
    ShiftSpec,
    SiteDefined,
    TaskAcknowledged,
    TaskDone,
    TaskSpec,
    WorkCenterDefined,
    WorkOrderReleased,
)
from app.metrics import History, build_history, load_history
from app.model import ErpPosting, EventRecord, ShopException, Task, WorkCenter
from app.model.types import (
    Channel,
    ExceptionKind,
    MachineState,
    OverrideKind,
    PostingKind,
    Role,
    Severity,
)
from app.projections.execution import posting_id
from app.services.exceptions import ExceptionService, NewException
from app.store import Store
from tests.postings import confirm_operation, erp_acknowledges

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # a Monday
MACHINE = "machine:press-line"


class Log:
    """A hand-built event log: real payloads, sealed and chained like a terminal's.

    Moments are given as minutes after T0 (or as datetimes); ids come back so a test
    can refer to what it made."""

    def __init__(self, start: datetime = T0) -> None:
        self.start = start
        self.events: list[Event] = []
        self.terminal = str(uuid.uuid4())
        self._prev = GENESIS_HASH

    def moment(self, at: float | datetime) -> datetime:
        return at if isinstance(at, datetime) else self.start + timedelta(minutes=at)

    def add(
        self,
        payload: Payload,
        at: float | datetime = 0,
        actor: str = "2001",
        *,
        event_id: str | None = None,
        clock_offset_s: float | None = None,
    ) -> Event:
        event = Event.sealed(
            id=event_id or str(uuid.uuid4()),
            terminal_id=self.terminal,
            terminal_seq=len(self.events) + 1,
            kind=payload.KIND,
            payload=payload.as_json(),
            actor=actor,
            occurred_at=self.moment(at),
            prev_hash=self._prev,
        )
        if clock_offset_s is not None:  # the server's receipt of it
            event = replace(event, clock_offset_s=clock_offset_s)
        self._prev = event.hash
        self.events.append(event)
        return event

    def history(self) -> History:
        return build_history(self.events)

    # --- the plant ------------------------------------------------------------------

    def plant(
        self,
        work_centers: dict[str, str],
        *,
        timezone: str = "UTC",
        shifts: list[tuple[str, str, str, str]] | None = None,
    ) -> None:
        """A site, its areas and work centers ({code: area}); with `shifts`
        [(name, weekdays, starts, ends)] every work center runs on that calendar."""
        self.add(SiteDefined(code="S1", name="Site", timezone=timezone), -10_000)
        for area in sorted(set(work_centers.values())):
            self.add(AreaDefined(code=area, site="S1", name=area), -10_000)
        if shifts:
            self.add(
                ShiftCalendarDefined(
                    code="CAL",
                    name="Calendar",
                    shifts=[
                        ShiftSpec(
                            name=n,
                            weekdays=w,
                            starts=time.fromisoformat(s),
                            ends=time.fromisoformat(e),
                        )
                        for n, w, s, e in shifts
                    ],
                ),
                -10_000,
            )
        for code, area in work_centers.items():
            self.add(
                WorkCenterDefined(
                    code=code, area=area, name=code, calendar="CAL" if shifts else None
                ),
                -10_000,
            )

    def order(
        self, number: str, item: str, steps: list[str], materials: tuple[str, ...] = ()
    ) -> list[str]:
        """A released work order with an operation per work center in `steps`; returns
        the operation ids."""
        self.add(
            WorkOrderReleased(
                number=number,
                item=item,
                quantity=10,
                due_at=self.start + timedelta(days=5),
                operations=[
                    OperationSpec(
                        seq=10 * (n + 1),
                        work_center=wc,
                        description="step",
                        setup_minutes=0,
                        run_minutes=10,
                    )
                    for n, wc in enumerate(steps)
                ],
                materials=[MaterialSpec(item=m, quantity=1, need_at=self.start) for m in materials],
            ),
            -9_000,
        )
        return [f"{number}/{10 * (n + 1):04d}" for n in range(len(steps))]

    # --- exceptions -------------------------------------------------------------------

    def raise_(
        self,
        at: float | datetime = 0,
        *,
        kind: ExceptionKind = ExceptionKind.MATERIAL_SHORTAGE,
        work_center: str | None = "WC-1",
        owner: Role = Role.PROCUREMENT,
        channel: Channel = Channel.KIOSK,
        ack_minutes: float = 15,
        resolve_minutes: float = 120,
        tasks: tuple[Role, ...] = (),
        actor: str = "1001",
        exception_id: str | None = None,
        event_id: str | None = None,
        **fields: Any,
    ) -> tuple[str, list[str]]:
        """An exception raised at `at`; returns its id and its tasks' ids."""
        raised = self.moment(at)
        xid = exception_id or str(uuid.uuid4())
        task_ids = [str(uuid.uuid4()) for _ in tasks]
        self.add(
            ExceptionRaised(
                exception_id=xid,
                kind=kind,
                severity=Severity.MEDIUM,
                channel=channel,
                summary=f"{kind.value} at {work_center}",
                work_center=work_center,
                rule="test rule",
                owner_role=owner,
                ack_due=raised + timedelta(minutes=ack_minutes),
                resolve_due=raised + timedelta(minutes=resolve_minutes),
                tasks=[
                    TaskSpec(
                        task_id=tid,
                        function=f,
                        action="do it",
                        due_at=raised + timedelta(minutes=resolve_minutes),
                    )
                    for tid, f in zip(task_ids, tasks, strict=True)
                ],
                **fields,
            ),
            raised,
            actor,
            event_id=event_id,
        )
        return xid, task_ids

    def ack(self, xid: str, at: float | datetime, actor: str = "5001") -> Event:
        return self.add(ExceptionAcknowledged(exception_id=xid), at, actor)

    def progress(self, xid: str, at: float | datetime, actor: str = "5001") -> Event:
        return self.add(ExceptionProgressed(exception_id=xid), at, actor)

    def reassign(
        self, xid: str, at: float | datetime, role: Role, user: str | None = None
    ) -> Event:
        return self.add(
            ExceptionReassigned(
                exception_id=xid, owner_role=role, owner_user=user, reason="not ours after all"
            ),
            at,
        )

    def resolve(
        self,
        xid: str,
        at: float | datetime,
        root_cause: str = "material/supplier",
        actor: str = "5001",
        decision: str = "expedited from the second supplier",
        **details: str | float | int | bool | None,
    ) -> Event:
        return self.add(
            ExceptionResolved(
                exception_id=xid,
                decision=decision,
                root_cause=root_cause,
                details=details,
            ),
            at,
            actor,
        )

    def close(self, xid: str, at: float | datetime) -> Event:
        return self.add(ExceptionClosed(exception_id=xid), at)

    def reopen(self, xid: str, at: float | datetime) -> Event:
        return self.add(ExceptionReopened(exception_id=xid, reason="it happened again"), at)

    def deadline(
        self, xid: str, fact: str, at: float | datetime, to_role: Role | None = None
    ) -> Event:
        return self.add(
            ExceptionDeadlinePassed(
                exception_id=xid, fact=fact, due_at=self.moment(at), to_role=to_role
            ),
            at,
            "server",
        )

    def task_ack(self, task_id: str, at: float | datetime, actor: str = "2001") -> Event:
        return self.add(TaskAcknowledged(task_id=task_id), at, actor)

    def task_done(self, task_id: str, at: float | datetime, actor: str = "2001") -> Event:
        return self.add(TaskDone(task_id=task_id), at, actor)

    # --- the floor, machines and the ERP ---------------------------------------------------

    def start_op(self, op_id: str, at: float | datetime, actor: str = "1001") -> Event:
        return self.add(OperationStarted(operation_id=op_id), at, actor)

    def confirm(self, op_id: str, at: float | datetime, scrap: float = 0) -> Event:
        return self.add(
            OperationConfirmed(operation_id=op_id, good=5, scrap=scrap, final=True), at, "1001"
        )

    def override(
        self, op_id: str, at: float | datetime, kind: OverrideKind = OverrideKind.PIN
    ) -> Event:
        return self.add(
            OverrideSet(
                override_id=str(uuid.uuid4()),
                operation_id=op_id,
                kind=kind,
                reason="customer is waiting",
            ),
            at,
        )

    def machine_state(
        self, wc: str, state: MachineState, at: float | datetime, actor: str = MACHINE
    ) -> Event:
        return self.add(MachineStateChanged(work_center=wc, state=state), at, actor)

    def micro_stop(self, wc: str, at: float | datetime, seconds: float) -> Event:
        return self.add(
            MachineMicroStop(work_center=wc, since=self.moment(at), duration_s=seconds),
            self.moment(at) + timedelta(seconds=seconds),
            MACHINE,
        )

    def machine_ran_again(
        self,
        xid: str,
        wc: str,
        since: float | datetime,
        at: float | datetime,
        reason: str | None = None,
    ) -> Event:
        return self.add(
            MachineDowntimeEnded(
                exception_id=xid,
                work_center=wc,
                since=self.moment(since),
                ended_at=self.moment(at),
                reason_code=reason,
            ),
            at,
            MACHINE,
        )

    def erp_ack(self, pid: str, at: float | datetime) -> Event:
        return self.add(ErpPostingAcknowledged(posting_id=pid, document="DOC-1"), at, "erp")

    def erp_fail(self, pid: str, at: float | datetime) -> Event:
        return self.add(ErpPostingFailed(posting_id=pid, error="closed"), at, "erp")

    def erp_cancel(self, pid: str, at: float | datetime) -> Event:
        return self.add(ErpPostingCancelled(posting_id=pid, reason="booked by hand"), at)


# --- the loader ---------------------------------------------------------------------------


def test_an_exception_s_whole_story_is_read_in_one_pass() -> None:
    log = Log()
    xid, (t1, t2) = log.raise_(0, tasks=(Role.PROCUREMENT, Role.SUPERVISOR))
    log.ack(xid, 5)
    log.reassign(xid, 10, Role.SUPERVISOR, "2001")
    log.deadline(xid, "escalation:1", 30, Role.MANAGER)
    log.task_ack(t1, 12)
    log.task_done(t2, 40)  # done without acknowledging first: done acknowledges
    resolved = log.resolve(xid, 60)
    log.close(xid, 70)
    log.reopen(xid, 80)
    log.resolve(xid, 100, root_cause="material/staging")

    h = log.history()
    exc = h.exceptions[xid]
    assert exc.acknowledged is not None
    assert exc.acknowledged.at == log.moment(5)
    assert [r.owner_role for r in exc.reassignments] == ["supervisor"]
    assert [d.tier for d in exc.deadlines] == [1]
    assert [r.at for r in exc.resolutions] == [log.moment(60), log.moment(100)]
    assert exc.resolutions[0].event_id == resolved.id
    assert [c.at for c in exc.closings] == [log.moment(70)]
    assert [o.at for o in exc.reopenings] == [log.moment(80)]
    assert h.tasks[t1].acknowledged is not None
    assert h.tasks[t2].acknowledged == h.tasks[t2].done
    assert h.unmatched == 0

    # How it stood at each moment.
    before_close = exc.state_at(log.moment(65))
    assert (before_close.state.value, before_close.root_cause) == ("resolved", "material/supplier")
    assert exc.state_at(log.moment(75)).state.value == "closed"
    reopened = exc.state_at(log.moment(90))
    assert reopened.is_open
    assert reopened.ever_resolved
    assert reopened.reopenings == 1
    final = exc.state_at(log.moment(200))
    assert (final.state.value, final.root_cause, final.owner_role, final.owner_user) == (
        "resolved",
        "material/staging",
        "supervisor",
        "2001",
    )
    assert (final.reassignments, final.escalation_tier) == (1, 1)
    # A handover's open items at a moment.
    assert [e.id for e in h.exceptions_open_at(log.moment(90))] == [xid]
    assert h.exceptions_open_at(log.moment(200)) == []


def test_what_the_reducers_would_refuse_or_find_redundant_changes_nothing() -> None:
    log = Log()
    xid, (task,) = log.raise_(0, tasks=(Role.PROCUREMENT,))
    log.ack(xid, 5)
    log.ack(xid, 6)  # redundant
    log.deadline(xid, "sla:resolve", 30)
    log.deadline(xid, "sla:resolve", 31)  # the same fact from another terminal
    log.resolve(xid, 60)
    log.resolve(xid, 61, root_cause="material/staging")  # already resolved: refused
    log.reassign(xid, 62, Role.QUALITY)  # resolved: refused
    log.progress(xid, 63)  # resolved: refused
    log.task_ack(task, 64)  # closed with its exception: refused
    log.close(xid, 65)
    log.close(xid, 66)  # redundant
    log.add(ExceptionAcknowledged(exception_id="never-raised"), 70)
    h = log.history()
    exc = h.exceptions[xid]
    assert exc.acknowledged is not None
    assert exc.acknowledged.at == log.moment(5)
    assert len(exc.deadlines) == 1
    assert len(exc.resolutions) == 1
    assert exc.resolutions[0].root_cause == "material/supplier"
    assert exc.reassignments == []
    assert h.tasks[task].acknowledged is None
    assert len(exc.closings) == 1
    assert h.unmatched == 1


def test_postings_are_named_after_the_floor_event_that_queued_them() -> None:
    log = Log()
    log.plant({"WC-1": "A1"})
    (op,) = log.order("WO-1", "ITEM-1", ["WC-1"])
    confirmed = log.confirm(op, 10, scrap=1)
    hold, _ = log.raise_(
        20, kind=ExceptionKind.QUALITY_HOLD, owner=Role.QUALITY, work_order="WO-1", item="ITEM-1"
    )
    released = log.resolve(hold, 30, root_cause="process/setup", disposition="use_as_is")
    log.erp_ack(posting_id(confirmed.id, PostingKind.CONFIRMATION), 11)
    log.erp_ack("posting-of-something-else", 12)
    h = log.history()
    confirmation = h.postings[posting_id(confirmed.id, PostingKind.CONFIRMATION)]
    assert (confirmation.work_center, confirmation.work_order) == ("WC-1", "WO-1")
    assert confirmation.acknowledged is not None
    assert posting_id(confirmed.id, PostingKind.GOODS_MOVEMENT) in h.postings  # the scrap
    assert h.exceptions[hold].postings == [
        posting_id(f"quality-hold:{hold}", PostingKind.QUALITY_EVENT),
        posting_id(released.id, PostingKind.QUALITY_EVENT),
    ]
    assert h.unmatched == 1


def test_moments_are_on_the_server_s_clock() -> None:
    log = Log()
    # This terminal's clock ran 120 s behind the server's.
    log.add(
        ExceptionRaised(
            exception_id="x-1",
            kind=ExceptionKind.OTHER,
            severity=Severity.LOW,
            channel=Channel.KIOSK,
            summary="skewed",
            rule="r",
            owner_role=Role.SUPERVISOR,
            ack_due=T0 + timedelta(minutes=15),
            resolve_due=T0 + timedelta(minutes=60),
        ),
        0,
        clock_offset_s=120,
    )
    exc = log.history().exceptions["x-1"]
    assert exc.raised.at == T0 + timedelta(seconds=120)
    assert exc.ack_due == T0 + timedelta(minutes=15, seconds=120)


def test_posting_ids_are_the_reducers_own() -> None:
    from app.metrics import loader

    for key in ("9b2e...", "quality-hold:x-1", "scrap:ünïcode"):
        for kind in PostingKind:
            assert loader.posting_id(key, kind.value) == posting_id(key, kind)


def test_a_database_log_reads_as_its_events_on_sqlite_and_postgresql(any_store: Store) -> None:
    log = Log()
    log.plant({"WC-1": "A1"}, timezone="Europe/Berlin", shifts=[("day", "12345", "06:00", "14:00")])
    (op,) = log.order("WO-1", "ITEM-1", ["WC-1"])
    log.start_op(op, 1)
    confirmed = log.confirm(op, 30)
    log.erp_ack(posting_id(confirmed.id, PostingKind.CONFIRMATION), 31)
    xid, (task,) = log.raise_(0, tasks=(Role.SUPERVISOR,), details={"note": 'ünïcode, "quoted"'})
    log.task_ack(task, 3)
    log.resolve(xid, 40)
    log.micro_stop("WC-1", 50, 12.5)
    events = list(log.events)
    rows = [record_row(e, server_seq=n) for n, e in enumerate(events[:-2], start=1)]
    # The server received this one late and measured the terminal's clock 90 s behind.
    rows[-1] = record_row(
        events[-3], server_seq=len(rows), received_at=T0 + timedelta(hours=2), clock_offset_s=90
    )
    # This terminal's own events the server has not ordered yet come last.
    rows += [record_row(e, server_seq=None) for e in events[-2:]]
    refused = log.resolve(xid, 45, root_cause="material/staging")  # refused by the server
    rows.append({**record_row(refused, server_seq=None), "outcome": "rejected"})
    with any_store.write() as session:
        session.execute(insert(EventRecord), rows)
    with any_store.read() as session:
        from_db = load_history(session)
    expected = build_history(
        [replace(e, clock_offset_s=90) if e is events[-3] else e for e in events]
    )
    assert from_db.exceptions == expected.exceptions
    assert from_db.postings == expected.postings
    assert from_db.micro_stops == expected.micro_stops == [("WC-1", log.moment(50), 12.5)]
    assert from_db.plant.calendar_shifts == expected.plant.calendar_shifts
    assert from_db.events == len(events)
    assert from_db.exceptions[xid].resolutions[0].root_cause == "material/supplier"


def test_a_store_s_log_reads_the_same_as_its_events_and_agrees_with_the_projections(
    plant: Store, clock: FixedClock
) -> None:
    service = ExceptionService(plant, clock)
    with plant.read() as session:
        wc = session.scalars(select(WorkCenter.code).order_by(WorkCenter.code)).first()
    xid = service.raise_exception(
        "901",
        NewException(
            kind=ExceptionKind.OTHER,
            summary="the label printer is out of ribbon",
            work_center=wc,
        ),
    )
    clock.advance(timedelta(minutes=3))
    service.acknowledge("902", xid)
    clock.advance(timedelta(minutes=30))
    service.resolve("902", xid, decision="ribbon changed", root_cause="people/training")
    pid = confirm_operation(plant, clock)
    clock.advance(timedelta(minutes=2))
    erp_acknowledges(plant, clock, pid, "JC-0001")

    with plant.read() as session:
        from_db = load_history(session)
        from_events = build_history(log.read_all(session))
        exception_ids = set(session.scalars(select(ShopException.id)))
        task_ids = set(session.scalars(select(Task.id)))
        posting_ids = set(session.scalars(select(ErpPosting.id)))
    for h in (from_db, from_events):
        assert set(h.exceptions) == exception_ids
        assert set(h.tasks) == task_ids
        assert set(h.postings) == posting_ids
        assert h.unmatched == 0
    exc = from_db.exceptions[xid]
    assert exc.resolutions[0].at - exc.raised.at == timedelta(minutes=33)
    assert from_db.postings[pid].acknowledged is not None
    assert from_events.postings[pid].acknowledged == from_db.postings[pid].acknowledged
