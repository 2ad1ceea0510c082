"""Turning what the ERP holds into Takt's reference events.

Each ERP record becomes the event Takt records for it (item.defined, work_center.
defined, bom.defined, routing.defined, work_order.released, stock.counted), checked
by the same payload models as anything else; a record that does not fit is reported
(entity, key, field: problem) and skipped, the rest imported. Work orders get their
operations from the routing and their materials from the BOM, both scaled to the
order's quantity. The run itself is recorded (erp.import_completed) with its high
water mark, so the next run asks only for what changed since.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from functools import partial
from typing import Any

import pydantic
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.errors import ValidationError
from app.events.payloads import (
    AreaDefined,
    BomDefined,
    BomLineSpec,
    ErpImportCompleted,
    ItemDefined,
    MaterialSpec,
    OperationSpec,
    Payload,
    RoutingDefined,
    RoutingStepSpec,
    SiteDefined,
    StockCounted,
    WorkCenterDefined,
    WorkOrderReleased,
    problems_of,
)
from app.model import Area, BomLine, EventRecord, Item, RoutingOperation, Site, WorkCenter
from app.model.types import ItemClass
from app.services.base import Service
from app.store import Store
from sync.erp.base import BadRecord, ImportBatch

log = logging.getLogger(__name__)

ACTOR = "erp"
IMPORT_SITE = "ERP"
IMPORT_AREA = "ERP-IMPORTED"


@dataclass
class ImportReport:
    imported: dict[str, int] = field(default_factory=dict)
    bad: list[BadRecord] = field(default_factory=list)
    high_water: str | None = None

    def count(self, entity: str) -> None:
        self.imported[entity] = self.imported.get(entity, 0) + 1

    def lines(self) -> list[str]:
        done = ", ".join(f"{n} {entity}" for entity, n in sorted(self.imported.items()))
        out = [f"imported: {done or 'nothing new'}"]
        out += [f"skipped {b.entity} {b.key}: {b.problem}" for b in self.bad]
        return out


def last_import(session: Session) -> EventRecord | None:
    """The newest erp.import_completed event: when the last import ran, what it brought."""
    return session.scalars(
        select(EventRecord)
        .where(EventRecord.kind == ErpImportCompleted.KIND)
        .order_by(EventRecord.position.desc())
    ).first()


def last_high_water(store: Store) -> str | None:
    """Where the previous import stopped (None: never imported, import everything)."""
    with store.read() as session:
        record = last_import(session)
        return record.payload.get("high_water") if record else None


def location_code(warehouse: str) -> str:
    """A warehouse name ("Stores - TM") as a Takt location code ("Stores-TM")."""
    return re.sub(r"[^A-Za-z0-9._/\-]+", "-", warehouse.strip()).strip("-")[:64] or "ERP"


def item_class(record: dict[str, Any], made: set[str]) -> ItemClass:
    group = str(record.get("item_group") or "").lower()
    for word, cls in (
        ("raw", ItemClass.RAW),
        ("sub", ItemClass.SEMI_FINISHED),
        ("semi", ItemClass.SEMI_FINISHED),
        ("component", ItemClass.COMPONENT),
        ("product", ItemClass.FINISHED),
        ("finished", ItemClass.FINISHED),
    ):
        if word in group:
            return cls
    return ItemClass.FINISHED if record.get("code") in made else ItemClass.PURCHASED


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        if len(value) <= 10:  # a date: the end of that day
            parsed = datetime.combine(parsed.date(), time(23, 59), tzinfo=UTC)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


class Importer:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._service = Service(store, clock)

    def apply(self, batch: ImportBatch) -> ImportReport:
        """Record the batch as events in one transaction; report what was skipped."""
        report = ImportReport(bad=list(batch.bad), high_water=batch.high_water)
        with self._service.transaction() as tx:
            session = tx.session
            items = {i.code for i in session.scalars(select(Item))}
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
            for line in session.scalars(select(BomLine)):
                boms.setdefault(line.bom_item_code, []).append(
                    {"item": line.component_code, "qty": line.quantity_per}
                )

            def emit(entity: str, key: str, build: Callable[[], Payload]) -> bool:
                try:
                    payload = build()
                except pydantic.ValidationError as error:  # the payload names the field
                    problems = "; ".join(str(p) for p in problems_of(error))
                    report.bad.append(BadRecord(entity, key, problems))
                    return False
                except (ValidationError, ValueError, KeyError, TypeError) as error:
                    report.bad.append(BadRecord(entity, key, str(error)))
                    return False
                tx.emit(payload, ACTOR)
                report.count(entity)
                return True

            if batch.work_centers and session.get(Area, IMPORT_AREA) is None:
                if session.get(Site, IMPORT_SITE) is None:
                    tx.emit(SiteDefined(code=IMPORT_SITE, name="Imported from the ERP"), ACTOR)
                tx.emit(
                    AreaDefined(
                        code=IMPORT_AREA, site=IMPORT_SITE, name="Work centers from the ERP"
                    ),
                    ACTOR,
                )
            made = {b["item"] for b in batch.boms} | set(boms)
            for rec in batch.items:
                if emit("item", str(rec.get("code")), partial(item_payload, rec, made)):
                    items.add(rec["code"])
            for rec in batch.work_centers:
                code = str(rec.get("code"))
                area_code = centers.get(code, IMPORT_AREA)
                if emit("work center", code, partial(center_payload, rec, area_code)):
                    centers.setdefault(code, IMPORT_AREA)
            for rec in batch.boms:
                lines = [{"item": li["item"], "qty": li["qty"]} for li in rec.get("lines", [])]
                missing = [li["item"] for li in lines if li["item"] not in items]
                if missing:
                    report.bad.append(
                        BadRecord("bom", str(rec.get("item")), f"lines: unknown item {missing[0]}")
                    )
                    continue
                if emit("bom", str(rec.get("item")), partial(bom_payload, rec["item"], lines)):
                    boms[rec["item"]] = lines
            for rec in batch.routings:
                steps = list(rec.get("operations", []))
                unknown = [s["work_center"] for s in steps if s["work_center"] not in centers]
                if unknown:
                    report.bad.append(
                        BadRecord(
                            "routing",
                            str(rec.get("item")),
                            f"operations.work_center: unknown work center {unknown[0]}",
                        )
                    )
                    continue
                if emit(
                    "routing", str(rec.get("item")), partial(routing_payload, rec["item"], steps)
                ):
                    routings[rec["item"]] = steps
            for rec in batch.work_orders:
                self._work_order(rec, items, centers, routings, boms, report, emit)
            for rec in batch.stock:
                emit(
                    "stock",
                    f"{rec.get('item')}@{rec.get('warehouse')}",
                    partial(stock_payload, rec),
                )
            tx.emit(
                ErpImportCompleted(
                    high_water=batch.high_water,
                    imported=report.imported,
                    skipped=len(report.bad),
                ),
                ACTOR,
            )
        for bad in report.bad:
            log.warning("ERP import skipped %s %s: %s", bad.entity, bad.key, bad.problem)
        return report

    def _work_order(
        self,
        rec: dict[str, Any],
        items: set[str],
        centers: dict[str, str],
        routings: dict[str, list[dict[str, Any]]],
        boms: dict[str, list[dict[str, Any]]],
        report: ImportReport,
        emit: Callable[[str, str, Callable[[], Payload]], bool],
    ) -> None:
        number = str(rec.get("number"))
        if rec.get("open") is False:
            return  # closed in the ERP; Takt keeps what it recorded
        item = rec.get("item")
        problem = None
        steps = rec.get("operations") or routings.get(str(item), [])
        due = _moment(rec.get("due"))
        if item not in items:
            problem = f"item: unknown item {item}"
        elif not rec.get("qty"):
            problem = "qty: missing"
        elif due is None:
            problem = "due: missing or not a date"
        elif not steps:
            problem = f"operations: no routing for item {item}"
        elif unknown := [s["work_center"] for s in steps if s["work_center"] not in centers]:
            problem = f"operations.work_center: unknown work center {unknown[0]}"
        if problem:
            report.bad.append(BadRecord("work order", number, problem))
            return
        qty = float(rec["qty"]) - float(rec.get("done_qty") or 0)
        assert due is not None
        materials = [li for li in boms.get(str(item), []) if li["item"] in items]
        build = partial(work_order_payload, number, str(item), qty, due, steps, materials)
        emit("work order", number, build)


# -- one ERP record -> one payload (raise on a bad field; the caller reports it) --------


def item_payload(rec: dict[str, Any], made: set[str]) -> ItemDefined:
    return ItemDefined(
        code=rec["code"],
        name=rec.get("name") or rec["code"],
        item_class=item_class(rec, made),
        uom=(rec.get("uom") or "pcs")[:8],
    )


def center_payload(rec: dict[str, Any], area: str) -> WorkCenterDefined:
    return WorkCenterDefined(code=rec["code"], area=area, name=rec.get("name") or rec["code"])


def bom_payload(item: str, lines: list[dict[str, Any]]) -> BomDefined:
    return BomDefined(
        item=item,
        lines=[BomLineSpec(component=li["item"], quantity_per=li["qty"]) for li in lines],
    )


def routing_payload(item: str, steps: list[dict[str, Any]]) -> RoutingDefined:
    return RoutingDefined(
        item=item,
        operations=[
            RoutingStepSpec(
                seq=int(s["seq"]),
                work_center=s["work_center"],
                description=s.get("operation") or f"Operation {s['seq']}",
                setup_minutes=0,
                run_minutes_per_unit=float(s["minutes"]),
            )
            for s in steps
        ],
    )


def stock_payload(rec: dict[str, Any]) -> StockCounted:
    return StockCounted(
        item=rec["item"],
        location=location_code(str(rec.get("warehouse") or "ERP")),
        on_hand=max(0.0, float(rec["on_hand"])),
    )


def work_order_payload(
    number: str,
    item: str,
    qty: float,
    due: datetime,
    steps: list[dict[str, Any]],
    materials: list[dict[str, Any]],
) -> WorkOrderReleased:
    return WorkOrderReleased(
        number=number,
        erp_ref=number,
        item=item,
        quantity=qty,
        due_at=due,
        operations=[
            OperationSpec(
                seq=int(s["seq"]),
                work_center=s["work_center"],
                description=s.get("operation") or f"Operation {s['seq']}",
                setup_minutes=0,
                run_minutes=float(s["minutes"]) * qty,
            )
            for s in steps
        ],
        materials=[
            MaterialSpec(item=li["item"], quantity=float(li["qty"]) * qty, need_at=due)
            for li in materials
        ],
    )
