"""The custom field `custom_mes_event_id` (Unique, No Copy) that exactly-once posting
needs on every doctype Takt writes: `takt erp setup` creates or fixes it through the
Custom Field doctype, and posting waits (ErpNotSetUp) until it is in place.
"""

from __future__ import annotations

import logging

from sync.erp.base import ErpRejected, ErpUnavailable
from sync.erp.erpnext.common import REF_FIELD, REF_LABEL, REFERENCE_DOCTYPES
from sync.erp.erpnext.transport import ErpNextTransport

log = logging.getLogger(__name__)


class ErpNotSetUp(ErpUnavailable):
    """ERPNext lacks what exactly-once posting needs (the reference custom fields).

    Unavailable, not rejected: nothing is wrong with the postings; they wait (the writer
    pauses as a whole) until `takt erp setup` has run."""


class ErpNextReferenceFields(ErpNextTransport):
    """`takt erp setup` and the check before posting: the custom reference fields."""

    _reference_ok: bool  # the custom fields were seen (checked once per adapter)

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
