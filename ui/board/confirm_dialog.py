"""Confirming quantities on the running job: good, scrap, and whether the operation is done.

Touch first (large fields and an on-screen pad), but a keyboard or a scanner typing a
quantity and Enter works too: Enter in "good" moves on to "scrap", Enter there submits.
The dialog does not run the command itself; it emits `sig_submitted` and shows the
service's answer (`show_error` names the field, `accept` closes it).
"""

from __future__ import annotations

from collections.abc import Callable
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
from ui.board.number_pad import NumberPad
from ui.common.errors import field_label, say_again
from ui.common.formatting import JobFormat, parse_quantity, quantity
from ui.i18n import on_language_change, tr, translated
from ui.widgets import (
    DialogFooter,
    field_grid,
    fit_to_window,
    no_default_buttons,
    scroll_form,
    set_field_labels,
    set_flag,
)

__all__ = [
    "ConfirmDialog",
    "Confirmation",
    "field_words",
    "named_fields",
]


@dataclass(frozen=True)
class Confirmation:
    good: float
    scrap: float
    final: bool


def named_fields(message: str, fields: dict[str, tuple[str, ...]]) -> set[str]:
    """The fields an error message names ("good: ...", "Good quantity: ..."): each key of
    `fields` whose words start a "name:" part of the message."""
    heads = [p.split(":", 1)[0].strip().lower() for p in message.split(";") if ":" in p]
    return {key for key, words in fields.items() for h in heads if h.startswith(words)}


def field_words(name: str, *words: str) -> tuple[str, ...]:
    """How a message may name field `name`: `words` (the code's names), and the field's
    label on screen in English and in the current language ("Good quantity")."""
    label = field_label(name)
    return tuple(dict.fromkeys(w.lower() for w in (*words, label, translated(label)) if w))


class ConfirmDialog(QDialog):
    """Signals:
    sig_submitted: carries the Confirmation the person entered (already a valid number).
    """

    sig_submitted = Signal(object)

    def __init__(self, job: Job, fmt: JobFormat, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDialog")
        self.setModal(True)
        self.job = job
        self.fmt = fmt
        self._error: Callable[[], str] | None = None  # says the error shown, in any language
        self._busy = False

        self.title = QLabel()
        self.title.setObjectName("heading")
        self.detail = QLabel()
        self.detail.setObjectName("hint")

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
        self.final = QCheckBox()
        self.final.setObjectName("finalCheck")

        self.fields = fields = field_grid(((tr("Good"), self.good), (tr("Scrap"), self.scrap)))

        self.pad = NumberPad(self.good, self.scrap)
        self.keys = self.pad.keys

        columns = QHBoxLayout()
        columns.addLayout(fields, 3)
        columns.addSpacing(24)
        columns.addWidget(self.pad, 2)

        footer = DialogFooter(self, tr("Confirm"), self._on_ok_clicked)
        self.footer = footer
        self.error, self.cancel, self.ok = footer.error, footer.cancel, footer.ok

        # The fields scroll on a short screen; Cancel and Confirm stay in view.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addLayout(columns)
        layout.addWidget(self.final)
        self.form_scroll = scroll_form(self, body, footer)
        no_default_buttons(self)
        self.retranslate()
        on_language_change(self, self.retranslate)
        self.good.setFocus()

    def retranslate(self) -> None:
        job, fmt = self.job, self.fmt
        heading = tr("Confirm {operation}").format(operation=fmt.operation(job))
        self.setWindowTitle(heading)
        self.title.setText(heading)
        name = fmt.item_name(job)
        item = tr("{item} · {name}").format(item=job.item, name=name) if name else job.item
        progress = tr("{done} of {total} done so far").format(
            done=quantity(job.qty_good), total=quantity(job.quantity)
        )
        self.detail.setText(f"{item}\n{progress}")
        self.final.setText(tr("Final: the operation is complete"))
        set_field_labels(self.fields, (tr("Good"), tr("Scrap")))
        self.footer.set_texts(self._ok_text())
        if self._error is not None:
            self.error.setText(self._error())

    def open(self) -> None:
        fit_to_window(self, self.parentWidget(), width=max(760, self.sizeHint().width()))
        super().open()

    # --- answers from the service ----------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Show why the confirmation was refused; mark the fields the message names."""
        self._set_busy(False)
        words = {"good": field_words("good", "good"), "scrap": field_words("scrap", "scrap")}
        named = named_fields(message, words)
        self._show_error(lambda: say_again(message))
        for key, field in (("good", self.good), ("scrap", self.scrap)):
            set_flag(field, "error", key in named)
        if "scrap" in named and "good" not in named:
            self.scrap.setFocus()
        else:
            self.good.setFocus()

    # --- input ----------------------------------------------------------------------------

    def _show_error(self, say: Callable[[], str]) -> None:
        self._error = say
        self.error.setText(say())

    def _on_ok_clicked(self) -> None:
        values = {}
        typed = []  # (field, text) of what is no number
        for key, field in (("good", self.good), ("scrap", self.scrap)):
            value = parse_quantity(field.text())
            if value is None:
                typed.append((key, field.text().strip()))
            values[key] = value
            set_flag(field, "error", value is None)
        if typed:
            self._show_error(lambda: "; ".join(_not_a_number(k, text) for k, text in typed))
            return
        self._error = None
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
        self._busy = busy
        self.ok.setEnabled(not busy)
        self.ok.setText(self._ok_text())

    def _ok_text(self) -> str:
        return tr("Confirming…") if self._busy else tr("Confirm")


def _not_a_number(field: str, text: str) -> str:
    if field == "good":
        return tr("good: {text} is not a number").format(text=repr(text))
    return tr("scrap: {text} is not a number").format(text=repr(text))
