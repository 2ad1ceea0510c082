"""Jobs and quantities in the words every screen shows them: the boards, the exceptions
inbox, the ERP postings.

Words are said in the current language (ui.i18n) and numbers in its locale ("1.234,5" in
German); times in the plant's zone (`JobFormat`, through ui.common.timefmt).
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QLocale

from app.priority.model import Job
from app.queries_board import BoardLabels
from ui.common.timefmt import PlantTime
from ui.i18n import tr

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
