"""The server's clock decides deadlines: when the server believes an event happened.

An event keeps the `occurred_at` its terminal's clock gave it. For every event a
terminal pushes, the server records when it received it and the clock offset the
terminal had measured against the server (server minus terminal, sent with the push).
The moment the server believes the event happened is `occurred_at` corrected by that
offset, never later than the server received it: an offline terminal's old events
keep their real age, and a clock running ahead cannot move a deadline into the future.

Deadlines count from that moment, so they are on the server's clock. Reducers compute
it from the event record (which every terminal gets from the server with the event),
never from a local clock: every terminal and every replay find the same deadlines. A
terminal applying its own event before the server holds it uses its own estimate of
the offset; the server's receipt replaces it when the server's order comes back
(app.events.replica re-applies such events at their place in that order).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import as_utc
from app.events.envelope import Event
from app.model import EventRecord, LocalTerminal, SyncState

# Kinds whose reducers read the correction: an own event of one of these is applied
# again when the server's receipt differs from what it was first applied with.
TIMED_KINDS = frozenset({"exception.raised"})

# Larger than any clock a person would leave running; a terminal claiming more is wrong.
MAX_OFFSET_S = 366 * 24 * 3600.0

# `Session.info` key: the Receipt of the batch the server is storing.
RECEIPT = "servertime.receipt"


def corrected(
    occurred_at: datetime, clock_offset_s: float | None, received_at: datetime | None
) -> datetime:
    """When the server believes an event happened."""
    at = as_utc(occurred_at)
    if clock_offset_s:
        at += timedelta(seconds=clock_offset_s)
    if received_at is not None:
        at = min(at, as_utc(received_at))
    return at


@dataclass(frozen=True)
class Receipt:
    """A terminal's batch as the server received it: when, and the offset it reported."""

    terminal_id: str
    received_at: datetime
    clock_offset_s: float | None


def correction(session: Session, event: Event) -> timedelta:
    """How far the event's deadlines move to be on the server's clock."""
    received_at, offset = event.received_at, event.clock_offset_s
    if received_at is None and offset is None:
        # A server applying a pushed batch has the events as they came over the wire:
        # the receipt is the batch's (and in the rows the batch's INSERT stored).
        batch = session.info.get(RECEIPT, {}).get(event.terminal_id)
        if isinstance(batch, Receipt):
            received_at, offset = batch.received_at, batch.clock_offset_s
        else:
            with session.no_autoflush:  # a batch's reducers flush once, at the end
                received_at, offset = _stored(session, event.id)
                if received_at is None and offset is None:
                    offset = own_estimate(session, event.terminal_id)
    return corrected(event.occurred_at, offset, received_at) - as_utc(event.occurred_at)


def _stored(session: Session, event_id: str) -> tuple[datetime | None, float | None]:
    row = session.execute(
        select(EventRecord.received_at, EventRecord.clock_offset_s).where(
            EventRecord.id == event_id
        )
    ).first()
    return (row[0], row[1]) if row is not None else (None, None)


def own_estimate(session: Session, terminal_id: str) -> float | None:
    """This terminal's measured offset, for its own events the server does not hold yet.

    None elsewhere: on the server and on a terminal without one (each is then its own
    authority), and for events of the server itself (its clock needs no correction)."""
    state = session.get(SyncState, 1)
    if state is None or state.clock_offset_s is None:
        return None
    own = session.scalar(select(LocalTerminal.id))
    return state.clock_offset_s if own == terminal_id else None


def server_now(session: Session, now: datetime) -> datetime:
    """This database's best estimate of the server's clock, for comparing with deadlines:
    `now` (its own clock) corrected by the offset it last measured."""
    state = session.get(SyncState, 1)
    offset = state.clock_offset_s if state is not None else None
    return corrected(now, offset, None)


def mark_received(
    session: Session, terminal_id: str, at: datetime, clock_offset_s: float | None
) -> None:
    """This session stores a batch of `terminal_id`'s that the server received at `at`
    (its own clock), reporting `clock_offset_s`; one a terminal (a group commit stores
    several terminals' batches in one session)."""
    session.info.setdefault(RECEIPT, {})[terminal_id] = Receipt(
        terminal_id, as_utc(at), clock_offset_s
    )


def received_at(session: Session, terminal_id: str) -> datetime | None:
    """When the server received the batch of `terminal_id`'s being stored; None when the
    caller did not say (the offset alone then corrects its events)."""
    batch = session.info.get(RECEIPT, {}).get(terminal_id)
    return batch.received_at if isinstance(batch, Receipt) else None
