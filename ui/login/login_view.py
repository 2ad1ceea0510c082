"""Log in on a shared terminal: scan a badge, or type employee number and PIN."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import TaktError
from app.services.people import Operator, PeopleService
from ui.scanner import KEEPS_KEYS
from ui.workers import Lane


class LoginView(QWidget):
    """The first screen of every terminal.

    A badge scanner is a keyboard wedge: it types the badge number and Enter into the
    focused badge field. Without a badge, a person types their employee number and PIN
    on the on-screen pad (touch) or a keyboard.

    Signals:
        sig_logged_in: a person logged in; carries their Operator.
    """

    sig_logged_in = Signal(object)

    def __init__(self, people: PeopleService, db: Lane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people = people
        self._db = db
        self.setObjectName("loginView")

        self.title = QLabel("Scan your badge")
        self.title.setObjectName("heading")
        self.badge = QLineEdit()
        self.badge.setObjectName("badgeInput")
        self.badge.setPlaceholderText("Badge")
        self.badge.returnPressed.connect(self._on_badge_entered)

        self.or_label = QLabel("or log in with your employee number and PIN")
        self.or_label.setObjectName("hint")
        self.user_id = QLineEdit()
        self.user_id.setObjectName("userIdInput")
        self.user_id.setPlaceholderText("Employee no.")
        self.pin = QLineEdit()
        self.pin.setObjectName("pinInput")
        self.pin.setPlaceholderText("PIN")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self._on_pin_entered)
        self.user_id.returnPressed.connect(self.pin.setFocus)
        for field in (self.user_id, self.pin):
            field.setProperty(KEEPS_KEYS, True)  # typed numbers, not scanned codes
        self._pad_target = self.user_id
        self.user_id.installEventFilter(self)
        self.pin.installEventFilter(self)

        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)

        pad = QGridLayout()
        pad.setSpacing(8)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate(keys):
            button = QPushButton(key)
            button.setObjectName("padKey" if key != "OK" else "primary")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self._on_key(k))
            pad.addWidget(button, index // 3, index % 3)
            self.keys[key] = button

        fields = QVBoxLayout()
        fields.addWidget(self.user_id)
        fields.addWidget(self.pin)
        fields.addStretch(1)
        pin_row = QHBoxLayout()
        pin_row.addLayout(fields, 1)
        pin_row.addLayout(pad, 1)

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.badge)
        column.addSpacing(24)
        column.addWidget(self.or_label)
        column.addLayout(pin_row)
        column.addWidget(self.error)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)

    def reset(self) -> None:
        for field in (self.badge, self.user_id, self.pin):
            field.clear()
        self.error.clear()
        self._set_busy(False)
        self.badge.setFocus()

    def show_notice(self, text: str) -> None:
        self.error.setText(text)

    # --- input -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The pad types into whichever field was focused last (its keys never take focus).
        if event.type() == QEvent.Type.FocusIn and watched in (self.user_id, self.pin):
            self._pad_target = self.user_id if watched is self.user_id else self.pin
        return super().eventFilter(watched, event)

    def _on_key(self, key: str) -> None:
        if key == "OK":
            if self._pad_target is self.user_id and self.user_id.text():
                self.pin.setFocus()
            else:
                self._on_pin_entered()
        elif key == "⌫":
            self._pad_target.backspace()
        else:
            self._pad_target.insert(key)

    def scan_badge(self, badge: str) -> None:
        """A badge the scan router recognised (a scanner typed it, wherever the focus was)."""
        self.badge.clear()
        self._submit(lambda: self._people.login_badge(badge))

    def _on_badge_entered(self) -> None:
        badge = self.badge.text()
        self.badge.clear()
        self._submit(lambda: self._people.login_badge(badge))

    def _on_pin_entered(self) -> None:
        user_id, pin = self.user_id.text(), self.pin.text()
        self.pin.clear()
        self._submit(lambda: self._people.login_pin(user_id, pin))

    def _submit(self, login: Callable[[], Operator]) -> None:
        self._set_busy(True)
        self.error.clear()
        self._db.submit(login, self._on_logged_in, self._on_failed)

    def _on_logged_in(self, operator: Operator) -> None:
        self._set_busy(False)
        self.sig_logged_in.emit(operator)

    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.error.setText(
            str(error) if isinstance(error, TaktError) else "Login failed; see the log."
        )
        self.badge.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.badge, self.user_id, self.pin, *self.keys.values()):
            widget.setEnabled(not busy)
