"""A pushed batch applied in one go builds the same rows as the terminal's commands did.

The server applies a batch's events one after another in one session and flushes once,
at the end, so an exception raised, acknowledged, resolved and reopened in the same
batch is still a new row in the session when its later events find it. The raise
reducer builds that row and its tasks without the mapped constructor
(app.projections.registry.new_row, the tasks as the collection's loaded value): its
later events must see the tasks, and the rows stored must be the terminal's.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from app.clock import FixedClock
from app.events import log, replay
from app.model import EventRecord, ShopException, Task
from app.model.types import ExceptionKind, TaskStatus
from app.projections.exceptions import CLOSED_WITH_EXCEPTION
from app.services.exceptions import ExceptionService, NewException
from app.store import Store, open_store
from sync.client.engine import SyncEngine
from sync.server.app import prepare
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


def test_a_batch_that_raises_and_settles_exceptions_stores_the_terminals_rows(
    tmp_path: Path, server_template: Path
) -> None:
    clock = FixedClock(NOW)
    shutil.copy(server_template, tmp_path / "server.sqlite3")
    server = open_store(tmp_path / "server.sqlite3", clock=clock)
    prepare(server)
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
        server.close()
