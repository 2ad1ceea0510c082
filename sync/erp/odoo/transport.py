"""Odoo's RPC side: one ORM method per call, over JSON-RPC `execute_kw` (Odoo 17/18,
errors as HTTP 200 with an `error` member) or JSON-2 (Odoo 19+, bearer API key, errors
as 4xx/5xx), every failure sorted into the ErpError vocabulary; and the small reads
the import and the postings share. Each call is one database transaction.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, Literal

import requests

from sync.erp.base import ErpAuthError, ErpError, ErpOutcomeUnknown, ErpRejected, ErpUnavailable
from sync.erp.odoo.common import _ids
from sync.http import never_sent, retry_after

Transport = Literal["jsonrpc", "json2"]

# `load` converts datetimes from the user's time zone unless the context names one;
# Takt sends UTC, so it says so.
CONTEXT = {"tz": "UTC"}
READ_ONLY = frozenset({"search_read", "search", "search_count", "read", "fields_get"})


class OdooTransport:
    """Calls to Odoo's ORM, the protocol chosen by `protocol`."""

    def __init__(
        self,
        base_url: str,
        database: str,
        api_key: str,
        *,
        protocol: Transport,
        login: str | None,
        uid: int | None,
        timeout_s: float,
        page_size: int,
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
        self._http = requests.Session()
        self._request_ids = itertools.count(1)
        self._center_fields: set[str] | None = None

    def close(self) -> None:
        self._http.close()

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
