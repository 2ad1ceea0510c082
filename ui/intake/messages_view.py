"""The Messages screen: drafts that mail, chat and phone calls became, for supervisors and
leads to confirm in one tap.

Three lists: Drafts (understood and linked to the plan), Triage (an exception that names
nothing the plant knows: link it to a work order or work center first) and Archived
(not an exception, discarded, or confirmed: kept with the reason, retrievable). The
detail shows the message verbatim with the words each field was read from marked, and
each field with how sure the reading was. Confirm raises the exception through the
normal routing, on the channel the message came by; Edit… corrects the fields first
(pickers from the plant's data); Discard… sets it aside with a reason. Paste a
message… takes a call written down (or dictated) or a pasted text: it is understood on
this terminal and appears as a draft. Reads and commands run on the database lane.

The shown list is read again when it may have changed, and only then: every way a
message arrives or is decided (the server's worker, by sync; a paste, a confirmation
here or on another terminal) is a write that reports `messages` changed, which the
controller follows (and the open work orders the edit form offers); no timer polls.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.i18n import QT_TR_NOOP, Message
from app.model.types import MessageStatus, Role
from app.queries_intake import DraftField, MessageDetail, MessageRow
from app.services.people import Operator
from ui.common.errors import failure_text
from ui.common.formatting import JobFormat
from ui.i18n import on_language_change, tr, translated
from ui.intake.intake_controller import (
    IntakeController,
    MessageList,
    Pickers,
    read_detail,
    read_list,
    read_pickers,
)
from ui.intake.intake_dialogs import DiscardDialog, DraftDialog, Pasted, PasteDialog
from ui.intake.messages_model import (
    CHANNEL_TEXT,
    STATUS_TEXT,
    DraftFieldsModel,
    FieldColumn,
    MessageColumn,
    MessagesModel,
    confidence_text,
    type_text,
)
from ui.lane_controller import ScreenCommands, sentence
from ui.widgets import (
    command_button,
    configure_row_table,
    fit_headings,
    label,
    make_table,
    set_flag,
)

log = logging.getLogger(__name__)

ROW_HEIGHT = 52
LIST_NAMES = ("drafts", "triage", "archived")
_LIST_TEXT = {
    "drafts": QT_TR_NOOP("Drafts ({n})"),
    "triage": QT_TR_NOOP("Triage ({n})"),
    "archived": QT_TR_NOOP("Archived ({n})"),
}
_LIST_OF = {
    MessageStatus.DRAFT: "drafts",
    MessageStatus.TRIAGE: "triage",
    MessageStatus.ARCHIVED: "archived",
    MessageStatus.DISCARDED: "archived",
    MessageStatus.CONFIRMED: "archived",
}
_WIDTHS = {
    MessageColumn.RECEIVED: 175,
    MessageColumn.FROM: 95,
    MessageColumn.TYPE: 190,
    MessageColumn.TEXT: 150,
}
_FIELD_WIDTHS = {
    FieldColumn.FIELD: 150,
    FieldColumn.VALUE: 200,
    FieldColumn.FOUND: 160,
    FieldColumn.SURE: 80,
}


def sees_messages(operator: Operator) -> bool:
    """Messages become exceptions by a lead's decision: supervisors and managers."""
    return operator.has(Role.SUPERVISOR) or operator.has(Role.MANAGER)


class MessagesView(QWidget):
    """Signals:
    sig_refreshed: the list was read again and is on screen.
    sig_detail_shown: the selected message's detail is on screen (carries its id).
    """

    sig_refreshed = Signal()
    sig_detail_shown = Signal(str)

    def __init__(self, controller: IntakeController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messagesView")
        self.controller = controller
        self.operator: Operator | None = None
        self.dialog: PasteDialog | DraftDialog | DiscardDialog | None = None
        self.list_name = "drafts"
        self.detail: MessageDetail | None = None
        self.pickers: Pickers | None = None
        self._counts: dict[str, int] = dict.fromkeys(LIST_NAMES, 0)
        self._refreshing = False
        self._refresh_pending = False
        self._select_next: str | None = None  # a message to show once the list has it
        self._message_words: Callable[[], str] = lambda: ""
        self.commands = ScreenCommands(
            controller,
            operator=lambda: self.operator,
            open_dialog=lambda: self.dialog,
            say=self._say,
        )

        self.title = label("heading")
        self.tabs: dict[str, QPushButton] = {}
        self._tab_group = QButtonGroup(self)
        self._tab_group.setExclusive(True)
        for name in LIST_NAMES:
            tab = QPushButton()
            tab.setObjectName("listTab")
            tab.setCheckable(True)
            tab.clicked.connect(lambda _checked=False, n=name: self.show_list(n))
            self._tab_group.addButton(tab)
            self.tabs[name] = tab
        self.tabs[self.list_name].setChecked(True)
        self.paste_button = command_button("", "primary")
        self.paste_button.clicked.connect(self.open_paste)

        self.model = MessagesModel(parent=self)
        self.table = make_table("messagesTable")
        configure_row_table(self.table, ROW_HEIGHT)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The message column elides instead: a kiosk has no room for a sideways scroll.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.empty = label("hint", wrap=True)

        self.meta = label("messageMeta", wrap=True)
        self.reason = label("messageReason", wrap=True)
        self.subject = label("messageSubject", wrap=True)
        self.subject.setTextFormat(Qt.TextFormat.RichText)
        self.text = QTextBrowser()
        self.text.setObjectName("intakeText")
        self.text.setOpenLinks(False)
        self.fields = DraftFieldsModel(self)
        self.fields_table = make_table("draftFields")
        configure_row_table(self.fields_table, ROW_HEIGHT)
        self.fields_table.setModel(self.fields)
        self.fields_table.setSelectionMode(self.fields_table.SelectionMode.NoSelection)
        self.fields_table.setMinimumHeight(3 * ROW_HEIGHT)
        self.confirm_button = command_button("", "primary")
        self.edit_button = command_button("")
        self.discard_button = command_button("", "secondary")
        self.confirm_button.clicked.connect(self.confirm)
        self.edit_button.clicked.connect(self.open_edit)
        self.discard_button.clicked.connect(self.open_discard)
        self.message = label("message", wrap=True)

        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.title)
        for tab in self.tabs.values():
            head.addWidget(tab)
        head.addStretch(1)
        head.addWidget(self.paste_button)

        left = QVBoxLayout()
        left.addWidget(self.empty)
        left.addWidget(self.table, 1)

        self.detail_panel = QWidget()
        self.detail_panel.setObjectName("messageDetail")
        right = QVBoxLayout(self.detail_panel)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(6)
        for part in (self.meta, self.reason, self.subject):
            right.addWidget(part)
        right.addWidget(self.text, 2)
        right.addWidget(self.fields_table, 3)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        for button in (self.confirm_button, self.edit_button, self.discard_button):
            actions.addWidget(button)
        actions.addStretch(1)
        right.addLayout(actions)

        body = QHBoxLayout()
        body.setSpacing(12)
        body.addLayout(left, 1)
        body.addWidget(self.detail_panel, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)

        controller.sig_changed.connect(lambda _what: self._refresh_if_shown())
        self._show_detail(None)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.title.setText(tr("Messages"))
        for name, tab in self.tabs.items():
            tab.setText(translated(_LIST_TEXT[name]).format(n=self._counts.get(name, 0)))
        self.paste_button.setText(tr("Paste a message…"))
        self.confirm_button.setText(tr("Confirm", "a message's draft"))
        self.discard_button.setText(tr("Discard…"))
        self._say_edit()
        self.empty.setText(self._empty_text())
        fit_headings(self.table, _WIDTHS, MessageColumn.TEXT)
        fit_headings(self.fields_table, _FIELD_WIDTHS, FieldColumn.FOUND)
        self._show_detail(self.detail)
        self.message.setText(self._message_words())

    # --- public ---------------------------------------------------------------------------

    def set_operator(self, operator: Operator | None) -> None:
        """Follow the messages for this person (None, or someone who may not: stop)."""
        self.operator = operator if operator is not None and sees_messages(operator) else None
        if self.dialog is not None:
            self.dialog.reject()
        self.show_message("")
        if self.operator is None:
            self.model.set_rows([])
            self._show_detail(None)

    def set_format(self, fmt: JobFormat) -> None:
        self.model.set_format(fmt)

    def show_list(self, name: str) -> None:
        if name != self.list_name:
            self.list_name = name
            self.model.set_rows([])
            self._show_detail(None)
        self.tabs[name].setChecked(True)
        self.empty.setText(self._empty_text())
        self.refresh()

    def refresh(self) -> None:
        if self.operator is None:
            return
        if self._refreshing:
            self._refresh_pending = True
            return
        self._refreshing = True
        which = self.list_name

        def failed(_error: Exception) -> None:
            self._refreshing = False
            self._refresh_pending = False
            self._say(lambda: tr("The messages could not be read; it will try again."), True)

        def read(session: Session) -> tuple[MessageList, Pickers]:
            return read_list(session, which), read_pickers(session)

        self.controller.read(read, lambda result: self._on_list(which, *result), failed)

    def selected(self) -> MessageRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, message_id: str) -> None:
        row = self.model.row_of(message_id)
        if row is not None:
            self.table.selectRow(row)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self._say(lambda: text, error)

    # --- reading --------------------------------------------------------------------------

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def _on_list(self, which: str, result: MessageList, pickers: Pickers) -> None:
        self._refreshing = False
        if self._refresh_pending or which != self.list_name:
            self._refresh_pending = False
            self.refresh()
            return
        if self.operator is None:
            return
        self.pickers = pickers
        self._counts = result.counts
        for name, tab in self.tabs.items():
            tab.setText(translated(_LIST_TEXT[name]).format(n=self._counts.get(name, 0)))
        selected = self._select_next or (s.message_id if (s := self.selected()) else None)
        self._select_next = None
        self.model.set_rows(result.rows)
        self.empty.setVisible(not result.rows)
        self.empty.setText(self._empty_text())
        if selected is not None and self.model.row_of(selected) is not None:
            self.select(selected)
            self._load_detail(selected)  # read again: it may have been decided elsewhere
        elif result.rows:
            self.table.selectRow(0)
        else:
            self._show_detail(None)
        self.sig_refreshed.emit()

    def _on_selection_changed(self, *_: object) -> None:
        row = self.selected()
        if row is None:
            self._show_detail(None)
            return
        if self.detail is None or self.detail.row.message_id != row.message_id:
            self._load_detail(row.message_id)

    def _load_detail(self, message_id: str) -> None:
        def done(detail: MessageDetail | None) -> None:
            current = self.selected()
            if current is None or current.message_id != message_id:
                return  # another message was picked meanwhile
            self._show_detail(detail)
            if detail is not None:
                self.sig_detail_shown.emit(message_id)

        self.controller.read(lambda session: read_detail(session, message_id), done)

    # --- the detail -------------------------------------------------------------------------

    def _show_detail(self, detail: MessageDetail | None) -> None:
        self.detail = detail
        self.detail_panel.setVisible(detail is not None)
        if detail is None:
            self.fields.set_fields([])
            self.text.clear()
            self._update_buttons()
            return
        row = detail.row
        channel = translated(CHANNEL_TEXT.get(row.channel, row.channel.value))
        parts = [channel, self.model.format.moment(row.received_at)]
        if row.sender:
            parts.insert(1, row.sender)
        if row.type:
            sure = confidence_text(detail.type_confidence)
            parts.append(tr("{type} ({sure} sure)").format(type=type_text(row.type), sure=sure))
        self.meta.setText(" · ".join(parts))
        self.reason.setText(self._reason_text(row))
        self.reason.setVisible(bool(self.reason.text()))
        set_flag(self.reason, "triage", row.status is MessageStatus.TRIAGE)
        subject_fields = [f for f in detail.fields if f.part == "subject"]
        self.subject.setText(_marked_html(row.subject or "", subject_fields))
        self.subject.setVisible(bool(row.subject))
        if self.text.toPlainText() != detail.text:
            self.text.setPlainText(detail.text)
        self._highlight(detail)
        self.fields.set_fields(detail.fields)
        self._update_buttons()

    def _reason_text(self, row: MessageRow) -> str:
        status = translated(STATUS_TEXT[row.status])
        if row.status is MessageStatus.DRAFT:
            return ""
        if row.status is MessageStatus.CONFIRMED:
            return tr("{status} by {who}: exception raised.").format(
                status=status, who=row.decided_by or "?"
            )
        if row.status is MessageStatus.TRIAGE:
            why = row.reason or ""
            return tr("Triage: {why}. Link it to a work order or work center.").format(why=why)
        return f"{status}: {row.reason}" if row.reason else status

    def _highlight(self, detail: MessageDetail) -> None:
        """Mark the words each field was read from; unresolved ones are underlined."""
        cursor = QTextCursor(self.text.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        found = QTextCharFormat()
        # The theme's own highlight colours (resources/styles sets the palette).
        found.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
        found.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
        found.setFontWeight(700)
        unknown = QTextCharFormat()
        unknown.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        length = len(detail.text)
        for fields, fmt in ((detail.fields, found), (detail.unresolved, unknown)):
            for field in fields:
                if field.part != "text" or not 0 <= field.start < field.end <= length:
                    continue
                cursor.setPosition(field.start)
                cursor.setPosition(field.end, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(fmt)

    def highlighted(self) -> list[str]:
        """The words marked in the text now (what a person sees picked out)."""
        out = []
        block = self.text.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().fontWeight() == 700:
                    out.append(fragment.text())
                iterator += 1
            block = block.next()
        return out

    def _update_buttons(self) -> None:
        detail = self.detail
        open_ = (
            detail is not None
            and self.operator is not None
            and detail.row.status in (MessageStatus.DRAFT, MessageStatus.TRIAGE)
        )
        triage = open_ and detail is not None and detail.row.status is MessageStatus.TRIAGE
        for button in (self.confirm_button, self.edit_button, self.discard_button):
            button.setVisible(open_)
        # A message linked to nothing cannot be confirmed as it is: Link… first.
        self.confirm_button.setEnabled(open_ and not triage and self.dialog is None)
        self.edit_button.setEnabled(open_ and self.dialog is None)
        self.discard_button.setEnabled(open_ and self.dialog is None)
        self._say_edit()

    def _say_edit(self) -> None:
        triage = self.detail is not None and self.detail.row.status is MessageStatus.TRIAGE
        self.edit_button.setText(tr("Link…") if triage else tr("Edit…"))

    def _empty_text(self) -> str:
        if self.list_name == "drafts":
            return tr("No drafts: messages that name an order or a machine appear here.")
        if self.list_name == "triage":
            return tr("Nothing to triage.")
        return tr("Nothing archived yet.")

    # --- the message line -----------------------------------------------------------------

    def _say(self, words: Callable[[], str], error: bool = False) -> None:
        self._message_words = words
        self.message.setText(words())
        set_flag(self.message, "error", error)

    # --- decisions ------------------------------------------------------------------------

    def confirm(self) -> None:
        detail = self.detail
        if detail is None or detail.row.status is not MessageStatus.DRAFT:
            return
        self._confirm(detail, {})

    def _confirm(
        self, detail: MessageDetail, edits: dict[str, object], dialog: DraftDialog | None = None
    ) -> None:
        service = self.controller.service
        message_id = detail.row.message_id
        self.commands.run(
            Message(QT_TR_NOOP("confirmed the message: exception raised")),
            lambda actor: service.confirm(message_id, edits or None, actor=actor),
            dialog,
        )

    def open_edit(self) -> DraftDialog | None:
        detail = self.detail
        if detail is None or self.dialog is not None or self.pickers is None:
            return None
        if detail.row.status not in (MessageStatus.DRAFT, MessageStatus.TRIAGE):
            return None
        dialog = DraftDialog(detail, self.pickers, self)
        dialog.sig_submitted.connect(lambda edits: self._confirm(detail, dict(edits), dialog))
        self._open(dialog)
        return dialog

    def open_discard(self) -> DiscardDialog | None:
        detail = self.detail
        if detail is None or self.dialog is not None:
            return None
        dialog = DiscardDialog(detail, self)
        service = self.controller.service
        message_id = detail.row.message_id

        def run(reason: object) -> None:
            self.commands.run(
                Message(QT_TR_NOOP("discarded the draft; the message is kept under Archived")),
                lambda actor: service.discard(message_id, str(reason), actor=actor),
                dialog,
            )

        dialog.sig_submitted.connect(run)
        self._open(dialog)
        return dialog

    def open_paste(self) -> PasteDialog | None:
        if self.dialog is not None or self.operator is None:
            return None
        dialog = PasteDialog(self)
        actor = self.operator.id
        service = self.controller.service

        def done(message_id: object) -> None:
            if dialog is self.dialog:
                dialog.accept()
            self._say(lambda: sentence(tr("made a draft of the message")), False)
            self._show_pasted(str(message_id))

        def failed(error: Exception) -> None:
            if dialog is self.dialog:
                dialog.show_error(error)
            else:
                self._say(lambda: failure_text(error), True)

        def run(pasted: object) -> None:
            assert isinstance(pasted, Pasted)
            self.controller.command(
                Message(QT_TR_NOOP("recorded a message taken at the terminal")),
                lambda: service.paste(pasted.text, actor=actor, subject=pasted.subject),
                on_done=done,
                on_error=failed,
            )

        dialog.sig_submitted.connect(run)
        self._open(dialog)
        return dialog

    def _show_pasted(self, message_id: str) -> None:
        """Show the pasted message where it landed (a draft, triage, or archived)."""

        def done(detail: MessageDetail | None) -> None:
            if detail is None:
                return
            self._select_next = message_id
            self.show_list(_LIST_OF[detail.row.status])

        self.controller.read(lambda session: read_detail(session, message_id), done)

    def _open(self, dialog: PasteDialog | DraftDialog | DiscardDialog) -> None:
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        self._update_buttons()
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._update_buttons()


def _marked_html(text: str, fields: list[DraftField]) -> str:
    """`text` as rich text with the fields' words in bold (a subject line)."""
    out: list[str] = []
    at = 0
    for field in sorted(fields, key=lambda f: f.start):
        if field.start < at or field.end > len(text) or field.start >= field.end:
            continue
        out += [
            html.escape(text[at : field.start]),
            f"<b>{html.escape(text[field.start : field.end])}</b>",
        ]
        at = field.end
    out.append(html.escape(text[at:]))
    return "".join(out)
