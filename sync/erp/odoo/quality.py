"""Quality holds, nonconformances and releases as `quality.alert` (the Quality app of
Odoo Enterprise; without it these postings are refused as not supported).
"""

from __future__ import annotations

from typing import Any

from sync.erp.base import ErpRejected, Posted, Posting, PostingKind
from sync.erp.odoo.common import MODULE, _id, xmlid_name
from sync.erp.odoo.posting import OdooPosting

NO_QUALITY_APP = (
    "{kind} is not supported by this Odoo: it has no quality.alert model (the Quality "
    "app of Odoo Enterprise). Record it in Odoo by hand."
)


class OdooQuality(OdooPosting):
    """Quality alerts, released by moving them to a `done` stage."""

    _quality_fields: set[str] | None  # quality.alert's fields; None: no Quality app
    _quality_checked: bool

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
