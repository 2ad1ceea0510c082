"""The events of this terminal the server rejected, listed for a supervisor (read-only).

An event is rejected when the server, putting every terminal's events in one order,
finds it breaks a rule there (e.g. a second resolution of an exception someone else
resolved first). The terminal has already rolled its effect back; this list says what
was lost so that a person can redo it if it still applies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.clock import as_utc
from app.model import ShopException, User
from sync.client.engine import SyncEngine
from ui.widgets import configure_row_table

Index = QModelIndex | QPersistentModelIndex
ROW_HEIGHT = 104  # three lines of the server's reason
WHAT_WIDTH = 280
_BY_USER = re.compile(r"\bby (\w+)")  # "resolved by 902" names the user by id
# Payload fields that say which thing an event was about, most telling first.
SUBJECT_FIELDS = ("summary", "exception_id", "operation_id", "work_order", "work_center", "task_id")


@dataclass(frozen=True)
class RejectedRow:
    when: datetime
    who: str
    what: str
    why: str


def describe(
    kind: str, payload: Mapping[str, Any], summaries: Mapping[str, str] | None = None
) -> str:
    """'exception resolved: Spindle alarm' from an event's kind and payload.

    `summaries` names exceptions by their summary: a person knows "Spindle alarm", not
    the exception's id.
    """
    text = kind.replace(".", " ").replace("_", " ")
    subject = next((str(payload[f]) for f in SUBJECT_FIELDS if payload.get(f)), None)
    if subject is not None and summaries:
        subject = summaries.get(subject, subject)
    return f"{text}: {subject}" if subject else text


def rejected_rows(engine: SyncEngine) -> list[RejectedRow]:
    """Read on the database lane: the rejected events, newest first, with people's names."""
    records = engine.rejected()
    exception_ids = {r.payload.get("exception_id") for r in records if r.payload}
    with engine.store.read() as session:
        names = {uid: name for uid, name in session.execute(select(User.id, User.name))}
        summaries = {
            eid: summary
            for eid, summary in session.execute(
                select(ShopException.id, ShopException.summary).where(
                    ShopException.id.in_(exception_ids - {None})
                )
            )
        }
    return [
        RejectedRow(
            when=as_utc(r.occurred_at),
            who=names.get(r.actor, r.actor),
            what=describe(r.kind, r.payload or {}, summaries),
            why=_named(r.reason or "no reason given", summaries, names),
        )
        for r in records
    ]


def _named(text: str, summaries: Mapping[str, str], names: Mapping[str, str]) -> str:
    """The server's reason in people's words: exceptions by summary, people by name."""
    for exception_id, summary in summaries.items():
        text = text.replace(exception_id, f"“{summary}”")
    return _BY_USER.sub(lambda m: f"by {names.get(m[1], m[1])}", text)


class RejectedColumn(IntEnum):
    WHEN = 0
    WHO = 1
    WHAT = 2
    WHY = 3


_HEADERS = {
    RejectedColumn.WHEN: "When",
    RejectedColumn.WHO: "Who",
    RejectedColumn.WHAT: "What",
    RejectedColumn.WHY: "Why the server refused it",
}


class RejectedModel(QAbstractTableModel):
    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RejectedRow] = []
        self.tz = tz

    def set_rows(self, rows: Sequence[RejectedRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RejectedRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RejectedColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[RejectedColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        column = RejectedColumn(index.column())
        if column is RejectedColumn.WHEN:
            return row.when.astimezone(self.tz).strftime("%a %d %b %H:%M:%S")
        if column is RejectedColumn.WHO:
            return row.who
        if column is RejectedColumn.WHAT:
            return row.what
        return row.why


class RejectedEventsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejectedDialog")
        self.setWindowTitle("Rejected by the server")
        heading = QLabel("Changes the server rejected")
        heading.setObjectName("heading")
        hint = QLabel(
            "These changes were made on this terminal, but another terminal's decision "
            "reached the server first, so they were undone here. Redo one if it still applies."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.model = RejectedModel(self, tz)
        self.table = QTableView()
        self.table.setObjectName("rejectedTable")
        self.table.setModel(self.model)
        configure_row_table(self.table, ROW_HEIGHT)
        # Time and name fit their text; the reason, the longest, gets the rest.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RejectedColumn.WHAT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RejectedColumn.WHY, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(RejectedColumn.WHAT, WHAT_WIDTH)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(True)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only: nothing to act on
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("secondary")
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        self.close_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1180, 420)

    def set_rows(self, rows: Sequence[RejectedRow]) -> None:
        self.model.set_rows(rows)
