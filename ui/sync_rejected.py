"""The events of this terminal the server rejected, for a supervisor to send again or drop.

An event is rejected when the server, judging every terminal's events in one order,
finds it may not apply it: its actor may not cause it or is not logged in here, or it
breaks a rule there (e.g. a second resolution of an exception someone else resolved
first). The terminal has already rolled its effect back; this list says what was lost.
A supervisor or manager picks a row and sends it again in their own name (the server
judges it anew), or drops it with a reason; either way it leaves the list. Everyone else
can read the list only. The commands run on the database lane, never the GUI thread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.clock import as_utc
from app.errors import Rejected
from app.i18n import QT_TR_NOOP
from app.model import ShopException, User
from app.model.types import Role
from app.services.people import Operator
from app.services.rejections import RejectionService
from sync.client.engine import SyncEngine
from ui.common.errors import error_text
from ui.common.row_diff import KeyedRowsModel
from ui.i18n import on_language_change, refresh_model, tr, translated
from ui.sync_controller import SyncController
from ui.widgets import (
    ReasonDialog,
    ReasonWords,
    command_button,
    configure_row_table,
    label,
    set_flag,
)

Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 104  # three lines of the server's reason
WHAT_WIDTH = 280
_BY_USER = re.compile(r"\bby (\w+)")  # "resolved by 902" names the user by id
# Payload fields that say which thing an event was about, most telling first.
SUBJECT_FIELDS = (
    "summary",
    "exception_id",
    "operation_id",
    "work_order",
    "work_center",
    "task_id",
    "key",  # what a hold holds
)


REVIEWERS = (Role.SUPERVISOR, Role.MANAGER)
# The service's fields, as this screen names them (show with `translated`).
FIELD_NAMES = {"reason": QT_TR_NOOP("Reason"), "event": QT_TR_NOOP("This change")}
NO_REASON = QT_TR_NOOP("no reason given")  # a rejection the server did not explain


@dataclass(frozen=True)
class RejectedRow:
    when: datetime
    who: str
    what: str
    why: str
    event_id: str
    kind: str


def describe(
    kind: str, payload: Mapping[str, Any], summaries: Mapping[str, str] | None = None
) -> str:
    """'exception resolved: Spindle alarm' from an event's kind and payload.

    `summaries` names exceptions by their summary: a person knows "Spindle alarm", not
    the exception's id.
    """
    text = kind.replace(".", " ").replace("_", " ")
    subject = next((str(payload[f]) for f in SUBJECT_FIELDS if payload.get(f)), None)
    if subject is not None and summaries:
        subject = summaries.get(subject, subject)
    return f"{text}: {subject}" if subject else text


def rejected_rows(engine: SyncEngine) -> list[RejectedRow]:
    """Read on the database lane: the rejected events, newest first, with people's names."""
    records = engine.rejected()
    exception_ids = {r.payload.get("exception_id") for r in records if r.payload}
    with engine.store.read() as session:
        names = {uid: name for uid, name in session.execute(select(User.id, User.name))}
        summaries = {
            eid: summary
            for eid, summary in session.execute(
                select(ShopException.id, ShopException.summary).where(
                    ShopException.id.in_(exception_ids - {None})
                )
            )
        }
    return [
        RejectedRow(
            when=as_utc(r.occurred_at),
            who=names.get(r.actor, r.actor),
            what=describe(r.kind, r.payload or {}, summaries),
            why=_named(r.reason or NO_REASON, summaries, names, engine.store.terminal_id),
            event_id=r.id,
            kind=r.kind,
        )
        for r in records
    ]


def _named(
    text: str, summaries: Mapping[str, str], names: Mapping[str, str], terminal_id: str = ""
) -> str:
    """The server's reason in people's words: exceptions by summary, people by name, this
    terminal as "this terminal" (not its id)."""
    for exception_id, summary in summaries.items():
        text = text.replace(exception_id, f"“{summary}”")
    if terminal_id:
        text = text.replace(f"terminal {terminal_id}", "this terminal")
    return _BY_USER.sub(lambda m: f"by {names.get(m[1], m[1])}", text)


class RejectedColumn(IntEnum):
    WHEN = 0
    WHO = 1
    WHAT = 2
    WHY = 3


_HEADERS = {
    RejectedColumn.WHEN: QT_TR_NOOP("When"),
    RejectedColumn.WHO: QT_TR_NOOP("Who"),
    RejectedColumn.WHAT: QT_TR_NOOP("What"),
    RejectedColumn.WHY: QT_TR_NOOP("Why the server refused it"),
}


class RejectedModel(KeyedRowsModel[RejectedRow]):
    """The rejected events, updated row by row (ui.common.row_diff): after a decision the
    row leaves, and the others keep their place and selection."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        super().__init__(lambda row: row.event_id, len(RejectedColumn), parent)
        self.tz = tz
        on_language_change(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        refresh_model(self)

    def set_rows(self, rows: Sequence[RejectedRow]) -> None:
        self.replace_rows(rows)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translated(_HEADERS[RejectedColumn(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self.cell(self._rows[index.row()], index.column())

    def cell(self, row: RejectedRow, column: int) -> object:
        if column == RejectedColumn.WHEN:
            return moment_text(row.when.astimezone(self.tz))
        if column == RejectedColumn.WHO:
            return row.who
        if column == RejectedColumn.WHAT:
            return row.what
        return translated(row.why)


def moment_text(when: datetime) -> str:
    """'Mon 23 Nov 08:01:02': the wall time of `when`, day and month in the language."""
    at = QDateTime(
        QDate(when.year, when.month, when.day), QTime(when.hour, when.minute, when.second)
    )
    return QLocale().toString(at, "ddd dd MMM HH:mm:ss")


def may_review(operator: Operator | None) -> bool:
    """Sending a rejected change again, or dropping it, is a supervisor's or manager's."""
    return operator is not None and any(operator.has(role) for role in REVIEWERS)


def explain(error: Exception | str) -> str:
    """What the person reads: the service's words, fields by the names on this screen."""
    if isinstance(error, Rejected):  # the state says no: its words as they are
        return translated(error.reason)
    return error_text(error, {field: translated(name) for field, name in FIELD_NAMES.items()})


@dataclass(frozen=True)
class Reviewed:
    """A command's answer: the list as it is now, and the kind a re-issue recorded (the
    screens showing it refresh), None after a drop."""

    rows: list[RejectedRow]
    kind: str | None


def reissue(actor: str, event_id: str) -> Callable[[SyncEngine], Reviewed]:
    def command(engine: SyncEngine) -> Reviewed:
        event = RejectionService(engine.store, engine.clock).reissue(actor, event_id)
        return Reviewed(rejected_rows(engine), event.kind)

    return command


def drop(actor: str, event_id: str, reason: str) -> Callable[[SyncEngine], Reviewed]:
    def command(engine: SyncEngine) -> Reviewed:
        RejectionService(engine.store, engine.clock).drop(actor, event_id, reason)
        return Reviewed(rejected_rows(engine), None)

    return command


class DropDialog(ReasonDialog):
    """Why a rejected change can go; Drop stays disabled until the reason says something.
    Like the other reason dialogs it does not run the command: it emits `sig_submitted`
    and the caller answers with `accept` or `show_error` (what was typed stays).

    Signals:
        sig_submitted: carries the reason.
    """

    def __init__(self, row: RejectedRow, parent: QWidget | None = None) -> None:
        def words() -> ReasonWords:
            return ReasonWords(
                title=tr("Drop a rejected change"),
                heading=tr("Drop this rejected change"),
                explanation=tr("{what} (by {who}).\nThe server said: {why}").format(
                    what=row.what, who=row.who, why=translated(row.why)
                ),
                reason_label=tr("Reason (kept with the decision)"),
                placeholder=tr("e.g. already done again by hand"),
                action=tr("Drop"),
                busy=tr("Dropping…"),
            )

        super().__init__(words, parent, name="dropRejectedDialog")

    def show_error(self, error: Exception | str, invalid: Sequence[QWidget] = ()) -> None:
        """Refused: the reason is what the person can change, so it is marked."""
        super().show_error(error, [*invalid, self.reason])

    def error_text(self, error: Exception | str) -> str:
        return explain(error)


class RejectedEventsDialog(QDialog):
    """The list, and for a supervisor or manager: Send again, Drop….

    Signals:
        sig_reviewed: a row was sent again or dropped; carries the message shown.
    """

    sig_reviewed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        tz: tzinfo | None = None,
        *,
        controller: SyncController | None = None,
        operator: Operator | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rejectedDialog")
        self.controller = controller
        self.operator = operator
        self.drop_dialog: DropDialog | None = None
        self._busy = False
        self._message_words: Callable[[], str] = lambda: ""  # the message line, said again
        self.heading = label("heading")
        self.hint = label("hint", wrap=True)
        self.model = RejectedModel(self, tz)
        self.table = QTableView()
        self.table.setObjectName("rejectedTable")
        self.table.setModel(self.model)
        configure_row_table(self.table, ROW_HEIGHT)
        # Time and name fit their text; the reason, the longest, gets the rest.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RejectedColumn.WHAT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RejectedColumn.WHY, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(RejectedColumn.WHAT, WHAT_WIDTH)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(True)
        # A row is picked by a tap; the keys belong to the buttons (no focus frame in a cell).
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        # What the last action did (or why it did not).
        self.message = label("message", wrap=True)
        self.read_only = label("hint", wrap=True)
        self.send_button = command_button("", "primary")
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self._on_send_clicked)
        self.drop_button = command_button("", "secondary")
        self.drop_button.setAutoDefault(False)
        self.drop_button.clicked.connect(self.open_drop)
        self.close_button = QPushButton()
        self.close_button.setObjectName("secondary")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.drop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.read_only)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(1180, 600)
        self.show_message("")
        self._update_buttons()
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Rejected by the server"))
        self.heading.setText(tr("Changes the server rejected"))
        self.hint.setText(
            tr(
                "These changes were made on this terminal, but the server refused them, so "
                "they were undone here. Send one again in your name if it still applies, or "
                "drop it."
            )
        )
        self.read_only.setText(
            tr("Only a supervisor or manager can send these again or drop them.")
        )
        self.send_button.setText(tr("Send again"))
        self.drop_button.setText(tr("Drop…"))
        self.close_button.setText(tr("Close"))
        self.message.setText(self._message_words())

    # --- for the caller -----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[RejectedRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            self.select(selected.event_id)
        self._update_buttons()

    def set_operator(self, operator: Operator | None) -> None:
        """Who is logged in: only a supervisor or manager gets the buttons."""
        self.operator = operator
        if self.drop_dialog is not None and not may_review(operator):
            self.drop_dialog.reject()
        self.show_message("")
        self._update_buttons()

    def selected(self) -> RejectedRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, event_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).event_id == event_id:
                self.table.selectRow(row)
                return

    def show_message(self, text: str | Callable[[], str], *, error: bool = False) -> None:
        """`text`, or words that say it in the current language (again after a switch)."""
        self._message_words = text if callable(text) else lambda: text
        self.message.setText(self._message_words())
        set_flag(self.message, "error", error)

    def showEvent(self, event: QShowEvent) -> None:
        # Opened again later: what the last action did is old news.
        if not self._busy:
            self.show_message("")
        super().showEvent(event)

    # --- the two decisions --------------------------------------------------------------------

    def _update_buttons(self, *_: object) -> None:
        can = (
            self.controller is not None
            and may_review(self.operator)
            and self.selected() is not None
            and not self._busy
        )
        self.send_button.setEnabled(can)
        self.drop_button.setEnabled(can)
        self.read_only.setVisible(not may_review(self.operator))

    def _on_send_clicked(self) -> None:
        row, operator = self.selected(), self.operator
        if row is None or operator is None or not self.send_button.isEnabled():
            return
        self._run(
            f"{operator.id} sent the rejected event {row.event_id} again",
            reissue(operator.id, row.event_id),
            lambda: tr("Sent again as {name}").format(name=operator.name),
            lambda: tr("Sending again…"),
            lambda error: self.show_message(
                lambda: tr("Not sent again: {why}").format(why=explain(error)), error=True
            ),
        )

    def open_drop(self) -> DropDialog | None:
        row, operator = self.selected(), self.operator
        if row is None or operator is None or not self.drop_button.isEnabled():
            return None
        dialog = DropDialog(row, self)

        def refused(error: Exception) -> None:
            if self.drop_dialog is dialog:
                dialog.show_error(error)
            else:  # closed meanwhile (a logout): say it here
                self.show_message(
                    lambda: tr("Not dropped: {why}").format(why=explain(error)), error=True
                )

        def submitted(reason: object) -> None:
            self._run(
                f"{operator.id} dropped the rejected event {row.event_id}",
                drop(operator.id, row.event_id, str(reason)),
                lambda: tr("Dropped"),
                lambda: tr("Dropping…"),
                refused,
                dialog,
            )

        dialog.sig_submitted.connect(submitted)
        dialog.finished.connect(self._on_drop_dialog_finished)
        self.drop_dialog = dialog
        dialog.open()
        return dialog

    def _on_drop_dialog_finished(self, _result: int) -> None:
        if self.drop_dialog is not None:
            self.drop_dialog.deleteLater()
        self.drop_dialog = None

    def _run(
        self,
        description: str,
        command: Callable[[SyncEngine], Reviewed],
        done_text: Callable[[], str],
        busy_text: Callable[[], str],
        on_error: Callable[[Exception], None],
        dialog: QDialog | None = None,
    ) -> None:
        controller = self.controller
        assert controller is not None  # the buttons are enabled only with one
        self._busy = True
        self._update_buttons()
        self.show_message(busy_text)

        def done(result: Reviewed) -> None:
            self._busy = False
            if self.drop_dialog is not None and self.drop_dialog is dialog:
                self.drop_dialog.accept()
            self.model.set_rows(result.rows)
            self.show_message(done_text)
            self._update_buttons()
            if result.kind is not None:
                controller.changed_here({result.kind})
            controller.retry_now()  # the status bar counts again (a re-issue goes out)
            self.sig_reviewed.emit(done_text())

        def failed(error: Exception) -> None:
            self._busy = False
            self.show_message("")
            self._update_buttons()
            on_error(error)

        engine = controller.engine
        controller.background.command(
            description, lambda: command(engine), done, failed, owner=self
        )
