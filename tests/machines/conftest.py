"""A real MQTT broker for the machine-source tests, and what the tests watch it with.

The broker is the Mosquitto on 127.0.0.1:1883 when one runs (CI starts one); otherwise the
tests start their own `mosquitto` on a free loopback port; with neither, they skip (fail
under TAKT_REQUIRE_SERVICES=1) saying so. Every test uses its own group and host ids, and
clears the retained STATE messages its hosts leave.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import paho.mqtt.client as mqtt
import pytest
from paho.mqtt.enums import CallbackAPIVersion

from app.machines.signals import Signal
from sync.machines.mqtt_host import MqttHost, MqttSourceConfig
from sync.machines.sparkplug.edge import EdgeNode
from sync.machines.sparkplug.topics import state_topic
from tests.conftest import service_missing
from tests.machines.proxy import TcpProxy

WAIT = 15.0  # seconds: an upper bound for things that take milliseconds (reconnects ~1 s)
T = TypeVar("T")


@dataclass(frozen=True)
class Broker:
    host: str
    port: int


def _reachable(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker]:
    if _reachable(1883):
        yield Broker("127.0.0.1", 1883)
        return
    exe = shutil.which("mosquitto") or next(
        (p for p in ("/usr/sbin/mosquitto",) if Path(p).exists()), None
    )
    if exe is None:
        service_missing(
            "no MQTT broker on 127.0.0.1:1883 and no mosquitto to start (apt-get install mosquitto)"
        )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    conf = tmp_path_factory.mktemp("mosquitto") / "mosquitto.conf"
    conf.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n")
    process = subprocess.Popen(
        [str(exe), "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + WAIT
    while not _reachable(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            _, err = process.communicate()
            service_missing(f"mosquitto did not start on port {port}: {err.decode()[-500:]}")
        time.sleep(0.05)  # polling a starting process's port, bounded by the deadline
    try:
        yield Broker("127.0.0.1", port)
    finally:
        process.terminate()
        process.communicate(timeout=10)


class Collector:
    """Whatever a callback receives, kept in order; `wait_for` blocks until one matches."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._changed = threading.Condition()

    def __call__(self, item: Any) -> None:
        with self._changed:
            self.items.append(item)
            self._changed.notify_all()

    def wait_for(
        self, match: Callable[[Any], bool], *, after: int = 0, timeout: float = WAIT
    ) -> Any:
        """The first item at index >= `after` that matches; fails with what came instead."""
        found: list[Any] = []

        def seen() -> bool:
            found[:] = [i for i in self.items[after:] if match(i)]
            return bool(found)

        with self._changed:
            if not self._changed.wait_for(seen, timeout):
                raise AssertionError(
                    f"nothing matched within {timeout} s; got {self.items[after:]!r}"
                )
            return found[0]

    def mark(self) -> int:
        with self._changed:
            return len(self.items)

    def since(self, index: int) -> list[Any]:
        with self._changed:
            return list(self.items[index:])


@dataclass(frozen=True)
class Received:
    topic: str
    payload: bytes
    retain: bool


class Watcher:
    """A plain MQTT client: subscribes, records what arrives, publishes raw messages."""

    def __init__(self, broker: Broker) -> None:
        self.messages = Collector()
        self._subscribed = Collector()
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2, client_id=f"takt-test-watcher-{uuid.uuid4().hex[:8]}"
        )
        self.client.on_message = lambda _c, _u, m: self.messages(
            Received(m.topic, bytes(m.payload), bool(m.retain))
        )
        self.client.on_subscribe = lambda _c, _u, mid, _r, _p: self._subscribed(mid)
        connected = threading.Event()
        self.client.on_connect = lambda *_: connected.set()
        self.client.connect(broker.host, broker.port, 30)
        self.client.loop_start()
        assert connected.wait(WAIT), "the watcher could not connect"

    def subscribe(self, topic: str) -> None:
        _, mid = self.client.subscribe(topic, qos=1)
        self._subscribed.wait_for(lambda m: m == mid)

    def publish(self, topic: str, payload: bytes, *, qos: int = 1, retain: bool = False) -> None:
        self.client.publish(topic, payload, qos=qos, retain=retain).wait_for_publish(WAIT)

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()
        self.client.reinitialise()  # closes the wake-up socket pair loop_stop leaves open


@pytest.fixture
def watcher(broker: Broker) -> Iterator[Watcher]:
    w = Watcher(broker)
    yield w
    w.close()


@pytest.fixture
def group() -> str:
    return f"takt-test-{uuid.uuid4().hex[:10]}"


@dataclass
class Plant:
    """What a test builds on the broker; everything is stopped and cleared afterwards."""

    broker: Broker
    group: str
    watcher: Watcher
    hosts: list[MqttHost]
    edges: list[EdgeNode]
    proxies: list[TcpProxy]

    def proxy(self) -> TcpProxy:
        relay = TcpProxy((self.broker.host, self.broker.port))
        self.proxies.append(relay)
        return relay

    def host(self, *, via: TcpProxy | None = None, **overrides: Any) -> tuple[MqttHost, Collector]:
        signals = Collector()
        settings: dict[str, Any] = {
            "name": "line-mqtt",
            "host_id": f"takt-host-{uuid.uuid4().hex[:10]}",
            "groups": (self.group,),
            "broker_host": self.broker.host,
            "broker_port": via.port if via is not None else self.broker.port,
            "reorder_timeout": 0.3,
            "reconnect_min_delay": 1,
            "reconnect_max_delay": 1,
            "keepalive": 5,
        }
        settings.update(overrides)
        host = MqttHost(MqttSourceConfig(**settings), signals)
        self.hosts.append(host)
        host.start()
        return host, signals

    def edge(self, node: str = "line1", *, via: TcpProxy | None = None, **options: Any) -> EdgeNode:
        edge = EdgeNode(
            self.group,
            node,
            broker_host=self.broker.host,
            broker_port=via.port if via is not None else self.broker.port,
            client_id=f"takt-test-edge-{uuid.uuid4().hex[:10]}",
            reconnect_min_delay=1,
            reconnect_max_delay=1,
            **options,
        )
        self.edges.append(edge)
        edge.start()
        return edge


@pytest.fixture
def plant(broker: Broker, group: str, watcher: Watcher) -> Iterator[Plant]:
    built = Plant(broker, group, watcher, [], [], [])
    yield built
    for edge in built.edges:
        edge.stop()
    for host in built.hosts:
        host.stop()
    for relay in built.proxies:
        relay.close()
    for host in built.hosts:  # the STATE each host left retained
        watcher.publish(state_topic(host.config.host_id), b"", retain=True)


def signals_of(kind: type[T], items: list[Signal]) -> list[T]:
    return [s for s in items if isinstance(s, kind)]
