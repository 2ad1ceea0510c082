"""Sends notifications on a timer, on the network lane, while the terminal runs."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.clock import Clock
from app.errors import TaktError
from app.settings import NotifySettings
from app.store import Store
from sync.notify.dispatch import Delivery
from sync.notify.outbox import NotificationOutbox
from sync.notify.setup import channels_from
from ui.workers import Lane

log = logging.getLogger(__name__)


class NotifyController(QObject):
    """Signals:
    sig_problem: notifications cannot be sent (bad settings, no keyring, a channel failing).
    """

    sig_problem = Signal(str)

    def __init__(
        self,
        store: Store,
        settings: NotifySettings,
        clock: Clock,
        net: Lane,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._clock = clock
        self._net = net
        self._outbox: NotificationOutbox | None = None
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(int(settings.interval_seconds * 1000))
        self.timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        if self._settings.smtp is None and not self._settings.webhook_url:
            return  # nothing configured: nothing to send
        self.timer.start()
        self._on_timer_timeout()

    def _on_timer_timeout(self) -> None:
        if self._busy:
            return  # the last round is still sending: skip this tick
        self._busy = True
        self._net.submit(self._round, self._on_round_done, self._on_round_failed)

    def _round(self) -> list[Delivery]:
        if self._outbox is None:
            # Built here, off the GUI thread: reading the keyring may block (D-Bus).
            self._outbox = NotificationOutbox(
                self._store, channels_from(self._settings), self._clock
            )
        return self._outbox.run_once()

    def _on_round_done(self, deliveries: list[Delivery]) -> None:
        self._busy = False
        failed = [d for d in deliveries if not d.ok]
        if failed:
            self.sig_problem.emit(f"notifications: {failed[0].channel} failing ({failed[0].error})")

    def _on_round_failed(self, error: Exception) -> None:
        self._busy = False
        message = str(error) if isinstance(error, TaktError) else f"notifications stopped: {error}"
        log.warning("%s", message)
        self.sig_problem.emit(message)
