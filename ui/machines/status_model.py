"""The machine host's diagnostics as two tables: work centers, and sources with their
edge nodes and devices.

Rows are plain frozen dataclasses (the host's own `MachineStatus`, and `SourceRow`, one
per source, edge node and device, in the order the host lists them, each under its
parent); `set_status` applies a fresh read row by row (ui.common.row_diff), so the
selection stays on its device while the screen refreshes every few seconds. Every word is
said when Qt asks, in the current language; after a switch the models tell their views
to ask again. Times are the plant's (ui.common.timefmt): the time alone today, with the
day otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.clock import as_utc
from app.i18n import QT_TR_NOOP
from app.machines.state import MachineStatus
from app.routing.reasons import ReasonTree
from sync.machines.diagnostics import (
    DeviceDiagnostics,
    HostStatus,
    NodeDiagnostics,
    SourceDiagnostics,
)
from ui.board.status_style import MACHINE_STATE
from ui.common.formatting import NO_VALUE
from ui.common.row_diff import KeyedRowsModel
from ui.common.timefmt import PlantTime
from ui.i18n import on_language_change, refresh_model, tr, translated
from ui.machines.reason_prompt import duration_text

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
NO_REASON_GIVEN = QT_TR_NOOP("no reason given")


def count_text(value: int | None) -> str:
    return NO_VALUE if value is None else QLocale().toString(value)


class Moments:
    """How a diagnostics table says a moment: '08:01:02' today, 'Mon 23 Nov 08:01' before."""

    def __init__(self, clock: PlantTime | None = None) -> None:
        self.clock = clock or PlantTime()
        self.now = datetime.now(UTC)

    def say(self, when: datetime | None) -> str:
        if when is None:
            return NO_VALUE
        local, today = self.clock.local(when), self.clock.local(self.now)
        if local.date() == today.date():
            return self.clock.clock(when)
        return self.clock.moment(when)


# --- work centers ---------------------------------------------------------------------------


class WorkCenterColumn(IntEnum):
    WORK_CENTER = 0
    STATE = 1
    SINCE = 2
    MICRO_STOPS = 3
    COUNTER = 4
    DOWNTIME = 5  # the longest: it takes the rest of the width


def state_text(status: MachineStatus) -> str:
    """'RUNNING', 'SIGNAL LOST', ... ('NO SIGNAL' before anything was heard)."""
    if status.state is None:
        return tr("NO SIGNAL YET")
    return MACHINE_STATE[status.state].label


def downtime_text(status: MachineStatus, reasons: ReasonTree, moments: Moments) -> str:
    """'since 09:00 · fault E-217 · no reason given', or the reason's words; '—' when none
    is open."""
    downtime = status.open_downtime
    if downtime is None:
        return NO_VALUE
    parts = [tr("since {time}").format(time=moments.say(downtime.since))]
    if downtime.fault_code:
        parts.append(tr("fault {fault}").format(fault=downtime.fault_code))
    reason = reasons.reason(downtime.reason_code) if downtime.reason_code else None
    if reason is not None:
        parts.append(translated(reason.label))
    elif downtime.reason_code:
        parts.append(downtime.reason_code)
    else:
        parts.append(translated(NO_REASON_GIVEN))
    return " · ".join(parts)


def micro_stops_text(status: MachineStatus) -> str:
    """'3 (2 min)': how many micro-stops and how long they took together."""
    if not status.micro_stops:
        return QLocale().toString(0)
    return tr("{count} ({duration})").format(
        count=QLocale().toString(status.micro_stops),
        duration=duration_text(status.micro_stop_time.total_seconds()),
    )


class MachineWorkCenterModel(KeyedRowsModel[MachineStatus]):
    """One row per mapped work center: its machine state (coloured as on the board), since
    when, its open downtime and reason, its micro-stops and part counter."""

    def __init__(self, reasons: ReasonTree, parent: Any = None) -> None:
        super().__init__(lambda s: s.work_center, len(WorkCenterColumn), parent)
        self.reasons = reasons
        self.moments = Moments()
        self._brushes = {
            state: (QBrush(QColor(s.background)), QBrush(QColor(s.foreground)))
            for state, s in MACHINE_STATE.items()
        }
        on_language_change(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        refresh_model(self)

    def set_rows(self, rows: list[MachineStatus], now: datetime | None = None) -> None:
        if now is not None:
            self.moments.now = as_utc(now)
        self.replace_rows(rows)

    def cell(self, row: MachineStatus, column: int) -> object:
        match column:
            case WorkCenterColumn.WORK_CENTER:
                return row.work_center
            case WorkCenterColumn.STATE:
                return state_text(row)
            case WorkCenterColumn.SINCE:
                return self.moments.say(row.since)
            case WorkCenterColumn.MICRO_STOPS:
                return micro_stops_text(row)
            case WorkCenterColumn.COUNTER:
                return count_text(row.counter)
            case _:
                return downtime_text(row, self.reasons, self.moments)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self.cell(row, column)
        if role in (_BACKGROUND, _FOREGROUND) and column == WorkCenterColumn.STATE:
            if row.state is None:
                return None
            background, foreground = self._brushes[row.state]
            return background if role == _BACKGROUND else foreground
        if role == _ALIGNMENT and column in (
            WorkCenterColumn.MICRO_STOPS,
            WorkCenterColumn.COUNTER,
        ):
            return _RIGHT
        if role == _TOOLTIP and column == WorkCenterColumn.STATE and row.detail:
            return row.detail  # what the machine said, as it said it
        if role == int(Qt.ItemDataRole.UserRole):
            return row.work_center
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            tr("Work center"),
            tr("Machine"),
            tr("Since"),
            tr("Micro-stops"),
            tr("Counter"),
            tr("Open downtime"),
        )[section]


# --- sources, edge nodes, devices -------------------------------------------------------------


class Level(StrEnum):
    SOURCE = "source"
    NODE = "node"
    DEVICE = "device"


Diagnostics = SourceDiagnostics | NodeDiagnostics | DeviceDiagnostics


@dataclass(frozen=True)
class SourceRow:
    """One source, edge node or device, with what the table shows of it."""

    key: tuple[str, ...]  # (source,), (source, node), (source, node, device)
    level: Level
    name: str  # the source's name, "group/edge_node", "group/edge_node/device"
    connected: bool  # a source's broker connection; a node's or device's birth
    last_birth: datetime | None
    messages: int
    quarantined: int  # a source's own and its nodes' and devices'; else its own
    seq_gaps: int | None  # edge nodes only
    rebirths: int | None  # edge nodes only
    diagnostics: Diagnostics

    @property
    def short_name(self) -> str:
        """What the indented table says: a device by its own name, under its node."""
        if self.level is Level.DEVICE and self.key[1:2] and self.name.startswith(self.key[1]):
            return self.name[len(self.key[1]) :].lstrip("/") or self.name
        return self.name


def _device_row(key: tuple[str, ...], device: DeviceDiagnostics) -> SourceRow:
    return SourceRow(
        key=(*key, device.device),
        level=Level.DEVICE,
        name=device.device,
        connected=device.online,
        last_birth=device.last_birth,
        messages=device.messages,
        quarantined=device.quarantined_total,
        seq_gaps=None,
        rebirths=None,
        diagnostics=device,
    )


def source_rows(status: HostStatus) -> list[SourceRow]:
    """Each source, then each of its edge nodes with their devices, then its JSON devices."""

    def rows() -> Iterator[SourceRow]:
        for source in status.sources:
            key = (source.source,)
            yield SourceRow(
                key=key,
                level=Level.SOURCE,
                name=source.source,
                connected=source.connected,
                last_birth=None,
                messages=source.messages,
                quarantined=source.all_quarantined,
                seq_gaps=sum(n.seq_gaps for n in source.nodes) if source.nodes else None,
                rebirths=(
                    sum(n.rebirths_requested for n in source.nodes) if source.nodes else None
                ),
                diagnostics=source,
            )
            for node in source.nodes:
                node_key = (*key, node.node)
                yield SourceRow(
                    key=node_key,
                    level=Level.NODE,
                    name=node.node,
                    connected=node.online,
                    last_birth=node.last_birth,
                    messages=node.messages,
                    quarantined=node.quarantined_total,
                    seq_gaps=node.seq_gaps,
                    rebirths=node.rebirths_requested,
                    diagnostics=node,
                )
                for device in node.devices:
                    yield _device_row(node_key, device)
            for device in source.json_devices:
                yield _device_row(key, device)

    return list(rows())


class SourceColumn(IntEnum):
    NAME = 0
    CONNECTION = 1
    LAST_BIRTH = 2
    MESSAGES = 3
    QUARANTINED = 4
    SEQ_GAPS = 5
    REBIRTHS = 6


_INDENT = "    "


def connection_text(row: SourceRow) -> str:
    if row.level is Level.SOURCE:
        return tr("connected") if row.connected else tr("NOT CONNECTED")
    return tr("online") if row.connected else tr("OFFLINE")


class MachineSourceModel(KeyedRowsModel[SourceRow]):
    """One row per source, edge node and device, indented under its parent: connected,
    last birth, messages, quarantined payloads, seq gaps and rebirths requested."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(lambda r: r.key, len(SourceColumn), parent)
        self.moments = Moments()
        on_language_change(self, self._on_language_changed)

    def _on_language_changed(self) -> None:
        refresh_model(self)

    def set_rows(self, rows: list[SourceRow], now: datetime | None = None) -> None:
        if now is not None:
            self.moments.now = as_utc(now)
        self.replace_rows(rows)

    def cell(self, row: SourceRow, column: int) -> object:
        match column:
            case SourceColumn.NAME:
                depth = {Level.SOURCE: 0, Level.NODE: 1, Level.DEVICE: len(row.key) - 1}
                return _INDENT * depth[row.level] + row.short_name
            case SourceColumn.CONNECTION:
                return connection_text(row)
            case SourceColumn.LAST_BIRTH:
                return NO_VALUE if row.level is Level.SOURCE else self.moments.say(row.last_birth)
            case SourceColumn.MESSAGES:
                return count_text(row.messages)
            case SourceColumn.QUARANTINED:
                return count_text(row.quarantined)
            case SourceColumn.SEQ_GAPS:
                return count_text(row.seq_gaps)
            case _:
                return count_text(row.rebirths)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self.cell(row, column)
        if role == _ALIGNMENT and column >= SourceColumn.MESSAGES:
            return _RIGHT
        if role == _TOOLTIP and column == SourceColumn.NAME:
            return row.name
        if role == int(Qt.ItemDataRole.UserRole):
            return row.key
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            tr("Source / device"),
            tr("Connection"),
            tr("Last birth"),
            tr("Messages"),
            tr("Quarantined"),
            tr("Seq gaps"),
            tr("Rebirths"),
        )[section]


# --- the detail pane ----------------------------------------------------------------------


def _quarantined_lines(diagnostics: Diagnostics, moments: Moments) -> list[str]:
    """The quarantined payloads kept, newest first, each with the reason it was refused."""
    lines = []
    for payload in reversed(diagnostics.quarantined):
        lines.append(
            tr("{time}  {topic}: {reason} ({size} bytes)").format(
                time=moments.say(payload.at),
                topic=payload.topic,
                reason=payload.reason,  # the source's own words
                size=QLocale().toString(payload.size),
            )
        )
    return lines


def detail_text(row: SourceRow, moments: Moments) -> str:
    """Everything the host knows of one source, edge node or device, with the payloads it
    quarantined and why (what the table has no room for)."""
    d = row.diagnostics
    lines: list[str] = []
    if isinstance(d, SourceDiagnostics):
        lines.append(tr("Source {source} at {broker}").format(source=d.source, broker=d.broker))
        if d.host_id:
            lines.append(tr("Host application id: {host_id}").format(host_id=d.host_id))
        state = tr("connected") if d.connected else tr("NOT CONNECTED")
        lines.append(
            tr("{state} since {time}; {losses} connection losses").format(
                state=state, time=moments.say(d.since), losses=count_text(d.connection_losses)
            )
        )
        lines.append(
            tr("Quarantined: {total} in all, {own} on no node or device").format(
                total=count_text(d.all_quarantined), own=count_text(d.quarantined_total)
            )
        )
    elif isinstance(d, NodeDiagnostics):
        lines.append(tr("Edge node {node}").format(node=d.node))
        lines.append(
            tr("bdSeq {bd_seq}; last birth {birth}; last death {death}").format(
                bd_seq=count_text(d.bd_seq),
                birth=moments.say(d.last_birth),
                death=moments.say(d.last_death),
            )
        )
        lines.append(
            tr(
                "{gaps} seq gaps, {rebirths} rebirths requested, {stale} stale deaths ignored"
            ).format(
                gaps=count_text(d.seq_gaps),
                rebirths=count_text(d.rebirths_requested),
                stale=count_text(d.stale_deaths_ignored),
            )
        )
        lines.append(tr("Quarantined: {total}").format(total=count_text(d.quarantined_total)))
    else:
        lines.append(tr("Device {device}").format(device=d.device))
        lines.append(
            tr("Last birth {birth}; last death {death}").format(
                birth=moments.say(d.last_birth), death=moments.say(d.last_death)
            )
        )
        lines.append(tr("Quarantined: {total}").format(total=count_text(d.quarantined_total)))
    quarantined = _quarantined_lines(d, moments)
    if quarantined:
        lines.append("")
        lines.extend(quarantined)
    elif row.quarantined:
        lines.append(tr("The payloads quarantined are listed under its nodes and devices."))
    return "\n".join(lines)
