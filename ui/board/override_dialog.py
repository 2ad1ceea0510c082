"""A supervisor's override of the ranking: pin, move before/after, hold, or clear one.

Every override carries a reason shown on the board next to the job, so OK stays
disabled until the reason says something (a few words). The dialog emits
`sig_submitted`; the caller runs the command and answers with `accept` or `show_error`
(the service's own message, e.g. who may override).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.priority.model import OverrideKind
from ui.widgets import DialogFooter

MIN_REASON_WORDS = 3


class OverrideAction(StrEnum):
    PIN = "pin"
    BEFORE = "before"
    AFTER = "after"
    HOLD = "hold"
    CLEAR = "clear"

    @property
    def kind(self) -> OverrideKind | None:
        return None if self is OverrideAction.CLEAR else OverrideKind(self.value)


BUTTON_TEXT = {
    OverrideAction.PIN: "Pin to top",
    OverrideAction.BEFORE: "Move before…",
    OverrideAction.AFTER: "Move after…",
    OverrideAction.HOLD: "Hold",
    OverrideAction.CLEAR: "Clear override",
}


@dataclass(frozen=True)
class OverrideRequest:
    action: OverrideAction
    op_id: str
    reason: str
    target_op_id: str | None = None


def reason_is_enough(text: str) -> bool:
    return len(text.split()) >= MIN_REASON_WORDS


class OverrideDialog(QDialog):
    """Signals:
    sig_submitted: carries the OverrideRequest (with a reason of a few words).
    """

    sig_submitted = Signal(object)

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
        super().__init__(parent)
        self.setObjectName("overrideDialog")
        self.setModal(True)
        self.action = action
        self.op_id = op_id
        title_text = {
            OverrideAction.PIN: f"Pin {job_text} to the top of {work_center}",
            OverrideAction.BEFORE: f"Move {job_text} before another job",
            OverrideAction.AFTER: f"Move {job_text} after another job",
            OverrideAction.HOLD: f"Hold {job_text}: do not run it now",
            OverrideAction.CLEAR: f"Clear the override on {job_text}",
        }[action]
        self.setWindowTitle(title_text)
        title = QLabel(title_text)
        title.setObjectName("heading")
        title.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(title)
        if current:
            now = QLabel(f"Now: {current}")
            now.setObjectName("hint")
            now.setWordWrap(True)
            layout.addWidget(now)

        self.target: QComboBox | None = None
        if action in (OverrideAction.BEFORE, OverrideAction.AFTER):
            self.target = QComboBox()
            self.target.setObjectName("targetCombo")
            for target_id, text in targets or []:
                self.target.addItem(text, target_id)
            self.target.currentIndexChanged.connect(self._update_ok)
            which = QLabel(f"Which job of {work_center} should it go {action.value}?")
            which.setObjectName("fieldLabel")
            layout.addWidget(which)
            layout.addWidget(self.target)

        reason_label = QLabel("Reason (shown on the board next to the job)")
        reason_label.setObjectName("fieldLabel")
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonInput")
        self.reason.setPlaceholderText("e.g. customer moved the truck to 14:00")
        self.reason.textChanged.connect(self._update_ok)
        self.reason.returnPressed.connect(self._on_ok_clicked)
        reason_label.setBuddy(self.reason)
        self.hint = QLabel(f"Say why in at least {MIN_REASON_WORDS} words.")
        self.hint.setObjectName("hint")
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.hint)

        footer = DialogFooter(self, BUTTON_TEXT[action].rstrip("…"), self._on_ok_clicked)
        self.error, self.cancel, self.ok = footer.error, footer.cancel, footer.ok
        footer.add_to(layout)
        self.setMinimumWidth(720)
        self._busy = False
        self._update_ok()
        self.reason.setFocus()

    def show_error(self, message: str) -> None:
        self._busy = False
        self.error.setText(message)
        self._update_ok()
        self.reason.setFocus()

    def _update_ok(self) -> None:
        has_target = self.target is None or self.target.currentData() is not None
        enough = reason_is_enough(self.reason.text())
        self.ok.setEnabled(enough and has_target and not self._busy)
        self.ok.setText("Saving…" if self._busy else BUTTON_TEXT[self.action].rstrip("…"))

    def _on_ok_clicked(self) -> None:
        if not self.ok.isEnabled():
            return
        self._busy = True
        self.error.clear()
        self._update_ok()
        self.sig_submitted.emit(
            OverrideRequest(
                action=self.action,
                op_id=self.op_id,
                reason=" ".join(self.reason.text().split()),
                target_op_id=self.target.currentData() if self.target is not None else None,
            )
        )
