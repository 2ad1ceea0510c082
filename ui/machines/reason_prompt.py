"""The kiosk's question after a machine stopped by itself: "Why did LAT-01 stop?"

A machine that stops longer than the micro-stop threshold opens a downtime with no
reason a person gave (ui.machines.stop_prompt decides when to ask). The operator answers
from the downtime reason tree, as on the machine-down capture form: a category, then one
of its reasons (`ReasonPicker`, big touch buttons), then "Give reason"; or "Later", which
leaves the stop on the kiosk's banner as "no reason given" until someone answers (within
a day of the machine running again).

The dialog does not record anything itself: "Give reason" emits `sig_submitted` with the
reason's code and the caller answers with `accept` or `show_error` (the picks stay).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from app.queries_machines import MachineStop
from app.routing.reasons import ReasonTree
from ui.common.errors import error_text
from ui.common.formatting import JobFormat
from ui.exceptions.choices import ReasonPicker
from ui.i18n import on_language_change, tr
from ui.widgets import DialogFooter, fit_to_window, label, no_default_buttons, scroll_form

ROOM = 1000  # the width the reason buttons lay out for before the dialog is on screen


def duration_text(seconds: float) -> str:
    """'40 s', '12 min', '1 h 05 min': how long a machine stood."""
    whole = round(seconds)
    if whole < 60:
        return tr("{seconds} s").format(seconds=whole)
    hours, minutes = divmod(whole // 60, 60)
    if hours:
        return tr("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")
    return tr("{minutes} min").format(minutes=minutes)


def stop_text(stop: MachineStop, fmt: JobFormat) -> str:
    """'LAT-01 stopped at 09:00 and is still stopped' or 'LAT-01 stopped from 09:00 to
    09:12 (12 min)', with the machine's fault code when it said one."""
    if stop.ran_again_at is None:
        text = tr("{work_center} stopped at {time} and is still stopped").format(
            work_center=stop.work_center, time=fmt.time(stop.stopped_at)
        )
    else:
        seconds = stop.downtime_s
        if seconds is None:
            seconds = (stop.ran_again_at - stop.stopped_at).total_seconds()
        text = tr("{work_center} stopped from {start} to {end} ({duration})").format(
            work_center=stop.work_center,
            start=fmt.time(stop.stopped_at),
            end=fmt.time(stop.ran_again_at),
            duration=duration_text(seconds),
        )
    if stop.fault_code:
        text = tr("{stop}, fault {fault}").format(stop=text, fault=stop.fault_code)
    return text


class StopReasonDialog(QDialog):
    """Asks why one machine stop happened; the reason tree as touch buttons.

    Signals:
        sig_submitted: "Give reason" was tapped; carries the reason's code.
    """

    sig_submitted = Signal(str)

    def __init__(
        self,
        stop: MachineStop,
        reasons: ReasonTree,
        fmt: JobFormat,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stopReasonDialog")
        self.setModal(True)
        self.stop = stop
        self._fmt = fmt
        self._busy = False
        self._error: Exception | str | None = None

        self.heading = label("heading", wrap=True)
        self.facts = label("stopFacts", wrap=True)
        self.picker = ReasonPicker(
            reasons, lambda category: tr("{category}: what exactly?").format(category=category)
        )
        self.picker.sig_chosen.connect(self._on_picker_chosen)
        self.footer = DialogFooter(self, "", self._on_give_clicked)
        self.error, self.later, self.give = self.footer.error, self.footer.cancel, self.footer.ok

        body = QWidget()
        body.setObjectName("stopReasonBody")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(12)
        column.addWidget(self.heading)
        column.addWidget(self.facts)
        column.addWidget(self.picker)
        column.addStretch(1)
        self.form_scroll = scroll_form(self, body, self.footer)
        no_default_buttons(self)
        self.retranslate()
        on_language_change(self, self.retranslate)

    # --- words ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        stop = self.stop
        title = tr("Why did {work_center} stop?").format(work_center=stop.work_center)
        self.setWindowTitle(title)
        self.heading.setText(title)
        facts = stop_text(stop, self._fmt)
        if stop.editable_until is not None:
            facts = tr("{stop}. The reason can be given until {until}.").format(
                stop=facts, until=self._fmt.moment(stop.editable_until)
            )
        self.facts.setText(facts)
        self.footer.set_texts(tr("Give reason"), tr("Later"))
        if self._error is not None:
            self.error.setText(error_text(self._error))
        self._update_give()
        self._regrid()

    # --- the reason tree ----------------------------------------------------------------------

    @property
    def category_buttons(self) -> dict[str, QPushButton]:
        return self.picker.categories.buttons

    @property
    def reason_buttons(self) -> dict[str, QPushButton]:
        return self.picker.reasons.buttons

    def reason_code(self) -> str | None:
        return self.picker.reason_code

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._regrid()

    def _regrid(self) -> None:
        shown = self.form_scroll.viewport().width() - 8 if self.isVisible() else 0
        self.picker.regrid(shown if shown > 0 else ROOM)

    def _on_picker_chosen(self, _code: str) -> None:
        self._update_give()
        self.form_scroll.ensureWidgetVisible(self.give)

    # --- answering --------------------------------------------------------------------------

    def open(self) -> None:
        host = self.parentWidget()
        fit_to_window(self, host, width=host.width() if host else None, scroll=self.form_scroll)
        super().open()

    def show_error(self, error: Exception | str) -> None:
        """The reason was refused: say why; what was picked stays, to try again or skip."""
        self._busy = False
        self._error = error
        self.error.setText(error_text(error))
        self._update_give()

    def _update_give(self) -> None:
        self.give.setEnabled(self.picker.reason_code is not None and not self._busy)
        self.give.setText(tr("Saving…") if self._busy else tr("Give reason"))

    def _on_give_clicked(self) -> None:
        code = self.picker.reason_code
        if code is None or self._busy:
            return
        self._busy = True
        self._error = None
        self.error.clear()
        self._update_give()
        self.sig_submitted.emit(code)
