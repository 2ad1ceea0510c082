"""A protocol-faithful ERPNext 15 stand-in: real HTTP on 127.0.0.1, documents in memory.

It answers the requests the adapter makes with the shapes Frappe uses (see
/work/shared/reference/sync-and-erp.md §3 and §6):

- `Authorization: token key:secret`; a wrong key or secret is 401 AuthenticationError,
  no credentials at all is 403 PermissionError. With `site` set, a request whose Host
  or `X-Frappe-Site-Name` does not name it is 404 "<host> does not exist".
- `GET /api/resource/<DocType>`: JSON `filters` (lists of 3 or dict), JSON `fields`
  (parent columns only; a child table or unknown column is refused), `order_by`,
  `limit_start`, `limit_page_length` (default 20) -> `{"data": [...]}`.
- `GET /api/resource/<DocType>/<name>` -> `{"data": {... child tables ...}}`, 404
  DoesNotExistError when missing.
- `POST /api/resource/<DocType>`: mandatory fields (417 MandatoryError), links (417
  LinkValidationError; an unknown item in a child row is 404 DoesNotExistError, as seen
  on a real site), Select options, the unique `custom_mes_event_id` (417
  UniqueValidationError), stock checks on submit (417 NegativeStockError, over-
  production 417 StockOverProductionError). `docstatus: 1` inserts and submits at once.
- `PUT /api/resource/<DocType>/<name>`: updates; `{"docstatus": 1}` submits a draft.
- `POST /api/method/erpnext...work_order.make_stock_entry` -> `{"message": draft}`,
  an unsaved Stock Entry (`name: null`, `docstatus: 0`) that commits nothing.

Errors carry `exc_type`, `exception`, `exc` and `_server_messages` (a JSON string of a
list of JSON strings). Fault switches: lose the answer after committing, answer too
late, fail with 5xx, rate-limit with Retry-After, rotate the secret, reject the next
write, forbid a doctype, and a hook that runs between list pages. `created` records
every document made through the API, so tests can assert exactly-once.
"""

from __future__ import annotations

import itertools
import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

STANDARD = {"name", "owner", "creation", "modified", "modified_by", "docstatus", "idx"}
BASE_TIME = datetime(2026, 11, 23, 8, 0, 0)
MAKE_STOCK_ENTRY = "erpnext.manufacturing.doctype.work_order.work_order.make_stock_entry"
STOP_REASONS = (
    "Excessive machine set up time",
    "Unplanned machine maintenance",
    "On-machine press checks",
    "Machine operator errors",
    "Machine malfunction",
    "Electricity down",
    "Other",
)


class FrappeError(Exception):
    def __init__(
        self,
        status: int,
        exc_type: str,
        message: str | None,
        *,
        exception: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.exc_type = exc_type
        self.message = message
        self.exception = exception
        self.headers = headers or {}
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        detail = self.exception if self.exception is not None else (self.message or "")
        exception = f"frappe.exceptions.{self.exc_type}"
        if detail:
            exception += f": {detail}"
        body: dict[str, Any] = {
            "exc_type": self.exc_type,
            "exception": exception,
            "exc": json.dumps(
                ["Traceback (most recent call last):\n  (stand-in)\n" + exception + "\n"]
            ),
        }
        if self.message:
            message = {"message": self.message, "title": "Message", "indicator": "red"}
            body["_server_messages"] = json.dumps([json.dumps(message)])
        return body | self.extra


TRANSFER = "Material Transfer for Manufacture"


def _validation(message: str, exc_type: str = "ValidationError") -> FrappeError:
    return FrappeError(417, exc_type, message)


@dataclass
class Meta:
    fields: set[str]
    naming: Callable[[FakeErpNext, dict[str, Any]], str]
    tables: dict[str, set[str]] = field(default_factory=dict)
    reqd: tuple[str, ...] = ()
    links: dict[str, str] = field(default_factory=dict)
    # table -> field -> (doctype, HTTP status when missing)
    child_links: dict[str, dict[str, tuple[str, int]]] = field(default_factory=dict)
    selects: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unique: tuple[str, ...] = ()
    submittable: bool = False
    labels: dict[str, str] = field(default_factory=dict)


def _by(fieldname: str) -> Callable[[FakeErpNext, dict[str, Any]], str]:
    return lambda _server, doc: str(doc[fieldname])


def _series(prefix: str) -> Callable[[FakeErpNext, dict[str, Any]], str]:
    return lambda server, _doc: f"{prefix}{server.next_number(prefix):05d}"


def _given(_server: FakeErpNext, doc: dict[str, Any]) -> str:
    return str(doc["name"])


def _hash(_server: FakeErpNext, _doc: dict[str, Any]) -> str:
    return secrets.token_hex(5)  # Frappe's "hash" naming: 10 random hex characters


def _bom_name(server: FakeErpNext, doc: dict[str, Any]) -> str:
    return f"BOM-{doc['item']}-{server.next_number('BOM-' + str(doc['item'])):03d}"


REF = "custom_mes_event_id"

META: dict[str, Meta] = {
    "Company": Meta({"company_name", "abbr"}, _by("company_name")),
    "Warehouse": Meta({"warehouse_name", "company", "is_group"}, _given),
    "Employee": Meta({"employee_name", "status"}, _series("HR-EMP-")),
    "Quality Procedure": Meta({"quality_procedure_name"}, _by("quality_procedure_name")),
    "Stock Entry Type": Meta({"purpose"}, _given),
    "Item": Meta(
        {"item_code", "item_name", "stock_uom", "item_group", "disabled", "is_stock_item"},
        _by("item_code"),
        reqd=("item_code", "item_group", "stock_uom"),
    ),
    "Workstation": Meta({"workstation_name", "workstation_type"}, _by("workstation_name")),
    "Operation": Meta({"workstation", "description"}, _given),
    "BOM": Meta(
        {"item", "quantity", "is_active", "is_default", "with_operations", "company", "uom"},
        _bom_name,
        tables={
            "items": {"item_code", "qty", "stock_qty", "uom"},
            "operations": {"operation", "workstation", "time_in_mins", "sequence_id"},
        },
        submittable=True,
    ),
    "Work Order": Meta(
        {
            "production_item",
            "qty",
            "produced_qty",
            "status",
            "expected_delivery_date",
            "planned_start_date",
            "planned_end_date",
            "bom_no",
            "company",
            "wip_warehouse",
            "fg_warehouse",
            "skip_transfer",
            "use_multi_level_bom",
        },
        _series("MFG-WO-2026-"),
        tables={
            "operations": {
                "operation",
                "workstation",
                "time_in_mins",
                "sequence_id",
                "status",
                "completed_qty",
            },
            "required_items": {"item_code", "required_qty", "source_warehouse", "transferred_qty"},
        },
        submittable=True,
    ),
    "Bin": Meta({"item_code", "warehouse", "actual_qty", "projected_qty", "reserved_qty"}, _hash),
    "Stock Entry": Meta(
        {
            "stock_entry_type",
            "purpose",
            "company",
            "work_order",
            "fg_completed_qty",
            "from_bom",
            "bom_no",
            "use_multi_level_bom",
            "from_warehouse",
            "to_warehouse",
            "posting_date",
            "posting_time",
            "set_posting_time",
            "remarks",
            "inspection_required",
            REF,
        },
        _series("MAT-STE-2026-"),
        tables={
            "items": {
                "item_code",
                "qty",
                "s_warehouse",
                "t_warehouse",
                "is_finished_item",
                "uom",
                "transfer_qty",
                "conversion_factor",
            }
        },
        reqd=("stock_entry_type", "company", "purpose"),
        links={
            "stock_entry_type": "Stock Entry Type",
            "company": "Company",
            "work_order": "Work Order",
        },
        child_links={
            "items": {
                "item_code": ("Item", 404),
                "s_warehouse": ("Warehouse", 417),
                "t_warehouse": ("Warehouse", 417),
            }
        },
        unique=(REF,),
        submittable=True,
        labels={"s_warehouse": "Source Warehouse", "t_warehouse": "Target Warehouse"},
    ),
    "Downtime Entry": Meta(
        {
            "workstation",
            "operator",
            "from_time",
            "to_time",
            "downtime",
            "stop_reason",
            "more_details",
            REF,
        },
        _hash,
        reqd=("workstation", "operator", "from_time", "to_time", "stop_reason"),
        links={"workstation": "Workstation", "operator": "Employee"},
        selects={"stop_reason": STOP_REASONS},
        unique=(REF,),
        labels={"workstation": "Workstation / Machine"},
    ),
    "Non Conformance": Meta(
        {
            "subject",
            "procedure",
            "process_owner",
            "full_name",
            "status",
            "details",
            "corrective_action",
            "preventive_action",
            REF,
        },
        _series("QA-NC-"),
        reqd=("subject", "procedure", "status"),
        links={"procedure": "Quality Procedure"},
        selects={"status": ("Open", "Resolved", "Cancelled")},
        unique=(REF,),
    ),
}


def _label(meta: Meta, fieldname: str) -> str:
    return meta.labels.get(fieldname) or fieldname.replace("_", " ").title()


def _compare(actual: Any, op: str, value: Any) -> bool:
    op = op.lower()
    if op in ("in", "not in"):
        values = value if isinstance(value, list) else str(value).split(",")
        inside = actual in values or str(actual) in [str(v) for v in values]
        return inside if op == "in" else not inside
    if op in ("=", "=="):
        return actual == value or (actual is not None and str(actual) == str(value))
    if op == "!=":
        return not _compare(actual, "=", value)
    if actual is None:
        return False  # SQL: NULL > x is not true
    if isinstance(actual, int | float) and not isinstance(value, int | float):
        value = float(value)
    elif not isinstance(actual, int | float):
        actual, value = str(actual), str(value)
    if op == ">":
        return bool(actual > value)
    if op == "<":
        return bool(actual < value)
    if op == ">=":
        return bool(actual >= value)
    if op == "<=":
        return bool(actual <= value)
    raise _validation(f"Operator {op} is not supported here", "DataError")


def _sort_key(column: str) -> Callable[[dict[str, Any]], tuple[bool, Any]]:
    return lambda doc: (doc.get(column) is not None, doc.get(column) or "")


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (late or lost answers) is the point of those faults


class FakeErpNext:
    """The server, its documents, and the switches a test flips."""

    def __init__(
        self, api_key: str = "takt-api-key", api_secret: str = "s3cret", site: str | None = None
    ) -> None:
        self.api_key = api_key
        self.api_secret = api_secret
        self.site = site
        self.docs: dict[str, dict[str, dict[str, Any]]] = {d: {} for d in META}
        self.created: list[tuple[str, str]] = []  # (doctype, name) made through the API
        self.requests: list[tuple[str, str, dict[str, str]]] = []  # (method, path, query)
        # Fault switches (each counts down per request it applies to).
        self.lose_answers = 0  # resource writes: commit, then close the connection unanswered
        self.lose_method_answers = 0  # method calls (make_stock_entry): answer lost
        self.late_answers = 0  # writes: commit, then answer after `late_s`
        self.late_s = 1.0
        self.failures: list[tuple[int, float | None]] = []  # next requests: (status, retry)
        self.rejections: list[str] = []  # next writes: 417 ValidationError with this text
        self.forbidden: set[str] = set()  # doctypes the API user has no role for
        self.after_list_page: Callable[[str, int], None] | None = None
        self._lock = threading.RLock()
        self._tick = itertools.count(1)
        self._numbers: dict[str, itertools.count[int]] = {}
        self._release = threading.Event()
        handler = type("Handler", (_Handler,), {"erp": self})
        self._httpd = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def close(self) -> None:
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    # --- switches --------------------------------------------------------------------

    def fail_next(
        self, status: int = 503, times: int = 1, retry_after: float | None = None
    ) -> None:
        with self._lock:
            self.failures.extend([(status, retry_after)] * times)

    def reject_next(self, message: str) -> None:
        with self._lock:
            self.rejections.append(message)

    def rotate_secret(self) -> str:
        """The admin regenerates the API secret: the old one is now refused."""
        with self._lock:
            self.api_secret = secrets.token_hex(8)
            return self.api_secret

    # --- documents -------------------------------------------------------------------

    def next_number(self, series: str) -> int:
        return next(self._numbers.setdefault(series, itertools.count(1)))

    def now(self) -> str:
        return f"{BASE_TIME + timedelta(seconds=next(self._tick)):%Y-%m-%d %H:%M:%S.%f}"

    def insert(self, doctype: str, doc: dict[str, Any], *, docstatus: int = 0) -> dict[str, Any]:
        """Store a document as-is (seeding: no validation, no side effects)."""
        with self._lock:
            meta = META[doctype]
            name = doc.get("name") or meta.naming(self, doc)
            stamp = self.now()
            stored: dict[str, Any] = {
                "name": name,
                "owner": "Administrator",
                "creation": stamp,
                "modified": stamp,
                "modified_by": "Administrator",
                "docstatus": docstatus,
                "idx": 0,
                "doctype": doctype,
            }
            for key, value in doc.items():
                if key in meta.tables:
                    stored[key] = [
                        self._child(doctype, name, key, i, row) for i, row in enumerate(value)
                    ]
                elif key in meta.fields:
                    stored[key] = value
            for table in meta.tables:
                stored.setdefault(table, [])
            self.docs[doctype][name] = stored
            return stored

    def _child(
        self, parent_type: str, parent: str, table: str, index: int, row: dict[str, Any]
    ) -> dict[str, Any]:
        allowed = META[parent_type].tables[table]
        child = {k: v for k, v in row.items() if k in allowed}
        return child | {
            "name": secrets.token_hex(5),
            "idx": index + 1,
            "parent": parent,
            "parenttype": parent_type,
            "parentfield": table,
        }

    def touch(self, doctype: str, name: str, **changes: Any) -> dict[str, Any]:
        """Change a document as a user in the desk would (bumps `modified`)."""
        with self._lock:
            doc = self.docs[doctype][name]
            doc.update(changes)
            doc["modified"] = self.now()
            return doc

    def get(self, doctype: str, name: str) -> dict[str, Any]:
        return self.docs[doctype][name]

    def with_reference(self, doctype: str, reference: str) -> list[dict[str, Any]]:
        return [d for d in self.docs[doctype].values() if d.get(REF) == reference]

    def bin(self, item: str, warehouse: str) -> dict[str, Any] | None:
        return next(
            (
                b
                for b in self.docs["Bin"].values()
                if b["item_code"] == item and b["warehouse"] == warehouse
            ),
            None,
        )

    def on_hand(self, item: str, warehouse: str) -> float:
        found = self.bin(item, warehouse)
        return float(found["actual_qty"]) if found else 0.0

    # --- request handling (called by the handler, under the lock) --------------------

    def check_auth(self, headers: Any, doctype: str | None) -> None:
        if self.site is not None:
            host = (headers.get("X-Frappe-Site-Name") or headers.get("Host") or "").split(":")[0]
            if host != self.site:
                raise FrappeError(404, "html", f"{host} does not exist")
        auth = headers.get("Authorization")
        if not auth:
            raise FrappeError(
                403,
                "PermissionError",
                None,
                extra={"_error_message": f"No permission for {doctype or 'this resource'}"},
            )
        scheme, _, credentials = auth.partition(" ")
        if scheme.lower() != "token" or credentials != f"{self.api_key}:{self.api_secret}":
            raise FrappeError(401, "AuthenticationError", None, exception="")
        if doctype in self.forbidden:
            raise FrappeError(
                403,
                "PermissionError",
                f"No permission for {doctype}",
                extra={"_error_message": f"No permission for {doctype}"},
            )

    def list(self, doctype: str, query: dict[str, str]) -> list[dict[str, Any]]:
        meta = self._meta(doctype)
        fields = json.loads(query["fields"]) if "fields" in query else ["name"]
        columns = meta.fields | STANDARD
        if fields == ["*"]:
            fields = sorted(columns)
        for wanted in fields:
            if wanted not in columns:
                raise _validation(f"Field not permitted in query: {wanted}", "DataError")
        raw = json.loads(query["filters"]) if "filters" in query else []
        if isinstance(raw, dict):
            raw = [[k, *(v if isinstance(v, list) else ["=", v])] for k, v in raw.items()]
        conditions = []
        for condition in raw:
            if len(condition) == 4:
                if condition[0] != doctype:
                    raise _validation("Child table filters are not supported here", "DataError")
                condition = condition[1:]
            if condition[0] not in columns:
                raise _validation(f"Field not permitted in query: {condition[0]}", "DataError")
            conditions.append(condition)
        rows = [
            d
            for d in self.docs[doctype].values()
            if all(_compare(d.get(f), op, v) for f, op, v in conditions)
        ]
        for part in reversed((query.get("order_by") or "modified desc").split(",")):
            column, _, direction = part.strip().partition(" ")
            rows.sort(key=_sort_key(column), reverse=direction.strip().lower() == "desc")
        start = int(query.get("limit_start") or 0)
        length = int(query.get("limit_page_length") or 20)
        return [{f: d.get(f) for f in fields} for d in rows[start : start + length]]

    def _meta(self, doctype: str) -> Meta:
        meta = META.get(doctype)
        if meta is None:
            raise FrappeError(404, "DoesNotExistError", f"DocType {doctype} not found")
        return meta

    def read(self, doctype: str, name: str) -> dict[str, Any]:
        self._meta(doctype)
        doc = self.docs[doctype].get(name)
        if doc is None:
            raise FrappeError(404, "DoesNotExistError", f"{doctype} {name} not found")
        return doc

    def create(self, doctype: str, body: dict[str, Any]) -> dict[str, Any]:
        meta = self._meta(doctype)
        self._take_rejection()
        draft = {k: v for k, v in body.items() if k in meta.fields or k in meta.tables}
        submit = meta.submittable and int(body.get("docstatus") or 0) == 1
        self._validate(doctype, meta, draft, f"new-{doctype.lower().replace(' ', '-')}-1")
        for unique in meta.unique:
            value = draft.get(unique)
            if value and any(d.get(unique) == value for d in self.docs[doctype].values()):
                name = f"new-{doctype.lower().replace(' ', '-')}-1"  # rolled back: no number
                raise FrappeError(
                    417,
                    "UniqueValidationError",
                    "MES Event ID must be unique",
                    exception=(
                        f"('{doctype}', '{name}', IntegrityError(1062, \"Duplicate entry "
                        f"'{value}' for key '{unique}'\"))"
                    ),
                )
        if submit:
            self._on_submit(doctype, draft, f"new-{doctype.lower().replace(' ', '-')}-1")
        stored = self.insert(doctype, draft, docstatus=1 if submit else 0)
        self.created.append((doctype, stored["name"]))
        return stored

    def update(self, doctype: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        meta = self._meta(doctype)
        doc = self.read(doctype, name)
        self._take_rejection()
        changes = {k: v for k, v in body.items() if k in meta.fields or k in meta.tables}
        submit = int(body.get("docstatus") or doc["docstatus"]) == 1 and doc["docstatus"] == 0
        if doc["docstatus"] == 1 and any(doc.get(k) != v for k, v in changes.items()):
            raise _validation(
                f"Not allowed to change {', '.join(changes)} after submission",
                "UpdateAfterSubmitError",
            )
        if doc["docstatus"] == 2:
            raise _validation(f"Cannot edit cancelled document {name}", "ValidationError")
        merged = doc | changes
        self._validate(doctype, meta, merged, name)
        if submit:
            if not meta.submittable:
                raise _validation(f"{doctype} is not submittable")
            self._on_submit(doctype, merged, name)
        for key, value in changes.items():
            if key in meta.tables:
                doc[key] = [self._child(doctype, name, key, i, r) for i, r in enumerate(value)]
            else:
                doc[key] = value
        if submit:
            doc["docstatus"] = 1
        doc["modified"] = self.now()
        return doc

    def _take_rejection(self) -> None:
        if self.rejections:
            raise _validation(self.rejections.pop(0))

    def _exists(self, doctype: str, name: Any) -> bool:
        return name in self.docs[doctype]

    def _validate(self, doctype: str, meta: Meta, doc: dict[str, Any], name: str) -> None:
        missing = [f for f in meta.reqd if doc.get(f) in (None, "")]
        if missing:
            raise FrappeError(
                417,
                "MandatoryError",
                "; ".join(
                    f"Error: Value missing for {doctype}: {_label(meta, f)}" for f in missing
                ),
                exception=f"[{doctype}, {name}]: {', '.join(missing)}",
            )
        for fieldname, target in meta.links.items():
            value = doc.get(fieldname)
            if value and not self._exists(target, value):
                raise _validation(
                    f"Could not find {_label(meta, fieldname)}: {value}", "LinkValidationError"
                )
        for table, links in meta.child_links.items():
            for index, row in enumerate(doc.get(table) or []):
                for fieldname, (target, status) in links.items():
                    value = row.get(fieldname)
                    if not value or self._exists(target, value):
                        continue
                    if status == 404:
                        raise FrappeError(404, "DoesNotExistError", f"{target} {value} not found")
                    raise _validation(
                        f"Could not find Row #{index + 1}: {_label(meta, fieldname)}: {value}",
                        "LinkValidationError",
                    )
        for fieldname, options in meta.selects.items():
            value = doc.get(fieldname)
            if value and value not in options:
                raise _validation(
                    f'{_label(meta, fieldname)} cannot be "{value}". It should be one of '
                    + ", ".join(f'"{o}"' for o in options)
                )
        if doctype == "Stock Entry":
            self._validate_stock_entry(doc)
        if doctype == "Downtime Entry":
            if str(doc["to_time"]) <= str(doc["from_time"]):
                raise _validation("From Time cannot be later than To Time")
            start = datetime.fromisoformat(str(doc["from_time"]))
            end = datetime.fromisoformat(str(doc["to_time"]))
            doc["downtime"] = (end - start).total_seconds() / 60

    def _validate_stock_entry(self, doc: dict[str, Any]) -> None:
        purpose = doc.get("purpose")
        entry_type = self.docs["Stock Entry Type"].get(str(doc.get("stock_entry_type")))
        if entry_type and entry_type.get("purpose") != purpose:
            raise _validation(
                f"Purpose must be {entry_type['purpose']} for Stock Entry Type "
                f"{doc['stock_entry_type']}"
            )
        if not doc.get("items"):
            raise _validation("Items are required")
        for index, row in enumerate(doc["items"]):
            qty = row.get("qty")
            if not isinstance(qty, int | float) or qty <= 0:
                raise _validation(f"Row {index + 1}: Qty must be greater than 0")
            if purpose == "Material Issue" and not row.get("s_warehouse"):
                raise _validation(f"Source warehouse is mandatory for row {index + 1}")
            if purpose == "Material Receipt" and not row.get("t_warehouse"):
                raise _validation(f"Target warehouse is mandatory for row {index + 1}")
            if purpose == TRANSFER and not (row.get("s_warehouse") and row.get("t_warehouse")):
                raise _validation(f"Source and target warehouse are mandatory for row {index + 1}")
        if purpose in ("Manufacture", TRANSFER) and not doc.get("work_order"):
            raise _validation(f"Work Order is mandatory for a {purpose} entry")

    def _on_submit(self, doctype: str, doc: dict[str, Any], name: str) -> None:
        """What submitting does to other documents; checks first, so a refusal changes nothing."""
        if doctype != "Stock Entry":
            return
        when = f"{doc.get('posting_date', '')} {doc.get('posting_time', '')}".strip()
        for row in doc["items"]:
            source = row.get("s_warehouse")
            if source and self.on_hand(row["item_code"], source) < row["qty"]:
                raise _validation(
                    f"{row['qty'] - self.on_hand(row['item_code'], source)} units of "
                    f'<a href="/app/item/{row["item_code"]}">Item {row["item_code"]}</a> '
                    f"needed in <strong>Warehouse {source}</strong> on {when} for "
                    f"Stock Entry {name} to complete this transaction.",
                    "NegativeStockError",
                )
        order = None
        if doc.get("purpose") in ("Manufacture", TRANSFER):
            order = self.docs["Work Order"][doc["work_order"]]
            if order["docstatus"] != 1 or order["status"] in ("Stopped", "Closed", "Completed"):
                raise _validation(
                    f"Transaction not allowed against {order['status']} Work Order {order['name']}"
                )
        if doc.get("purpose") == "Manufacture":
            assert order is not None
            produced = float(order["produced_qty"] or 0) + float(doc["fg_completed_qty"])
            if produced > float(order["qty"]):
                raise _validation(
                    f"Manufactured Qty ({produced}) cannot be greater than planned quantity "
                    f"({order['qty']}) in Work Order {order['name']}",
                    "StockOverProductionError",
                )
        for row in doc["items"]:
            for warehouse, sign in ((row.get("s_warehouse"), -1), (row.get("t_warehouse"), 1)):
                if not warehouse:
                    continue
                found = self.bin(row["item_code"], warehouse) or self.insert(
                    "Bin",
                    {
                        "item_code": row["item_code"],
                        "warehouse": warehouse,
                        "actual_qty": 0.0,
                        "projected_qty": 0.0,
                    },
                )
                found["actual_qty"] = float(found["actual_qty"]) + sign * row["qty"]
                found["projected_qty"] = float(found["projected_qty"] or 0) + sign * row["qty"]
                found["modified"] = self.now()
        if order is not None and doc["purpose"] == TRANSFER:
            for row in doc["items"]:
                for need in order.get("required_items") or []:
                    if need["item_code"] == row["item_code"]:
                        need["transferred_qty"] = (
                            float(need.get("transferred_qty") or 0) + row["qty"]
                        )
                        break
            order["modified"] = self.now()
        elif order is not None:
            order["produced_qty"] = float(order["produced_qty"] or 0) + doc["fg_completed_qty"]
            done = order["produced_qty"] >= float(order["qty"])
            order["status"] = "Completed" if done else "In Process"
            order["modified"] = self.now()

    def make_stock_entry(self, args: dict[str, Any]) -> dict[str, Any]:
        order = self.read("Work Order", str(args.get("work_order_id")))
        purpose = args.get("purpose") or "Manufacture"
        qty = args.get("qty")
        qty = float(qty) if qty else float(order["qty"]) - float(order["produced_qty"] or 0)
        wip = None if order.get("skip_transfer") else order.get("wip_warehouse")
        items = [
            {
                "doctype": "Stock Entry Detail",
                "name": None,
                "item_code": row["item_code"],
                "qty": row["required_qty"] / float(order["qty"]) * qty,
                "s_warehouse": wip or row.get("source_warehouse"),
                "t_warehouse": None,
                "is_finished_item": 0,
                "conversion_factor": 1.0,
            }
            for row in order["required_items"]
        ]
        items.append(
            {
                "doctype": "Stock Entry Detail",
                "name": None,
                "item_code": order["production_item"],
                "qty": qty,
                "s_warehouse": None,
                "t_warehouse": order.get("fg_warehouse"),
                "is_finished_item": 1,
                "conversion_factor": 1.0,
            }
        )
        return {
            "doctype": "Stock Entry",
            "name": None,
            "docstatus": 0,
            "purpose": purpose,
            "stock_entry_type": purpose,
            "work_order": order["name"],
            "company": order.get("company"),
            "from_bom": 1,
            "bom_no": order.get("bom_no"),
            "use_multi_level_bom": order.get("use_multi_level_bom") or 0,
            "fg_completed_qty": qty,
            "from_warehouse": wip,
            "to_warehouse": order.get("fg_warehouse"),
            "inspection_required": 0,
            "items": items,
        }


class _Handler(BaseHTTPRequestHandler):
    erp: FakeErpNext
    server_version = "nginx"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the test output is for the tests

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def _handle(self, method: str) -> None:
        erp = self.erp
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        segments = [unquote(s) for s in parts.path.split("/") if s]
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        writes = method in ("POST", "PUT")
        lose = late = False
        page_hook = None
        try:
            with erp._lock:
                erp.requests.append((method, unquote(parts.path), query))
                if erp.failures:
                    status, retry_after = erp.failures.pop(0)
                    self._fail(status, retry_after)
                    return
                doctype = segments[2] if len(segments) > 2 and segments[1] == "resource" else None
                erp.check_auth(self.headers, doctype)
                body = json.loads(raw) if raw else {}
                answer = self._route(method, segments, query, body)
                # The faults strike after a successful commit (resource writes) or after
                # building an answer that commits nothing (method calls).
                if writes and doctype is not None and erp.lose_answers:
                    erp.lose_answers -= 1
                    lose = True
                elif writes and doctype is None and erp.lose_method_answers:
                    erp.lose_method_answers -= 1
                    lose = True
                elif writes and erp.late_answers:
                    erp.late_answers -= 1
                    late = True
                if method == "GET" and len(segments) == 3 and erp.after_list_page:
                    page_hook = erp.after_list_page
        except FrappeError as error:
            if error.exc_type == "html":
                self._send(error.status, f"<h1>{error.message}</h1>".encode(), "text/html")
            else:
                self._json(error.status, error.body(), error.headers)
            return
        if page_hook is not None and doctype is not None:
            page_hook(doctype, int(query.get("limit_start") or 0))
        if lose:
            # Committed; the answer never comes back: close without a single byte.
            self.close_connection = True
            return
        if late:
            erp._release.wait(erp.late_s)
        self._json(200, answer)

    def _route(
        self, method: str, segments: list[str], query: dict[str, str], body: dict[str, Any]
    ) -> dict[str, Any]:
        erp = self.erp
        if len(segments) >= 3 and segments[:2] == ["api", "resource"]:
            doctype = segments[2]
            name = segments[3] if len(segments) > 3 else None
            if method == "GET" and name is None:
                return {"data": erp.list(doctype, query)}
            if method == "GET" and name is not None:
                return {"data": erp.read(doctype, name)}
            if method == "POST" and name is None:
                return {"data": erp.create(doctype, body)}
            if method == "PUT" and name is not None:
                return {"data": erp.update(doctype, name, body)}
        if method == "POST" and segments == ["api", "method", MAKE_STOCK_ENTRY]:
            return {"message": erp.make_stock_entry(body)}
        raise FrappeError(404, "DoesNotExistError", f"Page {'/'.join(segments)} not found")

    def _fail(self, status: int, retry_after: float | None) -> None:
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
        if status == 429:
            error = FrappeError(429, "TooManyRequestsError", "Too Many Requests", headers=headers)
            self._json(429, error.body(), headers)
        else:
            # What nginx says when the Frappe workers are down: HTML, not JSON.
            page = f"<html><body><h1>{status} Bad Gateway</h1></body></html>".encode()
            self._send(status, page, "text/html", headers)

    def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(body, default=str).encode(), "application/json", headers)

    def _send(
        self, status: int, payload: bytes, kind: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)
