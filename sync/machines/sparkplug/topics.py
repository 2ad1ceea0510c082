"""Sparkplug B topics and the Primary Host STATE message (Sparkplug 3.0, chapter Topics).

spBv1.0/<group_id>/<NBIRTH|NDATA|NDEATH|NCMD|DBIRTH|DDATA|DDEATH|DCMD>/<edge_node_id>[/<device_id>]
spBv1.0/STATE/<host_id>        JSON {"online": bool, "timestamp": ms}, QoS 1, retained
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

NAMESPACE: Final = "spBv1.0"
STATE: Final = "STATE"
_FORBIDDEN = frozenset("+#/")


class Verb(StrEnum):
    NBIRTH = "NBIRTH"
    NDATA = "NDATA"
    NDEATH = "NDEATH"
    NCMD = "NCMD"
    DBIRTH = "DBIRTH"
    DDATA = "DDATA"
    DDEATH = "DDEATH"
    DCMD = "DCMD"

    @property
    def is_device(self) -> bool:
        return self.value.startswith("D")


class BadTopic(ValueError):
    """A topic under spBv1.0/ that is not a Sparkplug topic."""


@dataclass(frozen=True, slots=True)
class Topic:
    group: str
    verb: Verb
    node: str
    device: str | None = None

    @property
    def node_key(self) -> str:
        """The node as a `Reading.device`: "group/edge_node"."""
        return f"{self.group}/{self.node}"

    @property
    def device_key(self) -> str:
        """The device as a `Reading.device`: "group/edge_node/device" (the node if none)."""
        return self.node_key if self.device is None else f"{self.node_key}/{self.device}"

    def __str__(self) -> str:
        return topic(self.group, self.verb, self.node, self.device)


def topic(group: str, verb: Verb, node: str, device: str | None = None) -> str:
    for part in (group, node, *([device] if device is not None else [])):
        check_id(part)
    tail = f"/{device}" if device is not None else ""
    return f"{NAMESPACE}/{group}/{verb.value}/{node}{tail}"


def check_id(part: str) -> str:
    """A group, edge node, device or host id: non-empty, none of + # /."""
    if not part or _FORBIDDEN & set(part):
        raise ValueError(f"{part!r} is not a Sparkplug id (empty, or has + # /)")
    return part


def parse_topic(text: str) -> Topic:
    """A Sparkplug message topic (not STATE); BadTopic when it is none."""
    parts = text.split("/")
    if len(parts) < 4 or parts[0] != NAMESPACE:
        raise BadTopic(f"{text!r} is not spBv1.0/group/VERB/edge_node[/device]")
    _, group, verb_text, node, *rest = parts
    try:
        verb = Verb(verb_text)
    except ValueError:
        raise BadTopic(f"{text!r}: {verb_text!r} is not a Sparkplug verb") from None
    if verb.is_device and len(rest) != 1:
        raise BadTopic(f"{text!r}: a {verb.value} topic names one device")
    if not verb.is_device and rest:
        raise BadTopic(f"{text!r}: a {verb.value} topic names no device")
    if not group or not node or (rest and not rest[0]):
        raise BadTopic(f"{text!r}: an empty id")
    return Topic(group, verb, node, rest[0] if rest else None)


def state_topic(host_id: str) -> str:
    return f"{NAMESPACE}/{STATE}/{check_id(host_id)}"


def state_payload(*, online: bool, timestamp_ms: int) -> bytes:
    return json.dumps({"online": online, "timestamp": timestamp_ms}).encode()


@dataclass(frozen=True, slots=True)
class HostState:
    online: bool
    timestamp_ms: int


def parse_state(payload: bytes) -> HostState | None:
    """A STATE payload, or None when it is not one (an empty retained clear, junk)."""
    try:
        data = json.loads(payload)
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    online, stamp = data.get("online"), data.get("timestamp")
    if not isinstance(online, bool) or isinstance(stamp, bool):
        return None
    if isinstance(stamp, float) and math.isfinite(stamp) and stamp.is_integer():
        stamp = int(stamp)
    if not isinstance(stamp, int) or stamp < 0:
        return None
    return HostState(online, stamp)
