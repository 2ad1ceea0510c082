"""Reading Odoo: products, work centers, BOMs with their routings, manufacturing orders
with their work orders, stock quants; read from the cursor up to one bound fixed
before the first read, paged by id, mapped to the records `sync.erp.importer` turns
into Takt's events. Odoo keeps no tombstones: `deleted_orders` finds orders missing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from sync.erp.base import BadRecord, ImportBatch
from sync.erp.odoo.common import (
    OPEN_PRODUCTION,
    _as_utc,
    _id,
    _ids,
    _iso,
    _label,
    _odoo_time,
    _ref_id,
    production_id,
)
from sync.erp.odoo.cursor import TAGS, Cursor
from sync.erp.odoo.transport import OdooTransport

log = logging.getLogger(__name__)

# An order's state in Odoo as the importer's ORDER_STATES say it ("to_close": every
# operation is done but the order is not marked done yet; still Takt's to finish).
ORDER_STATE = {
    "confirmed": "released",
    "progress": "released",
    "to_close": "released",
    "done": "completed",
    "cancel": "cancelled",
}
# Archived records are read too where Takt must learn that they were archived.
ALL_RECORDS = {"active_test": False}


class OdooImport(OdooTransport):
    """`import_changes`, `import_records` and `deleted_orders`."""

    # Seconds before the cursor read again (Odoo stamps `write_date` with a transaction's
    # start, so a long one commits rows dated before a cursor already handed out).
    lookback_s: float

    def import_changes(self, since: str | None) -> ImportBatch:
        run = _Import(self, since)
        batch = run.batch
        run.fetch()
        run.items()
        run.work_centers()
        run.boms_and_routings()
        run.work_orders()
        run.stock()
        batch.high_water = run.high_water()
        for bad in batch.bad:
            log.info("odoo import skipped %s %s: %s", bad.entity, bad.key, bad.problem)
        return batch

    def import_records(self, wanted: dict[str, list[str]]) -> ImportBatch:
        """Records read again by key (the importer's entity names), whatever their state:
        work orders by name (open ones whole, ended ones with their state), items by
        internal reference (archived ones too), BOMs and routings by "mrp.bom,<id>". A
        work order or item Odoo no longer has comes back as `deleted`; Odoo keeps no
        trace of a deletion, so its absence is the only sign."""
        run = _Import(self, None)
        batch = run.batch
        numbers = sorted(set(wanted.get("work order") or ()))
        fields = [*run.scope["mrp.production"][1], "write_date"]
        found: list[dict[str, Any]] = []
        for start in range(0, len(numbers), self.page_size):
            chunk = numbers[start : start + self.page_size]
            found += run.pages("mrp.production", [["name", "in", chunk]], fields)
        run.rows["mrp.production"] = found
        batch.deleted += [
            ("work_order", n) for n in numbers if n not in {mo["name"] for mo in found}
        ]
        codes = sorted(set(wanted.get("item") or ()))
        products: list[dict[str, Any]] = []
        for start in range(0, len(codes), self.page_size):
            chunk = codes[start : start + self.page_size]
            products += run.pages(
                "product.product",
                [["default_code", "in", chunk]],
                run.scope["product.product"][1],
                context=ALL_RECORDS,
            )
        run.rows["product.product"] = products
        batch.deleted += [
            ("item", c) for c in codes if c not in {p["default_code"] for p in products}
        ]
        boms = {
            rid
            for key in [*(wanted.get("bom") or ()), *(wanted.get("routing") or ())]
            if (rid := _ref_id("mrp.bom", key)) is not None
        }
        run.rows["mrp.bom"] = [{"id": rid} for rid in sorted(boms)]
        run.items()
        run.boms_and_routings()
        run.work_orders()
        return batch

    def deleted_orders(self, orders: dict[str, str | None]) -> list[str]:
        """Which of Takt's open orders ({number: erp_ref}) Odoo no longer has: looked up
        by id (erp_ref "mrp.production,<id>") or, for an order imported before Takt kept
        ids, by name. Odoo deletes only cancelled orders and keeps no tombstone, and an
        order cancelled and deleted between two imports is never read as cancelled: this
        check, a search of ids per page, is how Takt learns of it."""
        by_id = {n: rid for n, ref in orders.items() if (rid := production_id(ref)) is not None}
        by_name = sorted(set(orders) - set(by_id))
        gone: list[str] = []
        ids = sorted(set(by_id.values()))
        have: set[int] = set()
        for start in range(0, len(ids), self.page_size):
            chunk = ids[start : start + self.page_size]
            have |= set(self.call("mrp.production", "search", domain=[["id", "in", chunk]]))
        gone += [n for n, rid in by_id.items() if rid not in have]
        names: set[str] = set()
        for start in range(0, len(by_name), self.page_size):
            named = by_name[start : start + self.page_size]
            rows = self._search_read("mrp.production", [["name", "in", named]], ["name"])
            names |= {str(r["name"]) for r in rows}
        gone += [n for n in by_name if n not in names]
        return sorted(gone)


class _Import:
    """One import run: what it reads of each model, and where the next run starts.

    The run first asks each model for its newest `write_date` and takes the newest of
    them as its upper bound (`bound`, read to the end of that second); every model is
    then read from the cursor up to that bound, so a record written while the run reads
    another model either falls inside (and is read now) or after it (and is read next
    time): none falls between two models' reads. Rows are paged by id under that fixed
    window (an offset would skip a row when an earlier one is modified mid-import)."""

    def __init__(self, odoo: OdooImport, since: str | None) -> None:
        self.odoo = odoo
        self.batch = ImportBatch()
        self.cursor = Cursor.parse(since)
        self.full = self.cursor.at is None
        self.lower: str | None = None
        if self.cursor.at is not None:
            start = _as_utc(self.cursor.at) - timedelta(seconds=odoo.lookback_s)
            self.lower = _odoo_time(start)
        self.bound: str | None = None
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.keep: set[str] = set()  # tags the next run must not read again
        # Odoo has no tombstones: an archived product is read (active_test off) so Takt
        # learns it was archived; a deleted order is found missing (`deleted_orders`).
        self.contexts: dict[str, dict[str, Any]] = {"product.product": ALL_RECORDS}
        internal = [["location_id.usage", "=", "internal"]]
        # The first import brings open orders; later ones also those that closed since.
        states = OPEN_PRODUCTION if self.full else [*OPEN_PRODUCTION, "done", "cancel"]
        self.scope: dict[str, tuple[list[Any], list[str]]] = {
            "product.product": (
                [["type", "!=", "service"]],
                ["default_code", "name", "uom_id", "active"],
            ),
            "mrp.workcenter": ([], ["code", "name"]),
            "mrp.bom": ([], []),
            "mrp.bom.line": ([], ["bom_id"]),
            "mrp.routing.workcenter": ([], ["bom_id"]),
            "mrp.production": (
                [["state", "in", states]],
                [
                    "name",
                    "product_id",
                    "product_qty",
                    "qty_produced",
                    "date_deadline",
                    "date_finished",
                    "bom_id",
                    "state",
                ],
            ),
            "stock.quant": (internal, ["product_id"]),
        }

    def bad(self, entity: str, key: str, problem: str) -> None:
        self.batch.bad.append(BadRecord(entity, key, problem))

    def window(self, domain: list[Any]) -> list[Any]:
        return [*domain, ["write_date", ">=", self.lower]] if self.lower else list(domain)

    def fetch(self) -> None:
        """Every model's changed rows, read up to one common bound."""
        newest = [self.cursor.at] if self.cursor.at else []
        for model, (domain, _) in self.scope.items():
            top = self.odoo._search_read(
                model,
                self.window(domain),
                ["write_date"],
                order="write_date desc, id desc",
                limit=1,
                context=self.contexts.get(model),
            )
            if top:
                newest.append(str(top[0]["write_date"]))
        if not newest:
            return
        self.bound = max(newest)
        # `<` the next second: Odoo's stored write_date has microseconds, so `<= bound`
        # would leave out what was written later in the bound's own second.
        until = _odoo_time(_as_utc(self.bound) + timedelta(seconds=1))
        fetched: dict[str, list[dict[str, Any]]] = {}
        for model, (domain, fields) in self.scope.items():
            fetched[model] = self.pages(
                model,
                [*self.window(domain), ["write_date", "<", until]],
                [*fields, "write_date"],
                context=self.contexts.get(model),
            )
        if self.full:
            # A first import reads open orders only; the others written since the keep
            # line are read by the next run as closed, unless counted as seen here.
            keep_from = _odoo_time(_as_utc(self.bound) - timedelta(seconds=self.odoo.lookback_s))
            closed = self.odoo.call(
                "mrp.production",
                "search",
                domain=[
                    ["state", "in", ["done", "cancel"]],
                    ["write_date", ">=", keep_from],
                    ["write_date", "<", until],
                ],
            )
            self.keep.update(f"{TAGS['mrp.production']}{i}" for i in closed)
        self._skip_seen(fetched)

    def _skip_seen(self, fetched: dict[str, list[dict[str, Any]]]) -> None:
        at = self.cursor.at
        keep_from = _odoo_time(_as_utc(self.bound or "") - timedelta(seconds=self.odoo.lookback_s))
        tagged = [
            (model, f"{TAGS[model]}{row['id']}", row)
            for model, rows in fetched.items()
            for row in rows
        ]
        old = {tag for _, tag, row in tagged if at and str(row["write_date"]) <= at}
        if self.cursor.digest is not None:
            # Only a digest of what the last run read: when the same records are there,
            # they were all read; otherwise read them all again (harmless, and rare).
            seen = old if Cursor.digest_of(old) == self.cursor.digest else set()
        else:
            seen = set(self.cursor.seen)
        for model, tag, row in tagged:
            stamp = str(row["write_date"])
            if stamp >= keep_from:
                self.keep.add(tag)
            if not self.full and tag in seen and at and stamp <= at:
                continue  # read by the last run and not written since
            self.rows.setdefault(model, []).append(row)

    def high_water(self) -> str | None:
        # No bound: Odoo holds none of these records at all, and the cursor had none.
        return Cursor.text_of(self.bound, self.keep) if self.bound else None

    def changed(self, model: str) -> list[dict[str, Any]]:
        return self.rows.get(model, [])

    def pages(
        self,
        model: str,
        domain: list[Any],
        fields: list[str],
        *,
        context: dict[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        last = 0
        while True:
            page = self.odoo._search_read(
                model,
                [*domain, ["id", ">", last]],
                fields,
                order="id",
                limit=self.odoo.page_size,
                context=context,
            )
            rows += page
            if len(page) < self.odoo.page_size:
                return rows
            last = int(page[-1]["id"])

    def pages_of(
        self,
        model: str,
        key: str,
        ids: list[int],
        fields: list[str],
        domain: list[Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Rows whose `key` is one of `ids`, asking for a page's worth of ids at a time."""
        rows: list[dict[str, Any]] = []
        step = max(1, self.odoo.page_size)
        for start in range(0, len(ids), step):
            rows += self.pages(
                model, [[key, "in", ids[start : start + step]], *(domain or [])], fields
            )
        return rows

    def items(self) -> None:
        for p in self.changed("product.product"):
            if not p["default_code"]:
                self.bad(
                    "item",
                    f"{p['name']} [product.product {p['id']}]",
                    "no internal reference (default_code)",
                )
                continue
            self.batch.items.append(
                {
                    "code": p["default_code"],
                    "name": p["name"],
                    "uom": _label(p["uom_id"]) or "Units",
                    # Archived in Odoo: kept in Takt, used no more.
                    "active": p.get("active", True) is not False,
                }
            )

    def work_centers(self) -> None:
        for wc in self.changed("mrp.workcenter"):
            # A work center without a code goes by its name, as Odoo shows it.
            code = str(wc["code"] or wc["name"] or "").strip()
            if not code:
                self.bad("work_center", f"mrp.workcenter {wc['id']}", "no code and no name")
                continue
            self.batch.work_centers.append({"code": code, "name": wc["name"]})

    def boms_and_routings(self) -> None:
        # A BOM is re-read whole when it, one of its lines or one of its operations changed.
        touched = {b["id"] for b in self.changed("mrp.bom")}
        touched |= {_id(r["bom_id"]) for r in self.changed("mrp.bom.line")}
        touched |= {_id(r["bom_id"]) for r in self.changed("mrp.routing.workcenter")}
        ids = _ids(touched)
        if not ids:
            return
        boms = self.pages_of(
            "mrp.bom",
            "id",
            ids,
            ["product_tmpl_id", "product_id", "product_qty"],
            [["type", "=", "normal"]],  # kits are not made: no routing
        )
        ids = [b["id"] for b in boms]
        lines = self.pages_of(
            "mrp.bom.line", "bom_id", ids, ["bom_id", "product_id", "product_qty"]
        )
        ops = self.pages_of(
            "mrp.routing.workcenter",
            "bom_id",
            ids,
            ["bom_id", "name", "workcenter_id", "sequence", "time_cycle"],
        )
        templates = _ids(_id(b["product_tmpl_id"]) for b in boms if not b["product_id"])
        variants = (
            self.pages_of(
                "product.product", "product_tmpl_id", templates, ["product_tmpl_id", "default_code"]
            )
            if templates
            else []
        )
        by_template: dict[int | None, list[dict[str, Any]]] = {}
        for v in variants:
            by_template.setdefault(_id(v["product_tmpl_id"]), []).append(v)
        codes = self.odoo._codes(
            "product.product",
            [_id(b["product_id"]) for b in boms] + [_id(ln["product_id"]) for ln in lines],
            "default_code",
        )
        centers = self.odoo._center_codes(_id(o["workcenter_id"]) for o in ops)
        cycles = self.cycle_sizes(_id(o["workcenter_id"]) for o in ops)
        lines_of: dict[int | None, list[dict[str, Any]]] = {}
        for ln in lines:
            lines_of.setdefault(_id(ln["bom_id"]), []).append(ln)
        ops_of: dict[int | None, list[dict[str, Any]]] = {}
        for o in ops:
            ops_of.setdefault(_id(o["bom_id"]), []).append(o)
        for bom in boms:
            ref = f"mrp.bom,{bom['id']}"
            if bom["product_id"]:
                item = codes.get(_id(bom["product_id"]))
                problem = f"product {_label(bom['product_id'])} has no default_code"
            else:
                options = by_template.get(_id(bom["product_tmpl_id"]), [])
                item = options[0]["default_code"] if len(options) == 1 else None
                problem = (
                    f"template {_label(bom['product_tmpl_id'])} has {len(options)} variants; "
                    "Takt needs one item"
                    if len(options) != 1
                    else f"product {_label(bom['product_tmpl_id'])} has no default_code"
                )
            if not item:
                self.bad("bom", ref, problem)
                self.bad("routing", ref, problem)
                continue
            self.bom(bom, ref, item, lines_of.get(bom["id"], []), codes)
            bom_ops = sorted(ops_of.get(bom["id"], []), key=lambda o: (o["sequence"], o["id"]))
            if bom_ops:
                self.routing(bom, ref, item, bom_ops, centers, cycles)

    def cycle_sizes(self, center_ids: Iterable[int | None]) -> dict[int | None, float | None]:
        """Units one cycle of each work center makes, where Odoo says so per work center.

        Odoo 17 divides an operation's quantity by the work center's `default_capacity`
        (1 unless set) to count cycles of `time_cycle` minutes; Odoo 18 dropped that field
        and counts cycles of the BOM's quantity (None here: the caller uses the BOM's)."""
        ids = _ids(center_ids)
        if not ids or "default_capacity" not in self.odoo._workcenter_fields():
            return {}
        rows = self.odoo._read("mrp.workcenter", ids, ["default_capacity"])
        return {r["id"]: float(r["default_capacity"] or 0.0) or None for r in rows}

    def bom(
        self,
        bom: dict[str, Any],
        ref: str,
        item: str,
        lines: list[dict[str, Any]],
        codes: dict[int | None, Any],
    ) -> None:
        # Odoo's line quantities are for the BOM's quantity; Takt's are per unit made.
        made = float(bom["product_qty"] or 0.0)
        if made <= 0:
            self.bad("bom", ref, "quantity is not positive")
            return
        out = []
        for line in lines:
            code = codes.get(_id(line["product_id"]))
            if not code:
                self.bad("bom", ref, f"component {_label(line['product_id'])} has no default_code")
                return
            if float(line["product_qty"] or 0.0) <= 0:
                self.bad("bom", ref, f"component {code} has no quantity")
                return
            out.append({"item": code, "qty": float(line["product_qty"]) / made})
        self.batch.boms.append({"ref": ref, "item": item, "lines": out})

    def routing(
        self,
        bom: dict[str, Any],
        ref: str,
        item: str,
        ops: list[dict[str, Any]],
        centers: dict[int | None, str],
        cycles: dict[int | None, float | None],
    ) -> None:
        made = float(bom["product_qty"] or 0.0)
        out = []
        for position, op in enumerate(ops, start=1):
            center_id = _id(op["workcenter_id"])
            center = centers.get(center_id)
            if not center:
                self.bad(
                    "routing",
                    ref,
                    f"operation {op['name']!r} is on work center "
                    f"{_label(op['workcenter_id'])!r}, which has no code and no name",
                )
                return
            per_cycle = cycles.get(center_id) or made
            if per_cycle <= 0:
                self.bad("routing", ref, "quantity is not positive")
                return
            out.append(
                {
                    "seq": 10 * position,
                    "operation": op["name"],
                    "work_center": center,
                    # `time_cycle` is minutes per cycle; Takt's are per unit made.
                    "minutes": float(op["time_cycle"] or 0.0) / per_cycle,
                }
            )
        self.batch.routings.append({"ref": ref, "item": item, "operations": out})

    def work_orders(self) -> None:
        orders = self.changed("mrp.production")
        codes = self.odoo._codes(
            "product.product", [_id(o["product_id"]) for o in orders], "default_code"
        )
        operations = self.operations([o for o in orders if o["state"] in OPEN_PRODUCTION])
        for mo in orders:
            item = codes.get(_id(mo["product_id"]))
            due = mo["date_deadline"] or mo["date_finished"]
            if mo["state"] not in OPEN_PRODUCTION:
                # Done or cancelled in Odoo since the last import: the plan says so.
                self.batch.work_orders.append(
                    {
                        "number": mo["name"],
                        "erp_ref": f"mrp.production,{mo['id']}",
                        "item": item,
                        "status": mo["state"],
                        "state": ORDER_STATE.get(mo["state"], "closed"),
                        "open": False,
                        "qty": float(mo["product_qty"] or 0.0),
                        "done_qty": float(mo["qty_produced"] or 0.0),
                    }
                )
            elif not item:
                self.bad(
                    "work_order",
                    mo["name"],
                    f"product {_label(mo['product_id'])} has no default_code",
                )
            elif not mo["product_qty"] or float(mo["product_qty"]) <= 0:
                self.bad("work_order", mo["name"], "quantity to produce is missing")
            elif not due:
                self.bad("work_order", mo["name"], "no deadline and no planned end")
            else:
                record: dict[str, Any] = {
                    "number": mo["name"],
                    # By id: a backorder renames the order, the id stays.
                    "erp_ref": f"mrp.production,{mo['id']}",
                    "item": item,
                    "status": mo["state"],
                    "state": "released",
                    "open": True,
                    "qty": float(mo["product_qty"]),
                    "done_qty": float(mo["qty_produced"] or 0.0),
                    "due": _iso(due),
                    "bom": f"mrp.bom,{_id(mo['bom_id'])}" if mo["bom_id"] else None,
                }
                if operations.get(mo["id"]):
                    record["operations"] = operations[mo["id"]]
                self.batch.work_orders.append(record)

    def operations(self, orders: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
        """Each order's own work orders (`mrp.workorder`), read in bulk: Odoo planned their
        expected duration for the order's quantity (cycles, capacity, efficiency, setup),
        which is what Takt plans with. Numbered 10, 20, ... by the BOM's operation order,
        as confirmations are matched back."""
        if not orders:
            return {}
        rows = self.pages_of(
            "mrp.workorder",
            "production_id",
            [o["id"] for o in orders],
            [
                "production_id",
                "operation_id",
                "workcenter_id",
                "name",
                "duration_expected",
                "qty_production",
                "state",
            ],
            [["state", "!=", "cancel"]],
        )
        bom_ids = _ids(_id(o["bom_id"]) for o in orders)
        positions: dict[int | None, int] = {}
        if bom_ids:
            bom_ops = self.pages_of(
                "mrp.routing.workcenter", "bom_id", bom_ids, ["bom_id", "sequence"]
            )
            by_bom: dict[int | None, list[dict[str, Any]]] = {}
            for op in bom_ops:
                by_bom.setdefault(_id(op["bom_id"]), []).append(op)
            for ops in by_bom.values():
                for i, op in enumerate(sorted(ops, key=lambda o: (o["sequence"], o["id"]))):
                    positions[op["id"]] = 10 * (i + 1)
        centers = self.odoo._center_codes(_id(r["workcenter_id"]) for r in rows)
        of: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            of.setdefault(int(row["production_id"][0]), []).append(row)
        out: dict[int, list[dict[str, Any]]] = {}
        for mo_id, wos in of.items():
            wos.sort(key=lambda w: (positions.get(_id(w["operation_id"]), 10**6), w["id"]))
            steps = []
            for i, wo in enumerate(wos, start=1):
                qty = float(wo["qty_production"] or 0.0)
                total = float(wo["duration_expected"] or 0.0)
                steps.append(
                    {
                        "seq": positions.get(_id(wo["operation_id"]), 10 * i),
                        "operation": wo["name"],
                        "work_center": centers.get(_id(wo["workcenter_id"])) or "",
                        # Per unit: Odoo's figure is for the work order's quantity.
                        "minutes": total / qty if qty > 0 else 0.0,
                    }
                )
            out[mo_id] = steps
        return out

    def stock(self) -> None:
        # A changed quant names the product; its on-hand is then summed again from all its
        # quants per warehouse, so an unchanged quant of the same product still counts.
        internal = [["location_id.usage", "=", "internal"]]
        products = _ids(_id(q["product_id"]) for q in self.changed("stock.quant"))
        if not products:
            return
        warehouses = {
            w["id"]: w["code"] for w in self.odoo._search_read("stock.warehouse", [], ["code"])
        }
        totals: dict[tuple[int | None, int | None], float] = {
            (p, w): 0.0 for p in products for w in warehouses
        }
        outside: set[str] = set()
        for quant in self.pages_of(
            "stock.quant",
            "product_id",
            products,
            ["product_id", "location_id", "warehouse_id", "quantity"],
            internal,
        ):
            warehouse = _id(quant["warehouse_id"])
            if warehouse not in warehouses:
                outside.add(_label(quant["location_id"]))
                continue
            totals[(_id(quant["product_id"]), warehouse)] += float(quant["quantity"] or 0.0)
        for location in sorted(outside):
            self.bad("stock", location, "internal location belongs to no warehouse")
        codes = self.odoo._codes("product.product", products, "default_code")
        for product in products:
            if not codes.get(product):
                self.bad("stock", f"product.product {product}", "product has no default_code")
                continue
            for warehouse, code in warehouses.items():
                self.batch.stock.append(
                    {
                        "item": codes[product],
                        "warehouse": code,
                        "on_hand": totals[(product, warehouse)],
                    }
                )
