"""ERP write-back (issue 6): posting lag end to end, and draining a backlog after an outage.

- erp_posting_lag: a terminal (engine started, live stream) confirms a quantity on the
  last operation of a work order; the event is pushed to the server, whose ERP link
  (create_app(erp=...): the ErpWriter thread, woken by the push and otherwise polling
  every WRITER_INTERVAL_S, the server's default) posts it
  to a FakeErpNext on 127.0.0.1 as a Manufacture Stock Entry. Timed from the terminal's
  confirm call until the writer committed the acknowledgement (the server's ErpPosting
  row is posted). The ERP test site holds a Work Order named by its series exactly like
  each plant order's erp_ref, so every posting the writer sees is one it can post.
- erp_backlog_drain_2000: the ERP answers 503 for an hour while 2,000 confirmations
  pile up (recorded in bulk through a service, spread over the hour and over the work
  orders) and the writer keeps trying what is due, backing off per posting. Then the
  ERP comes back: timed until every posting is posted, checking the ERP holds each
  reference exactly once. The writer's clock is real time that can be skipped ahead:
  the hour is skipped through in steps, and after the recovery the loop models
  ErpWriter.start(DRAIN_INTERVAL_S) (a round, then the interval's sleep), the sleeps
  being skipped rather than slept. elapsed_ms is what the drain takes on that clock
  (work_ms of rounds plus slept_ms); the backoff the oldest posting of each work order
  carries out of the outage shows in first/last_retry_in_ms.
- erp_import_erpnext_2000: a full import (`takt erp import --full`) of 2,000 open Work
  Orders, each with two operations and its Job Cards, from a FakeErpNext over HTTP: the
  adapter's batched reads, then the importer, until the orders and their operations are
  in the server's database (what the board reads). `requests` counts the HTTP requests.
"""

from __future__ import annotations

import functools
import logging
import math
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from app.clock import FixedClock, SystemClock
from app.demo.generator import PlantData, synthetic_plant
from app.demo.seed import seed_plant
from app.events.payloads import ItemDefined, OperationConfirmed, WorkOrderReleased
from app.events.replica import PageResult
from app.model import ErpOutbox, ErpPosting, EventRecord, OperationInstance, WorkOrder
from app.model.types import OperationStatus, PostingStatus
from app.services.base import Service
from app.services.execution import ExecutionService
from app.store import Store, open_store
from sync.client.credentials import enroll
from sync.client.engine import SyncEngine
from sync.client.transport import Transport
from sync.erp.erpnext import ErpNextAdapter
from sync.erp.importer import Importer
from sync.erp.writer import ErpWriter
from sync.server import terminals
from sync.server.app import create_app, prepare
from sync.server.runner import ServerThread
from tests.erp.erpnext_server import REF, FakeErpNext
from tests.perf.harness import benchmark, check, emit, log_in, percentile, throughput

log = logging.getLogger(__name__)

NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)
OPERATOR = "901"
# Confirms the backlog: 2,000 confirmations on a few dozen small orders run far past the
# over-delivery limit an operator has (resources/limits/floor.toml).
SUPERVISOR = "902"
COMPANY = "Takt Manufacturing"
STORES, WIP, FG = "Stores - TM", "Work In Progress - TM", "Finished Goods - TM"
ERP_ORDER_QTY = 1_000_000.0  # planned quantity in the ERP: never over-produced here
WRITER_INTERVAL_S = 1.0  # create_app's default: the push wakes the writer, not this poll


# -- the ERP test site ----------------------------------------------------------------


def seed_erp(erp: FakeErpNext, plant: PlantData) -> None:
    """An ERPNext site holding the plant's items and one submitted Work Order per plant
    order, named by ERPNext's series exactly as the plant's erp_ref (MFG-WO-2026-00001...).
    Raw materials are backflushed from WIP, which holds plenty."""
    erp.insert("Company", {"company_name": COMPANY, "abbr": "TM"})
    for warehouse in (STORES, WIP, FG):
        erp.insert("Warehouse", {"name": warehouse, "company": COMPANY, "is_group": 0})
    erp.insert("Stock Entry Type", {"name": "Manufacture", "purpose": "Manufacture"})
    for item in plant.of(ItemDefined):
        erp.insert(
            "Item",
            {"item_code": item.code, "item_name": item.name, "stock_uom": "Nos",
             "item_group": "Products"},
        )  # fmt: skip
    raws: set[str] = set()
    for order in plant.of(WorkOrderReleased):
        per_unit = {m.item: m.quantity / order.quantity for m in order.materials}
        raws.update(per_unit)
        made = erp.insert(
            "Work Order",
            {
                "production_item": order.item,
                "qty": ERP_ORDER_QTY,
                "produced_qty": 0,
                "status": "Not Started",
                "company": COMPANY,
                "wip_warehouse": WIP,
                "fg_warehouse": FG,
                "required_items": [
                    {"item_code": item, "required_qty": q * ERP_ORDER_QTY}
                    for item, q in per_unit.items()
                ],
            },
            docstatus=1,
        )
        check(
            made["name"] == order.erp_ref,
            f"ERP named the work order {made['name']}, the plant calls it {order.erp_ref}",
        )
    for item in sorted(raws):
        erp.insert(
            "Bin",
            {"item_code": item, "warehouse": WIP, "actual_qty": 1e12, "projected_qty": 1e12},
        )


def erp_adapter(erp: FakeErpNext) -> ErpNextAdapter:
    return ErpNextAdapter(
        erp.url,
        erp.api_key,
        erp.api_secret,
        timeout_s=5.0,
        company=COMPANY,
        source_warehouse=STORES,
        target_warehouse=STORES,
        scrap_warehouse=WIP,
    )


def erp_references(erp: FakeErpNext) -> dict[str, int]:
    """How many Stock Entries the ERP holds per posting reference."""
    counts: dict[str, int] = {}
    for doc in erp.docs["Stock Entry"].values():
        ref = doc.get(REF)
        if ref:
            counts[ref] = counts.get(ref, 0) + 1
    return counts


# -- 1. posting lag: terminal confirm -> server -> ERP acknowledgement ------------------


@functools.cache
def lag_plant() -> PlantData:
    return synthetic_plant(seed=3, work_centers=3, open_operations=12, now=NOW)


def last_ready_operation(store: Store) -> OperationInstance:
    """An operation that is READY and the last of its work order's routing."""
    with store.read() as session:
        ops = list(session.scalars(select(OperationInstance).order_by(OperationInstance.id)))
    last: dict[str, int] = {}
    for op in ops:
        last[op.work_order_number] = max(op.seq, last.get(op.work_order_number, 0))
    for op in ops:
        if op.status is OperationStatus.READY and op.seq == last[op.work_order_number]:
            return op
    raise AssertionError("the lag plant has no work order whose last operation is ready")


@benchmark
def bench_erp_posting_lag() -> None:
    samples_n, warmup = 30, 3
    clock = SystemClock()
    rng = random.Random(6)
    samples: list[float] = []
    to_server: list[float] = []  # confirm -> the pushed event committed on the server
    to_terminal: list[float] = []  # confirm -> the acknowledgement applied on the terminal
    row_lags: list[float] = []  # acknowledged_at - occurred_at on the ErpPosting row
    erp = FakeErpNext()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        server_store = open_store(tmp / "server.sqlite3", terminal_name="server", clock=clock)
        prepare(server_store)
        seed_plant(server_store, lag_plant(), FixedClock(NOW))
        seed_erp(erp, lag_plant())
        adapter = erp_adapter(erp)
        # The server as `takt server` runs it with an ERP configured: its ErpLink starts
        # the writer (no scheduled import here).
        api = create_app(
            server_store,
            clock=clock,
            deadline_interval_s=None,
            erp=adapter,
            erp_import_interval_s=None,
            erp_post_interval_s=WRITER_INTERVAL_S,
        )
        acknowledged = threading.Event()  # the writer committed (an acknowledgement)
        seen = threading.Event()  # the terminal applied an acknowledgement
        pushes: list[float] = []  # server commits other than the writer's
        seen_at: list[float] = []

        def on_server_commit() -> None:
            if threading.current_thread().name == "takt-erp-writer":
                acknowledged.set()
            else:
                pushes.append(time.perf_counter())

        def on_applied(result: PageResult) -> None:
            if "erp.posting_acknowledged" in result.kinds:
                seen_at.append(time.perf_counter())
                seen.set()

        server_store.after_commit.append(on_server_commit)
        server = ServerThread(api).start()
        store = open_store(tmp / "kiosk.sqlite3", terminal_name="kiosk", clock=clock)
        transport = Transport(server.url)
        code = terminals.add(server_store, clock.now(), store.terminal_name).code
        enroll(transport, store.terminal_id, store.terminal_name, code).use(transport)
        engine = SyncEngine(store, transport, clock=clock, on_applied=on_applied)
        try:
            engine.sync_once()  # the plant's reference data, before the clock starts
            op = last_ready_operation(store)
            log_in(store, clock, OPERATOR)
            execution = ExecutionService(store, clock)
            execution.start(OPERATOR, op.id)
            engine.sync_once()
            engine.start()
            for index in range(warmup + samples_n):
                time.sleep(rng.uniform(0, WRITER_INTERVAL_S))  # no phase lock with the writer
                acknowledged.clear()
                seen.clear()
                pushes.clear()
                seen_at.clear()
                t0 = time.perf_counter()
                execution.confirm(OPERATOR, op.id, good=1)
                with store.read() as session:
                    posting_id = session.scalars(
                        select(ErpPosting.id)
                        .where(ErpPosting.work_order_number == op.work_order_number)
                        .order_by(ErpPosting.occurred_at.desc())
                        .limit(1)
                    ).one()
                while True:
                    if not acknowledged.wait(10):
                        raise RuntimeError(f"the ERP never acknowledged posting {posting_id}")
                    acknowledged.clear()
                    with server_store.read() as session:
                        row = session.get(ErpPosting, posting_id)
                    if row is not None and row.status is PostingStatus.POSTED:
                        break
                    if row is not None and row.status is not PostingStatus.PENDING:
                        raise AssertionError(
                            f"posting {posting_id} is {row.status}: {row.last_error}"
                        )
                elapsed = (time.perf_counter() - t0) * 1000
                # The acknowledgement travels back to the terminal before the next sample.
                if not seen.wait(10):
                    raise RuntimeError(f"the terminal never saw posting {posting_id} posted")
                if index >= warmup:
                    samples.append(elapsed)
                    if pushes:
                        to_server.append((pushes[0] - t0) * 1000)
                    to_terminal.append((seen_at[0] - t0) * 1000)
                    assert row.acknowledged_at is not None
                    row_lags.append((row.acknowledged_at - row.occurred_at).total_seconds() * 1000)
            with server_store.read() as session:
                postings = list(session.scalars(select(ErpPosting)))
            check(len(postings) == warmup + samples_n, f"{len(postings)} postings on the server")
            check(
                all(p.status is PostingStatus.POSTED for p in postings), "not every posting posted"
            )
            refs = erp_references(erp)
            check(
                all(refs.get(p.id) == 1 for p in postings) and len(refs) == len(postings),
                "the ERP does not hold each posting exactly once",
            )
        finally:
            engine.stop()
            server.stop()  # stops the ERP writer too
            adapter.close()
            erp.close()
            store.close()
            server_store.close()
    emit(
        "erp_posting_lag",
        median_ms=round(statistics.median(samples), 3),
        p95_ms=round(percentile(samples, 0.95), 3),
        min_ms=round(min(samples), 3),
        max_ms=round(max(samples), 3),
        n=len(samples),
        to_server_median_ms=round(statistics.median(to_server), 3),
        back_on_terminal_median_ms=round(statistics.median(to_terminal), 3),
        row_lag_median_ms=round(statistics.median(row_lags), 3),
        writer_interval_s=WRITER_INTERVAL_S,
    )


# -- 2. backlog after an hour of ERP outage ------------------------------------------

BACKLOG = 2000
OUTAGE = timedelta(hours=1)
OUTAGE_STEP = timedelta(seconds=15)  # how often the simulated writer looks during the outage
DRAIN_INTERVAL_S = 1.0  # between the writer's rounds: create_app(erp_post_interval_s) default


class SkippingClock:
    """Real time that can be skipped ahead: `skip(s)` stands for sleeping `s` seconds."""

    def __init__(self, start: datetime) -> None:
        self._start = start
        self._t0 = time.monotonic()
        self.skipped = 0.0

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._t0 + self.skipped)

    def skip(self, seconds: float) -> None:
        self.skipped += max(0.0, seconds)


@functools.cache
def backlog_plant() -> PlantData:
    return synthetic_plant(seed=11, work_centers=10, open_operations=400, now=NOW)


def last_operations(store: Store) -> list[str]:
    """The id of each work order's last operation (the ones ERPNext takes)."""
    with store.read() as session:
        ops = list(session.scalars(select(OperationInstance).order_by(OperationInstance.id)))
    last: dict[str, OperationInstance] = {}
    for op in ops:
        if op.work_order_number not in last or op.seq > last[op.work_order_number].seq:
            last[op.work_order_number] = op
    return [op.id for op in last.values()]


def _utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


@dataclass
class Waiting:
    """The writer's bookkeeping over postings not yet in the ERP."""

    count: int  # open postings with an outbox row (tried at least once)
    earliest: datetime | None  # their earliest next try
    latest: datetime | None  # and the latest
    max_attempts: int


def waiting(store: Store) -> Waiting:
    with store.read() as session:
        row = session.execute(
            select(
                func.count(),
                func.min(ErpOutbox.next_try_at),
                func.max(ErpOutbox.next_try_at),
                func.max(ErpOutbox.attempts),
            )
            .join(ErpPosting, ErpPosting.id == ErpOutbox.posting_id)
            .where(ErpPosting.status.in_([PostingStatus.PENDING, PostingStatus.UNKNOWN]))
        ).one()
    return Waiting(int(row[0] or 0), _utc(row[1]), _utc(row[2]), int(row[3] or 0))


def posted_count(store: Store) -> int:
    with store.read() as session:
        return int(
            session.scalar(select(func.count()).where(ErpPosting.status == PostingStatus.POSTED))
            or 0
        )


def simulate_outage(
    store: Store, writer: ErpWriter, clock: SkippingClock, targets: list[str]
) -> None:
    """An hour in OUTAGE_STEP steps: each step's share of the 2,000 confirmations (spread
    round-robin over the work orders' last operations) commits in one transaction, then
    the writer tries what is due; every ERP request answers 503."""
    service = Service(store, clock)
    start = clock.now()
    steps = int(OUTAGE / OUTAGE_STEP)
    made = 0
    for step in range(steps):
        with service.transaction() as tx:
            while made < (step + 1) * BACKLOG // steps:
                operation_id = targets[made % len(targets)]
                tx.emit(OperationConfirmed(operation_id=operation_id, good=1), SUPERVISOR)
                made += 1
        writer.run_once()
        clock.skip((start + (step + 1) * OUTAGE_STEP - clock.now()).total_seconds())


@benchmark
def bench_erp_backlog_drain_2000() -> None:
    erp = FakeErpNext()
    with tempfile.TemporaryDirectory() as tmp_name:
        store = open_store(
            Path(tmp_name) / "server.sqlite3", terminal_name="server", clock=SystemClock()
        )
        prepare(store)
        seed_plant(store, backlog_plant(), FixedClock(NOW))
        seed_erp(erp, backlog_plant())
        targets = last_operations(store)
        clock = SkippingClock(NOW + timedelta(hours=2))
        adapter = erp_adapter(erp)
        writer = ErpWriter(store, adapter, clock, rng=random.Random(6))
        try:
            erp.fail_next(503, times=10**7)
            simulate_outage(store, writer, clock, targets)
            check(posted_count(store) == 0, "something was posted while the ERP was down")
            outage_requests = len(erp.requests)
            # The ERP is back. Model ErpWriter.start(DRAIN_INTERVAL_S): a round, then a
            # sleep of the interval (skipped, not slept); idle rounds while every open
            # posting waits out its backoff are skipped up to the round it becomes due.
            erp.failures.clear()
            before = waiting(store)
            recovered_at = clock.now()
            skipped_before = clock.skipped
            rounds = idle_skipped = posted = 0
            work_s = 0.0
            while True:
                round_start = time.perf_counter()
                got = writer.run_once()
                work_s += time.perf_counter() - round_start
                rounds += 1
                posted += got
                if posted >= BACKLOG:
                    break
                sleep = DRAIN_INTERVAL_S
                if got == 0:
                    earliest = waiting(store).earliest
                    check(earliest is not None, f"the writer is stuck at {posted} posted")
                    assert earliest is not None
                    idle = (earliest - clock.now()).total_seconds()
                    if idle > sleep:
                        sleep = math.ceil(idle / DRAIN_INTERVAL_S) * DRAIN_INTERVAL_S
                        idle_skipped += int(sleep / DRAIN_INTERVAL_S) - 1
                clock.skip(sleep)
            elapsed_s = (clock.now() - recovered_at).total_seconds()
            slept_s = clock.skipped - skipped_before
            with store.read() as session:
                postings = list(session.scalars(select(ErpPosting)))
                acks = session.scalar(
                    select(func.count()).where(EventRecord.kind == "erp.posting_acknowledged")
                )
            check(len(postings) == BACKLOG, f"{len(postings)} postings, expected {BACKLOG}")
            not_posted = [p for p in postings if p.status is not PostingStatus.POSTED]
            check(not not_posted, f"{len(not_posted)} postings not posted")
            check(acks == BACKLOG, f"{acks} acknowledgements for {BACKLOG} postings")
            refs = erp_references(erp)
            wrong = [p.id for p in postings if refs.get(p.id) != 1]
            check(not wrong, f"{len(wrong)} postings not held exactly once by the ERP")
            check(len(refs) == BACKLOG, f"the ERP holds {len(refs)} references")
        finally:
            adapter.close()
            erp.close()
            store.close()

    def retry_in_ms(moment: datetime | None) -> int:
        return round(max(0.0, (moment - recovered_at).total_seconds()) * 1000) if moment else 0

    throughput(
        "erp_backlog_drain_2000",
        BACKLOG,
        elapsed_s,
        elapsed_ms=round(elapsed_s * 1000, 1),
        # Wall time the writer's rounds took; the rest of elapsed_ms is sleeping.
        work_ms=round(work_s * 1000, 1),
        slept_ms=round(slept_s * 1000, 1),
        per_s_working=round(BACKLOG / work_s, 1),
        rounds=rounds,
        idle_rounds_skipped=idle_skipped,
        interval_s=DRAIN_INTERVAL_S,
        work_orders=len(targets),
        # At recovery: work orders whose oldest posting waits out its backoff, how long
        # until the first and the last of them is tried again, and the most attempts.
        backed_off=before.count,
        first_retry_in_ms=retry_in_ms(before.earliest),
        last_retry_in_ms=retry_in_ms(before.latest),
        max_attempts=before.max_attempts,
        outage_requests=outage_requests,
    )


# -- Odoo: a full import of 2,000 open manufacturing orders (issue 11) -----------------

ODOO_ORDERS = 2_000


@benchmark
def bench_erp_import_odoo_2000() -> None:
    """A full import (`run_import(full=True)`) from the Odoo stand-in over JSON-2 of
    2,000 open manufacturing orders with two work orders each, into a fresh server
    store: timed from the first request until the orders are in Takt's database."""
    from app.model import WorkOrder
    from sync.erp.commands import run_import
    from sync.erp.odoo import OdooAdapter
    from tests.erp.odoo_server import OdooServer, add_open_orders
    from tests.erp.odoo_server import seed as seed_odoo

    odoo = OdooServer()
    names = add_open_orders(odoo, seed_odoo(odoo), ODOO_ORDERS)
    odoo.start()
    adapter = OdooAdapter(odoo.url, odoo.database, odoo.api_key, protocol="json2")
    with tempfile.TemporaryDirectory() as tmp_name:
        store = open_store(
            Path(tmp_name) / "server.sqlite3", terminal_name="server", clock=SystemClock()
        )
        try:
            prepare(store)
            start = time.perf_counter()
            run_import(store, adapter, SystemClock(), full=True)
            elapsed_s = time.perf_counter() - start
            with store.read() as session:
                imported = session.scalar(select(func.count()).where(WorkOrder.number.in_(names)))
        finally:
            adapter.close()
            odoo.stop()
            store.close()
    check(imported == ODOO_ORDERS, f"{imported} of {ODOO_ORDERS} orders in Takt's database")
    throughput(
        "erp_import_odoo_2000",
        ODOO_ORDERS,
        elapsed_s,
        elapsed_ms=round(elapsed_s * 1000, 1),
        requests=len(odoo.calls),
    )


# -- 3. a full ERPNext import of 2,000 open work orders ------------------------------------

IMPORT_ORDERS = 2000


def seed_erp_for_import(erp: FakeErpNext) -> None:
    """A site with 2,000 open, submitted Work Orders, each with the two operations of its
    item's BOM and the Job Cards their submit made (as the real site would hold them)."""
    erp.insert("Company", {"company_name": COMPANY, "abbr": "TM"})
    for warehouse in (STORES, WIP, FG):
        erp.insert("Warehouse", {"name": warehouse, "company": COMPANY, "is_group": 0})
    stations = ["LASER-1", "PRESS-2", "WELD-1", "PAINT-1"]
    for station in stations:
        erp.insert("Workstation", {"workstation_name": station})
    for code, group in (("RM-STEEL", "Raw Material"), ("RM-BOLT", "Raw Material")):
        erp.insert(
            "Item", {"item_code": code, "item_name": code, "stock_uom": "Nos", "item_group": group}
        )
    boms = {}
    for n in range(10):
        item = f"FG-{n:02d}"
        erp.insert(
            "Item",
            {"item_code": item, "item_name": item, "stock_uom": "Nos", "item_group": "Products"},
        )
        ops: list[dict[str, Any]] = [
            {"operation": "Cut", "workstation": stations[n % 4], "time_in_mins": 20},
            {"operation": "Form", "workstation": stations[(n + 1) % 4], "time_in_mins": 10},
        ]
        boms[item] = (
            erp.insert(
                "BOM",
                {
                    "item": item,
                    "quantity": 10,
                    "is_active": 1,
                    "is_default": 1,
                    "with_operations": 1,
                    "items": [
                        {"item_code": "RM-STEEL", "qty": 20, "stock_qty": 20},
                        {"item_code": "RM-BOLT", "qty": 40, "stock_qty": 40},
                    ],
                    "operations": ops,
                },
                docstatus=1,
            )["name"],
            ops,
        )
    for n in range(IMPORT_ORDERS):
        item = f"FG-{n % 10:02d}"
        bom, ops = boms[item]
        qty = 10 + n % 7
        made = erp.insert(
            "Work Order",
            {
                "production_item": item,
                "qty": qty,
                "produced_qty": 0,
                "status": "Not Started" if n % 3 else "In Process",
                "bom_no": bom,
                "company": COMPANY,
                "wip_warehouse": WIP,
                "fg_warehouse": FG,
                "expected_delivery_date": f"2026-12-{1 + n % 28:02d}",
                "operations": [
                    {**op, "time_in_mins": op["time_in_mins"] / 10 * qty, "sequence_id": 10 * i}
                    for i, op in enumerate(ops, start=1)
                ],
            },
            docstatus=1,
        )
        erp.make_job_cards(made["name"])


@benchmark
def bench_erp_import_erpnext_2000() -> None:
    """Timed from the start of `takt erp import --full` (the adapter's reads over HTTP)
    until the 2,000 orders are released in the server's database with their operations,
    where the board reads them."""
    erp = FakeErpNext()
    seed_erp_for_import(erp)
    with tempfile.TemporaryDirectory() as tmp_name:
        store = open_store(
            Path(tmp_name) / "server.sqlite3", terminal_name="server", clock=SystemClock()
        )
        prepare(store)
        adapter = ErpNextAdapter(erp.url, erp.api_key, erp.api_secret, timeout_s=30.0)
        try:
            requests_before = len(erp.requests)
            start = time.perf_counter()
            batch = adapter.import_changes(None)
            read_s = time.perf_counter() - start
            Importer(store, FixedClock(NOW)).apply(batch)
            with store.read() as session:
                orders = session.scalar(select(func.count()).select_from(WorkOrder))
                operations = session.scalar(select(func.count()).select_from(OperationInstance))
            elapsed_s = time.perf_counter() - start
            requests = len(erp.requests) - requests_before
            check(batch.bad == [], f"records skipped: {batch.bad[:3]}")
            check(orders == IMPORT_ORDERS, f"{orders} work orders in the database")
            check(operations == 2 * IMPORT_ORDERS, f"{operations} operations in the database")
        finally:
            adapter.close()
            erp.close()
            store.close()
    throughput(
        "erp_import_erpnext_2000",
        IMPORT_ORDERS,
        elapsed_s,
        elapsed_ms=round(elapsed_s * 1000, 1),
        read_ms=round(read_s * 1000, 1),
        requests=requests,
        operations=operations,
    )


# -- 5. documents per floor event: a scripted shift against each ERP -----------------------
#
# erp_round_trip_documents: the server (create_app with the ERP configured: its writer
# thread posts over HTTP) runs a shift against each stand-in ERP. The plan comes from the
# ERP (`takt erp import`); the floor's events are recorded on the server through its
# services (the people logged in there): material issued, a partial and a final
# confirmation on every operation of the orders (the finals with one scrapped unit), a
# machine stop and its end, a quality hold and its release. Some writes lose their answer
# after the ERP committed. Then every posting is settled, and the documents the ERP holds
# are counted by the reference Takt stamps on them. What "one" is, per posting:
#
#   ERPNext: confirmation: one Job Card time log (the final one of the last operation
#   also one Manufacture Stock Entry: the documented pair; an order without operations in
#   ERPNext, one Manufacture per confirmation of the last operation); goods issue: one
#   Stock Entry (Material Transfer for Manufacture); scrap of the order's output: none of
#   its own (process loss on the Job Card and the Manufacture; settled "not sent");
#   downtime: one Downtime Entry; quality hold: one Non Conformance; its release: none
#   (the hold's Non Conformance becomes Resolved).
#   Odoo: every posting but a release: one record with Takt's external id (time log on
#   the work order, stock.move.line on the component move, stock.scrap, time log with the
#   stop's loss, quality.alert); a release: none (the hold's alert moves to a done stage).
#   The final confirmation of the last operation also marks the order done (no record).

ROUND_TRIP_LOSE_EVERY = 4  # every 4th floor event: the ERP's answer to a write is lost
QUALITY = "903"


def _settled(store: Store) -> tuple[int, int]:
    with store.read() as session:
        rows = list(session.scalars(select(ErpPosting.status)))
    open_ = sum(s in (PostingStatus.PENDING, PostingStatus.UNKNOWN) for s in rows)
    return len(rows), open_


def _wait_settled(store: Store, timeout_s: float = 120.0) -> None:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        total, open_ = _settled(store)
        if total and not open_:
            return
        time.sleep(0.1)
    raise AssertionError(f"postings not settled after {timeout_s} s: {_settled(store)}")


def _shift(store: Store, clock: Any, erp_kind: str, lose: Any) -> int:
    """The scripted shift; returns how many floor events the ERP hears of."""
    from app.model import MaterialRequirement
    from app.model.types import ExceptionKind
    from app.services.exceptions import ExceptionService, NewException

    execution = ExecutionService(store, clock)
    exceptions = ExceptionService(store, clock)
    events = 0

    def step() -> None:
        nonlocal events
        events += 1
        if events % ROUND_TRIP_LOSE_EVERY == 0:
            lose()
        time.sleep(0.02)  # distinct times for time logs

    with store.read() as session:
        orders = list(session.scalars(select(WorkOrder).where(WorkOrder.erp_status.is_(None))))
        plan = [
            (
                o.number,
                o.quantity,
                [op.id for op in sorted(o.operations, key=lambda op: op.seq)],
                [
                    (m.item_code, m.quantity)
                    for m in session.scalars(
                        select(MaterialRequirement).where(
                            MaterialRequirement.work_order_number == o.number
                        )
                    )
                ],
            )
            for o in orders
        ]
    stocked = {"erpnext": {"RM-STEEL", "RM-BOLT"}, "odoo": {"RM-1", "RM-2"}}[erp_kind]
    for _, qty, ops, materials in plan:
        for item, need in materials:
            if item in stocked:
                execution.issue_material(OPERATOR, ops[0], item=item, qty=need)
                step()
        for op in ops:
            execution.start(OPERATOR, op)
            half = max(1.0, float(int(qty // 2)))
            execution.confirm(OPERATOR, op, good=half)
            step()
            execution.confirm(OPERATOR, op, good=qty - half - 1, scrap=1, final=True)
            step()  # a confirmation and a scrap
    center = {"erpnext": "LASER-1", "odoo": "WC-CUT"}[erp_kind]
    stop = exceptions.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MACHINE_DOWNTIME,
            summary="Spindle alarm",
            work_center=center,
            details={"reason_code": "mechanical/bearing"},
        ),
    )
    time.sleep(1.1)  # ERPNext keeps times to the second: a stop of at least one
    exceptions.resolve(SUPERVISOR, stop, decision="bearing replaced", root_cause="machine")
    step()
    number, _, _, materials = plan[0]
    hold = exceptions.raise_exception(
        QUALITY,
        NewException(
            kind=ExceptionKind.QUALITY_HOLD,
            summary="Burr on the cut edge",
            work_center=center,
            work_order=number,
            item=materials[0][0] if materials else None,
        ),
    )
    step()
    exceptions.resolve(
        QUALITY,
        hold,
        decision="deburred and released",
        root_cause="process",
        details={"disposition": "rework"},
    )
    step()
    return events


def _documents_erpnext(erp: FakeErpNext, ref: str) -> list[str]:
    found = [
        f"{doctype} {d['name']}"
        for doctype in ("Stock Entry", "Downtime Entry", "Non Conformance")
        for d in erp.docs[doctype].values()
        if d.get(REF) == ref
    ]
    found += [
        f"Job Card Time Log {card['name']}"
        for card in erp.docs["Job Card"].values()
        for row in card.get("time_logs") or []
        if str(row.get(REF) or "").split("#")[0] == ref
    ]
    return found


def _expected_erpnext(row: ErpPosting, erp: FakeErpNext) -> int:
    kind, data = row.kind.value, row.payload
    erp_kind = data.get("erp_kind")
    if kind == "confirmation":
        order = erp.docs["Work Order"].get(str(data.get("erp_ref")))
        with_ops = bool(order and order.get("operations"))
        if not with_ops:
            return 1  # a Manufacture per confirmation of the last operation
        return 2 if data.get("final") and data.get("last_operation") else 1
    if erp_kind in ("scrap", "quality_release"):
        return 0
    return 1


def _round_trip(erp_kind: str) -> dict[str, Any]:
    from app.model.types import Role
    from app.services.people import PeopleService
    from app.services.plant import SYSTEM_ACTOR
    from sync.erp.commands import run_import
    from sync.erp.odoo import OdooAdapter, xmlid_name
    from tests.erp.odoo_server import OdooServer, add_open_orders
    from tests.erp.odoo_server import seed as seed_odoo
    from tests.erp.test_erpnext import make_adapter
    from tests.erp.test_erpnext import seed as seed_erpnext

    clock = SystemClock()
    injected = [0]
    erp: FakeErpNext | None = None
    odoo: OdooServer | None = None
    adapter: Any
    if erp_kind == "erpnext":
        erp = FakeErpNext()
        seed_erpnext(erp)
        adapter = make_adapter(erp, employees={OPERATOR: "HR-EMP-00001"}, page_size=100)

        def lose() -> None:
            assert erp is not None
            erp.lose_answers += 1
            injected[0] += 1
    else:
        odoo = OdooServer()
        ids = seed_odoo(odoo)
        add_open_orders(odoo, ids, 2)
        odoo.install_quality()
        odoo.start()
        adapter = OdooAdapter(odoo.url, odoo.database, odoo.api_key, timeout_s=5.0)

        def lose() -> None:
            assert odoo is not None
            odoo.fault("lose_answer", None, "load")
            injected[0] += 1

    with tempfile.TemporaryDirectory() as tmp_name:
        store = open_store(Path(tmp_name) / "server.sqlite3", terminal_name="server", clock=clock)
        prepare(store)
        people = PeopleService(store, clock)
        for person, name, role in (
            (OPERATOR, "Ana Operator", Role.OPERATOR),
            (SUPERVISOR, "Sam Supervisor", Role.SUPERVISOR),
            (QUALITY, "Quinn Quality", Role.QUALITY),
        ):
            people.enroll(
                actor=SYSTEM_ACTOR, user_id=person, name=name, roles=[role],
                badge_id=f"B{person}", pin=None,
            )  # fmt: skip
        log_in(store, clock, OPERATOR, SUPERVISOR, QUALITY)
        run_import(store, adapter, clock, full=True)
        api = create_app(
            store,
            clock=clock,
            deadline_interval_s=None,
            erp=adapter,
            erp_import_interval_s=None,
            erp_post_interval_s=0.2,
        )
        server = ServerThread(api).start()
        try:
            t0 = time.perf_counter()
            events = _shift(store, clock, erp_kind, lose)
            _wait_settled(store)
            elapsed = (time.perf_counter() - t0) * 1000
        finally:
            server.stop()
        with store.read() as session:
            rows = list(session.scalars(select(ErpPosting)))
            for row in rows:
                session.expunge(row)
        store.close()
    per_kind: dict[str, list[int]] = {}
    documents = duplicates = missing = 0
    lags = []
    for row in rows:
        label = f"{row.kind.value}:{row.payload.get('erp_kind') or ''}".rstrip(":")
        if erp is not None:
            found = len(_documents_erpnext(erp, row.id))
            want = _expected_erpnext(row, erp)
        else:
            assert odoo is not None
            found = 1 if odoo.xmlid(f"takt.{xmlid_name(row.id)}") else 0
            want = 0 if row.payload.get("erp_kind") == "quality_release" else 1
        tally = per_kind.setdefault(label, [0, 0, 0])
        tally[0] += 1
        tally[1] += found
        tally[2] += want
        documents += found
        duplicates += max(0, found - want)
        missing += max(0, want - found)
        if row.acknowledged_at is not None:
            lags.append((row.acknowledged_at - row.occurred_at).total_seconds() * 1000)
    refused = [r for r in rows if r.status is PostingStatus.FAILED]
    # Faults injected but never struck (no write came after them) do not count.
    unused = erp.lose_answers if erp is not None else 0
    if odoo is not None:
        unused = sum(f.kind == "lose_answer" for f in odoo.faults)
    adapter.close()
    if erp is not None:
        erp.close()
    if odoo is not None:
        odoo.stop()
    for r in refused:
        log.warning("refused %s %s: %s", r.kind.value, r.id, r.last_error)
    return {
        "floor_events": events,
        "postings": len(rows),
        "documents": documents,
        "per_event": round(documents / events, 3),
        "refused": len(refused),
        "lost_answers": injected[0] - unused,
        "duplicates": duplicates,
        "missing": missing,
        "not_sent": sum(r.status is PostingStatus.CANCELLED for r in rows),
        "by_kind": {k: {"postings": v[0], "documents": v[1], "expected": v[2]}
                    for k, v in sorted(per_kind.items())},
        "posting_lag_median_ms": round(statistics.median(lags), 1) if lags else None,
        "elapsed_ms": round(elapsed, 1),
    }  # fmt: skip


@benchmark
def bench_erp_round_trip_documents() -> None:
    for erp_kind in ("erpnext", "odoo"):
        result = _round_trip(erp_kind)
        emit("erp_round_trip_documents", erp=erp_kind, **result)
        check(result["refused"] == 0, f"{erp_kind}: {result['refused']} postings refused")
        check(result["duplicates"] == 0, f"{erp_kind}: {result['duplicates']} duplicates")
        check(result["missing"] == 0, f"{erp_kind}: {result['missing']} documents missing")
