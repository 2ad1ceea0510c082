"""A pushed batch applied in one go builds the same rows as the terminal's commands did.

The server applies a batch's events one after another in one session and flushes once,
at the end, so an exception raised, acknowledged, resolved and reopened in the same
batch is still a new row in the session when its later events find it. The raise
reducer builds that row and its tasks without the mapped constructor
(app.projections.registry.new_row, the tasks as the collection's loaded value): its
later events must see the tasks, and the rows stored must be the terminal's. The
exceptions and tasks still new at the end of the batch are inserted one statement a
table (app.model.bulk.insert_added), as COPY on PostgreSQL, as are the events: on
SQLite and on PostgreSQL the tables are what a replay of the log builds.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select

from app.clock import FixedClock
from app.demo.generator import PlantData
from app.demo.seed import seed_plant
from app.events import log, replay, servertime
from app.events.envelope import Event
from app.model import EventRecord, ShopException, Task
from app.model.types import ExceptionKind, TaskStatus
from app.projections import registry
from app.projections.exceptions import CLOSED_WITH_EXCEPTION
from app.services.exceptions import ExceptionService, NewException
from app.store import Store, open_store, open_store_url
from sync.client.engine import SyncEngine
from sync.protocol import Cursor, PushRequest, PushResponse, WireEvent
from sync.server import feed
from sync.server.app import prepare
from sync.server.ingest import apply_batch, receive
from tests.conftest import NOW
from tests.perf.harness import log_in
from tests.sync.direct import DirectTransport

SUPERVISOR, OPERATOR = "902", "901"
DOWNTIME = NewException(
    kind=ExceptionKind.MACHINE_DOWNTIME,
    summary="Spindle alarm",
    work_center="WC-001",
    details={"reason_code": "mechanical/bearing"},
)


def tasks_of(store: Store, exception_id: str) -> list[tuple[object, ...]]:
    with store.read() as session:
        return [
            (t.id, t.function, t.status, t.done_by, t.note)
            for t in session.scalars(
                select(Task).where(Task.exception_id == exception_id).order_by(Task.id)
            )
        ]


@pytest.fixture(params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path: Path, server_template: Path, small_plant: PlantData
) -> Iterator[Store]:
    """The server's database holding the small plant, on SQLite and on PostgreSQL."""
    clock = FixedClock(NOW)
    if request.param == "sqlite":
        shutil.copy(server_template, tmp_path / "server.sqlite3")
        store = open_store(tmp_path / "server.sqlite3", clock=clock)
        prepare(store)
    else:
        store = open_store_url(request.getfixturevalue("pg_url"), terminal_name="server")
        prepare(store)
        seed_plant(store, small_plant, clock)
    try:
        yield store
    finally:
        store.close()


def test_a_batch_that_raises_and_settles_exceptions_stores_the_terminals_rows(
    tmp_path: Path, server: Store
) -> None:
    clock = FixedClock(NOW)
    terminal = open_store(tmp_path / "kiosk.sqlite3", terminal_name="kiosk", clock=clock)
    transport = DirectTransport(server, terminal.terminal_id, clock)
    engine = SyncEngine(terminal, transport, clock=clock)  # type: ignore[arg-type]
    try:
        engine.sync_once()
        # Offline from here: everything below reaches the server as one batch.
        log_in(terminal, clock, OPERATOR, SUPERVISOR)
        service = ExceptionService(terminal, clock)
        settled = service.raise_exception(OPERATOR, DOWNTIME)
        clock.advance(timedelta(minutes=3))
        service.acknowledge(SUPERVISOR, settled)
        service.resolve(SUPERVISOR, settled, decision="bearing swapped", root_cause="machine")
        reopened = service.raise_exception(OPERATOR, DOWNTIME)
        service.resolve(SUPERVISOR, reopened, decision="reset", root_cause="machine")
        service.reopen(SUPERVISOR, reopened, reason="came back")
        still_open = service.raise_exception(OPERATOR, DOWNTIME)
        with terminal.read() as session:
            own = [e for e in log.read_all(session) if e.terminal_id == terminal.terminal_id]
        assert len(own) <= 100  # one push

        engine.sync_once()
        with server.read() as session:
            outcomes = set(
                session.scalars(
                    select(EventRecord.outcome).where(
                        EventRecord.terminal_id == terminal.terminal_id
                    )
                )
            )
            assert outcomes == {"applied"}
            held = {e.id for e in session.scalars(select(ShopException))}
        assert {settled, reopened, still_open} <= held
        # The tasks closed with the exception in the same batch as their raise.
        assert tasks_of(server, settled)
        assert {(s, n) for _, _, s, _, n in tasks_of(server, settled)} == {
            (TaskStatus.CANCELLED, CLOSED_WITH_EXCEPTION)
        }
        assert all(s is TaskStatus.OPEN for _, _, s, _, _ in tasks_of(server, reopened))
        assert all(s is TaskStatus.OPEN for _, _, s, _, _ in tasks_of(server, still_open))
        for exception_id in (settled, reopened, still_open):
            assert tasks_of(server, exception_id) == tasks_of(terminal, exception_id)
        # Every projection as the terminal has it, and as a replay of the log builds it.
        with server.read() as session:
            expected = replay.snapshot(session)
        with terminal.read() as session:
            assert replay.snapshot(session) == expected
        with server.write() as session:
            replay.rebuild(session)
        with server.read() as session:
            assert replay.snapshot(session) == expected
    finally:
        terminal.close()


def test_a_batch_of_raised_exceptions_goes_in_a_statement_a_table(
    tmp_path: Path, server: Store
) -> None:
    """What kiosks push most: exceptions raised and acknowledged. The events, the
    exceptions and their tasks reach the server's tables in one statement each (COPY on
    PostgreSQL), with the rows the terminal's commands built."""
    clock = FixedClock(NOW)
    terminal = open_store(tmp_path / "kiosk.sqlite3", terminal_name="kiosk", clock=clock)
    transport = DirectTransport(server, terminal.terminal_id, clock)
    engine = SyncEngine(terminal, transport, clock=clock)  # type: ignore[arg-type]
    statements: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    try:
        engine.sync_once()
        log_in(terminal, clock, OPERATOR, SUPERVISOR)
        service = ExceptionService(terminal, clock)
        raised = []
        for n in range(30):
            raised.append(service.raise_exception(OPERATOR, DOWNTIME))
            if n % 3:
                service.acknowledge(SUPERVISOR, raised[-1])
        sa_event.listen(server.engine, "before_cursor_execute", note)
        engine.sync_once()
        sa_event.remove(server.engine, "before_cursor_execute", note)

        for table in ("events", "exceptions", "tasks"):
            inserts = [s for s in statements if s.startswith(f"INSERT INTO {table} ")]
            assert len(inserts) == 1, table
        with server.read() as session:
            assert set(session.scalars(select(EventRecord.outcome))) == {"applied"}
            assert set(session.scalars(select(ShopException.id))) >= set(raised)
            expected = replay.snapshot(session)
        for exception_id in raised:
            assert tasks_of(server, exception_id) == tasks_of(terminal, exception_id)
        with terminal.read() as session:
            assert replay.snapshot(session) == expected
        with server.write() as session:
            replay.rebuild(session)
        with server.read() as session:
            assert replay.snapshot(session) == expected
    finally:
        terminal.close()


class CarefulTransport(DirectTransport):
    """Pushes as the server's route takes a batch: run again carefully, one savepoint an
    event, when it fails as a whole."""

    def push(
        self, cursor: Cursor, events: list[Event], *, clock_offset_s: float | None = None
    ) -> PushResponse:
        request = PushRequest(cursor=cursor, events=[WireEvent.of(e) for e in events])

        def take(careful: bool) -> PushResponse:
            with self.server.write() as session:
                servertime.mark_received(session, self.terminal_id, self.now(), None)
                feed.check_cursor(session, request.cursor)
                return apply_batch(session, self.terminal_id, request, careful=careful)

        return receive(take)


def test_an_exception_the_database_refuses_is_rejected_alone(
    tmp_path: Path, server: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The exceptions of a batch go in one statement at its end; when the database refuses
    one of them, the batch is judged again event by event: that raise is rejected with the
    database's words, every other one is applied with its tasks."""
    clock = FixedClock(NOW)
    terminal = open_store(tmp_path / "kiosk.sqlite3", terminal_name="kiosk", clock=clock)
    transport = CarefulTransport(server, terminal.terminal_id, clock)
    engine = SyncEngine(terminal, transport, clock=clock)  # type: ignore[arg-type]
    try:
        engine.sync_once()
        log_in(terminal, clock, OPERATOR, SUPERVISOR)
        service = ExceptionService(terminal, clock)
        broken = dataclasses.replace(DOWNTIME, summary="BROKEN")
        raised = [service.raise_exception(OPERATOR, DOWNTIME) for _ in range(12)]
        refused = service.raise_exception(OPERATOR, broken)
        raised += [service.raise_exception(OPERATOR, DOWNTIME) for _ in range(12)]
        original = registry._REDUCERS["exception.raised"]

        def names_no_machine(session: Any, p: Any, event: Any) -> None:
            original(session, p, event)
            if p.summary == "BROKEN":  # a foreign key no check foresaw
                exc = registry.find(session, ShopException, p.exception_id)
                assert exc is not None
                exc.work_center_code = "NO-SUCH-MACHINE"

        monkeypatch.setitem(registry._REDUCERS, "exception.raised", names_no_machine)
        with caplog.at_level(logging.WARNING, logger="sync.server.ingest"):
            engine.sync_once()
        assert "judging its events one by one" in caplog.text

        with server.read() as session:
            verdicts = dict(
                session.execute(
                    select(EventRecord.outcome, EventRecord.reason).where(
                        EventRecord.terminal_id == terminal.terminal_id,
                        EventRecord.outcome != "applied",
                    )
                ).all()
            )
            held = set(session.scalars(select(ShopException.id)))
        assert list(verdicts) == ["rejected"]
        reason = verdicts["rejected"]
        assert reason is not None
        assert reason.startswith("the server could not apply it: ")
        assert refused not in held
        assert set(raised) <= held
        for exception_id in raised:
            assert tasks_of(server, exception_id) == tasks_of(terminal, exception_id)
    finally:
        terminal.close()
