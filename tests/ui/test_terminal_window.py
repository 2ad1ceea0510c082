"""The terminal window: log in by badge or PIN pad, see the plant's work centers, log out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import queries
from app.model.types import MachineState
from app.services.people import PeopleService
from app.store import Store
from ui.background import Background
from ui.main_window import MainWindow
from ui.plant.work_center_model import WorkCenterTableModel
from ui.theme import apply_theme


@pytest.fixture
def window(qtbot, demo_store: Store) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "kiosk")
    background = Background()
    win = MainWindow(demo_store, PeopleService(demo_store), background)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.controller.close()
    background.shutdown()
    QApplication.processEvents()  # deliver what finished while the window still exists


def _scan(qtbot, win: MainWindow, badge: str) -> None:
    qtbot.keyClicks(win.login_view.badge, badge)
    qtbot.keyClick(win.login_view.badge, Qt.Key.Key_Return)


def test_scanning_a_badge_shows_the_plants_work_centers(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sig_home_shown, timeout=10_000):
        _scan(qtbot, window, "RVS-1001")
    # An operator lands on the kiosk lane, and reaches the plant view from the navigation bar.
    assert window.current is window.kiosk_view
    assert window.status_user.text() == "Ana Petrović"
    assert window.nav_lane.isChecked()
    assert not window.nav_board.isVisibleTo(window)
    with qtbot.waitSignal(window.sig_plant_shown, timeout=10_000):
        qtbot.mouseClick(window.nav_plant, Qt.MouseButton.LeftButton)
    assert window.current is window.plant_view
    assert window.work_centers.rowCount() == 17
    assert "Riverside Works" in window.plant_view.heading.text()
    codes = {window.work_centers.index(r, 1).data() for r in range(17)}
    assert {"LAS-01", "ASM-02", "MIL-01"} <= codes


def test_a_supervisor_lands_on_the_board_and_can_open_a_lane(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sig_home_shown, timeout=10_000):
        _scan(qtbot, window, "RVS-2002")
    assert window.current is window.board_view
    assert window.board_view.lanes  # the first area's lanes
    assert window.nav_board.isChecked()
    qtbot.mouseClick(window.nav_lane, Qt.MouseButton.LeftButton)
    assert window.current is window.kiosk_view
    assert window.kiosk_view.model.rowCount() > 0


def test_pin_pad_login(qtbot, window: MainWindow) -> None:
    view = window.login_view
    view.user_id.setFocus()
    for key in "2001":
        qtbot.mouseClick(view.keys[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.keys["OK"], Qt.MouseButton.LeftButton)  # moves on to the PIN
    assert view.user_id.text() == "2001"
    for key in "161803":  # Katrin's demo PIN (resources/demo/plant.toml)
        qtbot.mouseClick(view.keys[key], Qt.MouseButton.LeftButton)
    assert view.pin.text() == "161803"
    with qtbot.waitSignal(window.sig_home_shown, timeout=10_000):
        qtbot.mouseClick(view.keys["OK"], Qt.MouseButton.LeftButton)
    assert window.operator is not None
    assert window.operator.name == "Katrin Vogel"
    assert window.current is window.board_view  # a supervisor starts on the board


def test_wrong_pin_says_so_and_stays_on_login(qtbot, window: MainWindow) -> None:
    view = window.login_view
    qtbot.keyClicks(view.user_id, "1001")
    qtbot.keyClicks(view.pin, "9999")
    qtbot.keyClick(view.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "wrong" in view.error.text(), timeout=10_000)
    assert "4 tries left before a 10-minute lock" in view.error.text()
    assert window.current is view
    assert view.pin.text() == ""  # a wrong PIN never lingers on screen


def test_unknown_badge_is_reported(qtbot, window: MainWindow) -> None:
    _scan(qtbot, window, "STRANGER")
    qtbot.waitUntil(lambda: "not enrolled" in window.login_view.error.text(), timeout=10_000)
    assert window.operator is None


def test_logout_returns_to_login(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sig_home_shown, timeout=10_000):
        _scan(qtbot, window, "RVS-1002")
    qtbot.mouseClick(window.nav_logout, Qt.MouseButton.LeftButton)
    assert window.current is window.login_view
    assert window.operator is None
    assert window.status_user.text() == "nobody logged in"
    assert not window.nav.isVisible()
    assert window.login_view.badge.hasFocus() or not window.isActiveWindow()


def test_touch_targets_are_at_least_48_px(qtbot, window: MainWindow) -> None:
    for button in window.login_view.keys.values():
        assert min(button.height(), button.width()) >= 48
    assert window.login_view.badge.height() >= 48


def test_work_center_model_updates_rows_in_place(qtbot, qtmodeltester, demo_store: Store) -> None:
    with demo_store.read() as session:
        rows = queries.work_centers(session)
    model = WorkCenterTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    changed = list(rows)
    changed[3] = replace(rows[3], machine_state=MachineState.DOWN, open_operations=99)
    resets = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_rows(changed)
    top_left, bottom_right = blocker.args[:2]
    assert (top_left.row(), bottom_right.row()) == (3, 3)
    assert resets == []
    assert model.index(3, 3).data() == "DOWN"
    assert model.index(3, 4).data() == "99"


def test_an_idle_kiosk_logs_its_user_out(qtbot, demo_store: Store) -> None:
    from sqlalchemy import select

    from app.model import EventRecord

    background = Background()
    win = MainWindow(demo_store, PeopleService(demo_store), background, idle_minutes=0.005)  # 0.3 s
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.login_view.sig_logged_in, timeout=10_000):
        _scan(qtbot, win, "RVS-1001")
    qtbot.waitUntil(lambda: win.operator is None, timeout=10_000)
    assert win.current is win.login_view
    assert "nobody used this terminal" in win.login_view.error.text()
    background.wait()
    with demo_store.read() as session:
        last = session.scalars(
            select(EventRecord).where(EventRecord.kind == "user.logged_out")
        ).all()[-1]
    assert last.payload == {"user_id": "1001", "reason": "idle"}
    win.controller.close()
    win.exceptions.close()
    background.shutdown()
