"""Table models that update their rows in place, never by a reset.

A screen refreshes by reading its whole list again (a re-rank, a new inbox read, the
postings after a decision). Resetting the model with it would throw away the view's
selection, current row and scroll position and repaint everything. Instead, each row
is known by a key (an op id, an exception id) and the new list is applied as the
difference to what is shown:

1. rows whose key is gone are removed (one `beginRemoveRows` per run of rows);
2. the rows that stay are put in their new order with as few single-row moves as
   possible: the rows of one longest increasing subsequence stay put, every other row
   moves once (`beginMoveRows`). A reshuffle that would take more than `MAX_MOVES` moves
   becomes one layout change instead (each move costs every view a relayout pass);
3. rows with a new key are inserted (one `beginInsertRows` per run);
4. rows that stayed are compared by value, and `dataChanged` names only the cells whose
   text changed.

Persistent indexes follow their rows through all of it, so a view's selection and
current row stay on the same job. `KeyedRows` does steps 1-3 and sends step 4's signals
for any model (the board's lane model keeps its own cell cache on top of it);
`KeyedRowsModel` is a table of frozen dataclass rows built on it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Entry = TypeVar("Entry")
Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex

# Beyond this many single-row moves one layout change is cheaper: a view answers each
# move with a pass over its rows, a layout change costs one pass (and the persistent
# indexes are moved by key all the same).
MAX_MOVES = 64


def runs(positions: Iterable[int]) -> list[tuple[int, int]]:
    """Ascending positions as (first, last) runs of consecutive numbers."""
    found: list[tuple[int, int]] = []
    for p in positions:
        if found and found[-1][1] == p - 1:
            found[-1] = (found[-1][0], p)
        else:
            found.append((p, p))
    return found


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Indexes into `values` of one longest strictly increasing subsequence (n log n)."""
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


def numbered(keys: Iterable[Hashable]) -> list[Hashable]:
    """Keys made unique: the n-th time a key comes, it is (key, n)."""
    seen: dict[Hashable, int] = {}
    out: list[Hashable] = []
    for key in keys:
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append((key, n))
    return out


def changed_span(old: Sequence[object], new: Sequence[object]) -> tuple[int, int]:
    """The first and last column whose cell differs between two rows' cells; the whole
    row when none does (what changed is not shown as text: a tooltip, a colour)."""
    differ = [c for c, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    if not differ:
        return 0, len(new) - 1
    return differ[0], differ[-1]


def _common_prefix(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """How many leading items `a` and `b` share. Halving with slice comparisons keeps the
    scanning in C: a re-rank's keys are mostly the very same objects, compared by
    identity first."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: Sequence[Hashable], b: Sequence[Hashable], limit: int) -> int:
    """How many trailing items (at most `limit`) `a` and `b` share."""
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid : len(a) - low] == b[len(b) - mid : len(b) - low]:
            low = mid
        else:
            high = mid - 1
    return low


class KeyedRows(Generic[Entry]):
    """The rows a model shows (`entries`, one per key in `keys`, in display order) and the
    model signals that change them. The model reads `entries` in `data()`; only this
    class changes which keys are shown and where."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.model = model
        self.entries: list[Entry] = []
        self.keys: list[Hashable] = []
        self._positions: dict[Hashable, int] | None = {}

    def __len__(self) -> int:
        return len(self.entries)

    def position(self, key: Hashable) -> int | None:
        """The row showing `key` (the index is rebuilt lazily after rows came or went)."""
        if self._positions is None:
            self._positions = {k: i for i, k in enumerate(self.keys)}
        return self._positions.get(key)

    def reset(self, keys: Sequence[Hashable], entries: Sequence[Entry]) -> None:
        """Show other rows altogether (another work center's lane): the one reset."""
        self.model.beginResetModel()
        self.keys = list(keys)
        self.entries = list(entries)
        self._positions = None
        self.model.endResetModel()

    def arrange(self, keys: Sequence[Hashable], make: Callable[[int], Entry]) -> bool:
        """Remove, move and insert rows until the keys shown are `keys` (unique), in that
        order; `make(j)` builds the entry for `keys[j]` when it is new. The entries of
        rows that stay are left as they were: the caller compares them with the new
        rows, now at the same positions. Says whether any row came, went or moved."""
        wanted = list(keys)
        old = self.keys
        if wanted == old:  # the usual refresh: the same rows in the same order
            return False
        if len(set(wanted)) != len(wanted):
            raise ValueError("row keys must be unique")
        self._positions = None
        # Only the window between the common head and tail changes (one row moving three
        # places: a window of four), so the work below is sized by it, not by the table.
        low = _common_prefix(old, wanted)
        tail = _common_suffix(old, wanted, min(len(old), len(wanted)) - low)
        window = wanted[low : len(wanted) - tail]
        window_set = set(window)
        root = QModelIndex()
        gone = [low + i for i, k in enumerate(old[low : len(old) - tail]) if k not in window_set]
        for first, last in reversed(runs(gone)):
            self.model.beginRemoveRows(root, first, last)
            del self.entries[first : last + 1]
            del self.keys[first : last + 1]
            self.model.endRemoveRows()
        shown = set(self.keys[low : len(self.keys) - tail])
        self._move(low, [k for k in window if k in shown])
        for first, last in runs(low + j for j, k in enumerate(window) if k not in shown):
            # Ascending runs: every row before `first` is already where it belongs.
            self.model.beginInsertRows(root, first, last)
            self.entries[first:first] = [make(j) for j in range(first, last + 1)]
            self.keys[first:first] = wanted[first : last + 1]
            self.model.endInsertRows()
        return True

    def changed(self, cells: Iterable[tuple[int, int, int]], roles: Sequence[int] = ()) -> None:
        """Tell the views which cells changed: (row, first column, last column), rows
        ascending. Adjacent rows with the same columns go in one signal (a re-rank that
        moves one row renumbers its neighbours: one signal for all of them)."""
        pending: list[int] | None = None  # [first row, last row, first column, last column]
        for row, left, right in cells:
            if pending and pending[1] == row - 1 and pending[2] == left and pending[3] == right:
                pending[1] = row
                continue
            if pending:
                self._emit(pending, roles)
            pending = [row, row, left, right]
        if pending:
            self._emit(pending, roles)

    # --- internals ----------------------------------------------------------------------

    def _emit(self, span: list[int], roles: Sequence[int]) -> None:
        top, bottom, left, right = span
        model = self.model
        model.dataChanged.emit(model.index(top, left), model.index(bottom, right), list(roles))

    def _move(self, offset: int, kept: list[Hashable]) -> None:
        """Reorder the shown rows from `offset` on (the same keys as `kept`) into the
        order of `kept`."""
        end = offset + len(kept)
        at = dict(zip(self.keys[offset:end], range(offset, end), strict=True))
        positions = [at[k] for k in kept]  # a permutation of offset..end-1
        low, high = offset, end
        while low < high and positions[low - offset] == low:
            low += 1
        while high > low and positions[high - 1 - offset] == high - 1:
            high -= 1
        if low == high:
            return
        # Rows before `low` and from `high` on are in place. Between them, the rows of a
        # longest increasing run stay; each other row moves once, right after the row that
        # precedes it in `kept` (already where it belongs).
        stays = {low + i for i in longest_increasing(positions[low - offset : high - offset])}
        if (high - low) - len(stays) > MAX_MOVES:
            self._relayout(offset, kept)
            return
        order, entries = self.keys, self.entries
        root = QModelIndex()
        for j in range(low, high):
            if j in stays:
                continue
            key = kept[j - offset]
            source = order.index(key, low, high)
            target = low if j == low else order.index(kept[j - 1 - offset], low, high) + 1
            if target == source:
                continue
            self.model.beginMoveRows(root, source, source, root, target)
            landing = target if target < source else target - 1
            entries.insert(landing, entries.pop(source))
            order.insert(landing, order.pop(source))
            self.model.endMoveRows()

    def _relayout(self, offset: int, kept: list[Hashable]) -> None:
        """A reshuffle as one layout change; persistent indexes follow their keys."""
        model = self.model
        model.layoutAboutToBeChanged.emit()
        end = offset + len(kept)
        old_keys = list(self.keys)
        by_key = dict(zip(self.keys[offset:end], self.entries[offset:end], strict=True))
        self.entries[offset:end] = [by_key[k] for k in kept]
        self.keys[offset:end] = kept
        at = dict(zip(kept, range(offset, end), strict=True))
        before = [p for p in model.persistentIndexList() if offset <= p.row() < end]
        after = [model.index(at[old_keys[p.row()]], p.column()) for p in before]
        model.changePersistentIndexList(before, after)
        model.layoutChanged.emit()


class KeyedRowsModel(QAbstractTableModel, Generic[Row]):
    """A table of rows (frozen dataclasses, compared by value), each known by a key.

    `replace_rows` applies a new list as the difference (see the module's note).
    Subclasses give the key and the column count to `__init__` and say each cell's
    text in `cell`, which is also how changed cells are found; `data()` is theirs.
    `repeating_keys=True` is for rows without an identity of their own (a history line
    keyed by its content): the n-th equal key becomes (key, n).
    """

    def __init__(
        self,
        key: Callable[[Row], Hashable],
        columns: int,
        parent: Any = None,
        *,
        repeating_keys: bool = False,
    ) -> None:
        super().__init__(parent)
        self._key = key
        self._columns = columns
        self._repeating_keys = repeating_keys
        self._shown: KeyedRows[Row] = KeyedRows(self)

    # --- for subclasses -----------------------------------------------------------------

    def cell(self, row: Row, column: int) -> object:
        """The text (or value) shown in `column` for `row`."""
        raise NotImplementedError

    def cells(self, row: Row) -> tuple[object, ...]:
        return tuple(self.cell(row, column) for column in range(self._columns))

    def refresh_column(self, column: int, roles: Sequence[int] = ()) -> None:
        """Every cell of `column` and its heading are said anew (the clock or the time
        format they are made with changed, not the rows)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)
        if self._shown.entries:
            last = len(self._shown.entries) - 1
            self.dataChanged.emit(self.index(0, column), self.index(last, column), list(roles))

    @property
    def _rows(self) -> list[Row]:
        """The rows shown, in order (read-only use: `replace_rows` changes them)."""
        return self._shown.entries

    # --- feeding --------------------------------------------------------------------------

    def replace_rows(self, rows: Sequence[Row]) -> None:
        new = list(rows)
        keys = [self._key(r) for r in new]
        self._shown.arrange(numbered(keys) if self._repeating_keys else keys, new.__getitem__)
        entries = self._shown.entries
        changed = [
            (i, *changed_span(self.cells(old), self.cells(row)))
            for i, (old, row) in enumerate(zip(entries, new, strict=True))
            if old is not row and old != row
        ]
        entries[:] = new  # before the signals: a view asks for the new text at once
        self._shown.changed(changed)

    # --- reading --------------------------------------------------------------------------

    def row_at(self, row: int) -> Row:
        return self._shown.entries[row]

    def row_of(self, key: Hashable) -> int | None:
        return self._shown.position(key)

    # --- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns
