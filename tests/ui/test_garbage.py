"""Cycles holding Qt objects are freed on the GUI thread, never on a worker (ui/garbage.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from ui.garbage import GuiThreadCollector, collect_due

died_on: list[str] = []


class Screenish(QObject):
    """A Qt object kept alive only by a reference cycle, as a closed screen's are."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self  # the cycle

    def __del__(self) -> None:
        died_on.append(threading.current_thread().name)


kept: list[list[int]] = []


def churn() -> None:
    # Enough containers to cross the young generation's threshold many times: with
    # Python's own collector on, one of these passes frees the cycle here. They are
    # kept, as a read's result is, so the count stays past the threshold after it.
    kept.extend([i] for i in range(50_000))


def test_a_worker_allocating_does_not_free_the_gui_threads_cycles(qtbot) -> None:
    gc.collect()
    gc.enable()  # as a process starts: Python's collector on
    died_on.clear()
    collector = GuiThreadCollector()
    try:
        Screenish()
        worker = threading.Thread(target=churn, name="db-lane")
        worker.start()
        worker.join()
        assert died_on == []  # the worker crossed every threshold and freed nothing
        qtbot.waitUntil(lambda: died_on == ["MainThread"], timeout=3000)
    finally:
        collector.stop()
        kept.clear()
    assert gc.isenabled()  # given back


def test_without_it_the_worker_would_have_freed_it(qtbot) -> None:
    """The test above can fail: with Python's collector on, the worker frees the cycle."""
    gc.collect()
    gc.enable()
    died_on.clear()
    try:
        Screenish()
        worker = threading.Thread(target=churn, name="db-lane")
        worker.start()
        worker.join()
        assert died_on == ["db-lane"]
    finally:
        gc.disable()
        kept.clear()


def test_only_generations_past_their_threshold_are_collected() -> None:
    gc.collect()
    assert collect_due((10**9, 10**9, 10**9)) == 0
    Screenish()
    assert collect_due((0, 10**9, 10**9)) >= 1
