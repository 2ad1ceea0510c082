"""Logging a call or a message: what was reported, and how it came in.

The supervisor board's "Log a call / message" opens a capture form with these rows under
its context line: the kind of exception (which decides the rest of the form), the channel
(a phone call or a message), and for a message the box its text is pasted into (the
record keeps it as the note). Every other form hides them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from app.model.types import Channel, ExceptionKind
from ui.board.supervisor_bars import BOARD_EXCEPTION_BUTTONS
from ui.exceptions.capture_section import stack_rows
from ui.exceptions.capture_words import REPORT_CHANNELS
from ui.exceptions.choices import button_row, say_label
from ui.i18n import tr
from ui.widgets import label


class ReportSection(QWidget):
    """The kind reported and the channel, one row of buttons each, and the message box.

    Signals:
        sig_kind_chosen: a kind was tapped; carries its ExceptionKind.
        sig_channel_chosen: a channel was tapped; carries its Channel.
    """

    sig_kind_chosen = Signal(object)
    sig_channel_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_title = label("fieldLabel")
        self.kind_row, self.kind_group, self.kind_buttons = button_row(
            [(k.value, t) for k, t in BOARD_EXCEPTION_BUTTONS], self
        )
        self.kind_group.idClicked.connect(self._on_kind_clicked)
        self.channel_title = label("fieldLabel")
        self.channel_row, self.channel_group, self.channel_buttons = button_row(
            [(c.value, t) for c, t in REPORT_CHANNELS], self
        )
        self.channel_group.idClicked.connect(self._on_channel_clicked)
        self.message_text = QPlainTextEdit()
        self.message_text.setObjectName("messageText")
        self.message_text.setMaximumHeight(120)
        choices = (self.kind_title, self.kind_row, self.channel_title, self.channel_row)
        stack_rows(self, (*choices, self.message_text))

    def retranslate(self) -> None:
        self.kind_title.setText(tr("What was reported?"))
        self.channel_title.setText(tr("How did it come in?"))
        self.message_text.setPlaceholderText(tr("Paste the message here (it is kept as the note)"))
        for buttons in (self.kind_buttons, self.channel_buttons):
            for button in buttons.values():
                say_label(button)

    def show_kind(self, kind: ExceptionKind) -> None:
        if kind.value in self.kind_buttons:
            self.kind_buttons[kind.value].setChecked(True)

    def show_channel(self, channel: Channel) -> None:
        """Check `channel`; only a message has a text to paste."""
        if channel.value in self.channel_buttons:
            self.channel_buttons[channel.value].setChecked(True)
        self.message_text.setVisible(channel is Channel.MESSAGE)

    def message(self) -> str:
        return self.message_text.toPlainText().strip()

    def _on_kind_clicked(self, n: int) -> None:
        self.sig_kind_chosen.emit(BOARD_EXCEPTION_BUTTONS[n][0])

    def _on_channel_clicked(self, n: int) -> None:
        self.sig_channel_chosen.emit(REPORT_CHANNELS[n][0])
