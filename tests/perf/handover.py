"""Opening the shift handover screen (issue 15): from asking for it to the screen painted
with the shift's content, on the demo plant after a simulated shift.

The screen is built once at the kiosk's size, as the main window builds it; each run
empties it, then shows it (what the navigation button does); the clock stops at the
first paint of the open items' table after the read of the handover is on screen (the
database lane's read of the log and the projections, the models filled, the tables
painted). Goal: under 300 ms.

    python -m tests.perf handover_open
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.clock import FixedClock
from app.demo.floor import stage_floor
from app.demo.generator import demo_plant
from app.demo.seed import seed_plant
from app.demo.shift import seed_shift_calendars, simulate_shift
from app.model.types import Role
from app.services.people import Operator
from app.store import open_store
from tests.perf.harness import benchmark, check, emit, percentile
from tests.perf.screen import PaintWatch
from ui.background import Background
from ui.handover.handover_controller import HandoverController
from ui.handover.handover_view import HandoverScreenView
from ui.theme import apply_theme

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # the demo plant mid-shift
LATE_START = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)  # 14:00 in Berlin
LOOKED_AT = datetime(2026, 11, 23, 20, 55, tzinfo=UTC)
LEAD = Operator("2001", "Katrin Vogel", (Role.SUPERVISOR,))
RUNS = 20
TIMEOUT_S = 30.0


def _wait(done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError("the handover screen did not open in time")
        QCoreApplication.processEvents()
        time.sleep(0.0005)


class Screen:
    """The handover screen as the main window holds it: built once, shown on demand."""

    def __init__(self, controller: HandoverController) -> None:
        self.view = HandoverScreenView(controller)
        self.view.set_operator(LEAD)
        self.view.set_area("FAB")
        self.view.resize(1280, 800)
        self.watch = PaintWatch(self.view.items_table.viewport())
        self.view.sig_shown.connect(self._on_shown)

    def _on_shown(self) -> None:
        self.watch.armed = True

    def open_once(self) -> float:
        """Seconds from asking for the screen to its open items painted."""
        self.view.hide()
        self.view.items.set_rows([])  # what was shown before: the paint must be new
        QCoreApplication.processEvents()
        self.watch.armed = False
        self.watch.painted_at = None
        start = time.perf_counter()
        self.view.show()  # as the navigation button does: it reads while it is shown
        _wait(lambda: self.watch.painted_at is not None)
        assert self.watch.painted_at is not None
        check(self.view.items.rowCount() >= 3, "the handover shows the shift's open items")
        return self.watch.painted_at - start

    def close(self) -> None:
        self.view.close()


@benchmark
def bench_handover_open() -> None:
    app = QApplication.instance() or QApplication(["bench", "-platform", "offscreen"])
    assert isinstance(app, QApplication)
    apply_theme(app, "kiosk")
    with tempfile.TemporaryDirectory(prefix="takt-handover-") as folder:
        clock = FixedClock(NOW)
        store = open_store(Path(folder) / "terminal.sqlite3", terminal_name="bench", clock=clock)
        seed_plant(store, demo_plant(NOW), clock)
        seed_shift_calendars(store, clock)
        stage_floor(store, clock)
        simulate_shift(store, clock, LATE_START)
        clock.set(LOOKED_AT)
        background = Background()
        controller = HandoverController(store, background, clock)
        screen = Screen(controller)
        try:
            screen.open_once()  # warm: imports, fonts, the style sheet's first use
            samples = [screen.open_once() * 1000 for _ in range(RUNS)]
        finally:
            screen.close()
            controller.close()
            background.shutdown()
            store.close()
    emit(
        "handover_open",
        median_ms=round(statistics.median(samples), 3),
        p95_ms=round(percentile(samples, 0.95), 3),
        n=RUNS,
    )
