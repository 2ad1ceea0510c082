"""Part counts in windows (app/machines/parts.py): one event a minute per work center,
named by the readings' own time, never out of order with the machine's other facts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.machines.decisions import MicroStop, PartsMade
from app.machines.parts import PartsWindows

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def parts(seconds: float, count: int, counter: int, wc: str = "WC-1") -> PartsMade:
    return PartsMade(wc, T0 + timedelta(seconds=seconds), count, counter, False, False, 1.0)


def test_a_minute_of_counts_is_one_decision_named_by_its_window() -> None:
    windows = PartsWindows()
    assert windows.add([parts(s, 1, 100 + s) for s in range(60)]) == []
    (made,) = windows.add([parts(61, 1, 161)])  # the next minute closes the first
    assert isinstance(made, PartsMade)
    assert (made.at, made.count, made.counter) == (T0, 60, 159)
    (last,) = windows.due(T0 + timedelta(minutes=2))
    assert isinstance(last, PartsMade)
    assert (last.at, last.count) == (T0 + timedelta(minutes=1), 1)


def test_two_hosts_seeing_the_same_readings_decide_the_same_windows() -> None:
    readings = [parts(s * 7, 2, 200 + 2 * s) for s in range(30)]
    a, b = PartsWindows(), PartsWindows()
    first = a.add(readings) + a.flush()
    second = [d for r in readings for d in b.add([r])] + b.flush()
    assert first == second


def test_another_fact_of_the_work_center_closes_its_window_first() -> None:
    windows = PartsWindows()
    windows.add([parts(1, 3, 3), parts(2, 1, 1, wc="WC-2")])
    stop = MicroStop(
        "WC-1", T0 + timedelta(seconds=20), T0 + timedelta(seconds=5), timedelta(seconds=15), None
    )
    out = windows.add([stop])
    assert [type(d).__name__ for d in out] == ["PartsMade", "MicroStop"]
    assert [d.work_center for d in windows.flush()] == ["WC-2"]
