"""A terminal's screen for the benchmarks that end where a person looks: the kiosk lane
over its own board controller, shown offscreen, and the moment it painted a change."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from app.model.types import Role
from app.priority.board import Board
from app.priority.load import load_state
from app.priority.model import RowStatus
from app.priority.policy import load_policy
from app.services.people import Operator
from app.store import Store
from sync.client.engine import SyncStatus
from tests.perf.fixtures import NOW, OPERATOR, clock
from ui.background import Background
from ui.board.board_controller import BoardController
from ui.board.kiosk_lane_view import KioskLaneView
from ui.sync_controller import SyncController
from ui.sync_status import SyncStatusWidget

TIMEOUT_S = 20.0
LOAD_TIMEOUT_S = 180.0


def qt_app() -> QApplication:
    app = QApplication.instance() or QApplication(["bench", "-platform", "offscreen"])
    assert isinstance(app, QApplication)
    return app


class PaintWatch(QObject):
    """The moment a widget painted, once armed (by the board's signal: a paint before
    it shows the old state)."""

    def __init__(self, widget: QObject) -> None:
        super().__init__()
        self.armed = False
        self.painted_at: float | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


def lane_with_most_ready(store: Store) -> str:
    """The work center whose lane has the most jobs ready (a lane a supervisor reorders)."""
    with store.read() as session:
        board = Board(load_state(session), load_policy())
    lanes = board.rank_all(NOW)
    return max(sorted(lanes), key=lambda wc: sum(r.status is RowStatus.READY for r in lanes[wc]))


class Screen:
    """A kiosk lane over its own board controller, shown offscreen.

    `arm`, then change something: `painted` waits for the first paint of the lane's table
    after the board signalled the lane (and, given `until`, the lane's model shows what
    `until` looks for), and gives its moment."""

    def __init__(self, store: Store, work_center: str) -> None:
        self.work_center = work_center
        self.background = Background()
        self.controller = BoardController(store, self.background, clock())
        self.view = KioskLaneView(self.controller, preferred_work_center=work_center)
        self.view.resize(1280, 800)
        self.view.show()
        self.view.set_operator(Operator(id=OPERATOR, name="Operator", roles=(Role.OPERATOR,)))
        self.watch = PaintWatch(self.view.table.viewport())
        self.signalled = False
        self.waiting = False
        self._until: Callable[[], bool] | None = None
        # After the view's own slot (connected in its constructor): the model is updated
        # when this one runs.
        self.controller.sig_lanes_changed.connect(self._on_lanes)
        self.controller.start()
        # The first load is set-up, not a sample: a 20,000-operation plant on a loaded
        # machine takes longer than one change may.
        self.wait(
            lambda: self.controller.loaded and bool(self.view.model.ranked_rows()),
            LOAD_TIMEOUT_S,
        )

    def _on_lanes(self, lanes: dict[str, object]) -> None:
        if self.work_center not in lanes or self.signalled or not self.waiting:
            return
        if self._until is None or self._until():
            self.signalled = True
            self.watch.armed = True

    def wait(self, done: Callable[[], bool], timeout_s: float = TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout_s
        while not done():
            if time.monotonic() > deadline:
                raise RuntimeError("the screen did not get there in time")
            QCoreApplication.processEvents()
            time.sleep(0.0005)

    def idle(self, seconds: float) -> None:
        """Let the screen run (its events handled) for `seconds`."""
        end = time.monotonic() + seconds
        self.wait(lambda: time.monotonic() >= end, seconds + 1)

    def arm(self, until: Callable[[], bool] | None = None) -> None:
        self.signalled = False
        self.waiting = True
        self._until = until
        self.watch.painted_at = None
        self.watch.armed = False

    @property
    def painted_at(self) -> float | None:
        """When the lane painted what `arm` waits for; None while it has not."""
        return self.watch.painted_at if self.signalled else None

    def painted(self, timeout_s: float = TIMEOUT_S) -> float:
        """Wait until the lane was signalled and then painted; the paint's moment."""
        self.wait(lambda: self.painted_at is not None, timeout_s)
        self.watch.armed = False
        self.waiting = False
        assert self.watch.painted_at is not None
        return self.watch.painted_at

    def order(self) -> list[str]:
        return [row.op_id for row in self.view.model.ranked_rows()]

    def close(self, *others: QObject) -> None:
        """Close the screen and delete its objects (and `others`: e.g. a sync controller
        that reported to it) here, on the GUI thread. Left to the garbage collector, which
        may run in any thread (the server's, the engine's), a widget deleted there
        crashes the process."""
        self._until = None  # a check that refers to this screen: no cycle left behind
        self.controller.close()
        self.view.close()
        self.background.shutdown()
        QCoreApplication.processEvents()
        for obj in (*others, self.view, self.controller, self.background):
            obj.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        gc.collect()


class StatusItem:
    """The status bar's sync item of a terminal, shown offscreen: `synced_at` is when it
    first painted that the terminal is online with nothing waiting to be sent, after
    `arm`."""

    def __init__(self, sync: SyncController) -> None:
        self.widget = SyncStatusWidget(sync)
        self.widget.resize(640, 40)
        self.widget.show()
        self.watch = PaintWatch(self.widget.state_button)
        self.waiting = False
        self.signalled = False
        # After the widget's own slot: its text is set when this one runs.
        sync.sig_status.connect(self._on_status)

    def _on_status(self, status: SyncStatus) -> None:
        online = status.state == "online" and status.waiting == 0
        if self.waiting and not self.signalled and online:
            self.signalled = True
            self.watch.armed = True

    def arm(self) -> None:
        self.waiting = True
        self.signalled = False
        self.watch.painted_at = None
        self.watch.armed = False

    @property
    def synced_at(self) -> float | None:
        return self.watch.painted_at if self.signalled else None

    def close(self) -> None:
        self.widget.close()
