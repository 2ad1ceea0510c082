"""The tables of the shift handover screen: one model per section of the shift (its
exceptions, downtime, output, overrides, refused postings) and one of the items handed
over with their answers.

Rows are the frozen rows of app.queries_handover; `set_rows` replaces them (a handover
holds a few dozen rows at most). Every word is made when Qt asks for it, in the current
language; after a language switch the model tells its views to ask again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.i18n import QT_TR_NOOP
from app.model.handover import HandoverItemStatus
from app.queries_handover import (
    DowntimeLine,
    ExceptionLine,
    HandoverLine,
    OutputLine,
    OverrideLine,
    RefusedPosting,
    SlaState,
)
from ui.common.formatting import quantity
from ui.common.timefmt import PlantTime
from ui.i18n import on_language_change, refresh_model, tr, translated

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

SLA_TEXT = {
    SlaState.ON_TIME: QT_TR_NOOP("on time"),
    SlaState.ACK_LATE: QT_TR_NOOP("not acknowledged in time"),
    SlaState.OVERDUE: QT_TR_NOOP("overdue"),
}
ITEM_STATUS_TEXT = {
    HandoverItemStatus.OPEN: QT_TR_NOOP("to read"),
    HandoverItemStatus.ACCEPTED: QT_TR_NOOP("accepted"),
    HandoverItemStatus.QUERIED: QT_TR_NOOP("queried"),
    HandoverItemStatus.ANSWERED: QT_TR_NOOP("answered"),
}


def duration_text(seconds: float) -> str:
    """'2 h 05 min', '40 min': how long machines stood."""
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return (
        tr("{h} h {m:02d} min").format(h=hours, m=minutes)
        if hours
        else tr("{m} min").format(m=minutes)
    )


@dataclass(frozen=True)
class Column(Generic[Row]):
    heading: str  # marked with QT_TR_NOOP, said with translated()
    text: Callable[[Row], str]
    numeric: bool = False


class LinesModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of one handover section; its columns say each row's words."""

    def __init__(self, columns: Sequence[Column[Row]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Row] = []
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        refresh_model(self)

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(self.rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return translated(self.columns[section].heading)
        return None


class Moments:
    """The plant's clock the tables say times on (shared with the board)."""

    def __init__(self) -> None:
        self.clock = PlantTime()

    def time(self, when: datetime | None) -> str:
        return self.clock.time(when) if when is not None else "—"

    def moment(self, when: datetime) -> str:
        return self.clock.moment(when)

    def day(self, when: datetime) -> str:
        """'Mon 23 Nov': the local day, in the screen's language."""
        return self.clock.moment(when).rsplit(" ", 1)[0]


def exception_columns(moments: Moments) -> list[Column[ExceptionLine]]:
    return [
        Column(QT_TR_NOOP("Raised"), lambda e: moments.time(e.raised_at)),
        Column(QT_TR_NOOP("Work center"), lambda e: e.work_center or "—"),
        Column(QT_TR_NOOP("What"), lambda e: e.summary),
        Column(QT_TR_NOOP("Owner"), lambda e: e.owner),
        Column(
            QT_TR_NOOP("State"),
            lambda e: (
                tr("resolved {at}").format(at=moments.time(e.resolved_at))
                if e.resolved_at
                else tr("open")
            ),
        ),
        Column(
            QT_TR_NOOP("SLA"),
            lambda e: f"{translated(SLA_TEXT[e.sla])} ({moments.moment(e.due_at)})",
        ),
    ]


def downtime_columns() -> list[Column[DowntimeLine]]:
    return [
        Column(QT_TR_NOOP("Reason"), lambda d: d.reason or tr("no reason given")),
        Column(QT_TR_NOOP("Work centers"), lambda d: ", ".join(d.work_centers)),
        Column(QT_TR_NOOP("Stops"), lambda d: str(d.stops), numeric=True),
        Column(QT_TR_NOOP("Down"), lambda d: duration_text(d.seconds), numeric=True),
    ]


def output_columns() -> list[Column[OutputLine]]:
    return [
        Column(QT_TR_NOOP("Work center"), lambda o: o.work_center),
        Column(QT_TR_NOOP("Planned"), lambda o: quantity(o.planned), numeric=True),
        Column(QT_TR_NOOP("Good"), lambda o: quantity(o.good), numeric=True),
        Column(QT_TR_NOOP("Scrap"), lambda o: quantity(o.scrap), numeric=True),
        Column(
            QT_TR_NOOP("Of plan"),
            lambda o: f"{o.ratio:.0%}" if o.ratio is not None else "—",
            numeric=True,
        ),
    ]


def override_columns(moments: Moments) -> list[Column[OverrideLine]]:
    return [
        Column(QT_TR_NOOP("When"), lambda o: moments.time(o.at)),
        Column(QT_TR_NOOP("By"), lambda o: o.by),
        Column(QT_TR_NOOP("Job"), lambda o: o.operation_id),
        Column(QT_TR_NOOP("Override"), lambda o: o.kind),
        Column(QT_TR_NOOP("Reason"), lambda o: o.reason),
    ]


def refused_columns(moments: Moments) -> list[Column[RefusedPosting]]:
    return [
        Column(QT_TR_NOOP("Refused"), lambda r: moments.time(r.refused_at)),
        Column(QT_TR_NOOP("Posting"), lambda r: r.kind.replace("_", " ")),
        Column(QT_TR_NOOP("Work order"), lambda r: r.work_order or "—"),
        Column(QT_TR_NOOP("Now"), lambda r: tr("settled") if r.settled else tr("still refused")),
        Column(QT_TR_NOOP("The ERP said"), lambda r: r.error or "—"),
    ]


def sla_text(recorded: str | None, moments: Moments) -> str:
    """An item's SLA as the handover recorded it ("overdue <ISO due>"), in words."""
    if not recorded:
        return "—"
    state, _, due = recorded.partition(" ")
    try:
        words = translated(SLA_TEXT[SlaState(state)])
        return f"{words} ({moments.moment(datetime.fromisoformat(due))})" if due else words
    except ValueError:
        return recorded


def item_columns(moments: Moments) -> list[Column[HandoverLine]]:
    return [
        Column(QT_TR_NOOP("Open item"), lambda i: i.summary),
        Column(QT_TR_NOOP("Owner"), lambda i: i.owner or "—"),
        Column(QT_TR_NOOP("SLA"), lambda i: sla_text(i.sla, moments)),
        Column(QT_TR_NOOP("Note"), lambda i: (i.note or "").replace("\n", " ")),
        Column(QT_TR_NOOP("Incoming"), lambda i: translated(ITEM_STATUS_TEXT[i.status])),
    ]
