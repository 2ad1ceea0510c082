"""Issuing material to the running job: which material, how much, from which lot.

Prefilled for the common case, so it is two taps from the lane (Issue material, Issue):
the first material this operation still needs is chosen, with what is left of it and
the lot staged for it. A scanner typing a lot number and Enter fills the lot field. Like
the confirm dialog, it does not run the command itself: it emits `sig_submitted` and
shows the service's answer (`show_error` marks the named fields, `accept` closes it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.priority.model import Job
from app.queries_board import MaterialLine
from ui.board.confirm_dialog import field_words, named_fields
from ui.board.number_pad import NumberPad
from ui.common.errors import say_again
from ui.common.formatting import JobFormat, editable_quantity, parse_quantity, quantity
from ui.i18n import on_language_change, tr
from ui.widgets import (
    DialogFooter,
    field_grid,
    fit_to_window,
    no_default_buttons,
    scroll_form,
    set_field_labels,
    set_flag,
)


@dataclass(frozen=True)
class Issue:
    item: str
    qty: float
    lot: str | None


NAME_CHARS = 30  # a button is a third of a kiosk dialog wide


def material_text(line: MaterialLine) -> str:
    name = line.name if len(line.name) <= NAME_CHARS else line.name[: NAME_CHARS - 1] + "…"
    issued, required = quantity(line.issued), quantity(line.required)
    if line.lot:
        amount = tr("{issued} of {required} issued  ·  lot {lot}").format(
            issued=issued, required=required, lot=line.lot
        )
    else:
        amount = tr("{issued} of {required} issued").format(issued=issued, required=required)
    return f"{line.item}\n{name}\n{amount}"


class IssueDialog(QDialog):
    """Signals:
    sig_submitted: carries the Issue the person entered (a valid number, a material).
    """

    sig_submitted = Signal(object)

    def __init__(
        self,
        job: Job,
        fmt: JobFormat,
        materials: list[MaterialLine],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("issueDialog")
        self.setModal(True)
        self.job = job
        self.fmt = fmt
        self.materials = materials
        self._error: Callable[[], str] | None = None  # says the error shown, in any language
        self._busy = False

        self.title = QLabel()
        self.title.setObjectName("heading")
        self.title.setWordWrap(True)  # a long work order and a long verb take two lines

        # One big button per material: touch picks it, and its numbers prefill the form.
        self.material_group = QButtonGroup(self)
        self.material_group.setExclusive(True)
        self.material_buttons: list[QPushButton] = []
        choices = QVBoxLayout()
        choices.setSpacing(8)
        for index, _line in enumerate(materials):
            button = QPushButton()
            button.setObjectName("materialChoice")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.material_group.addButton(button, index)
            self.material_buttons.append(button)
            choices.addWidget(button)
        self.none = QLabel()
        self.none.setObjectName("hint")
        self.none.setVisible(not materials)
        choices.addWidget(self.none)
        choices.addStretch(1)
        self.material_group.idClicked.connect(self._on_material_chosen)

        self.qty = QLineEdit()
        self.qty.setObjectName("quantityInput")
        self.qty.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.lot = QLineEdit()
        self.lot.setObjectName("lotInput")
        self.qty.returnPressed.connect(self.lot.setFocus)
        self.lot.returnPressed.connect(self._on_ok_clicked)

        self.fields = fields = field_grid(((tr("Quantity"), self.qty), (tr("Lot"), self.lot)))
        self.pad = NumberPad(self.qty)
        form = QVBoxLayout()
        form.addLayout(fields)
        form.addWidget(self.pad)

        columns = QHBoxLayout()
        columns.addLayout(choices, 3)
        columns.addSpacing(24)
        columns.addLayout(form, 2)

        footer = DialogFooter(self, tr("Issue"), self._on_ok_clicked)
        self.footer = footer
        self.error, self.cancel, self.ok = footer.error, footer.cancel, footer.ok

        # The materials and fields scroll on a short screen; Cancel and Issue stay in view.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addLayout(columns)
        self.form_scroll = scroll_form(self, body, footer)
        no_default_buttons(self)
        self.retranslate()
        on_language_change(self, self.retranslate)

        if materials:
            self.material_buttons[0].setChecked(True)
            self._on_material_chosen(0)
        else:
            self.ok.setEnabled(False)
        self.qty.setFocus()

    def retranslate(self) -> None:
        heading = tr("Issue material to {operation}").format(operation=self.fmt.operation(self.job))
        self.setWindowTitle(heading)
        self.title.setText(heading)
        for button, line in zip(self.material_buttons, self.materials, strict=True):
            button.setText(material_text(line))
        self._keep_material_words()
        self.none.setText(tr("This work order lists no material to issue."))
        self.lot.setPlaceholderText(tr("scan or type the lot"))
        set_field_labels(self.fields, (tr("Quantity"), tr("Lot")))
        self.footer.set_texts(self._ok_text())
        if self._error is not None:
            self.error.setText(self._error())

    def _keep_material_words(self) -> None:
        """A material's button is never narrower than its lines (the theme's minimum
        width would let the form squeeze it): the dialog widens to them instead."""
        for button in self.material_buttons:
            button.ensurePolished()
            button.setMinimumWidth(button.sizeHint().width())
        if self.isVisible():
            self._widen_to_form()

    def open(self) -> None:
        self.ensurePolished()
        self._keep_material_words()  # in the theme's fonts
        fit_to_window(self, self.parentWidget(), width=max(900, self.sizeHint().width()))
        super().open()
        # Laid out on screen, the form knows its width in the theme's fonts (and in this
        # language's words): widen to it when the first guess was short.
        self._widen_to_form()
        QTimer.singleShot(0, self._widen_to_form)

    def _widen_to_form(self) -> None:
        body = self.form_scroll.widget()
        if body is None or not self.isVisible():
            return
        needed = (
            self.width() + body.minimumSizeHint().width() - self.form_scroll.viewport().width() + 2
        )
        if needed > self.width():
            fit_to_window(self, self.parentWidget(), width=needed, scroll=self.form_scroll)

    @property
    def chosen(self) -> MaterialLine | None:
        index = self.material_group.checkedId()
        return self.materials[index] if 0 <= index < len(self.materials) else None

    # --- answers from the service ----------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Show why the issue was refused; mark the fields the message names."""
        self._set_busy(False)
        words = {"qty": field_words("qty", "qty", "quantity"), "lot": field_words("lot", "lot")}
        named = named_fields(message, words)
        self._show_error(lambda: say_again(message))
        set_flag(self.qty, "error", "qty" in named)
        set_flag(self.lot, "error", "lot" in named)
        (self.lot if "lot" in named else self.qty).setFocus()

    # --- input ----------------------------------------------------------------------------

    def _on_material_chosen(self, index: int) -> None:
        line = self.materials[index]
        self.qty.setText(editable_quantity(line.remaining) if line.remaining > 0 else "")
        self.lot.setText(line.lot or "")
        for field in (self.qty, self.lot):
            set_flag(field, "error", False)
        self._clear_error()

    def _on_ok_clicked(self) -> None:
        line = self.chosen
        if line is None:
            self._show_error(lambda: tr("item: choose the material"))
            return
        qty = parse_quantity(self.qty.text())
        if qty is None or qty <= 0:
            set_flag(self.qty, "error", True)
            typed = self.qty.text().strip()
            if typed:
                self._show_error(lambda: tr("qty: {text} is not a quantity").format(text=typed))
            else:
                self._show_error(lambda: tr("qty: nothing is not a quantity"))
            return
        set_flag(self.qty, "error", False)
        self._clear_error()
        self._set_busy(True)
        self.sig_submitted.emit(Issue(item=line.item, qty=qty, lot=self.lot.text().strip() or None))

    def _show_error(self, say: Callable[[], str]) -> None:
        self._error = say
        self.error.setText(say())

    def _clear_error(self) -> None:
        self._error = None
        self.error.clear()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok.setEnabled(not busy)
        self.ok.setText(self._ok_text())

    def _ok_text(self) -> str:
        return tr("Issuing…") if self._busy else tr("Issue")
