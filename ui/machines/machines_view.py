"""The machine diagnostics screen: how the server's machine host and its sources are doing.

For supervisors, managers and admins. Top: every mapped work center, its machine state
(coloured as on the board) and since when, its micro-stops, its part counter, and the
downtime it has open with its reason ("no reason given" until someone gives one).
Below: every signal source, its edge nodes and their devices: connected or online, last
birth, messages, payloads quarantined, seq gaps and rebirths requested; picking one
shows everything else the host knows of it in the detail pane, with each quarantined
payload and the reason it was refused. The last line counts what the host recorded.

The diagnostics come from the server (ui.machines.status_reader), read off the GUI thread
while the screen is on screen, every few seconds. The screen says so plainly when this
terminal follows no server, when the server reads no machines, and when the server
cannot be reached (then it keeps what it last read, and says when that was).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QVBoxLayout, QWidget

from app.model.types import Role
from app.routing.reasons import ReasonTree, load_reasons
from app.services.people import Operator
from ui.common.timefmt import PlantTime
from ui.i18n import on_language_change, tr
from ui.machines.status_model import (
    MachineSourceModel,
    MachineWorkCenterModel,
    Moments,
    SourceColumn,
    SourceRow,
    WorkCenterColumn,
    count_text,
    detail_text,
    source_rows,
)
from ui.machines.status_reader import MachineStatusReader, StatusRead, Unavailable, Why
from ui.widgets import command_button, fit_headings, label, make_table, scroll_body, set_flag

# At the kiosk's type size; the open downtime takes the rest.
_WORK_CENTER_WIDTHS = {
    WorkCenterColumn.WORK_CENTER: 140,
    WorkCenterColumn.STATE: 210,
    WorkCenterColumn.SINCE: 200,
    WorkCenterColumn.MICRO_STOPS: 150,
    WorkCenterColumn.COUNTER: 110,
}
# The names give back what longer headings take (ending in "…" in the middle, whole in
# their tooltip), so every heading stays whole on a kiosk.
_SOURCE_WIDTHS = {
    SourceColumn.NAME: 250,
    SourceColumn.CONNECTION: 170,
    SourceColumn.LAST_BIRTH: 200,
    SourceColumn.MESSAGES: 120,
    SourceColumn.QUARANTINED: 140,
    SourceColumn.SEQ_GAPS: 110,
    SourceColumn.REBIRTHS: 120,
}


def sees_machines(operator: Operator) -> bool:
    """The machine diagnostics are for supervisors, managers and admins."""
    return any(operator.has(r) for r in (Role.SUPERVISOR, Role.MANAGER, Role.ADMIN))


class MachinesView(QWidget):
    """Signals:
    sig_refreshed: a read of the diagnostics (or why there is none) is on screen.
    """

    sig_refreshed = Signal()

    def __init__(
        self,
        reader: MachineStatusReader,
        reasons: ReasonTree | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("machinesView")
        self.reader = reader
        self.moments = Moments()
        self.read: StatusRead | None = None  # the last diagnostics read
        self.unavailable: Unavailable | None = None  # why the last read failed, if it did

        self.title = label("heading")
        self.state = label("machinesState", wrap=True)
        self.refresh_button = command_button("", "secondary")
        self.refresh_button.clicked.connect(reader.refresh)
        self.notice = label("machinesNotice", wrap=True)
        self.notice.setVisible(False)

        self.work_centers = MachineWorkCenterModel(reasons or load_reasons(), self)
        self.work_centers.moments = self.moments
        self.work_center_table = make_table("machineWorkCenterTable")
        self.work_center_table.setModel(self.work_centers)
        self.sources = MachineSourceModel(self)
        self.sources.moments = self.moments
        self.source_table = make_table("machineSourceTable")
        self.source_table.setModel(self.sources)
        self.source_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        for table in (self.work_center_table, self.source_table):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.source_table.selectionModel().selectionChanged.connect(self._show_detail)

        self.detail = label("machineDetail", wrap=True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_scroll = scroll_body(self.detail, "machineDetailScroll")
        self.summary = label("hint", wrap=True)

        head = QHBoxLayout()
        head.setSpacing(16)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.state)
        head.addLayout(titles, 1)
        head.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.notice)
        layout.addWidget(self.work_center_table, 1)
        layout.addWidget(self.source_table, 1)
        layout.addWidget(self.detail_scroll)
        layout.addWidget(self.summary)
        # Takes the room the tables leave while there are none (the notice stays on top).
        self.filler = QWidget()
        layout.addWidget(self.filler, 1)

        reader.sig_read.connect(self._on_reader_read)
        reader.sig_unavailable.connect(self._on_reader_unavailable)
        self._show_tables(False)
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.title.setText(tr("Machines"))
        self.refresh_button.setText(tr("Read now"))
        fit_headings(self.work_center_table, _WORK_CENTER_WIDTHS)
        fit_headings(self.source_table, _SOURCE_WIDTHS, SourceColumn.NAME)
        self._say_state()
        self._show_summary()
        self._show_detail()

    # --- public ---------------------------------------------------------------------------

    def set_clock(self, clock: PlantTime) -> None:
        """Say times on the plant's clock (the board's, shared by every screen)."""
        self.moments.clock = clock

    def selected(self) -> SourceRow | None:
        rows = self.source_table.selectionModel().selectedRows()
        return self.sources.row_at(rows[0].row()) if rows else None

    def select(self, key: tuple[str, ...]) -> None:
        row = self.sources.row_of(key)
        if row is not None:
            self.source_table.selectRow(row)

    # --- while on screen, read every few seconds --------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reader.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.reader.stop()

    # --- what was read ----------------------------------------------------------------------

    def _on_reader_read(self, read: StatusRead) -> None:
        self.read = read
        self.unavailable = None
        status = read.status
        self.moments.now = read.at
        self.work_centers.set_rows(list(status.work_centers))
        self.sources.set_rows(source_rows(status))
        self._show_tables(True)
        self._say_state()
        self._show_summary()
        self._show_detail()
        self.sig_refreshed.emit()

    def _on_reader_unavailable(self, why: Unavailable) -> None:
        self.unavailable = why
        if why.why is not Why.UNREACHABLE:
            self.read = None  # nothing to keep: there are no machines to show
            self.work_centers.set_rows([])
            self.sources.set_rows([])
        self._show_tables(self.read is not None)
        self._say_state()
        self._show_summary()
        self._show_detail()
        self.sig_refreshed.emit()

    def _show_tables(self, shown: bool) -> None:
        for widget in (
            self.work_center_table,
            self.source_table,
            self.detail_scroll,
            self.summary,
        ):
            widget.setVisible(shown)
        self.filler.setVisible(not shown)

    # --- words ----------------------------------------------------------------------------

    def _say_state(self) -> None:
        why = self.unavailable
        read = self.read
        notice = ""
        if why is None and read is None:
            state = tr("Reading the machine diagnostics from the server…")
        elif why is None and read is not None:
            state = tr("Read from the server at {time}; read again every few seconds.").format(
                time=self.moments.clock.clock(read.at)
            )
        elif why is not None and why.why is Why.NO_SERVER:
            state = tr("No machine diagnostics on this terminal.")
            notice = tr(
                "This terminal follows no Takt server. The server reads the machine signals "
                "(takt server --machines FILE); connect this terminal to it to see them here."
            )
        elif why is not None and why.why is Why.NO_MACHINES:
            state = tr("The server reads no machine signals.")
            notice = tr(
                "The server was started without a machine mapping, so no machine reports to "
                "it. Start it with one (takt server --machines FILE) to see every machine, "
                "its signal sources and their devices here."
            )
        elif read is not None:
            state = tr(
                "The server cannot be reached; shown: what was read at {time}. "
                "Trying again every few seconds."
            ).format(time=self.moments.clock.clock(read.at))
        else:
            state = tr(
                "The server cannot be reached, so the machine diagnostics cannot be read. "
                "Trying again every few seconds."
            )
            notice = state
        self.state.setText(state)
        self.state.setToolTip(why.said if why is not None else "")
        set_flag(self.state, "error", why is not None and why.why is Why.UNREACHABLE)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))

    def _show_summary(self) -> None:
        read = self.read
        if read is None:
            self.summary.setText("")
            return
        status = read.status
        lines = [
            tr(
                "Recorded: {events} events; {unusable} readings unusable, "
                "{unrouted} readings of no work center."
            ).format(
                events=count_text(sum(status.recorded.values())),
                unusable=count_text(status.unusable),
                unrouted=count_text(status.unrouted),
            )
        ]
        if status.failures:
            lines.append(tr("Last failure: {failure}").format(failure=status.failures[-1]))
        self.summary.setText("\n".join(lines))

    def _show_detail(self, *_: object) -> None:
        row = self.selected()
        if row is None:
            self.detail.setText(
                tr(
                    "Pick a source, edge node or device to see everything about it and the "
                    "payloads it quarantined, with the reasons."
                )
            )
            return
        self.detail.setText(detail_text(row, self.moments))
