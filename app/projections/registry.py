"""Which reducer shapes the tables for each kind of event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import event, inspect
from sqlalchemy.orm import ClassManager, Mapper, Session, UOWTransaction

from app import changes
from app.errors import Rejected
from app.events.envelope import Event
from app.events.payloads import Payload, parse_payload
from app.i18n import tr
from app.words import word

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
        changes.note(session, payload)


# Rows added to a session and not flushed yet, by (class, primary key): what `find`
# looks in before the identity map. Rows are noted by class as they are added and
# indexed when a row of their class is first looked for; every flush forgets them
# (it makes them persistent, so `session.get` finds them).
_ADDED = "registry.added"
_PENDING = "registry.pending"
PendingIndex = dict[tuple[type, tuple[Any, ...]], object]


@event.listens_for(Session, "transient_to_pending")
def _note_pending(session: Session, instance: object) -> None:
    session.info.setdefault(_ADDED, {}).setdefault(type(instance), []).append(instance)


@event.listens_for(Session, "after_flush_postexec")
def _forget_pending(session: Session, _flush: UOWTransaction) -> None:
    session.info.pop(_ADDED, None)
    session.info.pop(_PENDING, None)


def _pending(session: Session, model: type) -> PendingIndex:
    index: PendingIndex = session.info.setdefault(_PENDING, {})
    added: dict[type, list[object]] | None = session.info.get(_ADDED)
    if added and (rows := added.pop(model, None)):
        mapper: Mapper[Any] = inspect(model)
        for obj in rows:
            index[(model, tuple(mapper.primary_key_from_instance(obj)))] = obj
    return index


def find(session: Session, model: type[M], key: Any) -> M | None:
    """`session.get` that also sees rows added earlier in this transaction and not yet
    flushed. A plain get cannot, so it flushes first: in a batch (a push, a page of
    the log) that would be one flush per event instead of one per batch.

    The pending rows are indexed as they are added, so a lookup costs the same however
    many rows the batch has added. A row missing from the index (its key was changed
    after it was added) is still found: `session.get` flushes, then loads it."""
    wanted = tuple(key) if isinstance(key, tuple) else (key,)
    obj = _pending(session, model).get((model, wanted))
    if obj is not None:
        state = inspect(obj)
        if (
            state.pending
            and state.session_id == session.hash_key
            and tuple(state.mapper.primary_key_from_instance(obj)) == wanted
        ):
            return obj  # type: ignore[return-value]
    return session.get(model, key)


def new_row(model: type[M], **values: Any) -> M:
    """A new row object holding `values`, built without the mapped constructor.

    The constructor sets each value through its attribute's instrumentation (history,
    events), which a new row has no use for: its INSERT takes every column value its
    state holds, and changes made after it is added are tracked as usual. For the hot
    reducers' rows (an exception and its tasks on every raise). Only column values go
    here (a relationship is set afterwards); the models built so have no attribute
    listeners or mutable column types that would miss them."""
    manager = _MANAGERS.get(model)
    if manager is None:
        mapper: Mapper[Any] = inspect(model)
        manager = _MANAGERS[model] = mapper.class_manager
    row: M = manager.new_instance()
    row.__dict__.update(values)
    return row


_MANAGERS: dict[type, ClassManager[Any]] = {}


def existing(session: Session, model: type[M], key: Any, what: str) -> M:
    """The row an event names (as `find` sees it), or the event is rejected: `what` names
    it in the reason ("exception X is unknown"), a word marked with QT_TR_NOOP."""
    row = find(session, model, key)
    if row is None:
        raise Rejected(tr("{what} {key} is unknown", what=word(what), key=key))
    return row
