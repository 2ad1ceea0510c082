"""What a pushed batch writes before it waits for the other terminals' batches.

Every batch queues on the server state row, so whatever a batch writes after taking it
holds all the others: the chain's new head and the batch's signed head, which depend on
this terminal's own chain alone, are written before it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event as sa_event

from app.model.types import ExceptionKind
from app.services.exceptions import NewException
from tests.sync.plant import Plant

OPERATOR = "901"


def test_a_batch_writes_its_signed_head_before_it_takes_the_next_numbers(
    any_plant: Plant,
) -> None:
    a = any_plant.terminal("kiosk-a")
    a.engine.sync_once()
    a.exceptions.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MACHINE_DOWNTIME,
            summary="Spindle alarm",
            work_center="WC-001",
            details={"reason_code": "mechanical/bearing"},
        ),
    )
    assert any_plant.server_store is not None
    engine = any_plant.server_store.engine
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(" ".join(statement.split()).lower())

    sa_event.listen(engine, "before_cursor_execute", note)
    try:
        a.engine.push_pending()
    finally:
        sa_event.remove(engine, "before_cursor_execute", note)
    assert a.engine.waiting() == 0

    def first(prefix: str) -> int:
        return next(n for n, s in enumerate(statements) if s.startswith(prefix))

    numbered = first("update server_state")
    assert first("insert into signed_heads") < numbered
    assert first("insert into events") > numbered
