"""The plant at a glance: every work center, its machine state and its queue."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.people import Operator
from app.words import role
from ui.i18n import on_language_change, tr, translated
from ui.plant.work_center_model import WorkCenterTableModel
from ui.widgets import ThemedTable, fit_headings

# Area, work center, name (gives room to long headings), machine, open, ready, setup families.
_WIDTHS = dict(enumerate((220, 150, 330, 140, 110, 100, 150)))
_GIVE = 2


class PlantView(QWidget):
    """Signals:
    sig_logout_requested: the person asked to log out.
    """

    sig_logout_requested = Signal()

    def __init__(self, model: WorkCenterTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plantView")
        self._shown_for: tuple[Operator, str] | None = None  # said again after a switch
        self.heading = QLabel("")
        self.heading.setObjectName("heading")
        self.greeting = QLabel("")
        self.greeting.setObjectName("hint")
        self.logout = QPushButton()
        self.logout.setObjectName("secondary")
        self.logout.clicked.connect(self.sig_logout_requested)

        self.table: QTableView = ThemedTable()  # row height: the theme's
        self.table.setObjectName("workCenterTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        # Fixed/interactive sizing: ResizeToContents would walk every row on each change.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.greeting)
        top.addLayout(titles, 1)
        top.addWidget(self.logout)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.logout.setText(tr("Log out"))
        fit_headings(self.table, _WIDTHS, _GIVE)
        if self._shown_for is not None:
            self.show_for(*self._shown_for)

    def show_for(self, operator: Operator, plant_name: str) -> None:
        self._shown_for = (operator, plant_name)
        self.heading.setText(tr("{plant}: work centers").format(plant=plant_name))
        roles = ", ".join(translated(role(r)) for r in operator.roles)
        self.greeting.setText(
            tr("Logged in: {name} ({roles})").format(name=operator.name, roles=roles)
        )
