"""Odoo: read the plan and master data, write back what happened, each posting once.

Two transports, one adapter: JSON-RPC `execute_kw` for Odoo 17/18 (`/jsonrpc`, errors
as HTTP 200 with an `error` member) and JSON-2 for Odoo 19+ (`/json/2/<model>/<method>`,
bearer API key, errors as 4xx/5xx). Both run one ORM method per call, and each call is
one database transaction; nothing here can chain two calls atomically.

Idempotency. The record made for a posting carries the external id
`takt.evt_<reference>`; it is created with `<model>.load`, which writes the record and
its `ir.model.data` row in one transaction (a separate `ir.model.data.create` would be a
second transaction, and needs the Settings right). `find` looks the external id up; when
the record exists but the step after it (validate, finish, block) may not have run, it
runs that step, which is written to be safe to repeat. `post` calls `find` first, so a
blind retry after an unknown outcome never makes a second record.

What each kind becomes, and the data it reads (`Posting.data`):

- CONFIRMATION {work_order, operation_seq, work_center, good, scrap, final, minutes?}:
  a closed `mrp.workcenter.productivity` time log (productive loss) on the work order's
  `mrp.workorder`, carrying the external id and, in its description, the quantities.
  The work order's `qty_produced` is then set to the sum of good quantities over all of
  Takt's logs on it (an absolute value: repeating it cannot count twice), and a final
  confirmation calls `button_finish` (which keeps a non-zero `qty_produced`). Community
  has no quantity field on a time log, hence the description. `qty_producing` is not
  written on a work order: it mirrors the manufacturing order's, so it is not per
  operation. When a final confirmation leaves no work order of the manufacturing order
  open (Odoo has it "to close"), the order is marked done: `qty_producing` set to what
  was made (the last operation's good quantity plus every unit Takt reported scrapped
  on the way, which Odoo scraps from stock once made), component moves Takt did not
  issue to set as the BOM says for that quantity and `picked`, then `button_mark_done`
  with the backorder wizard answered in advance by the context (`skip_backorder`; with
  the `backorder` option, `mo_ids_to_backorder` too: Odoo then renames the order
  "<name>-001" and makes "<name>-002" of the rest). Another wizard (consumption) is a
  refusal with its name: a person finishes the order in Odoo, and a retry finds it done.
- DOWNTIME {work_center, reason?, started_at?, ended_at?, start_reference?}: an
  `mrp.workcenter.productivity` log with a loss of that name (else the first
  availability loss), then `button_block` while the stop is open. The log names no work
  order, as Odoo's own block wizard does: `button_block` ends every open log of the work
  center's work orders, which would end the stop at once. The end of a stop posted
  earlier (`start_reference`) writes `date_end` on that log; `mrp.workcenter.unblock`
  is not used because it closes every open log with Odoo's clock, not Takt's end time.
- SCRAP {item, qty, work_order?, warehouse?}: `stock.scrap`, then `action_validate`
  only while the scrap is draft (a second call scraps again). When Odoo asks a person
  to confirm (too little stock) the posting is rejected with that reason. Odoo scraps
  an order's own product only once the order is done ("the finished product cannot be
  scrapped before it has been manufactured", Odoo's manufacturing documentation): such
  a scrap is made on the order, from the order's finished-products location, and stays
  draft until Takt marks the order done, which validates it. (An order a person marks
  done in Odoo leaves those drafts for a person to validate.) A component's scrap is
  taken from where the order takes its components (Odoo sets that location itself).
- GOODS_ISSUE to a manufacturing order {work_order, item, qty, lot?}: a detailed
  operation (`stock.move.line`, picked) on the order's open component move of that
  product, with the lot when Odoo knows it; the order consumes it when done.
- GOODS_ISSUE without an order, GOODS_RECEIPT {item, qty, warehouse?}: a `stock.picking`
  of the warehouse's internal type with one move between the warehouse stock and the
  production location (virtual), then `action_confirm`, quantity set and `picked`, and
  `button_validate`. Odoo has no public method to finish a bare `stock.move`
  (`_action_done` is private) and `stock.scrap` would book the goods as waste; the
  picking is the documented document for a move. Field names are Odoo 17+
  (`move_ids`, `quantity`, `picked`).
- QUALITY_HOLD / NONCONFORMANCE {reason, item?, work_order?, work_center?} and
  QUALITY_RELEASE {hold_reference}: `quality.alert` of the Quality app, which is Odoo
  Enterprise and unverified here (fields `title`, `description`, `product_id`,
  `production_id`, `workcenter_id`, `stage_id`; stage flag `done`). Without that model
  the posting is rejected as not supported by this Odoo: a person records it by hand.
  A release moves the hold's alert to the first `done` stage; it is found by that state.

Import. The cursor (`Cursor`, kept in the importer's high-water string) is the newest
`write_date` read, inclusive, plus the records already read at that instant: Odoo keeps
`write_date` to the microsecond but reads it to the second, so an exclusive cursor
skips what is written later in that second, and an inclusive one without the list
reads the same records at every run. `lookback_s` (default 0) widens that instant for
an Odoo whose transactions run long (Odoo stamps `write_date` with the transaction's
start, so a long one commits rows dated before a cursor already handed out): the
records read in that window are listed too, so they are not read again. Every model is
read up to one bound fixed before the first read, paged by id (an offset would skip a
row when an earlier one is modified mid-import). A first import brings open orders;
later ones also the orders done or cancelled since, with their `state`. An order's
operations are its own work orders, with Odoo's expected duration divided by their
quantity; a BOM's routing gives `time_cycle` per unit made: divided by the work
center's `default_capacity` in Odoo 17, by the BOM's quantity in Odoo 18+ (where that
field is gone). Work centers without a code go by their name. Every record that does
not fit is reported as `bad`.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import requests

from sync.erp.base import (
    BadRecord,
    ErpAuthError,
    ErpError,
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

Transport = Literal["jsonrpc", "json2"]

ODOO_TIME = "%Y-%m-%d %H:%M:%S"  # Odoo's datetime strings: naive, UTC
MODULE = "takt"  # the module part of Takt's external ids
# `load` converts datetimes from the user's time zone unless the context names one;
# Takt sends UTC, so it says so.
CONTEXT = {"tz": "UTC"}
OPEN_PRODUCTION = ["confirmed", "progress", "to_close"]
# An order's state in Odoo as the importer's ORDER_STATES say it ("to_close": every
# operation is done but the order is not marked done yet; still Takt's to finish).
ORDER_STATE = {
    "confirmed": "released",
    "progress": "released",
    "to_close": "released",
    "done": "completed",
    "cancel": "cancelled",
}
_PRODUCTION_REF = re.compile(r"^mrp\.production,(\d+)$")
# Archived records are read too where Takt must learn that they were archived.
ALL_RECORDS = {"active_test": False}
READ_ONLY = frozenset({"search_read", "search", "search_count", "read", "fields_get"})
CONFIRMATION_NOTE = re.compile(
    r"^Takt (?P<ref>\S+): good (?P<good>[0-9.eE+-]+), scrap (?P<scrap>[0-9.eE+-]+)"
    r"(?P<final>, final)?"
)
NO_QUALITY_APP = (
    "{kind} is not supported by this Odoo: it has no quality.alert model (the Quality "
    "app of Odoo Enterprise). Record it in Odoo by hand."
)


@dataclass(frozen=True)
class _Confirmed:
    """What one of Takt's confirmation time logs says (its description)."""

    workorder_id: int | None
    good: float
    scrap: float


def xmlid_name(reference: str) -> str:
    """The external id's name: letters, digits and '_' (a '.' would split the module)."""
    return "evt_" + re.sub(r"[^A-Za-z0-9_]", "_", reference)


def _odoo_time(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime(ODOO_TIME)


def _parse_time(value: Any) -> datetime | None:
    """An aware datetime from Takt's data (ISO string or datetime), or None."""
    if value in (None, "", False):
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _as_utc(odoo_time: str) -> datetime:
    return datetime.strptime(odoo_time[:19], ODOO_TIME).replace(tzinfo=UTC)


def _iso(odoo_time: Any) -> str | None:
    if not odoo_time:
        return None
    return datetime.strptime(odoo_time, ODOO_TIME).replace(tzinfo=UTC).isoformat()


def production_id(ref: Any) -> int | None:
    """The id in Takt's reference of an imported order ("mrp.production,17"), if any."""
    match = _PRODUCTION_REF.match(str(ref or ""))
    return int(match[1]) if match else None


def _ref_id(model: str, ref: Any) -> int | None:
    """The id in a reference "<model>,<id>" (how Takt keys Odoo's BOMs), if it is one."""
    head, _, tail = str(ref or "").partition(",")
    return int(tail) if head == model and tail.isdigit() else None


def _id(many2one: Any) -> int | None:
    """Odoo reads a many2one as [id, display name], or False when empty."""
    return int(many2one[0]) if many2one else None


def _ids(values: Iterable[int | None]) -> list[int]:
    return sorted({v for v in values if v is not None})


def _label(many2one: Any) -> str:
    return str(many2one[1]) if many2one else ""


def _cell(value: Any) -> str:
    """`load` takes the import file's cells: text, with datetimes in Odoo's format."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return _odoo_time(value)
    return str(value)


def _wizard(result: Any) -> str:
    if isinstance(result, dict) and result.get("res_model"):
        return f"Odoo opened {result['res_model']} for a person to confirm"
    return f"Odoo answered {result!r}"


class OdooAdapter:
    name = "odoo"
    confirms_each_operation = True  # every operation is an mrp.workorder of its own

    def __init__(
        self,
        base_url: str,
        database: str,
        api_key: str,
        *,
        protocol: Transport = "json2",
        login: str | None = None,
        uid: int | None = None,
        timeout_s: float = 10.0,
        page_size: int = 500,
        lookback_s: float = 0.0,
        backorder: bool = False,
    ) -> None:
        if protocol == "jsonrpc" and uid is None and not login:
            raise ValueError("JSON-RPC needs the user's id (uid) or login")
        self.base_url = base_url.rstrip("/")
        self.database = database
        self.api_key = api_key
        self.protocol = protocol
        self.login = login
        self.uid = uid
        self.timeout_s = timeout_s
        self.page_size = page_size
        self.lookback_s = lookback_s
        self.backorder = backorder
        self._http = requests.Session()
        self._request_ids = itertools.count(1)
        self._quality_fields: set[str] | None = None
        self._quality_checked = False
        self._center_fields: set[str] | None = None

    def close(self) -> None:
        self._http.close()

    # --- transport -------------------------------------------------------------------------

    def call(
        self,
        model: str,
        method: str,
        ids: list[int] | None = None,
        *,
        context: dict[str, Any] | None = None,
        **params: Any,
    ) -> Any:
        """One ORM method, named parameters; `ids` for methods on records; `context`
        adds to Takt's (a wizard's answer, given in advance)."""
        what = f"{model}.{method}"
        writes = method not in READ_ONLY
        full_context = CONTEXT | (context or {})
        if self.protocol == "json2":
            body: dict[str, Any] = dict(params) | {"context": full_context}
            if ids is not None:
                body["ids"] = ids
            headers = {
                "Authorization": f"bearer {self.api_key}",
                "X-Odoo-Database": self.database,
                "User-Agent": "Takt",
            }
            url = f"{self.base_url}/json/2/{model}/{method}"
            return self._json2_result(self._post(url, body, headers, writes, what), writes, what)
        args: list[Any] = [ids] if ids is not None else []
        kwargs = dict(params) | {"context": full_context}
        db_args = [self.database, self._uid(), self.api_key, model, method, args, kwargs]
        return self._rpc("object", "execute_kw", db_args, writes, what)

    def _uid(self) -> int:
        if self.uid is None:
            assert self.login is not None
            uid = self._rpc(
                "common", "login", [self.database, self.login, self.api_key], False, "login"
            )
            if not uid:
                raise ErpAuthError(f"Odoo refused the login {self.login!r} with this API key")
            self.uid = int(uid)
        return self.uid

    def _rpc(self, service: str, method: str, args: list[Any], writes: bool, what: str) -> Any:
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
            "id": next(self._request_ids),
        }
        response = self._post(f"{self.base_url}/jsonrpc", payload, {}, writes, what)
        if response.status_code in (401, 403):
            raise ErpAuthError(f"Odoo answered {response.status_code} to {what}")
        if response.status_code >= 400:
            raise ErpRejected(
                f"Odoo answered {response.status_code} to {what}: {response.text[:300]}"
            )
        body = self._json(response, writes, what)
        if not isinstance(body, dict):
            raise self._garbled(writes, what, "not a JSON-RPC answer")
        error = body.get("error")
        if error:
            raise self._rpc_error(error, what)
        return body.get("result")

    def _post(
        self, url: str, body: dict[str, Any], headers: dict[str, str], writes: bool, what: str
    ) -> requests.Response:
        try:
            response = self._http.post(
                url, json=body, headers=headers, timeout=(min(5.0, self.timeout_s), self.timeout_s)
            )
        except requests.RequestException as error:
            if not writes or never_sent(error):
                raise ErpUnavailable(
                    f"no answer from Odoo at {self.base_url} to {what}: {error}"
                ) from None
            raise ErpOutcomeUnknown(
                f"{what} was sent to Odoo but no answer came ({error}); it may have been applied"
            ) from None
        status = response.status_code
        if status >= 500 or status in (408, 429):
            raise ErpUnavailable(
                f"Odoo answered {status} to {what}: {self._message(response)}",
                retry_after(response),
            )
        return response

    def _json(self, response: requests.Response, writes: bool, what: str) -> Any:
        try:
            return response.json()
        except ValueError:
            raise self._garbled(writes, what, response.text[:200]) from None

    @staticmethod
    def _garbled(writes: bool, what: str, detail: str) -> ErpError:
        # A 200 that is not Odoo's answer (a proxy page): a write may still have committed.
        message = f"Odoo's answer to {what} could not be read: {detail}"
        return ErpOutcomeUnknown(message) if writes else ErpUnavailable(message)

    @staticmethod
    def _message(response: requests.Response) -> str:
        try:
            body = response.json()
        except ValueError:
            return response.text[:300]
        if isinstance(body, dict):
            return str(body.get("message") or body.get("name") or body)
        return str(body)

    @staticmethod
    def _rpc_error(error: dict[str, Any], what: str) -> ErpError:
        data = error.get("data") or {}
        name = str(data.get("name") or "")
        message = str(data.get("message") or error.get("message") or "Odoo Server Error")
        kind = name.rsplit(".", 1)[-1]
        if kind in ("AccessDenied", "AccessError") or error.get("code") == 100:
            return ErpAuthError(message)
        if name.startswith("psycopg2") and kind in (
            "SerializationFailure",
            "LockNotAvailable",
            "OperationalError",
        ):
            # Odoo retries these itself; one that escapes is still a passing conflict.
            return ErpUnavailable(f"{what}: {message}")
        if kind in ("ValidationError", "UserError", "MissingError", "RedirectWarning"):
            return ErpRejected(message)
        # Any other exception rolled the call back and will recur: a person must look.
        return ErpRejected(f"{what} failed in Odoo ({name}): {message}")

    def _json2_result(self, response: requests.Response, writes: bool, what: str) -> Any:
        status = response.status_code
        if status == 200:
            return self._json(response, writes, what)
        message = self._message(response)
        if status in (401, 403):
            raise ErpAuthError(message)
        # 400 unreadable request, 404 unknown model/method/record, 422 UserError,
        # ValidationError or wrong parameters: all definitive.
        raise ErpRejected(f"{message} ({what}, HTTP {status})")

    # --- small ORM helpers -------------------------------------------------------------

    def _search_read(
        self,
        model: str,
        domain: list[Any],
        fields: list[str],
        *,
        order: str | None = None,
        limit: int | None = None,
        context: dict[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"domain": domain, "fields": fields}
        if order:
            params["order"] = order
        if limit:
            params["limit"] = limit
        rows: list[dict[str, Any]] = self.call(model, "search_read", context=context, **params)
        return rows

    def _read(self, model: str, ids: list[int], fields: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        rows: list[dict[str, Any]] = self.call(model, "read", ids, fields=fields)
        return rows

    def _codes(self, model: str, ids: Iterable[int | None], field: str) -> dict[int | None, Any]:
        """`field` of the given records by id (False read as None), in chunks."""
        wanted = _ids(ids)
        found: dict[int | None, Any] = {}
        for start in range(0, len(wanted), self.page_size):
            for row in self._read(model, wanted[start : start + self.page_size], [field]):
                found[row["id"]] = row[field] or None
        return found

    def _one(self, model: str, domain: list[Any], fields: list[str], what: str) -> dict[str, Any]:
        rows = self._search_read(model, domain, fields, order="id", limit=2)
        if not rows:
            raise ErpRejected(f"{what} was not found in Odoo ({model})")
        if len(rows) > 1:
            raise ErpRejected(f"{what} is ambiguous in Odoo: more than one {model} matches")
        return rows[0]

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

    # --- find and post -----------------------------------------------------------------

    def find(self, posting: Posting) -> Posted | None:
        kind = posting.kind
        if kind is PostingKind.QUALITY_RELEASE:
            return self._find_release(posting)
        if kind is PostingKind.DOWNTIME:
            found_end = self._find_downtime_end(posting)
            if found_end is not None:
                return found_end
        anchor = self._anchor(posting.reference)
        if anchor is None:
            return None
        model, res_id = anchor
        # The record exists; the step after it may not have run. Each step below is safe
        # to repeat.
        if kind is PostingKind.CONFIRMATION:
            self._apply_confirmation(res_id)
        elif kind is PostingKind.DOWNTIME:
            self._block_if_open(res_id)
        elif kind is PostingKind.SCRAP:
            self._settle_scrap(res_id)
        elif model == "stock.move.line":
            self._mark_picked(res_id)
        elif kind in (PostingKind.GOODS_ISSUE, PostingKind.GOODS_RECEIPT):
            self._validate_picking(res_id)
        log.info("odoo: %s %s was already posted as %s,%d", kind, posting.reference, model, res_id)
        return Posted(f"{model},{res_id}", already=True)

    def post(self, posting: Posting) -> Posted:
        found = self.find(posting)
        if found is not None:
            return found
        kind = posting.kind
        if kind is PostingKind.CONFIRMATION:
            posted = self._post_confirmation(posting)
        elif kind is PostingKind.DOWNTIME:
            posted = self._post_downtime(posting)
        elif kind is PostingKind.SCRAP:
            posted = self._post_scrap(posting)
        elif kind in (PostingKind.GOODS_ISSUE, PostingKind.GOODS_RECEIPT):
            posted = self._post_goods(posting)
        elif kind in (PostingKind.QUALITY_HOLD, PostingKind.NONCONFORMANCE):
            posted = self._post_alert(posting)
        elif kind is PostingKind.QUALITY_RELEASE:
            posted = self._post_release(posting)
        else:  # pragma: no cover - every kind is handled above
            raise ErpRejected(f"{kind} is not supported by the Odoo adapter")
        log.info("odoo: posted %s %s as %s", kind, posting.reference, posted.document)
        return posted

    # --- confirmation ------------------------------------------------------------------

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

    def _loss(self, domain: list[Any], what: str) -> int:
        rows = self._search_read(
            "mrp.workcenter.productivity.loss", domain, ["name"], order="sequence, id", limit=1
        )
        if not rows:
            raise ErpRejected(f"Odoo has no {what} (mrp.workcenter.productivity.loss)")
        return int(rows[0]["id"])

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

    # --- downtime ----------------------------------------------------------------------

    def _find_downtime_end(self, posting: Posting) -> Posted | None:
        start_ref = posting.data.get("start_reference")
        if not start_ref or _parse_time(posting.data.get("ended_at")) is None:
            return None
        start = self._anchor(str(start_ref))
        if start is None:
            return None
        (stop,) = self._read(start[0], [start[1]], ["date_end"])
        return Posted(f"{start[0]},{start[1]}", already=True) if stop["date_end"] else None

    def _post_downtime(self, posting: Posting) -> Posted:
        data = posting.data
        ended = _parse_time(data.get("ended_at"))
        start_ref = data.get("start_reference")
        if start_ref and ended is not None:
            start = self._anchor(str(start_ref))
            if start is not None:
                self.call(start[0], "write", [start[1]], vals={"date_end": _odoo_time(ended)})
                return Posted(f"{start[0]},{start[1]}")
            # The start never reached Odoo: the whole stop goes in as one closed log.
        center = self._work_center(data.get("work_center"))
        reason = str(data.get("reason") or "")
        named = reason and self._search_read(
            "mrp.workcenter.productivity.loss", [["name", "=", reason]], ["name"], limit=1
        )
        loss = (
            int(named[0]["id"])
            if named
            else self._loss([["loss_type", "=", "availability"]], "availability loss")
        )
        started = _parse_time(data.get("started_at")) or posting.occurred_at
        note = f"Takt {posting.reference}: {reason or 'machine stop'}"
        if data.get("work_order"):
            note += f" during {data['work_order']}"
        log_id = self._load(
            "mrp.workcenter.productivity",
            {
                "id": f"{MODULE}.{xmlid_name(posting.reference)}",
                "workcenter_id/.id": center["id"],
                "loss_id/.id": loss,
                "date_start": started,
                "date_end": ended,
                "description": note,
            },
        )
        self._block_if_open(log_id)
        return Posted(f"mrp.workcenter.productivity,{log_id}")

    def _block_if_open(self, log_id: int) -> None:
        (stop,) = self._read("mrp.workcenter.productivity", [log_id], ["date_end"])
        if not stop["date_end"]:
            # Ends the work orders' running timers on the work center; a repeat finds
            # none running and changes nothing.
            self.call("mrp.workcenter.productivity", "button_block", [log_id])

    # --- scrap, goods movements --------------------------------------------------------

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

    # --- quality (Enterprise) ----------------------------------------------------------

    def _alert_fields(self, kind: PostingKind) -> set[str]:
        if not self._quality_checked:
            present = self._search_read("ir.model", [["model", "=", "quality.alert"]], ["model"])
            if present:
                self._quality_fields = set(self.call("quality.alert", "fields_get"))
            self._quality_checked = True
        if self._quality_fields is None:
            raise ErpRejected(NO_QUALITY_APP.format(kind=kind.value))
        return self._quality_fields

    def _post_alert(self, posting: Posting) -> Posted:
        fields = self._alert_fields(posting.kind)
        data = posting.data
        label = "Quality hold" if posting.kind is PostingKind.QUALITY_HOLD else "Nonconformance"
        reason = str(data.get("reason") or data.get("description") or "")
        columns: dict[str, Any] = {
            "id": f"{MODULE}.{xmlid_name(posting.reference)}",
            "title": f"{label}: {reason}"[:100],
            "description": f"Takt {posting.reference}: {reason}",
        }
        if data.get("item") and "product_id" in fields:
            columns["product_id/.id"] = self._product(data["item"])["id"]
        if data.get("work_order") and "production_id" in fields:
            columns["production_id/.id"] = self._production(data)["id"]
        if data.get("work_center") and "workcenter_id" in fields:
            columns["workcenter_id/.id"] = self._work_center(data["work_center"])["id"]
        alert_id = self._load("quality.alert", columns)
        return Posted(f"quality.alert,{alert_id}")

    def _done_stages(self) -> list[int]:
        rows = self._search_read(
            "quality.alert.stage", [["done", "=", True]], ["name"], order="sequence, id"
        )
        return [int(r["id"]) for r in rows]

    def _hold_alert(self, posting: Posting) -> int | None:
        hold = posting.data.get("hold_reference")
        anchor = self._anchor(str(hold)) if hold else None
        return anchor[1] if anchor and anchor[0] == "quality.alert" else None

    def _find_release(self, posting: Posting) -> Posted | None:
        self._alert_fields(posting.kind)
        alert_id = self._hold_alert(posting)
        if alert_id is None:
            return None
        (alert,) = self._read("quality.alert", [alert_id], ["stage_id"])
        if _id(alert["stage_id"]) in self._done_stages():
            return Posted(f"quality.alert,{alert_id}", already=True)
        return None

    def _post_release(self, posting: Posting) -> Posted:
        alert_id = self._hold_alert(posting)
        if alert_id is None:
            raise ErpRejected(
                f"the hold {posting.data.get('hold_reference')} was never posted to Odoo; "
                "post it first"
            )
        stages = self._done_stages()
        if not stages:
            raise ErpRejected("Odoo has no quality alert stage marked done")
        self.call("quality.alert", "write", [alert_id], vals={"stage_id": stages[0]})
        return Posted(f"quality.alert,{alert_id}")

    # --- import --------------------------------------------------------------------------

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

    def _center_codes(self, ids: Iterable[int | None]) -> dict[int | None, str]:
        """Takt's code of each work center: Odoo's code, else its name (spaces and all)."""
        wanted = _ids(ids)
        found: dict[int | None, str] = {}
        for start in range(0, len(wanted), self.page_size):
            for row in self._read(
                "mrp.workcenter", wanted[start : start + self.page_size], ["code", "name"]
            ):
                found[row["id"]] = str(row["code"] or row["name"] or "").strip()
        return found

    def _workcenter_fields(self) -> set[str]:
        if self._center_fields is None:
            self._center_fields = set(
                self.call("mrp.workcenter", "fields_get", attributes=["type"])
            )
        return self._center_fields


# --- the import cursor -----------------------------------------------------------------

# Each model's records carry a one-letter tag in the cursor: "m17" is mrp.production 17.
TAGS = {
    "product.product": "p",
    "mrp.workcenter": "w",
    "mrp.bom": "b",
    "mrp.bom.line": "l",
    "mrp.routing.workcenter": "o",
    "mrp.production": "m",
    "stock.quant": "q",
}
HIGH_WATER_MAX = 64  # what Takt's erp.import_completed event keeps of it
_TAG_GROUP = re.compile(r"([a-z])([0-9.\-]+)")
_TAG_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


@dataclass(frozen=True)
class Cursor:
    """Where an Odoo import stopped: the newest `write_date` it read (`at`, Odoo's own
    one-second text), and the records it already read whose `write_date` reads as `at`
    or up to `lookback_s` before it (`seen`; or only their `digest` when the list does
    not fit in the high-water string).

    Odoo keeps `write_date` to the microsecond but reads it out to the second, so a
    cursor on the read value must be inclusive (`>=`): an exclusive one skips what was
    written later in that same second. The seen records are what keeps an inclusive
    cursor from reading them again and again.

    Text form: "2026-12-07 10:00:00|m1-8.12p3" (a model's letter, then its ids as
    ranges joined by "."), or "2026-12-07 10:00:00|#<digest>" when the list is too long
    for the high-water string; a bare time (the form of earlier versions) is a cursor
    that has seen nothing at that time."""

    at: str | None = None
    seen: frozenset[str] = frozenset()
    digest: str | None = None

    @classmethod
    def parse(cls, text: str | None) -> Cursor:
        if not text:
            return cls()
        moment, _, rest = text.partition("|")
        parsed = _parse_time(moment.strip().replace("Z", "+00:00"))
        if parsed is None:
            return cls()
        at = _odoo_time(parsed)
        if rest.startswith("#"):
            return cls(at, digest=rest[1:])
        seen: set[str] = set()
        if _TAG_GROUP.sub("", rest):
            raise ValueError(f"high water {text!r}: {rest!r} is not a list of record tags")
        for letter, ranges in _TAG_GROUP.findall(rest):
            for part in ranges.split("."):
                match = _TAG_RANGE.match(part)
                if match is None:
                    raise ValueError(f"high water {text!r}: {part!r} is not an id range")
                first, last = int(match[1]), int(match[2] or match[1])
                seen.update(f"{letter}{n}" for n in range(first, last + 1))
        return cls(at, frozenset(seen))

    @staticmethod
    def digest_of(tags: Iterable[str]) -> str:
        return hashlib.sha256("\n".join(sorted(tags)).encode()).hexdigest()[:16]

    @staticmethod
    def text_of(at: str, tags: set[str]) -> str:
        by_letter: dict[str, list[int]] = {}
        for tag in tags:
            by_letter.setdefault(tag[0], []).append(int(tag[1:]))
        groups: list[str] = []
        for letter in sorted(by_letter):
            ids = sorted(by_letter[letter])
            ranges: list[str] = []
            start = prev = ids[0]
            for n in [*ids[1:], None]:
                if n is not None and n == prev + 1:
                    prev = n
                    continue
                ranges.append(f"{start}" + (f"-{prev}" if prev != start else ""))
                if n is not None:
                    start = prev = n
            groups.append(letter + ".".join(ranges))
        text = f"{at}|{''.join(groups)}"
        if len(text) > HIGH_WATER_MAX:
            text = f"{at}|#{Cursor.digest_of(tags)}"
        return text


class _Import:
    """One import run: what it reads of each model, and where the next run starts.

    The run first asks each model for its newest `write_date` and takes the newest of
    them as its upper bound (`bound`, read to the end of that second); every model is
    then read from the cursor up to that bound, so a record written while the run reads
    another model either falls inside (and is read now) or after it (and is read next
    time): none falls between two models' reads. Rows are paged by id under that fixed
    window (an offset would skip a row when an earlier one is modified mid-import)."""

    def __init__(self, odoo: OdooAdapter, since: str | None) -> None:
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
