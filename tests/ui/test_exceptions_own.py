"""The kiosk lane lists the operator's own open exceptions and keeps the list fresh."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.clock import FixedClock
from app.model.types import ExceptionKind
from app.priority.model import RowStatus
from app.services.exceptions import ExceptionService, NewException
from app.store import Store
from ui.exceptions.capture import CaptureDialog
from ui.main_window import MainWindow

TIMEOUT = 20_000
OPERATOR = "1001"


@pytest.fixture
def kiosk_work_center() -> str:
    return "LAT-01"


def _login(qtbot, win: MainWindow, badge: str) -> None:
    with qtbot.waitSignal(win.sig_home_shown, timeout=TIMEOUT):
        qtbot.keyClicks(win.login_view.badge, badge)
        qtbot.keyClick(win.login_view.badge, Qt.Key.Key_Return)


def _cells(win: MainWindow) -> list[list[str]]:
    table = win.kiosk_view.own_table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_own_open_exceptions_show_after_a_capture_and_a_board_reload(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    _login(qtbot, window, "RVS-1001")
    kiosk = window.kiosk_view
    assert window.current is kiosk
    qtbot.waitUntil(lambda: window.own_exceptions.operator is not None, timeout=TIMEOUT)
    assert not kiosk.own_table.isVisible()  # nothing raised yet: no list

    with qtbot.waitSignal(window.capture.sig_dialog_opened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(
            kiosk.exception_bar.buttons[ExceptionKind.MATERIAL_SHORTAGE], Qt.MouseButton.LeftButton
        )
    dialog = opened.args[0]
    assert isinstance(dialog, CaptureDialog)
    item = dialog.selected_choice()
    with qtbot.waitSignal(window.own_exceptions.sig_refreshed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.raise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.own_table.rowCount() == 1, timeout=TIMEOUT)
    [[kind, summary, status, owner]] = _cells(window)
    assert (kind, status, owner) == ("Shortage", "raised", "procurement")
    assert summary.startswith(f"Short of {item}")
    assert kiosk.own_title.isVisible()
    assert kiosk.own_title.text() == "My exceptions · 1"
    assert kiosk.table.isVisible()  # the queue stays in front; a tap shows the list
    qtbot.mouseClick(kiosk.own_title, Qt.MouseButton.LeftButton)
    assert kiosk.own_table.isVisible()

    # Raised elsewhere (another terminal, synced in): the board's reload brings it in.
    other_op = next(
        r.op_id
        for r in window.controller.lane("LAT-01")
        if r.status is RowStatus.READY and r.op_id != dialog.context.operation_id
    )
    ExceptionService(demo_store, clock).raise_exception(
        OPERATOR,
        NewException(ExceptionKind.QUALITY_HOLD, "burrs on the flange", operation_id=other_op),
    )
    window.controller.request_reload()
    qtbot.waitUntil(lambda: kiosk.own_table.rowCount() == 2, timeout=TIMEOUT)
    kinds = {row[0] for row in _cells(window)}
    assert kinds == {"Shortage", "Quality hold"}

    qtbot.mouseClick(window.nav_logout, Qt.MouseButton.LeftButton)
    assert kiosk.own_table.rowCount() == 0
    assert not kiosk.own_title.isVisible()
    assert not kiosk.own_table.isVisible()  # back to the queue for the next person


def test_someone_elses_exceptions_are_not_listed(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    ExceptionService(demo_store, clock).raise_exception(
        "1002", NewException(ExceptionKind.OTHER, "not mine", work_center="LAT-01")
    )
    with qtbot.waitSignal(window.own_exceptions.sig_refreshed, timeout=TIMEOUT) as refreshed:
        _login(qtbot, window, "RVS-1001")
    assert refreshed.args == [0]
    assert window.kiosk_view.own_table.rowCount() == 0
