"""Start-up as a person sees it (issue 12): how soon a window shows, and how soon the login
screen takes a badge.

Each run starts Takt as a real process (`python -m ui ...`, Qt offscreen), on fresh data
(a copy per run), and reads the moments the app traces when TAKT_STARTUP_TRACE names a
file (ui/app.py): `first_paint` (the start screen's first frame), `login_usable` (the
login screen painted, the GUI thread free). Both are milliseconds since the process
started, as the kernel records its start (/proc/self/stat): the interpreter's own start-up
and every import count.

- startup_terminal: `takt terminal` on a terminal database that holds the demo plant
  (mid-shift, its event log checked at start). Goal: first paint < 1,000 ms, login
  usable < 1,500 ms.
- startup_demo_first: `takt demo` on an empty folder: the server's database is created and
  the demo plant seeded, the terminal registers and pulls the plant, all behind the start
  screen, which says what it prepares.
- startup_demo_later: `takt demo` again on a folder a first start left (a copy per run).
"""

from __future__ import annotations

import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.perf.harness import benchmark, check, emit

ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT_S = 120.0
POLL_S = 0.01


def _environment(home: Path, trace: Path, keyring: Path) -> dict[str, str]:
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TAKT_", "XDG_", "PYTHON_KEYRING")) and k != "QT_QPA_PLATFORM"
    }
    return {
        **keep,
        "QT_QPA_PLATFORM": "offscreen",
        "LC_ALL": "C.UTF-8",  # the start screen speaks English (read_steps)
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TAKT_DATA_DIR": str(home / "takt-data"),
        "TAKT_STARTUP_TRACE": str(trace),
        # A keyring as a machine with one has (CI machines have none): tests/file_keyring.py.
        "PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
        "TAKT_TEST_KEYRING": str(keyring),
        "PYTHONPATH": str(ROOT),
    }


def read_trace(path: Path) -> dict[str, float]:
    """The first time of each mark in a start-up trace (steps are left out: `read_steps`)."""
    marks: dict[str, float] = {}
    for name, moment, _ in _trace_lines(path):
        if name != "step":
            marks.setdefault(name, moment)
    return marks


def read_steps(path: Path) -> list[str]:
    """What the start screen said, in order (in the language it spoke)."""
    return [note for name, _, note in _trace_lines(path) if name == "step"]


def _trace_lines(path: Path) -> list[tuple[str, float, str]]:
    lines = []
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            name, moment, note = [*line.split(" ", 2), "", ""][:3]
            try:
                lines.append((name, float(moment), note))
            except ValueError:
                continue  # a line still being written
    return lines


def run_until_login(
    args: list[str], home: Path, *, timeout: float = RUN_TIMEOUT_S
) -> dict[str, float]:
    """Start `takt ARGS`, wait for its login screen to be usable, stop it; its marks."""
    home.mkdir(parents=True, exist_ok=True)
    trace = home / "startup.trace"
    trace.unlink(missing_ok=True)
    env = _environment(home, trace, home / "keyring.json")
    with open(home / "stderr.txt", "w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "ui", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            deadline = time.monotonic() + timeout
            while "login_usable" not in read_trace(trace):
                if process.poll() is not None:
                    raise AssertionError(
                        f"takt {' '.join(args)} ended ({process.returncode}) before its login "
                        f"screen was usable:\n{(home / 'stderr.txt').read_text('utf-8')[-3000:]}"
                    )
                if time.monotonic() > deadline:
                    raise AssertionError(f"takt {' '.join(args)}: no usable login in {timeout} s")
                time.sleep(POLL_S)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return read_trace(trace)


@functools.cache
def terminal_template() -> Path:
    """A terminal database holding the demo plant mid-shift (made once, copied per run)."""
    from app.clock import SystemClock
    from app.demo.floor import stage_floor
    from app.demo.generator import demo_plant
    from app.demo.seed import seed_plant
    from app.pin_key import PinKey, secret_name
    from app.secrets import env_name
    from app.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="takt-bench-startup-"))
    path = folder / "terminal.sqlite3"
    clock = SystemClock()
    store = open_store(path, terminal_name="bench-kiosk", clock=clock)
    # The terminal's PIN key from the environment, here and in the app (no keyring needed).
    os.environ[env_name(secret_name(store.terminal_id))] = PinKey.new().encode()
    seed_plant(store, demo_plant(clock.now()), clock)
    stage_floor(store, clock)
    store.close()
    return path


def _summary(name: str, runs: list[dict[str, float]]) -> None:
    """Median and worst of each mark; the marks between (database open, screens loaded,
    the work done) only as medians, to see where the time goes."""
    for marks in runs:
        check(
            marks["first_paint"] <= marks["prepared"] <= marks["login_usable"],
            f"{name}: marks out of order: {marks}",
        )
    figures: dict[str, object] = {}
    for mark in ("first_paint", "login_usable"):
        samples = [marks[mark] for marks in runs]
        figures[f"{mark}_ms_median"] = round(statistics.median(samples), 1)
        figures[f"{mark}_ms_max"] = round(max(samples), 1)
    between = set.intersection(*(set(marks) for marks in runs)) - {"first_paint", "login_usable"}
    for mark in sorted(between, key=lambda m: statistics.median(r[m] for r in runs)):
        figures[f"{mark}_ms_median"] = round(statistics.median(r[mark] for r in runs), 1)
    emit(name, **figures, n=len(runs))


@benchmark
def bench_startup_terminal(n: int = 7) -> None:
    template = terminal_template()
    pin_env = {k: v for k, v in os.environ.items() if k.startswith("TAKT_SECRET_PIN_KEY_")}
    runs = []
    with tempfile.TemporaryDirectory(prefix="takt-bench-") as tmp:
        for i in range(n):
            home = Path(tmp) / f"run{i}"
            data = home / "terminal"
            data.mkdir(parents=True)
            shutil.copy2(template, data / "terminal.sqlite3")
            saved = dict(os.environ)
            try:
                os.environ.update(pin_env)
                runs.append(run_until_login(["terminal", "--data-dir", str(data)], home))
            finally:
                os.environ.clear()
                os.environ.update(saved)
    _summary("startup_terminal", runs)


@benchmark
def bench_startup_demo_first(n: int = 3) -> None:
    runs = []
    with tempfile.TemporaryDirectory(prefix="takt-bench-") as tmp:
        for i in range(n):
            home = Path(tmp) / f"run{i}"
            runs.append(run_until_login(["demo", "--data-dir", str(home / "demo")], home))
    _summary("startup_demo_first", runs)


@benchmark
def bench_startup_demo_later(n: int = 5) -> None:
    runs = []
    with tempfile.TemporaryDirectory(prefix="takt-bench-") as tmp:
        first = Path(tmp) / "first"
        run_until_login(["demo", "--data-dir", str(first / "demo")], first)
        for i in range(n):
            home = Path(tmp) / f"run{i}"
            shutil.copytree(first, home, ignore=shutil.ignore_patterns("*.lock", "startup.trace"))
            runs.append(run_until_login(["demo", "--data-dir", str(home / "demo")], home))
    _summary("startup_demo_later", runs)
