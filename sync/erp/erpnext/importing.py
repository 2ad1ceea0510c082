"""Reading ERPNext: items, workstations, BOMs with their routings, work orders with their
operations and Job Cards, stock (Bin), and the deletions Frappe keeps as tombstones,
mapped to the records `sync.erp.importer` turns into Takt's events.

Every doctype is listed in few, large requests (child tables joined in, names asked
for a hundred at a time), oldest change first. Operation times come back per unit: a
BOM operation's `time_in_mins` is for the BOM's quantity (and its batch size), a Work
Order operation's for the order's quantity. A record that does not fit is `bad`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from sync.erp.base import BadRecord, ErpRejected, ImportBatch
from sync.erp.erpnext.common import OPEN_WORK_ORDER_STATUSES, _number, _numbered, _qty
from sync.erp.erpnext.transport import ErpNextTransport, _Child

log = logging.getLogger(__name__)

# ERPNext's Work Order status -> the importer's state (sync.erp.base.ORDER_STATES).
_STATES = {
    **dict.fromkeys(OPEN_WORK_ORDER_STATUSES, "released"),
    "Stopped": "stopped",
    "Closed": "closed",
    "Cancelled": "cancelled",
    "Completed": "completed",
}

# Deleted Document.deleted_doctype -> the entity Takt names in ImportBatch.deleted.
_DELETED = {"Item": "item", "Work Order": "work_order"}

_BOM_ITEMS = _Child("BOM Item", "line_", ("idx", "item_code", "qty", "stock_qty"))
_BOM_OPERATIONS = _Child(
    "BOM Operation",
    "op_",
    ("idx", "operation", "workstation", "time_in_mins", "sequence_id", "batch_size", "fixed_time"),
)
_WO_OPERATIONS = _Child(
    "Work Order Operation",
    "op_",
    ("idx", "operation", "workstation", "time_in_mins", "sequence_id", "fixed_time"),
)


class ErpNextImport(ErpNextTransport):
    """`import_changes` and `import_records`: batched reads mapped to the importer's records."""

    stock_warehouses: list[str] | None
    # What Takt already holds from earlier imports: references to these are fine even
    # when this (incremental) batch does not carry them.
    _known_items: set[str]
    _known_work_centers: set[str]

    def import_changes(self, since: str | None) -> ImportBatch:
        batch = ImportBatch()
        seen: list[str] = []

        def changed(extra: list[list[Any]] | None = None) -> list[list[Any]]:
            base = [["modified", ">", since]] if since else []
            return base + (extra or [])

        def note(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            seen.extend(str(r["modified"]) for r in rows if r.get("modified"))
            return rows

        for row in note(
            self._list(
                "Item",
                [
                    "name",
                    "item_code",
                    "item_name",
                    "stock_uom",
                    "item_group",
                    "disabled",
                    "modified",
                ],
                changed(),
            )
        ):
            code = row.get("item_code") or row["name"]
            batch.items.append(
                {
                    "code": code,
                    "name": row.get("item_name") or code,
                    "uom": row.get("stock_uom"),
                    "item_group": row.get("item_group"),
                    "active": not row.get("disabled"),
                }
            )
        for row in note(
            self._list("Workstation", ["name", "workstation_name", "modified"], changed())
        ):
            # The name is the key ERPNext links by, spaces and all ("Laser Cutter").
            batch.work_centers.append(
                {"code": row["name"], "name": row.get("workstation_name") or row["name"]}
            )
        self._known_items.update(i["code"] for i in batch.items)
        self._known_work_centers.update(w["code"] for w in batch.work_centers)

        self._import_boms(batch, note, changed)
        self._import_work_orders(batch, note, since)
        self._import_stock(batch, note, changed)
        if since is not None:
            # A first import reads only what exists; later ones learn what was deleted.
            self._import_deletions(batch, note, since)

        batch.high_water = max([since or "", *seen]) or None
        log.info(
            "ERPNext import since %s: %d items, %d work centers, %d BOMs, %d routings, "
            "%d work orders, %d stock rows, %d bad",
            since,
            len(batch.items),
            len(batch.work_centers),
            len(batch.boms),
            len(batch.routings),
            len(batch.work_orders),
            len(batch.stock),
            len(batch.bad),
        )
        return batch

    def _import_deletions(
        self,
        batch: ImportBatch,
        note: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
        since: str,
    ) -> None:
        """Items and Work Orders deleted since `since`, from the tombstones Frappe keeps
        (Deleted Document: deleted_doctype, deleted_name, creation; one per delete).

        Frappe deletes a submitted document only once cancelled, and an Item only when
        nothing links to it, so a deleted order usually came as cancelled before; one
        deleted between two imports comes only from here. A tombstone whose document
        was restored (`restored`) is no deletion; a name this batch also read live was
        made again after the delete and stays. Reading Deleted Document needs the API
        user's System Manager role: without it the import goes on and the log says so."""
        try:
            rows = self._list(
                "Deleted Document",
                ["name", "deleted_doctype", "deleted_name", "restored", "creation", "modified"],
                [
                    ["creation", ">", since],
                    ["deleted_doctype", "in", list(_DELETED)],
                    ["restored", "=", 0],
                ],
            )
        except ErpRejected as error:
            # Not a skipped record (nothing to read again): the rest of the import stands.
            log.warning(
                "ERPNext deletions cannot be read (%s): give the API user the System Manager "
                "role (read on Deleted Document), or deleted items and orders stay in Takt",
                error,
            )
            return
        note(rows)
        live = {"item": {i["code"] for i in batch.items}}
        live["work_order"] = {w["number"] for w in batch.work_orders}
        for row in sorted(rows, key=lambda r: str(r.get("creation") or "")):
            entity = _DELETED.get(str(row.get("deleted_doctype")))
            name = str(row.get("deleted_name") or "")
            if entity is None or not name or name in live[entity]:
                continue
            if (entity, name) not in batch.deleted:
                batch.deleted.append((entity, name))

    def import_records(self, wanted: dict[str, list[str]]) -> ImportBatch:
        """Work orders read again by name (the importer's "work order" entity), in a few
        batched requests, whatever their status: the open ones whole, the others with
        their state, the ones ERPNext no longer has as `deleted`. Other entities come
        with the next import that sees them change."""
        batch = ImportBatch()
        names = sorted(set(wanted.get("work order") or ()))

        def keep(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return rows

        for chunk in self._chunks(names):
            self._import_work_orders(batch, keep, None, names=chunk)
        return batch

    def _resolve(self, items: set[str], work_centers: set[str]) -> None:
        """Ask the ERP about references this batch and earlier imports did not carry."""
        self._known_items |= self._existing("Item", items - self._known_items - {""})
        self._known_work_centers |= self._existing(
            "Workstation", work_centers - self._known_work_centers - {""}
        )

    @classmethod
    def _operations(
        cls, rows: list[dict[str, Any]], per: float
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Routing steps from BOM or Work Order operation rows; the first problem, if any.

        `per` is the quantity the rows' times are for (the BOM's quantity times the row's
        batch size, or the Work Order's quantity): minutes come out per unit. A row with
        a fixed time takes that long whatever the quantity: it is set-up, not run time.
        """
        steps = []
        for index, (seq, op) in enumerate(_numbered(rows)):
            if not op.get("workstation"):
                return [], f"operations.{index}.workstation: missing"
            minutes = _number(op.get("time_in_mins"))
            if minutes is None:
                return [], f"operations.{index}.time_in_mins: missing"
            fixed = bool(op.get("fixed_time"))
            batch = 1.0 if per <= 0 else per * (_number(op.get("batch_size")) or 1.0)
            steps.append(
                {
                    "seq": seq,
                    "operation": op.get("operation"),
                    "work_center": op["workstation"],
                    "minutes": 0.0 if fixed else _qty(minutes / batch),
                    "setup_minutes": minutes if fixed else 0.0,
                }
            )
        return steps, None

    def _unknown_work_center(self, steps: list[dict[str, Any]]) -> str | None:
        for index, step in enumerate(steps):
            if step["work_center"] not in self._known_work_centers:
                return f"operations.{index}.workstation: unknown workstation {step['work_center']}"
        return None

    def _import_boms(
        self,
        batch: ImportBatch,
        note: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
        changed: Callable[..., list[list[Any]]],
    ) -> None:
        # Only submitted, active BOMs can be used by a work order. Lines and operations
        # come joined in: two listings for all BOMs, not one request per BOM.
        fields = ["name", "item", "quantity", "is_active", "is_default", "with_operations"]
        filters = changed([["docstatus", "=", 1], ["is_active", "=", 1]])
        with_lines = self._grouped("BOM", [*fields, "modified"], filters, _BOM_ITEMS)
        note([head for head, _ in with_lines])
        operations: dict[str, list[dict[str, Any]]] = {}
        if any(head.get("with_operations") for head, _ in with_lines):
            for head, rows in self._grouped(
                "BOM",
                ["name", "modified"],
                [*filters, ["with_operations", "=", 1]],
                _BOM_OPERATIONS,
            ):
                operations[head["name"]] = rows
        docs = [head | {"items": lines} for head, lines in with_lines]
        self._resolve(
            {d.get("item") or "" for d in docs}
            | {line.get("item_code") or "" for d in docs for line in d["items"]},
            {op.get("workstation") or "" for rows in operations.values() for op in rows},
        )
        routed: set[str] = set()
        made: set[str] = set()
        # Default BOMs first: an item's materials and routing come from its default BOM
        # when it has one, and from one BOM only.
        for doc in sorted(docs, key=lambda d: not d.get("is_default")):
            name, item = doc["name"], doc.get("item")
            if item in made:
                continue
            # ERPNext's line quantities are for the BOM's quantity; Takt's are per unit.
            per = _number(doc.get("quantity"))
            problem = None
            if not item:
                problem = "item: missing"
            elif item not in self._known_items:
                problem = f"item: unknown item {item}"
            elif per is None or per <= 0:
                problem = f"quantity: must be above 0 (is {doc.get('quantity')})"
            lines = []
            for index, line in enumerate(doc["items"]):
                if problem:
                    break
                code, qty = line.get("item_code"), _number(line.get("stock_qty") or line.get("qty"))
                if not code:
                    problem = f"items.{index}.item_code: missing"
                elif code not in self._known_items:
                    problem = f"items.{index}.item_code: unknown item {code}"
                elif qty is None or qty <= 0:
                    problem = f"items.{index}.qty: missing"
                elif per is not None:
                    lines.append({"item": code, "qty": _qty(qty / per)})
            if problem or per is None:
                batch.bad.append(BadRecord("bom", name, problem or "quantity: missing"))
                continue
            made.add(str(item))
            batch.boms.append({"name": name, "item": item, "lines": lines})
            rows = operations.get(name) or []
            if not doc.get("with_operations") or not rows or item in routed:
                continue
            steps, problem = self._operations(rows, per)
            problem = problem or self._unknown_work_center(steps)
            if problem:
                batch.bad.append(BadRecord("routing", name, problem))
                continue
            routed.add(str(item))
            batch.routings.append({"item": item, "bom": name, "operations": steps})

    def _import_work_orders(
        self,
        batch: ImportBatch,
        note: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
        since: str | None,
        *,
        names: list[str] | None = None,
    ) -> None:
        fields = [
            "name",
            "production_item",
            "qty",
            "produced_qty",
            "status",
            "docstatus",
            "expected_delivery_date",
            "planned_end_date",
            "bom_no",
            "use_multi_level_bom",
            "modified",
        ]
        if names is not None:
            filters: list[list[Any]] = [["name", "in", names]]  # read again by key
        elif since is None:
            filters = [
                ["docstatus", "=", 1],
                ["status", "in", list(OPEN_WORK_ORDER_STATUSES)],
            ]
        else:
            # Incremental: stopped, closed and cancelled orders come too, with their
            # status, so Takt learns that they ended.
            filters = [["modified", ">", since], ["docstatus", "in", [1, 2]]]
        # Operations come joined in (one row per operation): no request per order.
        grouped = self._grouped("Work Order", fields, filters, _WO_OPERATIONS)
        note([head for head, _ in grouped])
        docs = [head | {"operations": rows} for head, rows in grouped]
        for name in sorted(set(names or ()) - {d["name"] for d in docs}):
            batch.deleted.append(("work_order", name))
        cards = self._job_cards(d["name"] for d in docs if d["operations"] and self._is_open(d))
        self._resolve(
            {d.get("production_item") or "" for d in docs if self._is_open(d)},
            {
                op.get("workstation") or ""
                for d in docs
                if self._is_open(d)
                for op in d["operations"]
            },
        )
        for doc in docs:
            name, item = doc["name"], doc.get("production_item")
            status = "Cancelled" if doc.get("docstatus") == 2 else doc.get("status")
            state = _STATES.get(str(status), "released" if self._is_open(doc) else "closed")
            if not self._is_open(doc):
                # Ended in the ERP: only what Takt needs to take it off the board.
                batch.work_orders.append(
                    {"number": name, "item": item, "status": status, "state": state, "open": False}
                )
                continue
            qty = _number(doc.get("qty"))
            steps, problem = self._operations(doc["operations"], qty or 0.0)
            if not item:
                problem = "production_item: missing"
            elif item not in self._known_items:
                problem = f"production_item: unknown item {item}"
            elif qty is None or qty <= 0:
                problem = "qty: missing"
            problem = problem or self._unknown_work_center(steps)
            if problem:
                batch.bad.append(BadRecord("work_order", name, problem))
                continue
            rows = dict(_numbered(doc["operations"]))
            for step in steps:
                # The Job Cards ERPNext made for this operation: Takt's confirmations of
                # the step complete them.
                step["job_cards"] = cards.get(str(rows[step["seq"]]["name"]), [])
            batch.work_orders.append(
                {
                    "number": name,
                    "item": item,
                    "qty": qty,
                    "done_qty": _number(doc.get("produced_qty")) or 0.0,
                    "due": doc.get("expected_delivery_date") or doc.get("planned_end_date"),
                    "bom": doc.get("bom_no"),
                    "status": status,
                    "state": state,
                    "open": True,
                    "multi_level": bool(doc.get("use_multi_level_bom")),
                    # Empty when the order was made over REST without them; Takt then
                    # takes the item's routing.
                    "operations": steps,
                }
            )

    @staticmethod
    def _is_open(doc: dict[str, Any]) -> bool:
        return doc.get("docstatus") == 1 and doc.get("status") in OPEN_WORK_ORDER_STATUSES

    def _job_cards(self, orders: Iterable[str]) -> dict[str, list[str]]:
        """Work Order operation row -> its live Job Cards, for many orders in few requests."""
        found: dict[str, list[str]] = {}
        for chunk in self._chunks(orders):
            for row in self._list(
                "Job Card",
                ["name", "work_order", "operation_id", "modified"],
                [["work_order", "in", chunk], ["docstatus", "<", 2]],
            ):
                found.setdefault(str(row.get("operation_id")), []).append(row["name"])
        return {key: sorted(names) for key, names in found.items()}

    def _import_stock(
        self,
        batch: ImportBatch,
        note: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
        changed: Callable[..., list[list[Any]]],
    ) -> None:
        extra = [["warehouse", "in", self.stock_warehouses]] if self.stock_warehouses else []
        rows = note(
            self._list(
                "Bin",
                ["name", "item_code", "warehouse", "actual_qty", "projected_qty", "modified"],
                changed(extra),
            )
        )
        self._resolve({r.get("item_code") or "" for r in rows}, set())
        for row in rows:
            item = row.get("item_code")
            on_hand = _number(row.get("actual_qty"))
            problem = None
            if not item or item not in self._known_items:
                problem = f"item_code: unknown item {item}"
            elif on_hand is None:
                problem = "actual_qty: missing"
            if problem:
                batch.bad.append(BadRecord("stock", row["name"], problem))
                continue
            batch.stock.append(
                {
                    "item": item,
                    "warehouse": row.get("warehouse"),
                    "on_hand": on_hand,
                    "projected": _number(row.get("projected_qty")),
                }
            )
