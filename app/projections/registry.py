"""Which reducer shapes the tables for each kind of event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.events.envelope import Event
from app.events.payloads import Payload, parse_payload

P = TypeVar("P", bound=Payload)
Reducer = Callable[[Session, Any, Event], None]

_REDUCERS: dict[str, Reducer] = {}


def reduces(payload_type: type[P]) -> Callable[[Callable[[Session, P, Event], None]], Reducer]:
    def register(fn: Callable[[Session, P, Event], None]) -> Reducer:
        if payload_type.KIND in _REDUCERS:
            raise RuntimeError(f"two reducers for {payload_type.KIND}")
        _REDUCERS[payload_type.KIND] = fn
        return fn

    return register


def apply(session: Session, event: Event, payload: Payload | None = None) -> None:
    """Update the projections for one event, inside the caller's transaction.

    Reducers read only the event (never the clock or random numbers), so replaying
    the log reproduces the projections exactly.
    """
    if payload is None:
        payload = parse_payload(event.kind, event.payload)
    reducer = _REDUCERS.get(event.kind)
    if reducer is not None:
        reducer(session, payload, event)
