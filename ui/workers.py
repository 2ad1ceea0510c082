"""Running database and network work off the GUI thread.

Two lanes, after Anki: one thread for the database (SQLite has one writer) and a
small pool for the network. Results come back to the GUI thread through a signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()  # created on the GUI thread, so its slots run there

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as error:  # every failure goes back to the caller
            self.signals.failed.emit(error)
        else:
            self.signals.done.emit(result)


class Lane:
    """A named pool of worker threads; `submit` never blocks the caller."""

    def __init__(self, name: str, threads: int) -> None:
        self.name = name
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(threads)
        self._running: set[_Task] = set()

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        task = _Task(fn)
        task.setAutoDelete(False)
        self._running.add(task)

        def finished(result: Any, ok: bool) -> None:
            self._running.discard(task)
            if ok and on_done is not None:
                on_done(result)
            elif not ok:
                if on_error is not None:
                    on_error(result)
                else:
                    log.error("%s task failed", self.name, exc_info=result)

        task.signals.done.connect(lambda r: finished(r, True))
        task.signals.failed.connect(lambda e: finished(e, False))
        self.pool.start(task)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


class Workers:
    def __init__(self) -> None:
        self.db = Lane("db", 1)
        self.net = Lane("net", 2)

    def shutdown(self) -> None:
        self.db.wait()
        self.net.wait()
