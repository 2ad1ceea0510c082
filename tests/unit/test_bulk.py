"""Bulk inserts (app.model.bulk): COPY stores what the INSERT would, and new rows inserted
outside the unit of work are the rows its flush would have inserted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
from sqlalchemy import Table, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.postgresql import psycopg
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.model import EventRecord, ShopException, Task, User, bulk
from app.model.types import Channel, ExceptionKind, ExceptionStatus, Role, Severity, TaskStatus
from app.projections.registry import new_row
from app.store import Store

AT = datetime(2026, 11, 23, 8, tzinfo=UTC)
EVENTS = cast(Table, EventRecord.__table__)
EXCEPTIONS = cast(Table, ShopException.__table__)
TASKS = cast(Table, Task.__table__)


def rendered(statement: Any) -> str:
    """The statement as SQLAlchemy sends it to psycopg for an executemany."""
    table = statement.table
    keys = [c.key for c in table.columns if c.key != "position"]
    compiled = statement.compile(dialect=psycopg.dialect(), column_keys=keys, for_executemany=True)
    return str(compiled)


def test_the_plan_copies_each_column_from_its_parameter() -> None:
    found = bulk.plan(rendered(insert(TASKS)))
    assert found is not None
    command, names = found
    columns = [c.key for c in TASKS.columns]
    assert command == f"COPY tasks ({', '.join(columns)}) FROM STDIN"
    assert list(names) == columns


@pytest.mark.parametrize(
    "statement",
    [
        insert(TASKS).returning(TASKS.c.id),
        pg_insert(TASKS).on_conflict_do_nothing(),
        insert(TASKS).values(note=TASKS.c.action + "!"),
    ],
    ids=["returning", "on conflict", "an expression"],
)
def test_an_insert_copy_cannot_do_runs_as_it_is(statement: Any) -> None:
    assert bulk.plan(rendered(statement)) is None


def tricky_events(count: int) -> list[dict[str, Any]]:
    """Rows whose text COPY must escape: tabs, newlines, backslashes, quotes, NULLs."""
    return [
        {
            "id": f"00000000-0000-0000-0000-{n:012d}",
            "terminal_id": "t-1",
            "terminal_seq": n + 1,
            "kind": "note.added",
            "payload": {
                "text": f'line\n\ttab \\ back "quoted" \\N {n}',
                "nested": {"list": [1, 2.5, None, True], "ünïcode": "Größe ✓"},
            },
            "actor": "901",
            "occurred_at": AT + timedelta(seconds=n),
            "prev_hash": "0" * 64,
            "hash": f"{n:064d}",
            "server_seq": None if n % 2 else n + 1,
            "outcome": "applied",
            "reason": None if n % 3 else "why\\not\r\n",
            "received_at": AT,
            "clock_offset_s": -0.25 * n,
        }
        for n in range(count)
    ]


def stored_events(session: Session) -> list[tuple[Any, ...]]:
    columns = [c for c in EVENTS.columns if c.key != "position"]
    return [tuple(r) for r in session.execute(select(*columns).order_by(EventRecord.id))]


def test_copy_stores_what_the_insert_would(any_store: Store) -> None:
    rows = tricky_events(bulk.MIN_ROWS + 5)
    with any_store.write() as session:
        bulk.copy_inserts(session.connection())
        session.execute(insert(EVENTS), rows)
    with any_store.read() as session:
        copied = stored_events(session)
    with any_store.write() as session:
        session.execute(EVENTS.delete())
        session.execute(insert(EVENTS), rows)
    with any_store.read() as session:
        assert stored_events(session) == copied
    assert len(copied) == len(rows)
    if any_store.engine.dialect.name == "postgresql":
        statement = rendered(insert(EVENTS))
        assert bulk.plan(statement) is not None


def raised(exception_id: str, tasks: int = 2) -> ShopException:
    """A new exception and its tasks, built as the raise reducer builds them."""
    exc = new_row(
        ShopException,
        id=exception_id,
        kind=ExceptionKind.MACHINE_DOWNTIME,
        status=ExceptionStatus.RAISED,
        severity=Severity.HIGH,
        channel=Channel.KIOSK,
        summary="Spindle alarm",
        note=None,
        work_center_code=None,
        work_order_number=None,
        operation_id=None,
        item_code=None,
        lot_no=None,
        quantity=None,
        details={"reason_code": "mechanical/bearing"},
        raised_by="901",
        raised_at=AT,
        owner_role=Role.MAINTENANCE,
        owner_user_id=None,
        rule="downtime",
        ack_due=AT + timedelta(minutes=5),
        resolve_due=AT + timedelta(hours=1),
        ladder={"tiers": []},
        reassignments=0,
        reopened=0,
        escalation_tier=0,
    )
    set_committed_value(
        exc,
        "tasks",
        [
            new_row(
                Task,
                id=f"{exception_id}-task-{n}",
                exception_id=exception_id,
                function=Role.MAINTENANCE,
                action="Repair",
                status=TaskStatus.OPEN,
                created_at=AT,
                due_at=None,
            )
            for n in range(tasks)
        ],
    )
    return exc


def rows_of(session: Session) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    exceptions = session.execute(select(*EXCEPTIONS.columns).order_by("id"))
    tasks = session.execute(select(*TASKS.columns).order_by("id"))
    return [tuple(r) for r in exceptions], [tuple(r) for r in tasks]


def test_new_exceptions_and_tasks_are_the_rows_the_flush_inserts(any_store: Store) -> None:
    with any_store.write() as session:
        for n in range(12):
            exc = raised(f"exc-{n:02d}")
            session.add(exc)
            exc.status = ExceptionStatus.ACKNOWLEDGED  # changed after it was added
            exc.tasks[0].status = TaskStatus.ACKNOWLEDGED
    with any_store.read() as session:
        flushed = rows_of(session)
    with any_store.write() as session:
        session.execute(TASKS.delete())
        session.execute(EXCEPTIONS.delete())
    with any_store.write() as session:
        bulk.copy_inserts(session.connection())
        added = [raised(f"exc-{n:02d}") for n in range(12)]
        for exc in added:
            session.add(exc)
            exc.status = ExceptionStatus.ACKNOWLEDGED
            exc.tasks[0].status = TaskStatus.ACKNOWLEDGED
        bulk.insert_added(session, ShopException, "tasks")
        assert not session.new  # inserted, and no longer the flush's
        assert session.get(ShopException, "exc-03") is not added[3]  # read back, not kept
    with any_store.read() as session:
        assert rows_of(session) == flushed
    assert len(flushed[0]) == 12
    assert len(flushed[1]) == 24


def test_rows_that_must_wait_for_others_are_left_to_the_flush(store: Store) -> None:
    with store.write() as session:
        owner = User(id="777", name="New owner", active=True, language="en")
        session.add(owner)
        waiting = raised("exc-owned")
        waiting.owner_user_id = owner.id  # refers to a row the flush inserts first
        session.add(waiting)
        bulk.insert_added(session, ShopException, "tasks")
        assert waiting in session.new
        session.expunge(waiting)  # the flush has no order for rows it has no relationship for
    with store.write() as session:
        # Built by the constructor: a column with a default left unset (the database's).
        partial = ShopException(
            id="exc-partial",
            kind=ExceptionKind.MACHINE_DOWNTIME,
            channel=Channel.KIOSK,
            summary="Spindle alarm",
            raised_by="901",
            raised_at=AT,
        )
        session.add(partial)
        complete = raised("exc-complete")
        session.add(complete)
        bulk.insert_added(session, ShopException, "tasks")
        assert partial in session.new
        assert complete not in session.new
    with store.read() as session:
        held = set(session.scalars(select(ShopException.id)))
        assert held == {"exc-partial", "exc-complete"}
        stored = session.get(ShopException, "exc-partial")
        assert stored is not None
        assert stored.reopened == 0
        assert stored.ladder == {}
