"""The event log: gap-free sequences, one transaction with projections, hash chain, replay."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from sqlalchemy import delete, func, select, text, update

from app.clock import FixedClock
from app.errors import IntegrityError, ValidationError
from app.events import log, replay
from app.events.envelope import GENESIS_HASH
from app.events.payloads import ItemDefined, SiteDefined
from app.model import EventRecord, Item
from app.services.people import PeopleService
from app.services.plant import ReferenceDataService
from app.store import Store, open_memory_store


def _items(store: Store, n: int) -> None:
    ReferenceDataService(store).load(
        ItemDefined(code=f"I-{i}", name=f"Item {i}", item_class="raw") for i in range(n)
    )


def _events(store: Store) -> list[EventRecord]:
    with store.read() as session:
        return list(session.scalars(select(EventRecord).order_by(EventRecord.position)))


def test_append_numbers_events_without_gaps_and_chains_them(store: Store) -> None:
    _items(store, 3)
    _items(store, 2)
    records = _events(store)
    assert [r.terminal_seq for r in records] == [1, 2, 3, 4, 5]
    assert records[0].prev_hash == GENESIS_HASH
    for before, after in itertools.pairwise(records):
        assert after.prev_hash == before.hash
    assert all(r.terminal_id == store.terminal_id for r in records)
    assert len({r.id for r in records}) == 5


def test_event_carries_actor_and_time(store: Store, clock: FixedClock) -> None:
    ReferenceDataService(store, clock).define(SiteDefined(code="S", name="Site"), actor="erp")
    (record,) = _events(store)
    assert record.actor == "erp"
    assert record.occurred_at == clock.now()
    assert record.kind == "site.defined"
    assert record.payload == {"code": "S", "name": "Site", "timezone": "UTC"}


def test_a_failed_command_leaves_neither_event_nor_projection(store: Store) -> None:
    good = ItemDefined(code="OK-1", name="Fine", item_class="raw")
    service = ReferenceDataService(store)

    def fail_after_emitting() -> None:
        with service.transaction() as tx:
            tx.emit(good, "system")
            raise RuntimeError("disk full, say")

    with pytest.raises(RuntimeError):
        fail_after_emitting()
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(EventRecord)) == 0
        assert session.get(Item, "OK-1") is None
    # ...and the sequence continues without a gap afterwards.
    _items(store, 1)
    assert [r.terminal_seq for r in _events(store)] == [1]


def test_verify_accepts_an_untouched_log(demo_store: Store) -> None:
    with demo_store.read() as session:
        report = log.verify(session)
    assert report.events > 400
    assert report.terminals == 1


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (
            lambda s: s.execute(
                update(EventRecord)
                .where(EventRecord.terminal_seq == 5)
                .values(payload={"code": "X", "name": "forged", "timezone": "UTC"})
            ),
            "content was changed",
        ),
        (
            lambda s: s.execute(
                update(EventRecord).where(EventRecord.terminal_seq == 7).values(actor="2002")
            ),
            "content was changed",
        ),
        (
            lambda s: s.execute(delete(EventRecord).where(EventRecord.terminal_seq == 6)),
            "missing",
        ),
        (
            lambda s: s.execute(
                delete(EventRecord).where(
                    EventRecord.terminal_seq
                    == select(func.max(EventRecord.terminal_seq)).scalar_subquery()
                )
            ),
            "removed",
        ),
    ],
    ids=["edited-payload", "edited-actor", "deleted-middle", "deleted-last"],
)
def test_verify_detects_edited_or_deleted_events(store: Store, tamper, message: str) -> None:
    _items(store, 10)
    with store.write() as session:
        tamper(session)
    with store.read() as session, pytest.raises(IntegrityError, match=message):
        log.verify(session)


def test_verify_detects_an_edited_event_even_with_its_hash_recomputed(store: Store) -> None:
    """Rewriting one event's hash to match its new content breaks the next link."""
    _items(store, 4)
    with store.write() as session:
        record = session.scalar(select(EventRecord).where(EventRecord.terminal_seq == 2))
        record.payload = {**record.payload, "name": "forged"}
        record.hash = log.to_event(record).computed_hash()
    with store.read() as session, pytest.raises(IntegrityError, match="previous event's hash"):
        log.verify(session)


def test_ingest_is_idempotent_and_refuses_gaps_and_forgeries(store: Store) -> None:
    source = open_memory_store(terminal_name="kiosk-a")
    _items(source, 3)
    with source.read() as session:
        events = list(log.read_all(session))
    with store.write() as session:
        assert log.ingest(session, events[0]) is True
        assert log.ingest(session, events[0]) is False
        with pytest.raises(IntegrityError, match="jumps"):
            log.ingest(session, events[2])
    forged_event = dataclasses.replace(events[1], actor="intruder")
    with store.write() as session, pytest.raises(IntegrityError, match="hash chain"):
        log.ingest(session, forged_event)
    source.close()


def test_ingest_validates_payloads_from_elsewhere(store: Store) -> None:
    source = open_memory_store(terminal_name="kiosk-a")
    _items(source, 1)
    with source.read() as session:
        (event,) = list(log.read_all(session))
    bad = dataclasses.replace(event, payload={"code": "I-0", "name": "x", "item_class": "gold"})
    bad = dataclasses.replace(bad, hash=bad.computed_hash())
    with store.write() as session, pytest.raises(ValidationError, match="item_class"):
        log.ingest(session, bad)
    source.close()


IGNORED = {"users": {"pin_hash"}}


def test_replaying_the_log_into_an_empty_database_reproduces_the_projections(
    demo_store: Store,
) -> None:
    people = PeopleService(demo_store)
    operator = people.login_badge("RVS-1001")
    people.logout(operator)
    fresh = open_memory_store(terminal_name="replica")
    with demo_store.read() as source, fresh.write() as target:
        copied = replay.copy_log(source, target)
    assert copied > 400
    with demo_store.read() as a, fresh.read() as b:
        original, replayed = replay.snapshot(a), replay.snapshot(b)
    assert original == replayed
    assert len(original["operations"]) > 300
    fresh.close()


def test_rebuild_in_place_gives_the_same_projections(demo_store: Store) -> None:
    with demo_store.read() as session:
        before = replay.snapshot(session)
    with demo_store.write() as session:
        session.execute(text("DELETE FROM operations WHERE seq > 10"))  # damage a projection
    with demo_store.write() as session:
        replay.rebuild(session)
    with demo_store.read() as session:
        assert replay.snapshot(session) == before
        log.verify(session)
