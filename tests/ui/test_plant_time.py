"""Issue 12: one plant clock for every screen, and an override always in sight."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from app.errors import FieldProblem, ValidationError
from app.model.types import Role, TaskStatus
from app.priority.model import Override, OverrideKind, RankedRow, RowStatus
from app.queries_board import BoardLabels
from app.queries_exceptions import HistoryEntry, TaskRow
from sync.client.engine import SyncStatus
from ui.board.formatting import why_here
from ui.common.errors import error_text
from ui.common.formatting import JobFormat
from ui.common.timefmt import PlantTime, ServerClock
from ui.exceptions.detail_view import HistoryColumn, HistoryModel
from ui.exceptions.inbox_model import TaskColumn, TaskModel
from ui.sync_status import status_text

AT = datetime(2026, 11, 23, 8, 46, 0, tzinfo=UTC)
ZONE = "America/Chicago"  # 02:46 there; never the zone of a test machine at UTC+0..+14


def test_every_screen_shows_the_same_plant_time_for_the_same_moment(qtbot) -> None:
    labels = BoardLabels(timezone=ZONE)
    fmt = JobFormat(labels)
    wall = "02:46"

    bar = status_text(SyncStatus("online", 0, AT), fmt.clock)
    assert bar == "Online · synced 02:46:00 CST"  # the zone is named next to the OS clock
    assert fmt.time(AT) == wall  # the lane's "since"

    task = TaskRow("t", "e", "bar missing", Role.PROCUREMENT, "expedite", TaskStatus.OPEN, AT,
                   None, None, None)  # fmt: skip
    inbox = TaskModel(fmt)
    inbox.set_rows([task])
    detail = TaskModel(JobFormat(BoardLabels(timezone=ZONE)))  # another screen, same plant
    detail.set_rows([task])
    shown = inbox.index(0, TaskColumn.DUE).data()
    assert shown == detail.index(0, TaskColumn.DUE).data() == "Mon 23 Nov 02:46"
    assert inbox.headerData(TaskColumn.DUE, Qt.Orientation.Horizontal, 0) == "Due (CST)"

    history = HistoryModel(fmt)
    history.set_rows([HistoryEntry(AT, "1001", "Ana", "exception.raised", "raised")])
    assert history.index(0, HistoryColumn.WHEN).data().endswith(wall)


def test_a_shared_plant_clock_follows_the_zone_when_it_becomes_known() -> None:
    clock = PlantTime()
    fmt = JobFormat(BoardLabels(), clock)
    assert fmt.time(AT) == "08:46"
    clock.set_zone("Europe/Berlin")
    assert fmt.time(AT, with_zone=True) == "09:46 CET"
    assert status_text(SyncStatus("online", 0, AT), clock) == "Online · synced 09:46:00 CET"


def test_countdowns_run_on_the_server_clock() -> None:
    class Fixed:
        def now(self) -> datetime:
            return AT

    server = ServerClock(Fixed(), timedelta(minutes=5))  # the server is 5 min ahead
    assert server.now() == AT + timedelta(minutes=5)


def test_an_override_shows_on_its_row_even_when_the_row_is_blocked() -> None:
    override = Override("o", "WO-1/0010", OverrideKind.BEFORE, "truck at 14:00", "Ana", AT,
                        target_op_id="WO-2/0010")  # fmt: skip
    blocked = RankedRow("WO-1/0010", 3, RowStatus.BLOCKED_MATERIAL, 0.0,
                        "blocked: short 4 of BAR-20, due in 3 h", (), override)  # fmt: skip
    assert why_here(blocked) == (
        "blocked: short 4 of BAR-20, due in 3 h · moved before WO-2/0010 by Ana: truck at 14:00"
    )
    pin = Override("o", "WO-1/0010", OverrideKind.PIN, "truck at 14:00", "Ana", AT)
    pinned = RankedRow(
        "WO-1/0010", 1, RowStatus.READY, 0.0, "pinned by Ana: truck at 14:00", (), pin
    )
    assert why_here(pinned) == "pinned by Ana: truck at 14:00"  # said once


def test_errors_name_fields_in_peoples_words() -> None:
    error = ValidationError(
        [
            FieldProblem("summary", "missing: say what happened in a few words"),
            FieldProblem("decision", "missing: decision"),
            FieldProblem("root_cause", "'x' is not one of the plant's root causes"),
        ]
    )
    assert error_text(error) == (
        "What happened is missing: say what happened in a few words; Decision is missing; "
        "Root cause: 'x' is not one of the plant's root causes"
    )
