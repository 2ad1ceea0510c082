"""The supervisor board: lanes of an area, the status filter, overrides with a reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.model.types import Role
from app.priority.model import RowStatus
from app.services.people import Operator
from tests.ui.conftest import open_board
from ui.board.board_controller import BoardController
from ui.board.lane_model import Column
from ui.board.override_dialog import OverrideAction, OverrideDialog
from ui.board.supervisor_board_view import SupervisorBoardView
from ui.board.supervisor_lane import FILTERS

KATRIN = Operator(id="2001", name="Katrin Vogel", roles=(Role.OPERATOR, Role.SUPERVISOR))
ANA = Operator(id="1001", name="Ana Petrović", roles=(Role.OPERATOR,))
WC = "LAT-01"
TIMEOUT = 20_000
REASON = "customer moved the truck to 14:00"


@pytest.fixture
def board(qtbot, controller: BoardController) -> SupervisorBoardView:
    return open_board(qtbot, controller, KATRIN)


def _order(board: SupervisorBoardView, wc: str = WC) -> list[str]:
    model = board.lane(wc).model
    return [model.op_id_at(r) for r in range(model.rowCount())]


def _pick(board: SupervisorBoardView, status: RowStatus, skip: int = 0) -> str:
    rows = board.lane(WC).model.ranked_rows()
    return [r.op_id for r in rows if r.status is status][skip]


def _open(board: SupervisorBoardView, action: OverrideAction, op_id: str) -> OverrideDialog:
    assert board.select(WC, op_id)
    assert board.override_bar.buttons[action].isEnabled()
    board.override_bar.buttons[action].click()
    dialog = board.override_dialog
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def test_the_board_shows_every_lane_of_the_area(
    board: SupervisorBoardView, controller: BoardController
) -> None:
    mac = [wc.code for wc in controller.work_centers if wc.area_code == "MAC"]
    assert list(board.lanes) == mac
    assert board.area_combo.currentText() == "Machining"
    for code in mac:
        lane = board.lane(code)
        assert lane.model.rowCount() == len(controller.lane(code))
        assert lane.title.text() == code
        shown = [c for c in Column if not lane.table.isColumnHidden(c)]
        assert shown == [Column.RANK, Column.STATUS, Column.WORK_ORDER, Column.REASON]
    assert board.lane("MIL-02").machine.text() == "DOWN"
    assert board.lane(WC).machine.text() == "RUNNING"
    assert not any(button.isEnabled() for button in board.override_bar.buttons.values())


def test_a_supervisor_pins_a_job_with_a_reason(
    qtbot, board: SupervisorBoardView, controller: BoardController
) -> None:
    op_id = _pick(board, RowStatus.READY, skip=4)
    before = _order(board)
    assert before.index(op_id) > 1
    dialog = _open(board, OverrideAction.PIN, op_id)
    assert not dialog.ok.isEnabled()  # no reason, no override
    qtbot.keyClicks(dialog.reason, "rush")
    assert not dialog.ok.isEnabled()  # one word says too little
    dialog.reason.clear()
    qtbot.keyClicks(dialog.reason, REASON)
    assert dialog.ok.isEnabled()

    with qtbot.waitSignal(controller.sig_command_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: board.override_dialog is None, timeout=TIMEOUT)

    lane = board.lane(WC)
    after = _order(board)
    assert after[0] == before[0]  # the running job stays on top
    assert lane.model.ranked_at(0).status is RowStatus.RUNNING
    assert after[1] == op_id  # the pinned job comes right after it
    assert lane.model.index(1, Column.REASON).data() == f"pinned by Katrin Vogel: {REASON}"
    assert lane.selected_op_id() == op_id  # the selection followed the row
    assert board.override_bar.buttons[OverrideAction.CLEAR].isEnabled()


def test_an_operator_gets_the_permission_message(
    qtbot, board: SupervisorBoardView, controller: BoardController
) -> None:
    board.set_operator(ANA)
    op_id = _pick(board, RowStatus.READY, skip=3)
    before = _order(board)
    dialog = _open(board, OverrideAction.PIN, op_id)
    qtbot.keyClicks(dialog.reason, REASON)
    with qtbot.waitSignal(controller.sig_command_failed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == (
        "only a supervisor or manager may override priority; Ana Petrović is not one"
    )
    assert dialog.isVisible()
    assert dialog.ok.isEnabled()  # correct it, or cancel
    assert _order(board) == before


def test_move_a_job_before_another_then_clear_the_override(
    qtbot, board: SupervisorBoardView, controller: BoardController
) -> None:
    target = _pick(board, RowStatus.READY, skip=1)
    mover = _pick(board, RowStatus.READY, skip=5)
    dialog = _open(board, OverrideAction.BEFORE, mover)
    assert dialog.target is not None
    targets = [dialog.target.itemData(i) for i in range(dialog.target.count())]
    assert mover not in targets
    assert controller.running_job(WC).op_id not in targets  # nothing goes before the machine
    dialog.target.setCurrentIndex(targets.index(target))
    qtbot.keyClicks(dialog.reason, "same material lot as the previous job")
    with qtbot.waitSignal(controller.sig_command_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    order = _order(board)
    assert order.index(mover) == order.index(target) - 1
    row = board.lane(WC).model.row_of(mover)
    assert row is not None
    reason = board.lane(WC).model.index(row, Column.REASON).data()
    assert reason.startswith("moved before")
    assert "by Katrin Vogel" in reason

    qtbot.waitUntil(lambda: board.override_dialog is None, timeout=TIMEOUT)
    dialog = _open(board, OverrideAction.CLEAR, mover)
    qtbot.keyClicks(dialog.reason, "the lot arrived after all")
    with qtbot.waitSignal(controller.sig_command_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    row = board.lane(WC).model.row_of(mover)
    assert row is not None
    assert "Katrin Vogel" not in board.lane(WC).model.index(row, Column.REASON).data()


def test_hold_sends_a_job_down_with_its_reason(
    qtbot, board: SupervisorBoardView, controller: BoardController
) -> None:
    op_id = _pick(board, RowStatus.READY, skip=0)
    dialog = _open(board, OverrideAction.HOLD, op_id)
    qtbot.keyClicks(dialog.reason, "wait for the first article inspection")
    with qtbot.waitSignal(controller.sig_command_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    model = board.lane(WC).model
    row = model.row_of(op_id)
    assert row == model.rowCount() - 1  # held jobs go to the bottom of the lane
    assert model.index(row, Column.STATUS).data() == "ON HOLD"
    assert model.index(row, Column.REASON).data() == (
        "held by Katrin Vogel: wait for the first article inspection"
    )


def test_the_status_filter_hides_rows_without_reordering(
    board: SupervisorBoardView, controller: BoardController
) -> None:
    board.filter_combo.setCurrentText("Blocked")
    blocked = FILTERS["Blocked"]
    assert blocked is not None
    for code, lane in board.lanes.items():
        shown = [
            lane.model.op_id_at(lane.proxy.mapToSource(lane.proxy.index(r, 0)).row())
            for r in range(lane.proxy.rowCount())
        ]
        expected = [r.op_id for r in controller.lane(code) if r.status in blocked]
        assert shown == expected, code
    assert board.lane("MIL-02").proxy.rowCount() > 0  # the machine is down
    assert "of" in board.lane(WC).count.text()
    board.filter_combo.setCurrentText("All jobs")
    assert board.lane(WC).proxy.rowCount() == board.lane(WC).model.rowCount()


def test_choosing_another_area_shows_its_lanes(
    board: SupervisorBoardView, controller: BoardController
) -> None:
    board.area_combo.setCurrentIndex(board.area_combo.findData("FAB"))
    fab = [wc.code for wc in controller.work_centers if wc.area_code == "FAB"]
    assert list(board.lanes) == fab


def test_a_narrow_board_wraps_its_buttons_and_lanes_instead_of_cutting_them(
    qtbot, board: SupervisorBoardView
) -> None:
    board.resize(760, 900)
    qtbot.waitUntil(lambda: len({lane.x() for lane in board.lanes.values()}) == 1)
    buttons = [
        *board.override_bar.buttons.values(),
        *board.raise_bar.exception_buttons.values(),
        board.raise_bar.log_call_button,
    ]
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()
        right = button.mapTo(board, button.rect().topRight()).x()
        assert right < board.width(), button.text()
    rows = {
        b.mapTo(board, b.rect().topLeft()).y() for b in board.raise_bar.exception_buttons.values()
    }
    assert len(rows) > 1  # the raise buttons wrapped into more rows
    host = board.lanes_host
    assert host.minimumSizeHint().width() <= board.lanes_scroll.viewport().width()
