"""Fixtures for screen tests: worker lanes, a loaded board controller, the exceptions one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.clock import FixedClock
from app.store import Store
from ui.board.board_controller import BoardController
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.theme import apply_theme
from ui.workers import Workers

LOAD_TIMEOUT = 20_000


@pytest.fixture
def theme() -> str:
    """The look a module's screens are tested in; a module overrides it for the desk theme."""
    return "kiosk"


@pytest.fixture
def workers() -> Iterator[Workers]:
    w = Workers()
    yield w
    w.shutdown()


@pytest.fixture
def controller(
    qtbot, demo_store: Store, clock: FixedClock, workers: Workers, theme: str
) -> Iterator[BoardController]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    board = BoardController(demo_store, workers.db, clock)
    with qtbot.waitSignal(board.sig_loaded, timeout=LOAD_TIMEOUT):
        board.start()
    yield board
    board.close()
    workers.db.wait()
    QCoreApplication.processEvents()


@pytest.fixture
def exceptions(
    demo_store: Store, clock: FixedClock, workers: Workers, controller: BoardController
) -> Iterator[ExceptionsController]:
    ctl = ExceptionsController(demo_store, workers.db, clock, controller)
    yield ctl
    ctl.close()
