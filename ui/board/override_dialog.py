"""A supervisor's override of the ranking: pin, move before/after, hold, or clear one.

Every override carries a reason shown on the board next to the job, so OK stays
disabled until the reason says something (a few words). The dialog emits
`sig_submitted`; the caller runs the command and answers with `accept` or `show_error`
(the service's own message, e.g. who may override).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.i18n import QT_TR_NOOP
from app.priority.model import OverrideKind
from ui.i18n import tr, translated
from ui.widgets import ReasonDialog, ReasonWords


class OverrideAction(StrEnum):
    PIN = "pin"
    BEFORE = "before"
    AFTER = "after"
    HOLD = "hold"
    CLEAR = "clear"

    @property
    def kind(self) -> OverrideKind | None:
        return None if self is OverrideAction.CLEAR else OverrideKind(self.value)


# The board's buttons ("…": a dialog follows); show with `translated`.
BUTTON_TEXT = {
    OverrideAction.PIN: QT_TR_NOOP("Pin to top"),
    OverrideAction.BEFORE: QT_TR_NOOP("Move before…"),
    OverrideAction.AFTER: QT_TR_NOOP("Move after…"),
    OverrideAction.HOLD: QT_TR_NOOP("Hold"),
    OverrideAction.CLEAR: QT_TR_NOOP("Clear override"),
}
# The dialog's action, and what the board says was done.
ACTION_TEXT = {
    OverrideAction.PIN: QT_TR_NOOP("Pin to top"),
    OverrideAction.BEFORE: QT_TR_NOOP("Move before"),
    OverrideAction.AFTER: QT_TR_NOOP("Move after"),
    OverrideAction.HOLD: QT_TR_NOOP("Hold"),
    OverrideAction.CLEAR: QT_TR_NOOP("Clear override"),
}


def action_text(action: OverrideAction) -> str:
    """The action in the current language, without the "…" of its board button."""
    return translated(ACTION_TEXT[action])


@dataclass(frozen=True)
class OverrideRequest:
    action: OverrideAction
    op_id: str
    reason: str
    target_op_id: str | None = None


def _title(action: OverrideAction, job: str, work_center: str) -> str:
    if action is OverrideAction.PIN:
        return tr("Pin {job} to the top of {work_center}").format(job=job, work_center=work_center)
    if action is OverrideAction.BEFORE:
        return tr("Move {job} before another job").format(job=job)
    if action is OverrideAction.AFTER:
        return tr("Move {job} after another job").format(job=job)
    if action is OverrideAction.HOLD:
        return tr("Hold {job}: do not run it now").format(job=job)
    return tr("Clear the override on {job}").format(job=job)


class OverrideDialog(ReasonDialog):
    """Signals:
    sig_submitted: carries the OverrideRequest (with a reason of a few words).
    """

    def __init__(
        self,
        action: OverrideAction,
        op_id: str,
        job_text: str,
        work_center: str,
        *,
        targets: list[tuple[str, str]] | None = None,
        current: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`targets` are the (op_id, text) of the lane's other jobs (for before/after);
        `current` is the override now on the job (shown when clearing it)."""

        def words() -> ReasonWords:
            return ReasonWords(
                title=_title(action, job_text, work_center),
                explanation=tr("Now: {override}").format(override=current) if current else "",
                reason_label=tr("Reason (shown on the board next to the job)"),
                placeholder=tr("e.g. customer moved the truck to 14:00"),
                action=action_text(action),
            )

        super().__init__(words, parent, name="overrideDialog")
        self.action = action
        self.op_id = op_id
        self.work_center = work_center
        self.target: QComboBox | None = None
        self.which: QLabel | None = None
        if action in (OverrideAction.BEFORE, OverrideAction.AFTER):
            self.which = QLabel()
            self.which.setObjectName("fieldLabel")
            self.which.setWordWrap(True)
            self.target = QComboBox()
            self.target.setObjectName("targetCombo")
            for target_id, text in targets or []:
                self.target.addItem(text, target_id)
            self.which.setBuddy(self.target)
            self.add_content(self.which)
            self.add_content(self.target)
            target = self.target
            self.require(lambda: target.currentData() is not None, target.currentIndexChanged)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if self.which is None:
            return
        if self.action is OverrideAction.BEFORE:
            text = tr("Which job of {work_center} should it go before?")
        else:
            text = tr("Which job of {work_center} should it go after?")
        self.which.setText(text.format(work_center=self.work_center))

    def submission(self) -> object:
        return OverrideRequest(
            action=self.action,
            op_id=self.op_id,
            reason=self.reason_text(),
            target_op_id=self.target.currentData() if self.target is not None else None,
        )
