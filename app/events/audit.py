"""Checking the event log: end to end (`takt verify`), at a terminal's start, and each
page a server sends before any of it is applied.

Every finding names the event it is about as a person can look it up: its position in
this database's log, its terminal and sequence number, its kind and when it happened
("event 1,204 (terminal kiosk-3 seq 88, hold.placed at 2026-12-07 09:14 UTC): content
was changed after it was recorded").

A terminal checks at start only what is new since the last check, from `VerifiedHead`:
per terminal, the sequence number, hash and position its chain was verified up to.
Those hashes are what catch an edit made further back with the rest of the chain
recomputed to match, which no link check can see.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from app.clock import utc_text
from app.errors import IntegrityError, StorageError
from app.events import log
from app.events.envelope import GENESIS_HASH, Event
from app.events.signing import verify_head
from app.i18n import tr
from app.model import (
    ChainHead,
    EventRecord,
    LocalTerminal,
    RegisteredTerminal,
    SignedHead,
    SyncState,
    VerifiedHead,
)

_log = logging.getLogger(__name__)

MAX_FINDINGS = 100  # `takt verify` lists this many; a few are enough to act on
EDITED = "content was changed after it was recorded"
UNLINKED = (
    "does not follow the previous event's hash (an event before it was changed, "
    "inserted or removed)"
)


@dataclass(frozen=True)
class Finding:
    """One break in the log, in words; where it is, for whoever looks it up."""

    message: str
    terminal_id: str | None = None
    seq: int | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class Findings:
    """Findings up to a limit, and how many more there were."""

    limit: int = MAX_FINDINGS
    items: list[Finding] = field(default_factory=list)
    more: int = 0

    def add(self, finding: Finding) -> None:
        if len(self.items) < self.limit:
            self.items.append(finding)
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    def summary(self) -> str:
        """The first finding, and how many others there are."""
        others = len(self.items) - 1 + self.more
        first = str(self.items[0]) if self.items else "no finding"
        return first + (f" (and {others} more)" if others else "")


@dataclass(frozen=True)
class AuditReport:
    terminals: int
    events: int
    signed_heads: int  # signed chain heads checked (a server's; 0 where there are none)
    findings: list[Finding]
    more: int  # findings beyond the list

    @property
    def sound(self) -> bool:
        return not self.findings


class TamperedLog(StorageError):
    """The log was changed outside Takt: the terminal neither syncs nor records on it."""


class BadPage(IntegrityError):
    """A page from the server holds an event that fails its check; nothing of it was applied."""


class PageContradicts(BadPage):
    """A page whose event is sound but does not continue another terminal's chain as this
    terminal holds it: the server's history changed under a cursor it still recognised
    (its database restored from a backup, then the same event taken again at the
    cursor's number). Taking everything but its own events again settles it; the same
    contradiction after that is the server's own log's (BadPage)."""


class PageFork(IntegrityError):
    """The server holds this terminal's own sequence number with another event: this
    database is a copy of the terminal that sent it."""

    def __init__(self, terminal_id: str, seq: int) -> None:
        super().__init__(
            f"the server holds terminal {terminal_id}'s seq {seq} with other content; "
            "this database is a copy of that terminal's"
        )
        self.terminal_id = terminal_id
        self.seq = seq


# -- naming events --------------------------------------------------------------------


def terminal_names(session: Session) -> dict[str, str]:
    """Terminal names this database knows: its own, and (on a server) every registered one."""
    names = {t.id: t.name for t in session.scalars(select(LocalTerminal))}
    names.update(session.execute(select(RegisteredTerminal.id, RegisteredTerminal.name)).all())
    return {tid: name for tid, name in names.items() if name}


def describe(
    event: Event, names: dict[str, str], *, position: int | None = None, server_seq: int = 0
) -> str:
    """'event 1,204 (terminal kiosk-3 seq 88, hold.placed at 2026-12-07 09:14 UTC)'."""
    terminal = names.get(event.terminal_id, event.terminal_id)
    at = utc_text(event.occurred_at)
    where = f"terminal {terminal} seq {event.terminal_seq}, {event.kind} at {at}"
    if position is not None:
        return f"event {position:,} ({where})"
    if server_seq:
        return f"the server's event {server_seq:,} ({where})"
    return f"event {event.id} ({where})"


def _terminal(names: dict[str, str], terminal_id: str) -> str:
    name = names.get(terminal_id)
    return f"terminal {name} ({terminal_id})" if name else f"terminal {terminal_id}"


# -- one chain, event by event ----------------------------------------------------------


@dataclass
class _Chain:
    """Where a terminal's chain stands while its events are read in order."""

    seq: int = 0
    hash: str = GENESIS_HASH
    position: int = 0


def _check_next(
    chain: _Chain, record: EventRecord, names: dict[str, str], found: Callable[[Finding], None]
) -> None:
    """Check one event against the one before it in its terminal's chain; move on."""
    event = log.to_event(record)
    described = describe(event, names, position=record.position)
    tid = event.terminal_id
    if event.terminal_seq != chain.seq + 1:
        if event.terminal_seq > chain.seq + 1:
            missing = f"{chain.seq + 1}..{event.terminal_seq - 1}"
            found(
                Finding(
                    f"{described}: events {missing} of {_terminal(names, tid)} before it "
                    "are missing (removed from the log)",
                    tid,
                    event.terminal_seq,
                )
            )
        else:  # only where positions were rearranged; the sequence is unique
            found(Finding(f"{described}: out of order in the log", tid, event.terminal_seq))
    elif event.prev_hash != chain.hash:
        found(Finding(f"{described}: {UNLINKED}", tid, event.terminal_seq))
    if event.computed_hash() != event.hash:
        found(Finding(f"{described}: {EDITED}", tid, event.terminal_seq))
    chain.seq, chain.hash, chain.position = event.terminal_seq, event.hash, record.position


# -- end to end -----------------------------------------------------------------------


def verify_all(session: Session, *, limit: int = MAX_FINDINGS) -> AuditReport:
    """Check the whole database: every chain, every chain head, the heads verified at
    start (a terminal) and the heads terminals signed (a server). Every break is found,
    the first `limit` named."""
    names = terminal_names(session)
    findings = Findings(limit)
    chains: dict[str, _Chain] = {}
    count = 0
    stmt = select(EventRecord).order_by(EventRecord.terminal_id, EventRecord.terminal_seq)
    for record in session.scalars(stmt.execution_options(yield_per=1000)):
        count += 1
        _check_next(chains.setdefault(record.terminal_id, _Chain()), record, names, findings.add)
        session.expunge(record)  # a long log must not pile up in the session
    _check_heads(session, chains, names, findings)
    _check_verified(session, names, findings.add)
    signed = _check_signed(session, names, findings)
    return AuditReport(
        terminals=len(chains),
        events=count,
        signed_heads=signed,
        findings=findings.items,
        more=findings.more,
    )


def _check_heads(
    session: Session, chains: dict[str, _Chain], names: dict[str, str], findings: Findings
) -> None:
    heads = {h.terminal_id: h for h in session.scalars(select(ChainHead))}
    for tid, head in heads.items():
        chain = chains.get(tid, _Chain())
        who = _terminal(names, tid)
        if chain.seq < head.last_seq:
            findings.add(
                Finding(
                    f"{who}: the log ends at seq {chain.seq} but {head.last_seq} were "
                    "recorded; events at the end were removed",
                    tid,
                    chain.seq + 1,
                )
            )
        elif chain.seq > head.last_seq:
            findings.add(
                Finding(
                    f"{who}: the log goes on to seq {chain.seq} but only {head.last_seq} "
                    "were recorded; events were added at the end outside Takt",
                    tid,
                    head.last_seq + 1,
                )
            )
        elif chain.hash != head.last_hash:
            findings.add(
                Finding(
                    f"{who}: its last event (seq {chain.seq}) is not the one recorded as "
                    "the chain's head; it was replaced",
                    tid,
                    chain.seq,
                )
            )
    for tid in sorted(set(chains) - set(heads)):
        findings.add(
            Finding(
                f"{_terminal(names, tid)}: its events have no chain head; they were "
                "inserted into the log outside Takt",
                tid,
            )
        )


def _check_verified(
    session: Session, names: dict[str, str], found: Callable[[Finding], None]
) -> None:
    """Every chain must still hold, at the point it was verified, the hash verified there."""
    for head in session.scalars(select(VerifiedHead).order_by(VerifiedHead.terminal_id)):
        record = session.scalar(
            select(EventRecord).where(
                EventRecord.terminal_id == head.terminal_id,
                EventRecord.terminal_seq == head.last_seq,
            )
        )
        on = utc_text(head.verified_at)
        if record is None:
            found(
                Finding(
                    f"{_terminal(names, head.terminal_id)}: seq {head.last_seq} was verified "
                    f"on {on} but is no longer in the log",
                    head.terminal_id,
                    head.last_seq,
                )
            )
        elif record.hash != head.last_hash:
            found(
                Finding(
                    f"{describe(log.to_event(record), names, position=record.position)}: not the "
                    f"event verified there on {on}; the log up to it was rewritten",
                    head.terminal_id,
                    head.last_seq,
                )
            )


def _check_signed(session: Session, names: dict[str, str], findings: Findings) -> int:
    """A server's signed heads: each must name an event held with that hash, signed by the
    key registered for its terminal. None on a terminal's database."""
    keys = dict(session.execute(select(RegisteredTerminal.id, RegisteredTerminal.public_key)).all())
    rows = session.execute(
        select(
            SignedHead.terminal_id, SignedHead.seq, SignedHead.hash, SignedHead.signature
        ).order_by(SignedHead.terminal_id, SignedHead.seq)
    ).all()
    held = _hashes(session, [(r.terminal_id, r.seq) for r in rows])
    for row in rows:
        tid, seq = row.terminal_id, row.seq
        who = _terminal(names, tid)
        record = held.get((tid, seq))
        if record is None:
            findings.add(
                Finding(f"{who} seq {seq}: signed by the terminal but not in the log", tid, seq)
            )
        elif record.hash != row.hash:
            findings.add(
                Finding(
                    f"{describe(log.to_event(record), names, position=record.position)}: not the "
                    "event its terminal signed (the log up to it was rewritten)",
                    tid,
                    seq,
                )
            )
        key = keys.get(tid)
        if not key:
            findings.add(
                Finding(f"{who} seq {seq}: signed, but the terminal has no public key", tid, seq)
            )
        elif not verify_head(key, tid, seq, row.hash, row.signature):
            findings.add(
                Finding(
                    f"{who} seq {seq}: the signature of this chain head does not verify "
                    "(the signed head or the terminal's key was altered)",
                    tid,
                    seq,
                )
            )
    return len(rows)


def _hashes(
    session: Session, keys: Sequence[tuple[str, int]], chunk: int = 500
) -> dict[tuple[str, int], EventRecord]:
    """The events at these (terminal, seq), a chunk of keys per query."""
    found: dict[tuple[str, int], EventRecord] = {}
    for start in range(0, len(keys), chunk):
        part = keys[start : start + chunk]
        for record in session.scalars(
            select(EventRecord).where(
                tuple_(EventRecord.terminal_id, EventRecord.terminal_seq).in_(part)
            )
        ):
            found[(record.terminal_id, record.terminal_seq)] = record
    return found


# -- at a terminal's start: only what is new ------------------------------------------------


def verify_new(session: Session, own_terminal_id: str | None, now: datetime) -> Findings:
    """Check what was added since the last check, and move the verified heads on.

    Also checked again each time: the hashes the chains were verified up to (an edit
    further back, the chain recomputed after it) and this terminal's own events the
    server does not hold yet (an edit there would otherwise meet the server's refusal
    on every push). The verified heads move only when nothing was found.
    """
    names = terminal_names(session)
    findings = Findings(limit=10)
    _check_verified(session, names, findings.add)
    heads = {h.terminal_id: h for h in session.scalars(select(VerifiedHead))}
    start = max((h.position for h in heads.values()), default=0)
    chains = {tid: _Chain(h.last_seq, h.last_hash, h.position) for tid, h in heads.items()}
    moved: set[str] = set()
    stmt = select(EventRecord).where(EventRecord.position > start).order_by(EventRecord.position)
    for record in session.scalars(stmt.execution_options(yield_per=1000)):
        _check_next(chains.setdefault(record.terminal_id, _Chain()), record, names, findings.add)
        moved.add(record.terminal_id)
    if own_terminal_id is not None:
        _check_unsent(session, own_terminal_id, start, names, findings.add)
    if findings:
        return findings
    for tid in moved:
        chain = chains[tid]
        head = heads.get(tid)
        if head is None:
            session.add(
                VerifiedHead(
                    terminal_id=tid,
                    last_seq=chain.seq,
                    last_hash=chain.hash,
                    position=chain.position,
                    verified_at=now,
                )
            )
        else:
            head.last_seq, head.last_hash, head.position = chain.seq, chain.hash, chain.position
            head.verified_at = now
    return findings


def _check_unsent(
    session: Session,
    terminal_id: str,
    before: int,
    names: dict[str, str],
    found: Callable[[Finding], None],
) -> None:
    """Own events the server does not hold yet that an earlier check passed (at or
    before position `before`; later ones are being checked anyway)."""
    sync = session.get(SyncState, 1)
    if sync is None:
        return
    acked = sync.acked_seq
    prev = (
        session.scalar(
            select(EventRecord.hash).where(
                EventRecord.terminal_id == terminal_id, EventRecord.terminal_seq == acked
            )
        )
        if acked
        else GENESIS_HASH
    )
    if prev is None:
        return  # the server holds more than this database (restored from a backup)
    chain = _Chain(acked, prev)
    stmt = (
        select(EventRecord)
        .where(
            EventRecord.terminal_id == terminal_id,
            EventRecord.terminal_seq > acked,
            EventRecord.position <= before,
        )
        .order_by(EventRecord.terminal_seq)
    )
    for record in session.scalars(stmt):
        _check_next(chain, record, names, found)


def mark_verified_up_to(session: Session, terminal_id: str, seq: int, now: datetime) -> None:
    """A chain was cut back to `seq` (a copied database set its own events aside): the
    verified head moves back with it, so what comes after is checked again."""
    head = session.get(VerifiedHead, terminal_id)
    if head is None or head.last_seq <= seq:
        return
    if seq == 0:
        session.delete(head)
        return
    record = session.scalar(
        select(EventRecord).where(
            EventRecord.terminal_id == terminal_id, EventRecord.terminal_seq == seq
        )
    )
    if record is None:
        session.delete(head)
        return
    head.last_seq, head.last_hash, head.position = seq, record.hash, record.position
    head.verified_at = now


def check_at_start(session: Session, terminal_id: str, now: datetime, where: Path) -> None:
    """Verify what is new in the log; raise TamperedLog naming the first break."""
    findings = verify_new(session, terminal_id, now)
    if not findings:
        return
    for finding in findings.items:
        _log.error("%s: %s", where, finding)
    raise TamperedLog(
        where,
        tr("its event log was changed outside Takt: {findings}", findings=findings.summary()),
        tr(
            "Takt neither syncs nor records anything on it. Keep the file as it is for whoever "
            "investigates (`takt verify --database {path}` lists every finding), then move it "
            "aside and start Takt again: a fresh database syncs from the server (changes this "
            "terminal had not sent yet are only in the kept file)",
            path=str(where),
        ),
    )


# -- a page from the server, before any of it is applied ----------------------------------


@dataclass(frozen=True)
class PageEvent:
    event: Event
    server_seq: int


def check_page(session: Session, own_terminal_id: str, page: Iterable[PageEvent]) -> None:
    """Refuse a page with an event whose hash is not its content's, that does not continue
    its terminal's chain as this terminal holds it, or that contradicts an event held here.

    Raises PageFork when the contradiction is one of this terminal's own sequence numbers
    (this database is a copy of the terminal that sent it), BadPage otherwise.
    """
    items = list(page)
    if not items:
        return
    names: dict[str, str] | None = None

    def refuse(item: PageEvent, problem: str, kind: type[BadPage] = BadPage) -> BadPage:
        nonlocal names
        names = names if names is not None else terminal_names(session)
        described = describe(item.event, names, server_seq=item.server_seq)
        return kind(f"{described}: {problem}")

    held = {
        r.id: r
        for r in session.execute(
            select(
                EventRecord.id, EventRecord.terminal_id, EventRecord.terminal_seq, EventRecord.hash
            ).where(EventRecord.id.in_([i.event.id for i in items]))
        )
    }
    chains = {
        h.terminal_id: _Chain(h.last_seq, h.last_hash)
        for h in session.scalars(
            select(ChainHead).where(ChainHead.terminal_id.in_({i.event.terminal_id for i in items}))
        )
    }
    for item in items:
        event = item.event
        if event.computed_hash() != event.hash:
            raise refuse(
                item, "its content does not match its hash (changed after it was recorded)"
            )
        known = held.get(event.id)
        if known is not None:
            if (known.terminal_id, known.terminal_seq, known.hash) != (
                event.terminal_id,
                event.terminal_seq,
                event.hash,
            ):
                raise refuse(item, "differs from the same event as this terminal holds it")
            continue
        chain = chains.setdefault(event.terminal_id, _Chain())
        if event.terminal_seq <= chain.seq:
            if event.terminal_id == own_terminal_id:
                raise PageFork(event.terminal_id, event.terminal_seq)
            raise refuse(
                item,
                f"this terminal holds another event at that terminal's seq {event.terminal_seq}",
                PageContradicts,
            )
        if event.terminal_seq > chain.seq + 1:
            raise refuse(
                item,
                f"events {chain.seq + 1}..{event.terminal_seq - 1} of its terminal are missing "
                "before it",
            )
        if event.prev_hash != chain.hash:
            raise refuse(
                item, "does not follow the previous event of its terminal", PageContradicts
            )
        chain.seq, chain.hash = event.terminal_seq, event.hash
