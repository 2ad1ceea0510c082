"""Putting a generated plant into a store, through the same services as real data."""

from __future__ import annotations

import hashlib

from app.clock import Clock
from app.demo.generator import PlantData
from app.pin_key import PinKey, keep_pin_key, load_pin_key
from app.services.people import PeopleService
from app.services.plant import SYSTEM_ACTOR, ReferenceDataService
from app.store import Store


def seed_plant(store: Store, plant: PlantData, clock: Clock | None = None) -> None:
    ReferenceDataService(store, clock).load(plant.reference)
    people = PeopleService(store, clock)
    for user in plant.users:
        people.enroll(
            actor=SYSTEM_ACTOR,
            user_id=user.id,
            name=user.name,
            roles=list(user.roles),
            badge_id=user.badge,
            pin=user.pin,
            language=user.language,
        )


# The demo's PINs are in the README, so its PIN key need not be secret either; a fixed
# one keeps the PINs of a demo folder kept with --data-dir working on a machine whose
# keyring cannot keep a key from one run to the next. Only the demo server uses it.
DEMO_PIN_KEY = PinKey(hashlib.sha256(b"takt demo plant pin key").digest())


def ensure_demo_plant(store: Store, clock: Clock) -> bool:
    """Seed the demo plant into an empty store (the demo server's); return whether it did."""
    from app import queries

    if load_pin_key(store.terminal_id) is None:
        keep_pin_key(store.terminal_id, DEMO_PIN_KEY)
    from app.demo.generator import demo_plant

    with store.read() as session:
        if queries.plant_name(session) is not None:
            return False
    from app.demo.floor import stage_floor
    from app.demo.shift import seed_shift_calendars

    seed_plant(store, demo_plant(clock.now()), clock)
    seed_shift_calendars(store, clock)
    stage_floor(store, clock)
    return True


def demo_operator_badge() -> str:
    from datetime import UTC, datetime

    from app.demo.generator import demo_plant
    from app.model.types import Role

    users = demo_plant(datetime.now(UTC)).users
    return next(u.badge for u in users if u.roles == (Role.OPERATOR,))
