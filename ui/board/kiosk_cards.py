"""The kiosk's two panels: the job to run next (or the one picked in the queue) with
Start, and the job running now with Confirm and Issue (and, under its confirmed quantity,
what the machine counted while it ran, when it counted any).

The view decides what they show (which job, whether it may start and why not); the
panels lay it out and say it in the current language. An action button's words go on two
lines when one does not fit beside the work order (`FittedButton`).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from app.priority.model import Job, RankedRow
from ui.board.status_style import ROW_STATUS
from ui.common.elided import ElidedLabel
from ui.common.formatting import JobFormat, quantity
from ui.i18n import tr, translated
from ui.widgets import label


def button_size(button: QPushButton, text: str) -> QSize:
    """The size `button` asks for (its size hint) when it says `text`, in its font and
    style (the theme's padding and minimum width included), without setting the text."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    option.text = text
    size = button.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text or "XXXX")
    option.rect.setSize(size)
    return button.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, size, button)


def two_lines(text: str, button: QPushButton) -> str:
    """`text` broken at the space that makes its two lines the most even ("Start\nWO-1");
    `text` itself when it is one word."""
    words = text.split(" ")
    if len(words) < 2:
        return text
    metrics = button.fontMetrics()
    splits = ((" ".join(words[:n]), " ".join(words[n:])) for n in range(1, len(words)))
    first, second = min(
        splits, key=lambda s: max(metrics.horizontalAdvance(s[0]), metrics.horizontalAdvance(s[1]))
    )
    return f"{first}\n{second}"


class FittedButton(QPushButton):
    """An action button whose words go on two lines when one line does not fit the room
    its place leaves it (`fit`): the verb stays whole, in any language."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._full = ""
        self._room: int | None = None

    def full_text(self) -> str:
        """The words on one line, however they are shown."""
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._show()

    def fit(self, room: int) -> None:
        """One line when it fits `room` px, else two."""
        self._room = room
        self._show()

    def _show(self) -> None:
        one_line = self._room is None or button_size(self, self._full).width() <= self._room
        shown = self._full if one_line else two_lines(self._full, self)
        if shown != self.text():
            self.setText(shown)


class JobCard(QFrame):
    """The next (or selected) job: what it is, why it is here, and Start.

    `show_job` fills it from the lane's row, `show_nothing` says why there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nextJobCard")
        self.title = label("cardTitle")
        self.status = label("statusBadge")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.work_order = label("cardWorkOrder")
        self.item = ElidedLabel("cardItem")
        self.quantity = label("cardFact")
        self.due = label("cardFact")
        self.customer = ElidedLabel("cardFact")
        self.reason = label("cardReason", wrap=True)
        # "Start WO-…" on one line when the card has room, else the order under the verb.
        self.start_button = FittedButton("startButton")
        self.start_hint = label("hint", wrap=True)

        facts = QHBoxLayout()
        facts.setSpacing(8)
        self.captions: list[QLabel] = []
        for value in (self.quantity, self.due, self.customer):
            caption = label("cardCaption")
            self.captions.append(caption)
            facts.addWidget(caption, 0, Qt.AlignmentFlag.AlignBaseline)
            facts.addWidget(value, 1 if value is self.customer else 0)
            facts.addSpacing(18)
        # Left: what the job is; right: its status and the action, so the card stays short.
        self.grid = grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.status, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.work_order, 1, 0)
        grid.addWidget(self.start_button, 1, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.item, 2, 0, 1, 2)
        grid.addLayout(facts, 3, 0, 1, 2)
        grid.addWidget(self.reason, 4, 0, 1, 2)
        grid.addWidget(self.start_hint, 5, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(6, 1)

    def retranslate(self) -> None:
        for caption, text in zip(
            self.captions, (tr("Qty"), tr("Due"), tr("Customer")), strict=True
        ):
            caption.setText(text)

    def show_nothing(self, why: str) -> None:
        """No job to show: `why` ("No open jobs in this lane.")."""
        self._set_status("")
        self.title.setText(tr("NEXT JOB"))
        self.status.setVisible(False)
        self.work_order.setText(tr("Nothing to run"))
        self.item.set_full_text(why)
        self.quantity.setText("")
        self.due.setText("")
        self.customer.set_full_text("")
        self.reason.setText("")
        self.start_button.set_full_text(tr("Start"))
        self.start_button.setEnabled(False)
        self.start_hint.setText("")
        self.start_hint.setVisible(False)
        self._fit_start_button()

    def show_job(
        self, ranked: RankedRow, job: Job, fmt: JobFormat, *, selected: bool, hint: str
    ) -> None:
        """Show `job` (picked in the queue: `selected`); a `hint` says why it cannot start."""
        status = ranked.status.value
        self._set_status(status)
        self.title.setText(tr("SELECTED JOB") if selected else tr("NEXT JOB"))
        self.status.setVisible(True)
        self.status.setText(ROW_STATUS[ranked.status].label)
        self.status.setProperty("status", status)
        self.status.style().polish(self.status)
        self.work_order.setText(_operation_text(job))
        self.item.set_full_text(_item_text(job, fmt.item_name(job)))
        self.quantity.setText(quantity(job.quantity))
        self.due.setText(fmt.due(job))
        self.customer.set_full_text(fmt.customer_name(job))
        self.reason.setText(translated(ranked.reason))
        self.start_button.set_full_text(tr("Start {work_order}").format(work_order=job.work_order))
        self.start_hint.setText(hint)
        self.start_hint.setVisible(bool(hint))
        self.start_button.setEnabled(not hint)
        self._fit_start_button()

    def _set_status(self, status: str) -> None:
        self.setProperty("status", status)
        self.style().polish(self)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_start_button()

    def _fit_start_button(self) -> None:
        """The start button takes what the card leaves beside the work order."""
        layout = self.grid
        margins = layout.contentsMargins()
        beside = max(w.sizeHint().width() for w in (self.title, self.work_order))
        room = (
            self.contentsRect().width()
            - margins.left()
            - margins.right()
            - layout.horizontalSpacing()
            - beside
        )
        self.start_button.fit(room)


class RunningPanel(QFrame):
    """The job running now on the lane's machine, with Confirm and Issue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runningPanel")
        self.title = label("cardTitle")
        self.work_order = label("runningWorkOrder", wrap=True)
        self.item = ElidedLabel("cardItem")
        self.progress = label("runningProgress")
        self.since = label("hint")
        # What the machine counted while the job ran (people still confirm).
        self.machine_count = label("machineCount")
        self.machine_count.setVisible(False)

        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmButton")
        self.issue_button = QPushButton()
        self.issue_button.setObjectName("issueButton")
        running_layout = QVBoxLayout(self)
        running_layout.setContentsMargins(4, 4, 4, 4)
        running_layout.setSpacing(4)
        running_layout.addWidget(self.title)
        running_layout.addWidget(self.work_order)
        running_layout.addWidget(self.item)
        progress_row = QHBoxLayout()  # one row for both: the panel is as tall as the card
        progress_row.addWidget(self.progress)
        progress_row.addStretch(1)
        progress_row.addWidget(self.since, 0, Qt.AlignmentFlag.AlignBottom)
        running_layout.addLayout(progress_row)
        running_layout.addWidget(self.machine_count)  # under the confirmed quantity
        running_layout.addStretch(1)
        running_layout.addWidget(self.issue_button)
        running_layout.addWidget(self.confirm_button)

    def retranslate(self) -> None:
        self.title.setText(tr("RUNNING NOW"))
        self.confirm_button.setText(tr("Confirm quantities"))
        self.issue_button.setText(tr("Issue material"))

    def show_running(
        self,
        running: Job | None,
        fmt: JobFormat,
        *,
        can_act: bool,
        idle: str,
        machine_count: int = 0,
    ) -> None:
        """Show the `running` job (None: `idle` says what to do); Confirm and Issue are
        enabled when a job runs and someone who `can_act` is logged in. `machine_count`:
        the parts the machine counted while it ran, said beside the confirmed quantity
        when there are any."""
        self.confirm_button.setEnabled(running is not None and can_act)
        self.issue_button.setEnabled(self.confirm_button.isEnabled())
        self.setProperty("active", running is not None)
        self.style().polish(self)
        if running is None:
            self.work_order.setText(tr("Nothing running"))
            self.item.set_full_text(idle)
            self.progress.setText("")
            self.since.setText("")
            self.machine_count.setText("")
            self.machine_count.setVisible(False)
            return
        self.work_order.setText(_operation_text(running))
        self.item.set_full_text(_item_text(running, fmt.item_name(running)))
        self.progress.setText(
            tr("{done} of {total} done").format(
                done=quantity(running.qty_good), total=quantity(running.quantity)
            )
        )
        self.since.setText(
            tr("since {time}").format(time=fmt.time(running.started_at))
            if running.started_at
            else ""
        )
        self.machine_count.setText(
            tr("machine counted {count}").format(count=quantity(machine_count))
            if machine_count > 0
            else ""
        )
        self.machine_count.setVisible(machine_count > 0)


# --- sentences --------------------------------------------------------------------------


def _operation_text(job: Job) -> str:
    """'WO-26055  ·  op 10' (the card's big line)."""
    return tr("{work_order}  ·  op {seq}").format(work_order=job.work_order, seq=job.seq)


def _item_text(job: Job, name: str) -> str:
    """'P-1001  ·  Shaft 40 mm', or the item alone when it has no name."""
    if not name:
        return job.item
    return tr("{item}  ·  {name}").format(item=job.item, name=name)
