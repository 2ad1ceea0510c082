"""Turning what the ERP holds into Takt's reference events.

Each ERP record becomes the event Takt records for it (item.defined, work_center.
defined, bom.defined, routing.defined, work_order.released / withdrawn, stock.counted),
checked by the same payload models as anything else; a record that does not fit is
reported (entity, key, field: problem) and skipped, the rest imported. A skipped record
is kept (erp_import_skips) and tried again on every later run until it goes in, so a
BOM skipped for an item the same run could not take goes in once the item does; each
run's record counts what is still skipped.

Work orders are merged, never recreated (app/projections/orders.py says which field
the ERP owns and which the floor does). Their operations come from the order itself
(the ERP's times are for the order's whole quantity) or from the item's routing (per
unit); their materials from the order's own list when the ERP gives one, else from the
BOM, exploded through sub-assemblies when the order says so (ERPNext's "use multi-level
BOM"). Run times come per unit and are scaled to the order's quantity once; a BOM's or
routing's lines and times given for its own quantity are divided by it first (a quantity
of 0 is a skipped record, never read as 1). Orders the ERP stopped, closed, cancelled,
completed or deleted leave the plan (work_order.withdrawn). Items disabled or deleted in
the ERP are kept, marked inactive.

The run itself is recorded (erp.import_completed) with its high water mark, so the next
run asks only for what changed since; a run that fails is recorded too
(erp.import_failed, with the ERP's words) and the next scheduled run tries again.

This module runs the import; how one record becomes its payload is
sync/erp/import_payloads.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any, Literal

import pydantic
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.errors import ValidationError
from app.events.payloads import (
    MAX_SKIPS_SHOWN,
    AreaDefined,
    ErpImportCompleted,
    ErpImportFailed,
    ImportSkip,
    ItemDefined,
    Payload,
    SiteDefined,
    WorkOrderWithdrawn,
    printable,
    problems_of,
)
from app.model import (
    Area,
    BomLine,
    ErpImportSkip,
    EventRecord,
    Item,
    RoutingOperation,
    Site,
    WorkCenter,
    WorkOrder,
)
from app.model.types import WorkOrderStatus
from app.services.base import Service
from app.store import Store
from sync.erp.base import (
    BadRecord,
    ErpAuthError,
    ErpUnavailable,
    ImportBatch,
)
from sync.erp.import_payloads import (
    _moment,
    _number,
    bom_payload,
    center_payload,
    explode,
    item_payload,
    order_state,
    per_unit_quantity,
    routing_payload,
    stock_payload,
    work_order_payload,
)

log = logging.getLogger(__name__)

ACTOR = "erp"
IMPORT_SITE = "ERP"
IMPORT_AREA = "ERP-IMPORTED"
# Which list of an ImportBatch holds each entity, as the importer names them.
ENTITY_LISTS = {
    "item": "items",
    "work center": "work_centers",
    "bom": "boms",
    "routing": "routings",
    "work order": "work_orders",
    "stock": "stock",
}


@dataclass
class ImportReport:
    imported: dict[str, int] = field(default_factory=dict)
    bad: list[BadRecord] = field(default_factory=list)
    high_water: str | None = None
    retried: int = 0  # earlier skipped records tried again this run
    still_skipped: list[ImportSkip] = field(default_factory=list)  # after this run

    def count(self, entity: str) -> None:
        self.imported[entity] = self.imported.get(entity, 0) + 1

    def lines(self) -> list[str]:
        done = ", ".join(f"{n} {entity}" for entity, n in sorted(self.imported.items()))
        out = [f"imported: {done or 'nothing new'}"]
        if self.retried:
            out.append(f"tried again: {self.retried} records skipped before")
        out += [
            f"skipped {s.entity} {s.key}: {s.problem}"
            + (f" (tried {s.tries} times)" if s.tries > 1 else "")
            for s in self.still_skipped
        ]
        return out


def entity_name(entity: str) -> str:
    """One name per entity whoever reports it ("work_order" from an adapter too)."""
    return entity.replace("_", " ").strip().lower()


def last_import(session: Session) -> EventRecord | None:
    """The newest erp.import_completed event: when the last import ran, what it brought."""
    return session.scalars(
        select(EventRecord)
        .where(EventRecord.kind == ErpImportCompleted.KIND)
        .order_by(EventRecord.position.desc())
    ).first()


def last_import_outcome(session: Session) -> EventRecord | None:
    """The newest import record, completed or failed."""
    return session.scalars(
        select(EventRecord)
        .where(EventRecord.kind.in_([ErpImportCompleted.KIND, ErpImportFailed.KIND]))
        .order_by(EventRecord.position.desc())
    ).first()


def last_high_water(store: Store) -> str | None:
    """Where the previous import stopped (None: never imported, import everything)."""
    with store.read() as session:
        record = last_import(session)
        return record.payload.get("high_water") if record else None


def record_key(entity: str, rec: dict[str, Any]) -> str:
    """How a record is named in the report and in the skipped list: the ERP's own name
    for a BOM or routing (the adapters report theirs by it), else the item or number."""
    if entity == "item":
        return str(rec.get("code"))
    if entity == "work center":
        return str(rec.get("code"))
    if entity == "bom":
        return str(rec.get("name") or rec.get("ref") or rec.get("item"))
    if entity == "routing":
        return str(rec.get("bom") or rec.get("ref") or rec.get("item"))
    if entity == "work order":
        return str(rec.get("number"))
    return f"{rec.get('item')}@{rec.get('warehouse')}"


FailureReason = Literal["credentials", "unavailable", "error"]


def failure_reason(error: BaseException) -> FailureReason:
    if isinstance(error, ErpAuthError):
        return "credentials"
    if isinstance(error, ErpUnavailable):
        return "unavailable"
    return "error"


class Importer:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._service = Service(store, clock)

    def unreadable(self) -> dict[str, list[str]]:
        """Records skipped because the adapter itself could not read them, by entity:
        what an adapter that can re-read single records (`import_records`) is asked for."""
        with self.store.read() as session:
            rows = session.scalars(select(ErpImportSkip).where(ErpImportSkip.record.is_(None)))
            wanted: dict[str, list[str]] = {}
            for row in rows:
                wanted.setdefault(row.entity, []).append(row.key)
            return wanted

    def open_orders(self) -> dict[str, str | None]:
        """Takt's orders the ERP gave it that are still on the plan: {number: erp_ref}
        (what an ERP without tombstones is asked about, `deleted_orders`)."""
        with self.store.read() as session:
            rows = session.execute(
                select(WorkOrder.number, WorkOrder.erp_ref).where(
                    WorkOrder.erp_ref.is_not(None),
                    WorkOrder.erp_status.is_(None),
                    WorkOrder.status.in_([WorkOrderStatus.RELEASED, WorkOrderStatus.IN_PROGRESS]),
                )
            )
            return {number: ref for number, ref in rows}

    def record_failure(self, error: BaseException, since: str | None) -> None:
        """An import that could not run (or not be stored): recorded with the ERP's words,
        once per distinct error (a long outage is one record, not one per run)."""
        text = printable(str(error) or type(error).__name__, 2000, multiline=True).strip()
        payload = ErpImportFailed(
            error=text or type(error).__name__, reason=failure_reason(error), since=since
        )
        with self._service.transaction() as tx:
            last = last_import_outcome(tx.session)
            if (
                last is not None
                and last.kind == ErpImportFailed.KIND
                and last.payload.get("error") == payload.error
            ):
                return
            tx.emit(payload, ACTOR)

    def apply(self, batch: ImportBatch) -> ImportReport:
        """Record the batch as events in one transaction; report what was skipped."""
        report = ImportReport(high_water=batch.high_water)
        now = self.clock.now()
        with self._service.transaction() as tx:
            session = tx.session
            skipped_before = {(s.entity, s.key): s for s in session.scalars(select(ErpImportSkip))}
            report.retried = _take_back(batch, skipped_before)
            succeeded: set[tuple[str, str]] = set()
            failed: dict[tuple[str, str], tuple[str, dict[str, Any] | None]] = {}

            def skip(entity: str, key: str, problem: str, rec: dict[str, Any] | None) -> None:
                report.bad.append(BadRecord(entity, key, problem))
                failed[(entity, key)] = (problem, rec)

            for bad in batch.bad:
                skip(entity_name(bad.entity), bad.key, bad.problem, None)

            items = set(session.scalars(select(Item.code).where(Item.active)))
            inactive = set(session.scalars(select(Item.code).where(Item.active.is_(False))))
            centers = {w.code: w.area_code for w in session.scalars(select(WorkCenter))}
            routings: dict[str, list[dict[str, Any]]] = {}
            for op in session.scalars(select(RoutingOperation)):
                routings.setdefault(op.routing_item_code, []).append(
                    {
                        "seq": op.seq,
                        "work_center": op.work_center_code,
                        "operation": op.description,
                        "minutes": op.run_minutes_per_unit,
                    }
                )
            boms: dict[str, list[dict[str, Any]]] = {}
            for line in session.scalars(select(BomLine).order_by(BomLine.line_no)):
                boms.setdefault(line.bom_item_code, []).append(
                    {"item": line.component_code, "qty": line.quantity_per}
                )

            def emit(entity: str, rec: dict[str, Any], build: Callable[[], Payload]) -> bool:
                key = record_key(entity, rec)
                try:
                    payload = build()
                except pydantic.ValidationError as error:  # the payload names the field
                    skip(entity, key, "; ".join(str(p) for p in problems_of(error)), rec)
                    return False
                except (ValidationError, ValueError, KeyError, TypeError) as error:
                    skip(entity, key, str(error), rec)
                    return False
                tx.emit(payload, ACTOR)
                report.count(entity)
                succeeded.add((entity, key))
                return True

            def unknown_item(code: Any) -> str:
                if code in inactive:
                    return f"item {code} is disabled or deleted in the ERP"
                return f"unknown item {code}"

            if batch.work_centers and session.get(Area, IMPORT_AREA) is None:
                if session.get(Site, IMPORT_SITE) is None:
                    tx.emit(SiteDefined(code=IMPORT_SITE, name="Imported from the ERP"), ACTOR)
                tx.emit(
                    AreaDefined(
                        code=IMPORT_AREA, site=IMPORT_SITE, name="Work centers from the ERP"
                    ),
                    ACTOR,
                )
            # Items whose BOM this run could not take, and why: an order of one that
            # Takt has no earlier BOM for waits with it rather than go without materials.
            held_boms: dict[str, str] = {}
            made = {b["item"] for b in batch.boms} | set(boms)
            for rec in batch.items:
                if emit("item", rec, partial(item_payload, rec, made)):
                    if rec.get("active", True) is False:
                        items.discard(rec["code"])
                        inactive.add(rec["code"])
                    else:
                        items.add(rec["code"])
                        inactive.discard(rec["code"])
            for entity, key in batch.deleted:
                if entity_name(entity) == "item":
                    self._item_deleted(tx, session, key, report)
                    items.discard(key)
                    inactive.add(key)
            for rec in batch.work_centers:
                code = str(rec.get("code"))
                area_code = centers.get(code, IMPORT_AREA)
                if emit("work center", rec, partial(center_payload, rec, area_code)):
                    centers.setdefault(code, IMPORT_AREA)
            for rec in batch.boms:
                key = record_key("bom", rec)
                per, problem = per_unit_quantity(rec)
                lines = [
                    {"item": li.get("item"), "qty": _number(li.get("qty"))}
                    for li in rec.get("lines") or []
                ]
                missing = [li["item"] for li in lines if li["item"] not in items]
                if problem is None and missing:
                    problem = f"lines: {unknown_item(missing[0])}"
                if problem is None and (empty := [li for li in lines if not li["qty"]]):
                    problem = f"lines: item {empty[0]['item']} has no quantity"
                if problem is not None:
                    skip("bom", key, problem, rec)
                    held_boms[str(rec.get("item"))] = problem
                    continue
                assert per is not None
                unit = [{"item": li["item"], "qty": float(li["qty"]) / per} for li in lines]
                if emit("bom", rec, partial(bom_payload, rec["item"], unit)):
                    boms[rec["item"]] = unit
            for rec in batch.routings:
                key = record_key("routing", rec)
                per, problem = per_unit_quantity(rec)
                steps = list(rec.get("operations") or [])
                unknown = [
                    s.get("work_center") for s in steps if s.get("work_center") not in centers
                ]
                if problem is None and unknown:
                    problem = f"operations.work_center: unknown work center {unknown[0]}"
                if problem is not None:
                    skip("routing", key, problem, rec)
                    continue
                assert per is not None
                # Times given for the routing's (its BOM's) quantity: per unit here. Set-up
                # time is per batch, whatever the quantity.
                unit = [{**s, "minutes": (_number(s.get("minutes")) or 0.0) / per} for s in steps]
                if emit("routing", rec, partial(routing_payload, rec["item"], unit)):
                    routings[rec["item"]] = unit
            batch.work_orders = _by_erp_ref(session, batch.work_orders)
            known_orders = {
                o.number: o
                for o in session.scalars(
                    select(WorkOrder).where(
                        WorkOrder.number.in_([str(r.get("number")) for r in batch.work_orders])
                    )
                )
            }
            for rec in batch.work_orders:
                self._work_order(
                    rec,
                    items,
                    centers,
                    routings,
                    {k: v for k, v in held_boms.items() if k not in boms},
                    boms,
                    known_orders,
                    emit,
                    skip,
                    unknown_item,
                )
                if rec.get("number") is not None and (
                    order_state(rec) != "released" or rec.get("open") is False
                ):
                    succeeded.add(("work order", str(rec["number"])))
            for entity, key in batch.deleted:
                if entity_name(entity) != "work order":
                    continue
                succeeded.add(("work order", key))
                order = session.get(WorkOrder, key)
                if order is not None and order.erp_status != "deleted":
                    tx.emit(
                        WorkOrderWithdrawn(number=key, state="deleted", erp_status="deleted"),
                        ACTOR,
                    )
                    report.count("work order")
            for rec in batch.stock:
                emit("stock", rec, partial(stock_payload, rec))

            report.still_skipped = self._remember_skips(
                session, skipped_before, succeeded, failed, now
            )
            tx.emit(
                ErpImportCompleted(
                    high_water=batch.high_water,
                    imported=report.imported,
                    skipped=len(report.still_skipped),
                    skips=report.still_skipped[:MAX_SKIPS_SHOWN],
                ),
                ACTOR,
            )
        for bad in report.bad:
            log.warning("ERP import skipped %s %s: %s", bad.entity, bad.key, bad.problem)
        return report

    @staticmethod
    def _remember_skips(
        session: Session,
        before: dict[tuple[str, str], ErpImportSkip],
        succeeded: set[tuple[str, str]],
        failed: dict[tuple[str, str], tuple[str, dict[str, Any] | None]],
        now: datetime,
    ) -> list[ImportSkip]:
        """Keep what is still skipped (to try again), forget what went in; the list."""
        for done in succeeded - set(failed):
            gone = before.pop(done, None)
            if gone is not None:
                session.delete(gone)
        for (entity, key), (problem, rec) in failed.items():
            row = before.get((entity, key))
            if row is None:
                row = ErpImportSkip(
                    entity=entity[:32], key=key[:140], tries=0, first_at=now, record=None
                )
                session.add(row)
                before[(entity, key)] = row
            row.tries += 1
            row.problem = problem
            row.last_at = now
            # A record the adapter could not read keeps the last version Takt had.
            row.record = rec if rec is not None else row.record
        rows = sorted(before.values(), key=lambda r: (r.first_at, r.entity, r.key))
        return [
            ImportSkip(
                entity=printable(r.entity, 32) or "record",
                key=printable(r.key, 140) or "?",
                problem=printable(r.problem, 500) or "skipped",
                tries=max(r.tries, 1),
            )
            for r in rows
        ]

    def _item_deleted(self, tx: Any, session: Session, code: str, report: ImportReport) -> None:
        item = session.get(Item, code)
        if item is None or not item.active:
            return
        tx.emit(
            ItemDefined(
                code=item.code,
                name=item.name,
                item_class=item.item_class,
                uom=item.uom,
                active=False,
            ),
            ACTOR,
        )
        report.count("item withdrawn")

    def _work_order(
        self,
        rec: dict[str, Any],
        items: set[str],
        centers: dict[str, str],
        routings: dict[str, list[dict[str, Any]]],
        held_boms: dict[str, str],
        boms: dict[str, list[dict[str, Any]]],
        known: dict[str, WorkOrder],
        emit: Callable[[str, dict[str, Any], Callable[[], Payload]], bool],
        skip: Callable[[str, str, str, dict[str, Any] | None], None],
        unknown_item: Callable[[Any], str],
    ) -> None:
        number = str(rec.get("number"))
        state = order_state(rec)
        order = known.get(number)
        if state != "released":
            # Off the plan in the ERP: leaves the board when Takt runs it; an order
            # Takt never had is nothing to Takt.
            if order is not None and order.erp_status != state:
                emit(
                    "work order",
                    rec,
                    partial(
                        WorkOrderWithdrawn,
                        number=number,
                        state=state,
                        erp_status=printable(str(rec.get("status") or state), 40),
                    ),
                )
            return
        item = rec.get("item")
        erp_qty = _number(rec.get("qty"))
        done = _number(rec.get("done_qty")) or 0.0
        done_before = order.done_before if order is not None else done
        own = rec.get("operations") or []
        steps = own or routings.get(str(item), [])
        due = _moment(rec.get("due"))
        problem = None
        if item not in items:
            problem = f"item: {unknown_item(item)}"
        elif erp_qty is None or erp_qty <= 0:
            problem = "qty: missing"
        elif erp_qty - done_before <= 0:
            problem = f"qty: nothing left to make ({erp_qty:g} ordered, {done_before:g} made)"
        elif due is None:
            problem = "due: missing or not a date"
        elif not steps:
            problem = f"operations: no routing for item {item}"
        elif rec.get("materials") is None and str(item) in held_boms:
            problem = f"materials: the BOM of {item} was skipped ({held_boms[str(item)]})"
        elif unknown := [s["work_center"] for s in steps if s.get("work_center") not in centers]:
            problem = f"operations.work_center: unknown work center {unknown[0]}"
        if problem:
            skip("work order", number, problem, rec)
            return
        assert erp_qty is not None
        assert due is not None
        qty = erp_qty - done_before
        # Steps carry run minutes per unit (the adapters divide the ERP's times for the
        # order's quantity); the payload is for what is left to make, scaled once.
        per_unit = [{**s, "minutes": _number(s.get("minutes")) or 0.0} for s in steps]
        if rec.get("materials") is not None:
            # The ERP's own list for the order (already exploded as it does): its
            # quantities are for the whole order.
            materials = [
                (str(m.get("item")), (_number(m.get("qty")) or 0.0) / erp_qty)
                for m in rec["materials"]
            ]
        else:
            materials = explode(str(item), boms, multi_level=bool(rec.get("multi_level")))
        missing = [code for code, _ in materials if code not in items]
        if missing:
            skip("work order", number, f"materials: {unknown_item(missing[0])}", rec)
            return
        build = partial(
            work_order_payload,
            number,
            str(item),
            qty,
            due,
            per_unit,
            [(code, per) for code, per in materials if per > 0],
            done_before,
            str(rec.get("erp_ref") or number),
        )
        emit("work order", rec, build)


def _by_erp_ref(session: Session, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Work order records under Takt's number: one whose `erp_ref` (the ERP's lasting
    key) names an order Takt has under another number is that order, renamed in the
    ERP (an Odoo backorder makes "<name>-001" of it); it keeps Takt's number, so what
    refers to it stays."""
    refs = [str(r["erp_ref"]) for r in records if r.get("erp_ref")]
    if not refs:
        return records
    numbers = {
        ref: number
        for ref, number in session.execute(
            select(WorkOrder.erp_ref, WorkOrder.number).where(WorkOrder.erp_ref.in_(refs))
        )
    }
    out = []
    for rec in records:
        number = numbers.get(str(rec.get("erp_ref") or ""))
        if number is not None and number != rec.get("number"):
            rec = {**rec, "number": number, "erp_name": rec.get("number")}
        out.append(rec)
    return out


def _take_back(batch: ImportBatch, skipped: dict[tuple[str, str], ErpImportSkip]) -> int:
    """Put earlier skipped records back into the batch, unless it brings a newer version
    of them; return how many."""
    fresh: dict[str, set[str]] = {}
    for entity, attr in ENTITY_LISTS.items():
        fresh[entity] = {record_key(entity, r) for r in getattr(batch, attr)}
    for bad in batch.bad:
        fresh.setdefault(entity_name(bad.entity), set()).add(bad.key)
    taken = 0
    for (entity, key), row in skipped.items():
        target = ENTITY_LISTS.get(entity)
        if row.record is None or target is None or key in fresh.get(entity, set()):
            continue
        # Entities are applied in dependency order (items before BOMs before orders),
        # so a record retried after this run's items finds them.
        getattr(batch, target).append(dict(row.record))
        taken += 1
    return taken
