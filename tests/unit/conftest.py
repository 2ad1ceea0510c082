"""A small seeded plant per test, copied from one seeded file (enrolling people hashes
their PINs, which is slow)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.demo.generator import PlantData
from app.store import Store
from tests.conftest import NOW
from tests.postings import copy_of, seed_template


@pytest.fixture(scope="session")
def plant_template(tmp_path_factory: pytest.TempPathFactory, small_plant: PlantData) -> Path:
    return seed_template(tmp_path_factory.mktemp("plant") / "plant.sqlite3", small_plant, NOW)


@pytest.fixture
def plant(plant_template: Path, tmp_path: Path, clock: FixedClock) -> Iterator[Store]:
    store = copy_of(plant_template, tmp_path, clock)
    yield store
    store.close()
