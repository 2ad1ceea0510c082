"""The registry: one state machine per mapped work center, signals routed by what each
mapping mentions, for the demo plant's file and calendars."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest

from app.errors import ValidationError
from app.machines.calendar import plant_calendars
from app.machines.decisions import DowntimeOpened, MachineState, PartsMade, StateChanged
from app.machines.mapping import load_mapping
from app.machines.registry import MachineRegistry
from app.machines.signals import Quality, Reading, SignalLost, Value
from app.machines.state import OpenDowntime
from app.paths import resource
from app.routing.reasons import load_reasons

MONDAY_9 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 09:00 in Berlin: every shift is on
SPB = "riverside-spb"
LASER = "Riverside/FAB/LAS-01"


def demo_registry(open_downtimes: Iterable[OpenDowntime] = ()) -> MachineRegistry:
    mapping = load_mapping()
    plant = tomllib.loads(resource("demo", "plant.toml").read_text("utf-8"))
    calendars = plant_calendars(plant, mapping.breaks_by_calendar())
    return MachineRegistry(
        mapping, calendars, reasons=load_reasons(), open_downtimes=open_downtimes
    )


def reading(device: str, metric: str, value: Value, seconds: float, source: str = SPB) -> Reading:
    at = MONDAY_9 + timedelta(seconds=seconds)
    return Reading(source, device, metric, value, Quality.GOOD, at)


def test_a_signal_goes_to_the_work_center_whose_mapping_mentions_it() -> None:
    registry = demo_registry()
    assert set(registry.machines) == {wc.code for wc in registry.mapping.work_centers}
    (changed,) = registry.handle(reading(LASER, "PackML/State", "Execute", 0))
    assert isinstance(changed, StateChanged)
    assert changed.work_center == "LAS-01"
    registry.handle(reading(LASER, "Counters/Parts", 10, 1))
    (made,) = registry.handle(reading(LASER, "Counters/Parts", 12, 2))
    assert isinstance(made, PartsMade)
    assert (made.work_center, made.count) == ("LAS-01", 2)
    assert registry.handle(reading(LASER, "Spindle/Load", 80, 3)) == []
    assert registry.unrouted == 1


def test_a_downtime_with_its_mapped_reason_through_the_registry() -> None:
    registry = demo_registry()
    registry.handle(reading(LASER, "PackML/State", "Execute", 0))
    registry.handle(reading(LASER, "Fault/Code", "E204", 10))
    registry.handle(reading(LASER, "PackML/State", "Held", 10))
    decisions = registry.tick(MONDAY_9 + timedelta(seconds=71))
    (opened,) = [d for d in decisions if isinstance(d, DowntimeOpened)]
    assert isinstance(opened, DowntimeOpened)
    assert (opened.work_center, opened.fault_code, opened.reason_code) == (
        "LAS-01",
        "E204",
        "electrical/drive",
    )
    answered = registry.answer_reason("LAS-01", opened.key, "electrical/power", MONDAY_9)
    assert answered[0].work_center == "LAS-01"
    with pytest.raises(ValidationError):
        registry.answer_reason("PCK-01", opened.key, "electrical/power", MONDAY_9)


def test_opc_ua_and_json_sources_reach_their_work_centers() -> None:
    registry = demo_registry()
    (mill,) = registry.handle(reading("Hermle-C32", "State", 6, 0, source="mill-opcua"))
    assert isinstance(mill, StateChanged)
    assert mill.work_center == "MIL-01"
    assert mill.state is MachineState.RUNNING
    paint = registry.handle(
        reading("riverside/paint/PNT-01/status", "state", "ALARM", 0, source="floor-json")
    )
    assert [(d.work_center, getattr(d, "state", None)) for d in paint] == [
        ("PNT-01", MachineState.DOWN)
    ]


def test_a_node_death_reaches_every_work_center_of_that_node_only() -> None:
    registry = demo_registry()
    for device in (LASER, "Riverside/FAB/PRB-01", "Riverside/MAC/LAT-01"):
        metric = "Mode" if "PRB" in device else "PackML/State"
        registry.handle(reading(device, metric, "Execute" if "PRB" not in device else 1, 0))
    lost = SignalLost(SPB, (LASER, "Riverside/FAB/PRB-01"), "NDEATH bdSeq 3", MONDAY_9)
    decisions = registry.handle(lost)
    assert {d.work_center for d in decisions} == {"LAS-01", "PRB-01"}
    everything = registry.handle(SignalLost(SPB, (), "broker connection lost", MONDAY_9))
    assert "LAT-01" in {d.work_center for d in everything}
    assert "MIL-01" not in {d.work_center for d in everything}
    status = {s.work_center: s for s in registry.status()}
    assert status["LAT-01"].state is MachineState.SIGNAL_LOST
    assert status["LAT-01"].detail == "signal lost: broker connection lost"


def test_the_first_tick_shows_every_silent_machine_as_signal_lost() -> None:
    registry = demo_registry()
    decisions = registry.tick(MONDAY_9)
    assert len(decisions) == len(registry.machines)
    assert {d.state for d in decisions if isinstance(d, StateChanged)} == {MachineState.SIGNAL_LOST}
    saturday_night = datetime(2026, 11, 28, 23, 0, tzinfo=UTC)
    registry.tick(saturday_night)
    assert {s.state for s in registry.status()} == {MachineState.PLANNED_STOP}


def test_restored_open_downtimes_are_handed_to_their_machines() -> None:
    restored = OpenDowntime("LAS-01", MONDAY_9 - timedelta(hours=1), "E101", None)
    registry = demo_registry(open_downtimes=[restored])
    machine = registry.machine("LAS-01")
    assert machine is not None
    assert machine.open_downtime == restored
    decisions = registry.handle(reading(LASER, "PackML/State", "Execute", 0))
    assert [type(d).__name__ for d in decisions] == ["StateChanged", "DowntimeClosed"]
