"""A terminal's database copied to a second machine (a disk image, a restore from backup).

Both copies carry the same terminal identity and number their new events from the same
point on. The server takes the first copy's events and answers "fork" to the other's
(same sequence number, other content), or sends the first copy's events to the other
on a pull. The copy that finds out stops sending, says so, and keeps its own changes.
Taking a new identity then turns its diverging events into events of a new terminal
(new ids, a new chain, the same kinds, payloads, people and times), so the server gets
both copies' events, each once. The events set aside are kept as they were, never sent.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.errors import IntegrityError, ValidationError
from app.events import audit, log, replica, undo
from app.events.envelope import GENESIS_HASH, Event
from app.events.payloads import UserLoggedIn, UserLoggedOut
from app.i18n import tr
from app.model import (
    ChainHead,
    EventRecord,
    ForkedEvent,
    ForkState,
    LocalTerminal,
    SyncState,
)

_log = logging.getLogger(__name__)


def current(session: Session) -> ForkState | None:
    return session.get(ForkState, 1)


def record(
    session: Session, terminal_id: str, matched_seq: int, reason: str, now: datetime
) -> ForkState:
    """Note that the server holds this terminal's events after `matched_seq` with other
    content. Kept until a new identity is taken, so a restart does not send again."""
    state = session.get(ForkState, 1)
    if state is None:
        state = ForkState(
            id=1, terminal_id=terminal_id, matched_seq=matched_seq, reason=reason, detected_at=now
        )
        session.add(state)
    elif matched_seq < state.matched_seq:
        state.matched_seq, state.reason = matched_seq, reason
    _log.warning(
        "this database is a copy of terminal %s's: the server holds other events from seq %d",
        terminal_id,
        matched_seq + 1,
    )
    return state


def explain(state: ForkState, terminal_name: str) -> str:
    """What a person reads in the status: what happened, what is safe, what to do."""
    return tr(
        "This terminal's database is a copy of terminal {terminal}'s: from seq "
        "{seq} on, the server holds other events under the same numbers. "
        "Its own changes are kept here and nothing more is sent; enroll it as a new "
        "terminal (takt enroll --new-identity) to send them.",
        terminal=terminal_name,
        seq=state.matched_seq + 1,
    )


@dataclass(frozen=True)
class NewIdentity:
    old_terminal_id: str
    terminal_id: str
    reissued: int  # own events issued again under the new identity
    logins: int  # logins carried over, so the server sees who was logged in here


def take_new_identity(
    session: Session, new_terminal_id: str, *, now: datetime, name: str | None = None
) -> NewIdentity:
    """Give this database a new terminal identity and issue its own diverging events again
    under it, in the caller's transaction.

    Diverging: the own events after the last sequence number the server holds with the
    same content (from the fork found); without a fork, only a database whose events the
    server all acknowledged may change identity (nothing then diverges). The events up
    to that point stay as the old terminal's, to arrive from the server in its order.
    """
    terminal = session.scalars(select(LocalTerminal)).one()
    old = terminal.id
    if new_terminal_id == old:
        raise ValidationError.one("terminal_id", tr("is this terminal's identity already"))
    used = session.scalar(
        select(EventRecord.position).where(EventRecord.terminal_id == new_terminal_id).limit(1)
    )
    if used is not None or session.get(ChainHead, new_terminal_id) is not None:
        raise ValidationError.one(
            "terminal_id",
            tr("{terminal} already has events in this database", terminal=new_terminal_id),
        )
    sync = session.get(SyncState, 1)
    head = session.get(ChainHead, old)
    last = head.last_seq if head else 0
    acked = sync.acked_seq if sync is not None else 0
    fork = session.get(ForkState, 1)
    if fork is not None:
        matched = fork.matched_seq
    elif acked >= last:
        matched = last
    else:
        unsent = last - acked
        raise ValidationError.one(
            "terminal",
            tr(
                "{unsent} of its events are not acknowledged by a server and nothing shows "
                "this database is a copy; sync it first (the server tells which events are "
                "this copy's own)",
                unsent=unsent,
            ),
        )
    cursor = sync.cursor_seq if sync is not None else 0
    # Own events not in the server's order yet go back out of the projections: the
    # diverging ones come back under the new identity, the rest from the server.
    pending = replica.speculative(session, old, cursor)
    undo.rewind(session, [r.position for r in pending])
    forked = list(
        session.scalars(
            select(EventRecord)
            .where(EventRecord.terminal_id == old, EventRecord.terminal_seq > matched)
            .order_by(EventRecord.terminal_seq)
        )
    )
    ordered = [r for r in forked if r.server_seq is not None and r.server_seq <= cursor]
    if ordered:
        raise IntegrityError(
            f"terminal {old} seq {ordered[0].terminal_seq} is in the server's order here, "
            f"though the server holds other content from seq {matched + 1}"
        )
    sources = [*_logins_to_carry(session, old, matched, forked), *forked]
    originals = [(r, log.to_event(r)) for r in forked]
    # The old chain ends where the server's copy of it matched this one.
    session.execute(
        delete(EventRecord).where(EventRecord.position.in_([r.position for r, _ in originals]))
    )
    if head is not None:
        if matched == 0:
            session.delete(head)
        else:
            kept = session.scalar(
                select(EventRecord.hash).where(
                    EventRecord.terminal_id == old, EventRecord.terminal_seq == matched
                )
            )
            if kept is None:
                raise IntegrityError(f"terminal {old} seq {matched} is not in this database")
            head.last_seq, head.last_hash = matched, kept
    audit.mark_verified_up_to(session, old, matched, now)
    session.flush()
    terminal.id = new_terminal_id
    if name:
        terminal.name = name
    reissued = _reissue(session, new_terminal_id, [log.to_event(s) for s in sources])
    by_old_id = dict(zip([s.id for s in sources], reissued, strict=True))
    for _, event in originals:
        session.add(_set_aside(event, by_old_id[event.id], now))
    if sync is not None:
        sync.acked_seq = 0  # the new identity has nothing on the server yet
    if fork is not None:
        session.delete(fork)
    _log.warning(
        "terminal %s took the new identity %s: %d own event(s) issued again",
        old,
        new_terminal_id,
        len(forked),
    )
    return NewIdentity(
        old_terminal_id=old,
        terminal_id=new_terminal_id,
        reissued=len(forked),
        logins=len(sources) - len(forked),
    )


def _logins_to_carry(
    session: Session, terminal_id: str, matched: int, forked: list[EventRecord]
) -> list[EventRecord]:
    """The shared logins the diverging events' people depend on.

    The server accepts a person's event only from the terminal they are logged in on.
    Whoever was logged in here at the fork point logged in under the old identity; their
    login is issued again under the new one (before their first diverging event)."""
    logged_in_here: set[str] = set()
    needed: list[str] = []
    for r in forked:
        if r.kind == UserLoggedIn.KIND:
            logged_in_here.add(r.actor)
        elif r.actor not in logged_in_here and r.actor not in needed:
            needed.append(r.actor)
    carried: list[EventRecord] = []
    for actor in needed:
        latest = session.scalar(
            select(EventRecord)
            .where(
                EventRecord.terminal_id == terminal_id,
                EventRecord.terminal_seq <= matched,
                EventRecord.actor == actor,
                EventRecord.kind.in_([UserLoggedIn.KIND, UserLoggedOut.KIND]),
            )
            .order_by(EventRecord.terminal_seq.desc())
            .limit(1)
        )
        if latest is not None and latest.kind == UserLoggedIn.KIND:
            carried.append(latest)
    return sorted(carried, key=lambda r: r.terminal_seq)


def _reissue(session: Session, terminal_id: str, sources: list[Event]) -> list[str]:
    """The same happenings as new events of `terminal_id`, chained from its start and
    applied on top like any own event the server has not ordered yet."""
    head: ChainHead | None = None
    ids: list[str] = []
    for seq, source in enumerate(sources, start=1):
        event = Event.sealed(
            id=str(uuid.uuid4()),
            terminal_id=terminal_id,
            terminal_seq=seq,
            kind=source.kind,
            payload=source.payload,
            actor=source.actor,
            occurred_at=source.occurred_at,
            prev_hash=head.last_hash if head else GENESIS_HASH,
        )
        # This terminal's estimate of its clock's offset then, as the original had it.
        event = replace(event, clock_offset_s=source.clock_offset_s)
        stored, head = log.store(session, event, head, server_seq=None)
        session.flush()
        replica.apply_speculative(session, stored)
        ids.append(event.id)
    return ids


def _set_aside(event: Event, reissued_as: str, now: datetime) -> ForkedEvent:
    return ForkedEvent(**log.content(event), reissued_as=reissued_as, set_aside_at=now)
