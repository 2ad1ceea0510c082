"""What a machine source can tell a person about itself: plain, frozen snapshots.

A screen or `takt machines status` shows these per source, edge node and device: connected,
last birth, messages, quarantined payloads with their reasons, seq gaps, rebirths requested.
`Quarantine` is the bounded store the sources keep them in.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

from app.machines.state import MachineStatus

log = logging.getLogger(__name__)

HEAD_BYTES = 32  # how much of a quarantined payload a person sees (hex)


class BadInput(ValueError):
    """A message a source cannot use; `reason` is what diagnostics show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class QuarantinedPayload:
    at: datetime  # when the host received it
    topic: str
    reason: str
    size: int  # bytes
    head: str  # the first HEAD_BYTES bytes, hex, to recognise it by


@dataclass(frozen=True, slots=True)
class DeviceDiagnostics:
    device: str  # "group/edge_node/device", or a JSON source's device
    online: bool
    last_birth: datetime | None  # JSON devices: the last good message
    last_death: datetime | None
    messages: int
    quarantined_total: int
    quarantined: tuple[QuarantinedPayload, ...]  # the most recent, oldest first


@dataclass(frozen=True, slots=True)
class NodeDiagnostics:
    node: str  # "group/edge_node"
    online: bool
    bd_seq: int | None  # of the current (or last) birth
    last_birth: datetime | None
    last_death: datetime | None
    messages: int  # every message on the node's topics, its devices' included
    quarantined_total: int  # the node's own (its devices count theirs)
    quarantined: tuple[QuarantinedPayload, ...]
    seq_gaps: int
    rebirths_requested: int
    stale_deaths_ignored: int  # NDEATHs whose bdSeq did not match the current birth
    devices: tuple[DeviceDiagnostics, ...]


@dataclass(frozen=True, slots=True)
class SourceDiagnostics:
    source: str
    broker: str  # "host:port"
    host_id: str | None  # the Sparkplug host application id (its STATE topic)
    connected: bool
    since: datetime | None  # connected since, or disconnected since
    connection_losses: int
    messages: int
    quarantined_total: int  # what belongs to no node or device (a topic that is no topic)
    quarantined: tuple[QuarantinedPayload, ...]
    nodes: tuple[NodeDiagnostics, ...]
    json_devices: tuple[DeviceDiagnostics, ...]

    @property
    def all_quarantined(self) -> int:
        nodes = sum(n.quarantined_total for n in self.nodes)
        devices = sum(d.quarantined_total for n in self.nodes for d in n.devices)
        json_devices = sum(d.quarantined_total for d in self.json_devices)
        return self.quarantined_total + nodes + devices + json_devices


class Quarantine:
    """Bad messages kept for diagnostics: all counted, the last `keep` kept with their reason."""

    def __init__(self, keep: int = 50) -> None:
        self.total = 0
        self._recent: deque[QuarantinedPayload] = deque(maxlen=keep)

    def add(self, at: datetime, topic: str, payload: bytes | int, reason: str) -> None:
        size = payload if isinstance(payload, int) else len(payload)
        head = "" if isinstance(payload, int) else payload[:HEAD_BYTES].hex()
        self.total += 1
        self._recent.append(QuarantinedPayload(at, topic, reason, size, head))
        log.info("quarantined %s (%d bytes): %s", topic, size, reason)

    def snapshot(self) -> tuple[QuarantinedPayload, ...]:
        return tuple(self._recent)


@dataclass
class HostStatus:
    """What `takt machines status` and the diagnostics screen show."""

    work_centers: list[MachineStatus]
    sources: list[SourceDiagnostics]
    recorded: dict[str, int] = field(default_factory=dict)  # events by decision kind
    signals: int = 0  # readings and losses the host took
    lag_p50_ms: float | None = None  # a reading's own time -> the host deciding on it
    lag_p95_ms: float | None = None
    unusable: int = 0  # readings of mapped metrics that could not be used
    unrouted: int = 0  # readings no work center maps
    failures: list[str] = field(default_factory=list)  # the last decisions that failed
