"""The operator's kiosk: one work center's lane, what to run next and why.

Top: the work center this kiosk serves (a terminal is set to its machine once) and the
scan field; under it, the cards others add while they have something to say
(`add_banner`: a machine's stop waiting for its reason, ui.machines.stop_prompt). A
barcode scanner is a keyboard wedge: it types the work order number and Enter into the
focused scan field, which selects that job in the queue; the card then shows it. Middle:
the "next job" card (or the selected one) with its reason and Start, beside the job
running now with Confirm. Bottom: the whole queue, in rank order, and under it the
exceptions this operator raised that are still open (type, summary, status, owner),
hidden while there are none. Feedback ("... started.") floats over the bottom of
the lane and fades (`Toast`): it never moves or squeezes the cards and lists.

The kiosk speaks the language of whoever is logged in: after a switch, `retranslate`
says every word again, the card, the buttons and the last feedback included.

This view assembles the lane and shows it; what Start, Confirm and Issue material do is
ui.board.kiosk_commands, the card and the running panel are ui.board.kiosk_cards, the
exception buttons and the operator's own list ui.board.kiosk_exceptions.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QLocale, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.model.types import ExceptionKind
from app.priority.model import Job, RankedRow, RowStatus
from app.queries import WorkCenterSummary
from app.queries_exceptions import ExceptionRow
from app.services.people import Operator
from ui.board.board_controller import BoardController, Lanes
from ui.board.confirm_dialog import ConfirmDialog
from ui.board.issue_dialog import IssueDialog
from ui.board.kiosk_cards import JobCard, RunningPanel
from ui.board.kiosk_commands import KioskCommands, Say
from ui.board.kiosk_exceptions import ExceptionBar, OwnExceptionsTable
from ui.board.kiosk_queue import ROW_HEIGHT, QueueTable
from ui.board.lane_model import Column, LaneModel
from ui.board.status_style import MACHINE_STATE, machine_key, status_qss
from ui.common.errors import say_again
from ui.common.formatting import JobFormat
from ui.i18n import on_language_change, tr
from ui.widgets import Toast, fill_combo, label, select_data

log = logging.getLogger(__name__)


def _tab() -> QPushButton:
    tab = QPushButton()
    tab.setObjectName("listTab")
    tab.setCheckable(True)
    tab.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
    return tab


class KioskLaneView(QWidget):
    """Signals:
    sig_card_changed: the job on the card changed; carries its operation id (or None).
    sig_capture_requested: an exception button was tapped; carries its ExceptionKind.
    sig_work_center_changed: the kiosk serves another work center; carries its code.
    """

    sig_card_changed = Signal(object)
    sig_capture_requested = Signal(object)
    sig_work_center_changed = Signal(str)

    def __init__(
        self,
        controller: BoardController,
        preferred_work_center: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskLaneView")
        self.setStyleSheet(status_qss())
        self.controller = controller
        self.operator: Operator | None = None
        self.work_center: str | None = None
        self.card_op_id: str | None = None
        self.commands = KioskCommands(controller, self, self)
        self._preferred = preferred_work_center
        self._message: Say | None = None  # the last feedback, to say again after a switch
        # What the machine counted for a job while it ran: (operation id, parts).
        self._machine_count: tuple[str, int] | None = None

        # --- top: which work center, its machine, the scan field ---------------------------
        self.work_center_combo = QComboBox()
        self.work_center_combo.setObjectName("workCenterCombo")
        self.work_center_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.work_center_combo.currentIndexChanged.connect(self._on_work_center_combo_changed)
        self.machine = label("machineChip")
        self.scan = QLineEdit()
        self.scan.setObjectName("scanInput")
        self.scan.setClearButtonEnabled(True)
        self.scan.returnPressed.connect(self._on_scan_entered)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.work_center_combo)
        top.addWidget(self.machine)
        top.addSpacing(12)
        top.addWidget(self.scan, 1)

        # --- the card: next (or selected) job, and the running job ------------------------
        self.card = JobCard()
        self.card.start_button.clicked.connect(self._on_start_clicked)
        self.running_panel = RunningPanel()
        self.running_panel.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.running_panel.issue_button.clicked.connect(self._on_issue_clicked)

        middle = QHBoxLayout()
        middle.setSpacing(16)
        middle.addWidget(self.card, 2)
        middle.addWidget(self.running_panel, 1)

        self.message = Toast(self)

        # --- big exception buttons (the capture forms live in ui.exceptions) ---------------
        self.exception_bar = ExceptionBar()
        self.exception_bar.sig_requested.connect(self._on_exception_clicked)

        # --- the queue --------------------------------------------------------------------
        self.model = LaneModel(parent=self)
        # Queue and the operator's own exceptions share the bottom of the screen: a kiosk
        # has no room for both lists, so two tabs switch between them.
        self.queue_title = _tab()
        self.table = QueueTable(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        # --- the operator's own open exceptions ---------------------------------------------
        self.own_title = _tab()
        self.own_table = OwnExceptionsTable(ROW_HEIGHT)
        self.own_table.setMinimumHeight(2 * ROW_HEIGHT)
        self.own_title.setVisible(False)
        self.lists = QStackedWidget()
        self.lists.addWidget(self.table)
        self.lists.addWidget(self.own_table)
        self.list_tabs = QButtonGroup(self)
        self.list_tabs.addButton(self.queue_title, 0)
        self.list_tabs.addButton(self.own_title, 1)
        self.list_tabs.idClicked.connect(self.lists.setCurrentIndex)
        self.queue_title.setChecked(True)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(top)
        # Cards others add under the bar (a machine's stop waiting for its reason).
        self.banners = QVBoxLayout()
        self.banners.setSpacing(10)
        layout.addLayout(self.banners)
        queue_head = QHBoxLayout()
        queue_head.setSpacing(16)
        queue_head.addWidget(self.queue_title)
        queue_head.addWidget(self.own_title)
        queue_head.addStretch(1)
        queue_head.addWidget(self.exception_bar)
        layout.addLayout(middle, 0)
        layout.addLayout(queue_head)
        layout.addWidget(self.lists, 1)

        controller.sig_work_centers_changed.connect(self._on_controller_work_centers_changed)
        controller.sig_lanes_changed.connect(self._on_controller_lanes_changed)
        controller.sig_loaded.connect(self._on_controller_loaded)
        if controller.loaded:
            self._on_controller_work_centers_changed(controller.work_centers)
            self._on_controller_loaded()
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Say every word again in the current language (the kiosk switches with the
        person logged in); what depends on the lane is rendered again from it."""
        self.scan.setPlaceholderText(tr("Scan or type a work order"))
        self.card.retranslate()
        self.running_panel.retranslate()
        self.exception_bar.retranslate()
        self.table.fit_headings()
        self.set_own_exceptions(self.own_table.rows)
        self.refresh()
        if self._message is not None:
            self.message.say_again(self._message())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.fit_width(event.size().width())

    # --- public ---------------------------------------------------------------------------

    @property
    def confirm_dialog(self) -> ConfirmDialog | None:
        return self.commands.confirm_dialog

    @property
    def issue_dialog(self) -> IssueDialog | None:
        return self.commands.issue_dialog

    def set_operator(self, operator: Operator | None) -> None:
        self.operator = operator
        if operator is None:
            self.commands.close_dialogs()
            self.table.clearSelection()
            self.show_message("")
            self.set_own_exceptions(())
        self.refresh()

    def set_work_center(self, code: str) -> None:
        """Point this kiosk at another work center (a reset of the queue, nothing else is)."""
        if code == self.work_center:
            return
        self.work_center = code
        select_data(self.work_center_combo, code)
        self.model.set_labels(self.controller.labels)
        self.model.set_lane(code, self.controller.lane(code), self.controller.jobs)
        self._machine_count = None
        self.show_message("")
        self.refresh()
        self.sig_work_center_changed.emit(code)

    def work_center_count(self) -> int:
        return self.work_center_combo.count()

    def add_banner(self, banner: QWidget) -> None:
        """Show `banner` under the work center's bar, above the cards (it hides itself
        while it has nothing to say)."""
        self.banners.addWidget(banner)

    def set_machine_count(self, op_id: str | None, count: int) -> None:
        """The machine counted `count` parts while job `op_id` ran; the running panel says
        it beside the confirmed quantity (nothing when it counted none)."""
        counted = (op_id, count) if op_id is not None and count > 0 else None
        if counted != self._machine_count:
            self._machine_count = counted
            self._refresh_running(self._running_job())

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Feedback in the fixed place over the bottom of the lane; it fades by itself.

        A refusal the board reported (or a domain Message) is said again after a
        language switch; other text stays as it was said."""
        self.say(lambda: say_again(text), error=error)

    def say(self, say: Say, *, error: bool = False) -> None:
        """Feedback made by `say()`, which says it again when the language changes."""
        self._message = say
        self.message.show_text(say(), error=error)

    def set_own_exceptions(self, rows: Sequence[ExceptionRow]) -> None:
        """Show the open exceptions the operator raised (newest first); none: hide the list."""
        self.own_table.set_rows(rows)
        count = len(self.own_table.rows)
        self.own_title.setText(
            tr("My exceptions · {count}").format(count=QLocale().toString(count))
        )
        self.own_title.setVisible(bool(count))
        if not count:
            self.show_list(0)

    def show_list(self, index: int) -> None:
        """0: the queue; 1: the operator's own open exceptions."""
        tab = self.list_tabs.button(index)
        tab.setChecked(True)
        self.lists.setCurrentIndex(index)

    def focus_scan(self) -> None:
        self.scan.setFocus()

    def clear_selection(self) -> None:
        """No job picked in the queue: the card shows the next one."""
        self.table.clearSelection()

    def job_format(self) -> JobFormat:
        return self.model.format

    def capture_target(self) -> tuple[str | None, str | None, str | None]:
        """(work center, operation, short item) an exception raised here starts from: the
        selected job, else the running one, else the job on the card."""
        op_id: str | None = None
        selected = self._selected_row()
        if selected is not None:
            op_id = self.model.op_id_at(selected)
        elif self.work_center is not None and (
            running := self.controller.running_job(self.work_center)
        ):
            op_id = running.op_id
        else:
            op_id = self.card_op_id
        short = None
        for row in self.model.ranked_rows():
            if row.op_id == op_id and row.shortfall is not None:
                short = row.shortfall.item
        return self.work_center, op_id, short

    def _on_exception_clicked(self, kind: ExceptionKind) -> None:
        if self.operator is None:
            self.say(lambda: tr("Log in to raise an exception."), error=True)
            return
        self.sig_capture_requested.emit(kind)

    # --- reacting to the board ------------------------------------------------------------

    def _on_controller_work_centers_changed(self, work_centers: list[WorkCenterSummary]) -> None:
        fill_combo(
            self.work_center_combo, [(f"{wc.code} · {wc.name}", wc.code) for wc in work_centers]
        )
        if self.work_center is not None:
            select_data(self.work_center_combo, self.work_center)
        self._refresh_machine()

    def _on_controller_loaded(self) -> None:
        if self.work_center is None:
            code = self._default_work_center()
            if code is not None:
                self.set_work_center(code)

    def _on_controller_lanes_changed(self, lanes: Lanes) -> None:
        if self.work_center is None or self.work_center not in lanes:
            return
        self.model.set_labels(self.controller.labels)
        self.model.apply(lanes[self.work_center], self.controller.jobs)
        self.refresh()

    def _default_work_center(self) -> str | None:
        codes = [wc.code for wc in self.controller.work_centers]
        if self._preferred in codes:
            return self._preferred
        if self._preferred is not None:
            log.warning("work center %r is not in this plant; showing another", self._preferred)
        running = [code for code in codes if self.controller.running_job(code) is not None]
        candidates = running or codes
        return candidates[0] if candidates else None

    def _on_work_center_combo_changed(self, index: int) -> None:
        code = self.work_center_combo.itemData(index)
        if code:
            self.set_work_center(code)
        self.focus_scan()

    # --- the card and the running job -----------------------------------------------------

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _running_job(self) -> Job | None:
        return self.controller.running_job(self.work_center) if self.work_center else None

    def _next_row(self) -> int | None:
        """The job to run next: the first ready one, else the first one not running."""
        rows = self.model.ranked_rows()
        for wanted in (RowStatus.READY, None):
            for i, row in enumerate(rows):
                if row.status is not RowStatus.RUNNING and wanted in (None, row.status):
                    return i
        return None

    def refresh(self) -> None:
        """Show the lane again from the board: the machine, the running job, the card."""
        self._refresh_machine()
        running = self._running_job()
        self._refresh_running(running)
        selected = self._selected_row()
        next_row = self._next_row()
        row = selected if selected is not None else next_row
        ranked = self.model.ranked_at(row) if row is not None else None
        job = self.model.job_at(row) if row is not None else None
        self._refresh_card(ranked, job, selected is not None and selected != next_row, running)
        count = self.model.rowCount()
        self.queue_title.setText(tr("Queue · {count}").format(count=QLocale().toString(count)))
        op_id = ranked.op_id if ranked is not None else None
        if op_id != self.card_op_id:
            self.card_op_id = op_id
            self.sig_card_changed.emit(op_id)

    def _refresh_machine(self) -> None:
        wc = self.controller.work_center(self.work_center) if self.work_center else None
        if wc is None:
            self.machine.setText("")
            self.machine.setVisible(False)
            return
        swatch = MACHINE_STATE[wc.machine_state]
        self.machine.setVisible(True)
        self.machine.setText(tr("MACHINE {state}").format(state=swatch.label))
        self.machine.setProperty("status", machine_key(wc.machine_state))
        self.machine.style().polish(self.machine)

    def _refresh_card(
        self, ranked: RankedRow | None, job: Job | None, selected: bool, running: Job | None
    ) -> None:
        if ranked is None or job is None:
            self.card.show_nothing(
                tr("No open jobs in this lane.")
                if self.work_center
                else tr("Choose a work center.")
            )
            return
        hint = ""
        if ranked.status is RowStatus.RUNNING:
            hint = tr("This job is running.")
        elif running is not None:
            hint = tr("Confirm {work_order} (running) before starting another job.").format(
                work_order=running.work_order
            )
        elif self.operator is None:
            hint = tr("Log in to start jobs.")
        self.card.show_job(ranked, job, self.model.format, selected=selected, hint=hint)

    def _refresh_running(self, running: Job | None) -> None:
        if self.work_center:
            idle = tr("Start the next job to run it on {work_center}.").format(
                work_center=self.work_center
            )
        else:
            idle = tr("Start the next job to run it on this work center.")
        counted = self._machine_count
        machine_count = (
            counted[1] if counted is not None and running and counted[0] == running.op_id else 0
        )
        self.running_panel.show_running(
            running,
            self.model.format,
            can_act=self.operator is not None,
            idle=idle,
            machine_count=machine_count,
        )

    # --- input ----------------------------------------------------------------------------

    def _on_table_selection_changed(self, *_: object) -> None:
        self.refresh()

    def _on_scan_entered(self) -> None:
        code = self.scan.text()
        self.scan.clear()
        self.select_code(code)

    def select_code(self, code: str) -> None:
        """A scanned or typed work order (or operation) number picks that job."""
        code = code.strip().upper()
        if not code:
            return
        row = self._row_for_code(code)
        if row is not None:
            self.select_row(row)
            work_order = self.model.index(row, Column.WORK_ORDER).data()
            self.say(lambda: tr("{work_order} selected.").format(work_order=work_order))
            return
        elsewhere = self.controller.find_work_order(code.split("/")[0])
        if elsewhere:
            work_center = self.work_center

            def not_here() -> str:
                where = ", ".join(
                    tr("{work_center} (op {seq})").format(work_center=j.work_center, seq=j.seq)
                    for j in elsewhere
                )
                return tr(
                    "{code} is not in {work_center}'s queue; its open operations are at {where}."
                ).format(code=code, work_center=work_center, where=where)

            self.say(not_here, error=True)
        else:
            self.say(
                lambda: tr("Unknown barcode “{code}”: no open work order has this number.").format(
                    code=code
                ),
                error=True,
            )

    def _row_for_code(self, code: str) -> int | None:
        for i, ranked in enumerate(self.model.ranked_rows()):
            job = self.model.job_at(i)
            if ranked.op_id.upper() == code or (job is not None and job.work_order.upper() == code):
                return i
        return None

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    # --- commands (ui.board.kiosk_commands runs them) -------------------------------------

    def _on_start_clicked(self) -> None:
        op_id = self.card_op_id
        if op_id is None or self.operator is None:
            return
        self.card.start_button.setEnabled(False)  # until the board has answered
        self.commands.start(self.operator, op_id)

    def _on_confirm_clicked(self) -> None:
        running = self._running_job()
        if running is None or self.operator is None:
            return
        self.commands.confirm(running)

    def _on_issue_clicked(self) -> None:
        running = self._running_job()
        if running is None or self.operator is None:
            return
        self.running_panel.issue_button.setEnabled(False)  # until the materials are read
        self.commands.issue(running)
