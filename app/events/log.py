"""Appending to, reading and checking the hash-chained event log.

Each terminal numbers its events 1, 2, 3... without gaps and chains each to the
previous one's hash, so an edited, inserted or deleted event is detected.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import projections
from app.errors import IntegrityError
from app.events.envelope import GENESIS_HASH, Event, event_hash
from app.events.payloads import Payload, parse_payload
from app.model import ChainHead, EventRecord


def to_event(record: EventRecord) -> Event:
    return Event(
        id=record.id,
        terminal_id=record.terminal_id,
        terminal_seq=record.terminal_seq,
        kind=record.kind,
        payload=record.payload,
        actor=record.actor,
        occurred_at=record.occurred_at,
        prev_hash=record.prev_hash,
        hash=record.hash,
    )


def _record(event: Event) -> EventRecord:
    return EventRecord(
        id=event.id,
        terminal_id=event.terminal_id,
        terminal_seq=event.terminal_seq,
        kind=event.kind,
        payload=event.payload,
        actor=event.actor,
        occurred_at=event.occurred_at,
        prev_hash=event.prev_hash,
        hash=event.hash,
    )


def append(
    session: Session,
    *,
    terminal_id: str,
    payload: Payload,
    actor: str,
    occurred_at: datetime,
    event_id: str | None = None,
) -> Event:
    """Record a new event of this terminal and apply it, in the caller's transaction."""
    head = session.get(ChainHead, terminal_id, with_for_update=True)
    seq = head.last_seq + 1 if head else 1
    prev_hash = head.last_hash if head else GENESIS_HASH
    data = payload.as_json()
    eid = event_id or str(uuid.uuid4())
    event = Event(
        id=eid,
        terminal_id=terminal_id,
        terminal_seq=seq,
        kind=payload.KIND,
        payload=data,
        actor=actor,
        occurred_at=occurred_at,
        prev_hash=prev_hash,
        hash=event_hash(
            event_id=eid,
            terminal_id=terminal_id,
            terminal_seq=seq,
            kind=payload.KIND,
            payload=data,
            actor=actor,
            occurred_at=occurred_at,
            prev_hash=prev_hash,
        ),
    )
    _store(session, event, head)
    projections.apply(session, event, payload)
    return event


def ingest(session: Session, event: Event) -> bool:
    """Take an event recorded elsewhere (another terminal, a replay source).

    Returns False for an event already held. Refuses one that does not continue its
    terminal's chain, so a forged or reordered history never enters the log.
    """
    if session.scalar(select(EventRecord.position).where(EventRecord.id == event.id)):
        return False
    payload = parse_payload(event.kind, event.payload)
    head = session.get(ChainHead, event.terminal_id, with_for_update=True)
    expected_seq = head.last_seq + 1 if head else 1
    expected_prev = head.last_hash if head else GENESIS_HASH
    if event.terminal_seq < expected_seq:
        raise IntegrityError(
            f"event {event.id}: terminal {event.terminal_id} seq {event.terminal_seq} "
            "is already taken by another event"
        )
    if event.terminal_seq > expected_seq:
        raise IntegrityError(
            f"event {event.id}: terminal {event.terminal_id} jumps from seq "
            f"{expected_seq - 1} to {event.terminal_seq}"
        )
    if event.prev_hash != expected_prev or event.computed_hash() != event.hash:
        raise IntegrityError(f"event {event.id}: hash chain broken at seq {event.terminal_seq}")
    _store(session, event, head)
    projections.apply(session, event, payload)
    return True


def _store(session: Session, event: Event, head: ChainHead | None) -> None:
    session.add(_record(event))
    if head is None:
        session.add(
            ChainHead(
                terminal_id=event.terminal_id, last_seq=event.terminal_seq, last_hash=event.hash
            )
        )
    else:
        head.last_seq = event.terminal_seq
        head.last_hash = event.hash


def read_all(session: Session, batch: int = 1000) -> Iterator[Event]:
    """Every event in application order."""
    stmt = select(EventRecord).order_by(EventRecord.position).execution_options(yield_per=batch)
    for record in session.scalars(stmt):
        yield to_event(record)


@dataclass(frozen=True)
class ChainReport:
    terminals: int
    events: int


def verify(session: Session) -> ChainReport:
    """Check every terminal's chain; raise IntegrityError naming the first break."""
    heads = {h.terminal_id: h for h in session.scalars(select(ChainHead))}
    last: dict[str, tuple[int, str]] = {}
    count = 0
    stmt = select(EventRecord).order_by(EventRecord.terminal_id, EventRecord.terminal_seq)
    for record in session.scalars(stmt.execution_options(yield_per=1000)):
        count += 1
        event = to_event(record)
        seq, prev = last.get(event.terminal_id, (0, GENESIS_HASH))
        where = f"terminal {event.terminal_id}, seq {event.terminal_seq}"
        if event.terminal_seq != seq + 1:
            raise IntegrityError(f"{where}: events {seq + 1}..{event.terminal_seq - 1} are missing")
        if event.prev_hash != prev:
            raise IntegrityError(f"{where}: does not follow the previous event's hash")
        if event.computed_hash() != event.hash:
            raise IntegrityError(f"{where}: content was changed after it was recorded")
        last[event.terminal_id] = (event.terminal_seq, event.hash)
    for terminal_id, head in heads.items():
        seq, digest = last.get(terminal_id, (0, GENESIS_HASH))
        if (seq, digest) != (head.last_seq, head.last_hash):
            raise IntegrityError(
                f"terminal {terminal_id}: the log ends at seq {seq} but {head.last_seq} "
                "were recorded; events at the end were removed"
            )
    if set(last) - set(heads):
        raise IntegrityError("events of an unknown terminal were inserted into the log")
    return ChainReport(terminals=len(last), events=count)
