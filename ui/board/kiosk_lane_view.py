"""The operator's kiosk: one work center's lane, what to run next and why.

Top: the work center this kiosk serves (a terminal is set to its machine once) and the
scan field. A barcode scanner is a keyboard wedge: it types the work order number and
Enter into the focused scan field, which selects that job in the queue; the card then
shows it. Middle: the "next job" card (or the selected one) with its reason and Start,
beside the job running now with Confirm. Bottom: the whole queue, in rank order, and
under it the exceptions this operator raised that are still open (type, summary, status,
owner), hidden while there are none. Feedback ("... started.") floats over the bottom of
the lane and fades (`Toast`): it never moves or squeezes the cards and lists.

The kiosk speaks the language of whoever is logged in: after a switch, `retranslate`
says every word again, the card, the buttons and the last feedback included.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import QT_TR_NOOP
from app.model.types import ExceptionKind
from app.priority.model import Job, RankedRow, RowStatus
from app.queries import WorkCenterSummary
from app.queries_board import MaterialLine
from app.queries_exceptions import ExceptionRow
from app.services.people import Operator
from app.words import role, state_spaced
from ui.board.board_controller import BoardController, Lanes, say_again
from ui.board.confirm_dialog import Confirmation, ConfirmDialog
from ui.board.formatting import quantity
from ui.board.issue_dialog import Issue, IssueDialog
from ui.board.lane_model import Column, LaneModel
from ui.board.status_style import MACHINE_STATE, ROW_STATUS, machine_key, status_qss
from ui.common.elided import ElidedLabel
from ui.i18n import on_language_change, tr, translated
from ui.widgets import Toast, configure_row_table, fill_combo, fit_headings, select_data

log = logging.getLogger(__name__)

# Width of each queue column at the kiosk's type size; the reason takes the rest.
_QUEUE_WIDTHS = {
    Column.RANK: 56,
    Column.STATUS: 190,
    Column.WORK_ORDER: 150,
    Column.ITEM: 190,
    Column.QTY: 130,
    Column.DUE: 226,
    Column.CUSTOMER: 150,
}
# Below this width the queue drops the columns the card shows anyway, so the reason fits.
_WIDE = 1600
_WIDE_ONLY = (Column.ITEM, Column.CUSTOMER)
ROW_HEIGHT = 52
# The operator's own open exceptions: a compact list under the queue (words are shown
# with `translated()`, here and in the buttons below).
OWN_COLUMNS = (
    QT_TR_NOOP("Type"),
    QT_TR_NOOP("Summary"),
    QT_TR_NOOP("Status"),
    QT_TR_NOOP("Owner"),
)
# The big exception buttons under the card, in order (the forms are ui.exceptions.capture).
EXCEPTION_BUTTONS = (
    (ExceptionKind.MATERIAL_SHORTAGE, QT_TR_NOOP("Shortage")),
    (ExceptionKind.MACHINE_DOWNTIME, QT_TR_NOOP("Machine down")),
    (ExceptionKind.QUALITY_HOLD, QT_TR_NOOP("Quality hold")),
    (ExceptionKind.SUBSTITUTE_MATERIAL, QT_TR_NOOP("Substitute")),
    (ExceptionKind.OTHER, QT_TR_NOOP("Other")),
)
# A message on screen: says it in the current language (again after a switch).
Say = Callable[[], str]


def _tab() -> QPushButton:
    tab = QPushButton()
    tab.setObjectName("listTab")
    tab.setCheckable(True)
    tab.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
    return tab


def _label(name: str, text: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def button_size(button: QPushButton, text: str) -> QSize:
    """The size `button` asks for (its size hint) when it says `text`, in its font and
    style (the theme's padding and minimum width included), without setting the text."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    option.text = text
    size = button.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text or "XXXX")
    option.rect.setSize(size)
    return button.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, size, button)


def two_lines(text: str, button: QPushButton) -> str:
    """`text` broken at the space that makes its two lines the most even ("Start\nWO-1");
    `text` itself when it is one word."""
    words = text.split(" ")
    if len(words) < 2:
        return text
    metrics = button.fontMetrics()
    splits = ((" ".join(words[:n]), " ".join(words[n:])) for n in range(1, len(words)))
    first, second = min(
        splits, key=lambda s: max(metrics.horizontalAdvance(s[0]), metrics.horizontalAdvance(s[1]))
    )
    return f"{first}\n{second}"


class FittedButton(QPushButton):
    """An action button whose words go on two lines when one line does not fit the room
    its place leaves it (`fit`): the verb stays whole, in any language."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._full = ""
        self._room: int | None = None

    def full_text(self) -> str:
        """The words on one line, however they are shown."""
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._show()

    def fit(self, room: int) -> None:
        """One line when it fits `room` px, else two."""
        self._room = room
        self._show()

    def _show(self) -> None:
        one_line = self._room is None or button_size(self, self._full).width() <= self._room
        shown = self._full if one_line else two_lines(self._full, self)
        if shown != self.text():
            self.setText(shown)


class KioskLaneView(QWidget):
    """Signals:
    sig_card_changed: the job on the card changed; carries its operation id (or None).
    sig_capture_requested: an exception button was tapped; carries its ExceptionKind.
    """

    sig_card_changed = Signal(object)
    sig_capture_requested = Signal(object)

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
        self.confirm_dialog: ConfirmDialog | None = None
        self.issue_dialog: IssueDialog | None = None
        self._preferred = preferred_work_center
        self._message: Say | None = None  # the last feedback, to say again after a switch

        # --- top: which work center, its machine, the scan field ---------------------------
        self.work_center_combo = QComboBox()
        self.work_center_combo.setObjectName("workCenterCombo")
        self.work_center_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.work_center_combo.currentIndexChanged.connect(self._on_work_center_combo_changed)
        self.machine = _label("machineChip")
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

        # --- the card: next (or selected) job ---------------------------------------------
        self.card = QFrame()
        self.card.setObjectName("nextJobCard")
        self.card_title = _label("cardTitle")
        self.card_status = _label("statusBadge")
        self.card_status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_work_order = _label("cardWorkOrder")
        self.card_item = ElidedLabel("cardItem")
        self.card_quantity = _label("cardFact")
        self.card_due = _label("cardFact")
        self.card_customer = ElidedLabel("cardFact")
        self.card_reason = _label("cardReason", wrap=True)
        # "Start WO-…" on one line when the card has room, else the order under the verb.
        self.start_button = FittedButton("startButton")
        self.start_button.clicked.connect(self._on_start_clicked)
        self.start_hint = _label("hint", wrap=True)

        facts = QHBoxLayout()
        facts.setSpacing(8)
        self.card_captions: list[QLabel] = []
        for value in (self.card_quantity, self.card_due, self.card_customer):
            caption = _label("cardCaption")
            self.card_captions.append(caption)
            facts.addWidget(caption, 0, Qt.AlignmentFlag.AlignBaseline)
            facts.addWidget(value, 1 if value is self.card_customer else 0)
            facts.addSpacing(18)
        # Left: what the job is; right: its status and the action, so the card stays short.
        self.card_layout = card_layout = QGridLayout(self.card)
        card_layout.setContentsMargins(4, 4, 4, 4)
        card_layout.setHorizontalSpacing(16)
        card_layout.setVerticalSpacing(4)
        card_layout.addWidget(self.card_title, 0, 0)
        card_layout.addWidget(self.card_status, 0, 1, Qt.AlignmentFlag.AlignRight)
        card_layout.addWidget(self.card_work_order, 1, 0)
        card_layout.addWidget(self.start_button, 1, 1, Qt.AlignmentFlag.AlignRight)
        card_layout.addWidget(self.card_item, 2, 0, 1, 2)
        card_layout.addLayout(facts, 3, 0, 1, 2)
        card_layout.addWidget(self.card_reason, 4, 0, 1, 2)
        card_layout.addWidget(self.start_hint, 5, 0, 1, 2)
        card_layout.setColumnStretch(0, 1)
        card_layout.setRowStretch(6, 1)
        self.card.installEventFilter(self)

        # --- the running job --------------------------------------------------------------
        self.running_panel = QFrame()
        self.running_panel.setObjectName("runningPanel")
        self.running_title = _label("cardTitle")
        self.running_work_order = _label("runningWorkOrder", wrap=True)
        self.running_item = ElidedLabel("cardItem")
        self.running_progress = _label("runningProgress")
        self.running_since = _label("hint")

        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issueButton")
        self.issue_button.clicked.connect(self._on_issue_clicked)
        running_layout = QVBoxLayout(self.running_panel)
        running_layout.setContentsMargins(4, 4, 4, 4)
        running_layout.setSpacing(4)
        running_layout.addWidget(self.running_title)
        running_layout.addWidget(self.running_work_order)
        running_layout.addWidget(self.running_item)
        progress_row = QHBoxLayout()  # one row for both: the panel is as tall as the card
        progress_row.addWidget(self.running_progress)
        progress_row.addStretch(1)
        progress_row.addWidget(self.running_since, 0, Qt.AlignmentFlag.AlignBottom)
        running_layout.addLayout(progress_row)
        running_layout.addStretch(1)
        running_layout.addWidget(self.issue_button)
        running_layout.addWidget(self.confirm_button)

        middle = QHBoxLayout()
        middle.setSpacing(16)
        middle.addWidget(self.card, 2)
        middle.addWidget(self.running_panel, 1)

        self.message = Toast(self)

        # --- big exception buttons (the capture forms live in ui.exceptions) ---------------
        self.exception_bar = QWidget()
        self.exception_bar.setObjectName("exceptionBar")
        self.exception_buttons: dict[ExceptionKind, QPushButton] = {}
        exception_layout = QHBoxLayout(self.exception_bar)
        exception_layout.setContentsMargins(0, 0, 0, 0)
        exception_layout.setSpacing(12)
        for kind, _text in EXCEPTION_BUTTONS:
            button = QPushButton()
            button.setObjectName("exceptionButton")
            button.setProperty("kind", kind.value)
            button.clicked.connect(lambda _=False, k=kind: self._on_exception_clicked(k))
            exception_layout.addWidget(button)
            self.exception_buttons[kind] = button

        # --- the queue --------------------------------------------------------------------
        self.model = LaneModel(parent=self)
        # Queue and the operator's own exceptions share the bottom of the screen: a kiosk
        # has no room for both lists, so two tabs switch between them.
        self.queue_title = _tab()
        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        configure_row_table(self.table, ROW_HEIGHT)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        # --- the operator's own open exceptions ---------------------------------------------
        self.own_title = _tab()
        self.own_table = QTableWidget(0, len(OWN_COLUMNS))
        self.own_table.setObjectName("ownExceptions")
        self.own_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.own_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.own_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.own_table.setWordWrap(False)
        self.own_table.verticalHeader().setVisible(False)
        self.own_table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        own_header = self.own_table.horizontalHeader()
        own_header.setHighlightSections(False)
        own_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        own_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.own_rows: tuple[ExceptionRow, ...] = ()
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
        for caption, text in zip(
            self.card_captions, (tr("Qty"), tr("Due"), tr("Customer")), strict=True
        ):
            caption.setText(text)
        self.running_title.setText(tr("RUNNING NOW"))
        self.confirm_button.setText(tr("Confirm quantities"))
        self.issue_button.setText(tr("Issue material"))
        for kind, text in EXCEPTION_BUTTONS:
            self.exception_buttons[kind].setText(translated(text))
        self.own_table.setHorizontalHeaderLabels([translated(c) for c in OWN_COLUMNS])
        fit_headings(self.table, _QUEUE_WIDTHS, Column.ITEM)
        self.set_own_exceptions(self.own_rows)
        self._refresh()
        if self._message is not None:
            self.message.say_again(self._message())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.card and event.type() == QEvent.Type.Resize:
            self._fit_start_button()
        return super().eventFilter(watched, event)

    def _fit_start_button(self) -> None:
        """The start button takes what the card leaves beside the work order."""
        layout = self.card_layout
        margins = layout.contentsMargins()
        beside = max(w.sizeHint().width() for w in (self.card_title, self.card_work_order))
        room = (
            self.card.contentsRect().width()
            - margins.left()
            - margins.right()
            - layout.horizontalSpacing()
            - beside
        )
        self.start_button.fit(room)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= _WIDE
        for column in _WIDE_ONLY:
            self.table.setColumnHidden(column, not wide)

    # --- public ---------------------------------------------------------------------------

    def set_operator(self, operator: Operator | None) -> None:
        self.operator = operator
        if operator is None:
            if self.confirm_dialog is not None:
                self.confirm_dialog.reject()
            if self.issue_dialog is not None:
                self.issue_dialog.reject()
            self.table.clearSelection()
            self.show_message("")
            self.set_own_exceptions(())
        self._refresh()

    def set_work_center(self, code: str) -> None:
        """Point this kiosk at another work center (a reset of the queue, nothing else is)."""
        if code == self.work_center:
            return
        self.work_center = code
        select_data(self.work_center_combo, code)
        self.model.set_labels(self.controller.labels)
        self.model.set_lane(code, self.controller.lane(code), self.controller.jobs)
        self.show_message("")
        self._refresh()

    def work_center_count(self) -> int:
        return self.work_center_combo.count()

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
        self.own_rows = tuple(rows)
        table = self.own_table
        table.setRowCount(len(self.own_rows))
        kinds = dict(EXCEPTION_BUTTONS)
        for n, row in enumerate(self.own_rows):
            if row.kind in kinds:
                kind = translated(kinds[row.kind])
            else:
                kind = row.kind.value.replace("_", " ").capitalize()
            owner = row.owner_name or (translated(role(row.owner_role)) if row.owner_role else "")
            cells = (kind, row.summary, translated(state_spaced(row.status)), owner)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(n, column, item)
        count = len(self.own_rows)
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
        self._refresh()

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

    def _next_row(self) -> int | None:
        """The job to run next: the first ready one, else the first one not running."""
        rows = self.model.ranked_rows()
        for wanted in (RowStatus.READY, None):
            for i, row in enumerate(rows):
                if row.status is not RowStatus.RUNNING and wanted in (None, row.status):
                    return i
        return None

    def _refresh(self) -> None:
        self._refresh_machine()
        running = self.controller.running_job(self.work_center) if self.work_center else None
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
        fmt = self.model.format
        status = ranked.status.value if ranked is not None else ""
        self.card.setProperty("status", status)
        self.card.style().polish(self.card)
        if ranked is None or job is None:
            self.card_title.setText(tr("NEXT JOB"))
            self.card_status.setVisible(False)
            self.card_work_order.setText(tr("Nothing to run"))
            self.card_item.set_full_text(
                tr("No open jobs in this lane.")
                if self.work_center
                else tr("Choose a work center.")
            )
            self.card_quantity.setText("")
            self.card_due.setText("")
            self.card_customer.set_full_text("")
            self.card_reason.setText("")
            self.start_button.set_full_text(tr("Start"))
            self.start_button.setEnabled(False)
            self.start_hint.setText("")
            self.start_hint.setVisible(False)
            self._fit_start_button()
            return
        self.card_title.setText(tr("SELECTED JOB") if selected else tr("NEXT JOB"))
        self.card_status.setVisible(True)
        self.card_status.setText(ROW_STATUS[ranked.status].label)
        self.card_status.setProperty("status", status)
        self.card_status.style().polish(self.card_status)
        self.card_work_order.setText(_operation_text(job))
        self.card_item.set_full_text(_item_text(job, fmt.item_name(job)))
        self.card_quantity.setText(quantity(job.quantity))
        self.card_due.setText(fmt.due(job))
        self.card_customer.set_full_text(fmt.customer_name(job))
        self.card_reason.setText(translated(ranked.reason))
        self.start_button.set_full_text(tr("Start {work_order}").format(work_order=job.work_order))
        hint = ""
        if ranked.status is RowStatus.RUNNING:
            hint = tr("This job is running.")
        elif running is not None:
            hint = tr("Confirm {work_order} (running) before starting another job.").format(
                work_order=running.work_order
            )
        elif self.operator is None:
            hint = tr("Log in to start jobs.")
        self.start_hint.setText(hint)
        self.start_hint.setVisible(bool(hint))
        self.start_button.setEnabled(not hint)
        self._fit_start_button()

    def _refresh_running(self, running: Job | None) -> None:
        fmt = self.model.format
        self.confirm_button.setEnabled(running is not None and self.operator is not None)
        self.issue_button.setEnabled(self.confirm_button.isEnabled())
        self.running_panel.setProperty("active", running is not None)
        self.running_panel.style().polish(self.running_panel)
        if running is None:
            self.running_work_order.setText(tr("Nothing running"))
            if self.work_center:
                idle = tr("Start the next job to run it on {work_center}.").format(
                    work_center=self.work_center
                )
            else:
                idle = tr("Start the next job to run it on this work center.")
            self.running_item.set_full_text(idle)
            self.running_progress.setText("")
            self.running_since.setText("")
            return
        self.running_work_order.setText(_operation_text(running))
        self.running_item.set_full_text(_item_text(running, fmt.item_name(running)))
        self.running_progress.setText(
            tr("{done} of {total} done").format(
                done=quantity(running.qty_good), total=quantity(running.quantity)
            )
        )
        self.running_since.setText(
            tr("since {time}").format(time=fmt.time(running.started_at))
            if running.started_at
            else ""
        )

    # --- input ----------------------------------------------------------------------------

    def _on_table_selection_changed(self, *_: object) -> None:
        self._refresh()

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

    def _on_start_clicked(self) -> None:
        op_id = self.card_op_id
        if op_id is None or self.operator is None:
            return
        job = self.controller.jobs.get(op_id)
        label = job.work_order if job else op_id
        self.start_button.setEnabled(False)
        self.say(lambda: tr("Starting {work_order}…").format(work_order=label))

        def done() -> None:
            self.table.clearSelection()
            self.say(lambda: tr("{work_order} started.").format(work_order=label))
            self.focus_scan()

        def failed(message: str) -> None:
            self.show_message(message, error=True)
            self._refresh()

        self.controller.start_job(self.operator.id, op_id, on_done=done, on_error=failed)

    def _on_confirm_clicked(self) -> None:
        running = self.controller.running_job(self.work_center) if self.work_center else None
        if running is None or self.operator is None:
            return
        dialog = ConfirmDialog(running, self.model.format, self)
        dialog.sig_submitted.connect(self._on_confirm_dialog_submitted)
        dialog.finished.connect(self._on_confirm_dialog_finished)
        self.confirm_dialog = dialog
        dialog.open()

    def _on_confirm_dialog_submitted(self, confirmation: Confirmation) -> None:
        dialog = self.confirm_dialog
        if dialog is None or self.operator is None:
            return
        op_id = dialog.job.op_id
        work_order = dialog.job.work_order

        def done() -> None:
            if self.confirm_dialog is dialog:
                dialog.accept()
            self.say(lambda: _confirmed_text(confirmation, work_order))
            self.focus_scan()

        def failed(message: str) -> None:
            if self.confirm_dialog is dialog:
                dialog.show_error(message)
            else:  # the dialog was closed meanwhile: say it on the lane
                self.show_message(message, error=True)

        self.controller.confirm(
            self.operator.id,
            op_id,
            good=confirmation.good,
            scrap=confirmation.scrap,
            final=confirmation.final,
            on_done=done,
            on_error=failed,
        )

    def _on_confirm_dialog_finished(self, _result: int) -> None:
        if self.confirm_dialog is not None:
            self.confirm_dialog.deleteLater()
        self.confirm_dialog = None
        self.focus_scan()

    def _on_issue_clicked(self) -> None:
        running = self.controller.running_job(self.work_center) if self.work_center else None
        if running is None or self.operator is None:
            return
        self.issue_button.setEnabled(False)  # until the materials are read

        def open_dialog(materials: list[MaterialLine]) -> None:
            self._refresh()
            if self.operator is None or self.issue_dialog is not None:
                return
            dialog = IssueDialog(running, self.model.format, materials, self)
            dialog.sig_submitted.connect(self._on_issue_dialog_submitted)
            dialog.finished.connect(self._on_issue_dialog_finished)
            self.issue_dialog = dialog
            dialog.open()

        self.controller.read_materials(running.op_id, open_dialog)

    def _on_issue_dialog_submitted(self, issue: Issue) -> None:
        dialog = self.issue_dialog
        if dialog is None or self.operator is None:
            return
        work_order = dialog.job.work_order

        def done() -> None:
            if self.issue_dialog is dialog:
                dialog.accept()
            self.say(lambda: _issued_text(issue, work_order))
            self.focus_scan()

        def failed(message: str) -> None:
            if self.issue_dialog is dialog:
                dialog.show_error(message)
            else:
                self.show_message(message, error=True)

        self.controller.issue_material(
            self.operator.id,
            dialog.job.op_id,
            item=issue.item,
            qty=issue.qty,
            lot=issue.lot,
            on_done=done,
            on_error=failed,
        )

    def _on_issue_dialog_finished(self, _result: int) -> None:
        if self.issue_dialog is not None:
            self.issue_dialog.deleteLater()
        self.issue_dialog = None
        self.focus_scan()


# --- sentences --------------------------------------------------------------------------


def _operation_text(job: Job) -> str:
    """'WO-26055  ·  op 10' (the card's big line)."""
    return tr("{work_order}  ·  op {seq}").format(work_order=job.work_order, seq=job.seq)


def _item_text(job: Job, name: str) -> str:
    """'P-1001  ·  Shaft 40 mm', or the item alone when it has no name."""
    if not name:
        return job.item
    return tr("{item}  ·  {name}").format(item=job.item, name=name)


def _confirmed_text(confirmation: Confirmation, work_order: str) -> str:
    good, scrap = quantity(confirmation.good), quantity(confirmation.scrap)
    if confirmation.final:
        return tr(
            "Confirmed {good} good, {scrap} scrap on {work_order}; operation complete."
        ).format(good=good, scrap=scrap, work_order=work_order)
    return tr("Confirmed {good} good, {scrap} scrap on {work_order}.").format(
        good=good, scrap=scrap, work_order=work_order
    )


def _issued_text(issue: Issue, work_order: str) -> str:
    qty = quantity(issue.qty)
    if issue.lot:
        return tr("Issued {qty} {item} from lot {lot} to {work_order}.").format(
            qty=qty, item=issue.item, lot=issue.lot, work_order=work_order
        )
    return tr("Issued {qty} {item} to {work_order}.").format(
        qty=qty, item=issue.item, work_order=work_order
    )
