"""One work center's lane on the supervisor board, and the status filter over its rows.

A `LaneColumn` is a compact column: work center, name, machine state and how many jobs it
shows; then rank, work order, status and reason over its own `LaneModel`. The status
filter (`FILTERS`) hides rows through a filter-only proxy, `StatusFilterModel`: it never
sorts, the rank is the order.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import QT_TR_NOOP
from app.priority.model import RowStatus
from app.queries import WorkCenterSummary
from ui.board.lane_model import Column, LaneModel
from ui.board.status_style import MACHINE_STATE, machine_key
from ui.common.elided import ElidedLabel
from ui.i18n import on_language_change, tr
from ui.widgets import configure_row_table, fit_headings

LANE_MIN_WIDTH = 560
LANE_MIN_HEIGHT = 380  # header and five rows; below that the board scrolls
LANE_ROW_HEIGHT = 56  # two lines of the reason
SHOWN_COLUMNS = (Column.RANK, Column.WORK_ORDER, Column.STATUS, Column.REASON)
_LANE_WIDTHS = {Column.RANK: 40, Column.WORK_ORDER: 128, Column.STATUS: 112}

# The status filter: label (shown with `translated()`) -> statuses shown (None: all).
FILTERS: dict[str, frozenset[RowStatus] | None] = {
    QT_TR_NOOP("All jobs"): None,
    QT_TR_NOOP("Running"): frozenset({RowStatus.RUNNING}),
    QT_TR_NOOP("Ready"): frozenset({RowStatus.READY}),
    QT_TR_NOOP("Waiting"): frozenset({RowStatus.WAITING}),
    QT_TR_NOOP("Blocked"): frozenset({RowStatus.BLOCKED_MATERIAL, RowStatus.BLOCKED_MACHINE}),
    QT_TR_NOOP("On hold"): frozenset({RowStatus.ON_HOLD}),
}


class StatusFilterModel(QSortFilterProxyModel):
    """Shows the rows of the chosen statuses, in the source's (rank) order; never sorts."""

    def __init__(self, source: LaneModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._lane = source
        self._statuses: frozenset[RowStatus] | None = None
        self.setSourceModel(source)
        source.add_proxy(self)  # its selection pins rows: they move, never reorder in place

    def set_statuses(self, statuses: frozenset[RowStatus] | None) -> None:
        if statuses == self._statuses:
            return
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self._statuses = statuses
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._statuses = statuses
            self.invalidateRowsFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._statuses is None:
            return True
        return self._lane.ranked_at(source_row).status in self._statuses


class LaneColumn(QFrame):
    """One work center's lane on the supervisor board.

    Signals:
        sig_selected: a row was picked here; carries (work center, operation id or None).
    """

    sig_selected = Signal(object)

    def __init__(self, work_center: WorkCenterSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("laneColumn")
        self.setMinimumHeight(LANE_MIN_HEIGHT)
        self.code = work_center.code
        self.model = LaneModel(parent=self)
        self.proxy = StatusFilterModel(self.model, self)

        self.title = QLabel(work_center.code)
        self.title.setObjectName("laneCode")
        # The name is data: shortened with "…" (whole in its tooltip) when the lane is
        # narrow, so the lane's width never grows with the words around it.
        self.name = ElidedLabel("laneName")
        self.machine = QLabel("")
        self.machine.setObjectName("machineChip")
        self.machine.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count = QLabel("")
        self.count.setObjectName("laneCount")
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(self.title)
        head.addWidget(self.name, 1)
        head.addWidget(self.count)
        head.addWidget(self.machine)

        self.table = QTableView()
        self.table.setObjectName("laneTable")
        self.table.setModel(self.proxy)
        configure_row_table(self.table, LANE_ROW_HEIGHT)
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for column in Column:
            self.table.setColumnHidden(column, column not in SHOWN_COLUMNS)
        header.setSectionResizeMode(Column.REASON, QHeaderView.ResizeMode.Stretch)
        fit_headings(self.table, _LANE_WIDTHS)
        # Work order before status reads better in a narrow column.
        header.moveSection(header.visualIndex(Column.WORK_ORDER), 1)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        self.summary = work_center
        self.set_summary(work_center)
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        fit_headings(self.table, _LANE_WIDTHS)  # the reason column stretches over the rest
        self.set_summary(self.summary)
        self.update_count()

    def set_summary(self, work_center: WorkCenterSummary) -> None:
        self.summary = work_center
        self.name.set_full_text(work_center.name)
        swatch = MACHINE_STATE[work_center.machine_state]
        self.machine.setText(swatch.label)
        self.machine.setProperty("status", machine_key(work_center.machine_state))
        self.machine.style().polish(self.machine)

    def update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count.setText(tr("%n jobs", None, total))
        else:
            self.count.setText(
                tr("{shown} of {total}").format(
                    shown=QLocale().toString(shown), total=QLocale().toString(total)
                )
            )

    def selected_op_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.op_id_at(self.proxy.mapToSource(rows[0]).row())

    def select_op(self, op_id: str) -> bool:
        row = self.model.row_of(op_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def clear_selection(self) -> None:
        self.table.selectionModel().blockSignals(True)
        self.table.clearSelection()
        self.table.selectionModel().blockSignals(False)

    def _on_table_selection_changed(self, selected: QItemSelection, _: QItemSelection) -> None:
        self.sig_selected.emit((self.code, self.selected_op_id()))
