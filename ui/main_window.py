"""The one main window of a terminal: what it shows depends on who is logged in.

After login an operator lands on the kiosk lane of this terminal's work center; a
supervisor or manager lands on the supervisor board (and can open a kiosk lane too).
Everyone can reach the plant view, and an inbox of the exceptions they and their roles
own (with each exception's detail screen); the kiosk lane's exception buttons open the
capture forms, and its machine asks why it stopped (ui.machines.stop_prompt).
Supervisors and managers also decide about the postings the ERP refused; they and admins
see the machine diagnostics the server reads.
A navigation bar on top switches screens; the status bar below is on every screen.

Scanned codes are routed (`ui.scanner.ScanRouter`), wherever the focus is: a badge logs its
holder in (at shift change the person logged in is logged out, reason "switch"); while a
capture form is open, its scan fills the form; issuing material, a scan is the lot; else a
work order selects the job on the kiosk lane.

Languages: the terminal has its own (`language`, else the computer's); whoever logs in
brings theirs (from their record, or picked on the login screen or in the navigation bar,
then kept in their record), and every screen switches to it at once; logging out returns
to the terminal's language.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import queries
from app.clock import Clock
from app.events.replica import PageResult
from app.i18n import QT_TR_NOOP, Message
from app.model.types import Channel, Role
from app.queries import WorkCenterSummary
from app.queries_board import plant_zone
from app.services.people import Operator, PeopleService
from app.store import Store
from sync.client.engine import SyncEngine
from ui.background import Background
from ui.board.board_controller import BoardController
from ui.board.kiosk_lane_view import KioskLaneView
from ui.board.supervisor_board_view import SupervisorBoardView
from ui.common.elided import ElidedLabel
from ui.erp.postings_controller import PostingsController
from ui.erp.postings_view import PostingsView, sees_postings
from ui.exceptions.capture_launcher import CaptureLauncher, attach_board, attach_kiosk
from ui.exceptions.detail_view import DetailView
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.exceptions.inbox_view import InboxView
from ui.exceptions.own_exceptions import OwnExceptions
from ui.handover.handover_controller import HandoverController
from ui.handover.handover_view import HandoverScreenView, sees_handover
from ui.i18n import LANGUAGES, language_name, normalize, on_language_change, tr, use_language
from ui.idle import IdleWatch
from ui.intake.intake_controller import IntakeController
from ui.intake.messages_view import MessagesView, sees_messages
from ui.login.login_view import LoginView
from ui.machines.machines_view import MachinesView, sees_machines
from ui.machines.status_reader import MachineStatusReader, ServerStatusSource
from ui.machines.stop_prompt import MachineStopPrompt
from ui.metrics.metrics_view import MetricsView, offers_metrics, sees_metrics
from ui.nav_overflow import NavOverflow
from ui.plant.plant_view import PlantView
from ui.plant.work_center_model import WorkCenterTableModel
from ui.scanner import ScanRouter
from ui.settings.rules_editor import RulesEditorView
from ui.sync_controller import SyncController
from ui.sync_status import SyncStatusWidget

log = logging.getLogger(__name__)

COMMAND_MESSAGE_MS = 10_000


def sees_board(operator: Operator) -> bool:
    """Supervisors and managers start on the supervisor board; everyone else on a lane."""
    return operator.has(Role.SUPERVISOR) or operator.has(Role.MANAGER)


def sees_settings(operator: Operator) -> bool:
    """Settings (the routing rules) are for supervisors and managers."""
    return operator.has(Role.SUPERVISOR) or operator.has(Role.MANAGER)


# A shared kiosk logs its user out after this long without a touch or key.
IDLE_MINUTES = 5.0


class MainWindow(QMainWindow):
    """Signals:
    sig_home_shown: the first screen after login (kiosk lane or supervisor board) is on
        screen with its rows loaded.
    sig_plant_shown: the plant view is on screen with its rows loaded.
    """

    sig_home_shown = Signal()
    sig_plant_shown = Signal()

    def __init__(
        self,
        store: Store,
        people: PeopleService,
        background: Background,
        *,
        clock: Clock | None = None,
        work_center: str | None = None,
        idle_minutes: float = IDLE_MINUTES,
        language: str | None = None,
    ) -> None:
        super().__init__()
        # The terminal's own language: the login screen's, and whoever has none of theirs.
        self.language = normalize(language or QLocale.system().name())
        use_language(self.language)
        self.idle = IdleWatch(int(idle_minutes * 60_000), self)
        self.idle.sig_idle.connect(self._on_idle_timeout)
        self.setObjectName("mainWindow")
        self._store = store
        self._people = people
        self._background = background
        self.operator: Operator | None = None
        self._home_pending = False
        self.sync: SyncController | None = None
        self.sync_status: SyncStatusWidget | None = None
        self._no_plant_notice = False

        self.controller = BoardController(store, background, clock or people.clock, parent=self)
        self.login_view = LoginView(people, background)
        self.work_centers = WorkCenterTableModel(self)
        self.plant_view = PlantView(self.work_centers)
        self.plant_view.logout.hide()  # the navigation bar has the one logout button
        self.kiosk_view = KioskLaneView(self.controller, preferred_work_center=work_center)
        self.board_view = SupervisorBoardView(self.controller)
        self.exceptions = ExceptionsController(
            store, background, clock or people.clock, self.controller, parent=self
        )
        self.capture = CaptureLauncher(self.exceptions, self.kiosk_view)
        attach_kiosk(self.capture, self.kiosk_view)
        self.board_capture = CaptureLauncher(
            self.exceptions, self.board_view, channel=Channel.LINE_PC
        )
        attach_board(self.board_capture, self.board_view)
        self.own_exceptions = OwnExceptions(self.exceptions, self.kiosk_view, self.controller)
        self.machine_stops = MachineStopPrompt(
            store, clock or people.clock, self.kiosk_view, self.controller, self.exceptions
        )
        self.machine_status = MachineStatusReader(
            background, clock=clock or people.clock, parent=self
        )
        self.machines_view = MachinesView(self.machine_status)
        self.machines_view.set_clock(self.controller.plant_time)
        self.handover = HandoverController(store, background, clock or people.clock, self)
        self.handover_view = HandoverScreenView(self.handover)
        self.handover_view.set_clock(self.controller.plant_time)
        self.metrics_view = MetricsView(store, background, clock or people.clock)
        self.metrics_view.set_clock(self.controller.plant_time)
        self.intake = IntakeController(store, background, clock or people.clock, parent=self)
        self.messages_view = MessagesView(self.intake)
        self.settings_view = RulesEditorView(self.exceptions)
        self.inbox_view = InboxView(self.exceptions)
        self.detail_view = DetailView(self.exceptions)
        self.postings = PostingsController(store, background, clock or people.clock, parent=self)
        self.postings_view = PostingsView(self.postings)
        self.stack = QStackedWidget()
        for view in (
            self.login_view,
            self.kiosk_view,
            self.board_view,
            self.plant_view,
            self.inbox_view,
            self.detail_view,
            self.postings_view,
            self.machines_view,
            self.handover_view,
            self.metrics_view,
            self.messages_view,
            self.settings_view,
        ):
            self.stack.addWidget(view)

        self.nav = QWidget()
        self.nav.setObjectName("navBar")
        self.nav_lane = self._nav_button()
        self.nav_board = self._nav_button()
        self.nav_plant = self._nav_button()
        self.nav_inbox = self._nav_button()
        self.nav_postings = self._nav_button()
        self.nav_machines = self._nav_button()
        self.nav_handover = self._nav_button()
        self.nav_metrics = self._nav_button()
        self.nav_messages = self._nav_button()
        self.nav_settings = self._nav_button()
        # The rest of the bar: the name gives way (ends in "…") before a button would.
        self.nav_user = ElidedLabel("navUser")
        self.nav_user.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.nav_language = QPushButton()
        self.nav_language.setObjectName("navLanguage")
        language_menu = QMenu(self.nav_language)
        for code, name in LANGUAGES.items():
            action = language_menu.addAction(name)  # each in its own words
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c))
        self.nav_language.setMenu(language_menu)
        self.nav_logout = QPushButton()
        self.nav_logout.setObjectName("secondary")
        self._nav_group = QButtonGroup(self)
        self._nav_group.setExclusive(True)
        nav_layout = QHBoxLayout(self.nav)
        nav_layout.setContentsMargins(12, 6, 12, 6)
        nav_layout.setSpacing(8)
        for button in (
            self.nav_lane,
            self.nav_board,
            self.nav_inbox,
            self.nav_plant,
            self.nav_postings,
            self.nav_machines,
            self.nav_handover,
            self.nav_metrics,
            self.nav_messages,
            self.nav_settings,
        ):
            self._nav_group.addButton(button)
            nav_layout.addWidget(button)
        nav_layout.addWidget(self.nav_user, 1)
        nav_layout.addWidget(self.nav_language)
        nav_layout.addWidget(self.nav_logout)
        # At a kiosk's width, a supervisor's screens do not all fit: the last to matter
        # on the floor give way first, under "More".
        self.nav_overflow = NavOverflow(
            self.nav,
            nav_layout,
            [b for b in self._nav_group.buttons() if isinstance(b, QPushButton)],
            give_way=(
                self.nav_settings,
                self.nav_metrics,
                self.nav_plant,
                self.nav_handover,
                self.nav_postings,
                self.nav_machines,
                self.nav_messages,
                self.nav_inbox,
                self.nav_board,
                self.nav_lane,
            ),
            tail=(self.nav_language, self.nav_logout),
        )
        self.nav.setVisible(False)

        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.nav)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_user = QLabel()
        self.status_terminal = QLabel()
        self.status_sync = QLabel()
        for label in (self.status_user, self.status_terminal, self.status_sync):
            label.setObjectName("statusItem")
            self.statusBar().addPermanentWidget(label)

        self.login_view.sig_logged_in.connect(self._on_login_view_logged_in)
        self.plant_view.sig_logout_requested.connect(self._on_logout_requested)
        self.nav_logout.clicked.connect(self._on_logout_requested)
        self.nav_lane.clicked.connect(self.show_lane)
        self.nav_board.clicked.connect(self.show_board)
        self.nav_plant.clicked.connect(self.show_plant)
        self.nav_inbox.clicked.connect(self.show_inbox)
        self.nav_postings.clicked.connect(self.show_postings)
        self.nav_machines.clicked.connect(self.show_machines)
        self.nav_handover.clicked.connect(self.show_handover)
        self.handover.sig_unsigned.connect(self.board_view.show_unsigned_handovers)
        self.nav_metrics.clicked.connect(self.show_metrics)
        self.nav_messages.clicked.connect(self.show_messages)
        self.metrics_view.sig_exception_requested.connect(self.show_exception)
        self.nav_settings.clicked.connect(self.show_settings)
        self.inbox_view.sig_details_requested.connect(self.show_exception)
        self.detail_view.sig_back_requested.connect(self.show_inbox)
        self.exceptions.sig_command_failed.connect(self._on_controller_command_failed)
        self.postings.sig_command_failed.connect(self._on_controller_command_failed)
        self.controller.sig_loaded.connect(self._on_controller_loaded)
        self.controller.sig_work_centers_changed.connect(self._on_controller_work_centers_changed)
        self.controller.sig_command_failed.connect(self._on_controller_command_failed)
        self.scanner = ScanRouter(self)
        self.scanner.sig_scanned.connect(self._on_scanner_scanned)
        self.login_view.reset()
        self.retranslate()
        on_language_change(self, self.retranslate)
        self._check_enrolment()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Takt — {terminal}").format(terminal=self._store.terminal_name))
        for button, text in (
            (self.nav_lane, tr("Lane")),
            (self.nav_board, tr("Board")),
            (self.nav_plant, tr("Plant")),
            (self.nav_inbox, tr("Inbox")),
            (self.nav_postings, tr("Postings")),
            (self.nav_machines, tr("Machines")),
            (self.nav_handover, tr("Handover")),
            (self.nav_metrics, tr("Metrics")),
            (self.nav_messages, tr("Messages")),
            (self.nav_settings, tr("Settings")),
            (self.nav_logout, tr("Log out")),
        ):
            button.setText(text)
        self.nav_overflow.relayout()  # new words, new widths
        self._show_language()
        if self.operator is None:
            self.status_user.setText(tr("nobody logged in"))
        self.status_terminal.setText(tr("terminal {name}").format(name=self._store.terminal_name))
        self.status_sync.setText(tr("local database only"))

    # --- language -------------------------------------------------------------------------

    def _show_language(self) -> None:
        # Short on the bar ("DE"); the language's own name says it in full.
        code = self.operator_language()
        self.nav_language.setText(code.upper())
        self.nav_language.setToolTip(
            tr("The language of your screens: {name}").format(name=language_name(code))
        )

    def operator_language(self) -> str:
        """The language the screens speak now: the person's, else the terminal's."""
        if self.operator is not None and self.operator.language:
            return normalize(self.operator.language)
        return self.language

    def choose_language(self, code: str) -> None:
        """The person logged in picked `code`: speak it now and keep it in their record."""
        operator = self.operator
        if operator is None:
            use_language(code)
            return
        self.operator = replace(operator, language=code)
        use_language(code)
        self._background.command(
            f"{operator.id} chose {code} as their language",
            lambda: self._people.set_language(operator, code),
            failed=self._on_language_not_kept,
            owner=self,
        )

    def _on_language_not_kept(self, _error: Exception) -> None:  # logged by the background
        self.statusBar().showMessage(
            tr("Your language was not saved: it is used on this terminal until you log out."),
            COMMAND_MESSAGE_MS,
        )

    def attach_sync(self, engine: SyncEngine) -> SyncController:
        """Follow a server through `engine`: start it, show its state, refresh on news."""
        self.sync = SyncController(
            engine,
            self._background,
            self.controller,
            self.exceptions,
            postings=self.postings,
            parent=self,
        )
        # Plant time, shared with every screen: "synced 08:01:02 CET" beside the lane's times.
        self.sync_status = SyncStatusWidget(self.sync, clock=self.controller.plant_time)
        self.controller.sig_plant_time_changed.connect(self._on_controller_plant_time_changed)
        self.sync_status.set_operator(self.operator)
        self.status_sync.hide()
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync.sig_applied.connect(self._on_sync_applied)
        self.machine_status.set_source(ServerStatusSource(engine))
        self.sync.start()
        self._check_enrolment()  # the notice now says the plant is on its way
        return self.sync

    def _on_controller_plant_time_changed(self) -> None:
        if self.sync_status is not None and self.sync is not None:
            self.sync_status.show_status(self.sync.status)

    def _nav_button(self) -> QPushButton:
        button = QPushButton()
        button.setObjectName("navButton")
        button.setCheckable(True)
        return button

    @property
    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def work_centers_shown(self) -> int:
        """How many work centers the current screen offers (the smoke run prints it)."""
        if self.current is self.kiosk_view:
            return self.kiosk_view.work_center_count()
        if self.current is self.board_view:
            return len(self.board_view.lanes)
        return self.work_centers.rowCount()

    # --- navigation -----------------------------------------------------------------------

    def show_lane(self) -> None:
        if self.operator is None:
            return
        self.nav_lane.setChecked(True)
        self.stack.setCurrentWidget(self.kiosk_view)
        self.kiosk_view.focus_scan()

    def show_board(self) -> None:
        if self.operator is None or not sees_board(self.operator):
            return
        self.nav_board.setChecked(True)
        self.stack.setCurrentWidget(self.board_view)

    def show_plant(self) -> None:
        if self.operator is None:
            return
        self.nav_plant.setChecked(True)
        self.plant_view.show_for(self.operator, self.controller.labels.plant_name)
        self.stack.setCurrentWidget(self.plant_view)
        if self.work_centers.rowCount():
            self.sig_plant_shown.emit()

    def show_inbox(self) -> None:
        if self.operator is None:
            return
        self.nav_inbox.setChecked(True)
        self.stack.setCurrentWidget(self.inbox_view)
        self.inbox_view.refresh()

    def show_postings(self) -> None:
        if self.operator is None or not sees_postings(self.operator):
            return
        self.nav_postings.setChecked(True)
        self.postings_view.set_format(self.kiosk_view.model.format)
        self.stack.setCurrentWidget(self.postings_view)
        self.postings_view.refresh()

    def show_machines(self) -> None:
        if self.operator is None or not sees_machines(self.operator):
            return
        self.nav_machines.setChecked(True)
        self.stack.setCurrentWidget(self.machines_view)  # it reads while it is shown

    def show_handover(self) -> None:
        if self.operator is None or not sees_handover(self.operator):
            return
        self.nav_handover.setChecked(True)
        self.handover_view.set_area(self.board_view.area)
        self.stack.setCurrentWidget(self.handover_view)  # it reads while it is shown

    def show_metrics(self) -> None:
        if self.operator is None or not sees_metrics(self.operator):
            return
        self.nav_metrics.setChecked(True)
        self.stack.setCurrentWidget(self.metrics_view)
        self.metrics_view.refresh()

    def show_messages(self) -> None:
        if self.operator is None or not sees_messages(self.operator):
            return
        self.nav_messages.setChecked(True)
        self.messages_view.set_format(self.kiosk_view.model.format)
        self.stack.setCurrentWidget(self.messages_view)
        self.messages_view.refresh()

    def show_settings(self) -> None:
        if self.operator is None or not sees_settings(self.operator):
            return
        self.nav_settings.setChecked(True)
        self.settings_view.load()
        self.stack.setCurrentWidget(self.settings_view)

    def show_exception(self, exception_id: str) -> None:
        if self.operator is None:
            return
        self.detail_view.set_format(self.kiosk_view.model.format)
        self.detail_view.show_exception(exception_id)
        self.stack.setCurrentWidget(self.detail_view)

    def _show_home(self) -> None:
        self._home_pending = False
        if self.operator is None:
            return
        if sees_board(self.operator):
            self.show_board()
        else:
            self.show_lane()
        self.sig_home_shown.emit()

    # --- login and logout -----------------------------------------------------------------

    def _check_enrolment(self) -> None:
        def count_plant() -> tuple[str | None, str | None]:
            with self._store.read() as session:
                return queries.plant_name(session), plant_zone(session)

        def show(found: tuple[str | None, str | None]) -> None:
            plant, zone = found
            if plant is not None:
                self.controller.set_plant_zone(zone)  # every screen's times: plant time
            if plant is None and self.sync is not None:
                self._no_plant_notice = True
                self.login_view.show_notice(
                    Message(
                        QT_TR_NOOP(
                            "This terminal has no plant data yet: it is loading it from the server."
                        )
                    )
                )
            elif plant is None:
                self._no_plant_notice = True
                self.login_view.show_notice(
                    Message(
                        QT_TR_NOOP(
                            "This terminal has no plant data yet. Connect it to a Takt server "
                            "(takt terminal --server URL) or try the demo plant (takt demo)."
                        )
                    )
                )
            elif self._no_plant_notice:
                self._no_plant_notice = False
                if self.operator is None:
                    self.login_view.show_notice("")

        self._background.read(count_plant, show, owner=self, what="the plant's name")

    def _on_sync_applied(self, _result: PageResult) -> None:
        if self._no_plant_notice:  # the plant may just have arrived from the server
            self._check_enrolment()

    def _on_login_view_logged_in(self, operator: Operator) -> None:
        chosen = self.login_view.chosen_language
        if chosen is not None and chosen != operator.language:
            # Picked on the login screen: from now on, this person's language.
            picked = operator
            operator = replace(operator, language=chosen)
            self._background.command(
                f"{picked.id} chose {chosen} as their language",
                lambda: self._people.set_language(picked, chosen),
                failed=self._on_language_not_kept,
                owner=self,
            )
        self.operator = operator
        use_language(self.operator_language())
        self._show_language()
        self.status_user.setText(operator.name)
        self.nav_user.set_full_text(operator.name)
        self.nav_overflow.offer(self.nav_board, sees_board(operator))
        self.nav_overflow.offer(self.nav_postings, sees_postings(operator))
        self.nav_overflow.offer(self.nav_machines, sees_machines(operator))
        self.nav_overflow.offer(self.nav_handover, sees_handover(operator))
        self.handover_view.set_operator(operator)
        self.handover.refresh_unsigned()
        self.nav_overflow.offer(self.nav_metrics, offers_metrics(operator))
        self.nav_overflow.offer(self.nav_messages, sees_messages(operator))
        self.messages_view.set_operator(operator)
        self.nav_overflow.offer(self.nav_settings, sees_settings(operator))
        self.nav.setVisible(True)
        self.kiosk_view.set_operator(operator)
        self.board_view.set_operator(operator)
        self.inbox_view.set_operator(operator)
        self.settings_view.set_operator(operator)
        self.postings_view.set_operator(operator)
        self.own_exceptions.set_operator(operator)
        self.machine_stops.set_operator(operator)
        if self.sync_status is not None:
            self.sync_status.set_operator(operator)
        log.info("%s logged in", operator.id)
        self.idle.arm()
        if self.controller.loaded:
            self.controller.request_reload()
            self._show_home()
        else:
            self._home_pending = True
            self.controller.start()

    def _on_controller_loaded(self) -> None:
        if self._home_pending:
            self._show_home()

    def _on_controller_work_centers_changed(self, rows: list[WorkCenterSummary]) -> None:
        self.work_centers.set_rows(rows)

    def _on_controller_command_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, COMMAND_MESSAGE_MS)

    def _on_idle_timeout(self) -> None:
        if self.operator is not None:
            log.info("%s logged out after idling", self.operator.id)
            self._log_out("idle")
            self.login_view.show_notice(
                Message(QT_TR_NOOP("Logged out: nobody used this terminal for a while."))
            )

    def _on_logout_requested(self) -> None:
        self._log_out("user")

    # --- scanned codes ----------------------------------------------------------------------

    def _on_scanner_scanned(self, code: str) -> None:
        current = self.operator
        if current is None:
            if self.current is self.login_view:
                self.login_view.scan_badge(code)
            return

        def switch() -> Operator | None:
            return self._people.switch_badge(current, code)

        def done(holder: Operator | None) -> None:
            if self.operator is not current:
                return  # logged out (or switched) meanwhile
            if holder is None:
                self._route_code(code)
            elif holder.id != current.id:
                log.info("%s took over from %s (badge)", holder.id, current.id)
                self._clear_session()
                self._on_login_view_logged_in(holder)

        self._background.command(
            f"checked a code scanned while {current.id} was logged in",
            switch,
            done,
            self._on_scan_failed,
            owner=self,
        )

    def _on_scan_failed(self, _error: Exception) -> None:  # logged by the background
        self.statusBar().showMessage(
            tr("The scan could not be checked; try again."), COMMAND_MESSAGE_MS
        )

    def _route_code(self, code: str) -> None:
        """A code that is no badge: the open form that expects it, else the lane's job."""
        for launcher in (self.capture, self.board_capture):
            if launcher.dialog is not None:
                launcher.dialog.accept_scan(code)
                return
        issue = self.kiosk_view.issue_dialog
        if issue is not None:
            issue.lot.setText(code.strip())  # the one field a scanner fills there
            return
        if self.kiosk_view.confirm_dialog is not None:
            self.kiosk_view.confirm_dialog.show_error(
                tr("{code}: confirm this job first").format(code=code)
            )
            return
        if self.current is not self.kiosk_view:
            self.show_lane()
        self.kiosk_view.select_code(code)

    def _log_out(self, reason: str) -> None:
        operator = self.operator
        if operator is None:
            return
        self._clear_session()
        self.stack.setCurrentWidget(self.login_view)
        self.login_view.reset()
        self._background.command(
            f"logged {operator.id} out ({reason})",
            lambda: self._people.logout(operator, reason),
            owner=self,
        )

    def _clear_session(self) -> None:
        """Nobody on the screens any more (the caller records why)."""
        self.idle.disarm()
        self.operator = None
        self._home_pending = False
        self.status_user.setText(tr("nobody logged in"))
        use_language(self.language)
        self.nav.setVisible(False)
        self.kiosk_view.set_operator(None)
        self.board_view.set_operator(None)
        self.inbox_view.set_operator(None)
        self.settings_view.set_operator(None)
        self.postings_view.set_operator(None)
        self.own_exceptions.set_operator(None)
        self.machine_stops.set_operator(None)
        self.handover_view.set_operator(None)
        self.messages_view.set_operator(None)
        if self.sync_status is not None:
            self.sync_status.set_operator(None)
        for launcher in (self.capture, self.board_capture):
            if launcher.dialog is not None:
                launcher.dialog.reject()

    def closeEvent(self, event: Any) -> None:
        if self.sync is not None:
            self.sync.stop()
        self.controller.close()
        self.exceptions.close()
        self.postings.close()
        self.machine_stops.close()
        self.machine_status.close()
        self.handover.close()
        self.intake.close()
        for owner in (self, self.login_view):  # what comes back now finds no window
            self._background.close(owner)
        self.inbox_view.set_operator(None)
        self.postings_view.set_operator(None)
        super().closeEvent(event)
