"""The Metrics screen: the execution metrics of a period as charts, the exceptions
behind any bar, and the execution audit exported as CSV or a printable PDF.

For supervisors and managers at a line PC or a desk. A period picker (this shift, the
last day, 7 days, 30 days); six charts (ui.metrics.charts), each bar with the count it
rests on; a bar clicked lists its cases beside the charts, and opening one shows that
exception's detail (the main window connects `sig_exception_requested`).
The log is read on the database lane (`Background.read`), never on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock
from app.i18n import QT_TR_NOOP
from app.metrics import write_audit_csv
from app.model.types import Role
from app.services.people import Operator
from app.store import Store
from ui.background import Background
from ui.common.errors import error_text
from ui.common.timefmt import PlantTime
from ui.i18n import on_language_change, tr, translated
from ui.metrics.audit_report import write_audit_pdf
from ui.metrics.cases_model import CaseColumn, CasesModel
from ui.metrics.chart_text import chart_texts
from ui.metrics.charts import ChartView
from ui.metrics.metrics_data import ChartKind, MetricsData, PeriodChoice, read_metrics
from ui.theme import current_theme
from ui.widgets import command_button, fit_headings, label, make_table, scroll_body, set_flag

PERIOD_TEXTS = {
    PeriodChoice.SHIFT: QT_TR_NOOP("This shift"),
    PeriodChoice.DAY: QT_TR_NOOP("Last 24 hours"),
    PeriodChoice.WEEK: QT_TR_NOOP("7 days"),
    PeriodChoice.MONTH: QT_TR_NOOP("30 days"),
}
_WIDE = 1500  # from this width, three charts a row
_CASE_WIDTHS = {
    CaseColumn.EXCEPTION: 90,
    CaseColumn.KIND: 150,
    CaseColumn.WORK_CENTER: 80,
    CaseColumn.STARTED: 150,
    CaseColumn.MEASURED: 80,
}


def sees_metrics(operator: Operator) -> bool:
    """Metrics and the audit are for supervisors (shift leads) and managers."""
    return operator.has(Role.SUPERVISOR) or operator.has(Role.MANAGER)


def offers_metrics(operator: Operator) -> bool:
    """The navigation offers the Metrics screen to those who see it, at a line PC or a
    desk: a kiosk (its theme) is for the floor, and its navigation bar has no room."""
    return sees_metrics(operator) and current_theme() != "kiosk"


class MetricsView(QWidget):
    """Signals:
    sig_loaded: the metrics of the period picked are on screen.
    sig_exception_requested: carries the id of an exception to show in full.
    """

    sig_loaded = Signal()
    sig_exception_requested = Signal(str)

    def __init__(
        self,
        store: Store,
        background: Background,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("metricsView")
        self._store = store
        self._background = background
        self._clock = clock
        self.plant_time = PlantTime()
        self.choice = PeriodChoice.SHIFT
        self.data: MetricsData | None = None
        self._loading = False
        self._sized = False

        self.heading = label("heading")
        self.state = label("metricsState")
        self.periods = QButtonGroup(self)
        self.period_buttons: dict[PeriodChoice, QPushButton] = {}
        top = QHBoxLayout()
        top.addWidget(self.heading)
        for number, choice in enumerate(PeriodChoice):
            button = command_button("", "listTab")
            button.setCheckable(True)
            button.setChecked(choice is self.choice)
            # Never squeezed below its words (the period line below takes what is left).
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            self.periods.addButton(button, number)
            self.period_buttons[choice] = button
            top.addWidget(button)
        # A bound method, not a lambda holding self: the screen can be freed.
        self.periods.idClicked.connect(self._on_periods_id_clicked)
        top.addStretch(1)
        self.export_csv_button = command_button("", "secondary")
        self.export_pdf_button = command_button("", "primary")
        for button in (self.export_csv_button, self.export_pdf_button):
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.export_csv_button.clicked.connect(self._on_export_csv_clicked)
        self.export_pdf_button.clicked.connect(self._on_export_pdf_clicked)
        top.addWidget(self.export_csv_button)
        top.addWidget(self.export_pdf_button)

        self.charts = {kind: ChartView(kind) for kind in ChartKind}
        for chart in self.charts.values():
            chart.sig_bar_clicked.connect(self._on_chart_bar_clicked)
        self.chart_body = QWidget()
        self.chart_grid = QGridLayout(self.chart_body)
        self.chart_grid.setContentsMargins(0, 0, 8, 0)
        self.chart_grid.setSpacing(12)
        self._columns = 0
        self._place_charts(2)
        self.chart_scroll = scroll_body(self.chart_body, "metricsScroll")

        self.cases = CasesModel(self.plant_time, self)
        self.cases_title = label("sectionTitle", wrap=True)
        self.case_table = make_table("metricsCases")
        self.case_table.setModel(self.cases)
        self.case_table.activated.connect(self._on_case_table_activated)
        self.case_table.selectionModel().currentRowChanged.connect(self._on_case_selected)
        self.open_button = command_button("", "secondary")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._on_open_clicked)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        side_layout.addWidget(self.cases_title)
        side_layout.addWidget(self.case_table, 1)
        side_layout.addWidget(self.open_button)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.chart_scroll)
        self.split.addWidget(side)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.splitterMoved.connect(self._on_split_splitter_moved)
        self.split.setChildrenCollapsible(False)
        side.setMinimumWidth(380)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.split, 1)
        self.retranslate()
        on_language_change(self, self.retranslate)

    # --- words ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(tr("Metrics"))
        for choice, button in self.period_buttons.items():
            button.setText(translated(PERIOD_TEXTS[choice]))
        self.export_csv_button.setText(tr("Audit as CSV…"))
        self.export_pdf_button.setText(tr("Audit as PDF…"))
        self.open_button.setText(tr("Open exception"))
        fit_headings(self.case_table, _CASE_WIDTHS)
        for chart in self.charts.values():
            chart.redraw()
        self._show_state()
        if not self.cases.rowCount():
            self.cases_title.setText(tr("Pick a bar to list what is behind it."))

    def _show_state(self) -> None:
        set_flag(self.state, "error", False)
        if self._loading:
            self.state.setText(tr("Reading the log…"))
        elif self.data is not None:
            period = self.data.period
            self.state.setText(
                tr("{start} to {end}").format(
                    start=self.plant_time.moment(period.start),
                    end=self.plant_time.moment(period.end, with_zone=True),
                )
            )
        else:
            self.state.setText("")

    # --- loading ------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """A read of the log is on its way."""
        return self._loading

    def set_clock(self, plant_time: PlantTime) -> None:
        """Show times in the plant's zone (the main window's, which follows the plant)."""
        self.plant_time = plant_time
        self.cases._time = plant_time

    def _on_periods_id_clicked(self, number: int) -> None:
        self.set_choice(list(PeriodChoice)[number])

    def set_choice(self, choice: PeriodChoice) -> None:
        self.choice = choice
        self.period_buttons[choice].setChecked(True)
        self.refresh()

    def refresh(self) -> None:
        """Read the log again for the period picked (off the GUI thread)."""
        store, choice, now = self._store, self.choice, self._clock.now()
        self._loading = True
        self._show_state()
        self._background.read(
            lambda: read_metrics(store, choice, now),
            self._on_read,
            self._on_read_failed,
            owner=self,
            what="the metrics",
        )

    def _on_read(self, data: MetricsData) -> None:
        if data.choice is not self.choice:
            return  # a period picked since: its read is on its way
        self._loading = False
        self.data = data
        for kind, chart in self.charts.items():
            chart.set_chart(data.chart(kind))
        self.cases.set_cases(())
        self.cases_title.setText(tr("Pick a bar to list what is behind it."))
        self.open_button.setEnabled(False)
        self._show_state()
        self.sig_loaded.emit()

    def _on_read_failed(self, error: Exception) -> None:
        self._loading = False
        self.state.setText(
            tr("The metrics could not be read: {error}").format(error=error_text(error))
        )
        set_flag(self.state, "error", True)

    # --- a bar picked ---------------------------------------------------------------------

    def _on_chart_bar_clicked(self, kind_value: str, index: int) -> None:
        kind = ChartKind(kind_value)
        for other_kind, other in self.charts.items():
            if other_kind is not kind and other.selected is not None:
                other.selected = None
                other.redraw()
        chart = self.charts[kind].chart
        if chart is None:
            return
        texts = chart_texts(chart)
        cases = chart.cases_of(index)
        self.cases.set_cases(cases)
        self.cases_title.setText(
            tr("{chart}: {bar} — {n} listed").format(
                chart=texts.title, bar=texts.labels[index], n=len(cases)
            )
        )
        self.open_button.setEnabled(False)

    def _on_case_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case = self.cases.case(current.row()) if current.isValid() else None
        self.open_button.setEnabled(case is not None and case.exception_id is not None)

    def _on_case_table_activated(self, index: QModelIndex) -> None:
        self.open_case(index.row())

    def _on_open_clicked(self) -> None:
        self.open_case(self.case_table.currentIndex().row())

    def open_case(self, row: int) -> None:
        case = self.cases.case(row)
        if case is not None and case.exception_id is not None:
            self.sig_exception_requested.emit(case.exception_id)

    # --- exports --------------------------------------------------------------------------

    def _on_export_csv_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Audit as CSV"), "execution-audit.csv", tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(Path(path))

    def _on_export_pdf_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Audit as PDF"), "execution-audit.pdf", tr("PDF files (*.pdf)")
        )
        if path:
            self.export_pdf(Path(path))

    def export_csv(self, path: Path) -> None:
        """Write the audit of the period shown as CSV (off the GUI thread)."""
        if self.data is None or self.data.audit is None:
            return
        rows = self.data.audit.rows

        def write() -> int:
            with path.open("w", encoding="utf-8", newline="") as file:
                return write_audit_csv(rows, file)

        self._background.network(write, self._on_exported, self._on_export_failed, owner=self)

    def export_pdf(self, path: Path) -> int:
        """Print the audit of the period shown to a PDF; returns its pages. On the GUI
        thread: the charts are drawn by widgets (a second or so for a month)."""
        if self.data is None or self.data.audit is None:
            return 0
        try:
            pages = write_audit_pdf(
                path, self.data, self.plant_time, generated_at=self._clock.now()
            )
        except OSError as error:
            self._on_export_failed(error)
            return 0
        self._on_exported(pages)
        return pages

    def _on_exported(self, _count: int) -> None:
        set_flag(self.state, "error", False)
        self.state.setText(tr("Audit written."))

    def _on_export_failed(self, error: Exception) -> None:
        self.state.setText(
            tr("The audit could not be written: {error}").format(error=error_text(error))
        )
        set_flag(self.state, "error", True)

    # --- layout ---------------------------------------------------------------------------

    def _place_charts(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for n, kind in enumerate(ChartKind):
            chart = self.charts[kind]
            self.chart_grid.removeWidget(chart)
            self.chart_grid.addWidget(chart, n // columns, n % columns)

    def _on_split_splitter_moved(self, *_: object) -> None:
        self._sized = True  # the person chose the widths: keep them

    def resizeEvent(self, event: QResizeEvent) -> None:
        width = event.size().width()
        self._place_charts(3 if width >= _WIDE else 2)
        # The list beside the charts: a quarter of the width, at every size until the
        # person drags the divider (the first resize comes before the window's own size).
        if not self._sized:
            side = max(380, width // 4)
            self.split.setSizes([width - side, side])
        super().resizeEvent(event)
