"""One ERP record -> one Takt payload: the pure mapping the importer applies to what
the adapters read (items, work centers, BOMs, routings, stock, work orders), and the small
readings it rests on (an order's state, a BOM's own quantity, a warehouse as a location,
materials exploded through sub-assemblies). A builder raises on a bad field; the
importer reports that record as skipped.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from typing import Any, Literal, cast

from app.events.payloads import (
    BomDefined,
    BomLineSpec,
    ItemDefined,
    MaterialSpec,
    OperationSpec,
    RoutingDefined,
    RoutingStepSpec,
    StockCounted,
    WorkCenterDefined,
    WorkOrderReleased,
)
from app.model.types import ItemClass
from sync.erp.base import (
    ORDER_STATES,
)

OrderState = Literal["released", "stopped", "closed", "cancelled", "completed", "deleted"]
# The ERP's words for an order's state, when the adapter gives no `state` of its own.
_STATE_WORDS = {
    "stopped": "stopped",
    "closed": "closed",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "cancel": "cancelled",
    "completed": "completed",
    "done": "completed",
}


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


def order_state(rec: dict[str, Any]) -> OrderState:
    """released / stopped / closed / cancelled / completed / deleted, from the adapter's
    `state` or else the ERP's own status word (and `open`)."""
    state = rec.get("state")
    if state in ORDER_STATES:
        return cast(OrderState, state)
    word = str(rec.get("status") or "").strip().lower()
    if word in _STATE_WORDS:
        return cast(OrderState, _STATE_WORDS[word])
    if rec.get("open") is False:
        return "closed"
    return "released"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


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


def per_unit_quantity(rec: dict[str, Any]) -> tuple[float | None, str | None]:
    """A BOM's or routing's own quantity (what its lines and times are for): 1 when the
    ERP gives none; a quantity of 0 or less is a problem, never read as 1."""
    if "quantity" not in rec or rec["quantity"] is None:
        return 1.0, None
    quantity = _number(rec["quantity"])
    if quantity is None or quantity <= 0:
        return None, f"quantity: {rec['quantity']!r}, must be above 0 (what the lines are for)"
    return quantity, None


def explode(
    item: str, boms: dict[str, list[dict[str, Any]]], *, multi_level: bool
) -> list[tuple[str, float]]:
    """An item's materials per unit: its BOM's lines, or (multi-level) the raw materials
    of every sub-assembly that has a BOM of its own, as ERPNext's exploded items are."""
    totals: dict[str, float] = {}

    def walk(code: str, per: float, path: frozenset[str]) -> None:
        for line in boms.get(code, []):
            component, qty = str(line["item"]), float(line["qty"]) * per
            if multi_level and component in boms and component not in path:
                walk(component, qty, path | {component})
            else:
                totals[component] = totals.get(component, 0.0) + qty

    walk(item, 1.0, frozenset({item}))
    return list(totals.items())


def item_payload(rec: dict[str, Any], made: set[str]) -> ItemDefined:
    return ItemDefined(
        code=rec["code"],
        name=rec.get("name") or rec["code"],
        item_class=item_class(rec, made),
        uom=(rec.get("uom") or "pcs")[:8],
        active=rec.get("active", True) is not False,
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
                setup_minutes=_number(s.get("setup_minutes")) or 0.0,
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
    materials: list[tuple[str, float]],
    done_before: float = 0.0,
    erp_ref: str | None = None,
) -> WorkOrderReleased:
    """`steps` carry minutes per unit, `materials` quantities per unit: both are scaled
    to `qty`, what is left for the floor to make."""
    return WorkOrderReleased(
        number=number,
        erp_ref=erp_ref or number,
        item=item,
        quantity=qty,
        due_at=due,
        done_before=done_before,
        operations=[
            OperationSpec(
                seq=int(s["seq"]),
                work_center=s["work_center"],
                description=s.get("operation") or f"Operation {s['seq']}",
                setup_minutes=_number(s.get("setup_minutes")) or 0.0,
                run_minutes=float(s["minutes"]) * qty,
            )
            for s in steps
        ],
        materials=[
            MaterialSpec(item=code, quantity=per * qty, need_at=due) for code, per in materials
        ],
    )
