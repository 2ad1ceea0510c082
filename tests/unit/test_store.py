"""Opening a database: migrations from empty, and every bad-input case named clearly."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, func, inspect, select, text

from app.errors import (
    CorruptDatabaseError,
    DiskFullError,
    NewerDatabaseError,
    UnwritableDataDirError,
)
from app.events import log
from app.events.payloads import ItemDefined
from app.model import Base, Item
from app.services.plant import ReferenceDataService
from app.store import Store, head_revision, open_store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrations_from_empty_build_exactly_the_model(any_store: Store) -> None:
    with any_store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []
    tables = set(inspect(any_store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_reopening_keeps_the_terminal_identity_and_data(tmp_path: Path) -> None:
    first = open_store(tmp_path / "t.sqlite3", terminal_name="kiosk-7")
    identity = first.terminal_id
    first.close()
    again = open_store(tmp_path / "t.sqlite3")
    assert (again.terminal_id, again.terminal_name) == (identity, "kiosk-7")
    again.close()


def test_durability_settings(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.sqlite3")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "terminal.sqlite3"
    path.write_bytes(b"this was a spreadsheet once\n" * 100)
    before = _digest(path)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_store(path)
    assert str(path) in str(caught.value)
    assert "not a Takt database" in str(caught.value)
    assert "Move it aside" in caught.value.remedy
    assert _digest(path) == before


def test_a_damaged_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "terminal.sqlite3"
    store = open_store(path)
    store.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page, len(data), 3 * page):  # scribble over every third page
        data[offset + 20 : offset + 400] = b"\xde\xad" * 190
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        open_store(path)
    assert _digest(path) == before


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "terminal.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = _digest(path)
    with pytest.raises(CorruptDatabaseError, match="not written by Takt"):
        open_store(path)
    assert _digest(path) == before


def test_a_database_from_a_newer_takt_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "terminal.sqlite3"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = _digest(path)
    with pytest.raises(NewerDatabaseError) as caught:
        open_store(path)
    assert "newer Takt" in str(caught.value)
    assert "9999_from_the_future" in str(caught.value)
    assert _digest(path) == before


def test_an_unwritable_data_dir_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(UnwritableDataDirError) as caught:
        open_store(blocker / "takt" / "terminal.sqlite3")
    assert str(blocker / "takt") in str(caught.value)
    assert "--data-dir" in caught.value.remedy
    assert blocker.read_text() == "a file where the data folder should be"


def test_a_database_without_schema_is_migrated_from_the_start(tmp_path: Path) -> None:
    path = tmp_path / "terminal.sqlite3"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in tables:
            conn.execute(f'DROP TABLE "{name}"')
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    # An empty alembic_version means "base": every migration runs from scratch.
    store = open_store(path)
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    store.close()


def test_an_older_schema_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from app.store import alembic_config

    path = tmp_path / "terminal.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")  # as the first Takt release left it
    engine.dispose()
    before = _digest(path)

    store = open_store(path)
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    store.close()
    backup = path.with_name(f"{path.name}.before-{head_revision()}.bak")
    assert backup.exists()
    assert _digest(backup) == before
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_a_full_disk_rolls_the_change_back_names_the_file_and_loses_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "terminal.sqlite3"
    store = open_store(path)
    service = ReferenceDataService(store)
    with store.read() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()

    def small_disk(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 4}")

    event.listen(store.engine, "connect", small_disk)
    store.engine.dispose()  # the next write opens a connection that finds the disk small

    def define(n: int) -> None:
        service.define(
            ItemDefined(code=f"BULK-{n}", name="x" * 150, item_class="raw"), actor="system"
        )

    saved = 0
    refused: DiskFullError | None = None
    while refused is None and saved < 5000:
        try:
            define(saved)
            saved += 1
        except DiskFullError as error:
            refused = error
    assert refused is not None
    assert saved > 0
    assert str(path) in str(refused)
    assert "the disk is full, so nothing of this change was saved" in str(refused)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Item)) == saved
        assert session.get(Item, f"BULK-{saved}") is None  # the refused one left no row

    event.remove(store.engine, "connect", small_disk)
    store.engine.dispose()  # space freed
    define(saved)
    with store.read() as session:
        report = log.verify(session)  # the chain goes on without a gap
        assert report.events == saved + 1
    store.close()
