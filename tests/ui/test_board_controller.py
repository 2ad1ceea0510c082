"""The board controller: ranks off the GUI thread, re-ranks only what a command touched."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication

import ui.board.board_controller as controller_module
from app.changes import Changes
from app.clock import FixedClock
from app.model.types import MachineState
from app.services.board import BoardService
from app.store import Store
from ui.background import Background
from ui.board.board_controller import RERANK_INTERVAL_MS, BoardController

TIMEOUT = 20_000


@pytest.fixture
def background() -> Iterator[Background]:
    background = Background()
    yield background
    background.shutdown()
    QCoreApplication.processEvents()


@pytest.fixture
def controller(qtbot, demo_store: Store, clock: FixedClock, background: Background):
    controller = BoardController(demo_store, background, clock)
    with qtbot.waitSignal(controller.sig_lanes_changed, timeout=TIMEOUT) as blocker:
        controller.start()
    assert controller.loaded
    assert blocker.args[0].keys() == controller.lanes.keys()
    yield controller
    controller.close()


def test_the_first_load_ranks_every_lane_off_the_gui_thread(
    qtbot, demo_store: Store, clock: FixedClock, background: Background, monkeypatch
) -> None:
    threads = []
    controller = BoardController(demo_store, background, clock)
    original = controller._task_load

    def spy():
        threads.append(threading.current_thread())
        return original()

    monkeypatch.setattr(controller, "_task_load", spy)
    with qtbot.waitSignal(controller.sig_loaded, timeout=TIMEOUT):
        controller.start()
    assert threads
    assert threads[0] is not threading.main_thread()
    assert len(controller.lanes) == 17
    assert len(controller.work_centers) == 17
    assert controller.labels.plant_name == "Riverside Works"
    assert all(row.op_id in controller.jobs for rows in controller.lanes.values() for row in rows)
    controller.close()


def test_a_command_re_ranks_only_the_lanes_it_touched(qtbot, controller: BoardController) -> None:
    running = controller.running_job("LAT-01")
    assert running is not None
    with qtbot.waitSignal(controller.sig_lanes_changed, timeout=TIMEOUT) as blocker:
        controller.confirm("1001", running.op_id, good=1, scrap=0, final=False)
    assert set(blocker.args[0]) == {"LAT-01"}
    assert controller.jobs[running.op_id].qty_good == running.qty_good + 1

    # Finishing the operation readies the order's next one, in another lane: both re-rank.
    later = [j for j in controller.find_work_order(running.work_order) if j.seq > running.seq]
    with qtbot.waitSignal(controller.sig_lanes_changed, timeout=TIMEOUT) as blocker:
        controller.confirm("1001", running.op_id, good=0, scrap=0, final=True)
    assert set(blocker.args[0]) == {"LAT-01", later[0].work_center}
    assert running.op_id not in controller.jobs
    assert all(row.op_id != running.op_id for row in controller.lane("LAT-01"))


def test_a_refused_command_comes_back_as_a_message(qtbot, controller: BoardController) -> None:
    errors: list[str] = []
    with qtbot.waitSignal(controller.sig_command_failed, timeout=TIMEOUT) as blocker:
        controller.start_job("1001", "WO-00000/0010", on_error=errors.append)
    assert blocker.args == ["Job: unknown operation 'WO-00000/0010'"]
    assert errors == blocker.args


def test_an_internal_error_is_logged_and_shown_without_a_traceback(
    qtbot, controller: BoardController, caplog
) -> None:
    def broken() -> None:
        raise RuntimeError("disk on fire")

    with (
        caplog.at_level(logging.ERROR),
        qtbot.waitSignal(controller.sig_command_failed, timeout=TIMEOUT) as blocker,
    ):
        controller.command("tested a broken command", broken)
    assert "Traceback" not in blocker.args[0]
    assert "disk on fire" not in blocker.args[0]
    assert "internal error" in blocker.args[0]
    assert any(r.exc_info and "disk on fire" in str(r.exc_info[1]) for r in caplog.records)


@pytest.fixture
def slices_read(monkeypatch) -> list[Changes]:
    """What the controller read again after each change (the change reports it used)."""
    read: list[Changes] = []
    original = controller_module.read_slice

    def spy(session, changes):
        read.append(changes)
        return original(session, changes)

    monkeypatch.setattr(controller_module, "read_slice", spy)
    return read


def test_reloads_asked_for_in_a_burst_run_at_once_and_then_once_more(
    qtbot, controller: BoardController, demo_store: Store, clock: FixedClock, slices_read
) -> None:
    reloads = slices_read
    # Something changed behind the board's back (a sync pulled a machine stop).
    BoardService(demo_store, clock).set_machine_state("2001", "MIL-01", MachineState.DOWN, "E-1")
    with qtbot.waitSignal(controller.sig_lanes_changed, timeout=TIMEOUT) as blocker:
        for _ in range(5):
            controller.request_reload()
    assert set(blocker.args[0]) == {"MIL-01"}
    assert controller.work_center("MIL-01").machine_state is MachineState.DOWN
    # The first request read at once, and only that machine; the four asked for while it
    # ran became one more, which found nothing new to read.
    qtbot.waitUntil(lambda: not controller._reloading, timeout=TIMEOUT)
    assert reloads == [Changes(machines=frozenset({"MIL-01"}), postings=True)]


def test_a_command_reads_only_what_it_changed_never_the_whole_plant(
    qtbot, controller: BoardController, slices_read
) -> None:
    read = slices_read
    running = controller.running_job("LAT-01")
    assert running is not None
    with qtbot.waitSignal(controller.sig_lanes_changed, timeout=TIMEOUT):
        controller.confirm("1001", running.op_id, good=1, scrap=0, final=False)
    assert len(read) == 1
    assert read[0].work_orders == {running.work_order}
    assert not read[0].everything
    assert not read[0].items


def test_every_minute_all_lanes_are_ranked_at_the_new_time(
    qtbot, controller: BoardController, clock: FixedClock
) -> None:
    assert controller._rerank_timer.isActive()
    assert controller._rerank_timer.interval() == RERANK_INTERVAL_MS == 60_000
    before = {row.op_id: row.reason for row in controller.lane("LAT-01")}
    clock.advance(timedelta(hours=5))
    with qtbot.waitSignal(controller.sig_lanes_changed, timeout=TIMEOUT) as blocker:
        controller._rerank_timer.timeout.emit()
    assert set(blocker.args[0]) == set(controller.lanes)
    after = {row.op_id: row.reason for row in controller.lane("LAT-01")}
    assert after.keys() == before.keys()
    assert after != before  # "due in 25 h" became "due in 20 h"
