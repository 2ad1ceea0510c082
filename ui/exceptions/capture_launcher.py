"""Opening capture forms from the boards: which form, prefilled with what.

A tap on a kiosk's exception button asks the `CaptureLauncher` to open a `CaptureDialog`
for the lane's work center and its selected (else running, else next) operation, with that
order's materials (`attach_kiosk`); the supervisor board opens the same forms from a line
PC, starting from the job picked on the board, and logs calls and messages
(`attach_board`). The context is read on the database lane before the form shows; the
lane is told when the exception was raised.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.model.types import Channel, ExceptionKind
from app.queries_exceptions import CaptureContext, capture_context
from app.routing.reasons import ReasonTree, load_reasons
from ui.board.kiosk_lane_view import KioskLaneView
from ui.board.supervisor_bars import CaptureRequest
from ui.board.supervisor_board_view import SupervisorBoardView
from ui.exceptions.capture import CaptureDialog
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.i18n import tr
from ui.widgets import fit_to_window


@dataclass(frozen=True)
class CaptureTarget:
    """Where a capture starts: what the lane knows without asking the database."""

    work_center: str | None
    operation_id: str | None = None
    short_item: str | None = None  # the item the board says this operation is short of


class CaptureLauncher(QObject):
    """Opens capture forms for a lane (kiosk or supervisor board) and reports results.

    Signals:
        sig_dialog_opened: a capture form is on screen; carries it.
        sig_raised: an exception was raised; carries its id.
    """

    sig_dialog_opened = Signal(object)
    sig_raised = Signal(str)

    def __init__(
        self,
        controller: ExceptionsController,
        parent_widget: QWidget,
        *,
        channel: Channel = Channel.KIOSK,
        reasons: ReasonTree | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self.controller = controller
        self.parent_widget = parent_widget
        self.channel = channel
        self.reasons = reasons or load_reasons()
        self.dialog: CaptureDialog | None = None

    def open(
        self,
        kind: ExceptionKind,
        actor: str,
        target: CaptureTarget,
        *,
        channel: Channel | None = None,
        reported: bool = False,
    ) -> None:
        """Read the context on the database lane, then show the form prefilled with it.

        `reported`: a supervisor logs a call or message (`channel` phone or message).
        """
        if self.dialog is not None:
            return

        def show(context: CaptureContext) -> None:
            if self.dialog is not None:
                return
            dialog = CaptureDialog(
                kind,
                context,
                self.controller,
                actor,
                reasons=self.reasons,
                channel=channel or self.channel,
                short_item=target.short_item,
                reported=reported,
                parent=self.parent_widget,
            )
            dialog.sig_raised.connect(self.sig_raised)
            dialog.finished.connect(self._on_dialog_finished)
            self.dialog = dialog
            fit_to_window(dialog, self.parent_widget, width=self.parent_widget.width())
            dialog.open()
            self.sig_dialog_opened.emit(dialog)

        self.controller.read(
            lambda session: capture_context(session, target.work_center, target.operation_id),
            show,
        )

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None


def raised_text(launcher: CaptureLauncher) -> str:
    """'Machine down raised; its owner has been told.' (the form that raised it, if open)."""
    dialog = launcher.dialog
    what = dialog.kind_words() if dialog is not None else tr("Exception")
    return tr("{what} raised; its owner has been told.").format(what=what)


def attach_kiosk(launcher: CaptureLauncher, kiosk: KioskLaneView) -> None:
    """Let the kiosk lane's exception buttons open capture forms, and tell the lane."""

    def requested(kind: ExceptionKind) -> None:
        if kiosk.operator is None:
            return
        work_center, op_id, short = kiosk.capture_target()
        launcher.open(kind, kiosk.operator.id, CaptureTarget(work_center, op_id, short))

    def raised(_exception_id: str) -> None:
        kiosk.show_message(raised_text(launcher))
        kiosk.focus_scan()

    kiosk.sig_capture_requested.connect(requested)
    launcher.sig_raised.connect(raised)


def attach_board(launcher: CaptureLauncher, board: SupervisorBoardView) -> None:
    """Let the supervisor board's exception buttons open capture forms (from a line PC),
    starting from the job picked on the board, if any."""

    def requested(request: CaptureRequest) -> None:
        if board.operator is None:
            return
        work_center, op_id = board.selected or (None, None)
        launcher.open(
            request.kind,
            board.operator.id,
            CaptureTarget(work_center, op_id),
            channel=request.channel,
            reported=request.reported,
        )

    def raised(_exception_id: str) -> None:
        board.show_message(raised_text(launcher))

    board.sig_capture_requested.connect(requested)
    launcher.sig_raised.connect(raised)
