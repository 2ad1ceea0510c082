"""Small helpers shared by the screens."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)


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


class DialogFooter:
    """The end of a form dialog: the line that says what is wrong, then Cancel and the
    action. Neither button is a default one: Enter belongs to the fields (a scanner ends
    with Enter), so only a tap or click on the action submits."""

    def __init__(
        self,
        dialog: QDialog,
        action: str,
        on_action: Callable[[], None],
        *,
        cancel_text: str = "Cancel",  # "Back" where the action itself is a cancelling
    ) -> None:
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.cancel = QPushButton(cancel_text)
        self.cancel.setObjectName("secondary")
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(dialog.reject)
        self.ok = QPushButton(action)
        self.ok.setObjectName("primary")
        self.ok.setAutoDefault(False)
        self.ok.clicked.connect(on_action)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.cancel)
        self.buttons.addWidget(self.ok)

    def add_to(self, layout: QBoxLayout) -> None:
        layout.addWidget(self.error)
        layout.addLayout(self.buttons)


def field_grid(rows: Sequence[tuple[str, QWidget]]) -> QGridLayout:
    """Labelled fields, one per row (the label is the field's buddy: Alt+letter works)."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(16)
    grid.setVerticalSpacing(12)
    for row, (text, field) in enumerate(rows):
        label = QLabel(text)
        label.setObjectName("fieldLabel")
        label.setBuddy(field)
        grid.addWidget(label, row, 0)
        grid.addWidget(field, row, 1)
    grid.setRowStretch(len(rows), 1)
    return grid


def make_table(name: str) -> QTableView:
    """A read-only list of whole rows, one picked at a time, that fits its width."""
    table = QTableView()
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setHighlightSections(False)
    return table


def command_button(text: str, name: str = "") -> QPushButton:
    """A screen's command button; `name` picks its QSS look (primary, secondary)."""
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    return button
