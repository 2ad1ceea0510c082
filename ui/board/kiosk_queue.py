"""The kiosk's queue: a lane's rows as a touch list at the kiosk's type size.

One place builds it, for the kiosk (ui.board.kiosk_lane_view) and for the benchmark that
times a one-row update on screen (tests/perf/bench_board_model.py), so that the
benchmark paints what an operator's screen paints.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from ui.board.lane_model import Column, LaneModel
from ui.widgets import configure_row_table, fit_headings

ROW_HEIGHT = 52
# Width of each queue column at the kiosk's type size; the reason takes the rest.
_QUEUE_WIDTHS = {
    Column.RANK: 56,
    Column.STATUS: 190,
    Column.WORK_ORDER: 150,
    Column.ITEM: 190,
    Column.QTY: 130,
    Column.DUE: 226,
    Column.CUSTOMER: 150,
}
# Below this width the queue drops the columns the card shows anyway, so the reason fits.
_WIDE = 1600
_WIDE_ONLY = (Column.ITEM, Column.CUSTOMER)


class QueueTable(QTableView):
    """The lane in rank order, one row picked at a time; it never takes the focus (the
    scan field keeps it)."""

    def __init__(self, model: LaneModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueTable")
        self.setModel(model)
        configure_row_table(self, ROW_HEIGHT)
        # At least its heading and a row, however much the cards and banners above take.
        self.setMinimumHeight(2 * ROW_HEIGHT)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)

    def fit_headings(self) -> None:
        """Size the columns for their headings in the current language."""
        fit_headings(self, _QUEUE_WIDTHS, Column.ITEM)

    def fit_width(self, width: int) -> None:
        """Show the columns a screen `width` pixels wide has room for."""
        wide = width >= _WIDE
        for column in _WIDE_ONLY:
            self.setColumnHidden(column, not wide)
