"""`ErpNextAdapter`: its settings, and `find`/`post` handing each posting kind to the
part that knows it (confirmations; documents and posting for the rest).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, tzinfo

from sync.erp.base import ErpRejected, Posted, Posting, PostingKind
from sync.erp.erpnext.common import STOP_REASONS, StopReason
from sync.erp.erpnext.confirmations import ErpNextConfirmations
from sync.erp.erpnext.importing import ErpNextImport
from sync.erp.erpnext.posting import _DOCTYPE, _SUBMITTABLE
from sync.erp.erpnext.reference_fields import ErpNextReferenceFields

log = logging.getLogger(__name__)


class ErpNextAdapter(ErpNextConfirmations, ErpNextImport, ErpNextReferenceFields):
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
        self.company = company
        self.source_warehouse = source_warehouse
        self.target_warehouse = target_warehouse
        self.scrap_warehouse = scrap_warehouse
        self.stock_warehouses = list(stock_warehouses) if stock_warehouses else None
        self.default_operator = default_operator
        self.employees = dict(employees or {})
        self.stop_reasons = {k.strip().lower(): v for k, v in (stop_reasons or {}).items()}
        bad = sorted(set(self.stop_reasons.values()) - set(STOP_REASONS))
        if bad:
            raise ValueError(f"stop_reasons: {bad[0]!r} is not one of {', '.join(STOP_REASONS)}")
        self.quality_procedure = quality_procedure
        self.time_zone = time_zone
        self._known_items = set(known_items)
        self._known_work_centers = set(known_work_centers)
        self._reference_ok = False
        # Last: a setting refused above opens no session.
        super().__init__(
            base_url, api_key, api_secret, site=site, timeout_s=timeout_s, page_size=page_size
        )

    def __enter__(self) -> ErpNextAdapter:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

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

    def trace(self, posting: Posting) -> Posted | None:
        self._require_reference_fields()
        if posting.kind is PostingKind.QUALITY_RELEASE:
            nc = self._by_reference("Non Conformance", self._hold_reference(posting))
            return Posted(nc["name"], already=True) if nc is not None else None
        if posting.kind is PostingKind.CONFIRMATION:
            return self._trace_confirmation(posting)
        found = self._by_reference(_DOCTYPE[posting.kind], posting.reference)
        return Posted(found["name"], already=True) if found is not None else None

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
