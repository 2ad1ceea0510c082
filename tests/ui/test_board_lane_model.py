"""The lane model: fine-grained updates (no resets), minimal moves, rows nobody holds
reordered in place, selection kept."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, QRect
from PySide6.QtGui import QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication, QTableView

from app.clock import FixedClock
from app.priority.board import Board
from app.priority.load import load_state
from app.priority.model import Job, RankedRow, RowStatus
from app.priority.policy import load_policy
from app.store import Store
from ui.board.lane_model import OP_ID_ROLE, STATUS_ROLE, Column, LaneModel
from ui.board.supervisor_lane import StatusFilterModel
from ui.common.row_diff import longest_increasing


@pytest.fixture
def board(demo_store: Store, clock: FixedClock) -> Board:
    with demo_store.read() as session:
        state = load_state(session)
    board = Board(state, load_policy())
    board.rank_all(clock.now())
    return board


def _rerank(rows: list[RankedRow], order: list[str]) -> list[RankedRow]:
    """The same rows in another order, ranked 1..n as the engine would number them."""
    by_id = {row.op_id: row for row in rows}
    return [replace(by_id[op], rank=rank) for rank, op in enumerate(order, start=1)]


class Recorder:
    """Every structural signal a model emits, in order."""

    def __init__(self, model: LaneModel) -> None:
        self.events: list[tuple[str, ...]] = []
        model.modelReset.connect(lambda: self.events.append(("reset",)))
        model.dataChanged.connect(
            lambda tl, br, _roles=(): self.events.append(("changed", tl.row(), br.row()))
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


class PaintRecorder(QObject):
    """The region a view's viewport painted since it was made."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.region = QRegion()
        view.viewport().installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QPaintEvent):
            self.region = self.region.united(event.region())
        return False


ROW_SELECT = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


def _shown(qtbot, model: LaneModel) -> QTableView:
    """The model in a view on screen, tall enough for a lane, painted once."""
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 1200)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    return view


def _select(view: QTableView, row: int) -> None:
    view.selectionModel().select(view.model().index(row, 0), ROW_SELECT)


def _selected(view: QTableView) -> list[str]:
    model = view.model()
    assert isinstance(model, LaneModel)
    return [model.op_id_at(index.row()) for index in view.selectionModel().selectedRows()]


def _model(board: Board, wc: str, qtmodeltester) -> LaneModel:
    model = LaneModel()
    model.set_lane(wc, board.lanes[wc], board.state.jobs)
    qtmodeltester.check(model)  # the tester stays attached and checks every change below
    return model


def test_model_shows_a_lane_in_rank_order(qtmodeltester, board: Board) -> None:
    rows = board.lanes["LAT-01"]
    model = _model(board, "LAT-01", qtmodeltester)
    assert model.rowCount() == len(rows)
    assert [model.index(r, 0).data(OP_ID_ROLE) for r in range(len(rows))] == [
        row.op_id for row in rows
    ]
    first = model.index(0, 0)
    assert model.index(0, Column.RANK).data() == "1"
    assert model.index(0, Column.STATUS).data() == "RUNNING"
    assert first.data(STATUS_ROLE) == RowStatus.RUNNING.value
    job = board.state.jobs[rows[0].op_id]
    assert model.index(0, Column.WORK_ORDER).data() == job.work_order
    assert model.index(0, Column.QTY).data() == f"{job.qty_good:g} / {job.quantity:g}"
    assert model.index(0, Column.REASON).data() == rows[0].reason


def test_a_one_row_change_signals_that_row_only(qtmodeltester, board: Board) -> None:
    rows = board.lanes["LAT-01"]
    model = _model(board, "LAT-01", qtmodeltester)
    recorder = Recorder(model)
    changed = list(rows)
    changed[4] = replace(rows[4], status=RowStatus.ON_HOLD, reason="held by Katrin Vogel: test")
    model.apply(changed, board.state.jobs)
    assert recorder.events == [("changed", 4, 4)]
    assert model.index(4, Column.STATUS).data() == "ON HOLD"
    assert model.index(4, Column.REASON).data() == "held by Katrin Vogel: test"


def test_an_unchanged_ranking_signals_nothing(qtmodeltester, board: Board) -> None:
    model = _model(board, "LAT-01", qtmodeltester)
    recorder = Recorder(model)
    # A fresh ranking: new row objects, same content on screen.
    model.apply([replace(row) for row in board.lanes["LAT-01"]], board.state.jobs)
    assert recorder.events == []


def test_a_rerank_carries_the_selected_row_to_its_new_place_without_a_move(
    qtbot, qtmodeltester, board: Board
) -> None:
    """The selected job jumps to the top: the rows are reordered in place and the
    selection (a persistent index) is carried to the job's new row. A move would make
    the view lay out and repaint all it shows: most of a re-rank's cost on screen when
    the operator's selected job is the one that moved."""
    rows = board.lanes["DEB-01"]
    model = _model(board, "DEB-01", qtmodeltester)
    view = _shown(qtbot, model)
    view.setCurrentIndex(model.index(6, 0))  # the current row is held too
    _select(view, 6)
    picked = rows[6].op_id
    QApplication.processEvents()
    painted = PaintRecorder(view)
    order = [row.op_id for row in rows]
    order.remove(picked)
    order.insert(1, picked)  # the picked job jumps to the top, below the running one
    recorder = Recorder(model)
    model.apply(_rerank(rows, order), board.state.jobs)
    qtbot.waitUntil(lambda: not painted.region.isEmpty())

    assert "moved" not in recorder.kinds()
    assert "reset" not in recorder.kinds()
    assert [model.op_id_at(r) for r in range(model.rowCount())] == order
    assert _selected(view) == [picked]
    assert model.op_id_at(view.currentIndex().row()) == picked
    # The rows that show another job (1..6) were told of and repainted, nothing else.
    assert [e[1:] for e in recorder.events] == [(1, 6)]
    width = view.viewport().width()

    def repainted(row: int) -> bool:
        cell = view.visualRect(model.index(row, 0))
        return painted.region.intersects(QRect(0, cell.top() + 1, width, cell.height() - 2))

    assert [r for r in range(model.rowCount()) if repainted(r)] == list(range(1, 7))
    assert model.index(1, Column.RANK).data() == "2"


def test_a_selection_over_several_rows_moves_with_them(qtbot, qtmodeltester, board: Board) -> None:
    """Persistent indexes on more than one row of the reordered span (a selection from
    one row to another) are not carried in place: carried corner by corner, the range
    would cover other rows after. Those rows move, as they always did."""
    rows = board.lanes["TST-01"]
    model = _model(board, "TST-01", qtmodeltester)
    view = _shown(qtbot, model)
    view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
    view.selectionModel().select(QItemSelection(model.index(0, 0), model.index(1, 0)), ROW_SELECT)
    held = [rows[0].op_id, rows[1].op_id]
    order = [row.op_id for row in rows]
    order.append(order.pop(0))
    recorder = Recorder(model)
    model.apply(_rerank(rows, order), board.state.jobs)
    assert "moved" in recorder.kinds()
    assert [model.op_id_at(r) for r in range(model.rowCount())] == order
    assert sorted(_selected(view)) == sorted(held)


def test_rows_no_view_holds_are_reordered_in_place_and_only_they_repaint(
    qtbot, qtmodeltester, board: Board
) -> None:
    """A re-rank that only reorders rows nobody selected: no move (a move makes the view
    lay out and repaint all it shows), one dataChanged over the positions that show
    another job, and the view repaints those rows only."""
    rows = board.lanes["DEB-01"]
    model = _model(board, "DEB-01", qtmodeltester)
    view = _shown(qtbot, model)
    _select(view, 9)  # outside the rows that change: it holds nothing there
    picked = model.op_id_at(9)
    QApplication.processEvents()  # the selection's repaint
    painted = PaintRecorder(view)
    order = [row.op_id for row in rows]
    order.insert(5, order.pop(2))  # the third job moves three places down
    recorder = Recorder(model)
    model.apply(_rerank(rows, order), board.state.jobs)
    qtbot.waitUntil(lambda: not painted.region.isEmpty())

    assert "moved" not in recorder.kinds()
    assert [e[1:] for e in recorder.events] == [(2, 5)]
    assert [model.op_id_at(r) for r in range(model.rowCount())] == order
    assert model.row_of(order[2]) == 2  # the index by op id follows
    width = view.viewport().width()

    def repainted(row: int) -> bool:
        cell = view.visualRect(model.index(row, 0))
        # Inside the row: a repaint takes a pixel of grid line beyond what changed.
        return painted.region.intersects(QRect(0, cell.top() + 1, width, cell.height() - 2))

    assert [r for r in range(model.rowCount()) if repainted(r)] == [2, 3, 4, 5]
    assert _selected(view) == [picked]


def test_a_selection_through_the_status_filter_moves_with_its_job(
    qtbot, qtmodeltester, board: Board
) -> None:
    """The supervisor's lanes show the model through a proxy: a row selected there is
    held too, so it moves (and the proxy's selection with it) instead of being
    reordered in place."""
    rows = board.lanes["DEB-01"]
    model = _model(board, "DEB-01", qtmodeltester)
    proxy = StatusFilterModel(model)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.show()
    view.selectionModel().select(proxy.index(2, 0), ROW_SELECT)
    picked = model.op_id_at(2)
    order = [row.op_id for row in rows]
    order.insert(5, order.pop(2))
    recorder = Recorder(model)
    model.apply(_rerank(rows, order), board.state.jobs)
    assert recorder.kinds().count("moved") == 1
    selected = view.selectionModel().selectedRows()
    assert [model.op_id_at(proxy.mapToSource(i).row()) for i in selected] == [picked]


def test_random_rerankings_keep_the_selection_on_its_job(
    qtbot, qtmodeltester, board: Board
) -> None:
    """Reorders of every size, the selected row carried along: the selected job stays
    selected and the model always ends in the new ranking."""
    rows = board.lanes["PCK-01"]
    model = _model(board, "PCK-01", qtmodeltester)
    view = _shown(qtbot, model)
    recorder = Recorder(model)
    rng = random.Random(20261207)
    current = list(rows)
    for _ in range(80):
        picked = model.op_id_at(rng.randrange(model.rowCount()))
        _select(view, model.row_of(picked) or 0)
        order = [row.op_id for row in current]
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(order))
            order.insert(min(len(order), at + rng.randint(-5, 5)), order.pop(at))
        current = _rerank(current, order)
        model.apply(current, board.state.jobs)
        assert [model.op_id_at(r) for r in range(model.rowCount())] == order
        assert [model.index(r, Column.RANK).data() for r in range(len(order))] == [
            str(r) for r in range(1, len(order) + 1)
        ]
        assert _selected(view) == [picked]
    assert "reset" not in recorder.kinds()


def test_rows_come_and_go_without_a_reset(qtmodeltester, board: Board) -> None:
    rows = board.lanes["LAT-01"]
    model = _model(board, "LAT-01", qtmodeltester)
    done = rows[0]  # the running job completes
    arrived = replace(rows[3], op_id="WO-NEW/0010", rank=0)
    job = board.state.jobs[rows[3].op_id]
    jobs: dict[str, Job] = dict(board.state.jobs)
    jobs["WO-NEW/0010"] = replace(job, op_id="WO-NEW/0010", work_order="WO-NEW")
    after = [row for row in rows if row is not done]
    after.insert(2, arrived)
    after = [replace(row, rank=rank) for rank, row in enumerate(after, start=1)]
    recorder = Recorder(model)
    model.apply(after, jobs)
    assert "reset" not in recorder.kinds()
    assert ("removed", 0, 0) in recorder.events
    assert ("inserted", 2, 2) in recorder.events
    assert [model.op_id_at(r) for r in range(model.rowCount())] == [row.op_id for row in after]
    assert model.index(2, Column.WORK_ORDER).data() == "WO-NEW"


def test_switching_work_center_is_the_one_reset(qtmodeltester, board: Board) -> None:
    model = _model(board, "LAT-01", qtmodeltester)
    recorder = Recorder(model)
    model.set_lane("MIL-02", board.lanes["MIL-02"], board.state.jobs)
    assert recorder.kinds() == ["reset"]
    assert model.work_center == "MIL-02"
    assert model.index(0, Column.STATUS).data() == "MACHINE DOWN"


def test_random_rerankings_always_end_in_the_ranked_order(qtmodeltester, board: Board) -> None:
    """Moves, arrivals, departures and changes in any mix: the model (checked by Qt's model
    tester all along) always ends exactly in the new ranking, without a reset."""
    base = board.lanes["PCK-01"]
    jobs: dict[str, Job] = dict(board.state.jobs)
    model = _model(board, "PCK-01", qtmodeltester)
    recorder = Recorder(model)
    rng = random.Random(20261123)
    spare = iter(range(10_000))
    current = list(base)
    for _ in range(60):
        order = [row.op_id for row in current]
        for _ in range(rng.randint(0, 4)):
            order.insert(rng.randrange(len(order) + 1), order.pop(rng.randrange(len(order))))
        for _ in range(rng.randint(0, 2)):
            if len(order) > 3:
                order.pop(rng.randrange(len(order)))
        by_id = {row.op_id: row for row in current}
        for _ in range(rng.randint(0, 2)):
            op = f"WO-X{next(spare)}/0010"
            template = base[rng.randrange(len(base))]
            jobs[op] = replace(jobs[template.op_id], op_id=op, work_order=op.split("/")[0])
            by_id[op] = replace(template, op_id=op)
            order.insert(rng.randrange(len(order) + 1), op)
        current = []
        for rank, op in enumerate(order, start=1):
            row = replace(by_id[op], rank=rank)
            if rng.random() < 0.05:
                row = replace(row, reason=f"changed {rng.random():.3f}")
            current.append(row)
        model.apply(current, jobs)
        assert [model.op_id_at(r) for r in range(model.rowCount())] == order
        assert [model.index(r, Column.REASON).data() for r in range(len(order))] == [
            row.reason for row in current
        ]
    assert "reset" not in recorder.kinds()


@pytest.mark.parametrize(
    ("values", "length"),
    [([], 0), ([3, 1, 2], 2), ([0, 1, 2, 3], 4), ([4, 3, 2, 1], 1), ([2, 5, 3, 7, 11, 8], 4)],
)
def test_longest_increasing_subsequence(values: list[int], length: int) -> None:
    keep = sorted(longest_increasing(values))
    assert len(keep) == length
    picked = [values[i] for i in keep]
    assert picked == sorted(set(picked))
