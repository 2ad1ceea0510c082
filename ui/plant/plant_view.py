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
from ui.plant.work_center_model import WorkCenterTableModel
from ui.widgets import ThemedTable


class PlantView(QWidget):
    """Signals:
    sig_logout_requested: the person asked to log out.
    """

    sig_logout_requested = Signal()

    def __init__(self, model: WorkCenterTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plantView")
        self.heading = QLabel("")
        self.heading.setObjectName("heading")
        self.greeting = QLabel("")
        self.greeting.setObjectName("hint")
        self.logout = QPushButton("Log out")
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
        for column, width in enumerate((250, 150, 360, 140, 110, 100)):
            self.table.setColumnWidth(column, width)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.greeting)
        top.addLayout(titles, 1)
        top.addWidget(self.logout)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def show_for(self, operator: Operator, plant_name: str) -> None:
        self.heading.setText(f"{plant_name}: work centers")
        roles = ", ".join(r.value.replace("_", " ") for r in operator.roles)
        self.greeting.setText(f"Logged in: {operator.name} ({roles})")
