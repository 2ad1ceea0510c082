"""Raising exceptions from the supervisor board: line PC forms, calls and messages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from app.model import ShopException
from app.model.types import Channel, ExceptionKind, Role, Severity
from app.priority.model import RowStatus
from app.services.people import Operator
from tests.ui.conftest import open_board
from ui.board.board_controller import BoardController
from ui.board.supervisor_board_view import SupervisorBoardView
from ui.exceptions.capture import CaptureDialog
from ui.exceptions.capture_launcher import CaptureLauncher, attach_board
from ui.exceptions.exceptions_controller import ExceptionsController

LEA = Operator(id="2001", name="Lea Supervisor", roles=(Role.SUPERVISOR,))
WC = "LAT-01"
TIMEOUT = 20_000


@pytest.fixture
def theme() -> str:
    return "desk"


@pytest.fixture
def board(qtbot, controller: BoardController) -> SupervisorBoardView:
    return open_board(qtbot, controller, LEA)


@pytest.fixture
def launcher(board: SupervisorBoardView, exceptions: ExceptionsController) -> CaptureLauncher:
    launcher = CaptureLauncher(exceptions, board, channel=Channel.LINE_PC)
    attach_board(launcher, board)
    return launcher


def _click(qtbot, button: QPushButton) -> None:
    assert button.isVisible(), button.text()
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _open(qtbot, launcher: CaptureLauncher, button: QPushButton) -> CaptureDialog:
    with qtbot.waitSignal(launcher.sig_dialog_opened, timeout=TIMEOUT) as opened:
        _click(qtbot, button)
    dialog = opened.args[0]
    assert isinstance(dialog, CaptureDialog)
    return dialog


def _select_ready_job(board: SupervisorBoardView, controller: BoardController) -> str:
    op_id = next(r.op_id for r in controller.lane(WC) if r.status is RowStatus.READY)
    assert board.select(WC, op_id)
    return op_id


def _raise(qtbot, launcher: CaptureLauncher, dialog: CaptureDialog) -> ShopException:
    with qtbot.waitSignal(launcher.sig_raised, timeout=TIMEOUT):
        _click(qtbot, dialog.raise_button)
    store = dialog.controller.store
    with store.read() as session:
        [exc] = session.scalars(select(ShopException)).all()
        return exc


def test_a_supervisor_logs_a_phoned_in_shortage(qtbot, board, launcher, controller) -> None:
    op_id = _select_ready_job(board, controller)
    dialog = _open(qtbot, launcher, board.raise_bar.log_call_button)
    assert dialog.channel is Channel.PHONE
    assert dialog.channel_buttons["phone"].isChecked()
    assert dialog.severity() is Severity.MEDIUM  # the default on every form
    _click(qtbot, dialog.kind_buttons[ExceptionKind.MATERIAL_SHORTAGE.value])
    assert dialog.kind is ExceptionKind.MATERIAL_SHORTAGE
    assert dialog.choice_buttons, "the picked job's materials are offered"
    item = dialog.selected_choice()
    _click(qtbot, dialog.severity_buttons["high"])
    exc = _raise(qtbot, launcher, dialog)
    assert (exc.kind, exc.channel, exc.severity, exc.item_code, exc.operation_id) == (
        ExceptionKind.MATERIAL_SHORTAGE,
        Channel.PHONE,
        Severity.HIGH,
        item,
        op_id,
    )
    assert exc.raised_by == LEA.id
    assert "raised" in board.message.text()


def test_a_pasted_message_becomes_the_note(qtbot, board, launcher) -> None:
    dialog = _open(qtbot, launcher, board.raise_bar.log_call_button)
    _click(qtbot, dialog.channel_buttons["message"])
    assert dialog.message_text.isVisible()
    assert dialog.kind is ExceptionKind.OTHER
    text = "Forklift blocks aisle 3\nplease send someone - Tom"
    dialog.message_text.setPlainText(text)
    exc = _raise(qtbot, launcher, dialog)
    assert (exc.kind, exc.channel, exc.note) == (ExceptionKind.OTHER, Channel.MESSAGE, text)
    assert exc.summary == "Forklift blocks aisle 3"


def test_an_order_change_records_what_changed(qtbot, board, launcher, controller) -> None:
    op_id = _select_ready_job(board, controller)
    work_order = controller.jobs[op_id].work_order
    dialog = _open(qtbot, launcher, board.raise_bar.exception_buttons[ExceptionKind.ORDER_CHANGE])
    assert dialog.channel is Channel.LINE_PC
    assert set(dialog.choice_buttons) == {"quantity", "date", "specification"}

    _click(qtbot, dialog.raise_button)  # nothing picked yet: the form says what is missing
    for field in ("What changed is missing", "New value is missing", "Who asked is missing"):
        assert field in dialog.error.text()
    assert dialog.new_value.property("error") is True
    assert dialog.isVisible()

    _click(qtbot, dialog.choice_buttons["quantity"])
    qtbot.keyClicks(dialog.new_value, "150")
    _click(qtbot, dialog.source_buttons["customer"])
    _click(qtbot, dialog.severity_buttons["critical"])
    exc = _raise(qtbot, launcher, dialog)
    assert exc.kind is ExceptionKind.ORDER_CHANGE
    assert exc.channel is Channel.LINE_PC
    assert exc.severity is Severity.CRITICAL
    assert exc.work_order_number == work_order
    assert exc.item_code is None  # the choice was what changed, not a material
    assert exc.details == {"change": "quantity", "new_value": "150", "source": "customer"}
    assert exc.summary == f"{work_order}: quantity changed to 150 (Customer)"


def test_a_priority_shift_records_the_new_priority_and_why(
    qtbot, board, launcher, controller
) -> None:
    op_id = _select_ready_job(board, controller)
    work_order = controller.jobs[op_id].work_order
    dialog = _open(qtbot, launcher, board.raise_bar.exception_buttons[ExceptionKind.PRIORITY_SHIFT])
    _click(qtbot, dialog.choice_buttons["rush"])
    qtbot.keyClicks(dialog.reason, "customer line stopped")
    exc = _raise(qtbot, launcher, dialog)
    assert (exc.kind, exc.work_order_number) == (ExceptionKind.PRIORITY_SHIFT, work_order)
    assert exc.details == {"new_priority": "rush", "reason": "customer line stopped"}


def test_an_order_change_needs_a_work_order(qtbot, board, launcher, demo_store) -> None:
    dialog = _open(qtbot, launcher, board.raise_bar.exception_buttons[ExceptionKind.ORDER_CHANGE])
    _click(qtbot, dialog.choice_buttons["date"])
    qtbot.keyClicks(dialog.new_value, "2026-12-01")
    _click(qtbot, dialog.source_buttons["erp"])
    _click(qtbot, dialog.raise_button)
    assert "Work order is missing" in dialog.error.text()
    assert dialog.scan.property("error") is True
    with demo_store.read() as session:
        assert session.scalars(select(ShopException)).all() == []


def test_every_form_has_a_severity(qtbot, board, launcher) -> None:
    dialog = _open(qtbot, launcher, board.raise_bar.exception_buttons[ExceptionKind.OTHER])
    assert dialog.severity_row.isVisible()
    assert not dialog.kind_row.isVisible()  # kind is fixed unless logging a call
    qtbot.keyClicks(dialog.summary, "coolant on the floor")
    _click(qtbot, dialog.severity_buttons["low"])
    exc = _raise(qtbot, launcher, dialog)
    assert (exc.severity, exc.channel) == (Severity.LOW, Channel.LINE_PC)


def test_logged_out_the_board_raises_nothing(qtbot, board, launcher) -> None:
    board.set_operator(None)
    qtbot.mouseClick(board.raise_bar.log_call_button, Qt.MouseButton.LeftButton)
    assert "Log in" in board.message.text()
    assert launcher.dialog is None
