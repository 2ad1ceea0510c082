"""A terminal's copy of the plant's log: the server's order, with its own events on top.

Invariant: the projections are the events up to the cursor applied in the server's
order, followed by this terminal's events the server has not ordered past the cursor
("speculative"), applied in the terminal's order with an undo log. When the server's
order puts another terminal's event before a speculative one, the speculative events
are rewound, the server's events applied, and the speculative ones applied again on
top: every terminal ends where the server is, whatever order events arrived in.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError as DBIntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.events import log, servertime, undo
from app.events.audit import PageEvent, check_page
from app.events.envelope import Event
from app.events.payloads import parse_payload
from app.events.replay import clear_projections
from app.model import Base, ChainHead, EventRecord, SyncState, UndoEntry, VerifiedHead

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ordered:
    """An event as the server holds it: its place in the total order and its verdict."""

    event: Event
    server_seq: int
    outcome: str
    reason: str | None = None


@dataclass
class PageResult:
    new: int = 0  # events this terminal did not hold
    rebased: int = 0  # own events rewound and applied again on top
    kinds: set[str] = field(default_factory=set)  # kinds whose effects changed here
    rejected: list[Ordered] = field(default_factory=list)  # own events the server refused


def state(session: Session) -> SyncState:
    current = session.get(SyncState, 1)
    if current is None:
        raise RuntimeError("this terminal is not attached to a server")
    return current


def attach(session: Session, server_url: str) -> SyncState:
    """Start following a server (idempotent); from now on own events are speculative."""
    current = session.get(SyncState, 1)
    if current is None:
        current = SyncState(id=1, server_url=server_url, cursor_seq=0, acked_seq=0)
        session.add(current)
    else:
        current.server_url = server_url
    return current


def speculative(session: Session, terminal_id: str, cursor: int) -> list[EventRecord]:
    """Own events not yet applied in the server's order, in the order they were made."""
    return list(
        session.scalars(
            select(EventRecord)
            .where(
                EventRecord.terminal_id == terminal_id,
                or_(EventRecord.server_seq.is_(None), EventRecord.server_seq > cursor),
            )
            .order_by(EventRecord.terminal_seq)
        )
    )


def unsent(session: Session, terminal_id: str, after_seq: int, limit: int) -> list[Event]:
    """Own events after `after_seq` (the last one the server holds), oldest first."""
    records = session.scalars(
        select(EventRecord)
        .where(EventRecord.terminal_id == terminal_id, EventRecord.terminal_seq > after_seq)
        .order_by(EventRecord.terminal_seq)
        .limit(limit)
    )
    return [log.to_event(r) for r in records]


class HistoryChanged(Exception):
    """The server's history is not the one this terminal followed (restored from a backup
    since): only a refetch puts the two back in step."""


def record_acks(session: Session, terminal_id: str, acks: dict[int, int], last_seq: int) -> None:
    """Note the server's numbers for own events it holds (by terminal seq).

    A server that holds fewer own events than it acknowledged was restored from a
    backup: the numbers it gave those it lost are its to give again, to other events, so
    they are taken back here (the events go out again and get new ones). Had the
    terminal already pulled past one of them, its applied order is not the server's:
    HistoryChanged.
    """
    current = state(session)
    if last_seq < current.acked_seq:
        lost = session.scalars(
            select(EventRecord.server_seq).where(
                EventRecord.terminal_id == terminal_id,
                EventRecord.terminal_seq > last_seq,
                EventRecord.server_seq.is_not(None),
            )
        ).all()
        if any(seq is not None and seq <= current.cursor_seq for seq in lost):
            raise HistoryChanged(f"the server lost own events after seq {last_seq}")
        session.execute(
            update(EventRecord)
            .where(EventRecord.terminal_id == terminal_id, EventRecord.terminal_seq > last_seq)
            .values(server_seq=None)
        )
    if acks:
        events = Base.metadata.tables["events"]
        session.execute(
            events.update()
            .where(
                events.c.terminal_id == terminal_id,
                events.c.terminal_seq == bindparam("t_seq"),
                events.c.server_seq.is_(None),
            )
            .values(server_seq=bindparam("s_seq")),
            [{"t_seq": t, "s_seq": s} for t, s in acks.items()],
        )
    # Lower when the server lost events (restored from a backup): they are sent again.
    current.acked_seq = last_seq


def apply_page(session: Session, terminal_id: str, page: Sequence[Ordered]) -> PageResult:
    """Apply the next events in the server's order (they follow the cursor)."""
    result = PageResult()
    if not page:
        return result
    # Every event is checked before any is applied: a bad page is refused whole.
    check_page(session, terminal_id, [PageEvent(o.event, o.server_seq) for o in page])
    _check_numbers(session, page)
    current = state(session)
    pending = _pending(session, terminal_id, current.cursor_seq)
    index = _matching(page, pending)
    if index:
        events = Base.metadata.tables["events"]
        session.execute(
            events.update()
            .where(events.c.position == bindparam("pos"))
            .values(
                server_seq=bindparam("s_seq"),
                received_at=bindparam("r_at"),
                clock_offset_s=bindparam("offset"),
            ),
            [
                {
                    "pos": pending[i].position,
                    "s_seq": page[i].server_seq,
                    "r_at": page[i].event.received_at,
                    "offset": page[i].event.clock_offset_s,
                }
                for i in range(index)
            ],
        )
    rest = page[index:]
    if rest:
        spec: list[EventRecord] = []
        positions = [p.position for p in pending[index:]]
        if positions:
            undo.rewind(session, positions)
            result.rebased = len(positions)
            # Read after the rewind (which expires what the session holds): once, not
            # one query each.
            spec = list(
                session.scalars(
                    select(EventRecord)
                    .where(EventRecord.position.in_(positions))
                    .order_by(EventRecord.terminal_seq)
                    .execution_options(populate_existing=True)
                )
            )
        spec_ids = {r.id: r for r in spec}
        # Own events taken back are most of those a rebase holds already.
        known = {o.event.id: spec_ids[o.event.id] for o in rest if o.event.id in spec_ids}
        others = [o.event.id for o in rest if o.event.id not in spec_ids]
        if others:
            known |= {
                r.id: r
                for r in session.scalars(select(EventRecord).where(EventRecord.id.in_(others)))
            }
        heads = {
            h.terminal_id: h
            for h in session.scalars(
                select(ChainHead).where(
                    ChainHead.terminal_id.in_({o.event.terminal_id for o in rest})
                )
            )
        }
        reapplied: list[dict[str, Any]] = []
        for ordered in rest:
            record = known.get(ordered.event.id)
            if record is None:
                tid = ordered.event.terminal_id
                heads[tid] = log.ingest_new(
                    session,
                    ordered.event,
                    heads.get(tid),
                    server_seq=ordered.server_seq,
                    outcome=ordered.outcome,
                    reason=ordered.reason,
                )
                result.new += 1
            else:
                reapplied.append(_reapply(session, record, ordered))
                spec_ids.pop(record.id, None)
            if ordered.outcome == "applied":
                result.kinds.add(ordered.event.kind)
            if ordered.event.terminal_id == terminal_id and ordered.outcome == "rejected":
                result.rejected.append(ordered)
        _write_reapplied(session, reapplied)
        for record in spec_ids.values():
            _apply_speculative(session, record)
            result.kinds.add(record.kind)
    last = page[-1]
    current.cursor_seq = last.server_seq
    current.cursor_event_id = last.event.id
    _forget_confirmed(session, current.cursor_seq)
    return result


class _Own(NamedTuple):
    """An own event applied on top, as the fast path compares it with a page."""

    position: int
    id: str
    outcome: str
    kind: str
    received_at: datetime | None
    clock_offset_s: float | None
    server_seq: int | None


def _pending(
    session: Session, terminal_id: str, cursor: int, limit: int | None = None
) -> list[_Own]:
    """Own events applied on top (not yet in the server's order up to `cursor`), in the
    order they were made (the first `limit`)."""
    rows = session.execute(
        select(
            EventRecord.position,
            EventRecord.id,
            EventRecord.outcome,
            EventRecord.kind,
            EventRecord.received_at,
            EventRecord.clock_offset_s,
            EventRecord.server_seq,
        )
        .where(
            EventRecord.terminal_id == terminal_id,
            or_(EventRecord.server_seq.is_(None), EventRecord.server_seq > cursor),
        )
        .order_by(EventRecord.terminal_seq)
        .limit(limit)
    )
    return [_Own(*row) for row in rows]


def _matching(page: Sequence[Ordered], pending: Sequence[_Own]) -> int:
    """How many of the page's first events are our next own events, with the verdict we
    had and a receipt that changes nothing they did (the fast path)."""
    index = 0
    while (
        index < len(page)
        and index < len(pending)
        and page[index].event.id == pending[index].id
        and page[index].outcome == pending[index].outcome
        and not _receipt_matters(
            page[index],
            pending[index].kind,
            pending[index].received_at,
            pending[index].clock_offset_s,
        )
    ):
        index += 1
    return index


def rebase_reach(session: Session, terminal_id: str, page: Sequence[Ordered]) -> int:
    """How far in the server's order to read before applying `page`: the number of the
    last own event the server holds when the page puts other events under own events
    this terminal applied on top, else 0.

    Such a page takes those own events back (`apply_page`). Applied again on top, each
    costs a savepoint and its undo record (a 5,000-event backlog took half a minute),
    and a few pages later the server's order confirms them where they already are. Read
    along with the page, the pages that hold them let each be applied once, at its place
    with the server's verdict and receipt, as another terminal's event is."""
    current = state(session)
    fresh = [o for o in page if o.server_seq > current.cursor_seq]
    if not fresh:
        return 0
    # Asked of every page: only as many own events as the page could confirm.
    pending = _pending(session, terminal_id, current.cursor_seq, limit=len(fresh))
    if _matching(fresh, pending) == len(fresh):
        return 0  # nothing taken back
    last = session.scalar(
        select(func.max(EventRecord.server_seq)).where(EventRecord.terminal_id == terminal_id)
    )
    return last if last is not None and last > fresh[-1].server_seq else 0


def _check_numbers(session: Session, page: Sequence[Ordered]) -> None:
    """A number this page gives that is held here by another event: the server's history
    is not the one this terminal followed (it numbered one of ours, then was restored
    from a backup and gave the number to another event before we pushed again)."""
    given = {o.server_seq: o.event.id for o in page}
    held = session.execute(
        select(EventRecord.server_seq, EventRecord.id).where(
            EventRecord.server_seq >= page[0].server_seq,
            EventRecord.server_seq <= page[-1].server_seq,
        )
    ).all()
    for seq, event_id in held:
        if seq is not None and given.get(seq, event_id) != event_id:
            raise HistoryChanged(f"the server gives seq {seq} to another event than ours")


def _receipt_matters(
    ordered: Ordered,
    kind: str,
    received_at: datetime | None,
    clock_offset_s: float | None,
) -> bool:
    """Would the server's receipt change what this own event did here? Only for kinds
    that read it (deadlines), and only when the time it gives differs from the one the
    event was applied with: an own event without a receipt keeps the offset it was
    applied with (app.events.log.append), so that one is compared, not what the terminal
    measures by now (deadlines then stayed minutes off the server's). An event recorded
    before it kept one is taken again. The times are compared, not the figures: a shift
    of events kept offline carries the receipt of a later push but the same offset, and
    taking that as a change would apply every later own event again, once per such
    event (a 5,000-event backlog took 90 s instead of 4)."""
    if kind not in servertime.TIMED_KINDS:
        return False
    if received_at is None and clock_offset_s is None:
        return True
    occurred = ordered.event.occurred_at
    used = servertime.corrected(occurred, clock_offset_s, received_at)
    told = servertime.corrected(occurred, ordered.event.clock_offset_s, ordered.event.received_at)
    return used != told


def _reapply(session: Session, record: EventRecord, ordered: Ordered) -> dict[str, Any]:
    """Apply an event we already hold at its place in the server's order. Returns its
    row's new columns, for `_write_reapplied`: the ORM would send one UPDATE per event
    (SQLite's driver cannot count the rows of a batch), and a rebase applies thousands."""
    # The server's receipt replaces this terminal's estimate before the reducers read it.
    values: dict[str, Any] = {
        "server_seq": ordered.server_seq,
        "received_at": ordered.event.received_at,
        "clock_offset_s": ordered.event.clock_offset_s,
        "outcome": ordered.outcome,
        "reason": ordered.reason,
    }
    if ordered.outcome == "applied":
        event = replace(
            log.to_event(record),
            received_at=values["received_at"],
            clock_offset_s=values["clock_offset_s"],
        )
        outcome, reason = log.apply_payload(
            session, event, parse_payload(event.kind, event.payload)
        )
        if outcome != "applied":
            # The server applied it to the same state; only different code disagrees.
            _log.error(
                "event %s: the server applied it, here it was %s: %s", event.id, outcome, reason
            )
        values["outcome"], values["reason"] = outcome, reason
    # What the row will hold once written, without the ORM writing it again.
    for key, value in values.items():
        set_committed_value(record, key, value)
    return {"row": record.position, **{f"new_{key}": value for key, value in values.items()}}


def _write_reapplied(session: Session, rows: list[dict[str, Any]]) -> None:
    """Write the columns `_reapply` gave events, in one batch."""
    if not rows:
        return
    events = Base.metadata.tables["events"]
    session.execute(
        events.update()
        .where(events.c.position == bindparam("row"))
        .values({key: bindparam(f"new_{key}") for key in _REAPPLIED}),
        rows,
    )


_REAPPLIED = ("server_seq", "received_at", "clock_offset_s", "outcome", "reason")


def _apply_speculative(session: Session, record: EventRecord) -> None:
    """Apply an own event on top, recording how to take it back.

    After a refetch the plant may not be back yet (the event names a work center the
    server has not sent again): the event then waits, unapplied ("deferred"), and is
    tried again after the next page.
    """
    event = log.to_event(record)
    payload = parse_payload(event.kind, event.payload)
    with undo.capturing(session, record.position):
        try:
            with session.begin_nested():
                record.outcome, record.reason = log.apply_payload(session, event, payload)
        except DBIntegrityError as error:
            record.outcome, record.reason = (
                "deferred",
                f"waiting for what it refers to: {error.orig}",
            )


# Taking a new identity (app.events.fork) applies the events it issues again this way.
apply_speculative = _apply_speculative


def _forget_confirmed(session: Session, cursor: int) -> None:
    """Undo entries of events the server has ordered up to `cursor`: no longer needed.
    From the (small) undo log to its events, not from the (whole) log to the undo log."""
    confirmed = (
        select(UndoEntry.position)
        .join(EventRecord, EventRecord.position == UndoEntry.position)
        .where(EventRecord.server_seq.is_not(None), EventRecord.server_seq <= cursor)
        .distinct()
    )
    undo.forget(session, list(session.scalars(confirmed)))


def refetch(session: Session, terminal_id: str, epoch: str) -> None:
    """The server's history changed (restored from a backup, or replaced): start over.

    No own event is lost: they stay in the log and go to the server again. The
    projections are rebuilt from them now and from the server's order as pages arrive.
    Every other event is the server's to give again: it sends those it still holds, and
    those it lost come back when their terminal sends them again. Kept here, they would
    stop the sync: the server's own events after its backup are gone for good, and its
    own chain goes on from the backup with other events at those numbers. The chains'
    verified heads go too (what is new is verified from the start at the next open).
    """
    current = state(session)
    session.execute(update(EventRecord).values(server_seq=None))
    session.execute(delete(UndoEntry))
    clear_projections(session)
    session.execute(delete(EventRecord).where(EventRecord.terminal_id != terminal_id))
    session.execute(delete(ChainHead).where(ChainHead.terminal_id != terminal_id))
    session.execute(delete(VerifiedHead))
    session.flush()
    session.expire_all()
    current.epoch = epoch
    current.cursor_seq = 0
    current.cursor_event_id = None
    current.acked_seq = 0
    for record in speculative(session, terminal_id, 0):
        _apply_speculative(session, record)
