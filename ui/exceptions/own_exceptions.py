"""The kiosk's list of the operator's own open exceptions, kept fresh.

Read on the database lane (`queries_exceptions.raised_by`) when someone logs in, after
an exception command went through (a capture, an acknowledgement...) and whenever the
board reloaded; reads never pile up: one runs at a time, and a request meanwhile makes
one more read afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.queries_exceptions import ExceptionRow, raised_by
from app.services.people import Operator
from ui.board.board_controller import BoardController
from ui.board.kiosk_lane_view import KioskLaneView
from ui.exceptions.exceptions_controller import ExceptionsController


class OwnExceptions(QObject):
    """Signals:
    sig_refreshed: the kiosk's list was read again and shown; carries how many rows.
    """

    sig_refreshed = Signal(int)

    def __init__(
        self,
        controller: ExceptionsController,
        kiosk: KioskLaneView,
        board: BoardController | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or kiosk)
        self.controller = controller
        self.kiosk = kiosk
        self.operator: Operator | None = None
        self._reading = False
        self._pending = False
        controller.sig_changed.connect(self.refresh)
        if board is not None:
            board.sig_lanes_changed.connect(self.refresh)

    def set_operator(self, operator: Operator | None) -> None:
        self.operator = operator
        if operator is None:
            self.kiosk.set_own_exceptions(())
        else:
            self.refresh()

    def refresh(self, *_: object) -> None:
        if self.operator is None:
            return
        if self._reading:
            self._pending = True
            return
        self._reading = True
        user_id = self.operator.id
        self.controller.read(
            lambda session: raised_by(session, user_id),
            lambda rows: self._on_read(user_id, rows),
            self._on_failed,
        )

    def _on_read(self, user_id: str, rows: tuple[ExceptionRow, ...]) -> None:
        self._reading = False
        if self._pending:
            self._pending = False
            self.refresh()
            return
        if self.operator is None or self.operator.id != user_id:
            return  # someone else logged in meanwhile; their read is on its way
        self.kiosk.set_own_exceptions(rows)
        self.sig_refreshed.emit(len(rows))

    def _on_failed(self, _error: Exception) -> None:
        self._reading = False
        if self._pending:
            self._pending = False
            self.refresh()
