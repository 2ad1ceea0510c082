"""Small helpers shared by the screens."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox


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
