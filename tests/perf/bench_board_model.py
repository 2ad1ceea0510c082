"""The board's lane model: one changed row in a long lane costs a few signals and a
repaint of what changed, not a reset.

`board_model_one_row_2000`: a 2,000-row lane in the kiosk's queue table (offscreen, the
kiosk theme, ui.board.kiosk_queue's columns at 1280 px, one row selected as an operator
selects one); each run applies a fresh ranking, built as the engine builds one (every row
a new object), in which one row (a different one each run) changed status and reason and
moved three places, so its neighbours' rank numbers change with it. Timed from `apply`
until the view has painted (checked: the changed rows on screen were repainted). The
changed row is anywhere in the lane; `board_model_one_row_2000_on_screen` changes a row
the view shows, so the repaint has visible rows to paint. Goal: median under 5 ms.

Besides the wall-clock figures, `cpu_median_ms` (process time: steadier on a machine
others load) and `full_repaints` (runs that repainted the whole viewport: a move; a
re-rank that only reorders rows reorders them in place, a selected row too, see
ui.board.lane_rows).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports PySide6

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from app.model.types import PriorityClass
from app.priority.model import Job, RankedRow, RowStatus
from tests.perf.harness import benchmark, check, emit, percentile

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)
ROWS = 2000
RUNS = 200

BLOCKED = "blocked: short 12 of RM-S235-3"


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


def _next_ranking(rows: list[RankedRow], at: int, by: int) -> list[RankedRow]:
    """A fresh ranking, every row a new object (as app.priority builds one): the row at
    `at` flips between ready and blocked (status and reason) and moves `by` places down."""
    row = rows[at]
    if row.status is RowStatus.BLOCKED_MATERIAL:
        changed = replace(row, status=RowStatus.READY, reason=f"ready again, run {at}")
    else:
        changed = replace(row, status=RowStatus.BLOCKED_MATERIAL, reason=BLOCKED)
    order = [*rows[:at], *rows[at + 1 : at + 1 + by], changed, *rows[at + 1 + by :]]
    return [replace(r, rank=rank) for rank, r in enumerate(order, start=1)]


def _one_row_2000(name: str, pick: Callable[[random.Random, int, int], int]) -> None:
    """Time `RUNS` one-row updates; `pick(rng, first_shown, last_shown)` says which row."""
    from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QRect
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from ui.board.kiosk_queue import QueueTable
    from ui.board.lane_model import LaneModel
    from ui.board.status_style import status_qss
    from ui.theme import apply_theme

    class PaintCounter(QObject):
        """What the view painted since `clear`."""

        def __init__(self) -> None:
            super().__init__()
            self.paints = 0
            self.painted = QRect()

        def clear(self) -> None:
            self.painted = QRect()

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if isinstance(event, QPaintEvent):
                self.paints += 1
                self.painted = self.painted.united(event.rect())
            return False

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    sheet = app.styleSheet()
    apply_theme(app, "kiosk")  # the kiosk's look: the style sheet makes every cell dearer
    rows, jobs = _lane(ROWS)
    model = LaneModel()
    model.set_lane("BENCH-01", rows, jobs)
    screen = QWidget()  # as the kiosk: its own rules on top of the theme's
    screen.setObjectName("kioskLaneView")
    screen.setStyleSheet(status_qss())
    view = QueueTable(model)
    QVBoxLayout(screen).addWidget(view)
    screen.resize(1280, 720)
    view.fit_width(1280)
    view.fit_headings()
    screen.show()
    view.selectionModel().select(
        model.index(5, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    viewport = view.viewport().rect()

    def settle() -> None:
        # Twice: after a move, the first round runs the view's delayed layout (a 0 ms
        # timer), which asks for another repaint; the second paints.
        app.processEvents()
        app.processEvents()

    def repainted(row: int) -> bool:
        """Whether `row` was repainted, or is not on screen."""
        cell = view.visualRect(model.index(row, 0))
        band = QRect(0, cell.top(), viewport.width(), cell.height()) & viewport
        return band.isEmpty() or counter.painted.intersects(band)

    settle()
    rng = random.Random(20261123)
    samples = []
    cpu = []
    painted = 0
    full = 0
    for _ in range(RUNS):
        first = view.rowAt(0)
        last = view.rowAt(viewport.height() - 1)
        at = pick(rng, first, last)
        rows = _next_ranking(rows, at, by=3)  # untimed: the engine's work
        paints = counter.paints
        counter.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        model.apply(rows, jobs)
        settle()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        painted += counter.paints > paints
        full += counter.painted.contains(viewport)
        check(all(map(repainted, range(at, at + 4))), "the changed rows on screen were repainted")
    check(model.ranked_rows() == rows, "the model shows the last ranking")
    check(model.rowCount() == ROWS, "no row lost")
    emit(
        name,
        median_ms=round(statistics.median(samples), 3),
        p95_ms=round(percentile(samples, 0.95), 3),
        cpu_median_ms=round(statistics.median(cpu), 3),
        cpu_p95_ms=round(percentile(cpu, 0.95), 3),
        n=RUNS,
        painted=painted,
        full_repaints=full,
        load=[round(value, 2) for value in os.getloadavg()],
    )
    screen.deleteLater()
    app.processEvents()
    app.setStyleSheet(sheet)


@benchmark
def bench_board_model_one_row_2000() -> None:
    _one_row_2000("board_model_one_row_2000", lambda rng, _first, _last: rng.randrange(ROWS - 4))


@benchmark
def bench_board_model_one_row_2000_on_screen() -> None:
    _one_row_2000(
        "board_model_one_row_2000_on_screen",
        lambda rng, first, last: rng.randrange(first, max(first + 1, last - 3)),
    )
