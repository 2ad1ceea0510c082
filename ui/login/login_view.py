"""Log in on a shared terminal: scan a badge, or type employee number and PIN.

The row of languages on top lets a person pick the language they read before they log in;
the main window then keeps it as that person's language (on every terminal).
"""

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

from app.services.people import Operator, PeopleService
from ui.background import Background
from ui.common.errors import error_text
from ui.i18n import LANGUAGES, current_language, on_language_change, tr, use_language
from ui.scanner import KEEPS_KEYS


class LoginView(QWidget):
    """The first screen of every terminal.

    A badge scanner is a keyboard wedge: it types the badge number and Enter into the
    focused badge field. Without a badge, a person types their employee number and PIN
    on the on-screen pad (touch) or a keyboard.

    Signals:
        sig_logged_in: a person logged in; carries their Operator.
        sig_language_chosen: a language button was pressed; carries its code.
    """

    sig_logged_in = Signal(object)
    sig_language_chosen = Signal(str)

    def __init__(
        self, people: PeopleService, background: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._people = people
        self._background = background
        self.setObjectName("loginView")
        # What the error line says, kept to be said again in another language.
        self._message: Exception | str | None = None
        self.chosen_language: str | None = None  # picked on this screen before logging in

        self.languages: dict[str, QPushButton] = {}
        language_row = QHBoxLayout()
        language_row.addStretch(1)
        for code, name in LANGUAGES.items():
            button = QPushButton(name)  # each language in its own words: never translated
            button.setObjectName("languageButton")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, c=code: self._on_language(c))
            language_row.addWidget(button)
            self.languages[code] = button

        self.title = QLabel()
        self.title.setObjectName("heading")
        self.badge = QLineEdit()
        self.badge.setObjectName("badgeInput")
        self.badge.returnPressed.connect(self._on_badge_entered)

        self.or_label = QLabel()
        self.or_label.setObjectName("hint")
        self.user_id = QLineEdit()
        self.user_id.setObjectName("userIdInput")
        self.pin = QLineEdit()
        self.pin.setObjectName("pinInput")
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
        column.addLayout(language_row)
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
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.title.setText(tr("Scan your badge"))
        self.badge.setPlaceholderText(tr("Badge"))
        self.or_label.setText(tr("or log in with your employee number and PIN"))
        self.user_id.setPlaceholderText(tr("Employee no."))
        self.pin.setPlaceholderText(tr("PIN"))
        self.keys["OK"].setText(tr("OK", "confirm key"))
        for code, button in self.languages.items():
            button.setChecked(code == current_language())
        self._show_message()

    def reset(self) -> None:
        for field in (self.badge, self.user_id, self.pin):
            field.clear()
        self._message = None
        self.error.clear()
        self.chosen_language = None
        self._set_busy(False)
        self.badge.setFocus()

    def show_notice(self, text: str) -> None:
        """A sentence for whoever comes next: an `app.i18n.Message`, so that it is said
        again when the language changes."""
        self._message = text or None
        self._show_message()

    def _show_message(self) -> None:
        message = self._message
        if message is None:
            self.error.clear()
        else:  # a domain Message or an error: said in the current language
            self.error.setText(error_text(message))

    def _on_language(self, code: str) -> None:
        self.chosen_language = code
        use_language(code)
        self.sig_language_chosen.emit(code)

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
        self._submit("a login by badge", lambda: self._people.login_badge(badge))

    def _on_badge_entered(self) -> None:
        badge = self.badge.text()
        self.badge.clear()
        self._submit("a login by badge", lambda: self._people.login_badge(badge))

    def _on_pin_entered(self) -> None:
        user_id, pin = self.user_id.text(), self.pin.text()
        self.pin.clear()
        self._submit("a login by PIN", lambda: self._people.login_pin(user_id, pin))

    def _submit(self, description: str, login: Callable[[], Operator]) -> None:
        self._set_busy(True)
        self._message = None
        self.error.clear()
        self._background.command(
            description, login, self._on_logged_in, self._on_failed, owner=self
        )

    def _on_logged_in(self, operator: Operator) -> None:
        self._set_busy(False)
        self.sig_logged_in.emit(operator)

    def _on_failed(self, error: Exception) -> None:
        self._set_busy(False)
        self._message = error
        self._show_message()
        self.badge.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.badge, self.user_id, self.pin, *self.keys.values()):
            widget.setEnabled(not busy)
