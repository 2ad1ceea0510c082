"""A stateful model of the plant (issue 17): terminals, a server, people and faults.

Hypothesis picks the operations; each is a plain (name, arguments) pair that the model
writes to a JSON-lines history before running it and then records its outcome, so a
failing run can be replayed exactly, with or without Hypothesis (`replay_history`).
Arguments are small integers that pick among what exists when the step runs (the n-th
operation, the n-th open exception in the order it was raised), never ids, so a replay
against a fresh plant finds the same things.

After a `heal` step (server up, every terminal online, queues drained) and at the end of
every run, World.check asserts convergence: every event a terminal recorded is on the
server exactly once or rejected with a reason the terminal shows, every terminal's
projections equal the server's, and every log passes `takt verify`.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
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
)
from app.model.types import (
    ExceptionKind,
    HoldScope,
    OperationStatus,
    OverrideKind,
    PostingStatus,
    Role,
)
from app.services.erp import ErpPostingService
from app.services.exceptions import NewException
from app.services.people import Operator
from sync.client.engine import Halted
from sync.client.transport import SyncError
from tests.sync.convergence_world import Backend, Node, World

MAX_TERMINALS = 5
PEOPLE = ("901", "902", "903", "904", "905", "906", "907", "908")
SKEWS = (-7200, -300, 0, 300, 7200)  # seconds a terminal's clock may be off
STEP = timedelta(seconds=7)  # the plant's clock moves this much every step
KINDS = (
    ExceptionKind.MACHINE_DOWNTIME,
    ExceptionKind.MATERIAL_SHORTAGE,
    ExceptionKind.QUALITY_HOLD,
    ExceptionKind.OTHER,
)
ROLES = (Role.MAINTENANCE, Role.QUALITY, Role.PROCUREMENT, Role.SUPERVISOR)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

terminal = st.integers(0, MAX_TERMINALS - 1)  # taken modulo the terminals there are
person = st.integers(0, len(PEOPLE) - 1)


def mostly(*people: str) -> st.SearchStrategy[int]:
    """Usually someone whose role may give the command (so it gets recorded and the
    server has something to judge), sometimes anyone (so refusals happen too)."""
    return st.one_of(st.sampled_from([PEOPLE.index(p) for p in people]), person)


FLOOR = mostly("901", "902", "907")  # operator, supervisor, manager
# A server restart costs about what ten other steps do, and a server that is down most
# of the time makes every other step a refused connection.
KILL_EVERY = 10
HEAL_EVERY = 12  # steps at least between two heals (each checks every terminal: costly)
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
    """An outcome with ids (which differ between runs) taken out, for comparing runs."""
    return UUID.sub("<id>", outcome)


@dataclass
class Stats:
    """What the runs of a session did, for the benchmark's report."""

    steps: int = 0
    histories: int = 0
    heals: int = 0
    slowest_s: float = 0.0
    slowest_op: str = ""
    last_history: Path | None = None
    outcomes: dict[str, int] = field(default_factory=dict)
    seconds_by_op: dict[str, float] = field(default_factory=dict)

    def count(self, op: str, outcome: str, seconds: float) -> None:
        self.steps += 1
        kind = re.split(r"[: ]", outcome, maxsplit=1)[0]  # "recorded 2" -> "recorded"
        self.outcomes[kind] = self.outcomes.get(kind, 0) + 1
        self.seconds_by_op[op] = self.seconds_by_op.get(op, 0.0) + seconds
        if seconds > self.slowest_s:
            self.slowest_s, self.slowest_op = seconds, op


# -- the model ----------------------------------------------------------------------------


class Model:
    """The plant under test and the operations on it, without Hypothesis: the state
    machine below and `replay_history` both drive it through `do`."""

    def __init__(
        self, backend: Backend, root: Path, stats: Stats, *, heal_every: int = HEAL_EVERY
    ) -> None:
        self.stats = stats
        self.heal_every = heal_every
        self.world = World(backend, root)
        stats.histories += 1
        self.history = History(
            self.world.folder.parent / f"{self.world.folder.name}.jsonl",
            {"backend": backend.name, "heal_every": heal_every},
        )
        stats.last_history = self.history.path
        self.step = 0
        self.healed_at = 0
        self.killed_at = 0

    def close(self) -> None:
        self.history.close()
        self.world.close()

    def do(self, op: str, **args: Any) -> str:
        """Run one operation; write it and its outcome to the history; return the outcome."""
        self.step += 1
        self.history.write({"step": self.step, "op": op, "args": args})
        self.world.clock.advance(STEP)
        started = time.perf_counter()
        try:
            outcome = getattr(self, f"op_{op}")(**args)
        except BaseException as error:
            self.history.write({"step": self.step, "failed": f"{type(error).__name__}: {error}"})
            raise
        seconds = time.perf_counter() - started
        self.history.write({"step": self.step, "outcome": plain(outcome)})
        self.stats.count(op, outcome, seconds)
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
            # Refused on the terminal (not allowed, wrong state): nothing is recorded.
            node.note_recorded()
            return f"refused: {error}"
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
        return self.command(t, lambda n: n.services()[3].login_badge(f"SYN-{person}"))

    def op_logout(self, t: int, who: int) -> str:
        node = self.node(t)
        with node.store.read() as session:
            user = session.get(User, PEOPLE[who])
            if user is None:
                return "no such person here yet"  # a new terminal that has not pulled
            operator = Operator(id=user.id, name=user.name, roles=tuple(user.roles))
        return self.command(t, lambda nd: nd.services()[3].logout(operator))

    def op_start(self, t: int, who: int, n: int) -> str:
        node = self.node(t)
        op = self.nth(node, self.operations(node), n)
        if op is None:
            return "nothing to start"
        return self.command(t, lambda nd: nd.services()[0].start(PEOPLE[who], op.id))

    def op_confirm(self, t: int, who: int, n: int, good: int, final: bool) -> str:
        node = self.node(t)
        running = [o for o in self.operations(node) if o.status is OperationStatus.RUNNING]
        op = self.nth(node, running, n)
        if op is None:
            return "nothing running"
        return self.command(
            t,
            lambda nd: nd.services()[0].confirm(
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
            lambda nd: nd.services()[0].issue_material(PEOPLE[who], op.id, item=item, qty=qty),
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
            details={"reason_code": "mechanical/bearing"}
            if kind_ is ExceptionKind.MACHINE_DOWNTIME
            else None,
        )
        return self.command(t, lambda nd: nd.services()[2].raise_exception(PEOPLE[who], new))

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
            service = nd.services()[2]
            if action == "ack":
                service.acknowledge(actor, target)
            elif action == "work":
                service.start_work(actor, target, waiting_on=f"parts s{self.step}")
            elif action == "reassign":
                service.reassign(actor, target, ROLES[n % len(ROLES)], f"reason s{self.step}")
            elif action == "resolve":
                service.resolve(actor, target, decision=f"fix s{self.step}", root_cause="wear")
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
                t, lambda nd: nd.services()[2].finish_task(actor, task, f"done s{self.step}")
            )
        return self.command(t, lambda nd: nd.services()[2].acknowledge_task(actor, task))

    def op_override(self, t: int, who: int, n: int, hold: bool) -> str:
        node = self.node(t)
        op = self.nth(node, self.operations(node), n)
        if op is None:
            return "no operation"
        kind = OverrideKind.HOLD if hold else OverrideKind.PIN
        return self.command(
            t,
            lambda nd: nd.services()[1].override(PEOPLE[who], op.id, kind, f"why s{self.step}"),
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
            lambda nd: nd.services()[1].clear_override(PEOPLE[who], op, f"undo s{self.step}"),
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
            lambda nd: nd.services()[1].place_hold(PEOPLE[who], scope, key, f"hold s{self.step}"),
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
            lambda nd: nd.services()[1].release_hold(PEOPLE[who], hold, f"ok s{self.step}"),
        )

    # -- the network, the processes, the clocks ------------------------------------------

    def sync_call(self, node: Node, call: str) -> str:
        try:
            if call == "push":
                node.engine.push_pending()
            elif call == "pull":
                node.engine.pull_pending()
            else:
                node.engine.sync_once()
        except Halted:
            raise  # forked, tampered, a page refused: never right in this model
        except SyncError as error:
            return f"{type(error).__name__}: {error}"
        return "ok"

    def op_sync(self, t: int, call: str) -> str:
        return self.sync_call(self.node(t), call)

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

    def op_erp(self, what: str) -> str:
        """The server's ERP writer runs once; the ERP takes it, refuses the next posting,
        is away, or commits and the answer is lost."""
        if not self.world.server_up:
            return "server down"
        erp = self.world.erp
        if what == "refuse":
            erp.refusing = 1
        elif what == "timeout":
            erp.lose_answer = 1
        elif what == "away":
            erp.away = True
        try:
            return f"posted {self.world.writer().run_once()}"
        finally:
            erp.refusing = erp.lose_answer = 0
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

    def op_kill_server(self) -> str:
        if not self.world.server_up:
            return "already down"
        if self.step - self.killed_at < KILL_EVERY:
            return "not yet"
        self.world.kill_server()
        self.killed_at = self.step
        return "down"

    def op_start_server(self) -> str:
        if self.world.server_up:
            return "already up"
        self.world.start_server()
        return "up"

    def op_restart_terminal(self, t: int) -> str:
        self.world.restart_terminal(self.node(t))
        return "restarted"

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
        self.world.heal()
        self.world.check()
        self.stats.heals += 1
        self.healed_at = self.step
        return "converged"

    def op_setup(self, terminals: int) -> str:
        for _ in range(terminals):
            self.world.enroll()
        for node in self.world.nodes:
            node.engine.sync_once()  # each has the plant before people act on it
        return f"{terminals} terminals"


# -- the Hypothesis state machine -------------------------------------------------------

EXCEPTION_ACTIONS = ("ack", "work", "reassign", "resolve", "close", "reopen")


def op(name: str, **args: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    return st.tuples(st.just(name), st.fixed_dictionaries(args))


# Every operation, the commoner ones listed more than once (a rough weighting). One rule
# draws from all of them: with a rule per operation, Hypothesis's swarm testing leaves
# most operations out of each example, which a CI budget of a few examples cannot afford.
OPERATIONS = st.one_of(
    op("login", t=terminal, who=person),
    op("login", t=terminal, who=person),
    op("logout", t=terminal, who=person),
    op("start", t=terminal, who=FLOOR, n=pick),
    op("start", t=terminal, who=FLOOR, n=pick),
    op("confirm", t=terminal, who=FLOOR, n=pick, good=st.integers(0, 30), final=st.booleans()),
    op("issue", t=terminal, who=mostly("901", "905", "902"), n=pick, qty=st.integers(1, 500)),
    op("raise", t=terminal, who=person, kind=st.integers(0, len(KINDS) - 1), n=pick),
    op("raise", t=terminal, who=person, kind=st.integers(0, len(KINDS) - 1), n=pick),
    *[
        op(
            "exception",
            t=terminal,
            who=mostly("902", "903", "904", "907"),
            n=pick,
            action=st.sampled_from(EXCEPTION_ACTIONS),
        )
    ]
    * 3,
    op("task", t=terminal, who=mostly("902", "903", "904", "905"), n=pick, finish=st.booleans()),
    op("override", t=terminal, who=mostly("902", "907"), n=pick, hold=st.booleans()),
    op("clear_override", t=terminal, who=mostly("902", "907"), n=pick),
    op("hold", t=terminal, who=mostly("901", "903"), n=pick),
    op("release", t=terminal, who=mostly("903"), n=pick),
    *[op("sync", t=terminal, call=st.sampled_from(["sync", "sync", "push", "pull"]))] * 3,
    op("network", t=terminal, online=st.booleans()),
    op("network", t=terminal, online=st.booleans()),
    op(
        "lose",
        t=terminal,
        what=st.sampled_from(["request", "answer"]),
        call=st.sampled_from(["push", "sync"]),
    ),
    op("duplicate", t=terminal, back=st.integers(1, 5)),
    op("reorder", t=terminal),
    *[op("erp", what=st.sampled_from(["post", "post", "refuse", "timeout", "away"]))] * 2,
    op("erp_decide", t=terminal, who=mostly("902", "907"), n=pick, cancel=st.booleans()),
    op("kill_server"),
    op("start_server"),
    op("restart_terminal", t=terminal),
    op("enroll"),
    op("skew", t=terminal, s=st.integers(0, len(SKEWS) - 1)),
    op("heal"),
)


class ConvergenceMachine(RuleBasedStateMachine):
    """Hypothesis chooses the steps; Model does them. Made by `machine_for`."""

    backend: Backend
    root: Path
    stats: Stats
    heal_every: int = HEAL_EVERY

    def __init__(self) -> None:
        super().__init__()
        self.model = Model(self.backend, self.root, self.stats, heal_every=self.heal_every)

    @initialize(terminals=st.integers(2, 3))  # `enroll` brings up to MAX_TERMINALS
    def setup(self, terminals: int) -> None:
        self.model.do("setup", terminals=terminals)

    @rule(operation=OPERATIONS)
    def step(self, operation: tuple[str, dict[str, Any]]) -> None:
        name, args = operation
        self.model.do(name, **args)

    def teardown(self) -> None:
        try:
            if self.model.world.nodes:  # setup ran: the run ends healed and checked
                self.model.do("heal", final=True)
        finally:
            self.model.close()


def machine_for(
    backend: Backend, root: Path, stats: Stats, *, heal_every: int = HEAL_EVERY
) -> type[ConvergenceMachine]:
    """The state machine class bound to a backend, a folder for runs and their stats."""
    return type(
        "ConvergenceMachine",
        (ConvergenceMachine,),
        {"backend": backend, "root": root, "stats": stats, "heal_every": heal_every},
    )


def replay_history(path: Path, backend: Backend, root: Path) -> list[tuple[int, str, str]]:
    """Run a recorded history again on a fresh plant, ending healed and checked; return
    the steps whose outcome differs from the recorded one (step, then, now). Raises what
    the run raises (a Divergence, say) at the step that raises it."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    recorded = {line["step"]: line["outcome"] for line in lines if "outcome" in line}
    meta = next((line["run"] for line in lines if "run" in line), {})
    model = Model(backend, root, Stats(), heal_every=meta.get("heal_every", HEAL_EVERY))
    differ = []
    try:
        for line in lines:
            if "op" in line:
                outcome = plain(model.do(line["op"], **line["args"]))
                then = recorded.get(line["step"])
                if then is not None and then != outcome:
                    differ.append((line["step"], then, outcome))
        model.do("heal", final=True)
    finally:
        model.close()
    return differ
