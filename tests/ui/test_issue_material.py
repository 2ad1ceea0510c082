"""Issuing material to the running job from the kiosk: two taps when the form's guess is
right (Issue material, Issue), the field named when it is not, and a goods issue queued
for the ERP."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.model import ErpPosting, MaterialRequirement
from app.model.types import PostingKind, PostingStatus
from app.store import Store
from ui.board.board_controller import BoardController
from ui.board.issue_dialog import IssueDialog
from ui.board.kiosk_lane_view import KioskLaneView

from .test_board_kiosk import ANA, TIMEOUT, WC, kiosk  # noqa: F401 - the kiosk fixture

SHOTS = os.environ.get("TAKT_SCREENSHOTS")


def _issued(store: Store, work_order: str, item: str) -> float:
    with store.read() as session:
        total = session.scalar(
            select(func.sum(MaterialRequirement.issued_qty)).where(
                MaterialRequirement.work_order_number == work_order,
                MaterialRequirement.item_code == item,
            )
        )
    return float(total or 0)


def _open(qtbot, kiosk: KioskLaneView) -> IssueDialog:  # noqa: F811
    assert kiosk.running_panel.issue_button.isEnabled()
    qtbot.mouseClick(kiosk.running_panel.issue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.issue_dialog is not None, timeout=TIMEOUT)
    assert kiosk.issue_dialog is not None
    return kiosk.issue_dialog


def test_two_taps_issue_what_the_running_job_still_needs(
    qtbot,
    kiosk: KioskLaneView,  # noqa: F811
    controller: BoardController,
    demo_store: Store,
    theme: str,
) -> None:
    running = controller.running_job(WC)
    assert running is not None
    dialog = _open(qtbot, kiosk)  # tap 1
    assert dialog.materials, "the running job's order lists its materials"
    line = dialog.chosen
    assert line is not None
    assert dialog.material_buttons[0].isChecked()
    assert line.item in dialog.material_buttons[0].text()
    if line.remaining > 0:  # prefilled: what is left of it, and the staged lot
        assert dialog.qty.text() == f"{line.remaining:g}"
    else:
        qtbot.keyClicks(dialog.qty, "3")
    qty = float(dialog.qty.text())
    assert dialog.lot.text() == (line.lot or "")
    before = _issued(demo_store, running.work_order, line.item)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(Path(SHOTS) / f"issue-material-{theme}.png"))

    with qtbot.waitSignal(controller.sig_command_done, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # tap 2

    qtbot.waitUntil(lambda: kiosk.issue_dialog is None, timeout=TIMEOUT)
    assert _issued(demo_store, running.work_order, line.item) == before + qty
    assert f"Issued {qty:g} {line.item}" in kiosk.message.text()
    with demo_store.read() as session:
        (posting,) = session.scalars(
            select(ErpPosting).where(
                ErpPosting.kind == PostingKind.GOODS_MOVEMENT,
                ErpPosting.work_order_number == running.work_order,
            )
        )
    assert posting.status is PostingStatus.PENDING
    assert (posting.payload["erp_kind"], posting.payload["qty"]) == ("goods_issue", qty)
    assert posting.payload["issued_by"] == ANA.id


def test_the_issue_form_names_the_field_and_keeps_the_input(
    qtbot,
    kiosk: KioskLaneView,  # noqa: F811
    controller: BoardController,
    demo_store: Store,
) -> None:
    running = controller.running_job(WC)
    assert running is not None
    dialog = _open(qtbot, kiosk)
    line = dialog.chosen
    assert line is not None
    before = _issued(demo_store, running.work_order, line.item)

    dialog.qty.setText("0")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text().startswith("qty:")
    assert dialog.qty.property("error") is True

    dialog.qty.setText("2")
    dialog.lot.setText("no such lot!")  # the service refuses it, naming the field
    with qtbot.waitSignal(controller.sig_command_failed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text().startswith("Lot:")
    assert dialog.lot.property("error") is True
    assert dialog.qty.property("error") is False
    assert (dialog.qty.text(), dialog.lot.text()) == ("2", "no such lot!")
    assert dialog.isVisible()
    assert dialog.ok.isEnabled()
    assert _issued(demo_store, running.work_order, line.item) == before


def test_the_pad_types_into_the_quantity(
    qtbot,
    kiosk: KioskLaneView,  # noqa: F811
) -> None:
    dialog = _open(qtbot, kiosk)
    dialog.qty.clear()
    for key in ("1", "2", ".", "5"):
        qtbot.mouseClick(dialog.pad.keys[key], Qt.MouseButton.LeftButton)
    assert dialog.qty.text() == "12.5"
    qtbot.mouseClick(dialog.pad.keys["⌫"], Qt.MouseButton.LeftButton)
    assert dialog.qty.text() == "12."
    assert kiosk.running_panel.issue_button.height() >= 48
    assert all(b.height() >= 48 for b in dialog.material_buttons)


def test_the_issue_button_waits_for_a_running_job_and_a_person(
    kiosk: KioskLaneView,  # noqa: F811
) -> None:
    assert kiosk.running_panel.issue_button.isEnabled()
    kiosk.set_operator(None)
    assert not kiosk.running_panel.issue_button.isEnabled()
