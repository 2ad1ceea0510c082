"""One exception on one screen: its facts, its whole history, its tasks; export.

The history is the event log (who, when, what, why) read on the database lane by
app.queries_exceptions.history; Export writes it as plain text (the record's English).
The screen says its words in the current language, and again after a switch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import QT_TR_NOOP
from app.queries_exceptions import ExceptionHistory, HistoryEntry, history, history_text
from app.routing.resolution import ResolutionValues
from ui.common.formatting import NO_VALUE, JobFormat
from ui.common.row_diff import KeyedRowsModel
from ui.common.timefmt import ServerClock
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.exceptions.inbox_model import TaskModel, capital, countdown, due_text, owner_text, words
from ui.i18n import on_language_change, refresh_model, tr, translated
from ui.widgets import make_table

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex


class HistoryColumn(IntEnum):
    WHEN = 0
    WHO = 1
    WHAT = 2
    WHY = 3


_HEADERS = {
    HistoryColumn.WHEN: QT_TR_NOOP("When"),
    HistoryColumn.WHO: QT_TR_NOOP("Who"),
    HistoryColumn.WHAT: QT_TR_NOOP("What"),
    HistoryColumn.WHY: QT_TR_NOOP("Why"),
}


class HistoryModel(KeyedRowsModel[HistoryEntry]):
    """An exception's history; a reload adds the new lines (the log only grows)."""

    def __init__(self, fmt: JobFormat | None = None, parent: Any = None) -> None:
        # A line has no id of its own: it is known by what it says (two equal lines, by
        # which of them it is).
        super().__init__(lambda entry: entry, len(HistoryColumn), parent, repeating_keys=True)
        self.format = fmt or JobFormat()  # the screen swaps it (the plant's clock)
        self._shown_format = self.format
        on_language_change(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        refresh_model(self)

    def set_rows(self, rows: list[HistoryEntry]) -> None:
        self.replace_rows(rows)
        if self.format is not self._shown_format:  # rows compare alike in one format only
            self._shown_format = self.format
            self.refresh_column(HistoryColumn.WHEN)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            column = HistoryColumn(section)
            title = translated(_HEADERS[column])
            if column is HistoryColumn.WHEN:  # which clock: the plant's, named
                return self.format.clock.header(title)
            return title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = HistoryColumn(index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            what, why = translated(entry.what), translated(entry.why)
            return f"{what}\n{why}".strip()
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.cell(entry, column)

    def cell(self, row: HistoryEntry, column: int) -> object:
        if column == HistoryColumn.WHEN:
            return self.format.moment(row.at)
        if column == HistoryColumn.WHO:
            return row.actor_name
        if column == HistoryColumn.WHAT:
            return translated(row.what)
        return translated(row.why)


def root_cause_words(values: ResolutionValues, code: str) -> str:
    """'Machine · Wear' in the language on screen ('Machine' for a category alone; the
    code itself when neither the root causes nor the downtime reasons list it)."""
    for tree in (values.root_causes, values.downtime):
        if tree is None:
            continue
        category = tree.category(code.partition("/")[0])
        if category is None:
            continue
        reason = tree.reason(code)
        if reason is not None:
            return f"{translated(category.label)} · {translated(reason.label)}"
        if code == category.code:
            return translated(category.label)
    return code


class DetailView(QWidget):
    """Signals:
    sig_loaded: the exception's history is on screen.
    sig_back_requested: the person wants the inbox again.
    """

    sig_loaded = Signal()
    sig_back_requested = Signal()

    def __init__(
        self,
        controller: ExceptionsController,
        fmt: JobFormat | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("detailView")
        self.controller = controller
        board = controller.board
        self.format = fmt or (board.job_format() if board is not None else JobFormat())
        self.exception_id: str | None = None
        self.history: ExceptionHistory | None = None
        self._said: Callable[[], str] = str  # what the message line says (said again)

        self.back = QPushButton("")
        self.back.setObjectName("secondary")
        self.back.clicked.connect(self.sig_back_requested)
        self.heading = QLabel("")
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.facts = QLabel("")
        self.facts.setObjectName("detailFacts")
        self.facts.setWordWrap(True)
        self.export_button = QPushButton("")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.history_model = HistoryModel(self.format, self)
        self.history_table = make_table("historyTable")
        self.history_table.setModel(self.history_model)
        self.history_table.setColumnWidth(HistoryColumn.WHEN, 220)
        self.history_table.setColumnWidth(HistoryColumn.WHO, 180)
        self.history_table.setColumnWidth(HistoryColumn.WHAT, 560)
        self.history_table.setWordWrap(True)
        self.task_model = TaskModel(self.format, self)
        self.task_table = make_table("taskTable")
        self.task_table.setModel(self.task_model)
        self.task_table.setColumnWidth(0, 170)
        self.task_table.setColumnWidth(1, 380)
        self.task_table.setColumnWidth(2, 300)  # leaves the due date its room
        self.task_table.setColumnWidth(3, 150)
        self.history_title = QLabel("")
        self.history_title.setObjectName("sectionTitle")
        self.tasks_title = QLabel("")
        self.tasks_title.setObjectName("sectionTitle")

        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.heading, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history_table, 4)
        layout.addWidget(self.tasks_title)
        layout.addWidget(self.task_table, 1)
        self.task_table.setMaximumHeight(170)
        layout.addWidget(self.message)
        controller.sig_changed.connect(lambda _what: self.reload())
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Say every word again (the language changed), the exception shown included."""
        self.back.setText(tr("◀ Inbox"))
        self.export_button.setText(tr("Export…"))
        self.history_title.setText(tr("History"))
        self.tasks_title.setText(tr("Tasks per function"))
        self._show_facts()
        self.message.setText(self._said())
        self.history_table.resizeRowsToContents()

    def set_format(self, fmt: JobFormat) -> None:
        self.format = fmt
        self.history_model.format = fmt
        self.task_model.format = fmt

    def show_exception(self, exception_id: str) -> None:
        self.exception_id = exception_id
        self._say(str)
        self.reload()

    def reload(self) -> None:
        exception_id = self.exception_id
        if exception_id is None:
            return
        self.controller.read(lambda session: history(session, exception_id), self._on_history)

    def _on_history(self, result: ExceptionHistory | None) -> None:
        if result is None or result.exception.id != self.exception_id:
            return
        self.history = result
        if self.controller.board is not None:
            self.set_format(self.controller.board.job_format())
        self._show_facts()
        self.history_model.set_rows(list(result.entries))
        self.history_table.resizeRowsToContents()
        self.task_model.set_rows(result.tasks)
        self.sig_loaded.emit()

    def _show_facts(self) -> None:
        """The heading and the facts of the exception shown, in the language on screen."""
        result = self.history
        if result is None:
            self.heading.setText(tr("Exception"))
            self.facts.setText("")
            return
        e = result.exception
        self.heading.setText(
            tr("{kind}: {summary}").format(kind=capital(words(e.kind.value)), summary=e.summary)
        )
        owner = owner_text(e.owner_role.value if e.owner_role else None, e.owner_name)
        first = tr("Status: {status}   ·   Severity: {severity}   ·   Owner: {owner}").format(
            status=words(e.status.value), severity=words(e.severity.value), owner=owner
        )
        if e.is_open and e.next_due is not None:
            # The countdown is on the server's clock; the deadline in plant time, zone named.
            now = ServerClock(self.controller.clock, result.server_correction).now()
            text, _overdue = countdown(e.next_due, now)
            due = tr("{due} (by {deadline})").format(
                due=due_text(text, e.next_due_what),
                deadline=self.format.moment(e.next_due, with_zone=True),
            )
            first = f"{first}   ·   {due}"
        where = " · ".join(
            p for p in (e.work_center, e.work_order, e.operation_id, e.item, e.lot_no) if p
        )
        lines = [
            first,
            tr("Where: {where}   ·   Raised {raised} by {name} via {channel}").format(
                where=where or NO_VALUE,
                raised=self.format.moment(e.raised_at, with_zone=True),
                name=e.raised_by_name,
                channel=words(e.channel.value),
            ),
        ]
        if e.decision:
            cause = root_cause_words(self.controller.service.resolution, e.root_cause or "")
            lines.append(
                tr("Decision: {decision} (root cause: {root_cause})").format(
                    decision=e.decision, root_cause=cause
                )
            )
        closed = result.tasks_closed_with_it
        if closed:
            lines.append(
                tr(
                    "%n task(s) still open when it was resolved were closed with it; "
                    "reopening the exception opens them again.",
                    None,
                    closed,
                )
            )
        elif not e.is_open and any(
            t.status.value in ("open", "acknowledged") for t in result.tasks
        ):
            lines.append(tr("Some tasks are still open."))
        self.facts.setText("\n".join(lines))

    def _say(self, said: Callable[[], str]) -> None:
        self._said = said
        self.message.setText(said())

    # --- export ---------------------------------------------------------------------------

    def export(self, path: Path) -> Path:
        """Write the history shown as plain text to `path` (plant time)."""
        if self.history is None:
            raise ValueError("no exception is shown")
        path.write_text(history_text(self.history, self.format.tz), "utf-8")
        return path

    def _on_export_clicked(self) -> None:
        if self.history is None:
            return
        name = f"exception-{self.history.exception.id[:8]}.txt"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, tr("Export the history"), name, tr("Text files (*.txt)")
        )
        if not chosen:
            return
        try:
            written = self.export(Path(chosen))
        except OSError as error:
            reason = error.strerror or str(error)
            self._say(
                lambda: tr("Could not write {path}: {reason}").format(path=chosen, reason=reason)
            )
            return
        self._say(lambda: tr("History written to {path}.").format(path=written))
