"""The live board behind every board screen: one ranking engine, commands, re-ranks.

`BoardController` owns the `Board` engine. The engine is only ever touched on the
database lane (one thread, tasks in order), so loading the projections, applying a
fresh state and ranking run off the GUI thread and never race each other. The GUI
thread gets immutable results: ranked rows and the jobs they rank (frozen dataclasses)
and keeps a copy of them for the screens (`lanes`, `jobs`).

Every write to the terminal's database reports what it changed (`Store.on_changes`, an
`app.changes.Changes`): a command run here and a page of other terminals' events alike.
The controller gathers those reports; after a command (start, confirm, override...) the
same piece of work on the database lane (one `ui.background` command) reads only what they
name (`read_slice`: those work orders, items, machines), lets the engine find the lanes
that changed (`Board.apply`) and re-ranks only those; only they are signalled. The whole
plant is read at start only. A reload asked for from outside (a sync applied a page) runs
at once, and the ones asked for while it runs become one after it; a timer re-ranks every
lane each minute because urgency follows the clock (the engine's hysteresis keeps rows
from flickering). Results that come back after `close` are dropped (ui.background).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from sqlalchemy.orm import Session

from app import queries
from app.changes import EVERYTHING, NOTHING, Changes
from app.clock import Clock
from app.priority.board import Board
from app.priority.load import read_slice
from app.priority.model import Job, OverrideKind, RankedRow
from app.priority.policy import Policy, load_policy
from app.queries import WorkCenterSummary
from app.queries_board import BoardLabels, MaterialLine, board_labels, materials_of
from app.services.board import BoardService, lane_from_database
from app.services.execution import ExecutionService
from app.store import Store
from ui.background import Background
from ui.common.errors import Failure, failure_text
from ui.common.formatting import JobFormat
from ui.common.timefmt import PlantTime
from ui.i18n import tr

log = logging.getLogger(__name__)

Lanes = dict[str, list[RankedRow]]

RERANK_INTERVAL_MS = 60_000


@dataclass(frozen=True)
class _Snapshot:
    """What one task on the database lane hands back to the GUI thread."""

    lanes: Lanes  # only the lanes that were ranked again
    jobs: dict[str, Job]  # the jobs of those lanes
    work_centers: list[WorkCenterSummary] | None = None
    labels: BoardLabels | None = None
    full: bool = False  # every lane is in `lanes` (first load)


class BoardController(QObject):
    """Signals:
    sig_loaded: every lane has been ranked for the first time.
    sig_lanes_changed: carries {work center: [RankedRow, ...]} of the lanes ranked again.
    sig_work_centers_changed: carries the work centers' summaries (name, area, machine).
    sig_command_done: a command went through; carries its description.
    sig_command_failed: a command was refused or failed; carries the message to show.
    sig_plant_time_changed: the plant's time zone became known or changed; screens that
        show times repaint (they share `plant_time`).
    """

    sig_loaded = Signal()
    sig_plant_time_changed = Signal()
    sig_lanes_changed = Signal(object)
    sig_work_centers_changed = Signal(object)
    sig_command_done = Signal(str)
    sig_command_failed = Signal(str)

    def __init__(
        self,
        store: Store,
        background: Background,
        clock: Clock,
        policy: Policy | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._background = background
        self._clock = clock
        self._policy = policy
        self._board: Board | None = None  # touched only inside tasks on the database lane
        self._execution = ExecutionService(store, clock)
        # An override is checked against the lane as this board ranks it (in memory, on
        # the database lane where the command runs), not a whole plant read again.
        self._board_service = BoardService(store, clock, ranked_lane=self._ranked_lane)
        self._loading = False
        self._reloading = False
        self._reload_pending = False
        self._reranking = False
        # What writes changed since the last read (reported on the writers' threads).
        self._changes_lock = threading.Lock()
        self._changes = NOTHING
        store.on_changes.append(self._note_changes)

        # GUI-thread copies of the last results.
        self.loaded = False
        self.lanes: Lanes = {}
        self.jobs: dict[str, Job] = {}
        self.work_centers: list[WorkCenterSummary] = []
        self.labels = BoardLabels()
        # The one plant clock every screen formats times with (ui.common.timefmt).
        self.plant_time = PlantTime(self.labels.timezone)
        self._format: JobFormat | None = None

        self._rerank_timer = QTimer(self)
        self._rerank_timer.setInterval(RERANK_INTERVAL_MS)
        self._rerank_timer.timeout.connect(self.rerank_all)

    # --- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Load and rank every lane (once); later calls ask for a reload instead."""
        if self.loaded or self._loading:
            if self.loaded:
                self.request_reload()
            return
        self._loading = True
        self._background.read(
            self._task_load, self._on_loaded, self._on_task_failed, owner=self, what="the board"
        )
        self._rerank_timer.start()

    def close(self) -> None:
        """Stop timers and ignore results still on their way (the window is going away)."""
        self._background.close(self)
        self._rerank_timer.stop()
        if self._note_changes in self._store.on_changes:
            self._store.on_changes.remove(self._note_changes)

    @property
    def active(self) -> bool:
        """`start` was called: the board is loaded or loading, so reloads are wanted."""
        return (self.loaded or self._loading) and self._background.is_open(self)

    # --- reading --------------------------------------------------------------------------

    def job_format(self) -> JobFormat:
        """Names and plant time as the board knows them now (for screens beside the board)."""
        if self._format is None or self._format.labels is not self.labels:
            self._format = JobFormat(self.labels, self.plant_time)
        return self._format

    def set_plant_zone(self, zone_name: str | None) -> None:
        """The site's time zone (read before the board loads, e.g. at start-up)."""
        if self.plant_time.set_zone(zone_name):
            self.sig_plant_time_changed.emit()

    def work_center(self, code: str) -> WorkCenterSummary | None:
        return next((wc for wc in self.work_centers if wc.code == code), None)

    def lane(self, code: str) -> list[RankedRow]:
        return self.lanes.get(code, [])

    def running_job(self, code: str) -> Job | None:
        for row in self.lane(code):
            job = self.jobs.get(row.op_id)
            if job is not None and job.running:
                return job
        return None

    def find_work_order(self, number: str) -> list[Job]:
        """Open operations of a work order anywhere on the board, by sequence."""
        return sorted(
            (j for j in self.jobs.values() if j.work_order == number), key=lambda j: j.seq
        )

    # --- re-ranking -----------------------------------------------------------------------

    def request_reload(self) -> None:
        """Read what changed now; requests while a reload runs become one after it."""
        if not self._background.is_open(self):
            return
        if self._reloading:
            self._reload_pending = True
            return
        self._reloading = True
        self._background.read(
            self._task_reload,
            self._on_reloaded,
            self._on_reload_failed,
            owner=self,
            what="the board",
        )

    def _note_changes(self, changes: Changes) -> None:
        # On the writer's thread: only note; the database lane reads.
        with self._changes_lock:
            self._changes = self._changes | changes

    def _take_changes(self) -> Changes:
        with self._changes_lock:
            changes, self._changes = self._changes, NOTHING
        return changes

    @Slot()
    def rerank_all(self) -> None:
        """Rank every lane at the current time (urgency moves with the clock)."""
        if not self._background.is_open(self) or not self.loaded or self._reranking:
            return  # a re-rank still queued behind slow work will use the newer time anyway
        self._reranking = True
        self._background.read(
            self._task_rerank_all,
            self._on_reranked,
            self._on_rerank_failed,
            owner=self,
            what="the board",
        )

    def _on_reranked(self, snapshot: _Snapshot) -> None:
        self._reranking = False
        self._on_snapshot(snapshot)

    def _on_rerank_failed(self, error: Exception) -> None:
        self._reranking = False
        self._on_task_failed(error)

    def _on_reloaded(self, snapshot: _Snapshot) -> None:
        self._reloading = False
        self._on_snapshot(snapshot)
        if self._reload_pending:
            self._reload_pending = False
            self.request_reload()

    def _on_reload_failed(self, error: Exception) -> None:
        self._reloading = False
        self._on_task_failed(error)

    # --- commands -------------------------------------------------------------------------

    def start_job(
        self,
        actor: str,
        op_id: str,
        *,
        on_done: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.command(
            f"started {_operation(op_id)}",
            lambda: self._execution.start(actor, op_id),
            on_done=on_done,
            on_error=on_error,
        )

    def confirm(
        self,
        actor: str,
        op_id: str,
        *,
        good: float,
        scrap: float,
        final: bool,
        on_done: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        what = f"confirmed {good:g} good, {scrap:g} scrap on {_operation(op_id)}"
        self.command(
            what + (" (operation complete)" if final else ""),
            lambda: self._execution.confirm(actor, op_id, good=good, scrap=scrap, final=final),
            on_done=on_done,
            on_error=on_error,
        )

    def issue_material(
        self,
        actor: str,
        op_id: str,
        *,
        item: str,
        qty: float,
        lot: str | None,
        on_done: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.command(
            f"issued {qty:g} {item}{' lot ' + lot if lot else ''} to {_operation(op_id)}",
            lambda: self._execution.issue_material(actor, op_id, item=item, qty=qty, lot=lot),
            on_done=on_done,
            on_error=on_error,
        )

    def read_materials(self, op_id: str, on_done: Callable[[list[MaterialLine]], None]) -> None:
        """The materials of the job's order, for the issue form (read on the lane)."""

        def task() -> list[MaterialLine]:
            with self._store.read() as session:
                return materials_of(session, op_id)

        def failed(error: Exception) -> None:
            self.sig_command_failed.emit(
                tr("The materials could not be read: {error}").format(error=failure_text(error))
            )

        self._background.read(task, on_done, failed, owner=self, what=f"the materials of {op_id}")

    def override(
        self,
        actor: str,
        op_id: str,
        kind: OverrideKind,
        reason: str,
        *,
        target_op_id: str | None = None,
        on_done: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        words = {
            OverrideKind.PIN: "pinned",
            OverrideKind.BEFORE: "moved",
            OverrideKind.AFTER: "moved",
            OverrideKind.HOLD: "held",
        }
        self.command(
            f"{words[kind]} {_operation(op_id)}",
            lambda: self._board_service.override(
                actor, op_id, kind, reason, target_operation_id=target_op_id
            ),
            on_done=on_done,
            on_error=on_error,
        )

    def clear_override(
        self,
        actor: str,
        op_id: str,
        reason: str,
        *,
        on_done: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.command(
            f"cleared the override on {_operation(op_id)}",
            lambda: self._board_service.clear_override(actor, op_id, reason),
            on_done=on_done,
            on_error=on_error,
        )

    def command(
        self,
        description: str,
        command: Callable[[], Any],
        *,
        on_done: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Run a command on the database lane, then re-rank the lanes it touched: one
        `Background.command`, so no other work on the lane comes between the two."""

        def task() -> _Snapshot:
            command()
            try:
                return self._reload_now()
            except Exception:  # the command went through; the next reload catches up
                log.exception("re-ranking after %r failed", description)
                return _Snapshot({}, {})

        def done(snapshot: _Snapshot) -> None:
            self._on_snapshot(snapshot)
            self.sig_command_done.emit(description)
            if on_done is not None:
                on_done()

        def failed(error: Exception) -> None:
            message = Failure(error)
            self.sig_command_failed.emit(message)
            if on_error is not None:
                on_error(message)

        self._background.command(description, task, done, failed, owner=self)

    # --- tasks: these run on the database lane, and only they touch the engine -------------

    def _task_load(self) -> _Snapshot:
        self._take_changes()  # the whole plant is read: whatever was reported is in it
        with self._store.read() as session:
            state = read_slice(session, EVERYTHING).state
            work_centers = queries.work_centers(session)
            labels = board_labels(session)
        self._board = Board(state, self._policy or load_policy())
        lanes = self._board.rank_all(self._clock.now())
        return _Snapshot(lanes, self._jobs_of(lanes), work_centers, labels, full=True)

    def _task_reload(self) -> _Snapshot:
        return self._reload_now()

    def _task_rerank_all(self) -> _Snapshot:
        assert self._board is not None
        lanes = self._board.rank_all(self._clock.now())
        return _Snapshot(lanes, self._jobs_of(lanes))

    def _reload_now(self) -> _Snapshot:
        if self._board is None:
            return self._task_load()
        changes = self._take_changes()
        if not changes.touches_board:
            return _Snapshot({}, {})
        with self._store.read() as session:
            part = read_slice(session, changes)
            work_centers = queries.work_centers(session)
        dirty = self._board.apply(part)
        lanes = self._board.rerank(dirty, self._clock.now())
        return _Snapshot(lanes, self._jobs_of(lanes), work_centers)

    def _ranked_lane(
        self, session: Session, work_center: str, now: datetime
    ) -> dict[str, RankedRow]:
        # Runs inside a command on the database lane, the engine's thread.
        if self._board is None:  # not loaded yet: as any other caller
            return lane_from_database(session, work_center, now)
        return {row.op_id: row for row in self._board.lanes.get(work_center, [])}

    def _jobs_of(self, lanes: Lanes) -> dict[str, Job]:
        assert self._board is not None
        jobs = self._board.state.jobs
        return {row.op_id: jobs[row.op_id] for rows in lanes.values() for row in rows}

    # --- results, back on the GUI thread --------------------------------------------------

    def _on_loaded(self, snapshot: _Snapshot) -> None:
        self._loading = False
        self._on_snapshot(snapshot)

    def _on_snapshot(self, snapshot: _Snapshot) -> None:
        if snapshot.labels is not None:
            self.labels = snapshot.labels
            self.set_plant_zone(snapshot.labels.timezone)
        for wc, rows in snapshot.lanes.items():
            for row in self.lanes.get(wc, ()):
                self.jobs.pop(row.op_id, None)
            self.lanes[wc] = rows
        self.jobs.update(snapshot.jobs)
        if snapshot.work_centers is not None and snapshot.work_centers != self.work_centers:
            self.work_centers = snapshot.work_centers
            self.sig_work_centers_changed.emit(self.work_centers)
        if snapshot.full and not self.loaded:
            self.loaded = True
            self.sig_loaded.emit()
        if snapshot.lanes:
            self.sig_lanes_changed.emit(snapshot.lanes)

    def _on_task_failed(self, error: Exception) -> None:
        self._loading = False
        self.sig_command_failed.emit(
            tr("The board could not be loaded: {error}").format(error=failure_text(error))
        )


def _operation(op_id: str) -> str:
    """'WO-26055/0010' reads as 'WO-26055 op 10' on screen."""
    number, _, seq = op_id.partition("/")
    return f"{number} op {int(seq)}" if seq.isdigit() else op_id
