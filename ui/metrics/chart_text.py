"""The words of a chart: its title, the label under each bar, the count above it and
the line under the title that says what the chart rests on ("11 exceptions, 3 open").

Stored values become words here (a type, a root cause's label from the plant's list, a
function, a day in the plant's language), in the current language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QLocale

from app.i18n import QT_TR_NOOP
from app.routing.resolution import load_resolution
from ui.i18n import tr, translated
from ui.metrics.metrics_data import Bar, Chart, ChartKind

NO_VALUE = "—"

TITLES: dict[ChartKind, str] = {
    ChartKind.KINDS: QT_TR_NOOP("Exceptions by type"),
    ChartKind.DOWNTIME: QT_TR_NOOP("Downtime by reason"),
    ChartKind.RESOLUTION: QT_TR_NOOP("Resolution time"),
    ChartKind.LAG: QT_TR_NOOP("ERP posting lag by day"),
    ChartKind.SLA: QT_TR_NOOP("SLA deadlines met, by function"),
    ChartKind.FIRST_PASS: QT_TR_NOOP("First-pass resolution by day"),
}


def words(value: str | None) -> str:
    """A stored value ("material_shortage") as a person reads it ("Material shortage")."""
    if not value:
        return NO_VALUE
    text = translated(value.replace("_", " "))
    return text[:1].upper() + text[1:]


def root_cause_text(code: str | None) -> str:
    """'Machine · Breakdown' from the plant's list; the code itself when unlisted."""
    if not code:
        return tr("no reason given")
    return translated(load_resolution().root_cause_label(code))


def day_text(iso_day: str | None) -> str:
    """'23 Nov' in the current language."""
    if not iso_day:
        return NO_VALUE
    day = date.fromisoformat(iso_day)
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def minutes_text(minutes: float | None) -> str:
    """'45 min', '2.5 h', '3.1 d'."""
    if minutes is None:
        return NO_VALUE
    locale = QLocale()
    if minutes < 90:
        return tr("{n} min").format(n=locale.toString(round(minutes)))
    if minutes < 48 * 60:
        return tr("{n} h").format(n=locale.toString(minutes / 60, "f", 1))
    return tr("{n} d").format(n=locale.toString(minutes / 1440, "f", 1))


def band_text(bounds: tuple[float, float] | None) -> str:
    """A resolution-time band: '<15 min', '15–30 min', '1–2 h', '>24 h' (a chart
    sets the unit under the bounds)."""
    if bounds is None:
        return NO_VALUE
    low, high = bounds
    if math.isinf(high):
        return tr(">{n} h").format(n=round(low / 60))
    if high <= 60:
        if low == 0:
            return tr("<{n} min").format(n=round(high))
        return tr("{low}–{high} min").format(low=round(low), high=round(high))
    if low == 0:
        return tr("<{n} h").format(n=round(high / 60))
    return tr("{low}–{high} h").format(low=round(low / 60), high=round(high / 60))


def bar_label(kind: ChartKind, bar: Bar) -> str:
    if kind is ChartKind.KINDS:
        return words(bar.label)
    if kind is ChartKind.DOWNTIME:
        return root_cause_text(bar.label)
    if kind is ChartKind.RESOLUTION:
        return band_text(bar.bounds)
    if kind is ChartKind.SLA:
        return words(bar.label) if bar.label else tr("no function")
    return day_text(bar.label)


def bar_note(kind: ChartKind, bar: Bar) -> str:
    """What stands above a bar: the count it rests on ('8/10' of a rate)."""
    if kind in (ChartKind.KINDS, ChartKind.DOWNTIME, ChartKind.RESOLUTION):
        return str(bar.count)
    if kind is ChartKind.LAG:
        return tr("n={n}").format(n=bar.count)
    return f"{bar.count}/{bar.of}"


def second_note(bar: Bar) -> str:
    return f"{bar.second_count}/{bar.second_of}"


def caption(chart: Chart) -> str:
    """What the chart rests on, said under its title."""
    kind = chart.kind
    if kind is ChartKind.KINDS:
        text = tr("{n} exceptions raised, {open} still open").format(n=chart.cases, open=chart.open)
    elif kind is ChartKind.DOWNTIME:
        text = tr("{n} machine downtimes, {open} still open").format(n=chart.cases, open=chart.open)
    elif kind is ChartKind.RESOLUTION:
        measured = chart.cases - chart.open
        text = tr("{n} resolved: median {median}, p90 {p90}; {open} still open").format(
            n=measured,
            median=minutes_text(chart.median),
            p90=minutes_text(chart.p90),
            open=chart.open,
        )
    elif kind is ChartKind.LAG:
        text = tr("{n} postings queued, {open} not in the ERP yet; bars: median, line: p90").format(
            n=chart.cases, open=chart.open
        )
    elif kind is ChartKind.SLA:
        text = tr("{n} deadlines; dark: acknowledged in time, light: resolved in time").format(
            n=chart.cases
        )
    else:
        text = tr("{n} exceptions, {open} not resolved yet").format(n=chart.cases, open=chart.open)
    return text


def y_label(kind: ChartKind) -> str:
    if kind in (ChartKind.LAG,):
        return tr("minutes")
    if kind in (ChartKind.SLA, ChartKind.FIRST_PASS):
        return "%"
    return tr("exceptions")


@dataclass(frozen=True, slots=True)
class ChartTexts:
    title: str
    caption: str
    y_label: str
    labels: tuple[str, ...]
    notes: tuple[str, ...]
    second_notes: tuple[str, ...]
    median: str
    p90: str


def chart_texts(chart: Chart) -> ChartTexts:
    kind = chart.kind
    return ChartTexts(
        title=translated(TITLES[kind]),
        caption=caption(chart),
        y_label=y_label(kind),
        labels=tuple(bar_label(kind, bar) for bar in chart.bars),
        notes=tuple(bar_note(kind, bar) for bar in chart.bars),
        second_notes=tuple(second_note(bar) for bar in chart.bars) if kind is ChartKind.SLA else (),
        median=tr("median {value}").format(value=minutes_text(chart.median)),
        p90=tr("p90 {value}").format(value=minutes_text(chart.p90)),
    )
