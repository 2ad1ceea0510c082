"""At a work center's kiosk: asking for the reason of a machine's stop, and the machine's
count of the running job.

A machine that stopped longer than the micro-stop threshold opened a downtime with no
reason a person gave (its fault code may have mapped to one: then nothing is asked).
While such a stop of the kiosk's work center is open, or closed less than a day ago (its
reason may be given until `reason_editable_until`), the kiosk shows it on a banner ("no
reason given") and asks the person logged in, once, "Why did LAT-01 stop?"
(`StopReasonDialog`). "Later" puts the question off: the banner's "Give reason" asks
again, and the next person to log in is asked anew. An answer is
`MachineService.give_reason`, run on the database lane (ui.background, through the
exceptions controller, so the exception screens refresh); then the banner and the prompt
go away. A refusal (the day is over, the reason is unknown) is said on the prompt.

The question pops up only over the kiosk lane when it is on screen, nobody else's dialog
is open and the person may give a reason (the authorisation table's roles for it);
anyone else logged in sees the banner and may still try.

What is read (app.queries_machines) is read again when a write changes exceptions or
machines (a command here or a page from the server: `Store.on_changes`), when the kiosk
turns to another work center or its lane changes, when someone logs in, and each minute
(an edit window closes by the clock).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog

from app.authz import rule_for
from app.changes import Changes
from app.clock import Clock
from app.events.payloads import DowntimeReasonGiven
from app.queries_machines import MachineStop, machine_count, stops_awaiting_reason
from app.routing.reasons import ReasonTree, load_reasons
from app.services.machines import MachineService
from app.services.people import Operator
from app.store import Store
from ui.board.board_controller import BoardController, Lanes
from ui.board.kiosk_lane_view import KioskLaneView
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.i18n import tr, translated
from ui.machines.reason_prompt import StopReasonDialog
from ui.machines.stop_banner import StopBanner

log = logging.getLogger(__name__)

REREAD_MS = 60_000  # an edit window closes by the clock, not by an event


@dataclass(frozen=True)
class _Read:
    work_center: str
    stops: tuple[MachineStop, ...]
    running: str | None  # the running job's operation id
    count: int  # what the machine counted for it


def may_give_reason(operator: Operator | None) -> bool:
    """Whether `operator` holds a role that may give a machine stop's reason."""
    if operator is None:
        return False
    return bool(rule_for(DowntimeReasonGiven.KIND).roles & set(operator.roles))


class MachineStopPrompt(QObject):
    """The kiosk's machine stops waiting for a reason: the banner, the prompt, the answer.

    Signals:
        sig_read: what the kiosk shows was read again and shown; carries the stops.
        sig_prompted: the prompt is on screen; carries it.
        sig_answered: a reason was recorded; carries the exception's id.
    """

    sig_read = Signal(object)
    sig_prompted = Signal(object)
    sig_answered = Signal(str)
    _changed = Signal()  # a write changed exceptions or machines (from the writer's thread)

    def __init__(
        self,
        store: Store,
        clock: Clock,
        kiosk: KioskLaneView,
        board: BoardController,
        exceptions: ExceptionsController,
        *,
        reasons: ReasonTree | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or kiosk)
        self.store = store
        self.clock = clock
        self.kiosk = kiosk
        self.board = board
        self.exceptions = exceptions
        self.reasons = reasons or load_reasons()
        self.service = MachineService(store, clock, exceptions=exceptions.service)
        self.operator: Operator | None = None
        self.stops: tuple[MachineStop, ...] = ()
        self.dialog: StopReasonDialog | None = None
        self.skipped: set[str] = set()  # put off with "Later" by the person logged in
        self._reading = False
        self._pending = False
        self._closed = False

        self.banner = StopBanner()
        self.banner.answer_button.clicked.connect(self._on_banner_answer_clicked)
        kiosk.add_banner(self.banner)
        kiosk.installEventFilter(self)  # asks when the lane comes on screen

        self._timer = QTimer(self)
        self._timer.setInterval(REREAD_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._changed.connect(self.refresh)
        store.on_changes.append(self._note_changes)
        kiosk.sig_work_center_changed.connect(self.refresh)
        board.sig_lanes_changed.connect(self._on_board_lanes_changed)
        self.refresh()

    def close(self) -> None:
        """The window is going away: no more reads, no more reports from the store."""
        self._closed = True
        self._timer.stop()
        self.exceptions.background.close(self)
        if self._note_changes in self.store.on_changes:
            self.store.on_changes.remove(self._note_changes)
        if self.dialog is not None:
            self.dialog.reject()

    # --- who is asked -----------------------------------------------------------------------

    def set_operator(self, operator: Operator | None) -> None:
        """Someone logged in (asked anew, whatever the last person put off), or out."""
        self.operator = operator
        self.skipped.clear()
        if operator is None and self.dialog is not None:
            self.dialog.reject()
        self.refresh()

    # --- reading ----------------------------------------------------------------------------

    def _note_changes(self, changes: Changes) -> None:
        # On the writer's thread: only tell the GUI thread (queued), which reads.
        if changes.exceptions or changes.machines or changes.everything:
            try:
                self._changed.emit()
            except RuntimeError:  # torn down under the writer
                log.debug("machine stop news dropped after the window closed")

    def _on_board_lanes_changed(self, lanes: Lanes) -> None:
        if self.kiosk.work_center in lanes:
            self.refresh()  # the running job may have changed, and with it the count

    @Slot()
    def refresh(self) -> None:
        """Read the kiosk work center's stops and its running job's count again."""
        if self._closed:
            return
        work_center = self.kiosk.work_center
        if work_center is None:
            self._show(_Read("", (), None, 0))
            return
        if self._reading:
            self._pending = True
            return
        self._reading = True
        running = self.board.running_job(work_center)
        op_id = running.op_id if running is not None else None
        now = self.clock.now()

        def read() -> _Read:
            with self.store.read() as session:
                stops = stops_awaiting_reason(session, work_center, now)
                count = machine_count(session, op_id) if op_id is not None else 0
            return _Read(work_center, stops, op_id, count)

        self.exceptions.background.read(
            read, self._on_read, self._on_read_failed, owner=self, what="the machine's stops"
        )

    def _on_read(self, result: _Read) -> None:
        self._reading = False
        if self._pending:
            self._pending = False
            self.refresh()
            return
        if result.work_center != (self.kiosk.work_center or ""):
            self.refresh()  # the kiosk turned to another work center meanwhile
            return
        self._show(result)

    def _on_read_failed(self, _error: Exception) -> None:  # logged by the background
        self._reading = False
        if self._pending:
            self._pending = False
            self.refresh()

    def _show(self, result: _Read) -> None:
        self.stops = result.stops
        self.banner.show_stops(
            result.stops, self.board.job_format(), can_answer=self.operator is not None
        )
        self.kiosk.set_machine_count(result.running, result.count)
        dialog = self.dialog
        if dialog is not None and all(
            s.exception_id != dialog.stop.exception_id for s in result.stops
        ):
            dialog.reject()  # answered elsewhere, or too late now: nothing to ask
        self.sig_read.emit(result.stops)
        self.ask()

    # --- asking -----------------------------------------------------------------------------

    def ask(self) -> None:
        """Ask about the first stop not put off, when the kiosk may ask now."""
        waiting = [s for s in self.stops if s.exception_id not in self.skipped]
        if not waiting or not self._may_pop_up():
            return
        self.open(waiting[0])

    def _may_pop_up(self) -> bool:
        return (
            not self._closed
            and self.dialog is None
            and may_give_reason(self.operator)
            and self.kiosk.isVisible()
            and QApplication.activeModalWidget() is None
        )

    def open(self, stop: MachineStop) -> StopReasonDialog | None:
        """Ask why `stop` happened (the banner's button, or by itself)."""
        if self.dialog is not None or self.operator is None:
            return self.dialog
        dialog = StopReasonDialog(stop, self.reasons, self.board.job_format(), self.kiosk)
        dialog.sig_submitted.connect(self._on_dialog_submitted)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        self.sig_prompted.emit(dialog)
        return dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.kiosk and event.type() == QEvent.Type.Show:
            QTimer.singleShot(0, self.ask)  # once the lane is laid out
        return False

    def _on_banner_answer_clicked(self) -> None:
        if self.stops:
            self.open(self.stops[0])

    def _on_dialog_finished(self, result: int) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        if result != QDialog.DialogCode.Accepted:
            self.skipped.add(dialog.stop.exception_id)  # "Later"
        dialog.deleteLater()
        self.dialog = None
        self.kiosk.focus_scan()

    def _on_dialog_submitted(self, reason_code: str) -> None:
        dialog, operator = self.dialog, self.operator
        if dialog is None or operator is None:
            return
        stop = dialog.stop
        actor = operator.id

        def done(_result: object) -> None:
            reason = self.reasons.reason(reason_code)
            self.kiosk.say(_said(stop.work_center, reason.label if reason else reason_code))
            if self.dialog is dialog:
                dialog.accept()
            self.sig_answered.emit(stop.exception_id)
            self.refresh()

        def failed(error: Exception) -> None:
            if self.dialog is dialog:
                dialog.show_error(error)

        self.exceptions.command(
            f"{actor} gave {reason_code} as the reason {stop.work_center} stopped "
            f"(exception {stop.exception_id})",
            lambda: self.service.give_reason(actor, stop.exception_id, reason_code),
            on_done=done,
            on_error=failed,
        )


def _said(work_center: str, reason: str) -> Callable[[], str]:
    """'Reason saved: LAT-01 stopped for “Broken tool”.' (said again after a switch)."""
    return lambda: tr("Reason saved: {work_center} stopped for “{reason}”.").format(
        work_center=work_center, reason=translated(reason)
    )
