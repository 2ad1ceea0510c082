"""The host side of Sparkplug B sessions, as a pure state machine: no network, no clock.

Fed every `(topic, payload, received_at)` the host receives on `spBv1.0/<group>/#`, it
returns the domain's plain values (`Reading`, `SignalLost`) and the commands to publish
(rebirth requests), and keeps what a person needs to see in diagnostics. The MQTT host
(sync/machines/mqtt_host.py) feeds it from paho's thread; tests feed it directly.

Per edge node, following Sparkplug 3.0 (Operational Behavior; Payloads):

* NBIRTH starts a session: its `bdSeq`, its seq (0..255, the next message is seq + 1, 255
  wraps to 0), its metrics with their aliases (aliases belong to one birth: a new birth
  replaces them all). The node's devices then wait for their DBIRTH.
* NDEATH ends the session only when its `bdSeq` is the current birth's: an older one (the
  Will of a connection the node has already replaced, delivered late) is ignored and
  counted. A matching NDEATH is `SignalLost` for the node and every device it had.
* DBIRTH / DDATA / DDEATH follow per device; DDEATH is `SignalLost` for that device.
* Every NBIRTH-following message carries the node's seq. One that arrives early is held
  (up to `reorder_timeout`) until the ones before it arrive; when they do not, the gap is
  counted, a Rebirth is requested, and the held messages are applied in order (nothing good
  is dropped). A seq already seen or too old (a duplicate, a late one) is quarantined.
* A Rebirth (NCMD `Node Control/Rebirth` = true) is requested on a seq gap, a duplicate or
  late seq, an unknown alias or metric, a wrong datatype, and DATA before BIRTH (node or
  device); at most once per `rebirth_interval` per node until the new NBIRTH arrives.
* Bad input (a payload that does not parse, a wrong datatype, an unknown alias, DATA
  without a birth, a bad seq) is quarantined: counted, kept with its reason, and it changes
  no state; the messages around it are applied as usual.
* A device that was online before a new NBIRTH and gets no DBIRTH within
  `dbirth_timeout` is `SignalLost` (its edge node no longer speaks for it).
* Metric quality (the `Quality` property: 192 GOOD, 0 BAD, 500 STALE) passes through as the
  `Reading`'s quality. Historical metrics, `bdSeq` and `Node Control/*` give no reading;
  neither do DataSet, Template, Bytes, File and array metrics (not states a work center has).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.machines.signals import Reading, Signal, SignalLost
from sync.machines.diagnostics import DeviceDiagnostics, NodeDiagnostics, Quarantine
from sync.machines.sparkplug import sparkplug_b_pb2 as pb
from sync.machines.sparkplug.payload import (
    BD_SEQ,
    NODE_CONTROL,
    SCALAR_TYPES,
    DataType,
    MalformedPayload,
    Metric,
    Payload,
    SparkplugError,
    UnknownMetric,
    WrongDatatype,
    decode_message,
    parse_payload,
    rebirth_request,
)
from sync.machines.sparkplug.topics import BadTopic, Topic, Verb, parse_topic, topic

log = logging.getLogger(__name__)

SEQ_MODULUS = 256
_AHEAD = SEQ_MODULUS // 2  # seq up to 127 ahead of the expected one: early; else late


class DataBeforeBirth(SparkplugError):
    """DATA (or a DBIRTH) for a node or device that has no birth in the current session."""


@dataclass(frozen=True, slots=True)
class Publish:
    """A message the host must send (a rebirth request), and why."""

    topic: str
    payload: bytes
    qos: int = 0
    retain: bool = False
    reason: str = ""


@dataclass(slots=True)
class Outcome:
    """What one input produced: values for the domain, commands for the broker."""

    signals: list[Signal] = field(default_factory=list)
    commands: list[Publish] = field(default_factory=list)

    def extend(self, other: Outcome) -> None:
        self.signals.extend(other.signals)
        self.commands.extend(other.commands)


@dataclass(frozen=True, slots=True)
class _Def:
    """A metric as a birth defined it."""

    name: str
    alias: int | None
    datatype: DataType


@dataclass(slots=True)
class _Table:
    by_alias: dict[int, _Def] = field(default_factory=dict)
    by_name: dict[str, _Def] = field(default_factory=dict)

    def resolve(self, metric: Metric, where: str) -> _Def:
        if metric.alias is not None:
            found = self.by_alias.get(metric.alias)
            if found is None:
                raise UnknownMetric(f"{where}: alias {metric.alias} is not in its birth")
            if metric.name and metric.name != found.name:
                raise UnknownMetric(
                    f"{where}: alias {metric.alias} is {found.name!r} in its birth, "
                    f"not {metric.name!r}"
                )
            return found
        if metric.name:
            found = self.by_name.get(metric.name)
            if found is None:
                raise UnknownMetric(f"{where}: metric {metric.name!r} is not in its birth")
            return found
        raise MalformedPayload(f"{where}: a metric with neither name nor alias")


@dataclass(slots=True)
class _Message:
    """A sequenced message (NDATA, DBIRTH, DDATA, DDEATH), decoded or with its error."""

    topic: Topic
    text: str
    raw: bytes
    received_at: datetime
    seq: int | None
    payload: Payload | None
    error: SparkplugError | None


@dataclass(slots=True)
class _Device:
    key: str
    online: bool = False
    table: _Table = field(default_factory=_Table)
    last_birth: datetime | None = None
    last_death: datetime | None = None
    messages: int = 0
    quarantine: Quarantine = field(default_factory=Quarantine)

    def snapshot(self) -> DeviceDiagnostics:
        return DeviceDiagnostics(
            device=self.key,
            online=self.online,
            last_birth=self.last_birth,
            last_death=self.last_death,
            messages=self.messages,
            quarantined_total=self.quarantine.total,
            quarantined=self.quarantine.snapshot(),
        )


@dataclass(slots=True)
class _Node:
    group: str
    name: str
    keep: int
    online: bool = False
    bd_seq: int | None = None
    expected: int = 0  # the next seq, while online
    table: _Table = field(default_factory=_Table)
    devices: dict[str, _Device] = field(default_factory=dict)
    held: dict[int, _Message] = field(default_factory=dict)
    held_since: datetime | None = None
    last_birth: datetime | None = None
    last_death: datetime | None = None
    messages: int = 0
    quarantine: Quarantine = field(init=False)
    seq_gaps: int = 0
    rebirths_requested: int = 0
    rebirth_asked_at: datetime | None = None
    stale_deaths_ignored: int = 0
    lost_by_host: bool = False  # online when the host lost the broker: ask it to rebirth
    # Devices online before a new NBIRTH, until their DBIRTH; lost if none comes in time.
    awaiting_dbirth: set[str] = field(default_factory=set)
    dbirth_deadline: datetime | None = None

    def __post_init__(self) -> None:
        self.quarantine = Quarantine(self.keep)

    @property
    def key(self) -> str:
        return f"{self.group}/{self.name}"

    def device(self, name: str) -> _Device:
        found = self.devices.get(name)
        if found is None:
            found = _Device(f"{self.key}/{name}", quarantine=Quarantine(self.keep))
            self.devices[name] = found
        return found

    def end_session(self) -> None:
        self.online = False
        self.table = _Table()
        self.held.clear()
        self.held_since = None
        self.awaiting_dbirth.clear()
        self.dbirth_deadline = None
        for device in self.devices.values():
            device.online = False
            device.table = _Table()

    def snapshot(self) -> NodeDiagnostics:
        return NodeDiagnostics(
            node=self.key,
            online=self.online,
            bd_seq=self.bd_seq,
            last_birth=self.last_birth,
            last_death=self.last_death,
            messages=self.messages,
            quarantined_total=self.quarantine.total,
            quarantined=self.quarantine.snapshot(),
            seq_gaps=self.seq_gaps,
            rebirths_requested=self.rebirths_requested,
            stale_deaths_ignored=self.stale_deaths_ignored,
            devices=tuple(d.snapshot() for _, d in sorted(self.devices.items())),
        )


class SessionTracker:
    """Sparkplug B sessions of every edge node one host sees; see the module docstring.

    Not thread-safe: one caller at a time (the MQTT host holds a lock around it).
    """

    def __init__(
        self,
        source: str,
        *,
        reorder_timeout: timedelta = timedelta(seconds=2),
        rebirth_interval: timedelta = timedelta(seconds=10),
        dbirth_timeout: timedelta = timedelta(seconds=5),
        quarantine_keep: int = 50,
        max_nodes: int = 10_000,
    ) -> None:
        if reorder_timeout < timedelta(0) or rebirth_interval < timedelta(0):
            raise ValueError("timeouts cannot be negative")
        self.source = source
        self.reorder_timeout = reorder_timeout
        self.rebirth_interval = rebirth_interval
        self.dbirth_timeout = dbirth_timeout
        self._keep = quarantine_keep
        self._max_nodes = max_nodes
        self._nodes: dict[tuple[str, str], _Node] = {}
        self._waiting: set[tuple[str, str]] = set()  # nodes with a deadline (held, DBIRTH)
        self.unattributed = Quarantine(quarantine_keep)  # topics that name no node
        self.messages = 0

    # -- inputs -----------------------------------------------------------------------------

    def feed(self, topic_text: str, payload: bytes, received_at: datetime) -> Outcome:
        """One MQTT message under spBv1.0/ (STATE excluded). Never raises on bad input."""
        _aware(received_at)
        out = self.tick(received_at)
        self.messages += 1
        try:
            where = parse_topic(topic_text)
        except BadTopic as error:
            self.unattributed.add(received_at, topic_text, payload, str(error))
            return out
        if where.verb in (Verb.NCMD, Verb.DCMD):
            return out  # commands: ours coming back, or another host's
        node = self._node(where, topic_text, payload, received_at)
        if node is None:
            return out
        node.messages += 1
        if where.device is not None and where.device in node.devices:
            node.devices[where.device].messages += 1
        try:
            message = parse_payload(payload)
        except SparkplugError as error:
            self._quarantine(node, where, topic_text, payload, received_at, error.reason)
            return out
        if where.verb is Verb.NBIRTH:
            self._nbirth(node, where, topic_text, payload, message, received_at, out)
        elif where.verb is Verb.NDEATH:
            self._ndeath(node, where, topic_text, payload, message, received_at, out)
        else:
            self._sequenced(node, _decoded(where, topic_text, payload, message, received_at), out)
        if node.held_since is not None or node.dbirth_deadline is not None:
            self._waiting.add((node.group, node.name))
        return out

    def tick(self, now: datetime) -> Outcome:
        """Let time pass: a reorder timeout that has run out is a seq gap."""
        out = Outcome()
        for key in sorted(self._waiting):
            node = self._nodes[key]
            if node.held_since is not None and now - node.held_since >= self.reorder_timeout:
                self._give_up_waiting(node, now, out)
            if node.dbirth_deadline is not None and now >= node.dbirth_deadline:
                self._missing_dbirths(node, now, out)
            if node.held_since is None and node.dbirth_deadline is None:
                self._waiting.discard(key)
        return out

    def next_deadline(self) -> datetime | None:
        """When `tick` next has something to do (a reorder timeout, a DBIRTH overdue)."""
        waiting = [self._nodes[key] for key in self._waiting]
        deadlines = [n.held_since + self.reorder_timeout for n in waiting if n.held_since]
        deadlines += [n.dbirth_deadline for n in waiting if n.dbirth_deadline]
        return min(deadlines, default=None)

    def forget_sessions(self) -> None:
        """The host lost the broker: every session may have moved on without it.

        Every node is offline until its next NBIRTH (the host's own `SignalLost` says so to
        the domain); those that were online are asked to rebirth by `rebirth_lost_nodes`.
        """
        for node in self._nodes.values():
            node.lost_by_host = node.lost_by_host or node.online
            node.end_session()
            node.rebirth_asked_at = None

    def rebirth_lost_nodes(self, now: datetime) -> Outcome:
        """Back on the broker: ask the nodes that were online before the loss to rebirth."""
        out = Outcome()
        for node in self._nodes.values():
            if node.lost_by_host:
                node.lost_by_host = False
                self._rebirth(node, "the host reconnected to the broker", now, out)
        return out

    # -- what it knows ----------------------------------------------------------------------

    def devices(self) -> tuple[str, ...]:
        """Every node and device key it has seen born, online or not."""
        keys: list[str] = []
        for node in self._nodes.values():
            if node.bd_seq is not None:
                keys.append(node.key)
            keys.extend(d.key for d in node.devices.values())
        return tuple(sorted(keys))

    def diagnostics(self) -> tuple[NodeDiagnostics, ...]:
        return tuple(node.snapshot() for _, node in sorted(self._nodes.items()))

    # -- births and deaths ------------------------------------------------------------------

    def _nbirth(
        self,
        node: _Node,
        where: Topic,
        text: str,
        raw: bytes,
        message: pb.Payload,
        received_at: datetime,
        out: Outcome,
    ) -> None:
        try:
            payload = decode_message(message)
            if payload.seq is None or payload.seq >= SEQ_MODULUS:
                raise MalformedPayload(f"NBIRTH seq {payload.seq} is not within 0..255")
            bd_seq = _bd_seq(payload, "NBIRTH")
            table, pairs = _born(payload, "NBIRTH")
            readings = self._readings(node.key, pairs, payload, received_at)
        except SparkplugError as error:
            self._quarantine(node, where, text, raw, received_at, error.reason)
            return
        held = sorted(node.held.values(), key=lambda m: m.received_at)
        was_online = {name for name, d in node.devices.items() if d.online}
        node.end_session()  # a new birth replaces the last session, devices included
        if was_online:  # a rebirth: their DBIRTHs follow, or they are gone
            node.awaiting_dbirth = was_online
            node.dbirth_deadline = received_at + self.dbirth_timeout
        node.online = True
        node.bd_seq = bd_seq
        node.expected = (payload.seq + 1) % SEQ_MODULUS
        node.table = table
        node.last_birth = received_at
        node.rebirth_asked_at = None
        node.lost_by_host = False
        out.signals.extend(readings)
        # Held messages that continue the new birth's seq (it arrived after them) apply;
        # the others belonged to the replaced session.
        for message_held in held:
            assert message_held.seq is not None  # only a message with a seq is held
            node.held[message_held.seq] = message_held
        chain = self._drain(node, out)
        for stale in node.held.values():
            self._quarantine_message(node, stale, "held out of order, then replaced by NBIRTH")
        node.held.clear()
        node.held_since = None
        log.debug("NBIRTH %s bdSeq %s seq %s (+%d held)", node.key, bd_seq, payload.seq, chain)

    def _ndeath(
        self,
        node: _Node,
        where: Topic,
        text: str,
        raw: bytes,
        message: pb.Payload,
        received_at: datetime,
        out: Outcome,
    ) -> None:
        try:
            bd_seq = _bd_seq(decode_message(message), "NDEATH")
        except SparkplugError as error:
            self._quarantine(node, where, text, raw, received_at, error.reason)
            return
        if not node.online or node.bd_seq != bd_seq:
            node.stale_deaths_ignored += 1
            log.info(
                "NDEATH %s bdSeq %s ignored (current birth: %s)",
                node.key,
                bd_seq,
                node.bd_seq if node.online else "none",
            )
            return
        for stale in node.held.values():
            self._quarantine_message(node, stale, "held out of order, then the node died")
        node.end_session()
        node.last_death = received_at  # a Will's timestamp is the connect's: use receipt
        for device in node.devices.values():
            device.last_death = received_at
        lost = (node.key, *(d.key for _, d in sorted(node.devices.items())))
        out.signals.append(SignalLost(self.source, lost, f"NDEATH bdSeq {bd_seq}", received_at))

    # -- the seq-ordered messages -----------------------------------------------------------

    def _sequenced(self, node: _Node, message: _Message, out: Outcome) -> None:
        verb = message.topic.verb.value
        if not node.online:
            self._quarantine_message(node, message, DataBeforeBirth(f"{verb} before NBIRTH").reason)
            self._rebirth(node, f"{verb} before NBIRTH", message.received_at, out)
            return
        if message.seq is None or message.seq >= SEQ_MODULUS:
            reason = "no seq" if message.seq is None else f"seq {message.seq} beyond 255"
            self._quarantine_message(node, message, f"{verb} with {reason}")
            self._rebirth(node, f"{verb} with {reason}", message.received_at, out)
            return
        ahead = (message.seq - node.expected) % SEQ_MODULUS
        if ahead == 0:
            self._apply(node, message, out)
            node.expected = (message.seq + 1) % SEQ_MODULUS
            self._drain(node, out)
        elif ahead < _AHEAD and message.seq not in node.held:
            node.held[message.seq] = message
            if node.held_since is None:
                node.held_since = message.received_at
            if self.reorder_timeout == timedelta(0):
                self._give_up_waiting(node, message.received_at, out)
        else:
            reason = f"duplicate or late seq {message.seq} (expected {node.expected})"
            self._quarantine_message(node, message, f"{verb} with {reason}")
            self._rebirth(node, reason, message.received_at, out)

    def _drain(self, node: _Node, out: Outcome) -> int:
        """Apply held messages that now follow in seq; how many."""
        applied = 0
        while node.expected in node.held:
            message = node.held.pop(node.expected)
            self._apply(node, message, out)
            node.expected = (node.expected + 1) % SEQ_MODULUS
            applied += 1
        node.held_since = min((m.received_at for m in node.held.values()), default=None)
        return applied

    def _give_up_waiting(self, node: _Node, now: datetime, out: Outcome) -> None:
        """The reorder timeout ran out: count the gap, ask for a rebirth, apply what came."""
        first = min(node.held, key=lambda seq: (seq - node.expected) % SEQ_MODULUS)
        missing = (first - node.expected) % SEQ_MODULUS
        reason = f"seq gap: {missing} missing from seq {node.expected} (next came {first})"
        log.info("%s: %s", node.key, reason)
        node.seq_gaps += 1
        self._rebirth(node, reason, now, out)
        while node.held:
            nearest = min(node.held, key=lambda seq: (seq - node.expected) % SEQ_MODULUS)
            if nearest != node.expected and nearest != first:
                node.seq_gaps += 1
            message = node.held.pop(nearest)
            self._apply(node, message, out)
            node.expected = (nearest + 1) % SEQ_MODULUS
        node.held_since = None

    def _missing_dbirths(self, node: _Node, now: datetime, out: Outcome) -> None:
        """Devices a rebirth did not bring back: their edge node no longer speaks for them."""
        lost = tuple(
            sorted(node.devices[n].key for n in node.awaiting_dbirth if not node.devices[n].online)
        )
        node.awaiting_dbirth.clear()
        node.dbirth_deadline = None
        if lost:
            out.signals.append(SignalLost(self.source, lost, "no DBIRTH after NBIRTH", now))

    def _apply(self, node: _Node, message: _Message, out: Outcome) -> None:
        """One in-order message: its signals, or quarantined (its seq is used up either way)."""
        verb = message.topic.verb
        try:
            if message.error is not None:
                raise message.error
            assert message.payload is not None
            if verb is Verb.NDATA:
                pairs = _resolved(node.table, message.payload, f"NDATA of {node.key}")
                out.signals.extend(
                    self._readings(node.key, pairs, message.payload, message.received_at)
                )
            elif verb is Verb.DBIRTH:
                self._dbirth(node, message, out)
            elif verb is Verb.DDATA:
                self._ddata(node, message, out)
            elif verb is Verb.DDEATH:
                self._ddeath(node, message, out)
        except SparkplugError as error:
            self._quarantine_message(node, message, error.reason)
            if verb is not Verb.DBIRTH or isinstance(error, WrongDatatype):
                self._rebirth(node, error.reason, message.received_at, out)

    def _dbirth(self, node: _Node, message: _Message, out: Outcome) -> None:
        assert message.payload is not None
        assert message.topic.device is not None
        name = message.topic.device
        table, pairs = _born(message.payload, f"DBIRTH of {node.key}/{name}")
        readings = self._readings(f"{node.key}/{name}", pairs, message.payload, message.received_at)
        known = name in node.devices
        device = node.device(name)
        if not known:
            device.messages += 1  # counted on arrival only when the device was known
        device.online = True
        device.table = table
        device.last_birth = message.received_at
        node.awaiting_dbirth.discard(name)
        if not node.awaiting_dbirth:
            node.dbirth_deadline = None
        out.signals.extend(readings)

    def _ddata(self, node: _Node, message: _Message, out: Outcome) -> None:
        assert message.payload is not None
        assert message.topic.device is not None
        device = node.devices.get(message.topic.device)
        if device is None or not device.online:
            raise DataBeforeBirth(f"DDATA for device {message.topic.device!r} before its DBIRTH")
        pairs = _resolved(device.table, message.payload, f"DDATA of {device.key}")
        out.signals.extend(self._readings(device.key, pairs, message.payload, message.received_at))

    def _ddeath(self, node: _Node, message: _Message, out: Outcome) -> None:
        assert message.payload is not None
        assert message.topic.device is not None
        device = node.device(message.topic.device)  # dead either way: say so even if unborn
        device.online = False
        device.table = _Table()
        node.awaiting_dbirth.discard(message.topic.device)
        at = message.payload.timestamp or message.received_at  # an edge's DDEATH time counts
        device.last_death = at
        out.signals.append(SignalLost(self.source, (device.key,), "DDEATH", at))

    # -- helpers ----------------------------------------------------------------------------

    def _readings(
        self,
        key: str,
        pairs: Iterable[tuple[Metric, _Def]],
        payload: Payload,
        received_at: datetime,
    ) -> list[Reading]:
        """The readings of resolved metrics (every value checked against its birth first)."""
        readings: list[Reading] = []
        for metric, born in pairs:
            value = metric.value_as(born.datatype)
            if born.name == BD_SEQ or born.name.startswith(NODE_CONTROL):
                continue
            if metric.is_historical or born.datatype not in SCALAR_TYPES:
                continue
            assert not isinstance(value, bytes)
            at = metric.timestamp or payload.timestamp or received_at
            readings.append(Reading(self.source, key, born.name, value, metric.quality, at))
        return readings

    def _rebirth(self, node: _Node, reason: str, now: datetime, out: Outcome) -> None:
        asked = node.rebirth_asked_at
        if asked is not None and timedelta(0) <= now - asked < self.rebirth_interval:
            return
        node.rebirth_asked_at = now
        node.rebirths_requested += 1
        log.info("asking %s to rebirth: %s", node.key, reason)
        out.commands.append(
            Publish(
                topic(node.group, Verb.NCMD, node.name),
                rebirth_request(now),
                qos=0,
                retain=False,
                reason=reason,
            )
        )

    def _node(self, where: Topic, text: str, raw: bytes, received_at: datetime) -> _Node | None:
        key = (where.group, where.node)
        node = self._nodes.get(key)
        if node is None:
            if len(self._nodes) >= self._max_nodes:
                reason = f"more than {self._max_nodes} edge nodes: {where.node_key} not tracked"
                self.unattributed.add(received_at, text, raw, reason)
                return None
            node = self._nodes[key] = _Node(where.group, where.node, self._keep)
        return node

    def _quarantine(
        self, node: _Node, where: Topic, text: str, raw: bytes, at: datetime, reason: str
    ) -> None:
        device = node.devices.get(where.device) if where.device is not None else None
        (device.quarantine if device is not None else node.quarantine).add(
            at, text, raw, f"{where.verb.value}: {reason}"
        )

    def _quarantine_message(self, node: _Node, message: _Message, reason: str) -> None:
        self._quarantine(
            node, message.topic, message.text, message.raw, message.received_at, reason
        )


def _decoded(
    where: Topic, text: str, raw: bytes, message: pb.Payload, received_at: datetime
) -> _Message:
    seq = message.seq if message.HasField("seq") else None
    try:
        return _Message(where, text, raw, received_at, seq, decode_message(message), None)
    except SparkplugError as error:
        return _Message(where, text, raw, received_at, seq, None, error)


def _bd_seq(payload: Payload, verb: str) -> int:
    metric = payload.metric(BD_SEQ)
    if metric is None:
        raise MalformedPayload(f"{verb} without a bdSeq metric")
    if (
        metric.datatype is None
        or not isinstance(metric.value, int)
        or isinstance(metric.value, bool)
    ):
        raise WrongDatatype(f"{verb} bdSeq is not an integer (Int64)")
    return metric.value


def _born(payload: Payload, what: str) -> tuple[_Table, list[tuple[Metric, _Def]]]:
    """The metric table a birth defines; MalformedPayload if it is not a valid birth."""
    table = _Table()
    pairs: list[tuple[Metric, _Def]] = []
    for metric in payload.metrics:
        if not metric.name:
            raise MalformedPayload(f"{what}: metric {metric.label} has no name")
        if metric.datatype is None:
            raise MalformedPayload(f"{what}: metric {metric.name!r} has no datatype")
        if metric.name in table.by_name:
            raise MalformedPayload(f"{what}: metric {metric.name!r} twice")
        born = _Def(metric.name, metric.alias, metric.datatype)
        if metric.alias is not None:
            if metric.alias in table.by_alias:
                raise MalformedPayload(f"{what}: alias {metric.alias} twice")
            table.by_alias[metric.alias] = born
        table.by_name[metric.name] = born
        pairs.append((metric, born))
    return table, pairs


def _resolved(table: _Table, payload: Payload, where: str) -> list[tuple[Metric, _Def]]:
    return [(metric, table.resolve(metric, where)) for metric in payload.metrics]


def _aware(moment: datetime) -> None:
    if moment.tzinfo is None:
        raise ValueError("received_at must be timezone-aware (UTC)")
