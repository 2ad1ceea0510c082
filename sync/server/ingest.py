"""Applying a terminal's pushed batch: one transaction, a verdict per event.

A sequence number at or below the terminal's last one is a duplicate (acknowledged,
not applied again); a gap stops the batch; an event a business rule refuses is stored
as rejected and still advances the terminal's counter, so one bad event never wedges
the terminal's queue. Every stored event gets the next global number while the server
state row is locked, so numbers become visible in order.
"""

from __future__ import annotations

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.errors import FieldProblem, IntegrityError, ValidationError
from app.events import log
from app.events.envelope import GENESIS_HASH, Event
from app.events.payloads import Payload, parse_payload
from app.model import ChainHead, EventRecord, ServerState
from app.projections.prefetch import prefetch
from sync.protocol import PushRequest, PushResponse, PushResult, WireEvent


class Forbidden(Exception):
    """A terminal sent events in another terminal's name."""


def parse_batch(terminal_id: str, events: list[WireEvent]) -> list[Payload]:
    """Check the whole batch before touching the database; name every bad field."""
    payloads: list[Payload] = []
    problems: list[FieldProblem] = []
    for index, wire in enumerate(events):
        if wire.terminal_id != terminal_id:
            raise Forbidden(
                f"events[{index}] ({wire.id}) is in terminal {wire.terminal_id}'s name; "
                f"this token belongs to terminal {terminal_id}"
            )
        try:
            payloads.append(parse_payload(wire.kind, wire.payload))
        except ValidationError as error:
            where = f"events[{index}] ({wire.id}, seq {wire.terminal_seq})"
            problems.extend(
                FieldProblem(
                    f"{where}.{'kind' if p.field == 'kind' else 'payload.' + p.field}", p.problem
                )
                for p in error.problems
            )
    if problems:
        raise ValidationError(problems)
    return payloads


def apply_batch(session: Session, terminal_id: str, request: PushRequest) -> PushResponse:
    """Apply the batch in the caller's transaction (which the caller commits).

    Every batch waits for the server state row, so what needs no database (parsing,
    each event's own hash) is done before taking it; the lock is held only for what
    depends on the log (duplicates, the chain's links, numbering, the reducers).
    """
    payloads = parse_batch(terminal_id, request.events)
    events = [wire.to_event() for wire in request.events]
    hash_ok = [event.computed_hash() == event.hash for event in events]
    state = session.get(ServerState, 1, with_for_update=True, populate_existing=True)
    if state is None:
        raise IntegrityError("this server database has no server state row")
    head = session.get(ChainHead, terminal_id, with_for_update=True, populate_existing=True)
    # Where the chain stands as the batch goes; the head row is written once, at the end.
    running = ChainHead(
        terminal_id=terminal_id,
        last_seq=head.last_seq if head else 0,
        last_hash=head.last_hash if head else GENESIS_HASH,
    )
    last = running.last_seq
    results: list[PushResult] = []
    stopped: str | None = None
    resent = [w.terminal_seq for w in request.events if w.terminal_seq <= last]
    duplicates = (
        {
            seq: server_seq
            for seq, server_seq in session.execute(
                select(EventRecord.terminal_seq, EventRecord.server_seq).where(
                    EventRecord.terminal_id == terminal_id, EventRecord.terminal_seq.in_(resent)
                )
            )
        }
        if resent
        else {}
    )
    fresh_ids = [w.id for w in request.events if w.terminal_seq > last]
    taken = (
        set(session.scalars(select(EventRecord.id).where(EventRecord.id.in_(fresh_ids))))
        if fresh_ids
        else set()
    )
    # First decide what the batch holds (duplicates, where a gap stops it, chain)...
    fresh: list[tuple[Event, Payload]] = []
    for wire, event, payload, checked in zip(
        request.events, events, payloads, hash_ok, strict=True
    ):
        if wire.terminal_seq <= last:
            results.append(
                PushResult(
                    terminal_seq=wire.terminal_seq,
                    status="duplicate",
                    server_seq=duplicates.get(wire.terminal_seq),
                )
            )
            continue
        if wire.terminal_seq > last + 1:
            stopped = (
                f"gap: the server holds up to seq {last}, the batch went on at {wire.terminal_seq}"
            )
            break
        log.check_chain(event, running, hash_checked=checked)
        if event.id in taken:
            raise IntegrityError(f"event {event.id}: this id is already used by another event")
        running.last_seq, running.last_hash = event.terminal_seq, event.hash
        last = wire.terminal_seq
        fresh.append((event, payload))
    # ...then store the new events in one statement, numbered in order...
    first_seq = state.head_seq + 1
    if fresh:
        session.info[log.APPENDED] = True  # the store's after-commit listeners hear of it
        session.execute(
            insert(EventRecord.__table__),  # type: ignore[arg-type]
            [log.record_row(event, server_seq=first_seq + n) for n, (event, _) in enumerate(fresh)],
        )
    # ...and apply them, in order, with every row they touch loaded up front.
    prefetch(session, [p for _, p in fresh])
    verdicts: list[dict[str, object]] = []
    for n, (event, payload) in enumerate(fresh):
        outcome, reason = log.apply_payload(session, event, payload)
        if outcome != "applied":
            verdicts.append({"event_id": event.id, "outcome": outcome, "reason": reason})
        results.append(
            PushResult(
                terminal_seq=event.terminal_seq,
                status=outcome,  # type: ignore[arg-type]
                server_seq=first_seq + n,
                reason=reason,
            )
        )
    if verdicts:
        table = EventRecord.__table__
        session.execute(
            update(table)  # type: ignore[arg-type]
            .where(table.c.id == bindparam("event_id"))
            .values(outcome=bindparam("outcome"), reason=bindparam("reason")),
            verdicts,
        )
    # The rows of the server's bookkeeping change last: nothing before the reducers'
    # lookups is left to flush, so the whole batch goes to the database in one flush.
    state.head_seq += len(fresh)
    if head is None:
        session.add(running)
    else:
        head.last_seq, head.last_hash = running.last_seq, running.last_hash
    return PushResponse(epoch=state.epoch, last_seq=last, results=results, stopped=stopped)
