"""The frozen build works: PyInstaller builds packaging/takt.spec, and the bundle runs.

Slow (a minute or two on a 2-core machine): it freezes the whole app into tmp_path and
runs the frozen `takt demo --smoke`, which opens the demo window offscreen, migrates a
fresh database with the bundled Alembic scripts, loads the bundled styles and demo
plant, and logs the demo operator in; then again in German, from the bundled compiled
catalogues, tracing its start-up. CI runs it, so a missing PyInstaller fails it
instead of skipping it.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "takt.spec"
BUILD_TIMEOUT_S = 1200
RUN_TIMEOUT_S = 180


def _run(
    args: list[str], *, timeout: float, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            args,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"{' '.join(args)} did not finish in {timeout} s:\n{_tail(error.stderr)}")


def _tail(text: str | bytes | None, lines: int = 40) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return "\n".join((text or "").splitlines()[-lines:])


def _report(result: subprocess.CompletedProcess[str]) -> str:
    return (
        f"exit code {result.returncode}\n--- stdout ---\n{_tail(result.stdout)}\n"
        f"--- stderr ---\n{_tail(result.stderr)}"
    )


@pytest.mark.slow
def test_frozen_takt_runs_the_demo_smoke(tmp_path: Path) -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail(
            "PyInstaller is not installed, so the frozen build cannot be tested; "
            "install the test extras: pip install -e '.[test]'"
        )

    dist = tmp_path / "dist"
    build = _run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(tmp_path / "work"),
        ],
        timeout=BUILD_TIMEOUT_S,
        cwd=tmp_path,
    )
    assert build.returncode == 0, f"PyInstaller failed:\n{_report(build)}"

    takt = dist / "takt" / ("takt.exe" if sys.platform == "win32" else "takt")
    assert takt.is_file(), f"PyInstaller built no {takt}"

    # The frozen app must find everything in the bundle: run it away from the source
    # tree, with nothing pointing Python there, and keep every file it writes (demo
    # database, log) inside tmp_path.
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "XDG_")) and key != "TAKT_DATA_DIR"
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        TAKT_DATA_DIR=str(tmp_path / "data"),
        TMPDIR=str(tmp_path),  # `takt demo` makes its data folder with mkdtemp()
        TEMP=str(tmp_path),
        TMP=str(tmp_path),
    )

    version = _run([str(takt), "--version"], timeout=RUN_TIMEOUT_S, cwd=home, env=env)
    expected = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert version.returncode == 0, f"frozen takt --version failed:\n{_report(version)}"
    assert version.stdout.strip() == f"takt {expected}", _report(version)

    smoke = _run([str(takt), "demo", "--smoke"], timeout=RUN_TIMEOUT_S, cwd=home, env=env)
    assert smoke.returncode == 0, f"frozen takt demo --smoke failed:\n{_report(smoke)}"
    assert "takt smoke ok" in smoke.stdout, _report(smoke)

    # The bundle carries the compiled catalogues (built by the spec), not their sources,
    # and the symbol and emoji font with its licence.
    bundled = takt.parent / "_internal" / "resources"
    languages = sorted(p.stem for p in (ROOT / "resources" / "i18n").glob("takt_*.ts"))
    assert sorted(p.stem for p in (bundled / "i18n").glob("takt_*.qm")) == languages
    assert not list((bundled / "i18n").glob("*.ts"))
    assert (bundled / "fonts" / "Symbola-symbols.ttf").is_file()
    assert (bundled / "fonts" / "LICENSE-Symbola.txt").is_file()

    # A terminal whose computer speaks German starts in German from the bundled .qm,
    # and traces its start-up (the start screen first, then the login).
    data = tmp_path / "demo-de"
    trace = tmp_path / "startup.trace"
    german = _run(
        [str(takt), "demo", "--smoke", "--data-dir", str(data)],
        timeout=RUN_TIMEOUT_S,
        cwd=home,
        env={**env, "LC_ALL": "de_DE.UTF-8", "TAKT_STARTUP_TRACE": str(trace)},
    )
    assert german.returncode == 0, f"frozen takt demo --smoke in German:\n{_report(german)}"
    assert "no compiled catalogue" not in german.stderr, _report(german)
    marks = dict(line.split(" ")[:2] for line in trace.read_text("utf-8").splitlines())
    assert float(marks["first_paint"]) < float(marks["prepared"]), marks
