"""One work center's ranked lane as a table model, updated row by row.

The ranking engine answers a whole lane at a time; `LaneModel.apply` turns the
difference between what is shown and what was ranked into the smallest set of model
signals: rows that left are removed, rows that changed places are moved (as few as
possible: everything outside a longest increasing subsequence stays put), new rows are
inserted, and only rows whose text changed emit `dataChanged`. A view's selection and
scroll position therefore survive a re-rank (persistent indexes follow moves), and a
2,000-row lane with one changed row costs a few dataChanged/move signals, not a reset.

Cells are formatted once, when a row's content changes, and `data()` hands out the
cached strings; when the language changes, every cell is formatted again in the new
language (ui.i18n) and the view is told.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.i18n import QT_TR_NOOP
from app.priority.model import Job, Override, RankedRow, RowStatus
from app.queries_board import BoardLabels
from ui.board.formatting import NO_VALUE, JobFormat, why_here
from ui.board.status_style import ROW_STATUS
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


def _runs(positions: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted positions as (first, last) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for p in positions:
        if runs and runs[-1][1] == p - 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes into `values` of one longest strictly increasing subsequence."""
    tails: list[int] = []  # values[tail_index[k]] is the smallest tail of a run of length k+1
    tail_index: list[int] = []
    before = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_index.append(i)
        else:
            tails[k] = v
            tail_index[k] = i
        before[i] = tail_index[k - 1] if k > 0 else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = before[i]
    return keep


class LaneModel(QAbstractTableModel):
    """The ranked rows of one work center, in rank order (the model never sorts)."""

    def __init__(self, labels: BoardLabels | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.work_center: str | None = None
        self._fmt = JobFormat(labels)
        self._entries: list[_Entry] = []
        self._pos: dict[str, int] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes = {
            status: (QBrush(QColor(s.background)), QBrush(QColor(s.foreground)))
            for status, s in ROW_STATUS.items()
        }
        on_language_change(self, self._on_language_changed)

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return entry.cells[column]
        if role == OP_ID_ROLE:
            return entry.op_id
        if role == STATUS_ROLE:
            return entry.row.status.value
        if column == Column.STATUS and role in (_BACKGROUND, _FOREGROUND):
            background, foreground = self._brushes[entry.row.status]
            return background if role == _BACKGROUND else foreground
        if role == _FONT and column in (Column.WORK_ORDER, Column.STATUS):
            return self._bold
        if role == _ALIGNMENT and column in (Column.RANK, Column.STATUS, Column.QTY):
            return _RIGHT if column == Column.QTY else _CENTER
        if role == _TOOLTIP:
            return self._fmt.tooltip(entry.row, entry.job)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return translated(HEADERS[Column(section)])
        return None

    # --- reading ------------------------------------------------------------------------

    def op_id_at(self, row: int) -> str:
        return self._entries[row].op_id

    def ranked_at(self, row: int) -> RankedRow:
        return self._entries[row].row

    def job_at(self, row: int) -> Job | None:
        return self._entries[row].job

    def row_of(self, op_id: str) -> int | None:
        return self._pos.get(op_id)

    def ranked_rows(self) -> list[RankedRow]:
        return [e.row for e in self._entries]

    @property
    def format(self) -> JobFormat:
        return self._fmt

    # --- updating -----------------------------------------------------------------------

    def set_lane(
        self, work_center: str | None, rows: Sequence[RankedRow], jobs: Mapping[str, Job]
    ) -> None:
        """Show another work center's lane: the one case for a reset."""
        self.work_center = work_center
        self.beginResetModel()
        self._entries = [_Entry(row, jobs.get(row.op_id), self._fmt) for row in rows]
        self._reindex()
        self.endResetModel()

    def set_labels(self, labels: BoardLabels) -> None:
        """New names (an item renamed in the ERP): re-format, signal only rows that changed."""
        if labels == self._fmt.labels:
            return
        self._fmt = JobFormat(labels)
        changed = []
        for i, entry in enumerate(self._entries):
            cells = _cells(entry.row, entry.job, self._fmt)
            if cells != entry.cells:
                entry.cells = cells
                changed.append(i)
        self._emit_changed(changed)

    def _on_language_changed(self) -> None:
        """Say every cell again in the new language (the cache holds the old one)."""
        for entry in self._entries:
            entry.cells = _cells(entry.row, entry.job, self._fmt)
        refresh_model(self)

    def apply(self, rows: Sequence[RankedRow], jobs: Mapping[str, Job]) -> None:
        """Bring the shown lane to `rows` (a fresh ranking of the same work center).

        Never a reset: removals, moves, insertions and row changes only (an empty model
        gets its rows as one insertion)."""
        wanted = [row.op_id for row in rows]
        wanted_set = set(wanted)
        if wanted_set == self._pos.keys():  # the usual re-rank: the same jobs, maybe reordered
            self._move(wanted)
        else:
            self._remove([i for i, e in enumerate(self._entries) if e.op_id not in wanted_set])
            self._move([op for op in wanted if op in self._pos])
            self._insert(rows, jobs)
        self._update(rows, jobs)

    # --- internals ----------------------------------------------------------------------

    def _reindex(self) -> None:
        self._pos = {e.op_id: i for i, e in enumerate(self._entries)}

    def _remove(self, gone: list[int]) -> None:
        if not gone:
            return
        for first, last in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._entries[first : last + 1]
            self.endRemoveRows()
        self._reindex()

    def _move(self, kept: list[str]) -> None:
        """Reorder the shown rows to `kept` (the same rows) with as few single-row moves."""
        positions = [self._pos[op] for op in kept]  # a permutation of 0..n-1
        low, high = 0, len(positions)
        while low < high and positions[low] == low:
            low += 1
        while high > low and positions[high - 1] == high - 1:
            high -= 1
        if low == high:
            return
        # Rows before `low` and from `high` on are in place. Between them, the rows of a
        # longest increasing run stay; each other row moves once, right after the row that
        # precedes it in `kept` (already where it belongs).
        stays = {low + i for i in _longest_increasing(positions[low:high])}
        order = [e.op_id for e in self._entries]
        root = QModelIndex()
        for j in range(low, high):
            if j in stays:
                continue
            op = kept[j]
            source = order.index(op, low, high)
            target = low if j == low else order.index(kept[j - 1], low, high) + 1
            if target == source:
                continue
            self.beginMoveRows(root, source, source, root, target)
            landing = target if target < source else target - 1
            self._entries.insert(landing, self._entries.pop(source))
            order.insert(landing, order.pop(source))
            self.endMoveRows()
        for i in range(low, high):
            self._pos[order[i]] = i

    def _insert(self, rows: Sequence[RankedRow], jobs: Mapping[str, Job]) -> None:
        new = [j for j, row in enumerate(rows) if row.op_id not in self._pos]
        if not new:
            return
        for first, last in _runs(new):
            self.beginInsertRows(QModelIndex(), first, last)
            self._entries[first:first] = [
                _Entry(rows[j], jobs.get(rows[j].op_id), self._fmt) for j in range(first, last + 1)
            ]
            self.endInsertRows()
        self._reindex()

    def _update(self, rows: Sequence[RankedRow], jobs: Mapping[str, Job]) -> None:
        changed = []
        fmt = self._fmt
        for i, (entry, row) in enumerate(zip(self._entries, rows, strict=True)):
            if entry.row is row:
                continue
            job = jobs.get(row.op_id)
            entry.row = row
            key = (row.rank, row.status, row.reason, row.override, job)  # _key(), inlined
            if key == entry.key:
                continue
            entry.key = key
            entry.job = job
            cells = _cells(row, job, fmt)
            if cells != entry.cells:
                entry.cells = cells
                changed.append(i)
        self._emit_changed(changed)

    def _emit_changed(self, changed: list[int]) -> None:
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, _COLUMNS - 1))
