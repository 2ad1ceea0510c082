"""The plant's work centers as a table: one row per work center, values pre-formatted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.model.types import MachineState
from app.queries import WorkCenterSummary

_MACHINE_TEXT = {
    MachineState.UNKNOWN: "no signal",
    MachineState.RUNNING: "running",
    MachineState.IDLE: "idle",
    MachineState.DOWN: "DOWN",
}

COLUMNS = ("Area", "Work center", "Name", "Machine", "Open", "Ready", "Setup families")


def _cells(wc: WorkCenterSummary) -> tuple[str, ...]:
    return (
        wc.area_name,
        wc.code,
        wc.name,
        _MACHINE_TEXT[wc.machine_state],
        str(wc.open_operations),
        str(wc.ready_operations),
        ", ".join(wc.setup_families),
    )


class WorkCenterTableModel(QAbstractTableModel):
    """Rows keep their order (area, code); `set_rows` updates in place where it can."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[WorkCenterSummary] = []
        self._cells: list[tuple[str, ...]] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()].code
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def row_of(self, code: str) -> int | None:
        for row, wc in enumerate(self._rows):
            if wc.code == code:
                return row
        return None

    def set_rows(self, rows: list[WorkCenterSummary]) -> None:
        if [r.code for r in rows] != [r.code for r in self._rows]:
            # The set of work centers changed (rare: a new one imported); rebuild.
            self.beginResetModel()
            self._rows = list(rows)
            self._cells = [_cells(r) for r in rows]
            self.endResetModel()
            return
        for row, wc in enumerate(rows):
            if wc != self._rows[row]:
                self._rows[row] = wc
                self._cells[row] = _cells(wc)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
