"""The machine mapping file: which source, device and metric tells what about a work center.

One TOML file a plant edits (resources/machines/demo.toml for the demo plant; the file
itself documents every setting). It holds:

- `[settings]`: micro-stop threshold, auto-confirm of counted parts, how long a
  downtime's reason stays editable;
- `[[sources]]`: each machine source and its connection (Sparkplug B or plain JSON over
  MQTT, OPC UA), as typed dataclasses the sources in sync/machines read;
- `[[breaks]]`: breaks inside the plant's shifts (planned stops the calendar lacks);
- `[[work_centers]]`: per work center its state (a value -> running/idle/down table),
  part counter, fault code (with a fault code -> reason code table) and cycle time.

Loading validates all of it and reports every problem at once, each naming the line and
the field (`LineProblem`), so a plant can fix its file from the message alone.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.errors import FieldProblem, ValidationError
from app.machines.calendar import BreakWindow
from app.machines.decisions import MAPPED_STATES, MachineState
from app.machines.signals import Value
from app.machines.tomlpos import KeyPath, key_lines, line_of
from app.paths import resource
from app.routing.reasons import ReasonTree, load_reasons

DEFAULT_MICRO_STOP = timedelta(seconds=60)
DEFAULT_REASON_EDIT_WINDOW = timedelta(hours=24)


def demo_mapping_path() -> Path:
    return resource("machines", "demo.toml")


# -- problems ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LineProblem(FieldProblem):
    """A problem of the mapping file, at a line (1-based) of it."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.field}: {self.problem}"


class MappingError(ValidationError):
    """The mapping file is wrong; `problems` are `LineProblem`s, in line order."""

    @property
    def line_problems(self) -> list[LineProblem]:
        return [p for p in self.problems if isinstance(p, LineProblem)]


# -- values of a state metric ---------------------------------------------------------------


def value_key(value: Value) -> str | None:
    """A reading's value as a table key: True -> "true", 3 and 3.0 -> "3", " Held" -> "Held"."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    return value.strip()


_R, _I, _D = MachineState.RUNNING, MachineState.IDLE, MachineState.DOWN

# PackML (ISA-TR88.00.02) states by name and by number. Held is an internal fault (down);
# Suspended an external cause, starved or blocked (idle); Stopped a deliberate stop.
_PACKML = {
    "Clearing": (1, _D),
    "Stopped": (2, _I),
    "Starting": (3, _I),
    "Idle": (4, _I),
    "Suspended": (5, _I),
    "Execute": (6, _R),
    "Stopping": (7, _I),
    "Aborting": (8, _D),
    "Aborted": (9, _D),
    "Holding": (10, _D),
    "Held": (11, _D),
    "Unholding": (12, _D),
    "Suspending": (13, _I),
    "Unsuspending": (14, _I),
    "Resetting": (15, _I),
    "Completing": (16, _I),
    "Complete": (17, _I),
}
PRESETS: dict[str, dict[str, MachineState]] = {
    "packml": {
        **{name: state for name, (_, state) in _PACKML.items()},
        **{str(number): state for number, state in _PACKML.values()},
    },
}


@dataclass(frozen=True)
class StateTable:
    """Value -> state. Text matches exactly, else ignoring case; numbers by their value."""

    values: tuple[tuple[str, MachineState], ...]
    otherwise: MachineState | None = None  # for a value the table lacks (None: unknown)
    _exact: dict[str, MachineState] = field(init=False, repr=False, compare=False, hash=False)
    _folded: dict[str, MachineState] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_exact", dict(self.values))
        object.__setattr__(self, "_folded", {k.casefold(): s for k, s in self.values})

    def state_of(self, value: Value) -> MachineState | None:
        key = value_key(value)
        if key is None:
            return self.otherwise
        found = self._exact.get(key)
        if found is None:
            found = self._folded.get(key.casefold())
        return found if found is not None else self.otherwise


# -- what a work center maps ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetricRef:
    source: str
    device: str
    metric: str
    line: int = 0

    @property
    def address(self) -> tuple[str, str, str]:
        return (self.source, self.device, self.metric)


@dataclass(frozen=True, slots=True)
class StateMapping:
    ref: MetricRef
    table: StateTable


@dataclass(frozen=True, slots=True)
class CounterMapping:
    ref: MetricRef
    rollover: int | None = None  # the counter wraps from rollover - 1 to 0


@dataclass(frozen=True)
class FaultMapping:
    ref: MetricRef
    reasons: tuple[tuple[str, str], ...] = ()  # fault code -> reason code of the tree
    no_fault: frozenset[str] = frozenset({"", "0"})  # values that mean "no fault"
    _reasons: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_reasons", dict(self.reasons))

    def code_of(self, value: Value) -> str | None:
        """The fault code a value stands for; None: no fault."""
        key = value_key(value)
        if key is None or key in self.no_fault or key == "false":
            return None
        return key

    def reason_of(self, code: str | None) -> str | None:
        return None if code is None else self._reasons.get(code)


@dataclass(frozen=True, slots=True)
class CycleTimeMapping:
    ref: MetricRef
    seconds_per_unit: float = 1.0  # "s" 1, "ms" 0.001, "min" 60


@dataclass(frozen=True, slots=True)
class WorkCenterMapping:
    code: str
    state: StateMapping
    parts: CounterMapping | None = None
    fault: FaultMapping | None = None
    cycle_time: CycleTimeMapping | None = None
    micro_stop: timedelta = DEFAULT_MICRO_STOP
    auto_confirm: bool = False
    idle_opens_downtime: bool = False  # idle past the threshold opens a downtime too
    line: int = 0

    def metrics(self) -> Iterator[tuple[str, MetricRef]]:
        """(role, metric) for every metric this work center reads."""
        yield "state", self.state.ref
        if self.parts is not None:
            yield "parts", self.parts.ref
        if self.fault is not None:
            yield "fault", self.fault.ref
        if self.cycle_time is not None:
            yield "cycle_time", self.cycle_time.ref


# -- sources ------------------------------------------------------------------------------


class SourceKind(StrEnum):
    SPARKPLUG = "sparkplug"  # Sparkplug B 3.0 over MQTT
    JSON = "json"  # plain JSON over MQTT
    OPCUA = "opcua"


@dataclass(frozen=True, slots=True)
class MqttBroker:
    host: str
    port: int = 1883
    client_id: str | None = None
    username: str | None = None  # its password lives in the OS keyring, never here
    tls_ca_file: str | None = None  # TLS, trusting this CA only, when set
    keepalive_seconds: int = 30


@dataclass(frozen=True, slots=True)
class SparkplugSource:
    name: str
    broker: MqttBroker
    group_ids: tuple[str, ...]
    host_id: str  # spBv1.0/STATE/<host_id>
    primary: bool = True  # the Primary Host: publishes STATE, may ask for a rebirth
    line: int = 0
    kind: SourceKind = SourceKind.SPARKPLUG


@dataclass(frozen=True, slots=True)
class JsonTopicSpec:
    topic: str  # a topic or topic filter ("+" and "#" allowed)
    device: str | None = None  # the readings' device; else each message's own topic
    line: int = 0

    def names(self, device: str) -> bool:
        """Do readings of this topic carry `device` as their device?"""
        return device == self.device if self.device else topic_matches(self.topic, device)


@dataclass(frozen=True, slots=True)
class JsonSource:
    """JSON objects over MQTT: a topic is a device, each field of the object a metric."""

    name: str
    broker: MqttBroker
    topics: tuple[JsonTopicSpec, ...]
    line: int = 0
    kind: SourceKind = SourceKind.JSON


@dataclass(frozen=True, slots=True)
class OpcUaNode:
    device: str
    metric: str
    node_id: str  # "ns=2;s=Hermle.State"
    line: int = 0


@dataclass(frozen=True, slots=True)
class OpcUaSource:
    name: str
    endpoint: str  # "opc.tcp://host:4840/path"
    nodes: tuple[OpcUaNode, ...]
    publishing_interval_ms: int = 500
    security_policy: str = "None"
    username: str | None = None  # its password lives in the OS keyring, never here
    line: int = 0
    kind: SourceKind = SourceKind.OPCUA


Source = SparkplugSource | JsonSource | OpcUaSource


@dataclass(frozen=True, slots=True)
class BreakSpec:
    calendar: str  # the plant's calendar code
    window: BreakWindow
    line: int = 0


@dataclass(frozen=True, slots=True)
class MachineMapping:
    sources: tuple[Source, ...]
    work_centers: tuple[WorkCenterMapping, ...]
    breaks: tuple[BreakSpec, ...] = ()
    micro_stop: timedelta = DEFAULT_MICRO_STOP
    auto_confirm: bool = False
    reason_edit_window: timedelta = DEFAULT_REASON_EDIT_WINDOW
    file: str = ""

    def source(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)

    def work_center(self, code: str) -> WorkCenterMapping | None:
        return next((w for w in self.work_centers if w.code == code), None)

    def breaks_by_calendar(self) -> dict[str, list[BreakWindow]]:
        out: dict[str, list[BreakWindow]] = {}
        for spec in self.breaks:
            out.setdefault(spec.calendar, []).append(spec.window)
        return out

    def metrics_of(self, source: str) -> list[MetricRef]:
        """Every metric of `source` some work center reads (what a source subscribes)."""
        return [ref for wc in self.work_centers for _, ref in wc.metrics() if ref.source == source]


# -- validation ---------------------------------------------------------------------------

_SPARKPLUG_ID = re.compile(r"^[^/+#]+$")
_NODE_ID = re.compile(r"^(?:(?:ns=\d+|nsu=[^;]+);)?[isgb]=.+$")
_WEEKDAYS = re.compile(r"^[1-7]{1,7}$")
_UNITS = {"s": 1.0, "ms": 0.001, "min": 60.0}
_STATE_WORDS = ", ".join(s.value for s in MAPPED_STATES)

_MQTT_KEYS = {"host", "port", "client_id", "username", "tls_ca_file", "keepalive_seconds"}
_SOURCE_KEYS = {
    SourceKind.SPARKPLUG: {"name", "kind", *_MQTT_KEYS, "group_ids", "host_id", "primary"},
    SourceKind.JSON: {"name", "kind", *_MQTT_KEYS, "topics"},
    SourceKind.OPCUA: {
        "name",
        "kind",
        "endpoint",
        "nodes",
        "publishing_interval_ms",
        "security_policy",
        "username",
    },
}
_SECURITY_POLICIES = {"None", "Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss"}
_REF_KEYS = {"source", "device", "metric"}


def _field(path: KeyPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            text = part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else f'"{part}"'
            out += f".{text}" if out else text
    return out or "(file)"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Check:
    def __init__(self, file: str, lines: dict[KeyPath, int]) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[LineProblem] = []

    def line(self, path: KeyPath) -> int:
        return line_of(self.lines, path)

    def bad(self, path: KeyPath, problem: str) -> None:
        found = LineProblem(_field(path), problem, self.file, self.line(path))
        if found not in self.problems:  # an inherited setting is wrong once, not per metric
            self.problems.append(found)

    def table(self, raw: Any, path: KeyPath, allowed: Collection[str]) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.bad(path, "must be a table of settings")
            return None
        for key in raw:
            if key not in allowed:
                self.bad((*path, key), f"unknown setting (known: {', '.join(sorted(allowed))})")
        return raw

    def text(self, raw: dict[str, Any], key: str, path: KeyPath, *, required: bool) -> str | None:
        if key not in raw:
            if required:
                self.bad((*path, key), "missing: must be a non-empty text")
            return None
        value = raw[key]
        if not isinstance(value, str) or not value.strip():
            self.bad((*path, key), f"must be a non-empty text, not {value!r}")
            return None
        return value.strip()

    def integer(
        self, raw: dict[str, Any], key: str, path: KeyPath, default: int, low: int, high: int
    ) -> int:
        if key not in raw:
            return default
        value = raw[key]
        if not _is_int(value) or not low <= value <= high:
            self.bad((*path, key), f"must be a whole number from {low} to {high}, not {value!r}")
            return default
        return int(value)

    def seconds(
        self, raw: dict[str, Any], key: str, path: KeyPath, default: timedelta, unit: float = 1
    ) -> timedelta:
        if key not in raw:
            return default
        value = raw[key]
        if not _is_number(value) or not math.isfinite(value) or value <= 0:
            self.bad((*path, key), f"must be a number greater than 0, not {value!r}")
            return default
        return timedelta(seconds=float(value) * unit)

    def boolean(self, raw: dict[str, Any], key: str, path: KeyPath, default: bool) -> bool:
        if key not in raw:
            return default
        value = raw[key]
        if not isinstance(value, bool):
            self.bad((*path, key), f"must be true or false, not {value!r}")
            return default
        return value

    def texts(
        self, raw: dict[str, Any], key: str, path: KeyPath, *, empty: bool = False
    ) -> tuple[str, ...]:
        value = raw.get(key)
        if key not in raw:
            self.bad((*path, key), "missing: must be a list of texts")
            return ()
        if not isinstance(value, list) or not value:
            self.bad((*path, key), f"must be a non-empty list of texts, not {value!r}")
            return ()
        out: list[str] = []
        for n, item in enumerate(value):
            if not isinstance(item, str) or not (empty or item.strip()):
                self.bad((*path, key, n), f"must be a non-empty text, not {item!r}")
            else:
                out.append(item.strip())
        return tuple(out)

    def clock(self, raw: dict[str, Any], key: str, path: KeyPath) -> time | None:
        if key not in raw:
            self.bad((*path, key), 'missing: a time of day, "HH:MM"')
            return None
        value = raw[key]
        if isinstance(value, time):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d\d:\d\d(:\d\d)?", value.strip()):
            try:
                return time.fromisoformat(value.strip())
            except ValueError:
                pass
        self.bad((*path, key), f'must be a time of day "HH:MM", not {value!r}')
        return None


def _topic_filter_ok(topic: str) -> bool:
    levels = topic.split("/")
    for n, level in enumerate(levels):
        if "#" in level and (level != "#" or n != len(levels) - 1):
            return False
        if "+" in level and level != "+":
            return False
    return True


def topic_matches(topic_filter: str, topic: str) -> bool:
    """Does an MQTT topic filter ("+" one level, "#" the rest) match a topic?"""
    want = topic_filter.split("/")
    have = topic.split("/")
    for n, level in enumerate(want):
        if level == "#":
            return True
        if n >= len(have) or (level != "+" and level != have[n]):
            return False
    return len(want) == len(have)


def _json_topics(check: _Check, raw: dict[str, Any], path: KeyPath) -> tuple[JsonTopicSpec, ...]:
    items = raw.get("topics")
    if not isinstance(items, list) or not items:
        problem = "missing" if items is None else f"not {items!r}"
        check.bad((*path, "topics"), f"{problem}: a list of topics or {{ topic, device }}")
        return ()
    specs: list[JsonTopicSpec] = []
    for n, item in enumerate(items):
        where = (*path, "topics", n)
        spec = (
            {"topic": item}
            if isinstance(item, str)
            else check.table(item, where, ("topic", "device"))
        )
        if spec is None:
            continue
        topic = check.text(spec, "topic", where, required=True)
        device = check.text(spec, "device", where, required=False)
        if topic is None:
            continue
        if not _topic_filter_ok(topic) or topic.startswith("spBv1.0/"):
            check.bad(where, f"{topic!r} is no MQTT topic filter of a JSON source")
            continue
        specs.append(JsonTopicSpec(topic, device, check.line(where)))
    return tuple(specs)


def _broker(check: _Check, raw: dict[str, Any], path: KeyPath) -> MqttBroker:
    return MqttBroker(
        host=check.text(raw, "host", path, required=True) or "",
        port=check.integer(raw, "port", path, 1883, 1, 65535),
        client_id=check.text(raw, "client_id", path, required=False),
        username=check.text(raw, "username", path, required=False),
        tls_ca_file=check.text(raw, "tls_ca_file", path, required=False),
        keepalive_seconds=check.integer(raw, "keepalive_seconds", path, 30, 5, 3600),
    )


def _source(check: _Check, raw_any: Any, path: KeyPath) -> Source | None:
    if not isinstance(raw_any, dict):
        check.bad(path, "must be a table of settings")
        return None
    kind_text = raw_any.get("kind")
    try:
        kind = SourceKind(str(kind_text))
    except ValueError:
        known = ", ".join(k.value for k in SourceKind)
        if "kind" in raw_any:
            check.bad((*path, "kind"), f"{kind_text!r} is no kind of source (known: {known})")
        else:
            check.bad((*path, "kind"), f"missing: one of {known}")
        return None
    raw = check.table(raw_any, path, _SOURCE_KEYS[kind])
    assert raw is not None
    name = check.text(raw, "name", path, required=True) or ""
    line = check.line(path)
    if kind is SourceKind.SPARKPLUG:
        groups = check.texts(raw, "group_ids", path)
        for n, group in enumerate(groups):
            if not _SPARKPLUG_ID.match(group):
                check.bad((*path, "group_ids", n), f"{group!r}: no '/', '+' or '#' in a group id")
        host_id = check.text(raw, "host_id", path, required=True) or ""
        if host_id and not _SPARKPLUG_ID.match(host_id):
            check.bad((*path, "host_id"), f"{host_id!r}: no '/', '+' or '#' in a host id")
        return SparkplugSource(
            name,
            _broker(check, raw, path),
            groups,
            host_id,
            check.boolean(raw, "primary", path, True),
            line,
        )
    if kind is SourceKind.JSON:
        return JsonSource(name, _broker(check, raw, path), _json_topics(check, raw, path), line)
    endpoint = check.text(raw, "endpoint", path, required=True) or ""
    if endpoint and not endpoint.startswith("opc.tcp://"):
        check.bad((*path, "endpoint"), f"{endpoint!r} must start with opc.tcp://")
    policy = check.text(raw, "security_policy", path, required=False) or "None"
    if policy not in _SECURITY_POLICIES:
        known = ", ".join(sorted(_SECURITY_POLICIES))
        check.bad((*path, "security_policy"), f"{policy!r} is unknown (known: {known})")
    nodes: list[OpcUaNode] = []
    raw_nodes = raw.get("nodes")
    if not isinstance(raw_nodes, list) or not raw_nodes:
        check.bad((*path, "nodes"), "missing: a list of { device, metric, node_id }")
        raw_nodes = []
    seen: dict[tuple[str, str], int] = {}
    for n, raw_node in enumerate(raw_nodes):
        where = (*path, "nodes", n)
        node = check.table(raw_node, where, ("device", "metric", "node_id"))
        if node is None:
            continue
        device = check.text(node, "device", where, required=True)
        metric = check.text(node, "metric", where, required=True)
        node_id = check.text(node, "node_id", where, required=True)
        if node_id and not _NODE_ID.match(node_id):
            check.bad((*where, "node_id"), f"{node_id!r} is no OPC UA node id (ns=2;s=Name)")
        if device and metric and node_id:
            if (device, metric) in seen:
                check.bad(where, f"{device} {metric} is listed twice (line {seen[device, metric]})")
            seen[device, metric] = check.line(where)
            nodes.append(OpcUaNode(device, metric, node_id, check.line(where)))
    return OpcUaSource(
        name,
        endpoint,
        tuple(nodes),
        check.integer(raw, "publishing_interval_ms", path, 500, 50, 60_000),
        policy,
        check.text(raw, "username", path, required=False),
        line,
    )


def _ref(
    check: _Check,
    raw: dict[str, Any],
    path: KeyPath,
    inherited: tuple[KeyPath, str | None, str | None],
    sources: Mapping[str, Source],
) -> MetricRef | None:
    """A metric's source, device and metric; source and device default to the work
    center's, and a problem with an inherited one names the work center's line."""
    wc_path, wc_source, wc_device = inherited
    source = check.text(raw, "source", path, required=False) or wc_source
    device = check.text(raw, "device", path, required=False) or wc_device
    metric = check.text(raw, "metric", path, required=True)
    at_source = (*path, "source") if "source" in raw else (*wc_path, "source")
    at_device = (*path, "device") if "device" in raw else (*wc_path, "device")
    if source is None:
        check.bad(at_source, "missing: set source here or on the work center")
    if device is None:
        check.bad(at_device, "missing: set device here or on the work center")
    if source is None or device is None or metric is None:
        return None
    found = sources.get(source)
    if found is None:
        known = ", ".join(sources) or "none"
        check.bad(at_source, f"no source is named {source!r} (sources: {known})")
    elif isinstance(found, SparkplugSource):
        parts = device.split("/")
        if len(parts) not in (2, 3) or not all(parts):
            check.bad(
                at_device,
                f"{device!r}: a Sparkplug device is group/edge_node or group/edge_node/device",
            )
        elif parts[0] not in found.group_ids:
            check.bad(at_device, f"group {parts[0]!r} is not among {source}'s group_ids")
    elif isinstance(found, JsonSource):
        if not any(spec.names(device) for spec in found.topics):
            check.bad(at_device, f"topic {device!r} matches none of {source}'s topics")
    elif not any(n.device == device and n.metric == metric for n in found.nodes):
        check.bad(path, f"{source} has no node for device {device!r}, metric {metric!r}")
    return MetricRef(source, device, metric, check.line((*path, "metric")))


def _state(check: _Check, raw: dict[str, Any], path: KeyPath, ref: MetricRef) -> StateMapping:
    table: dict[str, MachineState] = {}
    preset = check.text(raw, "preset", path, required=False)
    if preset is not None:
        if preset in PRESETS:
            table.update(PRESETS[preset])
        else:
            known = ", ".join(PRESETS)
            check.bad((*path, "preset"), f"{preset!r} is no preset (known: {known})")
    values = raw.get("values")
    if values is None and preset is None:
        check.bad((*path, "values"), f"missing: a table of value = {_STATE_WORDS} (or a preset)")
    elif values is not None and not isinstance(values, dict):
        check.bad((*path, "values"), f"must be a table of value = {_STATE_WORDS}")
    elif values is not None:
        folded: dict[str, str] = {}
        for key, word in values.items():
            where = (*path, "values", key)
            if not key.strip():
                check.bad(where, "an empty value cannot be matched")
                continue
            if not isinstance(word, str) or word not in {s.value for s in MAPPED_STATES}:
                check.bad(where, f"{word!r} is no state: use {_STATE_WORDS}")
                continue
            clash = folded.get(key.strip().casefold())
            if clash is not None and table.get(clash) is not MachineState(word):
                check.bad(where, f"{key!r} and {clash!r} differ only in case but not in state")
            folded[key.strip().casefold()] = key.strip()
            table[key.strip()] = MachineState(word)
    otherwise: MachineState | None = None
    if "otherwise" in raw:
        word = raw["otherwise"]
        if isinstance(word, str) and word in {s.value for s in MAPPED_STATES}:
            otherwise = MachineState(word)
        else:
            check.bad((*path, "otherwise"), f"{word!r} is no state: use {_STATE_WORDS}")
    return StateMapping(ref, StateTable(tuple(table.items()), otherwise))


def _work_center(
    check: _Check,
    raw_any: Any,
    path: KeyPath,
    sources: Mapping[str, Source],
    reasons: ReasonTree | None,
    defaults: tuple[timedelta, bool],
) -> WorkCenterMapping | None:
    allowed = (
        "code",
        "source",
        "device",
        "micro_stop_seconds",
        "auto_confirm",
        "idle_opens_downtime",
        "state",
        "parts",
        "fault",
        "cycle_time",
    )
    raw = check.table(raw_any, path, allowed)
    if raw is None:
        return None
    code = check.text(raw, "code", path, required=True)
    source = check.text(raw, "source", path, required=False)
    device = check.text(raw, "device", path, required=False)

    def part(key: str, extra: tuple[str, ...]) -> tuple[dict[str, Any], MetricRef] | None:
        where = (*path, key)
        sub = check.table(raw[key], where, (*_REF_KEYS, *extra))
        if sub is None:
            return None
        ref = _ref(check, sub, where, (path, source, device), sources)
        return None if ref is None else (sub, ref)

    state: StateMapping | None = None
    if "state" not in raw:
        check.bad((*path, "state"), "missing: which metric tells running, idle or down")
    else:
        found = part("state", ("preset", "values", "otherwise"))
        if found is not None:
            state = _state(check, found[0], (*path, "state"), found[1])
    parts: CounterMapping | None = None
    if "parts" in raw and (found := part("parts", ("rollover",))) is not None:
        rollover = (
            check.integer(found[0], "rollover", (*path, "parts"), 0, 2, 2**63)
            if "rollover" in found[0]
            else None
        )
        parts = CounterMapping(found[1], rollover or None)
    fault: FaultMapping | None = None
    if "fault" in raw and (found := part("fault", ("reasons", "no_fault"))) is not None:
        sub, ref = found
        table: list[tuple[str, str]] = []
        raw_reasons = sub.get("reasons", {})
        if not isinstance(raw_reasons, dict):
            check.bad((*path, "fault", "reasons"), "must be a table of fault code = reason code")
            raw_reasons = {}
        for fault_code, reason in raw_reasons.items():
            where = (*path, "fault", "reasons", fault_code)
            if not isinstance(reason, str) or not reason.strip():
                check.bad(where, f"must be a reason code text, not {reason!r}")
            elif reasons is not None and reasons.reason(reason.strip()) is None:
                check.bad(where, f"{reason!r} is not a reason of the downtime reason tree")
            else:
                table.append((fault_code.strip(), reason.strip()))
        no_fault = frozenset({"", "0"})
        if "no_fault" in sub:
            no_fault = frozenset(check.texts(sub, "no_fault", (*path, "fault"), empty=True)) | {""}
        fault = FaultMapping(ref, tuple(table), no_fault)
    cycle: CycleTimeMapping | None = None
    if "cycle_time" in raw and (found := part("cycle_time", ("unit",))) is not None:
        unit = check.text(found[0], "unit", (*path, "cycle_time"), required=False) or "s"
        if unit not in _UNITS:
            check.bad((*path, "cycle_time", "unit"), f"{unit!r}: use s, ms or min")
        cycle = CycleTimeMapping(found[1], _UNITS.get(unit, 1.0))
    micro_stop = check.seconds(raw, "micro_stop_seconds", path, defaults[0])
    auto_confirm = check.boolean(raw, "auto_confirm", path, defaults[1])
    idle_opens = check.boolean(raw, "idle_opens_downtime", path, False)
    if code is None or state is None:
        return None
    return WorkCenterMapping(
        code, state, parts, fault, cycle, micro_stop, auto_confirm, idle_opens, check.line(path)
    )


def _break(check: _Check, raw_any: Any, path: KeyPath) -> BreakSpec | None:
    raw = check.table(raw_any, path, ("calendar", "shift", "weekdays", "starts", "ends"))
    if raw is None:
        return None
    calendar = check.text(raw, "calendar", path, required=True)
    shift = check.text(raw, "shift", path, required=False)
    weekdays: frozenset[int] | None = None
    if "weekdays" in raw:
        text = raw["weekdays"]
        if isinstance(text, str) and _WEEKDAYS.match(text):
            weekdays = frozenset(int(d) for d in text)
        else:
            check.bad((*path, "weekdays"), f'ISO weekday digits like "12345", not {text!r}')
    starts = check.clock(raw, "starts", path)
    ends = check.clock(raw, "ends", path)
    if starts is not None and starts == ends:
        check.bad((*path, "ends"), "a break must end after it starts")
    if calendar is None or starts is None or ends is None:
        return None
    return BreakSpec(calendar, BreakWindow(starts, ends, shift, weekdays), check.line(path))


def _array(check: _Check, data: dict[str, Any], key: str, required: bool) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list) or (required and not value):
        check.bad((key,), f"there must be at least one [[{key}]] entry")
        return []
    return value


def mapping_from_text(
    text: str,
    file: str = "machines.toml",
    *,
    reasons: ReasonTree | None = None,
    work_centers: Collection[str] | None = None,
) -> MachineMapping:
    """Parse and validate a mapping file's text; raise MappingError naming every problem.

    `reasons`: the downtime reason tree fault codes may map to (None: not checked).
    `work_centers`: the plant's work center codes (None: not checked; the integration
    may check them against its projections instead).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        line = int(found.group(1)) if found else 1
        raise MappingError(
            [LineProblem("(file)", f"not valid TOML: {error}", file, line)]
        ) from None
    check = _Check(file, key_lines(text))
    check.table(data, (), ("settings", "sources", "breaks", "work_centers"))

    settings = check.table(
        data.get("settings", {}),
        ("settings",),
        ("micro_stop_seconds", "auto_confirm", "reason_edit_hours"),
    )
    settings = settings or {}
    micro_stop = check.seconds(settings, "micro_stop_seconds", ("settings",), DEFAULT_MICRO_STOP)
    auto_confirm = check.boolean(settings, "auto_confirm", ("settings",), False)
    edit_window = check.seconds(
        settings, "reason_edit_hours", ("settings",), DEFAULT_REASON_EDIT_WINDOW, 3600
    )

    sources: dict[str, Source] = {}
    for n, raw in enumerate(_array(check, data, "sources", True)):
        source = _source(check, raw, ("sources", n))
        if source is None or not source.name:
            continue
        if source.name in sources:
            first = sources[source.name].line
            check.bad(("sources", n, "name"), f"{source.name!r} is used twice (line {first})")
            continue
        sources[source.name] = source

    breaks = [
        b
        for n, raw in enumerate(_array(check, data, "breaks", False))
        if (b := _break(check, raw, ("breaks", n)))
    ]

    mapped: list[WorkCenterMapping] = []
    codes: dict[str, int] = {}
    addresses: dict[tuple[str, str, str], tuple[str, str, int]] = {}
    for n, raw in enumerate(_array(check, data, "work_centers", True)):
        path: KeyPath = ("work_centers", n)
        wc = _work_center(check, raw, path, sources, reasons, (micro_stop, auto_confirm))
        if wc is None:
            continue
        if wc.code in codes:
            check.bad((*path, "code"), f"{wc.code!r} is mapped twice (line {codes[wc.code]})")
            continue
        codes[wc.code] = wc.line
        if work_centers is not None and wc.code not in work_centers:
            check.bad((*path, "code"), f"{wc.code!r} is no work center of the plant")
        for role, ref in wc.metrics():
            earlier = addresses.get(ref.address)
            if earlier is not None:
                check.bad(
                    (*path, role, "metric"),
                    f"{ref.source} {ref.device} {ref.metric} is already the {earlier[1]} "
                    f"of {earlier[0]} (line {earlier[2]}): one metric, one meaning",
                )
            else:
                addresses[ref.address] = (wc.code, role, ref.line)
        mapped.append(wc)

    if check.problems:
        problems: list[FieldProblem] = [*sorted(check.problems, key=lambda p: p.line)]
        raise MappingError(problems)
    return MachineMapping(
        tuple(sources.values()),
        tuple(mapped),
        tuple(breaks),
        micro_stop,
        auto_confirm,
        edit_window,
        file,
    )


def load_mapping(
    path: Path | None = None,
    *,
    reasons: ReasonTree | None = None,
    work_centers: Collection[str] | None = None,
) -> MachineMapping:
    """Read a mapping file (the demo plant's by default), checking fault reasons against
    `reasons` (the shipped downtime reason tree by default)."""
    path = path or demo_mapping_path()
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise MappingError(
            [LineProblem("(file)", f"cannot be read: {error}", str(path), 1)]
        ) from None
    return mapping_from_text(
        text, str(path), reasons=reasons or load_reasons(), work_centers=work_centers
    )
