"""The machine host end to end (issue 14): a Sparkplug B edge node publishes through the
real broker, the host's state machines decide, and the plant's log records it: a stop
past the micro-stop threshold opens a downtime exception on the machine channel that
blocks the work center, running again closes it with its length; a short stop is a
micro-stop; the edge node's death is "signal lost", never a downtime; a restarted host
closes the downtime the log holds open instead of raising it again."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import select

from app.clock import SystemClock
from app.machines.mapping import MachineMapping, mapping_from_text
from app.model import EventRecord, ShopException, WorkCenter
from app.model.types import Channel, ExceptionKind, ExceptionStatus, MachineState
from app.routing.reasons import load_reasons
from app.store import Store
from sync.client.credentials import enroll
from sync.client.transport import Refused, Transport
from sync.machines.host import MachineHost
from sync.machines.sparkplug.edge import EdgeNode
from sync.machines.sparkplug.payload import DataType
from sync.machines.status import status_lines
from sync.server import terminals
from sync.server.app import create_app, prepare
from sync.server.runner import ServerThread
from tests.machines.conftest import WAIT, Broker
from tests.postings import copy_of

WC = "WC-001"
RUNNING, DOWN = 1, 3
T = TypeVar("T")


def wait_until(what: str, check: Callable[[], T]) -> T:
    deadline = time.monotonic() + WAIT
    while not (result := check()):
        assert time.monotonic() < deadline, f"{what}: not within {WAIT} s"
        time.sleep(0.02)
    return result


@pytest.fixture
def plant_store(plant_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A copy of the small seeded plant, on the real clock (the edge node stamps now)."""
    store = copy_of(plant_template, tmp_path, SystemClock())
    yield store
    store.close()


def mapping_for(broker: Broker, group: str, host_id: str) -> MachineMapping:
    return mapping_from_text(
        f"""
[settings]
micro_stop_seconds = 1.0

[[sources]]
name = "line-spb"
kind = "sparkplug"
host = "{broker.host}"
port = {broker.port}
group_ids = ["{group}"]
host_id = "{host_id}"

[[work_centers]]
code = "{WC}"
source = "line-spb"
device = "{group}/cell-1/press"
parts = {{ metric = "Parts" }}
fault = {{ metric = "Fault", reasons = {{ "E12" = "mechanical/hydraulic" }} }}
[work_centers.state]
metric = "Mode"
values = {{ "0" = "idle", "1" = "running", "3" = "down" }}
""",
        reasons=load_reasons(),
        work_centers=[WC],
    )


@pytest.fixture
def line(broker: Broker, plant_store: Store) -> Iterator[Callable[..., Any]]:
    """(mapping, edge node, start_host): a fresh group on the broker for this test."""
    group, host_id = f"T{uuid.uuid4().hex[:8]}", f"takt-{uuid.uuid4().hex[:8]}"
    mapping = mapping_for(broker, group, host_id)
    hosts: list[MachineHost] = []
    edges: list[EdgeNode] = []

    def start_host() -> MachineHost:
        host = MachineHost(
            plant_store,
            mapping,
            clock=SystemClock(),
            tick_s=0.1,
            calendars={},
            parts_window=timedelta(seconds=0.5),
        )
        host.start()
        hosts.append(host)
        assert host.wait_online(WAIT), "the host did not reach the broker"
        return host

    def edge() -> EdgeNode:
        node = EdgeNode(
            group,
            "cell-1",
            broker_host=broker.host,
            broker_port=broker.port,
            devices={
                "press": {
                    "Mode": (DataType.Int32, RUNNING),
                    "Parts": (DataType.Int64, 100),
                    "Fault": (DataType.String, ""),
                }
            },
            keepalive=2,
        )
        node.start()
        assert node.wait_births(1, WAIT)
        edges.append(node)
        return node

    yield start_host, edge
    for node in edges:
        node.stop()
    for host in hosts:
        host.stop()


def downtimes(store: Store) -> list[ShopException]:
    with store.read() as session:
        rows = session.scalars(
            select(ShopException).where(
                ShopException.kind == ExceptionKind.MACHINE_DOWNTIME,
                ShopException.work_center_code == WC,
            )
        ).all()
        for row in rows:
            session.expunge(row)
        return list(rows)


def machine_state(store: Store) -> MachineState:
    with store.read() as session:
        wc = session.get(WorkCenter, WC)
        assert wc is not None
        return wc.machine_state


def kinds(store: Store) -> list[str]:
    with store.read() as session:
        return list(
            session.scalars(
                select(EventRecord.kind)
                .where(EventRecord.actor == "machine:line-spb")
                .order_by(EventRecord.position)
            )
        )


def test_a_stop_past_the_threshold_is_a_downtime_until_the_machine_runs_again(
    line: Any, plant_store: Store
) -> None:
    start_host, edge = line
    host = start_host()
    node = edge()
    wait_until("running", lambda: machine_state(plant_store) is MachineState.RUNNING)
    node.publish({"Fault": "E12", "Mode": DOWN}, device="press")
    opened = wait_until("a downtime", lambda: downtimes(plant_store))[0]
    assert opened.channel is Channel.MACHINE
    assert opened.details["fault_code"] == "E12"
    assert opened.details["reason_code"] == "mechanical/hydraulic"  # mapped from the fault
    assert machine_state(plant_store) is MachineState.DOWN
    node.publish({"Mode": RUNNING, "Fault": ""}, device="press")
    wait_until(
        "the downtime closed",
        lambda: downtimes(plant_store)[0].status is ExceptionStatus.RESOLVED,
    )
    closed = downtimes(plant_store)[0]
    assert closed.details["downtime_s"] >= 1.0
    assert machine_state(plant_store) is MachineState.RUNNING
    assert host.status().failures == []


def test_a_short_stop_is_a_micro_stop_and_parts_are_counted(line: Any, plant_store: Store) -> None:
    start_host, edge = line
    start_host()
    node = edge()
    wait_until("running", lambda: machine_state(plant_store) is MachineState.RUNNING)
    node.publish({"Mode": DOWN}, device="press")
    node.publish({"Mode": RUNNING}, device="press")  # within the second
    wait_until("a micro-stop", lambda: "machine.micro_stop" in kinds(plant_store))
    assert downtimes(plant_store) == []
    node.publish({"Parts": 104}, device="press")
    wait_until("parts counted", lambda: "machine.parts_counted" in kinds(plant_store))


def test_a_dead_edge_node_is_signal_lost_never_a_downtime(line: Any, plant_store: Store) -> None:
    start_host, edge = line
    start_host()
    node = edge()
    wait_until("running", lambda: machine_state(plant_store) is MachineState.RUNNING)
    node.stop()  # NDEATH
    wait_until("signal lost", lambda: machine_state(plant_store) is MachineState.SIGNAL_LOST)
    assert downtimes(plant_store) == []


def test_a_restarted_host_closes_the_downtime_the_log_holds_open(
    line: Any, plant_store: Store
) -> None:
    start_host, edge = line
    first = start_host()
    node = edge()
    node.publish({"Mode": DOWN}, device="press")
    wait_until("a downtime", lambda: downtimes(plant_store))
    first.stop()
    start_host()  # restored from the log: the same downtime, not a second one
    node.rebirth()
    node.publish({"Mode": RUNNING}, device="press")
    wait_until(
        "the downtime closed",
        lambda: downtimes(plant_store)[0].status is ExceptionStatus.RESOLVED,
    )
    assert len(downtimes(plant_store)) == 1


def test_the_server_runs_the_host_and_a_terminal_reads_its_diagnostics(
    broker: Broker, plant_store: Store, tmp_path: Path
) -> None:
    """`takt server --machines FILE`: the host is one of the server's single-writer jobs,
    and a terminal asks it how every source, node and device is doing."""
    group, host_id = f"T{uuid.uuid4().hex[:8]}", f"takt-{uuid.uuid4().hex[:8]}"
    prepare(plant_store)
    api = create_app(
        plant_store, deadline_interval_s=None, machines=mapping_for(broker, group, host_id)
    )
    server = ServerThread(api, port=0).start()
    transport = Transport(server.url)
    node = None
    try:
        code = terminals.add(plant_store, datetime.now(UTC), "kiosk").code
        enroll(transport, str(uuid.uuid4()), "kiosk", code).use(transport)
        node = EdgeNode(
            group,
            "cell-1",
            broker_host=broker.host,
            broker_port=broker.port,
            devices={"press": {"Mode": (DataType.Int32, RUNNING)}},
        )
        node.start()
        assert node.wait_births(1, WAIT)
        wait_until("running", lambda: machine_state(plant_store) is MachineState.RUNNING)
        status = transport.machine_status()
        (wc,) = status.work_centers
        assert (wc.work_center, wc.state) == (WC, MachineState.RUNNING)
        (source,) = status.sources
        assert source.connected
        (edge,) = source.nodes
        assert edge.node == f"{group}/cell-1"
        assert edge.online
        assert [d.device for d in edge.devices] == [f"{group}/cell-1/press"]
        # `takt machines status` prints the same, a line per work center, node and device.
        lines = status_lines(status)
        assert lines[0].startswith(f"{WC}: running since ")
        assert any(line.strip().startswith(f"node {group}/cell-1: online") for line in lines)
    finally:
        if node is not None:
            node.stop()
        transport.close()
        server.stop()


def test_a_server_without_machines_says_so(plant_store: Store) -> None:
    prepare(plant_store)
    server = ServerThread(create_app(plant_store, deadline_interval_s=None), port=0).start()
    transport = Transport(server.url)
    try:
        code = terminals.add(plant_store, datetime.now(UTC), "kiosk").code
        enroll(transport, str(uuid.uuid4()), "kiosk", code).use(transport)
        with pytest.raises(Refused, match="records no machine signals"):
            transport.machine_status()
    finally:
        transport.close()
        server.stop()
