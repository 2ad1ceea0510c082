"""Turning a job and its ranked row into the words the board screens show.

Formatting happens once per changed row (the lane model caches the strings), so these
functions may be plain and readable rather than clever.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.priority.model import Job, RankedRow
from app.queries_board import BoardLabels

log = logging.getLogger(__name__)

NO_VALUE = "—"


def quantity(value: float) -> str:
    return f"{value:g}"


class JobFormat:
    """Names and plant time for one plant; shared by the lane models and the card."""

    def __init__(self, labels: BoardLabels | None = None) -> None:
        self.labels = labels or BoardLabels()
        self.tz = _zone(self.labels.timezone)

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

    def moment(self, when: datetime) -> str:
        local = when.astimezone(self.tz)
        return local.strftime("%a %d %b %H:%M")

    def time(self, when: datetime) -> str:
        return when.astimezone(self.tz).strftime("%H:%M")

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
            lines.append(f"{o.kind.value} by {o.by} at {self.moment(o.at)}: {o.reason}")
        if row.breakdown:
            lines.append(", ".join(f"{name} {value:g}" for name, value in row.breakdown))
        return "\n".join(lines)


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r; showing times in UTC", name)
        return UTC
