"""Part counts gathered into windows, so a counter that moves every second is one event a
minute per work center, not sixty.

A window is a fixed span of the readings' own time (not the host's), so two hosts reading
one broker gather the same counts into the same windows and name them alike: the log
keeps each once. Any other decision of the same work center closes its open window first,
so the log keeps the machine's order (parts made, then the stop).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from app.machines.decisions import Decision, PartsMade

DEFAULT_WINDOW = timedelta(seconds=60)
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


class PartsWindows:
    def __init__(self, window: timedelta = DEFAULT_WINDOW) -> None:
        if window <= timedelta(0):
            raise ValueError("a parts window lasts longer than zero")
        self.window = window
        self._open: dict[str, PartsMade] = {}  # per work center; `at` is its window's start

    def _start(self, at: datetime) -> datetime:
        return _EPOCH + ((at - _EPOCH) // self.window) * self.window

    def add(self, decisions: list[Decision]) -> list[Decision]:
        """The decisions to record now, in order: part counts wait in their window."""
        out: list[Decision] = []
        for decision in decisions:
            wc = decision.work_center
            if not isinstance(decision, PartsMade):
                if wc in self._open:
                    out.append(self._open.pop(wc))
                out.append(decision)
                continue
            start = self._start(decision.at)
            held = self._open.get(wc)
            if held is not None and held.at != start:
                out.append(self._open.pop(wc))
                held = None
            self._open[wc] = (
                replace(decision, at=start)
                if held is None
                else replace(
                    held,
                    count=held.count + decision.count,
                    counter=decision.counter,
                    reset=held.reset or decision.reset,
                    auto_confirm=decision.auto_confirm,
                    cycle_seconds=decision.cycle_seconds,
                )
            )
        return out

    def due(self, now: datetime) -> list[Decision]:
        """Windows that ended by `now` (a quiet counter still reports its last minute)."""
        ended = [wc for wc, held in self._open.items() if held.at + self.window <= now]
        return [self._open.pop(wc) for wc in ended]

    def flush(self) -> list[Decision]:
        out: list[Decision] = list(self._open.values())
        self._open.clear()
        return out
