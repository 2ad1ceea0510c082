"""One state machine per mapped work center, and the routing of signals to them. Pure.

The integration builds one registry from the mapping file and the plant's calendars,
hands it every `Signal` the sources deliver and a `tick(now)` every second or so, and
turns the decisions it returns into events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from app.errors import ValidationError
from app.i18n import tr
from app.machines.calendar import ShiftCalendar
from app.machines.decisions import Decision
from app.machines.mapping import MachineMapping
from app.machines.signals import Signal, SignalLost
from app.machines.state import MachineStatus, OpenDowntime, WorkCenterMachine
from app.routing.reasons import ReasonTree


class MachineRegistry:
    def __init__(
        self,
        mapping: MachineMapping,
        calendars: Mapping[str, ShiftCalendar] | None = None,
        *,
        reasons: ReasonTree | None = None,
        open_downtimes: Iterable[OpenDowntime] = (),
    ) -> None:
        """`calendars`: per work center code (`plant_calendars`); a work center without
        one produces around the clock. `open_downtimes`: those the log holds open, so a
        restarted host closes them instead of opening them again."""
        self.mapping = mapping
        calendars = calendars or {}
        restored = {d.work_center: d for d in open_downtimes}
        self._machines: dict[str, WorkCenterMachine] = {}
        self._by_address: dict[tuple[str, str, str], list[WorkCenterMachine]] = {}
        self._by_source: dict[str, list[WorkCenterMachine]] = {}
        for wc in mapping.work_centers:
            machine = WorkCenterMachine(
                wc,
                calendars.get(wc.code),
                reason_edit_window=mapping.reason_edit_window,
                reasons=reasons,
                open_downtime=restored.get(wc.code),
            )
            self._machines[wc.code] = machine
            for _, ref in wc.metrics():
                self._by_address.setdefault(ref.address, []).append(machine)
            self._by_source.setdefault(wc.state.ref.source, []).append(machine)
        self.unrouted = 0  # readings no work center maps (the source's diagnostics say more)

    @property
    def machines(self) -> Mapping[str, WorkCenterMachine]:
        return self._machines

    def machine(self, work_center: str) -> WorkCenterMachine | None:
        return self._machines.get(work_center)

    def routes(self, signal: Signal) -> list[WorkCenterMachine]:
        """The machines whose mapping mentions the signal's source, device and metric
        (for a `SignalLost`: whose state comes from one of its devices)."""
        if isinstance(signal, SignalLost):
            return [
                m
                for m in self._by_source.get(signal.source, [])
                if not signal.devices or m.mapping.state.ref.device in signal.devices
            ]
        return list(self._by_address.get((signal.source, signal.device, signal.metric), []))

    def handle(self, signal: Signal) -> list[Decision]:
        machines = self.routes(signal)
        if not machines:
            if not isinstance(signal, SignalLost):
                self.unrouted += 1
            return []
        return [decision for machine in machines for decision in machine.handle(signal)]

    def handle_all(self, signals: Iterable[Signal]) -> list[Decision]:
        return [decision for signal in signals for decision in self.handle(signal)]

    def tick(self, now: datetime) -> list[Decision]:
        return [decision for machine in self._machines.values() for decision in machine.tick(now)]

    def answer_reason(
        self, work_center: str, downtime_key: str, reason_code: str, at: datetime
    ) -> list[Decision]:
        machine = self._machines.get(work_center)
        if machine is None:
            raise ValidationError.one(
                "work_center", tr("{code} has no machine mapping", code=repr(work_center))
            )
        return machine.answer_reason(downtime_key, reason_code, at)

    def status(self) -> list[MachineStatus]:
        return [machine.status() for machine in self._machines.values()]
