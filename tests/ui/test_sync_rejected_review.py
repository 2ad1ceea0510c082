"""The rejected list in a terminal window following a real server: a supervisor sends a
row again or drops it with a reason; anyone else can only read it.

With TAKT_SCREENSHOTS=DIR set, the dialogs are also saved there as PNGs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from sqlalchemy import select

from app.clock import FixedClock
from app.model import EventRecord, Hold, RejectionReview
from app.model.types import HoldScope
from app.services.board import BoardService
from app.services.people import PeopleService
from tests.sync.conftest import (  # noqa: F401 - fixtures: a server over a small seeded plant
    memory_keyring,
    plant,
    server_template,
)
from tests.sync.plant import Plant, Terminal
from tests.sync.test_authority import pin
from ui.background import Background
from ui.main_window import MainWindow
from ui.sync_rejected import DropDialog, RejectedColumn, RejectedEventsDialog
from ui.theme import apply_theme

SHOTS = os.environ.get("TAKT_SCREENSHOTS")
OPERATOR, SUPERVISOR, QUALITY = "901", "902", "903"
LOAD_TIMEOUT = 20_000
SYNC_TIMEOUT = 10_000
MIN_TARGET = 48  # px: a finger on a kiosk


def _save(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


Open = Callable[[Terminal, str], MainWindow]


@pytest.fixture
def open_window(qtbot, clock: FixedClock, theme: str) -> Iterator[Open]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    opened: list[tuple[MainWindow, Background]] = []

    def open_window(terminal: Terminal, badge: str) -> MainWindow:
        background = Background()
        win = MainWindow(
            terminal.store, PeopleService(terminal.store, clock), background, clock=clock
        )
        qtbot.addWidget(win)
        opened.append((win, background))
        win.resize(1280, 800)
        win.show()
        win.attach_sync(terminal.engine)
        with qtbot.waitSignal(win.sig_home_shown, timeout=LOAD_TIMEOUT):
            qtbot.keyClicks(win.login_view.badge, badge)
            qtbot.keyClick(win.login_view.badge, Qt.Key.Key_Return)
        return win

    yield open_window
    for win, background in opened:
        win.close()
        background.shutdown()
    QApplication.processEvents()


@pytest.fixture
def refused(plant: Plant, clock: FixedClock) -> Terminal:  # noqa: F811
    """A terminal where only the supervisor is logged in, with two changes the server
    refused: quality's hold (quality is not logged in here) and an operator's override
    (operators may not override)."""
    t = plant.terminal("kiosk-a", people=(SUPERVISOR,))
    BoardService(t.store, clock).place_hold(QUALITY, HoldScope.ITEM, "X", "hardness check failed")
    pin(t, OPERATOR)
    t.engine.sync_once()
    assert len(t.engine.rejected()) == 2
    return t


def _open_list(qtbot, win: MainWindow) -> RejectedEventsDialog:
    widget = win.sync_status
    assert widget is not None
    qtbot.waitUntil(lambda: widget.rejected_button.isVisible(), timeout=SYNC_TIMEOUT)
    qtbot.mouseClick(widget.rejected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible())
    assert widget.dialog is not None
    return widget.dialog


def _row_of(dialog: RejectedEventsDialog, what: str) -> int:
    model = dialog.model
    rows = [r for r in range(model.rowCount()) if what in model.row_at(r).what]
    assert len(rows) == 1, [model.row_at(r).what for r in range(model.rowCount())]
    return rows[0]


def _click_row(qtbot, dialog: RejectedEventsDialog, row: int) -> None:
    index = dialog.model.index(row, RejectedColumn.WHAT)
    rect = dialog.table.visualRect(index)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _fits(button: QPushButton) -> None:
    """Tall enough for a finger, and nothing of its text cut off."""
    assert button.height() >= MIN_TARGET, button.text()
    assert button.width() >= button.sizeHint().width(), button.text()
    assert button.height() >= button.sizeHint().height(), button.text()


def test_a_supervisor_sends_one_again_and_drops_the_other(
    qtbot,
    open_window: Open,
    refused: Terminal,
    plant: Plant,  # noqa: F811
) -> None:
    win = open_window(refused, "SYN-902")
    dialog = _open_list(qtbot, win)
    assert dialog.model.rowCount() == 2
    # Nothing is picked yet: nothing to act on.
    assert not dialog.send_button.isEnabled()
    assert not dialog.drop_button.isEnabled()
    QApplication.processEvents()
    for button in (dialog.send_button, dialog.drop_button, dialog.close_button):
        _fits(button)
    assert dialog.message.height() >= dialog.message.sizeHint().height()
    assert dialog.table.horizontalScrollBar().maximum() == 0  # every column in view
    _save(dialog, "sync-rejected-review")

    # Send quality's hold again, in the supervisor's name.
    _click_row(qtbot, dialog, _row_of(dialog, "hold placed: X"))
    assert dialog.send_button.isEnabled()
    hold_row = dialog.selected()
    assert hold_row is not None
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=LOAD_TIMEOUT)
    assert dialog.message.text() == "Sent again as Supervisor 2"
    assert not dialog.message.property("error")
    assert "hold placed" not in dialog.model.row_at(0).what
    _save(dialog, "sync-rejected-sent-again")
    with refused.store.read() as session:
        review = session.get(RejectionReview, hold_row.event_id)
        assert review is not None
        assert (review.decision, review.by) == ("reissued", SUPERVISOR)
        new = session.scalars(select(EventRecord).where(EventRecord.id == review.new_event_id))
        event = new.one()
        assert (event.kind, event.actor) == ("hold.placed", SUPERVISOR)
        assert session.get(Hold, event.payload["hold_id"]) is not None

    # The engine sends it; the server takes it this time.
    def server_has_it() -> bool:
        assert plant.server_store is not None
        with plant.server_store.read() as session:
            outcome = session.scalar(select(EventRecord.outcome).where(EventRecord.id == event.id))
        return outcome == "applied"

    qtbot.waitUntil(server_has_it, timeout=SYNC_TIMEOUT)
    widget = win.sync_status
    assert widget is not None
    qtbot.waitUntil(lambda: widget.rejected_button.text() == "1 rejected", timeout=SYNC_TIMEOUT)

    # Drop the operator's override, with a reason.
    _click_row(qtbot, dialog, 0)
    qtbot.mouseClick(dialog.drop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.drop_dialog is not None and dialog.drop_dialog.isVisible())
    drop = dialog.drop_dialog
    assert isinstance(drop, DropDialog)
    assert not drop.ok.isEnabled()  # no reason yet
    qtbot.keyClicks(drop.reason, "operators ask the supervisor")
    assert drop.ok.isEnabled()
    QApplication.processEvents()
    for button in (drop.ok, drop.cancel):
        _fits(button)
    _save(drop, "sync-rejected-drop")
    dropped_id = dialog.model.row_at(0).event_id
    qtbot.mouseClick(drop.ok, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=LOAD_TIMEOUT)
    assert dialog.message.text() == "Dropped"
    assert dialog.drop_dialog is None or not dialog.drop_dialog.isVisible()
    with refused.store.read() as session:
        review = session.get(RejectionReview, dropped_id)
        assert review is not None
        assert (review.decision, review.by) == ("dropped", SUPERVISOR)
        assert review.reason == "operators ask the supervisor"
    # The status bar's count goes with it.
    qtbot.waitUntil(lambda: not widget.rejected_button.isVisible(), timeout=SYNC_TIMEOUT)


def test_a_refused_send_again_says_why_and_keeps_the_row(
    qtbot,
    open_window: Open,
    plant: Plant,  # noqa: F811
    clock: FixedClock,
) -> None:
    t = plant.terminal("kiosk-a", people=(SUPERVISOR, QUALITY))
    hold_id = BoardService(t.store, clock).place_hold(
        QUALITY, HoldScope.ITEM, "X", "hardness check pending"
    )
    t.engine.sync_once()
    people = PeopleService(t.store, clock)
    people.logout(people.login_badge("SYN-903"))
    BoardService(t.store, clock).release_hold(QUALITY, hold_id, "hardness is within limits")
    t.engine.sync_once()
    assert [r.kind for r in t.engine.rejected()] == ["hold.released"]

    win = open_window(t, "SYN-902")
    dialog = _open_list(qtbot, win)
    _click_row(qtbot, dialog, 0)
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: dialog.message.property("error") is True, timeout=LOAD_TIMEOUT)
    assert dialog.message.text() == (
        "Not sent again: only a quality may release a hold; Supervisor 2 is not one"
    )
    assert dialog.model.rowCount() == 1
    assert dialog.send_button.isEnabled()  # the person may drop it instead
    assert "Quality 3 is not logged in on this terminal" in dialog.model.row_at(0).why
    assert not dialog.read_only.isVisible()
    QApplication.processEvents()
    assert dialog.message.height() >= dialog.message.heightForWidth(dialog.message.width())
    _save(dialog, "sync-rejected-refused-again")


def test_anyone_else_can_only_read_the_list(
    qtbot,
    open_window: Open,
    refused: Terminal,
) -> None:
    refused.login(OPERATOR)
    win = open_window(refused, "SYN-901")
    dialog = _open_list(qtbot, win)
    _click_row(qtbot, dialog, 0)
    assert dialog.selected() is not None
    assert not dialog.send_button.isEnabled()
    assert not dialog.drop_button.isEnabled()
    assert dialog.read_only.isVisible()
    assert dialog.read_only.text() == (
        "Only a supervisor or manager can send these again or drop them."
    )
    assert dialog.open_drop() is None
    QApplication.processEvents()
    _save(dialog, "sync-rejected-read-only")
    # The supervisor takes over the terminal: the buttons come with them.
    win.sync_status.set_operator(  # type: ignore[union-attr]
        PeopleService(refused.store, refused.exceptions.clock).login_badge("SYN-902")
    )
    assert not dialog.read_only.isVisible()
    assert dialog.send_button.isEnabled()
