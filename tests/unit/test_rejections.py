"""A supervisor reviews what the server refused: sends it again in their name (with fresh
ids for what it creates) or drops it with a reason; either way it leaves the list.

The server is real (its ingest, in-process through DirectTransport): an event refused
here was refused by the server's own judgement, and a re-issue is judged by it again.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from sqlalchemy import func, select

from app.clock import FixedClock, as_utc
from app.errors import PermissionDenied, Rejected, ValidationError
from app.events.payloads import PAYLOAD_TYPES, UserLoggedIn, UserLoggedOut
from app.model import (
    EventRecord,
    Hold,
    OperationInstance,
    PriorityOverride,
    RejectionReview,
    ShopException,
    Task,
)
from app.model.types import ExceptionKind, HoldScope, OverrideKind
from app.services.base import Service
from app.services.board import BoardService
from app.services.exceptions import ExceptionService, NewException
from app.services.rejections import MINTED, RejectionService, renewed, values_at
from app.store import Store, open_store
from sync.client.engine import SyncEngine
from sync.server.app import prepare
from tests.conftest import NOW
from tests.sync.conftest import server_template  # noqa: F401 - the seeded server
from tests.sync.direct import DirectTransport

OPERATOR, SUPERVISOR, QUALITY, MANAGER = "901", "902", "903", "907"


@dataclass
class Kiosk:
    store: Store
    engine: SyncEngine
    server: Store
    reviews: RejectionService
    board: BoardService
    exceptions: ExceptionService

    def login(self, *people: str) -> None:
        service = Service(self.store, self.reviews.clock)
        for person in people:
            with service.transaction() as tx:
                tx.emit(UserLoggedIn(user_id=person, method="badge"), person)

    def logout(self, person: str) -> None:
        with Service(self.store, self.reviews.clock).transaction() as tx:
            tx.emit(UserLoggedOut(user_id=person), person)

    def event_count(self) -> int:
        with self.store.read() as session:
            return int(session.scalar(select(func.count()).select_from(EventRecord)) or 0)

    def rejected(self) -> list[str]:
        return [r.id for r in self.engine.rejected()]

    def last_rejected(self) -> EventRecord:
        self.engine.sync_once()
        records = self.engine.rejected()
        assert records, "the server took it"
        return records[0]

    def server_outcome(self, event_id: str) -> tuple[str, str | None]:
        with self.server.read() as session:
            row = session.execute(
                select(EventRecord.outcome, EventRecord.reason).where(EventRecord.id == event_id)
            ).one()
        return row[0], row[1]

    def get(self, cls: Any, key: str) -> Any:
        with self.store.read() as session:
            return session.get(cls, key)


@pytest.fixture
def kiosk(tmp_path: Path, server_template: Path) -> Iterator[Kiosk]:  # noqa: F811
    """A terminal of a real server where only the supervisor and the manager are logged
    in: what the operator or quality record here, the server refuses."""
    clock = FixedClock(NOW)
    with a_kiosk(tmp_path, server_template, clock, clock) as k:
        yield k


@contextlib.contextmanager
def a_kiosk(
    tmp_path: Path, template: Path, server_clock: FixedClock, kiosk_clock: FixedClock
) -> Iterator[Kiosk]:
    shutil.copy(template, tmp_path / "server.sqlite3")
    server = open_store(tmp_path / "server.sqlite3", clock=server_clock)
    prepare(server)
    store = open_store(tmp_path / "kiosk.sqlite3", terminal_name="kiosk", clock=kiosk_clock)
    transport = DirectTransport(server, store.terminal_id, server_clock)
    engine = SyncEngine(store, transport, clock=kiosk_clock)  # type: ignore[arg-type]
    k = Kiosk(
        store,
        engine,
        server,
        RejectionService(store, kiosk_clock),
        BoardService(store, kiosk_clock),
        ExceptionService(store, kiosk_clock),
    )
    try:
        engine.sync_once()
        k.login(SUPERVISOR, MANAGER)
        yield k
    finally:
        engine.stop()
        store.close()
        server.close()


def an_operation(k: Kiosk) -> str:
    with k.store.read() as session:
        found = session.scalars(select(OperationInstance.id).order_by(OperationInstance.id))
        return str(found.first())


def stop(k: Kiosk, actor: str = OPERATOR, summary: str = "Spindle alarm") -> str:
    return k.exceptions.raise_exception(
        actor,
        NewException(
            kind=ExceptionKind.MACHINE_DOWNTIME,
            summary=summary,
            work_center="WC-001",
            details={"reason_code": "mechanical/bearing"},
        ),
    )


# --- fresh ids -----------------------------------------------------------------------------


def test_a_reissued_hold_gets_a_new_id_and_the_server_applies_it(kiosk: Kiosk) -> None:
    hold_id = kiosk.board.place_hold(QUALITY, HoldScope.ITEM, "X", "hardness check failed")
    refused = kiosk.last_rejected()
    assert "not logged in" in (refused.reason or "")
    assert kiosk.get(Hold, hold_id) is None  # rolled back here

    event = kiosk.reviews.reissue(SUPERVISOR, refused.id)

    assert event.actor == SUPERVISOR
    assert event.kind == refused.kind
    new_id = event.payload["hold_id"]
    assert new_id != hold_id
    assert {k: v for k, v in event.payload.items() if k != "hold_id"} == {
        k: v for k, v in refused.payload.items() if k != "hold_id"
    }
    assert kiosk.get(Hold, new_id) is not None  # applied here at once, like any command
    assert kiosk.rejected() == []
    kiosk.engine.sync_once()
    assert kiosk.server_outcome(event.id) == ("applied", None)
    assert kiosk.engine.status.rejected == 0
    review = kiosk.get(RejectionReview, refused.id)
    assert (review.decision, review.by, review.new_event_id) == ("reissued", SUPERVISOR, event.id)
    assert review.at == NOW


def test_a_reissued_exception_gets_new_exception_and_task_ids(kiosk: Kiosk) -> None:
    exception_id = stop(kiosk)
    refused = kiosk.last_rejected()
    old_tasks = values_at(refused.payload, "tasks.task_id")
    assert old_tasks  # a stop fans out tasks
    assert kiosk.get(ShopException, exception_id) is None

    event = kiosk.reviews.reissue(MANAGER, refused.id)

    new_id = event.payload["exception_id"]
    new_tasks = values_at(event.payload, "tasks.task_id")
    assert new_id != exception_id
    assert len(new_tasks) == len(old_tasks)
    assert not set(new_tasks) & set(old_tasks)
    assert len(set(new_tasks)) == len(new_tasks)
    assert event.payload["summary"] == "Spindle alarm"
    exc = kiosk.get(ShopException, new_id)
    assert exc is not None
    assert exc.raised_by == MANAGER
    assert all(kiosk.get(Task, t) is not None for t in new_tasks)
    kiosk.engine.sync_once()
    assert kiosk.server_outcome(event.id) == ("applied", None)
    with kiosk.server.read() as session:
        assert session.get(ShopException, new_id) is not None
        assert session.get(ShopException, exception_id) is None


def test_a_refused_clear_follows_the_reissue_of_its_refused_override(kiosk: Kiosk) -> None:
    op = an_operation(kiosk)
    kiosk.logout(SUPERVISOR)
    # Recorded here (a command checks roles, the server also logins), refused there.
    override_id = kiosk.board.override(SUPERVISOR, op, OverrideKind.PIN, "rush order today")
    kiosk.board.clear_override(SUPERVISOR, op, "the customer took it back")
    kiosk.engine.sync_once()
    refused_clear, refused_set = kiosk.engine.rejected()
    assert refused_set.payload["override_id"] == refused_clear.payload["override_id"]

    set_again = kiosk.reviews.reissue(MANAGER, refused_set.id)
    clear_again = kiosk.reviews.reissue(MANAGER, refused_clear.id)

    new_id = set_again.payload["override_id"]
    assert new_id != override_id
    assert clear_again.payload == {**refused_clear.payload, "override_id": new_id}
    kiosk.engine.sync_once()
    assert kiosk.server_outcome(set_again.id) == ("applied", None)
    assert kiosk.server_outcome(clear_again.id) == ("applied", None)
    with kiosk.server.read() as session:
        override = session.get(PriorityOverride, new_id)
        assert override is not None
        assert override.created_by == MANAGER
        # The clear names the new override: an unknown one would be cleared silently.
        assert override.lapse_reason == "cleared"


def test_a_refused_clear_follows_a_reissue_that_was_itself_refused_and_reissued(
    kiosk: Kiosk,
) -> None:
    op = an_operation(kiosk)
    kiosk.logout(SUPERVISOR)
    kiosk.board.override(SUPERVISOR, op, OverrideKind.PIN, "rush order today")
    kiosk.board.clear_override(SUPERVISOR, op, "the customer took it back")
    kiosk.engine.sync_once()
    refused_clear, refused_set = kiosk.engine.rejected()
    kiosk.logout(MANAGER)
    first = kiosk.reviews.reissue(MANAGER, refused_set.id)  # the manager is gone too
    refused_again = kiosk.last_rejected()
    assert refused_again.id == first.id
    kiosk.login(MANAGER)

    second = kiosk.reviews.reissue(MANAGER, refused_again.id)
    clear_again = kiosk.reviews.reissue(MANAGER, refused_clear.id)

    ids = [e.payload["override_id"] for e in (refused_set, first, second)]
    assert len(set(ids)) == 3
    assert clear_again.payload["override_id"] == ids[2]
    kiosk.engine.sync_once()
    assert kiosk.server_outcome(second.id) == ("applied", None)
    assert kiosk.server_outcome(clear_again.id) == ("applied", None)
    assert kiosk.get(PriorityOverride, ids[2]).lapse_reason == "cleared"


def test_ids_are_renewed_wherever_they_appear_and_renames_are_followed() -> None:
    payload = {
        "override_id": "old-override",
        "operation_id": "WO-1/10",
        "kind": "pin",
        "reason": "rush order",
    }
    fresh = renewed("priority.override_set", payload)
    assert fresh["override_id"] not in ("old-override", "")
    assert {k: v for k, v in fresh.items() if k != "override_id"} == {
        k: v for k, v in payload.items() if k != "override_id"
    }
    cleared = {"override_id": "old-override", "reason": "taken back"}
    assert renewed("priority.override_cleared", cleared) == cleared  # names, does not make
    followed = renewed("priority.override_cleared", cleared, {"old-override": "new-override"})
    assert followed == {"override_id": "new-override", "reason": "taken back"}


def test_every_minted_path_is_a_field_of_its_payload() -> None:
    """A renamed payload field must not silently stop being renewed."""
    for kind, paths in MINTED.items():
        for path in paths:
            model: type[BaseModel] = PAYLOAD_TYPES[kind]
            *parents, leaf = path.split(".")
            for parent in parents:
                annotation = model.model_fields[parent].annotation
                model = annotation.__args__[0]  # type: ignore[union-attr]  # list[Spec]
            assert leaf in model.model_fields, f"{kind}: {path}"


# --- who may, and what is still refused ----------------------------------------------------


def test_only_a_supervisor_or_manager_may_reissue_or_drop(kiosk: Kiosk) -> None:
    kiosk.board.place_hold(QUALITY, HoldScope.ITEM, "X", "hardness check failed")
    refused = kiosk.last_rejected()
    with pytest.raises(PermissionDenied, match="only a supervisor or manager may send"):
        kiosk.reviews.reissue(OPERATOR, refused.id)
    with pytest.raises(PermissionDenied, match="only a supervisor or manager may drop"):
        kiosk.reviews.drop(QUALITY, refused.id, "it was a mistake")
    assert kiosk.rejected() == [refused.id]


def test_a_change_the_reviewer_may_not_make_is_refused_here_and_stays_listed(
    kiosk: Kiosk,
) -> None:
    kiosk.login(QUALITY)
    hold_id = kiosk.board.place_hold(QUALITY, HoldScope.ITEM, "X", "hardness check pending")
    kiosk.logout(QUALITY)
    kiosk.board.release_hold(QUALITY, hold_id, "hardness is within limits")
    refused = kiosk.last_rejected()
    assert refused.kind == "hold.released"
    events = kiosk.event_count()

    with pytest.raises(PermissionDenied, match="only a quality may release a hold"):
        kiosk.reviews.reissue(SUPERVISOR, refused.id)

    assert kiosk.event_count() == events
    assert kiosk.rejected() == [refused.id]
    assert kiosk.get(RejectionReview, refused.id) is None


def test_a_change_that_no_longer_fits_is_refused_here_and_stays_listed(kiosk: Kiosk) -> None:
    exception_id = stop(kiosk, MANAGER)
    kiosk.logout(SUPERVISOR)
    kiosk.exceptions.resolve(SUPERVISOR, exception_id, decision="bolts came", root_cause="material")
    refused = kiosk.last_rejected()
    kiosk.exceptions.resolve(MANAGER, exception_id, decision="found a box", root_cause="material")

    with pytest.raises(Rejected, match="resolved"):
        kiosk.reviews.reissue(MANAGER, refused.id)

    assert kiosk.rejected() == [refused.id]


def test_drop_needs_a_reason_and_leaves_the_list(kiosk: Kiosk) -> None:
    kiosk.board.place_hold(QUALITY, HoldScope.ITEM, "X", "hardness check failed")
    refused = kiosk.last_rejected()
    assert kiosk.engine.status.rejected == 1
    with pytest.raises(ValidationError) as caught:
        kiosk.reviews.drop(SUPERVISOR, refused.id, "  ")
    assert caught.value.fields == ["reason"]
    with pytest.raises(ValidationError, match="reason: must not contain control characters"):
        kiosk.reviews.drop(SUPERVISOR, refused.id, "bad\x00 text here")
    assert kiosk.rejected() == [refused.id]

    kiosk.reviews.drop(SUPERVISOR, refused.id, "  quality placed it again  on their desk ")

    assert kiosk.rejected() == []
    review = kiosk.get(RejectionReview, refused.id)
    assert (review.decision, review.by, review.at) == ("dropped", SUPERVISOR, NOW)
    assert review.reason == "quality placed it again on their desk"
    assert review.new_event_id is None
    kiosk.engine.sync_once()
    assert kiosk.engine.status.rejected == 0
    # Once reviewed, it is neither sent again nor dropped twice.
    with pytest.raises(ValidationError, match="Supervisor 2 has already dropped it"):
        kiosk.reviews.reissue(MANAGER, refused.id)


def test_only_refused_events_of_this_terminal_can_be_reviewed(kiosk: Kiosk) -> None:
    exception_id = stop(kiosk, SUPERVISOR)
    kiosk.engine.sync_once()
    with kiosk.store.read() as session:
        applied = session.scalars(
            select(EventRecord.id).where(EventRecord.kind == "exception.raised")
        ).one()
    assert exception_id
    with pytest.raises(ValidationError, match="event: the server has not refused it"):
        kiosk.reviews.drop(SUPERVISOR, applied, "not needed any more")
    with pytest.raises(ValidationError, match="this terminal recorded no event 'nope'"):
        kiosk.reviews.reissue(SUPERVISOR, "nope")


# --- deadlines -----------------------------------------------------------------------------


def test_a_reissued_raise_keeps_the_servers_deadlines_when_the_clock_was_set_in_between(
    tmp_path: Path,
    server_template: Path,  # noqa: F811
) -> None:
    """Raised on a clock two hours ahead, refused, re-issued after the clock was set five
    minutes behind: the server puts the re-issue's deadlines where it had the first
    raise's (the convergence model's "deadlines not its rule's from its raise")."""
    from datetime import timedelta

    from app.events.servertime import corrected

    server_clock, kiosk_clock = FixedClock(NOW), FixedClock(NOW + timedelta(hours=2))
    with a_kiosk(tmp_path, server_template, server_clock, kiosk_clock) as k:
        server, engine = k.server, k.engine
        engine.sync_once()
        stop(k)  # the operator is not logged in: refused
        refused = k.last_rejected()
        with server.read() as session:
            first = session.scalar(select(EventRecord).where(EventRecord.id == refused.id))
            assert first is not None
            at = corrected(first.occurred_at, first.clock_offset_s, first.received_at)
            shift = at - first.occurred_at.replace(tzinfo=at.tzinfo)
        due_then = datetime.fromisoformat(refused.payload["resolve_due"]) + shift

        kiosk_clock.set(NOW - timedelta(minutes=5))
        server_clock.set(NOW)
        engine.sync_once()  # the kiosk measures its new offset
        event = k.reviews.reissue(MANAGER, refused.id)
        engine.sync_once()

        assert k.server_outcome(event.id) == ("applied", None)
        with server.read() as session:
            exc = session.get(ShopException, event.payload["exception_id"])
            assert exc is not None
            assert abs((as_utc(exc.resolve_due) - as_utc(due_then)).total_seconds()) < 1
