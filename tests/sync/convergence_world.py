"""The world the convergence model (issue 17) acts on: one real server on 127.0.0.1 over
SQLite or PostgreSQL, terminals that reach it through a fault proxy each, their clocks,
and the invariants that must hold once the network heals.

Everything here is synchronous on the terminals' side (no sync threads: each engine is
driven with push_pending / pull_pending / sync_once), so what a run does depends only on
the operations it is given. Used by tests/sync/test_convergence_model.py (a few hundred
steps in CI) and tests/perf/bench_convergence.py (tens of thousands).
"""

from __future__ import annotations

import random
import shutil
import socket
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock, FixedClock
from app.demo.generator import PlantData, synthetic_plant
from app.demo.seed import seed_plant
from app.events import audit, replay
from app.model import ErpPosting, EventRecord
from app.model.types import PostingStatus
from app.services.board import BoardService
from app.services.exceptions import ExceptionService
from app.services.execution import ExecutionService
from app.services.people import PeopleService
from app.store import Store, open_store, open_store_url
from sync.client.credentials import obtain_token
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.erp.base import ErpOutcomeUnknown, Posted, Posting
from sync.erp.writer import ErpWriter
from sync.server.app import prepare
from tests.conftest import NOW
from tests.erp.scripted_erp import ScriptedErp
from tests.pg import PG_URL
from tests.sync.faults import FaultProxy
from tests.sync.plant import SNAPSHOT_IGNORE, Plant

# One own event as both sides must hold it: number, id, content hash.
Own = tuple[int, str, str]


def small_plant() -> PlantData:
    """The plant tests/conftest.py's `small_plant` fixture makes (3 work centers, people
    901 operator ... 908 admin), for callers outside pytest (the benchmark)."""
    return synthetic_plant(seed=3, work_centers=3, open_operations=12, now=NOW)


def dead_url() -> str:
    """A URL nothing listens on: a terminal pointed at it is offline (connection refused),
    and its pooled keep-alive connections to the proxy are not reused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


class SkewedClock:
    """A terminal's clock: the plant's clock off by `skew`, which a rule may change."""

    def __init__(self, reference: Clock) -> None:
        self.reference = reference
        self.skew = timedelta(0)

    def now(self) -> datetime:
        return self.reference.now() + self.skew


class FlakyErp(ScriptedErp):
    """The tests' ERP, which can also commit a posting and lose the answer (a timeout
    after its commit): the writer must look it up, not post it again."""

    def __init__(self) -> None:
        super().__init__()
        self.lose_answer = 0  # the next postings are committed, the answer never arrives

    def post(self, posting: Posting) -> Posted:
        posted = super().post(posting)
        if self.lose_answer:
            self.lose_answer -= 1
            raise ErpOutcomeUnknown("read timed out after the ERP committed")
        return posted


# -- server databases ------------------------------------------------------------------


class Backend:
    """Fresh server databases holding the small plant, one per run."""

    name = "?"

    def fresh(self, folder: Path, clock: Clock) -> Callable[[], Store]:
        """A new server database; returns how to open it (again, after a restart)."""
        raise NotImplementedError

    def drop(self) -> None:
        """Forget the database `fresh` last made."""


class SqliteBackend(Backend):
    name = "sqlite"

    def __init__(self, template: Path | None = None, plant: PlantData | None = None) -> None:
        self._template = template
        self._plant = plant

    def template(self) -> Path:
        # Seeding hashes PINs: done once, each run gets a copy of the file.
        if self._template is None:
            path = Path(tempfile.mkdtemp(prefix="takt-model-template-")) / "server.sqlite3"
            store = open_store(path, terminal_name="server", clock=FixedClock(NOW))
            prepare(store)
            seed_plant(store, self._plant or small_plant(), FixedClock(NOW))
            store.close()
            self._template = path
        return self._template

    def fresh(self, folder: Path, clock: Clock) -> Callable[[], Store]:
        path = folder / "server.sqlite3"
        shutil.copy(self.template(), path)
        return lambda: open_store(path, clock=clock)


class PostgresBackend(Backend):
    """A fresh schema per run in the test database, dropped afterwards."""

    name = "postgresql"

    def __init__(self, plant: PlantData | None = None, url: str = PG_URL) -> None:
        import psycopg

        self.url = url
        self._plant = plant or small_plant()
        self._admin = psycopg.connect(
            url.replace("postgresql+psycopg://", "postgresql://"),
            autocommit=True,
            connect_timeout=3,
        )
        self._schema: str | None = None

    def fresh(self, folder: Path, clock: Clock) -> Callable[[], Store]:
        self.drop()
        self._schema = f"m_{uuid.uuid4().hex[:12]}"
        self._admin.execute(f"CREATE SCHEMA {self._schema}")
        url = f"{self.url}?options=-csearch_path%3D{self._schema}"
        seeded = open_store_url(url, terminal_name="server", clock=clock)
        prepare(seeded)
        seed_plant(seeded, self._plant, clock)
        seeded.close()
        return lambda: open_store_url(url, clock=clock)

    def drop(self) -> None:
        if self._schema is not None:
            self._admin.execute(f"DROP SCHEMA {self._schema} CASCADE")
            self._schema = None

    def close(self) -> None:
        self.drop()
        self._admin.close()


# -- terminals -------------------------------------------------------------------------


@dataclass
class Node:
    """A terminal as the model sees it: its database, engine, services and link."""

    name: str
    path: Path
    clock: SkewedClock
    proxy: FaultProxy
    store: Store
    engine: SyncEngine
    online: bool = True
    # Every own event it recorded, as the model saw it right after each command.
    recorded: list[Own] = field(default_factory=list)

    @property
    def terminal_id(self) -> str:
        return self.store.terminal_id

    @property
    def transport(self) -> Transport:
        return self.engine.transport

    def services(self) -> tuple[ExecutionService, BoardService, ExceptionService, PeopleService]:
        return (
            ExecutionService(self.store, self.clock),
            BoardService(self.store, self.clock),
            ExceptionService(self.store, self.clock),
            PeopleService(self.store, self.clock),
        )

    def link(self) -> None:
        """Point the transport where the terminal's network currently leads."""
        self.transport.base_url = self.proxy.url if self.online else dead_url()

    def own(self, session: Session, after: int = 0) -> list[Own]:
        return own_events(session, self.terminal_id, after)

    def note_recorded(self) -> int:
        """Add what the last command recorded to the model's list; how many it was."""
        last = self.recorded[-1][0] if self.recorded else 0
        with self.store.read() as session:
            new = self.own(session, last)
        self.recorded += new
        return len(new)


def own_events(session: Session, terminal_id: str, after: int = 0) -> list[Own]:
    return [
        (seq, eid, digest)
        for seq, eid, digest in session.execute(
            select(EventRecord.terminal_seq, EventRecord.id, EventRecord.hash)
            .where(EventRecord.terminal_id == terminal_id, EventRecord.terminal_seq > after)
            .order_by(EventRecord.terminal_seq)
        )
    ]


def verdicts(session: Session, terminal_id: str) -> dict[str, tuple[str, str | None]]:
    """The server's verdict on each of a terminal's events, by id."""
    return {
        eid: (outcome, reason)
        for eid, outcome, reason in session.execute(
            select(EventRecord.id, EventRecord.outcome, EventRecord.reason).where(
                EventRecord.terminal_id == terminal_id
            )
        )
    }


class Divergence(AssertionError):
    """An invariant of convergence does not hold after healing."""


class World:
    """One run: a server, its terminals, the plant clock. Closed at the end of the run."""

    def __init__(self, backend: Backend, root: Path) -> None:
        self.backend = backend
        self.folder = Path(tempfile.mkdtemp(prefix="takt-model-", dir=root))
        self.clock = FixedClock(NOW)
        self.plant = Plant(self.folder, backend.fresh(self.folder, self.clock), self.clock)
        self.nodes: list[Node] = []
        self.enrolled = 0  # names stay unique across kills and enrollments
        self.erp = FlakyErp()
        self._writer: ErpWriter | None = None

    @property
    def server(self) -> Store:
        assert self.plant.server_store is not None, "the server is down"
        return self.plant.server_store

    @property
    def server_up(self) -> bool:
        return self.plant.server is not None

    def close(self) -> None:
        for node in self.nodes:
            node.engine.stop()
            node.store.close()
            node.proxy.close()
        self.plant.terminals.clear()  # closed above: the plant closes its server only
        self.plant.close()
        self.backend.drop()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- terminals ---------------------------------------------------------------

    def enroll(self) -> Node:
        """A new terminal registered with the server (which must be up)."""
        self.enrolled += 1
        name = f"t{self.enrolled}"
        clock = SkewedClock(self.clock)
        terminal = self.plant.terminal(name, clock, people=())
        self.plant.terminals.remove(terminal)  # the world closes it (it may be replaced)
        node = Node(
            name=name,
            path=self.folder / f"{name}.sqlite3",
            clock=clock,
            proxy=FaultProxy(self.plant.port),
            store=terminal.store,
            engine=terminal.engine,
        )
        node.link()
        self.nodes.append(node)
        return node

    def restart_terminal(self, node: Node) -> None:
        """Kill the terminal's process and start it again on the same database: only what
        was committed survives (everything was: each command is one transaction)."""
        node.engine.stop()
        node.store.close()
        node.store = open_store(node.path, terminal_name=node.name, clock=node.clock)
        transport = Transport(node.proxy.url)
        obtain_token(transport, node.store.terminal_id, node.name, None).use(transport)
        node.engine = SyncEngine(node.store, transport, clock=node.clock)
        node.link()

    # -- the server --------------------------------------------------------------

    def kill_server(self) -> None:
        self.plant.stop_server()
        self._writer = None  # the server's single writer to the ERP dies with it

    def writer(self) -> ErpWriter:
        """The server's ERP writer, run step by step here (not on its own thread), so
        when it posts is the model's choice."""
        if self._writer is None:
            self._writer = ErpWriter(self.server, self.erp, self.clock, rng=random.Random(0))
        return self._writer

    def start_server(self) -> None:
        self.plant.start_server()  # the same port: the proxies lead there again

    # -- healing and the invariants ----------------------------------------------

    def heal(self) -> None:
        """Server up, every terminal online, no fault armed; then sync until quiet."""
        if not self.server_up:
            self.start_server()
        for node in self.nodes:
            node.proxy.drop_requests = node.proxy.drop_answers = 0
            node.online = True
            node.link()
        self.erp.refusing = self.erp.lose_answer = 0
        self.erp.away = False
        for node in self.nodes:
            node.engine.sync_once()
        # The ERP writer posts what is due; what backs off waits for the clock, which a
        # healed plant lets run on until only postings a person must decide are left.
        self._writer = None  # a writer's pause after an outage ends with the outage
        for _ in range(20):
            self.writer().drain()
            if not self.open_postings():
                break
            self.clock.advance(timedelta(minutes=10))
        # Twice round: the second pass brings everyone what the others pushed in the first
        # (and the ERP's acknowledgements).
        for _ in range(2):
            for node in self.nodes:
                node.engine.sync_once()

    def open_postings(self) -> int:
        """Postings neither in the ERP nor settled nor waiting for a person."""
        waiting = (PostingStatus.PENDING, PostingStatus.IN_FLIGHT, PostingStatus.UNKNOWN)
        with self.server.read() as session:
            return len(
                list(session.scalars(select(ErpPosting.id).where(ErpPosting.status.in_(waiting))))
            )

    def check(self) -> None:
        """The invariants of convergence; raise Divergence naming the first that fails."""
        with self.server.read() as session:
            expected = replay.snapshot(session, ignore=SNAPSHOT_IGNORE)
            every = set(session.scalars(select(EventRecord.id)))
            server_audit = audit.verify_all(session)
            held = {n.terminal_id: own_events(session, n.terminal_id) for n in self.nodes}
            judged = {n.terminal_id: verdicts(session, n.terminal_id) for n in self.nodes}
        if server_audit.findings:
            raise Divergence(f"the server's log fails `takt verify`: {server_audit.findings[0]}")
        self._check_erp()
        if any(held.values()) and not server_audit.signed_heads:
            raise Divergence("the server holds terminals' events but no signed head")
        for node in self.nodes:
            self._check_node(node, expected, every, held[node.terminal_id], judged)

    def _check_erp(self) -> None:
        """Every posting is one document in the ERP, or visibly not there (refused, with
        the ERP's message; cancelled); none is in the ERP twice."""
        with self.server.read() as session:
            postings = list(session.scalars(select(ErpPosting)))
        booked = self.erp.documents
        for posting in postings:
            in_erp = posting.id in booked
            if posting.status is PostingStatus.POSTED:
                if not in_erp or posting.erp_document != booked[posting.id].document:
                    raise Divergence(f"posting {posting.id} is posted, but not so in the ERP")
            elif posting.status is PostingStatus.FAILED:
                if in_erp or not posting.last_error:
                    raise Divergence(f"posting {posting.id} failed without the ERP's reason")
            elif posting.status is PostingStatus.CANCELLED:
                if in_erp:
                    raise Divergence(f"posting {posting.id} is cancelled but in the ERP")
            else:
                raise Divergence(f"posting {posting.id} is still {posting.status} after healing")
        known = {p.id for p in postings}
        if set(booked) - known:
            raise Divergence(f"the ERP holds documents of no posting: {set(booked) - known}")
        twice = {r for r in self.erp.posted if self.erp.posted.count(r) > 1}
        if twice:
            raise Divergence(f"postings sent to the ERP twice: {sorted(twice)}")

    def _check_node(
        self,
        node: Node,
        expected: dict[str, list[tuple[Any, ...]]],
        every: set[str],
        held: list[Own],
        judged: dict[str, dict[str, tuple[str, str | None]]],
    ) -> None:
        who = node.name
        waiting = node.engine.waiting()
        if waiting:
            raise Divergence(f"{who}: {waiting} own events still waiting after healing")
        with node.store.read() as session:
            own = node.own(session)
            local_verdicts = verdicts(session, node.terminal_id)
            mine = set(session.scalars(select(EventRecord.id)))
            report = audit.verify_all(session)
            snapshot = replay.snapshot(session, ignore=SNAPSHOT_IGNORE)
        if own != node.recorded:
            raise Divergence(f"{who}: its log lost or changed own events it had recorded")
        if held != own:
            missing = {e[0] for e in own} - {e[0] for e in held}
            raise Divergence(
                f"{who}: the server holds {len(held)} of its {len(own)} events "
                f"(missing seqs {sorted(missing)[:10]}), not each exactly once"
            )
        rejected = {e.id for e in node.engine.rejected()}
        for _, eid, _ in own:
            verdict = judged[node.terminal_id][eid]
            if local_verdicts[eid] != verdict:
                raise Divergence(
                    f"{who}: event {eid} is {local_verdicts[eid]} here, {verdict} on the server"
                )
            if verdict[0] == "rejected" and not (verdict[1] and eid in rejected):
                raise Divergence(f"{who}: event {eid} was rejected without a reason shown")
        if mine != every:
            raise Divergence(
                f"{who}: holds {len(mine - every)} events the server does not and lacks "
                f"{len(every - mine)} it has"
            )
        if report.findings:
            raise Divergence(f"{who}: its log fails `takt verify`: {report.findings[0]}")
        if snapshot != expected:
            differ = [t for t in expected if snapshot.get(t) != expected[t]]
            raise Divergence(f"{who}: projections differ from the server's in {differ}")
