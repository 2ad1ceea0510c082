"""What the ERPNext adapter's modules share: ERPNext's names (the reference field, the
doctypes, the open Work Order statuses, the stop reasons), number and time parsing,
and how Work Order and BOM operations are numbered as Takt's steps (the import numbers
them, a confirmation finds its operation again by that number).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

REF_FIELD = "custom_mes_event_id"
REF_LABEL = "MES Event ID"
MAKE_STOCK_ENTRY = "erpnext.manufacturing.doctype.work_order.work_order.make_stock_entry"
TRANSFER_FOR_MANUFACTURE = "Material Transfer for Manufacture"
JOB_CARD_LOG = "Job Card Time Log"

# Statuses of a Work Order that still has work to do (v15 adds the stock reservation ones).
OPEN_WORK_ORDER_STATUSES = (
    "Not Started",
    "In Process",
    "Stock Reserved",
    "Stock Partially Reserved",
)
# Every doctype a posting writes the reference into, so each needs the custom field.
REFERENCE_DOCTYPES = ("Stock Entry", "Downtime Entry", "Non Conformance", JOB_CARD_LOG)

# Downtime Entry.stop_reason is a Select; anything else is refused by ERPNext.
StopReason = Literal[
    "Excessive machine set up time",
    "Unplanned machine maintenance",
    "On-machine press checks",
    "Machine operator errors",
    "Machine malfunction",
    "Electricity down",
    "Other",
]
STOP_REASONS: tuple[str, ...] = StopReason.__args__  # type: ignore[attr-defined]

# Enough places for quantities ERPNext keeps with 3 to 9 decimals, without float dust.
_PLACES = 6


def _number(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _qty(value: float) -> float:
    return round(value, _PLACES)


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _numbered(rows: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """Operation rows in order with Takt's step number for each.

    sequence_id may repeat (ERPNext lets steps share one) or be blank; Takt's step
    numbers must be unique, so then the row order numbers them."""
    ordered = sorted(rows, key=lambda r: r.get("idx") or 0)
    sequence_ids = [op.get("sequence_id") for op in ordered]
    own = all(sequence_ids) and len(set(sequence_ids)) == len(sequence_ids)
    return [
        (int(op["sequence_id"]) if own else (index + 1) * 10, op)
        for index, op in enumerate(ordered)
    ]
