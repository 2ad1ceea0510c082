"""The postings screen: what the ERP refused, and a supervisor's decision about each.

A table of the refused postings (oldest first: each holds back its work order's later
ones), what the ERP said about each, and a summary line (pending, posted, failed, and
how long postings take to reach the ERP). Retry sends the selected one again as it is;
Edit… corrects its fields first; Cancel… never sends it. Edit and Cancel ask for a
reason. The screen reads again after each decision, when the server's news arrives
(the ERP's verdicts come by sync) and on a timer while it is on screen; all on the
database lane.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import QT_TR_NOOP, Message
from app.model.types import PostingStatus, Role
from app.queries_erp import PostingRow, Postings, postings
from app.services.people import Operator
from ui.common.formatting import JobFormat
from ui.erp.posting_dialogs import (
    CancelPostingDialog,
    EditPostingDialog,
    EditRequest,
    PostingDialog,
    ReversedPostingDialog,
    explain,
)
from ui.erp.postings_controller import PostingsController
from ui.erp.postings_model import PostingColumn, PostingsModel, describe, summary_text
from ui.i18n import on_language_change, tr, translated
from ui.lane_controller import ScreenCommands
from ui.widgets import command_button, fit_headings, label, make_table, set_flag

log = logging.getLogger(__name__)

REFRESH_MS = 15_000
RETRY_REASON = "sent again unchanged from the postings screen"


def sees_postings(operator: Operator) -> bool:
    """Deciding about ERP postings is for supervisors and managers."""
    return operator.has(Role.SUPERVISOR) or operator.has(Role.MANAGER)


_WIDTHS = {
    PostingColumn.WHEN: 215,
    PostingColumn.KIND: 170,
    PostingColumn.WORK_ORDER: 140,
    PostingColumn.WHAT: 300,
    PostingColumn.ATTEMPTS: 70,
}


class PostingsView(QWidget):
    """Signals:
    sig_refreshed: the postings were read again and are on screen.
    """

    controller: PostingsController

    sig_refreshed = Signal()

    def __init__(self, controller: PostingsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postingsView")
        self.controller = controller
        self.operator: Operator | None = None
        self.dialog: PostingDialog | None = None
        self._refreshing = False
        self._refresh_pending = False  # asked for while one was on its way: run once more
        self._postings: Postings | None = None  # the last read, said again on a switch
        # How to say the message line now (again after a language switch).
        self._message_words: Callable[[], str] = lambda: ""
        # Decisions in the logged-in person's name; what became of them on the message line.
        self.commands = ScreenCommands(
            controller,
            operator=lambda: self.operator,
            open_dialog=lambda: self.dialog,
            say=self._say,
            explain=explain,
        )

        self.title = label("heading")
        self.summary = label("postingsSummary", wrap=True)
        self.message = label("message", wrap=True)
        self.empty = label("hint")
        self.empty.setVisible(False)

        self.model = PostingsModel(parent=self)
        self.table = make_table("postingsTable")
        self.table.setModel(self.model)
        # Few rows, and the ERP's message is what a person decides by: wrap it, whole.
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self._open_for_row())

        self.retry_button = command_button("", "primary")
        self.edit_button = command_button("")
        self.cancel_button = command_button("", "secondary")
        self.retry_button.clicked.connect(self._on_retry_clicked)
        self.edit_button.clicked.connect(self.open_edit)
        self.cancel_button.clicked.connect(self.open_cancel)
        # For the ERP's document of an event Takt refused: undone in the ERP, then said here.
        self.reversed_button = command_button("", "secondary")
        self.reversed_button.clicked.connect(self.open_reversed)

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.summary, 1)
        actions = QWidget()
        actions.setObjectName("postingsActions")
        buttons = QHBoxLayout(actions)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(8)
        for button in (
            self.retry_button,
            self.edit_button,
            self.cancel_button,
            self.reversed_button,
        ):
            buttons.addWidget(button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(actions)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self._refresh_if_shown)
        controller.sig_changed.connect(lambda _what: self._refresh_if_shown())
        self._update_buttons()
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.title.setText(tr("ERP postings"))
        self.empty.setText(tr("Nothing to decide: the ERP took every posting it was sent."))
        self.retry_button.setText(tr("Retry"))
        self.edit_button.setText(tr("Edit…"))
        self.cancel_button.setText(tr("Cancel…", "an ERP posting"))
        self.reversed_button.setText(tr("Reversed in the ERP…"))
        fit_headings(self.table, _WIDTHS, PostingColumn.WHAT)
        self._show_summary()
        self.message.setText(self._message_words())

    # --- public ---------------------------------------------------------------------------

    def set_operator(self, operator: Operator | None) -> None:
        """Follow the postings for this person (None, or someone who may not: stop)."""
        self.operator = operator if operator is not None and sees_postings(operator) else None
        if self.dialog is not None:
            self.dialog.reject()
        self.show_message("")
        if self.operator is None:
            self.refresh_timer.stop()
            self.model.set_rows([])
            self._postings = None
            self._show_summary()
            self._update_buttons()
            return
        self.refresh_timer.start()

    def set_format(self, fmt: JobFormat) -> None:
        self.model.set_format(fmt)

    def refresh(self) -> None:
        if self.operator is None:
            return
        if self._refreshing:
            self._refresh_pending = True
            return
        self._refreshing = True
        now = self.controller.clock.now()

        def failed(_error: Exception) -> None:
            self._refreshing = False
            self._refresh_pending = False
            self._say(lambda: tr("The postings could not be read; it will try again."), True)

        self.controller.read(lambda session: postings(session, now), self._on_postings, failed)

    def selected(self) -> PostingRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, posting_id: str) -> None:
        row = self.model.row_of(posting_id)
        if row is not None:
            self.table.selectRow(row)

    # --- refresh --------------------------------------------------------------------------

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def _on_postings(self, result: Postings) -> None:
        self._refreshing = False
        if self._refresh_pending:  # something changed meanwhile: read again before showing
            self._refresh_pending = False
            self.refresh()
            return
        if self.operator is None:
            return
        selected = self.selected()
        self.model.set_rows(result.attention)
        self.table.resizeRowsToContents()
        if selected is not None:
            self.select(selected.id)
        self._postings = result
        self._show_summary()
        self.summary.setProperty("importFailing", result.imports.failing)
        self.empty.setVisible(not result.attention)
        self._update_buttons()
        self.sig_refreshed.emit()

    def _show_summary(self) -> None:
        result = self._postings
        if result is None:
            self.summary.setText("")
            return
        # The import's state rides on the summary: a failing import (the ERP's words) or
        # the last good one with what it still skips.
        headline = translated(result.imports.headline())
        self.summary.setText(f"{summary_text(result.summary)}\n{headline}")

    def _update_buttons(self, *_: object) -> None:
        row = self.selected() if self.operator is not None else None
        refused = row is not None and row.status is PostingStatus.FAILED
        for button in (self.retry_button, self.edit_button, self.cancel_button):
            button.setEnabled(refused)
        self.reversed_button.setEnabled(row is not None and row.status is PostingStatus.ORPHANED)

    # --- the message line -----------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False) -> None:
        self._say(lambda: text, error)

    def _say(self, words: Callable[[], str], error: bool = False) -> None:
        """Say `words()` on the message line, and again after a language switch."""
        self._message_words = words
        self.message.setText(words())
        set_flag(self.message, "error", error)

    # --- decisions ------------------------------------------------------------------------

    def _on_retry_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        service = self.controller.service
        self.commands.run(
            Message(QT_TR_NOOP("sent {posting} to the ERP again"), posting=_name(row)),
            lambda actor: service.retry(actor, row.id, RETRY_REASON),
        )

    def _open_for_row(self) -> None:
        row = self.selected()
        if row is not None and row.status is PostingStatus.ORPHANED:
            self.open_reversed()
        else:
            self.open_edit()

    def open_edit(self) -> EditPostingDialog | None:
        row = self.selected()
        if row is None or self.dialog is not None or self.operator is None:
            return None
        dialog = EditPostingDialog(row, self)
        service = self.controller.service

        def run(request: object) -> None:
            assert isinstance(request, EditRequest)
            self.commands.run(
                Message(QT_TR_NOOP("corrected {posting} and sent it again"), posting=_name(row)),
                lambda actor: service.edit(actor, row.id, request.changes, request.reason),
                dialog,
            )

        self._open(dialog, run)
        return dialog

    def open_cancel(self) -> CancelPostingDialog | None:
        row = self.selected()
        if row is None or self.dialog is not None or self.operator is None:
            return None
        dialog = CancelPostingDialog(row, self)
        service = self.controller.service

        def run(reason: object) -> None:
            self.commands.run(
                Message(QT_TR_NOOP("cancelled {posting}: it will not be sent"), posting=_name(row)),
                lambda actor: service.cancel(actor, row.id, str(reason)),
                dialog,
            )

        self._open(dialog, run)
        return dialog

    def open_reversed(self) -> ReversedPostingDialog | None:
        row = self.selected()
        if row is None or self.dialog is not None or self.operator is None:
            return None
        dialog = ReversedPostingDialog(row, self)
        service = self.controller.service

        def run(reason: object) -> None:
            self.commands.run(
                Message(
                    QT_TR_NOOP("recorded {posting} as reversed in the ERP"), posting=_name(row)
                ),
                lambda actor: service.record_reversal(actor, row.id, str(reason)),
                dialog,
            )

        self._open(dialog, run)
        return dialog

    def _open(self, dialog: PostingDialog, run: Callable[[object], None]) -> None:
        dialog.sig_submitted.connect(run)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None


def _name(row: PostingRow) -> Message:
    what = describe(row.kind, row.payload)
    if row.work_order:
        return Message(
            QT_TR_NOOP("the posting of {work_order} ({what})"), work_order=row.work_order, what=what
        )
    return Message(QT_TR_NOOP("the posting ({what})"), what=what)
