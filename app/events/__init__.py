"""The event log: every change to Takt's state is an immutable, hash-chained event."""

from app.events.envelope import GENESIS_HASH, Event
from app.events.payloads import PAYLOAD_TYPES, Payload, parse_payload

__all__ = ["GENESIS_HASH", "PAYLOAD_TYPES", "Event", "Payload", "parse_payload"]
