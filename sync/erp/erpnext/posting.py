"""Exactly once: every document Takt creates carries the posting's reference in the
unique field `custom_mes_event_id`, is found again by it (`_by_reference`), and a
duplicate error on insert is reconciled with what an earlier try committed, never
posted twice. A quality release sets the hold's Non Conformance to Resolved.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from sync.erp.base import ErpOutcomeUnknown, ErpRejected, Posted, Posting, PostingKind
from sync.erp.erpnext.common import REF_FIELD
from sync.erp.erpnext.transport import ErpNextTransport, _Duplicate

log = logging.getLogger(__name__)

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


class ErpNextPosting(ErpNextTransport):
    """One document per posting, found again by the reference it carries."""

    def _by_reference(self, doctype: str, reference: str) -> dict[str, Any] | None:
        fields = ["name", "docstatus", "modified"]
        if doctype == "Non Conformance":
            fields.append("status")
        rows = self._list(doctype, fields, [[REF_FIELD, "=", reference]])
        if not rows:
            return None
        # Unique field, so one row; should an amended copy slip through, prefer the live one.
        return sorted(rows, key=lambda r: {1: 0, 0: 1}.get(r.get("docstatus", 0), 2))[0]

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
