"""End to end: an operator confirms on a terminal; the server, the single writer to the
ERP, posts it; the acknowledgement comes back to the terminal. A posting the ERP
refuses is fixed by a supervisor on the terminal and then goes, once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.events.payloads import ErpPostingRetried
from app.model import ErpPosting, OperationInstance
from app.model.types import OperationStatus, PostingStatus
from app.services.base import Service
from app.services.execution import ExecutionService
from sync.erp.erpnext import ErpNextAdapter
from tests.erp.erpnext_server import FakeErpNext
from tests.erp.test_erpnext import make_adapter, seed
from tests.sync.conftest import erp_plant_of
from tests.sync.plant import Plant
from tests.sync.test_sync_faults import wait_for

OPERATOR, SUPERVISOR = "901", "902"


@pytest.fixture
def erp() -> Iterator[FakeErpNext]:
    server = FakeErpNext()
    yield server
    server.close()


@pytest.fixture
def adapter(erp: FakeErpNext) -> Iterator[ErpNextAdapter]:
    a = make_adapter(erp)
    yield a
    a.close()


@pytest.fixture
def erp_plant(
    tmp_path: Path, server_template: Path, clock: FixedClock, memory_keyring: object,
    adapter: ErpNextAdapter,
) -> Iterator[Plant]:  # fmt: skip
    # A poll that never comes during a test: a push must wake the writer.
    with erp_plant_of(tmp_path, server_template, clock, adapter, post_interval_s=600.0) as p:
        yield p


def test_a_confirmation_reaches_the_erp_once_and_a_refusal_is_fixed_on_the_floor(
    erp: FakeErpNext, erp_plant: Plant, clock: FixedClock
) -> None:
    seed(erp)  # its work orders are named like the plant's (MFG-WO-2026-0000n)
    kiosk = erp_plant.terminal("kiosk")
    kiosk.engine.sync_once()
    kiosk.engine._max_retry_s = 0.5
    kiosk.engine.start()
    with kiosk.store.read() as session:
        ops = list(session.scalars(select(OperationInstance).order_by(OperationInstance.id)))
    last = {
        o.work_order_number: max(x.seq for x in ops if x.work_order_number == o.work_order_number)
        for o in ops
    }
    op = next(
        o for o in ops if o.status is OperationStatus.READY and o.seq == last[o.work_order_number]
    )
    # The ERP refuses the first try; its own message shows on the terminal.
    erp.reject_next("Posting date is in a closed accounting period")
    execution = ExecutionService(kiosk.store, clock)
    execution.start(OPERATOR, op.id)
    execution.confirm(OPERATOR, op.id, good=2, final=True)

    def posting() -> ErpPosting:
        with kiosk.store.read() as session:
            row = session.scalars(
                select(ErpPosting).where(ErpPosting.work_order_number == op.work_order_number)
            ).one()
            return row

    wait_for(lambda: posting().status is PostingStatus.FAILED)
    assert "closed accounting period" in (posting().last_error or "")
    with Service(kiosk.store, clock).transaction() as tx:
        tx.emit(ErpPostingRetried(posting_id=posting().id, reason="period reopened"), SUPERVISOR)
    wait_for(lambda: posting().status is PostingStatus.POSTED)
    assert posting().erp_document
    assert len(erp.with_reference("Stock Entry", posting().id)) == 1
