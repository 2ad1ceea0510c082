"""The inbox: what the user and their roles own, with SLA countdowns, and their tasks.

Every role has one. The exception table refreshes every few seconds and after each
command (both on the database lane); a 1 s timer only moves the countdowns. When an
exception appears that was not there at the last refresh, the andon banner says so.
Deadlines (SLA breaches, escalation tiers) are checked on a timer too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.model.types import ExceptionKind, ExceptionStatus, Role
from app.queries_exceptions import ExceptionRow, Inbox, inbox
from app.routing.resolution import ResolutionValues
from app.services.people import Operator
from ui.common.timefmt import ServerClock
from ui.exceptions.command_dialog import CommandDialog, CommandForm, Field
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.exceptions.inbox_model import ExceptionColumn, InboxModel, TaskModel, words
from ui.lane_controller import PersonCommands
from ui.widgets import command_button, make_table

log = logging.getLogger(__name__)

TICK_MS = 1_000
REFRESH_MS = 5_000
DEADLINES_MS = 30_000


def root_cause_choices(values: ResolutionValues, proposed: str = "") -> tuple[tuple[str, str], ...]:
    """The plant's root causes as (code, label), each category then its reasons; the
    downtime reason the exception was raised with first (usually its cause)."""
    choices: list[tuple[str, str]] = []
    if proposed and values.is_root_cause(proposed):
        choices.append((proposed, values.root_cause_label(proposed)))
    for category in values.root_causes.categories:
        choices.append((category.code, category.label))
        choices += [(r.code, f"{category.label} · {r.label}") for r in category.reasons]
    return tuple(dict.fromkeys(choices))


class InboxView(PersonCommands, QWidget):
    """Signals:
    sig_refreshed: the inbox was read again and is on screen.
    sig_andon: new exceptions arrived in the inbox; carries their ids.
    sig_details_requested: carries the id of the exception to show in full.
    """

    controller: ExceptionsController

    sig_refreshed = Signal()
    sig_andon = Signal(object)
    sig_details_requested = Signal(str)

    def __init__(self, controller: ExceptionsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxView")
        self.controller = controller
        self.operator: Operator | None = None
        self.dialog: CommandDialog | None = None
        self._known: set[str] | None = None  # ids at the last refresh; None before the first
        self._refreshing = False
        self._refresh_pending = False  # asked for while one was on its way: run once more
        # Countdowns compare deadlines with the server's clock (corrected at each refresh).
        self.server_clock = ServerClock(controller.clock)

        self.banner = QLabel("")
        self.banner.setObjectName("andonBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner_dismiss = command_button("Seen", "secondary")
        self.banner_dismiss.setVisible(False)
        self.banner_dismiss.clicked.connect(self.dismiss_banner)
        self.title = QLabel("Inbox")
        self.title.setObjectName("heading")
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.empty = QLabel("")
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)

        self.model = InboxModel(self)
        self.table = make_table("inboxTable")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (ExceptionColumn.DUE, 260),
            (ExceptionColumn.KIND, 215),
            (ExceptionColumn.SUMMARY, 300),
            (ExceptionColumn.WHERE, 200),
            (ExceptionColumn.OWNER, 140),
        ):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self._on_details_clicked())

        self.acknowledge_button = command_button("Acknowledge", "primary")
        self.start_button = command_button("Start work")
        self.waiting_button = command_button("Waiting on…")
        self.reassign_button = command_button("Reassign…")
        self.resolve_button = command_button("Resolve…", "primary")
        self.reopen_button = command_button("Reopen…")
        self.close_button = command_button("Close")
        self.details_button = command_button("Details", "secondary")
        self.acknowledge_button.clicked.connect(self._on_acknowledge_clicked)
        self.start_button.clicked.connect(self._on_start_clicked)
        self.waiting_button.clicked.connect(self.open_waiting)
        self.reassign_button.clicked.connect(self.open_reassign)
        self.resolve_button.clicked.connect(self.open_resolve)
        self.reopen_button.clicked.connect(self.open_reopen)
        self.close_button.clicked.connect(self._on_close_clicked)
        self.details_button.clicked.connect(self._on_details_clicked)
        self.exception_buttons = (
            self.acknowledge_button,
            self.start_button,
            self.waiting_button,
            self.reassign_button,
            self.resolve_button,
            self.reopen_button,
            self.close_button,
            self.details_button,
        )

        self.tasks_title = QLabel("My functions' tasks")
        self.tasks_title.setObjectName("sectionTitle")
        board = controller.board
        self.task_model = TaskModel(board.job_format() if board is not None else None, self)
        self.task_table = make_table("taskTable")
        self.task_table.setModel(self.task_model)
        self.task_table.setColumnWidth(0, 170)
        self.task_table.setColumnWidth(1, 360)
        self.task_table.setColumnWidth(2, 360)
        self.task_table.setColumnWidth(3, 150)
        self.task_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.task_ack_button = command_button("Acknowledge task")
        self.task_done_button = command_button("Task done", "primary")
        self.task_ack_button.clicked.connect(self._on_task_ack_clicked)
        self.task_done_button.clicked.connect(self._on_task_done_clicked)

        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_dismiss)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.message, 1)
        actions = QWidget()
        actions.setObjectName("inboxActions")
        buttons = QHBoxLayout(actions)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(8)
        for button in self.exception_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        task_actions = QWidget()
        task_actions.setObjectName("inboxActions")
        task_buttons = QHBoxLayout(task_actions)
        task_buttons.setContentsMargins(0, 0, 0, 0)
        task_buttons.addWidget(self.tasks_title)
        task_buttons.addStretch(1)
        task_buttons.addWidget(self.task_ack_button)
        task_buttons.addWidget(self.task_done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(8)
        layout.addLayout(banner_row)
        layout.addLayout(head)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 3)
        layout.addWidget(actions)
        layout.addWidget(task_actions)
        layout.addWidget(self.task_table, 2)

        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self.tick)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.deadline_timer = QTimer(self)
        self.deadline_timer.setInterval(DEADLINES_MS)
        self.deadline_timer.timeout.connect(self.controller.check_deadlines)
        controller.sig_changed.connect(lambda _what: self.refresh())
        self._update_buttons()

    # --- public ---------------------------------------------------------------------------

    def set_operator(self, operator: Operator | None) -> None:
        """Start following this person's inbox (None: stop, and forget it)."""
        self.operator = operator
        self._known = None
        self.dismiss_banner()
        if self.dialog is not None:
            self.dialog.reject()
        if operator is None:
            for timer in (self.tick_timer, self.refresh_timer, self.deadline_timer):
                timer.stop()
            self.model.set_rows([], self.server_clock.now())
            self.task_model.set_rows([])
            self.empty.setVisible(False)
            return
        roles = ", ".join(words(r.value) for r in operator.roles)
        self.title.setText(f"Inbox · {operator.name} ({roles})")
        for timer in (self.tick_timer, self.refresh_timer, self.deadline_timer):
            timer.start()
        self.refresh()

    def refresh(self) -> None:
        if self.operator is None:
            return
        if self._refreshing:
            self._refresh_pending = True
            return
        self._refreshing = True
        user_id = self.operator.id

        def failed(_error: Exception) -> None:
            self._refreshing = False
            self._refresh_pending = False
            self.show_message("The inbox could not be read; it will try again.", error=True)

        self.controller.read(
            lambda session: inbox(session, user_id),
            lambda result: self._on_inbox(user_id, result),
            failed,
        )

    def tick(self) -> None:
        self.model.tick(self.server_clock.now())

    def selected(self) -> ExceptionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, exception_id: str) -> None:
        row = self.model.row_of(exception_id)
        if row is not None:
            self.table.selectRow(row)

    def dismiss_banner(self) -> None:
        self.banner.setVisible(False)
        self.banner_dismiss.setVisible(False)

    # --- refresh results ------------------------------------------------------------------

    def _on_inbox(self, user_id: str, result: Inbox) -> None:
        self._refreshing = False
        if self._refresh_pending:  # something changed meanwhile: read again before showing
            self._refresh_pending = False
            self.refresh()
            return
        if self.operator is None or self.operator.id != user_id:
            return  # someone else logged in meanwhile
        selected = self.selected()
        selected_task = self.task_table.selectionModel().selectedRows()
        task_id = self.task_model.row_at(selected_task[0].row()).id if selected_task else None
        self.server_clock.correction = result.server_correction
        if self.controller.board is not None:
            self.task_model.format = self.controller.board.job_format()
        self.model.set_rows(result.exceptions, self.server_clock.now())
        self.task_model.set_rows(result.tasks)
        self._explain_empty(result)
        if selected is not None:
            self.select(selected.id)
        if task_id is not None and (row := self.task_model.row_of(task_id)) is not None:
            self.task_table.selectRow(row)
        ids = {r.id for r in result.exceptions if r.is_open}
        if self._known is not None:
            new = [r for r in result.exceptions if r.id in ids - self._known]
            if new:
                self._show_andon(new)
        self._known = ids if self._known is None else self._known | ids
        self._update_buttons()
        self.sig_refreshed.emit()

    def _explain_empty(self, result: Inbox) -> None:
        """An empty inbox says why it is empty, and for whom."""
        if result.exceptions or self.operator is None:
            self.empty.setVisible(False)
            return
        roles = ", ".join(words(r.value) for r in self.operator.roles) or "no role"
        text = (
            f"Nothing to do: no open exception belongs to {self.operator.name} or to "
            f"{roles}, and none was escalated to them."
        )
        if result.open_elsewhere:
            text += f" {result.open_elsewhere} open exception(s) belong to other functions."
        if not result.tasks:
            text += " No task is waiting for these functions either."
        self.empty.setText(text)
        self.empty.setVisible(True)

    def _show_andon(self, new: list[ExceptionRow]) -> None:
        first = new[0]
        where = first.work_center or first.work_order or ""
        more = f" (+{len(new) - 1} more)" if len(new) > 1 else ""
        self.banner.setText(
            f"NEW {words(first.kind.value).upper()}{' at ' + where if where else ''}: "
            f"{first.summary}{more}"
        )
        self.banner.setVisible(True)
        self.banner_dismiss.setVisible(True)
        self.sig_andon.emit([r.id for r in new])

    def _update_buttons(self, *_: object) -> None:
        row = self.selected()
        open_ = row is not None and row.is_open
        resolved = row is not None and row.status is ExceptionStatus.RESOLVED
        self.acknowledge_button.setEnabled(open_ and row is not None and not row.acknowledged_at)
        for button in (
            self.start_button,
            self.waiting_button,
            self.reassign_button,
            self.resolve_button,
        ):
            button.setEnabled(open_)
        self.reopen_button.setEnabled(resolved)
        self.close_button.setEnabled(resolved)
        self.details_button.setEnabled(row is not None)
        has_task = bool(self.task_table.selectionModel().selectedRows())
        self.task_ack_button.setEnabled(has_task)
        self.task_done_button.setEnabled(has_task)

    # --- commands -------------------------------------------------------------------------

    def _on_acknowledge_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            service = self.controller.service
            self._command(f"acknowledged “{row.summary}”", lambda a: service.acknowledge(a, row.id))

    def _on_start_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            service = self.controller.service
            self._command(
                f"started work on “{row.summary}”", lambda a: service.start_work(a, row.id)
            )

    def _on_close_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            service = self.controller.service
            self._command(f"closed “{row.summary}”", lambda a: service.close(a, row.id))

    def _on_details_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            self.sig_details_requested.emit(row.id)

    def _selected_task_id(self) -> str | None:
        rows = self.task_table.selectionModel().selectedRows()
        return self.task_model.row_at(rows[0].row()).id if rows else None

    def _on_task_ack_clicked(self) -> None:
        task_id = self._selected_task_id()
        if task_id is not None:
            service = self.controller.service
            self._command("acknowledged the task", lambda a: service.acknowledge_task(a, task_id))

    def _on_task_done_clicked(self) -> None:
        task_id = self._selected_task_id()
        if task_id is not None:
            service = self.controller.service
            self._command("finished the task", lambda a: service.finish_task(a, task_id))

    # --- commands with a form -------------------------------------------------------------

    def _open_dialog(
        self, form: CommandForm, run: Callable[[ExceptionRow, dict[str, str], CommandDialog], None]
    ) -> CommandDialog | None:
        row = self.selected()
        if row is None or self.dialog is not None:
            return None
        dialog = CommandDialog(form, self)
        dialog.sig_submitted.connect(lambda values: run(row, values, dialog))
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def open_waiting(self) -> CommandDialog | None:
        form = CommandForm(
            "Waiting on…",
            "Save",
            [Field("waiting_on", "Waiting on", placeholder="e.g. spare pump from supplier")],
        )
        service = self.controller.service

        def run(row: ExceptionRow, values: dict[str, str], dialog: CommandDialog) -> None:
            self._command(
                f"“{row.summary}” waits on {values['waiting_on']}",
                lambda a: service.start_work(a, row.id, waiting_on=values["waiting_on"]),
                dialog,
            )

        return self._open_dialog(form, run)

    def open_reassign(self) -> CommandDialog | None:
        form = CommandForm(
            "Reassign",
            "Reassign",
            [
                Field("owner_role", "To", tuple((r.value, words(r.value)) for r in Role)),
                Field("user", "Person (user id)", required=False),
                Field("reason", "Why", placeholder="e.g. needs a decision on overtime"),
            ],
        )
        service = self.controller.service

        def run(row: ExceptionRow, values: dict[str, str], dialog: CommandDialog) -> None:
            role = Role(values["owner_role"])
            self._command(
                f"reassigned “{row.summary}” to {words(role.value)}",
                lambda a: service.reassign(
                    a, row.id, role, values["reason"], user=values["user"] or None
                ),
                dialog,
            )

        return self._open_dialog(form, run)

    def open_resolve(self) -> CommandDialog | None:
        row = self.selected()
        if row is None:
            return None
        quality = row.kind is ExceptionKind.QUALITY_HOLD
        values = self.controller.service.resolution
        cause = str(row.details.get("reason_code") or "")
        fields = [
            Field("decision", "Decision", placeholder="what was decided and done"),
            Field(
                "root_cause",
                "Root cause",
                root_cause_choices(values, cause),
                value=cause if values.is_root_cause(cause) else "",
            ),
        ]
        if quality:
            fields.append(
                Field(
                    "disposition",
                    "Disposition",
                    tuple((d.code, d.label) for d in values.dispositions),
                )
            )
        fields.append(Field("note", "Note", required=False))
        form = CommandForm(
            "Resolve",
            "Resolve",
            fields,
            hint="Releasing held material is quality's decision." if quality else "",
        )
        service = self.controller.service

        def run(row: ExceptionRow, values: dict[str, str], dialog: CommandDialog) -> None:
            details = {"disposition": values["disposition"]} if quality else None
            self._command(
                f"resolved “{row.summary}”",
                lambda a: service.resolve(
                    a,
                    row.id,
                    decision=values["decision"],
                    root_cause=values["root_cause"],
                    note=values["note"] or None,
                    details=details,
                ),
                dialog,
            )

        return self._open_dialog(form, run)

    def open_reopen(self) -> CommandDialog | None:
        form = CommandForm(
            "Reopen", "Reopen", [Field("reason", "Why", placeholder="what recurred")]
        )
        service = self.controller.service

        def run(row: ExceptionRow, values: dict[str, str], dialog: CommandDialog) -> None:
            self._command(
                f"reopened “{row.summary}”",
                lambda a: service.reopen(a, row.id, values["reason"]),
                dialog,
            )

        return self._open_dialog(form, run)
