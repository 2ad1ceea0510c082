"""The postings screen in the terminal window: what the ERP refused, and a supervisor's
retry, edit or cancel; hidden from operators; refreshed when the server's news arrives.

With TAKT_SCREENSHOTS=DIR set, the screen and the edit dialog are saved there as PNGs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.clock import FixedClock
from app.events.replica import PageResult
from app.model.types import PostingStatus
from app.services.people import PeopleService
from app.store import Store
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.erp import commands
from tests.erp.test_erp_cli import orphan_in_erp
from tests.postings import (
    erp_acknowledges,
    failed_posting,
    posting,
    status,
)
from ui.background import Background
from ui.erp.posting_dialogs import EditPostingDialog
from ui.erp.postings_model import PostingColumn, describe, lag_text
from ui.main_window import MainWindow
from ui.sync_controller import SyncController, touches_postings
from ui.theme import apply_theme

SHOTS = os.environ.get("TAKT_SCREENSHOTS")
TIMEOUT = 20_000
OPERATOR, SUPERVISOR, MANAGER = "SYN-901", "SYN-902", "SYN-907"  # badges
ERP_MESSAGE = "Work Order SWO-0003 is closed: cannot book 12 on it (MAT-WO-2026-00017)"


def _save(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()
        assert widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def window(qtbot, plant: Store, clock: FixedClock) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "kiosk")
    background = Background()
    win = MainWindow(plant, PeopleService(plant, clock), background, clock=clock)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()
    background.shutdown()
    QApplication.processEvents()


def _login(qtbot, win: MainWindow, badge: str) -> None:
    with qtbot.waitSignal(win.sig_home_shown, timeout=TIMEOUT):
        qtbot.keyClicks(win.login_view.badge, badge)
        qtbot.keyClick(win.login_view.badge, Qt.Key.Key_Return)


def _open_postings(qtbot, win: MainWindow) -> None:
    assert win.nav_postings.isVisible()
    with qtbot.waitSignal(win.postings_view.sig_refreshed, timeout=TIMEOUT):
        qtbot.mouseClick(win.nav_postings, Qt.MouseButton.LeftButton)
    assert win.current is win.postings_view


def _cell(win: MainWindow, row: int, column: PostingColumn) -> str:
    return str(win.postings_view.model.index(row, column).data())


def _click(qtbot, win: MainWindow, button: QWidget) -> None:
    """Click, and wait for the screen to read the postings again (a decision went through)."""
    with qtbot.waitSignal(win.postings_view.sig_refreshed, timeout=TIMEOUT):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- what the screen shows ------------------------------------------------------------------


def test_a_failed_posting_appears_with_the_erps_message(
    qtbot, qtmodeltester, window: MainWindow, plant: Store, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock, ERP_MESSAGE, good=12, scrap=1)
    _login(qtbot, window, SUPERVISOR)
    _open_postings(qtbot, window)
    view = window.postings_view
    qtmodeltester.check(view.model)
    assert view.model.ids() == [pid]
    seq = posting(plant, pid).payload["operation_seq"]
    assert _cell(window, 0, PostingColumn.KIND) == "Confirmation"
    assert _cell(window, 0, PostingColumn.WORK_ORDER) == posting(plant, pid).work_order_number
    assert _cell(window, 0, PostingColumn.WHAT) == f"good 12, scrap 1 on op {seq}"
    assert _cell(window, 0, PostingColumn.ATTEMPTS) == "1"
    assert _cell(window, 0, PostingColumn.ERROR) == ERP_MESSAGE
    assert _cell(window, 0, PostingColumn.WHEN) == "Mon 23 Nov 08:00"  # plant time (UTC)
    # The scrap of that confirmation is a goods movement of its own, still pending.
    assert view.summary.text().startswith("Pending 1 · Posted 0 · Failed 1 · no lag yet")
    assert not view.empty.isVisible()
    # Nothing selected, nothing to act on.
    assert not view.retry_button.isEnabled()
    view.select(pid)
    assert view.retry_button.isEnabled()
    assert view.edit_button.isEnabled()
    assert view.cancel_button.isEnabled()
    # A supervisor's navigation (seven buttons) and this screen fit a 1280x800 kiosk.
    assert window.size() == QSize(1280, 800)
    _save(window, "erp-postings")


def test_a_supervisor_retries_and_the_posting_is_pending_again(
    qtbot, window: MainWindow, plant: Store, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock, ERP_MESSAGE)
    _login(qtbot, window, SUPERVISOR)
    _open_postings(qtbot, window)
    view = window.postings_view
    view.select(pid)
    _click(qtbot, window, view.retry_button)
    assert status(plant, pid) is PostingStatus.PENDING
    assert view.model.rowCount() == 0
    assert view.empty.isVisible()
    assert view.message.text().startswith("Sent the posting of ")
    assert not view.message.property("error")
    assert view.summary.text().startswith(
        "Pending 2 · Posted 0 · Failed 0"
    )  # with its scrap movement


def test_a_retry_of_what_the_erp_took_meanwhile_says_so(
    qtbot, window: MainWindow, plant: Store, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock, ERP_MESSAGE)
    _login(qtbot, window, SUPERVISOR)
    _open_postings(qtbot, window)
    view = window.postings_view
    view.select(pid)
    erp_acknowledges(plant, clock, pid, "MAT-STE-2026-00042")  # not on screen yet
    qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(view.message.property("error")), timeout=TIMEOUT)
    assert view.message.text() == (
        "Cannot retry it: the ERP already holds it as MAT-STE-2026-00042."
    )
    assert status(plant, pid) is PostingStatus.POSTED


def test_an_operator_cannot_see_the_screen(
    qtbot, window: MainWindow, plant: Store, clock: FixedClock
) -> None:
    failed_posting(plant, clock, ERP_MESSAGE)
    _login(qtbot, window, OPERATOR)
    assert not window.nav_postings.isVisible()
    window.show_postings()
    assert window.current is not window.postings_view
    assert window.postings_view.operator is None
    window.postings_view.refresh()  # nothing is read for nobody
    assert window.postings_view.model.rowCount() == 0


def test_a_manager_sees_it_too_and_cancels_with_a_reason(
    qtbot, window: MainWindow, plant: Store, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock, ERP_MESSAGE)
    _login(qtbot, window, MANAGER)
    _open_postings(qtbot, window)
    view = window.postings_view
    view.select(pid)
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None
    assert ERP_MESSAGE in dialog.findChild(QWidget, "postingContext").text()
    assert not dialog.ok.isEnabled()  # no reason yet
    qtbot.keyClicks(dialog.reason, "booked by")
    assert not dialog.ok.isEnabled()  # a few words, not two
    qtbot.keyClicks(dialog.reason, " hand")
    assert dialog.ok.isEnabled()
    _click(qtbot, window, dialog.ok)
    qtbot.waitUntil(lambda: view.dialog is None, timeout=TIMEOUT)
    assert status(plant, pid) is PostingStatus.CANCELLED
    assert view.model.rowCount() == 0


# --- editing --------------------------------------------------------------------------------


def test_the_edit_dialog_keeps_input_on_a_bad_value_and_names_the_field(
    qtbot, window: MainWindow, plant: Store, clock: FixedClock
) -> None:
    pid = failed_posting(plant, clock, ERP_MESSAGE, good=12, scrap=1)
    _login(qtbot, window, SUPERVISOR)
    _open_postings(qtbot, window)
    view = window.postings_view
    view.select(pid)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, EditPostingDialog)
    assert set(dialog.inputs) == {
        "changes.erp_ref",
        "changes.operation_seq",
        "changes.work_center",
        "changes.good",
        "changes.scrap",
    }
    assert dialog.input("good").text() == "12"
    assert dialog.input("scrap").text() == "1"
    assert not dialog.ok.isEnabled()

    dialog.input("scrap").clear()
    qtbot.keyClicks(dialog.input("scrap"), "-3")
    qtbot.keyClicks(dialog.reason, "scrap was counted twice")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=TIMEOUT)
    _save(dialog, "erp-posting-edit-refused")
    assert view.dialog is dialog
    assert dialog.isVisible()
    assert dialog.error.text() == "Scrap: cannot be negative"
    assert dialog.input("scrap").property("error") is True
    assert not dialog.input("good").property("error")
    assert dialog.input("scrap").text() == "-3"  # what was typed stays
    assert dialog.reason.text() == "scrap was counted twice"
    assert dialog.ok.isEnabled()  # try again
    assert status(plant, pid) is PostingStatus.FAILED

    dialog.input("scrap").clear()
    qtbot.keyClicks(dialog.input("scrap"), "twelve")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text() == "Scrap: must be a number", timeout=TIMEOUT)

    dialog.input("scrap").clear()
    qtbot.keyClicks(dialog.input("scrap"), "0")
    dialog.input("good").clear()
    qtbot.keyClicks(dialog.input("good"), "11,5")
    _click(qtbot, window, dialog.ok)
    qtbot.waitUntil(lambda: view.dialog is None, timeout=TIMEOUT)
    row = posting(plant, pid)
    assert row.status is PostingStatus.PENDING
    assert (row.payload["good"], row.payload["scrap"]) == (11.5, 0.0)
    assert view.message.text().startswith("Corrected the posting of ")


# --- refreshing -----------------------------------------------------------------------------


def test_news_from_the_server_refreshes_the_screen(
    qtbot, window: MainWindow, plant: Store, clock: FixedClock
) -> None:
    _login(qtbot, window, SUPERVISOR)
    _open_postings(qtbot, window)
    view = window.postings_view
    assert view.model.rowCount() == 0
    # The server's writer recorded a refusal; sync applied it here and reports its kinds.
    pid = failed_posting(plant, clock, ERP_MESSAGE)
    engine = SyncEngine(plant, Transport("http://127.0.0.1:9"))  # never started
    sync = SyncController(engine, Background(), postings=window.postings, parent=window)
    assert engine.on_applied is not None
    with qtbot.waitSignal(view.sig_refreshed, timeout=TIMEOUT):
        engine.on_applied(PageResult(new=1, kinds={"erp.posting_failed"}))
    assert view.model.ids() == [pid]
    sync.stop()


def test_which_kinds_touch_the_postings_screen() -> None:
    assert touches_postings({"erp.posting_failed"})
    assert touches_postings({"erp.posting_acknowledged", "user.logged_in"})
    assert touches_postings({"operation.confirmed"})  # a new pending posting
    assert touches_postings({"material.issued"})  # a goods issue
    assert touches_postings({"exception.resolved"})  # a stop's downtime, a hold's release
    assert touches_postings({"*"})
    assert not touches_postings({"user.logged_in", "exception.acknowledged", "task.done"})


# --- words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(None, "—"), (0.8, "0.8 s"), (42, "42 s"), (210, "3.5 min"), (7560, "2.1 h")],
)
def test_lag_text(seconds: float | None, text: str) -> None:
    assert lag_text(seconds) == text


def test_describe_a_confirmation_without_scrap() -> None:
    from app.model.types import PostingKind

    payload = {"good": 12.0, "scrap": 0.0, "operation_seq": 20}
    assert describe(PostingKind.CONFIRMATION, payload) == "good 12 on op 20"


def test_describe_goods_movements_and_quality_events_in_words() -> None:
    from app.model.types import PostingKind

    issue = {"erp_kind": "goods_issue", "item": "RM-BAR", "qty": 3.5, "lot": "L26-00017"}
    assert describe(PostingKind.GOODS_MOVEMENT, issue) == "issue 3.5 RM-BAR (lot L26-00017)"
    scrap = {"erp_kind": "scrap", "item": "FG-1", "qty": 2.0, "reason": "burr"}
    assert describe(PostingKind.GOODS_MOVEMENT, scrap) == "scrap 2 FG-1"
    hold = {"erp_kind": "quality_hold", "subject": "Burr on the flange", "item": "FG-1"}
    assert describe(PostingKind.QUALITY_EVENT, hold) == "hold: Burr on the flange"
    release = {"erp_kind": "quality_release", "hold_reference": "h", "disposition": "use_as_is"}
    assert describe(PostingKind.QUALITY_EVENT, release) == "release: use as is"


def test_an_orphaned_document_is_shown_and_a_lead_records_it_as_reversed(
    qtbot, window: MainWindow, plant: Store, clock: FixedClock
) -> None:
    """The ERP's document of an event a restored server refused (`takt erp reconcile`)
    is listed with what to do; only "reversed in the ERP" is offered for it."""
    erp, _, orphan = orphan_in_erp(plant, clock)
    commands.reconcile(plant, erp, clock)
    _login(qtbot, window, MANAGER)
    _open_postings(qtbot, window)
    view = window.postings_view
    assert view.model.ids() == [orphan]
    assert "reverse it in the ERP" in _cell(window, 0, PostingColumn.ERROR)
    view.select(orphan)
    assert view.reversed_button.isEnabled()
    assert not view.retry_button.isEnabled()
    assert not view.cancel_button.isEnabled()
    qtbot.mouseClick(view.reversed_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "Stock Entry cancelled")
    _click(qtbot, window, dialog.ok)
    qtbot.waitUntil(lambda: view.dialog is None, timeout=TIMEOUT)
    assert status(plant, orphan) is PostingStatus.REVERSED
    assert view.model.rowCount() == 0
