"""Scanner input, routed: a keyboard-wedge scanner's code goes where it belongs, not into
whatever field has the focus.

A wedge scanner types a code as a burst of key presses, each a few milliseconds after the
last, then Enter; a person types far slower. `ScanRouter` watches key presses in one window
(an application event filter) and recognises a burst by its timing. At the burst's Enter it
takes the characters back out of the field they were typed into, swallows the Enter (so it
never presses a default button) and emits `sig_scanned` with the code; the window decides
what the code is (a badge, a work order, an item or a lot). Human typing passes untouched.

Signals:
    sig_scanned: a code was scanned; carries it (stripped).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

# A scanner's keys come 1-20 ms apart; a fast typist's rarely under 60 ms.
KEY_GAP_S = 0.035
MIN_CHARS = 4  # shorter bursts are someone's keys (or a chord), not a code
# A field with this property set keeps even a burst (employee number, PIN): never routed.
KEEPS_KEYS = "keepsKeys"
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class _Burst:
    chars: list[str]
    last: float
    field: QLineEdit | None  # where the burst was typed, and what it held before
    before: str
    cursor: int


class ScanRouter(QObject):
    """Recognises scanner bursts among the key presses of `window` and its dialogs.

    Signals:
        sig_scanned: a code was scanned; carries it.
    """

    sig_scanned = Signal(str)

    def __init__(self, window: QWidget, *, key_gap_s: float = KEY_GAP_S) -> None:
        super().__init__(window)
        self._window = window
        self._gap = key_gap_s
        self._burst: _Burst | None = None
        self._last_receiver: QObject | None = None
        self._last_key: tuple[int, str] | None = None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if self._propagated(watched, event) or not self._mine(watched):
            return False
        now = time.monotonic()
        burst = self._burst
        if burst is not None and now - burst.last > self._gap:
            burst = self._burst = None  # a pause: whatever came before was a person
        if event.key() in _ENTER:
            self._burst = None
            if burst is None or len(burst.chars) < MIN_CHARS:
                return False
            if burst.field is not None and burst.field.property(KEEPS_KEYS):
                return False  # a field that takes fast typing as it is (a PIN)
            self._take_back(burst)
            code = "".join(burst.chars).strip()
            if code:
                self.sig_scanned.emit(code)
            return True  # the scanner's Enter presses nothing
        text = event.text()
        if (
            len(text) != 1
            or not text.isprintable()
            or event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._burst = None
            return False
        if burst is None:
            field = watched if isinstance(watched, QLineEdit) else None
            self._burst = _Burst(
                [text],
                now,
                field,
                field.text() if field is not None else "",
                field.cursorPosition() if field is not None else 0,
            )
        else:
            burst.chars.append(text)
            burst.last = now
        return False

    def _propagated(self, watched: QWidget, event: QKeyEvent) -> bool:
        """The same key press again, handed on to a parent of the widget that ignored it."""
        key = (event.key(), event.text())
        previous = self._last_receiver
        again = (
            key == self._last_key
            and isinstance(previous, QWidget)
            and watched is not previous
            and watched.isAncestorOf(previous)
        )
        self._last_receiver, self._last_key = watched, key
        return again

    def _mine(self, widget: QWidget) -> bool:
        """A key typed in this router's window or a dialog over it."""
        top: QWidget | None = widget.window()
        while top is not None:
            if top is self._window:
                return True
            parent = top.parentWidget()
            top = parent.window() if parent is not None else None
        return False

    @staticmethod
    def _take_back(burst: _Burst) -> None:
        """The scanned characters leave the field they were typed into."""
        field = burst.field
        if field is None:
            return
        try:
            field.setText(burst.before)
            field.setCursorPosition(burst.cursor)
        except RuntimeError:  # the field is gone (its dialog closed meanwhile)
            pass
