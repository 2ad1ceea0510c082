"""Loading, in one query per table, the rows a batch of events will touch.

Reducers look rows up one event at a time with `session.get`. A row already in the
session costs nothing; a missing one costs a query, and every query first flushes the
previous event's changes. Prefetching a batch's rows turns hundreds of small flushes
into one. The caller keeps the returned list alive for the batch: the session only
holds rows weakly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.events.payloads import Payload
from app.model import Hold, OperationInstance, ShopException, Task, WorkCenter, WorkOrder

# Payload field -> the table whose row it names.
_FIELDS: dict[str, Any] = {
    "exception_id": ShopException,
    "task_id": Task,
    "operation_id": OperationInstance,
    "work_center": WorkCenter,
    "work_order": WorkOrder,
    "hold_id": Hold,
}


def prefetch(session: Session, payloads: Iterable[Payload]) -> list[object]:
    wanted: dict[Any, set[str]] = defaultdict(set)
    for payload in payloads:
        for field, model in _FIELDS.items():
            value = getattr(payload, field, None)
            if isinstance(value, str):
                wanted[model].add(value)
    loaded: list[object] = []
    for model, keys in wanted.items():
        (pk,) = model.__mapper__.primary_key
        loaded.extend(session.scalars(select(model).where(pk.in_(keys))))
    return loaded
