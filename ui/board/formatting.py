"""Turning a job and its ranked row into the words the board screens show.

Formatting happens once per changed row (the lane model caches the strings, and says
them all again when the language changes), so these functions may be plain and
readable rather than clever. Words are said in the current language (ui.i18n) and
numbers in its locale ("1.234,5" in German).
"""

from __future__ import annotations

import logging
from datetime import datetime, tzinfo

from PySide6.QtCore import QLocale

from app.i18n import QT_TR_NOOP
from app.priority.model import Job, OverrideKind, RankedRow
from app.queries_board import BoardLabels
from ui.common.timefmt import PlantTime
from ui.i18n import tr, translated

log = logging.getLogger(__name__)

NO_VALUE = "—"


def quantity(value: float) -> str:
    """A quantity a person reads: six significant digits like Python's `:g` ('12',
    '12.5'), with the language's separators ('1.234,5' in German)."""
    return QLocale().toString(float(value) + 0.0, "g", 6)  # + 0.0: never '-0'


def editable_quantity(value: float) -> str:
    """A quantity put into an input field: the language's decimal mark, no thousands
    separator (what `parse_quantity` reads back)."""
    locale = QLocale()
    locale.setNumberOptions(locale.numberOptions() | QLocale.NumberOption.OmitGroupSeparator)
    return locale.toString(float(value) + 0.0, "g", 6)


def parse_quantity(text: str) -> float | None:
    """'12', '12.5', '12,5' (a decimal comma) or the language's own way ('1.234,5' in
    German, '1,234.5' in English); empty is 0; None when it is no number."""
    text = text.strip()
    if not text:
        return 0.0
    locale = QLocale()
    value, ok = locale.toDouble(text)
    # Thousands separators count only beside a decimal mark ('1.234,5' is clear); alone
    # they are taken as one: '1,5' is one and a half in English too.
    if not ok or (locale.groupSeparator() in text and locale.decimalPoint() not in text):
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            return None
    return value if value == value and abs(value) != float("inf") else None


# What an override did, as a sentence with its fields (said in the current language).
OVERRIDE_TEXT = {
    OverrideKind.PIN: QT_TR_NOOP("pinned by {by}: {reason}"),
    OverrideKind.BEFORE: QT_TR_NOOP("moved before by {by}: {reason}"),
    OverrideKind.AFTER: QT_TR_NOOP("moved after by {by}: {reason}"),
    OverrideKind.HOLD: QT_TR_NOOP("held by {by}: {reason}"),
}
# ... when it names the job it moved before or after.
OVERRIDE_TARGET_TEXT = {
    OverrideKind.BEFORE: QT_TR_NOOP("moved before {target} by {by}: {reason}"),
    OverrideKind.AFTER: QT_TR_NOOP("moved after {target} by {by}: {reason}"),
}
# ... and when (the row's tooltip).
OVERRIDE_AT_TEXT = {
    OverrideKind.PIN: QT_TR_NOOP("pinned by {by} at {at}: {reason}"),
    OverrideKind.BEFORE: QT_TR_NOOP("moved before by {by} at {at}: {reason}"),
    OverrideKind.AFTER: QT_TR_NOOP("moved after by {by} at {at}: {reason}"),
    OverrideKind.HOLD: QT_TR_NOOP("held by {by} at {at}: {reason}"),
}
# The parts of a row's score (app.priority.ranking), as the tooltip names them.
SCORE_PARTS = {
    "weight": QT_TR_NOOP("weight"),
    "processing_min": QT_TR_NOOP("processing_min"),
    "slack_min": QT_TR_NOOP("slack_min"),
    "urgency": QT_TR_NOOP("urgency"),
    "setup_min": QT_TR_NOOP("setup_min"),
    "setup_factor": QT_TR_NOOP("setup_factor"),
    "critical_ratio": QT_TR_NOOP("critical_ratio"),
    "due_in_h": QT_TR_NOOP("due_in_h"),
    "score": QT_TR_NOOP("score"),
}


def override_text(row: RankedRow) -> str:
    """'pinned by Ana Ruiz: rush for Acme'; '' for a row nobody overrode."""
    o = row.override
    if o is None:
        return ""
    if o.kind in OVERRIDE_TARGET_TEXT and o.target_op_id:
        template = OVERRIDE_TARGET_TEXT[o.kind]
        return translated(template).format(target=o.target_op_id, by=o.by, reason=o.reason)
    return translated(OVERRIDE_TEXT[o.kind]).format(by=o.by, reason=o.reason)


def why_here(row: RankedRow) -> str:
    """The row's reason, with its override when the reason does not already say it
    (a job pinned or moved while it is blocked keeps its override in sight)."""
    o = row.override
    reason = translated(row.reason)
    if o is None or o.reason in row.reason:
        return reason
    return f"{reason} · {override_text(row)}"


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
        return tr("{work_order} · op {seq}").format(work_order=job.work_order, seq=job.seq)

    def item(self, job: Job) -> str:
        return job.item

    def item_name(self, job: Job) -> str:
        return self.labels.items.get(job.item, "")

    def done_of_total(self, job: Job) -> str:
        return tr("{done} / {total}", "done of the quantity").format(
            done=quantity(job.qty_good), total=quantity(job.quantity)
        )

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
            return tr("stock order")
        name = self.labels.customers.get(job.customer, job.customer)
        return tr("{customer} ({priority_class})").format(
            customer=name, priority_class=job.priority_class.value
        )

    def tooltip(self, row: RankedRow, job: Job | None) -> str:
        lines = []
        if job is not None:
            name = self.item_name(job)
            lines.append(f"{self.operation(job)} · {job.item}" + (f" {name}" if name else ""))
        lines.append(translated(row.reason))
        if row.override is not None:
            o = row.override
            lines.append(
                translated(OVERRIDE_AT_TEXT[o.kind]).format(
                    by=o.by, at=self.moment(o.at), reason=o.reason
                )
            )
        if row.breakdown:
            lines.append(
                ", ".join(
                    f"{translated(SCORE_PARTS.get(name, name))} {quantity(value)}"
                    for name, value in row.breakdown
                )
            )
        return "\n".join(lines)
