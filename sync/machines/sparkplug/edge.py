"""A Sparkplug B 3.0 edge node on paho-mqtt: for the tests now, `takt simulate machines` later.

    edge = EdgeNode("plant", "line-1", devices={"press": {"State": (DataType.Int32, 1)}})
    edge.start()                  # CONNECT with NDEATH as Will, NBIRTH, DBIRTH(s)
    edge.publish({"State": 3}, device="press")     # DDATA, by alias
    edge.stop()                   # NDEATH, DISCONNECT

What it does, per the specification (Operational Behavior; Payloads):

* Every CONNECT carries its NDEATH as Will (QoS 1, not retained) with `bdSeq`; `bdSeq`
  goes up by one per new connection and wraps after 255. The NBIRTH that follows carries
  the same `bdSeq`, seq 0 (or `nbirth_seq`), `Node Control/Rebirth` = false (no alias) and
  every node metric with its alias; each DBIRTH then carries its device's metrics, with
  aliases unique across the node. Aliases are given at each birth from `alias_base`, so
  changing it before a rebirth reassigns them.
* NDATA / DDATA send only what changed, by alias (by name with `use_aliases=False`) and
  without a datatype; seq runs 0..255 across all its messages and wraps.
* An NCMD `Node Control/Rebirth` = true is answered with NBIRTH and every DBIRTH (same
  bdSeq: the connection is the same).
* With `primary_host_id`, it births only once that host's STATE says online; a later
  offline STATE (not older than the last online one) makes it publish its NDEATH and wait
  for the host to come back, then birth again. (The specification has it also disconnect,
  to move to another broker; with one broker, staying connected is the same session story.)

For fault injection in tests and the simulator: `skip_seq` (a gap), `publish_raw` (any
bytes on a Sparkplug topic), `device_death`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.reasoncodes import ReasonCode

from app.clock import Clock, SystemClock
from app.machines.signals import Quality
from sync.machines.sparkplug.payload import (
    BD_SEQ,
    REBIRTH,
    DataType,
    MetricValue,
    OutMetric,
    SparkplugError,
    decode_payload,
    encode_payload,
)
from sync.machines.sparkplug.topics import Verb, check_id, parse_state, state_topic, topic

log = logging.getLogger(__name__)

MetricSpecs = Mapping[str, tuple[DataType, MetricValue]]


@dataclass
class _Metric:
    datatype: DataType
    value: MetricValue
    quality: Quality | None = None


class EdgeNode:
    """One Sparkplug edge node and its devices; see the module docstring. Thread-safe."""

    def __init__(
        self,
        group: str,
        node: str,
        *,
        broker_host: str = "127.0.0.1",
        broker_port: int = 1883,
        metrics: MetricSpecs | None = None,
        devices: Mapping[str, MetricSpecs] | None = None,
        primary_host_id: str | None = None,
        bd_seq: int = 0,
        client_id: str | None = None,
        keepalive: int = 10,
        use_aliases: bool = True,
        alias_base: int = 1,
        nbirth_seq: int = 0,
        clock: Clock | None = None,
        reconnect_min_delay: int = 1,
        reconnect_max_delay: int = 10,
    ) -> None:
        self.group = check_id(group)
        self.node = check_id(node)
        self.primary_host_id = None if primary_host_id is None else check_id(primary_host_id)
        if not 0 <= bd_seq <= 255 or not 0 <= nbirth_seq <= 255:
            raise ValueError("bdSeq and seq are within 0..255")
        self.use_aliases = use_aliases
        self.alias_base = alias_base
        self.nbirth_seq = nbirth_seq
        self._broker = (broker_host, broker_port, keepalive)
        self._clock = clock or SystemClock()
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._metrics = {name: _Metric(t, v) for name, (t, v) in (metrics or {}).items()}
        self._devices = {
            check_id(d): {name: _Metric(t, v) for name, (t, v) in specs.items()}
            for d, specs in (devices or {}).items()
        }
        self._dead_devices: set[str] = set()
        self._aliases: dict[tuple[str | None, str], int] = {}
        self._bd_seq = bd_seq
        self._seq = 0
        self._born = False
        self._host_online_ms: int | None = None
        self.births = 0  # NBIRTHs published
        self.rebirth_requests = 0  # NCMD Node Control/Rebirth received
        self.connections = 0
        self._started = False
        self._client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=client_id or f"takt-edge-{group}-{node}",
            clean_session=True,
            protocol=mqtt.MQTTv311,
        )
        self._client.reconnect_delay_set(reconnect_min_delay, reconnect_max_delay)
        self._client.on_connect = self._on_connect
        self._client.on_subscribe = self._on_subscribe
        self._client.on_message = self._on_message
        self._client.on_disconnect = self._on_disconnect
        self._set_will()

    # -- life -------------------------------------------------------------------------------

    def start(self) -> None:
        """Connect in the background (retrying); births follow. Once: stop() is final."""
        host, port, keepalive = self._broker
        self._started = True
        self._client.connect_async(host, port, keepalive)
        self._client.loop_start()

    def stop(self, timeout: float = 5.0) -> None:
        """The intentional end: NDEATH first (a DISCONNECT suppresses the Will), then go."""
        if not self._started:
            return
        with self._lock:
            info = self._client.publish(
                topic(self.group, Verb.NDEATH, self.node), self._ndeath_payload(), qos=1
            )
            self._born = False
        try:
            info.wait_for_publish(timeout)
        except (RuntimeError, ValueError):
            log.info("edge %s/%s: NDEATH not sent (not connected)", self.group, self.node)
        self._client.disconnect()
        self._client.loop_stop()
        self._client.reinitialise()  # closes the wake-up socket pair loop_stop leaves open
        self._started = False

    def wait_births(self, count: int, timeout: float) -> bool:
        """Block until `count` NBIRTHs (this one's whole birth sequence) have been sent."""
        with self._changed:
            return self._changed.wait_for(lambda: self.births >= count, timeout)

    @property
    def bd_seq(self) -> int:
        """The bdSeq of the current connection (its Will and its NBIRTH)."""
        return self._bd_seq

    @property
    def seq(self) -> int:
        """The seq the next message will carry."""
        return self._seq

    @property
    def born(self) -> bool:
        return self._born

    def alias(self, metric: str, device: str | None = None) -> int | None:
        """The alias the last birth gave a metric."""
        return self._aliases.get((device, metric))

    # -- what it publishes ------------------------------------------------------------------

    def publish(
        self,
        values: Mapping[str, MetricValue],
        device: str | None = None,
        *,
        quality: Quality | None = None,
    ) -> int | None:
        """NDATA (or DDATA) with new values of born metrics; the seq it used (None: unborn)."""
        with self._lock:
            table = self._metrics if device is None else self._devices[device]
            for name, value in values.items():
                table[name].value = value
                table[name].quality = quality
            if not self._born or (device is not None and device in self._dead_devices):
                return None
            now = self._clock.now()
            metrics = [
                OutMetric(
                    None if self.use_aliases else name,
                    table[name].datatype,
                    value,
                    alias=self._aliases.get((device, name)) if self.use_aliases else None,
                    timestamp=now,
                    quality=quality,
                    send_datatype=False,
                )
                for name, value in values.items()
            ]
            verb = Verb.NDATA if device is None else Verb.DDATA
            return self._send(verb, device, metrics)

    def add_device(self, device: str, metrics: MetricSpecs) -> None:
        """A device that appears (or comes back): its DBIRTH."""
        with self._lock:
            self._devices[check_id(device)] = {n: _Metric(t, v) for n, (t, v) in metrics.items()}
            self._dead_devices.discard(device)
            if self._born:
                self._assign_aliases()
                self._dbirth(device)

    def device_death(self, device: str) -> int | None:
        """The node lost a device: its DDEATH; the seq used."""
        with self._lock:
            self._dead_devices.add(device)
            if not self._born:
                return None
            return self._send(Verb.DDEATH, device, [])

    def device_rebirth(self, device: str) -> int | None:
        with self._lock:
            self._dead_devices.discard(device)
            if not self._born:
                return None
            return self._dbirth(device)

    def rebirth(self) -> None:
        """NBIRTH and every DBIRTH again (what a rebirth request asks for)."""
        with self._lock:
            self._birth()

    def skip_seq(self, count: int = 1) -> None:
        """Fault injection: the next `count` seq numbers are never sent (a gap)."""
        with self._lock:
            self._seq = (self._seq + count) % 256

    def publish_raw(
        self, verb: Verb, payload: bytes, device: str | None = None, *, qos: int = 0
    ) -> None:
        """Fault injection: any bytes on this node's topic for `verb`; uses no seq."""
        self._client.publish(topic(self.group, verb, self.node, device), payload, qos=qos)

    # -- births -----------------------------------------------------------------------------

    def _birth(self) -> None:
        now = self._clock.now()
        self._assign_aliases()
        metrics = [
            OutMetric(BD_SEQ, DataType.Int64, self._bd_seq, timestamp=now),
            OutMetric(REBIRTH, DataType.Boolean, False, timestamp=now),
        ]
        metrics += [self._birth_metric(None, n, m, now) for n, m in self._metrics.items()]
        self._seq = self.nbirth_seq
        self._send(Verb.NBIRTH, None, metrics)
        for device in self._devices:
            if device not in self._dead_devices:
                self._dbirth(device)
        self._born = True
        self.births += 1
        self._changed.notify_all()
        log.debug("edge %s/%s born, bdSeq %d", self.group, self.node, self._bd_seq)

    def _dbirth(self, device: str) -> int:
        now = self._clock.now()
        metrics = [self._birth_metric(device, n, m, now) for n, m in self._devices[device].items()]
        return self._send(Verb.DBIRTH, device, metrics)

    def _birth_metric(
        self, device: str | None, name: str, metric: _Metric, now: datetime
    ) -> OutMetric:
        return OutMetric(
            name,
            metric.datatype,
            metric.value,
            alias=self._aliases.get((device, name)) if self.use_aliases else None,
            timestamp=now,
            quality=metric.quality,
        )

    def _assign_aliases(self) -> None:
        self._aliases.clear()
        if not self.use_aliases:
            return
        names: list[tuple[str | None, str]] = [(None, n) for n in self._metrics]
        names += [(d, n) for d, table in self._devices.items() for n in table]
        for offset, key in enumerate(names):
            self._aliases[key] = self.alias_base + offset

    def _send(self, verb: Verb, device: str | None, metrics: list[OutMetric]) -> int:
        seq = self._seq
        payload = encode_payload(metrics, timestamp=self._clock.now(), seq=seq)
        self._client.publish(topic(self.group, verb, self.node, device), payload, qos=0)
        self._seq = (seq + 1) % 256
        return seq

    def _ndeath_payload(self) -> bytes:
        metric = OutMetric(BD_SEQ, DataType.Int64, self._bd_seq)
        return encode_payload([metric], timestamp=self._clock.now(), seq=None)

    def _set_will(self) -> None:
        self._client.will_set(
            topic(self.group, Verb.NDEATH, self.node), self._ndeath_payload(), qos=1, retain=False
        )

    # -- paho -------------------------------------------------------------------------------

    def _on_connect(
        self, client: mqtt.Client, _userdata: Any, _flags: Any, reason: ReasonCode, _props: Any
    ) -> None:
        if reason.is_failure:
            log.warning("edge %s/%s: broker refused: %s", self.group, self.node, reason)
            return
        with self._lock:
            self.connections += 1
        filters = [
            (topic(self.group, Verb.NCMD, self.node), 1),
            (f"spBv1.0/{self.group}/DCMD/{self.node}/+", 1),
        ]
        if self.primary_host_id is not None:
            filters.append((state_topic(self.primary_host_id), 1))
        client.subscribe(filters)

    def _on_subscribe(
        self, _client: mqtt.Client, _userdata: Any, _mid: int, _reasons: Any, _props: Any
    ) -> None:
        if self.primary_host_id is None:
            with self._lock:
                self._birth()
        # else: the retained STATE of the primary host (delivered now) decides.

    def _on_message(self, _client: mqtt.Client, _userdata: Any, message: mqtt.MQTTMessage) -> None:
        try:
            if message.topic == topic(self.group, Verb.NCMD, self.node):
                self._ncmd(bytes(message.payload))
            elif self.primary_host_id and message.topic == state_topic(self.primary_host_id):
                self._host_state(bytes(message.payload))
        except Exception:
            log.exception(
                "edge %s/%s: a message on %s failed", self.group, self.node, message.topic
            )

    def _ncmd(self, payload: bytes) -> None:
        try:
            command = decode_payload(payload)
        except SparkplugError as error:
            log.warning("edge %s/%s: bad NCMD ignored: %s", self.group, self.node, error.reason)
            return
        rebirth = command.metric(REBIRTH)
        if rebirth is not None and rebirth.value is True:
            with self._lock:
                self.rebirth_requests += 1
                if self._born or self.primary_host_id is None:
                    self._birth()

    def _host_state(self, payload: bytes) -> None:
        state = parse_state(payload)
        if state is None:
            return
        with self._lock:
            newer = self._host_online_ms is None or state.timestamp_ms >= self._host_online_ms
            if state.online and newer:
                self._host_online_ms = state.timestamp_ms
                if not self._born:
                    self._birth()
            elif not state.online and newer and self._born:
                log.info("edge %s/%s: primary host offline; NDEATH", self.group, self.node)
                self._client.publish(
                    topic(self.group, Verb.NDEATH, self.node), self._ndeath_payload(), qos=1
                )
                self._born = False

    def _on_disconnect(
        self, _client: mqtt.Client, _userdata: Any, _flags: Any, _reason: ReasonCode, _props: Any
    ) -> None:
        with self._lock:
            self._born = False
            self._bd_seq = (self._bd_seq + 1) % 256  # the next CONNECT's Will and NBIRTH
            self._set_will()
