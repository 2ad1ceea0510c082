"""The Messages screen's tables and words: the message list, and a draft's fields.

Rows are app.queries_intake's frozen rows; `MessagesModel` applies a fresh read row by
row (ui.common.row_diff) so the selection stays on its message. Every word is made when
Qt asks for it, in the current language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.i18n import QT_TR_NOOP
from app.model.types import MessageChannel, MessageStatus
from app.queries_intake import DraftField, MessageRow
from ui.common.formatting import NO_VALUE, JobFormat, quantity
from ui.common.row_diff import KeyedRowsModel
from ui.i18n import on_language_change, refresh_model, translated

Index = QModelIndex | QPersistentModelIndex

# A message's type as understood (sync/intake), as people call it.
TYPE_TEXT = {
    "shortage": QT_TR_NOOP("Material shortage"),
    "downtime": QT_TR_NOOP("Machine down"),
    "quality_hold": QT_TR_NOOP("Quality hold"),
    "order_change_qty": QT_TR_NOOP("Quantity change"),
    "order_change_date": QT_TR_NOOP("Date change"),
    "order_change_spec": QT_TR_NOOP("Specification change"),
    "priority_shift": QT_TR_NOOP("Priority shift"),
    "substitute_material": QT_TR_NOOP("Substitute material"),
    "other": QT_TR_NOOP("Other"),
    "not_an_exception": QT_TR_NOOP("Not an exception"),
}
URGENCY_TEXT = {
    "low": QT_TR_NOOP("Low"),
    "normal": QT_TR_NOOP("Normal"),
    "high": QT_TR_NOOP("High"),
    "critical": QT_TR_NOOP("Critical"),
}
CHANNEL_TEXT = {
    MessageChannel.EMAIL: QT_TR_NOOP("Email"),
    MessageChannel.WHATSAPP: QT_TR_NOOP("WhatsApp"),
    MessageChannel.TEAMS: QT_TR_NOOP("Teams"),
    MessageChannel.SLACK: QT_TR_NOOP("Slack"),
    MessageChannel.CHAT: QT_TR_NOOP("Chat"),
    MessageChannel.PHONE: QT_TR_NOOP("Phone"),
}
STATUS_TEXT = {
    MessageStatus.DRAFT: QT_TR_NOOP("Draft"),
    MessageStatus.TRIAGE: QT_TR_NOOP("Triage"),
    MessageStatus.ARCHIVED: QT_TR_NOOP("Not an exception"),
    MessageStatus.CONFIRMED: QT_TR_NOOP("Confirmed"),
    MessageStatus.DISCARDED: QT_TR_NOOP("Discarded"),
}
FIELD_TEXT = {
    "work_order": QT_TR_NOOP("Work order"),
    "item": QT_TR_NOOP("Item"),
    "lot": QT_TR_NOOP("Lot"),
    "work_center": QT_TR_NOOP("Work center"),
    "customer": QT_TR_NOOP("Customer"),
    "supplier": QT_TR_NOOP("Supplier"),
    "quantity": QT_TR_NOOP("Quantity"),
    "date": QT_TR_NOOP("Date"),
    "type": QT_TR_NOOP("Type"),
    "urgency": QT_TR_NOOP("Urgency"),
    "note": QT_TR_NOOP("Note"),
    "work_orders": QT_TR_NOOP("Work order"),
    "items": QT_TR_NOOP("Item"),
    "reason_code": QT_TR_NOOP("Downtime reason"),
    "substitute": QT_TR_NOOP("Substitute"),
    "lot_no": QT_TR_NOOP("Lot"),
    "summary": QT_TR_NOOP("Summary"),
}


def type_text(kind: str | None) -> str:
    if not kind:
        return NO_VALUE
    return translated(TYPE_TEXT[kind]) if kind in TYPE_TEXT else kind.replace("_", " ")


def field_text(name: str) -> str:
    return translated(FIELD_TEXT[name]) if name in FIELD_TEXT else name.replace("_", " ")


def confidence_text(confidence: float | None) -> str:
    """How sure the understanding was, as a whole percentage ("92 %")."""
    if confidence is None:
        return NO_VALUE
    return f"{QLocale().toString(round(100 * confidence))} %"


def value_text(field: DraftField) -> str:
    value = field.value
    if isinstance(value, dict):  # a quantity: {"value": 40, "unit": "pcs"}
        amount = value.get("value")
        unit = value.get("unit") or ""
        shown = quantity(float(amount)) if isinstance(amount, int | float) else str(amount)
        return f"{shown} {unit}".strip()
    if field.name == "date" and isinstance(value, str):
        try:
            day = date.fromisoformat(value)
            return QLocale().toString(
                QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat
            )
        except ValueError:
            return value
    return NO_VALUE if value is None else str(value)


class MessageColumn(IntEnum):
    RECEIVED = 0
    FROM = 1
    TYPE = 2
    TEXT = 3


_HEADERS = {
    MessageColumn.RECEIVED: QT_TR_NOOP("Received"),
    MessageColumn.FROM: QT_TR_NOOP("From"),
    MessageColumn.TYPE: QT_TR_NOOP("Type"),
    MessageColumn.TEXT: QT_TR_NOOP("Message"),
}


class MessagesModel(KeyedRowsModel[MessageRow]):
    def __init__(self, fmt: JobFormat | None = None, parent: Any = None) -> None:
        super().__init__(lambda row: row.message_id, len(MessageColumn), parent)
        self.format = fmt or JobFormat()
        on_language_change(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        refresh_model(self)

    def set_rows(self, rows: Sequence[MessageRow]) -> None:
        self.replace_rows(rows)

    def set_format(self, fmt: JobFormat) -> None:
        self.format = fmt
        self.refresh_column(MessageColumn.RECEIVED, [Qt.ItemDataRole.DisplayRole])

    def ids(self) -> list[str]:
        return [r.message_id for r in self._rows]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translated(_HEADERS[MessageColumn(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = MessageColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is MessageColumn.TEXT:
            return row.reason or row.preview
        if role == Qt.ItemDataRole.UserRole:
            return row.message_id
        return None

    def cell(self, row: MessageRow, column: int) -> object:
        return self._text(row, MessageColumn(column))

    def _text(self, row: MessageRow, column: MessageColumn) -> str:
        if column is MessageColumn.RECEIVED:
            return self.format.moment(row.received_at)
        if column is MessageColumn.FROM:
            channel = translated(CHANNEL_TEXT.get(row.channel, row.channel.value))
            return f"{channel}: {row.sender}" if row.sender else channel
        if column is MessageColumn.TYPE:
            if row.status in (MessageStatus.DRAFT, MessageStatus.TRIAGE):
                return type_text(row.type)
            return translated(STATUS_TEXT[row.status])
        return f"{row.subject}: {row.preview}" if row.subject else row.preview


class FieldColumn(IntEnum):
    FIELD = 0
    VALUE = 1
    FOUND = 2
    SURE = 3


_FIELD_HEADERS = {
    FieldColumn.FIELD: QT_TR_NOOP("Field"),
    FieldColumn.VALUE: QT_TR_NOOP("Value"),
    FieldColumn.FOUND: QT_TR_NOOP("Written"),
    FieldColumn.SURE: QT_TR_NOOP("Sure"),
}


class DraftFieldsModel(QAbstractTableModel):
    """Each field a draft carries: what it is, where it was written, how sure."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._fields: tuple[DraftField, ...] = ()
        on_language_change(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        refresh_model(self)

    def set_fields(self, fields: Sequence[DraftField]) -> None:
        self.beginResetModel()  # a different message: nothing of the last one stays
        self._fields = tuple(fields)
        self.endResetModel()

    def field_at(self, row: int) -> DraftField:
        return self._fields[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._fields)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FieldColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translated(_FIELD_HEADERS[FieldColumn(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._fields):
            return None
        field = self._fields[index.row()]
        column = FieldColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is FieldColumn.FIELD:
                return field_text(field.name)
            if column is FieldColumn.VALUE:
                return value_text(field)
            if column is FieldColumn.FOUND:
                return f"“{field.found}”" if field.found else NO_VALUE
            return confidence_text(field.confidence)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is FieldColumn.SURE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return field.how
        return None
