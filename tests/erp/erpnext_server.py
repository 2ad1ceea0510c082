"""A protocol-faithful ERPNext 15 stand-in: real HTTP on 127.0.0.1, documents in memory.

It answers the requests the adapter makes with the shapes Frappe uses (see
/work/shared/reference/sync-and-erp.md §3, §6 and §7), and follows ERPNext 15's own
rules for what Takt touches (erpnext/manufacturing/doctype/job_card/job_card.py,
work_order.py, stock/doctype/stock_entry/stock_entry.py, downtime_entry.json):

- `Authorization: token key:secret`; a wrong key or secret is 401 AuthenticationError,
  no credentials at all is 403 PermissionError. With `site` set, a request whose Host
  or `X-Frappe-Site-Name` does not name it is 404 "<host> does not exist".
- `GET /api/resource/<DocType>`: JSON `filters` (lists of 3, [child doctype, field, op,
  value], or a dict), JSON `fields` (a child table joined in with "`tabChild`.`field` as
  alias": one row per child row; an unknown column is 417 "Field not permitted in
  query"), `order_by` (table-qualified columns), `limit_start`, `limit_page_length`
  (default 20, 0 for all) -> `{"data": [...]}`.
- `GET /api/resource/<DocType>/<name>` -> `{"data": {... child tables ...}}`, 404
  DoesNotExistError when missing.
- `POST /api/resource/<DocType>`: fields the doctype lacks are dropped (as Frappe does);
  mandatory fields (417 MandatoryError), links (417 LinkValidationError; an unknown item
  in a child row is 404 DoesNotExistError, as seen on a real site), Select options,
  unique Custom Fields on documents and child rows (417 UniqueValidationError). Stock
  checks on submit (417 NegativeStockError: a Material Issue from a warehouse without the
  stock), over-production (417 StockOverProductionError). `docstatus: 1` inserts and
  submits at once.
- `PUT /api/resource/<DocType>/<name>`: updates (child rows naming an existing row keep
  it; a stale `modified` is 417 TimestampMismatchError); `{"docstatus": 1}` submits.
- Custom Field: `POST /api/resource/Custom Field {dt, fieldname, label, fieldtype,
  unique, no_copy}` adds the column (named "<dt>-<fieldname>"); without the reference
  field, filtering on it is 417 and writing it is silently dropped. The server starts
  with the reference fields in place unless `reference_fields=False`.
- Job Card: time logs (from before to; no overlap on the workstation, or for the same
  employee there); on save the totals and the process loss (for_quantity minus what was
  completed, once something was); submit needs time logs and completed + loss equal to
  the card's quantity, refuses a stopped order, and updates the Work Order operation's
  completed and lost quantities. `make_job_cards` does what a Work Order's submit does.
- Manufacture (make_stock_entry and the entry itself) is refused while an operation is
  not completed for the quantity ("... Please update operation status via Job Card");
  its process loss is the Job Cards' largest; the finished-goods row gets fg minus loss;
  produced_qty counts good units, the order completes at produced + loss.
  Material Transfer for Manufacture adds its `fg_completed_qty` (kept only with
  `from_bom`) to the order's material_transferred_for_manufacturing.
- `DELETE /api/resource/<DocType>/<name>` (and `delete` for a test's desk user): a
  submitted document is refused until cancelled, a linked one is 417 LinkExistsError;
  the deletion leaves a `Deleted Document` (deleted_doctype, deleted_name, restored).
- `POST /api/method/erpnext...work_order.make_stock_entry` -> `{"message": draft}`,
  an unsaved Stock Entry (`name: null`, `docstatus: 0`) that commits nothing.

Errors carry `exc_type`, `exception`, `exc` and `_server_messages` (a JSON string of a
list of JSON strings). Fault switches: lose the answer after committing, answer too
late, fail with 5xx, rate-limit with Retry-After, rotate the secret, reject the next
write, forbid a doctype, and a hook that runs between list pages. `created` records
every document made through the API, so tests can assert exactly-once.
"""

from __future__ import annotations

import builtins
import itertools
import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
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
    # table fieldname -> (child doctype, its own fields; Custom Fields come on top)
    tables: dict[str, tuple[str, set[str]]] = field(default_factory=dict)
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
# Where Takt's reference lives once `takt erp setup` has run (Custom Field docs).
REFERENCE_DOCTYPES = ("Stock Entry", "Downtime Entry", "Non Conformance", "Job Card Time Log")
CHILD = {"parent", "parenttype", "parentfield"}

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
    "Workstation": Meta(
        {"workstation_name", "workstation_type", "production_capacity"},
        _by("workstation_name"),
    ),
    "Operation": Meta({"workstation", "description"}, _given),
    "BOM": Meta(
        {"item", "quantity", "is_active", "is_default", "with_operations", "company", "uom"},
        _bom_name,
        tables={
            "items": ("BOM Item", {"item_code", "qty", "stock_qty", "uom"}),
            "operations": (
                "BOM Operation",
                {
                    "operation",
                    "workstation",
                    "time_in_mins",
                    "sequence_id",
                    "batch_size",
                    "fixed_time",
                },
            ),
        },
        submittable=True,
    ),
    "Work Order": Meta(
        {
            "production_item",
            "qty",
            "produced_qty",
            "process_loss_qty",
            "material_transferred_for_manufacturing",
            "status",
            "expected_delivery_date",
            "planned_start_date",
            "planned_end_date",
            "bom_no",
            "company",
            "wip_warehouse",
            "fg_warehouse",
            "scrap_warehouse",
            "skip_transfer",
            "transfer_material_against",
            "use_multi_level_bom",
        },
        _series("MFG-WO-2026-"),
        tables={
            "operations": (
                "Work Order Operation",
                {
                    "operation",
                    "workstation",
                    "time_in_mins",
                    "sequence_id",
                    "status",
                    "completed_qty",
                    "process_loss_qty",
                    "batch_size",
                    "fixed_time",
                },
            ),
            "required_items": (
                "Work Order Item",
                {"item_code", "required_qty", "source_warehouse", "transferred_qty"},
            ),
        },
        submittable=True,
    ),
    "Job Card": Meta(
        {
            "work_order",
            "operation",
            "operation_id",
            "workstation",
            "for_quantity",
            "total_completed_qty",
            "total_time_in_mins",
            "process_loss_qty",
            "status",
            "company",
            "production_item",
            "sequence_id",
            "posting_date",
            "remarks",
        },
        _series("PO-JOB"),
        tables={
            "time_logs": (
                "Job Card Time Log",
                {"employee", "from_time", "to_time", "time_in_mins", "completed_qty", "operation"},
            )
        },
        reqd=("work_order", "operation", "workstation", "company"),
        links={"work_order": "Work Order", "workstation": "Workstation", "company": "Company"},
        child_links={"time_logs": {"employee": ("Employee", 417)}},
        submittable=True,
        labels={"for_quantity": "Qty To Manufacture"},
    ),
    "Bin": Meta({"item_code", "warehouse", "actual_qty", "projected_qty", "reserved_qty"}, _hash),
    "Stock Entry": Meta(
        {
            "stock_entry_type",
            "purpose",
            "company",
            "work_order",
            "fg_completed_qty",
            "process_loss_qty",
            "process_loss_percentage",
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
        },
        _series("MAT-STE-2026-"),
        tables={
            "items": (
                "Stock Entry Detail",
                {
                    "item_code",
                    "qty",
                    "s_warehouse",
                    "t_warehouse",
                    "is_finished_item",
                    "uom",
                    "transfer_qty",
                    "conversion_factor",
                },
            )
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
        submittable=True,
        labels={"s_warehouse": "Source Warehouse", "t_warehouse": "Target Warehouse"},
    ),
    # ERPNext 15's downtime_entry.json: naming series DT-, `remarks` (older ones had
    # `more_details`; a field the doctype lacks is dropped without an error).
    "Downtime Entry": Meta(
        {"workstation", "operator", "from_time", "to_time", "downtime", "stop_reason", "remarks"},
        _series("DT-"),
        reqd=("workstation", "operator", "from_time", "to_time", "stop_reason"),
        links={"workstation": "Workstation", "operator": "Employee"},
        selects={"stop_reason": STOP_REASONS},
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
        },
        _series("QA-NC-"),
        reqd=("subject", "procedure", "status"),
        links={"procedure": "Quality Procedure"},
        selects={"status": ("Open", "Resolved", "Cancelled")},
    ),
    # Frappe's tombstone: one per deleted document (frappe.model.delete_doc's
    # add_to_deleted_document), readable by System Manager only.
    "Deleted Document": Meta(
        {"deleted_doctype", "deleted_name", "restored", "new_name", "data"}, _hash
    ),
    # Frappe's Custom Field: named "<dt>-<fieldname>"; adds a column to `dt`.
    "Custom Field": Meta(
        {
            "dt",
            "fieldname",
            "label",
            "fieldtype",
            "unique",
            "no_copy",
            "read_only",
            "print_hide",
            "search_index",
            "description",
            "insert_after",
            "options",
        },
        lambda _server, doc: f"{doc['dt']}-{doc['fieldname']}",
        reqd=("dt", "label", "fieldtype"),
        selects={"fieldtype": ("Data", "Int", "Float", "Check", "Link", "Small Text", "Text")},
    ),
}
# Who links to what (frappe.model.delete_doc.check_if_doc_is_linked, for what Takt
# deletes in tests): doctype -> [(linking doctype, table or None, field)].
LINKED_FROM: dict[str, list[tuple[str, str | None, str]]] = {
    "Item": [
        ("Work Order", None, "production_item"),
        ("Work Order", "required_items", "item_code"),
        ("BOM", None, "item"),
        ("BOM", "items", "item_code"),
        ("Bin", None, "item_code"),
        ("Stock Entry", "items", "item_code"),
    ],
    "Work Order": [("Job Card", None, "work_order"), ("Stock Entry", None, "work_order")],
}
CHILD_DOCTYPES = {
    child: (parent, table)
    for parent, meta in META.items()
    for table, (child, _) in meta.tables.items()
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


def _column(spec: str, doctype: str) -> tuple[str, str, str]:
    """A `fields`/`order_by` column: (doctype, fieldname, output key).

    "name", "`tabWork Order`.`name`" and "`tabWork Order Operation`.`idx` as op_idx"."""
    spec = spec.strip()
    alias = None
    lowered = spec.lower()
    if " as " in lowered:
        at = lowered.index(" as ")
        spec, alias = spec[:at].strip(), spec[at + 4 :].strip().strip("`")
    table = doctype
    if "." in spec:
        prefix, _, spec = spec.partition(".")
        prefix = prefix.strip("`")
        if not prefix.startswith("tab"):
            raise _validation(f"Field not permitted in query: {prefix}.{spec}", "DataError")
        table = prefix[3:]
    name = spec.strip("`")
    return table, name, alias or name


def _order_key(
    on_parent: bool, column: str, pair: tuple[dict[str, Any], dict[str, Any] | None]
) -> tuple[bool, Any]:
    value = (pair[0] if on_parent else (pair[1] or {})).get(column)
    return (value is not None, value if value is not None else "")


def _number(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _when(value: Any) -> datetime:
    return datetime.fromisoformat(str(value))


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (late or lost answers) is the point of those faults


class FakeErpNext:
    """The server, its documents, and the switches a test flips."""

    def __init__(
        self,
        api_key: str = "takt-api-key",
        api_secret: str = "s3cret",
        site: str | None = None,
        *,
        reference_fields: bool = True,
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
        if reference_fields:
            for doctype in REFERENCE_DOCTYPES:  # as `takt erp setup` leaves the site
                self.insert(
                    "Custom Field",
                    {
                        "dt": doctype,
                        "fieldname": REF,
                        "label": "MES Event ID",
                        "fieldtype": "Data",
                        "unique": 1,
                        "no_copy": 1,
                    },
                )
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

    # --- metadata: the doctype's own fields plus its Custom Fields --------------------

    def custom_fields(self, doctype: str) -> dict[str, dict[str, Any]]:
        return {
            str(d["fieldname"]): d for d in self.docs["Custom Field"].values() if d["dt"] == doctype
        }

    def fields_of(self, doctype: str) -> set[str]:
        if doctype in CHILD_DOCTYPES:
            parent, table = CHILD_DOCTYPES[doctype]
            own = META[parent].tables[table][1]
        else:
            own = META[doctype].fields
        return own | set(self.custom_fields(doctype))

    def _table_fields(self, doctype: str, table: str) -> set[str]:
        return self.fields_of(META[doctype].tables[table][0])

    def _unique(self, doctype: str) -> list[str]:
        return [f for f, d in self.custom_fields(doctype).items() if d.get("unique")]

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
            fields = self.fields_of(doctype)
            for key, value in doc.items():
                if key in meta.tables:
                    stored[key] = self._rows(doctype, name, key, value, [])
                elif key in fields:
                    stored[key] = value
            for table in meta.tables:
                stored.setdefault(table, [])
            self.docs[doctype][name] = stored
            return stored

    def _rows(
        self,
        parent_type: str,
        parent: str,
        table: str,
        rows: list[dict[str, Any]],
        before: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:
        """A child table as Frappe saves it: a row naming an existing row keeps its name,
        a new row gets one; fields the child doctype lacks are dropped."""
        allowed = self._table_fields(parent_type, table)
        known = {r["name"] for r in before}
        out = []
        for index, row in enumerate(rows):
            child = {k: v for k, v in row.items() if k in allowed}
            name = row.get("name") if row.get("name") in known else secrets.token_hex(5)
            out.append(
                child
                | {
                    "name": name,
                    "idx": index + 1,
                    "parent": parent,
                    "parenttype": parent_type,
                    "parentfield": table,
                }
            )
        return out

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
        if doctype in CHILD_DOCTYPES:
            parent, table = CHILD_DOCTYPES[doctype]
            return [
                row
                for d in self.docs[parent].values()
                for row in d.get(table) or []
                if row.get(REF) == reference
            ]
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

    def job_cards(self, work_order: str) -> list[dict[str, Any]]:
        return sorted(
            (c for c in self.docs["Job Card"].values() if c["work_order"] == work_order),
            key=lambda c: str(c["name"]),
        )

    def make_job_cards(self, work_order: str, batch: float | None = None) -> list[dict[str, Any]]:
        """What submitting a Work Order with operations does: one Job Card per operation
        (several when the operation's batch size splits the quantity)."""
        with self._lock:
            order = self.docs["Work Order"][work_order]
            made = []
            for row in order.get("operations") or []:
                left = _number(order["qty"])
                size = batch or _number(row.get("batch_size")) or left
                while left > 0:
                    qty = min(size, left)
                    left -= qty
                    made.append(
                        self.insert(
                            "Job Card",
                            {
                                "work_order": work_order,
                                "operation": row["operation"],
                                "operation_id": row["name"],
                                "workstation": row["workstation"],
                                "for_quantity": qty,
                                "total_completed_qty": 0.0,
                                "process_loss_qty": 0.0,
                                "status": "Open",
                                "company": order.get("company"),
                                "production_item": order.get("production_item"),
                                "sequence_id": row.get("sequence_id"),
                            },
                        )
                    )
            return made

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
        """Frappe's get_list: a child table named in `fields` or `filters` ("`tabX`.`f`",
        [X, f, op, v]) is joined in, one row per child row (a parent without children
        once, with nulls; a child filter keeps only the parents' matching rows)."""
        meta = self._meta(doctype)
        fields = json.loads(query["fields"]) if "fields" in query else ["name"]
        if fields == ["*"]:
            fields = sorted(self.fields_of(doctype) | STANDARD)
        columns = [_column(f, doctype) for f in fields]
        raw = json.loads(query["filters"]) if "filters" in query else []
        if isinstance(raw, dict):
            raw = [[k, *(v if isinstance(v, list) else ["=", v])] for k, v in raw.items()]
        conditions = [
            (c[0], c[1], c[2], c[3]) if len(c) == 4 else (doctype, c[0], c[1], c[2]) for c in raw
        ]
        orders = [
            (_column(p.strip().rpartition(" ")[0] or p.strip(), doctype), p.strip())
            for p in (query.get("order_by") or "modified desc").split(",")
        ]
        children = {t for t, _, _ in columns if t != doctype}
        children |= {t for t, *_ in conditions if t != doctype}
        children |= {t for (t, _, _), _ in orders if t != doctype}
        if len(children) > 1:
            raise _validation("One child table at a time here", "DataError")
        child = next(iter(children), None)
        table = None
        if child is not None:
            table = next((t for t, (c, _) in meta.tables.items() if c == child), None)
            if table is None:
                raise _validation(f"Field not permitted in query: `tab{child}`", "DataError")
        allowed = {doctype: self.fields_of(doctype) | STANDARD}
        if child is not None:
            allowed[child] = self.fields_of(child) | STANDARD | CHILD
        for where, name, _ in columns + [(t, f, f) for t, f, _, _ in conditions]:
            if name not in allowed.get(where, set()):
                raise _validation(f"Field not permitted in query: {name}", "DataError")
        rows: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
        for doc in self.docs[doctype].values():
            if not all(_compare(doc.get(f), op, v) for t, f, op, v in conditions if t == doctype):
                continue
            if table is None:
                rows.append((doc, None))
                continue
            mine = [
                r
                for r in doc.get(table) or []
                if all(_compare(r.get(f), op, v) for t, f, op, v in conditions if t == child)
            ]
            if any(t == child for t, *_ in conditions) and not mine:
                continue
            rows.extend((doc, r) for r in mine) if mine else rows.append((doc, None))
        for (where, column, _), part in reversed(orders):
            rows.sort(
                key=partial(_order_key, where == doctype, column),
                reverse=part.lower().endswith(" desc"),
            )
        start = int(query.get("limit_start") or 0)
        length = int(query.get("limit_page_length") or 20)
        page = rows[start : start + length] if length else rows[start:]
        return [
            {
                out: (doc if where == doctype else (row or {})).get(name)
                for where, name, out in columns
            }
            for doc, row in page
        ]

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
        fields = self.fields_of(doctype)
        draft = {k: v for k, v in body.items() if k in fields or k in meta.tables}
        for table in meta.tables:
            if table in draft:
                draft[table] = self._rows(doctype, "new", table, draft[table], [])
        new = f"new-{doctype.lower().replace(' ', '-')}-1"
        submit = meta.submittable and int(body.get("docstatus") or 0) == 1
        if doctype == "Custom Field":
            self._custom_field(draft)
        self._validate(doctype, meta, draft, new)
        self._check_unique(doctype, draft, new)
        if submit:
            self._on_submit(doctype, draft, new)
        stored = self.insert(doctype, draft, docstatus=1 if submit else 0)
        if submit:
            self._after_submit(doctype, stored)
        self.created.append((doctype, stored["name"]))
        return stored

    def update(self, doctype: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        meta = self._meta(doctype)
        doc = self.read(doctype, name)
        self._take_rejection()
        if body.get("modified") and str(body["modified"]) != str(doc["modified"]):
            raise _validation(
                f"Error: Document has been modified after you have opened it "
                f"({body['modified']}, {doc['modified']}). Please refresh to get the latest "
                "document.",
                "TimestampMismatchError",
            )
        fields = self.fields_of(doctype)
        changes = {k: v for k, v in body.items() if k in fields or k in meta.tables}
        for table in meta.tables:
            if table in changes:
                changes[table] = self._rows(doctype, name, table, changes[table], doc[table])
        submit = int(body.get("docstatus") or doc["docstatus"]) == 1 and doc["docstatus"] == 0
        if doc["docstatus"] == 1 and any(doc.get(k) != v for k, v in changes.items()):
            raise _validation(
                f"Not allowed to change {', '.join(changes)} after submission",
                "UpdateAfterSubmitError",
            )
        if doc["docstatus"] == 2:
            raise _validation(f"Cannot edit cancelled document {name}", "ValidationError")
        merged = doc | changes
        if doctype == "Custom Field":
            self._custom_field_change(merged)
        self._validate(doctype, meta, merged, name)
        self._check_unique(doctype, merged, name)
        if submit:
            if not meta.submittable:
                raise _validation(f"{doctype} is not submittable")
            self._on_submit(doctype, merged, name)
        doc.update(merged)
        if submit:
            doc["docstatus"] = 1
            self._after_submit(doctype, doc)
        doc["modified"] = self.now()
        return doc

    def delete(self, doctype: str, name: str) -> None:
        """frappe.delete_doc: a submitted document must be cancelled first, a linked one
        is refused (LinkExistsError, links from cancelled documents too); what is deleted
        leaves a Deleted Document behind."""
        with self._lock:
            doc = self.read(doctype, name)
            if doc["docstatus"] == 1:
                raise _validation(
                    f"{doctype} {name}: Submitted Record cannot be deleted. You must Cancel "
                    "it first."
                )
            for other, table, fieldname in LINKED_FROM.get(doctype, []):
                for linking in self.docs[other].values():
                    rows = linking.get(table) or [] if table else [linking]
                    if any(r.get(fieldname) == name for r in rows):
                        raise _validation(
                            f"Cannot delete or cancel because {doctype} {name} is linked with "
                            f"{other} {linking['name']}",
                            "LinkExistsError",
                        )
            del self.docs[doctype][name]
            self.insert(
                "Deleted Document",
                {
                    "deleted_doctype": doctype,
                    "deleted_name": name,
                    "restored": 0,
                    "data": json.dumps(doc, default=str),
                },
            )

    def _take_rejection(self) -> None:
        if self.rejections:
            raise _validation(self.rejections.pop(0))

    def _exists(self, doctype: str, name: Any) -> bool:
        return name in self.docs[doctype]

    def _duplicate(self, doctype: str, name: str, value: Any, fieldname: str) -> FrappeError:
        return FrappeError(
            417,
            "UniqueValidationError",
            f"{_label(Meta(set(), _given), fieldname)} must be unique"
            if fieldname != REF
            else "MES Event ID must be unique",
            exception=(
                f"('{doctype}', '{name}', IntegrityError(1062, \"Duplicate entry "
                f"'{value}' for key '{fieldname}'\"))"
            ),
        )

    def _check_unique(self, doctype: str, doc: dict[str, Any], name: str) -> None:
        """Unique custom fields: on the document, and on its child rows across all
        documents (Frappe enforces them with a unique index on the table)."""
        for fieldname in self._unique(doctype):
            value = doc.get(fieldname)
            if value and any(
                d.get(fieldname) == value and d["name"] != name for d in self.docs[doctype].values()
            ):
                raise self._duplicate(doctype, name, value, fieldname)
        meta = META[doctype]
        for table, (child, _) in meta.tables.items():
            for fieldname in self._unique(child):
                mine = [r.get(fieldname) for r in doc.get(table) or [] if r.get(fieldname)]
                if len(mine) != len(set(mine)):
                    raise self._duplicate(child, name, mine[0], fieldname)
                taken = {
                    r.get(fieldname)
                    for d in self.docs[doctype].values()
                    if d["name"] != name
                    for r in d.get(table) or []
                }
                clash = next((v for v in mine if v in taken), None)
                if clash is not None:
                    raise self._duplicate(child, name, clash, fieldname)

    def _custom_field(self, doc: dict[str, Any]) -> None:
        dt = doc.get("dt")
        if dt and dt not in META and dt not in CHILD_DOCTYPES:
            raise _validation(f"Could not find Document Type: {dt}", "LinkValidationError")
        if not doc.get("fieldname") and doc.get("label"):
            doc["fieldname"] = "custom_" + str(doc["label"]).strip().lower().replace(" ", "_")
        if dt and doc.get("fieldname") and f"{dt}-{doc['fieldname']}" in self.docs["Custom Field"]:
            raise FrappeError(
                409,
                "DuplicateEntryError",
                f"Custom Field {dt}-{doc['fieldname']} already exists",
            )
        if dt and doc.get("fieldname") in self.fields_of(dt):
            raise _validation(f"Fieldname {doc['fieldname']} already exists in {dt}")

    def _custom_field_change(self, doc: dict[str, Any]) -> None:
        if not doc.get("unique"):
            return
        values = [v for v in self._values_of(doc["dt"], doc["fieldname"]) if v]
        if len(values) != len(set(values)):
            raise _validation(
                f"Field {doc['fieldname']} in {doc['dt']} cannot be unique: it has duplicates"
            )

    def _values_of(self, doctype: str, fieldname: str) -> builtins.list[Any]:
        if doctype in CHILD_DOCTYPES:
            parent, table = CHILD_DOCTYPES[doctype]
            return [r.get(fieldname) for d in self.docs[parent].values() for r in d[table]]
        return [d.get(fieldname) for d in self.docs[doctype].values()]

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
            self._validate_stock_entry(doc, name)
        if doctype == "Job Card":
            self._validate_job_card(doc, name)
        if doctype == "Downtime Entry":
            if str(doc["to_time"]) <= str(doc["from_time"]):
                raise _validation("From Time cannot be later than To Time")
            start = datetime.fromisoformat(str(doc["from_time"]))
            end = datetime.fromisoformat(str(doc["to_time"]))
            doc["downtime"] = (end - start).total_seconds() / 60

    # --- Job Card (erpnext/manufacturing/doctype/job_card/job_card.py) -----------------

    def _validate_job_card(self, doc: dict[str, Any], name: str) -> None:
        """validate_time_logs: from before to, no overlap on the workstation (its
        production capacity; with an employee, that employee's logs there), totals."""
        total_qty = total_mins = 0.0
        capacity = int(
            _number(self.docs["Workstation"].get(doc["workstation"], {}).get("production_capacity"))
            or 1
        )
        for row in doc.get("time_logs") or []:
            if row.get("to_time") and _when(row["from_time"]) > _when(row["to_time"]):
                raise _validation(f"Row {row['idx']}: From time must be less than to time")
            if row.get("from_time") and row.get("to_time"):
                overlap = self._overlap(doc, name, row)
                if len(overlap) >= capacity:
                    raise _validation(
                        f"Row {row['idx']}: From Time and To Time of {name} is overlapping "
                        f"with {overlap[0]}",
                        "OverlapError",
                    )
                row["time_in_mins"] = (
                    _when(row["to_time"]) - _when(row["from_time"])
                ).total_seconds() / 60
                total_mins += row["time_in_mins"]
            total_qty += _number(row.get("completed_qty"))
        doc["total_completed_qty"] = round(total_qty, 6)
        doc["total_time_in_mins"] = total_mins
        # before_save: set_process_loss (only once something was completed).
        done, planned = doc["total_completed_qty"], _number(doc.get("for_quantity"))
        doc["process_loss_qty"] = round(planned - done, 6) if done and planned > done else 0.0
        doc["status"] = "Work In Progress" if doc.get("time_logs") else "Open"

    def _overlap(self, doc: dict[str, Any], name: str, row: dict[str, Any]) -> builtins.list[str]:
        start, end = _when(row["from_time"]), _when(row["to_time"])
        found = []
        for other in self.docs["Job Card"].values():
            if other["name"] == name or other["docstatus"] == 2:
                continue
            if other["workstation"] != doc["workstation"]:
                continue
            for log in other.get("time_logs") or []:
                if row.get("employee") and log.get("employee") != row["employee"]:
                    continue
                if not (log.get("from_time") and log.get("to_time")):
                    continue
                a, b = _when(log["from_time"]), _when(log["to_time"])
                if (a < start < b) or (a < end < b) or (a >= start and b <= end and a < b):
                    found.append(str(other["name"]))
        return found

    def _submit_job_card(self, doc: dict[str, Any], name: str) -> None:
        order = self.docs["Work Order"].get(doc["work_order"])
        if order is not None and order["status"] in ("Stopped", "Closed"):
            raise _validation(
                f"Transaction not allowed against {order['status'].lower()} Work Order "
                f"{order['name']}"
            )
        if not doc.get("time_logs"):
            raise _validation(f"Time logs are required for Job Card {name}")
        total = round(_number(doc["total_completed_qty"]) + _number(doc["process_loss_qty"]), 6)
        if doc.get("for_quantity") and total != _number(doc["for_quantity"]):
            raise _validation(
                f"The Total Completed Qty ({total}) must be equal to Qty to Manufacture "
                f"({doc['for_quantity']})"
            )

    def _after_submit(self, doctype: str, doc: dict[str, Any]) -> None:
        if doctype != "Job Card":
            return
        order = self.docs["Work Order"][doc["work_order"]]
        cards = [
            c
            for c in self.docs["Job Card"].values()
            if c["operation_id"] == doc["operation_id"] and c["docstatus"] == 1
        ]
        for row in order["operations"]:
            if row["name"] == doc["operation_id"]:
                row["completed_qty"] = sum(_number(c["total_completed_qty"]) for c in cards)
                row["process_loss_qty"] = sum(_number(c["process_loss_qty"]) for c in cards)
                done = row["completed_qty"] + row["process_loss_qty"]
                row["status"] = "Completed" if done >= _number(order["qty"]) else "Work in Progress"
        doc["status"] = "Completed"
        order["modified"] = self.now()

    # --- Stock Entry (erpnext/stock/doctype/stock_entry/stock_entry.py) ----------------

    def _validate_stock_entry(self, doc: dict[str, Any], name: str) -> None:
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
            if purpose in (TRANSFER, "Material Transfer") and not (
                row.get("s_warehouse") and row.get("t_warehouse")
            ):
                raise _validation(f"Source and target warehouse are mandatory for row {index + 1}")
        if purpose in ("Manufacture", TRANSFER) and not doc.get("work_order"):
            raise _validation(f"Work Order is mandatory for a {purpose} entry")
        if not doc.get("from_bom"):
            doc["fg_completed_qty"] = 0.0  # validate(): only a BOM-based entry keeps it
        if purpose == "Manufacture":
            order = self.docs["Work Order"][doc["work_order"]]
            if not _number(doc.get("fg_completed_qty")):
                raise _validation("For Quantity (Manufactured Qty) is mandatory")
            self._operations_completed(order, _number(doc["fg_completed_qty"]))
            self._process_loss(order, doc)
            good = round(_number(doc["fg_completed_qty"]) - _number(doc["process_loss_qty"]), 6)
            made = sum(r["qty"] for r in doc["items"] if r.get("is_finished_item"))
            if round(made, 6) != good:
                raise _validation(
                    f"The finished product {order['production_item']} quantity {made} and For "
                    f"Quantity {doc['fg_completed_qty']} cannot be different"
                )

    def _operations_completed(self, order: dict[str, Any], fg_qty: float) -> None:
        """check_if_operations_completed: every operation done for what is manufactured."""
        for row in order.get("operations") or []:
            total = fg_qty + _number(order.get("produced_qty"))
            done = _number(row.get("completed_qty")) + _number(row.get("process_loss_qty"))
            if total > done:
                card = next(
                    (c for c in self.job_cards(order["name"]) if c["operation_id"] == row["name"]),
                    None,
                )
                if card is None:
                    raise _validation(
                        f"Work Order {order['name']}: Job Card not found for the operation "
                        f"{row['operation']}"
                    )
                raise _validation(
                    f"Row #{row['idx']}: Operation {row['operation']} is not completed for "
                    f"{total} qty in finished goods against Work Order {order['name']}. Please "
                    f"update operation status via Job Card {card['name']}.",
                    "OperationsNotCompleteError",
                )

    @staticmethod
    def _process_loss(order: dict[str, Any], doc: dict[str, Any]) -> None:
        """set_process_loss_qty: with operations, the Job Cards' (largest) process loss."""
        if order.get("operations"):
            doc["process_loss_qty"] = max(
                _number(r.get("process_loss_qty")) for r in order["operations"]
            )
        doc["process_loss_qty"] = _number(doc.get("process_loss_qty"))

    def _on_submit(self, doctype: str, doc: dict[str, Any], name: str) -> None:
        """What submitting does to other documents; checks first, so a refusal changes nothing."""
        if doctype == "Job Card":
            self._submit_job_card(doc, name)
            return
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
        planned = _number(order["qty"]) if order is not None else 0.0
        if doc.get("purpose") == "Manufacture":
            assert order is not None
            good = _number(doc["fg_completed_qty"]) - _number(doc.get("process_loss_qty"))
            produced = round(_number(order["produced_qty"]) + good, 6)
            if produced > planned:
                raise _validation(
                    f"Manufactured Qty ({produced}) cannot be greater than planned quantity "
                    f"({order['qty']}) in Work Order {order['name']}",
                    "StockOverProductionError",
                )
        if doc.get("purpose") == TRANSFER:
            assert order is not None
            moved = round(
                _number(order.get("material_transferred_for_manufacturing"))
                + _number(doc.get("fg_completed_qty")),
                6,
            )
            if moved > planned:
                raise _validation(
                    f"Material Transferred for Manufacturing ({moved}) cannot be greater than "
                    f"planned quantity ({order['qty']}) in Work Order {order['name']}",
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
            order["material_transferred_for_manufacturing"] = round(
                _number(order.get("material_transferred_for_manufacturing"))
                + _number(doc.get("fg_completed_qty")),
                6,
            )
            if order["status"] == "Not Started" and order["material_transferred_for_manufacturing"]:
                order["status"] = "In Process"
            order["modified"] = self.now()
        elif order is not None:
            loss = _number(doc.get("process_loss_qty"))
            order["produced_qty"] = round(
                _number(order["produced_qty"]) + _number(doc["fg_completed_qty"]) - loss, 6
            )
            order["process_loss_qty"] = round(_number(order.get("process_loss_qty")) + loss, 6)
            done = order["produced_qty"] + order["process_loss_qty"] >= planned
            order["status"] = "Completed" if done else "In Process"
            order["modified"] = self.now()

    def make_stock_entry(self, args: dict[str, Any]) -> dict[str, Any]:
        """work_order.make_stock_entry: an unsaved draft. For Manufacture, get_items runs
        validate_work_order first (so unfinished operations refuse it here already) and
        takes the process loss from the Job Cards."""
        order = self.read("Work Order", str(args.get("work_order_id")))
        purpose = args.get("purpose") or "Manufacture"
        qty = args.get("qty")
        qty = float(qty) if qty else float(order["qty"]) - float(order["produced_qty"] or 0)
        loss = 0.0
        if purpose == "Manufacture":
            self._operations_completed(order, qty)
            probe: dict[str, Any] = {}
            self._process_loss(order, probe)
            loss = probe["process_loss_qty"]
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
                "qty": round(qty - loss, 6),
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
            "process_loss_qty": loss,
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

    def do_DELETE(self) -> None:
        self._handle("DELETE")

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
            if method == "DELETE" and name is not None:
                erp.delete(doctype, name)
                return {"message": "ok"}  # Frappe answers 202 here; 200 reads the same
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
