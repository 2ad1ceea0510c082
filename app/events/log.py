"""Appending to, reading and checking the hash-chained event log.

Each terminal numbers its events 1, 2, 3... without gaps and chains each to the
previous one's hash, so an edited, inserted or deleted event is detected.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError as DBIntegrityError
from sqlalchemy.orm import Session

from app import projections
from app.errors import IntegrityError, Rejected
from app.events import servertime, undo
from app.events.envelope import GENESIS_HASH, Event
from app.events.payloads import Payload, parse_payload
from app.i18n import tr
from app.model import ChainHead, EventRecord, ServerState

# Marks a write session whose transaction recorded new events: a command's here, or a
# batch a server took from a terminal (not the server's order applied on a terminal).
APPENDED = "appended"


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
        received_at=record.received_at,
        clock_offset_s=record.clock_offset_s,
    )


def content(event: Event) -> dict[str, Any]:
    """The event's own columns: what its hash covers, its id and its hash."""
    return {
        "id": event.id,
        "terminal_id": event.terminal_id,
        "terminal_seq": event.terminal_seq,
        "kind": event.kind,
        "payload": event.payload,
        "actor": event.actor,
        "occurred_at": event.occurred_at,
        "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


def _record(event: Event) -> EventRecord:
    return EventRecord(
        **content(event),
        # Set, not left to defaults: an attribute set before the INSERT is known to the
        # ORM afterwards, so confirming the same value later costs no UPDATE.
        outcome="applied",
        reason=None,
        received_at=event.received_at,
        clock_offset_s=event.clock_offset_s,
    )


def record_row(
    event: Event,
    *,
    server_seq: int | None,
    received_at: datetime | None = None,
    clock_offset_s: float | None = None,
) -> dict[str, Any]:
    """The event's row for a bulk insert (a server storing a pushed batch), with the
    server's receipt: when it received the batch and the terminal's measured offset."""
    return {
        **content(event),
        "server_seq": server_seq,
        "outcome": "applied",
        "reason": None,
        "received_at": received_at,
        "clock_offset_s": clock_offset_s,
    }


Outcome = str  # "applied" | "rejected" | "redundant"


def apply_payload(session: Session, event: Event, payload: Payload) -> tuple[Outcome, str | None]:
    """Run the reducers; a business rule that says no leaves the projections untouched."""
    try:
        projections.apply(session, event, payload)
    except Rejected as rejected:
        return ("redundant" if rejected.redundant else "rejected"), rejected.reason
    return "applied", None


def append(
    session: Session,
    *,
    terminal_id: str,
    payload: Payload,
    actor: str,
    occurred_at: datetime,
    event_id: str | None = None,
) -> Event:
    """Record a new event of this terminal and apply it, in the caller's transaction.

    A rejected event is not recorded: the caller (a service) gets the Rejected error
    and its transaction rolls back. A redundant one is recorded, to no effect.
    """
    head = session.get(ChainHead, terminal_id, with_for_update=True, populate_existing=True)
    seq = head.last_seq + 1 if head else 1
    prev_hash = head.last_hash if head else GENESIS_HASH
    event = Event.sealed(
        id=event_id or str(uuid.uuid4()),
        terminal_id=terminal_id,
        terminal_seq=seq,
        kind=payload.KIND,
        payload=payload.as_json(),
        actor=actor,
        occurred_at=occurred_at,
        prev_hash=prev_hash,
    )
    server_seq = next_server_seq(session)
    record, _ = store(session, event, head, server_seq=server_seq)
    if server_seq is None and event.kind in servertime.TIMED_KINDS:
        # The offset its deadlines are applied with here, kept with it: when the server's
        # order comes back, its receipt is compared with this one (app.events.replica),
        # not with whatever the terminal measures by then. 0: applied uncorrected.
        record.clock_offset_s = servertime.own_estimate(session, terminal_id) or 0.0
    session.info[APPENDED] = True  # Store.write tells its listeners once it commits
    if session.info.get("speculative"):
        session.flush()
        try:
            with undo.capturing(session, record.position):
                outcome, reason = apply_payload(session, event, payload)
        except DBIntegrityError as error:
            # A command about something this terminal no longer holds (a work order a
            # restored server never had, say): refused, with nothing recorded.
            raise Rejected(
                tr("it refers to something this terminal does not hold: {error}", error=error.orig)
            ) from None
    else:
        outcome, reason = apply_payload(session, event, payload)
    if outcome == "rejected":
        raise Rejected(reason or tr("rejected"))
    record.outcome, record.reason = outcome, reason
    return event


def next_server_seq(session: Session) -> int | None:
    """The next global number, on a server; None on a terminal.

    The server state row stays locked until the transaction commits, so numbers are
    handed out in commit order: a reader never sees number n+1 before n.
    """
    if not session.info.get("orders_events"):
        return None
    state = session.info.get("server_state")
    if state is None:
        state = session.get(ServerState, 1, with_for_update=True, populate_existing=True)
        if state is None:
            raise IntegrityError("this server database has no server state row")
        session.info["server_state"] = state
    state.head_seq += 1
    return int(state.head_seq)


def check_chain(event: Event, head: ChainHead | None, *, hash_checked: bool = False) -> None:
    """Refuse an event that does not continue its terminal's chain.

    `hash_checked`: the caller has already found `event.hash` to be the hash of the
    event's content (a server does that for a pushed batch before it takes its lock);
    the link to the previous event is checked here either way."""
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
    if event.prev_hash != expected_prev or (
        not hash_checked and event.computed_hash() != event.hash
    ):
        raise IntegrityError(f"event {event.id}: hash chain broken at seq {event.terminal_seq}")


def ingest(
    session: Session,
    event: Event,
    *,
    server_seq: int | None = None,
    outcome: Outcome | None = None,
    reason: str | None = None,
) -> bool:
    """Take an event recorded elsewhere (another terminal, a replay source).

    Returns False for an event already held. Refuses one that does not continue its
    terminal's chain, so a forged or reordered history never enters the log. With an
    `outcome` (the server's verdict) a rejected event is stored without being applied;
    without one the reducers decide.
    """
    if session.scalar(select(EventRecord.position).where(EventRecord.id == event.id)):
        return False
    head = session.get(ChainHead, event.terminal_id, with_for_update=True, populate_existing=True)
    ingest_new(session, event, head, server_seq=server_seq, outcome=outcome, reason=reason)
    return True


def ingest_new(
    session: Session,
    event: Event,
    head: ChainHead | None,
    *,
    server_seq: int | None = None,
    outcome: Outcome | None = None,
    reason: str | None = None,
) -> ChainHead:
    """Ingest an event the caller knows is not held, after its terminal's `head`.

    For batches: the caller looks up ids and heads once, not per event. Returns the
    terminal's head after the event.
    """
    payload = parse_payload(event.kind, event.payload)
    check_chain(event, head)
    record, head = store(session, event, head, server_seq=server_seq)
    if outcome in (None, "applied"):
        record.outcome, record.reason = apply_payload(session, event, payload)
    else:
        record.outcome, record.reason = outcome, reason
    return head


def store(
    session: Session, event: Event, head: ChainHead | None, *, server_seq: int | None
) -> tuple[EventRecord, ChainHead]:
    record = _record(event)
    record.server_seq = server_seq
    session.add(record)
    if head is None:
        head = ChainHead(
            terminal_id=event.terminal_id, last_seq=event.terminal_seq, last_hash=event.hash
        )
        session.add(head)
    else:
        head.last_seq = event.terminal_seq
        head.last_hash = event.hash
    return record, head


def read_all(session: Session, batch: int = 1000) -> Iterator[Event]:
    """Every event in application order: the server's order, then this terminal's own
    events the server has not ordered yet."""
    stmt = (
        select(EventRecord)
        .order_by(EventRecord.server_seq.is_(None), EventRecord.server_seq, EventRecord.position)
        .execution_options(yield_per=batch)
    )
    for record in session.scalars(stmt):
        yield to_event(record)


@dataclass(frozen=True)
class ChainReport:
    terminals: int
    events: int


def verify(session: Session) -> ChainReport:
    """Check every terminal's chain; raise IntegrityError naming the first break.

    `app.events.audit.verify_all` finds every break (`takt verify`)."""
    from app.events import audit  # audit reads events with this module's helpers

    report = audit.verify_all(session, limit=1)
    if report.findings:
        raise IntegrityError(str(report.findings[0]))
    return ChainReport(terminals=report.terminals, events=report.events)
