"""Loading, in one query per table, the rows a batch of events will touch.

Reducers look rows up one event at a time with `session.get`. A row already in the
session costs nothing; a missing one costs a query, and every query first flushes the
previous event's changes. Prefetching a batch's rows turns hundreds of small flushes
into one. A Store's write session keeps every row it loaded until it ends, so the
rows stay for the whole batch.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.events.payloads import ExceptionRaised, Payload
from app.model import (
    Hold,
    Item,
    OperationInstance,
    ShopException,
    Task,
    User,
    WorkCenter,
    WorkOrder,
)

# Payload field -> the table whose row it names.
_FIELDS: dict[str, Any] = {
    "exception_id": ShopException,
    "task_id": Task,
    "operation_id": OperationInstance,
    "target_operation_id": OperationInstance,
    "work_center": WorkCenter,
    "work_order": WorkOrder,
    "hold_id": Hold,
    "item": Item,
    "owner_user": User,
}

Wanted = dict[Any, set[str]]


@functools.cache
def _fields_of(payload_type: type[Payload]) -> tuple[tuple[str, Any], ...]:
    """The `_FIELDS` a payload type has, as a field or a property (asking a model for
    an attribute it lacks is slow: pydantic raises and catches on the way)."""
    return tuple(
        (f, m)
        for f, m in _FIELDS.items()
        if f in payload_type.model_fields or hasattr(payload_type, f)
    )


def _created(payload: Payload) -> Iterator[tuple[Any, str]]:
    """Rows the event's reducer inserts without looking them up first. Neither the
    event nor a later one in the batch needs them loaded: the later one finds the new
    row in the session (and were the key already taken, the insert fails either way)."""
    if isinstance(payload, ExceptionRaised):
        yield ShopException, payload.exception_id
        for task in payload.tasks:
            yield Task, task.task_id


def wanted_rows(payloads: Iterable[Payload]) -> Wanted:
    """The primary keys of the rows `payloads` read, by table, in the database."""
    wanted: Wanted = defaultdict(set)
    created: set[tuple[Any, str]] = set()
    for payload in payloads:
        created.update(_created(payload))
        for field, model in _fields_of(type(payload)):
            value = getattr(payload, field)
            if isinstance(value, str) and (model, value) not in created:
                wanted[model].add(value)
    return wanted


def load(session: Session, wanted: Wanted) -> list[object]:
    loaded: list[object] = []
    for model, keys in wanted.items():
        (pk,) = model.__mapper__.primary_key
        loaded.extend(session.scalars(select(model).where(pk.in_(keys))))
    return loaded


def prefetch(session: Session, payloads: Iterable[Payload]) -> list[object]:
    return load(session, wanted_rows(payloads))
