"""Applying a terminal's pushed batch: one transaction, a verdict per event.

The server is the authority: it judges every event on its own. One that does not parse,
that its actor may not cause (app.authz: role, login on this terminal, server-only
facts), that a business rule refuses or that the database cannot take is stored as
rejected with its reason and still advances the terminal's counter, so one bad event
never wedges the terminal's queue. A sequence number at or below the terminal's last one
is a duplicate when its content is the same, and a fork (a copied database) when it is
not; a gap stops the batch. Every stored event gets the next global number while the
server state row is locked, so numbers become visible in order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from app import authz
from app.errors import (
    FieldProblem,
    IntegrityError,
    PermissionDenied,
    Rejected,
    TaktError,
    ValidationError,
)
from app.events import log, servertime
from app.events.envelope import GENESIS_HASH, Event
from app.events.payloads import PAYLOAD_TYPES, Payload, parse_payload
from app.i18n import tr
from app.model import (
    ChainHead,
    EventRecord,
    ServerState,
    ShopException,
    TerminalSession,
    User,
    bulk,
)
from app.projections.prefetch import prefetch
from app.words import listing
from sync.protocol import PushRequest, PushResponse, PushResult, WireEvent
from sync.server.feed import RefetchNeeded

logger = logging.getLogger(__name__)


class Forbidden(Exception):
    """A terminal sent events in another terminal's name."""


# A payload that parsed, or the reason it did not (the event is then stored as rejected).
Parsed = Payload | str


def parse_batch(terminal_id: str, events: list[WireEvent]) -> list[Parsed]:
    """Parse each event's payload before touching the database, naming every bad field.

    A bad payload is that event's problem alone: it is rejected, the others go on. Events
    in another terminal's name refuse the whole batch: the token is not theirs.
    """
    refuse_foreign(terminal_id, events)
    parsed: list[Parsed] = []
    for wire in events:
        if wire.kind not in PAYLOAD_TYPES:
            parsed.append(tr("refused: kind: unknown event kind {kind}", kind=repr(wire.kind)))
            continue
        try:
            parsed.append(parse_payload(wire.kind, wire.payload))
        except ValidationError as error:
            parsed.append(_problems(error.problems))
    return parsed


def refuse_foreign(terminal_id: str, events: list[WireEvent]) -> None:
    """Raise Forbidden for a batch with an event in another terminal's name."""
    for index, wire in enumerate(events):
        if wire.terminal_id != terminal_id:
            raise Forbidden(
                f"events[{index}] ({wire.id}) is in terminal {wire.terminal_id}'s name; "
                f"this token belongs to terminal {terminal_id}"
            )


def _problems(problems: list[FieldProblem]) -> str:
    said = [tr("payload.{field}: {problem}", field=p.field, problem=p.problem) for p in problems]
    return tr("refused: {problems}", problems=listing(said))


# Told, before the batch waits for the server state, the terminal_seq of each event it
# will store (a signed head to keep with them: sync.server.signing.keep_head).
Vouch = Callable[[Sequence[int]], None]


@dataclass
class Prepared:
    """A batch checked and placed on its terminal's chain, its events not numbered yet
    (`prepare_batch`), for `finish_batches` to number, store and judge."""

    terminal_id: str
    last: int  # the terminal's last seq once the batch is in
    results: list[PushResult]  # duplicates (and a fork), in the batch's order
    fresh: list[tuple[Event, Parsed]]  # what the batch adds, in order
    rows: list[dict[str, object]]  # their event rows, but for their numbers
    stopped: str | None


def apply_batch(
    session: Session,
    terminal_id: str,
    request: PushRequest,
    *,
    careful: bool = False,
    checked: Checked | None = None,
    vouch: Vouch | None = None,
) -> PushResponse:
    """Apply the batch in the caller's transaction (which the caller commits).

    Every batch waits for the server state row, so what does not depend on the other
    terminals' events is done before taking it (`prepare_batch`): parsing, each event's
    own hash, and, under the lock of this terminal's chain head, duplicates, the chain's
    links and the new head. The server state's lock is held for the numbering, the
    reducers and the commit (`finish_batches`).
    """
    prepared = prepare_batch(session, terminal_id, request, checked=checked, vouch=vouch)
    return finish_batches(session, [prepared], careful=careful)[0]


@dataclass
class Checked:
    """What a batch's events are, found without the database (`check_events`)."""

    payloads: list[Parsed]
    events: list[Event]
    hash_ok: list[bool]


def check_events(terminal_id: str, request: PushRequest) -> Checked:
    """Parse each event and check its own hash: the batch's work that needs no database,
    done before it waits for a transaction. Raises Forbidden for events in another
    terminal's name."""
    payloads = parse_batch(terminal_id, request.events)
    events = [wire.to_event() for wire in request.events]
    return Checked(payloads, events, [event.computed_hash() == event.hash for event in events])


def prepare_batch(
    session: Session,
    terminal_id: str,
    request: PushRequest,
    *,
    checked: Checked | None = None,
    vouch: Vouch | None = None,
) -> Prepared:
    """Place the batch on its terminal's chain, in the caller's transaction: what does not
    wait for the server state row. Writes the chain's new head (and, through `vouch`, the
    batch's signed head) so that they are not written while it waits."""
    checked = checked or check_events(terminal_id, request)
    payloads, events, hash_ok = checked.payloads, checked.events, checked.hash_ok
    # This terminal's chain first: its own pushes queue here, everyone else's go on.
    head = session.get(ChainHead, terminal_id, with_for_update=True, populate_existing=True)
    # Where the chain stands as the batch goes; the head row is written once.
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
            seq: (server_seq, digest)
            for seq, server_seq, digest in session.execute(
                select(EventRecord.terminal_seq, EventRecord.server_seq, EventRecord.hash).where(
                    EventRecord.terminal_id == terminal_id, EventRecord.terminal_seq.in_(resent)
                )
            )
        }
        if resent
        else {}
    )
    # An id another terminal's batch stores while this one waits for the server state
    # fails this batch's insert (the column is unique), and its careful run names it.
    fresh_ids = [w.id for w in request.events if w.terminal_seq > last]
    taken = (
        set(session.scalars(select(EventRecord.id).where(EventRecord.id.in_(fresh_ids))))
        if fresh_ids
        else set()
    )
    # First decide what the batch holds (duplicates, where a gap stops it, chain)...
    fresh: list[tuple[Event, Parsed]] = []
    for wire, event, payload, hashed in zip(request.events, events, payloads, hash_ok, strict=True):
        if wire.terminal_seq <= last:
            server_seq, digest = duplicates.get(wire.terminal_seq, (None, None))
            if digest is not None and digest != wire.hash:
                # The same number with other content: two databases share this terminal's
                # identity (a copied disk). Taking it as a duplicate would drop its event.
                stopped = tr(
                    "fork: the server holds terminal {terminal}'s seq {seq} "
                    "with other content; this database is a copy of that terminal's",
                    terminal=terminal_id,
                    seq=wire.terminal_seq,
                )
                results.append(
                    PushResult(terminal_seq=wire.terminal_seq, status="fork", reason=stopped)
                )
                break
            results.append(
                PushResult(
                    terminal_seq=wire.terminal_seq, status="duplicate", server_seq=server_seq
                )
            )
            continue
        if wire.terminal_seq > last + 1:
            stopped = tr(
                "gap: the server holds up to seq {last}, the batch went on at {seq}",
                last=last,
                seq=wire.terminal_seq,
            )
            break
        log.check_chain(event, running, hash_checked=hashed)
        if event.id in taken:
            raise IntegrityError(f"event {event.id}: this id is already used by another event")
        running.last_seq, running.last_hash = event.terminal_seq, event.hash
        last = wire.terminal_seq
        fresh.append((event, payload))
    # ...and what depends on it alone: the chain's new head (written now, not while the
    # server state waits for it), the events' rows but for their numbers.
    received_at = servertime.received_at(session, terminal_id)
    rows = [
        log.record_row(
            event, server_seq=None, received_at=received_at, clock_offset_s=request.clock_offset_s
        )
        for event, _ in fresh
    ]
    if vouch is not None:
        vouch([event.terminal_seq for event, _ in fresh])
    if fresh:
        if head is None:
            session.add(running)
        else:
            head.last_seq, head.last_hash = running.last_seq, running.last_hash
        # With the chain's head and the batch's signed head (`vouch`): rows that do not
        # wait for the other batches are written before this one waits for them.
        session.flush()
    return Prepared(terminal_id, last, results, fresh, rows, stopped)


def finish_batches(
    session: Session, batches: Sequence[Prepared], *, careful: bool = False
) -> list[PushResponse]:
    """Number, store and judge prepared batches, in order, in the caller's transaction.

    The events of all of them go in one statement (COPY on PostgreSQL), the exceptions
    they raised and their tasks in one a table at the end, the reducers' other rows in
    one flush as the caller commits. When one of them fails (a constraint an event breaks
    that no reducer foresaw), the caller runs the batch again `careful`ly: each event in
    a savepoint of its own, flushed at once, so the one that fails is rejected with the
    database's reason and the others are applied.
    """
    # Take the next numbers, which holds every other batch until this one commits, and
    # store the new events in one statement, numbered in order...
    count = sum(len(batch.fresh) for batch in batches)
    epoch, head_seq = _take_numbers(session, count)
    first_seq = head_seq - count + 1
    if count:
        session.info[log.APPENDED] = True  # the store's after-commit listeners hear of it
        rows = [row for batch in batches for row in batch.rows]
        for n, row in enumerate(rows):
            row["server_seq"] = first_seq + n
        bulk.copy_inserts(session.connection())
        session.execute(insert(EventRecord.__table__), rows)  # type: ignore[arg-type]
    # ...and judge and apply them, in order, with every row they touch loaded up front.
    prefetch(session, [p for b in batches for _, p in b.fresh if not isinstance(p, str)])
    for batch in batches:
        _prefetch_people(session, batch.terminal_id, {event.actor for event, _ in batch.fresh})
    verdicts: list[dict[str, object]] = []
    responses: list[PushResponse] = []
    seq = first_seq
    for batch in batches:
        results = list(batch.results)
        for event, payload in batch.fresh:
            outcome, reason = (
                ("rejected", payload)
                if isinstance(payload, str)
                else judge(session, batch.terminal_id, event, payload, careful=careful)
            )
            if outcome != "applied":
                verdicts.append({"event_id": event.id, "outcome": outcome, "reason": reason})
            results.append(
                PushResult(
                    terminal_seq=event.terminal_seq,
                    status=outcome,  # type: ignore[arg-type]
                    server_seq=seq,
                    reason=reason,
                )
            )
            seq += 1
        responses.append(
            PushResponse(epoch=epoch, last_seq=batch.last, results=results, stopped=batch.stopped)
        )
    if verdicts:
        table = EventRecord.__table__
        session.execute(
            update(table)  # type: ignore[arg-type]
            .where(table.c.id == bindparam("event_id"))
            .values(outcome=bindparam("outcome"), reason=bindparam("reason")),
            verdicts,
        )
    if not careful:
        # The exceptions the batches raised, with their tasks, in a statement a table; the
        # reducers' other rows reach the database in one flush, as the caller commits.
        bulk.insert_added(session, ShopException, "tasks")
    return responses


def _take_numbers(session: Session, count: int) -> tuple[str, int]:
    """The server's epoch and its last number once `count` more are handed out. The
    server state row stays locked until the transaction commits, so numbers become
    visible in order. One statement takes the lock and the numbers (the batch's size is
    known before it); a batch that stores nothing takes neither."""
    if not count:
        state = session.get(ServerState, 1)
        if state is None:
            raise IntegrityError("this server database has no server state row")
        return state.epoch, state.head_seq
    table = ServerState.__table__
    taken = session.execute(
        update(table)  # type: ignore[arg-type]
        .where(table.c.id == 1)
        .values(head_seq=table.c.head_seq + count)
        .returning(table.c.epoch, table.c.head_seq)
    ).one_or_none()
    if taken is None:
        raise IntegrityError("this server database has no server state row")
    epoch, head_seq = taken
    # The row as the session holds it (the cursor check read it) says so too.
    held = session.identity_map.get(identity_key(ServerState, 1))
    if held is not None:
        set_committed_value(held, "head_seq", head_seq)
    return epoch, head_seq


def _prefetch_people(session: Session, terminal_id: str, actors: set[str]) -> None:
    """Load the batch's actors, their roles and their logins here, in three queries: the
    authorization check then finds them in the session instead of flushing and querying
    once per event."""
    if not actors:
        return
    session.scalars(
        select(User).where(User.id.in_(actors)).options(joinedload(User.role_links))
    ).unique().all()
    session.scalars(
        select(TerminalSession).where(
            TerminalSession.terminal_id == terminal_id, TerminalSession.user_id.in_(actors)
        )
    ).all()


def receive(take: Callable[[bool], PushResponse]) -> PushResponse:
    """Run `take` (a batch applied in its own transaction) fast, and once more carefully,
    one savepoint per event, when the fast run fails for a reason no check named."""
    try:
        return take(False)
    except (Forbidden, TaktError, RefetchNeeded, OperationalError):
        raise  # verdicts on the batch as a whole (403, 409, 410, 422), or no database (503)
    except Exception as error:  # whatever it was, one event caused it
        logger.warning("a batch failed as a whole (%s); judging its events one by one", error)
        return take(True)


def judge(
    session: Session, terminal_id: str, event: Event, payload: Payload, *, careful: bool
) -> tuple[str, str | None]:
    """May this event's actor cause it here, and does it apply? The outcome and why."""
    try:
        authz.check(
            session, event.kind, payload, event.actor, terminal_id=terminal_id, from_terminal=True
        )
    except PermissionDenied as denied:
        return "rejected", tr("not allowed: {reason}", reason=denied.message)
    if not careful:
        return log.apply_payload(session, event, payload)
    savepoint = session.begin_nested()
    try:
        outcome, reason = log.apply_payload(session, event, payload)
        session.flush()
    except Rejected as rejected:  # raised by a flush-time check
        savepoint.rollback()
        return "rejected", rejected.reason
    except Exception as error:  # any failure is this event's alone
        savepoint.rollback()
        logger.warning("event %s (%s) could not be applied: %s", event.id, event.kind, error)
        return "rejected", tr(
            "the server could not apply it: {problem}", problem=_first_line(error)
        )
    savepoint.commit()
    return outcome, reason


def _first_line(error: Exception) -> str:
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:300]
