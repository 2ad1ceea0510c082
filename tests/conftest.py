"""Shared fixtures. Qt runs offscreen; set before anything imports PySide6."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.demo.floor import stage_floor
from app.demo.generator import PlantData, demo_plant, synthetic_plant
from app.demo.seed import seed_plant
from app.store import Store, open_memory_store, open_store, open_store_url
from tests.pg import fresh_schema
from tests.postings import copy_of, seed_template

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def require_services() -> bool:
    """CI sets TAKT_REQUIRE_SERVICES=1: a missing service then fails instead of skipping."""
    return os.environ.get("TAKT_REQUIRE_SERVICES") == "1"


def service_missing(reason: str) -> None:
    if require_services():
        pytest.fail(f"{reason} (TAKT_REQUIRE_SERVICES=1, so this is a failure, not a skip)")
    pytest.skip(reason)


# The longest files (CI's `--durations`), handed to the workers first: with two workers
# taking whole files (`--dist loadfile`), a two-minute file started last keeps one core
# busy while the other waits, minutes the 15-minute budget does not have.
LONGEST_FIRST = (
    "tests/test_frozen_build.py",
    "tests/sync/test_convergence.py",
    "tests/ui/test_fit.py",
    "tests/test_cli.py",
    "tests/sync/test_convergence_model.py",
    "tests/test_code_quality.py",
    "tests/sync/test_scale_out.py",
)


def _longest_first(item: pytest.Item) -> int:
    path = item.nodeid.split("::", 1)[0]
    return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qapp" in getattr(item, "fixturenames", ()) or "qtbot" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.gui)
    items.sort(key=_longest_first)  # stable: the rest keep their order


@pytest.fixture(autouse=True)
def _cycles_die_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """As in the application (ui/garbage.py): while a test with Qt runs, the cyclic
    collector never runs on a worker thread, where it would free a closed screen's Qt
    objects off their thread; the test's garbage is collected here, on the GUI thread."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        yield
        return
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if enabled:
            gc.enable()


@pytest.fixture(autouse=True)
def _language_restored() -> Iterator[None]:
    """A test that switched the screens' language (or the number locale) leaves English
    behind, so the next test's numbers and words are what it expects."""
    yield
    import sys

    i18n = sys.modules.get("ui.i18n")
    if i18n is None:
        return
    from PySide6.QtCore import QCoreApplication, QLocale

    if QCoreApplication.instance() is not None:
        i18n.use_language("en")
    QLocale.setDefault(QLocale.c())


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def store(clock: FixedClock) -> Iterator[Store]:
    s = open_memory_store(clock=clock)
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_data() -> PlantData:
    return demo_plant(NOW)


@pytest.fixture(scope="session")
def small_plant() -> PlantData:
    """A small synthetic plant (3 work centers, users 901 operator ... 907 manager)."""
    return synthetic_plant(seed=3, work_centers=3, open_operations=12, now=NOW)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, demo_data: PlantData) -> Path:
    """The demo plant, mid-shift as `takt demo` shows it, seeded once; tests get copies."""
    path = tmp_path_factory.mktemp("demo-template") / "terminal.sqlite3"
    s = open_store(path, terminal_name="template", clock=FixedClock(NOW))
    seed_plant(s, demo_data, FixedClock(NOW))
    stage_floor(s, FixedClock(NOW))
    s.close()  # closing the last connection checkpoints the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path, clock: FixedClock) -> Iterator[Store]:
    path = tmp_path / "terminal.sqlite3"
    shutil.copy(demo_template, path)
    s = open_store(path, clock=clock)
    yield s
    s.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema for one test, dropped afterwards."""
    yield from postgres_schema()


def postgres_schema() -> Iterator[str]:
    """A fixture's body: a fresh schema, or the test skipped (failed in CI) saying why."""
    schema = fresh_schema()
    try:
        url = schema.__enter__()
    except OSError as missing:
        service_missing(str(missing))
    try:
        yield url
    finally:
        schema.__exit__(None, None, None)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path, clock: FixedClock) -> Iterator[Store]:
    """The same store on SQLite (terminals, small servers) and PostgreSQL (production server)."""
    if request.param == "sqlite":
        s = open_store(tmp_path / "db.sqlite3", clock=clock)
    else:
        s = open_store_url(request.getfixturevalue("pg_url"), clock=clock)
    yield s
    s.close()


@pytest.fixture(scope="session")
def plant_template(tmp_path_factory: pytest.TempPathFactory, small_plant: PlantData) -> Path:
    """The small plant seeded once into a file (enrolling hashes PINs: slow)."""
    return seed_template(tmp_path_factory.mktemp("plant") / "plant.sqlite3", small_plant, NOW)


@pytest.fixture
def plant(plant_template: Path, tmp_path: Path, clock: FixedClock) -> Iterator[Store]:
    """A copy of the small seeded plant for one test."""
    store = copy_of(plant_template, tmp_path, clock)
    yield store
    store.close()
