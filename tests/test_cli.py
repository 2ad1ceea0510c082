"""`takt` as a person runs it: the demo smoke run, and clear messages instead of tracebacks."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.store import open_store


def takt(*args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "TAKT_DATA_DIR": str(home / "takt-data"),
    }
    return subprocess.run(
        [sys.executable, "-m", "ui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def test_demo_smoke_logs_the_operator_in_and_exits_zero(tmp_path: Path) -> None:
    result = takt("demo", "--smoke", home=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("takt smoke ok: Ana Petrović logged in")
    assert "17 work centers shown" in lines[0]


def test_demo_keeps_its_state_in_a_given_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    assert takt("demo", "--smoke", "--data-dir", str(data), home=tmp_path).returncode == 0
    assert takt("demo", "--smoke", "--data-dir", str(data), home=tmp_path).returncode == 0
    with sqlite3.connect(data / "terminal.sqlite3") as conn:
        logins = conn.execute(
            "SELECT count(*) FROM events WHERE kind = 'user.logged_in'"
        ).fetchone()[0]
        orders = conn.execute("SELECT count(*) FROM work_orders").fetchone()[0]
    assert (logins, orders) == (2, 150)  # seeded once, used twice


@pytest.mark.parametrize("damage", ["garbage", "newer"])
def test_a_bad_database_gets_a_message_not_a_traceback(tmp_path: Path, damage: str) -> None:
    data = tmp_path / "demo"
    data.mkdir()
    path = data / "terminal.sqlite3"
    if damage == "garbage":
        path.write_bytes(b"\x00garbage" * 512)
    else:
        open_store(path).close()
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'zz99'")
    before = path.read_bytes()
    result = takt("demo", "--smoke", "--data-dir", str(data), home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert ("not a Takt database" if damage == "garbage" else "newer Takt") in result.stderr
    assert path.read_bytes() == before


def test_an_unwritable_data_dir_gets_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    result = takt("terminal", "--data-dir", str(blocker / "sub"), home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "cannot write its data" in result.stderr
    assert "--data-dir" in result.stderr


def test_version(tmp_path: Path) -> None:
    result = takt("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("takt 0.")
