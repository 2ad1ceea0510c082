"""The kiosk's card for a machine stop nobody has given a reason for yet.

One line between the work center's bar and the job cards, and only while there is such a
stop: "LAT-01 stopped at 09:00 and is still stopped, fault E-217", then "no reason given"
(and how many more stops wait for one), and "Give reason", which asks again (the prompt
a person put off with "Later"). What the stop was gives way ("…", the whole of it as the
tooltip) before "no reason given" would.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from app.queries_machines import MachineStop
from ui.common.elided import ElidedLabel
from ui.common.formatting import JobFormat
from ui.i18n import on_language_change, tr
from ui.machines.reason_prompt import stop_text
from ui.widgets import label


class StopBanner(QFrame):
    """Shows the first of the stops waiting for a reason; hidden while there is none.
    `answer_button` is the caller's to connect."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("machineStopBanner")
        self.text = ElidedLabel("stopBannerText")
        self.missing = label("stopBannerMissing")
        self.answer_button = QPushButton()
        self.answer_button.setObjectName("stopReasonButton")
        self.answer_button.setAutoDefault(False)
        self.stops: tuple[MachineStop, ...] = ()
        self._fmt = JobFormat()
        self._can_answer = False

        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 2, 2, 2)
        layout.setSpacing(12)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.answer_button)
        self.setVisible(False)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def show_stops(self, stops: Sequence[MachineStop], fmt: JobFormat, *, can_answer: bool) -> None:
        """The stops waiting for a reason (the first stopped first); `can_answer`: someone
        is logged in to give it."""
        self.stops = tuple(stops)
        self._fmt = fmt
        self._can_answer = can_answer
        self.retranslate()
        self.setVisible(bool(self.stops))

    def retranslate(self) -> None:
        self.answer_button.setText(tr("Give reason"))
        self.answer_button.setEnabled(self._can_answer and bool(self.stops))
        if not self.stops:
            self.text.set_full_text("")
            self.missing.setText("")
            return
        self.text.set_full_text(stop_text(self.stops[0], self._fmt))
        others = len(self.stops) - 1
        self.missing.setText(
            tr("no reason given · %n more stop(s) without one", None, others)
            if others
            else tr("no reason given")
        )
