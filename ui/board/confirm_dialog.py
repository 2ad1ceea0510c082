"""Confirming quantities on the running job: good, scrap, and whether the operation is done.

Touch first (large fields and an on-screen pad), but a keyboard or a scanner typing a
quantity and Enter works too: Enter in "good" moves on to "scrap", Enter there submits.
The dialog does not run the command itself; it emits `sig_submitted` and shows the
service's answer (`show_error` names the field, `accept` closes it).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.priority.model import Job
from ui.board.formatting import JobFormat, quantity
from ui.board.number_pad import NumberPad
from ui.widgets import DialogFooter, field_grid, fit_to_window, no_default_buttons, scroll_form


@dataclass(frozen=True)
class Confirmation:
    good: float
    scrap: float
    final: bool


def parse_quantity(text: str) -> float | None:
    """'12', '12.5' or '12,5' (a decimal comma), empty for 0; None when it is no number."""
    text = text.strip().replace(",", ".")
    if not text:
        return 0.0
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def named_fields(message: str, fields: dict[str, tuple[str, ...]]) -> set[str]:
    """The fields an error message names ("good: ...", "Good quantity: ..."): each key of
    `fields` whose words start a "name:" part of the message."""
    heads = [p.split(":", 1)[0].strip().lower() for p in message.split(";") if ":" in p]
    return {key for key, words in fields.items() for h in heads if h.startswith(words)}


def set_flag(widget: QWidget, name: str, value: bool) -> None:
    """Set a boolean property QSS styles by (e.g. `error`), and restyle the widget."""
    if bool(widget.property(name)) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ConfirmDialog(QDialog):
    """Signals:
    sig_submitted: carries the Confirmation the person entered (already a valid number).
    """

    sig_submitted = Signal(object)

    def __init__(self, job: Job, fmt: JobFormat, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDialog")
        self.setWindowTitle(f"Confirm {fmt.operation(job)}")
        self.setModal(True)
        self.job = job

        title = QLabel(f"Confirm {fmt.operation(job)}")
        title.setObjectName("heading")
        name = fmt.item_name(job)
        detail = QLabel(
            f"{job.item}{' · ' + name if name else ''}\n"
            f"{quantity(job.qty_good)} of {quantity(job.quantity)} done so far"
        )
        detail.setObjectName("hint")

        self.good = QLineEdit()
        self.good.setObjectName("quantityInput")
        self.good.setPlaceholderText("0")
        self.scrap = QLineEdit()
        self.scrap.setObjectName("quantityInput")
        self.scrap.setPlaceholderText("0")
        for field in (self.good, self.scrap):
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.good.returnPressed.connect(self.scrap.setFocus)
        self.scrap.returnPressed.connect(self._on_ok_clicked)
        self.final = QCheckBox("Final: the operation is complete")
        self.final.setObjectName("finalCheck")

        fields = field_grid((("Good", self.good), ("Scrap", self.scrap)))

        self.pad = NumberPad(self.good, self.scrap)
        self.keys = self.pad.keys

        columns = QHBoxLayout()
        columns.addLayout(fields, 3)
        columns.addSpacing(24)
        columns.addWidget(self.pad, 2)

        footer = DialogFooter(self, "Confirm", self._on_ok_clicked)
        self.error, self.cancel, self.ok = footer.error, footer.cancel, footer.ok

        # The fields scroll on a short screen; Cancel and Confirm stay in view.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(detail)
        layout.addLayout(columns)
        layout.addWidget(self.final)
        self.form_scroll = scroll_form(self, body, footer)
        no_default_buttons(self)
        self.good.setFocus()

    def open(self) -> None:
        fit_to_window(self, self.parentWidget(), width=max(760, self.sizeHint().width()))
        super().open()

    # --- answers from the service ----------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Show why the confirmation was refused; mark the fields the message names."""
        self._set_busy(False)
        named = named_fields(message, {"good": ("good",), "scrap": ("scrap",)})
        self.error.setText(message)
        for key, field in (("good", self.good), ("scrap", self.scrap)):
            set_flag(field, "error", key in named)
        if "scrap" in named and "good" not in named:
            self.scrap.setFocus()
        else:
            self.good.setFocus()

    # --- input ----------------------------------------------------------------------------

    def _on_ok_clicked(self) -> None:
        values = {}
        problems = []
        for key, field in (("good", self.good), ("scrap", self.scrap)):
            value = parse_quantity(field.text())
            if value is None:
                problems.append(f"{key}: {field.text().strip()!r} is not a number")
            values[key] = value
            set_flag(field, "error", value is None)
        if problems:
            self.error.setText("; ".join(problems))
            return
        self.error.clear()
        self._set_busy(True)
        self.sig_submitted.emit(
            Confirmation(
                good=values["good"] or 0.0,
                scrap=values["scrap"] or 0.0,
                final=self.final.isChecked(),
            )
        )

    def _set_busy(self, busy: bool) -> None:
        self.ok.setEnabled(not busy)
        self.ok.setText("Confirming…" if busy else "Confirm")
