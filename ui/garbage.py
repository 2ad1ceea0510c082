"""Python's cyclic garbage collector runs on whichever thread happens to allocate when a
threshold is crossed. On a database or network worker it may free a closed screen's Qt
objects there, and a Qt object must die on the thread it lives on ("QBasicTimer can only
be used with threads started with QThread", crashes at exit). So the GUI thread collects:
automatic collection is off while the application runs, and a timer on the GUI thread
runs the generations whose thresholds were crossed, as automatic collection would have
(the pattern of napari's and GitFourchette's garbage collectors).

Reference counting is untouched: most objects still die the moment they are dropped, on
the thread that drops them; only cycles wait for the GUI thread.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

# Often enough that a screen's cycles do not pile up, rare enough to cost nothing: a
# young-generation pass over a terminal's live objects is well under a millisecond.
INTERVAL_MS = 500


def collect_due(threshold: tuple[int, int, int]) -> int:
    """Run the generations whose allocation counts passed `threshold` (gc's own rule);
    return the number of objects found unreachable."""
    young, middle, old = gc.get_count()
    found = 0
    if young > threshold[0]:
        found += gc.collect(0)
        if middle > threshold[1]:
            found += gc.collect(1)
            if old > threshold[2]:
                found += gc.collect(2)
    return found


class GuiThreadCollector(QObject):
    """While it runs, cycles are collected on the GUI thread only (`stop` gives the
    collector back to Python)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        collect_due(self._threshold)

    def collect(self) -> None:
        """Everything now (a window closed: its widgets are cycles)."""
        gc.collect()

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


_installed: list[GuiThreadCollector] = []


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """The application's collector (made once, owned by `app`)."""
    if not _installed:
        _installed.append(GuiThreadCollector(app))
    return _installed[0]
