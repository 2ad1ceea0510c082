"""Deciding about a refused ERP posting: edit its fields, or cancel it; always with a reason.

Like the board's override dialog, OK stays disabled until the reason says something (a
few words): it is kept with the posting for whoever looks at it later. A dialog does not
run the command itself: it emits `sig_submitted` and the caller answers with `accept` or
`show_error` (the service's own message; the fields it names are marked, and what the
person typed stays).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import Rejected, ValidationError
from app.queries_erp import PostingRow
from app.services.erp import editable_fields, is_number
from ui.board.board_controller import failure_text
from ui.board.confirm_dialog import set_flag
from ui.board.override_dialog import MIN_REASON_WORDS, reason_is_enough
from ui.erp.postings_model import KIND_TEXT, describe, field_text, value_text
from ui.widgets import DialogFooter

REASON = "reason"


@dataclass(frozen=True)
class EditRequest:
    changes: dict[str, Any]
    reason: str


def explain(error: Exception | str, labels: Mapping[str, str] | None = None) -> str:
    """What the person reads: the service's words, fields by the names on the screen."""
    if isinstance(error, str):
        return error
    if isinstance(error, Rejected):
        return error.reason[:1].upper() + error.reason[1:] + "."
    if isinstance(error, ValidationError):
        names = {REASON: "Reason", "changes": "Changes", "posting": "Posting", **(labels or {})}
        return "; ".join(f"{names.get(p.field, p.field)}: {p.problem}" for p in error.problems)
    return failure_text(error)


def context_text(row: PostingRow) -> str:
    what = describe(row.kind, row.payload)
    order = f" of {row.work_order}" if row.work_order else ""
    said = " ".join((row.last_error or "").split())
    return f"{KIND_TEXT.get(row.kind, row.kind.value)}{order}: {what}.\nThe ERP said: {said}"


class PostingDialog(QDialog):
    """A heading, what the posting is, the subclass's fields, a reason, OK and Back.

    Signals:
        sig_submitted: carries what the subclass submits (a reason, an EditRequest).
    """

    sig_submitted = Signal(object)

    def __init__(
        self, title: str, action: str, row: PostingRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("postingDialog")
        self.setWindowTitle(title)
        self.setModal(True)
        self.row = row
        self._action = action
        self._busy = False
        self.labels: dict[str, str] = {}
        self.inputs: dict[str, QLineEdit] = {}

        heading = QLabel(title)
        heading.setObjectName("heading")
        heading.setWordWrap(True)
        context = QLabel(context_text(row))
        context.setObjectName("postingContext")
        context.setWordWrap(True)
        self.fields = QGridLayout()
        self.fields.setVerticalSpacing(8)
        self.fields.setColumnStretch(1, 1)

        reason_label = QLabel("Reason (kept with the posting)")
        reason_label.setObjectName("fieldLabel")
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonInput")
        self.reason.setProperty("field", REASON)
        self.reason.textChanged.connect(self._update_ok)
        self.reason.returnPressed.connect(self._on_ok_clicked)
        reason_label.setBuddy(self.reason)
        self.hint = QLabel(f"Say why in at least {MIN_REASON_WORDS} words.")
        self.hint.setObjectName("hint")
        # "Back", not "Cancel": one of these dialogs cancels the posting itself.
        footer = DialogFooter(self, action, self._on_ok_clicked, cancel_text="Back")
        self.error, self.back, self.ok = footer.error, footer.cancel, footer.ok

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(context)
        layout.addLayout(self.fields)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.hint)
        footer.add_to(layout)
        self.setMinimumWidth(720)
        self._update_ok()

    # --- for the caller ---------------------------------------------------------------------

    def show_error(self, error: Exception | str) -> None:
        """The command was refused: say why, mark the fields named, keep what was typed."""
        self._busy = False
        self.error.setText(explain(error, self.labels))
        named = set(error.fields) if isinstance(error, ValidationError) else set()
        for name, widget in [(REASON, self.reason), *self.inputs.items()]:
            set_flag(widget, "error", name in named)
        self._update_ok()
        first = next((w for n, w in self.inputs.items() if n in named), self.reason)
        first.setFocus()

    def reason_text(self) -> str:
        return " ".join(self.reason.text().split())

    # --- for subclasses ---------------------------------------------------------------------

    def submission(self) -> object:
        return self.reason_text()

    def _update_ok(self) -> None:
        self.ok.setEnabled(reason_is_enough(self.reason.text()) and not self._busy)
        self.ok.setText("Saving…" if self._busy else self._action)

    def _on_ok_clicked(self) -> None:
        if not self.ok.isEnabled():
            return
        self._busy = True
        self.error.clear()
        self._update_ok()
        self.sig_submitted.emit(self.submission())


class CancelPostingDialog(PostingDialog):
    """Never send this posting. Signals: sig_submitted carries the reason."""

    def __init__(self, row: PostingRow, parent: QWidget | None = None) -> None:
        super().__init__("Cancel this ERP posting", "Cancel posting", row, parent)
        self.reason.setPlaceholderText("e.g. booked by hand in the ERP")
        self.reason.setFocus()


class EditPostingDialog(PostingDialog):
    """Correct the posting's numbers and texts, then send it again.

    Signals: sig_submitted carries an EditRequest with only the fields that changed.
    Numbers are sent as numbers when they read as one, else as typed, so the service
    names the field that is wrong.
    """

    def __init__(self, row: PostingRow, parent: QWidget | None = None) -> None:
        super().__init__("Correct and resend this ERP posting", "Save and send", row, parent)
        self.reason.setPlaceholderText("e.g. scrap was counted twice")
        for n, key in enumerate(editable_fields(row.payload)):
            name = f"changes.{key}"
            label = QLabel(field_text(key))
            label.setObjectName("fieldLabel")
            line = QLineEdit(value_text(row.payload[key]))
            line.setObjectName("postingField")
            line.setProperty("field", name)
            label.setBuddy(line)
            self.fields.addWidget(label, n, 0)
            self.fields.addWidget(line, n, 1)
            self.inputs[name] = line
            self.labels[name] = field_text(key)
        first = next(iter(self.inputs.values()), self.reason)
        first.setFocus()

    def input(self, key: str) -> QLineEdit:
        return self.inputs[f"changes.{key}"]

    def changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for name, line in self.inputs.items():
            key = name.removeprefix("changes.")
            old = self.row.payload[key]
            text = line.text().strip()
            if text == value_text(old):
                continue
            changes[key] = _number(text) if is_number(old) else text
        return changes

    def submission(self) -> object:
        return EditRequest(changes=self.changes(), reason=self.reason_text())


def _number(text: str) -> float | str:
    """The number typed (a decimal comma too), or the text itself for the service to name."""
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text
