"""Checking the log: every break named (`takt verify`), and only what is new at a start."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from app.clock import FixedClock
from app.events import audit, log
from app.events.audit import TamperedLog
from app.events.payloads import ItemDefined
from app.events.signing import new_private_key, public_key_text, sign_head
from app.model import Base, ChainHead, EventRecord, VerifiedHead
from app.model.types import ItemClass
from app.services.plant import ReferenceDataService
from app.store import Store, open_store
from tests.conftest import NOW

STAMP = "item.defined at 2026-11-23 08:00 UTC"


def _items(store: Store, first: int, n: int) -> None:
    ReferenceDataService(store, FixedClock(NOW)).load(
        ItemDefined(code=f"I-{i}", name=f"Item {i}", item_class=ItemClass.RAW)
        for i in range(first, first + n)
    )


def _terminal(tmp_path: Path, clock: FixedClock, n: int) -> Path:
    """A terminal database (kiosk-3) with `n` events, closed."""
    path = tmp_path / "kiosk.sqlite3"
    store = open_store(path, terminal_name="kiosk-3", clock=clock)
    _items(store, 0, n)
    store.close()
    return path


def _sql(path: Path, statement: str, *args: object) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(statement, args)


def _rewrite_from(store: Store, seq: int) -> None:
    """Edit the event at `seq` and recompute the chain after it, heads included: what
    someone who knows the (keyless) hash would do to hide an edit."""
    with store.write() as session:
        records = list(
            session.scalars(
                select(EventRecord)
                .where(EventRecord.terminal_seq >= seq)
                .order_by(EventRecord.terminal_seq)
            )
        )
        records[0].actor = "intruder"
        prev = records[0].prev_hash
        for record in records:
            record.prev_hash = prev
            record.hash = prev = log.to_event(record).computed_hash()
        session.execute(update(ChainHead).values(last_hash=prev))


def _audit(path: Path) -> audit.AuditReport:
    store = open_store(path, verify_log=False)
    try:
        with store.read() as session:
            return audit.verify_all(session)
    finally:
        store.close()


def test_verify_all_finds_a_sound_log_sound(tmp_path: Path, clock: FixedClock) -> None:
    report = _audit(_terminal(tmp_path, clock, 6))
    assert report.sound
    assert (report.events, report.terminals, report.signed_heads) == (6, 1, 0)


def test_verify_all_names_every_break_not_only_the_first(tmp_path: Path, clock: FixedClock) -> None:
    path = _terminal(tmp_path, clock, 10)
    _sql(path, "UPDATE events SET actor = 'intruder' WHERE terminal_seq = 3")
    _sql(
        path, "UPDATE events SET payload = json_set(payload, '$.name', 'X') WHERE terminal_seq = 7"
    )
    _sql(path, "DELETE FROM events WHERE terminal_seq = 9")
    report = _audit(path)
    assert [str(f) for f in report.findings] == [
        f"event 3 (terminal kiosk-3 seq 3, {STAMP}): content was changed after it was recorded",
        f"event 7 (terminal kiosk-3 seq 7, {STAMP}): content was changed after it was recorded",
        f"event 10 (terminal kiosk-3 seq 10, {STAMP}): events 9..9 of terminal kiosk-3 "
        f"({report.findings[2].terminal_id}) before it are missing (removed from the log)",
    ]
    assert [(f.seq) for f in report.findings] == [3, 7, 10]


def test_verify_all_lists_a_bounded_number_and_counts_the_rest(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = _terminal(tmp_path, clock, 12)
    _sql(path, "UPDATE events SET actor = 'intruder'")
    store = open_store(path, verify_log=False)
    with store.read() as session:
        report = audit.verify_all(session, limit=5)
    store.close()
    assert len(report.findings) == 5
    assert report.more == 7


def test_a_start_checks_what_is_new_and_names_an_edited_event(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = _terminal(tmp_path, clock, 4)  # recorded after the check at its first start
    _sql(path, "UPDATE events SET actor = 'intruder' WHERE terminal_seq = 2")
    with pytest.raises(TamperedLog) as found:
        open_store(path, clock=clock)
    problem = found.value.problem
    assert problem == (
        "its event log was changed outside Takt: event 2 (terminal kiosk-3 seq 2, "
        f"{STAMP}): content was changed after it was recorded"
    )
    assert f"takt verify --database {path}" in found.value.remedy
    with sqlite3.connect(path) as conn:  # nothing was marked verified
        assert conn.execute("SELECT count(*) FROM verified_heads").fetchone() == (0,)


def test_a_start_moves_the_verified_head_and_then_reads_only_what_follows(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = _terminal(tmp_path, clock, 4)
    store = open_store(path, clock=clock)  # checks seq 1..4
    with store.read() as session:
        head = session.scalars(select(VerifiedHead)).one()
        assert (head.last_seq, head.position) == (4, 4)
    _items(store, 10, 2)
    store.close()
    # An edit to an event an earlier start verified is left to `takt verify` (a start
    # reads only what is new)...
    _sql(path, "UPDATE events SET actor = 'intruder' WHERE terminal_seq = 1")
    open_store(path, clock=clock).close()
    assert [f.seq for f in _audit(path).findings] == [1]
    # ...but the chain recomputed over an edit shows at the next start: the head verified
    # there has another hash now.
    store = open_store(path, clock=clock, verify_log=False)
    _rewrite_from(store, 3)
    store.close()
    with pytest.raises(TamperedLog, match=r"event 6 \(terminal kiosk-3 seq 6, item.defined"):
        open_store(path, clock=clock)
    findings = [str(f) for f in _audit(path).findings]
    assert any("not the event verified there" in f for f in findings)


def test_signed_heads_are_checked_where_the_database_has_them(store: Store) -> None:
    _items(store, 0, 5)
    key = new_private_key()
    tables = Base.metadata.tables
    with store.write() as session:
        digest = session.scalar(select(EventRecord.hash).where(EventRecord.terminal_seq == 5))
        assert digest is not None
        session.execute(
            insert(tables["terminals"]).values(
                id=store.terminal_id,
                name="kiosk-3",
                token_hash="0" * 64,
                registered_at=NOW,
                public_key=public_key_text(key),
            )
        )
        session.execute(
            insert(tables["signed_heads"]).values(
                terminal_id=store.terminal_id,
                seq=5,
                hash=digest,
                signature=sign_head(key, store.terminal_id, 5, digest),
                received_at=NOW,
            )
        )
    with store.read() as session:
        report = audit.verify_all(session)
    assert report.sound
    assert report.signed_heads == 1

    _rewrite_from(store, 2)  # the chain is whole again, but not what the terminal signed
    with store.read() as session:
        findings = [str(f) for f in audit.verify_all(session).findings]
    assert findings == [
        f"event 5 (terminal kiosk-3 seq 5, {STAMP}): not the event its terminal signed "
        "(the log up to it was rewritten)"
    ]
    with store.write() as session:
        session.execute(update(tables["signed_heads"]).values(hash="f" * 64))
    with store.read() as session:
        findings = [str(f) for f in audit.verify_all(session).findings]
    assert any("signature of this chain head does not verify" in f for f in findings)
