"""Services validate, name the bad field, and store nothing half-written."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.events.payloads import ItemDefined, OperationSpec, WorkOrderReleased, parse_payload
from app.model import EventRecord, Item, User
from app.model.types import ItemClass, Role
from app.pin_key import load_pin_key
from app.services.people import LoginFailed, PeopleService, pin_matches
from app.services.plant import ReferenceDataService
from app.store import Store

DUE = datetime(2026, 12, 1, tzinfo=UTC)


def _event_count(store: Store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(EventRecord)) or 0


def test_payload_errors_name_each_field() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_payload(
            "work_order.released",
            {
                "number": " WO 1",  # ERP names keep inner spaces, never a leading one
                "item": "X",
                "quantity": -1,
                "due_at": "2026-12-01T00:00:00",
                "operations": [],
            },
        )
    fields = caught.value.fields
    assert {"number", "quantity", "due_at", "operations"} <= set(fields)
    assert "greater than 0" in str(caught.value)
    assert "timezone" in str(caught.value)


def test_unknown_event_kind_is_named() -> None:
    with pytest.raises(ValidationError, match="kind: unknown event kind 'teleport'"):
        parse_payload("teleport", {})


def test_unknown_references_are_named_and_nothing_is_stored(demo_store: Store) -> None:
    before = _event_count(demo_store)
    good = ItemDefined(code="NEW-1", name="New part", item_class=ItemClass.COMPONENT)
    bad = WorkOrderReleased(
        number="WO-X",
        item="FG-HPU-05",
        quantity=3,
        due_at=DUE,
        customer="NOBODY",
        operations=[
            OperationSpec(
                seq=10, work_center="ASM-01", description="ok", setup_minutes=1, run_minutes=1
            ),
            OperationSpec(
                seq=20, work_center="MOON-01", description="x", setup_minutes=1, run_minutes=1
            ),
        ],
    )
    with pytest.raises(ValidationError) as caught:
        ReferenceDataService(demo_store).load([good, bad])
    assert caught.value.fields == ["customer", "operations.1.work_center"]
    assert "unknown work center 'MOON-01'" in str(caught.value)
    assert _event_count(demo_store) == before
    with demo_store.read() as session:
        assert session.get(Item, "NEW-1") is None  # the good one in the batch was not kept either


def test_badge_login_records_who_logged_in(demo_store: Store) -> None:
    operator = PeopleService(demo_store).login_badge("RVS-1001")
    assert operator.name == "Ana Petrović"
    assert operator.roles == (Role.OPERATOR,)
    with demo_store.read() as session:
        last = session.scalars(select(EventRecord).order_by(EventRecord.position.desc())).first()
    assert last is not None
    assert (last.kind, last.actor, last.payload["method"]) == ("user.logged_in", "1001", "badge")


def test_unknown_badge_is_refused_without_an_event(demo_store: Store) -> None:
    before = _event_count(demo_store)
    with pytest.raises(LoginFailed, match="badge 'RVS-9999' is not enrolled"):
        PeopleService(demo_store).login_badge("RVS-9999")
    with pytest.raises(LoginFailed, match="scan a badge"):
        PeopleService(demo_store).login_badge("   ")
    assert _event_count(demo_store) == before


def test_pin_login(demo_store: Store) -> None:
    people = PeopleService(demo_store)
    assert people.login_pin("2001", "161803").roles == (Role.OPERATOR, Role.SUPERVISOR)
    with pytest.raises(LoginFailed, match="employee number or PIN is wrong"):
        people.login_pin("2001", "000000")
    with pytest.raises(LoginFailed, match="employee number or PIN is wrong"):
        people.login_pin("9999", "161803")


def test_pins_are_stored_only_as_keyed_argon2_hashes(demo_store: Store) -> None:
    with demo_store.read() as session:
        user = session.get(User, "1001")
    assert user is not None
    assert user.pin_hash is not None
    key = load_pin_key(demo_store.terminal_id)
    assert key is not None
    assert user.pin_hash.startswith(f"takt1:{key.id}:$argon2id$")
    assert "314159" not in user.pin_hash
    assert pin_matches(user.pin_hash, "314159", key)


def test_pin_format_is_checked(demo_store: Store) -> None:
    with pytest.raises(ValidationError, match="pin: must be 6 to 12 digits"):
        PeopleService(demo_store).enroll(
            actor="system", user_id="1099", name="New Hire", roles=[Role.OPERATOR], pin="12a"
        )


def test_a_badge_cannot_be_given_to_two_people(demo_store: Store) -> None:
    with pytest.raises(ValidationError, match="badge_id: already given to Ana Petrović"):
        PeopleService(demo_store).enroll(
            actor="7001",
            user_id="1099",
            name="New Hire",
            roles=[Role.OPERATOR],
            badge_id="RVS-1001",
        )


def test_repeated_wrong_pins_lock_the_number_for_a_while(demo_store: Store) -> None:
    from datetime import timedelta

    from app.clock import FixedClock
    from tests.conftest import NOW

    clock = FixedClock(NOW)
    people = PeopleService(demo_store, clock)
    for left in (4, 3, 2, 1):
        with pytest.raises(LoginFailed) as caught:
            people.login_pin("1002", "000000")
        tries = "try" if left == 1 else "tries"
        assert str(caught.value) == (
            f"pin: employee number or PIN is wrong: {left} {tries} left before a 10-minute lock"
        )
    with pytest.raises(LoginFailed, match="PIN login for 1002 is locked for 10 min"):
        people.login_pin("1002", "000000")
    # Locked now: even the right PIN is refused, and the message says for how long.
    clock.advance(timedelta(minutes=3))
    with pytest.raises(LoginFailed, match="too many wrong PINs: try again in 7 min"):
        people.login_pin("1002", "271828")
    with demo_store.read() as session:
        failures = session.scalars(
            select(EventRecord).where(EventRecord.kind == "user.login_failed")
        ).all()
        (lock,) = session.scalars(
            select(EventRecord).where(EventRecord.kind == "user.locked_out")
        ).all()
    assert len(failures) == 5  # the failures are on record, the lockout check adds none
    assert (lock.actor, lock.payload["user_id"], lock.payload["failures"]) == (
        "anonymous",
        "1002",
        5,
    )
    assert lock.payload["until"] == "2026-11-23T08:10:00Z"
    clock.advance(timedelta(minutes=8))
    assert people.login_pin("1002", "271828").name == "Jonas Berg"
    # Other people are not affected by someone else's lockout.
    assert people.login_pin("1001", "314159").name == "Ana Petrović"
