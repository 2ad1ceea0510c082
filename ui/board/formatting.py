"""Turning a job and its ranked row into the words the board screens show.

Formatting happens once per changed row (the lane model caches the strings), so these
functions may be plain and readable rather than clever.
"""

from __future__ import annotations

import logging
from datetime import datetime, tzinfo

from app.priority.model import Job, OverrideKind, RankedRow
from app.queries_board import BoardLabels
from ui.common.timefmt import PlantTime

log = logging.getLogger(__name__)

NO_VALUE = "—"


def quantity(value: float) -> str:
    return f"{value:g}"


OVERRIDE_WORDS = {
    OverrideKind.PIN: "pinned",
    OverrideKind.BEFORE: "moved before",
    OverrideKind.AFTER: "moved after",
    OverrideKind.HOLD: "held",
}


def override_text(row: RankedRow) -> str:
    """'pinned by Ana Ruiz: rush for Acme'; '' for a row nobody overrode."""
    o = row.override
    if o is None:
        return ""
    what = OVERRIDE_WORDS[o.kind]
    if o.kind in (OverrideKind.BEFORE, OverrideKind.AFTER) and o.target_op_id:
        what += f" {o.target_op_id}"
    return f"{what} by {o.by}: {o.reason}"


def why_here(row: RankedRow) -> str:
    """The row's reason, with its override when the reason does not already say it
    (a job pinned or moved while it is blocked keeps its override in sight)."""
    o = row.override
    if o is None or o.reason in row.reason:
        return row.reason
    return f"{row.reason} · {override_text(row)}"


class JobFormat:
    """Names and plant time for one plant; shared by the lane models and the card.

    Times go through one `PlantTime` (ui.common.timefmt): the plant's zone, whatever the
    computer's own zone is."""

    def __init__(self, labels: BoardLabels | None = None, clock: PlantTime | None = None) -> None:
        self.labels = labels or BoardLabels()
        self.clock = clock if clock is not None else PlantTime(self.labels.timezone)

    @property
    def tz(self) -> tzinfo:
        return self.clock.tz

    def work_order(self, job: Job) -> str:
        return job.work_order

    def operation(self, job: Job) -> str:
        return f"{job.work_order} · op {job.seq}"

    def item(self, job: Job) -> str:
        return job.item

    def item_name(self, job: Job) -> str:
        return self.labels.items.get(job.item, "")

    def done_of_total(self, job: Job) -> str:
        return f"{quantity(job.qty_good)} / {quantity(job.quantity)}"

    def due(self, job: Job) -> str:
        return self.moment(job.due_at)

    def moment(self, when: datetime, *, with_zone: bool = False) -> str:
        return self.clock.moment(when, with_zone=with_zone)

    def time(self, when: datetime, *, with_zone: bool = False) -> str:
        return self.clock.time(when, with_zone=with_zone)

    def customer(self, job: Job) -> str:
        return job.customer or NO_VALUE

    def customer_name(self, job: Job) -> str:
        if job.customer is None:
            return "stock order"
        name = self.labels.customers.get(job.customer, job.customer)
        return f"{name} ({job.priority_class.value})"

    def tooltip(self, row: RankedRow, job: Job | None) -> str:
        lines = []
        if job is not None:
            name = self.item_name(job)
            lines.append(f"{self.operation(job)} · {job.item}" + (f" {name}" if name else ""))
        lines.append(row.reason)
        if row.override is not None:
            o = row.override
            lines.append(f"{OVERRIDE_WORDS[o.kind]} by {o.by} at {self.moment(o.at)}: {o.reason}")
        if row.breakdown:
            lines.append(", ".join(f"{name} {value:g}" for name, value in row.breakdown))
        return "\n".join(lines)
