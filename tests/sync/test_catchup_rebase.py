"""A terminal back with a backlog, after another terminal's event got ahead of it (issue 13).

The server orders the other terminal's event first, so the backlog, applied on top here,
is taken back and applied again after it. The pages that place the backlog are read
along with the one that takes it back, and each own event is applied once, at its place,
with the server's verdict and receipt: not again on top (a savepoint and an undo record
each) and then confirmed pages later. Whatever way it went, the terminal ends with the
server's tables, and with those its own log gives when replayed.

The backlog holds what makes the server's answer differ from the terminal's: a
resolution another terminal made first (here "applied", on the server "rejected"), and
exceptions raised with a clock an hour ahead that had never been measured (here timed by
the terminal's own guess, on the server by its receipt).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.events import replay, replica, undo
from app.events.undo import last_per_row
from app.model import EventRecord, SetupFamily, SyncState
from app.store import Store, open_store
from sync.client import engine as engine_module
from sync.server import app as server_app
from tests.sync.plant import Plant, Terminal
from tests.sync.test_clock_skew import SkewedClock
from tests.sync.test_sync_protocol import OPERATOR, SUPERVISOR, downtime

HOUR = timedelta(hours=1)


@pytest.fixture
def speculative(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Own events applied again on top of the server's order (ids, in order)."""
    applied: list[str] = []
    original = replica._apply_speculative

    def counted(session: object, record: EventRecord) -> None:
        applied.append(record.id)
        original(session, record)  # type: ignore[arg-type]

    monkeypatch.setattr(replica, "_apply_speculative", counted)
    return applied


def behind(plant: Plant) -> tuple[Terminal, Terminal, list[str]]:
    """A desk and a kiosk (its clock an hour ahead, never measured) that both hold an
    open exception; the kiosk, offline, resolves it and raises and acknowledges more; the
    desk resolves it first and the server has that. Returns the kiosk's own events the
    server's answer differs on: its resolution, its raised exceptions."""
    desk = plant.terminal("desk")
    kiosk = plant.terminal("kiosk", clock=SkewedClock(plant.clock, HOUR))
    shared = desk.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    desk.engine.sync_once()
    kiosk.engine.sync_once()
    with kiosk.store.write() as session:
        state = session.get(SyncState, 1)
        assert state is not None
        state.clock_offset_s = None  # its deadlines are its own guess until the receipt
    kiosk.exceptions.resolve(SUPERVISOR, shared, decision="reset", root_cause="machine")
    for _ in range(6):
        raised = kiosk.exceptions.raise_exception(OPERATOR, downtime())
        kiosk.exceptions.acknowledge(SUPERVISOR, raised)
    desk.exceptions.resolve(SUPERVISOR, shared, decision="replaced", root_cause="machine")
    desk.engine.push_pending()  # ordered before the kiosk's backlog
    kiosk.engine.push_pending()
    with kiosk.store.read() as session:
        differing = list(
            session.scalars(
                select(EventRecord.id)
                .where(
                    EventRecord.terminal_id == kiosk.store.terminal_id,
                    EventRecord.kind.in_(["exception.resolved", "exception.raised"]),
                    EventRecord.server_seq.is_not(None),
                    EventRecord.outcome == "applied",
                )
                .order_by(EventRecord.terminal_seq)
            )
        )
    return desk, kiosk, differing


def verdicts(store: Store, terminal_id: str) -> list[tuple[str, str, int | None]]:
    with store.read() as session:
        rows = session.execute(
            select(EventRecord.id, EventRecord.outcome, EventRecord.server_seq)
            .where(EventRecord.terminal_id == terminal_id)
            .order_by(EventRecord.terminal_seq)
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def check_converged(plant: Plant, kiosk: Terminal) -> None:
    """The kiosk holds the server's tables and verdicts, and replaying its log gives them."""
    assert kiosk.engine.waiting() == 0
    assert plant.server_store is not None
    assert verdicts(kiosk.store, kiosk.store.terminal_id) == verdicts(
        plant.server_store, kiosk.store.terminal_id
    )
    expected = plant.server_snapshot()
    assert kiosk.snapshot() == expected
    with kiosk.store.write() as session:
        replay.rebuild(session)
    assert kiosk.snapshot() == expected


def test_a_backlog_taken_back_is_applied_once_at_its_place_with_the_servers_answer(
    plant: Plant, speculative: list[str]
) -> None:
    _, kiosk, differing = behind(plant)
    with kiosk.store.read() as session:
        own = len(replica.speculative(session, kiosk.store.terminal_id, 0))
    kiosk.engine.pull_pending(limit=3)  # the desk's resolution first, the backlog after
    assert speculative == []  # none applied on top: every one at its place
    assert own > 3 * 3  # several pages of it
    check_converged(plant, kiosk)
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        outcome = session.scalar(select(EventRecord.outcome).where(EventRecord.id == differing[0]))
    assert outcome == "rejected"  # the server's answer, not the kiosk's "applied"


def test_own_events_past_the_window_go_on_top_and_are_taken_back_again_when_placed(
    plant: Plant, speculative: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backlog longer than a rebase reads ahead: the rest is applied on top as before,
    and the later pages, whose receipts differ from the kiosk's guess, take it back."""
    monkeypatch.setattr(engine_module, "REBASE_WINDOW", 4)
    _, kiosk, differing = behind(plant)
    kiosk.engine.pull_pending(limit=2)
    later = [event for event in differing if event in speculative]
    assert later  # raised exceptions past the window: on top first, placed after
    check_converged(plant, kiosk)


def test_the_live_stream_reads_the_pages_that_place_a_backlog_with_the_first(
    plant: Plant, speculative: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_app, "PAGE_LIMIT", 3)
    _, kiosk, _ = behind(plant)
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        head = max(session.scalars(select(EventRecord.server_seq)), key=lambda s: s or 0)
    assert head is not None
    kiosk.engine.start()
    deadline = time.monotonic() + 60
    while kiosk.engine.cursor().seq < head:
        assert time.monotonic() < deadline, kiosk.engine.status
        time.sleep(0.02)
    kiosk.engine.stop()
    assert speculative == []
    check_converged(plant, kiosk)


# -- the rewind's shorter way, and the whole way when a constraint refuses it ----------


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "undo.sqlite3", terminal_name="undo")  # its undo triggers
    try:
        yield store
    finally:
        store.close()


def families(store: Store) -> list[tuple[str, str]]:
    with store.read() as session:
        rows = session.execute(
            select(SetupFamily.code, SetupFamily.name).order_by(SetupFamily.code)
        ).all()
    return [(code, name) for code, name in rows]


def test_a_rewind_that_would_hand_a_key_back_too_early_takes_the_whole_way(
    terminal: Store,
) -> None:
    """Taken back row by row (each row's oldest change only), "K" would go back to the
    family that had it while the other still holds it: the whole way is taken instead."""
    with terminal.write() as session:
        session.add(SetupFamily(code="K", name="kept"))
    before = families(terminal)
    with terminal.write() as session:
        steps = [
            "INSERT INTO setup_families(code, name) VALUES ('Z', 'new')",
            "UPDATE setup_families SET code = 'Y' WHERE code = 'K'",
            "UPDATE setup_families SET code = 'K' WHERE code = 'Z'",
            "UPDATE setup_families SET name = 'renamed' WHERE code = 'K'",
        ]
        for position, statement in enumerate(steps, start=1):
            with undo.capturing(session, position):
                session.execute(text(statement))
    assert families(terminal) == [("K", "renamed"), ("Y", "kept")]
    with terminal.write() as session:
        undo.rewind(session, range(1, len(steps) + 1))
    assert families(terminal) == before


def test_a_rewind_runs_each_rows_oldest_change_only() -> None:
    run = [  # newest change first, as a rewind runs them
        'UPDATE "exceptions" SET "status"=\'raised\' WHERE rowid=7',
        'DELETE FROM "tasks" WHERE rowid=3',
        'DELETE FROM "exceptions" WHERE rowid=7',
        'INSERT INTO "tasks"(rowid,"id") VALUES(2,\'t\')',
    ]
    assert last_per_row(run) == run[1:]
    assert last_per_row([*run, "DELETE FROM exceptions"]) is None  # unknown: run them all
