"""The table of ERP postings a person must decide about, and the words for them.

Rows are the frozen `PostingRow`s of app.queries_erp; `set_rows` applies a fresh read
(after each decision, on news from the server, and on a timer) row by row
(ui.common.row_diff), so the selection stays on its posting. Every word is
made when Qt asks for it, in the current language; after a language switch the model
tells its views to ask again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import QT_TR_NOOP
from app.model.types import PostingKind, PostingStatus
from app.queries_erp import PostingRow, PostingSummary
from app.services.erp import READ_ONLY, is_number
from ui.common.formatting import NO_VALUE, JobFormat, editable_quantity, quantity
from ui.common.row_diff import KeyedRowsModel
from ui.i18n import on_language_change, refresh_model, tr, translated

Index = QModelIndex | QPersistentModelIndex

KIND_TEXT = {
    PostingKind.CONFIRMATION: QT_TR_NOOP("Confirmation"),
    PostingKind.GOODS_MOVEMENT: QT_TR_NOOP("Goods movement"),
    PostingKind.QUALITY_EVENT: QT_TR_NOOP("Quality event"),
    PostingKind.DOWNTIME: QT_TR_NOOP("Downtime"),
}
# How a payload's fields are called on screen; others by their name, without underscores.
FIELD_TEXT = {
    "erp_ref": QT_TR_NOOP("ERP order"),
    "operation_seq": QT_TR_NOOP("Operation"),
    "work_center": QT_TR_NOOP("Work center"),
    "good": QT_TR_NOOP("Good"),
    "scrap": QT_TR_NOOP("Scrap"),
    "work_order": QT_TR_NOOP("Work order"),
    "confirmed_by": QT_TR_NOOP("Confirmed by"),
}
MOVEMENT_TEXT = {
    "goods_issue": QT_TR_NOOP("issue"),
    "goods_receipt": QT_TR_NOOP("receipt"),
    "scrap": QT_TR_NOOP("scrap"),
}
MAX_ERROR_CHARS = 160


def kind_text(kind: PostingKind) -> str:
    return translated(KIND_TEXT[kind]) if kind in KIND_TEXT else kind.value


def field_text(key: str) -> str:
    if key in FIELD_TEXT:
        return translated(FIELD_TEXT[key])
    return key.replace("_", " ").capitalize()


def value_text(value: object, *, grouped: bool = True) -> str:
    """A payload's value for people: numbers in the language's way ('1.234,5' in German;
    without thousands separators, `grouped=False`, in a field to edit)."""
    if value is None:
        return ""
    if is_number(value):
        assert isinstance(value, int | float)
        return quantity(value) if grouped else editable_quantity(value)
    return str(value)


def describe(kind: PostingKind, payload: Mapping[str, Any]) -> str:
    """A short line of what the posting says, e.g. "good 12, scrap 1 on op 20"."""
    if kind is PostingKind.CONFIRMATION:
        good = value_text(payload.get("good") or 0)
        if payload.get("scrap"):
            scrap = value_text(payload["scrap"])
            amounts = tr("good {good}, scrap {scrap}").format(good=good, scrap=scrap)
        else:
            amounts = tr("good {good}").format(good=good)
        if payload.get("operation_seq") is None:
            return amounts
        seq = value_text(payload["operation_seq"], grouped=False)
        return tr("{amounts} on op {seq}").format(amounts=amounts, seq=seq)
    if kind is PostingKind.GOODS_MOVEMENT and payload.get("item"):
        erp_kind = str(payload.get("erp_kind"))
        movement = translated(MOVEMENT_TEXT[erp_kind]) if erp_kind in MOVEMENT_TEXT else tr("move")
        qty, item = value_text(payload.get("qty") or 0), payload["item"]
        if payload.get("lot"):
            return tr("{movement} {quantity} {item} (lot {lot})").format(
                movement=movement, quantity=qty, item=item, lot=payload["lot"]
            )
        return tr("{movement} {quantity} {item}").format(movement=movement, quantity=qty, item=item)
    if kind is PostingKind.QUALITY_EVENT and payload.get("erp_kind") == "quality_release":
        disposition = payload.get("disposition")
        if not disposition:
            return tr("release")
        return tr("release: {disposition}").format(
            disposition=translated(str(disposition).replace("_", " "))
        )
    if kind is PostingKind.QUALITY_EVENT and payload.get("subject"):
        return tr("hold: {subject}").format(subject=payload["subject"])
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
    locale = QLocale()
    if seconds < 10:
        return tr("{n} s").format(n=locale.toString(float(seconds), "f", 1))
    if seconds < 90:
        return tr("{n} s").format(n=locale.toString(float(seconds), "f", 0))
    if seconds < 90 * 60:
        return tr("{n} min").format(n=locale.toString(seconds / 60, "f", 1))
    return tr("{n} h").format(n=locale.toString(seconds / 3600, "f", 1))


def summary_text(summary: PostingSummary) -> str:
    """E.g. "Pending 3 · Posted 240 · Failed 1 · lag median 1.2 s, 95th 4.8 s (30 days)"."""
    days = max(1, round(summary.window.total_seconds() / 86_400))
    lag = (
        tr("lag median {median}, 95th {p95}").format(
            median=lag_text(summary.lag_median_s), p95=lag_text(summary.lag_p95_s)
        )
        if summary.lag_samples
        else tr("no lag yet")
    )
    locale = QLocale()
    return tr(
        "Pending {pending} · Posted {posted} · Failed {failed} · {lag} (last {days} days)"
    ).format(
        pending=locale.toString(summary.waiting),
        posted=locale.toString(summary.count(PostingStatus.POSTED)),
        failed=locale.toString(summary.count(PostingStatus.FAILED)),
        lag=lag,
        days=locale.toString(days),
    )


class PostingColumn(IntEnum):
    WHEN = 0
    KIND = 1
    WORK_ORDER = 2
    WHAT = 3
    ATTEMPTS = 4
    ERROR = 5


_HEADERS = {
    PostingColumn.WHEN: QT_TR_NOOP("Happened"),
    PostingColumn.KIND: QT_TR_NOOP("Kind"),
    PostingColumn.WORK_ORDER: QT_TR_NOOP("Work order"),
    PostingColumn.WHAT: QT_TR_NOOP("What"),
    PostingColumn.ATTEMPTS: QT_TR_NOOP("Tries"),
    PostingColumn.ERROR: QT_TR_NOOP("The ERP said"),
}


class PostingsModel(KeyedRowsModel[PostingRow]):
    def __init__(self, fmt: JobFormat | None = None, parent: Any = None) -> None:
        super().__init__(lambda row: row.id, len(PostingColumn), parent)
        self.format = fmt or JobFormat()
        on_language_change(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        refresh_model(self)

    # --- feeding --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[PostingRow]) -> None:
        self.replace_rows(rows)

    def set_format(self, fmt: JobFormat) -> None:
        self.format = fmt
        self.refresh_column(PostingColumn.WHEN, [Qt.ItemDataRole.DisplayRole])

    # --- reading --------------------------------------------------------------------------

    def ids(self) -> list[str]:
        return [r.id for r in self._rows]

    # --- Qt -------------------------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translated(_HEADERS[PostingColumn(section)])
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

    def cell(self, row: PostingRow, column: int) -> object:
        return self._text(row, PostingColumn(column))

    def _text(self, row: PostingRow, column: PostingColumn) -> str:
        if column is PostingColumn.WHEN:
            return self.format.moment(row.occurred_at)
        if column is PostingColumn.KIND:
            return kind_text(row.kind)
        if column is PostingColumn.WORK_ORDER:
            return row.work_order or NO_VALUE
        if column is PostingColumn.WHAT:
            return describe(row.kind, row.payload)
        if column is PostingColumn.ATTEMPTS:
            return QLocale().toString(row.attempts)
        error = " ".join((row.last_error or NO_VALUE).split())
        return error if len(error) <= MAX_ERROR_CHARS else error[: MAX_ERROR_CHARS - 1] + "…"

    def _tooltip(self, row: PostingRow, column: PostingColumn) -> str:
        if column is PostingColumn.ERROR:
            return row.last_error or ""
        fields = [f"{field_text(k)}: {value_text(v)}" for k, v in row.payload.items()]
        return "\n".join([tr("Posting {id}").format(id=row.id), *fields])
