"""The kiosk's confirm dialog takes no runaway figure, and shows the service's limit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.model import OperationInstance
from app.store import Store
from tests.ui.test_board_kiosk import TIMEOUT, WC, kiosk  # noqa: F401 (a fixture)
from ui.board.board_controller import BoardController
from ui.board.kiosk_lane_view import KioskLaneView
from ui.board.number_pad import MAX_CHARS


def _good(store: Store, op_id: str) -> float:
    with store.read() as session:
        op = session.get(OperationInstance, op_id)
        assert op is not None
        return op.qty_good


def test_twenty_digits_cannot_be_typed_or_keyed_in(
    qtbot,
    kiosk: KioskLaneView,  # noqa: F811
) -> None:
    qtbot.mouseClick(kiosk.running_panel.confirm_button, Qt.MouseButton.LeftButton)
    dialog = kiosk.confirm_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.good, "9" * 20)
    assert dialog.good.text() == "9" * MAX_CHARS
    dialog.good.clear()
    for _ in range(25):  # the on-screen pad types into the same field
        qtbot.mouseClick(dialog.keys["9"], Qt.MouseButton.LeftButton)
    assert dialog.good.text() == "9" * MAX_CHARS


def test_more_than_the_operation_can_take_shows_the_services_limit(
    qtbot,
    kiosk: KioskLaneView,  # noqa: F811
    controller: BoardController,
    demo_store: Store,
) -> None:
    running = controller.running_job(WC)
    assert running is not None
    before = _good(demo_store, running.op_id)
    qtbot.mouseClick(kiosk.running_panel.confirm_button, Qt.MouseButton.LeftButton)
    dialog = kiosk.confirm_dialog
    assert dialog is not None

    qtbot.keyClicks(dialog.good, f"{running.quantity * 2:g}")
    with qtbot.waitSignal(controller.sig_command_failed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    limit = running.quantity * 1.1
    assert dialog.error.text().startswith(f"Good quantity: at most {limit:g} good + scrap on ")
    assert "A supervisor may confirm more" in dialog.error.text()
    assert dialog.good.property("error") is True
    assert not dialog.scrap.property("error")
    assert dialog.isVisible()
    assert dialog.ok.isEnabled()
    assert _good(demo_store, running.op_id) == before

    # Ten nines are over any plant's scale: the service says so, naming the field.
    dialog.good.clear()
    qtbot.keyClicks(dialog.good, "9" * 20)
    with qtbot.waitSignal(controller.sig_command_failed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    # The limit in the screen's digits (the tests' C locale has no thousands separator).
    assert dialog.error.text() == "Good quantity: must be at most 1000000000"
    assert _good(demo_store, running.op_id) == before
