"""Rebuilding projections from the log, and comparing projections between databases."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.changes import note_everything
from app.events import log
from app.model import Base, ChainHead, EventRecord, projection_tables


def clear_projections(session: Session) -> None:
    note_everything(session)  # every screen reads everything again
    for name in reversed(projection_tables()):
        session.execute(delete(Base.metadata.tables[name]))


def rebuild(session: Session) -> int:
    """Throw the projections away and re-apply every event, in log order."""
    events = list(log.read_all(session))
    clear_projections(session)
    session.execute(delete(EventRecord))
    session.execute(delete(ChainHead))
    session.flush()
    for event in events:
        log.ingest(session, event)
    return len(events)


def copy_log(source: Session, target: Session) -> int:
    """Ingest every event of `source` into `target` (which builds its own projections)."""
    count = 0
    for event in log.read_all(source):
        if log.ingest(target, event):
            count += 1
    return count


def snapshot(
    session: Session, *, ignore: dict[str, set[str]] | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """Every projection row, ordered by primary key: equal snapshots mean equal state."""
    ignore = ignore or {}
    result: dict[str, list[tuple[Any, ...]]] = {}
    for name in projection_tables():
        table = Base.metadata.tables[name]
        skipped = ignore.get(name, set())
        columns = [c for c in table.columns if c.name not in skipped]
        rows = session.execute(select(*columns).order_by(*table.primary_key.columns)).all()
        result[name] = [tuple(row) for row in rows]
    return result
