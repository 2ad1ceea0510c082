"""The board screens at the sizes kiosks and line PCs have: nothing forces the window wider,
the big texts are not cut, the queue keeps room for rows.

With TAKT_SCREENSHOTS=DIR set, each screen is also saved there as a PNG (e.g.
`TAKT_SCREENSHOTS=screenshots pytest tests/ui/test_board_screens.py`; screenshots/ is
not tracked).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.clock import FixedClock
from app.model.types import ExceptionKind, OverrideKind
from app.priority.model import RowStatus
from app.services.board import BoardService
from app.services.exceptions import ExceptionService, NewException
from app.services.people import PeopleService
from app.store import Store
from ui.background import Background
from ui.board.kiosk_lane_view import ROW_HEIGHT
from ui.main_window import MainWindow
from ui.theme import apply_theme

SHOTS = os.environ.get("TAKT_SCREENSHOTS")


@pytest.fixture
def open_window(qtbot, demo_store: Store, clock: FixedClock) -> Iterator[Callable[..., MainWindow]]:
    opened: list[tuple[MainWindow, Background]] = []

    def open_window(badge: str, size: tuple[int, int], theme: str = "kiosk") -> MainWindow:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        apply_theme(app, theme)
        background = Background()
        window = MainWindow(
            demo_store,
            PeopleService(demo_store, clock),
            background,
            clock=clock,
            work_center="LAT-01",
        )
        qtbot.addWidget(window)
        opened.append((window, background))
        window.resize(*size)
        window.show()
        with qtbot.waitSignal(window.sig_home_shown, timeout=20_000):
            qtbot.keyClicks(window.login_view.badge, badge)
            qtbot.keyClick(window.login_view.badge, Qt.Key.Key_Return)
        return window

    yield open_window
    for window, background in opened:
        window.controller.close()
        background.shutdown()
    QApplication.processEvents()


def _save(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _not_cut(*widgets: QWidget) -> None:
    for widget in widgets:
        assert widget.width() >= widget.sizeHint().width(), widget.objectName()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_the_kiosk_lane_fits_the_screen(open_window, size: tuple[int, int]) -> None:
    window = open_window("RVS-1001", size)
    kiosk = window.kiosk_view
    assert window.current is kiosk
    assert window.size() == QSize(*size)
    _not_cut(
        kiosk.card.work_order,
        kiosk.card.start_button,
        kiosk.running_panel.work_order,
        kiosk.running_panel.progress,
        kiosk.running_panel.confirm_button,
        kiosk.machine,
    )
    assert kiosk.table.viewport().height() >= 3 * ROW_HEIGHT
    _save(window, f"kiosk-lane-{size[0]}x{size[1]}")


@pytest.mark.parametrize(("size", "theme"), [((1920, 1080), "kiosk"), ((1920, 1080), "desk")])
def test_the_supervisor_board_fits_the_screen(
    qtbot, open_window, demo_store: Store, clock: FixedClock, size: tuple[int, int], theme: str
) -> None:
    pinned = "WO-26106/0010"
    BoardService(demo_store, clock).override(
        "2001", pinned, OverrideKind.PIN, "customer moved the truck to 14:00"
    )
    window = open_window("RVS-2001", size, theme)
    board = window.board_view
    assert window.current is board
    assert window.size() == QSize(*size)
    board.set_area("MAC")
    assert len(board.lanes) == 6
    # All six lanes fit on the screen (two rows of three): no scrolling at this size.
    qtbot.waitUntil(
        lambda: board.lanes_host.height() <= board.lanes_scroll.viewport().height(), timeout=5000
    )
    lathe = board.lane("LAT-01")
    assert lathe.model.op_id_at(1) == pinned
    assert lathe.model.ranked_at(1).status is RowStatus.READY
    board.select("LAT-01", pinned)
    for lane in board.lanes.values():
        assert lane.width() >= 560
        assert (
            lane.table.viewport().height() >= 4 * lane.table.verticalHeader().defaultSectionSize()
        )
    _not_cut(*board.override_bar.buttons.values())
    suffix = "" if theme == "kiosk" else f"-{theme}"
    _save(window, f"supervisor-board-{size[0]}x{size[1]}{suffix}")


def test_the_kiosk_lane_with_open_exceptions_still_fits_the_screen(
    qtbot, open_window, demo_store: Store, clock: FixedClock
) -> None:
    service = ExceptionService(demo_store, clock)
    for summary in ("Spindle alarm", "Coolant pump noisy"):
        service.raise_exception(
            "1001",
            NewException(
                kind=ExceptionKind.MACHINE_DOWNTIME,
                summary=summary,
                work_center="LAT-01",
                details={"reason_code": "mechanical/bearing"},
            ),
        )
    window = open_window("RVS-1001", (1280, 800))
    kiosk = window.kiosk_view
    qtbot.waitUntil(lambda: kiosk.own_table.rowCount() == 2, timeout=20_000)
    QApplication.processEvents()
    assert window.size() == QSize(1280, 800)
    assert kiosk.table.viewport().height() >= 3 * ROW_HEIGHT  # the queue keeps its room
    assert kiosk.own_title.text() == "My exceptions · 2"
    qtbot.mouseClick(kiosk.own_title, Qt.MouseButton.LeftButton)
    assert kiosk.own_table.isVisible()
    assert not kiosk.table.isVisible()
    assert kiosk.own_table.viewport().height() >= 2 * kiosk.own_table.rowHeight(0)
    assert window.size() == QSize(1280, 800)
    _save(window, "kiosk-lane-own-exceptions-1280x800")
    qtbot.mouseClick(kiosk.queue_title, Qt.MouseButton.LeftButton)
    assert kiosk.table.isVisible()
