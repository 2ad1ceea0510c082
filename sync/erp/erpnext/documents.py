"""The documents postings become, as ERPNext's request bodies: Stock Entries (Material
Issue, Receipt, Transfer for Manufacture, scrap), Downtime Entry and Non Conformance.

Building a body reads the Work Order where the entry depends on it (its WIP warehouse,
its required items) but writes nothing; `posting` inserts the body with the posting's
reference. Times are sent in the site's time zone, as Frappe keeps them (naive).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import Any

from sync.erp.base import ErpNothingToPost, ErpRejected, Posting, PostingKind
from sync.erp.erpnext.common import (
    STOP_REASONS,
    TRANSFER_FOR_MANUFACTURE,
    StopReason,
    _moment,
    _number,
    _qty,
)
from sync.erp.erpnext.transport import ErpNextTransport


class ErpNextDocuments(ErpNextTransport):
    """What a posting becomes as a request body; settings say where stock comes from."""

    company: str | None
    source_warehouse: str | None  # Material Issue from here
    target_warehouse: str | None  # Material Receipt into here
    # Scrapped stock moves here (ERPNext's "scrap warehouse"); None: it is issued.
    scrap_warehouse: str | None
    default_operator: str | None  # Downtime Entry.operator is mandatory
    # Takt's stop reason (code or text, any case) -> Downtime Entry.stop_reason.
    stop_reasons: dict[str, StopReason]
    quality_procedure: str | None  # Non Conformance.procedure is mandatory
    time_zone: tzinfo  # Frappe datetimes are naive, in the site's time zone

    def _document(self, posting: Posting) -> dict[str, Any]:
        builders: dict[PostingKind, Callable[[Posting], dict[str, Any]]] = {
            PostingKind.GOODS_ISSUE: self._issue,
            PostingKind.SCRAP: self._scrap,
            PostingKind.GOODS_RECEIPT: self._receipt,
            PostingKind.DOWNTIME: self._downtime,
            PostingKind.QUALITY_HOLD: self._nonconformance,
            PostingKind.NONCONFORMANCE: self._nonconformance,
        }
        return builders[posting.kind](posting)

    @staticmethod
    def _need(posting: Posting, key: str) -> Any:
        value = posting.data.get(key)
        if value is None or value == "":
            raise ErpRejected(f"{posting.kind} {posting.reference}: data has no {key}")
        return value

    def _local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)  # Takt keeps UTC
        return moment.astimezone(self.time_zone).replace(tzinfo=None, microsecond=0)

    def _posting_time(self, posting: Posting) -> dict[str, Any]:
        # Post at the time it happened on the floor, not when the queue got to it.
        local = self._local(posting.occurred_at)
        return {
            "set_posting_time": 1,
            "posting_date": local.date().isoformat(),
            "posting_time": local.time().isoformat(),
        }

    # --- stock movements ---------------------------------------------------------------

    def _lines(self, posting: Posting) -> list[tuple[str, float]]:
        raw = posting.data.get("lines") or [
            {"item": posting.data.get("item"), "qty": posting.data.get("qty")}
        ]
        lines = []
        for index, line in enumerate(raw):
            qty = _number(line.get("qty"))
            if not line.get("item") or qty is None or qty <= 0:
                raise ErpRejected(
                    f"{posting.kind} {posting.reference}: line {index} needs an item and a "
                    "positive qty"
                )
            lines.append((str(line["item"]), qty))
        return lines

    def _remarks(self, posting: Posting, what: str) -> str:
        parts = [f"Takt {what} {posting.reference}"]
        for key in ("work_order", "reason", "lot"):
            if posting.data.get(key):
                parts.append(f"{key.replace('_', ' ')}: {posting.data[key]}")
        return "; ".join(parts)

    def _stock_entry(self, entry_type: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "doctype": "Stock Entry",
            "stock_entry_type": entry_type,
            "purpose": entry_type,
            "items": rows,
        }
        if self.company:
            entry["company"] = self.company
        return entry

    def _issue(self, posting: Posting) -> dict[str, Any]:
        if posting.data.get("erp_ref"):
            return self._transfer_for_manufacture(posting)
        warehouse = posting.data.get("warehouse") or self.source_warehouse
        rows = [
            {"item_code": item, "qty": qty, "s_warehouse": warehouse}
            for item, qty in self._lines(posting)
        ]
        return {
            **self._stock_entry("Material Issue", rows),
            **self._posting_time(posting),
            "remarks": self._remarks(posting, "goods issue"),
        }

    def _scrap(self, posting: Posting) -> dict[str, Any]:
        """Scrap of stock that exists: into the scrap warehouse, else written off. Lost
        output of an open Work Order is not stock anywhere: process loss (see sync.erp.erpnext)."""
        data = posting.data
        name = data.get("erp_ref") or data.get("work_order")
        order = None
        if name:
            try:
                order = self._get("Work Order", str(name))
            except ErpRejected:
                order = None  # a Takt order ERPNext does not know: plain stock scrap
        items = {item for item, _ in self._lines(posting)}
        if order is not None and order.get("production_item") in items:
            raise ErpNothingToPost(
                f"ERPNext books scrapped output of Work Order {order['name']} as process "
                "loss: on its Job Cards when their operation is completed, and on its "
                "Manufacture entry"
            )
        source = data.get("warehouse") or self.source_warehouse
        if self.scrap_warehouse:
            rows = [
                {
                    "item_code": item,
                    "qty": qty,
                    "s_warehouse": source,
                    "t_warehouse": self.scrap_warehouse,
                }
                for item, qty in self._lines(posting)
            ]
            entry = self._stock_entry("Material Transfer", rows)
        else:
            rows = [
                {"item_code": item, "qty": qty, "s_warehouse": source}
                for item, qty in self._lines(posting)
            ]
            entry = self._stock_entry("Material Issue", rows)
        return {**entry, **self._posting_time(posting), "remarks": self._remarks(posting, "scrap")}

    def _transfer_for_manufacture(self, posting: Posting) -> dict[str, Any]:
        """Material issued to a Work Order moves into its work-in-progress warehouse,
        from which ERPNext's Manufacture entry then consumes it. A plain Material Issue
        would take it out of stock a second time when the Manufacture entry backflushes."""
        order = self._get("Work Order", str(posting.data["erp_ref"]))
        if order.get("skip_transfer"):
            raise ErpRejected(
                f"Work Order {order.get('name')} skips material transfer: ERPNext consumes "
                "its materials when it is manufactured, so an issue would count them twice"
            )
        wip = order.get("wip_warehouse")
        if not wip:
            raise ErpRejected(f"Work Order {order.get('name')} names no Work-in-Progress Warehouse")
        needs = {row.get("item_code"): row for row in order.get("required_items") or []}
        rows = []
        lines = self._lines(posting)
        for item, qty in lines:
            need = needs.get(item) or {}
            source = (
                posting.data.get("warehouse")
                or need.get("source_warehouse")
                or self.source_warehouse
            )
            if not source:
                raise ErpRejected(
                    f"goods issue {posting.reference}: no source warehouse for {item} "
                    "(the Work Order names none and the adapter has no source_warehouse)"
                )
            rows.append({"item_code": item, "qty": qty, "s_warehouse": source, "t_warehouse": wip})
        return {
            **self._stock_entry(TRANSFER_FOR_MANUFACTURE, rows),
            "work_order": order.get("name"),
            # ERPNext keeps fg_completed_qty only on an entry "from BOM" (validate()
            # zeroes it otherwise); the order's BOM is the one its materials come from.
            "from_bom": 1,
            "bom_no": order.get("bom_no"),
            "use_multi_level_bom": order.get("use_multi_level_bom") or 0,
            "fg_completed_qty": self._covered(order, lines),
            **self._posting_time(posting),
            "remarks": self._remarks(posting, "goods issue"),
        }

    @staticmethod
    def _covered(order: dict[str, Any], lines: list[tuple[str, float]]) -> float:
        """Finished units this transfer adds to what the transferred material covers.

        ERPNext sums `fg_completed_qty` over the transfers into "material transferred for
        manufacturing" (and refuses more than the order's quantity), so with materials
        issued one at a time each transfer adds what its material lets the scarcest one
        cover now, and the sum never counts a unit twice."""
        qty = _number(order.get("qty")) or 0.0
        needs = [
            r
            for r in order.get("required_items") or []
            if (_number(r.get("required_qty")) or 0) > 0
        ]
        if qty <= 0 or not needs:
            return 0.0
        adding: dict[str, float] = {}
        for item, amount in lines:
            adding[item] = adding.get(item, 0.0) + amount
        covered = min(
            ((_number(r.get("transferred_qty")) or 0.0) + adding.get(str(r.get("item_code")), 0.0))
            / (_number(r["required_qty"]) or 1.0)
            * qty
            for r in needs
        )
        before = _number(order.get("material_transferred_for_manufacturing")) or 0.0
        return _qty(max(0.0, min(covered, qty) - before))

    def _receipt(self, posting: Posting) -> dict[str, Any]:
        warehouse = posting.data.get("warehouse") or self.target_warehouse
        rows = [
            {"item_code": item, "qty": qty, "t_warehouse": warehouse}
            for item, qty in self._lines(posting)
        ]
        return {
            **self._stock_entry("Material Receipt", rows),
            **self._posting_time(posting),
            "remarks": self._remarks(posting, "goods receipt"),
        }

    # --- downtime and quality ------------------------------------------------------------

    def stop_reason(self, reason: str) -> str:
        """ERPNext's stop reason for Takt's: the `stop_reasons` table first, then an
        option of the same name, else "Other"."""
        key = reason.strip().lower()
        if key in self.stop_reasons:
            return self.stop_reasons[key]
        return next((r for r in STOP_REASONS if r.lower() == key), "Other")

    def _downtime(self, posting: Posting) -> dict[str, Any]:
        data = posting.data
        if not data.get("ended_at"):
            raise ErpRejected(
                f"downtime {posting.reference} has no end: ERPNext's Downtime Entry needs "
                "to_time, so post it when the stop ends"
            )
        operator = data.get("operator") or self.default_operator
        if not operator:
            raise ErpRejected(
                f"downtime {posting.reference}: ERPNext's Downtime Entry needs an operator "
                "(an Employee): set options.default_operator in erp.toml"
            )
        start = self._local(_moment(data.get("started_at") or posting.occurred_at))
        end = self._local(_moment(data["ended_at"]))
        reason = str(data.get("reason") or "")
        chosen = self.stop_reason(reason)
        remarks = [f"Reason: {reason}" if reason and reason != chosen else "", data.get("note")]
        remarks.append(f"Takt {posting.reference}")
        return {
            "doctype": "Downtime Entry",
            "workstation": self._need(posting, "work_center"),
            "operator": operator,
            "from_time": start.isoformat(sep=" "),
            "to_time": end.isoformat(sep=" "),
            "stop_reason": chosen,
            "remarks": "\n".join(str(r) for r in remarks if r),
        }

    def _nonconformance(self, posting: Posting) -> dict[str, Any]:
        data = posting.data
        subject = data.get("subject") or " ".join(
            str(p)
            for p in (
                "Hold" if posting.kind is PostingKind.QUALITY_HOLD else "Nonconformance",
                data.get("work_order") or data.get("item") or "",
                f"- {data['reason']}" if data.get("reason") else "",
            )
            if p
        )
        facts = [
            f"{label}: {html.escape(str(data[key]))}"
            for key, label in (
                ("work_order", "Work order"),
                ("item", "Item"),
                ("qty", "Quantity"),
                ("lot", "Lot"),
                ("details", "Details"),
            )
            if data.get(key) not in (None, "")
        ]
        facts.append(f"Takt reference: {posting.reference}")
        return {
            "doctype": "Non Conformance",
            "subject": str(subject)[:140],
            "procedure": data.get("procedure") or self.quality_procedure,
            "status": "Open",
            "details": "<br>".join(facts),  # a Text Editor field: HTML
        }
