"""The execution metrics and the 30-day audit over a month of a 50-work-center plant.

About 200,000 events: the plant, ~7,000 work orders whose operations are started and
confirmed (each confirmation a posting the ERP acknowledges, some after failures),
machine states, micro-stops and part counts, ~3,000 exceptions with their whole
story (acknowledged, tasks, reassigned, escalated, reopened, resolved, closed, open),
downtimes ended by their machines, postings of downtimes and quality holds, overrides.
Events are built directly (shaped as their payloads' JSON; one of each kind is checked
against its schema), not through services.

- metrics_audit_30d: the log as events in memory -> history -> every metric (overall
  and the groupings a metrics screen shows) -> the audit -> its CSV.
- metrics_audit_30d_sqlite: the same from a terminal's SQLite database (the events
  written in bulk), reading the log included.
- audit_30d_sqlite: the 30-day audit alone from that database: the log read, the
  history, the audit's rows and its CSV.
"""

from __future__ import annotations

import gc
import io
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from app.clock import FixedClock, iso
from app.events.envelope import GENESIS_HASH, Event
from app.events.log import record_row
from app.events.payloads import parse_payload
from app.metrics import (
    Dimension,
    History,
    Period,
    alignment_time,
    availability,
    build_history,
    constraint_response_time,
    erp_reflection_time,
    execution_audit,
    first_pass_rate,
    load_history,
    overview,
    posting_lag,
    repeat_rate,
    resolution_time,
    sla_compliance,
    task_ack_time,
    write_audit_csv,
)
from app.model import EventRecord
from app.model.types import PostingKind
from app.projections.exceptions import hold_key
from app.projections.execution import posting_id
from app.store import open_store
from tests.perf.harness import benchmark, check, emit, percentile

START = datetime(2026, 10, 5, tzinfo=UTC)  # a Monday; the month crosses the DST change
DAYS = 30
WORK_CENTERS = 50
AREAS = ("FAB", "MAC", "WLD", "ASM", "TST")
EARLY = ("early", "12345", "06:00:00", "14:00:00")
LATE = ("late", "12345", "14:00:00", "22:00:00")
CALENDARS = {
    "3SHIFT": [EARLY, LATE, ("night", "1234", "22:00:00", "06:00:00")],
    "2SHIFT": [EARLY, LATE],
    "DAY": [("day", "123456", "07:00:00", "15:30:00")],
}
ROOT_CAUSES = (
    "material/supplier",
    "material/staging",
    "machine/wear",
    "machine/breakdown",
    "tooling/wear",
    "process/setup",
    "people/staffing",
    "planning/priority",
)
DOWNTIME_REASONS = ("mechanical/bearing", "electrical/drive", "tooling/broken", None)
ROLES = ("procurement", "maintenance", "quality", "supervisor", "customer_service")


class _Month:
    """A month of a plant's log, built fast: events as the log holds them."""

    def __init__(self, seed: int = 15) -> None:
        self.rng = random.Random(seed)
        self.rows: list[tuple[datetime, int, str, str, dict[str, Any], str]] = []
        self.n = 0

    def add(self, at: datetime, kind: str, payload: dict[str, Any], actor: str = "2001") -> str:
        self.n += 1
        event_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        self.rows.append((at, self.n, event_id, kind, payload, actor))
        return event_id

    def events(self) -> list[Event]:
        terminal = "bench-terminal"
        ordered = sorted(self.rows, key=lambda r: (r[0], r[1]))
        return [
            # Not sealed (hashing 200,000 events is not what is measured): the metrics
            # never read the chain.
            Event(
                id=event_id,
                terminal_id=terminal,
                terminal_seq=seq,
                kind=kind,
                payload=payload,
                actor=actor,
                occurred_at=at,
                prev_hash=GENESIS_HASH,
                hash="",
            )
            for seq, (at, _, event_id, kind, payload, actor) in enumerate(ordered, start=1)
        ]

    def moment(self, day: int, hour: float) -> datetime:
        return START + timedelta(days=day, hours=hour)

    def work_time(self) -> datetime:
        day = self.rng.randrange(DAYS)
        while (START + timedelta(days=day)).isoweekday() > 5:
            day = self.rng.randrange(DAYS)
        return self.moment(day, self.rng.uniform(4.5, 20.5))


def _plant(m: _Month) -> list[str]:
    before = START - timedelta(days=1)
    m.add(before, "site.defined", {"code": "S1", "name": "Bench", "timezone": "Europe/Berlin"})
    for area in AREAS:
        m.add(before, "area.defined", {"code": area, "site": "S1", "name": area})
    for code, shifts in CALENDARS.items():
        m.add(
            before,
            "shift_calendar.defined",
            {
                "code": code,
                "name": code,
                "shifts": [
                    {"name": n, "weekdays": w, "starts": s, "ends": e} for n, w, s, e in shifts
                ],
            },
        )
    centers = [f"WC-{n:03d}" for n in range(1, WORK_CENTERS + 1)]
    for n, code in enumerate(centers):
        m.add(
            before,
            "work_center.defined",
            {
                "code": code,
                "area": AREAS[n % len(AREAS)],
                "name": code,
                "calendar": list(CALENDARS)[n % len(CALENDARS)],
                "capacity": 1.0,
                "setup_families": [],
            },
        )
    return centers


def _orders(m: _Month, centers: list[str]) -> list[tuple[str, str, str]]:
    """Work orders, each operation started and confirmed, the ERP told; returns the
    operations (id, work center, item)."""
    rng = m.rng
    ops: list[tuple[str, str, str]] = []
    items = [f"ITEM-{n:04d}" for n in range(400)]
    for number in range(7_000):
        wo = f"WO-{number:05d}"
        item = rng.choice(items)
        steps = rng.sample(centers, rng.randint(3, 6))
        released = m.work_time() - timedelta(days=2)
        m.add(
            released,
            "work_order.released",
            {
                "number": wo,
                "erp_ref": None,
                "item": item,
                "quantity": 20.0,
                "due_at": iso(released + timedelta(days=7)),
                "commit_at": None,
                "customer": None,
                "priority_class": "C",
                "operations": [
                    {
                        "seq": 10 * (n + 1),
                        "work_center": wc,
                        "setup_family": None,
                        "description": "step",
                        "setup_minutes": 10.0,
                        "run_minutes": 2.0,
                    }
                    for n, wc in enumerate(steps)
                ],
                "materials": [
                    {
                        "item": rng.choice(items),
                        "quantity": 2.0,
                        "operation_seq": None,
                        "need_at": iso(released),
                        "lot_no": None,
                    }
                ],
                "done_before": 0.0,
            },
            "erp",
        )
        at = m.work_time()
        for n, wc in enumerate(steps):
            op = f"{wo}/{10 * (n + 1):04d}"
            ops.append((op, wc, item))
            if n >= 3 and rng.random() < 0.4:
                continue  # not reached yet
            m.add(at, "operation.started", {"operation_id": op}, "1001")
            at += timedelta(minutes=rng.uniform(20, 240))
            scrap = 1.0 if rng.random() < 0.03 else 0.0
            confirmed = m.add(
                at,
                "operation.confirmed",
                {"operation_id": op, "good": 19.0, "scrap": scrap, "final": True},
                "1001",
            )
            _erp(m, at, posting_id(confirmed, PostingKind.CONFIRMATION))
            if scrap:
                _erp(m, at, posting_id(confirmed, PostingKind.GOODS_MOVEMENT))
            at += timedelta(minutes=rng.uniform(5, 120))
    return ops


def _erp(m: _Month, at: datetime, pid: str) -> None:
    """The ERP writer: most postings go through within minutes, some fail first, a few
    wait for a person."""
    roll = m.rng.random()
    if roll < 0.02:
        return  # still pending
    at += timedelta(seconds=m.rng.uniform(5, 900))
    if roll < 0.06:
        m.add(at, "erp.posting_failed", {"posting_id": pid, "error": "timeout"}, "erp")
        at += timedelta(minutes=m.rng.uniform(5, 60))
        m.add(at, "erp.posting_retried", {"posting_id": pid, "reason": "ERP is back"})
    m.add(at, "erp.posting_acknowledged", {"posting_id": pid, "document": "DOC"}, "erp")


def _machines(m: _Month, centers: list[str]) -> None:
    rng = m.rng
    for wc in centers:
        for day in range(DAYS):
            if (START + timedelta(days=day)).isoweekday() > 5:
                continue
            for _ in range(16):
                at = m.moment(day, rng.uniform(4, 21))
                state = rng.choice(("running", "idle", "running", "signal_lost"))
                m.add(
                    at,
                    "machine.state_changed",
                    {"work_center": wc, "state": state, "reason": None, "fault_code": None},
                    "machine:bench",
                )
            for _ in range(15):
                at = m.moment(day, rng.uniform(4, 21))
                m.add(
                    at,
                    "machine.micro_stop",
                    {
                        "work_center": wc,
                        "since": iso(at - timedelta(seconds=20)),
                        "duration_s": 20.0,
                        "fault_code": None,
                    },
                    "machine:bench",
                )
            for _ in range(45):
                at = m.moment(day, rng.uniform(4, 21))
                m.add(at, "machine.parts_counted", {"work_center": wc, "count": 5}, "machine:bench")


def _exceptions(m: _Month, centers: list[str], ops: list[tuple[str, str, str]]) -> None:
    rng = m.rng
    end = START + timedelta(days=DAYS)
    for n in range(3_000):
        kind = rng.choices(
            ("material_shortage", "machine_downtime", "quality_hold", "order_change", "other"),
            (35, 30, 15, 10, 10),
        )[0]
        op, wc, item = rng.choice(ops)
        machine = kind == "machine_downtime" and rng.random() < 0.5
        raised = m.work_time()
        xid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        owner = {"material_shortage": "procurement", "machine_downtime": "maintenance",
                 "quality_hold": "quality"}.get(kind, "supervisor")  # fmt: skip
        tasks = [
            {
                "task_id": f"{xid[:30]}-t{t}",
                "function": f,
                "action": "act",
                "due_at": iso(raised + timedelta(hours=4)),
            }
            for t, f in enumerate(rng.sample(ROLES, rng.randint(1, 3)))
        ]
        details: dict[str, Any] = {}
        stopped = raised - timedelta(minutes=1)
        if machine:
            details = {"stopped_at": iso(stopped), "source": "bench"}
        elif kind == "machine_downtime":
            details = {"reason_code": rng.choice(DOWNTIME_REASONS[:3])}
        m.add(
            raised,
            "exception.raised",
            {
                "exception_id": xid,
                "kind": kind,
                "severity": "medium",
                "channel": "machine" if machine else rng.choice(("kiosk", "line_pc", "phone")),
                "summary": f"{kind} {n}",
                "note": None,
                "work_center": wc,
                "work_order": op.split("/")[0],
                "operation_id": op,
                "item": item,
                "lot_no": None,
                "quantity": 4.0,
                "details": details,
                "rule": "bench",
                "owner_role": owner,
                "owner_user": None,
                "ack_due": iso(raised + timedelta(minutes=15)),
                "resolve_due": iso(raised + timedelta(hours=4)),
                "ladder": [],
                "tasks": tasks,
            },
            "machine:bench" if machine else "1001",
        )
        if kind == "quality_hold":
            _erp(m, raised, posting_id(hold_key(xid), PostingKind.QUALITY_EVENT))
        at = raised + timedelta(minutes=rng.expovariate(1 / 12))
        m.add(at, "exception.acknowledged", {"exception_id": xid}, "4001")
        for task in tasks:
            m.add(
                raised + timedelta(minutes=rng.expovariate(1 / 20)),
                "task.acknowledged",
                {"task_id": task["task_id"]},
                "2001",
            )
        if rng.random() < 0.1:
            at += timedelta(minutes=10)
            m.add(
                at,
                "exception.reassigned",
                {"exception_id": xid, "owner_role": "supervisor", "owner_user": None,
                 "reason": "belongs to the line"},
            )  # fmt: skip
        if rng.random() < 0.08:
            m.add(
                raised + timedelta(minutes=30),
                "exception.deadline_passed",
                {"exception_id": xid, "fact": "escalation:1",
                 "due_at": iso(raised + timedelta(minutes=30)), "to_role": "supervisor"},
                "server",
            )  # fmt: skip
        if rng.random() < 0.08:
            continue  # still open
        resolved = at + timedelta(minutes=rng.expovariate(1 / 90))
        for round_ in range(2 if rng.random() < 0.05 else 1):
            if round_:
                m.add(
                    resolved + timedelta(minutes=30),
                    "exception.reopened",
                    {"exception_id": xid, "reason": "came back"},
                )
                resolved += timedelta(hours=2)
            if resolved >= end:
                break
            if machine:
                ended = m.add(
                    resolved,
                    "machine.downtime_ended",
                    {
                        "exception_id": xid,
                        "work_center": wc,
                        "since": iso(stopped),
                        "ended_at": iso(resolved),
                        "reason_code": rng.choice(DOWNTIME_REASONS),
                    },
                    "machine:bench",
                )
                _erp(m, resolved, posting_id(ended, PostingKind.DOWNTIME))
                break
            decided = m.add(
                resolved,
                "exception.resolved",
                {
                    "exception_id": xid,
                    "decision": "done",
                    "root_cause": rng.choice(ROOT_CAUSES),
                    "note": None,
                    "details": {"disposition": "rework"} if kind == "quality_hold" else {},
                },
                "4001",
            )
            if kind == "machine_downtime":
                _erp(m, resolved, posting_id(decided, PostingKind.DOWNTIME))
            elif kind == "quality_hold":
                _erp(m, resolved, posting_id(decided, PostingKind.QUALITY_EVENT))
            if rng.random() < 0.5:
                m.add(resolved + timedelta(minutes=5), "exception.closed", {"exception_id": xid})
    for _ in range(2_000):
        op, _, _ = rng.choice(ops)
        m.add(
            m.work_time(),
            "priority.override_set",
            {
                "override_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "operation_id": op,
                "kind": "pin",
                "target_operation_id": None,
                "reason": "customer waiting",
            },
        )


def month_of_events() -> list[Event]:
    m = _Month()
    centers = _plant(m)
    ops = _orders(m, centers)
    _machines(m, centers)
    _exceptions(m, centers, ops)
    events = m.events()
    checked: set[str] = set()
    for event in events:  # one of each kind is what its schema says
        if event.kind not in checked:
            parse_payload(event.kind, event.payload)
            checked.add(event.kind)
    return events


PERIOD = Period(START, START + timedelta(days=DAYS))


def everything(history: History) -> int:
    """What the metrics screen and the audit ask for; returns the audit's rows."""
    overview(history, PERIOD)
    resolution_time(history, PERIOD, (Dimension.KIND,))
    resolution_time(history, PERIOD, (Dimension.WORK_CENTER,))
    resolution_time(history, PERIOD, (Dimension.AREA, Dimension.SHIFT))
    erp_reflection_time(history, PERIOD, (Dimension.KIND,))
    posting_lag(history, PERIOD, (Dimension.POSTING_KIND, Dimension.DAY))
    first_pass_rate(history, PERIOD, (Dimension.OWNER_ROLE,))
    alignment_time(history, PERIOD, (Dimension.KIND,))
    task_ack_time(history, PERIOD)
    constraint_response_time(history, PERIOD, (Dimension.KIND,))
    repeat_rate(history, PERIOD, (Dimension.KIND,))
    sla_compliance(history, PERIOD)
    availability(history, PERIOD, (Dimension.WORK_CENTER,))
    availability(history, PERIOD, (Dimension.AREA, Dimension.SHIFT))
    return the_audit(history)


def the_audit(history: History) -> int:
    """The 30-day execution audit and its CSV; returns its rows."""
    audit = execution_audit(history, PERIOD)
    out = io.StringIO(newline="")
    return write_audit_csv(audit.rows, out)


def _calibration_ms() -> float:
    """CPU time of a fixed piece of pure Python (about 170 ms on an idle 3 GHz core):
    how fast this machine ran Python just then, to read the figures against."""
    start = time.process_time()
    sum(i * i for i in range(3_000_000))
    return (time.process_time() - start) * 1000


def _timed(
    name: str,
    read: Callable[[], History],
    events: int,
    n: int,
    work: Callable[[History], int] = everything,
) -> None:
    history = read()
    rows = work(history)
    check(rows > 2_500, f"the audit has only {rows} rows")
    check(history.unmatched == 0, f"{history.unmatched} events named nothing known")
    size = {"exceptions": len(history.exceptions), "postings": len(history.postings)}
    del history
    wall, cpu, calibration = [], [], []
    for _ in range(n):
        calibration.append(_calibration_ms())
        start, start_cpu = time.perf_counter(), time.process_time()
        work(read())  # the history is dropped inside: freeing it is part of the cost
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    # The machine is shared: CPU time says what the work costs when other processes
    # take turns on the cores, and the calibration how fast Python ran meanwhile.
    emit(
        name,
        median_ms=round(statistics.median(wall), 3),
        p95_ms=round(percentile(wall, 0.95), 3),
        n=n,
        cpu_median_ms=round(statistics.median(cpu), 3),
        calibration_ms=round(statistics.median(calibration), 1),
        events=events,
        **size,
        audit_rows=rows,
    )


@benchmark
def bench_metrics_audit_30d() -> None:
    """From events in memory, then from a SQLite database holding them."""
    events = month_of_events()
    check(len(events) > 180_000, f"only {len(events)} events")
    # The input is not the work: the collector need not walk 200,000 events every pass.
    gc.collect()
    gc.freeze()
    _timed("metrics_audit_30d", lambda: build_history(events), len(events), n=5)

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "month.sqlite3", clock=FixedClock(START))
        with store.write() as session:
            rows = [record_row(e, server_seq=n) for n, e in enumerate(events, start=1)]
            for at in range(0, len(rows), 20_000):
                session.execute(insert(EventRecord), rows[at : at + 20_000])

        def from_db() -> History:
            with store.read() as session:
                return load_history(session)

        _timed("metrics_audit_30d_sqlite", from_db, len(events), n=3)
        # The audit alone, as `takt audit` and the report make it: the log read from the
        # database, the history, the audit's rows and its CSV.
        _timed("audit_30d_sqlite", from_db, len(events), n=3, work=the_audit)
        store.close()
