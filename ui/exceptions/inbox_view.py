"""The inbox: what the user and their roles own, with SLA countdowns, and their tasks.

Every role has one. The exception table refreshes every few seconds and after each
command (both on the database lane); a 1 s timer only moves the countdowns. When an
exception appears that was not there at the last refresh, the andon banner says so.
Deadlines (SLA breaches, escalation tiers) are checked on a timer too.

Resolving asks for the decision, the root cause as a touch list (a category, then
optionally one of its reasons) and, for a quality hold, the disposition as big buttons;
the service checks the values against resources/routing/resolution.toml.

The screen says its words in the current language and again after a switch, including
what it last said on its message line, its banner and its empty-inbox explanation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.i18n import QT_TR_NOOP, Message
from app.model.types import ExceptionKind, ExceptionStatus, Role
from app.queries_exceptions import ExceptionRow, Inbox, inbox
from app.routing.reasons import ReasonCategory, ReasonTree
from app.routing.resolution import ResolutionValues
from app.services.people import Operator
from app.words import role as role_word
from ui.common.errors import say_again
from ui.common.timefmt import ServerClock
from ui.exceptions.choices import wrap_row
from ui.exceptions.command_dialog import CommandDialog, CommandForm, Field
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.exceptions.inbox_model import ExceptionColumn, InboxModel, TaskModel, words
from ui.i18n import on_language_change, tr
from ui.lane_controller import ScreenCommands
from ui.widgets import command_button, fit_headings, make_table, set_flag

log = logging.getLogger(__name__)

TICK_MS = 1_000
REFRESH_MS = 5_000
DEADLINES_MS = 30_000


def root_cause_tree(values: ResolutionValues, proposed: str = "") -> ReasonTree:
    """The plant's root causes as the resolve form offers them: a category, then its
    reasons. The downtime reason the exception was raised with (usually its cause, and a
    root cause too) is offered under its category: the plant's own category of that code,
    else the downtime tree's, put first."""
    tree = values.root_causes
    downtime = values.downtime
    if not proposed or downtime is None or not values.is_root_cause(proposed):
        return tree
    if tree.category(proposed) is not None or tree.reason(proposed) is not None:
        return tree
    source = downtime.category(proposed.partition("/")[0])
    if source is None:
        return tree
    own = tree.category(source.code)
    if own is None:
        return ReasonTree((source, *tree.categories))
    reason = downtime.reason(proposed)
    merged = ReasonCategory(own.code, own.label, (*((reason,) if reason else ()), *own.reasons))
    return ReasonTree(tuple(merged if c is own else c for c in tree.categories))


class InboxView(QWidget):
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
        # What the screen says that depends on what happened, to say again after a switch.
        self._last: Inbox | None = None  # the last inbox read (the empty-inbox words)
        self._andon: list[ExceptionRow] = []  # what the banner announces
        self._said: Callable[[], str] = str  # what the message line says
        # Commands in the logged-in person's name; what became of them on the message line.
        self.commands = ScreenCommands(
            controller,
            operator=lambda: self.operator,
            open_dialog=lambda: self.dialog,
            say=self._say,
        )
        # Countdowns compare deadlines with the server's clock (corrected at each refresh).
        self.server_clock = ServerClock(controller.clock)

        self.banner = QLabel("")
        self.banner.setObjectName("andonBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner_dismiss = command_button("", "secondary")
        self.banner_dismiss.setVisible(False)
        self.banner_dismiss.clicked.connect(self.dismiss_banner)
        self.title = QLabel("")
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
        self._widths = {
            ExceptionColumn.DUE: 260,
            ExceptionColumn.KIND: 215,
            ExceptionColumn.SUMMARY: 300,
            ExceptionColumn.WHERE: 200,
            ExceptionColumn.OWNER: 140,
        }
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self._on_details_clicked())

        self.acknowledge_button = command_button("", "primary")
        self.start_button = command_button("")
        self.waiting_button = command_button("")
        self.reassign_button = command_button("")
        self.resolve_button = command_button("", "primary")
        self.reopen_button = command_button("")
        self.close_button = command_button("")
        self.details_button = command_button("", "secondary")
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

        self.tasks_title = QLabel("")
        self.tasks_title.setObjectName("sectionTitle")
        board = controller.board
        self.task_model = TaskModel(board.job_format() if board is not None else None, self)
        self.task_table = make_table("taskTable")
        self.task_table.setModel(self.task_model)
        self._task_widths = {0: 170, 1: 360, 2: 300, 3: 150}  # the due date whole
        self.task_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.task_ack_button = command_button("")
        self.task_done_button = command_button("", "primary")
        self.task_ack_button.clicked.connect(self._on_task_ack_clicked)
        self.task_done_button.clicked.connect(self._on_task_done_clicked)

        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.banner_dismiss)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.message, 1)
        # Commands keep one row while their words fit; longer words wrap them into rows.
        actions = wrap_row(self.exception_buttons, "inboxActions")
        task_actions = QWidget()
        task_actions.setObjectName("inboxActions")
        task_buttons = QHBoxLayout(task_actions)
        task_buttons.setContentsMargins(0, 0, 0, 0)
        task_buttons.addWidget(self.tasks_title)
        task_buttons.addWidget(
            wrap_row(
                (self.task_ack_button, self.task_done_button),
                align=Qt.AlignmentFlag.AlignRight,
            ),
            1,
        )
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
        self.retranslate()
        on_language_change(self, self.retranslate)

    # --- words ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Say every word again (the language changed), from what the screen last showed."""
        self.banner_dismiss.setText(tr("Seen"))
        for button, text in (
            (self.acknowledge_button, tr("Acknowledge")),
            (self.start_button, tr("Start work")),
            (self.waiting_button, tr("Waiting on…")),
            (self.reassign_button, tr("Reassign…")),
            (self.resolve_button, tr("Resolve…")),
            (self.reopen_button, tr("Reopen…")),
            (self.close_button, tr("Close")),
            (self.details_button, tr("Details")),
            (self.task_ack_button, tr("Acknowledge task")),
            (self.task_done_button, tr("Task done")),
        ):
            button.setText(text)
        self.tasks_title.setText(tr("My functions' tasks"))
        fit_headings(self.table, self._widths, ExceptionColumn.SUMMARY)
        fit_headings(self.task_table, self._task_widths, 2)
        self._say_title()
        if self._last is not None:
            self._explain_empty(self._last)
        if self._andon:
            self._say_andon()
        self.message.setText(self._said())

    def _say_title(self) -> None:
        operator = self.operator
        if operator is None:
            self.title.setText(tr("Inbox"))
            return
        roles = ", ".join(words(r.value) for r in operator.roles)
        self.title.setText(tr("Inbox · {name} ({roles})").format(name=operator.name, roles=roles))

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Say `text` on the message line; said again after a language switch when it is
        a Message or a Failure."""
        self._say(lambda: say_again(text), error)

    def _say(self, words: Callable[[], str], error: bool = False) -> None:
        """Say `words()` on the message line, and again after a language switch."""
        self._said = words
        self.message.setText(words())
        set_flag(self.message, "error", error)

    # --- public ---------------------------------------------------------------------------

    def set_operator(self, operator: Operator | None) -> None:
        """Start following this person's inbox (None: stop, and forget it)."""
        self.operator = operator
        self._known = None
        self._last = None
        self.dismiss_banner()
        if self.dialog is not None:
            self.dialog.reject()
        self._say_title()
        if operator is None:
            for timer in (self.tick_timer, self.refresh_timer, self.deadline_timer):
                timer.stop()
            self.model.set_rows([], self.server_clock.now())
            self.task_model.set_rows([])
            self.empty.setVisible(False)
            return
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
            self.show_message(
                Message(QT_TR_NOOP("The inbox could not be read; it will try again.")),
                error=True,
            )

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
        self._andon = []
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
        self._last = result
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
        roles = ", ".join(words(r.value) for r in self.operator.roles) or tr("no role")
        parts = [
            tr(
                "Nothing to do: no open exception belongs to {name} or to {roles}, and none "
                "was escalated to them."
            ).format(name=self.operator.name, roles=roles)
        ]
        if result.open_elsewhere:
            parts.append(
                tr("%n open exception(s) belong to other functions.", None, result.open_elsewhere)
            )
        if not result.tasks:
            parts.append(tr("No task is waiting for these functions either."))
        self.empty.setText(" ".join(parts))
        self.empty.setVisible(True)

    def _show_andon(self, new: list[ExceptionRow]) -> None:
        self._andon = list(new)
        self._say_andon()
        self.banner.setVisible(True)
        self.banner_dismiss.setVisible(True)
        self.sig_andon.emit([r.id for r in new])

    def _say_andon(self) -> None:
        first = self._andon[0]
        where = first.work_center or first.work_order or ""
        kind = words(first.kind.value).upper()
        if where:
            text = tr("NEW {kind} at {where}: {summary}").format(
                kind=kind, where=where, summary=first.summary
            )
        else:
            text = tr("NEW {kind}: {summary}").format(kind=kind, summary=first.summary)
        if len(self._andon) > 1:
            text = tr("{text} (+{n} more)").format(text=text, n=len(self._andon) - 1)
        self.banner.setText(text)

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
    # Descriptions are Messages: logged in English, said in the person's language.

    def _on_acknowledge_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            service = self.controller.service
            self.commands.run(
                Message(QT_TR_NOOP("acknowledged “{summary}”"), summary=row.summary),
                lambda a: service.acknowledge(a, row.id),
            )

    def _on_start_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            service = self.controller.service
            self.commands.run(
                Message(QT_TR_NOOP("started work on “{summary}”"), summary=row.summary),
                lambda a: service.start_work(a, row.id),
            )

    def _on_close_clicked(self) -> None:
        row = self.selected()
        if row is not None:
            service = self.controller.service
            self.commands.run(
                Message(QT_TR_NOOP("closed “{summary}”"), summary=row.summary),
                lambda a: service.close(a, row.id),
            )

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
            self.commands.run(
                Message(QT_TR_NOOP("acknowledged the task")),
                lambda a: service.acknowledge_task(a, task_id),
            )

    def _on_task_done_clicked(self) -> None:
        task_id = self._selected_task_id()
        if task_id is not None:
            service = self.controller.service
            self.commands.run(
                Message(QT_TR_NOOP("finished the task")),
                lambda a: service.finish_task(a, task_id),
            )

    # --- commands with a form -------------------------------------------------------------
    # A form's words are English, marked for translation; the dialog says them translated.

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
            QT_TR_NOOP("Waiting on…"),
            QT_TR_NOOP("Save"),
            [
                Field(
                    "waiting_on",
                    QT_TR_NOOP("Waiting on"),
                    placeholder=QT_TR_NOOP("e.g. spare pump from supplier"),
                )
            ],
        )
        service = self.controller.service

        def run(row: ExceptionRow, values: dict[str, str], dialog: CommandDialog) -> None:
            self.commands.run(
                Message(
                    QT_TR_NOOP("“{summary}” waits on {waiting_on}"),
                    summary=row.summary,
                    waiting_on=values["waiting_on"],
                ),
                lambda a: service.start_work(a, row.id, waiting_on=values["waiting_on"]),
                dialog,
            )

        return self._open_dialog(form, run)

    def open_reassign(self) -> CommandDialog | None:
        form = CommandForm(
            QT_TR_NOOP("Reassign"),
            QT_TR_NOOP("Reassign"),
            [
                # The roles' words are marked in app/words.py.
                Field(
                    "owner_role",
                    QT_TR_NOOP("To"),
                    tuple((r.value, r.value.replace("_", " ")) for r in Role),
                ),
                Field("user", QT_TR_NOOP("Person (user id)"), required=False),
                Field(
                    "reason",
                    QT_TR_NOOP("Why"),
                    placeholder=QT_TR_NOOP("e.g. needs a decision on overtime"),
                ),
            ],
        )
        service = self.controller.service

        def run(row: ExceptionRow, values: dict[str, str], dialog: CommandDialog) -> None:
            role = Role(values["owner_role"])
            self.commands.run(
                Message(
                    QT_TR_NOOP("reassigned “{summary}” to {role}"),
                    summary=row.summary,
                    role=role_word(role),
                ),
                lambda a: service.reassign(
                    a, row.id, role, values["reason"], user=values["user"] or None
                ),
                dialog,
            )

        return self._open_dialog(form, run)

    def open_resolve(self) -> CommandDialog | None:
        """The decision, the root cause (touch list: a category, optionally one of its
        reasons) and, for a quality hold, the disposition (big buttons); the downtime
        reason the exception was raised with is picked to start with."""
        row = self.selected()
        if row is None:
            return None
        quality = row.kind is ExceptionKind.QUALITY_HOLD
        values = self.controller.service.resolution
        cause = str(row.details.get("reason_code") or "")
        fields = [
            Field(
                "decision",
                QT_TR_NOOP("Decision"),
                placeholder=QT_TR_NOOP("what was decided and done"),
            ),
            Field(
                "root_cause",
                QT_TR_NOOP("Root cause"),
                tree=root_cause_tree(values, cause),
                value=cause if values.is_root_cause(cause) else "",
            ),
        ]
        if quality:  # what happens to the held material (the service requires it)
            fields.append(
                Field(
                    "disposition",
                    QT_TR_NOOP("Disposition"),
                    tuple((d.code, d.label) for d in values.dispositions),
                    touch=True,
                )
            )
        fields.append(Field("note", QT_TR_NOOP("Note"), required=False))
        form = CommandForm(
            QT_TR_NOOP("Resolve"),
            QT_TR_NOOP("Resolve"),
            fields,
            hint=QT_TR_NOOP("Releasing held material is quality's decision.") if quality else "",
        )
        service = self.controller.service

        def run(row: ExceptionRow, values: dict[str, str], dialog: CommandDialog) -> None:
            details = {"disposition": values["disposition"]} if quality else None
            self.commands.run(
                Message(QT_TR_NOOP("resolved “{summary}”"), summary=row.summary),
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
            QT_TR_NOOP("Reopen"),
            QT_TR_NOOP("Reopen"),
            [Field("reason", QT_TR_NOOP("Why"), placeholder=QT_TR_NOOP("what recurred"))],
        )
        service = self.controller.service

        def run(row: ExceptionRow, values: dict[str, str], dialog: CommandDialog) -> None:
            self.commands.run(
                Message(QT_TR_NOOP("reopened “{summary}”"), summary=row.summary),
                lambda a: service.reopen(a, row.id, values["reason"]),
                dialog,
            )

        return self._open_dialog(form, run)
