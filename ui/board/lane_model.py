"""One work center's ranked lane as a table model, updated row by row.

The ranking engine answers a whole lane at a time; `LaneModel.apply` turns the
difference between what is shown and what was ranked into the smallest set of model
signals: rows that left are removed, rows that changed places are moved (as few as
possible: everything outside a longest increasing subsequence stays put), new rows are
inserted, and `dataChanged` names only the cells whose text changed (ui.common.row_diff,
shared by every table model). A view's selection and scroll position therefore survive
a re-rank (persistent indexes follow moves), and a 2,000-row lane with one changed row
costs a few signals, not a reset.

A move makes every view lay itself out and repaint all it shows, so rows that no view
holds (no selection, current or pressed row among them, directly or through a proxy
registered with `add_proxy`) are not moved but reordered in place, and the positions
that now show another row are named in `dataChanged` (ui.board.lane_rows): a re-rank
that moves one row three places repaints those four rows, not the screenful.

Cells are formatted once, when a row's content changes, and `data()` hands out the
cached strings; when the language changes, every cell is formatted again in the new
language (ui.i18n) and the view is told.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.i18n import QT_TR_NOOP
from app.priority.model import Job, Override, RankedRow, RowStatus
from app.queries_board import BoardLabels
from ui.board.formatting import row_tooltip, why_here
from ui.board.lane_rows import LaneRows
from ui.board.status_style import ROW_STATUS
from ui.common.formatting import NO_VALUE, JobFormat
from ui.common.row_diff import changed_span
from ui.i18n import on_language_change, refresh_model, translated


class Column(IntEnum):
    RANK = 0
    STATUS = 1
    WORK_ORDER = 2
    ITEM = 3
    QTY = 4
    DUE = 5
    CUSTOMER = 6
    REASON = 7


# Shown with `translated()`.
HEADERS = {
    Column.RANK: "#",
    Column.STATUS: QT_TR_NOOP("Status"),
    Column.WORK_ORDER: QT_TR_NOOP("Work order"),
    Column.ITEM: QT_TR_NOOP("Item"),
    Column.QTY: QT_TR_NOOP("Done / qty"),
    Column.DUE: QT_TR_NOOP("Due"),
    Column.CUSTOMER: QT_TR_NOOP("Customer"),
    Column.REASON: QT_TR_NOOP("Why here"),
}

OP_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
STATUS_ROLE = int(Qt.ItemDataRole.UserRole) + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_COLUMNS = len(Column)
_BOLD_COLUMNS = frozenset({int(Column.WORK_ORDER), int(Column.STATUS)})
_ALIGNED = {int(Column.RANK): _CENTER, int(Column.STATUS): _CENTER, int(Column.QTY): _RIGHT}
# The roles answered from the row itself.
_ROW_ROLES = frozenset({OP_ID_ROLE, STATUS_ROLE, _TOOLTIP, _BACKGROUND, _FOREGROUND})

_Key = tuple[int, RowStatus, str, Override | None, Job | None]


class _Entry:
    """One shown row: what it was formatted from (`key`) and the strings it shows."""

    __slots__ = ("cells", "job", "key", "op_id", "row")

    def __init__(self, row: RankedRow, job: Job | None, fmt: JobFormat) -> None:
        self.op_id = row.op_id
        self.row = row
        self.job = job
        self.key: _Key = _key(row, job)
        self.cells = _cells(row, job, fmt)


def _key(row: RankedRow, job: Job | None) -> _Key:
    # Everything the cells are made from: the reason text carries shortages, and the
    # override is shown with it (even on a blocked row, whose reason does not say it).
    return (row.rank, row.status, row.reason, row.override, job)


def _cells(row: RankedRow, job: Job | None, fmt: JobFormat) -> tuple[str, ...]:
    status = ROW_STATUS[row.status].label
    if job is None:  # a row without its job: show what the row itself knows
        return (
            str(row.rank),
            status,
            row.op_id,
            NO_VALUE,
            NO_VALUE,
            NO_VALUE,
            NO_VALUE,
            why_here(row),
        )
    return (
        str(row.rank),
        status,
        fmt.work_order(job),
        fmt.item(job),
        fmt.done_of_total(job),
        fmt.due(job),
        fmt.customer(job),
        why_here(row),
    )


class LaneModel(QAbstractTableModel):
    """The ranked rows of one work center, in rank order (the model never sorts)."""

    def __init__(self, labels: BoardLabels | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.work_center: str | None = None
        self._fmt = JobFormat(labels)
        self._shown: LaneRows[_Entry] = LaneRows(self)
        self._proxies: list[QAbstractProxyModel] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {
            status: (QBrush(QColor(s.background)), QBrush(QColor(s.foreground)))
            for status, s in ROW_STATUS.items()
        }
        on_language_change(self, self._on_language_changed)

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # A repaint asks every visible cell for ~7 roles (~800 calls for a screenful), so
        # the common roles come first and answer from tables, and roles this model never
        # answers (check state, decoration) leave without touching the row.
        if role == _DISPLAY:
            return (
                self._shown.entries[index.row()].cells[index.column()] if index.isValid() else None
            )
        if role == _FONT:  # an invalid index has column -1: in no table
            return self._bold if index.column() in _BOLD_COLUMNS else None
        if role == _ALIGNMENT:
            return _ALIGNED.get(index.column())
        if role not in _ROW_ROLES or not index.isValid():
            return None
        entry = self._shown.entries[index.row()]
        if role == OP_ID_ROLE:
            return entry.op_id
        if role == STATUS_ROLE:
            return entry.row.status.value
        if role == _TOOLTIP:
            return row_tooltip(self._fmt, entry.row, entry.job)
        if index.column() != Column.STATUS:
            return None
        background, foreground = self._brushes[entry.row.status]
        return background if role == _BACKGROUND else foreground

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return translated(HEADERS[Column(section)])
        return None

    # --- reading ------------------------------------------------------------------------

    def op_id_at(self, row: int) -> str:
        return self._shown.entries[row].op_id

    def ranked_at(self, row: int) -> RankedRow:
        return self._shown.entries[row].row

    def job_at(self, row: int) -> Job | None:
        return self._shown.entries[row].job

    def row_of(self, op_id: str) -> int | None:
        return self._shown.position(op_id)

    def ranked_rows(self) -> list[RankedRow]:
        return [e.row for e in self._shown.entries]

    @property
    def format(self) -> JobFormat:
        return self._fmt

    # --- updating -----------------------------------------------------------------------

    def set_lane(
        self, work_center: str | None, rows: Sequence[RankedRow], jobs: Mapping[str, Job]
    ) -> None:
        """Show another work center's lane: the one case for a reset."""
        self.work_center = work_center
        fmt = self._fmt
        self._shown.reset(
            [row.op_id for row in rows], [_Entry(row, jobs.get(row.op_id), fmt) for row in rows]
        )

    def set_labels(self, labels: BoardLabels) -> None:
        """New names (an item renamed in the ERP): re-format, signal only cells that changed."""
        if labels == self._fmt.labels:
            return
        self._fmt = JobFormat(labels)
        changed = []
        for i, entry in enumerate(self._shown.entries):
            cells = _cells(entry.row, entry.job, self._fmt)
            if cells != entry.cells:
                changed.append((i, *changed_span(entry.cells, cells)))
                entry.cells = cells
        self._shown.changed(changed)

    def _on_language_changed(self) -> None:
        """Say every cell again in the new language (the cache holds the old one)."""
        for entry in self._shown.entries:
            entry.cells = _cells(entry.row, entry.job, self._fmt)
        refresh_model(self)

    def add_proxy(self, proxy: QAbstractProxyModel) -> None:
        """`proxy` shows this model to views (the supervisor's status filter): the rows
        its views hold are moved like the rows this model's own views hold, never
        reordered in place, so that the proxy's selection follows them."""
        self._proxies.append(proxy)

    def apply(self, rows: Sequence[RankedRow], jobs: Mapping[str, Job]) -> None:
        """Bring the shown lane to `rows` (a fresh ranking of the same work center).

        Never a reset: removals, moves, insertions and changed cells only (ui.common.row_diff;
        an empty model gets its rows as one insertion). Rows that only changed places and
        that no view holds are reordered in place instead (see the module's note)."""
        keys = [row.op_id for row in rows]
        job_list = list(map(jobs.get, keys))
        shown = self._shown
        span = shown.reordered_span(keys)
        carried = None if span is None else self._carried(*span, keys)
        if span is not None and carried is not None:
            low, high = span
            # What the views show at those positions until told otherwise.
            before = [entry.cells for entry in shown.entries[low : high + 1]]
            old_keys = shown.keys[low : high + 1]
            shown.reorder_in_place(low, keys[low : high + 1])
            self.changePersistentIndexList(*carried)
            replaced = {
                low + i: cells
                for i, (cells, key) in enumerate(zip(before, old_keys, strict=True))
                if key != keys[low + i]
            }
        else:
            fmt = self._fmt
            shown.arrange(keys, lambda j: _Entry(rows[j], job_list[j], fmt))
            replaced = {}
        self._update(rows, job_list, replaced)

    # --- internals ----------------------------------------------------------------------

    def _carried(
        self, low: int, high: int, keys: Sequence[str]
    ) -> tuple[list[QModelIndex], list[QModelIndex]] | None:
        """The persistent indexes (a selection, the current, pressed or hovered row) on
        rows `low` to `high`, and where reordering them to `keys` takes them; None when
        they cannot be carried there without a move: a proxy holds one of those rows (its
        own mapping would not follow), or they hold more than one row (a selection from
        one to another would cover other rows after)."""
        for proxy in self._proxies:
            if shiboken6.isValid(proxy) and any(
                low <= proxy.mapToSource(index).row() <= high
                for index in proxy.persistentIndexList()
            ):
                return None
        held = [index for index in self.persistentIndexList() if low <= index.row() <= high]
        if not held:
            return [], []
        if len({index.row() for index in held}) > 1:
            return None
        to_row = keys.index(self._shown.keys[held[0].row()], low, high + 1)
        return held, [self.index(to_row, index.column()) for index in held]

    def _update(
        self,
        rows: Sequence[RankedRow],
        jobs: list[Job | None],
        replaced: Mapping[int, tuple[str, ...]],
    ) -> None:
        """Take the fresh rows into the entries (now at the same positions) and signal the
        cells whose text changed; `replaced` holds what the views showed at positions that
        now show another row (reordered in place). Runs over every row of every re-rank,
        so kept lean: a row is formatted again only when what its cells are made from
        changed."""
        changed = {}
        fmt = self._fmt
        for i, (entry, row, job) in enumerate(zip(self._shown.entries, rows, jobs, strict=True)):
            entry.row = row  # always: the score and breakdown (a tooltip) may have changed
            key = (row.rank, row.status, row.reason, row.override, job)  # _key(), inlined
            if key == entry.key:
                continue
            entry.key = key
            entry.job = job
            cells = _cells(row, job, fmt)
            if cells != entry.cells:
                changed[i] = changed_span(entry.cells, cells)
                entry.cells = cells
        entries = self._shown.entries
        for i, shown in replaced.items():
            changed[i] = changed_span(shown, entries[i].cells)
        self._shown.changed((i, *changed[i]) for i in sorted(changed))
