"""A machine bridge: a machine host on a machine of its own, pushing to the server as a
terminal does.

It keeps its own database (the plant pulled from the server, its machine events first of
all), is enrolled with a code that names the sources it speaks for (`takt server
terminals add --machines SOURCE`), and pushes its events through the same sync engine as
a kiosk; the server takes `machine:<source>` events from this terminal only. The broker
can be next to the machines and the server far away: a stop recorded while the server is
unreachable goes up when it answers again, nothing lost and nothing doubled.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from app.machines.mapping import MachineMapping
from app.store import Store
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.machines.host import MachineHost, SourceFactory, open_source

log = logging.getLogger(__name__)


class MachineBridge:
    """The sync engine and the machine host over one bridge database; start, then stop."""

    def __init__(
        self,
        store: Store,
        transport: Transport,
        mapping: MachineMapping,
        *,
        only: Iterable[str] | None = None,
        tick_s: float = 1.0,
        source_factory: SourceFactory = open_source,
    ) -> None:
        self.store = store
        self.engine = SyncEngine(store, transport)
        self.mapping = mapping
        self._only = only
        self._tick_s = tick_s
        self._factory = source_factory
        self.host: MachineHost | None = None

    def start(self) -> None:
        """Pull the plant first (a downtime names a work center the bridge must know),
        then read the machines; the engine pushes each commit of the host's as it lands."""
        self.engine.sync_once()
        self.host = MachineHost(
            self.store,
            self.mapping,
            only=self._only,
            tick_s=self._tick_s,
            source_factory=self._factory,
        )
        self.engine.start()
        self.host.start()
        log.info("machine bridge: reading %d work centers", len(self.mapping.work_centers))

    def stop(self) -> None:
        if self.host is not None:
            self.host.stop()
        self.engine.stop()
