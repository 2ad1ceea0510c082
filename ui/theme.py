"""Themes are QSS files in resources/styles; widgets carry object names, not colours.

Charts (pyqtgraph) draw with pens, which no style sheet reaches: their colours are here,
one set per theme (and one for paper), matching the QSS beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.paths import resource

THEMES = ("kiosk", "desk")
_THEME_PROPERTY = "taktTheme"


@dataclass(frozen=True, slots=True)
class ChartColors:
    """What a chart is drawn with, as '#rrggbb'."""

    background: str
    text: str
    axis: str
    grid: str
    bar: str  # the figure
    bar_second: str  # a second series beside it (SLA: resolve beside acknowledge)
    selected: str  # the bar whose cases are listed
    line: str  # a cumulative share, a p90 trend
    median: str
    p90: str


CHART_COLORS: dict[str, ChartColors] = {
    "desk": ChartColors(
        background="#ffffff",
        text="#1b2530",
        axis="#56677a",
        grid="#d9e0e7",
        bar="#2563eb",
        bar_second="#7aa2f7",
        selected="#f59e0b",
        line="#b42318",
        median="#15803d",
        p90="#b42318",
    ),
    "kiosk": ChartColors(
        background="#0b0f14",
        text="#f4f6f8",
        axis="#b8c2cc",
        grid="#2a3440",
        bar="#3b82f6",
        bar_second="#93c5fd",
        selected="#fbbf24",
        line="#f87171",
        median="#4ade80",
        p90="#f87171",
    ),
    # Printed: dark on white, told apart by lightness too on a grey printer.
    "print": ChartColors(
        background="#ffffff",
        text="#000000",
        axis="#333333",
        grid="#cccccc",
        bar="#1d4ed8",
        bar_second="#93c5fd",
        selected="#f59e0b",
        line="#b91c1c",
        median="#15803d",
        p90="#b91c1c",
    ),
}


def current_theme() -> str:
    """The theme the application was last given (desk when none was)."""
    app = QCoreApplication.instance()
    name = app.property(_THEME_PROPERTY) if app is not None else None
    return name if isinstance(name, str) and name in THEMES else "desk"


def chart_colors(theme: str | None = None) -> ChartColors:
    """The chart colours of `theme` ("print" for paper), else of the theme in use."""
    return CHART_COLORS[theme or current_theme()]


def apply_theme(app: QApplication, name: str) -> None:
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}; choose one of {', '.join(THEMES)}")
    app.setStyleSheet(resource("styles", f"{name}.qss").read_text("utf-8"))
    app.setProperty(_THEME_PROPERTY, name)
