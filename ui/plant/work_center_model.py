"""The plant's work centers as a table: one row per work center, said when Qt asks (in
the current language; after a switch the model tells its views to ask again)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import QT_TR_NOOP
from app.model.types import MachineState
from app.queries import WorkCenterSummary
from ui.common.row_diff import KeyedRowsModel
from ui.i18n import on_language_change, refresh_model, tr, translated

_MACHINE_TEXT = {
    MachineState.UNKNOWN: QT_TR_NOOP("no signal"),
    MachineState.RUNNING: QT_TR_NOOP("running"),
    MachineState.IDLE: QT_TR_NOOP("idle"),
    MachineState.DOWN: QT_TR_NOOP("DOWN"),
    MachineState.SIGNAL_LOST: QT_TR_NOOP("signal lost"),
    MachineState.PLANNED_STOP: QT_TR_NOOP("planned stop"),
}

COLUMNS = 7


def _header(column: int) -> str:
    return (
        tr("Area"),
        tr("Work center"),
        tr("Name"),
        tr("Machine"),
        tr("Open", "operations of a work center"),
        tr("Ready", "operations of a work center"),
        tr("Setup families"),
    )[column]


def _cell(wc: WorkCenterSummary, column: int) -> str:
    if column == 3:
        return translated(_MACHINE_TEXT[wc.machine_state])
    if column in (4, 5):
        return QLocale().toString(wc.open_operations if column == 4 else wc.ready_operations)
    if column == 6:
        return ", ".join(wc.setup_families)
    return (wc.area_name, wc.code, wc.name)[column]


class WorkCenterTableModel(KeyedRowsModel[WorkCenterSummary]):
    """Rows keep their order (area, code); `set_rows` updates them in place, row by row
    (ui.common.row_diff)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(lambda wc: wc.code, COLUMNS, parent)
        on_language_change(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        refresh_model(self)

    def cell(self, row: WorkCenterSummary, column: int) -> object:
        return _cell(row, column)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(self._rows[index.row()], index.column())
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()].code
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _header(section)
        return None

    def set_rows(self, rows: list[WorkCenterSummary]) -> None:
        self.replace_rows(rows)
