"""Plain JSON over MQTT: the second kind of machine source, for machines that speak no Sparkplug.

A configured topic (or MQTT topic filter) is one device. Each message is a JSON object of
metric -> value, plus two optional keys:

    {"State": 3, "Counters/Parts": 1204, "timestamp": 1795424400000, "quality": "good"}

* values: true/false, numbers (finite), strings, null;
* "timestamp": milliseconds since the epoch (UTC) or ISO 8601 with an offset; the host's
  receipt time when absent;
* "quality": "good", "uncertain", "bad", "stale", or a Sparkplug code (192, 0, 500); GOOD
  when absent. It applies to every metric of the message.

A message that is not such an object (not JSON, an array, a nested value, NaN, a bad
timestamp or quality) is quarantined whole, with its reason; it gives no reading.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final

from paho.mqtt.client import topic_matches_sub

from app.machines.signals import Quality, Reading, Value
from sync.machines.diagnostics import BadInput, DeviceDiagnostics, Quarantine
from sync.machines.sparkplug.payload import QUALITY_CODES, from_millis

MAX_JSON_BYTES: Final = 64 * 1024
TIMESTAMP: Final = "timestamp"
QUALITY: Final = "quality"


class BadJson(BadInput):
    """A JSON source message that cannot be read as metric values."""


@dataclass(frozen=True, slots=True)
class JsonTopic:
    """One device that publishes JSON. `topic` may be a filter (+, #)."""

    topic: str
    device: str | None = None  # the Reading's device; the message's own topic when None

    def __post_init__(self) -> None:
        if not self.topic or self.topic.startswith("spBv1.0/"):
            raise ValueError(f"{self.topic!r} cannot be a JSON topic")


@dataclass(frozen=True, slots=True)
class JsonMessage:
    at: datetime | None
    quality: Quality
    values: dict[str, Value]


def decode_json(payload: bytes) -> JsonMessage:
    """A JSON source message; BadJson with the reason when it is not one."""
    if len(payload) > MAX_JSON_BYTES:
        raise BadJson(f"{len(payload)} bytes exceed {MAX_JSON_BYTES}")
    try:
        data = json.loads(payload, parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BadJson(f"not JSON ({error})") from None
    if not isinstance(data, dict):
        raise BadJson(f"a JSON {type(data).__name__}, not an object of metric -> value")
    at = _timestamp(data.pop(TIMESTAMP)) if TIMESTAMP in data else None
    quality = _quality(data.pop(QUALITY)) if QUALITY in data else Quality.GOOD
    values: dict[str, Value] = {}
    for name, value in data.items():
        if not name:
            raise BadJson("a metric with an empty name")
        finite = not isinstance(value, float) or math.isfinite(value)
        if not (isinstance(value, bool | int | float | str) or value is None) or not finite:
            raise BadJson(f"metric {name!r}: {json.dumps(value)[:40]} is not a value")
        values[name] = value
    return JsonMessage(at, quality, values)


def _no_constant(name: str) -> None:
    raise BadJson(f"{name} is not a value")


def _timestamp(raw: object) -> datetime:
    if isinstance(raw, int | float) and not isinstance(raw, bool) and math.isfinite(raw):
        moment = from_millis(int(raw))
        if moment is not None:
            return moment
    elif isinstance(raw, str):
        try:
            moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                return moment.astimezone(UTC)
    raise BadJson(f"timestamp {raw!r} is neither epoch milliseconds nor ISO 8601 with an offset")


def _quality(raw: object) -> Quality:
    if isinstance(raw, str):
        try:
            return Quality(raw.strip().lower())
        except ValueError:
            pass
    elif isinstance(raw, int) and not isinstance(raw, bool) and raw in QUALITY_CODES:
        return QUALITY_CODES[raw]
    raise BadJson(f"quality {raw!r} is not good, uncertain, bad, stale, 192, 0 or 500")


@dataclass(slots=True)
class _Device:
    key: str
    quarantine: Quarantine
    messages: int = 0
    last_good: datetime | None = None

    def snapshot(self) -> DeviceDiagnostics:
        return DeviceDiagnostics(
            device=self.key,
            online=self.last_good is not None,
            last_birth=self.last_good,
            last_death=None,
            messages=self.messages,
            quarantined_total=self.quarantine.total,
            quarantined=self.quarantine.snapshot(),
        )


@dataclass
class JsonTopics:
    """The JSON topics of one source: pure, fed by the MQTT host like the Sparkplug tracker."""

    source: str
    topics: Sequence[JsonTopic]
    quarantine_keep: int = 50
    max_devices: int = 10_000
    _devices: dict[str, _Device] = field(default_factory=dict, init=False)

    def filters(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.topic for t in self.topics))

    def route(self, topic: str) -> JsonTopic | None:
        return next((t for t in self.topics if topic_matches_sub(t.topic, topic)), None)

    def feed(self, topic: str, payload: bytes, received_at: datetime) -> list[Reading]:
        """The readings of one message (none when it is quarantined or not ours)."""
        route = self.route(topic)
        if route is None:
            return []
        key = route.device or topic
        device = self._devices.get(key)
        if device is None:
            if len(self._devices) >= self.max_devices:
                return []
            device = self._devices[key] = _Device(key, Quarantine(self.quarantine_keep))
        device.messages += 1
        try:
            message = decode_json(payload)
        except BadJson as error:
            device.quarantine.add(received_at, topic, payload, error.reason)
            return []
        device.last_good = received_at
        at = message.at or received_at
        return [
            Reading(self.source, key, name, value, message.quality, at)
            for name, value in message.values.items()
        ]

    def devices(self) -> tuple[str, ...]:
        return tuple(sorted(self._devices))

    def diagnostics(self) -> tuple[DeviceDiagnostics, ...]:
        return tuple(d.snapshot() for _, d in sorted(self._devices.items()))
