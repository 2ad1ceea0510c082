"""Machine decisions as events (issue 14): a downtime opens as a routed exception on the
machine channel and blocks its lane, a lost signal never unblocks it, running again
closes it with its length and posts it to the ERP; each fact is kept once however often
it is recorded; a person gives the reason within a day; only a machine source's own
bridge may speak for it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import authz
from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationError
from app.events.payloads import MachineDowntimeEnded, MachineStateChanged
from app.machines.decisions import (
    DowntimeClosed,
    DowntimeOpened,
    MicroStop,
    PartsMade,
    StateChanged,
)
from app.model import (
    ErpPosting,
    EventRecord,
    OperationInstance,
    RegisteredTerminal,
    ShopException,
    WorkCenter,
)
from app.model.types import (
    Channel,
    ExceptionKind,
    ExceptionStatus,
    MachineState,
    OperationStatus,
    PostingKind,
)
from app.services.execution import ExecutionService
from app.services.machines import MachineService, downtime_exception_id, machine_actor
from app.store import Store

SOURCE = "line-mqtt"
WC = "WC-001"
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
OPERATOR = "901"


def opened(since: datetime = T0, fault: str | None = "E42") -> DowntimeOpened:
    return DowntimeOpened(
        work_center=WC,
        at=since + timedelta(seconds=60),
        since=since,
        fault_code=fault,
        reason_code="mechanical/bearing" if fault else None,
    )


def closed(since: datetime = T0, minutes: float = 12) -> DowntimeClosed:
    return DowntimeClosed(
        work_center=WC,
        at=since + timedelta(minutes=minutes),
        since=since,
        duration=timedelta(minutes=minutes),
        fault_code="E42",
        reason_code=None,
        reason_editable_until=since + timedelta(minutes=minutes, days=1),
    )


def state(to: MachineState, at: datetime, previous: MachineState | None = None) -> StateChanged:
    return StateChanged(
        work_center=WC, at=at, state=to, previous=previous, duration=timedelta(0), detail=""
    )


def exception(plant: Store, since: datetime = T0) -> ShopException:
    key = f"{WC}/downtime/{since.isoformat(timespec='microseconds')}"
    with plant.read() as session:
        exc = session.get(ShopException, downtime_exception_id(key))
        assert exc is not None, "the downtime was not raised"
        session.expunge(exc)
        return exc


def machine_state(plant: Store) -> MachineState:
    with plant.read() as session:
        wc = session.get(WorkCenter, WC)
        assert wc is not None
        return wc.machine_state


def test_a_downtime_opens_routed_on_the_machine_channel_and_blocks_the_lane(
    plant: Store, clock: FixedClock
) -> None:
    machines = MachineService(plant, clock)
    machines.record(SOURCE, [state(MachineState.DOWN, T0), opened()])
    exc = exception(plant)
    assert exc.kind is ExceptionKind.MACHINE_DOWNTIME
    assert exc.channel is Channel.MACHINE
    assert exc.raised_by == machine_actor(SOURCE)
    assert exc.raised_at.replace(tzinfo=UTC) == T0 + timedelta(seconds=60)
    assert exc.details["fault_code"] == "E42"
    assert exc.details["stopped_at"].startswith("2026-11-23T09:00:00")
    assert exc.owner_role is not None
    assert exc.ack_due is not None
    assert machine_state(plant) is MachineState.DOWN


def test_a_lost_signal_or_a_break_never_unblocks_an_open_downtime(
    plant: Store, clock: FixedClock
) -> None:
    machines = MachineService(plant, clock)
    machines.record(SOURCE, [state(MachineState.DOWN, T0), opened()])
    machines.record(SOURCE, [state(MachineState.SIGNAL_LOST, T0 + timedelta(minutes=2))])
    assert machine_state(plant) is MachineState.DOWN
    machines.record(SOURCE, [state(MachineState.PLANNED_STOP, T0 + timedelta(minutes=3))])
    assert machine_state(plant) is MachineState.DOWN


def test_running_again_closes_it_with_its_length_and_posts_the_stop(
    plant: Store, clock: FixedClock
) -> None:
    machines = MachineService(plant, clock)
    machines.record(SOURCE, [state(MachineState.DOWN, T0), opened()])
    machines.record(SOURCE, [closed(), state(MachineState.RUNNING, T0 + timedelta(minutes=12))])
    exc = exception(plant)
    assert exc.status is ExceptionStatus.RESOLVED
    assert exc.details["downtime_s"] == 720
    assert exc.resolved_at is not None
    assert exc.resolved_at.replace(tzinfo=UTC) == T0 + timedelta(minutes=12)
    assert exc.decision == "machine running again after 12 min"
    assert machine_state(plant) is MachineState.RUNNING
    with plant.read() as session:
        posting = session.scalars(
            select(ErpPosting).where(ErpPosting.kind == PostingKind.DOWNTIME)
        ).one()
        # The ERP hears when the machine stopped, not when the threshold passed.
        assert posting.payload["started_at"].startswith("2026-11-23T09:00:00")
        assert posting.payload["ended_at"].startswith("2026-11-23T09:12:00")
        assert posting.payload["reason"] == "mechanical/bearing"


def test_a_fact_recorded_twice_is_kept_once(plant: Store, clock: FixedClock) -> None:
    decisions = [
        state(MachineState.DOWN, T0),
        opened(),
        closed(),
        MicroStop(
            work_center=WC,
            at=T0 + timedelta(minutes=30, seconds=20),
            since=T0 + timedelta(minutes=30),
            duration=timedelta(seconds=20),
            fault_code=None,
        ),
    ]
    first = MachineService(plant, clock).record(SOURCE, decisions)
    again = MachineService(plant, clock).record(SOURCE, decisions)  # a second host
    assert len(first.events) == 4
    assert first.already == 0
    assert again.events == ()
    assert again.already == 4
    with plant.read() as session:
        kinds = session.scalars(
            select(EventRecord.kind).where(EventRecord.actor == machine_actor(SOURCE))
        ).all()
    assert sorted(kinds) == sorted(
        [
            MachineStateChanged.KIND,
            "exception.raised",
            MachineDowntimeEnded.KIND,
            "machine.micro_stop",
        ]
    )


def test_parts_advance_the_running_job_only(plant: Store, clock: FixedClock) -> None:
    wc, op_id = "WC-003", "SWO-1/0010"  # the small plant's first ready job there

    def parts(at: datetime, count: int, counter: int) -> PartsMade:
        return PartsMade(wc, at, count, counter, False, False, 30.0)

    # Nothing runs: nothing to advance.
    MachineService(plant, clock).record(SOURCE, [parts(T0, 7, 107)])
    ExecutionService(plant, clock).start(OPERATOR, op_id)
    MachineService(plant, clock).record(SOURCE, [parts(T0 + timedelta(minutes=1), 5, 112)])
    with plant.read() as session:
        op = session.get(OperationInstance, op_id)
        assert op is not None
        assert op.status is OperationStatus.RUNNING
        assert (op.machine_count, op.qty_good) == (5, 0)  # people confirm


def test_with_auto_confirm_the_machine_confirms_its_parts_to_the_running_job(
    plant: Store, clock: FixedClock
) -> None:
    wc, op_id = "WC-003", "SWO-1/0010"
    ExecutionService(plant, clock).start(OPERATOR, op_id)
    made = PartsMade(wc, T0 + timedelta(minutes=1), 3, 103, False, True, 30.0)
    MachineService(plant, clock).record(SOURCE, [made])
    MachineService(plant, clock).record(SOURCE, [made])  # a second host: kept once
    # The order is for 4 (over-delivery 1.1): 5 more would pass it, a person decides.
    more = PartsMade(wc, T0 + timedelta(minutes=2), 5, 108, False, True, 30.0)
    MachineService(plant, clock).record(SOURCE, [more])
    with plant.read() as session:
        op = session.get(OperationInstance, op_id)
        assert op is not None
        assert (op.machine_count, op.qty_good) == (8, 3)
        confirmations = session.scalars(
            select(ErpPosting).where(ErpPosting.kind == PostingKind.CONFIRMATION)
        ).all()
        assert len(confirmations) == 1  # the ERP hears of them as of a person's


def test_a_person_gives_the_reason_within_a_day_and_the_unsent_posting_says_it(
    plant: Store, clock: FixedClock
) -> None:
    machines = MachineService(plant, clock)
    machines.record(SOURCE, [state(MachineState.DOWN, T0), opened(fault=None)])
    machines.record(SOURCE, [closed()])
    exc = exception(plant)
    assert "reason_code" not in exc.details  # no reason given yet
    clock.set(T0 + timedelta(hours=3))
    machines.give_reason(OPERATOR, exc.id, "electrical/drive", note="drive tripped")
    exc = exception(plant)
    assert exc.details["reason_code"] == "electrical/drive"
    assert exc.root_cause == "electrical/drive"
    with plant.read() as session:
        posting = session.scalars(
            select(ErpPosting).where(ErpPosting.kind == PostingKind.DOWNTIME)
        ).one()
        assert posting.payload["reason"] == "electrical/drive"
    with pytest.raises(ValidationError, match="not in the downtime reason list"):
        machines.give_reason(OPERATOR, exc.id, "electrical/unheard-of")
    clock.set(T0 + timedelta(days=1, hours=1))
    with pytest.raises(ValidationError, match="could be given until 2026-11-24 09:12"):
        machines.give_reason(OPERATOR, exc.id, "mechanical/crash")


def test_only_the_bridge_enrolled_for_a_source_speaks_for_it(
    plant: Store, clock: FixedClock
) -> None:
    payload = MachineStateChanged(work_center=WC, state=MachineState.DOWN)
    actor = machine_actor(SOURCE)
    with plant.write() as session:
        session.add_all(
            [
                RegisteredTerminal(
                    id="kiosk-1", name="kiosk", token_hash="a" * 64, registered_at=T0
                ),
                RegisteredTerminal(
                    id="bridge-1",
                    name="bridge",
                    token_hash="b" * 64,
                    registered_at=T0,
                    machine_sources="press-opcua line-mqtt",
                ),
            ]
        )
        session.flush()

        def check(terminal: str, kind: str = payload.KIND, body: object = payload) -> None:
            authz.check(session, kind, body, actor, terminal_id=terminal, from_terminal=True)

        check("bridge-1")
        with pytest.raises(PermissionDenied, match="does not speak for machine source"):
            check("kiosk-1")
        # A machine may not act as a person would, nor raise anything but its downtime.
        with pytest.raises(PermissionDenied, match="is a machine, so cannot"):
            check("bridge-1", "priority.override_set", None)


def test_the_new_machine_states_fit_a_migrated_sqlite_database(
    plant: Store, clock: FixedClock
) -> None:
    machines = MachineService(plant, clock)
    for n, to in enumerate((MachineState.SIGNAL_LOST, MachineState.PLANNED_STOP)):
        machines.record(SOURCE, [state(to, T0 + timedelta(minutes=n))])
        assert machine_state(plant) is to
