"""Issue 12: a resolution names listed values and closes the exception's open tasks;
an override that would change nothing is refused in words, an accepted one is shown."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import Rejected, ValidationError
from app.events.envelope import Event
from app.events.payloads import ExceptionResolved
from app.model import Task
from app.model.types import ExceptionKind, OverrideKind, TaskStatus
from app.priority.board import Board
from app.priority.load import load_state
from app.priority.model import RankedRow, RowStatus
from app.priority.policy import load_policy
from app.projections.exceptions import CLOSED_WITH_EXCEPTION, exception_resolved
from app.routing.resolution import load_resolution
from app.services.board import BoardService
from app.services.exceptions import ExceptionService, NewException
from app.store import Store

OPERATOR, SUPERVISOR, QUALITY = "1001", "2001", "3001"


def _rows(store: Store, clock: FixedClock) -> dict[str, RankedRow]:
    with store.read() as session:
        board = Board(load_state(session), load_policy())
    return {r.op_id: r for rows in board.rank_all(clock.now()).values() for r in rows}


def _downtime(store: Store, clock: FixedClock) -> str:
    return ExceptionService(store, clock).raise_exception(
        OPERATOR,
        NewException(
            ExceptionKind.MACHINE_DOWNTIME,
            "spindle alarm",
            work_center="MIL-01",
            details={"reason_code": "mechanical/bearing"},
        ),
    )


def _tasks(store: Store, exception_id: str) -> list[Task]:
    with store.read() as session:
        rows = session.scalars(select(Task).where(Task.exception_id == exception_id)).all()
        session.expunge_all()
        return list(rows)


def test_the_values_are_in_resources_and_include_the_downtime_reasons() -> None:
    values = load_resolution()
    assert values.is_root_cause("machine")
    assert values.is_root_cause("machine/wear")
    assert values.is_root_cause("mechanical/bearing")  # a downtime reason is a root cause
    assert not values.is_root_cause("gremlins")
    assert values.is_disposition("rework")
    assert values.root_cause_label("machine/wear") == "Machine · Wear"


def test_an_unknown_root_cause_or_disposition_is_refused_by_field(
    demo_store: Store, clock: FixedClock
) -> None:
    service = ExceptionService(demo_store, clock)
    exc_id = _downtime(demo_store, clock)
    with pytest.raises(ValidationError) as refused:
        service.resolve(SUPERVISOR, exc_id, decision="fixed", root_cause="gremlins")
    assert refused.value.fields == ["root_cause"]
    hold = service.raise_exception(
        OPERATOR, NewException(ExceptionKind.QUALITY_HOLD, "burrs", item="CP-ROD-50")
    )
    with pytest.raises(ValidationError) as refused:
        service.resolve(QUALITY, hold, decision="ok", root_cause="machine")
    assert refused.value.fields == ["disposition"]  # a quality hold needs one
    with pytest.raises(ValidationError) as refused:
        service.resolve(
            QUALITY, hold, decision="ok", root_cause="machine", details={"disposition": "bin"}
        )
    assert refused.value.fields == ["disposition"]


def test_the_reducer_refuses_an_unknown_root_cause_too(
    demo_store: Store, clock: FixedClock
) -> None:
    exc_id = _downtime(demo_store, clock)
    payload = ExceptionResolved(exception_id=exc_id, decision="fixed", root_cause="gremlins")
    event = Event.sealed(
        id="e-1",
        terminal_id="t",
        terminal_seq=99,
        kind=payload.KIND,
        payload=payload.model_dump(mode="json"),
        actor=SUPERVISOR,
        occurred_at=clock.now(),
        prev_hash="",
    )
    with demo_store.write() as session, pytest.raises(Rejected, match="root cause"):
        exception_resolved(session, payload, event)


def test_resolving_closes_open_tasks_with_it_and_reopening_opens_them(
    demo_store: Store, clock: FixedClock
) -> None:
    service = ExceptionService(demo_store, clock)
    exc_id = _downtime(demo_store, clock)
    assert _tasks(demo_store, exc_id)
    service.resolve(SUPERVISOR, exc_id, decision="bearing replaced", root_cause="machine/wear")
    tasks = _tasks(demo_store, exc_id)
    assert {t.status for t in tasks} == {TaskStatus.CANCELLED}
    assert {t.note for t in tasks} == {CLOSED_WITH_EXCEPTION}
    assert {t.done_by for t in tasks} == {SUPERVISOR}
    service.reopen(SUPERVISOR, exc_id, "it came back")
    assert {t.status for t in _tasks(demo_store, exc_id)} == {TaskStatus.OPEN}


def test_a_pin_on_a_blocked_job_is_refused_saying_why(demo_store: Store, clock: FixedClock) -> None:
    blocked = next(
        r for r in _rows(demo_store, clock).values() if r.status is RowStatus.BLOCKED_MATERIAL
    )
    with pytest.raises(ValidationError, match="cannot go first now") as refused:
        BoardService(demo_store, clock).override(
            SUPERVISOR, blocked.op_id, OverrideKind.PIN, "customer waiting"
        )
    assert refused.value.fields == ["operation"]
    assert "blocked: short" in str(refused.value)
    # A hold on it takes effect, and says so on its row.
    BoardService(demo_store, clock).override(
        SUPERVISOR, blocked.op_id, OverrideKind.HOLD, "wait for the new drawing"
    )
    row = _rows(demo_store, clock)[blocked.op_id]
    assert row.status is RowStatus.ON_HOLD
    assert "wait for the new drawing" in row.reason
