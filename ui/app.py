"""Composition root of the terminal app: a start screen at once, then store, services,
background lanes and windows.

Start-up (`start_terminals`): the window appears a few hundred milliseconds after the
process starts, before the database, the domain or most of the screens are even imported;
it says in words what is being prepared. The slow work (opening and upgrading the
database, checking its event log, seeding the demo plant, starting the demo's server,
registering with it, importing the screens) runs on a worker thread, handed in by the
command as `prepare`; then the terminal windows open on the login screen.

This module imports only the standard library at the top, so the command line reaches
the start screen quickly.

Set TAKT_STARTUP_TRACE=FILE to have start-up's moments appended to FILE, one per line,
"<mark> <milliseconds since the process started>": `first_paint` (the start screen was
painted), `prepared` (the slow work is done), `login_usable` (the login screen is on
screen, painted, and the GUI thread is free to take a badge); between them the commands'
own marks (`database_open`, `screens_loaded`) and each step the start screen showed
("step <ms> <its words, as shown>"). The time is measured from
the process's start as the kernel records it (/proc/self/stat, Linux); elsewhere from the
moment this module was imported. `python -m tests.perf startup` reads these lines.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.store import Store
    from sync.client.engine import SyncEngine
    from ui.background import Background
    from ui.main_window import MainWindow
    from ui.start_screen import StartProgress, StartScreen

log = logging.getLogger(__name__)

SMOKE_TIMEOUT_MS = 60_000
SYNC_STOP_GRACE_S = 2.0
WINDOW_OFFSET = 48  # each further window opens this far down and right of the last
WINDOW_SIZE = (1280, 800)
BEGIN_ANYWAY_MS = 500  # the preparation begins after the first frame, or after this
STARTUP_TRACE_ENV = "TAKT_STARTUP_TRACE"


# --- start-up trace --------------------------------------------------------------------


def _process_started() -> float:
    """The process's start on the time.monotonic() clock (seconds)."""
    now = time.monotonic()
    try:
        stat = Path("/proc/self/stat").read_text("ascii")
        # Field 22, starttime, in clock ticks since boot; fields count after "(comm)".
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return now  # not Linux: from this module's import on
    return now - max(0.0, age)


_PROCESS_STARTED = _process_started()


def since_process_start_ms() -> float:
    return (time.monotonic() - _PROCESS_STARTED) * 1000


def trace(mark: str, note: str = "") -> None:
    """Append `mark`, the time since the process started and `note` (one line of text)
    to $TAKT_STARTUP_TRACE, when it names a file."""
    path = os.environ.get(STARTUP_TRACE_ENV)
    if not path:
        return
    line = f"{mark} {since_process_start_ms():.1f}"
    if note:
        line += " " + " ".join(note.split())
    try:
        with open(path, "a", encoding="utf-8") as out:
            out.write(line + "\n")
    except OSError as error:
        log.warning("cannot write the start-up trace to %s: %s", path, error)


# --- what to open ----------------------------------------------------------------------


@dataclass(frozen=True)
class TerminalOptions:
    theme: str = "kiosk"
    full_screen: bool = False
    smoke_badge: str | None = None  # log this badge in, print one line, exit
    work_center: str | None = None  # the kiosk's work center (default: a busy one)
    language: str | None = None  # the terminal's language (default: the computer's)


@dataclass(frozen=True)
class TerminalWindow:
    """One window's terminal: its database and, when it follows a server, its engine."""

    store: Store
    engine: SyncEngine | None = None


# Runs off the GUI thread: opens what the windows need, telling the start screen each step.
Prepare = Callable[["StartProgress"], Sequence[TerminalWindow]]


def run_terminal(store: Store, options: TerminalOptions, engine: SyncEngine | None = None) -> int:
    """Show the terminal window until it is closed; return the process exit code."""
    return run_terminals([TerminalWindow(store, engine)], options)


def run_terminals(terminals: Sequence[TerminalWindow], options: TerminalOptions) -> int:
    """Show one window per (already opened) terminal until the last is closed."""
    return start_terminals(lambda _progress: terminals, options)


@dataclass
class _Start:
    """How start-up went, between the worker thread's result and the GUI thread."""

    terminals: Sequence[TerminalWindow] | None = None
    error: BaseException | None = None
    begun: bool = False  # the preparation was handed to the worker thread
    abandoned: bool = False  # the start screen was closed before the windows opened
    opened: list[tuple[MainWindow, Background]] = field(default_factory=list)
    outcome: dict[str, int] = field(default_factory=lambda: {"code": 0})


def start_terminals(prepare: Prepare, options: TerminalOptions) -> int:
    """Show the start screen now, run `prepare` off the GUI thread, then one window per
    terminal it opened until the last is closed; return the process exit code.

    An exception from `prepare` (the database cannot be opened, another Takt holds it)
    is raised here, on the caller's thread, once the start screen is gone. Closing the
    start screen lets the preparation finish (the demo's seeding is not cut in half),
    then returns without opening the windows.
    """
    if options.smoke_badge is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from ui.background import Background
    from ui.start_screen import StartProgress, StartScreen

    qt_app = application(options.theme, options.language)
    state = _Start()
    # Its own, apart from the windows' (they do not exist yet): no terminal database is
    # open, so the preparation runs as the slow work beside one (`network`).
    background = Background()
    progress = StartProgress()

    def prepared(terminals: Sequence[TerminalWindow]) -> None:
        trace("prepared")
        state.terminals = terminals
        if state.abandoned:
            return
        try:
            _open_windows(qt_app, screen, terminals, options, state)
        except BaseException as error:  # reported on the caller's thread, as prepare's are
            failed(error)

    def failed(error: BaseException) -> None:
        state.error = error
        screen.close()
        qt_app.quit()

    def closed() -> None:
        if not state.opened:
            state.abandoned = True

    def begin() -> None:
        # Once: after the start screen's first frame (so the work does not hold the
        # interpreter while the window is drawn), or after a while if it is never
        # painted (a window mapped off screen).
        if not state.begun:
            state.begun = True
            # Owned by the application, not the start screen: what was prepared comes
            # back even when the screen was closed meanwhile, for the command to close.
            background.network(lambda: prepare(progress), prepared, failed, owner=qt_app)

    def first_paint() -> None:
        trace("first_paint")
        QTimer.singleShot(0, begin)

    screen = StartScreen(on_first_paint=first_paint)
    screen.resize(*WINDOW_SIZE)
    screen.follow(progress)
    # After the screen's own slot: the words as the screen shows them.
    progress.sig_step.connect(lambda *_: trace("step", screen.step_text()))
    _show(screen, options)
    QTimer.singleShot(BEGIN_ANYWAY_MS, begin)
    qt_app.lastWindowClosed.connect(closed)
    if options.smoke_badge is not None:
        QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: _smoke_timeout(state.outcome))
    code = qt_app.exec()
    if not state.begun:
        return code  # closed before the work began: nothing was opened
    if state.terminals is None and state.error is None:
        # Closed while preparing: let the preparation end (and hand back what it opened,
        # for the command to close), rather than cut a seeding or a migration in half.
        state.abandoned = True
        log.info("start-up was closed before it finished; waiting for its step to end")
        background.wait(-1)
        qt_app.processEvents()
    _stop(state.opened)
    if state.error is not None:
        raise state.error
    return state.outcome["code"] or code


def application(theme: str, language: str | None = None) -> QApplication:
    """The QApplication, its theme, fonts and language (`language`, else the computer's,
    until someone logs in)."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui.fonts import install_fonts
    from ui.garbage import collect_on_gui_thread
    from ui.i18n import use_language
    from ui.logging_setup import route_qt_messages
    from ui.theme import apply_theme

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName("Takt")
    collect_on_gui_thread(qt_app)  # cycles die on the GUI thread, never on a worker
    route_qt_messages()
    install_fonts(qt_app)
    apply_theme(qt_app, theme)
    use_language(language or QLocale.system().name())
    return qt_app


def _show(window: Any, options: TerminalOptions) -> None:
    if options.full_screen:
        window.showFullScreen()
    else:
        window.show()


def _open_windows(
    qt_app: QApplication,
    screen: StartScreen,
    terminals: Sequence[TerminalWindow],
    options: TerminalOptions,
    state: _Start,
) -> None:
    from PySide6.QtCore import QPoint

    from app.clock import SystemClock
    from app.i18n import QT_TR_NOOP
    from app.services.people import PeopleService
    from ui.background import Background
    from ui.main_window import MainWindow

    screen.show_step(QT_TR_NOOP("Opening the screens…"), {})
    screen.repaint()
    clock = SystemClock()
    for n, terminal in enumerate(terminals):
        background = Background()
        store = terminal.store
        window = MainWindow(
            store,
            PeopleService(store, clock),
            background,
            clock=clock,
            work_center=options.work_center,
            language=options.language,
        )
        window.resize(*WINDOW_SIZE)
        if n == 0:
            window.move(screen.pos())
        else:
            window.move(screen.pos() + QPoint(WINDOW_OFFSET * n, WINDOW_OFFSET * n))
        if terminal.engine is not None:
            window.attach_sync(terminal.engine)
        state.opened.append((window, background))
        _show(window, options)
    _watch_login(state.opened[0][0])
    screen.close()
    if options.smoke_badge is not None:
        _drive_smoke(state.opened[0][0], options.smoke_badge, state.outcome)


def _watch_login(window: MainWindow) -> None:
    """Trace `login_usable` once the login screen's badge field is painted and the GUI
    thread has nothing else queued (so a scanned badge would be taken at once)."""
    if not os.environ.get(STARTUP_TRACE_ENV):
        return
    from PySide6.QtCore import QEvent, QObject, QTimer

    field_ = window.login_view.badge

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and field_.isVisible() and field_.isEnabled():
                field_.removeEventFilter(self)
                QTimer.singleShot(0, lambda: trace("login_usable"))
            return False

    watch = Watch(window)
    field_.installEventFilter(watch)


def _stop(opened: list[tuple[MainWindow, Background]]) -> None:
    syncs = [window.sync for window, _ in opened if window.sync is not None]
    for sync in syncs:
        sync.stop()
    # Short: a daemon thread still reading the live stream ends with the process, and an
    # event it applied meanwhile is one SQLite transaction, whole or not at all.
    deadline = time.monotonic() + SYNC_STOP_GRACE_S
    for sync in syncs:
        if not sync.wait_stopped(max(0.0, deadline - time.monotonic())):
            log.info("the sync engine was still stopping at exit")
    for _, background in opened:
        background.shutdown()


def _drive_smoke(window: MainWindow, badge: str, outcome: dict[str, int]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

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


def _smoke_timeout(outcome: dict[str, int]) -> None:
    from PySide6.QtWidgets import QApplication

    sys.stderr.write("takt smoke FAILED: the first screen did not appear in time\n")
    outcome["code"] = 1
    QApplication.quit()


def show_startup_error(message: str) -> None:
    """Tell a person at a terminal (not only a console) why Takt cannot start, in the
    terminal's language when `message` is an app.i18n Message."""
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox

        from ui.i18n import tr, translated

        _app = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.critical(None, tr("Takt cannot start"), translated(message))
    except Exception:  # a broken display must not hide the message already printed
        log.debug("could not show the startup error dialog", exc_info=True)


def terminal_database(data_dir: Path, number: int = 1) -> Path:
    """terminal.sqlite3; the demo's further terminals are terminal-2.sqlite3, ..."""
    return data_dir / ("terminal.sqlite3" if number == 1 else f"terminal-{number}.sqlite3")
