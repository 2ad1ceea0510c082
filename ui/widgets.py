"""Small helpers shared by the screens."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView


def fill_combo(combo: QComboBox, items: Sequence[tuple[str, object]]) -> None:
    """Replace a combo's (text, data) items, only if they changed, without signalling."""
    if [combo.itemData(i) for i in range(combo.count())] == [data for _, data in items]:
        return
    with QSignalBlocker(combo):
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)


def select_data(combo: QComboBox, data: object) -> None:
    """Show the item holding `data` without signalling: the program chose it, not a person."""
    index = combo.findData(data)
    if index >= 0 and index != combo.currentIndex():
        with QSignalBlocker(combo):
            combo.setCurrentIndex(index)


def configure_row_table(table: QTableView, row_height: int) -> None:
    """A read-only list of rows picked one at a time, rows of one fixed height.

    Fixed heights: ResizeToContents would walk every row on each board change.
    """
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(row_height)
