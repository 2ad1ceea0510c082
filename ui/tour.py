"""A walk through every screen and dialog of a terminal window, as people would open them.

`tour(window)` logs the demo operator in, opens the kiosk lane and each of its forms, then
the supervisor's board, its forms and the other screens, yielding a `Stop` at each: its
name and the top-level widget on screen (the window, or the dialog over it). The geometry
test (tests/ui/test_fit.py) checks every stop; `python -m ui.screenshots DIR` saves each as
a PNG. Each stop closes its dialog before the next one opens.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.model.types import ExceptionKind, Severity
from app.services.exceptions import NewException
from ui.board.kiosk_exceptions import EXCEPTION_BUTTONS
from ui.board.override_dialog import OverrideAction
from ui.board.supervisor_bars import BOARD_EXCEPTION_BUTTONS
from ui.exceptions.capture import CaptureDialog
from ui.i18n import tr
from ui.main_window import MainWindow

OPERATOR_BADGE = "RVS-1001"
SUPERVISOR_BADGE = "RVS-2001"
QUALITY_BADGE = "RVS-3001"  # owns the demo's quality hold
TIMEOUT_S = 30.0


def long_message() -> str:
    """A feedback message long enough to wrap, in the language on screen."""
    return tr(
        "Machine down raised; its owner has been told. Maintenance is on its way, the lane is "
        "blocked until the machine runs again, and the next job moves up."
    )


@dataclass(frozen=True)
class Stop:
    name: str  # "kiosk-lane", "capture-machine-down-reasons", ...
    widget: QWidget  # the window, or the dialog open over it
    window: MainWindow


def wait_until(condition: Callable[[], object], timeout_s: float = TIMEOUT_S) -> None:
    """Run the event loop until `condition()` holds (the database lane answers in a while)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get there in time")
        QTest.qWait(20)


def settle() -> None:
    """Let layouts and style changes land before a stop is looked at."""
    for _ in range(3):
        QApplication.processEvents()
        QTest.qWait(10)


def log_in(window: MainWindow, badge: str) -> None:
    shown: list[bool] = []
    window.sig_home_shown.connect(lambda: shown.append(True))
    window.login_view.badge.setText(badge)
    window.login_view.badge.returnPressed.emit()
    wait_until(lambda: shown)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-").replace("--", "-")


def _dialog_stop(window: MainWindow, name: str, dialog: QDialog | None) -> Iterator[Stop]:
    if dialog is None:
        return
    wait_until(dialog.isVisible)
    settle()
    yield Stop(name, dialog, window)
    dialog.reject()
    settle()


def _capture_stops(
    window: MainWindow, prefix: str, kinds: list[tuple[ExceptionKind, str]], open_one: Callable
) -> Iterator[Stop]:
    launcher = window.capture if prefix == "capture" else window.board_capture
    for kind, text in kinds:
        open_one(kind)
        wait_until(lambda: launcher.dialog is not None and launcher.dialog.isVisible())
        dialog = launcher.dialog
        assert isinstance(dialog, CaptureDialog)
        settle()
        yield Stop(f"{prefix}-{_slug(text)}", dialog, window)
        if kind is ExceptionKind.MACHINE_DOWNTIME:
            first = next(iter(dialog.category_buttons.values()))
            first.click()
            reason = next(iter(dialog.reason_buttons.values()))
            reason.click()
            settle()
            yield Stop(f"{prefix}-{_slug(text)}-reasons", dialog, window)
        dialog.reject()
        wait_until(lambda: launcher.dialog is None)
        settle()


def operator_stops(window: MainWindow) -> Iterator[Stop]:
    """The kiosk lane and what an operator opens from it."""
    kiosk = window.kiosk_view
    log_in(window, OPERATOR_BADGE)
    settle()
    yield Stop("kiosk-lane", window, window)
    kiosk.show_message(long_message())
    settle()
    yield Stop("kiosk-lane-message", window, window)
    kiosk.show_message("")
    yield from _capture_stops(
        window,
        "capture",
        list(EXCEPTION_BUTTONS),
        lambda kind: kiosk.exception_bar.buttons[kind].click(),
    )
    if kiosk.running_panel.confirm_button.isEnabled():
        kiosk.running_panel.confirm_button.click()
        yield from _dialog_stop(window, "confirm", kiosk.confirm_dialog)
        kiosk.running_panel.issue_button.click()
        wait_until(lambda: kiosk.issue_dialog is not None)
        yield from _dialog_stop(window, "issue-material", kiosk.issue_dialog)
    window.show_inbox()
    wait_until(lambda: not window.inbox_view._refreshing)
    settle()
    yield Stop("inbox-operator", window, window)
    window.show_plant()
    settle()
    yield Stop("plant", window, window)
    window.nav_logout.click()
    settle()


def supervisor_stops(window: MainWindow) -> Iterator[Stop]:
    """The supervisor board, its forms, and the other screens."""
    board = window.board_view
    log_in(window, SUPERVISOR_BADGE)
    settle()
    yield Stop("supervisor-board", window, window)
    lane = next(iter(board.lanes.values()), None)
    if lane is not None and lane.model.rowCount() > 1:
        op_id = lane.model.op_id_at(lane.model.rowCount() - 1)
        board.select(lane.code, op_id)
        settle()
        yield Stop("supervisor-board-selected", window, window)
        for action in (OverrideAction.PIN, OverrideAction.BEFORE):
            yield from _dialog_stop(
                window, f"override-{action.name.lower()}", board.open_override(action)
            )
    requests = [*BOARD_EXCEPTION_BUTTONS, (ExceptionKind.OTHER, "Call / message")]

    def open_board(kind: ExceptionKind) -> None:
        button = board.raise_bar.exception_buttons[kind]
        if opened.get(kind):
            button = board.raise_bar.log_call_button
        opened[kind] = True
        button.click()

    opened: dict[ExceptionKind, bool] = {}
    yield from _capture_stops(window, "board-capture", requests, open_board)
    window.show_inbox()
    inbox = window.inbox_view
    wait_until(lambda: not inbox._refreshing)
    settle()
    yield Stop("inbox-supervisor", window, window)
    window.show_postings()
    settle()
    yield Stop("postings", window, window)
    window.show_settings()
    settle()
    yield Stop("settings", window, window)
    window.nav_logout.click()
    settle()


def quality_stops(window: MainWindow) -> Iterator[Stop]:
    """The inbox of the person who owns the demo's quality hold: its command dialogs (the
    resolve form with root causes and dispositions) and the exception's detail."""
    log_in(window, QUALITY_BADGE)
    operator = window.operator
    assert operator is not None
    lane = window.kiosk_view.model
    wait_until(lambda: lane.rowCount() > 0)
    # The demo holds no exception yet: this one is what quality finds in its inbox.
    window.exceptions.service.raise_exception(
        operator.id,
        NewException(
            kind=ExceptionKind.QUALITY_HOLD,
            summary="Burrs on the bore edge, parts held for inspection",
            severity=Severity.HIGH,
            operation_id=lane.op_id_at(0),
        ),
    )
    window.show_inbox()
    inbox = window.inbox_view
    wait_until(lambda: not inbox._refreshing and inbox.model.rowCount() > 0)
    settle()
    yield Stop("inbox-quality", window, window)
    if inbox.model.rowCount():
        inbox.table.selectRow(0)
        settle()
        for name, open_dialog in (
            ("waiting", inbox.open_waiting),
            ("reassign", inbox.open_reassign),
            ("resolve", inbox.open_resolve),
            ("reopen", inbox.open_reopen),
        ):
            yield from _dialog_stop(window, f"command-{name}", open_dialog())
        row = inbox.selected()
        if row is not None:
            window.show_exception(row.id)
            wait_until(lambda: window.detail_view.isVisible())
            QTest.qWait(300)
            settle()
            yield Stop("exception-detail", window, window)
    window.nav_logout.click()
    settle()


def tour(window: MainWindow) -> Iterator[Stop]:
    """Every screen and dialog of `window` (shown, nobody logged in, the plant loaded)."""
    settle()
    yield Stop("login", window, window)
    yield from operator_stops(window)
    yield from supervisor_stops(window)
    yield from quality_stops(window)
