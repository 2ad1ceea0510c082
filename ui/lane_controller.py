"""What every screen controller shares: reads and commands on the database lane.

`read(query, on_done, on_error)` runs `query(session)` in a short read session;
`command(description, fn, on_done=..., on_error=...)` runs a service call. Both go through
`ui.background` with the controller as owner: they report back on the GUI thread, and not
at all once the controller closed. A command that went through emits `sig_changed`; one
that was refused emits `sig_command_failed` with the message to show, and hands the
exception itself to `on_error`, so a form can mark the fields a `ValidationError` names.

`ScreenCommands` is what a screen holds to run commands in the logged-in person's name
and say on its message line what became of them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot
from sqlalchemy.orm import Session

from app.changes import Changes
from app.services.people import Operator
from app.store import Store
from ui.background import Background
from ui.common.errors import failure_text
from ui.i18n import translated

log = logging.getLogger(__name__)

T = TypeVar("T")


class LaneController(QObject):
    """Signals:
    sig_changed: a command went through, or the data changed elsewhere; carries what.
    sig_command_failed: a command was refused or failed; carries the message to show.
    """

    sig_changed = Signal(str)
    sig_command_failed = Signal(str)
    _sig_store_changed = Signal()
    subject = "data"  # what this controller reads, for the log

    def __init__(self, store: Store, background: Background, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.background = background
        self._wanted: Callable[[Changes], bool] | None = None

    def close(self) -> None:
        if self._note_changes in self.store.on_changes:
            self.store.on_changes.remove(self._note_changes)
        self.background.close(self)

    def follow_changes(self, wanted: Callable[[Changes], bool]) -> None:
        """Say `sig_changed` whenever a write to the store (a command here, a page of
        other terminals' events from sync) changed what `wanted` looks for."""
        if self._wanted is None:
            self._sig_store_changed.connect(
                self._on_store_changed, Qt.ConnectionType.QueuedConnection
            )
            self.store.on_changes.append(self._note_changes)
        self._wanted = wanted

    def _note_changes(self, changes: Changes) -> None:
        # On the writer's thread: only decide and say so; the GUI thread reads.
        if self._wanted is not None and self._wanted(changes):
            try:
                self._sig_store_changed.emit()
            except RuntimeError:  # torn down under the writer
                log.debug("%s: news dropped after the controller closed", self.subject)

    @Slot()
    def _on_store_changed(self) -> None:
        self.changed_elsewhere(f"{self.subject} changed")

    def changed_elsewhere(self, description: str) -> None:
        """The data changed without a command here (another terminal's, via sync)."""
        if self.background.is_open(self):
            self.sig_changed.emit(description)

    def read(
        self,
        query: Callable[[Session], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run `query(session)` in a short read session on the database lane."""

        def task() -> T:
            with self.store.read() as session:
                return query(session)

        self.background.read(task, on_done, on_error, owner=self, what=self.subject)

    def command(
        self,
        description: str,
        fn: Callable[[], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run `fn()` on the database lane (logged as `description`); then the signals."""

        def done(result: T) -> None:
            self.after_command()
            self.sig_changed.emit(description)
            if on_done is not None:
                on_done(result)

        def failed(error: Exception) -> None:
            self.sig_command_failed.emit(failure_text(error))
            if on_error is not None:
                on_error(error)

        self.background.command(description, fn, done, failed, owner=self)

    def after_command(self) -> None:
        """What else a command that went through changes (e.g. the board)."""


class CommandDialogLike(Protocol):
    def accept(self) -> None: ...
    def show_error(self, error: Exception) -> None: ...


class ScreenCommands:
    """Commands a screen runs in the logged-in person's name, some from a dialog.

    The command runs on the database lane (`LaneController.command`) with that person's
    id; success closes the dialog and says what was done on the screen's message line, a
    refusal goes back to the dialog (which marks the fields) or, without one (or once it
    closed), to the message line. What is said is handed over as words to say again, so
    the screen repeats it after a language switch.

    A command's `description` is logged as it is and shown, capitalised, when the
    command went through: pass an `app.i18n.tr(...)` Message so the log keeps English
    and the screen says it in the person's language."""

    def __init__(
        self,
        controller: LaneController,
        *,
        operator: Callable[[], Operator | None],
        open_dialog: Callable[[], object | None],
        say: Callable[[Callable[[], str], bool], None],
        explain: Callable[[Exception], str] = failure_text,
    ) -> None:
        self.controller = controller
        self._operator = operator  # who is logged in now
        self._open_dialog = open_dialog  # the screen's dialog now, if one is open
        self._say = say  # say(words, error): the message line
        self._explain = explain  # a refusal in the screen's words

    def run(
        self,
        description: str,
        command: Callable[[str], Any],
        dialog: CommandDialogLike | None = None,
    ) -> None:
        operator = self._operator()
        if operator is None:
            return
        actor = operator.id

        def done(_result: object) -> None:
            self._say(lambda: sentence(translated(description)), False)
            if dialog is not None and dialog is self._open_dialog():
                dialog.accept()

        def failed(error: Exception) -> None:
            if dialog is not None and dialog is self._open_dialog():
                dialog.show_error(error)
            else:
                self._say(lambda: self._explain(error), True)

        self.controller.command(description, lambda: command(actor), on_done=done, on_error=failed)


def sentence(text: str) -> str:
    """A command's description as a message line says it ("Closed “x”.")."""
    return text[:1].upper() + text[1:] + "." if text else ""
