"""The board's lane model: one changed row in a long lane costs a move and a repaint, not a reset.

`board_model_one_row_2000`: a 2,000-row lane shown in a table view (with a selection, as
on screen); each run applies a fresh ranking in which one row changed status and reason
and moved three places (its neighbours' rank numbers change with it). Goal: median under
5 ms.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports PySide6

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from app.model.types import PriorityClass
from app.priority.model import Job, RankedRow, RowStatus
from tests.perf.harness import benchmark, time_runs

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)
ROWS = 2000


def _lane(count: int) -> tuple[list[RankedRow], dict[str, Job]]:
    jobs = {}
    rows = []
    for n in range(count):
        op_id = f"WO-{30000 + n}/0010"
        jobs[op_id] = Job(
            op_id=op_id,
            work_order=op_id[:8],
            seq=10,
            work_center="BENCH-01",
            item=f"CP-ITEM-{n % 40}",
            setup_family=f"FAM-{n % 7}",
            setup_minutes=20.0,
            run_minutes=60.0 + n % 90,
            later_minutes=120.0,
            later_ops=2,
            due_at=NOW + timedelta(hours=2 + n),
            customer=("ALPINE", "HELIX", None)[n % 3],
            priority_class=PriorityClass.B,
            quantity=float(10 + n % 50),
        )
        rows.append(
            RankedRow(
                op_id=op_id,
                rank=n + 1,
                status=RowStatus.READY,
                score=1000.0 / (n + 1),
                reason=f"critical ratio {1 + n / 100:.1f}, due in {2 + n} h",
            )
        )
    return rows, jobs


def _one_row_moved(rows: list[RankedRow], at: int, by: int) -> list[RankedRow]:
    """`rows` with the row at `at` blocked (new status and reason) and moved `by` places down."""
    changed = replace(
        rows[at], status=RowStatus.BLOCKED_MATERIAL, reason="blocked: short 12 of RM-S235-3"
    )
    order = [*rows[:at], *rows[at + 1 : at + 1 + by], changed, *rows[at + 1 + by :]]
    return [
        row if row.rank == rank else replace(row, rank=rank)
        for rank, row in enumerate(order, start=1)
    ]


@benchmark
def bench_board_model_one_row_2000() -> None:
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QApplication, QTableView

    from ui.board.lane_model import LaneModel

    app = QApplication.instance() or QApplication([])
    base, jobs = _lane(ROWS)
    moved = _one_row_moved(base, at=ROWS // 2, by=3)
    model = LaneModel()
    model.set_lane("BENCH-01", base, jobs)
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 720)
    view.selectionModel().select(
        model.index(ROWS // 2 + 1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    rankings = [moved, base]  # each run applies the other one: always a one-row change
    turn = [0]

    def run() -> None:
        model.apply(rankings[turn[0] % 2], jobs)
        turn[0] += 1

    time_runs("board_model_one_row_2000", run, n=200)
    assert model.rowCount() == ROWS
    view.deleteLater()
    app.processEvents()
