"""An MQTT machine source: a Sparkplug B 3.0 Primary Host Application, plus plain JSON topics.

    host = MqttHost(MqttSourceConfig(name="line-mqtt", host_id="takt", groups=("plant",)),
                    on_signal=queue.put)
    host.start()          # paho's network loop runs in its own thread
    ...
    host.diagnostics()    # a SourceDiagnostics snapshot, from any thread
    host.stop()

On every connection it subscribes to `spBv1.0/<group>/#` for each configured group, to its
own STATE topic and to the JSON topics, and once the broker has acknowledged those it
publishes its STATE birth (`spBv1.0/STATE/<host_id>`, `{"online": true, "timestamp": T}`,
QoS 1, retained), T being the timestamp of the offline Will it connected with (Sparkplug
3.0, Host Application Session Establishment): edge nodes that wait for their Primary Host
publish then. Messages go to the `SessionTracker` (Sparkplug) or `JsonTopics`; the rebirth
requests they produce are published; the values go to `on_signal`.

`on_signal(signal)` is called from paho's thread or the host's timer thread, one call at a
time and in order; the consumer decides where the work happens (a queue, a Qt signal).
It must not call `stop()`. An exception it raises is logged, never kills the network loop.

When the broker connection is lost (or the host stops), every device of the source is
`SignalLost(devices=())` — "signal lost", never a downtime and never "running" — and every
Sparkplug session is forgotten; paho reconnects with backoff, the host subscribes again,
republishes its STATE, and asks the nodes it knew to rebirth. Until a node's new NBIRTH,
its DATA is quarantined and answered with a rebirth request.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.reasoncodes import ReasonCode

from app.clock import Clock, SystemClock
from app.machines.signals import Signal, SignalLost
from sync.machines.diagnostics import SourceDiagnostics
from sync.machines.json_topics import JsonTopic, JsonTopics
from sync.machines.sparkplug.payload import to_millis
from sync.machines.sparkplug.session import Outcome, Publish, SessionTracker
from sync.machines.sparkplug.topics import (
    NAMESPACE,
    check_id,
    parse_state,
    state_payload,
    state_topic,
)

log = logging.getLogger(__name__)

SignalCallback = Callable[[Signal], None]


@dataclass(frozen=True)
class MqttSourceConfig:
    """One MQTT source: a broker, the Sparkplug groups it hosts, the JSON topics it reads."""

    name: str  # the source name every Reading and SignalLost carries
    host_id: str  # the Sparkplug Host Application id: its STATE topic
    groups: tuple[str, ...] = ()
    json_topics: tuple[JsonTopic, ...] = ()
    broker_host: str = "127.0.0.1"
    broker_port: int = 1883
    client_id: str | None = None  # default "takt-host-<host_id>"
    username: str | None = None
    password: str | None = field(default=None, repr=False)  # from the keyring, never a file
    tls_ca_file: str | None = None  # TLS (and this CA only) when set
    keepalive: int = 30  # seconds; the broker gives up on the host after 1.5 of these
    reorder_timeout: float = 2.0  # seconds a message may wait for the ones before it
    rebirth_interval: float = 10.0  # seconds between two rebirth requests to one node
    reconnect_min_delay: int = 1  # seconds, doubled on each failure up to the max
    reconnect_max_delay: int = 30
    quarantine_keep: int = 50

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a machine source needs a name")
        check_id(self.host_id)
        for group in self.groups:
            check_id(group)
        if not self.groups and not self.json_topics:
            raise ValueError(f"source {self.name!r}: no Sparkplug group and no JSON topic")
        if self.reorder_timeout < 0 or self.rebirth_interval < 0:
            raise ValueError(f"source {self.name!r}: timeouts cannot be negative")

    @property
    def broker(self) -> str:
        return f"{self.broker_host}:{self.broker_port}"


class MqttHost:
    """The running source; see the module docstring. Thread-safe."""

    def __init__(
        self, config: MqttSourceConfig, on_signal: SignalCallback, *, clock: Clock | None = None
    ) -> None:
        self.config = config
        self._on_signal = on_signal
        self._clock = clock or SystemClock()
        self._tracker = SessionTracker(
            config.name,
            reorder_timeout=timedelta(seconds=config.reorder_timeout),
            rebirth_interval=timedelta(seconds=config.rebirth_interval),
            quarantine_keep=config.quarantine_keep,
        )
        self._json = JsonTopics(config.name, config.json_topics, config.quarantine_keep)
        self._state_topic = state_topic(config.host_id)
        self._lock = threading.Lock()  # the tracker, JSON topics and connection facts
        self._order = threading.Lock()  # one producer of signals at a time, in order
        self._online = threading.Event()  # connected, subscribed, STATE published
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._connected = False
        self._since: datetime | None = None
        self._losses = 0
        self._lost_reported = False
        self._pending_subscription: int | None = None
        self._pending_state: int | None = None  # the mid of the STATE birth, until its PUBACK
        self._stopping = False
        self._state_ms = 0
        self._client = self._make_client()

    # -- life -------------------------------------------------------------------------------

    def start(self) -> None:
        """Connect in the background (retrying until the broker answers) and start."""
        if self._ticker is not None:
            raise RuntimeError(f"source {self.config.name!r} already started")
        self._client.connect_async(
            self.config.broker_host, self.config.broker_port, self.config.keepalive
        )
        self._client.loop_start()
        self._ticker = threading.Thread(
            target=self._tick_loop, name=f"machines-{self.config.name}-timer", daemon=True
        )
        self._ticker.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Publish STATE offline, disconnect, stop both threads; devices: signal lost."""
        if self._ticker is None:
            return
        with self._lock:
            self._stopping = True  # from here on no STATE birth (see _on_subscribe)
            connected = self._connected
        if connected:  # even if the birth is not acknowledged yet: it may have been sent
            info = self._client.publish(
                self._state_topic,
                state_payload(online=False, timestamp_ms=self._state_ms),
                qos=1,
                retain=True,
            )
            try:
                info.wait_for_publish(timeout)
            except (RuntimeError, ValueError):
                log.warning("source %s: STATE offline not sent", self.config.name)
        self._client.disconnect()
        self._client.loop_stop()
        self._client.reinitialise()  # closes the wake-up socket pair loop_stop leaves open
        self._stop.set()
        self._ticker.join(timeout)
        self._ticker = None
        with self._order:
            with self._lock:
                lost = self._lose_connection("source stopped")
            self._emit(lost)

    def wait_online(self, timeout: float) -> bool:
        """Block until connected, subscribed and the broker holds the STATE birth (or timeout)."""
        return self._online.wait(timeout)

    @property
    def online(self) -> bool:
        return self._online.is_set()

    def diagnostics(self) -> SourceDiagnostics:
        with self._lock:
            return SourceDiagnostics(
                source=self.config.name,
                broker=self.config.broker,
                host_id=self.config.host_id,
                connected=self._connected,
                since=self._since,
                connection_losses=self._losses,
                messages=self._tracker.messages + sum(d.messages for d in self._json.diagnostics()),
                quarantined_total=self._tracker.unattributed.total,
                quarantined=self._tracker.unattributed.snapshot(),
                nodes=self._tracker.diagnostics(),
                json_devices=self._json.diagnostics(),
            )

    # -- paho -------------------------------------------------------------------------------

    def _make_client(self) -> mqtt.Client:
        config = self.config
        client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=config.client_id or f"takt-host-{config.host_id}",
            clean_session=True,  # Sparkplug: every host and edge connects clean
            protocol=mqtt.MQTTv311,
        )
        if config.username is not None:
            client.username_pw_set(config.username, config.password)
        if config.tls_ca_file is not None:
            client.tls_set(ca_certs=config.tls_ca_file)
        client.reconnect_delay_set(config.reconnect_min_delay, config.reconnect_max_delay)
        self._state_ms = self._next_state_ms()
        self._set_will(client)
        client.on_connect = self._on_connect
        client.on_connect_fail = self._on_connect_fail
        client.on_subscribe = self._on_subscribe
        client.on_publish = self._on_publish
        client.on_message = self._on_message
        client.on_disconnect = self._on_disconnect
        return client

    def _set_will(self, client: mqtt.Client) -> None:
        client.will_set(
            self._state_topic,
            state_payload(online=False, timestamp_ms=self._state_ms),
            qos=1,
            retain=True,
        )

    def _next_state_ms(self) -> int:
        return max(to_millis(self._clock.now()), self._state_ms + 1)

    def _on_connect(
        self, client: mqtt.Client, _userdata: Any, _flags: Any, reason: ReasonCode, _props: Any
    ) -> None:
        try:
            if reason.is_failure:
                log.warning("source %s: broker refused: %s", self.config.name, reason)
                return
            filters = [f"{NAMESPACE}/{group}/#" for group in self.config.groups]
            filters += [self._state_topic, *self._json.filters()]
            result, mid = client.subscribe([(f, 1) for f in filters])
            with self._lock:
                self._connected = True
                self._since = self._clock.now()
                self._lost_reported = False
                self._pending_subscription = mid
            log.info(
                "source %s: connected to %s (%s)", self.config.name, self.config.broker, result
            )
        except Exception:
            log.exception("source %s: on_connect failed", self.config.name)

    def _on_subscribe(
        self,
        client: mqtt.Client,
        _userdata: Any,
        mid: int,
        reasons: list[ReasonCode],
        _props: Any,
    ) -> None:
        try:
            with self._lock:
                if mid != self._pending_subscription:
                    return
                self._pending_subscription = None
            refused = [str(r) for r in reasons if r.is_failure]
            if refused:
                log.error("source %s: subscriptions refused: %s", self.config.name, refused)
            with self._lock:
                if not self._stopping:
                    self._pending_state = self._publish_state(client)
        except Exception:
            log.exception("source %s: on_subscribe failed", self.config.name)

    def _on_publish(
        self, _client: mqtt.Client, _userdata: Any, mid: int, _reason: Any, _props: Any
    ) -> None:
        """The broker holds our STATE birth: online; ask the nodes we knew to rebirth."""
        try:
            with self._lock:
                if mid != self._pending_state:
                    return
                self._pending_state = None
            self._online.set()
            now = self._clock.now()
            self._process(lambda: self._tracker.rebirth_lost_nodes(now))
        except Exception:
            log.exception("source %s: on_publish failed", self.config.name)

    def _publish_state(self, client: mqtt.Client) -> int:
        info = client.publish(
            self._state_topic,
            state_payload(online=True, timestamp_ms=self._state_ms),
            qos=1,
            retain=True,
        )
        return info.mid

    def _on_message(self, client: mqtt.Client, _userdata: Any, message: mqtt.MQTTMessage) -> None:
        try:
            received_at = self._clock.now()
            topic, payload = message.topic, bytes(message.payload)
            if topic == self._state_topic:
                if not message.retain:  # a retained one predates our birth, which replaced it
                    self._own_state(client, payload)
            elif topic.startswith(f"{NAMESPACE}/"):
                self._process(lambda: self._tracker.feed(topic, payload, received_at))
            else:
                self._process(
                    lambda: Outcome(signals=list(self._json.feed(topic, payload, received_at)))
                )
        except Exception as error:
            log.exception("source %s: a message on %s failed", self.config.name, message.topic)
            with self._lock:  # a bug, not the machine's fault: still shown, with the message
                self._tracker.unattributed.add(
                    self._clock.now(),
                    message.topic,
                    bytes(message.payload),
                    f"internal error: {error!r}",
                )

    def _own_state(self, client: mqtt.Client, payload: bytes) -> None:
        """Someone (a late Will of ours, another client) says this host is offline: not so."""
        state = parse_state(payload)
        if state is not None and not state.online and self._online.is_set() and not self._stopping:
            log.info("source %s: STATE offline seen for itself; republishing", self.config.name)
            self._publish_state(client)

    def _on_disconnect(
        self, client: mqtt.Client, _userdata: Any, _flags: Any, reason: ReasonCode, _props: Any
    ) -> None:
        try:
            with self._order:
                with self._lock:
                    self._online.clear()
                    lost = self._lose_connection(f"broker connection lost ({reason})")
                    self._state_ms = self._next_state_ms()  # the next CONNECT's Will
                    self._set_will(client)
                self._emit(lost)
        except Exception:
            log.exception("source %s: on_disconnect failed", self.config.name)

    def _on_connect_fail(self, _client: mqtt.Client, _userdata: Any) -> None:
        try:
            with self._order:
                with self._lock:
                    lost = self._lose_connection(f"broker {self.config.broker} unreachable")
                self._emit(lost)
        except Exception:
            log.exception("source %s: on_connect_fail failed", self.config.name)

    def _lose_connection(self, reason: str) -> list[Signal]:
        """Under the lock: the connection is gone; SignalLost for all, once per outage."""
        if self._stopping and "stopped" not in reason:
            reason = "source stopped"
        was_connected, self._connected = self._connected, False
        self._online.clear()
        if was_connected:
            self._since = self._clock.now()
            if not self._stopping:
                self._losses += 1
        if self._lost_reported:
            return []
        self._lost_reported = True
        self._tracker.forget_sessions()
        log.warning("source %s: %s", self.config.name, reason)
        return [SignalLost(self.config.name, (), reason, self._clock.now())]

    # -- timers and dispatch ----------------------------------------------------------------

    def _tick_loop(self) -> None:
        interval = max(0.02, min(0.25, self.config.reorder_timeout / 4))
        while not self._stop.wait(interval):
            try:
                self._process(lambda: self._tracker.tick(self._clock.now()))
            except Exception:
                log.exception("source %s: timer failed", self.config.name)

    def _process(self, work: Callable[[], Outcome]) -> None:
        with self._order:
            with self._lock:
                outcome = work()
            for command in outcome.commands:
                self._send(command)
            self._emit(outcome.signals)

    def _send(self, command: Publish) -> None:
        info = self._client.publish(command.topic, command.payload, command.qos, command.retain)
        if info.rc != mqtt.MQTT_ERR_SUCCESS:
            log.warning("source %s: %s not sent (%s)", self.config.name, command.topic, info.rc)

    def _emit(self, signals: list[Signal]) -> None:
        for signal in signals:
            try:
                self._on_signal(signal)
            except Exception:
                log.exception("source %s: on_signal failed for %r", self.config.name, signal)
