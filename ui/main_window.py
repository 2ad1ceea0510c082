"""The one main window of a terminal: what it shows depends on who is logged in."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from app import queries
from app.queries import WorkCenterSummary
from app.services.people import Operator, PeopleService
from app.store import Store
from ui.login.login_view import LoginView
from ui.plant.plant_view import PlantView
from ui.plant.work_center_model import WorkCenterTableModel
from ui.workers import Workers

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Signals:
    sig_plant_shown: the plant view is on screen with its rows loaded.
    """

    sig_plant_shown = Signal()

    def __init__(self, store: Store, people: PeopleService, workers: Workers) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"Takt — {store.terminal_name}")
        self._store = store
        self._people = people
        self._workers = workers
        self.operator: Operator | None = None

        self.login_view = LoginView(people, workers.db)
        self.work_centers = WorkCenterTableModel(self)
        self.plant_view = PlantView(self.work_centers)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login_view)
        self.stack.addWidget(self.plant_view)
        self.setCentralWidget(self.stack)

        self.status_user = QLabel("nobody logged in")
        self.status_terminal = QLabel(f"terminal {store.terminal_name}")
        self.status_sync = QLabel("local database only")
        for label in (self.status_user, self.status_terminal, self.status_sync):
            label.setObjectName("statusItem")
            self.statusBar().addPermanentWidget(label)

        self.login_view.sig_logged_in.connect(self._on_login_view_logged_in)
        self.plant_view.sig_logout_requested.connect(self._on_plant_view_logout)
        self.login_view.reset()
        self._check_enrolment()

    @property
    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _check_enrolment(self) -> None:
        def count_plant() -> str | None:
            with self._store.read() as session:
                return queries.plant_name(session)

        def show(plant: str | None) -> None:
            if plant is None:
                self.login_view.show_notice(
                    "This terminal has no plant data yet. Connect it to a Takt server "
                    "(takt terminal --server URL) or try the demo plant (takt demo)."
                )

        self._workers.db.submit(count_plant, show)

    def _on_login_view_logged_in(self, operator: Operator) -> None:
        self.operator = operator
        self.status_user.setText(operator.name)
        log.info("%s logged in", operator.id)

        def load() -> tuple[str, list[WorkCenterSummary]]:
            with self._store.read() as session:
                return queries.plant_name(session) or "Plant", queries.work_centers(session)

        self._workers.db.submit(load, self._on_plant_loaded)

    def _on_plant_loaded(self, loaded: tuple[str, list[WorkCenterSummary]]) -> None:
        plant, rows = loaded
        if self.operator is None:
            return
        self.work_centers.set_rows(rows)
        self.plant_view.show_for(self.operator, plant)
        self.stack.setCurrentWidget(self.plant_view)
        self.sig_plant_shown.emit()

    def _on_plant_view_logout(self) -> None:
        operator = self.operator
        if operator is None:
            return
        self.operator = None
        self.status_user.setText("nobody logged in")
        self.stack.setCurrentWidget(self.login_view)
        self.login_view.reset()
        self._workers.db.submit(lambda: self._people.logout(operator))
