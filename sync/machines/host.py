"""The machine host: every source of a mapping file, the work-center state machines, and
the log their decisions go into.

Sources (Sparkplug B and JSON over MQTT, OPC UA) call back from their own threads; one
worker thread takes their signals in order, hands them to the registry, ticks it every
second (a stop passes the micro-stop threshold with no message at all) and records what
it decides through `MachineService`, as the machine source's own events. The server runs
one (`takt server --machines FILE`, in the process holding the single-writer lock); a
machine bridge elsewhere runs one over its own database, pushed like a terminal's.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Protocol

from app.clock import Clock, SystemClock
from app.errors import TaktError
from app.machines.calendar import ShiftCalendar
from app.machines.decisions import Decision, UnusableReading
from app.machines.mapping import (
    JsonSource,
    MachineMapping,
    OpcUaSource,
    Source,
    SparkplugSource,
)
from app.machines.parts import DEFAULT_WINDOW, PartsWindows
from app.machines.registry import MachineRegistry
from app.machines.signals import Reading, Signal
from app.routing.reasons import load_reasons
from app.secrets import get_secret
from app.services.machines import MachineService
from app.store import Store
from sync.machines.diagnostics import HostStatus, SourceDiagnostics
from sync.machines.json_topics import JsonTopic
from sync.machines.mqtt_host import MqttHost, MqttSourceConfig

log = logging.getLogger(__name__)

SignalCallback = Callable[[Signal], None]
MAX_BATCH = 2000  # signals decided and recorded together at most


class RunningSource(Protocol):
    """What the host needs of a source (MqttHost, OpcUaClientSource)."""

    def start(self) -> None: ...
    def stop(self, timeout: float = 5.0) -> None: ...
    def wait_online(self, timeout: float) -> bool: ...
    def diagnostics(self) -> SourceDiagnostics: ...


SourceFactory = Callable[[Source, SignalCallback], RunningSource]


def broker_password(source: str) -> str | None:
    """An MQTT source's password: from the keyring (or TAKT_SECRET_MACHINES_<SOURCE>_
    PASSWORD), never the mapping file; named as an OPC UA source's is."""
    return get_secret(f"machines-{source}-password")


def open_source(source: Source, on_signal: SignalCallback) -> RunningSource:
    """The running form of one configured source."""
    if isinstance(source, OpcUaSource):
        from sync.machines.opcua import OpcUaClientSource  # asyncua loads only when used

        return OpcUaClientSource(source, on_signal)
    broker = source.broker
    config = MqttSourceConfig(
        name=source.name,
        host_id=source.host_id if isinstance(source, SparkplugSource) else f"takt-{source.name}",
        groups=source.group_ids if isinstance(source, SparkplugSource) else (),
        json_topics=tuple(JsonTopic(t.topic, t.device) for t in source.topics)
        if isinstance(source, JsonSource)
        else (),
        broker_host=broker.host,
        broker_port=broker.port,
        client_id=broker.client_id,
        username=broker.username,
        password=broker_password(source.name) if broker.username else None,
        tls_ca_file=broker.tls_ca_file,
        keepalive=broker.keepalive_seconds,
    )
    return MqttHost(config, on_signal)


class MachineHost:
    def __init__(
        self,
        store: Store,
        mapping: MachineMapping,
        *,
        clock: Clock | None = None,
        calendars: dict[str, ShiftCalendar] | None = None,
        tick_s: float = 1.0,
        source_factory: SourceFactory = open_source,
        only: Iterable[str] | None = None,
        on_recorded: Callable[[], None] | None = None,
        parts_window: timedelta = DEFAULT_WINDOW,
    ) -> None:
        """`only`: the sources this host runs (a bridge enrolled for some of them);
        `on_recorded`: called after events were committed (a server wakes its streams)."""
        self._on_recorded = on_recorded
        self.store = store
        self.mapping = mapping
        self.clock = clock or SystemClock()
        self.tick_s = tick_s
        self.service = MachineService(store, self.clock)
        names = set(only) if only is not None else {s.name for s in mapping.sources}
        self._sources = [s for s in mapping.sources if s.name in names]
        self._source_of = {wc.code: wc.state.ref.source for wc in mapping.work_centers}
        self.registry = MachineRegistry(
            mapping,
            calendars if calendars is not None else self.service.calendars(mapping),
            reasons=load_reasons(),
            open_downtimes=[d for s in names for d in self.service.open_downtimes(s)],
        )
        self._factory = source_factory
        self._running: list[RunningSource] = []
        self._signals: queue.Queue[Signal | None] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()  # the registry and the counters, for status()
        self._recorded: Counter[str] = Counter()
        # A counter moving every second is one event a minute per work center.
        self._parts = PartsWindows(parts_window)
        self._signals_seen = 0
        self._lags: deque[float] = deque(maxlen=2000)  # ms from a reading's time to here
        self._unusable = 0
        self._failures: list[str] = []

    # -- life -------------------------------------------------------------------------------

    def start(self) -> None:
        if self._worker is not None:
            raise RuntimeError("the machine host is already running")
        self._worker = threading.Thread(target=self._work, name="machines-host", daemon=True)
        self._worker.start()
        for source in self._sources:
            running = self._factory(source, self._signals.put)
            running.start()
            self._running.append(running)
        log.info(
            "machine host: %d sources, %d work centers",
            len(self._running),
            len(self.mapping.work_centers),
        )

    def stop(self, timeout: float = 5.0) -> None:
        for running in self._running:
            try:
                running.stop(timeout)
            except Exception:  # one source failing to stop must not keep the others
                log.exception("a machine source did not stop cleanly")
        self._running.clear()
        if self._worker is not None:
            self._signals.put(None)
            self._worker.join(timeout)
            self._worker = None

    def wait_online(self, timeout: float) -> bool:
        """Whether every source connected (and subscribed) within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        return all(
            r.wait_online(max(0.0, deadline - time.monotonic())) for r in list(self._running)
        )

    def __enter__(self) -> MachineHost:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    # -- work -------------------------------------------------------------------------------

    def _work(self) -> None:
        next_tick = time.monotonic()
        while True:
            try:
                first = self._signals.get(timeout=max(0.0, next_tick - time.monotonic()))
            except queue.Empty:
                batch: list[Signal | None] = []
            else:
                # What queued meanwhile goes with it: one transaction for a burst (a broker
                # reconnecting, births of every device) instead of one per message.
                batch = [first, *self._drain(MAX_BATCH - 1)]
            stopping = None in batch
            with self._lock:
                decisions: list[Decision] = []
                for signal in batch:
                    if signal is None:
                        continue
                    self._signals_seen += 1
                    if isinstance(signal, Reading):
                        self._lags.append((self.clock.now() - signal.at).total_seconds() * 1000)
                    decisions += self._parts.add(self.registry.handle(signal))
                if stopping:
                    decisions += self._parts.flush()
                elif time.monotonic() >= next_tick:
                    now = self.clock.now()
                    decisions += self._parts.add(self.registry.tick(now))
                    decisions += self._parts.due(now)
                    next_tick = time.monotonic() + self.tick_s
            if decisions:
                self.record(decisions)
            if stopping:
                return

    def _drain(self, most: int) -> list[Signal | None]:
        taken: list[Signal | None] = []
        while len(taken) < most:
            try:
                taken.append(self._signals.get_nowait())
            except queue.Empty:
                break
        return taken

    def record(self, decisions: list[Decision]) -> None:
        """Record decisions by the source each work center's state comes from."""
        by_source: dict[str, list[Decision]] = {}
        for decision in decisions:
            if isinstance(decision, UnusableReading):
                self._unusable += 1
                continue
            source = self._source_of.get(decision.work_center)
            if source is not None:
                by_source.setdefault(source, []).append(decision)
        for source, batch in by_source.items():
            try:
                self.service.record(source, batch)
            except (TaktError, OSError) as error:
                # A decision the log refuses (a work center the plant no longer has) is
                # reported, and the host goes on with the next signal.
                self._note_failure(f"{source}: {error}")
                continue
            except Exception as error:  # the worker must outlive any one bad decision
                log.exception("machine decisions of %s could not be recorded", source)
                self._note_failure(f"{source}: {error}")
                continue
            with self._lock:
                self._recorded.update(type(d).__name__ for d in batch)
            if self._on_recorded is not None:
                self._on_recorded()

    def _note_failure(self, text: str) -> None:
        log.warning("machine host: %s", text)
        with self._lock:
            self._failures = [*self._failures[-19:], text]

    def status(self) -> HostStatus:
        with self._lock:
            return HostStatus(
                work_centers=self.registry.status(),
                sources=[r.diagnostics() for r in self._running],
                recorded=dict(self._recorded),
                signals=self._signals_seen,
                lag_p50_ms=_quantile(self._lags, 0.5),
                lag_p95_ms=_quantile(self._lags, 0.95),
                unusable=self._unusable,
                unrouted=self.registry.unrouted,
                failures=list(self._failures),
            )


def _quantile(samples: Iterable[float], q: float) -> float | None:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1) if ordered else None
