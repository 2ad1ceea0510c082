"""ERPNext's HTTP side: the Frappe REST client every other part of the adapter calls.

Token auth (`set_credentials` after a rotation), each answer sorted into the ErpError
vocabulary (a lost answer to a write is "outcome unknown", a 401 an auth error, a
duplicate of the unique reference `_Duplicate`), and `/api/resource` lists read in few,
large requests: JSON filters, child tables joined in, offset paging that starts over
when a row moves under it.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import requests

from sync.erp.base import ErpAuthError, ErpOutcomeUnknown, ErpRejected, ErpUnavailable
from sync.http import never_sent, retry_after

log = logging.getLogger(__name__)

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


class ErpNextTransport:
    """The Frappe REST client: token auth, one request at a time with every failure
    sorted into the ErpError vocabulary, list paging and child-table joins."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        api_secret: str,
        *,
        site: str | None,
        timeout_s: float,
        page_size: int,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.site = site
        self.timeout_s = timeout_s
        self.page_size = page_size
        self._http = requests.Session()
        self.set_credentials(api_key, api_secret)

    def set_credentials(self, api_key: str, api_secret: str) -> None:
        """New key/secret after an ErpAuthError (keys are rotated in the ERP's user form)."""
        self._http.headers["Authorization"] = f"token {api_key}:{api_secret}"
        if self.site:
            # Frappe picks the site from the Host header; behind an IP it needs this.
            self._http.headers["X-Frappe-Site-Name"] = self.site
        self._http.headers["Accept"] = "application/json"

    def close(self) -> None:
        self._http.close()

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
