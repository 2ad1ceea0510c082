"""How bad it is: the severity every capture form asks for, medium unless changed."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.model.types import Severity
from ui.exceptions.capture_section import FORM_SPACING
from ui.exceptions.capture_words import SEVERITIES
from ui.exceptions.choices import button_row, checked_key, say_label
from ui.i18n import tr
from ui.widgets import label


class SeverityPicker(QWidget):
    """'Severity' and a row of buttons, low to critical, one of them checked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = label("fieldLabel")
        self.row, self.group, self.buttons = button_row(
            [(v.value, t) for v, t in SEVERITIES], self, name="severityButton"
        )
        self.buttons[Severity.MEDIUM.value].setChecked(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(FORM_SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.row, 1)

    def retranslate(self) -> None:
        self.title.setText(tr("Severity"))
        for button in self.buttons.values():
            say_label(button)

    def severity(self) -> Severity:
        key = checked_key(self.group)
        return Severity(key) if key else Severity.MEDIUM
