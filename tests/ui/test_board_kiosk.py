"""The operator's kiosk lane, driven like on the floor: scan, start, confirm."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.clock import FixedClock
from app.model import ErpPosting, OperationInstance
from app.model.types import OperationStatus, PostingKind, PostingStatus, Role
from app.priority.model import Job, RowStatus
from app.services.execution import ExecutionService
from app.services.people import Operator
from app.store import Store
from tests.ui.conftest import open_kiosk
from ui.board.board_controller import BoardController
from ui.board.kiosk_cards import button_size
from ui.board.kiosk_lane_view import ROW_HEIGHT, KioskLaneView
from ui.board.lane_model import Column

ANA = Operator(id="1001", name="Ana Petrović", roles=(Role.OPERATOR,))
WC = "LAT-01"
TIMEOUT = 20_000


@pytest.fixture
def kiosk(qtbot, controller: BoardController) -> KioskLaneView:
    view = open_kiosk(qtbot, controller, ANA, WC)
    assert view.work_center == WC
    return view


def _scan(qtbot, view: KioskLaneView, code: str) -> None:
    qtbot.keyClicks(view.scan, code)
    qtbot.keyClick(view.scan, Qt.Key.Key_Return)


def _selected_op(view: KioskLaneView) -> str | None:
    rows = view.table.selectionModel().selectedRows()
    return view.model.op_id_at(rows[0].row()) if rows else None


def _first_ready(view: KioskLaneView, *, skip: int = 0) -> str:
    ready = [r.op_id for r in view.model.ranked_rows() if r.status is RowStatus.READY]
    return ready[skip]


def _operation(store: Store, op_id: str) -> OperationInstance:
    with store.read() as session:
        op = session.get(OperationInstance, op_id)
        assert op is not None
        return op


def _postings(store: Store, job: Job) -> list[ErpPosting]:
    """The confirmations posted for one operation (its order's other operations have
    their own; scrap goes to the ERP as a goods movement of its own)."""
    with store.read() as session:
        postings = session.scalars(
            select(ErpPosting).where(
                ErpPosting.work_order_number == job.work_order,
                ErpPosting.kind == PostingKind.CONFIRMATION,
            )
        )
        return [p for p in postings if p.payload["operation_seq"] == job.seq]


def test_the_kiosk_shows_its_lane_the_running_job_and_the_next_job(
    kiosk: KioskLaneView, controller: BoardController
) -> None:
    lane = controller.lane(WC)
    assert kiosk.model.rowCount() == len(lane)
    running = controller.running_job(WC)
    assert running is not None
    assert running.work_order in kiosk.running_panel.work_order.text()
    assert kiosk.card.title.text() == "NEXT JOB"
    assert kiosk.card_op_id == _first_ready(kiosk)
    next_job = controller.jobs[_first_ready(kiosk)]
    assert next_job.work_order in kiosk.card.work_order.text()
    assert kiosk.card.status.text() == "READY"
    assert kiosk.card.reason.text() == next(r.reason for r in lane if r.op_id == next_job.op_id)
    # One job at a time on a machine: Start waits until the running job is confirmed.
    assert not kiosk.card.start_button.isEnabled()
    assert "before starting another job" in kiosk.card.start_hint.text()
    assert kiosk.running_panel.confirm_button.isEnabled()
    assert kiosk.machine.text() == "MACHINE RUNNING"


def test_scanning_a_work_order_selects_its_job_and_shows_it_on_the_card(
    qtbot, kiosk: KioskLaneView, controller: BoardController
) -> None:
    op_id = _first_ready(kiosk, skip=2)
    work_order = controller.jobs[op_id].work_order
    with qtbot.waitSignal(kiosk.sig_card_changed, timeout=TIMEOUT) as blocker:
        _scan(qtbot, kiosk, work_order)
    assert blocker.args == [op_id]
    assert _selected_op(kiosk) == op_id
    assert kiosk.card.title.text() == "SELECTED JOB"
    assert work_order in kiosk.card.work_order.text()
    assert kiosk.scan.text() == ""  # ready for the next scan
    assert f"{work_order} selected" in kiosk.message.text()


def test_an_unknown_barcode_says_so(qtbot, kiosk: KioskLaneView) -> None:
    before = kiosk.card_op_id
    _scan(qtbot, kiosk, "WO-99999")
    assert "Unknown barcode" in kiosk.message.text()
    assert "WO-99999" in kiosk.message.text()
    assert kiosk.message.property("error") is True
    assert _selected_op(kiosk) is None
    assert kiosk.card_op_id == before


def test_a_work_order_of_another_lane_says_where_it_is(
    qtbot, kiosk: KioskLaneView, controller: BoardController
) -> None:
    elsewhere = next(r.op_id for r in controller.lane("MIL-02"))
    job = controller.jobs[elsewhere]
    assert all(j.work_center != WC for j in controller.find_work_order(job.work_order))
    _scan(qtbot, kiosk, job.work_order.lower())  # scanners and people type either case
    assert f"not in {WC}'s queue" in kiosk.message.text()
    assert "MIL-02" in kiosk.message.text()


def test_a_final_confirmation_completes_the_job_and_the_next_one_comes_to_the_card(
    qtbot, kiosk: KioskLaneView, controller: BoardController, demo_store: Store
) -> None:
    running = controller.running_job(WC)
    assert running is not None
    resets: list[bool] = []
    kiosk.model.modelReset.connect(lambda: resets.append(True))
    qtbot.mouseClick(kiosk.running_panel.confirm_button, Qt.MouseButton.LeftButton)
    dialog = kiosk.confirm_dialog
    assert dialog is not None
    assert dialog.isVisible()
    rest = running.quantity - running.qty_good
    qtbot.keyClicks(dialog.good, f"{rest:g}")
    dialog.final.setChecked(True)
    with qtbot.waitSignal(controller.sig_command_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.confirm_dialog is None, timeout=TIMEOUT)

    op = _operation(demo_store, running.op_id)
    assert op.status is OperationStatus.COMPLETED
    assert op.qty_good == running.quantity
    finals = [p for p in _postings(demo_store, running) if p.payload["final"]]
    assert [(p.status, p.payload["good"]) for p in finals] == [(PostingStatus.PENDING, rest)]
    # The lane re-ranked: the job is gone, nothing runs, the next job is on the card.
    assert kiosk.model.row_of(running.op_id) is None
    assert controller.running_job(WC) is None
    assert kiosk.running_panel.work_order.text() == "Nothing running"
    assert kiosk.card_op_id == _first_ready(kiosk)
    assert kiosk.card.title.text() == "NEXT JOB"
    assert kiosk.card.start_button.isEnabled()
    assert "operation complete" in kiosk.message.text()
    assert resets == []  # the queue was updated row by row, never rebuilt


@pytest.fixture
def free_lathe(demo_store: Store, clock: FixedClock) -> None:
    """LAT-01 with its running job finished (before the kiosk loads), so a job can start."""
    execution = ExecutionService(demo_store, clock)
    with demo_store.read() as session:
        op = session.scalars(
            select(OperationInstance).where(
                OperationInstance.work_center_code == WC,
                OperationInstance.status == OperationStatus.RUNNING,
            )
        ).one()
        rest = op.work_order.quantity - op.qty_good
    execution.confirm("1001", op.id, good=rest, final=True)


@pytest.mark.usefixtures("free_lathe")
def test_start_the_scanned_job_then_confirm_quantities(
    qtbot, kiosk: KioskLaneView, controller: BoardController, demo_store: Store
) -> None:
    assert controller.running_job(WC) is None
    op_id = _first_ready(kiosk, skip=1)  # not the next one: the operator picks another
    job = controller.jobs[op_id]
    _scan(qtbot, kiosk, job.work_order)
    assert kiosk.card_op_id == op_id
    assert kiosk.card.start_button.full_text() == f"Start {job.work_order}"

    with qtbot.waitSignal(controller.sig_command_done, timeout=TIMEOUT):
        qtbot.mouseClick(kiosk.card.start_button, Qt.MouseButton.LeftButton)
    assert _operation(demo_store, op_id).status is OperationStatus.RUNNING
    assert kiosk.model.op_id_at(0) == op_id  # the running job leads the lane
    assert kiosk.model.index(0, Column.STATUS).data() == "RUNNING"
    assert job.work_order in kiosk.running_panel.work_order.text()
    assert kiosk.card_op_id != op_id  # the card moved on to what comes next
    assert not kiosk.card.start_button.isEnabled()

    qtbot.mouseClick(kiosk.running_panel.confirm_button, Qt.MouseButton.LeftButton)
    dialog = kiosk.confirm_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.good, "12")
    qtbot.keyClick(dialog.good, Qt.Key.Key_Return)  # Enter moves on to scrap, like a scanner
    assert dialog.scrap.hasFocus() or not dialog.isActiveWindow()
    qtbot.keyClicks(dialog.scrap, "2")
    with qtbot.waitSignal(controller.sig_command_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    op = _operation(demo_store, op_id)
    assert (op.qty_good, op.qty_scrap, op.status) == (12, 2, OperationStatus.RUNNING)
    postings = _postings(demo_store, job)
    assert [(p.status, p.payload["good"], p.payload["scrap"]) for p in postings] == [
        (PostingStatus.PENDING, 12, 2)
    ]
    qtbot.waitUntil(lambda: "12 of" in kiosk.running_panel.progress.text(), timeout=TIMEOUT)
    assert kiosk.model.index(0, Column.QTY).data() == f"12 / {job.quantity:g}"


def test_the_confirm_dialog_shows_the_services_error_naming_the_field(
    qtbot, kiosk: KioskLaneView, controller: BoardController, demo_store: Store
) -> None:
    running = controller.running_job(WC)
    assert running is not None
    qtbot.mouseClick(kiosk.running_panel.confirm_button, Qt.MouseButton.LeftButton)
    dialog = kiosk.confirm_dialog
    assert dialog is not None

    qtbot.keyClicks(dialog.good, "a dozen")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text().startswith("good:")
    assert dialog.good.property("error") is True

    dialog.good.clear()  # nothing entered at all: the service refuses, naming the field
    with qtbot.waitSignal(controller.sig_command_failed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Good quantity: enter a good or scrap quantity"
    assert dialog.good.property("error") is True
    assert dialog.isVisible()
    assert dialog.ok.isEnabled()
    assert _operation(demo_store, running.op_id).qty_good == running.qty_good


@pytest.mark.usefixtures("free_lathe")
def test_a_refused_start_is_a_message_not_a_traceback(
    qtbot, kiosk: KioskLaneView, controller: BoardController
) -> None:
    waiting = next(r for r in kiosk.model.ranked_rows() if r.status is RowStatus.WAITING)
    _scan(qtbot, kiosk, waiting.op_id)
    assert kiosk.card_op_id == waiting.op_id
    with qtbot.waitSignal(controller.sig_command_failed, timeout=TIMEOUT):
        qtbot.mouseClick(kiosk.card.start_button, Qt.MouseButton.LeftButton)
    assert "cannot start: it is waiting" in kiosk.message.text()
    assert kiosk.message.property("error") is True


def test_the_work_center_can_be_changed(qtbot, kiosk: KioskLaneView, controller) -> None:
    combo = kiosk.work_center_combo
    assert combo.count() == 17
    combo.setCurrentIndex(combo.findData("MIL-02"))
    assert kiosk.work_center == "MIL-02"
    assert kiosk.model.rowCount() == len(controller.lane("MIL-02"))
    assert kiosk.machine.text() == "MACHINE DOWN"
    assert kiosk.card.status.text() == "MACHINE DOWN"
    assert kiosk.running_panel.work_order.text() == "Nothing running"


def test_without_a_setting_the_kiosk_picks_a_work_center_running_a_job(
    qtbot, controller: BoardController
) -> None:
    view = KioskLaneView(controller)
    qtbot.addWidget(view)
    assert view.work_center is not None
    assert controller.running_job(view.work_center) is not None


def test_touch_targets_are_at_least_48_px(kiosk: KioskLaneView) -> None:
    for widget in (
        kiosk.card.start_button,
        kiosk.running_panel.confirm_button,
        kiosk.scan,
        kiosk.work_center_combo,
    ):
        assert widget.height() >= 48, widget.objectName()
    assert kiosk.table.verticalHeader().defaultSectionSize() == ROW_HEIGHT >= 48


def test_the_start_button_puts_the_order_under_the_verb_when_one_line_does_not_fit(
    kiosk: KioskLaneView,
) -> None:
    button = kiosk.card.start_button
    words = button.full_text()
    assert words.startswith("Start WO-")
    assert button.text() == words  # the card has room: one line
    assert button.width() >= button_size(button, words).width()

    long_words = words.replace("Start", "Start the long job")  # a language's longer verb
    button.set_full_text(long_words)
    button.fit(button_size(button, long_words).width() - 1)
    first, second = button.text().split("\n")
    assert f"{first} {second}" == long_words
    assert button.sizeHint().width() < button_size(button, long_words).width()

    button.fit(button_size(button, long_words).width())
    assert button.text() == long_words
