"""PINs: the policy, keyed hashes that a copied database cannot be attacked with, old
hashes that still work, and the demo's PINs."""

from __future__ import annotations

import shutil
from pathlib import Path

import keyring
import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import select

from app.clock import FixedClock
from app.demo.generator import demo_plant
from app.errors import ValidationError
from app.events.payloads import UserEnrolled
from app.model import SyncState, User
from app.model.types import Role
from app.pin_key import PinKey, load_pin_key, secret_name
from app.pin_policy import check_pin, pin_problem
from app.services.base import Service
from app.services.people import NO_KEY, LoginFailed, PeopleService
from app.store import Store, open_store
from tests.conftest import NOW
from tests.sync.conftest import MemoryKeyring, memory_keyring  # noqa: F401 - a fixture


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("12a456", "must be 6 to 12 digits"),
        ("58291", "must be 6 to 12 digits"),
        ("5829137461029", "must be 6 to 12 digits"),
        ("４８２９３７", "must be 6 to 12 digits"),  # full-width digits are not on the pad
        ("104711", "must not be the employee number, contain it or be part of it"),
        ("471104", "must not be the employee number, contain it or be part of it"),
        ("777777", "one digit repeated"),
        ("123456", "a run of digits"),
        ("654321", "a run of digits"),
        ("890123", "a run of digits"),
        ("121212", "a repeated group"),
        ("123123", "a repeated group"),
        ("12341234", "a repeated group"),
    ],
)
def test_the_pin_policy_names_the_field_and_the_rule(pin: str, problem: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_pin(pin, "4711")
    assert caught.value.fields == ["pin"]
    assert problem in str(caught.value)


def test_a_long_employee_number_may_not_hold_the_pin() -> None:
    assert pin_problem("300412", "88300412") is not None
    assert pin_problem("582931", "4711") is None
    assert pin_problem("112358", "4711") is None


def test_every_demo_pin_follows_the_policy() -> None:
    for user in demo_plant(NOW).users:
        assert pin_problem(user.pin, user.id) is None, (user.id, user.pin)
    assert {u.id: u.pin for u in demo_plant(NOW).users}["1001"] == "314159"  # README says so


def test_enrolling_refuses_a_pin_against_the_policy(demo_store: Store) -> None:
    with pytest.raises(ValidationError, match="pin: must not be the employee number"):
        PeopleService(demo_store).enroll(
            actor="system", user_id="1099", name="New Hire", roles=[Role.OPERATOR], pin="109900"
        )


def _stored_hash(store: Store, user_id: str) -> str:
    with store.read() as session:
        user = session.get(User, user_id)
        assert user is not None
        assert user.pin_hash is not None
        return user.pin_hash


def test_a_pin_hashed_before_the_key_still_logs_in_and_is_keyed_when_changed(
    demo_store: Store, clock: FixedClock
) -> None:
    old = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1).hash("1099")
    with Service(demo_store, clock).transaction() as tx:
        tx.emit(
            UserEnrolled(id="1099", name="Old Timer", pin_hash=old, roles=[Role.OPERATOR]),
            "system",
        )
    people = PeopleService(demo_store, clock)
    assert people.login_pin("1099", "1099").name == "Old Timer"
    people.enroll(
        actor="system", user_id="1099", name="Old Timer", roles=[Role.OPERATOR], pin="582931"
    )
    assert _stored_hash(demo_store, "1099").startswith("takt1:")
    assert people.login_pin("1099", "582931").name == "Old Timer"
    with pytest.raises(LoginFailed, match="employee number or PIN is wrong"):
        people.login_pin("1099", "1099")


def _plant_on_disk(path: Path, clock: FixedClock) -> Store:
    store = open_store(path, terminal_name="kiosk", clock=clock)
    PeopleService(store, clock).enroll(
        actor="system",
        user_id="2001",
        name="Katrin Vogel",
        roles=[Role.ADMIN, Role.SUPERVISOR],  # an administrator: she may enroll people
        badge_id="RVS-2001",
        pin="161803",
    )
    return store


def test_a_copied_database_holds_no_key_and_no_pin_that_can_be_checked(
    tmp_path: Path,
    clock: FixedClock,
    memory_keyring: MemoryKeyring,  # noqa: F811
) -> None:
    store = _plant_on_disk(tmp_path / "kiosk.sqlite3", clock)
    key = load_pin_key(store.terminal_id)
    assert key is not None
    assert memory_keyring.secrets[("takt", secret_name(store.terminal_id))] == key.encode()
    assert PeopleService(store, clock).login_pin("2001", "161803").name == "Katrin Vogel"
    store.close()
    raw = (tmp_path / "kiosk.sqlite3").read_bytes()
    assert key.encode().encode() not in raw
    assert key.secret not in raw

    # The file taken to another machine: same terminal id, another (empty) keyring.
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(tmp_path / "kiosk.sqlite3", tmp_path / "elsewhere" / "kiosk.sqlite3")
    keyring.set_keyring(MemoryKeyring())
    copy = open_store(tmp_path / "elsewhere" / "kiosk.sqlite3", clock=clock)
    try:
        people = PeopleService(copy, clock)
        with pytest.raises(LoginFailed) as caught:
            people.login_pin("2001", "161803")
        assert str(caught.value) == f"pin: {NO_KEY}"
        assert people.login_badge("RVS-2001").name == "Katrin Vogel"  # badges still work

        # Offline, the hash does not answer for the right PIN without the key, and any
        # other key gives a different answer: there is nothing to test guesses against.
        encoded = _stored_hash(copy, "2001").split(":", 2)[2]
        hasher = PasswordHasher()
        for guess in ("161803", PinKey.new().pepper("161803")):
            with pytest.raises(VerificationError):
                hasher.verify(encoded, guess)
        assert hasher.verify(encoded, key.pepper("161803"))
    finally:
        copy.close()


def test_a_terminal_that_follows_a_server_makes_no_key_of_its_own(
    tmp_path: Path,
    clock: FixedClock,
    memory_keyring: MemoryKeyring,  # noqa: F811
) -> None:
    store = _plant_on_disk(tmp_path / "kiosk.sqlite3", clock)
    try:
        with store.write() as session:
            session.add(SyncState(id=1, server_url="http://takt.plant.example"))
        keyring.set_keyring(MemoryKeyring())  # registered before servers handed out keys
        with pytest.raises(ValidationError) as caught:
            PeopleService(store, clock).enroll(
                actor="2001", user_id="1099", name="New Hire", roles=[Role.OPERATOR], pin="582931"
            )
        assert caught.value.fields == ["pin"]
        assert "holds no PIN key from its server" in str(caught.value)
        assert load_pin_key(store.terminal_id) is None
        with store.read() as session:
            assert session.scalar(select(User).where(User.id == "1099")) is None
    finally:
        store.close()
