"""Builders for the machine tests (no tests here): one press, its readings, a clock in
seconds."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import Any, TypeVar

from app.machines.calendar import BreakWindow, ShiftCalendar, ShiftWindow
from app.machines.decisions import Decision, MachineState
from app.machines.mapping import (
    CounterMapping,
    CycleTimeMapping,
    FaultMapping,
    MetricRef,
    StateMapping,
    StateTable,
    WorkCenterMapping,
)
from app.machines.signals import Quality, Reading, SignalLost, Value
from app.machines.state import WorkCenterMachine

SRC = "line-mqtt"
DEV = "Plant/edge/PRS-01"
WC = "PRS-01"
T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # a Monday

RUN, IDLE, DOWN = MachineState.RUNNING, MachineState.IDLE, MachineState.DOWN
LOST, PLANNED = MachineState.SIGNAL_LOST, MachineState.PLANNED_STOP


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def press(**changes: Any) -> WorkCenterMapping:
    mapping = WorkCenterMapping(
        code=WC,
        state=StateMapping(
            MetricRef(SRC, DEV, "State"),
            StateTable((("Execute", RUN), ("Idle", IDLE), ("Held", DOWN), ("Aborted", DOWN))),
        ),
        parts=CounterMapping(MetricRef(SRC, DEV, "Parts")),
        fault=FaultMapping(MetricRef(SRC, DEV, "Fault"), (("E1", "mechanical/bearing"),)),
        cycle_time=CycleTimeMapping(MetricRef(SRC, DEV, "Cycle")),
    )
    return replace(mapping, **changes)


def machine(calendar: ShiftCalendar | None = None, **changes: Any) -> WorkCenterMachine:
    return WorkCenterMachine(press(**changes), calendar)


def state(value: Value, seconds: float, quality: Quality = Quality.GOOD) -> Reading:
    return Reading(SRC, DEV, "State", value, quality, at(seconds))


def parts(value: Value, seconds: float, quality: Quality = Quality.GOOD) -> Reading:
    return Reading(SRC, DEV, "Parts", value, quality, at(seconds))


def fault(value: Value, seconds: float) -> Reading:
    return Reading(SRC, DEV, "Fault", value, Quality.GOOD, at(seconds))


def lost(seconds: float, devices: tuple[str, ...] = (DEV,)) -> SignalLost:
    return SignalLost(SRC, devices, "NDEATH bdSeq 7", at(seconds))


def kinds(decisions: list[Decision]) -> list[str]:
    return [type(d).__name__ for d in decisions]


T = TypeVar("T")


def only(decisions: list[Decision], kind: type[T]) -> list[T]:
    return [d for d in decisions if isinstance(d, kind)]


def shifts(*windows: tuple[str, str], breaks: tuple[tuple[str, str], ...] = ()) -> ShiftCalendar:
    """Every day, in UTC: shifts and breaks as ("HH:MM", "HH:MM")."""
    every_day = frozenset(range(1, 8))
    return ShiftCalendar(
        [
            ShiftWindow(f"s{n}", every_day, time.fromisoformat(a), time.fromisoformat(b))
            for n, (a, b) in enumerate(windows)
        ],
        [BreakWindow(time.fromisoformat(a), time.fromisoformat(b)) for a, b in breaks],
    )
