"""The server's link to the ERP: the single writer posting outcomes, and the import that
brings the plan over on a schedule. Only the server runs this; terminals never call
the ERP."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from app.clock import Clock
from app.store import Store
from sync.erp.base import ErpAdapter, ErpError
from sync.erp.commands import run_import
from sync.erp.writer import ErpWriter

log = logging.getLogger(__name__)


class ErpLink:
    def __init__(
        self,
        store: Store,
        adapter: ErpAdapter,
        clock: Clock,
        on_commit: Callable[[], None],
        *,
        post_interval_s: float = 1.0,
        import_interval_s: float | None = 15 * 60.0,
    ) -> None:
        self.writer = ErpWriter(
            store, adapter, clock, on_commit=on_commit, refresh_credentials=self.refresh_credentials
        )
        self.clock = clock
        self.store = store
        self.adapter = adapter
        self.on_commit = on_commit
        self.post_interval_s = post_interval_s
        self.import_interval_s = import_interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_key: str | None = None
        self._last_secret: str | None = None

    def refresh_credentials(self) -> bool:
        """After a 401: take the key from the keyring again (an admin may have rotated it);
        True when it changed, so the writer tries once more."""
        from app.errors import TaktError
        from app.secrets import get_secret
        from sync.erp.config import API_KEY, API_SECRET

        try:
            key, secret = get_secret(API_KEY), get_secret(API_SECRET)
        except TaktError as error:
            log.warning("cannot read the ERP credentials: %s", error)
            return False
        if not key or (key == self._last_key and secret == self._last_secret):
            return False
        self._last_key, self._last_secret = key, secret
        set_credentials = getattr(self.adapter, "set_credentials", None)
        if set_credentials is not None and secret:
            set_credentials(key, secret)  # ERPNext: key and secret
        elif hasattr(self.adapter, "api_key"):
            self.adapter.api_key = key  # Odoo: the API key alone
        else:
            return False
        return True

    def import_now(self) -> None:
        log.info("ERP import: %s", "; ".join(run_import(self.store, self.adapter, self.clock)))
        self.on_commit()

    def start(self) -> None:
        self.writer.start(self.post_interval_s)
        if self.import_interval_s:
            self._thread = threading.Thread(
                target=self._imports, name="takt-erp-import", daemon=True
            )
            self._thread.start()

    def wake(self) -> None:
        """New events were applied: postings they made may be due now."""
        self.writer.wake()

    def stop(self) -> None:
        self._stop.set()
        self.writer.stop()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _imports(self) -> None:
        assert self.import_interval_s
        while True:
            try:
                self.import_now()
            except ErpError as error:  # the ERP is down: the next round tries again
                log.warning("ERP import failed: %s", error)
            except Exception:
                log.exception("ERP import failed")
            if self._stop.wait(self.import_interval_s):
                return
