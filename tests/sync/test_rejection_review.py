"""End to end over real HTTP: the server refuses an operator's override; a supervisor at
the same terminal sends it again in their name, and the server applies it everywhere."""

from __future__ import annotations

from app.clock import FixedClock
from app.model import PriorityOverride
from app.services.rejections import RejectionService
from tests.sync.plant import Plant
from tests.sync.test_authority import OPERATOR, SUPERVISOR, an_operation, pin, server_verdict


def test_a_supervisor_reissues_an_override_the_server_refused(
    plant: Plant, clock: FixedClock
) -> None:
    a = plant.terminal("kiosk-a")
    b = plant.terminal("kiosk-b")
    operation = an_operation(a)
    seq = pin(a, OPERATOR, operation)
    a.engine.sync_once()
    outcome, reason = server_verdict(plant, a, seq)
    assert outcome == "rejected"
    assert "only a supervisor or manager may override priority" in (reason or "")
    (refused,) = a.engine.rejected()
    assert a.engine.status.rejected == 1

    event = RejectionService(a.store, clock).reissue(SUPERVISOR, refused.id)
    a.engine.sync_once()

    assert server_verdict(plant, a, event.terminal_seq) == ("applied", None)
    assert a.engine.rejected() == []
    assert a.engine.status.rejected == 0
    override_id = event.payload["override_id"]
    assert override_id != refused.payload["override_id"]
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        override = session.get(PriorityOverride, override_id)
        assert override is not None
        assert (override.operation_id, override.created_by) == (operation, SUPERVISOR)
        assert session.get(PriorityOverride, refused.payload["override_id"]) is None
    # Every replica agrees: the other terminal has the override, and nothing differs.
    b.engine.sync_once()
    a.engine.sync_once()  # and b's logins
    assert plant.server_snapshot() == a.snapshot() == b.snapshot()
