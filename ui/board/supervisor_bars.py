"""The supervisor board's two rows of buttons: overrides for the picked job, and raising
an exception from the board.

The `OverrideBar` pins, moves, holds or releases the job picked on the board (the board
opens the override dialog); the `RaiseBar` asks for a capture form (ui.exceptions
.capture), one button per kind, and "Call / message" for one reported by phone or in a
message. Each row of buttons wraps into more rows when its words need the room
(`WrapLayout`), so a button is never squeezed below its text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.i18n import QT_TR_NOOP
from app.model.types import Channel, ExceptionKind
from app.priority.model import RankedRow, RowStatus
from ui.board.override_dialog import BUTTON_TEXT, OverrideAction
from ui.exceptions.choices import WrapLayout
from ui.i18n import tr, translated
from ui.widgets import label

# The exception buttons on the board, in order (the forms are ui.exceptions.capture);
# shown with `translated()`.
BOARD_EXCEPTION_BUTTONS = (
    (ExceptionKind.MATERIAL_SHORTAGE, QT_TR_NOOP("Shortage")),
    (ExceptionKind.MACHINE_DOWNTIME, QT_TR_NOOP("Machine down")),
    (ExceptionKind.QUALITY_HOLD, QT_TR_NOOP("Quality hold")),
    (ExceptionKind.SUBSTITUTE_MATERIAL, QT_TR_NOOP("Substitute")),
    (ExceptionKind.ORDER_CHANGE, QT_TR_NOOP("Order change")),
    (ExceptionKind.PRIORITY_SHIFT, QT_TR_NOOP("Priority shift")),
    (ExceptionKind.OTHER, QT_TR_NOOP("Other")),
)


@dataclass(frozen=True)
class CaptureRequest:
    """A capture form the board asks for: which kind, how it came in."""

    kind: ExceptionKind
    channel: Channel = Channel.LINE_PC
    reported: bool = False  # a call or message someone else made


class OverrideBar(QWidget):
    """The override buttons, enabled for what the picked job allows.

    Signals:
        sig_action: a button was clicked; carries its OverrideAction.
    """

    sig_action = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overrideBar")
        self.buttons: dict[OverrideAction, QPushButton] = {}
        act = WrapLayout(self, spacing=10)
        for action in OverrideAction:
            button = QPushButton()
            button.setObjectName("overrideButton")
            button.clicked.connect(lambda _=False, a=action: self.sig_action.emit(a))
            act.addWidget(button)
            self.buttons[action] = button

    def retranslate(self) -> None:
        for action, button in self.buttons.items():
            button.setText(translated(BUTTON_TEXT[action]))

    def enable_for(self, ranked: RankedRow | None, others: bool = False) -> None:
        """Enable what can be done to `ranked` (None: nothing is picked); `others`: its
        lane has other jobs to move it before or after."""
        if ranked is None:
            for button in self.buttons.values():
                button.setEnabled(False)
            return
        movable = ranked.status is not RowStatus.RUNNING
        enabled = {
            OverrideAction.PIN: movable,
            OverrideAction.BEFORE: movable and others,
            OverrideAction.AFTER: movable and others,
            OverrideAction.HOLD: movable,
            OverrideAction.CLEAR: ranked.override is not None,
        }
        for action, button in self.buttons.items():
            button.setEnabled(enabled[action])


class RaiseBar(QWidget):
    """The "Raise" caption, a button per exception kind, then "Call / message".

    Signals:
        sig_requested: a button was clicked; carries the CaptureRequest.
    """

    sig_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("raiseBar")
        raise_row = QHBoxLayout(self)
        raise_row.setContentsMargins(0, 0, 0, 0)
        raise_row.setSpacing(6)
        self.caption = label("fieldLabel")
        raise_row.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignTop)
        self.raise_buttons = QWidget()
        self.raise_buttons.setObjectName("raiseButtons")
        raise_wrap = WrapLayout(self.raise_buttons, spacing=6)
        raise_row.addWidget(self.raise_buttons, 1)
        self.exception_buttons: dict[ExceptionKind, QPushButton] = {}
        for kind, _text in BOARD_EXCEPTION_BUTTONS:
            button = QPushButton()
            button.setObjectName("boardExceptionButton")
            button.setProperty("kind", kind.value)
            button.clicked.connect(
                lambda _=False, k=kind: self.sig_requested.emit(CaptureRequest(k))
            )
            raise_wrap.addWidget(button)
            self.exception_buttons[kind] = button
        self.log_call_button = QPushButton()
        self.log_call_button.setObjectName("logCallButton")
        self.log_call_button.clicked.connect(
            lambda: self.sig_requested.emit(
                CaptureRequest(ExceptionKind.OTHER, Channel.PHONE, reported=True)
            )
        )
        raise_wrap.addWidget(self.log_call_button)

    def retranslate(self) -> None:
        self.caption.setText(tr("Raise"))
        for kind, text in BOARD_EXCEPTION_BUTTONS:
            self.exception_buttons[kind].setText(translated(text))
        self.log_call_button.setText(tr("Call / message"))
