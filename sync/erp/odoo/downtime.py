"""Downtime: an `mrp.workcenter.productivity` log with a loss of the stop's reason,
blocking the work center while the stop is open; the stop's end closes that log.
"""

from __future__ import annotations

from sync.erp.base import Posted, Posting
from sync.erp.odoo.common import MODULE, _odoo_time, _parse_time, xmlid_name
from sync.erp.odoo.posting import OdooPosting


class OdooDowntime(OdooPosting):
    """Machine stops as work center time logs."""

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
