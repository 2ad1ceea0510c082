"""What the kiosk's Start, Confirm and Issue material do once the operator taps them.

Start runs at once; Confirm opens the quantities form (`ConfirmDialog`), Issue material
reads the order's materials first and opens the issue form (`IssueDialog`). The board
controller runs each command on the database lane (ui.background); a refusal is said in
the open form, else on the lane, and what went through is said on the lane ("WO-26055
started."), again after a language switch. The lane view decides which job a tap is
about and lays out what it shows (ui.board.kiosk_lane_view); these are the commands'
steps, one form of each kind open at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from app.priority.model import Job
from app.queries_board import MaterialLine
from app.services.people import Operator
from ui.board.board_controller import BoardController
from ui.board.confirm_dialog import Confirmation, ConfirmDialog
from ui.board.issue_dialog import Issue, IssueDialog
from ui.common.formatting import JobFormat, quantity
from ui.i18n import tr

# A message on screen: says it in the current language (again after a switch).
Say = Callable[[], str]


class KioskLane(Protocol):
    """What the commands need of the lane they run for (a `KioskLaneView`)."""

    operator: Operator | None

    def job_format(self) -> JobFormat: ...

    def say(self, say: Say, *, error: bool = False) -> None: ...

    def show_message(self, text: str, *, error: bool = False) -> None: ...

    def focus_scan(self) -> None: ...

    def clear_selection(self) -> None: ...

    def refresh(self) -> None: ...


class KioskCommands(QObject):
    """Start, Confirm and Issue material for one kiosk lane; its forms open over `parent`."""

    def __init__(self, controller: BoardController, lane: KioskLane, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller
        self.lane = lane
        self.host = parent
        self.confirm_dialog: ConfirmDialog | None = None
        self.issue_dialog: IssueDialog | None = None

    def close_dialogs(self) -> None:
        """Nobody is logged in any more: no form stays open for the next person."""
        if self.confirm_dialog is not None:
            self.confirm_dialog.reject()
        if self.issue_dialog is not None:
            self.issue_dialog.reject()

    # --- start ----------------------------------------------------------------------------

    def start(self, operator: Operator, op_id: str) -> None:
        """Start `op_id` for `operator`; the lane says how it went."""
        job = self.controller.jobs.get(op_id)
        label = job.work_order if job else op_id
        self.lane.say(lambda: tr("Starting {work_order}…").format(work_order=label))

        def done() -> None:
            self.lane.clear_selection()
            self.lane.say(lambda: tr("{work_order} started.").format(work_order=label))
            self.lane.focus_scan()

        def failed(message: str) -> None:
            self.lane.show_message(message, error=True)
            self.lane.refresh()

        self.controller.start_job(operator.id, op_id, on_done=done, on_error=failed)

    # --- confirm --------------------------------------------------------------------------

    def confirm(self, running: Job) -> None:
        """Open the quantities form for the `running` job."""
        dialog = ConfirmDialog(running, self.lane.job_format(), self.host)
        dialog.sig_submitted.connect(self._on_confirm_dialog_submitted)
        dialog.finished.connect(self._on_confirm_dialog_finished)
        self.confirm_dialog = dialog
        dialog.open()

    def _on_confirm_dialog_submitted(self, confirmation: Confirmation) -> None:
        dialog = self.confirm_dialog
        operator = self.lane.operator
        if dialog is None or operator is None:
            return
        work_order = dialog.job.work_order
        done, failed = self._answers(dialog, lambda: confirmed_text(confirmation, work_order))
        self.controller.confirm(
            operator.id,
            dialog.job.op_id,
            good=confirmation.good,
            scrap=confirmation.scrap,
            final=confirmation.final,
            on_done=done,
            on_error=failed,
        )

    def _on_confirm_dialog_finished(self, _result: int) -> None:
        self._forget(self.confirm_dialog)
        self.confirm_dialog = None

    # --- issue material -------------------------------------------------------------------

    def issue(self, running: Job) -> None:
        """Read the order's materials of the `running` job, then open the issue form."""

        def open_dialog(materials: list[MaterialLine]) -> None:
            self.lane.refresh()
            if self.lane.operator is None or self.issue_dialog is not None:
                return
            dialog = IssueDialog(running, self.lane.job_format(), materials, self.host)
            dialog.sig_submitted.connect(self._on_issue_dialog_submitted)
            dialog.finished.connect(self._on_issue_dialog_finished)
            self.issue_dialog = dialog
            dialog.open()

        self.controller.read_materials(running.op_id, open_dialog)

    def _on_issue_dialog_submitted(self, issue: Issue) -> None:
        dialog = self.issue_dialog
        operator = self.lane.operator
        if dialog is None or operator is None:
            return
        work_order = dialog.job.work_order
        done, failed = self._answers(dialog, lambda: issued_text(issue, work_order))
        self.controller.issue_material(
            operator.id,
            dialog.job.op_id,
            item=issue.item,
            qty=issue.qty,
            lot=issue.lot,
            on_done=done,
            on_error=failed,
        )

    def _on_issue_dialog_finished(self, _result: int) -> None:
        self._forget(self.issue_dialog)
        self.issue_dialog = None

    # --- what both forms share ------------------------------------------------------------

    def _answers(
        self, dialog: ConfirmDialog | IssueDialog, said: Say
    ) -> tuple[Callable[[], None], Callable[[str], None]]:
        """What the board's answer to a form's command does: done, the form closes and the
        lane says `said()`; refused, the form says why, or the lane when the form was
        closed meanwhile."""

        def still_open() -> bool:
            return dialog is self.confirm_dialog or dialog is self.issue_dialog

        def done() -> None:
            if still_open():
                dialog.accept()
            self.lane.say(said)
            self.lane.focus_scan()

        def failed(message: str) -> None:
            if still_open():
                dialog.show_error(message)
            else:
                self.lane.show_message(message, error=True)

        return done, failed

    def _forget(self, dialog: QDialog | None) -> None:
        """A form closed: it goes, and the scan field has the focus again."""
        if dialog is not None:
            dialog.deleteLater()
        self.lane.focus_scan()


# --- sentences --------------------------------------------------------------------------


def confirmed_text(confirmation: Confirmation, work_order: str) -> str:
    good, scrap = quantity(confirmation.good), quantity(confirmation.scrap)
    if confirmation.final:
        return tr(
            "Confirmed {good} good, {scrap} scrap on {work_order}; operation complete."
        ).format(good=good, scrap=scrap, work_order=work_order)
    return tr("Confirmed {good} good, {scrap} scrap on {work_order}.").format(
        good=good, scrap=scrap, work_order=work_order
    )


def issued_text(issue: Issue, work_order: str) -> str:
    qty = quantity(issue.qty)
    if issue.lot:
        return tr("Issued {qty} {item} from lot {lot} to {work_order}.").format(
            qty=qty, item=issue.item, lot=issue.lot, work_order=work_order
        )
    return tr("Issued {qty} {item} to {work_order}.").format(
        qty=qty, item=issue.item, work_order=work_order
    )
