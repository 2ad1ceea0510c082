"""Reading the server's log in its total order, after a terminal's cursor."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import IntegrityError
from app.events import log
from app.model import ChainHead, EventRecord, ServerState
from sync.protocol import Cursor, OrderedEvent, Page


class RefetchNeeded(Exception):
    """The terminal's cursor is not in this server's history (restore, new server)."""

    def __init__(self, epoch: str) -> None:
        super().__init__(f"refetch from epoch {epoch}")
        self.epoch = epoch


def ensure_state(session: Session) -> ServerState:
    """The server's state row; a new server adopts the log it starts with, in its order."""
    state = session.get(ServerState, 1)
    if state is None:
        state = ServerState(id=1, epoch=str(uuid.uuid4()), head_seq=0)
        session.add(state)
    unnumbered = list(
        session.scalars(
            select(EventRecord)
            .where(EventRecord.server_seq.is_(None))
            .order_by(EventRecord.position)
        )
    )
    for record in unnumbered:
        state.head_seq += 1
        record.server_seq = state.head_seq
    session.flush()
    return state


def current_state(session: Session) -> ServerState:
    """The server's state row (ensure_state made it when the server started)."""
    state = session.get(ServerState, 1)
    if state is None:
        raise IntegrityError("this server database has no server state row")
    return state


def check_cursor(session: Session, cursor: Cursor) -> ServerState:
    """The server state, if the cursor is a point of this server's history."""
    state = current_state(session)
    if cursor.seq == 0 and cursor.epoch in (None, state.epoch):
        return state
    if cursor.epoch != state.epoch or cursor.seq > state.head_seq:
        raise RefetchNeeded(state.epoch)
    at = session.scalar(select(EventRecord.id).where(EventRecord.server_seq == cursor.seq))
    if at != cursor.event_id:
        # Same epoch, different event at that number: the server was restored from a
        # backup and has since taken other events. The terminal's view is not ours.
        raise RefetchNeeded(state.epoch)
    return state


def read_page(
    session: Session, cursor: Cursor, limit: int, now: datetime, terminal_id: str | None = None
) -> Page:
    """The events after `cursor`; for `terminal_id`, also how many of its own it holds."""
    state = check_cursor(session, cursor)
    records = list(
        session.scalars(
            select(EventRecord)
            .where(EventRecord.server_seq > cursor.seq)
            .order_by(EventRecord.server_seq)
            .limit(limit + 1)
        )
    )
    has_more = len(records) > limit
    records = records[:limit]
    events = [
        OrderedEvent.of_ordered(log.to_event(r), r.server_seq or 0, r.outcome, r.reason)
        for r in records
    ]
    last = events[-1] if events else None
    return Page(
        epoch=state.epoch,
        events=events,
        cursor=Cursor(
            epoch=state.epoch,
            seq=last.server_seq if last else cursor.seq,
            event_id=last.id if last else cursor.event_id,
        ),
        has_more=has_more,
        head=state.head_seq,
        server_time=now,
        own_last_seq=_own_last_seq(session, terminal_id),
    )


def _own_last_seq(session: Session, terminal_id: str | None) -> int | None:
    if terminal_id is None:
        return None
    head = session.get(ChainHead, terminal_id)
    return head.last_seq if head is not None else 0
