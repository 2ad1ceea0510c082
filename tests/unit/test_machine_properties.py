"""Properties of the work-center state machine over any sequence of signals and ticks:
one open downtime at most, durations that are never negative and add up to the time
covered, no downtime in planned time, and never a "running" the machine did not say."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.machines.decisions import (
    Decision,
    DowntimeClosed,
    DowntimeOpened,
    MachineState,
    MicroStop,
    PartsMade,
    StateChanged,
)
from app.machines.signals import Quality, Reading, Signal
from app.machines.state import WorkCenterMachine
from tests.unit.test_machine_support import (
    DOWN,
    IDLE,
    RUN,
    at,
    fault,
    lost,
    parts,
    press,
    shifts,
    state,
)

# T0 is 08:00 UTC; the sequences start at 07:00 and run for hours: shifts with a seam,
# a break and a night shift across midnight give planned stops to cross
CALENDAR = shifts(
    ("07:30", "09:00"),
    ("09:00", "10:00"),
    ("22:00", "02:00"),
    breaks=(("09:40", "09:50"),),
)

GOOD = Quality.GOOD
state_step = st.tuples(
    st.just("state"),
    st.sampled_from(["Execute"] * 3 + ["Idle"] * 2 + ["Held"] * 3 + ["Bogus"]),
    st.sampled_from([GOOD] * 12 + [Quality.STALE, Quality.BAD, Quality.UNCERTAIN]),
)
step = st.tuples(
    # how far the clock moves on (s), mostly around the threshold
    st.one_of(st.integers(0, 90), st.integers(0, 90), st.integers(0, 1800)),
    # how late the signal's own time is: now and then out of order
    st.one_of(st.just(0), st.just(0), st.just(0), st.integers(-120, 0)),
    st.one_of(
        state_step,
        state_step,
        state_step,
        state_step,
        st.tuples(st.just("lost"), st.none(), st.just(GOOD)),
        st.tuples(st.just("tick"), st.none(), st.just(GOOD)),
        st.tuples(st.just("tick"), st.none(), st.just(GOOD)),
        st.tuples(st.just("parts"), st.integers(0, 50), st.just(GOOD)),
        st.tuples(st.just("fault"), st.sampled_from([None, "E1", "0", 7]), st.just(GOOD)),
    ),
)


def signal_of(kind: str, value: Any, quality: Quality, seconds: float) -> Signal | None:
    if kind == "state":
        return state(value, seconds, quality)
    if kind == "lost":
        return lost(seconds)
    if kind == "parts":
        return parts(value, seconds)
    if kind == "fault":
        return fault(value, seconds)
    return None


@settings(max_examples=300, deadline=None)
@given(
    steps=st.lists(step, max_size=60),
    threshold=st.sampled_from([30, 60, 120]),
    idle_raises=st.booleans(),
    calendar=st.booleans(),
)
def test_any_sequence_keeps_the_downtime_and_duration_invariants(
    steps: list[tuple[int, int, tuple[str, object, Quality]]],
    threshold: int,
    idle_raises: bool,
    calendar: bool,
) -> None:
    limit = timedelta(seconds=threshold)
    machine = WorkCenterMachine(
        press(micro_stop=limit, idle_opens_downtime=idle_raises),
        CALENDAR if calendar else None,
    )
    raising = {DOWN, IDLE} if idle_raises else {DOWN}
    clock = -3600.0
    open_key: str | None = None
    current: MachineState | None = None
    current_since = None
    entered_raising = None
    latest = None
    for advance, lateness, (kind, value, quality) in steps:
        clock += advance
        signal = signal_of(kind, value, quality, clock + lateness)
        decisions: list[Decision] = (
            machine.tick(at(clock)) if signal is None else machine.handle(signal)
        )
        says_running = (
            isinstance(signal, Reading)
            and signal.metric == "State"
            and signal.value == "Execute"
            and signal.quality is Quality.GOOD
        )
        for d in decisions:
            assert latest is None or d.at >= latest, "decisions never go back in time"
            latest = d.at
            if isinstance(d, StateChanged):
                assert d.previous == current
                if current_since is not None:
                    assert d.duration == d.at - current_since >= timedelta(0)
                if d.state is RUN:
                    assert says_running, "never a running the machine did not say"
                if d.state in raising and current not in raising:
                    entered_raising = d.at
                current, current_since = d.state, d.at
            elif isinstance(d, DowntimeOpened):
                assert open_key is None, "at most one open downtime"
                open_key = d.key
                assert current in raising
                assert d.since == entered_raising
                assert d.at - d.since == limit
                if calendar:
                    assert CALENDAR.in_production(d.since)
                    change = CALENDAR.next_change(d.since)
                    assert change is None or change > d.at, "no downtime in planned time"
            elif isinstance(d, DowntimeClosed):
                assert open_key == d.downtime_key
                assert current is RUN
                assert d.at == current_since
                assert d.duration == d.at - d.since >= timedelta(0)
                open_key = None
            elif isinstance(d, MicroStop):
                assert current is RUN
                assert timedelta(0) <= d.duration <= limit
            elif isinstance(d, PartsMade):
                assert d.count > 0
        held = machine.open_downtime
        assert (held.key if held else None) == open_key

    if machine.started_at is None:
        assert not steps  # any signal or tick starts it
        return
    assert machine.latest is not None
    assert current_since is not None
    covered = machine.latest - machine.started_at
    totals = machine.durations()
    assert all(value >= timedelta(0) for value in totals.values())
    assert sum(totals.values(), timedelta(0)) == covered
    end = machine.latest + timedelta(hours=1)
    assert sum(machine.durations(end).values(), timedelta(0)) == end - machine.started_at
