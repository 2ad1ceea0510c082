"""`takt erp setup`: prepare the ERP for Takt's postings, or check that it is prepared.

ERPNext needs a unique custom field for Takt's reference on every doctype Takt writes
(see sync/erp/erpnext/reference_fields.py): without it a lost answer cannot be settled,
so the adapter posts nothing until it is there. Odoo needs nothing: Takt's references are
external ids.
"""

from __future__ import annotations

from typing import Any

from sync.erp.base import ErpAdapter


def setup(adapter: ErpAdapter, *, check_only: bool = False) -> tuple[list[str], bool]:
    """Lines for a person, and whether the ERP is ready for exactly-once posting."""
    checker: Any = getattr(adapter, "reference_field_problems", None)
    maker: Any = getattr(adapter, "setup", None)
    if checker is None or maker is None:
        return [f"{adapter.name}: nothing to set up (references need no custom field)"], True
    if check_only:
        problems: list[str] = checker()
        if problems:
            return [
                *(f"{adapter.name}: {p}" for p in problems),
                "run `takt erp setup` to create them (the API user needs the System Manager "
                "role for Custom Fields)",
            ], False
        return [f"{adapter.name}: the reference fields are in place"], True
    lines: list[str] = maker()
    return [f"{adapter.name}: {line}" for line in lines], True
