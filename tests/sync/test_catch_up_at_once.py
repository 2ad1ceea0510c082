"""A terminal back after an outage catches up at once (issue 13): while the server does
not answer it is probed on a short schedule and sent nothing; the moment it answers, the
backlog goes out batch after batch with no pause; a server that answers 503 is left
alone for its Retry-After.

The schedule is read from the engine's own record of its pauses (`on_pause`) and from
what each round returns, never from the wall clock."""

from __future__ import annotations

import math
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import event, func, select, text

from app.events.envelope import Event
from app.model import EventRecord
from sync.client import engine as engine_module
from sync.client.engine import IDLE_RETRY_S, PROBE_MAX_S, SyncEngine
from sync.client.transport import Transport
from sync.protocol import Cursor, PushResponse
from tests.sync.plant import Plant, Terminal
from tests.sync.test_sync_protocol import OPERATOR, SUPERVISOR, downtime

BATCH = 3  # a small batch, so a dozen events make several batches


class Ceiling(random.Random):
    """Jitter that always picks the longest pause: the schedule becomes exact."""

    def uniform(self, a: float, b: float) -> float:
        return b


class LiveWaitsAnHour(Ceiling):
    """Exact jitter, but every pause of the live thread is an hour: it reconnects only
    when the push thread tells it the server is back."""

    def uniform(self, a: float, b: float) -> float:
        return 3600.0 if threading.current_thread().name == "takt-sync-live" else b


class Counted:
    """The engine's transport, counting pushes (and the failed ones) and probes."""

    def __init__(self, transport: Transport) -> None:
        self.pushes = 0
        self.failed_pushes = 0
        self.probes = 0
        push, probe = transport.push, transport.probe

        def counted_push(cursor: Cursor, events: list[Event], **kwargs: object) -> PushResponse:
            self.pushes += 1
            try:
                return push(cursor, events, **kwargs)  # type: ignore[arg-type]
            except Exception:
                self.failed_pushes += 1
                raise

        def counted_probe() -> None:
            self.probes += 1
            probe()

        transport.push = counted_push  # type: ignore[method-assign]
        transport.probe = counted_probe  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "PUSH_BATCH", BATCH)


@pytest.fixture
def engines() -> Iterator[list[SyncEngine]]:
    made: list[SyncEngine] = []
    yield made
    for engine in made:
        engine.stop()


def record(t: Terminal, exceptions: int) -> int:
    """Raise and acknowledge `exceptions` exceptions on `t` (its engine not running); return
    how many own events wait to be sent."""
    for _ in range(exceptions):
        t.exceptions.acknowledge(SUPERVISOR, t.exceptions.raise_exception(OPERATOR, downtime()))
    return t.engine.waiting()


def engine_for(
    t: Terminal,
    made: list[SyncEngine],
    on_pause: Callable[[str, float], None] | None = None,
    rng: random.Random | None = None,
) -> tuple[SyncEngine, Counted]:
    """A fresh engine on `t`'s database with default settings, exact jitter, counted calls."""
    transport = Transport(t.engine.transport.base_url, t.engine.transport.token)
    transport.signing_key = t.engine.transport.signing_key
    engine = SyncEngine(
        t.store, transport, clock=t.engine.clock, rng=rng or Ceiling(), on_pause=on_pause
    )
    made.append(engine)
    return engine, Counted(transport)


def server_head(plant: Plant) -> int:
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        return int(session.scalar(select(func.max(EventRecord.server_seq))) or 0)


def test_a_silent_server_is_probed_on_a_short_schedule_and_sent_nothing_more(
    plant: Plant, engines: list[SyncEngine]
) -> None:
    t = plant.terminal("kiosk-a")
    t.engine.sync_once()
    plant.stop_server()
    waiting = record(t, 6)
    engine, calls = engine_for(t, engines)

    delays = [engine.push_round() for _ in range(10)]

    # The first round pushed and found nobody; every later one only probed. The pauses
    # grow to the probe ceiling and stop there, well short of the 30 s retry ceiling.
    assert delays == [min(0.5 * 2**n, PROBE_MAX_S) for n in range(10)]
    assert PROBE_MAX_S < 30.0
    assert (calls.pushes, calls.failed_pushes, calls.probes) == (1, 1, 9)
    assert engine.status.state == "offline"
    assert engine.waiting() == waiting


def test_the_round_after_the_server_answers_again_sends_the_whole_backlog_back_to_back(
    plant: Plant, engines: list[SyncEngine]
) -> None:
    t = plant.terminal("kiosk-a")
    t.engine.sync_once()
    plant.stop_server()
    waiting = record(t, 6)
    assert waiting >= 4 * BATCH
    engine, calls = engine_for(t, engines)
    for _ in range(12):  # long enough that the old back-off would be at its 30 s ceiling
        engine.push_round()

    plant.start_server()
    delay = engine.push_round()

    # One probe, then every batch in the same round: no pause between batches, and the
    # next round is the idle one, not a back-off.
    assert delay == IDLE_RETRY_S
    assert calls.probes == 12
    assert calls.pushes - 1 == math.ceil(waiting / BATCH)
    assert calls.failed_pushes == 1
    assert engine.waiting() == 0
    assert plant.held_seqs(t) == t.own_seqs()  # each event once, in order
    assert engine.status.state == "online"


def test_a_running_engine_pushes_at_the_next_probe_then_pulls_at_once(
    plant: Plant, engines: list[SyncEngine]
) -> None:
    t = plant.terminal("kiosk-a")
    t.engine.sync_once()
    plant.stop_server()
    waiting = record(t, 6)
    pauses: list[tuple[str, float]] = []
    lock = threading.Lock()
    enough = threading.Event()

    def on_pause(thread: str, seconds: float) -> None:
        with lock:
            pauses.append((thread, seconds))
            if sum(1 for p in pauses if p[0] == "push") >= 4:
                enough.set()

    engine, calls = engine_for(t, engines, on_pause, LiveWaitsAnHour())
    engine._probe_max_s = 0.5  # probes every half second at most: the test stays short
    engine.start()
    assert enough.wait(20), pauses
    assert engine.status.state == "offline"

    plant.start_server()
    with lock:
        before = len(pauses)
    deadline = time.monotonic() + 30
    while engine.waiting() or engine.cursor().seq < server_head(plant):
        assert time.monotonic() < deadline, (engine.status, pauses)
        time.sleep(0.02)
    engine.stop()

    push = [seconds for thread, seconds in pauses if thread == "push"]
    after = [seconds for thread, seconds in pauses[before:] if thread == "push"]
    # Offline: probe pauses only, never the accumulated back-off (0.5, 1, 2, 4, ...).
    assert all(seconds <= 0.5 for seconds in push[: len(push) - len(after)]), push
    # Back: at most the probe under way when the server came up, then the whole backlog
    # in one round and the idle pause after it; no back-off between batches.
    assert after[-1] == IDLE_RETRY_S, after
    assert all(seconds == IDLE_RETRY_S for seconds in after[1:]), after
    assert calls.failed_pushes == 1  # only the first, before it knew the server was gone
    assert calls.pushes - 1 >= math.ceil(waiting / BATCH)
    assert plant.held_seqs(t) == t.own_seqs()
    # The live thread's one pause was an hour: the push thread, once the backlog was out,
    # cut it short (one thread probes; the stream reconnects when the server is back).
    assert [seconds for thread, seconds in pauses if thread == "live"] == [3600.0]


def test_a_server_answering_503_is_left_alone_for_its_retry_after_then_pushed_directly(
    plant: Plant, engines: list[SyncEngine]
) -> None:
    t = plant.terminal("kiosk-a")
    t.engine.sync_once()
    assert plant.server_store is not None
    db = plant.server_store.engine
    with plant.server_store.read() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()

    def full_disk(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(db, "connect", full_disk)
    db.dispose()  # the server's next connections find the disk full: 503, Retry-After 30
    waiting = record(t, 2)
    engine, calls = engine_for(t, engines)

    assert engine.push_round() == 30.0  # Retry-After, although the back-off says 0.5
    assert engine.push_round() == 30.0
    # It answers, so the next round pushes again rather than probing.
    assert (calls.pushes, calls.failed_pushes, calls.probes) == (2, 2, 0)
    assert engine.waiting() == waiting

    event.remove(db, "connect", full_disk)
    db.dispose()  # space freed
    assert engine.push_round() == IDLE_RETRY_S
    assert engine.waiting() == 0
    assert plant.held_seqs(t) == t.own_seqs()


def test_local_writes_during_an_outage_are_not_each_a_try(
    plant: Plant, engines: list[SyncEngine]
) -> None:
    t = plant.terminal("kiosk-a")
    t.engine.sync_once()
    plant.stop_server()
    record(t, 1)
    engine, calls = engine_for(t, engines)
    assert engine.push_round() == 0.5  # its push finds the server gone; probes from here on
    started = time.monotonic()
    engine.start()
    record(t, 10)  # 20 local writes, each a commit the engine hears of
    elapsed = time.monotonic() - started
    engine.stop()
    # Tries only on the probe schedule (the exact jitter makes the pauses 1 s, 2 s, ...
    # up to the ceiling), not one per write: those that fit in the time the writes took.
    pauses = [min(0.5 * 2**n, PROBE_MAX_S) for n in range(1, 200)]
    allowed = 1 + sum(1 for n in range(len(pauses)) if sum(pauses[: n + 1]) <= elapsed + 0.5)
    assert calls.probes <= allowed, (calls.probes, elapsed)
    assert calls.pushes == 1  # the first round's
