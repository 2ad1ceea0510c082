"""The server's notifier: mails and webhooks for exceptions, sent from the server only.

Every terminal sees every exception, so a terminal that sent would send what the others
send too. The server holds each event once: it sends each exception's messages once per
channel (sync/notify/outbox.py), with its sent list in its own database, so a restart
resends nothing. It runs on a timer and is woken when events are applied, so a raised
exception goes out within moments. Configured by `[notify]` in takt.toml, read by
`takt server`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

from app.clock import Clock
from app.store import Store
from sync.notify.channels import Channel
from sync.notify.dispatch import Delivery
from sync.notify.outbox import NotificationOutbox

log = logging.getLogger(__name__)


class ServerNotifier:
    def __init__(
        self, store: Store, channels: Sequence[Channel], clock: Clock, interval_s: float = 15.0
    ) -> None:
        self.outbox = NotificationOutbox(store, channels, clock)
        self._interval = interval_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="takt-notify", daemon=True)

    def start(self) -> None:
        # The cursor is made before the server takes pushes: nothing pushed meanwhile is
        # taken for history.
        self.outbox.begin()
        self._thread.start()

    def wake(self) -> None:
        """New events were applied: look for something to send now, not at the next tick."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=10)

    def send_now(self) -> list[Delivery]:
        deliveries = self.outbox.run_once()
        failed = [d for d in deliveries if not d.ok]
        if failed:
            log.warning(
                "notifications: %d of %d not sent (%s: %s); retried later",
                len(failed),
                len(deliveries),
                failed[0].channel,
                failed[0].error,
            )
        return deliveries

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.send_now()
            except Exception:  # the notifier must outlive one bad round; the log says why
                log.exception("sending notifications failed")
            self._wake.wait(self._interval)


def notify_options() -> dict[str, Any]:
    """create_app's notification arguments from takt.toml's [notify], with the channels'
    secrets from the keyring; nothing (and the reason logged) when they cannot be used."""
    from app.errors import TaktError
    from app.settings import load_settings
    from sync.notify.setup import channels_from

    try:
        settings = load_settings().notify
        channels = channels_from(settings)
    except TaktError as error:
        log.error("notifications are off: %s", error)
        return {}
    if not channels:
        log.info("notifications: none configured ([notify] in takt.toml)")
        return {}
    log.info("notifications: %s", ", ".join(c.name for c in channels))
    return {"notify_channels": channels, "notify_interval_s": settings.interval_seconds}
