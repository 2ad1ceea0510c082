"""The one way the UI runs work off the GUI thread: `Background`.

After Anki's QueryOp and CollectionOp (aqt/operations), on two lanes as in its task
manager: the database lane is one thread (SQLite has one writer, and the board's ranking
engine is touched only there), so its work runs one at a time, in the order it was asked
for; the network lane is a small pool, so a slow server never holds up the database.

    background.read(query, done, failed, owner=self)              # database lane
    background.command(description, fn, done, failed, owner=self) # database lane, logged
    background.network(fn, done, failed, owner=self)              # network lane

`done(result)` and `failed(error)` are called on the GUI thread, never in the worker: they
may touch widgets; the work itself must not (Anki's warning for QueryOp). Every piece of
work has an `owner`, the QObject that asked for it: once it is closed (`close(owner)`)
or deleted, what comes back for it is dropped, so no screen or controller checks a
"closed" flag of its own in its callbacks.

Failures are handled here, once: a read that fails is logged with its traceback (nobody
at the terminal caused it); a command refused by the domain (`app.errors.TaktError`) is
the person's to correct and is logged as a refusal, any other failure of a command is
logged with its traceback; `failed` gets the exception either way and says it to the
person without a traceback (ui.common.errors). A network failure is the caller's to
judge (being offline is normal) and is logged only when nobody takes it.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

from app.errors import TaktError

log = logging.getLogger(__name__)

T = TypeVar("T")

Done = Callable[[Any], None]
Failed = Callable[[Exception], None]


class _Lane:
    """A pool of worker threads; work starts in the order it was handed in."""

    def __init__(self, name: str, threads: int) -> None:
        self.name = name
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(threads)

    def wait(self, msecs: int) -> bool:
        return self.pool.waitForDone(msecs)


class Background(QObject):
    """Runs reads, commands and network calls off the GUI thread and hands their result
    or error back on it (see the module docstring). Create it on the GUI thread: results
    arrive through its queued signal, so in the thread it lives in."""

    # Carries (callback, value) from a worker to the GUI thread.
    _arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = _Lane("database", 1)
        self._net = _Lane("network", 2)
        self._closed: weakref.WeakSet[QObject] = weakref.WeakSet()
        # Queued even when emitted on the GUI thread: a callback never runs inside the
        # call that asked for the work.
        self._arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)

    # --- the three kinds of work ----------------------------------------------------------

    def read(
        self,
        query: Callable[[], T],
        done: Callable[[T], None],
        failed: Failed | None = None,
        *,
        owner: QObject,
        what: str = "data",
    ) -> None:
        """Run `query()` on the database lane: work that changes nothing a person did (a
        read, a re-rank). A failure is logged (`what` names it) before `failed` hears it."""

        def on_error(error: Exception) -> None:
            log.error("reading %s failed", what, exc_info=error)

        self._start(self._db, query, done, failed, owner, on_error)

    def command(
        self,
        description: str,
        fn: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Failed | None = None,
        *,
        owner: QObject,
    ) -> None:
        """Run `fn()`, a write, on the database lane, after every earlier read and command.

        `description` ("started WO-26055 op 10") is logged when the command went through,
        with the refusal when the domain refused it, with the traceback when it failed
        otherwise; pass an `app.i18n` Message to keep the log in English. Logged even when
        `owner` closed meanwhile: the write happened (or not) all the same."""

        def on_result(_result: object) -> None:
            log.info("%s", description)

        def on_error(error: Exception) -> None:
            if isinstance(error, TaktError):
                log.info("refused: %s (%s)", description, error)
            else:
                log.error("command failed: %s", description, exc_info=error)

        self._start(self._db, fn, done, failed, owner, on_error, on_result)

    def network(
        self,
        fn: Callable[[], T],
        done: Callable[[T], None],
        failed: Failed | None = None,
        *,
        owner: QObject,
    ) -> None:
        """Run `fn()` on the network lane (or other slow work that needs no terminal
        database), beside the database lane. A failure goes to `failed`, or is logged."""

        def on_error(error: Exception) -> None:
            if failed is None:
                log.error("network work failed", exc_info=error)

        self._start(self._net, fn, done, failed, owner, on_error)

    # --- owners ---------------------------------------------------------------------------

    def close(self, owner: QObject) -> None:
        """`owner` is going away: drop what is still on its way to it, and what comes back
        for anything it asks for later."""
        self._closed.add(owner)

    def is_open(self, owner: QObject) -> bool:
        """`owner` still takes results: not closed, and not deleted by Qt."""
        return owner not in self._closed and shiboken6.isValid(owner)

    # --- waiting ----------------------------------------------------------------------------

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait until both lanes are idle (-1: for as long as it takes); whether they are.
        What comes back is delivered by the event loop afterwards."""
        db = self._db.wait(msecs)
        return self._net.wait(msecs) and db

    def shutdown(self) -> None:
        """Let the work under way finish (the window is closing)."""
        self.wait()

    # --- machinery --------------------------------------------------------------------------

    def _start(
        self,
        lane: _Lane,
        fn: Callable[[], Any],
        done: Done | None,
        failed: Failed | None,
        owner: QObject,
        on_error: Failed,
        on_result: Done | None = None,
    ) -> None:
        def deliver_result(result: Any) -> None:
            if on_result is not None:
                on_result(result)
            if done is not None and self.is_open(owner):
                done(result)

        def deliver_error(error: Exception) -> None:
            on_error(error)
            if failed is not None and self.is_open(owner):
                failed(error)

        def work() -> None:  # on the lane's thread: hand everything back, touch nothing
            try:
                result = fn()
            except Exception as error:  # every failure goes back to the GUI thread
                self._arrived.emit((deliver_error, error))
            else:
                self._arrived.emit((deliver_result, result))

        lane.pool.start(work)

    @Slot(object)
    def _on_arrived(self, parcel: tuple[Callable[[Any], None], Any]) -> None:
        callback, value = parcel
        callback(value)
