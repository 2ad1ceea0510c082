"""Exactly once: the record made for a posting carries the external id
`takt.evt_<reference>` and is created with `<model>.load`, which writes the record and
its `ir.model.data` row in one transaction (a separate `ir.model.data.create` would be
a second one, and needs the Settings right); `_anchor` finds it again. Also the
lookups of the records a posting names (item, manufacturing order, work center,
warehouse).
"""

from __future__ import annotations

from typing import Any

from sync.erp.base import ErpRejected
from sync.erp.odoo.common import MODULE, _cell, production_id, xmlid_name
from sync.erp.odoo.transport import OdooTransport


class OdooPosting(OdooTransport):
    """One record per posting, found again by its external id; what postings name."""

    def _load(self, model: str, columns: dict[str, Any]) -> int:
        """Create (or update) one record with its external id, in one transaction."""
        result = self.call(
            model, "load", fields=list(columns), data=[[_cell(v) for v in columns.values()]]
        )
        errors = [m for m in (result or {}).get("messages", []) if m.get("type") == "error"]
        if errors or not (result or {}).get("ids"):
            detail = "; ".join(str(m.get("message")) for m in errors) or "nothing was imported"
            raise ErpRejected(f"Odoo refused the {model}: {detail}")
        return int(result["ids"][0])

    def _anchor(self, reference: str) -> tuple[str, int] | None:
        """The record Takt made for this reference, found by its external id."""
        rows = self._search_read(
            "ir.model.data",
            [["module", "=", MODULE], ["name", "=", xmlid_name(reference)]],
            ["model", "res_id"],
            limit=1,
        )
        # Deleting a record through the ORM deletes its external ids too, so a row found
        # here names a live record.
        return (str(rows[0]["model"]), int(rows[0]["res_id"])) if rows else None

    def _product(self, code: Any) -> dict[str, Any]:
        if not code:
            raise ErpRejected("the posting names no item")
        return self._one(
            "product.product", [["default_code", "=", code]], ["uom_id"], f"item {code}"
        )

    def _production(self, data: dict[str, Any]) -> dict[str, Any]:
        """The posting's manufacturing order: by its id when Takt has it (`erp_ref`
        "mrp.production,<id>", as imported), else by name. The id survives what the name
        does not: a backorder renames the original order "<name>-001"."""
        number = data.get("work_order")
        fields = ["name", "bom_id", "state", "product_id", "location_dest_id"]
        rid = production_id(data.get("erp_ref"))
        if rid is None:
            return self._one(
                "mrp.production", [["name", "=", number]], fields, f"manufacturing order {number}"
            )
        rows = self._search_read("mrp.production", [["id", "=", rid]], fields, limit=1)
        if not rows:
            raise ErpRejected(
                f"manufacturing order {number} (mrp.production {rid}) no longer exists in Odoo"
            )
        return rows[0]

    def _work_center(self, code: Any) -> dict[str, Any]:
        # Takt names a work center without a code by its name (see the import).
        domain = ["|", ["code", "=", code], "&", ["code", "=", False], ["name", "=", code]]
        return self._one("mrp.workcenter", domain, ["name"], f"work center {code}")

    def _warehouse(self, code: Any) -> dict[str, Any]:
        domain = [["code", "=", code]] if code else []
        rows = self._search_read(
            "stock.warehouse", domain, ["lot_stock_id", "int_type_id"], order="id", limit=1
        )
        if not rows:
            raise ErpRejected(f"warehouse {code or '(any)'} was not found in Odoo")
        return rows[0]

    def _loss(self, domain: list[Any], what: str) -> int:
        rows = self._search_read(
            "mrp.workcenter.productivity.loss", domain, ["name"], order="sequence, id", limit=1
        )
        if not rows:
            raise ErpRejected(f"Odoo has no {what} (mrp.workcenter.productivity.loss)")
        return int(rows[0]["id"])
