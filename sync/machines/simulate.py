"""`takt simulate machines`: the demo plant's machines, as Sparkplug B edge nodes.

Every work center the mapping file maps to a Sparkplug source gets a device on its edge
node ("Group/Node/Device"); each cycles, counts parts, stops briefly now and then
(micro-stops), breaks down with one of its fault codes, and sometimes an edge node loses
its connection for a while, so a board fed by `takt server --machines FILE` moves by
itself. What a value means comes from the same file: the simulator publishes the value
the file maps to running, idle or down, so the two cannot disagree.
"""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass, field
from datetime import timedelta

from app.clock import FixedClock
from app.machines.mapping import MachineMapping, SparkplugSource, WorkCenterMapping
from app.model.types import MachineState
from sync.machines.sparkplug.edge import EdgeNode, MetricSpecs
from sync.machines.sparkplug.payload import DataType, MetricValue

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Behaviour:
    """How often things happen, in simulated seconds (divided by `speed` in real time)."""

    cycle_s: float = 30.0
    micro_stop_every_s: float = 600.0  # on average
    micro_stop_s: tuple[float, float] = (8.0, 45.0)
    breakdown_every_s: float = 3600.0
    breakdown_s: tuple[float, float] = (120.0, 900.0)
    comms_loss_every_s: float = 7200.0  # per edge node
    comms_loss_s: tuple[float, float] = (20.0, 90.0)


def state_value(wc: WorkCenterMapping, state: MachineState) -> str | int | None:
    """The value the file maps to `state` ("Execute", 1, ...), as the machine sends it."""
    for value, mapped in wc.state.table.values:
        if mapped is state:
            return int(value) if value.lstrip("-").isdigit() else value
    return None


@dataclass
class _Machine:
    wc: WorkCenterMapping
    node: EdgeNode
    device: str
    parts: int = 0
    state: MachineState = MachineState.RUNNING
    until: float = 0.0  # simulated second the current stop ends
    faults: tuple[str, ...] = ()
    next_cycle: float = 0.0

    def publish(self, values: dict[str, MetricValue]) -> None:
        self.node.publish(values, device=self.device)


@dataclass
class MachineSimulator:
    """Runs until stop(); `speed` simulated seconds pass per real second."""

    mapping: MachineMapping
    speed: float = 1.0
    seed: int = 1
    behaviour: Behaviour = field(default_factory=Behaviour)
    step_s: float = 1.0  # simulated seconds per step
    # The edge nodes' clock (their messages' timestamps); a test passes a FixedClock and
    # advances it with each step, so simulated hours pass in a second.
    clock: FixedClock | None = None

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.nodes: dict[tuple[str, str], EdgeNode] = {}
        self.machines: list[_Machine] = []
        self._offline: dict[tuple[str, str], float] = {}
        self.now = 0.0
        sources = {s.name: s for s in self.mapping.sources if isinstance(s, SparkplugSource)}
        devices: dict[tuple[str, str], dict[str, MetricSpecs]] = {}
        brokers: dict[tuple[str, str], SparkplugSource] = {}
        simulated: list[tuple[WorkCenterMapping, tuple[str, str], str]] = []
        for wc in self.mapping.work_centers:
            source = sources.get(wc.state.ref.source)
            parts = wc.state.ref.device.split("/")
            if source is None or len(parts) != 3 or state_value(wc, MachineState.DOWN) is None:
                continue  # not a Sparkplug device, or one that never says it is down
            group, node, device = parts
            running = state_value(wc, MachineState.RUNNING)
            specs: dict[str, tuple[DataType, MetricValue]] = {
                wc.state.ref.metric: (
                    DataType.Int32 if isinstance(running, int) else DataType.String,
                    running,
                )
            }
            if wc.parts is not None:
                specs[wc.parts.ref.metric] = (DataType.Int64, 0)
            if wc.fault is not None:
                specs[wc.fault.ref.metric] = (DataType.String, "")
            devices.setdefault((group, node), {})[device] = specs
            brokers[(group, node)] = source
            simulated.append((wc, (group, node), device))
        for key, source in brokers.items():
            self.nodes[key] = EdgeNode(
                key[0],
                key[1],
                broker_host=source.broker.host,
                broker_port=source.broker.port,
                devices=devices[key],
                primary_host_id=source.host_id if source.primary else None,
                clock=self.clock,
            )
        for wc, key, device in simulated:
            faults = tuple(code for code, _ in wc.fault.reasons) if wc.fault else ()
            self.machines.append(_Machine(wc, self.nodes[key], device, faults=faults or ("E1",)))

    # -- life -------------------------------------------------------------------------------

    def start(self, *, run: bool = True) -> None:
        """Connect the edge nodes; with `run`, step in real time (else call `step`)."""
        for node in self.nodes.values():
            node.start()
        if run:
            self._thread = threading.Thread(
                target=self._run, name="machines-simulator", daemon=True
            )
            self._thread.start()
        log.info("simulating %d machines on %d edge nodes", len(self.machines), len(self.nodes))

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        for node in self.nodes.values():
            node.stop()

    def _run(self) -> None:
        while not self._stop.wait(self.step_s / self.speed):
            self.step()

    # -- the plant ----------------------------------------------------------------------------

    def _chance(self, every_s: float) -> bool:
        return self._random.random() < self.step_s / every_s

    def step(self) -> None:
        """One simulated step: every machine cycles, stops or recovers; nodes drop out."""
        self.now += self.step_s
        if self.clock is not None:
            self.clock.advance(timedelta(seconds=self.step_s))
        b = self.behaviour
        for key, node in self.nodes.items():
            back = self._offline.get(key)
            if back is not None and self.now >= back:
                del self._offline[key]
                node.start()
            elif back is None and self._chance(b.comms_loss_every_s * len(self.nodes)):
                self._offline[key] = self.now + self._random.uniform(*b.comms_loss_s)
                node.stop()  # its NDEATH: the host says signal lost, not down
        for m in self.machines:
            if (m.node.group, m.node.node) in self._offline:
                continue
            metric = m.wc.state.ref.metric
            if m.state is not MachineState.RUNNING:
                if self.now >= m.until:
                    m.state = MachineState.RUNNING
                    values: dict[str, MetricValue] = {metric: state_value(m.wc, m.state)}
                    if m.wc.fault is not None:
                        values[m.wc.fault.ref.metric] = ""
                    m.publish(values)
                continue
            if self._chance(b.breakdown_every_s) or self._chance(b.micro_stop_every_s):
                breakdown = self._random.random() < b.micro_stop_every_s / (
                    b.micro_stop_every_s + b.breakdown_every_s
                )
                span = b.breakdown_s if breakdown else b.micro_stop_s
                m.state = MachineState.DOWN
                m.until = self.now + self._random.uniform(*span)
                values = {metric: state_value(m.wc, MachineState.DOWN)}
                if m.wc.fault is not None:
                    values[m.wc.fault.ref.metric] = self._random.choice(m.faults)
                m.publish(values)
            elif m.wc.parts is not None and self.now >= m.next_cycle:
                m.parts += 1
                m.next_cycle = self.now + b.cycle_s * self._random.uniform(0.9, 1.2)
                m.publish({m.wc.parts.ref.metric: m.parts})
