"""The status bar's sync item: online or not, what waits to be sent, when it last synced.

Three parts, each shown only when it has something to say: the connection state (tap
it to try the server now instead of after the retry pause), a warning when this
terminal's clock is far off the server's, and how many of this terminal's events the
server rejected (tap it for the list). Colours come from the theme's QSS, keyed on the
`state` property and the object names.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.services.people import Operator
from sync.client.engine import PAGE_REFUSED, SKEW_WARN_S, SyncStatus
from ui.common.timefmt import PlantTime
from ui.sync_controller import SyncController
from ui.sync_rejected import RejectedEventsDialog, RejectedRow, rejected_rows

STATE_WORDS = {
    "online": "Online",
    "offline": "Offline",
    "connecting": "Connecting to the server",
    "refused": "Server refused this terminal",
    "unregistered": "Not enrolled with the server",
    "forked": "Copy of another terminal's database: not syncing",
    "tampered": "Own events changed outside Takt: not syncing",
}
# The state is "refused" either way; what refused what is in the detail.
PAGE_REFUSED_WORDS = "Refused the server's data"


def clock_time(when: datetime, clock: PlantTime | None = None) -> str:
    """Plant time with its zone: it sits next to the computer's own clock, which may be on
    another zone (None: UTC, until the plant's zone is known)."""
    return (clock or PlantTime()).clock(when, with_zone=True)


def status_text(status: SyncStatus, clock: PlantTime | None = None) -> str:
    """'Online · synced 08:01:02 CET', 'Offline · 3 waiting · last sync 07:55:10 CET', ..."""
    refused_page = status.state == "refused" and status.detail.startswith(PAGE_REFUSED)
    parts = [PAGE_REFUSED_WORDS if refused_page else STATE_WORDS.get(status.state, status.state)]
    if status.state == "online":
        if status.waiting:
            parts.append(f"{status.waiting} waiting")
        if status.last_sync_at is not None:
            parts.append(f"synced {clock_time(status.last_sync_at, clock)}")
        return " · ".join(parts)
    if status.waiting:
        parts.append(f"{status.waiting} waiting")
    if status.state == "unregistered":
        parts.append("run takt enroll")
    elif status.state == "forked":
        parts.append("run takt enroll --new-identity")
    elif status.last_sync_at is not None:
        parts.append(f"last sync {clock_time(status.last_sync_at, clock)}")
    elif status.state == "offline":
        parts.append("never synced")
    return " · ".join(parts)


def skew_text(skew_s: float | None) -> str | None:
    """A warning when this clock is more than SKEW_WARN_S off the server's, else None.

    The engine measures server minus local: positive means this clock is behind.
    """
    if skew_s is None or abs(skew_s) <= SKEW_WARN_S:
        return None
    size = abs(skew_s)
    amount = f"{round(size / 60)} min" if size < 3600 else f"{size / 3600:.1f} h"
    side = "behind" if skew_s > 0 else "ahead of"
    return f"Clock {amount} {side} the server"


def _restyle(widget: QWidget, name: str, value: str) -> None:
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class SyncStatusWidget(QWidget):
    def __init__(
        self,
        controller: SyncController,
        parent: QWidget | None = None,
        clock: PlantTime | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.controller = controller
        # Shared with the other screens (the board controller's): it follows the plant's zone.
        self.clock = clock if clock is not None else PlantTime()
        self.dialog: RejectedEventsDialog | None = None
        self.operator: Operator | None = None
        self.state_button = QPushButton()
        self.state_button.setObjectName("syncState")
        self.state_button.setFlat(True)
        self.skew = QLabel()
        self.skew.setObjectName("syncSkew")
        self.rejected_button = QPushButton()
        self.rejected_button.setObjectName("syncRejected")
        self.rejected_button.setToolTip("Changes made here that the server refused: show them")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in (self.state_button, self.skew, self.rejected_button):
            layout.addWidget(widget)
        self.state_button.clicked.connect(self._on_state_button_clicked)
        self.rejected_button.clicked.connect(self.show_rejected)
        controller.sig_status.connect(self.show_status)
        self.show_status(controller.status)

    @property
    def text(self) -> str:
        """Everything the item says, as one line (tests and screen readers read this)."""
        shown = [self.state_button.text()]
        shown += [w.text() for w in (self.skew, self.rejected_button) if not w.isHidden()]
        return " · ".join(shown)

    @Slot(object)
    def show_status(self, status: SyncStatus) -> None:
        self.state_button.setText(status_text(status, self.clock))
        _restyle(self.state_button, "state", status.state)
        tip = status.detail or "Tap to try the server now"
        self.state_button.setToolTip(tip)
        skew = skew_text(status.clock_skew_s)
        self.skew.setText(skew or "")
        self.skew.setVisible(skew is not None)
        self.rejected_button.setText(f"{status.rejected} rejected")
        self.rejected_button.setVisible(status.rejected > 0)

    @Slot()
    def show_rejected(self) -> None:
        """Open the list of rejected events once it has been read."""
        self.controller.read(rejected_rows, self._on_rejected_read)

    def set_operator(self, operator: Operator | None) -> None:
        """Who is logged in: a supervisor or manager may act on the rejected list."""
        self.operator = operator
        if self.dialog is not None:
            self.dialog.set_operator(operator)

    def _on_rejected_read(self, rows: list[RejectedRow]) -> None:
        if self.dialog is None:  # one dialog, kept: opened again it shows the new list
            self.dialog = RejectedEventsDialog(
                self.window(), tz=self.clock.tz, controller=self.controller, operator=self.operator
            )
        self.dialog.set_rows(rows)
        self.dialog.show()
        self.dialog.raise_()

    @Slot()
    def _on_state_button_clicked(self) -> None:
        self.controller.retry_now()
