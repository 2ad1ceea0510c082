"""PINs across a plant: terminals check PINs with the key the server gave them when they
registered, and wrong PINs typed on one terminal count on the others."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.events.payloads import UserLockedOut
from app.model import EventRecord, TerminalSession
from app.model.types import Role
from app.pin_key import load_pin_key
from app.services.people import LoginFailed, PeopleService
from tests.conftest import NOW
from tests.sync.plant import Plant
from tests.sync.test_authority import forge, server_verdict


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


def _outcome(plant: Plant, kind: str) -> list[tuple[str, str | None]]:
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        return [
            (r.outcome, r.reason)
            for r in session.scalars(
                select(EventRecord)
                .where(
                    EventRecord.kind == kind, EventRecord.payload["user_id"].as_string() == "950"
                )
                .order_by(EventRecord.position)
            )
        ]


def test_the_right_pin_at_a_terminal_that_had_not_heard_of_the_lock_is_refused_by_the_server(
    plant: Plant, clock: FixedClock
) -> None:
    """A guesser locks a number at one kiosk and goes on at the next before it has pulled
    the lock: that kiosk lets the right PIN through, the server (which took the lock
    first) refuses the login with its reason, and the kiosk, once it has pulled, holds
    no session for that person. A badge login ends the lock on every terminal."""
    _enroll_on_server(plant, clock)
    first, second = plant.terminal("kiosk-1"), plant.terminal("kiosk-2")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            PeopleService(first.store, clock).login_pin("950", "000000")
    first.engine.push_pending()  # the server holds the lock
    PeopleService(second.store, clock).login_pin("950", "582931")  # not heard of it
    second.engine.push_pending()
    second.engine.pull_pending()
    ((outcome, reason),) = _outcome(plant, "user.logged_in")
    assert outcome == "rejected"
    assert reason is not None
    assert "locked until" in reason
    assert "scan the badge" in reason
    (refused,) = second.engine.rejected()
    assert refused.kind == "user.logged_in"
    assert refused.reason == reason
    with second.store.read() as session:
        assert session.get(TerminalSession, (second.store.terminal_id, "950")) is None
    # The badge is the way in during a lock, and it ends the lock for the PIN too.
    PeopleService(second.store, clock).login_badge("SYN-950")
    second.engine.push_pending()
    clock.advance(timedelta(minutes=1))
    first.engine.pull_pending()
    PeopleService(first.store, clock).login_pin("950", "582931")
    first.engine.push_pending()
    assert [o for o, _ in _outcome(plant, "user.logged_in")] == ["rejected", "applied", "applied"]


def test_a_terminal_cannot_lock_a_pin_for_longer_than_a_lock_lasts(
    plant: Plant, clock: FixedClock
) -> None:
    """Locks are recorded anonymously, by any terminal: one that says a lock lasts a
    week would keep a person off PIN login; the server refuses it with its reason."""
    _enroll_on_server(plant, clock)
    kiosk = plant.terminal("kiosk-1")
    week = UserLockedOut(user_id="950", until=NOW + timedelta(days=7), failures=5)
    seq = forge(kiosk, week, "anonymous")
    kiosk.engine.push_pending()
    assert server_verdict(plant, kiosk, seq) == ("rejected", "a PIN lock lasts 10 min at most")
    kiosk.engine.pull_pending()  # a refused lock locks nothing here either
    PeopleService(kiosk.store, clock).login_pin("950", "582931")
    kiosk.engine.push_pending()
    assert [o for o, _ in _outcome(plant, "user.logged_in")] == ["applied"]
