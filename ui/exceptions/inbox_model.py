"""Table models of the inbox: exceptions with live SLA countdowns, and tasks.

Rows are the frozen dataclasses of app.queries_exceptions. `set_rows` applies a fresh
read (every few seconds) as the difference, row by row (ui.common.row_diff): the
selection stays on its exception and only changed cells are repainted; `tick` only
re-reads the clock and signals the countdown column, so the rest of the table is not
repainted every second.

Headers and cells are said in the current language when the view asks for them, so a
language switch only has to tell the view that everything changed (`refresh_model`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.i18n import QT_TR_NOOP
from app.queries_exceptions import ExceptionRow, TaskRow
from ui.common import timefmt
from ui.common.formatting import NO_VALUE, JobFormat
from ui.common.row_diff import KeyedRowsModel
from ui.i18n import on_language_change, refresh_model, tr, translated

Index = QModelIndex | QPersistentModelIndex

# Stored values a person reads as words ("material_shortage" -> "material shortage"):
# the exception types, severities and channels; states and roles are marked in app/words.py.
VALUE_WORDS = (
    QT_TR_NOOP("material shortage"),
    QT_TR_NOOP("machine downtime"),
    QT_TR_NOOP("quality hold"),
    QT_TR_NOOP("order change"),
    QT_TR_NOOP("priority shift"),
    QT_TR_NOOP("substitute material"),
    QT_TR_NOOP("other"),
    QT_TR_NOOP("low"),
    QT_TR_NOOP("medium"),
    QT_TR_NOOP("high"),
    QT_TR_NOOP("critical"),
    QT_TR_NOOP("kiosk"),
    QT_TR_NOOP("line pc"),
    QT_TR_NOOP("machine"),
    QT_TR_NOOP("erp"),
    QT_TR_NOOP("message"),
    QT_TR_NOOP("phone"),
)


def words(value: str | None) -> str:
    """A stored value ("material_shortage") as a person reads it, in their language."""
    return translated(value.replace("_", " ")) if value else NO_VALUE


def capital(text: str) -> str:
    """The first letter up, the rest as it is (a translation keeps its own capitals)."""
    return text[:1].upper() + text[1:]


def countdown(due: datetime | None, now: datetime) -> tuple[str, bool]:
    """("12:04", False) or ('OVERDUE 3:15', True); hours shown past an hour."""
    return timefmt.countdown(due, now, NO_VALUE)


def due_text(countdown_text: str, what: str) -> str:
    """'12:04 to acknowledge', 'OVERDUE 0:30 to resolve' (`what`: the deadline's)."""
    if what == "acknowledge":
        return tr("{countdown} to acknowledge").format(countdown=countdown_text)
    return tr("{countdown} to resolve").format(countdown=countdown_text)


def owner_text(role: str | None, name: str | None) -> str:
    """'procurement', or 'procurement (Sofia Marino)' when a person owns it."""
    owner = words(role)
    return tr("{role} ({name})").format(role=owner, name=name) if name else owner


class ExceptionColumn(IntEnum):
    DUE = 0
    KIND = 1
    SUMMARY = 2
    WHERE = 3
    OWNER = 4
    STATUS = 5


_EXCEPTION_HEADERS = {
    ExceptionColumn.DUE: QT_TR_NOOP("SLA"),
    ExceptionColumn.KIND: QT_TR_NOOP("Type"),
    ExceptionColumn.SUMMARY: QT_TR_NOOP("What"),
    ExceptionColumn.WHERE: QT_TR_NOOP("Where"),
    ExceptionColumn.OWNER: QT_TR_NOOP("Owner"),
    ExceptionColumn.STATUS: QT_TR_NOOP("Status"),
}


class InboxModel(KeyedRowsModel[ExceptionRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(lambda row: row.id, len(ExceptionColumn), parent)
        self._now: datetime | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        on_language_change(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        refresh_model(self)

    # --- feeding --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ExceptionRow], now: datetime) -> None:
        ticked = now != self._now
        self._now = now  # first: rows are compared as they read at `now`
        self.replace_rows(rows)
        if ticked:
            self.tick(now)

    def tick(self, now: datetime) -> None:
        """The clock moved: only the countdown column changes."""
        self._now = now
        if self._rows:
            column = ExceptionColumn.DUE
            self.dataChanged.emit(
                self.index(0, column),
                self.index(len(self._rows) - 1, column),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole],
            )

    # --- reading --------------------------------------------------------------------------

    def ids(self) -> list[str]:
        return [r.id for r in self._rows]

    def countdown_text(self, row: ExceptionRow) -> tuple[str, bool]:
        if not row.is_open:
            return words(row.status.value).upper(), False
        if self._now is None:
            return NO_VALUE, False
        text, overdue = countdown(row.next_due, self._now)
        return due_text(text, row.next_due_what), overdue

    # --- Qt -------------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translated(_EXCEPTION_HEADERS[ExceptionColumn(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = ExceptionColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.FontRole and column is ExceptionColumn.DUE:
            return self._bold if self.countdown_text(row)[1] else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.note or row.summary
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def cell(self, row: ExceptionRow, column: int) -> object:
        return self._text(row, ExceptionColumn(column))

    def _text(self, row: ExceptionRow, column: ExceptionColumn) -> str:
        if column is ExceptionColumn.DUE:
            return self.countdown_text(row)[0]
        if column is ExceptionColumn.KIND:
            return capital(words(row.kind.value))
        if column is ExceptionColumn.SUMMARY:
            return row.summary
        if column is ExceptionColumn.WHERE:
            parts = [p for p in (row.work_center, row.work_order, row.item) if p]
            return " · ".join(parts) or NO_VALUE
        if column is ExceptionColumn.OWNER:
            return owner_text(row.owner_role.value if row.owner_role else None, row.owner_name)
        status = words(row.status.value)
        if row.waiting_on:
            status = tr("{status}: {waiting_on}").format(status=status, waiting_on=row.waiting_on)
        if row.escalation_tier:
            status = tr("{status} · tier {tier}").format(status=status, tier=row.escalation_tier)
        return status


class TaskColumn(IntEnum):
    FUNCTION = 0
    ACTION = 1
    EXCEPTION = 2
    STATUS = 3
    DUE = 4


_TASK_HEADERS = {
    TaskColumn.FUNCTION: QT_TR_NOOP("Function"),
    TaskColumn.ACTION: QT_TR_NOOP("Task"),
    TaskColumn.EXCEPTION: QT_TR_NOOP("For"),
    TaskColumn.STATUS: QT_TR_NOOP("Status"),
    TaskColumn.DUE: QT_TR_NOOP("Due"),
}


class TaskModel(KeyedRowsModel[TaskRow]):
    def __init__(self, fmt: JobFormat | None = None, parent: Any = None) -> None:
        super().__init__(lambda row: row.id, len(TaskColumn), parent)
        self.format = fmt or JobFormat()  # screens swap it (the plant's clock) before set_rows
        self._shown_format = self.format
        on_language_change(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        refresh_model(self)

    def set_rows(self, rows: Sequence[TaskRow]) -> None:
        self.replace_rows(rows)
        if self.format is not self._shown_format:  # rows compare alike in one format only
            self._shown_format = self.format
            self.refresh_column(TaskColumn.DUE)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            column = TaskColumn(section)
            title = translated(_TASK_HEADERS[column])
            if column is TaskColumn.DUE:  # which clock: the plant's, named
                return self.format.clock.header(title)
            return title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        task = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return task.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.cell(task, index.column())

    def cell(self, row: TaskRow, column: int) -> object:
        task, which = row, TaskColumn(column)
        if which is TaskColumn.FUNCTION:
            return capital(words(task.function.value))
        if which is TaskColumn.ACTION:
            return task.action
        if which is TaskColumn.EXCEPTION:
            return task.exception_summary
        if which is TaskColumn.STATUS:
            if task.closed_with_exception:
                return tr("closed with the exception")
            return words(task.status.value)
        return self.format.moment(task.due_at) if task.due_at else NO_VALUE
