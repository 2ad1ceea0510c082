"""Machine signals (issue 14): from a machine's stop to the downtime on a terminal.

- machine_stop_to_terminal: a Sparkplug B edge node (sync/machines/sparkplug/edge.py)
  publishes "down" through the real broker on 127.0.0.1:1883; the server's embedded
  machine host (`takt server --machines FILE`, here in process, on a SQLite file) decides
  the downtime once the micro-stop threshold has passed and records it; a terminal
  following the server's live stream has the exception in its own database. The figure
  is that time minus the threshold (set to 0.2 s here; 60 s by default in a plant), so
  it is what broker, host, server and stream add. The machine then runs again, which
  closes the downtime, before the next sample.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from app.machines.mapping import MachineMapping, mapping_from_text
from app.model import ShopException
from app.model.types import ExceptionKind, ExceptionStatus
from app.routing.reasons import load_reasons
from app.store import Store, open_store
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.machines.sparkplug.edge import EdgeNode
from sync.machines.sparkplug.payload import DataType
from sync.server.app import create_app
from sync.server.runner import ServerThread
from tests.perf.bench_sync import enroll_terminal, seed_server
from tests.perf.harness import benchmark, check, emit, percentile

THRESHOLD_S = 0.2
WC = "WC-001"
RUNNING, DOWN = 1, 3


def _mapping(group: str, host_id: str) -> MachineMapping:
    return mapping_from_text(
        f"""
[settings]
micro_stop_seconds = {THRESHOLD_S}

[[sources]]
name = "bench-spb"
kind = "sparkplug"
host = "127.0.0.1"
port = 1883
group_ids = ["{group}"]
host_id = "{host_id}"

[[work_centers]]
code = "{WC}"
source = "bench-spb"
device = "{group}/cell/press"
[work_centers.state]
metric = "Mode"
values = {{ "1" = "running", "3" = "down" }}
""",
        reasons=load_reasons(),
    )


def _open_downtime(store: Store, exception_ids: set[str]) -> str | None:
    with store.read() as session:
        for exc in session.scalars(
            select(ShopException).where(
                ShopException.kind == ExceptionKind.MACHINE_DOWNTIME,
                ShopException.status != ExceptionStatus.RESOLVED,
            )
        ):
            if exc.id not in exception_ids:
                return str(exc.id)
    return None


@benchmark
def bench_machine_stop_to_terminal() -> None:
    samples_n, warmup = 20, 2
    group, host_id = f"B{uuid.uuid4().hex[:8]}", f"bench-{uuid.uuid4().hex[:6]}"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        # The real clock: the edge node stamps its messages now.
        server_store = seed_server(open_store(tmp / "server.sqlite3", terminal_name="server"))
        api = create_app(server_store, deadline_interval_s=None, machines=_mapping(group, host_id))
        server = ServerThread(api, port=0).start()
        kiosk_store = open_store(tmp / "kiosk.sqlite3", terminal_name="kiosk")
        seen = threading.Event()
        transport = Transport(server.url)
        enroll_terminal(
            server_store, transport, kiosk_store.terminal_id, "kiosk", datetime.now(UTC)
        )
        kiosk = SyncEngine(kiosk_store, transport, on_applied=lambda _: seen.set())
        edge = EdgeNode(
            group, "cell", devices={"press": {"Mode": (DataType.Int32, RUNNING)}}, keepalive=5
        )
        try:
            kiosk.sync_once()
            kiosk.start()
            edge.start()
            check(edge.wait_births(1, 15), "the edge node did not birth")
            time.sleep(1.0)  # the host subscribed and heard the birth
            known: set[str] = set()
            samples: list[float] = []
            for index in range(warmup + samples_n):
                t0 = time.perf_counter()
                edge.publish({"Mode": DOWN}, device="press")
                deadline = time.monotonic() + 15
                while (found := _open_downtime(kiosk_store, known)) is None:
                    check(time.monotonic() < deadline, "the terminal never saw the downtime")
                    seen.wait(0.05)
                    seen.clear()
                elapsed_ms = (time.perf_counter() - t0) * 1000 - THRESHOLD_S * 1000
                known.add(found)
                if index >= warmup:
                    samples.append(elapsed_ms)
                edge.publish({"Mode": RUNNING}, device="press")
                time.sleep(0.3)  # closed on the server before the next stop
        finally:
            edge.stop()
            kiosk.stop()
            server.stop()
            kiosk_store.close()
            server_store.close()
    emit(
        "machine_stop_to_terminal",
        median_ms=round(statistics.median(samples), 1),
        p95_ms=round(percentile(samples, 0.95), 1),
        max_ms=round(max(samples), 1),
        threshold_s=THRESHOLD_S,
        n=len(samples),
    )


# -- one host, 500 devices publishing every second ---------------------------------------

LOAD_NODES, LOAD_DEVICES = 50, 10  # 500 devices
LOAD_SECONDS = 12.0


def _load_mapping(group: str, host_id: str) -> MachineMapping:
    parts = [
        f"""
[settings]

[[sources]]
name = "load-spb"
kind = "sparkplug"
host = "127.0.0.1"
port = 1883
group_ids = ["{group}"]
host_id = "{host_id}"
"""
    ]
    for n in range(LOAD_NODES):
        for d in range(LOAD_DEVICES):
            parts.append(
                f"""
[[work_centers]]
code = "WC-{n * LOAD_DEVICES + d + 1:03d}"
source = "load-spb"
device = "{group}/node-{n:02d}/dev-{d}"
parts = {{ metric = "Parts" }}
[work_centers.state]
metric = "Mode"
values = {{ "1" = "running", "3" = "down" }}
"""
            )
    return mapping_from_text("".join(parts), reasons=load_reasons())


def publish_load(group: str, seconds: float) -> None:
    """Every device counts a part every second; every few seconds a few stop for a while
    (run in a process of its own, so the host's CPU share is its own)."""
    import random

    rng = random.Random(7)
    nodes = [
        EdgeNode(
            group,
            f"node-{n:02d}",
            devices={
                f"dev-{d}": {"Mode": (DataType.Int32, RUNNING), "Parts": (DataType.Int64, 0)}
                for d in range(LOAD_DEVICES)
            },
        )
        for n in range(LOAD_NODES)
    ]
    for node in nodes:
        node.start()
    for node in nodes:
        node.wait_births(1, 30)
    counts = [[0] * LOAD_DEVICES for _ in nodes]
    down: dict[tuple[int, int], float] = {}
    start = time.monotonic()
    second = 0
    while time.monotonic() - start < seconds:
        second += 1
        for n, node in enumerate(nodes):
            for d in range(LOAD_DEVICES):
                if (n, d) in down:
                    if second >= down[(n, d)]:
                        del down[(n, d)]
                        node.publish({"Mode": RUNNING}, device=f"dev-{d}")
                    continue
                if rng.random() < 0.002:
                    down[(n, d)] = second + rng.choice((2, 5, 90))
                    node.publish({"Mode": DOWN}, device=f"dev-{d}")
                    continue
                counts[n][d] += 1
                node.publish({"Parts": counts[n][d]}, device=f"dev-{d}")
        time.sleep(max(0.0, start + second - time.monotonic()))
    for node in nodes:
        node.stop()


@benchmark
def bench_machines_500_devices() -> None:
    import subprocess
    import sys

    from app.demo.generator import synthetic_plant
    from app.demo.seed import seed_plant
    from sync.machines.host import MachineHost

    group, host_id = f"L{uuid.uuid4().hex[:8]}", f"load-{uuid.uuid4().hex[:6]}"
    with tempfile.TemporaryDirectory() as tmp_name:
        store = open_store(Path(tmp_name) / "host.sqlite3", terminal_name="machines")
        seed_plant(
            store,
            synthetic_plant(
                seed=1,
                work_centers=LOAD_NODES * LOAD_DEVICES,
                open_operations=LOAD_NODES * LOAD_DEVICES,
                now=datetime.now(UTC),
            ),
        )
        host = MachineHost(store, _load_mapping(group, host_id), calendars={})
        host.start()
        check(host.wait_online(15), "the host did not reach the broker")
        publisher = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from tests.perf.bench_machines import publish_load; "
                f"publish_load({group!r}, {LOAD_SECONDS})",
            ]
        )
        try:
            time.sleep(5.0)  # the edge nodes connect and birth
            before = host.status()
            wall0, cpu0 = time.perf_counter(), time.process_time()
            publisher.wait(LOAD_SECONDS + 30)
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
            time.sleep(1.0)
            after = host.status()
        finally:
            publisher.kill()
            host.stop()
            store.close()
    signals = after.signals - before.signals
    emit(
        "machines_500_devices",
        per_s=round(signals / wall, 1),
        cpu_share=round(cpu / wall, 3),
        lag_p50_ms=after.lag_p50_ms,
        lag_p95_ms=after.lag_p95_ms,
        events=sum(after.recorded.values()),
        failures=len(after.failures),
        devices=LOAD_NODES * LOAD_DEVICES,
        seq_gaps=sum(n.seq_gaps for s in after.sources for n in s.nodes),
        rebirths=sum(n.rebirths_requested for s in after.sources for n in s.nodes),
        quarantined=sum(s.all_quarantined for s in after.sources),
        messages=sum(s.messages for s in after.sources) - sum(s.messages for s in before.sources),
    )
