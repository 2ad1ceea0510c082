"""ERPNext (Frappe REST) adapter: read master data and open work orders, write back outcomes.

Import reads `/api/resource/<DocType>` lists in few, large requests: JSON `filters`
(with `in` lists) and `fields` (child tables joined in as "`tabChild`.`field` as alias",
one row per child row), `limit_start`/`limit_page_length` paging, oldest change first.
Operation times come back per unit: a BOM operation's `time_in_mins` is for the BOM's
quantity (and its batch size), a Work Order operation's for the order's quantity.
Each work order carries its `state` (sync.erp.base.ORDER_STATES) and, per operation,
the Job Cards ERPNext made for it; `import_records` reads work orders again by name
(a name ERPNext no longer has comes back as deleted).

Write-back: every document Takt creates carries the posting's reference in the unique
Custom Field `custom_mes_event_id` (Stock Entry, Downtime Entry, Non Conformance, and the
Job Card Time Log rows Takt adds; Unique and No Copy ticked, or amending a cancelled entry
collides). `takt erp setup` creates and checks those fields through the Custom Field
doctype; without them the adapter posts nothing (a lost answer could not be settled) and
says what to do. A duplicate error means "an earlier try committed": it is reconciled
with `find`, never reported as a failure, and never posted twice.

What each posting kind becomes, and the `Posting.data` keys it reads:

- CONFIRMATION (every operation): a time log on the Job Card ERPNext made for that
  operation when the Work Order was submitted (`employee` from the `employees` table,
  `from_time` = when the operation started or its previous log ended, `to_time` = the
  confirmation, `completed_qty` = good), the row carrying the reference. The operation's
  final confirmation submits its Job Cards; ERPNext then books what was not completed as
  the card's process loss (`for_quantity - total_completed_qty`). The final confirmation of
  the last operation then posts the Manufacture Stock Entry (ERPNext's own
  `make_stock_entry`) for what the last operation completed and was not yet manufactured,
  plus the operations' process loss: ERPNext refuses Manufacture while Job Cards are open,
  so the output of partial confirmations goes with the final one. Keys: `erp_ref` (the
  Work Order; falls back to `work_order`), `operation_seq`, `work_center`, `good`,
  `scrap`, `final`, `confirmed_by`, `started_at`, `last_operation`. A Work Order without
  operations takes a Manufacture entry for each confirmation of Takt's last operation
  (good + scrap, the scrap as process loss; the final one books all that is left as loss).
- SCRAP: output of a Work Order (its production item) is lost output: ERPNext books it as
  process loss with the Job Cards and the Manufacture entry, so nothing is sent for it
  (ErpNothingToPost). Other scrapped stock (a held lot) moves by "Material Transfer" into
  the `scrap_warehouse` (ERPNext's scrap warehouse), or leaves by "Material Issue" when
  none is set. ERPNext refuses either when the stock is not there.
- GOODS_ISSUE to a Work Order (`erp_ref`): Stock Entry "Material Transfer for
  Manufacture" from the item's source warehouse (the Work Order's, else the adapter's)
  into the Work Order's WIP warehouse, with `fg_completed_qty` the finished units the
  transferred material now covers (the scarcest required item decides), so ERPNext's
  "material transferred for manufacturing" follows. A Work Order that skips transfers
  refuses it. Without a Work Order: "Material Issue". GOODS_RECEIPT: "Material Receipt".
  Keys: `item` and `qty` (or `lines: [{item, qty}]`), `warehouse`, `work_order`, `lot`,
  `reason` (remarks only).
- DOWNTIME: Downtime Entry (not submittable): `workstation`, `operator` (Employee; else
  the adapter's default), `from_time`, `to_time`, `stop_reason` (Takt's reason through the
  `stop_reasons` table, else ERPNext's own option of that name, else "Other") and
  `remarks`. ERPNext requires an end time, so an open stop is refused rather than guessed.
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
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any, Literal
from urllib.parse import quote

import requests

from sync.erp.base import (
    BadRecord,
    ErpAuthError,
    ErpNothingToPost,
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

_TAG = re.compile(r"<[^>]+>")
# Enough places for quantities ERPNext keeps with 3 to 9 decimals, without float dust.
_PLACES = 6


class _Duplicate(ErpRejected):
    """The ERP says the unique reference (or name) already exists: an earlier try committed."""


class ErpNotSetUp(ErpUnavailable):
    """ERPNext lacks what exactly-once posting needs (the reference custom fields).

    Unavailable, not rejected: nothing is wrong with the postings; they wait (the writer
    pauses as a whole) until `takt erp setup` has run."""


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


def _qty(value: float) -> float:
    return round(value, _PLACES)


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


@dataclass(frozen=True)
class _Child:
    """A child table joined into a list request: `fields` get "`tabX`.`f` as <prefix>f"."""

    doctype: str
    prefix: str
    fields: tuple[str, ...]

    def columns(self) -> list[str]:
        return [f"`tab{self.doctype}`.`{f}` as {self.prefix}{f}" for f in ("name", *self.fields)]

    def row(self, joined: dict[str, Any]) -> dict[str, Any] | None:
        """The child's own columns from a joined row; None for a parent without children."""
        if joined.get(self.prefix + "name") is None:
            return None
        return {f: joined.get(self.prefix + f) for f in ("name", *self.fields)}


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


class ErpNextAdapter:
    """`ErpAdapter` for ERPNext 15 over the Frappe REST API (token auth)."""

    name = "erpnext"
    # Every operation's confirmation goes out: each completes that operation's Job Card,
    # which ERPNext requires before it accepts the Manufacture entry.
    confirms_each_operation = True

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
        employees: dict[str, str] | None = None,
        stop_reasons: dict[str, StopReason] | None = None,
        quality_procedure: str | None = None,
        time_zone: tzinfo = UTC,
        page_size: int = 500,
        known_items: Iterable[str] = (),
        known_work_centers: Iterable[str] = (),
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.site = site
        self.timeout_s = timeout_s
        self.company = company
        self.source_warehouse = source_warehouse  # Material Issue from here
        self.target_warehouse = target_warehouse  # Material Receipt into here
        # Scrapped stock moves here (ERPNext's "scrap warehouse"); None: it is issued.
        self.scrap_warehouse = scrap_warehouse
        self.stock_warehouses = list(stock_warehouses) if stock_warehouses else None
        self.default_operator = default_operator  # Downtime Entry.operator is mandatory
        # Takt user id -> ERPNext Employee, for Job Card time logs (optional there).
        self.employees = dict(employees or {})
        # Takt's stop reason (code or text, any case) -> Downtime Entry.stop_reason.
        self.stop_reasons = {k.strip().lower(): v for k, v in (stop_reasons or {}).items()}
        bad = sorted(set(self.stop_reasons.values()) - set(STOP_REASONS))
        if bad:
            raise ValueError(f"stop_reasons: {bad[0]!r} is not one of {', '.join(STOP_REASONS)}")
        self.quality_procedure = quality_procedure  # Non Conformance.procedure is mandatory
        self.time_zone = time_zone  # Frappe datetimes are naive, in the site's time zone
        self.page_size = page_size
        # What Takt already holds from earlier imports: references to these are fine even
        # when this (incremental) batch does not carry them.
        self._known_items = set(known_items)
        self._known_work_centers = set(known_work_centers)
        self._reference_ok = False  # the custom fields were seen (checked once per adapter)
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
        *,
        child: _Child | None = None,
    ) -> list[dict[str, Any]]:
        """Every matching row, oldest change first, paging until a short page.

        With `child`, that child table is joined in: one row per child row (a parent
        without children comes once), its columns prefixed. Offset paging skips a row
        when an earlier one is modified meanwhile (it moves to the end, the rest shift
        left). That row then shows up twice, so a repeat restarts the listing instead of
        silently losing the shifted row.
        """
        for attempt in range(3):
            rows: dict[tuple[str, str | None], dict[str, Any]] = {}
            repeated = False
            for row in self._pages(doctype, fields, filters, child):
                key = (row["name"], row.get(child.prefix + "name") if child else None)
                if key in rows:
                    repeated = True
                rows[key] = row
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
        child: _Child | None,
    ) -> Iterator[dict[str, Any]]:
        start = 0
        if child is None:
            columns, order = fields, "modified asc, name asc"
        else:
            # Two tables: every column names its table, or the query is ambiguous.
            table = f"`tab{doctype}`"
            columns = [f"{table}.`{f}`" for f in fields] + child.columns()
            order = f"{table}.`modified` asc, {table}.`name` asc, `tab{child.doctype}`.`idx` asc"
        while True:
            params = {
                "fields": json.dumps(columns),
                "filters": json.dumps(filters),
                "order_by": order,
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

    def _grouped(
        self,
        doctype: str,
        fields: list[str],
        filters: list[list[Any]],
        child: _Child,
    ) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """Parents with their child rows (in row order), from one joined listing."""
        parents: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
        for joined in self._list(doctype, fields, filters, child=child):
            _, rows = parents.setdefault(joined["name"], ({f: joined.get(f) for f in fields}, []))
            row = child.row(joined)
            if row is not None:
                rows.append(row)
        for _, rows in parents.values():
            rows.sort(key=lambda r: r.get("idx") or 0)
        return list(parents.values())

    def _chunks(self, names: Iterable[str]) -> Iterator[list[str]]:
        # `in` lists travel in the query string: a hundred names keep it short.
        ordered = sorted(set(names))
        for i in range(0, len(ordered), 100):
            yield ordered[i : i + 100]

    def _get(self, doctype: str, name: str) -> dict[str, Any]:
        data = self._request("GET", self._resource(doctype, name)).get("data")
        if not isinstance(data, dict):
            raise ErpUnavailable(f"ERPNext returned {doctype} {name} without data")
        return data

    def _existing(self, doctype: str, names: set[str]) -> set[str]:
        found: set[str] = set()
        for chunk in self._chunks(names):
            rows = self._list(doctype, ["name", "modified"], [["name", "in", chunk]])
            found.update(row["name"] for row in rows)
        return found

    # --- set-up: the reference fields ------------------------------------------------

    def reference_field_problems(self) -> list[str]:
        """What is missing or wrong with the custom reference fields (empty: all set)."""
        try:
            rows = self._list(
                "Custom Field",
                ["name", "dt", "fieldname", "fieldtype", "unique", "no_copy"],
                [["fieldname", "=", REF_FIELD], ["dt", "in", list(REFERENCE_DOCTYPES)]],
            )
        except ErpRejected as error:
            return [f"cannot read ERPNext's Custom Fields ({error}): the API user needs them"]
        by_doctype = {row.get("dt"): row for row in rows}
        problems = []
        for doctype in REFERENCE_DOCTYPES:
            row = by_doctype.get(doctype)
            if row is None:
                problems.append(f"{doctype} has no custom field {REF_FIELD}")
            elif not row.get("unique"):
                problems.append(f"{doctype}.{REF_FIELD} is not Unique")
            elif not row.get("no_copy"):
                problems.append(f"{doctype}.{REF_FIELD} does not have No Copy ticked")
        return problems

    def setup(self) -> list[str]:
        """Create (or fix) the custom reference fields through ERPNext's Custom Field
        doctype, then check them again. Returns what was done, for a person to read."""
        lines = []
        existing = {
            row.get("dt"): row
            for row in self._list(
                "Custom Field",
                ["name", "dt", "unique", "no_copy"],
                [["fieldname", "=", REF_FIELD], ["dt", "in", list(REFERENCE_DOCTYPES)]],
            )
        }
        for doctype in REFERENCE_DOCTYPES:
            row = existing.get(doctype)
            if row is None:
                self._request(
                    "POST",
                    self._resource("Custom Field"),
                    body={
                        "dt": doctype,
                        "fieldname": REF_FIELD,
                        "label": REF_LABEL,
                        "fieldtype": "Data",
                        "unique": 1,
                        "no_copy": 1,
                        "read_only": 1,
                        "print_hide": 1,
                        "search_index": 1,
                        "description": "Takt's event reference: each Takt posting once",
                    },
                    writes=True,
                )
                lines.append(f"created {doctype}.{REF_FIELD} (Unique, No Copy)")
            elif not row.get("unique") or not row.get("no_copy"):
                self._request(
                    "PUT",
                    self._resource("Custom Field", str(row["name"])),
                    body={"unique": 1, "no_copy": 1},
                    writes=True,
                )
                lines.append(f"set Unique and No Copy on {doctype}.{REF_FIELD}")
            else:
                lines.append(f"{doctype}.{REF_FIELD} is in place")
        problems = self.reference_field_problems()
        if problems:
            raise ErpRejected("after setup: " + "; ".join(problems))
        self._reference_ok = True
        return lines

    def _require_reference_fields(self) -> None:
        if self._reference_ok:
            return
        problems = self.reference_field_problems()
        if problems:
            message = (
                "ERPNext is not set up for exactly-once posting: "
                + "; ".join(problems)
                + ". Run `takt erp setup` (it creates the fields through ERPNext's Custom "
                "Field doctype), or add a Data field custom_mes_event_id with Unique and No "
                "Copy ticked to each in Customize Form. Postings wait until then."
            )
            log.error("%s", message)
            raise ErpNotSetUp(message)
        self._reference_ok = True

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

    @staticmethod
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
        for index, (seq, op) in enumerate(cls._numbered(rows)):
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
            rows = dict(self._numbered(doc["operations"]))
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

    # --- write-back ------------------------------------------------------------------

    def find(self, posting: Posting) -> Posted | None:
        self._require_reference_fields()
        if posting.kind is PostingKind.QUALITY_RELEASE:
            nc = self._by_reference("Non Conformance", self._hold_reference(posting))
            if nc is not None and nc.get("status") == "Resolved":
                return Posted(nc["name"], already=True)
            return None
        if posting.kind is PostingKind.CONFIRMATION:
            return self._find_confirmation(posting)
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
        self._require_reference_fields()
        if posting.kind is PostingKind.QUALITY_RELEASE:
            return self._release(posting)
        if posting.kind is PostingKind.CONFIRMATION:
            return self._confirm(posting)
        doctype = _DOCTYPE.get(posting.kind)
        if doctype is None:
            raise ErpRejected(f"ERPNext adapter cannot post {posting.kind}")
        return self._insert(doctype, self._document(posting), posting)

    def _insert(self, doctype: str, document: dict[str, Any], posting: Posting) -> Posted:
        """Create (and submit) one document carrying the posting's reference."""
        document[REF_FIELD] = posting.reference
        if doctype in _SUBMITTABLE:
            document["docstatus"] = 1  # insert and submit in one call: one commit
        try:
            answer = self._request("POST", self._resource(doctype), body=document, writes=True)
        except _Duplicate as duplicate:
            found = self._by_reference(doctype, posting.reference)
            if found is None:
                # Unique on some other field: a real rejection.
                raise ErpRejected(str(duplicate)) from None
            log.info("%s already in ERPNext as %s", posting.reference, found["name"])
            if doctype in _SUBMITTABLE and found.get("docstatus") == 0:
                self._request(
                    "PUT",
                    self._resource(doctype, found["name"]),
                    body={"docstatus": 1},
                    writes=True,
                )
            return Posted(found["name"], already=True)
        name = (answer.get("data") or {}).get("name")
        if not name:
            raise ErpOutcomeUnknown(f"ERPNext created {doctype} but named no document")
        log.info("posted %s %s as %s %s", posting.kind, posting.reference, doctype, name)
        return Posted(str(name))

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

    # --- confirmations: Job Cards, then Manufacture ------------------------------------

    def _order_of(self, posting: Posting) -> dict[str, Any]:
        name = posting.data.get("erp_ref") or self._need(posting, "work_order")
        return self._get("Work Order", str(name))

    def _operation_row(self, order: dict[str, Any], posting: Posting) -> dict[str, Any]:
        """The Work Order operation a Takt step confirms: by step number (the import
        numbered them), else by workstation."""
        numbered = self._numbered(order.get("operations") or [])
        seq = posting.data.get("operation_seq")
        for number, row in numbered:
            if seq is not None and number == int(seq):
                return row
        at = [
            row for _, row in numbered if row.get("workstation") == posting.data.get("work_center")
        ]
        if len(at) == 1:
            return at[0]
        raise ErpRejected(
            f"confirmation {posting.reference}: Work Order {order.get('name')} has no operation "
            f"{seq} at {posting.data.get('work_center')} (its operations: "
            + ", ".join(f"{n} {r.get('operation')} at {r.get('workstation')}" for n, r in numbered)
            + ")"
        )

    def _cards(self, order: str, row: dict[str, Any]) -> list[dict[str, Any]]:
        """The operation's live Job Cards with their time logs, oldest first."""
        heads = self._list(
            "Job Card",
            ["name", "docstatus", "modified"],
            [["work_order", "=", order], ["operation_id", "=", row["name"]], ["docstatus", "<", 2]],
        )
        return [
            self._get("Job Card", head["name"]) for head in sorted(heads, key=lambda h: h["name"])
        ]

    @staticmethod
    def _log_reference(reference: str, index: int) -> str:
        # One row per Job Card per posting; the unique field needs a value per row.
        return reference if index == 0 else f"{reference}#{index + 1}"

    def _logged(self, cards: list[dict[str, Any]], reference: str) -> dict[str, float]:
        """Job Card name -> quantity this posting already logged on it."""
        logged: dict[str, float] = {}
        for index, card in enumerate(cards):
            mine = self._log_reference(reference, index)
            for log_row in card.get("time_logs") or []:
                if log_row.get(REF_FIELD) == mine:
                    logged[card["name"]] = _number(log_row.get("completed_qty")) or 0.0
        return logged

    def _find_confirmation(self, posting: Posting) -> Posted | None:
        """Posted only when every step of the confirmation is in ERPNext; otherwise None
        and `post` finishes what is missing (each step checks before it writes)."""
        manufactured = self._by_reference("Stock Entry", posting.reference)
        if manufactured is not None:
            return Posted(manufactured["name"], already=True)
        rows = self._list(
            "Job Card",
            ["name", "docstatus", "modified"],
            [[JOB_CARD_LOG, REF_FIELD, "=", posting.reference]],
        )
        if not rows:
            return None
        final = bool(posting.data.get("final"))
        if final and (rows[0].get("docstatus") != 1 or self._ends_order(posting)):
            return None  # logged, but the card is not submitted or Manufacture is missing
        return Posted(rows[0]["name"], already=True)

    def _ends_order(self, posting: Posting) -> bool:
        """Whether this final confirmation still owes the order's Manufacture entry."""
        order = self._order_of(posting)
        if not order.get("operations"):
            return True
        numbered = self._numbered(order["operations"])
        return self._operation_row(order, posting) is numbered[-1][1]

    def _confirm(self, posting: Posting) -> Posted:
        data = posting.data
        order = self._order_of(posting)
        good = _number(data.get("good")) or 0.0
        if good < 0:
            raise ErpRejected(f"confirmation {posting.reference}: good must not be negative")
        final = bool(data.get("final"))
        if not order.get("operations"):
            if data.get("last_operation") is False:
                raise ErpNothingToPost(
                    f"Work Order {order['name']} has no operations in ERPNext: only the "
                    "last operation's output is booked (as Manufacture)"
                )
            return self._manufacture_without_cards(posting, order, good, final)
        numbered = self._numbered(order["operations"])
        row = self._operation_row(order, posting)
        cards = self._cards(order["name"], row)
        if not cards:
            raise ErpRejected(
                f"Work Order {order['name']} has no Job Card for operation {row.get('operation')} "
                "(ERPNext makes them when the order is submitted): create one with "
                "'Create Job Card' on the Work Order, then retry"
            )
        logged = self._logged(cards, posting.reference)
        if not logged:
            cards = self._log_time(posting, cards, good)
        if final:
            cards = self._submit_cards(posting, cards)
        if not final or row is not numbered[-1][1]:
            return Posted(cards[0]["name"], already=bool(logged))
        return self._manufacture(posting, order["name"], cards[0]["name"])

    def _log_time(
        self, posting: Posting, cards: list[dict[str, Any]], good: float
    ) -> list[dict[str, Any]]:
        """Time logs for this confirmation, the good quantity spread over the operation's
        open cards in order (each up to its quantity; the last open one takes the rest)."""
        data = posting.data
        end = self._local(posting.occurred_at)
        employee = self.employees.get(str(data.get("confirmed_by") or ""))
        drafts = [(i, c) for i, c in enumerate(cards) if c.get("docstatus") == 0]
        if not drafts:
            raise ErpRejected(
                f"every Job Card of Work Order {cards[0].get('work_order')} operation "
                f"{cards[0].get('operation')} is already submitted: ERPNext takes no more "
                f"time on them ({', '.join(c['name'] for c in cards)})"
            )
        left = good
        plan: list[tuple[int, dict[str, Any], float]] = []
        for position, (index, card) in enumerate(drafts):
            room = max(
                0.0,
                (_number(card.get("for_quantity")) or 0.0)
                - sum(_number(r.get("completed_qty")) or 0.0 for r in card.get("time_logs") or []),
            )
            share = left if position == len(drafts) - 1 else min(left, room)
            if share > 0 or (not plan and left <= 0):
                plan.append((index, card, _qty(share)))
            left -= share
            if left <= 0 and plan:
                break
        updated = {c["name"]: c for c in cards}
        for index, card, share in plan:
            logs = list(card.get("time_logs") or [])
            start = self._start_of(data, logs, end)
            row = {
                "from_time": start.isoformat(sep=" "),
                "to_time": end.isoformat(sep=" "),
                "time_in_mins": round((end - start).total_seconds() / 60, 2),
                "completed_qty": share,
                REF_FIELD: self._log_reference(posting.reference, index),
            }
            if employee:
                row["employee"] = employee
            body = {"time_logs": [*logs, row], "modified": card.get("modified")}
            answer = self._request(
                "PUT", self._resource("Job Card", card["name"]), body=body, writes=True
            )
            updated[card["name"]] = answer.get("data") or self._get("Job Card", card["name"])
            log.info(
                "logged %s of %s on Job Card %s for %s",
                share,
                card.get("operation"),
                card["name"],
                posting.reference,
            )
        return [updated[c["name"]] for c in cards]

    def _start_of(
        self, data: dict[str, Any], logs: list[dict[str, Any]], end: datetime
    ) -> datetime:
        """Where this confirmation's time starts: the later of the operation's start and
        the card's previous log (never after the confirmation itself)."""
        starts = []
        if data.get("started_at"):
            starts.append(self._local(_moment(data["started_at"])))
        for row in logs:
            if row.get("to_time"):
                starts.append(datetime.fromisoformat(str(row["to_time"])).replace(microsecond=0))
        start = max(starts) if starts else end
        return min(start, end)

    def _submit_cards(self, posting: Posting, cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The operation is done: submit its cards. ERPNext books what a card did not
        complete as its process loss; a card nothing was completed on stays open (ERPNext
        refuses to submit it) and is said in the log."""
        out = []
        for card in cards:
            completed = sum(
                _number(r.get("completed_qty")) or 0.0 for r in card.get("time_logs") or []
            )
            if card.get("docstatus") == 0 and completed > 0:
                answer = self._request(
                    "PUT",
                    self._resource("Job Card", card["name"]),
                    body={"docstatus": 1},
                    writes=True,
                )
                card = answer.get("data") or self._get("Job Card", card["name"])
                log.info("submitted Job Card %s for %s", card["name"], posting.reference)
            elif card.get("docstatus") == 0:
                log.warning(
                    "Job Card %s has nothing completed; left open (ERPNext would refuse it)",
                    card["name"],
                )
            out.append(card)
        return out

    def _manufacture(self, posting: Posting, order_name: str, card: str) -> Posted:
        """The Manufacture entry for all the last operation completed and ERPNext has not
        yet booked, plus the operations' process loss (ERPNext takes the largest)."""
        found = self._by_reference("Stock Entry", posting.reference)
        if found is not None:
            return Posted(found["name"], already=True)
        order = self._get("Work Order", order_name)
        rows = [row for _, row in self._numbered(order["operations"])]
        produced = _number(order.get("produced_qty")) or 0.0
        booked_loss = _number(order.get("process_loss_qty")) or 0.0
        good = (_number(rows[-1].get("completed_qty")) or 0.0) - produced
        loss = max(_number(r.get("process_loss_qty")) or 0.0 for r in rows) - booked_loss
        good, loss = _qty(max(good, 0.0)), _qty(max(loss, 0.0))
        if good <= 0:
            log.info("nothing left to manufacture on %s for %s", order_name, posting.reference)
            return Posted(card)
        return self._insert(
            "Stock Entry", self._manufacture_entry(posting, order_name, good, loss), posting
        )

    def _manufacture_without_cards(
        self, posting: Posting, order: dict[str, Any], good: float, final: bool
    ) -> Posted:
        found = self._by_reference("Stock Entry", posting.reference)
        if found is not None:
            return Posted(found["name"], already=True)
        if good <= 0:
            raise ErpRejected(
                f"confirmation {posting.reference} has no good quantity: nothing to "
                "manufacture in ERPNext"
            )
        scrap = _number(posting.data.get("scrap")) or 0.0
        if final:
            # Whatever of the order was not made is lost: booked so the order completes.
            left = (
                (_number(order.get("qty")) or 0.0)
                - (_number(order.get("produced_qty")) or 0.0)
                - (_number(order.get("process_loss_qty")) or 0.0)
                - good
            )
            scrap = max(scrap, left, 0.0)
        entry = self._manufacture_entry(posting, order["name"], _qty(good), _qty(scrap))
        return self._insert("Stock Entry", entry, posting)

    def _manufacture_entry(
        self, posting: Posting, order: str, good: float, loss: float
    ) -> dict[str, Any]:
        # Building the entry commits nothing, so a lost answer here is only "try again".
        draft = self._request(
            "POST",
            "/api/method/" + MAKE_STOCK_ENTRY,
            body={"work_order_id": order, "purpose": "Manufacture", "qty": _qty(good + loss)},
        ).get("message")
        if not isinstance(draft, dict):
            raise ErpUnavailable(f"make_stock_entry for {order} returned no draft")
        draft.pop("name", None)  # unsaved: ERPNext names it on insert
        if loss > 0:
            # fg_completed_qty counts the lost units (their material was used); the
            # finished-goods row receives only the good ones.
            draft["process_loss_qty"] = loss
            for row in draft.get("items") or []:
                if row.get("is_finished_item"):
                    row["qty"] = good
                    row["transfer_qty"] = good
        data = posting.data
        where = f" (operation {data['operation_seq']}" if data.get("operation_seq") else ""
        if where:
            where += f" at {data['work_center']})" if data.get("work_center") else ")"
        return {
            **draft,
            **self._posting_time(posting),
            "remarks": f"Takt confirmation {posting.reference}{where}",
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
        output of an open Work Order is not stock anywhere: process loss (see module)."""
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
