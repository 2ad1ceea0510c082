"""Terminal windows that follow a real server on 127.0.0.1: news arrives without a refresh,
the status bar says when the server is gone and what waits, rejected events are listed.

With TAKT_SCREENSHOTS=DIR set, the screens are also saved there as PNGs.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStatusBar, QWidget

from app.clock import FixedClock
from app.model.types import ExceptionKind
from app.services.exceptions import NewException
from app.services.people import PeopleService
from app.store import Store
from sync.client.engine import PAGE_REFUSED, SyncEngine, SyncStatus
from sync.client.transport import Transport
from tests.sync.conftest import (  # noqa: F401 - fixtures: a server over a small seeded plant
    memory_keyring,
    plant,
    server_template,
)
from tests.sync.plant import Plant, Terminal
from ui.background import Background
from ui.common.timefmt import PlantTime
from ui.main_window import MainWindow
from ui.sync_controller import SyncController, touches_board, touches_exceptions
from ui.sync_rejected import RejectedColumn, describe
from ui.sync_status import SyncStatusWidget, skew_text, status_text
from ui.theme import apply_theme

SHOTS = os.environ.get("TAKT_SCREENSHOTS")
OPERATOR, SUPERVISOR, MAINTENANCE = "901", "902", "904"
LOAD_TIMEOUT = 20_000
SYNC_TIMEOUT = 10_000  # a change on one terminal shows on another within this


def _save(pixmap: QPixmap, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        assert pixmap.save(str(Path(SHOTS) / f"{name}.png"))


def _side_by_side(*widgets: QWidget) -> QPixmap:
    shots = [w.grab() for w in widgets]
    gap = 16
    canvas = QPixmap(
        sum(s.width() for s in shots) + gap * (len(shots) - 1), max(s.height() for s in shots)
    )
    canvas.fill(Qt.GlobalColor.darkGray)
    painter = QPainter(canvas)
    x = 0
    for shot in shots:
        painter.drawPixmap(x, 0, shot)
        x += shot.width() + gap
    painter.end()
    return canvas


def _downtime(wc: str = "WC-001", summary: str = "Spindle alarm") -> NewException:
    return NewException(
        kind=ExceptionKind.MACHINE_DOWNTIME,
        summary=summary,
        work_center=wc,
        details={"reason_code": "mechanical/bearing"},
    )


def _raise(qtbot, win: MainWindow, actor: str, new: NewException) -> str:
    raised: list[str] = []
    win.exceptions.raise_exception(actor, new, on_done=raised.append)
    qtbot.waitUntil(lambda: bool(raised), timeout=LOAD_TIMEOUT)
    return raised[0]


def _status(win: MainWindow) -> SyncStatus:
    assert win.sync is not None
    return win.sync.status


def _shown(win: MainWindow) -> str:
    assert win.sync_status is not None
    return win.sync_status.text


OpenWindow = Callable[..., tuple[MainWindow, Terminal]]


@pytest.fixture
def open_window(
    qtbot,
    plant: Plant,  # noqa: F811
    clock: FixedClock,
    theme: str,
) -> Iterator[OpenWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    opened: list[tuple[MainWindow, Background]] = []

    def open_window(
        name: str, badge: str | None = None, terminal: Terminal | None = None
    ) -> tuple[MainWindow, Terminal]:
        if terminal is None:
            terminal = plant.terminal(name)
            terminal.engine.sync_once()  # the plant first: logging in needs its people
        background = Background()
        store = terminal.store
        win = MainWindow(store, PeopleService(store, clock), background, clock=clock)
        qtbot.addWidget(win)
        opened.append((win, background))
        win.resize(1280, 800)
        win.show()
        win.attach_sync(terminal.engine)
        if badge is not None:
            with qtbot.waitSignal(win.sig_home_shown, timeout=LOAD_TIMEOUT):
                qtbot.keyClicks(win.login_view.badge, badge)
                qtbot.keyClick(win.login_view.badge, Qt.Key.Key_Return)
        return win, terminal

    yield open_window
    for win, background in opened:
        win.close()
        background.shutdown()
    QApplication.processEvents()


# --- two windows, one server ----------------------------------------------------------------


def test_an_exception_raised_in_one_window_appears_in_the_others_inbox(
    qtbot, open_window: OpenWindow
) -> None:
    kiosk, _ = open_window("kiosk-a", "SYN-901")  # operator
    desk, _ = open_window("desk-b", "SYN-904")  # maintenance owns machine downtime
    assert kiosk.windowTitle() != desk.windowTitle()
    desk.show_inbox()
    qtbot.waitUntil(lambda: desk.inbox_view.model.rowCount() == 0, timeout=LOAD_TIMEOUT)
    desk.inbox_view.refresh_timer.stop()  # only the sync may bring the news
    threads: list[bool] = []
    assert desk.sync is not None
    desk.sync.sig_applied.connect(
        lambda _r: threads.append(QThread.currentThread() is QApplication.instance().thread())
    )

    exc_id = _raise(qtbot, kiosk, OPERATOR, _downtime(summary="Spindle alarm on WC-001"))

    qtbot.waitUntil(lambda: desk.inbox_view.model.row_of(exc_id) is not None, timeout=SYNC_TIMEOUT)
    assert threads
    assert all(threads)  # delivered on the GUI thread: the engine's threads touch no widget
    assert desk.inbox_view.banner.isVisible()
    assert "Spindle alarm on WC-001" in desk.inbox_view.banner.text()
    qtbot.waitUntil(lambda: _status(kiosk).state == "online" and _status(kiosk).waiting == 0)
    assert _shown(kiosk).startswith("Online · synced ")
    QApplication.processEvents()
    _save(_side_by_side(kiosk, desk), "sync-two-windows-same-exception")


# --- offline and back -------------------------------------------------------------------------


def test_the_status_bar_shows_offline_with_what_waits_then_online_again(
    qtbot,
    open_window: OpenWindow,
    plant: Plant,  # noqa: F811
) -> None:
    win, _ = open_window("kiosk-a", "SYN-901")
    qtbot.waitUntil(lambda: _status(win).state == "online", timeout=SYNC_TIMEOUT)
    assert re.fullmatch(r"Online · synced \d\d:\d\d:\d\d \S+", _shown(win)), _shown(win)

    plant.stop_server()
    _raise(qtbot, win, OPERATOR, _downtime())  # its push finds nobody there
    qtbot.waitUntil(
        lambda: _status(win).state == "offline" and _status(win).waiting == 1,
        timeout=SYNC_TIMEOUT,
    )
    assert re.fullmatch(r"Offline · 1 waiting · last sync \d\d:\d\d:\d\d \S+", _shown(win))
    state = win.sync_status.state_button  # type: ignore[union-attr]
    assert state.property("state") == "offline"
    QApplication.processEvents()
    _save(win.grab(), "sync-offline-window")
    _save(win.statusBar().grab(), "sync-offline-status-bar")

    plant.start_server()
    # Tapping the status tries the server now instead of after the retry pause.
    qtbot.mouseClick(state, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: _status(win).state == "online" and _status(win).waiting == 0,
        timeout=SYNC_TIMEOUT,
    )
    assert state.property("state") == "online"
    assert "waiting" not in _shown(win)


# --- rejected events ------------------------------------------------------------------------


def test_the_rejected_count_opens_a_list_of_what_the_server_refused(
    qtbot,
    open_window: OpenWindow,
    plant: Plant,  # noqa: F811
) -> None:
    a = plant.terminal("desk-a")
    b = plant.terminal("desk-b")
    a.engine.sync_once()
    b.engine.sync_once()
    exc = a.exceptions.raise_exception(OPERATOR, _downtime())
    a.engine.sync_once()
    b.engine.sync_once()
    # Both supervisors resolve it before either hears of the other; a's reaches the server.
    a.exceptions.resolve(SUPERVISOR, exc, decision="reset the drive", root_cause="machine")
    b.exceptions.resolve(SUPERVISOR, exc, decision="replaced the sensor", root_cause="machine")
    a.engine.sync_once()

    win, _ = open_window("desk-b", terminal=b)  # b's engine now pushes its resolution
    widget = win.sync_status
    assert widget is not None
    qtbot.waitUntil(lambda: widget.rejected_button.isVisible(), timeout=SYNC_TIMEOUT)
    assert widget.rejected_button.text() == "1 rejected"
    assert "1 rejected" in widget.text

    qtbot.mouseClick(widget.rejected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible())
    dialog = widget.dialog
    assert dialog is not None
    model = dialog.model
    assert model.rowCount() == 1
    cell = lambda column: str(model.index(0, column).data())  # noqa: E731
    assert cell(RejectedColumn.WHO) == "Supervisor 2"
    assert cell(RejectedColumn.WHAT) == "exception resolved: Spindle alarm"
    assert "“Spindle alarm” was resolved by Supervisor 2" in cell(RejectedColumn.WHY)
    assert re.fullmatch(r"\w{3} \d\d \w{3} \d\d:\d\d:\d\d", cell(RejectedColumn.WHEN))
    QApplication.processEvents()
    _save(dialog.grab(), "sync-rejected-dialog")
    dialog.close_button.click()
    assert not dialog.isVisible()


# --- the status item in both themes ---------------------------------------------------------


@pytest.mark.parametrize("theme", ["kiosk", "desk"])
def test_the_status_item_warns_of_clock_skew_and_counts_rejections(
    qtbot, store: Store, theme: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    engine = SyncEngine(store, Transport("http://127.0.0.1:9"))  # never started
    background = Background()
    sync = SyncController(engine, background)
    bar = QStatusBar()
    bar.setObjectName("statusBar")
    widget = SyncStatusWidget(sync, clock=PlantTime("UTC"))
    bar.addPermanentWidget(widget)
    qtbot.addWidget(bar)
    bar.resize(1280, bar.sizeHint().height())
    bar.show()
    assert widget.text == "Connecting to the server"

    # The engine reports from its own threads; the item changes on the GUI thread.
    status = SyncStatus("online", 0, AT, rejected=2, clock_skew_s=-400.0)
    assert engine.on_status is not None
    reporter = threading.Thread(target=engine.on_status, args=(status,))
    reporter.start()
    reporter.join()
    qtbot.waitUntil(lambda: widget.rejected_button.isVisible())
    assert widget.text == (
        "Online · synced 08:01:02 UTC · Clock 7 min ahead of the server · 2 rejected"
    )
    assert widget.skew.isVisible()
    _save(bar.grab(), f"sync-status-bar-{theme}")
    background.shutdown()


# --- the words --------------------------------------------------------------------------------

AT = datetime(2026, 11, 23, 8, 1, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (SyncStatus("online", 0, AT), "Online · synced 08:01:02 UTC"),
        (SyncStatus("online", 2, AT), "Online · 2 waiting · synced 08:01:02 UTC"),
        (
            SyncStatus("offline", 3, AT - timedelta(minutes=6)),
            "Offline · 3 waiting · last sync 07:55:02 UTC",
        ),
        (SyncStatus("offline", 0, None), "Offline · never synced"),
        (SyncStatus("connecting"), "Connecting to the server"),
        (
            SyncStatus("unregistered", 1),
            "Not enrolled with the server · 1 waiting · run takt enroll",
        ),
        (SyncStatus("refused", 0, AT), "Server refused this terminal · last sync 08:01:02 UTC"),
        (
            SyncStatus("refused", 0, AT, detail=f"{PAGE_REFUSED}: the server's event 3 (...)"),
            "Refused the server's data · last sync 08:01:02 UTC",
        ),
        (
            SyncStatus("forked", 2, AT, detail="This terminal's database is a copy of ..."),
            "Copy of another terminal's database: not syncing · 2 waiting · "
            "run takt enroll --new-identity",
        ),
        (
            SyncStatus("tampered", 1, AT),
            "Own events changed outside Takt: not syncing · 1 waiting · last sync 08:01:02 UTC",
        ),
    ],
)
def test_status_words(status: SyncStatus, text: str) -> None:
    assert status_text(status, PlantTime("UTC")) == text


def test_clock_skew_is_told_only_past_two_minutes() -> None:
    assert skew_text(None) is None
    assert skew_text(119.0) is None
    assert skew_text(-120.0) is None
    assert skew_text(300.0) == "Clock 5 min behind the server"
    assert skew_text(-7200.0) == "Clock 2.0 h ahead of the server"


def test_which_screens_a_page_of_events_touches() -> None:
    assert not touches_board({"user.logged_in", "user.logged_out"})
    assert touches_board({"operation.confirmed"})
    assert touches_exceptions({"exception.raised"})
    assert touches_exceptions({"*"})
    assert not touches_exceptions({"operation.started", "user.logged_in"})


def test_a_rejected_event_is_described_by_its_subject() -> None:
    assert describe("exception.resolved", {"exception_id": "E1"}) == "exception resolved: E1"
    named = describe("exception.resolved", {"exception_id": "E1"}, {"E1": "Spindle alarm"})
    assert named == "exception resolved: Spindle alarm"
    assert describe("operation.started", {}) == "operation started"
