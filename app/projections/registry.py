"""Which reducer shapes the tables for each kind of event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.events.envelope import Event
from app.events.payloads import Payload, parse_payload

P = TypeVar("P", bound=Payload)
M = TypeVar("M")
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


def find(session: Session, model: type[M], key: Any) -> M | None:
    """`session.get` that also sees rows added earlier in this transaction and not yet
    flushed. A plain get cannot, so it flushes first: in a batch (a push, a page of
    the log) that would be one flush per event instead of one per batch."""
    wanted = tuple(key) if isinstance(key, tuple) else (key,)
    mapper = inspect(model)
    for obj in session.new:
        if type(obj) is model and tuple(mapper.primary_key_from_instance(obj)) == wanted:
            return obj
    return session.get(model, key)
