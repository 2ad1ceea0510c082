"""What the Odoo adapter's modules share: Odoo's time format, Takt's external ids
(`takt.evt_<reference>`), the open order states, and the small converters between
Odoo's values (many2one pairs, naive UTC times) and Takt's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

ODOO_TIME = "%Y-%m-%d %H:%M:%S"  # Odoo's datetime strings: naive, UTC
MODULE = "takt"  # the module part of Takt's external ids
OPEN_PRODUCTION = ["confirmed", "progress", "to_close"]
_PRODUCTION_REF = re.compile(r"^mrp\.production,(\d+)$")


def xmlid_name(reference: str) -> str:
    """The external id's name: letters, digits and '_' (a '.' would split the module)."""
    return "evt_" + re.sub(r"[^A-Za-z0-9_]", "_", reference)


def _odoo_time(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime(ODOO_TIME)


def _parse_time(value: Any) -> datetime | None:
    """An aware datetime from Takt's data (ISO string or datetime), or None."""
    if value in (None, "", False):
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _as_utc(odoo_time: str) -> datetime:
    return datetime.strptime(odoo_time[:19], ODOO_TIME).replace(tzinfo=UTC)


def _iso(odoo_time: Any) -> str | None:
    if not odoo_time:
        return None
    return datetime.strptime(odoo_time, ODOO_TIME).replace(tzinfo=UTC).isoformat()


def production_id(ref: Any) -> int | None:
    """The id in Takt's reference of an imported order ("mrp.production,17"), if any."""
    match = _PRODUCTION_REF.match(str(ref or ""))
    return int(match[1]) if match else None


def _ref_id(model: str, ref: Any) -> int | None:
    """The id in a reference "<model>,<id>" (how Takt keys Odoo's BOMs), if it is one."""
    head, _, tail = str(ref or "").partition(",")
    return int(tail) if head == model and tail.isdigit() else None


def _id(many2one: Any) -> int | None:
    """Odoo reads a many2one as [id, display name], or False when empty."""
    return int(many2one[0]) if many2one else None


def _ids(values: Iterable[int | None]) -> list[int]:
    return sorted({v for v in values if v is not None})


def _label(many2one: Any) -> str:
    return str(many2one[1]) if many2one else ""


def _cell(value: Any) -> str:
    """`load` takes the import file's cells: text, with datetimes in Odoo's format."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return _odoo_time(value)
    return str(value)


def _wizard(result: Any) -> str:
    if isinstance(result, dict) and result.get("res_model"):
        return f"Odoo opened {result['res_model']} for a person to confirm"
    return f"Odoo answered {result!r}"
