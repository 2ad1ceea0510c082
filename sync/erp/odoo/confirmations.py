"""Confirmations: a closed time log on the operation's `mrp.workorder` carrying the
quantities, the work order's `qty_produced` set to the sum of Takt's logs (absolute:
a repeat cannot count twice), `button_finish` on a final one, and the manufacturing
order marked done once its last work order is (components consumed as the BOM says,
the backorder wizard answered in advance). Every step is safe to repeat.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sync.erp.base import ErpRejected, Posted, Posting
from sync.erp.odoo.common import MODULE, _id, _wizard, xmlid_name
from sync.erp.odoo.posting import OdooPosting

log = logging.getLogger(__name__)

CONFIRMATION_NOTE = re.compile(
    r"^Takt (?P<ref>\S+): good (?P<good>[0-9.eE+-]+), scrap (?P<scrap>[0-9.eE+-]+)"
    r"(?P<final>, final)?"
)


@dataclass(frozen=True)
class _Confirmed:
    """What one of Takt's confirmation time logs says (its description)."""

    workorder_id: int | None
    good: float
    scrap: float


class OdooConfirmations(OdooPosting):
    """Work order time logs and the manufacturing order's end."""

    # With a final confirmation short of the planned quantity: leave the rest to a new
    # order ("<name>-002") rather than close the order with what was made.
    backorder: bool

    if TYPE_CHECKING:
        # In stock.py: the order's output scrapped on the way waits for the order's end.
        def _settle_scrap(self, scrap_id: int) -> None: ...

    def _work_order(self, data: dict[str, Any]) -> dict[str, Any]:
        """The `mrp.workorder` of the order's operation: by the operation's position in
        the BOM (Odoo's `sequence` defaults to 100 for every operation, so Takt numbers
        operations 10, 20, ... in Odoo's order), else by work center code."""
        number = data.get("work_order")
        production = self._production(data)
        orders = self._search_read(
            "mrp.workorder",
            [["production_id", "=", production["id"]]],
            ["name", "operation_id", "workcenter_id", "state", "qty_produced"],
            order="id",
        )
        seq = data.get("operation_seq")
        positions = self._operation_positions(_id(production["bom_id"]))
        matches = [o for o in orders if seq and positions.get(_id(o["operation_id"])) == seq]
        code = data.get("work_center")
        if not matches and code:
            codes = self._center_codes(_id(o["workcenter_id"]) for o in orders)
            matches = [o for o in orders if codes.get(_id(o["workcenter_id"])) == code]
        if len(matches) != 1:
            found = "no" if not matches else "more than one"
            raise ErpRejected(
                f"manufacturing order {number} has {found} work order for operation "
                f"{seq} on {code} in Odoo"
            )
        return matches[0]

    def _operation_positions(self, bom_id: int | None) -> dict[int | None, int]:
        if bom_id is None:
            return {}
        ops = self._search_read(
            "mrp.routing.workcenter", [["bom_id", "=", bom_id]], ["id"], order="sequence, id"
        )
        return {op["id"]: 10 * (i + 1) for i, op in enumerate(ops)}

    def _post_confirmation(self, posting: Posting) -> Posted:
        data = posting.data
        order = self._work_order(data)
        if order["state"] in ("done", "cancel"):
            raise ErpRejected(f"work order {order['name']} is already {order['state']} in Odoo")
        good, scrap = float(data.get("good") or 0.0), float(data.get("scrap") or 0.0)
        end = posting.occurred_at
        start = end - timedelta(minutes=float(data.get("minutes") or 0.0))
        note = f"Takt {posting.reference}: good {good!r}, scrap {scrap!r}"
        note += ", final" if data.get("final") else ""
        if data.get("confirmed_by"):
            note += f" (confirmed by {data['confirmed_by']})"
        log_id = self._load(
            "mrp.workcenter.productivity",
            {
                "id": f"{MODULE}.{xmlid_name(posting.reference)}",
                "workcenter_id/.id": _id(order["workcenter_id"]),
                "workorder_id/.id": order["id"],
                "loss_id/.id": self._loss([["loss_type", "=", "productive"]], "productive loss"),
                "date_start": start,
                "date_end": end,
                "description": note,
            },
        )
        self._apply_confirmation(log_id)
        return Posted(f"mrp.workcenter.productivity,{log_id}")

    def _apply_confirmation(self, log_id: int) -> None:
        (time_log,) = self._read(
            "mrp.workcenter.productivity", [log_id], ["workorder_id", "description"]
        )
        order_id = _id(time_log["workorder_id"])
        mine = CONFIRMATION_NOTE.match(time_log["description"] or "")
        if order_id is None or mine is None:
            raise ErpRejected(f"time log {log_id} in Odoo is not a Takt confirmation")
        (order,) = self._read(
            "mrp.workorder", [order_id], ["state", "qty_produced", "production_id"]
        )
        # Done or cancelled: by an earlier try of this posting, or by a person in Odoo.
        if order["state"] not in ("done", "cancel"):
            total = sum(c.good for c in self._takt_logs([order_id]))
            if abs(float(order["qty_produced"] or 0.0) - total) > 1e-9:
                self.call("mrp.workorder", "write", [order_id], vals={"qty_produced": total})
            if mine["final"]:
                self.call("mrp.workorder", "button_finish", [order_id])
        if mine["final"] and order["production_id"]:
            self._close_production(int(order["production_id"][0]))

    def _takt_logs(self, order_ids: list[int]) -> list[_Confirmed]:
        logs = self._search_read(
            "mrp.workcenter.productivity",
            [["workorder_id", "in", order_ids], ["description", "=like", "Takt %"]],
            ["workorder_id", "description"],
        )
        out = []
        for row in logs:
            m = CONFIRMATION_NOTE.match(row["description"] or "")
            if m is not None:
                out.append(
                    _Confirmed(_id(row["workorder_id"]), float(m["good"]), float(m["scrap"]))
                )
        return out

    # --- the manufacturing order's end -------------------------------------------------

    def _close_production(self, production_id: int) -> None:
        """Mark the manufacturing order done once its last work order is, so what was
        made reaches stock; then validate the scrap of its output that waited for it.
        Each step looks at Odoo's state first: safe to repeat after a lost answer."""
        (mo,) = self._read(
            "mrp.production",
            [production_id],
            ["name", "state", "bom_id", "product_qty", "qty_producing"],
        )
        if mo["state"] == "cancel":
            return
        if mo["state"] != "done":
            orders = self._search_read(
                "mrp.workorder",
                [["production_id", "=", production_id]],
                ["state", "qty_produced", "operation_id"],
                order="id",
            )
            if any(o["state"] not in ("done", "cancel") for o in orders):
                return  # operations still open: the order is not finished yet
            self._mark_done(mo, orders)
        self._validate_output_scrap(production_id, str(mo["name"]))

    def _mark_done(self, mo: dict[str, Any], orders: list[dict[str, Any]]) -> None:
        name = str(mo["name"])
        live = [o for o in orders if o["state"] != "cancel"]
        positions = self._operation_positions(_id(mo["bom_id"]))
        last = max(
            live, key=lambda o: (positions.get(_id(o["operation_id"]), 0), o["id"]), default=None
        )
        # Made: the last operation's good output, and every unit Takt reported scrapped
        # on the way (Odoo scraps finished goods only once they are made: those units
        # are made here and scrapped right after, as Odoo's documentation describes).
        good = float(last["qty_produced"] or 0.0) if last else 0.0
        scrapped = sum(c.scrap for c in self._takt_logs([o["id"] for o in live]))
        made = good + scrapped
        if made <= 0:
            raise ErpRejected(
                f"manufacturing order {name}: its last operation is done with nothing made; "
                "cancel it in Odoo or confirm the quantity made"
            )
        # `button_mark_done` takes the quantity produced from `qty_producing`; left at 0,
        # Odoo would book the whole planned quantity.
        if abs(float(mo["qty_producing"] or 0.0) - made) > 1e-9:
            self.call("mrp.production", "write", [mo["id"]], vals={"qty_producing": made})
        # Components Takt issued are recorded (picked); the others are consumed as the BOM
        # says for what was made, as Odoo does when a person records the production.
        planned = float(mo["product_qty"] or 0.0)
        moves = self._search_read(
            "stock.move",
            [
                ["raw_material_production_id", "=", mo["id"]],
                ["state", "not in", ["done", "cancel"]],
            ],
            ["product_uom_qty", "quantity", "picked"],
        )
        for move in moves:
            if move["picked"]:
                continue
            share = float(move["product_uom_qty"] or 0.0) * made / planned if planned else 0.0
            self.call(
                "stock.move",
                "write",
                [move["id"]],
                vals={"quantity": round(share, 6), "picked": True},
            )
        # The backorder wizard's two answers, given in advance: close with what was made
        # (the rest cancelled), or leave the rest to a new order (`backorder = true`).
        context: dict[str, Any] = {"skip_backorder": True}
        if self.backorder and made < planned:
            context["mo_ids_to_backorder"] = [mo["id"]]
        result = self.call("mrp.production", "button_mark_done", [mo["id"]], context=context)
        (after,) = self._read("mrp.production", [mo["id"]], ["state"])
        if after["state"] != "done":
            raise ErpRejected(
                f"Odoo did not mark manufacturing order {name} done: {_wizard(result)}"
            )
        log.info("odoo: manufacturing order %s marked done with %s made", name, made)

    def _validate_output_scrap(self, production_id: int, name: str) -> None:
        drafts = self._search_read(
            "stock.scrap", [["production_id", "=", production_id], ["state", "=", "draft"]], ["id"]
        )
        if not drafts:
            return
        mine = self._search_read(
            "ir.model.data",
            [
                ["module", "=", MODULE],
                ["model", "=", "stock.scrap"],
                ["res_id", "in", [d["id"] for d in drafts]],
            ],
            ["res_id"],
        )
        for scrap_id in sorted(int(r["res_id"]) for r in mine):
            self._settle_scrap(scrap_id)
