"""Every table model updates its rows in place (ui.common.row_diff), checked by Qt's model
tester: a new list of rows is applied as removals, moves, insertions and `dataChanged`
on the changed cells only, never a reset, and a selection follows its row.

Each model is fed fresh row objects on every update (equal rows, new objects), as the
queries and the ranking engine build them. Qt's model tester reports a broken model as a
Qt warning, which fails the test (`qt_log_level_fail` in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QTableView

from app.machines.state import MachineStatus
from app.model.types import (
    Channel,
    ExceptionKind,
    ExceptionStatus,
    MachineState,
    PostingKind,
    PostingStatus,
    PriorityClass,
    Role,
    Severity,
    TaskStatus,
)
from app.priority.model import Job, RankedRow, RowStatus
from app.queries import WorkCenterSummary
from app.queries_erp import PostingRow
from app.queries_exceptions import ExceptionRow, HistoryEntry, TaskRow
from app.routing.reasons import load_reasons
from sync.machines.diagnostics import DeviceDiagnostics
from ui.board.lane_model import Column, LaneModel
from ui.board.supervisor_lane import StatusFilterModel
from ui.common.row_diff import (
    MAX_MOVES,
    KeyedRowsModel,
    _common_prefix,
    _common_suffix,
    numbered,
    runs,
)
from ui.erp.postings_model import PostingColumn, PostingsModel
from ui.exceptions.detail_view import HistoryColumn, HistoryModel
from ui.exceptions.inbox_model import ExceptionColumn, InboxModel, TaskColumn, TaskModel
from ui.machines.status_model import (
    Level,
    MachineSourceModel,
    MachineWorkCenterModel,
    SourceColumn,
    SourceRow,
    WorkCenterColumn,
)
from ui.plant.work_center_model import WorkCenterTableModel
from ui.sync_rejected import RejectedColumn, RejectedModel, RejectedRow

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


# --- rows of every kind -------------------------------------------------------------------


def _job(n: int) -> Job:
    return Job(
        op_id=f"WO-{n}/0010",
        work_order=f"WO-{n}",
        seq=10,
        work_center="LAT-01",
        item=f"CP-{n % 7}",
        setup_family=None,
        setup_minutes=10.0,
        run_minutes=30.0,
        later_minutes=0.0,
        later_ops=0,
        due_at=NOW + timedelta(hours=n),
        customer="ALPINE",
        priority_class=PriorityClass.B,
        quantity=10.0,
    )


JOBS = {job.op_id: job for job in map(_job, range(400))}


def _ranked(n: int) -> RankedRow:
    return RankedRow(
        op_id=f"WO-{n}/0010", rank=n + 1, status=RowStatus.READY, score=1.0, reason=f"due {n} h"
    )


def _exception(n: int) -> ExceptionRow:
    return ExceptionRow(
        id=f"EX-{n}",
        kind=ExceptionKind.MATERIAL_SHORTAGE,
        status=ExceptionStatus.RAISED,
        severity=Severity.HIGH,
        channel=Channel.KIOSK,
        summary=f"short of RM-{n}",
        work_center="LAT-01",
        work_order=f"WO-{n}",
        operation_id=None,
        item=f"RM-{n}",
        lot_no=None,
        quantity=None,
        note=None,
        details={},
        owner_role=Role.PROCUREMENT,
        owner_user=None,
        owner_name=None,
        raised_by="901",
        raised_by_name="Ana",
        raised_at=NOW,
        ack_due=NOW + timedelta(minutes=15 + n),
        resolve_due=None,
        acknowledged_at=None,
        waiting_on=None,
        decision=None,
        root_cause=None,
        escalation_tier=0,
    )


def _task(n: int) -> TaskRow:
    return TaskRow(
        id=f"T-{n}",
        exception_id=f"EX-{n}",
        exception_summary=f"short of RM-{n}",
        function=Role.PROCUREMENT,
        action=f"order RM-{n}",
        status=TaskStatus.OPEN,
        due_at=NOW + timedelta(hours=n),
        acknowledged_by=None,
        done_by=None,
        note=None,
    )


def _history(n: int) -> HistoryEntry:
    return HistoryEntry(
        at=NOW + timedelta(minutes=n),
        actor="901",
        actor_name="Ana",
        kind="exception.noted",
        what=f"note {n}",
    )


def _work_center(n: int) -> WorkCenterSummary:
    return WorkCenterSummary(
        code=f"WC-{n:03}",
        name=f"Center {n}",
        area_code="A",
        area_name="Area A",
        machine_state=MachineState.RUNNING,
        setup_families=("F1",),
        open_operations=n,
        ready_operations=0,
    )


def _rejected(n: int) -> RejectedRow:
    return RejectedRow(
        when=NOW + timedelta(minutes=n),
        who="Ana",
        what=f"exception resolved: {n}",
        why="already resolved",
        event_id=f"EV-{n}",
        kind="exception.resolved",
    )


def _posting(n: int) -> PostingRow:
    return PostingRow(
        id=f"P-{n}",
        kind=PostingKind.CONFIRMATION,
        work_order=f"WO-{n}",
        occurred_at=NOW + timedelta(minutes=n),
        status=PostingStatus.FAILED,
        attempts=1,
        last_error="ERP said no",
        erp_document=None,
        payload={"good": n, "operation_seq": 10},
    )


def _machine(n: int) -> MachineStatus:
    return MachineStatus(
        work_center=f"WC-{n:03}",
        state=MachineState.RUNNING if n % 3 else MachineState.DOWN,
        since=NOW - timedelta(minutes=n),
        detail="",
        open_downtime=None,
        fault_code=None,
        counter=100 + n,
        cycle_seconds=30.0,
        micro_stops=n % 4,
        micro_stop_time=timedelta(seconds=20 * (n % 4)),
        ignored_readings=0,
    )


def _device(n: int) -> SourceRow:
    device = DeviceDiagnostics(
        device=f"G/cell-{n}/press",
        online=bool(n % 2),
        last_birth=NOW - timedelta(minutes=n),
        last_death=None,
        messages=10 * n,
        quarantined_total=0,
        quarantined=(),
    )
    return SourceRow(
        key=("line", device.device),
        level=Level.DEVICE,
        name=device.device,
        connected=device.online,
        last_birth=device.last_birth,
        messages=device.messages,
        quarantined=0,
        seq_gaps=None,
        rebirths=None,
        diagnostics=device,
    )


# --- one description per model ------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """How to build a model, feed it rows, make row number n, and change one shown cell."""

    build: Callable[[], QAbstractItemModel]
    feed: Callable[[Any, list[Any]], None]
    make: Callable[[int], Any]
    key: Callable[[Any], Hashable]
    shown: Callable[[Any], list[Hashable]]  # the keys on screen, top to bottom
    change: Callable[[Any], Any] | None  # None: a row cannot change in place
    changed_column: int = 0
    # Reorders rows in place, persistent indexes carried (ui.board.lane_rows): a reorder
    # is told as changed cells, not as moves.
    reorders_in_place: bool = False


def _keyed(model: KeyedRowsModel[Any], key: Callable[[Any], Hashable]) -> list[Hashable]:
    return [key(model.row_at(r)) for r in range(model.rowCount())]


def _by_id(row: Any) -> Hashable:
    return row.id


SPECS = {
    "lane": Spec(
        build=LaneModel,
        feed=lambda m, rows: m.apply(rows, JOBS),
        make=_ranked,
        key=lambda r: r.op_id,
        shown=lambda m: [m.op_id_at(r) for r in range(m.rowCount())],
        change=lambda r: replace(r, reason=r.reason + ", late"),
        changed_column=Column.REASON,
        reorders_in_place=True,
    ),
    "inbox": Spec(
        build=InboxModel,
        feed=lambda m, rows: m.set_rows(rows, NOW),
        make=_exception,
        key=_by_id,
        shown=lambda m: _keyed(m, _by_id),
        change=lambda r: replace(r, summary=r.summary + " again"),
        changed_column=ExceptionColumn.SUMMARY,
    ),
    "tasks": Spec(
        build=TaskModel,
        feed=lambda m, rows: m.set_rows(rows),
        make=_task,
        key=_by_id,
        shown=lambda m: _keyed(m, _by_id),
        change=lambda r: replace(r, action=r.action + " now"),
        changed_column=TaskColumn.ACTION,
    ),
    # A history line is known by what it says: a changed line is another line.
    "history": Spec(
        build=HistoryModel,
        feed=lambda m, rows: m.set_rows(rows),
        make=_history,
        key=lambda r: r,
        shown=lambda m: _keyed(m, lambda r: r),
        change=None,
    ),
    "work_centers": Spec(
        build=WorkCenterTableModel,
        feed=lambda m, rows: m.set_rows(rows),
        make=_work_center,
        key=lambda r: r.code,
        shown=lambda m: _keyed(m, lambda r: r.code),
        change=lambda r: replace(r, ready_operations=r.ready_operations + 1),
        changed_column=5,
    ),
    "rejected": Spec(
        build=RejectedModel,
        feed=lambda m, rows: m.set_rows(rows),
        make=_rejected,
        key=lambda r: r.event_id,
        shown=lambda m: _keyed(m, lambda r: r.event_id),
        change=lambda r: replace(r, who="Bruno"),
        changed_column=RejectedColumn.WHO,
    ),
    "postings": Spec(
        build=PostingsModel,
        feed=lambda m, rows: m.set_rows(rows),
        make=_posting,
        key=_by_id,
        shown=lambda m: _keyed(m, _by_id),
        change=lambda r: replace(r, attempts=r.attempts + 1),
        changed_column=PostingColumn.ATTEMPTS,
    ),
}
SPECS["machine_work_centers"] = Spec(
    build=lambda: MachineWorkCenterModel(load_reasons()),
    feed=lambda m, rows: m.set_rows(rows, NOW),
    make=_machine,
    key=lambda r: r.work_center,
    shown=lambda m: _keyed(m, lambda r: r.work_center),
    change=lambda r: replace(r, counter=(r.counter or 0) + 1),
    changed_column=WorkCenterColumn.COUNTER,
)
SPECS["machine_sources"] = Spec(
    build=MachineSourceModel,
    feed=lambda m, rows: m.set_rows(rows, NOW),
    make=_device,
    key=lambda r: r.key,
    shown=lambda m: _keyed(m, lambda r: r.key),
    change=lambda r: replace(r, messages=r.messages + 1),
    changed_column=SourceColumn.MESSAGES,
)
CHANGEABLE = [name for name, spec in SPECS.items() if spec.change is not None]


def fresh(rows: list[Any]) -> list[Any]:
    """The same rows as new objects, as a new read or a re-rank makes them."""
    return [replace(row) for row in rows]


class Recorder:
    """Every signal that changes what a model shows, in order."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.events: list[tuple[Any, ...]] = []
        model.modelReset.connect(lambda: self.events.append(("reset",)))
        model.layoutChanged.connect(lambda *_: self.events.append(("layout",)))
        model.dataChanged.connect(
            lambda tl, br, _roles=(): self.events.append(
                ("changed", tl.row(), br.row(), tl.column(), br.column())
            )
        )
        model.rowsMoved.connect(
            lambda _p, first, last, _d, dest: self.events.append(("moved", first, last, dest))
        )
        model.rowsInserted.connect(
            lambda _p, first, last: self.events.append(("inserted", first, last))
        )
        model.rowsRemoved.connect(
            lambda _p, first, last: self.events.append(("removed", first, last))
        )

    def kinds(self) -> list[str]:
        return [event[0] for event in self.events]


def _fed(spec: Spec, count: int, qtmodeltester: Any) -> tuple[Any, list[Any]]:
    model = spec.build()
    qtmodeltester.check(model)  # the tester stays attached and checks every change below
    rows = [spec.make(n) for n in range(count)]
    spec.feed(model, rows)
    return model, rows


def _select(qtbot: Any, model: QAbstractItemModel, row: int) -> QTableView:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    view.selectionModel().select(model.index(row, 0), SELECT_ROW)
    return view


def _selected_rows(view: QTableView) -> list[int]:
    return [index.row() for index in view.selectionModel().selectedRows()]


# --- the tests ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SPECS)
def test_every_model_passes_the_model_tester_through_updates(qtmodeltester, name: str) -> None:
    """Insert, remove, reorder, change a cell, reshuffle everything, empty and refill: Qt's
    model tester watches every signal, and the model always shows the rows in order."""
    spec = SPECS[name]
    model, rows = _fed(spec, 10, qtmodeltester)
    recorder = Recorder(model)

    def show(new_rows: list[Any]) -> None:
        spec.feed(model, fresh(new_rows))
        assert spec.shown(model) == [spec.key(r) for r in new_rows]

    show(rows := [*rows[:3], spec.make(100), *rows[3:], spec.make(101)])  # insert
    show(rows := [row for i, row in enumerate(rows) if i not in (0, 5)])  # remove
    show(rows := [rows[-1], *rows[:-1]])  # the last row to the top
    rows[2], rows[6] = rows[6], rows[2]
    show(rows)  # two rows swap places
    if spec.change is not None:
        rows[4] = spec.change(rows[4])
        show(rows)  # one cell changes
    show(rows := [*rows, *map(spec.make, range(200, 200 + 2 * MAX_MOVES))])
    show(rows := rows[::-1])  # a reshuffle beyond MAX_MOVES: one layout change
    show(rows := rows[1::2])  # every other row goes
    show([])
    show(rows)  # from empty: one insertion
    assert "reset" not in recorder.kinds()


@pytest.mark.parametrize("name", CHANGEABLE)
def test_one_changed_cell_is_one_data_changed(qtmodeltester, name: str) -> None:
    spec = SPECS[name]
    assert spec.change is not None
    model, rows = _fed(spec, 12, qtmodeltester)
    recorder = Recorder(model)
    rows[4] = spec.change(rows[4])
    spec.feed(model, fresh(rows))
    column = spec.changed_column
    assert recorder.events == [("changed", 4, 4, column, column)]


@pytest.mark.parametrize("name", SPECS)
def test_fresh_equal_rows_signal_nothing(qtmodeltester, name: str) -> None:
    spec = SPECS[name]
    model, rows = _fed(spec, 12, qtmodeltester)
    recorder = Recorder(model)
    spec.feed(model, fresh(rows))
    assert recorder.events == []


@pytest.mark.parametrize("name", SPECS)
def test_a_reorder_is_one_move_and_the_selection_follows(qtbot, qtmodeltester, name: str) -> None:
    spec = SPECS[name]
    model, rows = _fed(spec, 12, qtmodeltester)
    view = _select(qtbot, model, 6)
    picked = spec.key(rows[6])
    recorder = Recorder(model)
    spec.feed(model, fresh([rows[0], rows[6], *rows[1:6], *rows[7:]]))  # row 6 jumps to 1
    assert recorder.kinds() == (["changed"] if spec.reorders_in_place else ["moved"])
    assert recorder.events[0][1:3] == ((1, 6) if spec.reorders_in_place else (6, 6))
    assert [spec.shown(model)[r] for r in _selected_rows(view)] == [picked]


@pytest.mark.parametrize("name", SPECS)
def test_rows_come_and_go_without_a_reset(qtbot, qtmodeltester, name: str) -> None:
    spec = SPECS[name]
    model, rows = _fed(spec, 12, qtmodeltester)
    view = _select(qtbot, model, 8)
    picked = spec.key(rows[8])
    recorder = Recorder(model)
    spec.feed(model, fresh([*rows[1:3], spec.make(300), *rows[3:]]))
    assert recorder.events == [("removed", 0, 0), ("inserted", 2, 2)]
    assert [spec.shown(model)[r] for r in _selected_rows(view)] == [picked]


@pytest.mark.parametrize("name", SPECS)
def test_a_reshuffle_is_one_layout_change_and_the_selection_follows(
    qtbot, qtmodeltester, name: str
) -> None:
    spec = SPECS[name]
    model, rows = _fed(spec, 3 * MAX_MOVES, qtmodeltester)
    view = _select(qtbot, model, 10)
    picked = spec.key(rows[10])
    recorder = Recorder(model)
    spec.feed(model, fresh(rows[::-1]))
    assert recorder.kinds() == (["changed"] if spec.reorders_in_place else ["layout"])
    assert spec.shown(model) == [spec.key(r) for r in rows[::-1]]
    assert [spec.shown(model)[r] for r in _selected_rows(view)] == [picked]


def test_a_lane_of_2000_with_one_row_moved_three_places(qtmodeltester) -> None:
    """The benchmark's case: fresh rows, one row blocked and moved three places down, the
    rank numbers renumbered. No view holds those rows, so they are reordered in place:
    no move, the four positions that show another job are named in dataChanged, and
    the rank column is not (each position keeps its number)."""
    jobs = {job.op_id: job for job in map(_job, range(2000))}
    rows = [_ranked(n) for n in range(2000)]
    model = LaneModel()
    model.apply(rows, jobs)
    qtmodeltester.check(model)
    recorder = Recorder(model)
    blocked = replace(rows[1000], status=RowStatus.BLOCKED_MATERIAL, reason="short")
    order = [*rows[:1000], *rows[1001:1004], blocked, *rows[1004:]]
    model.apply([replace(r, rank=rank) for rank, r in enumerate(order, start=1)], jobs)
    assert recorder.events == [
        ("changed", 1000, 1002, Column.WORK_ORDER, Column.REASON),
        ("changed", 1003, 1003, Column.STATUS, Column.REASON),
    ]
    assert [model.op_id_at(r) for r in range(998, 1006)] == [r.op_id for r in order[998:1006]]


def test_the_status_filter_over_a_lane_passes_the_model_tester(qtmodeltester) -> None:
    """The supervisor board's proxy follows its lane through every kind of update."""
    lane = LaneModel()
    proxy = StatusFilterModel(lane)
    qtmodeltester.check(proxy)
    proxy.set_statuses(frozenset({RowStatus.READY}))
    rows = [_ranked(n) for n in range(20)]
    lane.apply(rows, JOBS)
    assert proxy.rowCount() == 20
    rows[3] = replace(rows[3], status=RowStatus.ON_HOLD, reason="held")
    rows = [rows[-1], *rows[:-1], _ranked(50)]
    lane.apply(rows, JOBS)
    assert proxy.rowCount() == 20
    lane.apply(rows[::-1] + [_ranked(n) for n in range(100, 100 + 2 * MAX_MOVES)], JOBS)
    lane.apply(rows[5:], JOBS)
    assert proxy.rowCount() == len(rows) - 5  # the held row is among the five gone
    assert proxy.index(0, Column.WORK_ORDER).data() == JOBS[rows[5].op_id].work_order


def test_a_new_clock_refreshes_the_time_column_only(qtmodeltester) -> None:
    """The inbox's countdowns move with the clock; the rows themselves did not change."""
    model = InboxModel()
    qtmodeltester.check(model)
    rows = [_exception(n) for n in range(5)]
    model.set_rows(rows, NOW)
    recorder = Recorder(model)
    model.set_rows(fresh(rows), NOW + timedelta(seconds=1))
    column = ExceptionColumn.DUE
    assert recorder.events == [("changed", 0, 4, column, column)]


def test_a_new_time_format_refreshes_the_time_column(qtmodeltester) -> None:
    """The detail screen swaps the plant's clock before it feeds the rows: the times are
    said again although the rows compare equal."""
    from ui.common.formatting import JobFormat

    model = HistoryModel()
    qtmodeltester.check(model)
    rows = [_history(n) for n in range(3)]
    model.set_rows(rows)
    recorder = Recorder(model)
    model.format = JobFormat()
    model.set_rows(fresh(rows))
    column = HistoryColumn.WHEN
    assert recorder.events == [("changed", 0, 2, column, column)]


def test_repeating_history_lines_stay_apart(qtmodeltester) -> None:
    """Two equal lines (the same note twice in a minute) are two rows, not one key."""
    model = HistoryModel()
    qtmodeltester.check(model)
    line = _history(1)
    model.set_rows([line, replace(line), _history(2)])
    recorder = Recorder(model)
    model.set_rows([line, replace(line), replace(line), _history(2)])
    assert recorder.events == [("inserted", 2, 2)]
    assert model.rowCount() == 4


def test_an_unknown_key_has_no_row(qtmodeltester) -> None:
    model, _rows = _fed(SPECS["postings"], 5, qtmodeltester)
    assert model.row_of("P-3") == 3
    assert model.row_of("P-99") is None
    assert model.index(0, 0, model.index(0, 0)) == QModelIndex()


def test_repeated_keys_are_refused(qtmodeltester) -> None:
    model, rows = _fed(SPECS["tasks"], 3, qtmodeltester)
    with pytest.raises(ValueError, match="unique"):
        model.set_rows([rows[0], rows[1], rows[1]])


@pytest.mark.parametrize(
    ("a", "b", "prefix", "suffix"),
    [
        ([], [], 0, 0),
        ([1, 2, 3], [1, 2, 3], 3, 0),
        ([1, 2, 3, 4], [1, 3, 2, 4], 1, 1),
        ([1, 2, 3], [4, 5], 0, 0),
        ([1, 2, 3, 4, 5], [1, 2, 9, 4, 5], 2, 2),
        ([1, 2], [1, 2, 3], 2, 0),
    ],
)
def test_common_prefix_and_suffix(a: list[int], b: list[int], prefix: int, suffix: int) -> None:
    assert _common_prefix(a, b) == prefix
    assert _common_suffix(a, b, min(len(a), len(b)) - prefix) == suffix


def test_runs_and_numbered_keys() -> None:
    assert runs([0, 1, 2, 5, 7, 8]) == [(0, 2), (5, 5), (7, 8)]
    assert numbered(["a", "b", "a"]) == [("a", 0), ("b", 0), ("a", 1)]
