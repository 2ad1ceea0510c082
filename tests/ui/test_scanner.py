"""Scanner input is routed: a burst of keys ending in Enter (a keyboard-wedge scanner) goes
where the code belongs; a person typing at human speed is left alone.

QTest key clicks without delay come as fast as a scanner; with a delay of 80 ms per key
they are a person.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from app.events.payloads import UserLoggedIn, UserLoggedOut
from app.model import EventRecord, Item, Lot
from app.model.types import ExceptionKind, Severity
from app.store import Store
from ui.exceptions.capture import CaptureDialog
from ui.main_window import MainWindow

TIMEOUT = 20_000
HUMAN_MS = 80  # a quick typist; a scanner's keys are a few ms apart


@pytest.fixture
def kiosk_work_center() -> str | None:
    return "LAT-01"


def scan(qtbot, widget: QWidget, code: str) -> None:
    """What a wedge scanner does: the code's keys in a burst, then Enter."""
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def type_slowly(qtbot, widget: QWidget, text: str) -> None:
    for char in text:
        qtbot.keyClick(widget, char, delay=HUMAN_MS)
    qtbot.keyClick(widget, Qt.Key.Key_Return, delay=HUMAN_MS)


def log_in(qtbot, window: MainWindow, badge: str) -> None:
    with qtbot.waitSignal(window.sig_home_shown, timeout=TIMEOUT):
        scan(qtbot, window.login_view.badge, badge)


def open_capture(qtbot, window: MainWindow, kind: ExceptionKind) -> CaptureDialog:
    with qtbot.waitSignal(window.capture.sig_dialog_opened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(window.kiosk_view.exception_bar.buttons[kind], Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, CaptureDialog)
    return dialog


def _logins(store: Store) -> list[tuple[str, str, str]]:
    with store.read() as session:
        records = session.scalars(
            select(EventRecord)
            .where(EventRecord.kind.in_((UserLoggedIn.KIND, UserLoggedOut.KIND)))
            .order_by(EventRecord.position)
        )
        return [
            (
                "in" if r.kind == UserLoggedIn.KIND else "out",
                r.payload["user_id"],
                r.payload.get("reason", r.payload.get("method", "")),
            )
            for r in records
        ]


def test_a_badge_scanned_at_shift_change_switches_the_user(
    qtbot, window: MainWindow, demo_store: Store
) -> None:
    log_in(qtbot, window, "RVS-1001")
    assert window.operator is not None
    assert window.operator.id == "1001"
    kiosk = window.kiosk_view
    with qtbot.waitSignal(window.sig_home_shown, timeout=TIMEOUT):
        scan(qtbot, kiosk.scan, "RVS-2001")  # the focus is on the lane's scan field
    assert window.operator is not None
    assert window.operator.id == "2001"
    assert window.status_user.text() == window.operator.name
    assert kiosk.scan.text() == ""  # the badge did not stay in the field
    assert _logins(demo_store)[-3:] == [
        ("in", "1001", "badge"),
        ("out", "1001", "switch"),
        ("in", "2001", "badge"),
    ]


def test_a_work_order_scanned_anywhere_selects_the_job(qtbot, window: MainWindow) -> None:
    log_in(qtbot, window, "RVS-1001")
    kiosk = window.kiosk_view
    row = kiosk.model.rowCount() - 1
    job = kiosk.model.job_at(row)
    assert job is not None
    scan(qtbot, window.nav_inbox, job.work_order)  # focus on a button, not the field
    qtbot.waitUntil(lambda: kiosk.card_op_id == kiosk.model.op_id_at(row), timeout=TIMEOUT)
    assert window.current is kiosk
    assert f"{job.work_order} selected" in kiosk.message.text()


def test_human_typing_is_left_to_the_field(qtbot, window: MainWindow) -> None:
    log_in(qtbot, window, "RVS-1001")
    kiosk = window.kiosk_view
    scanned: list[str] = []
    window.scanner.sig_scanned.connect(scanned.append)
    job = kiosk.model.job_at(kiosk.model.rowCount() - 1)
    assert job is not None
    type_slowly(qtbot, kiosk.scan, job.work_order)
    assert scanned == []  # a person typed it: the field's own Enter picked the job
    assert f"{job.work_order} selected" in kiosk.message.text()


def test_a_scan_in_a_capture_form_fills_it_and_presses_no_button(
    qtbot, window: MainWindow, demo_store: Store
) -> None:
    log_in(qtbot, window, "RVS-1001")
    dialog = open_capture(qtbot, window, ExceptionKind.MATERIAL_SHORTAGE)
    qtbot.mouseClick(dialog.severity_buttons[Severity.CRITICAL.value], Qt.MouseButton.LeftButton)
    assert dialog.severity() is Severity.CRITICAL
    with demo_store.read() as session:
        lot = session.scalars(select(Lot).order_by(Lot.lot_no)).first()
        assert lot is not None
        lot_no, item = lot.lot_no, lot.item_code
    dialog.note.setFocus()
    scan(qtbot, dialog.note, lot_no)  # the focus is on the note, not the scan field
    qtbot.waitUntil(lambda: dialog.lot_no == lot_no, timeout=TIMEOUT)
    assert dialog.note.text() == ""  # the code went to the form, not into the note
    assert dialog.selected_choice() == item
    assert dialog.severity() is Severity.CRITICAL  # Enter pressed no severity button
    assert dialog.isVisible()


def test_enter_typed_by_a_person_presses_no_button_either(qtbot, window: MainWindow) -> None:
    log_in(qtbot, window, "RVS-1001")
    dialog = open_capture(qtbot, window, ExceptionKind.QUALITY_HOLD)
    qtbot.mouseClick(dialog.severity_buttons[Severity.CRITICAL.value], Qt.MouseButton.LeftButton)
    dialog.summary.setFocus()
    type_slowly(qtbot, dialog.summary, "burr")
    QApplication.processEvents()
    assert dialog.severity() is Severity.CRITICAL
    assert dialog.isVisible()
    assert dialog.exception_id is None


def test_a_scanned_item_fills_the_substitute(qtbot, window: MainWindow, demo_store: Store) -> None:
    log_in(qtbot, window, "RVS-1001")
    dialog = open_capture(qtbot, window, ExceptionKind.SUBSTITUTE_MATERIAL)
    replaced = dialog.selected_choice()
    assert replaced is not None
    with demo_store.read() as session:
        other = session.scalars(
            select(Item.code).where(Item.code != replaced).order_by(Item.code)
        ).first()
    assert other is not None
    scan(qtbot, dialog.note, other)
    qtbot.waitUntil(lambda: dialog.substitute.text() == other, timeout=TIMEOUT)
    assert dialog.selected_choice() == replaced
    assert dialog.note.text() == ""
