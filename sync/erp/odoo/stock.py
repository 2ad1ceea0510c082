"""Scrap and goods movements: `stock.scrap` (an order's own output waits for the order's
end), material issued to a manufacturing order as a picked `stock.move.line` on its
component move, other issues and receipts as a validated internal `stock.picking`.
"""

from __future__ import annotations

from typing import Any

from sync.erp.base import ErpRejected, Posted, Posting, PostingKind
from sync.erp.odoo.common import MODULE, _id, _ids, _wizard, xmlid_name
from sync.erp.odoo.posting import OdooPosting


class OdooStock(OdooPosting):
    """Scrap, consumption, issues and receipts."""

    def _post_scrap(self, posting: Posting) -> Posted:
        data = posting.data
        product = self._product(data.get("item"))
        columns: dict[str, Any] = {
            "id": f"{MODULE}.{xmlid_name(posting.reference)}",
            "product_id/.id": product["id"],
            "product_uom_id/.id": _id(product["uom_id"]),
            "scrap_qty": float(data.get("qty") or 0.0),
            "origin": f"Takt {data.get('work_order') or posting.reference}",
        }
        output = False
        if data.get("work_order"):
            production = self._production(data)
            columns["production_id/.id"] = production["id"]
            output = _id(production["product_id"]) == product["id"]
            if output:
                # The order's own product: scrapped where the order puts what it makes
                # (Odoo's choice for a done order); a component is scrapped where the
                # order takes its components from, which Odoo sets itself.
                columns["location_id/.id"] = _id(production["location_dest_id"])
        if data.get("warehouse") and not output:
            columns["location_id/.id"] = _id(self._warehouse(data["warehouse"])["lot_stock_id"])
        scrap_id = self._load("stock.scrap", columns)
        self._settle_scrap(scrap_id)
        return Posted(f"stock.scrap,{scrap_id}")

    def _settle_scrap(self, scrap_id: int) -> None:
        """Validate the scrap, unless it is of an order's output not made yet: Odoo scraps
        a finished product only after the order is done, so it waits, as a draft on the
        order, for the order to be marked done (which validates it)."""
        (scrap,) = self._read(
            "stock.scrap", [scrap_id], ["state", "name", "production_id", "product_id"]
        )
        if scrap["state"] != "draft":
            return  # validated already: a second action_validate would scrap again
        if scrap["production_id"]:
            (mo,) = self._read(
                "mrp.production", [int(scrap["production_id"][0])], ["state", "product_id"]
            )
            if _id(mo["product_id"]) == _id(scrap["product_id"]) and mo["state"] not in (
                "done",
                "cancel",
            ):
                return
        result = self.call("stock.scrap", "action_validate", [scrap_id])
        (scrap,) = self._read("stock.scrap", [scrap_id], ["state", "name"])
        if scrap["state"] != "done":
            raise ErpRejected(f"Odoo did not validate scrap {scrap['name']}: {_wizard(result)}")

    def _post_goods(self, posting: Posting) -> Posted:
        data = posting.data
        if posting.kind is PostingKind.GOODS_ISSUE and data.get("work_order"):
            return self._post_consumption(posting)
        product = self._product(data.get("item"))
        warehouse = self._warehouse(data.get("warehouse"))
        production = self._one(
            "stock.location", [["usage", "=", "production"]], ["name"], "the production location"
        )
        stock = _id(warehouse["lot_stock_id"])
        if posting.kind is PostingKind.GOODS_ISSUE:
            source, dest = stock, production["id"]
        else:
            source, dest = production["id"], stock
        origin = f"Takt {data.get('work_order') or posting.reference}"
        picking_id = self._load(
            "stock.picking",
            {
                "id": f"{MODULE}.{xmlid_name(posting.reference)}",
                "picking_type_id/.id": _id(warehouse["int_type_id"]),
                "location_id/.id": source,
                "location_dest_id/.id": dest,
                "origin": origin,
                "move_ids/name": origin,
                "move_ids/product_id/.id": product["id"],
                "move_ids/product_uom_qty": float(data.get("qty") or 0.0),
                "move_ids/product_uom/.id": _id(product["uom_id"]),
                "move_ids/location_id/.id": source,
                "move_ids/location_dest_id/.id": dest,
            },
        )
        self._validate_picking(picking_id)
        return Posted(f"stock.picking,{picking_id}")

    def _post_consumption(self, posting: Posting) -> Posted:
        """Material issued to a manufacturing order is recorded on its component move, as
        a detailed operation (`stock.move.line`) with the external id: the order consumes
        that quantity when it is done. A transfer to the production location would take
        it out of stock a second time when the order consumes its components."""
        data = posting.data
        number = data["work_order"]
        production = self._production(data)
        if production["state"] in ("done", "cancel"):
            raise ErpRejected(f"manufacturing order {number} is {production['state']} in Odoo")
        product = self._product(data.get("item"))
        moves = self._search_read(
            "stock.move",
            [
                ["raw_material_production_id", "=", production["id"]],
                ["product_id", "=", product["id"]],
                ["state", "not in", ["done", "cancel"]],
            ],
            ["location_id", "location_dest_id"],
            order="id",
            limit=1,
        )
        if not moves:
            raise ErpRejected(
                f"manufacturing order {number} has no open component move for {data['item']}"
            )
        move = moves[0]
        line: dict[str, Any] = {
            "id": f"{MODULE}.{xmlid_name(posting.reference)}",
            "move_id/.id": move["id"],
            "product_id/.id": product["id"],
            "quantity": float(data.get("qty") or 0.0),
            "picked": True,
            "location_id/.id": _id(move["location_id"]),
            "location_dest_id/.id": _id(move["location_dest_id"]),
        }
        if data.get("lot"):
            lots = self._search_read(
                "stock.lot",
                [["name", "=", data["lot"]], ["product_id", "=", product["id"]]],
                ["name"],
                limit=1,
            )
            if lots:  # an untracked product has no lots: the lot stays in Takt's record
                line["lot_id/.id"] = lots[0]["id"]
        line_id = self._load("stock.move.line", line)
        self._mark_picked(line_id)
        return Posted(f"stock.move.line,{line_id}")

    def _mark_picked(self, line_id: int) -> None:
        """The move's recorded quantity is what was consumed (safe to repeat)."""
        (line,) = self._read("stock.move.line", [line_id], ["move_id"])
        self.call("stock.move", "write", _ids([_id(line["move_id"])]), vals={"picked": True})

    def _validate_picking(self, picking_id: int) -> None:
        (picking,) = self._read("stock.picking", [picking_id], ["state", "name"])
        if picking["state"] == "done":
            return
        if picking["state"] == "cancel":
            raise ErpRejected(f"transfer {picking['name']} was cancelled in Odoo")
        if picking["state"] == "draft":
            self.call("stock.picking", "action_confirm", [picking_id])
        moves = self._search_read(
            "stock.move",
            [["picking_id", "=", picking_id]],
            ["product_uom_qty", "quantity", "picked"],
        )
        for move in moves:
            if move["quantity"] != move["product_uom_qty"] or not move["picked"]:
                self.call(
                    "stock.move",
                    "write",
                    [move["id"]],
                    vals={"quantity": move["product_uom_qty"], "picked": True},
                )
        result = self.call("stock.picking", "button_validate", [picking_id])
        (picking,) = self._read("stock.picking", [picking_id], ["state", "name"])
        if picking["state"] != "done":
            raise ErpRejected(
                f"Odoo did not validate transfer {picking['name']}: {_wizard(result)}"
            )
