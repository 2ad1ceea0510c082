"""The work-center state machine: every transition, the micro-stop threshold, signal lost,
planned stops, part counters, out-of-order readings and the operator's reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.errors import ValidationError
from app.machines.decisions import (
    NO_REASON_GIVEN,
    DowntimeClosed,
    DowntimeOpened,
    MicroStop,
    PartsMade,
    ReasonAnswered,
    StateChanged,
    UnusableReading,
    decision_id,
    downtime_id,
)
from app.machines.mapping import CounterMapping, MetricRef, StateMapping, StateTable
from app.machines.signals import Quality, Reading, SignalLost, Value
from app.machines.state import OpenDowntime, WorkCenterMachine
from app.routing.reasons import load_reasons
from tests.unit.test_machine_support import (
    DEV,
    DOWN,
    IDLE,
    LOST,
    PLANNED,
    RUN,
    SRC,
    WC,
    at,
    fault,
    kinds,
    lost,
    machine,
    only,
    parts,
    press,
    shifts,
    state,
)

# -- states -----------------------------------------------------------------------------


def test_the_first_state_reading_starts_the_machine_with_no_previous_state() -> None:
    m = machine()
    (changed,) = m.handle(state("Execute", 0))
    assert changed == StateChanged(WC, at(0), RUN, None, timedelta(0), "State = Execute")
    assert m.state is RUN
    assert m.since == at(0)


def test_before_any_state_reading_the_machine_shows_signal_lost_never_running() -> None:
    m = machine()
    assert kinds(m.handle(parts(10, 0))) == ["StateChanged"]
    assert m.state is LOST
    (first,) = machine().tick(at(0))
    assert isinstance(first, StateChanged)
    assert first.state is LOST


@pytest.mark.parametrize(
    ("before", "value", "after"),
    [
        ("Execute", "Idle", IDLE),
        ("Execute", "Held", DOWN),
        ("Idle", "Execute", RUN),
        ("Idle", "Held", DOWN),
        ("Held", "Idle", IDLE),
        ("Held", "Execute", RUN),
    ],
)
def test_every_transition_between_mapped_states(before: str, value: str, after: object) -> None:
    m = machine()
    m.handle(state(before, 0))
    (changed, *rest) = m.handle(state(value, 10))
    assert isinstance(changed, StateChanged)
    assert changed.state is after
    assert changed.duration == timedelta(seconds=10)
    assert not only(rest, DowntimeOpened)


def test_a_repeated_value_changes_nothing() -> None:
    m = machine()
    m.handle(state("Execute", 0))
    assert m.handle(state("Execute", 5)) == []


def test_values_match_ignoring_case_and_numbers_by_value() -> None:
    table = StateTable((("Execute", RUN), ("3", DOWN), ("true", RUN)))
    assert table.state_of("EXECUTE") is RUN
    assert table.state_of(3) is DOWN
    assert table.state_of(3.0) is DOWN
    assert table.state_of(True) is RUN
    assert table.state_of("Suspended") is None


def test_an_unmapped_value_is_reported_and_shown_as_signal_lost_never_kept_as_running() -> None:
    m = machine()
    m.handle(state("Execute", 0))
    decisions = m.handle(state("Bogus", 5))
    assert kinds(decisions) == ["UnusableReading", "StateChanged"]
    assert m.state is LOST
    unusable = decisions[0]
    assert isinstance(unusable, UnusableReading)
    assert "'Bogus'" in unusable.problem
    fallback = machine(state=StateMapping(press().state.ref, StateTable((), DOWN)))
    fallback.handle(state("Bogus", 0))
    assert fallback.state is DOWN


# -- the micro-stop threshold ---------------------------------------------------------------


def test_59_seconds_down_is_a_micro_stop() -> None:
    m = machine()
    m.handle(state("Execute", 0))
    m.handle(state("Held", 100))
    assert m.tick(at(159)) == []
    decisions = m.handle(state("Execute", 159))
    assert kinds(decisions) == ["StateChanged", "MicroStop"]
    micro = decisions[1]
    assert micro == MicroStop(WC, at(159), at(100), timedelta(seconds=59), None)
    assert m.status().micro_stops == 1
    assert m.status().micro_stop_time == timedelta(seconds=59)


def test_exactly_60_seconds_is_still_a_micro_stop() -> None:
    """The threshold is inclusive: only a stop longer than it opens a downtime."""
    m = machine()
    m.handle(state("Execute", 0))
    m.handle(state("Held", 100))
    assert m.tick(at(160)) == []
    assert kinds(m.handle(state("Execute", 160))) == ["StateChanged", "MicroStop"]


def test_61_seconds_down_opens_a_downtime_on_the_tick_dated_at_the_threshold() -> None:
    m = machine()
    m.handle(state("Execute", 0))
    m.handle(fault("E1", 100))
    m.handle(state("Held", 100))
    (opened,) = m.tick(at(161))
    assert opened == DowntimeOpened(WC, at(160), at(100), "E1", "mechanical/bearing")
    assert opened.blocks_lane
    assert m.open_downtime is not None
    assert m.open_downtime.reason_label == "mechanical/bearing"
    decisions = m.handle(state("Execute", 400))
    assert kinds(decisions) == ["StateChanged", "DowntimeClosed"]
    closed = decisions[1]
    assert isinstance(closed, DowntimeClosed)
    assert closed.duration == timedelta(seconds=300)
    assert closed.since == at(100)
    assert closed.downtime_key == opened.downtime_key
    assert closed.reason_editable_until == at(400) + timedelta(hours=24)
    assert m.open_downtime is None
    assert m.status().micro_stops == 0


def test_the_reading_that_crosses_the_threshold_decides_without_a_tick() -> None:
    m = machine()
    m.handle(state("Execute", 0))
    m.handle(state("Held", 0))
    decisions = m.handle(state("Execute", 61))
    assert kinds(decisions) == ["DowntimeOpened", "StateChanged", "DowntimeClosed"]
    assert decisions[0].at == at(60)


def test_a_fault_without_a_mapped_reason_waits_for_the_operator() -> None:
    m = machine()
    m.handle(state("Held", 0))
    m.handle(fault(4711, 0))
    (opened,) = m.tick(at(100))
    assert isinstance(opened, DowntimeOpened)
    assert opened.fault_code == "4711"
    assert opened.reason_code is None
    assert m.open_downtime is not None
    assert m.open_downtime.reason_label == NO_REASON_GIVEN


def test_a_fault_code_that_comes_after_the_opening_is_kept_on_the_downtime() -> None:
    m = machine()
    m.handle(state("Held", 0))
    m.tick(at(100))
    m.handle(fault("E1", 120))
    assert m.open_downtime is not None
    assert m.open_downtime.fault_code == "E1"
    assert m.open_downtime.reason_code == "mechanical/bearing"
    (closed,) = only(m.handle(state("Execute", 200)), DowntimeClosed)
    assert closed.fault_code == "E1"


def test_idle_is_not_raised_unless_the_work_center_says_so() -> None:
    m = machine()
    m.handle(state("Execute", 0))
    m.handle(state("Idle", 10))
    assert m.tick(at(1000)) == []
    raising = machine(idle_opens_downtime=True)
    raising.handle(state("Execute", 0))
    raising.handle(state("Idle", 10))
    assert kinds(raising.tick(at(1000))) == ["DowntimeOpened"]


def test_an_open_downtime_stays_open_while_idle_and_closes_only_on_running() -> None:
    m = machine()
    m.handle(state("Held", 0))
    m.tick(at(100))
    assert kinds(m.handle(state("Idle", 200))) == ["StateChanged"]
    assert kinds(m.handle(state("Held", 300))) == ["StateChanged"]
    assert m.tick(at(1000)) == []  # one downtime, not a second
    (closed,) = only(m.handle(state("Execute", 1000)), DowntimeClosed)
    assert closed.duration == timedelta(seconds=1000)


def test_a_work_center_may_set_its_own_threshold() -> None:
    m = machine(micro_stop=timedelta(seconds=90))
    m.handle(state("Held", 0))
    assert m.tick(at(90)) == []
    assert kinds(m.tick(at(91))) == ["DowntimeOpened"]


# -- signal lost ------------------------------------------------------------------------------


def test_signal_lost_leaves_running_and_never_opens_a_downtime() -> None:
    m = machine()
    m.handle(state("Execute", 0))
    (changed,) = m.handle(lost(10))
    assert isinstance(changed, StateChanged)
    assert changed.state is LOST
    assert "NDEATH" in changed.detail
    assert m.tick(at(10_000)) == []


def test_a_down_period_cut_by_signal_lost_counts_afresh_when_the_signal_returns() -> None:
    m = machine()
    m.handle(state("Held", 0))
    m.handle(lost(30))
    assert m.tick(at(500)) == []
    m.handle(state("Held", 500))
    assert m.tick(at(560)) == []
    (opened,) = m.tick(at(561))
    assert isinstance(opened, DowntimeOpened)
    assert opened.since == at(500)


def test_signal_lost_with_an_open_downtime_keeps_it_open_and_running_closes_it_then() -> None:
    m = machine()
    m.handle(state("Held", 0))
    m.tick(at(100))
    assert kinds(m.handle(lost(200))) == ["StateChanged"]
    assert m.open_downtime is not None
    assert m.tick(at(5000)) == []
    decisions = m.handle(state("Execute", 900))  # the birth says: running since 900
    assert kinds(decisions) == ["StateChanged", "DowntimeClosed"]
    assert decisions[1].at == at(900)
    assert isinstance(decisions[1], DowntimeClosed)
    assert decisions[1].duration == timedelta(seconds=900)


def test_signal_lost_then_still_down_continues_the_same_downtime() -> None:
    m = machine()
    m.handle(state("Held", 0))
    (opened,) = m.tick(at(100))
    m.handle(lost(200))
    assert kinds(m.handle(state("Held", 300))) == ["StateChanged"]
    assert m.tick(at(1000)) == []
    (closed,) = only(m.handle(state("Execute", 1000)), DowntimeClosed)
    assert closed.downtime_key == opened.key


@pytest.mark.parametrize("quality", [Quality.STALE, Quality.BAD, Quality.UNCERTAIN])
def test_doubtful_quality_is_signal_lost_and_keeps_an_open_downtime(quality: Quality) -> None:
    m = machine()
    m.handle(state("Held", 0))
    m.tick(at(100))
    (changed,) = m.handle(state("Held", 200, quality))
    assert isinstance(changed, StateChanged)
    assert changed.state is LOST
    assert quality.value in changed.detail
    assert m.open_downtime is not None
    # a STALE "Execute" is not running either
    assert m.handle(state("Execute", 300, quality)) == []
    assert m.open_downtime is not None
    assert kinds(m.handle(state("Execute", 400))) == ["StateChanged", "DowntimeClosed"]


def test_signal_lost_for_every_device_of_the_source_and_not_for_others() -> None:
    m = machine()
    m.handle(state("Execute", 0))
    assert m.handle(lost(10, devices=("Plant/edge/other",))) == []
    assert m.handle(SignalLost("other-source", (), "broker connection lost", at(10))) == []
    assert m.state is RUN
    assert kinds(m.handle(lost(20, devices=()))) == ["StateChanged"]
    assert m.state is LOST


def test_a_signal_lost_older_than_the_latest_good_reading_is_ignored() -> None:
    m = machine()
    m.handle(state("Execute", 50))
    assert m.handle(lost(40)) == []
    assert m.state is RUN


def test_a_reading_from_before_the_loss_does_not_bring_running_back() -> None:
    m = machine()
    m.handle(state("Held", 0))
    m.handle(lost(50))
    assert m.handle(state("Execute", 40)) == []
    assert m.state is LOST


# -- planned stops ------------------------------------------------------------------------------


def test_a_stop_in_a_break_opens_nothing() -> None:
    cal = shifts(("06:00", "14:00"), breaks=(("09:00", "09:30"),))
    m = machine(cal)
    m.handle(state("Execute", 0))  # 08:00
    m.handle(state("Held", 3600 - 10))  # 08:59:50, a stop that runs into the break
    (planned,) = m.tick(at(3600 + 1200))  # 09:20
    assert isinstance(planned, StateChanged)
    assert planned.state is PLANNED
    assert planned.at == at(3600)
    decisions = m.handle(state("Held", 3600 + 1300))
    assert decisions == []  # still a planned stop
    # the break ends at 09:30 with the press still down: counting starts there
    assert kinds(m.tick(at(5400 + 60))) == ["StateChanged"]
    assert m.state is DOWN
    assert m.since == at(5400)
    (opened,) = m.tick(at(5400 + 61))
    assert isinstance(opened, DowntimeOpened)
    assert opened.since == at(5400)


def test_a_stop_that_lasts_exactly_until_the_break_is_never_raised() -> None:
    cal = shifts(("06:00", "14:00"), breaks=(("09:00", "09:30"),))
    m = machine(cal)
    m.handle(state("Held", 3600 - 60))  # down 60 s before the break
    assert kinds(m.tick(at(3600 + 10))) == ["StateChanged"]
    assert m.state is PLANNED


def test_running_outside_a_shift_is_running_and_a_stop_there_is_planned() -> None:
    cal = shifts(("06:00", "07:00"))  # it is 08:00: outside
    m = machine(cal)
    (first,) = m.handle(state("Execute", 0))
    assert isinstance(first, StateChanged)
    assert first.state is RUN
    (changed,) = m.handle(state("Held", 10))
    assert isinstance(changed, StateChanged)
    assert changed.state is PLANNED
    assert m.tick(at(10_000)) == []


def test_night_shift_crossing_midnight_and_its_end() -> None:
    cal = shifts(("22:00", "06:00"))
    m = machine(cal)  # 08:00: no shift
    m.handle(state("Held", 0))
    assert m.state is PLANNED
    started, opened = m.tick(at(14 * 3600 + 61))  # 22:01:01
    assert isinstance(started, StateChanged)
    assert started.at == at(14 * 3600)
    assert started.state is DOWN
    assert isinstance(opened, DowntimeOpened)
    assert opened.at == at(14 * 3600 + 60)
    # past midnight the same shift goes on: nothing changes at 00:00
    assert m.tick(at(17 * 3600)) == []
    # 06:00 the shift ends; the open downtime stays open through the planned stop
    (changed,) = m.tick(at(22 * 3600 + 5))
    assert isinstance(changed, StateChanged)
    assert changed.state is PLANNED
    assert changed.at == at(22 * 3600)
    assert m.open_downtime is not None
    decisions = m.handle(state("Execute", 23 * 3600))
    assert kinds(decisions) == ["StateChanged", "DowntimeClosed"]
    assert isinstance(decisions[1], DowntimeClosed)
    assert decisions[1].duration == timedelta(hours=9)


def test_signal_lost_outside_production_time_is_a_planned_stop() -> None:
    cal = shifts(("10:00", "12:00"))
    m = machine(cal)
    m.handle(state("Execute", 0))
    (changed,) = m.handle(lost(10))
    assert isinstance(changed, StateChanged)
    assert changed.state is PLANNED
    (started,) = m.tick(at(2 * 3600))  # the shift starts, and still nobody can tell
    assert isinstance(started, StateChanged)
    assert started.state is LOST


# -- part counter -------------------------------------------------------------------------------


def test_parts_made_follow_the_counter_from_its_first_value() -> None:
    m = machine(auto_confirm=True)
    assert only(m.handle(parts(100, 0)), PartsMade) == []
    m.handle(Reading(SRC, DEV, "Cycle", 42.5, Quality.GOOD, at(5)))
    (made,) = m.handle(parts(103, 10))
    assert made == PartsMade(WC, at(10), 3, 103, False, True, 42.5)
    assert m.handle(parts(103, 11)) == []


def test_a_lower_counter_is_a_reset_not_negative_parts() -> None:
    m = machine()
    m.handle(parts(500, 0))
    (made,) = m.handle(parts(4, 10))
    assert isinstance(made, PartsMade)
    assert (made.count, made.reset) == (4, True)
    assert m.handle(parts(0, 20)) == []  # reset to zero: nothing made
    (made,) = m.handle(parts(2, 30))
    assert isinstance(made, PartsMade)
    assert made.count == 2
    assert not made.reset


def test_a_counter_with_a_rollover_wraps() -> None:
    m = machine(parts=CounterMapping(MetricRef(SRC, DEV, "Parts"), rollover=65536))
    m.handle(parts(65534, 0))
    (made,) = m.handle(parts(3, 10))
    assert isinstance(made, PartsMade)
    assert (made.count, made.reset) == (5, True)
    m.handle(parts(1000, 20))
    (made,) = m.handle(parts(7, 30))  # far from the top: a reset, not a wrap
    assert isinstance(made, PartsMade)
    assert made.count == 7


def test_a_counter_that_is_not_a_count_is_reported_and_ignored() -> None:
    m = machine()
    m.handle(parts(10, 0))
    bad_values: tuple[Value, ...] = ("ten", -3, 2.5, True)
    for n, bad in enumerate(bad_values):
        (unusable,) = only(m.handle(parts(bad, 1 + n)), UnusableReading)
        assert unusable.metric == "Parts"
    assert m.handle(parts(12, 10, Quality.STALE)) == []
    (made,) = m.handle(parts(12, 11))
    assert isinstance(made, PartsMade)
    assert made.count == 2


# -- time -------------------------------------------------------------------------------------


def test_out_of_order_readings_do_not_move_the_state_backwards() -> None:
    m = machine()
    m.handle(state("Execute", 0))
    m.handle(state("Held", 20))
    assert m.handle(state("Execute", 15)) == []  # older than the state it would undo
    assert m.state is DOWN
    assert m.since == at(20)
    assert m.status().ignored_readings == 1
    m.handle(parts(10, 30))
    assert m.handle(parts(5, 25)) == []  # an older count is no reset


def test_a_late_but_newer_reading_takes_effect_when_the_machine_has_moved_on() -> None:
    m = machine()
    m.handle(state("Held", 0))
    m.tick(at(100))  # the downtime opened at 60
    decisions = m.handle(state("Execute", 50))  # sent at 50, arrived after the tick
    assert kinds(decisions) == ["StateChanged", "DowntimeClosed"]
    assert all(d.at == at(60) for d in decisions)
    durations = m.durations()
    assert sum(durations.values(), timedelta(0)) == timedelta(seconds=60)


def test_state_durations_add_up_to_the_time_covered() -> None:
    m = machine(shifts(("06:00", "09:00")))
    for reading in (state("Execute", 0), state("Held", 600), lost(2000)):
        m.handle(reading)
    m.handle(state("Idle", 4000))
    m.tick(at(7200))
    totals = m.durations(at(7200))
    assert totals[RUN] == timedelta(seconds=600)
    assert totals[DOWN] == timedelta(seconds=1400)
    assert totals[LOST] == timedelta(seconds=1600)
    assert totals[PLANNED] == timedelta(seconds=3600)  # the shift ended at 09:00
    assert sum(totals.values(), timedelta(0)) == timedelta(seconds=7200)


def test_a_reading_without_a_time_zone_is_unusable() -> None:
    m = machine()
    naive = Reading(SRC, DEV, "State", "Execute", Quality.GOOD, at(0).replace(tzinfo=None))
    assert kinds(m.handle(naive)) == ["UnusableReading"]
    assert m.state is None


# -- the reason ------------------------------------------------------------------------------


def test_the_operator_answers_the_reason_of_an_open_downtime() -> None:
    m = WorkCenterMachine(press(), reasons=load_reasons())
    m.handle(state("Held", 0))
    (opened,) = m.tick(at(100))
    assert isinstance(opened, DowntimeOpened)
    (answer,) = m.answer_reason(opened.key, "tooling/broken", at(120))
    assert answer == ReasonAnswered(WC, at(120), opened.key, "tooling/broken")
    (closed,) = only(m.handle(state("Execute", 200)), DowntimeClosed)
    assert closed.reason_code == "tooling/broken"
    with pytest.raises(ValidationError, match="no downtime reason"):
        m.answer_reason(opened.key, "tooling/elsewhere", at(300))


def test_a_closed_downtime_keeps_its_reason_editable_for_a_day() -> None:
    m = machine()
    m.handle(state("Held", 0))
    (opened,) = m.tick(at(100))
    m.handle(state("Execute", 200))
    day = 24 * 3600
    assert kinds(m.answer_reason(opened.key, "mechanical/crash", at(200 + day))) == [
        "ReasonAnswered"
    ]
    with pytest.raises(ValidationError, match="could be changed until"):
        m.answer_reason(opened.key, "mechanical/crash", at(201 + day))
    with pytest.raises(ValidationError, match="no downtime"):
        m.answer_reason("PRS-01/downtime/else", "mechanical/crash", at(300))


def test_a_restored_open_downtime_is_closed_not_opened_again() -> None:
    restored = OpenDowntime(WC, at(-500), "E1", None)
    m = WorkCenterMachine(press(), open_downtime=restored)
    m.handle(state("Held", 0))
    assert m.tick(at(1000)) == []
    (closed,) = only(m.handle(state("Execute", 1000)), DowntimeClosed)
    assert closed.downtime_key == restored.key
    assert closed.duration == timedelta(seconds=1500)


# -- the same fact, decided twice --------------------------------------------------------------


def test_two_hosts_ticking_differently_decide_the_same_facts() -> None:
    signals = [state("Execute", 0), fault("E1", 30), state("Held", 30), state("Execute", 400)]
    first, second = machine(), machine()
    one = [d for s in signals for d in first.handle(s)]
    two = []
    for n, s in enumerate(signals):
        if n:  # its clock runs behind the source's
            two += second.tick(s.at - timedelta(seconds=7))
        two += second.handle(s)
        two += second.tick(s.at + timedelta(seconds=3))
    assert [d.key for d in one] == [d.key for d in two]
    assert [decision_id(d) for d in one] == [decision_id(d) for d in two]
    (opened,) = only(one, DowntimeOpened)
    (closed,) = only(one, DowntimeClosed)
    assert decision_id(opened) != decision_id(closed)
    assert downtime_id(closed.downtime_key) == decision_id(opened)
    (stopped,) = [d for d in one if isinstance(d, StateChanged) and d.state is DOWN]
    assert stopped.fault_code == "E1"


def test_a_fault_cleared_before_the_machine_runs_again_still_names_the_stop() -> None:
    m = machine()
    m.handle(state("Execute", 0))
    m.handle(fault("E1", 10))
    m.handle(state("Held", 10))
    m.handle(fault(0, 20))  # reset at the panel
    (micro,) = only(m.handle(state("Execute", 30)), MicroStop)
    assert micro.fault_code == "E1"
    m.handle(state("Held", 100))
    (opened,) = m.tick(at(200))
    assert isinstance(opened, DowntimeOpened)
    assert opened.fault_code is None  # the next stop starts with no fault of its own
