"""The table of ERP postings a person must decide about, and the words for them.

Rows are the frozen `PostingRow`s of app.queries_erp; `set_rows` replaces them (a
refresh after each decision, on news from the server, and on a timer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.model.types import PostingKind, PostingStatus
from app.queries_erp import PostingRow, PostingSummary
from app.services.erp import READ_ONLY, is_number
from ui.board.formatting import NO_VALUE, JobFormat

Index = QModelIndex | QPersistentModelIndex

KIND_TEXT = {
    PostingKind.CONFIRMATION: "Confirmation",
    PostingKind.GOODS_MOVEMENT: "Goods movement",
    PostingKind.QUALITY_EVENT: "Quality event",
    PostingKind.DOWNTIME: "Downtime",
}
# How a payload's fields are called on screen; others by their name, without underscores.
FIELD_TEXT = {
    "erp_ref": "ERP order",
    "operation_seq": "Operation",
    "work_center": "Work center",
    "good": "Good",
    "scrap": "Scrap",
    "work_order": "Work order",
    "confirmed_by": "Confirmed by",
}
MOVEMENT_TEXT = {"goods_issue": "issue", "goods_receipt": "receipt", "scrap": "scrap"}
MAX_ERROR_CHARS = 160


def field_text(key: str) -> str:
    return FIELD_TEXT.get(key, key.replace("_", " ").capitalize())


def value_text(value: object) -> str:
    if value is None:
        return ""
    if is_number(value):
        assert isinstance(value, int | float)
        return f"{value:g}"
    return str(value)


def describe(kind: PostingKind, payload: Mapping[str, Any]) -> str:
    """A short line of what the posting says, e.g. "good 12, scrap 1 on op 20"."""
    if kind is PostingKind.CONFIRMATION:
        parts = [f"good {value_text(payload.get('good') or 0)}"]
        if payload.get("scrap"):
            parts.append(f"scrap {value_text(payload['scrap'])}")
        text = ", ".join(parts)
        if payload.get("operation_seq") is not None:
            text += f" on op {value_text(payload['operation_seq'])}"
        return text
    if kind is PostingKind.GOODS_MOVEMENT and payload.get("item"):
        movement = MOVEMENT_TEXT.get(str(payload.get("erp_kind")), "move")
        text = f"{movement} {value_text(payload.get('qty') or 0)} {payload['item']}"
        return text + (f" (lot {payload['lot']})" if payload.get("lot") else "")
    if kind is PostingKind.QUALITY_EVENT and payload.get("erp_kind") == "quality_release":
        disposition = payload.get("disposition")
        return "release" + (f": {str(disposition).replace('_', ' ')}" if disposition else "")
    if kind is PostingKind.QUALITY_EVENT and payload.get("subject"):
        return f"hold: {payload['subject']}"
    parts = [
        f"{field_text(key).lower()} {value_text(value)}"
        for key, value in payload.items()
        if key not in READ_ONLY and (is_number(value) or (isinstance(value, str) and value))
    ]
    return ", ".join(parts[:4]) or NO_VALUE


def lag_text(seconds: float | None) -> str:
    """A posting lag for people: "0.8 s", "42 s", "3.5 min", "2.1 h"."""
    if seconds is None:
        return NO_VALUE
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def summary_text(summary: PostingSummary) -> str:
    """E.g. "Pending 3 · Posted 240 · Failed 1 · lag median 1.2 s, 95th 4.8 s (30 days)"."""
    days = max(1, round(summary.window.total_seconds() / 86_400))
    lag = (
        f"lag median {lag_text(summary.lag_median_s)}, 95th {lag_text(summary.lag_p95_s)}"
        if summary.lag_samples
        else "no lag yet"
    )
    return (
        f"Pending {summary.waiting} · Posted {summary.count(PostingStatus.POSTED)} · "
        f"Failed {summary.count(PostingStatus.FAILED)} · {lag} (last {days} days)"
    )


class PostingColumn(IntEnum):
    WHEN = 0
    KIND = 1
    WORK_ORDER = 2
    WHAT = 3
    ATTEMPTS = 4
    ERROR = 5


_HEADERS = {
    PostingColumn.WHEN: "Happened",
    PostingColumn.KIND: "Kind",
    PostingColumn.WORK_ORDER: "Work order",
    PostingColumn.WHAT: "What",
    PostingColumn.ATTEMPTS: "Tries",
    PostingColumn.ERROR: "The ERP said",
}


class PostingsModel(QAbstractTableModel):
    def __init__(self, fmt: JobFormat | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PostingRow] = []
        self.format = fmt or JobFormat()

    # --- feeding --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[PostingRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_format(self, fmt: JobFormat) -> None:
        self.format = fmt
        if self._rows:
            column = PostingColumn.WHEN
            self.dataChanged.emit(
                self.index(0, column),
                self.index(len(self._rows) - 1, column),
                [Qt.ItemDataRole.DisplayRole],
            )

    # --- reading --------------------------------------------------------------------------

    def row_at(self, row: int) -> PostingRow:
        return self._rows[row]

    def row_of(self, posting_id: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.id == posting_id), None)

    def ids(self) -> list[str]:
        return [r.id for r in self._rows]

    # --- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PostingColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[PostingColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = PostingColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is PostingColumn.ATTEMPTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: PostingRow, column: PostingColumn) -> str:
        if column is PostingColumn.WHEN:
            return self.format.moment(row.occurred_at)
        if column is PostingColumn.KIND:
            return KIND_TEXT.get(row.kind, row.kind.value)
        if column is PostingColumn.WORK_ORDER:
            return row.work_order or NO_VALUE
        if column is PostingColumn.WHAT:
            return describe(row.kind, row.payload)
        if column is PostingColumn.ATTEMPTS:
            return str(row.attempts)
        error = " ".join((row.last_error or NO_VALUE).split())
        return error if len(error) <= MAX_ERROR_CHARS else error[: MAX_ERROR_CHARS - 1] + "…"

    def _tooltip(self, row: PostingRow, column: PostingColumn) -> str:
        if column is PostingColumn.ERROR:
            return row.last_error or ""
        fields = [f"{field_text(k)}: {value_text(v)}" for k, v in row.payload.items()]
        return "\n".join([f"Posting {row.id}", *fields])
