"""A stateful model of the plant (issue 17): terminals, a server, people, the ERP and faults.

Hypothesis picks the operations; each is a plain (name, arguments) pair that the model
writes to a JSON-lines history before running it and then records its outcome, so a
failing run can be replayed exactly, with or without Hypothesis (`replay_history`).
Arguments are small integers that pick among what exists when the step runs (the n-th
operation, the n-th open exception in the order it was raised), never ids, so a replay
against a fresh plant finds the same things.

Besides people's commands: the network (offline, a request or answer lost, pushes
duplicated and reordered), processes killed at real points (the server while it takes a
push, posts to the ERP or records deadlines; a terminal while it records a command,
applies a page or notes its acknowledgements: convergence_world.Tripwire), the server
restored from a backup taken earlier in the run, terminals enrolled mid-run (every
second one follows the live stream instead of polling), skewed clocks, the ERP's
refusals, time-outs and double answers, and its imports.

Each terminal starts with the shift's crew logged in, so people's commands reach the
server and become ERP postings; a logout (or a PIN lockout, or a login never made on a
terminal enrolled later) makes the server refuse that person's later events there.

After a `heal` step (server up, every terminal online, queues drained, the ERP writer and
the deadline timer run) and at the end of every run, World.check asserts convergence:
every event a terminal recorded is on the server exactly once or rejected with a reason
the terminal shows (and refused for a missing login exactly when the person was not
logged in there), every terminal's projections equal the server's, every log passes
`takt verify`, every ERP posting is one document in the ERP or visibly refused, and the
deadlines passed are those the server's clock implies. Some invariants are checked at the
step that could break them: an ERP import never undoes the floor's progress, the
deadline timer records what is due and nothing early, enough wrong PINs lock the PIN.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule
from sqlalchemy import select

from app.errors import TaktError
from app.events import replica
from app.model import (
    ErpPosting,
    Hold,
    MaterialRequirement,
    OperationInstance,
    PriorityOverride,
    ShopException,
    Task,
    User,
    WorkOrder,
)
from app.model.types import (
    ExceptionKind,
    HoldScope,
    OperationStatus,
    OverrideKind,
    PostingStatus,
    Role,
)
from app.services.board import BoardService
from app.services.erp import ErpPostingService
from app.services.exceptions import ExceptionService, NewException
from app.services.execution import ExecutionService
from app.services.people import MAX_FAILURES, LoginFailed, Operator, PeopleService
from app.services.rejections import RejectionService
from sync.client.engine import Halted
from sync.client.transport import SyncError
from tests.sync.convergence_world import (
    PEOPLE,
    PINS,
    Backend,
    Divergence,
    Figures,
    Ids,
    Killed,
    Node,
    ServerKilled,
    TerminalKilled,
    World,
    minting,
    new_order_record,
    order_record,
)

MAX_TERMINALS = 5
SKEWS = (-7200, -300, 0, 300, 7200)  # seconds a terminal's clock may be off
STEP = timedelta(seconds=7)  # the plant's clock moves this much every step
KINDS = (
    ExceptionKind.MACHINE_DOWNTIME,
    ExceptionKind.MATERIAL_SHORTAGE,
    ExceptionKind.QUALITY_HOLD,
    ExceptionKind.OTHER,
)
ROLES = (Role.MAINTENANCE, Role.QUALITY, Role.PROCUREMENT, Role.SUPERVISOR)
ROOT_CAUSES = ("machine/wear", "material/supplier", "process/setup", "other/unknown")
DISPOSITIONS = ("rework", "scrap", "use_as_is", "return_to_supplier")
WRONG_PIN = "583920"  # no one's PIN, and one the PIN policy would take
CLOCK_STEPS = (1, 5, 20, 60, 240)  # minutes the plant's clock may jump in one step
WITHDRAWN = ("stopped", "cancelled", "completed", "closed")
IMPORT_CHANGES = ("qty", "due", "withdraw", "release", "routing", "new")
STARTABLE = (OperationStatus.READY, OperationStatus.PAUSED)
# Steps that need no plant: the plant is built at the first step that is not one of them.
LAZY = frozenset({"idle", "setup"})
NO_ANSWER = re.compile(r"Offline: no answer from [^;]*")
PORT = re.compile(r"127\.0\.0\.1:\d+")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

terminal = st.integers(0, MAX_TERMINALS - 1)  # taken modulo the terminals there are
person = st.integers(0, len(PEOPLE) - 1)


def mostly(*people: str) -> st.SearchStrategy[int]:
    """Usually (three times in four) someone whose role may give the command, so it gets
    recorded and the server has something to judge; otherwise anyone, so refusals
    happen too."""
    fitting = [PEOPLE.index(p) for p in people]
    return st.sampled_from(fitting * (3 * len(PEOPLE) // len(fitting)) + list(range(len(PEOPLE))))


FLOOR = mostly("901", "902", "907")  # operator, supervisor, manager
# A server restart costs about what ten other steps do, and a server that is down most
# of the time makes every other step a refused connection.
KILL_EVERY = 10
RESTORE_EVERY = 300
HEAL_EVERY = 20  # steps at least between two heals (each checks every terminal: costly)
pick = st.integers(0, 40)  # taken modulo what there is to pick from


# -- the history ------------------------------------------------------------------------


class History:
    """The operations of one run and their outcomes, one JSON object per line."""

    def __init__(self, path: Path, meta: dict[str, Any]) -> None:
        self.path = path
        self._file = path.open("w", encoding="utf-8")
        self.write({"run": meta})

    def write(self, line: dict[str, Any]) -> None:
        # Flushed at once: a run that dies (or hangs) leaves its history up to the step.
        self._file.write(json.dumps(line, sort_keys=True) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def read_history(path: Path) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if "op" in line]


def plain(outcome: str) -> str:
    """An outcome with ids, ports and how a lost connection broke (which differ between
    runs: which end closed first) taken out, for comparing runs."""
    return NO_ANSWER.sub(
        "Offline: no answer", PORT.sub("127.0.0.1:<port>", UUID.sub("<id>", outcome))
    )


@dataclass
class Stats:
    """What the runs of a session did, for the benchmark's report."""

    steps: int = 0
    histories: int = 0
    heals: int = 0
    slowest_s: float = 0.0
    slowest_op: str = ""
    last_history: Path | None = None
    idle: int = 0  # steps where only time passed (and setups), not counted in `steps`
    setup_s: float = 0.0  # building and closing runs' plants (not in any step): wall, CPU
    setup_cpu: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)
    seconds_by_op: dict[str, float] = field(default_factory=dict)
    # The process's CPU time (the server's threads with the model's), by operation.
    cpu_by_op: dict[str, float] = field(default_factory=dict)
    erp: Figures = field(default_factory=Figures)  # over the runs that ended healed

    def count(self, op: str, outcome: str, seconds: float, cpu: float = 0.0) -> None:
        self.steps += 1
        kind = re.split(r"[: ]", outcome, maxsplit=1)[0]  # "recorded 2" -> "recorded"
        self.outcomes[kind] = self.outcomes.get(kind, 0) + 1
        self.seconds_by_op[op] = self.seconds_by_op.get(op, 0.0) + seconds
        self.cpu_by_op[op] = self.cpu_by_op.get(op, 0.0) + cpu
        if seconds > self.slowest_s:
            self.slowest_s, self.slowest_op = seconds, op


# -- the model ----------------------------------------------------------------------------


class Model:
    """The plant under test and the operations on it, without Hypothesis: the state
    machine below and `replay_history` both drive it through `do`."""

    def __init__(
        self,
        backend: Backend,
        root: Path,
        stats: Stats,
        *,
        heal_every: int = HEAL_EVERY,
        logs_every_heal: bool = True,
    ) -> None:
        self.backend = backend
        self.root = root
        self.stats = stats
        self.heal_every = heal_every
        # False: terminals' whole logs are verified at the run's final heal only.
        self.logs_every_heal = logs_every_heal
        handle, name = tempfile.mkstemp(prefix="takt-model-", suffix=".jsonl", dir=root)
        os.close(handle)
        self.history = History(
            Path(name),
            {
                "backend": backend.name,
                "heal_every": heal_every,
                "logs_every_heal": logs_every_heal,
                # Replay with the same (the order of sets of strings follows it).
                "pythonhashseed": os.environ.get("PYTHONHASHSEED"),
            },
        )
        stats.last_history = self.history.path
        self.step = 0
        self.healed_at = 0
        self.killed_at = 0
        self.restored_at = self.backed_at = 0
        self.orders_released = 0  # new work orders the ERP released in this run
        self.terminals = 0  # how many the run starts with (`setup`)
        self.erp_faults: dict[str, int] = {}  # the ERP's faults to come (`setup`)
        self.scheduled_imports: list[list[Any]] = []  # run at the next heal (`setup`)
        # Every run draws the same ids for the same operations (a replay, too).
        self.ids = Ids("run")
        self._world: World | None = None

    @property
    def built(self) -> bool:
        return self._world is not None

    @property
    def world(self) -> World:
        """The plant, built when the first step that is more than time passing needs it
        (World.begin: a copy of the backend's start with that many terminals):
        Hypothesis's first example of every session is all idle steps, and costs
        nothing then."""
        if self._world is None:
            started, cpu = time.perf_counter(), time.process_time()
            self._world = World.begin(self.backend, self.root, self.terminals)
            self.stats.histories += 1
            erp = self._world.erp
            # The ERP's faults to come, drawn at the run's start: each strikes one of the
            # first postings sent (by a step, or at the latest by a heal's drain).
            erp.refusing += self.erp_faults.get("refuse", 0)
            erp.lose_answer += self.erp_faults.get("timeout", 0)
            erp.lose_request += self.erp_faults.get("lost", 0)
            erp.crash_after_commit += self.erp_faults.get("crash", 0)
            self.stats.setup_s += time.perf_counter() - started
            self.stats.setup_cpu += time.process_time() - cpu
        return self._world

    def close(self) -> None:
        try:
            world = self._world
            if world is not None and self.healed_at == self.step and world.server_up:
                self.stats.erp.add(world.figures())  # a run that ended converged
        finally:
            self.history.close()
            if self._world is not None:
                started, cpu = time.perf_counter(), time.process_time()
                self._world.close()
                self.stats.setup_s += time.perf_counter() - started
                self.stats.setup_cpu += time.process_time() - cpu

    def do(self, op: str, **args: Any) -> str:
        """Run one operation; write it and its outcome to the history; return the outcome."""
        with minting(self.ids):
            return self._do(op, **args)

    def _do(self, op: str, **args: Any) -> str:
        self.step += 1
        self.history.write({"step": self.step, "op": op, "args": args})
        if op in LAZY:
            outcome = getattr(self, f"op_{op}")(**args)
            self.history.write({"step": self.step, "outcome": outcome})
            self.stats.idle += 1
            return outcome
        self.world.clock.advance(STEP)
        started, cpu = time.perf_counter(), time.process_time()
        try:
            outcome = getattr(self, f"op_{op}")(**args)
        except BaseException as error:
            self.history.write({"step": self.step, "failed": f"{type(error).__name__}: {error}"})
            raise
        seconds = time.perf_counter() - started
        self.history.write(
            {"step": self.step, "outcome": plain(outcome), "ms": round(1000 * seconds)}
        )
        self.stats.count(op, outcome, seconds, time.process_time() - cpu)
        return outcome

    def node(self, t: int) -> Node:
        return self.world.nodes[t % len(self.world.nodes)]

    # -- people on a terminal ------------------------------------------------------------

    def command(self, t: int, run: Callable[[Node], object]) -> str:
        """A person's command on terminal t, through the services; what it recorded."""
        node = self.node(t)
        try:
            run(node)
        except TaktError as error:
            # Refused on the terminal (not allowed, wrong state): nothing is recorded
            # (but a wrong PIN, which is recorded as a failed login).
            recorded = node.note_recorded()
            return f"refused: {error}" + (f" ({recorded} recorded)" if recorded else "")
        return f"recorded {node.note_recorded()}"

    def nth(self, node: Node, rows: list[Any], n: int) -> Any | None:
        return rows[n % len(rows)] if rows else None

    def operations(self, node: Node) -> list[OperationInstance]:
        with node.store.read() as session:
            return list(session.scalars(select(OperationInstance).order_by(OperationInstance.id)))

    def exceptions(self, node: Node) -> list[str]:
        # In the order they were raised: summaries carry the step that raised them.
        with node.store.read() as session:
            rows = session.execute(select(ShopException.id, ShopException.summary)).all()
        return [eid for eid, _ in sorted(rows, key=lambda r: (r[1], r[0]))]

    def op_login(self, t: int, who: int) -> str:
        person = PEOPLE[who]
        return self.command(
            t, lambda n: PeopleService(n.store, n.clock).login_badge(f"SYN-{person}")
        )

    def op_logout(self, t: int, who: int) -> str:
        node = self.node(t)
        with node.store.read() as session:
            user = session.get(User, PEOPLE[who])
            if user is None:
                return "no such person here yet"  # a new terminal that has not pulled
            operator = Operator(id=user.id, name=user.name, roles=tuple(user.roles))
        return self.command(t, lambda nd: PeopleService(nd.store, nd.clock).logout(operator))

    def op_pin(self, t: int, who: int, wrong: int, right: bool) -> str:
        """Someone types `wrong` wrong PINs for a person's number, then (maybe) the right
        one. Every wrong PIN is recorded (a failed login, then a lock); once the terminal
        itself has seen MAX_FAILURES in a row the right PIN must be refused."""
        node = self.node(t)
        people = PeopleService(node.store, node.clock)
        user = PEOPLE[who]
        said: list[str] = []
        for _ in range(wrong):
            try:
                people.login_pin(user, WRONG_PIN)
            except LoginFailed as error:
                said.append("wrong" if "left before" in str(error) else "locked")
            else:
                raise Divergence(f"{node.name}: a wrong PIN logged {user} in")
        if right or not wrong:
            try:
                people.login_pin(user, PINS[user])
            except LoginFailed as error:
                if "no PIN key" in str(error):
                    raise Divergence(f"{node.name}: no PIN key to check PINs with") from None
                said.append("refused")
            else:
                if wrong >= MAX_FAILURES:
                    raise Divergence(
                        f"{node.name}: {user}'s PIN logged in after {wrong} wrong PINs in a row"
                    )
                said.append("logged in")
        recorded = node.note_recorded()
        return f"pin {' '.join(said) or 'nothing typed'}; recorded {recorded}"

    def op_start(self, t: int, who: int, n: int) -> str:
        node = self.node(t)
        ops = self.operations(node)
        # Mostly one that may start (the first open step of its order, at a work center
        # running nothing, as far as this terminal knows); sometimes any.
        busy = {o.work_center_code for o in ops if o.status is OperationStatus.RUNNING}
        free = [o for o in ops if o.status in STARTABLE and o.work_center_code not in busy]
        op = self.nth(node, (free if n % 4 else ops) or ops, n)
        if op is None:
            return "nothing to start"
        return self.command(
            t, lambda nd: ExecutionService(nd.store, nd.clock).start(PEOPLE[who], op.id)
        )

    def op_confirm(self, t: int, who: int, n: int, good: int, final: bool) -> str:
        node = self.node(t)
        running = [o for o in self.operations(node) if o.status is OperationStatus.RUNNING]
        op = self.nth(node, running, n)
        if op is None:
            return "nothing running"
        return self.command(
            t,
            lambda nd: ExecutionService(nd.store, nd.clock).confirm(
                PEOPLE[who], op.id, good=float(good), scrap=float(n % 2), final=final
            ),
        )

    def op_issue(self, t: int, who: int, n: int, qty: int) -> str:
        node = self.node(t)
        op = self.nth(node, self.operations(node), n)
        if op is None:
            return "no operation"
        with node.store.read() as session:
            items = sorted(
                set(
                    session.scalars(
                        select(MaterialRequirement.item_code).where(
                            MaterialRequirement.work_order_number == op.work_order_number
                        )
                    )
                )
            )
        if not items:
            return "no material"
        item = items[n % len(items)]
        return self.command(
            t,
            lambda nd: ExecutionService(nd.store, nd.clock).issue_material(
                PEOPLE[who], op.id, item=item, qty=qty
            ),
        )

    def op_raise(self, t: int, who: int, kind: int, n: int) -> str:
        node = self.node(t)
        ops = self.operations(node)
        op = self.nth(node, ops, n)
        kind_ = KINDS[kind % len(KINDS)]
        new = NewException(
            kind=kind_,
            summary=f"s{self.step:06d} {kind_.value}",
            work_center=op.work_center_code if op else None,
            work_order=op.work_order_number if op else None,
            operation_id=op.id if op and kind_ is ExceptionKind.QUALITY_HOLD else None,
            item=self.item_of(node, op) if kind_ is ExceptionKind.MATERIAL_SHORTAGE else None,
            quantity=float(1 + n % 3) if kind_ is ExceptionKind.QUALITY_HOLD else None,
            details={"reason_code": "mechanical/bearing"}
            if kind_ is ExceptionKind.MACHINE_DOWNTIME
            else None,
        )
        return self.command(
            t, lambda nd: ExceptionService(nd.store, nd.clock).raise_exception(PEOPLE[who], new)
        )

    def item_of(self, node: Node, op: OperationInstance | None) -> str | None:
        if op is None:
            return None
        with node.store.read() as session:
            return session.scalar(
                select(MaterialRequirement.item_code)
                .where(MaterialRequirement.work_order_number == op.work_order_number)
                .order_by(MaterialRequirement.id)
            )

    def op_exception(self, t: int, who: int, n: int, action: str) -> str:
        """Move an exception through its life: acknowledge, work, reassign, resolve,
        close, reopen."""
        node = self.node(t)
        target = self.nth(node, self.exceptions(node), n)
        if target is None:
            return "no exception"
        actor = PEOPLE[who]

        def run(nd: Node) -> None:
            service = ExceptionService(nd.store, nd.clock)
            if action == "ack":
                service.acknowledge(actor, target)
            elif action == "work":
                service.start_work(actor, target, waiting_on=f"parts s{self.step}")
            elif action == "reassign":
                service.reassign(actor, target, ROLES[n % len(ROLES)], f"reason s{self.step}")
            elif action == "resolve":
                service.resolve(
                    actor,
                    target,
                    decision=f"fix s{self.step}",
                    root_cause=ROOT_CAUSES[n % len(ROOT_CAUSES)],
                    details={"disposition": DISPOSITIONS[n % len(DISPOSITIONS)]},
                )
            elif action == "close":
                service.close(actor, target)
            elif action == "reopen":
                service.reopen(actor, target, reason=f"back s{self.step}")
            else:
                raise ValueError(action)

        return self.command(t, run)

    def op_task(self, t: int, who: int, n: int, finish: bool) -> str:
        node = self.node(t)
        order = {eid: i for i, eid in enumerate(self.exceptions(node))}
        with node.store.read() as session:
            rows = session.execute(select(Task.id, Task.exception_id, Task.function)).all()
        tasks = [r[0] for r in sorted(rows, key=lambda r: (order.get(r[1], -1), r[2], r[0]))]
        task = self.nth(node, tasks, n)
        if task is None:
            return "no task"
        actor = PEOPLE[who]
        if finish:
            return self.command(
                t,
                lambda nd: ExceptionService(nd.store, nd.clock).finish_task(
                    actor, task, f"done s{self.step}"
                ),
            )
        return self.command(
            t, lambda nd: ExceptionService(nd.store, nd.clock).acknowledge_task(actor, task)
        )

    def op_override(self, t: int, who: int, n: int, hold: bool) -> str:
        node = self.node(t)
        op = self.nth(node, self.operations(node), n)
        if op is None:
            return "no operation"
        kind = OverrideKind.HOLD if hold else OverrideKind.PIN
        return self.command(
            t,
            lambda nd: BoardService(nd.store, nd.clock).override(
                PEOPLE[who], op.id, kind, f"why s{self.step}"
            ),
        )

    def op_clear_override(self, t: int, who: int, n: int) -> str:
        node = self.node(t)
        with node.store.read() as session:
            ops = sorted(
                set(
                    session.scalars(
                        select(PriorityOverride.operation_id).where(
                            PriorityOverride.lapsed_at.is_(None)
                        )
                    )
                )
            )
        op = self.nth(node, ops, n)
        if op is None:
            return "no override"
        return self.command(
            t,
            lambda nd: BoardService(nd.store, nd.clock).clear_override(
                PEOPLE[who], op, f"undo s{self.step}"
            ),
        )

    def op_hold(self, t: int, who: int, n: int) -> str:
        node = self.node(t)
        op = self.nth(node, self.operations(node), n)
        if op is None:
            return "no operation"
        scope, key = (
            (HoldScope.OPERATION, op.id) if n % 2 else (HoldScope.WORK_ORDER, op.work_order_number)
        )
        return self.command(
            t,
            lambda nd: BoardService(nd.store, nd.clock).place_hold(
                PEOPLE[who], scope, key, f"hold s{self.step}"
            ),
        )

    def op_release(self, t: int, who: int, n: int) -> str:
        node = self.node(t)
        with node.store.read() as session:
            rows = session.execute(
                select(Hold.id, Hold.reason).where(Hold.released_at.is_(None))
            ).all()
        hold = self.nth(node, [r[0] for r in sorted(rows, key=lambda r: (r[1], r[0]))], n)
        if hold is None:
            return "no hold"
        return self.command(
            t,
            lambda nd: BoardService(nd.store, nd.clock).release_hold(
                PEOPLE[who], hold, f"ok s{self.step}"
            ),
        )

    def op_review(self, t: int, who: int, n: int, reissue: bool) -> str:
        """A supervisor looks at the terminal's list of changes the server refused: sends
        one again in their own name, or lets it go with a reason."""
        node = self.node(t)
        refused = sorted(node.engine.rejected(), key=lambda e: e.terminal_seq)
        event = self.nth(node, refused, n)
        if event is None:
            return "nothing refused"
        service = RejectionService(node.store, node.clock)
        if reissue:
            return self.command(t, lambda _: service.reissue(PEOPLE[who], event.id))
        return self.command(t, lambda _: service.drop(PEOPLE[who], event.id, f"gone s{self.step}"))

    # -- the network, the processes, the clocks ------------------------------------------

    def sync_call(self, node: Node, call: str) -> str:
        try:
            if call == "push":
                node.engine.push_pending()
            elif call == "pull":
                node.take()
            else:
                node.sync()
        except Halted:
            raise  # forked, tampered, a page refused: never right in this model
        except SyncError as error:
            return f"{type(error).__name__}: {error}"
        return "ok"

    def op_sync(self, t: int, call: str) -> str:
        said = self.sync_call(self.node(t), call)
        if said != "ok" or call == "pull":
            return said
        return f"{said}; {self.post_to_erp()}"  # what the push stored may be due for the ERP

    def op_network(self, t: int, online: bool) -> str:
        node = self.node(t)
        node.online = online
        node.link()
        return "online" if online else "offline"

    def op_lose(self, t: int, what: str, call: str) -> str:
        """Lose the next request (the server never sees it) or answer (the server
        committed, the terminal never hears), on a real connection."""
        node = self.node(t)
        setattr(node.proxy, "drop_requests" if what == "request" else "drop_answers", 1)
        try:
            return self.sync_call(node, call)
        finally:
            # Scoped to this step: a fault nobody triggered does not wait for a later one.
            node.proxy.drop_requests = node.proxy.drop_answers = 0

    def op_duplicate(self, t: int, back: int) -> str:
        """A batch the server already took arrives again (a retry that was only late)."""
        node = self.node(t)
        with node.store.read() as session:
            acked = replica.state(session).acked_seq
            start = max(0, acked - back)
            events = replica.unsent(session, node.terminal_id, start, acked - start)
        if not events:
            return "nothing acknowledged"
        try:
            response = node.transport.push(node.engine.cursor(), events)
        except Halted:
            raise
        except SyncError as error:
            return f"{type(error).__name__}: {error}"
        statuses = sorted({r.status for r in response.results})
        if statuses != ["duplicate"]:
            # The server holds all of them: anything but "duplicate" would apply twice.
            raise AssertionError(f"a resent batch was answered {statuses}")
        return "duplicates"

    def op_reorder(self, t: int) -> str:
        """The terminal's unsent events arrive as two batches, the later one first."""
        node = self.node(t)
        with node.store.read() as session:
            state = replica.state(session)
            events = replica.unsent(session, node.terminal_id, state.acked_seq, 20)
        if len(events) < 2:
            return "nothing to reorder"
        half = len(events) // 2
        said = []
        for batch in (events[half:], events[:half]):
            try:
                response = node.transport.push(node.engine.cursor(), batch)
                said.append(f"last {response.last_seq}")
            except Halted:
                raise
            except SyncError as error:
                said.append(type(error).__name__)
        # The engine never heard these answers: its next push finds them held.
        return "; ".join(said)

    def post_to_erp(self) -> str:
        """The server's ERP writer runs once (as a push that stored events wakes it);
        what it posted, or that a fault armed earlier took the server down."""
        if not self.world.server_up:
            return "server down"
        try:
            return f"posted {self.world.post_to_erp()}"
        except ServerKilled:
            self.killed_at = self.step
            return "the server died after the ERP's commit"

    def op_erp(self, what: str) -> str:
        """The ERP will fail the next posting sent to it, whenever that is: refuse it,
        lose the request (a timeout before it saw it), commit it and lose the answer (a
        timeout after), or commit it while the server's process dies, so that the next
        writer asks again and it answers a second time; or it is away for this step.
        Then the writer runs once."""
        erp = self.world.erp
        if what == "refuse":
            erp.refusing += 1
        elif what == "timeout":
            erp.lose_answer += 1
        elif what == "lost":
            erp.lose_request += 1
        elif what == "crash":
            erp.crash_after_commit += 1
        elif what == "away":
            erp.away = True
        try:
            return self.post_to_erp()
        finally:
            erp.away = False

    def op_erp_decide(self, t: int, who: int, n: int, cancel: bool) -> str:
        """A supervisor on a terminal retries or cancels a posting the ERP refused."""
        node = self.node(t)
        with node.store.read() as session:
            failed = sorted(
                session.scalars(
                    select(ErpPosting.id).where(ErpPosting.status == PostingStatus.FAILED)
                )
            )
        posting = self.nth(node, failed, n)
        if posting is None:
            return "nothing refused"
        service = ErpPostingService(node.store, node.clock)
        if cancel:
            return self.command(
                t, lambda _: service.cancel(PEOPLE[who], posting, f"not needed s{self.step}")
            )
        return self.command(t, lambda _: service.retry(PEOPLE[who], posting, f"fixed s{self.step}"))

    def op_erp_import(self, n: int, change: str, amount: int) -> str:
        """The ERP's scheduled import brings a change to an order the floor may be working
        on: its quantity or due date, a step dropped or added, the order withdrawn
        (stopped, cancelled, completed, closed) or released again, or a new order. The
        import must not undo the floor (checked at once) and everyone converges after."""
        if not self.world.server_up:
            return "server down"
        with self.world.server.read() as session:
            numbers = sorted(session.scalars(select(WorkOrder.number)))
            number = numbers[n % len(numbers)]
            record = order_record(session, number)
            if change == "new":
                self.orders_released += 1
                record = new_order_record(
                    session,
                    f"ERP-{self.orders_released:03d}",
                    n,
                    qty=5 + amount,
                    due=self.world.clock.now() + timedelta(days=1 + amount % 5),
                )
        assert record is not None
        if change == "qty":
            record["qty"] = max(record["done_qty"] + 1, round(record["qty"] * (0.5 + amount / 4)))
        elif change == "due":
            due = datetime.fromisoformat(record["due"]) + timedelta(days=amount - 2)
            record["due"] = due.isoformat()
        elif change == "withdraw":
            record["state"] = WITHDRAWN[amount % len(WITHDRAWN)]
        elif change == "routing":
            steps = record["operations"]
            if amount % 2 and len(steps) > 1:
                steps.pop()  # the ERP drops the last step
            else:
                last = steps[-1]
                steps.append({**last, "seq": last["seq"] + 10, "operation": f"added s{self.step}"})
        lines = self.world.import_from_erp([record])
        return f"import {change} {record['number']}: " + "; ".join(lines[1:])

    def op_clock(self, minutes: int) -> str:
        """The plant's clock (the server's, and every terminal's with it) jumps ahead; the
        server's deadline timer runs and records what that makes due, nothing more."""
        self.world.clock.advance(timedelta(minutes=CLOCK_STEPS[minutes % len(CLOCK_STEPS)]))
        for node in self.world.nodes:
            # A terminal's own timer shows countdowns and records nothing: the server's
            # clock decides.
            if ExceptionService(node.store, node.clock).check_deadlines(actor="system"):
                raise Divergence(f"{node.name} recorded a deadline passed by its own clock")
        if not self.world.server_up:
            return "server down"
        return f"deadlines {self.world.check_deadlines()}"

    def op_idle(self) -> str:
        if self.built:
            self.world.clock.advance(STEP)
        return "time passes"

    def op_kill_server(self, when: str = "now", t: int = 0, nth: int = 1) -> str:
        """Kill the server's process (convergence_world.Tripwire): between two steps
        ("now"), or at the n-th commit of its database from now while it takes a
        terminal's push ("push": the terminal hears nothing), while its ERP writer runs
        ("post": at the posting's mark before sending, or between the ERP's commit and
        the acknowledgement's) or while its deadline timer records ("timer")."""
        world = self.world
        if not world.server_up:
            return "already down"
        if self.step - self.killed_at < KILL_EVERY:
            return "not yet"
        if when == "now":
            world.kill_server()
            self.killed_at = self.step
            return "down"
        said = ""

        def run() -> None:
            nonlocal said
            if when == "push":
                node = self.node(t)
                node.proxy.drop_answers = 1  # a dead process answers nothing
                try:
                    said = self.sync_call(node, "push")
                finally:
                    node.proxy.drop_answers = 0
            elif when == "post":
                said = f"posted {world.writer().run_once()}"
            else:
                said = f"deadlines {world.check_deadlines()}"

        if not world.die_at_commit(nth, run):
            return f"lived: {said}"
        self.killed_at = self.step
        return f"died at commit {nth} of {when}"

    def op_backup(self) -> str:
        """The server's database is backed up (the server stopped for it). Costly on
        PostgreSQL (a database copied): once in RESTORE_EVERY steps."""
        if self.backed_at and self.step - self.backed_at < RESTORE_EVERY:
            return "not yet"
        self.backed_at = self.step
        return "backed up" if self.world.backup_server() else "no backups here"

    def op_restore(self) -> str:
        """The server's database is restored from the backup taken earlier in the run:
        terminals ahead of it refetch and send again what it lost; every one converges.
        Costly (every terminal applies the plant again): once in RESTORE_EVERY steps."""
        if not self.world.backed_up:
            return "no backup"
        if self.restored_at and self.step - self.restored_at < RESTORE_EVERY:
            return "not yet"
        self.world.restore_server()
        self.restored_at = self.step
        self.killed_at = self.step
        return "restored"

    def op_start_server(self) -> str:
        if self.world.server_up:
            return "already up"
        self.world.start_server()
        return "up"

    def op_restart_terminal(self, t: int, when: str = "now", nth: int = 1) -> str:
        """Kill a terminal's process and start it again: between two steps ("now"), or at
        the n-th commit of its database from now while a person records a command
        ("command": an exception raised), while it applies a page it pulled ("pull"),
        or while it notes what the server acknowledged of its push ("push")."""
        node = self.node(t)
        world = self.world
        if when != "now":
            node.tripwire.arm(nth)
            try:
                if when == "command":
                    said = self.op_raise(t, who=0, kind=3, n=nth)
                else:
                    said = self.sync_call(node, when)
            except TerminalKilled:
                said = "killed"
            finally:
                node.tripwire.disarm()
            if not node.tripwire.fired:
                return f"lived: {said}"
        world.restart_terminal(node)
        node.note_recorded()  # nothing, when it died before its command's commit
        return "restarted" if when == "now" else f"died at commit {nth} of {when}"

    def op_enroll(self) -> str:
        if not self.world.server_up or len(self.world.nodes) >= MAX_TERMINALS:
            return "not now"
        return f"enrolled {self.world.enroll().name}"

    def op_skew(self, t: int, s: int) -> str:
        node = self.node(t)
        node.clock.skew = timedelta(seconds=SKEWS[s % len(SKEWS)])
        return f"skew {node.clock.skew.total_seconds():+.0f} s"

    def op_heal(self, final: bool = False) -> str:
        if not final and self.step - self.healed_at < self.heal_every:
            return "not yet"
        if not self.world.server_up:
            self.world.start_server()
        while self.scheduled_imports:
            # The ERP's scheduled import, with changes drawn at the run's start, runs on
            # orders the floor has been working on since.
            n, change, amount = self.scheduled_imports.pop(0)
            self.op_erp_import(n, change, amount)
        self.world.heal()
        self.world.check(terminal_logs=final or self.logs_every_heal)
        self.stats.heals += 1
        self.healed_at = self.step
        return "converged"

    def op_setup(
        self,
        terminals: int,
        erp_faults: dict[str, int] | None = None,
        imports: list[list[Any]] | None = None,
    ) -> str:
        self.terminals = terminals  # enrolled when the plant is built
        self.erp_faults = dict(erp_faults or {})
        self.scheduled_imports = [list(i) for i in imports or []]
        return f"{terminals} terminals"


# -- the Hypothesis state machine -------------------------------------------------------

# Resolving is what ends an exception (and makes a downtime or scrap posting): twice.
EXCEPTION_ACTIONS = ("ack", "work", "reassign", "resolve", "resolve", "close", "reopen")


def op(name: str, **args: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    return st.tuples(st.just(name), st.fixed_dictionaries(args))


# Every operation with its weight. The floor's commands weigh most: each crew is logged
# in, so most of them reach the server, and confirmations, issues and resolutions become
# ERP postings. One rule draws from all of them: with a rule per operation, Hypothesis's
# swarm testing leaves most operations out of each example, which a CI budget of a few
# examples cannot afford. (`st.one_of` would not weigh them: it drops repeated branches.)
# The first is a step where only time passes: Hypothesis's first example draws the first
# of everything at every step, and that example should cost nothing.
WEIGHTED: list[tuple[int, st.SearchStrategy[tuple[str, dict[str, Any]]]]] = [
    (1, op("idle")),
    (4, op("start", t=terminal, who=FLOOR, n=pick)),
    (
        5,
        op("confirm", t=terminal, who=FLOOR, n=pick, good=st.integers(0, 30), final=st.booleans()),
    ),
    (3, op("issue", t=terminal, who=mostly("901", "905", "902"), n=pick, qty=st.integers(1, 50))),
    (3, op("raise", t=terminal, who=person, kind=st.integers(0, len(KINDS) - 1), n=pick)),
    (
        4,
        op(
            "exception",
            t=terminal,
            who=mostly("902", "903", "904", "907"),
            n=pick,
            action=st.sampled_from(EXCEPTION_ACTIONS),
        ),
    ),
    (
        2,
        op(
            "task", t=terminal, who=mostly("902", "903", "904", "905"), n=pick, finish=st.booleans()
        ),
    ),
    (1, op("override", t=terminal, who=mostly("902", "907"), n=pick, hold=st.booleans())),
    (1, op("clear_override", t=terminal, who=mostly("902", "907"), n=pick)),
    (1, op("hold", t=terminal, who=mostly("901", "903"), n=pick)),
    (1, op("release", t=terminal, who=mostly("903"), n=pick)),
    (1, op("login", t=terminal, who=person)),
    (1, op("logout", t=terminal, who=person)),
    (
        1,
        op(
            "pin",
            t=terminal,
            who=person,
            wrong=st.sampled_from([0, 1, MAX_FAILURES, MAX_FAILURES + 1]),
            right=st.booleans(),
        ),
    ),
    (2, op("review", t=terminal, who=mostly("902", "907"), n=pick, reissue=st.booleans())),
    (3, op("erp_decide", t=terminal, who=mostly("902", "907"), n=pick, cancel=st.booleans())),
    (4, op("sync", t=terminal, call=st.sampled_from(["sync", "sync", "push", "pull"]))),
    (2, op("network", t=terminal, online=st.booleans())),
    (
        1,
        op(
            "lose",
            t=terminal,
            what=st.sampled_from(["request", "answer"]),
            call=st.sampled_from(["push", "sync"]),
        ),
    ),
    (1, op("duplicate", t=terminal, back=st.integers(1, 5))),
    (1, op("reorder", t=terminal)),
    (
        3,
        op(
            "erp",
            what=st.sampled_from(
                ["post", "post", "post", "refuse", "timeout", "lost", "crash", "away"]
            ),
        ),
    ),
    (
        1,
        op(
            "erp_import",
            n=pick,
            change=st.sampled_from(IMPORT_CHANGES),
            amount=st.integers(0, 4),
        ),
    ),
    (1, op("clock", minutes=st.integers(0, len(CLOCK_STEPS) - 1))),
    (
        2,
        op(
            "kill_server",
            when=st.sampled_from(["now", "push", "post", "timer"]),
            t=terminal,
            nth=st.integers(1, 3),
        ),
    ),
    (1, op("start_server")),
    (1, op("backup")),
    (1, op("restore")),
    (
        1,
        op(
            "restart_terminal",
            t=terminal,
            when=st.sampled_from(["now", "command", "pull", "push"]),
            nth=st.integers(1, 2),
        ),
    ),
    (1, op("enroll")),
    (2, op("skew", t=terminal, s=st.integers(0, len(SKEWS) - 1))),
    (3, op("heal")),
]
OPERATIONS = st.sampled_from(
    [n for n, (weight, _) in enumerate(WEIGHTED) for _ in range(weight)]
).flatmap(lambda n: WEIGHTED[n][1])


class ConvergenceMachine(RuleBasedStateMachine):
    """Hypothesis chooses the steps; Model does them. Made by `machine_for`."""

    backend: Backend
    root: Path
    stats: Stats
    heal_every: int = HEAL_EVERY
    logs_every_heal: bool = True
    # None: a failing step raises (Hypothesis reports it, CI fails). A list: the failure
    # is noted there with the run's history and the rest of the run is skipped (the long
    # benchmark): raised, Hypothesis would run the whole failing example a second time to
    # report it, a run's worth of steps for nothing, since its history replays it.
    failures: list[str] | None = None
    # Asked at each run's start: True, and the run does nothing (its steps are drawn and
    # skipped, at no cost): the benchmark's budget of steps was reached meanwhile.
    enough: Callable[[], bool] | None = None

    def __init__(self) -> None:
        super().__init__()
        self.model = Model(
            self.backend,
            self.root,
            self.stats,
            heal_every=self.heal_every,
            logs_every_heal=self.logs_every_heal,
        )
        # A failure was noted (`failures`) or the budget was reached: skip the rest.
        self.done = self.enough is not None and self.enough()

    def _do(self, name: str, args: dict[str, Any]) -> None:
        if self.done:
            return  # diverged: what the run would do after that is not worth checking
        if self.failures is None:
            self.model.do(name, **args)
            return
        try:
            self.model.do(name, **args)
        except (Exception, Killed) as error:
            self.done = True
            said = f"{self.model.history.path}: {type(error).__name__}: {error}"
            self.failures.append(said[:2000])

    @initialize(
        terminals=st.integers(2, 3),  # `enroll` brings up to MAX_TERMINALS
        erp_faults=st.fixed_dictionaries(
            {k: st.integers(1, 2) for k in ("refuse", "timeout", "lost", "crash")}
        ),
        imports=st.lists(
            st.tuples(pick, st.sampled_from(IMPORT_CHANGES), st.integers(0, 4)).map(list),
            min_size=1,
            max_size=2,
        ),
    )
    def setup(self, terminals: int, erp_faults: dict[str, int], imports: list[list[Any]]) -> None:
        """Every run meets the ERP's refusal, time-outs and a death mid-post (so a double
        answer: the lookup after it), and an import, besides what its steps bring: a CI
        budget of one or two runs still has each."""
        self._do("setup", {"terminals": terminals, "erp_faults": erp_faults, "imports": imports})

    @rule(operation=OPERATIONS)
    def step(self, operation: tuple[str, dict[str, Any]]) -> None:
        name, args = operation
        self._do(name, args)

    def teardown(self) -> None:
        try:
            if self.model.built:  # something happened: the run ends healed and checked
                self._do("heal", {"final": True})
        finally:
            self.model.close()


def machine_for(
    backend: Backend,
    root: Path,
    stats: Stats,
    *,
    heal_every: int = HEAL_EVERY,
    logs_every_heal: bool = True,
    failures: list[str] | None = None,
    enough: Callable[[], bool] | None = None,
    name: str = "",
) -> type[ConvergenceMachine]:
    """The state machine class bound to a backend, a folder for runs and their stats
    (and, for the benchmark, where failures go instead of being raised and when to stop:
    ConvergenceMachine.failures, .enough). Named after the backend (and `name`): a
    derandomized session draws other examples for each name."""
    return type(
        f"ConvergenceMachine_{backend.name}{name}",
        (ConvergenceMachine,),
        {
            "backend": backend,
            "root": root,
            "stats": stats,
            "heal_every": heal_every,
            "logs_every_heal": logs_every_heal,
            "failures": failures,
            "enough": staticmethod(enough) if enough is not None else None,
        },
    )


def replay_history(path: Path, backend: Backend, root: Path) -> list[tuple[int, str, str]]:
    """Run a recorded history again on a fresh plant, ending healed and checked; return
    the steps whose outcome differs from the recorded one (step, then, now). Raises what
    the run raises (a Divergence, say) at the step that raises it."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    recorded = {line["step"]: line["outcome"] for line in lines if "outcome" in line}
    meta = next((line["run"] for line in lines if "run" in line), {})
    model = Model(
        backend,
        root,
        Stats(),
        heal_every=meta.get("heal_every", HEAL_EVERY),
        logs_every_heal=meta.get("logs_every_heal", True),
    )
    differ = []
    try:
        for line in lines:
            if "op" in line:
                outcome = plain(model.do(line["op"], **line["args"]))
                then = recorded.get(line["step"])
                if then is not None and then != outcome:
                    differ.append((line["step"], then, outcome))
        if model.built:
            model.do("heal", final=True)
    finally:
        model.close()
    return differ
