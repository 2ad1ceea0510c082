"""What a machine source tells the domain: readings, and that it can no longer tell.

Sources (sync/machines: Sparkplug B and plain JSON over MQTT, OPC UA) turn their wire
formats into these plain values; the work-center state machines (app/machines) read
only these, so every protocol ends in one mechanism.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

Value = bool | int | float | str | None


class Quality(StrEnum):
    """How far a value can be trusted (Sparkplug's quality property, OPC UA's status)."""

    GOOD = "good"
    UNCERTAIN = "uncertain"  # OPC UA Uncertain*: shown, never a state
    BAD = "bad"  # the device says the value is wrong
    STALE = "stale"  # the value is old: its node died or the host lost the broker


@dataclass(frozen=True, slots=True)
class Reading:
    """One value of one metric of one device, as its source reported it."""

    source: str  # the configured source name ("line-mqtt", "press-opcua")
    device: str  # Sparkplug "group/edge_node[/device]", an OPC UA node path, a JSON topic
    metric: str  # Sparkplug metric name ("State", "Counters/Parts"), OPC UA browse name
    value: Value
    quality: Quality
    at: datetime  # the source's timestamp, aware UTC (the host's when the source has none)


@dataclass(frozen=True, slots=True)
class SignalLost:
    """The source can no longer say what these devices are doing.

    Never a downtime and never "running": the state machine shows "signal lost" until a
    fresh birth (or a good reading) tells it again.
    """

    source: str
    devices: tuple[str, ...]  # the devices affected; empty: every device of the source
    reason: str  # "NDEATH bdSeq 7", "broker connection lost", "STALE quality"
    at: datetime


Signal = Reading | SignalLost
