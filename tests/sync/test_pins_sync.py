"""PINs across a plant: terminals check PINs with the key the server gave them when they
registered, and wrong PINs typed on one terminal count on the others."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.model import EventRecord
from app.model.types import Role
from app.pin_key import load_pin_key
from app.services.people import LoginFailed, PeopleService
from tests.sync.plant import Plant


def _enroll_on_server(plant: Plant, clock: FixedClock) -> None:
    assert plant.server_store is not None
    PeopleService(plant.server_store, clock).enroll(
        actor="system",
        user_id="950",
        name="Mira Hahn",
        roles=[Role.OPERATOR],
        badge_id="SYN-950",
        pin="582931",
    )


def test_a_terminal_checks_pins_with_the_key_it_got_when_it_registered(
    plant: Plant, clock: FixedClock
) -> None:
    assert plant.server_store is not None
    server_key = load_pin_key(plant.server_store.terminal_id)
    assert server_key is not None
    kiosk = plant.terminal("kiosk-1")
    assert load_pin_key(kiosk.store.terminal_id) == server_key
    _enroll_on_server(plant, clock)
    kiosk.engine.pull_pending()
    assert PeopleService(kiosk.store, clock).login_pin("950", "582931").name == "Mira Hahn"
    assert kiosk.store.path is not None
    assert server_key.encode().encode() not in kiosk.store.path.read_bytes()


def test_wrong_pins_on_two_terminals_add_up_to_one_lock(plant: Plant, clock: FixedClock) -> None:
    _enroll_on_server(plant, clock)
    first, second = plant.terminal("kiosk-1"), plant.terminal("kiosk-2")
    for _ in range(3):
        with pytest.raises(LoginFailed, match="wrong"):
            PeopleService(first.store, clock).login_pin("950", "000000")
    first.engine.push_pending()
    second.engine.pull_pending()
    at_second = PeopleService(second.store, clock)
    with pytest.raises(LoginFailed, match="1 try left before a 10-minute lock"):
        at_second.login_pin("950", "000000")
    with pytest.raises(LoginFailed, match="PIN login for 950 is locked for 10 min"):
        at_second.login_pin("950", "000000")
    second.engine.push_pending()
    first.engine.pull_pending()
    # The lock reached the first terminal: the right PIN is refused there too.
    with pytest.raises(LoginFailed, match="too many wrong PINs: try again in 10 min"):
        PeopleService(first.store, clock).login_pin("950", "582931")
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        outcomes = session.scalars(
            select(EventRecord.outcome).where(EventRecord.kind == "user.locked_out")
        ).all()
    assert outcomes == ["applied"]  # the server took the lock as a fact of the record
