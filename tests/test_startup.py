"""Start-up: the start screen at once, the slow work off the GUI thread, then the login.

Not timed (`python -m tests.perf startup_terminal` times it): these check that the moments
the benchmark reads are traced, in order, by a real `takt terminal`, and how the start
screen and `start_terminals` behave (words, a closed start screen, a failed preparation).
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication

import ui.app
from app.i18n import QT_TR_NOOP
from app.store import Store
from tests.perf.bench_startup import read_steps, read_trace, run_until_login
from ui.app import TerminalOptions, TerminalWindow, start_terminals, trace
from ui.main_window import MainWindow
from ui.start_screen import StartProgress, StartScreen


def test_takt_terminal_traces_its_start_in_order(tmp_path: Path, demo_template: Path) -> None:
    data = tmp_path / "terminal"
    data.mkdir()
    shutil.copy2(demo_template, data / "terminal.sqlite3")
    marks = run_until_login(["terminal", "--data-dir", str(data)], tmp_path / "home")
    order = ["first_paint", "database_open", "screens_loaded", "prepared", "login_usable"]
    assert [mark for mark in sorted(marks, key=marks.__getitem__) if mark in order] == order
    assert 0 < marks["first_paint"] < marks["login_usable"] < 120_000
    steps = read_steps(tmp_path / "home" / "startup.trace")  # offscreen: the C locale, English
    assert steps[0] == "Opening this terminal's database…"
    assert "Loading the screens…" in steps


def test_the_trace_is_written_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "trace"
    monkeypatch.delenv("TAKT_STARTUP_TRACE", raising=False)
    trace("first_paint")
    assert not path.exists()
    monkeypatch.setenv("TAKT_STARTUP_TRACE", str(path))
    trace("first_paint")
    trace("step", "Preparing the demo plant:\n 150 work orders…")
    lines = path.read_text("utf-8").splitlines()
    assert lines[0].split(" ")[0] == "first_paint"
    # Since the process started: this test process has been running a while already.
    assert float(lines[0].split(" ")[1]) > 0
    assert lines[1].split(" ", 2)[2] == "Preparing the demo plant: 150 work orders…"
    assert read_steps(path) == ["Preparing the demo plant: 150 work orders…"]
    assert list(read_trace(path)) == ["first_paint"]


def test_the_process_start_is_before_now() -> None:
    before = ui.app.since_process_start_ms()
    time.sleep(0.01)
    after = ui.app.since_process_start_ms()
    assert 0 < before < after
    assert after - before >= 9


# --- the start screen ----------------------------------------------------------------------


def test_the_start_screen_says_each_step_with_numbers_in_the_language(qtbot) -> None:
    screen = StartScreen()
    qtbot.addWidget(screen)
    progress = StartProgress()
    screen.follow(progress)
    assert screen.step_text() == "Starting…"
    saved = QLocale()
    try:
        QLocale.setDefault(QLocale("en"))
        progress.step(
            QT_TR_NOOP("Preparing the demo plant: {operations} operations…"), operations=5000
        )
        progress.detail(QT_TR_NOOP("{records} records written"), records=1234)
        assert screen.step_text() == "Preparing the demo plant: 5,000 operations…"
        assert screen.detail_label.text() == "1,234 records written"
        QLocale.setDefault(QLocale("de"))
        screen.retranslate()
        assert "5.000" in screen.step_text()
        assert "1.234" in screen.detail_label.text()
    finally:
        QLocale.setDefault(saved)
    progress.step(QT_TR_NOOP("Loading the screens…"))
    assert screen.step_text() == "Loading the screens…"
    assert screen.detail_label.text() == ""  # a new step starts without the last one's count


def test_progress_from_another_thread_reaches_the_screen(qtbot) -> None:
    screen = StartScreen()
    qtbot.addWidget(screen)
    progress = StartProgress()
    screen.follow(progress)
    worker = threading.Thread(
        target=lambda: progress.step(QT_TR_NOOP("Starting the demo server…")), daemon=True
    )
    worker.start()
    worker.join(5)
    qtbot.waitUntil(lambda: screen.step_text() == "Starting the demo server…")


# --- start_terminals -----------------------------------------------------------------------


@pytest.fixture
def bare_application(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> QApplication:
    """start_terminals on the test's QApplication, without the app's theme and fonts."""
    monkeypatch.setattr(ui.app, "application", lambda _theme, _language=None: qapp)
    return qapp


def _start_screen() -> StartScreen | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, StartScreen)]
    return next((w for w in found if w.isVisible()), None)


def test_the_windows_open_once_prepared_and_the_start_screen_goes(
    bare_application: QApplication, store: Store
) -> None:
    seen: dict[str, object] = {}

    def prepare(progress: StartProgress) -> list[TerminalWindow]:
        seen["thread"] = threading.current_thread()
        progress.step(QT_TR_NOOP("Opening this terminal's database…"))
        return [TerminalWindow(store)]

    def close_when_open() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if any(w.isVisible() for w in windows):
            seen["start_screen_visible"] = _start_screen() is not None
            seen["login"] = windows[0].stack.currentWidget() is windows[0].login_view
            for window in windows:
                window.close()
        else:
            QTimer.singleShot(20, close_when_open)

    QTimer.singleShot(0, close_when_open)
    assert start_terminals(prepare, TerminalOptions()) == 0
    assert seen["thread"] is not threading.main_thread()  # the work ran off the GUI thread
    assert seen["start_screen_visible"] is False
    assert seen["login"] is True


def test_a_failed_preparation_is_raised_to_the_command(bare_application: QApplication) -> None:
    class Broken(Exception):
        pass

    def prepare(_progress: StartProgress) -> list[TerminalWindow]:
        raise Broken("the database is damaged")

    with pytest.raises(Broken, match="damaged"):
        start_terminals(prepare, TerminalOptions())
    assert _start_screen() is None


def test_closing_the_start_screen_lets_the_preparation_finish(
    bare_application: QApplication,
) -> None:
    began, finished = threading.Event(), threading.Event()

    def prepare(_progress: StartProgress) -> list[TerminalWindow]:
        began.set()
        time.sleep(0.3)  # a seeding that must not be cut in half
        finished.set()
        return []

    def close_when_begun() -> None:
        screen = _start_screen()
        if began.is_set() and screen is not None:
            screen.close()
        else:
            QTimer.singleShot(10, close_when_begun)

    QTimer.singleShot(0, close_when_begun)
    assert start_terminals(prepare, TerminalOptions()) == 0
    assert finished.is_set()
    assert not any(
        isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
    )
