"""An on-screen number pad for touch kiosks: it types into whichever of its fields last
had the focus, so a gloved finger never needs the system keyboard. Its decimal key
types the language's decimal mark ("," in German), which the quantity fields read."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from ui.i18n import on_language_change

# The keys by name; "." is the decimal key, showing and typing the language's mark.
KEYS = ["7", "8", "9", "4", "5", "6", "1", "2", "3", "0", ".", "⌫"]
DECIMAL = "."
BACKSPACE = "⌫"
# Enough for any quantity a plant reports ("1250000.5"); a scanner or a stuck key cannot
# run to a 20-digit figure. What the operation can take is the service's to say.
MAX_CHARS = 10


class NumberPad(QWidget):
    def __init__(self, *fields: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = fields
        self.target = fields[0]
        for field in fields:
            field.setMaxLength(MAX_CHARS)  # typing, pasting and the pad's keys alike
            field.installEventFilter(self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate(KEYS):
            button = QPushButton(key)
            button.setObjectName("padKey")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus
            button.clicked.connect(lambda _=False, k=key: self._on_key(k))
            grid.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.keys[DECIMAL].setText(decimal_mark())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in self.fields:
            assert isinstance(watched, QLineEdit)
            self.target = watched
        return super().eventFilter(watched, event)

    def _on_key(self, key: str) -> None:
        if key == BACKSPACE:
            self.target.backspace()
        else:
            self.target.insert(decimal_mark() if key == DECIMAL else key)


def decimal_mark() -> str:
    """'.' in English, ',' in German."""
    return QLocale().decimalPoint()
