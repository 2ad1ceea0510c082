"""Issuing material to the running job: which material, how much, from which lot.

Prefilled for the common case, so it is two taps from the lane (Issue material, Issue):
the first material this operation still needs is chosen, with what is left of it and
the lot staged for it. A scanner typing a lot number and Enter fills the lot field. Like
the confirm dialog, it does not run the command itself: it emits `sig_submitted` and
shows the service's answer (`show_error` marks the named fields, `accept` closes it).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
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
from ui.board.confirm_dialog import named_fields, parse_quantity, set_flag
from ui.board.formatting import JobFormat, quantity
from ui.board.number_pad import NumberPad
from ui.widgets import DialogFooter, field_grid, fit_to_window, no_default_buttons, scroll_form


@dataclass(frozen=True)
class Issue:
    item: str
    qty: float
    lot: str | None


NAME_CHARS = 30  # a button is a third of a kiosk dialog wide


def material_text(line: MaterialLine) -> str:
    name = line.name if len(line.name) <= NAME_CHARS else line.name[: NAME_CHARS - 1] + "…"
    staged = f"  ·  lot {line.lot}" if line.lot else ""
    return (
        f"{line.item}\n{name}\n{quantity(line.issued)} of {quantity(line.required)} issued{staged}"
    )


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
        self.setWindowTitle(f"Issue material to {fmt.operation(job)}")
        self.setModal(True)
        self.job = job
        self.materials = materials

        title = QLabel(f"Issue material to {fmt.operation(job)}")
        title.setObjectName("heading")

        # One big button per material: touch picks it, and its numbers prefill the form.
        self.material_group = QButtonGroup(self)
        self.material_group.setExclusive(True)
        self.material_buttons: list[QPushButton] = []
        choices = QVBoxLayout()
        choices.setSpacing(8)
        for index, line in enumerate(materials):
            button = QPushButton(material_text(line))
            button.setObjectName("materialChoice")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.material_group.addButton(button, index)
            self.material_buttons.append(button)
            choices.addWidget(button)
        if not materials:
            none = QLabel("This work order lists no material to issue.")
            none.setObjectName("hint")
            choices.addWidget(none)
        choices.addStretch(1)
        self.material_group.idClicked.connect(self._on_material_chosen)

        self.qty = QLineEdit()
        self.qty.setObjectName("quantityInput")
        self.qty.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.lot = QLineEdit()
        self.lot.setObjectName("lotInput")
        self.lot.setPlaceholderText("scan or type the lot")
        self.qty.returnPressed.connect(self.lot.setFocus)
        self.lot.returnPressed.connect(self._on_ok_clicked)

        fields = field_grid((("Quantity", self.qty), ("Lot", self.lot)))
        self.pad = NumberPad(self.qty)
        form = QVBoxLayout()
        form.addLayout(fields)
        form.addWidget(self.pad)

        columns = QHBoxLayout()
        columns.addLayout(choices, 3)
        columns.addSpacing(24)
        columns.addLayout(form, 2)

        footer = DialogFooter(self, "Issue", self._on_ok_clicked)
        self.error, self.cancel, self.ok = footer.error, footer.cancel, footer.ok

        # The materials and fields scroll on a short screen; Cancel and Issue stay in view.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addLayout(columns)
        self.form_scroll = scroll_form(self, body, footer)
        no_default_buttons(self)

        if materials:
            self.material_buttons[0].setChecked(True)
            self._on_material_chosen(0)
        else:
            self.ok.setEnabled(False)
        self.qty.setFocus()

    def open(self) -> None:
        fit_to_window(self, self.parentWidget(), width=max(900, self.sizeHint().width()))
        super().open()

    @property
    def chosen(self) -> MaterialLine | None:
        index = self.material_group.checkedId()
        return self.materials[index] if 0 <= index < len(self.materials) else None

    # --- answers from the service ----------------------------------------------------------

    def show_error(self, message: str) -> None:
        """Show why the issue was refused; mark the fields the message names."""
        self._set_busy(False)
        named = named_fields(message, {"qty": ("qty", "quantity"), "lot": ("lot",)})
        self.error.setText(message)
        set_flag(self.qty, "error", "qty" in named)
        set_flag(self.lot, "error", "lot" in named)
        (self.lot if "lot" in named else self.qty).setFocus()

    # --- input ----------------------------------------------------------------------------

    def _on_material_chosen(self, index: int) -> None:
        line = self.materials[index]
        self.qty.setText(f"{line.remaining:g}" if line.remaining > 0 else "")
        self.lot.setText(line.lot or "")
        for field in (self.qty, self.lot):
            set_flag(field, "error", False)
        self.error.clear()

    def _on_ok_clicked(self) -> None:
        line = self.chosen
        if line is None:
            self.error.setText("item: choose the material")
            return
        qty = parse_quantity(self.qty.text())
        if qty is None or qty <= 0:
            set_flag(self.qty, "error", True)
            self.error.setText(f"qty: {self.qty.text().strip() or 'nothing'} is not a quantity")
            return
        set_flag(self.qty, "error", False)
        self.error.clear()
        self._set_busy(True)
        self.sig_submitted.emit(Issue(item=line.item, qty=qty, lot=self.lot.text().strip() or None))

    def _set_busy(self, busy: bool) -> None:
        self.ok.setEnabled(not busy)
        self.ok.setText("Issuing…" if busy else "Issue")
