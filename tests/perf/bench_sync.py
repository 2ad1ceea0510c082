"""Sync between terminals and the server (issue 5): latency, catch-up, server ingest.

- sync_propagation: terminal A raises an exception; how long until terminal B (live
  stream) has applied it. Server on a SQLite file, both engines started.
- sync_catchup_5000: a kiosk whose server was down for a while (its screen up: its lane
  and the status bar's sync item; its engine running with default settings, retrying as
  it does) holds 5,000 own events. From the moment the server answers again until they
  are all on the server and the kiosk has pulled the server's head (`median_ms`,
  `p95_ms`...), and until, besides, its sync item has painted "online", nothing waiting
  (`to_screen_median_ms`...): what the backlog did shows on the kiosk from the start
  (local first), so that item is what the person waits for.
  sync_catchup_5000_elsewhere: the same, but meanwhile a supervisor at another terminal
  put the job on top of the kiosk's lane on hold: the screen's end also waits for the
  lane painted with the hold, and the kiosk's 5,000 events, now ordered after it, are
  taken back and applied again on top.
  The server was seeded and the kiosk recorded its backlog once (tests/perf/fixtures.py,
  kept by tests/perf/cache.py); each run starts from a copy.
- server_ingest_pg: 20 terminals, enrolled with one-time codes, push 100-event signed
  batches concurrently over HTTP into a server on PostgreSQL (each batch's signature is
  verified); server_ingest_pg_direct does what the push route does with each batch
  (sync.server.pushes: the same checks, and pushes that arrive while another is applied
  share its transaction) in process, on the same database pool as the server's own, so
  the difference is the HTTP layer's cost (and the token check).
  Both also report the process's CPU time per event (server and pushers: one process)
  and the SQL statements per event on the server's pool. The process pushes settled as
  `takt server` serves (sync.server.runner.settle: its cycle collector set as a server
  process sets it), not as a test process's collector runs.

The plant the server holds: a small one (3 work centers) for the plain names; the
`_plant_5000` and `_plant_10x` runs hold the plant the goals are set for (5,000 open
operations over 50 work centers) and one ten times the demo (20,000 over 170), with the
same events pushed, so the two figures' ratio is what the plant's size costs.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import re
import shutil
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event as sa_event
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.demo.seed import seed_plant
from app.events import log, replay
from app.events.envelope import GENESIS_HASH, Event
from app.events.replica import PageResult
from app.events.signing import (
    new_private_key,
    public_key_text,
    sign_head,
)
from app.model import EventRecord, ShopException
from app.model.types import OverrideKind
from app.priority.model import RowStatus
from app.services.exceptions import ExceptionService
from app.store import Store, open_memory_store, open_store, open_store_url
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.protocol import Cursor, PushRequest, WireEvent
from sync.server import auth, terminals
from sync.server.pushes import Pushes
from sync.server.runner import ServerThread, settle
from tests.perf.fixtures import (
    CATCHUP_EVENTS,
    CATCHUP_LANE,
    DOWNTIME,
    OPERATOR,
    CatchupTemplate,
    catchup_template,
    clock,
    connect,
    copy_database,
    enroll_terminal,
    free_port,
    record_offline,
    seed_server,
    serve,
    small_plant,
)
from tests.perf.harness import (
    benchmark,
    check,
    emit,
    load_average,
    log_in,
    percentile,
    throughput,
)
from tests.perf.screen import Screen, StatusItem, qt_app
from tests.pg import fresh_schema
from tests.server_process import ServerProcess
from ui.sync_controller import SyncController

Job = Callable[[], None]


# -- 1. propagation A -> server -> B over the live stream ---------------------------


@benchmark
def bench_sync_propagation() -> None:
    samples_n, warmup = 30, 3
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        server_store = seed_server(
            open_store(tmp / "server.sqlite3", terminal_name="server", clock=clock())
        )
        server = serve(server_store)
        seen = threading.Event()

        def on_applied_b(result: PageResult) -> None:
            if "exception.raised" in result.kinds:
                seen.set()

        a_store = open_store(tmp / "a.sqlite3", terminal_name="kiosk-a", clock=clock())
        b_store = open_store(tmp / "b.sqlite3", terminal_name="kiosk-b", clock=clock())
        a = connect(a_store, server_store, server.url)
        b = connect(b_store, server_store, server.url, on_applied=on_applied_b)
        engines = [a, b]
        try:
            a.sync_once()  # the plant's reference data, before the clock starts
            b.sync_once()
            log_in(a_store, clock(), OPERATOR)
            a.sync_once()
            a.start()
            b.start()
            service = ExceptionService(a_store, clock())
            samples: list[float] = []
            for index in range(warmup + samples_n):
                seen.clear()
                t0 = time.perf_counter()
                exception_id = service.raise_exception(OPERATOR, DOWNTIME)
                while True:
                    if not seen.wait(10):
                        raise RuntimeError(f"B never saw exception {exception_id}")
                    seen.clear()
                    with b_store.read() as session:
                        if session.get(ShopException, exception_id) is not None:
                            break
                elapsed = (time.perf_counter() - t0) * 1000
                if index >= warmup:
                    samples.append(elapsed)
                # Let A's push and A's own stream settle before the next sample.
                deadline = time.monotonic() + 10
                while a.waiting() and time.monotonic() < deadline:
                    time.sleep(0.005)
                time.sleep(0.05)
        finally:
            # In parallel: an engine's stop() waits for its live stream's next keepalive
            # (up to 10 s), since closing the response does not wake the blocked read.
            run_concurrently([engine.stop for engine in engines])
            server.stop()
            for store in (a_store, b_store, server_store):
                store.close()
    emit(
        "sync_propagation",
        median_ms=round(statistics.median(samples), 3),
        p95_ms=round(percentile(samples, 0.95), 3),
        min_ms=round(min(samples), 3),
        max_ms=round(max(samples), 3),
        n=len(samples),
    )


# -- 2. catch-up after an offline stretch -----------------------------------------


# Long enough for the engine's retries to have backed off to their longest pauses.
CATCHUP_OFFLINE_S = 15.0
CATCHUP_DEADLINE_S = 300.0
CAUGHT_UP_POLL_S = 0.02


@benchmark
def bench_sync_catchup_5000() -> None:
    sync_catchup("sync_catchup_5000")


@benchmark
def bench_sync_catchup_5000_plant_5000() -> None:
    sync_catchup("sync_catchup_5000_plant_5000", "5000", runs=3)


@benchmark
def bench_sync_catchup_5000_plant_10x() -> None:
    sync_catchup("sync_catchup_5000_plant_10x", "10x", runs=3)


@benchmark
def bench_sync_catchup_5000_elsewhere() -> None:
    sync_catchup("sync_catchup_5000_elsewhere", elsewhere=True, runs=3)


@benchmark
def bench_sync_catchup_5000_elsewhere_plant_5000() -> None:
    sync_catchup("sync_catchup_5000_elsewhere_plant_5000", "5000", elsewhere=True, runs=3)


@benchmark
def bench_sync_catchup_5000_elsewhere_plant_10x() -> None:
    sync_catchup("sync_catchup_5000_elsewhere_plant_10x", "10x", elsewhere=True, runs=3)


def sync_catchup(name: str, size: str = "small", *, elsewhere: bool = False, runs: int = 5) -> None:
    """From the moment the server answers again, two ends: the engine's (everything
    pushed, the server's head pulled: `median_ms`...) and the screen's (`to_screen_...`)."""
    qt_app()
    template = catchup_template(size)
    samples: list[float] = []
    to_screen: list[float] = []
    synced_shown: list[float] = []  # the sync item painted "online", nothing waiting
    with tempfile.TemporaryDirectory() as tmp_name:
        for run in range(runs):
            here = Path(tmp_name) / f"run-{run}"
            here.mkdir()
            server = "server-elsewhere.sqlite3" if elsewhere else "server.sqlite3"
            copy_database(template.directory / server, here / "server.sqlite3")
            copy_database(template.directory / "terminal.sqlite3", here / "terminal.sqlite3")
            engine_ms, item_ms, screen_ms = catchup_run(template, here, elsewhere)
            samples.append(engine_ms)
            synced_shown.append(item_ms)
            to_screen.append(screen_ms)
            shutil.rmtree(here)
    emit(
        name,
        median_ms=round(statistics.median(samples), 3),
        p95_ms=round(percentile(samples, 0.95), 3),
        min_ms=round(min(samples), 3),
        max_ms=round(max(samples), 3),
        to_screen_median_ms=round(statistics.median(to_screen), 3),
        to_screen_p95_ms=round(percentile(to_screen, 0.95), 3),
        to_screen_max_ms=round(max(to_screen), 3),
        synced_shown_median_ms=round(statistics.median(synced_shown), 3),
        n=runs,
        events=CATCHUP_EVENTS,
        offline_s=CATCHUP_OFFLINE_S,
        plant=size,
        elsewhere=elsewhere,
        load_avg=load_average(),
    )


def catchup_run(
    template: CatchupTemplate, here: Path, elsewhere: bool
) -> tuple[float, float, float]:
    """One catch-up from the copies in `here`: the kiosk's screen (its lane, WC-001, and
    the status bar's sync item), its engine running with default settings while the
    server is down, then the server back. Milliseconds until the engine is caught up,
    until the sync item painted "online", nothing waiting, and until the screen is
    caught up: both, and, `elsewhere`, the lane painted with the hold put on its top job."""
    port = free_port()
    store = open_store(here / "terminal.sqlite3", clock=clock())
    transport = template.credentials.transport(f"http://127.0.0.1:{port}")
    # Default settings: what a terminal in the plant runs with.
    engine = SyncEngine(store, transport, clock=clock())
    server_store = open_store(here / "server.sqlite3", clock=clock())
    server: ServerThread | None = None
    screen = Screen(store, CATCHUP_LANE)
    sync = SyncController(engine, screen.background, screen.controller)
    status = StatusItem(sync)

    def shows_hold() -> bool:
        return any(
            row.op_id == template.held
            and row.override is not None
            and row.override.kind is OverrideKind.HOLD
            for row in screen.view.model.ranked_rows()
        )

    caught: list[float] = []
    polled = [0.0]

    def screen_caught_up() -> bool:
        # The server's head is read at most every CAUGHT_UP_POLL_S; events are handled
        # between, so the paints are timed to the moment.
        now = time.perf_counter()
        if not caught and now - polled[0] >= CAUGHT_UP_POLL_S:
            polled[0] = now
            if caught_up(engine, server_store):
                caught.append(time.perf_counter())
        lane_done = screen.painted_at is not None or not elsewhere
        return bool(caught) and status.synced_at is not None and lane_done

    try:
        with server_store.read() as session:
            before = own_events(session, template.terminal_id)
        # The backlog's own effect was on screen before the server came back (local first).
        lane = screen.view.model.ranked_rows()
        check(
            all(row.status is RowStatus.BLOCKED_MACHINE for row in lane),
            "the kiosk's lane does not show its machine down",
        )
        check(not shows_hold(), "the kiosk shows the hold before it could know of it")
        sync.start()
        screen.idle(CATCHUP_OFFLINE_S)  # the server is down; the engine keeps trying
        check(engine.status.state == "offline", f"engine says {engine.status.state}")
        screen.arm(until=shows_hold)
        status.arm()
        server = serve(server_store, port)  # answering from here on
        start = time.perf_counter()
        screen.wait(screen_caught_up, CATCHUP_DEADLINE_S)
        synced_shown = status.synced_at
        assert synced_shown is not None
        ends = [caught[0], synced_shown]
        if elsewhere:
            ends.append(screen.painted())
            check(shows_hold(), "the kiosk's lane lost the hold again")
        with server_store.read() as session:
            after = own_events(session, template.terminal_id)
        check(
            after == (before[0] + CATCHUP_EVENTS,) * 3,
            f"server holds (events, distinct seqs, distinct ids) {after}, "
            f"expected {before[0] + CATCHUP_EVENTS} each",
        )
        return elapsed_ms(start, caught[0], synced_shown, max(ends))
    finally:
        # The server first: its shutdown ends the live stream the engine waits on.
        if server is not None:
            server.stop()
        sync.stop()
        check(sync.wait_stopped(30), "the kiosk's sync engine did not stop")
        status.close()
        screen.close(status.widget, sync)
        server_store.close()
        store.close()


def elapsed_ms(
    start: float, engine: float, item: float, screen: float
) -> tuple[float, float, float]:
    return (engine - start) * 1000, (item - start) * 1000, (screen - start) * 1000


def caught_up(engine: SyncEngine, server_store: Store) -> bool:
    """Nothing left to push, and the terminal has pulled up to the server's last event."""
    if engine.waiting():
        return False
    with server_store.read() as session:
        head = session.scalar(select(func.max(EventRecord.server_seq))) or 0
    return engine.cursor().seq >= head


def own_events(session: Session, terminal_id: str) -> tuple[int, int, int]:
    row = session.execute(
        select(
            func.count(),
            func.count(func.distinct(EventRecord.terminal_seq)),
            func.count(func.distinct(EventRecord.id)),
        ).where(EventRecord.terminal_id == terminal_id)
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


# -- 3. server ingest on PostgreSQL -------------------------------------------------

INGEST_TERMINALS = 20
INGEST_EVENTS_PER_TERMINAL = 500
INGEST_BATCH = 100
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class SimTerminal:
    name: str
    terminal_id: str
    events: list[Event]

    def batches(self) -> list[list[Event]]:
        return [self.events[i : i + INGEST_BATCH] for i in range(0, len(self.events), INGEST_BATCH)]


@functools.cache
def model_events() -> tuple[Event, ...]:
    """One real terminal's own events: the plant's log copied in, then exceptions raised
    and acknowledged through the service (so the server's rules accept them)."""
    source = open_memory_store(terminal_name="plant-source", clock=clock())
    seed_plant(source, small_plant(), clock())
    store = open_memory_store(terminal_name="model", clock=clock())
    with source.read() as s, store.write() as t:
        replay.copy_log(s, t)
    record_offline(store, INGEST_EVENTS_PER_TERMINAL)
    with store.read() as session:
        events = [e for e in log.read_all(session) if e.terminal_id == store.terminal_id]
    store.close()
    source.close()
    return tuple(sorted(events, key=lambda e: e.terminal_seq))


def rekeyed(events: tuple[Event, ...], terminal_id: str) -> list[Event]:
    """The same events as another terminal's: fresh event, exception and task ids, and
    a hash chain of its own (recording them through the service per terminal would
    take ~5 ms an event)."""
    own_ids = set()
    for event in events:
        if event.kind == "exception.raised":
            own_ids.add(event.payload["exception_id"])
            own_ids.update(t["task_id"] for t in event.payload.get("tasks", []))
    fresh: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        old = match.group(0)
        return fresh.setdefault(old, str(uuid.uuid4())) if old in own_ids else old

    result: list[Event] = []
    prev_hash = GENESIS_HASH
    for seq, event in enumerate(events, start=1):
        payload = json.loads(UUID.sub(swap, json.dumps(event.payload)))
        sealed = Event.sealed(
            id=str(uuid.uuid4()),
            terminal_id=terminal_id,
            terminal_seq=seq,
            kind=event.kind,
            payload=payload,
            actor=event.actor,
            occurred_at=event.occurred_at,
            prev_hash=prev_hash,
        )
        result.append(sealed)
        prev_hash = sealed.hash
    return result


def sim_terminals() -> list[SimTerminal]:
    model = model_events()
    sims = []
    for n in range(INGEST_TERMINALS):
        terminal_id = str(uuid.uuid4())
        sims.append(SimTerminal(f"sim-{n:02d}", terminal_id, rekeyed(model, terminal_id)))
    return sims


def pg_schema() -> contextlib.AbstractContextManager[str]:
    """A fresh PostgreSQL schema (dropped afterwards); raises OSError if unreachable."""
    return fresh_schema("bench")


def run_concurrently(jobs: list[Job]) -> float:
    """Start every job at once in its own thread; seconds until the last one finished."""
    barrier = threading.Barrier(len(jobs) + 1)
    errors: list[BaseException] = []

    def worker(job: Job) -> None:
        barrier.wait()
        try:
            job()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    if errors:
        raise errors[0]
    return seconds


def verify_ingest(store: Store, sims: list[SimTerminal]) -> None:
    with store.read() as session:
        for sim in sims:
            held = own_events(session, sim.terminal_id)
            check(held == (len(sim.events),) * 3, f"{sim.name}: server holds {held}")
        not_applied = session.scalar(
            select(func.count()).where(
                EventRecord.terminal_id.in_([s.terminal_id for s in sims]),
                EventRecord.outcome != "applied",
            )
        )
        check(not_applied == 0, f"{not_applied} pushed events were not applied")


def server_store(url: str, size: str = "small") -> Store:
    """The server's database as `takt server` opens it (app.store.open_database: the
    default pool), seeded with a plant. Both ingest benchmarks use it, so they
    differ in HTTP alone, not in how many connections the database work may use."""
    return seed_server(open_store_url(url, terminal_name="server", clock=clock()), size)


# Pushers: given the database's URL, the terminals, where to note each push's latency
# and the plant's size, the server's store and one job per terminal.
Pushers = Callable[
    [str, list[SimTerminal], list[float], str], AbstractContextManager[tuple[Store, list[Job]]]
]


@contextlib.contextmanager
def http_pushers(
    url: str, sims: list[SimTerminal], latencies: list[float], size: str = "small"
) -> Iterator[tuple[Store, list[Job]]]:
    """A real server in this process with every terminal registered; a job per terminal
    pushes its batches over HTTP, as SyncEngine.push_pending does."""
    store = server_store(url, size)
    server = serve(store)
    try:
        with http_jobs(store, server.url, sims, latencies) as jobs:
            yield store, jobs
    finally:
        server.stop()
        store.close()


@contextlib.contextmanager
def http_jobs(
    store: Store,
    url: str,
    sims: list[SimTerminal],
    latencies: list[float],
    now: datetime | None = None,
) -> Iterator[list[Job]]:
    """Each terminal enrolled with the server at `url` (a one-time code from its
    database), and a job that pushes the terminal's batches over HTTP."""
    jobs: list[Job] = []
    transports: list[Transport] = []
    for sim in sims:
        transport = Transport(url)
        transports.append(transport)
        enroll_terminal(store, transport, sim.terminal_id, sim.name, now)

        def push_all(sim: SimTerminal = sim, transport: Transport = transport) -> None:
            for batch in sim.batches():
                start = time.perf_counter()
                response = transport.push(Cursor(), batch)
                latencies.append(time.perf_counter() - start)
                check(response.stopped is None, str(response.stopped))

        jobs.append(push_all)
    try:
        yield jobs
    finally:
        for transport in transports:
            transport.close()


def process_pushers(workers: int) -> Pushers:
    """`takt server --workers N` in processes of their own on the database, each
    terminal pushing over HTTP from this process, as http_pushers does."""

    @contextlib.contextmanager
    def pushers(
        url: str, sims: list[SimTerminal], latencies: list[float], size: str = "small"
    ) -> Iterator[tuple[Store, list[Job]]]:
        store = server_store(url, size)
        home = Path(tempfile.mkdtemp(prefix="takt-ingest-"))
        (home / "server").mkdir()
        server = ServerProcess(home / "server", url, "--workers", str(workers))
        try:
            server.started(timeout_s=60)
            with http_jobs(store, server.url, sims, latencies, datetime.now(UTC)) as jobs:
                yield store, jobs
        finally:
            server.stop()
            store.close()
            shutil.rmtree(home, ignore_errors=True)

    return pushers


@contextlib.contextmanager
def direct_pushers(
    url: str, sims: list[SimTerminal], latencies: list[float], size: str = "small"
) -> Iterator[tuple[Store, list[Job]]]:
    """What the push route does with each batch (sync.server.pushes: checked, then
    applied alone or together with the pushes that arrive meanwhile, each with its
    receipt, cursor, signature and signed head), minus HTTP, JSON and the token check,
    on the server's own pool."""
    store = server_store(url, size)
    pushes = Pushes(store, clock())
    jobs: list[Job] = []
    for sim in sims:
        key = new_private_key()
        code = terminals.add(store, clock().now(), sim.name).code
        with store.write() as session:
            auth.register(
                session,
                presented_key=code,
                terminal_id=sim.terminal_id,
                name=sim.name,
                public_key=public_key_text(key),
                server_id=store.terminal_id,
                now=clock().now(),
            )
        requests = [
            PushRequest(
                cursor=Cursor(),
                events=[WireEvent.of(e) for e in batch],
                signature=sign_head(key, sim.terminal_id, batch[-1].terminal_seq, batch[-1].hash),
            )
            for batch in sim.batches()
        ]

        def push_all(sim: SimTerminal = sim, requests: list[PushRequest] = requests) -> None:
            for request in requests:
                start = time.perf_counter()
                response = pushes.apply(sim.terminal_id, request)
                latencies.append(time.perf_counter() - start)
                check(response.stopped is None, str(response.stopped))

        jobs.append(push_all)
    try:
        yield store, jobs
    finally:
        store.close()


@contextlib.contextmanager
def settled_process() -> Iterator[None]:
    """This process as `takt server` runs its own once it serves (runner.settle: what
    was made to start kept out of the cycle collector's scans, which run less often),
    the collector as it was afterwards. A server in processes of its own settles there."""
    threshold = gc.get_threshold()
    settle()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def ingest_bench(name: str, pushers: Pushers, size: str = "small", **extra: object) -> None:
    """Every simulated terminal pushes at once into a fresh PostgreSQL schema."""
    latencies: list[float] = []
    statements = [0]

    def count(*_: object) -> None:
        statements[0] += 1

    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(pg_schema())
        except (OSError, ImportError) as error:
            emit(name, skipped=str(error))
            return
        sims = sim_terminals()
        store, jobs = stack.enter_context(pushers(url, sims, latencies, size))
        stack.enter_context(settled_process())
        sa_event.listen(store.engine, "before_cursor_execute", count)
        cpu = time.process_time()
        seconds = run_concurrently(jobs)
        cpu = time.process_time() - cpu
        sa_event.remove(store.engine, "before_cursor_execute", count)
        verify_ingest(store, sims)
    events = sum(len(s.events) for s in sims)
    # With the server in processes of its own, its statements and CPU are not counted.
    own: dict[str, float] = {"cpu_ms_per_event": round(cpu * 1000 / events, 3)}
    if statements[0]:
        own["statements_per_event"] = round(statements[0] / events, 3)
    throughput(
        name,
        events,
        seconds,
        elapsed_s=round(seconds, 3),
        terminals=len(sims),
        batch=INGEST_BATCH,
        # How long one push waited for its answer: all pushes queue on the server state row.
        push_median_ms=round(statistics.median(latencies) * 1000, 1),
        push_max_ms=round(max(latencies) * 1000, 1),
        plant=size,
        **own,
        **extra,
    )


@benchmark
def bench_server_ingest_pg() -> None:
    ingest_bench("server_ingest_pg", http_pushers)


@benchmark
def bench_server_ingest_pg_direct() -> None:
    ingest_bench("server_ingest_pg_direct", direct_pushers)


@benchmark
def bench_server_ingest_pg_plant_5000() -> None:
    ingest_bench("server_ingest_pg_plant_5000", http_pushers, "5000")


@benchmark
def bench_server_ingest_pg_direct_plant_5000() -> None:
    ingest_bench("server_ingest_pg_direct_plant_5000", direct_pushers, "5000")


@benchmark
def bench_server_ingest_pg_plant_10x() -> None:
    ingest_bench("server_ingest_pg_plant_10x", http_pushers, "10x")


@benchmark
def bench_server_ingest_pg_direct_plant_10x() -> None:
    ingest_bench("server_ingest_pg_direct_plant_10x", direct_pushers, "10x")


@benchmark
def bench_server_ingest_pg_workers() -> None:
    """The server as a plant runs it on PostgreSQL, `takt server --workers 2`: what one
    server process cannot overlap (HTTP, JSON, checks before the state row's lock), two
    do, while the terminals push from another process."""
    ingest_bench("server_ingest_pg_workers", process_pushers(2), workers=2)


@benchmark
def bench_server_ingest_pg_process() -> None:
    """One `takt server` process of its own: what the second worker adds."""
    ingest_bench("server_ingest_pg_process", process_pushers(1), workers=1)
