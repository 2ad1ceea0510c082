"""What every screen controller shares: reads and commands on the database lane.

Reads run `query(session)` in a short read session; commands run a service call. Both
report back on the GUI thread, and not at all once the screen closed. A command that
went through emits `sig_changed`; one that was refused emits `sig_command_failed` with
the message to show, and hands the exception itself to `on_error`, so a form can mark
the fields a `ValidationError` names.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from app.errors import TaktError
from app.services.people import Operator
from app.store import Store
from ui.board.board_controller import failure_text
from ui.board.confirm_dialog import set_flag
from ui.i18n import translated
from ui.workers import Lane

log = logging.getLogger(__name__)


class LaneController(QObject):
    """Signals:
    sig_changed: a command went through, or the data changed elsewhere; carries what.
    sig_command_failed: a command was refused or failed; carries the message to show.
    """

    sig_changed = Signal(str)
    sig_command_failed = Signal(str)
    subject = "data"  # what this controller reads, for the log

    def __init__(self, store: Store, db: Lane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.db = db
        self._closed = False

    def close(self) -> None:
        self._closed = True

    def changed_elsewhere(self, description: str) -> None:
        """The data changed without a command here (another terminal's, via sync)."""
        if not self._closed:
            self.sig_changed.emit(description)

    def read(
        self,
        query: Callable[[Any], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run `query(session)` in a short read session on the database lane."""

        def task() -> Any:
            with self.store.read() as session:
                return query(session)

        def done(result: Any) -> None:
            if not self._closed:
                on_done(result)

        def failed(error: Exception) -> None:
            log.error("reading %s failed", self.subject, exc_info=error)
            if not self._closed and on_error is not None:
                on_error(error)

        self.db.submit(task, done, failed)

    def run(
        self,
        description: str,
        command: Callable[[], Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        def done(result: Any) -> None:
            if self._closed:
                return
            log.info("%s", description)
            self.after_command()
            self.sig_changed.emit(description)
            if on_done is not None:
                on_done(result)

        def failed(error: Exception) -> None:
            if self._closed:
                return
            if not isinstance(error, TaktError):
                log.error("command failed: %s", description, exc_info=error)
            self.sig_command_failed.emit(failure_text(error))
            if on_error is not None:
                on_error(error)

        self.db.submit(command, done, failed)

    def after_command(self) -> None:
        """What else a command that went through changes (e.g. the board)."""


class CommandDialogLike(Protocol):
    def accept(self) -> None: ...
    def show_error(self, error: Exception) -> None: ...


class PersonCommands:
    """For a screen where the logged-in person runs commands, some from a dialog: the
    command runs on the database lane in that person's name; success closes the dialog
    and says what was done, a refusal goes back to the dialog (which marks the fields)
    or, without one, to the screen's message line.

    A command's `description` is logged as it is and shown, capitalised, when the
    command went through: pass an `app.i18n.tr(...)` Message so the log keeps English
    and the screen says it in the person's language."""

    operator: Operator | None
    dialog: Any
    controller: LaneController
    message: QLabel  # the screen's message line

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        set_flag(self.message, "error", error)

    def explain_failure(self, error: Exception) -> str:
        return failure_text(error)

    def _command(
        self,
        description: str,
        command: Callable[[str], Any],
        dialog: CommandDialogLike | None = None,
    ) -> None:
        if self.operator is None:
            return
        actor = self.operator.id

        def done(_result: Any) -> None:
            said = translated(description)
            self.show_message(said[:1].upper() + said[1:] + ".")
            if dialog is not None and dialog is self.dialog:
                dialog.accept()

        def failed(error: Exception) -> None:
            if dialog is not None and dialog is self.dialog:
                dialog.show_error(error)
            else:
                self.show_message(self.explain_failure(error), error=True)

        self.controller.run(description, lambda: command(actor), on_done=done, on_error=failed)
