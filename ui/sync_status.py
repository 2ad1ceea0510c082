"""The status bar's sync item: online or not, what waits to be sent, when it last synced.

Three parts, each shown only when it has something to say: the connection state (tap
it to try the server now instead of after the retry pause), a warning when this
terminal's clock is far off the server's, and how many of this terminal's events the
server rejected (tap it for the list). Colours come from the theme's QSS, keyed on the
`state` property and the object names.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QLocale, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.i18n import QT_TR_NOOP
from app.services.people import Operator
from sync.client.engine import PAGE_REFUSED, SKEW_WARN_S, SyncStatus
from ui.common.timefmt import PlantTime
from ui.i18n import on_language_change, tr, translated
from ui.sync_controller import SyncController
from ui.sync_rejected import RejectedEventsDialog, RejectedRow, rejected_rows

STATE_WORDS = {
    "online": QT_TR_NOOP("Online"),
    "offline": QT_TR_NOOP("Offline"),
    "connecting": QT_TR_NOOP("Connecting to the server"),
    "refused": QT_TR_NOOP("Server refused this terminal"),
    "unregistered": QT_TR_NOOP("Not enrolled with the server"),
    "forked": QT_TR_NOOP("Copy of another terminal's database: not syncing"),
    "tampered": QT_TR_NOOP("Own events changed outside Takt: not syncing"),
}
# The state is "refused" either way; what refused what is in the detail.
PAGE_REFUSED_WORDS = QT_TR_NOOP("Refused the server's data")


def clock_time(when: datetime, clock: PlantTime | None = None) -> str:
    """Plant time with its zone: it sits next to the computer's own clock, which may be on
    another zone (None: UTC, until the plant's zone is known)."""
    return (clock or PlantTime()).clock(when, with_zone=True)


def status_text(status: SyncStatus, clock: PlantTime | None = None) -> str:
    """'Online · synced 08:01:02 CET', 'Offline · 3 waiting · last sync 07:55:10 CET', ..."""
    refused_page = status.state == "refused" and status.detail.startswith(PAGE_REFUSED)
    state = PAGE_REFUSED_WORDS if refused_page else STATE_WORDS.get(status.state, status.state)
    parts = [translated(state)]
    waiting = tr("{n} waiting").format(n=QLocale().toString(status.waiting))
    if status.state == "online":
        if status.waiting:
            parts.append(waiting)
        if status.last_sync_at is not None:
            at = clock_time(status.last_sync_at, clock)
            parts.append(tr("synced {time}").format(time=at))
        return " · ".join(parts)
    if status.waiting:
        parts.append(waiting)
    if status.state == "unregistered":
        parts.append(tr("run {command}").format(command="takt enroll"))
    elif status.state == "forked":
        parts.append(tr("run {command}").format(command="takt enroll --new-identity"))
    elif status.last_sync_at is not None:
        at = clock_time(status.last_sync_at, clock)
        parts.append(tr("last sync {time}").format(time=at))
    elif status.state == "offline":
        parts.append(tr("never synced"))
    return " · ".join(parts)


def skew_text(skew_s: float | None) -> str | None:
    """A warning when this clock is more than SKEW_WARN_S off the server's, else None.

    The engine measures server minus local: positive means this clock is behind.
    """
    if skew_s is None or abs(skew_s) <= SKEW_WARN_S:
        return None
    size = abs(skew_s)
    locale = QLocale()
    if size < 3600:
        amount = tr("{n} min").format(n=locale.toString(round(size / 60)))
    else:
        amount = tr("{n} h").format(n=locale.toString(size / 3600, "f", 1))
    if skew_s > 0:
        return tr("Clock {amount} behind the server").format(amount=amount)
    return tr("Clock {amount} ahead of the server").format(amount=amount)


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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in (self.state_button, self.skew, self.rejected_button):
            layout.addWidget(widget)
        self.state_button.clicked.connect(self._on_state_button_clicked)
        self.rejected_button.clicked.connect(self.show_rejected)
        controller.sig_status.connect(self.show_status)
        self._status = controller.status
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.rejected_button.setToolTip(tr("Changes made here that the server refused: show them"))
        self.show_status(self._status)

    @property
    def text(self) -> str:
        """Everything the item says, as one line (tests and screen readers read this)."""
        shown = [self.state_button.text()]
        shown += [w.text() for w in (self.skew, self.rejected_button) if not w.isHidden()]
        return " · ".join(shown)

    @Slot(object)
    def show_status(self, status: SyncStatus) -> None:
        self._status = status  # said again after a language switch
        self.state_button.setText(status_text(status, self.clock))
        _restyle(self.state_button, "state", status.state)
        tip = translated(status.detail) if status.detail else tr("Tap to try the server now")
        self.state_button.setToolTip(tip)
        skew = skew_text(status.clock_skew_s)
        self.skew.setText(skew or "")
        self.skew.setVisible(skew is not None)
        rejected = QLocale().toString(status.rejected)
        self.rejected_button.setText(tr("{n} rejected").format(n=rejected))
        self.rejected_button.setVisible(status.rejected > 0)

    @Slot()
    def show_rejected(self) -> None:
        """Open the list of rejected events once it has been read."""
        engine = self.controller.engine
        self.controller.background.read(
            lambda: rejected_rows(engine),
            self._on_rejected_read,
            owner=self,
            what="the rejected events",
        )

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
