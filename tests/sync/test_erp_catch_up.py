"""A terminal enrolled on a server with a long ERP history catches up: postings made,
acknowledged, refused, retried, edited and cancelled arrive in pages that hold a
posting's creation and the ERP's verdict together, and its state ends equal to the
server's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.clock import FixedClock
from app.model import ErpPosting, EventRecord
from app.model.types import PostingStatus
from app.services.erp import ErpPostingService
from app.store import Store
from tests.erp.scripted_erp import ScriptedErp
from tests.postings import confirm_operation
from tests.sync.conftest import erp_plant_of
from tests.sync.plant import Plant
from tests.sync.test_sync_faults import wait_for

SUPERVISOR = "902"


@pytest.fixture
def erp() -> ScriptedErp:
    return ScriptedErp()


@pytest.fixture
def erp_plant(
    tmp_path: Path, server_template: Path, clock: FixedClock, memory_keyring: object,
    erp: ScriptedErp,
) -> Iterator[Plant]:  # fmt: skip
    with erp_plant_of(tmp_path, server_template, clock, erp, post_interval_s=0.05) as p:
        yield p


def statuses(store: Store) -> dict[str, PostingStatus]:
    with store.read() as session:
        return {p.id: p.status for p in session.scalars(select(ErpPosting))}


def test_a_new_terminal_catches_up_with_a_long_erp_history(
    erp: ScriptedErp, erp_plant: Plant, clock: FixedClock
) -> None:
    kiosk = erp_plant.terminal("kiosk")
    server = erp_plant.server_store
    assert server is not None

    def settled(*ids: str, want: PostingStatus) -> None:
        kiosk.engine.sync_once()
        wait_for(lambda: all(statuses(server).get(i) is want for i in ids), timeout_s=20)
        kiosk.engine.sync_once()

    decide = ErpPostingService(kiosk.store, clock)
    # Taken at once.
    taken = [confirm_operation(kiosk.store, clock, good=2) for _ in range(3)]
    settled(*taken, want=PostingStatus.POSTED)
    # Refused, with a later posting of its work order held behind it; cancelled (booked
    # by hand), and the held one goes.
    erp.refusing = 1
    cancelled = confirm_operation(kiosk.store, clock, good=1)
    settled(cancelled, want=PostingStatus.FAILED)
    held = confirm_operation(kiosk.store, clock, good=1)
    decide.cancel(SUPERVISOR, cancelled, "booked by hand in the ERP")
    settled(held, want=PostingStatus.POSTED)
    # Refused, then edited and taken.
    erp.refusing = 1
    edited = confirm_operation(kiosk.store, clock, good=1)
    settled(edited, want=PostingStatus.FAILED)
    decide.edit(SUPERVISOR, edited, {"good": 2}, "counted again at the machine")
    settled(edited, want=PostingStatus.POSTED)
    # Refused, then retried as it is and taken (two verdicts on one posting).
    erp.refusing = 1
    again = confirm_operation(kiosk.store, clock, good=1)
    settled(again, want=PostingStatus.FAILED)
    decide.retry(SUPERVISOR, again, "period reopened by finance")
    settled(again, want=PostingStatus.POSTED)
    assert statuses(server)[cancelled] is PostingStatus.CANCELLED

    # A terminal enrolled now pulls the whole history in pages, each posting and the
    # ERP's verdicts on it in the same page.
    late = erp_plant.terminal("late")
    late.engine.sync_once()
    with server.read() as session:
        server_events = session.scalar(select(func.count()).select_from(EventRecord))
    with late.store.read() as session:
        late_events = session.scalar(select(func.count()).select_from(EventRecord))
        attempts = {p.id: p.attempts for p in session.scalars(select(ErpPosting))}
    assert late_events == server_events
    assert attempts[taken[0]] == 1
    assert attempts[again] == 2  # refused once, then taken
    assert statuses(late.store) == statuses(server)
    assert late.snapshot() == erp_plant.server_snapshot()
