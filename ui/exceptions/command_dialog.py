"""Small forms for exception commands: waiting on, reassign, resolve, reopen.

A `CommandDialog` has named fields (free text or a choice); it does not run the command
itself: it emits `sig_submitted` with the values and shows the service's answer
(`show_error` marks the fields the message names, `accept` closes it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from ui.board.confirm_dialog import set_flag
from ui.common.errors import error_text
from ui.widgets import fit_to_window, no_default_buttons, scroll_body


@dataclass(frozen=True)
class Field:
    name: str  # as the service names it in a ValidationError
    label: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, text); empty: free text
    required: bool = True
    editable: bool = False  # a choice that also takes typed text
    placeholder: str = ""
    value: str = ""


@dataclass
class CommandForm:
    title: str
    action: str  # the OK button's text
    fields: list[Field] = field(default_factory=list)
    hint: str = ""


class CommandDialog(QDialog):
    """Signals:
    sig_submitted: carries {field name: value} (stripped; "" for an empty optional field).
    """

    sig_submitted = Signal(object)

    def __init__(self, form: CommandForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commandDialog")
        self.setWindowTitle(form.title)
        self.setModal(True)
        self.form = form
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        heading = QLabel(form.title)
        heading.setObjectName("heading")
        hint = QLabel(form.hint)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        hint.setVisible(bool(form.hint))
        grid = QGridLayout()
        grid.setVerticalSpacing(8)
        for n, f in enumerate(form.fields):
            label = QLabel(f.label + ("" if f.required else " (optional)"))
            label.setObjectName("fieldLabel")
            widget: QLineEdit | QComboBox
            if f.choices:
                combo = QComboBox()
                combo.setEditable(f.editable)
                for value, text in f.choices:
                    combo.addItem(text, value)
                if f.value:
                    combo.setCurrentIndex(max(0, combo.findData(f.value)))
                widget = combo
            else:
                line = QLineEdit(f.value)
                line.setObjectName("reasonInput")
                line.setPlaceholderText(f.placeholder)
                widget = line
            widget.setProperty("field", f.name)
            grid.addWidget(label, n, 0)
            grid.addWidget(widget, n, 1)
            self.inputs[f.name] = widget
        grid.setColumnStretch(1, 1)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.cancel = QPushButton("Cancel")
        self.cancel.setObjectName("secondary")
        self.cancel.clicked.connect(self.reject)
        self.ok = QPushButton(form.action)
        self.ok.setObjectName("primary")
        self.ok.clicked.connect(self._on_ok_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        body = QWidget()
        fields = QVBoxLayout(body)
        fields.setContentsMargins(0, 0, 8, 0)
        fields.addWidget(heading)
        fields.addWidget(hint)
        fields.addLayout(grid)
        fields.addStretch(1)
        # The fields scroll when the window is short; the buttons stay in view.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(scroll_body(body), 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        no_default_buttons(self)
        self.setMinimumWidth(min(640, self.minimumWidth() or 640))

    def open(self) -> None:
        fit_to_window(self, self.parentWidget(), width=max(640, self.sizeHint().width()))
        super().open()

    def set_value(self, name: str, value: str) -> None:
        widget = self.inputs[name]
        if isinstance(widget, QComboBox):
            index = widget.findData(value)
            if index >= 0:
                widget.setCurrentIndex(index)
            elif widget.isEditable():
                widget.setEditText(value)
        else:
            widget.setText(value)

    def values(self) -> dict[str, str]:
        result = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                index = widget.currentIndex()
                typed = widget.currentText().strip()
                data = widget.itemData(index) if index >= 0 else None
                same = index >= 0 and widget.itemText(index) == widget.currentText()
                result[name] = str(data) if data is not None and same else typed
            else:
                result[name] = widget.text().strip()
        return result

    def _on_ok_clicked(self) -> None:
        values = self.values()
        missing = [f for f in self.form.fields if f.required and not values.get(f.name)]
        if missing:
            self.show_error(
                ValidationError.one(missing[0].name, f"missing: {missing[0].label.lower()}")
            )
            return
        self.ok.setEnabled(False)
        self.error.setText("")
        self.sig_submitted.emit(values)

    def show_error(self, error: Exception | str) -> None:
        self.ok.setEnabled(True)
        self.error.setText(error_text(error, {f.name: f.label for f in self.form.fields}))
        named = set(error.fields) if isinstance(error, ValidationError) else set()
        for name, widget in self.inputs.items():
            set_flag(widget, "error", name in named)
