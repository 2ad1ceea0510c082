"""ERP posting commands and reads for the postings screen, on the database lane.

`PostingsController` owns the `ErpPostingService`. Each command runs on the database
lane; when it went through, `sig_changed` tells the screen to refresh. Failures come
back as the exception object, so a dialog can mark the fields a `ValidationError` names.
Events from other terminals (the server's writer recording what the ERP said) arrive by
sync: `changed_elsewhere` passes them on the same way.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from app.clock import Clock
from app.services.erp import ErpPostingService
from app.store import Store
from ui.background import Background
from ui.lane_controller import LaneController

log = logging.getLogger(__name__)


class PostingsController(LaneController):
    """Signals (from LaneController): sig_changed, sig_command_failed."""

    subject = "ERP postings"

    def __init__(
        self, store: Store, background: Background, clock: Clock, parent: QObject | None = None
    ) -> None:
        super().__init__(store, background, parent)
        self.clock = clock
        self.service = ErpPostingService(store, clock)
