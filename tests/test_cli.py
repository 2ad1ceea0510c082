"""`takt` as a person runs it: the demo smoke run, and clear messages instead of tracebacks."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.instance import TerminalLock
from app.secrets import env_name
from app.store import Store, open_store
from sync.client.credentials import token_name
from sync.client.transport import Transport, Unauthorized
from sync.protocol import Cursor
from sync.server import terminals
from sync.server.app import create_app
from sync.server.runner import ServerThread
from tests.perf.bench_startup import read_steps, read_trace

CODE_ENV = "TAKT_SECRET_ENROLLMENT_CODE"


def takt(
    *args: str, home: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if k not in (CODE_ENV, "PYTHON_KEYRING_BACKEND")},
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TAKT_DATA_DIR": str(home / "takt-data"),
        **(env or {}),
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
    first, later = tmp_path / "first.trace", tmp_path / "later.trace"
    for trace in (first, later):
        result = takt(
            "demo",
            "--smoke",
            "--data-dir",
            str(data),
            home=tmp_path,
            env={"TAKT_STARTUP_TRACE": str(trace)},
        )
        assert result.returncode == 0, result.stderr
    # The start screen said what it prepared: the plant on the first start only.
    preparing = "Preparing the demo plant (first start only): 150 work orders with "
    assert any(step.startswith(preparing) for step in read_steps(first)), read_steps(first)
    assert "Loading the plant into the demo terminal demo-kiosk…" in read_steps(first)
    assert not any(step.startswith(preparing) for step in read_steps(later))
    for trace in (first, later):
        marks = read_trace(trace)
        assert marks["first_paint"] < marks["prepared"], marks
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


def test_the_terminal_speaks_the_language_it_is_given(tmp_path: Path) -> None:
    """`--language` sets the screens' language before anyone logs in, whatever the
    computer speaks: the start screen already says its steps in it."""
    trace = tmp_path / "es.trace"
    result = takt(
        "demo",
        "--smoke",
        "--language",
        "es",
        "--data-dir",
        str(tmp_path / "demo"),
        home=tmp_path,
        env={"TAKT_STARTUP_TRACE": str(trace), "LC_ALL": "C.UTF-8"},
    )
    assert result.returncode == 0, result.stderr
    assert "Cargando la planta en el terminal de demostración demo-kiosk…" in read_steps(trace)
    assert takt("demo", "--language", "xx", home=tmp_path).returncode == 2


def test_an_unwritable_data_dir_gets_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    result = takt("terminal", "--data-dir", str(blocker / "sub"), home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "cannot write its data" in result.stderr
    assert "--data-dir" in result.stderr


def test_the_enrollment_code_variable_is_the_secrets_name() -> None:
    import ui.cli

    assert env_name("enrollment-code") == ui.cli.ENROLLMENT_CODE_ENV == CODE_ENV


def test_version(tmp_path: Path) -> None:
    result = takt("--version", home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("takt 0.")


# --- the demo's embedded server, several windows ----------------------------------------------


def test_demo_runs_several_terminals_on_its_own_server(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    result = takt("demo", "--smoke", "--windows", "2", "--data-dir", str(data), home=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("takt smoke ok: Ana Petrović logged in on Takt — demo-kiosk,")
    urls = set()
    for name in ("terminal.sqlite3", "terminal-2.sqlite3"):
        with sqlite3.connect(data / name) as conn:
            urls.add(conn.execute("SELECT server_url FROM sync_state").fetchone()[0])
    assert len(urls) == 1  # both follow the one embedded server
    assert urls.pop().startswith("http://127.0.0.1:")
    with sqlite3.connect(data / "server.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM terminals").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM work_orders").fetchone()[0] == 150


# --- one process per terminal database ---------------------------------------------------------


def test_a_second_takt_on_the_same_database_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "terminal"
    with TerminalLock(data / "terminal.sqlite3"):  # as a running `takt terminal` holds it
        result = takt("terminal", "--data-dir", str(data), home=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"another Takt is already running on {data / 'terminal.sqlite3'}" in result.stderr
    assert not (data / "terminal.sqlite3").exists()  # refused before opening it


# --- following a server: enrollment and tokens ------------------------------------------------


@pytest.fixture
def server_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "server.sqlite3", terminal_name="server")
    yield store
    store.close()


@pytest.fixture
def server(server_store: Store) -> Iterator[str]:
    thread = ServerThread(create_app(server_store, deadline_interval_s=None)).start()
    yield thread.url
    thread.stop()


def _code(server_store: Store) -> str:
    """A one-time code, as `takt server terminals add` issues it."""
    return terminals.add(server_store, datetime.now(UTC), "kiosk").code


def _keyring(tmp_path: Path) -> dict[str, str]:
    """Environment for a subprocess whose keyring is a JSON file in tmp_path."""
    return {
        "PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
        "TAKT_TEST_KEYRING": str(tmp_path / "keyring.json"),
    }


def test_terminal_with_a_server_but_no_token_says_how_to_enroll(tmp_path: Path) -> None:
    data = tmp_path / "terminal"
    result = takt(
        "terminal", "--server", "http://127.0.0.1:9", "--data-dir", str(data), home=tmp_path
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "this terminal has no server token" in result.stderr
    assert "takt enroll --server URL" in result.stderr


def test_enroll_registers_and_keeps_the_token_in_the_keyring(
    tmp_path: Path, server: str, server_store: Store
) -> None:
    data = tmp_path / "terminal"
    env = {**_keyring(tmp_path), CODE_ENV: _code(server_store)}
    result = takt("enroll", "--server", server, "--data-dir", str(data), home=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert f"with {server}" in result.stdout
    assert f"takt terminal --server {server} --data-dir {data}" in result.stdout
    with sqlite3.connect(data / "terminal.sqlite3") as conn:
        terminal_id = conn.execute("SELECT id FROM local_terminal").fetchone()[0]
    stored = json.loads((tmp_path / "keyring.json").read_text("utf-8"))
    token = stored[f"takt/terminal-token-{terminal_id}"]
    assert len(stored[f"takt/terminal-signing-key-{terminal_id}"]) == 64
    page = Transport(server, token).pull(Cursor(seq=0))  # the server takes the token
    assert page.cursor.seq >= 0


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        ("wrong code", "refused the enrollment code"),
        ("no server", "cannot reach the Takt server at http://127.0.0.1:9"),
        ("no keyring", "no keyring backend"),
    ],
)
def test_enroll_failures_get_a_message_and_exit_2(
    tmp_path: Path, server: str, server_store: Store, problem: str, message: str
) -> None:
    env = {**_keyring(tmp_path), CODE_ENV: _code(server_store)}
    url = server
    if problem == "wrong code":
        env[CODE_ENV] = "AAAA-BBBB-CCCC"
    elif problem == "no server":
        url = "http://127.0.0.1:9"
    else:
        env.pop("PYTHON_KEYRING_BACKEND")
    data = tmp_path / "terminal"
    result = takt("enroll", "--server", url, "--data-dir", str(data), home=tmp_path, env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "keyring.json").exists()


def test_enroll_without_a_keyring_refuses_before_registering_even_with_a_token_in_env(
    tmp_path: Path, server: str, server_store: Store
) -> None:
    # A token given by environment variable must not hide that new credentials could not
    # be kept: a terminal id registers once, so losing them would lock the terminal out.
    data = tmp_path / "terminal"
    store = open_store(data / "terminal.sqlite3")
    token_env = env_name(token_name(store.terminal_id))
    store.close()
    env = {CODE_ENV: _code(server_store), token_env: "the-token-this-terminal-runs-with"}
    result = takt("enroll", "--server", server, "--data-dir", str(data), home=tmp_path, env=env)
    assert result.returncode == 2
    assert "no keyring backend" in result.stderr
    assert "registered, but" not in result.stderr  # refused before, not after, registering


def test_server_terminals_add_list_revoke(tmp_path: Path, server: str) -> None:
    database = str(tmp_path / "server.sqlite3")
    added = takt(
        "server",
        "terminals",
        "add",
        "--name",
        "Line 3 kiosk",
        "--database",
        database,
        home=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    assert "for 'Line 3 kiosk'" in added.stdout
    assert "takt enroll --server URL" in added.stdout
    code = re.search(r": ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$", added.stdout.splitlines()[0])
    assert code is not None
    pending = takt("server", "terminals", "list", "--database", database, home=tmp_path)
    assert "Terminals: none registered" in pending.stdout
    assert "Pending enrollment codes: 1" in pending.stdout
    assert "Line 3 kiosk: issued" in pending.stdout

    data = tmp_path / "terminal"
    env = {**_keyring(tmp_path), CODE_ENV: code.group(1)}
    enrolled = takt("enroll", "--server", server, "--data-dir", str(data), home=tmp_path, env=env)
    assert enrolled.returncode == 0, enrolled.stderr
    with sqlite3.connect(data / "terminal.sqlite3") as conn:
        terminal_id = conn.execute("SELECT id FROM local_terminal").fetchone()[0]
    listed = takt("server", "terminals", "list", "--database", database, home=tmp_path)
    assert listed.returncode == 0, listed.stderr
    [row] = [line for line in listed.stdout.splitlines() if line.startswith(terminal_id)]
    assert "Line 3 kiosk" in row
    assert row.endswith("active")
    assert re.search(r"^ID +NAME +REGISTERED +LAST SEEN +STATE$", listed.stdout, re.MULTILINE)
    assert "Pending enrollment codes: 0" in listed.stdout

    revoked = takt(
        "server", "terminals", "revoke", terminal_id, "--database", database, home=tmp_path
    )
    assert revoked.returncode == 0, revoked.stderr
    assert f"Terminal {terminal_id} (Line 3 kiosk) is revoked" in revoked.stdout
    token = json.loads((tmp_path / "keyring.json").read_text("utf-8"))[
        f"takt/terminal-token-{terminal_id}"
    ]
    with pytest.raises(Unauthorized, match="was revoked"):
        Transport(server, token).pull(Cursor(seq=0))
    unknown = takt("server", "terminals", "revoke", "nope", "--database", database, home=tmp_path)
    assert unknown.returncode == 2
    assert "no terminal 'nope' is registered" in unknown.stderr


def _kiosk_with_items(path: Path, n: int) -> None:
    from app.clock import FixedClock
    from app.events.payloads import ItemDefined
    from app.model.types import ItemClass
    from app.services.plant import ReferenceDataService
    from tests.conftest import NOW

    store = open_store(path, terminal_name="kiosk-3")
    ReferenceDataService(store, FixedClock(NOW)).load(
        ItemDefined(code=f"I-{i}", name=f"Item {i}", item_class=ItemClass.RAW) for i in range(n)
    )
    store.close()


def test_verify_says_sound_or_lists_every_finding_and_the_terminal_will_not_start(
    tmp_path: Path,
) -> None:
    data = tmp_path / "terminal"
    path = data / "terminal.sqlite3"
    _kiosk_with_items(path, 5)
    sound = takt("verify", "--database", str(path), home=tmp_path)
    assert sound.returncode == 0, sound.stderr
    assert sound.stdout == f"{path}: 5 events of 1 terminal(s): sound\n"

    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET actor = 'intruder' WHERE terminal_seq IN (2, 4)")
    found = takt("verify", "--data-dir", str(data), home=tmp_path)
    assert found.returncode == 1
    lines = found.stdout.splitlines()
    assert lines[0] == f"{path}: 5 events of 1 terminal(s): 2 finding(s)"
    for seq in (2, 4):
        assert (
            f"  event {seq} (terminal kiosk-3 seq {seq}, item.defined at 2026-11-23 08:00 UTC): "
            "content was changed after it was recorded"
        ) in lines

    refused = takt("terminal", "--data-dir", str(data), home=tmp_path)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    assert "its event log was changed outside Takt: event 2 (terminal kiosk-3 seq 2" in (
        refused.stderr
    )
    assert "(and 1 more)" in refused.stderr


def test_verify_of_a_missing_file_says_so(tmp_path: Path) -> None:
    result = takt("verify", "--database", str(tmp_path / "nothing.sqlite3"), home=tmp_path)
    assert result.returncode == 2
    assert "no such database file" in result.stderr
    assert not (tmp_path / "nothing.sqlite3").exists()


def test_enroll_new_identity_refuses_a_database_not_shown_to_be_a_copy(tmp_path: Path) -> None:
    data = tmp_path / "terminal"
    _kiosk_with_items(data / "terminal.sqlite3", 3)  # 3 events no server has acknowledged
    result = takt(
        "enroll",
        "--new-identity",
        "--server",
        "http://127.0.0.1:9",
        "--data-dir",
        str(data),
        home=tmp_path,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "cannot give this database a new identity" in result.stderr
    assert "3 of its events are not acknowledged" in result.stderr
