"""ERPNext (Frappe REST) adapter: read master data and open work orders, write back outcomes.

Import reads `/api/resource/<DocType>` lists (JSON `filters`/`fields`, `limit_start`/
`limit_page_length` paging, oldest change first) and fetches BOMs and work orders one by
one for their child tables, which list calls do not return.

Write-back: every document Takt creates carries the posting's reference in the unique
Custom Field `custom_mes_event_id` (Stock Entry, Downtime Entry, Non Conformance; the
field must have Unique and No Copy ticked, or amending a cancelled entry collides). A
duplicate error therefore means "an earlier try committed": it is reconciled with
`find`, never reported as a failure, and never posted twice.

What each posting kind becomes, and the `Posting.data` keys it reads:

- CONFIRMATION: a submitted Stock Entry "Manufacture" for the `good` quantity, built by
  ERPNext's own `make_stock_entry` (so raw materials are backflushed the ERP's way).
  Keys: `erp_ref` (the Work Order name; falls back to `work_order`), `good`,
  `operation_seq`, `work_center`. Partial and final confirmations post the same way:
  each posts what it confirmed, so the sum matches Takt's count. ERPNext tracks per-
  operation progress on Job Cards; Takt keeps that itself and hands this adapter only
  the confirmations that yield finished goods (the routing's last operation).
  Scrap in a confirmation is not part of the Manufacture entry: post it as SCRAP.
- GOODS_ISSUE to a Work Order (`erp_ref`): Stock Entry "Material Transfer for
  Manufacture" from the item's source warehouse (the Work Order's, else the adapter's)
  into the Work Order's WIP warehouse, so its Manufacture entry consumes it there; a
  Work Order that skips transfers refuses it (the Manufacture entry would consume the
  material a second time). Without a Work Order, and for SCRAP: "Material Issue".
  GOODS_RECEIPT: "Material Receipt". Keys: `item` and `qty` (or `lines: [{item, qty}]`),
  `warehouse` (else the defaults above), `work_order`, `lot`, `reason` (remarks only).
- DOWNTIME: Downtime Entry (not submittable). Keys: `work_center` (Workstation name),
  `started_at`, `ended_at` (ISO text or datetime), `reason`, `operator` (Employee; else
  the adapter's default), `note`. ERPNext requires an end time, so an open stop is
  refused rather than guessed.
- QUALITY_HOLD / NONCONFORMANCE: Non Conformance (status Open). Quality Inspection is
  unverified in our notes and needs a Job Card reference, so it is not used. Keys:
  `subject` (else built from `reason`), `procedure` (else the adapter's default),
  `details`, `work_order`, `item`, `qty`, `lot`.
- QUALITY_RELEASE: sets the hold's Non Conformance to Resolved. Keys: `hold_reference`
  (the hold posting's reference), `note`. Idempotent by nature: a Resolved NC is done.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, tzinfo
from typing import Any
from urllib.parse import quote

import requests

from sync.erp.base import (
    BadRecord,
    ErpAuthError,
    ErpOutcomeUnknown,
    ErpRejected,
    ErpUnavailable,
    ImportBatch,
    Posted,
    Posting,
    PostingKind,
)
from sync.http import never_sent, retry_after

log = logging.getLogger(__name__)

REF_FIELD = "custom_mes_event_id"
MAKE_STOCK_ENTRY = "erpnext.manufacturing.doctype.work_order.work_order.make_stock_entry"
TRANSFER_FOR_MANUFACTURE = "Material Transfer for Manufacture"

# Statuses of a Work Order that still has work to do (v15 adds the stock reservation ones).
OPEN_WORK_ORDER_STATUSES = (
    "Not Started",
    "In Process",
    "Stock Reserved",
    "Stock Partially Reserved",
)

_DOCTYPE: dict[PostingKind, str] = {
    PostingKind.CONFIRMATION: "Stock Entry",
    PostingKind.GOODS_ISSUE: "Stock Entry",
    PostingKind.GOODS_RECEIPT: "Stock Entry",
    PostingKind.SCRAP: "Stock Entry",
    PostingKind.DOWNTIME: "Downtime Entry",
    PostingKind.QUALITY_HOLD: "Non Conformance",
    PostingKind.NONCONFORMANCE: "Non Conformance",
    PostingKind.QUALITY_RELEASE: "Non Conformance",
}
_SUBMITTABLE = {"Stock Entry"}

# Downtime Entry.stop_reason is a Select; anything else is refused by ERPNext.
STOP_REASONS = (
    "Excessive machine set up time",
    "Unplanned machine maintenance",
    "On-machine press checks",
    "Machine operator errors",
    "Machine malfunction",
    "Electricity down",
    "Other",
)

_TAG = re.compile(r"<[^>]+>")


class _Duplicate(ErpRejected):
    """The ERP says the unique reference (or name) already exists: an earlier try committed."""


def erp_message(body: Any, fallback: str) -> str:
    """The ERP's own words from a Frappe error body.

    `_server_messages` is a JSON string holding a list of JSON strings, each with a
    "message" (which may carry HTML): decode twice. Without it, `_error_message`, then
    `exception` and `exc_type` are the best there is.
    """
    if not isinstance(body, dict):
        return fallback
    messages: list[str] = []
    raw = body.get("_server_messages")
    if isinstance(raw, str):
        try:
            entries = json.loads(raw)
        except ValueError:
            entries = [raw]
        for entry in entries if isinstance(entries, list) else [entries]:
            try:
                decoded = json.loads(entry) if isinstance(entry, str) else entry
            except ValueError:
                decoded = entry
            text = decoded.get("message") if isinstance(decoded, dict) else decoded
            if text:
                messages.append(html.unescape(_TAG.sub("", str(text))).strip())
    if messages:
        return "; ".join(m for m in messages if m)
    for key in ("_error_message", "exception", "exc_type", "message"):
        value = body.get(key)
        if isinstance(value, str) and value:
            return html.unescape(_TAG.sub("", value)).strip()
    return fallback


def _number(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


class ErpNextAdapter:
    """`ErpAdapter` for ERPNext 15 over the Frappe REST API (token auth)."""

    name = "erpnext"
    # Output is booked as finished goods (Stock Entry "Manufacture"): only the routing's
    # last operation yields them, so earlier operations' confirmations are not sent.
    confirms_each_operation = False

    def __init__(
        self,
        base_url: str,
        api_key: str,
        api_secret: str,
        *,
        site: str | None = None,
        timeout_s: float = 10,
        company: str | None = None,
        source_warehouse: str | None = None,
        target_warehouse: str | None = None,
        scrap_warehouse: str | None = None,
        stock_warehouses: Iterable[str] | None = None,
        default_operator: str | None = None,
        quality_procedure: str | None = None,
        time_zone: tzinfo = UTC,
        page_size: int = 100,
        known_items: Iterable[str] = (),
        known_work_centers: Iterable[str] = (),
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.site = site
        self.timeout_s = timeout_s
        self.company = company
        self.source_warehouse = source_warehouse  # Material Issue from here
        self.target_warehouse = target_warehouse  # Material Receipt into here
        self.scrap_warehouse = scrap_warehouse or source_warehouse  # scrap is issued from here
        self.stock_warehouses = list(stock_warehouses) if stock_warehouses else None
        self.default_operator = default_operator  # Downtime Entry.operator is mandatory
        self.quality_procedure = quality_procedure  # Non Conformance.procedure is mandatory
        self.time_zone = time_zone  # Frappe datetimes are naive, in the site's time zone
        self.page_size = page_size
        # What Takt already holds from earlier imports: references to these are fine even
        # when this (incremental) batch does not carry them.
        self._known_items = set(known_items)
        self._known_work_centers = set(known_work_centers)
        self._http = requests.Session()
        self.set_credentials(api_key, api_secret)

    # --- plumbing --------------------------------------------------------------------

    def set_credentials(self, api_key: str, api_secret: str) -> None:
        """New key/secret after an ErpAuthError (keys are rotated in the ERP's user form)."""
        self._http.headers["Authorization"] = f"token {api_key}:{api_secret}"
        if self.site:
            # Frappe picks the site from the Host header; behind an IP it needs this.
            self._http.headers["X-Frappe-Site-Name"] = self.site
        self._http.headers["Accept"] = "application/json"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ErpNextAdapter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        writes: bool = False,
    ) -> Any:
        """One call; every failure sorted into the ErpError vocabulary.

        `writes` marks a call that may commit: only then does a lost answer mean
        "outcome unknown" rather than "try again".
        """
        url = self.base_url + path
        try:
            response = self._http.request(
                method, url, params=params, json=body, timeout=self.timeout_s
            )
        except requests.ConnectTimeout as error:
            raise ErpUnavailable(f"ERPNext did not accept the connection: {error}") from None
        except requests.Timeout as error:
            if writes:
                raise ErpOutcomeUnknown(
                    f"no answer from ERPNext within {self.timeout_s} s to {method} {path}"
                ) from error
            raise ErpUnavailable(f"no answer from ERPNext: {error}") from None
        except requests.ConnectionError as error:
            if writes and not never_sent(error):
                raise ErpOutcomeUnknown(
                    f"connection to ERPNext lost during {method} {path}: {error}"
                ) from error
            raise ErpUnavailable(f"cannot reach ERPNext: {error}") from None
        except requests.RequestException as error:
            raise ErpUnavailable(f"request to ERPNext failed: {error}") from None
        return self._answer(response, method, path, writes)

    def _answer(self, response: requests.Response, method: str, path: str, writes: bool) -> Any:
        status = response.status_code
        try:
            body: Any = response.json()
        except ValueError:
            body = None
        if 200 <= status < 300:
            if isinstance(body, dict):
                return body
            # A 2xx that is not Frappe JSON (a proxy page): the write may have happened.
            what = f"ERPNext answered {status} without JSON to {method} {path}"
            raise ErpOutcomeUnknown(what) if writes else ErpUnavailable(what)
        message = erp_message(body, f"HTTP {status}: {response.text[:300].strip()}")
        exc_type = body.get("exc_type") if isinstance(body, dict) else None
        log.debug("ERPNext %s %s -> %s %s: %s", method, path, status, exc_type, message)
        if status == 401:
            raise ErpAuthError(message)
        if status in (408, 429) or status >= 500:
            raise ErpUnavailable(message, retry_after_s=retry_after(response))
        if (status == 417 and exc_type == "UniqueValidationError") or (
            status == 409 and exc_type == "DuplicateEntryError"
        ):
            raise _Duplicate(message)
        # 403 PermissionError is a rejection, not an auth error: the credentials are valid
        # but the API user lacks a role; new credentials for the same user would not help.
        raise ErpRejected(message)

    @staticmethod
    def _resource(doctype: str, name: str | None = None) -> str:
        path = "/api/resource/" + quote(doctype, safe="")
        return path if name is None else path + "/" + quote(name, safe="")

    def _list(
        self,
        doctype: str,
        fields: list[str],
        filters: list[list[Any]],
    ) -> list[dict[str, Any]]:
        """Every matching row, oldest change first, paging until a short page.

        Offset paging skips a row when an earlier one is modified meanwhile (it moves to
        the end, the rest shift left). That row then shows up twice, so a repeat restarts
        the listing instead of silently losing the shifted row.
        """
        for attempt in range(3):
            rows: dict[str, dict[str, Any]] = {}
            repeated = False
            for row in self._pages(doctype, fields, filters):
                if row["name"] in rows:
                    repeated = True
                rows[row["name"]] = row
            if not repeated:
                return list(rows.values())
            log.info("%s changed while it was being listed; listing again (%d)", doctype, attempt)
        log.warning("%s keeps changing while listed; using the last listing", doctype)
        return list(rows.values())

    def _pages(
        self,
        doctype: str,
        fields: list[str],
        filters: list[list[Any]],
    ) -> Iterator[dict[str, Any]]:
        start = 0
        while True:
            params = {
                "fields": json.dumps(fields),
                "filters": json.dumps(filters),
                "order_by": "modified asc, name asc",
                "limit_start": start,
                "limit_page_length": self.page_size,
            }
            page = self._request("GET", self._resource(doctype), params=params).get("data")
            if not isinstance(page, list):
                raise ErpUnavailable(f"ERPNext listed {doctype} without a data list")
            yield from page
            if len(page) < self.page_size:
                return
            start += len(page)

    def _get(self, doctype: str, name: str) -> dict[str, Any]:
        data = self._request("GET", self._resource(doctype, name)).get("data")
        if not isinstance(data, dict):
            raise ErpUnavailable(f"ERPNext returned {doctype} {name} without data")
        return data

    def _existing(self, doctype: str, names: set[str]) -> set[str]:
        if not names:
            return set()
        found: set[str] = set()
        ordered = sorted(names)
        for i in range(0, len(ordered), self.page_size):
            chunk = ordered[i : i + self.page_size]
            rows = self._list(doctype, ["name", "modified"], [["name", "in", chunk]])
            found.update(row["name"] for row in rows)
        return found

    # --- import ----------------------------------------------------------------------

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
            batch.work_centers.append(
                {"code": row["name"], "name": row.get("workstation_name") or row["name"]}
            )
        self._known_items.update(i["code"] for i in batch.items)
        self._known_work_centers.update(w["code"] for w in batch.work_centers)

        self._import_boms(batch, note, changed)
        self._import_work_orders(batch, note, since)
        self._import_stock(batch, note, changed)

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

    def _resolve(self, items: set[str], work_centers: set[str]) -> None:
        """Ask the ERP about references this batch and earlier imports did not carry."""
        self._known_items |= self._existing("Item", items - self._known_items - {""})
        self._known_work_centers |= self._existing(
            "Workstation", work_centers - self._known_work_centers - {""}
        )

    @staticmethod
    def _operations(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str | None]:
        """Routing steps from BOM or Work Order operation rows; the first problem, if any."""
        ordered = sorted(rows, key=lambda r: r.get("idx") or 0)
        sequence_ids = [op.get("sequence_id") for op in ordered]
        # sequence_id may repeat (ERPNext lets steps share one) or be blank; Takt's step
        # numbers must be unique, so then the row order numbers them.
        own = all(sequence_ids) and len(set(sequence_ids)) == len(sequence_ids)
        steps = []
        for index, op in enumerate(ordered):
            seq = op["sequence_id"] if own else (index + 1) * 10
            if not op.get("workstation"):
                return [], f"operations.{index}.workstation: missing"
            minutes = _number(op.get("time_in_mins"))
            if minutes is None:
                return [], f"operations.{index}.time_in_mins: missing"
            steps.append(
                {
                    "seq": int(seq),
                    "operation": op.get("operation"),
                    "work_center": op["workstation"],
                    "minutes": minutes,
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
        # Only submitted, active BOMs can be used by a work order.
        heads = note(
            self._list(
                "BOM",
                ["name", "item", "is_active", "is_default", "modified"],
                changed([["docstatus", "=", 1], ["is_active", "=", 1]]),
            )
        )
        docs = [self._get("BOM", head["name"]) for head in heads]
        self._resolve(
            {d.get("item") or "" for d in docs}
            | {line.get("item_code") or "" for d in docs for line in d.get("items") or []},
            {op.get("workstation") or "" for d in docs for op in d.get("operations") or []},
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
            per = _number(doc.get("quantity")) or 1.0
            problem = None
            if not item:
                problem = "item: missing"
            elif item not in self._known_items:
                problem = f"item: unknown item {item}"
            lines = []
            for index, line in enumerate(doc.get("items") or []):
                if problem:
                    break
                code, qty = line.get("item_code"), _number(line.get("stock_qty") or line.get("qty"))
                if not code:
                    problem = f"items.{index}.item_code: missing"
                elif code not in self._known_items:
                    problem = f"items.{index}.item_code: unknown item {code}"
                elif qty is None or qty <= 0:
                    problem = f"items.{index}.qty: missing"
                else:
                    lines.append({"item": code, "qty": qty / per})
            if problem:
                batch.bad.append(BadRecord("bom", name, problem))
                continue
            made.add(str(item))
            batch.boms.append({"name": name, "item": item, "lines": lines})
            if not doc.get("with_operations") or not doc.get("operations") or item in routed:
                continue
            steps, problem = self._operations(doc["operations"])
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
    ) -> None:
        fields = [
            "name",
            "production_item",
            "qty",
            "produced_qty",
            "status",
            "expected_delivery_date",
            "planned_end_date",
            "bom_no",
            "modified",
        ]
        if since is None:
            filters: list[list[Any]] = [
                ["docstatus", "=", 1],
                ["status", "in", list(OPEN_WORK_ORDER_STATUSES)],
            ]
        else:
            # Incremental: closed and cancelled orders come too (marked not open); Takt
            # keeps what it recorded of them.
            filters = [["modified", ">", since], ["docstatus", "in", [1, 2]]]
        heads = note(self._list("Work Order", fields, filters))
        docs = []
        for head in heads:
            # The list leaves child tables out; an open order's operations need the
            # document itself (a closed one's are not used: no request for them).
            open_order = head.get("status") in OPEN_WORK_ORDER_STATUSES
            doc = self._get("Work Order", head["name"]) if open_order else {}
            docs.append({**head, "operations": doc.get("operations") or []})
        self._resolve(
            {d.get("production_item") or "" for d in docs},
            {op.get("workstation") or "" for d in docs for op in d["operations"]},
        )
        for doc in docs:
            name, item = doc["name"], doc.get("production_item")
            qty = _number(doc.get("qty"))
            steps, problem = self._operations(doc["operations"])
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
            status = doc.get("status")
            batch.work_orders.append(
                {
                    "number": name,
                    "item": item,
                    "qty": qty,
                    "done_qty": _number(doc.get("produced_qty")) or 0.0,
                    "due": doc.get("expected_delivery_date") or doc.get("planned_end_date"),
                    "bom": doc.get("bom_no"),
                    "status": status,
                    "open": status in OPEN_WORK_ORDER_STATUSES,
                    # Empty when the order was made over REST without them; Takt then
                    # takes the item's routing.
                    "operations": steps,
                }
            )

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

    # --- write-back ------------------------------------------------------------------

    def find(self, posting: Posting) -> Posted | None:
        if posting.kind is PostingKind.QUALITY_RELEASE:
            nc = self._by_reference("Non Conformance", self._hold_reference(posting))
            if nc is not None and nc.get("status") == "Resolved":
                return Posted(nc["name"], already=True)
            return None
        doctype = _DOCTYPE[posting.kind]
        found = self._by_reference(doctype, posting.reference)
        if found is None:
            return None
        name = found["name"]
        if doctype in _SUBMITTABLE and found.get("docstatus") == 0:
            # Inserted but never submitted (someone saved it as draft): finish the job.
            log.info("%s %s for %s is a draft; submitting it", doctype, name, posting.reference)
            self._request("PUT", self._resource(doctype, name), body={"docstatus": 1}, writes=True)
        elif found.get("docstatus") == 2:
            log.warning(
                "%s %s for %s was cancelled in ERPNext; not posting again",
                doctype,
                name,
                posting.reference,
            )
        return Posted(name, already=True)

    def _by_reference(self, doctype: str, reference: str) -> dict[str, Any] | None:
        fields = ["name", "docstatus", "modified"]
        if doctype == "Non Conformance":
            fields.append("status")
        rows = self._list(doctype, fields, [[REF_FIELD, "=", reference]])
        if not rows:
            return None
        # Unique field, so one row; should an amended copy slip through, prefer the live one.
        return sorted(rows, key=lambda r: {1: 0, 0: 1}.get(r.get("docstatus", 0), 2))[0]

    def post(self, posting: Posting) -> Posted:
        if posting.kind is PostingKind.QUALITY_RELEASE:
            return self._release(posting)
        doctype = _DOCTYPE.get(posting.kind)
        if doctype is None:
            raise ErpRejected(f"ERPNext adapter cannot post {posting.kind}")
        document = self._document(posting)
        document[REF_FIELD] = posting.reference
        if doctype in _SUBMITTABLE:
            document["docstatus"] = 1  # insert and submit in one call: one commit
        try:
            answer = self._request("POST", self._resource(doctype), body=document, writes=True)
        except _Duplicate as duplicate:
            found = self.find(posting)
            if found is None:
                # Unique on some other field: a real rejection.
                raise ErpRejected(str(duplicate)) from None
            log.info("%s already in ERPNext as %s", posting.reference, found.document)
            return found
        name = (answer.get("data") or {}).get("name")
        if not name:
            raise ErpOutcomeUnknown(f"ERPNext created {doctype} but named no document")
        log.info("posted %s %s as %s %s", posting.kind, posting.reference, doctype, name)
        return Posted(str(name))

    def _document(self, posting: Posting) -> dict[str, Any]:
        builders: dict[PostingKind, Callable[[Posting], dict[str, Any]]] = {
            PostingKind.CONFIRMATION: self._manufacture,
            PostingKind.GOODS_ISSUE: self._issue,
            PostingKind.SCRAP: self._issue,
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

    def _manufacture(self, posting: Posting) -> dict[str, Any]:
        data = posting.data
        work_order = data.get("erp_ref") or self._need(posting, "work_order")
        good = _number(data.get("good"))
        if good is None or good <= 0:
            raise ErpRejected(
                f"confirmation {posting.reference} has no good quantity: nothing to "
                "manufacture in ERPNext (post scrap as SCRAP)"
            )
        # Building the entry commits nothing, so a lost answer here is only "try again".
        draft = self._request(
            "POST",
            "/api/method/" + MAKE_STOCK_ENTRY,
            body={"work_order_id": work_order, "purpose": "Manufacture", "qty": good},
        ).get("message")
        if not isinstance(draft, dict):
            raise ErpUnavailable(f"make_stock_entry for {work_order} returned no draft")
        draft.pop("name", None)  # unsaved: ERPNext names it on insert
        where = f" (operation {data['operation_seq']}" if data.get("operation_seq") else ""
        if where:
            where += f" at {data['work_center']})" if data.get("work_center") else ")"
        return {
            **draft,
            **self._posting_time(posting),
            "remarks": f"Takt confirmation {posting.reference}{where}",
        }

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
        scrap = posting.kind is PostingKind.SCRAP
        if not scrap and posting.data.get("erp_ref"):
            return self._transfer_for_manufacture(posting)
        warehouse = posting.data.get("warehouse") or (
            self.scrap_warehouse if scrap else self.source_warehouse
        )
        rows = [
            {"item_code": item, "qty": qty, "s_warehouse": warehouse}
            for item, qty in self._lines(posting)
        ]
        return {
            **self._stock_entry("Material Issue", rows),
            **self._posting_time(posting),
            "remarks": self._remarks(posting, "scrap" if scrap else "goods issue"),
        }

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
        sources = {
            row.get("item_code"): row.get("source_warehouse")
            for row in order.get("required_items") or []
        }
        rows = []
        for item, qty in self._lines(posting):
            source = posting.data.get("warehouse") or sources.get(item) or self.source_warehouse
            if not source:
                raise ErpRejected(
                    f"goods issue {posting.reference}: no source warehouse for {item} "
                    "(the Work Order names none and the adapter has no source_warehouse)"
                )
            rows.append({"item_code": item, "qty": qty, "s_warehouse": source, "t_warehouse": wip})
        return {
            **self._stock_entry(TRANSFER_FOR_MANUFACTURE, rows),
            "work_order": order.get("name"),
            **self._posting_time(posting),
            "remarks": self._remarks(posting, "goods issue"),
        }

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

    def _downtime(self, posting: Posting) -> dict[str, Any]:
        data = posting.data
        if not data.get("ended_at"):
            raise ErpRejected(
                f"downtime {posting.reference} has no end: ERPNext's Downtime Entry needs "
                "to_time, so post it when the stop ends"
            )
        start = self._local(_moment(data.get("started_at") or posting.occurred_at))
        end = self._local(_moment(data["ended_at"]))
        reason = str(data.get("reason") or "")
        chosen = next((r for r in STOP_REASONS if r.lower() == reason.lower()), "Other")
        details = [d for d in (reason if chosen == "Other" else "", data.get("note")) if d]
        details.append(f"Takt {posting.reference}")
        return {
            "doctype": "Downtime Entry",
            "workstation": self._need(posting, "work_center"),
            "operator": data.get("operator") or self.default_operator,
            "from_time": start.isoformat(sep=" "),
            "to_time": end.isoformat(sep=" "),
            "stop_reason": chosen,
            "more_details": "\n".join(str(d) for d in details),
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

    @staticmethod
    def _hold_reference(posting: Posting) -> str:
        ref = posting.data.get("hold_reference")
        if not ref:
            raise ErpRejected(f"quality release {posting.reference} names no hold_reference")
        return str(ref)

    def _release(self, posting: Posting) -> Posted:
        nc = self._by_reference("Non Conformance", self._hold_reference(posting))
        if nc is None:
            raise ErpRejected(
                f"no Non Conformance in ERPNext for hold {posting.data['hold_reference']}: "
                "post the hold first"
            )
        if nc.get("status") == "Resolved":
            return Posted(nc["name"], already=True)
        update: dict[str, Any] = {"status": "Resolved"}
        if posting.data.get("note"):
            update["corrective_action"] = html.escape(str(posting.data["note"]))
        # Setting a status is idempotent: a lost answer is settled by find() or a re-run.
        self._request(
            "PUT", self._resource("Non Conformance", nc["name"]), body=update, writes=True
        )
        log.info("released hold %s: %s resolved", posting.data["hold_reference"], nc["name"])
        return Posted(nc["name"])
