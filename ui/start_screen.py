"""What a terminal shows while it starts: at once, and in words what it is preparing.

Opening (and upgrading) the database, checking its event log, seeding the demo plant,
starting the demo's server: all of it runs off the GUI thread (`ui.app.start_terminals`),
and tells this screen each step through a `StartProgress`, from whichever thread it runs
on. A step is an English template marked with `QT_TR_NOOP` and its fields: the screen says
it in the current language, numbers as the language writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.i18n import on_language_change, tr, translated


class StartProgress(QObject):
    """Reports the start-up's steps to the start screen; `step` and `detail` may be
    called from any thread (the signals are queued to the screen's thread).

    Signals:
        sig_step: a new step began; carries its template and fields.
        sig_detail: how far the current step is; carries a template and fields.
    """

    sig_step = Signal(str, object)
    sig_detail = Signal(str, object)

    def step(self, template: str, **fields: Any) -> None:
        """A new step: `template` is marked with QT_TR_NOOP, `fields` fill its {names}."""
        self.sig_step.emit(template, fields)

    def detail(self, template: str, **fields: Any) -> None:
        """A line under the step saying how far it is (e.g. records written so far)."""
        self.sig_detail.emit(template, fields)


def _say(template: str, fields: dict[str, Any]) -> str:
    """A step's template in the current language, its numbers as the language writes them."""
    if not template:
        return ""
    locale = QLocale()
    shown = {
        name: locale.toString(value) if isinstance(value, int) else str(value)
        for name, value in fields.items()
    }
    try:
        return translated(template).format(**shown)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field
        return template.format(**shown)


class StartScreen(QWidget):
    """The first window of a terminal: Takt's name and the step being prepared.

    `on_first_paint` is called once, right after the screen was first painted."""

    def __init__(self, on_first_paint: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.setObjectName("startScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the theme's colours
        self._on_first_paint = on_first_paint
        self._step: tuple[str, dict[str, Any]] = ("", {})
        self._detail: tuple[str, dict[str, Any]] = ("", {})

        self.title = QLabel()
        self.title.setObjectName("heading")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_label = QLabel()
        self.step_label.setObjectName("startStep")
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("hint")
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(16)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.step_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(2)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Takt"))
        self.title.setText(tr("Takt is starting"))
        self.step_label.setText(_say(*self._step) or tr("Starting…"))
        self.detail_label.setText(_say(*self._detail))

    def show_step(self, template: str, fields: dict[str, Any]) -> None:
        self._step = (template, dict(fields))
        self._detail = ("", {})
        self.retranslate()

    def show_detail(self, template: str, fields: dict[str, Any]) -> None:
        self._detail = (template, dict(fields))
        self.detail_label.setText(_say(*self._detail))

    def follow(self, progress: StartProgress) -> None:
        progress.sig_step.connect(self.show_step)
        progress.sig_detail.connect(self.show_detail)

    def step_text(self) -> str:
        return self.step_label.text()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._on_first_paint is not None:
            first, self._on_first_paint = self._on_first_paint, None
            first()
