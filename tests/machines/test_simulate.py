"""`takt simulate machines` drives the demo plant's board by itself (issue 14): the
simulator's edge nodes publish through the real broker, a machine host on the demo plant
records what they do; half an hour of simulated floor time gives downtimes opened and
closed on the machine channel, micro-stops and part counts, and nothing it cannot use."""

from __future__ import annotations

import contextlib
import time
from datetime import UTC, datetime

from sqlalchemy import func, select

from app.clock import FixedClock
from app.machines.mapping import load_mapping
from app.model import EventRecord, ShopException
from app.model.types import Channel, ExceptionStatus
from app.routing.reasons import load_reasons
from app.store import Store
from sync.machines.host import MachineHost
from sync.machines.simulate import Behaviour, MachineSimulator
from tests.machines.conftest import WAIT, Broker


def counts(store: Store) -> dict[str, int]:
    with store.read() as session:
        return dict(
            session.execute(
                select(EventRecord.kind, func.count())
                .where(EventRecord.actor.like("machine:%"))
                .group_by(EventRecord.kind)
            ).all()
        )


def test_half_an_hour_of_simulated_machines_moves_the_demo_board(
    broker: Broker, demo_store: Store
) -> None:
    mapping = load_mapping(reasons=load_reasons())  # the demo's own file
    assert (broker.host, broker.port) == ("127.0.0.1", 1883), "the demo file names 1883"
    clock = FixedClock(datetime.now(UTC))
    host = MachineHost(
        demo_store, mapping, clock=clock, calendars={}, tick_s=0.01, only=["riverside-spb"]
    )
    simulator = MachineSimulator(
        mapping,
        seed=5,
        clock=clock,
        behaviour=Behaviour(
            cycle_s=20, micro_stop_every_s=300, breakdown_every_s=400, comms_loss_every_s=1e9
        ),
    )
    host.start()
    try:
        assert host.wait_online(WAIT)
        simulator.start(run=False)
        deadline = time.monotonic() + WAIT
        while not all(n.born for n in simulator.nodes.values()):
            assert time.monotonic() < deadline, "the edge nodes did not birth"
            time.sleep(0.02)
        for _ in range(1800):  # 30 simulated minutes, one second a step
            simulator.step()
            time.sleep(0.002)  # the broker keeps up; the host decides in message order
        time.sleep(1.0)
        status = host.status()
    finally:
        simulator.stop()
        host.stop()
    recorded = counts(demo_store)
    assert recorded.get("machine.parts_counted", 0) > 50, recorded
    assert recorded.get("machine.micro_stop", 0) >= 1, recorded
    assert recorded.get("exception.raised", 0) >= 1, recorded
    assert recorded.get("machine.downtime_ended", 0) >= 1, recorded
    assert status.failures == []
    assert status.unusable == 0
    with demo_store.read() as session:
        downtimes = session.scalars(
            select(ShopException).where(ShopException.raised_by == "machine:riverside-spb")
        ).all()
        assert all(d.channel is Channel.MACHINE for d in downtimes)
        assert any(d.status is ExceptionStatus.RESOLVED for d in downtimes)


def test_the_demo_plays_its_machines_when_a_broker_runs(broker: Broker) -> None:
    """`takt demo` with a broker on this machine: the simulator starts with the demo and
    the demo server reads the Sparkplug machines it plays (and stops them on exit)."""
    from ui.cli import _demo_machines

    with contextlib.ExitStack() as stack:
        mapping = _demo_machines(stack)
        assert mapping is not None
        assert {s.name for s in mapping.sources} == {"riverside-spb"}
        assert len(mapping.work_centers) == 9  # the simulator plays the 8 that can stop
