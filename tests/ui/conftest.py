"""Fixtures for screen tests: worker lanes, a loaded board controller, the exceptions one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QPushButton

from app.clock import FixedClock
from app.services.people import Operator, PeopleService
from app.store import Store
from ui.background import Background
from ui.board.board_controller import BoardController
from ui.board.kiosk_lane_view import KioskLaneView
from ui.board.supervisor_board_view import SupervisorBoardView
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.main_window import MainWindow
from ui.theme import apply_theme

LOAD_TIMEOUT = 20_000


def open_kiosk(
    qtbot, controller: BoardController, operator: Operator | None, work_center: str = "LAT-01"
) -> KioskLaneView:
    """A kiosk lane on `work_center` at the kiosk's size, `operator` logged in."""
    view = KioskLaneView(controller, preferred_work_center=work_center)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    view.set_operator(operator)
    return view


def open_board(
    qtbot, controller: BoardController, operator: Operator | None, area: str = "MAC"
) -> SupervisorBoardView:
    """A supervisor board of `area` at a line PC's size, `operator` logged in (or nobody)."""
    view = SupervisorBoardView(controller)
    qtbot.addWidget(view)
    view.resize(1920, 1000)
    view.show()
    if operator is not None:
        view.set_operator(operator)
    view.set_area(area)
    return view


@pytest.fixture
def theme() -> str:
    """The look a module's screens are tested in; a module overrides it for the desk theme."""
    return "kiosk"


@pytest.fixture
def background() -> Iterator[Background]:
    w = Background()
    yield w
    w.shutdown()


@pytest.fixture
def controller(
    qtbot, demo_store: Store, clock: FixedClock, background: Background, theme: str
) -> Iterator[BoardController]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    board = BoardController(demo_store, background, clock)
    with qtbot.waitSignal(board.sig_loaded, timeout=LOAD_TIMEOUT):
        board.start()
    yield board
    board.close()
    background.wait()
    QCoreApplication.processEvents()


@pytest.fixture
def exceptions(
    demo_store: Store, clock: FixedClock, background: Background, controller: BoardController
) -> Iterator[ExceptionsController]:
    ctl = ExceptionsController(demo_store, background, clock, controller)
    yield ctl
    ctl.close()


@pytest.fixture
def kiosk_work_center() -> str | None:
    """The work center a test window's kiosk starts on (None: the terminal chooses)."""
    return None


@pytest.fixture
def window(
    qtbot, demo_store: Store, clock: FixedClock, theme: str, kiosk_work_center: str | None
) -> Iterator[MainWindow]:
    """A whole terminal window at 1280x800 on the demo plant, nobody logged in."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    background = Background()
    win = MainWindow(
        demo_store,
        PeopleService(demo_store, clock),
        background,
        clock=clock,
        work_center=kiosk_work_center,
    )
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()
    background.shutdown()
    QApplication.processEvents()


def open_from_nav(window: MainWindow, button: QPushButton) -> None:
    """Open `button`'s screen as a person does: on the bar, or under "More" when the
    bar had no room for it (ui/nav_overflow.py)."""
    overflow = window.nav_overflow
    assert overflow.is_offered(button), f"{button.text()} is not offered"
    if button in overflow.overflow:
        action = next(a for a in overflow.menu.actions() if a.text() == button.text())
        action.trigger()
    else:
        button.click()
