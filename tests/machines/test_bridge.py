"""A machine bridge on a machine of its own (issue 14): its host records a stop in its own
database and its sync engine pushes it; the server takes machine events only from a
bridge enrolled for their source, and refuses the others with the reason."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.clock import SystemClock
from app.model import EventRecord
from app.store import Store, open_store
from sync.client.credentials import enroll
from sync.client.transport import Transport
from sync.machines.bridge import MachineBridge
from sync.machines.sparkplug.edge import EdgeNode
from sync.machines.sparkplug.payload import DataType
from sync.server import terminals
from sync.server.app import create_app, prepare
from sync.server.runner import ServerThread
from tests.machines.conftest import WAIT, Broker
from tests.machines.test_host import DOWN, RUNNING, mapping_for, wait_until
from tests.postings import copy_of

SOURCE = "line-spb"


@pytest.fixture
def server(plant_template: Path, tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store = copy_of(plant_template, tmp_path, SystemClock())
    prepare(store)
    thread = ServerThread(create_app(store, deadline_interval_s=None), port=0).start()
    yield store, thread.url
    thread.stop()
    store.close()


def machine_events(store: Store) -> list[tuple[str, str, str | None]]:
    with store.read() as session:
        return [
            (row.kind, row.outcome, row.reason)
            for row in session.scalars(
                select(EventRecord).where(EventRecord.actor == f"machine:{SOURCE}")
            )
        ]


def run_bridge(
    broker: Broker, server: tuple[Store, str], tmp_path: Path, sources: tuple[str, ...]
) -> list[tuple[str, str, str | None]]:
    server_store, url = server
    group, host_id = f"T{uuid.uuid4().hex[:8]}", f"bridge-{uuid.uuid4().hex[:8]}"
    bridge_store = open_store(tmp_path / "bridge.sqlite3", terminal_name="bridge")
    transport = Transport(url)
    code = terminals.add(server_store, datetime.now(UTC), "bridge", machine_sources=sources).code
    enroll(transport, bridge_store.terminal_id, "bridge", code).use(transport)
    bridge = MachineBridge(bridge_store, transport, mapping_for(broker, group, host_id), tick_s=0.1)
    node = EdgeNode(
        group,
        "cell-1",
        broker_host=broker.host,
        broker_port=broker.port,
        devices={"press": {"Mode": (DataType.Int32, RUNNING)}},
    )
    try:
        bridge.start()
        assert bridge.host is not None
        assert bridge.host.wait_online(WAIT)
        node.start()
        assert node.wait_births(1, WAIT)
        node.publish({"Mode": DOWN}, device="press")
        return wait_until(
            "the stop on the server",
            lambda: (
                [e for e in machine_events(server_store) if e[0] == "exception.raised"]
                and machine_events(server_store)
            ),
        )
    finally:
        node.stop()
        bridge.stop()
        bridge_store.close()


def test_a_bridge_enrolled_for_its_source_brings_the_stop_to_the_server(
    broker: Broker, server: tuple[Store, str], tmp_path: Path
) -> None:
    events = run_bridge(broker, server, tmp_path, (SOURCE,))
    assert ("exception.raised", "applied", None) in events
    assert all(outcome == "applied" for _, outcome, _ in events)


def test_a_bridge_not_enrolled_for_the_source_is_refused_with_the_reason(
    broker: Broker, server: tuple[Store, str], tmp_path: Path
) -> None:
    events = run_bridge(broker, server, tmp_path, ("another-source",))
    assert {outcome for _, outcome, _ in events} == {"rejected"}
    assert all("does not speak for machine source 'line-spb'" in (r or "") for *_, r in events)
