"""Composition root of the terminal app: store, services, workers, window."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.clock import SystemClock
from app.services.people import PeopleService
from app.store import Store

if TYPE_CHECKING:
    from sync.client.engine import SyncEngine

log = logging.getLogger(__name__)

SMOKE_TIMEOUT_MS = 60_000
SYNC_STOP_GRACE_S = 2.0
WINDOW_OFFSET = 48  # each further window opens this far down and right of the last


@dataclass(frozen=True)
class TerminalOptions:
    theme: str = "kiosk"
    full_screen: bool = False
    smoke_badge: str | None = None  # log this badge in, print one line, exit
    work_center: str | None = None  # the kiosk's work center (default: a busy one)


@dataclass(frozen=True)
class TerminalWindow:
    """One window's terminal: its database and, when it follows a server, its engine."""

    store: Store
    engine: SyncEngine | None = None


def run_terminal(store: Store, options: TerminalOptions, engine: SyncEngine | None = None) -> int:
    """Show the terminal window until it is closed; return the process exit code."""
    return run_terminals([TerminalWindow(store, engine)], options)


def run_terminals(terminals: Sequence[TerminalWindow], options: TerminalOptions) -> int:
    """Show one window per terminal (the demo can run several) until the last is closed.

    Each window has its own worker lanes: each database has its own single writer.
    """
    if options.smoke_badge is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.logging_setup import route_qt_messages
    from ui.main_window import MainWindow
    from ui.theme import apply_theme
    from ui.workers import Workers

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName("Takt")
    route_qt_messages()
    apply_theme(qt_app, options.theme)
    clock = SystemClock()
    opened: list[tuple[MainWindow, Workers]] = []
    for n, terminal in enumerate(terminals):
        workers = Workers()
        store = terminal.store
        window = MainWindow(
            store,
            PeopleService(store, clock),
            workers,
            clock=clock,
            work_center=options.work_center,
        )
        window.resize(1280, 800)
        window.move(window.pos() + QPoint(WINDOW_OFFSET * n, WINDOW_OFFSET * n))
        if terminal.engine is not None:
            window.attach_sync(terminal.engine)
        if options.full_screen:
            window.showFullScreen()
        else:
            window.show()
        opened.append((window, workers))

    outcome = {"code": 0}
    if options.smoke_badge is not None:
        _drive_smoke(opened[0][0], options.smoke_badge, outcome)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: _smoke_timeout(qt_app, outcome))
    code = qt_app.exec()
    syncs = [window.sync for window, _ in opened if window.sync is not None]
    for sync in syncs:
        sync.stop()
    # Short: a daemon thread still reading the live stream ends with the process, and an
    # event it applied meanwhile is one SQLite transaction, whole or not at all.
    deadline = time.monotonic() + SYNC_STOP_GRACE_S
    for sync in syncs:
        if not sync.wait_stopped(max(0.0, deadline - time.monotonic())):
            log.info("the sync engine was still stopping at exit")
    for _, workers in opened:
        workers.shutdown()
    return outcome["code"] or code


def _drive_smoke(window: object, badge: str, outcome: dict[str, int]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)

    def report() -> None:
        rows = window.work_centers_shown()
        operator = window.operator
        ok = operator is not None and rows > 0
        outcome["code"] = 0 if ok else 1
        name = operator.name if operator else "nobody"
        # The one line the smoke test (and a person) reads; stdout, not the log.
        sys.stdout.write(
            f"takt smoke {'ok' if ok else 'FAILED'}: {name} logged in on "
            f"{window.windowTitle()}, {rows} work centers shown\n"
        )
        sys.stdout.flush()
        QApplication.quit()

    def log_in(*_: object) -> None:
        # Type the badge like a scanner does: characters, then Enter.
        QTest.keyClicks(window.login_view.badge, badge)
        QTest.keyClick(window.login_view.badge, Qt.Key.Key_Return)

    def no_plant(why: str) -> None:
        sys.stderr.write(f"takt smoke FAILED: the plant did not come from the server: {why}\n")
        outcome["code"] = 1
        QApplication.quit()

    window.sig_home_shown.connect(report)
    if window.sync is None:
        log_in()
        return
    # A terminal that follows a server knows its people only once it has pulled them.
    window.sync.sig_caught_up.connect(log_in)
    window.sync.sig_catch_up_failed.connect(no_plant)
    window.sync.catch_up()


def _smoke_timeout(qt_app: object, outcome: dict[str, int]) -> None:
    from PySide6.QtWidgets import QApplication

    sys.stderr.write("takt smoke FAILED: the first screen did not appear in time\n")
    outcome["code"] = 1
    QApplication.quit()


def show_startup_error(message: str) -> None:
    """Tell a person at a terminal (not only a console) why Takt cannot start."""
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        _app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, "Takt cannot start", message)
    except Exception:  # a broken display must not hide the message already printed
        log.debug("could not show the startup error dialog", exc_info=True)


def terminal_database(data_dir: Path, number: int = 1) -> Path:
    """terminal.sqlite3; the demo's further terminals are terminal-2.sqlite3, ..."""
    return data_dir / ("terminal.sqlite3" if number == 1 else f"terminal-{number}.sqlite3")
