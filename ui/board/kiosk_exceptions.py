"""The operator's exceptions on the kiosk: a big button per kind to raise one, and the
list of the open ones they raised (type, summary, status, owner).

A button only asks for a form (the forms are ui.exceptions.capture); the list is a compact
table the kiosk shows in a tab beside its queue. Words are shown with `translated()`,
again when the language changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.i18n import QT_TR_NOOP
from app.model.types import ExceptionKind
from app.queries_exceptions import ExceptionRow
from app.words import role, state_spaced
from ui.i18n import translated

# The big exception buttons under the card, in order (the forms are ui.exceptions.capture).
EXCEPTION_BUTTONS = (
    (ExceptionKind.MATERIAL_SHORTAGE, QT_TR_NOOP("Shortage")),
    (ExceptionKind.MACHINE_DOWNTIME, QT_TR_NOOP("Machine down")),
    (ExceptionKind.QUALITY_HOLD, QT_TR_NOOP("Quality hold")),
    (ExceptionKind.SUBSTITUTE_MATERIAL, QT_TR_NOOP("Substitute")),
    (ExceptionKind.OTHER, QT_TR_NOOP("Other")),
)
# The operator's own open exceptions: a compact list under the queue.
OWN_COLUMNS = (
    QT_TR_NOOP("Type"),
    QT_TR_NOOP("Summary"),
    QT_TR_NOOP("Status"),
    QT_TR_NOOP("Owner"),
)


class ExceptionBar(QWidget):
    """One big button per kind of exception an operator raises.

    Signals:
        sig_requested: a button was tapped; carries its ExceptionKind.
    """

    sig_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exceptionBar")
        self.buttons: dict[ExceptionKind, QPushButton] = {}
        exception_layout = QHBoxLayout(self)
        exception_layout.setContentsMargins(0, 0, 0, 0)
        exception_layout.setSpacing(12)
        for kind, _text in EXCEPTION_BUTTONS:
            button = QPushButton()
            button.setObjectName("exceptionButton")
            button.setProperty("kind", kind.value)
            button.clicked.connect(lambda _=False, k=kind: self.sig_requested.emit(k))
            exception_layout.addWidget(button)
            self.buttons[kind] = button

    def retranslate(self) -> None:
        for kind, text in EXCEPTION_BUTTONS:
            self.buttons[kind].setText(translated(text))


class OwnExceptionsTable(QTableWidget):
    """The open exceptions an operator raised, one row each (newest first)."""

    def __init__(self, row_height: int, parent: QWidget | None = None) -> None:
        super().__init__(0, len(OWN_COLUMNS), parent)
        self.setObjectName("ownExceptions")
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(row_height)
        own_header = self.horizontalHeader()
        own_header.setHighlightSections(False)
        own_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        own_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rows: tuple[ExceptionRow, ...] = ()

    def set_rows(self, rows: Sequence[ExceptionRow]) -> None:
        """Show `rows`, in the current language (again with the same rows after a switch)."""
        self.rows = tuple(rows)
        self.setHorizontalHeaderLabels([translated(c) for c in OWN_COLUMNS])
        self.setRowCount(len(self.rows))
        kinds = dict(EXCEPTION_BUTTONS)
        for n, row in enumerate(self.rows):
            if row.kind in kinds:
                kind = translated(kinds[row.kind])
            else:
                kind = row.kind.value.replace("_", " ").capitalize()
            owner = row.owner_name or (translated(role(row.owner_role)) if row.owner_role else "")
            cells = (kind, row.summary, translated(state_spaced(row.status)), owner)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(n, column, item)
