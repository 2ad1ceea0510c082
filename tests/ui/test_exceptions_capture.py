"""Raising exceptions from the kiosk lane, tap by tap, and the board's answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import select

from app.model import ShopException
from app.model.types import Channel, ExceptionKind, Role
from app.priority.model import RowStatus
from app.services.people import Operator
from app.store import Store
from ui.board.board_controller import BoardController
from ui.board.kiosk_lane_view import KioskLaneView
from ui.exceptions.capture import CaptureDialog
from ui.exceptions.capture_launcher import CaptureLauncher, attach_kiosk
from ui.exceptions.exceptions_controller import ExceptionsController

ANA = Operator(id="1001", name="Ana Petrović", roles=(Role.OPERATOR,))
WC = "LAT-01"
TIMEOUT = 20_000


class Taps:
    """Clicks a person makes, counted."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def __call__(self, button: QPushButton) -> None:
        assert button.isVisible(), button.text()
        assert button.isEnabled(), button.text()
        self.count += 1
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def kiosk(qtbot, controller: BoardController) -> KioskLaneView:
    view = KioskLaneView(controller, preferred_work_center=WC)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.set_operator(ANA)
    return view


@pytest.fixture
def launcher(kiosk: KioskLaneView, exceptions: ExceptionsController) -> CaptureLauncher:
    launcher = CaptureLauncher(exceptions, kiosk, channel=Channel.KIOSK)
    attach_kiosk(launcher, kiosk)
    return launcher


def _open(qtbot, taps: Taps, kiosk: KioskLaneView, launcher, kind) -> CaptureDialog:
    with qtbot.waitSignal(launcher.sig_dialog_opened, timeout=TIMEOUT) as opened:
        taps(kiosk.exception_bar.buttons[kind])
    dialog = opened.args[0]
    assert isinstance(dialog, CaptureDialog)
    assert dialog.isVisible()
    return dialog


def _status(kiosk: KioskLaneView, op_id: str) -> RowStatus:
    row = kiosk.model.row_of(op_id)
    assert row is not None
    return kiosk.model.ranked_at(row).status


def _exceptions(store: Store) -> list[ShopException]:
    with store.read() as session:
        return list(session.scalars(select(ShopException)))


def test_a_shortage_takes_three_taps_and_blocks_the_selected_job(
    qtbot, kiosk, launcher, controller, demo_store
) -> None:
    ready = [r.op_id for r in kiosk.model.ranked_rows() if r.status is RowStatus.READY]
    op_id = ready[1]
    kiosk.select_row(kiosk.model.row_of(op_id))  # the operator picked the job on the queue
    taps = Taps(qtbot)
    dialog = _open(qtbot, taps, kiosk, launcher, ExceptionKind.MATERIAL_SHORTAGE)
    # Prefilled from the lane: the job, its order, the order's materials as big buttons.
    job = controller.jobs[op_id]
    assert job.work_order in dialog.context_label.text()
    assert WC in dialog.context_label.text()
    assert dialog.choice_buttons, "the order's materials are offered"
    item = next(iter(dialog.choice_buttons))
    assert dialog.selected_choice() == item  # the first required material, ready to go
    taps(dialog.choice_buttons[item])
    with qtbot.waitSignal(launcher.sig_raised, timeout=TIMEOUT):
        taps(dialog.raise_button)
    assert taps.count == 3

    [exc] = _exceptions(demo_store)
    assert (exc.kind, exc.channel, exc.operation_id, exc.item_code, exc.raised_by) == (
        ExceptionKind.MATERIAL_SHORTAGE,
        Channel.KIOSK,
        op_id,
        item,
        ANA.id,
    )
    assert exc.work_order_number == job.work_order
    qtbot.waitUntil(lambda: _status(kiosk, op_id) is RowStatus.BLOCKED_MATERIAL, timeout=TIMEOUT)
    assert controller.lanes[WC][kiosk.model.row_of(op_id)].reason.startswith("blocked: short")
    assert "raised" in kiosk.message.text()
    qtbot.waitUntil(lambda: launcher.dialog is None, timeout=TIMEOUT)


def test_downtime_takes_four_taps_through_the_reason_tree_and_blocks_the_lane(
    qtbot, kiosk, launcher, controller, demo_store
) -> None:
    taps = Taps(qtbot)
    dialog = _open(qtbot, taps, kiosk, launcher, ExceptionKind.MACHINE_DOWNTIME)
    assert not dialog.reason_frame.isVisible()  # category first
    taps(dialog.category_buttons["mechanical"])
    assert set(dialog.reason_buttons) >= {"mechanical/bearing", "mechanical/coolant"}
    assert all(b.isVisible() for b in dialog.reason_buttons.values())
    assert all(b.isVisible() for b in dialog.category_buttons.values())  # categories stay
    taps(dialog.reason_buttons["mechanical/bearing"])
    assert dialog.isVisible()
    assert dialog.exception_id is None
    qtbot.keyClicks(dialog.note, "spindle squeals at 2000 rpm")
    with qtbot.waitSignal(launcher.sig_raised, timeout=TIMEOUT):
        taps(dialog.raise_button)
    assert taps.count == 4

    [exc] = _exceptions(demo_store)
    assert (exc.kind, exc.work_center_code, exc.details["reason_code"]) == (
        ExceptionKind.MACHINE_DOWNTIME,
        WC,
        "mechanical/bearing",
    )
    assert exc.owner_role is Role.MAINTENANCE
    assert "Bearing or spindle" in exc.summary
    assert exc.note == "spindle squeals at 2000 rpm"
    qtbot.waitUntil(lambda: kiosk.machine.text() == "MACHINE DOWN", timeout=TIMEOUT)
    statuses = {r.status for r in kiosk.model.ranked_rows()}
    assert RowStatus.BLOCKED_MACHINE in statuses
    assert RowStatus.READY not in statuses


def test_a_scanned_lot_fills_the_item_and_lot(qtbot, kiosk, launcher, demo_store) -> None:
    taps = Taps(qtbot)
    dialog = _open(qtbot, taps, kiosk, launcher, ExceptionKind.MATERIAL_SHORTAGE)
    with demo_store.read() as session:
        from app.model import Lot

        lot = session.scalars(select(Lot).order_by(Lot.lot_no)).first()
        assert lot is not None
        lot_no, lot_item = lot.lot_no, lot.item_code
    qtbot.keyClicks(dialog.scan, lot_no)
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.lot_no == lot_no, timeout=TIMEOUT)
    assert dialog.selected_choice() == lot_item
    assert lot_no in dialog.scan_hint.text()

    qtbot.keyClicks(dialog.scan, "NOPE-123")
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Unknown code" in dialog.scan_hint.text(), timeout=TIMEOUT)
    assert dialog.selected_choice() == lot_item  # nothing lost


def test_the_services_field_errors_show_on_the_form_and_nothing_is_lost(
    qtbot, kiosk, launcher, demo_store, exceptions
) -> None:
    taps = Taps(qtbot)
    dialog = _open(qtbot, taps, kiosk, launcher, ExceptionKind.SUBSTITUTE_MATERIAL)
    qtbot.keyClicks(dialog.note, "bar from the other rack")
    qtbot.keyClicks(dialog.substitute, "NO-SUCH-ITEM")
    with qtbot.waitSignal(exceptions.sig_command_failed, timeout=TIMEOUT):
        taps(dialog.raise_button)
    assert "Substitute material: unknown substitute 'NO-SUCH-ITEM'" in dialog.error.text()
    assert dialog.substitute.property("error") is True
    assert dialog.isVisible()
    assert dialog.note.text() == "bar from the other rack"
    assert dialog.substitute.text() == "NO-SUCH-ITEM"
    assert dialog.raise_button.isEnabled()
    assert _exceptions(demo_store) == []


def test_an_operator_must_be_logged_in_to_raise(qtbot, kiosk, launcher) -> None:
    kiosk.set_operator(None)
    qtbot.mouseClick(kiosk.exception_bar.buttons[ExceptionKind.OTHER], Qt.MouseButton.LeftButton)
    assert "Log in" in kiosk.message.text()
    assert launcher.dialog is None


def test_exception_buttons_are_big_enough_to_touch(kiosk: KioskLaneView) -> None:
    for button in kiosk.exception_bar.buttons.values():
        assert button.height() >= 48, button.text()


def test_downtime_without_a_reason_says_what_is_missing(qtbot, kiosk, launcher, demo_store) -> None:
    taps = Taps(qtbot)
    dialog = _open(qtbot, taps, kiosk, launcher, ExceptionKind.MACHINE_DOWNTIME)
    taps(dialog.raise_button)
    assert "why the machine is down" in dialog.error.text()
    assert dialog.category_frame.property("error") is True
    taps(dialog.category_buttons["tooling"])
    taps(dialog.raise_button)
    assert "pick the reason" in dialog.error.text()
    assert _exceptions(demo_store) == []


def test_feedback_never_moves_the_lane_and_fades(qtbot, kiosk: KioskLaneView) -> None:
    parts = (kiosk.card, kiosk.running_panel, kiosk.exception_bar, kiosk.lists, kiosk.table)
    before = [w.geometry() for w in parts]
    kiosk.show_message(
        "Machine down raised; its owner has been told. Maintenance is on its way and the "
        "lane is blocked until the machine runs again; the next job moves up. " * 2
    )
    QApplication.processEvents()
    assert kiosk.message.shown()
    assert [w.geometry() for w in parts] == before
    assert kiosk.rect().contains(kiosk.message.geometry())
    kiosk.message._hold.setInterval(10)
    kiosk.message._hold.start()
    qtbot.waitUntil(lambda: not kiosk.message.isVisible(), timeout=5000)
    assert [w.geometry() for w in parts] == before
