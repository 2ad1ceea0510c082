"""Reading the machine host's diagnostics from the server, off the GUI thread.

The server runs the machine host (`takt server --machines FILE`) and answers its
diagnostics at GET /v1/machines/status (`Transport.machine_status`). `MachineStatusReader`
asks on the network lane (ui.background) when told to and every few seconds while it is
started (the diagnostics screen starts it while it is on screen); one read at a time, a
tick while one is on its way is skipped. What comes back is either a `HostStatus` or why
there is none (`Unavailable`): this terminal follows no server, the server reads no
machines (it answers 404: it runs without a machine mapping), or the server cannot be
reached (offline, busy, refused).

`ServerStatusSource` is what a terminal that follows a server reads with: a transport of
its own (the sync engine's threads keep theirs), with the engine's current token.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.clock import Clock, SystemClock
from sync.client.engine import SyncEngine
from sync.client.transport import Refused, SyncError, Transport
from sync.machines.diagnostics import HostStatus
from ui.background import Background

log = logging.getLogger(__name__)

REFRESH_MS = 5_000

StatusSource = Callable[[], HostStatus]


class Why(StrEnum):
    NO_SERVER = "no_server"  # this terminal follows no server
    NO_MACHINES = "no_machines"  # the server reads no machine signals
    UNREACHABLE = "unreachable"  # offline, busy, or it refused the request


@dataclass(frozen=True)
class Unavailable:
    why: Why
    said: str = ""  # the server's (or the connection's) own words, for the curious


@dataclass(frozen=True)
class StatusRead:
    status: HostStatus
    at: datetime  # when it was read (terminal clock)


class ServerStatusSource:
    """Reads the diagnostics from the server `engine` follows (on a worker thread; the
    reader asks one read at a time)."""

    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine
        self._transport: Transport | None = None

    def __call__(self) -> HostStatus:
        own = self.engine.transport
        transport = self._transport
        if transport is None or transport.base_url != own.base_url:
            if transport is not None:
                transport.close()
            transport = self._transport = Transport(own.base_url, own.token)
        transport.token = own.token  # after a re-registration, the new one
        return transport.machine_status()

    def close(self) -> None:
        """Drop the connection (a read on its way fails, and its answer is dropped)."""
        transport, self._transport = self._transport, None
        if transport is not None:
            transport.close()


def unavailable(error: Exception) -> Unavailable:
    """Why a read of the diagnostics failed, in the screen's terms."""
    if isinstance(error, Refused) and "404" in str(error):
        return Unavailable(Why.NO_MACHINES, str(error))
    if isinstance(error, SyncError):
        return Unavailable(Why.UNREACHABLE, str(error))
    log.error("reading the machine diagnostics failed", exc_info=error)
    return Unavailable(Why.UNREACHABLE, type(error).__name__)


class MachineStatusReader(QObject):
    """Signals:
    sig_read: the diagnostics were read; carries a StatusRead.
    sig_unavailable: none could be read; carries an Unavailable (why).
    """

    sig_read = Signal(object)
    sig_unavailable = Signal(object)

    def __init__(
        self,
        background: Background,
        source: StatusSource | None = None,
        *,
        clock: Clock | None = None,
        interval_ms: int = REFRESH_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.background = background
        self.source = source
        self.clock = clock or SystemClock()
        self.last: StatusRead | Unavailable | None = None
        self._reading = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.refresh)

    def set_source(self, source: StatusSource | None) -> None:
        """Read from `source` from now on (None: this terminal follows no server)."""
        old, self.source = self.source, source
        if isinstance(old, ServerStatusSource) and old is not source:
            old.close()
        if self._timer.isActive():
            self.refresh()

    @property
    def started(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Read now and every few seconds until `stop`."""
        if not self._timer.isActive():
            self._timer.start()
        self.refresh()

    def stop(self) -> None:
        self._timer.stop()

    def close(self) -> None:
        """The window is going away: no more reads, and what is on its way is dropped."""
        self.stop()
        self.background.close(self)
        if isinstance(self.source, ServerStatusSource):
            self.source.close()

    @Slot()
    def refresh(self) -> None:
        """Read the diagnostics now (a read already on its way answers instead)."""
        if self._reading or not self.background.is_open(self):
            return
        source = self.source
        if source is None:
            self._on_failed_read(Unavailable(Why.NO_SERVER))
            return
        self._reading = True
        self.background.network(source, self._on_status, self._on_error, owner=self)

    def _on_status(self, status: HostStatus) -> None:
        self._reading = False
        read = StatusRead(status, self.clock.now())
        self.last = read
        self.sig_read.emit(read)

    def _on_error(self, error: Exception) -> None:
        self._reading = False
        self._on_failed_read(unavailable(error))

    def _on_failed_read(self, why: Unavailable) -> None:
        self.last = why
        self.sig_unavailable.emit(why)
