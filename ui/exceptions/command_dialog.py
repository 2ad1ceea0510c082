"""Small forms for exception commands: waiting on, reassign, resolve, reopen.

A `CommandDialog` has named fields: free text, a choice from a drop-down, a choice of
big touch buttons (`touch`), or a category -> reason choice from a tree (`tree`, the
same touch list a machine-down capture uses; a category alone is an answer too). It
does not run the command itself: it emits `sig_submitted` with the values and shows the
service's answer (`show_error` marks the fields the message names, `accept` closes it).
The service checks the values; the form only says what is missing.

A form's words (title, labels, hints, choices) are English, marked with `QT_TR_NOOP`
where they are written: the dialog says them with `translated`, and again when the
language changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent
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
from app.i18n import QT_TR_NOOP, Message
from app.routing.reasons import ReasonTree
from ui.common.errors import error_text
from ui.exceptions.choices import ChoiceGrid, ReasonPicker
from ui.i18n import on_language_change, tr, translated
from ui.widgets import fit_to_window, no_default_buttons, scroll_body, set_flag

Input = QLineEdit | QComboBox | ChoiceGrid | ReasonPicker


@dataclass(frozen=True)
class Field:
    name: str  # as the service names it in a ValidationError
    label: str
    choices: tuple[tuple[str, str], ...] = ()  # (value, text); empty: free text
    required: bool = True
    editable: bool = False  # a choice that also takes typed text
    placeholder: str = ""
    value: str = ""
    touch: bool = False  # the choices as big buttons instead of a drop-down
    tree: ReasonTree | None = None  # a category, then one of its reasons, as big buttons


@dataclass
class CommandForm:
    title: str
    action: str  # the OK button's text
    fields: list[Field] = field(default_factory=list)
    hint: str = ""


FIELD_ROOM = 40  # a text field's frame and padding around its words
FIELD_MOST = 560  # a field's example is cut past this width (the form stays a form)


def _fit_placeholder(line: QLineEdit) -> None:
    """A text field at least as wide as its example says (in this language), up to a
    point: the form widens to show it rather than cut it."""
    line.ensurePolished()
    needed = line.fontMetrics().horizontalAdvance(line.placeholderText()) + FIELD_ROOM
    line.setMinimumWidth(min(FIELD_MOST, needed) if line.placeholderText() else 0)


class CommandDialog(QDialog):
    """Signals:
    sig_submitted: carries {field name: value} (stripped; "" for an empty optional field).
    """

    sig_submitted = Signal(object)

    def __init__(self, form: CommandForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commandDialog")
        self.setModal(True)
        self.form = form
        self.touch = any(f.touch or f.tree is not None for f in form.fields)
        self.inputs: dict[str, Input] = {}
        self.labels: dict[str, QLabel] = {}
        self._error: Exception | str | None = None  # what the error line says
        self.heading = QLabel("")
        self.heading.setObjectName("heading")
        self.hint = QLabel("")
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(form.hint))
        grid = QGridLayout()
        grid.setVerticalSpacing(8)
        row = 0
        for f in form.fields:
            label = QLabel("")
            label.setObjectName("fieldLabel")
            widget = self._input(f)
            widget.setProperty("field", f.name)
            if f.touch or f.tree is not None:  # a touch list: the whole width, under its label
                grid.addWidget(label, row, 0, 1, 2)
                grid.addWidget(widget, row + 1, 0, 1, 2)
                row += 2
            else:
                grid.addWidget(label, row, 0)
                grid.addWidget(widget, row, 1)
                row += 1
            self.inputs[f.name] = widget
            self.labels[f.name] = label
        grid.setColumnStretch(1, 1)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.cancel = QPushButton("")
        self.cancel.setObjectName("secondary")
        self.cancel.clicked.connect(self.reject)
        self.ok = QPushButton("")
        self.ok.setObjectName("primary")
        self.ok.clicked.connect(self._on_ok_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        self.body = body = QWidget()
        fields = QVBoxLayout(body)
        fields.setContentsMargins(0, 0, 8, 0)
        fields.addWidget(self.heading)
        fields.addWidget(self.hint)
        fields.addLayout(grid)
        fields.addStretch(1)
        # The fields scroll when the window is short; the buttons stay in view.
        self.form_scroll = scroll_body(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        no_default_buttons(self)
        self.setMinimumWidth(min(640, self.minimumWidth() or 640))
        for f in form.fields:
            if f.value:
                self.set_value(f.name, f.value)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def _input(self, f: Field) -> Input:
        if f.tree is not None:
            return ReasonPicker(
                f.tree,
                lambda category: tr("{category}: what exactly? (optional)").format(
                    category=category
                ),
                category_counts=True,
            )
        if f.choices and f.touch:
            grid = ChoiceGrid()
            grid.set_choices(f.choices)
            return grid
        if f.choices:
            combo = QComboBox()
            combo.setEditable(f.editable)
            for value, text in f.choices:
                combo.addItem(translated(text), value)
            return combo
        line = QLineEdit()
        line.setObjectName("reasonInput")
        return line

    # --- words ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Say the form's words again (the language changed); what is entered stays."""
        form = self.form
        self.setWindowTitle(translated(form.title))
        self.heading.setText(translated(form.title))
        self.hint.setText(translated(form.hint) if form.hint else "")
        for f in form.fields:
            label = translated(f.label)
            self.labels[f.name].setText(
                label if f.required else tr("{label} (optional)").format(label=label)
            )
            widget = self.inputs[f.name]
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(translated(f.placeholder) if f.placeholder else "")
                _fit_placeholder(widget)
            elif isinstance(widget, QComboBox):
                index, typed = widget.currentIndex(), widget.currentText()
                picked = index >= 0 and widget.itemText(index) == typed
                for n, (_value, text) in enumerate(f.choices):
                    widget.setItemText(n, translated(text))
                if widget.isEditable() and not picked:
                    widget.setEditText(typed)  # typed, not picked: it stays
        self.cancel.setText(tr("Cancel"))
        self.ok.setText(translated(form.action))
        self._say_error()

    def _field_labels(self) -> dict[str, str]:
        return {f.name: translated(f.label) for f in self.form.fields}

    def _say_error(self) -> None:
        error = self._error
        self.error.setText("" if error is None else error_text(error, self._field_labels()))

    # --- on screen ------------------------------------------------------------------------

    def open(self) -> None:
        host = self.parentWidget()
        width = max(640, self.sizeHint().width())
        if host is not None and self.touch:
            width = max(width, host.width())  # touch lists: the room of a capture form
        fit_to_window(self, host, width=width)
        super().open()
        # Laid out on screen, the form knows its width in the theme's fonts (and in this
        # language's words): widen to it when the first guess was short.
        QTimer.singleShot(0, self._widen_to_form)

    def _widen_to_form(self) -> None:
        needed = (
            self.width()
            + self.body.minimumSizeHint().width()
            - self.form_scroll.viewport().width()
            + 2
        )
        if needed > self.width():
            fit_to_window(self, self.parentWidget(), width=needed)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if not self.touch:
            return hint
        # Touch lists want their whole height (the window bounds it; the rest scrolls).
        extra = self.body.sizeHint().height() - self.form_scroll.sizeHint().height()
        return QSize(hint.width(), hint.height() + max(0, extra))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._regrid()

    def _regrid(self) -> None:
        """Touch buttons in as many columns as the form's width lets their labels fit."""
        width = self.form_scroll.viewport().width() - 8 if self.isVisible() else 0
        for widget in self.inputs.values():
            if isinstance(widget, ChoiceGrid | ReasonPicker):
                widget.regrid(width if width > 0 else None)

    # --- values ---------------------------------------------------------------------------

    def set_value(self, name: str, value: str) -> None:
        widget = self.inputs[name]
        if isinstance(widget, ChoiceGrid):
            widget.check(value)
        elif isinstance(widget, ReasonPicker):
            widget.select(value)
        elif isinstance(widget, QComboBox):
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
            if isinstance(widget, ChoiceGrid):
                result[name] = widget.checked() or ""
            elif isinstance(widget, ReasonPicker):
                result[name] = widget.value() or ""
            elif isinstance(widget, QComboBox):
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
            self.show_error(ValidationError.one(missing[0].name, Message(QT_TR_NOOP("missing"))))
            return
        self.ok.setEnabled(False)
        self._error = None
        self._say_error()
        self.sig_submitted.emit(values)

    def show_error(self, error: Exception | str) -> None:
        self.ok.setEnabled(True)
        self._error = error
        self._say_error()
        named = set(error.fields) if isinstance(error, ValidationError) else set()
        for name, widget in self.inputs.items():
            flagged: QWidget = widget.categories if isinstance(widget, ReasonPicker) else widget
            set_flag(flagged, "error", name in named)
