"""Server-side timers: SLA breaches and escalations, decided by the server's clock.

Every deadline in the projections is already on the server's clock: a terminal's
deadlines are moved by its measured clock offset, never past when the server received
the event (app.events.servertime). So this timer compares them with its own clock and
nothing else; a terminal's wrong clock neither breaches an exception early nor holds a
breach off. Facts are recorded once (a second recording of the same tier is stored as
redundant), so nothing doubles.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from app.clock import Clock
from app.services.exceptions import ExceptionService
from app.store import Store

log = logging.getLogger(__name__)


class DeadlineTimer:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        on_commit: Callable[[], None],
        interval_s: float = 15.0,
    ) -> None:
        self._service = ExceptionService(store, clock)
        self._on_commit = on_commit
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="takt-deadlines", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def check_now(self) -> int:
        recorded = self._service.check_deadlines(actor="server")
        if recorded:
            log.info("recorded %d deadline facts", recorded)
            self._on_commit()
        return recorded

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self.check_now()
            except Exception:  # the timer must outlive one bad round; the log says why
                log.exception("deadline check failed")
