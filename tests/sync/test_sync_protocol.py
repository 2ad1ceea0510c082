"""Server and terminals over real HTTP on 127.0.0.1: push, pull, verdicts, convergence."""

from __future__ import annotations

import requests
from sqlalchemy import func, select

from app.events import log
from app.events.envelope import Event
from app.events.signing import sign_head
from app.model import EventRecord, ShopException
from app.model.types import ExceptionKind, Role
from app.services.exceptions import NewException
from sync.protocol import WireEvent
from tests.sync.plant import Plant, Terminal

OPERATOR, SUPERVISOR = "901", "902"


def downtime(wc: str = "WC-001") -> NewException:
    return NewException(
        kind=ExceptionKind.MACHINE_DOWNTIME,
        summary="Spindle alarm",
        work_center=wc,
        details={"reason_code": "mechanical/bearing"},
    )


def test_two_terminals_see_each_others_exceptions_and_match_the_server(any_plant: Plant) -> None:
    a = any_plant.terminal("kiosk-a")
    b = any_plant.terminal("kiosk-b")
    a.engine.sync_once()
    b.engine.sync_once()
    raised_a = a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))
    raised_b = b.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    for t in (a, b, a):
        t.engine.sync_once()
    for t in (a, b):
        with t.store.read() as session:
            ids = set(session.scalars(select(ShopException.id)))
        assert {raised_a, raised_b} <= ids
    assert a.snapshot() == b.snapshot() == any_plant.server_snapshot()
    assert a.engine.waiting() == b.engine.waiting() == 0
    # /health (what an offline terminal probes) counts them without counting rows.
    assert any_plant.server_store is not None
    with any_plant.server_store.read() as session:
        stored = session.scalar(select(func.count()).select_from(EventRecord))
    assert requests.get(f"{any_plant.url}/health", timeout=5).json()["events"] == stored > 0


def test_concurrent_reassignments_converge_on_the_servers_order(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    b = plant.terminal("kiosk-b")
    a.engine.sync_once()
    exc = a.exceptions.raise_exception(OPERATOR, downtime())
    a.engine.sync_once()
    b.engine.sync_once()
    # Both supervisors reassign while neither has heard of the other's decision.
    a.exceptions.reassign(SUPERVISOR, exc, Role.QUALITY, "needs a quality look")
    b.exceptions.reassign(SUPERVISOR, exc, Role.PROCUREMENT, "spare part to order")
    b.engine.sync_once()  # b's decision reaches the server first...
    a.engine.sync_once()  # ...so a's comes after it and wins (last writer in server order)
    b.engine.sync_once()
    for t in (a, b):
        with t.store.read() as session:
            row = session.get(ShopException, exc)
            assert row is not None
            assert (row.owner_role, row.reassignments) == (Role.QUALITY, 2)
    assert a.snapshot() == b.snapshot() == plant.server_snapshot()


def test_a_second_resolution_is_rejected_and_still_advances_the_queue(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    b = plant.terminal("kiosk-b")
    a.engine.sync_once()
    exc = a.exceptions.raise_exception(OPERATOR, downtime())
    a.engine.sync_once()
    b.engine.sync_once()
    a.exceptions.resolve(SUPERVISOR, exc, decision="reset the drive", root_cause="machine")
    b.exceptions.resolve(SUPERVISOR, exc, decision="replaced the sensor", root_cause="machine")
    later = b.exceptions.raise_exception(OPERATOR, downtime("WC-003"))
    a.engine.sync_once()
    b.engine.sync_once()  # b's resolution is refused; b's next event still gets through
    a.engine.sync_once()
    rejected = b.engine.rejected()
    assert [r.kind for r in rejected] == ["exception.resolved"]
    assert "resolved by" in (rejected[0].reason or "")
    assert b.engine.status.rejected == 1
    for t in (a, b):
        with t.store.read() as session:
            row = session.get(ShopException, exc)
            assert row is not None
            assert row.decision == "reset the drive"
            assert session.get(ShopException, later) is not None
    assert a.snapshot() == b.snapshot() == plant.server_snapshot()
    with plant.server_store.read() as session:  # type: ignore[union-attr]
        outcomes = session.execute(
            select(EventRecord.kind, EventRecord.outcome).where(
                EventRecord.terminal_id == b.store.terminal_id
            )
        ).all()
    assert ("exception.resolved", "rejected") in outcomes


def _wire_events(t: Terminal) -> list[dict[str, object]]:
    with t.store.read() as session:
        records = session.scalars(
            select(EventRecord)
            .where(EventRecord.terminal_id == t.store.terminal_id)
            .order_by(EventRecord.terminal_seq)
        )
        return [WireEvent.of(log.to_event(r)).model_dump(mode="json") for r in records]


def signature(t: Terminal, batch: list[dict[str, object]]) -> str:
    """What the terminal's transport signs a batch with (its last event's head)."""
    key = t.engine.transport.signing_key
    assert key is not None
    head = WireEvent.model_validate(batch[-1])
    return sign_head(key, head.terminal_id, head.terminal_seq, head.hash)


def test_malformed_input_is_refused_naming_the_event_and_field_and_a_gap_stops_the_batch(
    plant: Plant,
) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    for wc in ("WC-001", "WC-002", "WC-003"):
        a.exceptions.raise_exception(OPERATOR, downtime(wc))
    held, events = _wire_events(a)[:-3], _wire_events(a)[-3:]  # the server has the logins
    headers = {"Authorization": f"Bearer {a.engine.transport.token}"}
    cursor = a.engine.cursor().model_dump()
    # An envelope no Takt terminal makes (a control character in the actor): the batch is
    # refused, naming the event and the field. (A bad payload is the event's own problem:
    # it is rejected alone, see test_authority.)
    bad = [dict(events[0], actor="90\x001")]
    answer = requests.post(
        f"{plant.url}/v1/push",
        json={"cursor": cursor, "events": bad, "signature": signature(a, events[:1])},
        headers=headers,
        timeout=10,
    )
    assert answer.status_code == 422
    assert "events.0.actor" in answer.text
    missing = [{k: v for k, v in events[0].items() if k != "terminal_seq"}]
    answer = requests.post(
        f"{plant.url}/v1/push",
        json={"cursor": cursor, "events": missing},
        headers=headers,
        timeout=10,
    )
    assert answer.status_code == 422
    assert "terminal_seq" in answer.text
    # The first then the third: a batch is one unbroken stretch of the chain (its
    # signature covers only that), so the whole batch is refused, naming where it skips.
    skipping = [events[0], events[2]]
    answer = requests.post(
        f"{plant.url}/v1/push",
        json={"cursor": cursor, "events": skipping, "signature": signature(a, skipping)},
        headers=headers,
        timeout=10,
    )
    assert answer.status_code == 422
    assert "events[1].terminal_seq" in answer.text
    # The second and third while the server lacks the first: it stops at the gap, saying
    # where it stands.
    ahead = events[1:3]
    answer = requests.post(
        f"{plant.url}/v1/push",
        json={"cursor": cursor, "events": ahead, "signature": signature(a, ahead)},
        headers=headers,
        timeout=10,
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["last_seq"] == len(held)
    assert body["results"] == []
    assert "gap" in body["stopped"]
    a.engine.sync_once()  # the engine sends them all, once
    assert a.engine.waiting() == 0
    assert a.snapshot() == plant.server_snapshot()


def test_an_altered_or_unlinked_event_is_refused_and_nothing_of_its_batch_is_stored(
    plant: Plant,
) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    for wc in ("WC-001", "WC-002"):
        a.exceptions.raise_exception(OPERATOR, downtime(wc))
    events = _wire_events(a)[-2:]  # the server has the logins before them
    headers = {"Authorization": f"Bearer {a.engine.transport.token}"}
    cursor = a.engine.cursor().model_dump()

    def push(batch: list[dict[str, object]]) -> requests.Response:
        return requests.post(
            f"{plant.url}/v1/push",
            json={"cursor": cursor, "events": batch, "signature": signature(a, batch)},
            headers=headers,
            timeout=10,
        )

    # Edited after it was hashed (a valid payload, so only the hash can tell).
    altered = dict(events[1], actor="902")
    answer = push([events[0], altered])
    assert answer.status_code == 409
    assert f"event {events[1]['id']}" in answer.text
    assert "hash chain broken" in answer.text
    # Hashed rightly, but not after the event before it.
    second = WireEvent.model_validate(events[1]).to_event()
    relinked = Event.sealed(
        id=second.id,
        terminal_id=second.terminal_id,
        terminal_seq=second.terminal_seq,
        kind=second.kind,
        payload=second.payload,
        actor=second.actor,
        occurred_at=second.occurred_at,
        prev_hash="f" * 64,
    )
    unlinked = WireEvent.of(relinked).model_dump(mode="json")
    answer = push([events[0], unlinked])
    assert answer.status_code == 409
    assert "hash chain broken" in answer.text
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        held = session.scalars(
            select(EventRecord.id).where(EventRecord.terminal_id == a.store.terminal_id)
        ).all()
    assert not {e["id"] for e in events} & set(held)  # the first went back with each batch
    a.engine.sync_once()  # the terminal's own, unaltered events still go, once
    assert a.engine.waiting() == 0
    assert a.snapshot() == plant.server_snapshot()
