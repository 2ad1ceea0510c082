"""The server's clock decides deadlines and escalations (issue 10, item 6).

Terminals whose clocks are an hour off raise critical exceptions over real HTTP; the
server's deadline timer runs on the server's clock. No false breach (a terminal behind
used to be breached and escalated within 40 s), no missed breach (one ahead used to
hold a 5-minute deadline off for 65 minutes), every terminal shows the same deadlines,
and an offline terminal's late events keep their age.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.clock import Clock, FixedClock
from app.events import replay
from app.model import EventRecord, ExceptionFact, ShopException, SyncState
from app.model.types import ExceptionKind, Severity
from app.queries_exceptions import history
from app.routing.escalation import ladder_start
from app.services.exceptions import NewException
from app.store import Store
from sync.server.timers import DeadlineTimer
from tests.conftest import NOW
from tests.sync.plant import Plant, Terminal
from tests.sync.test_sync_protocol import OPERATOR

# resources/routing/rules.toml, "Critical machine downtime".
ACK, RESOLVE = timedelta(minutes=5), timedelta(minutes=60)
TIERS = (timedelta(minutes=10), timedelta(minutes=45))
SECOND = timedelta(seconds=1)
HOUR = timedelta(hours=1)


class SkewedClock:
    """A terminal's clock: the server's clock (the plant's), off by a fixed amount."""

    def __init__(self, reference: Clock, skew: timedelta) -> None:
        self.reference = reference
        self.skew = skew

    def now(self) -> datetime:
        return self.reference.now() + self.skew


@dataclass(frozen=True)
class Deadlines:
    """The deadlines of one exception as a screen shows them, and when tiers count from."""

    ack_due: datetime | None
    resolve_due: datetime | None
    tasks_due: tuple[datetime | None, ...]
    ladder_from: datetime


def critical_stop(wc: str = "WC-001") -> NewException:
    return NewException(
        kind=ExceptionKind.MACHINE_DOWNTIME,
        summary="Spindle seized",
        severity=Severity.CRITICAL,
        work_center=wc,
        details={"reason_code": "mechanical/bearing"},
    )


def deadlines(store: Store, exception_id: str) -> Deadlines:
    with store.read() as session:
        story = history(session, exception_id)
        assert story is not None
        exc = story.exception
        row = session.get(ShopException, exception_id)
        assert row is not None
        return Deadlines(
            exc.ack_due,
            exc.resolve_due,
            tuple(t.due_at for t in story.tasks),
            ladder_start(row.ladder, row.raised_at),
        )


def server(plant: Plant) -> Store:
    assert plant.server_store is not None
    return plant.server_store


def facts(plant: Plant, exception_id: str) -> dict[str, datetime]:
    """Deadline facts the server recorded: which, and when they were due."""
    with server(plant).read() as session:
        return {
            f.fact: f.due_at
            for f in session.scalars(
                select(ExceptionFact).where(ExceptionFact.exception_id == exception_id)
            )
        }


def expected(raised: datetime, tasks: int) -> Deadlines:
    return Deadlines(raised + ACK, raised + RESOLVE, (raised + RESOLVE,) * tasks, raised)


def converge(plant: Plant, *terminals: Terminal) -> None:
    for _ in range(2):
        for t in terminals:
            t.engine.sync_once()
    for t in terminals:
        assert t.engine.waiting() == 0
        assert t.snapshot() == plant.server_snapshot()


@pytest.mark.parametrize("skew", [-HOUR, HOUR], ids=["1h-behind", "1h-ahead"])
def test_a_skewed_terminal_is_breached_on_the_servers_clock_neither_early_nor_late(
    any_plant: Plant, clock: FixedClock, skew: timedelta
) -> None:
    plant = any_plant
    skewed = plant.terminal("kiosk-skewed", clock=SkewedClock(clock, skew))
    desk = plant.terminal("desk")
    converge(plant, skewed, desk)  # each terminal has measured its clock against the server
    assert skewed.engine.status.clock_skew_s == pytest.approx(-skew.total_seconds())
    timer = DeadlineTimer(server(plant), clock, lambda: None)

    exc = skewed.exceptions.raise_exception(OPERATOR, critical_stop())
    with skewed.store.read() as session:
        (occurred_at,) = session.scalars(
            select(EventRecord.occurred_at).where(EventRecord.kind == "exception.raised")
        )
    assert occurred_at == NOW + skew  # the event keeps the terminal's own time
    tasks = len(deadlines(skewed.store, exc).tasks_due)
    assert tasks >= 1
    # Before the server has it, the terminal counts from its own estimate of the offset.
    assert deadlines(skewed.store, exc) == expected(NOW, tasks)

    converge(plant, skewed, desk)
    with server(plant).read() as session:
        record = session.scalars(
            select(EventRecord).where(EventRecord.kind == "exception.raised")
        ).one()
        assert record.occurred_at == NOW + skew
        assert record.received_at == NOW
        assert record.clock_offset_s == pytest.approx(-skew.total_seconds())
    # The same deadlines, on the server's clock, wherever they are shown.
    for store in (server(plant), skewed.store, desk.store):
        assert deadlines(store, exc) == expected(NOW, tasks)

    clock.advance(timedelta(seconds=40))
    assert timer.check_now() == 0  # no false breach
    clock.set(NOW + ACK - SECOND)
    assert timer.check_now() == 0
    clock.set(NOW + ACK)
    assert timer.check_now() == 1  # no missed breach: due now on the server's clock
    assert facts(plant, exc) == {"sla:ack": NOW + ACK}
    clock.set(NOW + TIERS[0] - SECOND)
    assert timer.check_now() == 0
    clock.set(NOW + TIERS[0])
    assert timer.check_now() == 1
    assert facts(plant, exc) == {"sla:ack": NOW + ACK, "escalation:1": NOW + TIERS[0]}

    converge(plant, skewed, desk)
    with desk.store.write() as session:  # a replay computes the same from the record
        replay.rebuild(session)
    assert desk.snapshot() == plant.server_snapshot()


def test_an_offline_terminals_late_events_keep_their_age(plant: Plant, clock: FixedClock) -> None:
    kiosk = plant.terminal("kiosk-offline", clock=SkewedClock(clock, -HOUR))
    desk = plant.terminal("desk")
    converge(plant, kiosk, desk)  # measured while online: an hour behind
    timer = DeadlineTimer(server(plant), clock, lambda: None)

    # Offline from here: the exception is raised at NOW (real) and reaches the server
    # two hours later, when its acknowledge and resolve deadlines have long passed.
    exc = kiosk.exceptions.raise_exception(OPERATOR, critical_stop("WC-002"))
    clock.advance(2 * HOUR)
    converge(plant, kiosk, desk)
    with server(plant).read() as session:
        received = session.scalars(
            select(EventRecord.received_at).where(EventRecord.kind == "exception.raised")
        ).one()
    assert received == NOW + 2 * HOUR
    tasks = len(deadlines(desk.store, exc).tasks_due)
    for store in (server(plant), kiosk.store, desk.store):
        assert deadlines(store, exc) == expected(NOW, tasks)  # not counted from its arrival

    assert timer.check_now() == 4  # everything that was really due is recorded at once
    assert facts(plant, exc) == {
        "sla:ack": NOW + ACK,
        "sla:resolve": NOW + RESOLVE,
        "escalation:1": NOW + TIERS[0],
        "escalation:2": NOW + TIERS[1],
    }
    converge(plant, kiosk, desk)


def test_a_clock_ahead_that_never_measured_its_offset_is_bounded_by_the_receipt(
    plant: Plant, clock: FixedClock
) -> None:
    """A terminal that has not heard from the server yet sends no offset: the server's
    receipt still keeps its deadlines from starting in the future."""
    kiosk = plant.terminal("kiosk-new", clock=SkewedClock(clock, HOUR))
    kiosk.engine.pull_pending()  # the plant's data
    with kiosk.store.write() as session:  # but no measurement of the clock
        state = session.get(SyncState, 1)
        assert state is not None
        state.clock_offset_s = None
    exc = kiosk.exceptions.raise_exception(OPERATOR, critical_stop())
    tasks = len(deadlines(kiosk.store, exc).tasks_due)
    assert deadlines(kiosk.store, exc) == expected(NOW + HOUR, tasks)  # its own guess
    kiosk.engine.push_pending()
    with server(plant).read() as session:
        record = session.scalars(
            select(EventRecord).where(EventRecord.kind == "exception.raised")
        ).one()
        assert record.clock_offset_s is None
        assert record.received_at == NOW
    assert deadlines(server(plant), exc) == expected(NOW, tasks)
    clock.set(NOW + ACK)
    assert DeadlineTimer(server(plant), clock, lambda: None).check_now() == 1
    # The server's order brings its receipt: the terminal's guess is replaced by it.
    kiosk.engine.pull_pending()
    assert deadlines(kiosk.store, exc) == expected(NOW, tasks)
    assert kiosk.snapshot() == plant.server_snapshot()
