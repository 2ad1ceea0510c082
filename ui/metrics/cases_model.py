"""The cases behind a bar, as a table: which exception (or task, or posting), its type
and work center, when it started, and what the metric measured of it."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.i18n import QT_TR_NOOP
from app.metrics import Case, Outcome
from ui.common.timefmt import PlantTime
from ui.i18n import on_language_change, refresh_model, tr, translated
from ui.metrics.chart_text import NO_VALUE, minutes_text, words

Index = QModelIndex | QPersistentModelIndex


class CaseColumn(IntEnum):
    EXCEPTION = 0
    KIND = 1
    WORK_CENTER = 2
    STARTED = 3
    MEASURED = 4
    OUTCOME = 5


HEADINGS = {
    CaseColumn.EXCEPTION: QT_TR_NOOP("Exception"),
    CaseColumn.KIND: QT_TR_NOOP("Type"),
    CaseColumn.WORK_CENTER: QT_TR_NOOP("Work center"),
    CaseColumn.STARTED: QT_TR_NOOP("Started"),
    CaseColumn.MEASURED: QT_TR_NOOP("Measured"),
    CaseColumn.OUTCOME: QT_TR_NOOP("Outcome"),
}


def short_id(ident: str | None) -> str:
    """The first 8 characters of an id: enough to tell a month's exceptions apart."""
    return ident[:8] if ident else NO_VALUE


def measured_text(case: Case) -> str:
    if case.hit is not None:
        return tr("yes") if case.hit else tr("no")
    if case.seconds is not None:
        return minutes_text(case.seconds / 60)
    return NO_VALUE


def outcome_text(case: Case) -> str:
    if case.outcome is Outcome.OPEN:
        return tr("open")
    if case.outcome is Outcome.UNREACHED:
        return tr("not reached")
    if case.step == "ack":
        return tr("acknowledge deadline")
    if case.step == "resolve":
        return tr("resolve deadline")
    return tr("done")


class CasesModel(QAbstractTableModel):
    """Read-only: the cases of the bar picked last (none at first)."""

    def __init__(self, plant_time: PlantTime | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cases: list[Case] = []
        self._time = plant_time or PlantTime()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        refresh_model(self)

    def set_cases(self, cases: Sequence[Case]) -> None:
        self.beginResetModel()
        self._cases = sorted(cases, key=lambda c: (c.at, c.id))
        self.endResetModel()

    def case(self, row: int) -> Case | None:
        return self._cases[row] if 0 <= row < len(self._cases) else None

    def cases(self) -> list[Case]:
        return list(self._cases)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(CaseColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(CaseColumn):
            return None
        return translated(HEADINGS[CaseColumn(section)])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._cases):
            return None
        case = self._cases[index.row()]
        column = CaseColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(case, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is CaseColumn.EXCEPTION:
            return case.exception_id or case.id
        if role == Qt.ItemDataRole.UserRole:
            return case.exception_id
        return None

    def _text(self, case: Case, column: CaseColumn) -> str:
        if column is CaseColumn.EXCEPTION:
            return short_id(case.exception_id)
        if column is CaseColumn.KIND:
            return words(case.kind or case.posting_kind)
        if column is CaseColumn.WORK_CENTER:
            return case.work_center or NO_VALUE
        if column is CaseColumn.STARTED:
            return self._time.moment(case.at)
        if column is CaseColumn.MEASURED:
            return measured_text(case)
        return outcome_text(case)
