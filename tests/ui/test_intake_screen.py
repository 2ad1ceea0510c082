"""The Messages screen (issue 16): a lead pastes a phone call and a draft appears with its
fields; one tap confirms it into a routed exception on the phone channel; Edit changes
what is raised; Discard keeps the message under Archived with the reason; a message in
triage cannot be confirmed until it is linked; the screen fits a 1280x800 kiosk.

With TAKT_SCREENSHOTS=DIR set, the screen and its dialogs are saved there as PNGs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from app.model import IntakeMessage, ShopException, WorkOrder
from app.model.types import Channel, ExceptionKind, MessageStatus
from app.store import Store
from tests.ui.test_fit import problems
from ui.intake.intake_dialogs import DiscardDialog, DraftDialog, PasteDialog
from ui.intake.messages_model import FieldColumn, MessageColumn
from ui.intake.messages_view import MessagesView
from ui.main_window import MainWindow
from ui.tour import Stop

SHOTS = os.environ.get("TAKT_SCREENSHOTS")
TIMEOUT = 20_000
SUPERVISOR, OPERATOR = "RVS-2001", "RVS-1001"  # demo badges (Katrin Vogel, an operator)
LEAD_ID = "2001"
UNKNOWN = "Material shortage: order WO-99999 is missing 40 pcs of XYZ-77."


def _save(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()
        assert widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _orders(store: Store) -> list[tuple[str, str]]:
    with store.read() as session:
        rows = session.execute(
            select(WorkOrder.number, WorkOrder.item_code).order_by(WorkOrder.number)
        )
        return [(n, i) for n, i in rows]


def _shortage(store: Store) -> tuple[str, str, str]:
    number, item = _orders(store)[0]
    return number, item, f"Short of {item} for {number}, 40 pcs missing at the line."


def _login(qtbot, win: MainWindow, badge: str) -> None:
    with qtbot.waitSignal(win.sig_home_shown, timeout=TIMEOUT):
        qtbot.keyClicks(win.login_view.badge, badge)
        qtbot.keyClick(win.login_view.badge, Qt.Key.Key_Return)


def _open_messages(qtbot, win: MainWindow) -> MessagesView:
    assert win.nav_messages.isVisible()
    with qtbot.waitSignal(win.messages_view.sig_refreshed, timeout=TIMEOUT):
        qtbot.mouseClick(win.nav_messages, Qt.MouseButton.LeftButton)
    assert win.current is win.messages_view
    return win.messages_view


def _paste(qtbot, view: MessagesView, text: str) -> str:
    """Paste `text` through the dialog; wait until its message is shown; its id."""
    with view.controller.store.read() as session:
        before = set(session.scalars(select(IntakeMessage.message_id)))
    dialog = view.open_paste()
    assert isinstance(dialog, PasteDialog)
    assert not dialog.ok.isEnabled()  # nothing pasted yet
    dialog.text.setPlainText(text)
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    def shown() -> bool:
        detail = view.detail
        return view.dialog is None and detail is not None and detail.row.message_id not in before

    qtbot.waitUntil(shown, timeout=TIMEOUT)
    assert view.detail is not None
    return view.detail.row.message_id


def _message(store: Store, message_id: str) -> IntakeMessage:
    with store.read() as session:
        found = session.get(IntakeMessage, message_id)
        assert found is not None
        session.expunge(found)
        return found


def _exception(store: Store, exception_id: str | None) -> ShopException:
    assert exception_id is not None
    with store.read() as session:
        found = session.get(ShopException, exception_id)
        assert found is not None
        session.expunge(found)
        return found


def _decide(qtbot, view: MessagesView, button: QWidget) -> None:
    """Tap, and wait until the decision went through and the list was read after it."""
    with qtbot.waitSignal(view.controller.sig_changed, timeout=TIMEOUT):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.sig_refreshed, timeout=TIMEOUT):
        pass


def test_a_pasted_call_becomes_a_draft_shown_with_its_fields(
    qtbot, qtmodeltester, window: MainWindow, demo_store: Store
) -> None:
    _login(qtbot, window, SUPERVISOR)
    view = _open_messages(qtbot, window)
    number, item, text = _shortage(demo_store)
    message_id = _paste(qtbot, view, text)

    assert message_id.startswith("phone:")
    assert view.list_name == "drafts"
    assert view.model.ids() == [message_id]
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.fields)
    assert view.model.index(0, MessageColumn.FROM).data() == "Phone"
    assert view.model.index(0, MessageColumn.TYPE).data() == "Material shortage"
    assert view.tabs["drafts"].text() == "Drafts (1)"
    # The message verbatim, the words each field was read from picked out.
    assert view.text.toPlainText() == text
    assert number in view.highlighted()
    assert item in view.highlighted()
    shown = {
        view.fields.index(r, FieldColumn.FIELD).data(): (
            view.fields.index(r, FieldColumn.VALUE).data(),
            view.fields.index(r, FieldColumn.SURE).data(),
        )
        for r in range(view.fields.rowCount())
    }
    assert shown["Work order"][0] == number
    assert shown["Item"][0] == item
    assert shown["Quantity"][0] == "40 pcs"
    assert all(sure.endswith(" %") for _, sure in shown.values())
    assert "Material shortage" in view.meta.text()
    assert view.confirm_button.isEnabled()
    assert view.edit_button.text() == "Edit…"
    stored = _message(demo_store, message_id)
    assert stored.status is MessageStatus.DRAFT
    assert stored.received_by == LEAD_ID


def test_confirm_raises_a_routed_exception_on_the_phone_channel(
    qtbot, window: MainWindow, demo_store: Store
) -> None:
    _login(qtbot, window, SUPERVISOR)
    view = _open_messages(qtbot, window)
    number, item, text = _shortage(demo_store)
    message_id = _paste(qtbot, view, text)

    _decide(qtbot, view, view.confirm_button)
    message = _message(demo_store, message_id)
    assert message.status is MessageStatus.CONFIRMED
    exception = _exception(demo_store, message.exception_id)
    assert exception.channel is Channel.PHONE
    assert exception.kind is ExceptionKind.MATERIAL_SHORTAGE
    assert exception.work_order_number == number
    assert exception.item_code == item
    assert exception.owner_role is not None or exception.owner_user_id is not None
    assert exception.raised_by == LEAD_ID
    # Out of the drafts; kept under Archived, saying it was confirmed.
    assert view.model.ids() == []
    assert view.tabs["archived"].text() == "Archived (1)"
    with qtbot.waitSignal(view.sig_detail_shown, timeout=TIMEOUT):
        qtbot.mouseClick(view.tabs["archived"], Qt.MouseButton.LeftButton)
    assert view.model.index(0, MessageColumn.TYPE).data() == "Confirmed"
    assert not view.confirm_button.isVisible()


def test_edit_changes_the_exceptions_kind_and_work_order(
    qtbot, window: MainWindow, demo_store: Store
) -> None:
    _login(qtbot, window, SUPERVISOR)
    view = _open_messages(qtbot, window)
    _number, _item, text = _shortage(demo_store)
    message_id = _paste(qtbot, view, text)
    other = _orders(demo_store)[5][0]

    dialog = view.open_edit()
    assert isinstance(dialog, DraftDialog)
    assert dialog.work_order.currentData() == _number  # the draft's, to start with
    dialog.type.setCurrentIndex(dialog.type.findData("downtime"))
    dialog.work_order.setCurrentIndex(dialog.work_order.findData(other))
    dialog.work_center.setCurrentIndex(dialog.work_center.findData("LAT-02"))
    # A machine down needs its reason: the form asks for it only for that kind.
    assert dialog.reason_code.isVisibleTo(dialog)
    assert not dialog.substitute.isVisibleTo(dialog)
    reason = dialog.reason_code.itemData(1)
    dialog.reason_code.setCurrentIndex(1)
    assert dialog.edits() == {
        "type": "downtime",
        "work_orders": [other],
        "work_center": "LAT-02",
        "reason_code": reason,
    }
    _save(dialog, "intake-edit")
    _decide(qtbot, view, dialog.ok)
    qtbot.waitUntil(lambda: view.dialog is None, timeout=TIMEOUT)

    message = _message(demo_store, message_id)
    assert message.status is MessageStatus.CONFIRMED
    exception = _exception(demo_store, message.exception_id)
    assert exception.kind is ExceptionKind.MACHINE_DOWNTIME
    assert exception.work_order_number == other
    assert exception.work_center_code == "LAT-02"
    assert exception.details["reason_code"] == reason
    assert exception.channel is Channel.PHONE


def test_a_bad_edit_names_the_field_and_keeps_the_draft(
    qtbot, window: MainWindow, demo_store: Store
) -> None:
    _login(qtbot, window, SUPERVISOR)
    view = _open_messages(qtbot, window)
    message_id = _paste(qtbot, view, _shortage(demo_store)[2])
    dialog = view.open_edit()
    assert isinstance(dialog, DraftDialog)
    dialog.date.setText("next Tuesday")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.footer.error.text()), timeout=TIMEOUT)
    assert "Date" in dialog.footer.error.text()
    assert dialog.date.property("error") is True
    assert view.dialog is dialog
    assert _message(demo_store, message_id).status is MessageStatus.DRAFT
    dialog.reject()


def test_discard_keeps_the_message_under_archived_with_the_reason(
    qtbot, window: MainWindow, demo_store: Store
) -> None:
    _login(qtbot, window, SUPERVISOR)
    view = _open_messages(qtbot, window)
    message_id = _paste(qtbot, view, _shortage(demo_store)[2])

    dialog = view.open_discard()
    assert isinstance(dialog, DiscardDialog)
    dialog.reason.setText("ok")
    assert not dialog.ok.isEnabled()  # a reason says something
    dialog.reason.setText("already reported at the line")
    _decide(qtbot, view, dialog.ok)

    message = _message(demo_store, message_id)
    assert message.status is MessageStatus.DISCARDED
    assert message.reason == "already reported at the line"
    assert message.exception_id is None
    with qtbot.waitSignal(view.sig_detail_shown, timeout=TIMEOUT):
        qtbot.mouseClick(view.tabs["archived"], Qt.MouseButton.LeftButton)
    assert view.model.ids() == [message_id]
    assert view.model.index(0, MessageColumn.TYPE).data() == "Discarded"
    assert view.reason.text() == "Discarded: already reported at the line"


def test_a_triage_message_cannot_be_confirmed_until_linked(
    qtbot, window: MainWindow, demo_store: Store
) -> None:
    _login(qtbot, window, SUPERVISOR)
    view = _open_messages(qtbot, window)
    message_id = _paste(qtbot, view, UNKNOWN)

    assert view.list_name == "triage"  # it went where it belongs, and is shown there
    assert view.model.ids() == [message_id]
    assert not view.confirm_button.isEnabled()
    assert view.edit_button.text() == "Link…"
    assert "Link it to a work order or work center" in view.reason.text()
    view.confirm()  # even asked directly: nothing happens
    assert _message(demo_store, message_id).status is MessageStatus.TRIAGE

    dialog = view.open_edit()
    assert isinstance(dialog, DraftDialog)
    assert dialog.windowTitle() == "Link and confirm"
    assert not dialog.ok.isEnabled()
    dialog.item.setEditText("XYZ-77")  # an item alone does not link it
    assert not dialog.ok.isEnabled()
    number, item = _orders(demo_store)[2]
    dialog.work_order.setCurrentIndex(dialog.work_order.findData(number))
    assert dialog.ok.isEnabled()
    # The material the message named is none the plant knows: said on the item field.
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.footer.error.text()), timeout=TIMEOUT)
    assert dialog.footer.error.text() == "Material: unknown item 'XYZ-77'"
    assert dialog.item.property("error") is True
    assert _message(demo_store, message_id).status is MessageStatus.TRIAGE
    dialog.item.setCurrentIndex(dialog.item.findData(item))
    _save(dialog, "intake-link")
    _decide(qtbot, view, dialog.ok)

    message = _message(demo_store, message_id)
    assert message.status is MessageStatus.CONFIRMED
    exception = _exception(demo_store, message.exception_id)
    assert exception.work_order_number == number
    assert exception.item_code == item
    assert exception.channel is Channel.PHONE


def test_only_leads_see_messages(qtbot, window: MainWindow) -> None:
    _login(qtbot, window, OPERATOR)
    assert not window.nav_messages.isVisible()
    window.show_messages()
    assert window.current is not window.messages_view


SIZES = {"kiosk": (1280, 800), "desk": (1920, 1080)}


@pytest.mark.parametrize("theme", ["kiosk", "desk"])
def test_the_screen_and_its_dialogs_fit_a_kiosk_and_a_line_pc(
    qtbot, window: MainWindow, demo_store: Store, theme: str, tmp_path: Path
) -> None:
    size = SIZES[theme]
    window.resize(*size)
    _login(qtbot, window, SUPERVISOR)
    view = _open_messages(qtbot, window)
    _paste(qtbot, view, UNKNOWN)
    _paste(qtbot, view, _shortage(demo_store)[2])
    # The screen itself (the navigation bar above it is the window's, shared by all).
    found = problems(Stop("messages", view, window), theme, size)
    shot = tmp_path / "messages.png"
    assert window.grab().save(str(shot))
    _save(window, f"intake-messages-{theme}")
    for open_dialog in (view.open_paste, view.open_edit, view.open_discard):
        dialog = open_dialog()
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
        found += problems(Stop(dialog.objectName(), dialog, window), theme, size)
        _save(dialog, f"intake-{dialog.objectName()}-{theme}")
        dialog.reject()
        qtbot.waitUntil(lambda: view.dialog is None, timeout=TIMEOUT)
    assert not found, "\n".join(found)


def test_a_message_that_arrives_by_sync_shows_at_once(
    qtbot, window: MainWindow, demo_store: Store
) -> None:
    """A message recorded in this terminal's database by another writer (as the server's
    worker does; tests/ui/test_intake_sync.py brings one by the real sync): the shown
    list reads it again from the change report; the screen has no timer to poll with."""
    from datetime import UTC, datetime

    from app.model.types import MessageChannel
    from app.services.intake import Incoming, IntakeService, normalized_text
    from sync.intake.understood import Understanding

    _login(qtbot, window, SUPERVISOR)
    view = _open_messages(qtbot, window)
    assert not [t for t in view.findChildren(QTimer) if t.isActive()]  # nothing polls
    _, _, text = _shortage(demo_store)
    incoming = Incoming(
        message_id="email:from-the-server",
        channel=MessageChannel.EMAIL,
        received_at=datetime(2026, 11, 23, 8, 30, tzinfo=UTC),
        text=normalized_text(text),
        sender="planner@example.com",
    )
    service = IntakeService(demo_store, view.controller.clock)
    with service.transaction() as tx:  # as the server's worker records it
        assert service.record(tx, incoming, Understanding()(tx.session, incoming))

    qtbot.waitUntil(lambda: incoming.message_id in view.model.ids(), timeout=5_000)


def test_a_work_order_change_reads_the_edit_forms_orders_again(
    qtbot, window: MainWindow, demo_store: Store
) -> None:
    """The edit form offers the open work orders: a write that changed work orders (an
    import, an order started or finished, here or by sync) has the screen read them again,
    as a message would; a change to nothing the screen shows does not."""
    from app.changes import Changes

    _login(qtbot, window, SUPERVISOR)
    view = _open_messages(qtbot, window)
    assert view.pickers is not None

    def committed(changes: Changes) -> None:  # as Store.write reports a commit
        for report in list(demo_store.on_changes):
            report(changes)

    with qtbot.waitSignal(view.sig_refreshed, timeout=TIMEOUT):
        committed(Changes(work_orders=frozenset({_orders(demo_store)[0][0]})))
    with qtbot.assertNotEmitted(view.sig_refreshed, wait=300):
        committed(Changes(people=True))
