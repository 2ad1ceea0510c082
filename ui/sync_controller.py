"""The window's side of syncing: the engine's news brought to the GUI thread.

`SyncEngine` works in its own threads and reports through callbacks called from them.
`SyncController` hands those callbacks to a small bridge whose signals are emitted in
the engine's threads and delivered, queued, on the GUI thread. There it tells the
screens that events from other terminals arrived: the board reloads, the exception
screens refresh (and the ERP postings screen, for the ERP's verdicts the server's writer
recorded), all on the database lane like any other read. A burst of pages (a
terminal catching up after a night offline) becomes one reload. The screens that read or
act on the engine (the rejected events) do it through `background` (ui.background).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.events.replica import PageResult
from sync.client.engine import SyncEngine, SyncStatus
from ui.background import Background
from ui.board.board_controller import BoardController
from ui.erp.postings_controller import PostingsController
from ui.exceptions.exceptions_controller import ExceptionsController

log = logging.getLogger(__name__)

COALESCE_MS = 200

# Kinds that change nothing on a board: people logging in and out elsewhere.
SESSION_KINDS = frozenset(
    {"user.logged_in", "user.logged_out", "user.login_failed", "user.locked_out"}
)
# Prefixes of kinds the exception screens show (names come with user.enrolled).
EXCEPTION_PREFIXES = ("exception.", "task.", "user.enrolled")
# Prefixes of kinds the ERP postings screen shows: verdicts and decisions, and what
# makes new postings (its pending count): confirmations, material issues, quality holds
# raised, stops and holds resolved.
POSTING_PREFIXES = (
    "erp.",
    "operation.confirmed",
    "material.issued",
    "exception.raised",
    "exception.resolved",
)
EVERYTHING = "*"  # a refetch: every projection was rebuilt


def touches_board(kinds: Iterable[str]) -> bool:
    return any(kind not in SESSION_KINDS for kind in kinds)


def touches_exceptions(kinds: Iterable[str]) -> bool:
    return any(kind == EVERYTHING or kind.startswith(EXCEPTION_PREFIXES) for kind in kinds)


def touches_postings(kinds: Iterable[str]) -> bool:
    return any(kind == EVERYTHING or kind.startswith(POSTING_PREFIXES) for kind in kinds)


class _Bridge(QObject):
    """Emitted from the engine's threads; receivers on the GUI thread get them queued."""

    status = Signal(object)
    applied = Signal(object)


class SyncController(QObject):
    """Signals:
    sig_status: carries the engine's latest SyncStatus.
    sig_applied: carries the PageResult of events from the server applied here.
    sig_caught_up: `catch_up` applied everything the server held; carries its PageResult.
    sig_catch_up_failed: `catch_up` could not reach the server; carries why.
    """

    sig_status = Signal(object)
    sig_applied = Signal(object)
    sig_caught_up = Signal(object)
    sig_catch_up_failed = Signal(str)

    def __init__(
        self,
        engine: SyncEngine,
        background: Background,
        board: BoardController | None = None,
        exceptions: ExceptionsController | None = None,
        parent: QObject | None = None,
        *,
        postings: PostingsController | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.background = background  # the window's: reads and commands on the engine
        self._board = board
        self._exceptions = exceptions
        self._postings = postings
        self.status: SyncStatus = engine.status
        self._started = False
        self._stopped = False
        self._stopper: threading.Thread | None = None
        self._pending_kinds: set[str] = set()
        # The bridge is owned by the callbacks below (not by Qt), so an engine thread that
        # reports while the window is being torn down emits on a live object.
        bridge = _Bridge()
        bridge.status.connect(self._on_bridge_status)
        bridge.applied.connect(self._on_bridge_applied)
        self._bridge = bridge
        engine.on_status = _emitter(bridge.status.emit)
        engine.on_applied = _emitter(bridge.applied.emit)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(COALESCE_MS)
        self._refresh_timer.timeout.connect(self._on_refresh_timer_timeout)

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        if self._started or self._stopped:
            return
        self._started = True
        self.sig_status.emit(self.status)
        self.engine.start()

    def stop(self) -> None:
        """Tell the engine to stop, without waiting for it (see `wait_stopped`).

        The live stream's thread may sit in a socket read until the server's next
        keep-alive, seconds away: a closing window must not freeze for that long.
        """
        if self._stopped:
            return
        self._stopped = True
        self._refresh_timer.stop()
        if self._started:
            self._stopper = threading.Thread(
                target=self._stop_engine, name="takt-sync-stop", daemon=True
            )
            self._stopper.start()

    def wait_stopped(self, timeout_s: float) -> bool:
        """Wait up to `timeout_s` for the engine's threads to end; whether they did."""
        if self._stopper is not None:
            self._stopper.join(timeout_s)
            return not self._stopper.is_alive()
        return True

    def _stop_engine(self) -> None:
        try:
            self.engine.stop()
        except Exception:  # runs in its own thread: nobody else would hear of it
            log.exception("stopping the sync engine failed")

    def retry_now(self) -> None:
        """Push (and so find out whether the server is back) now, not after the backoff."""
        if self._started and not self._stopped:
            self.engine.wake()

    def catch_up(self) -> None:
        """Pull everything the server holds now (the smoke run logs in only after it)."""

        def failed(error: Exception) -> None:
            log.warning("catching up with the server failed: %s", error)
            self.sig_catch_up_failed.emit(str(error))

        self.background.network(
            self.engine.pull_pending, self.sig_caught_up.emit, failed, owner=self
        )

    def changed_here(self, kinds: Iterable[str]) -> None:
        """A command run here changed what events of these kinds show (a re-issued
        override): refresh those screens as for the server's news."""
        if self._stopped:
            return
        self._pending_kinds |= set(kinds)
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    # --- from the engine, on the GUI thread -----------------------------------------------

    @Slot(object)
    def _on_bridge_status(self, status: SyncStatus) -> None:
        if self._stopped:
            return
        self.status = status
        self.sig_status.emit(status)

    @Slot(object)
    def _on_bridge_applied(self, result: PageResult) -> None:
        if self._stopped:
            return
        self.sig_applied.emit(result)
        # The board at once (it reads only what the page changed, and folds the pages
        # that arrive meanwhile into one read); a board nobody has opened yet loads
        # everything when it is first shown.
        if self._board is not None and self._board.active and touches_board(result.kinds):
            self._board.request_reload()
        self._pending_kinds |= result.kinds
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    @Slot()
    def _on_refresh_timer_timeout(self) -> None:
        kinds, self._pending_kinds = self._pending_kinds, set()
        if self._board is not None and self._board.active and touches_board(kinds):
            self._board.request_reload()  # a command here changed what the board shows
        if self._exceptions is not None and touches_exceptions(kinds):
            self._exceptions.changed_elsewhere("events from other terminals arrived")
        if self._postings is not None and touches_postings(kinds):
            self._postings.changed_elsewhere("ERP postings changed on the server")


def _emitter(emit: Callable[[object], None]) -> Callable[[object], None]:
    def report(value: object) -> None:
        try:
            emit(value)
        except RuntimeError:  # the bridge is gone: the window closed under the engine
            log.debug("sync report dropped after the window closed")

    return report
