"""Exception commands and reads for every exception screen, on the database lane.

`ExceptionsController` owns the `ExceptionService`. Each command runs on the database
lane; when it went through, the board is asked to reload (a raised shortage blocks an
operation, a resolved one releases it) and `sig_changed` tells the screens to refresh.
Failures come back as the exception object, so a form can mark the fields a
`ValidationError` names.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from app.clock import Clock
from app.errors import TaktError
from app.i18n import QT_TR_NOOP, Message
from app.routing import store as rules_store
from app.routing.rules import Rule
from app.services.exceptions import ExceptionService, NewException
from app.store import Store
from ui.background import Background
from ui.board.board_controller import BoardController
from ui.lane_controller import LaneController

log = logging.getLogger(__name__)


class ExceptionsController(LaneController):
    """Signals (from LaneController): sig_changed, sig_command_failed."""

    subject = "exceptions"

    def __init__(
        self,
        store: Store,
        background: Background,
        clock: Clock,
        board: BoardController | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(store, background, parent)
        self.clock = clock
        self.board = board
        # A terminal keeps its supervisor's routing rules next to its database.
        self.data_dir: Path | None = store.path.parent if store.path is not None else None
        self.service = ExceptionService(store, clock, rules=self._starting_rules())
        self._checking = False

    def _starting_rules(self) -> tuple[Rule, ...]:
        try:
            return rules_store.load_effective_rules(self.data_dir)
        except (OSError, TaktError) as error:
            # Someone edited the file by hand and broke it: route by the shipped rules.
            log.error(
                "the terminal's routing rules are unusable (%s); using the shipped ones", error
            )
            return rules_store.load_effective_rules(None)

    # --- routing rules --------------------------------------------------------------------

    def save_rules(
        self,
        actor: str,
        text: str,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Check and save a supervisor's rules; new exceptions are routed by them at once.

        The file is written and `service.rules` replaced on the database lane, so a raise
        in flight finishes with the rules it started with.
        """
        data_dir = self.data_dir

        def command() -> int:
            if data_dir is None:
                raise TaktError(
                    Message(QT_TR_NOOP("this terminal keeps no files (its database is in memory)"))
                )
            rules = rules_store.save_rules(data_dir, text)
            self.service.rules = rules
            return len(rules)

        self.command(
            f"{actor} saved the routing rules", command, on_done=on_done, on_error=on_error
        )

    # --- reads ----------------------------------------------------------------------------

    def after_command(self) -> None:
        # A raised shortage blocks an operation, a resolved one releases it.
        if self.board is not None:
            self.board.request_reload()

    def raise_exception(
        self,
        actor: str,
        new: NewException,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self.command(
            f"raised {new.kind.value.replace('_', ' ')}: {new.summary}",
            lambda: self.service.raise_exception(actor, new),
            on_done=on_done,
            on_error=on_error,
        )

    def check_deadlines(self, on_done: Callable[[int], None] | None = None) -> None:
        """Record SLA breaches and escalations that are due (skipped while one runs)."""
        if self._checking or not self.background.is_open(self):
            return
        self._checking = True

        def done(count: int) -> None:
            self._checking = False
            if count:
                self.sig_changed.emit(f"{count} deadline(s) passed")
            if on_done is not None:
                on_done(count)

        def failed(_error: Exception) -> None:
            self._checking = False

        # Housekeeping, not a person's command: the breaches it records are events of
        # their own, so it runs as a read (not logged each time; a failure is).
        self.background.read(
            self.service.check_deadlines, done, failed, owner=self, what="the deadlines"
        )
