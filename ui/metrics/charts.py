"""The charts, drawn with pyqtgraph: on the Metrics screen (`ChartView`, a bar clicked
lists its cases) and on paper (`chart_image`, for the audit report).

Every bar carries the count it rests on above it, so a figure resting on three cases
shows it. Colours come from ui.theme (pens cannot read the QSS).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.metrics.chart_text import ChartTexts, chart_texts
from ui.metrics.metrics_data import Chart, ChartKind, band_position
from ui.theme import ChartColors, chart_colors
from ui.widgets import label

_WIDTH = 0.7  # of a bar, its slot being 1
_MAX_TICKS = 12  # labels under a trend's bars; more days show every n-th
_MAX_PIXELS = 14  # a chart's type size at most


def _pen(color: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QColor:
    return pg.mkPen(QColor(color), width=width, style=style)


def _text(item: pg.PlotItem, text: str, x: float, y: float, color: str, font: QFont) -> None:
    note = pg.TextItem(text, color=QColor(color), anchor=(0.5, 1.0))
    note.setFont(font)
    note.setPos(x, y)
    item.addItem(note)


def two_lines(text: str, width: int = 8, most: int = 13) -> str:
    """A long label on two lines (at the space nearest its middle, or after a
    category's "·"), each cut to `most` characters: bars stand close together."""
    if len(text) <= width or " " not in text:
        return text
    if " · " in text:
        first, _, second = text.partition(" · ")
    else:
        middle = len(text) / 2
        spaces = [n for n, c in enumerate(text) if c == " "]
        # A band ("< 15 min"): its unit alone on the second line.
        cut = spaces[-1] if width < 4 else min(spaces, key=lambda n: abs(n - middle))
        first, second = text[:cut], text[cut + 1 :]
    return "\n".join(
        part if len(part) <= most else part[: most - 1] + "…" for part in (first, second)
    )


def _ticks(labels: Sequence[str], kind: ChartKind) -> list[tuple[float, str]]:
    trend = kind in (ChartKind.LAG, ChartKind.FIRST_PASS)
    step = max(1, -(-len(labels) // _MAX_TICKS)) if trend else 1
    # A band's bounds over its unit: eight bands side by side.
    width = 3 if kind is ChartKind.RESOLUTION else 8
    return [(float(n), two_lines(text, width)) for n, text in enumerate(labels) if n % step == 0]


def draw_chart(
    item: pg.PlotItem,
    chart: Chart,
    texts: ChartTexts,
    colors: ChartColors,
    *,
    selected: int | None = None,
    font: QFont | None = None,
) -> None:
    """Draw `chart` into `item` (cleared first)."""
    item.clear()
    font = font or QFont()
    kind = chart.kind
    bars = chart.bars
    count = len(bars)
    for name in ("left", "bottom", "right"):
        axis = item.getAxis(name)
        axis.setPen(_pen(colors.axis))
        axis.setTextPen(_pen(colors.text))
        # Every label drawn: two_lines keeps them apart; pyqtgraph would drop the first
        # and last ones for reaching past the plot's edge.
        axis.setStyle(tickFont=font, hideOverlappingLabels=False)
    item.showGrid(x=False, y=True, alpha=0.25)
    item.setMenuEnabled(False)
    item.setMouseEnabled(x=False, y=False)
    item.hideButtons()
    item.getAxis("left").setLabel(texts.y_label, color=colors.text)
    item.getAxis("bottom").setHeight(int(QFontMetrics(font).height() * 2.4) + 8)
    bottom = item.getAxis("bottom")
    bottom.setTicks([_ticks(texts.labels, kind)])
    if kind is ChartKind.RESOLUTION:  # eight bands side by side: a size smaller
        small = QFont(font)
        small.setPixelSize(max(9, round(QFontMetrics(font).height() * 0.75)))
        bottom.setStyle(tickFont=small)
    if not count:
        empty = pg.TextItem(
            tr("Nothing in this period"), color=QColor(colors.axis), anchor=(0.5, 0.5)
        )
        empty.setFont(font)
        item.addItem(empty)
        item.setXRange(-1, 1)
        item.setYRange(0, 1)
        item.showAxis("right", False)
        return
    xs = list(range(count))
    values = [bar.value or 0.0 for bar in bars]
    rates = kind in (ChartKind.SLA, ChartKind.FIRST_PASS)
    seconds = [bar.second or 0.0 for bar in bars]
    top = 100.0 if rates else max([*values, *(seconds if kind is ChartKind.LAG else []), 1.0])
    brushes = [QColor(colors.selected if n == selected else colors.bar) for n in range(count)]
    if kind is ChartKind.SLA:
        width = _WIDTH / 2
        item.addItem(
            pg.BarGraphItem(
                x=[x - width / 2 for x in xs], height=values, width=width, brushes=brushes, pen=None
            )
        )
        second = [
            QColor(colors.selected if n == selected else colors.bar_second) for n in range(count)
        ]
        item.addItem(
            pg.BarGraphItem(
                x=[x + width / 2 for x in xs], height=seconds, width=width, brushes=second, pen=None
            )
        )
        for n, _bar in enumerate(bars):
            _text(item, texts.notes[n], n - width / 2, values[n], colors.text, font)
            _text(item, texts.second_notes[n], n + width / 2, seconds[n], colors.text, font)
    else:
        item.addItem(pg.BarGraphItem(x=xs, height=values, width=_WIDTH, brushes=brushes, pen=None))
        for n in xs:
            _text(item, texts.notes[n], n, values[n], colors.text, font)
    if kind is ChartKind.LAG:
        points = [(n, bar.second) for n, bar in enumerate(bars) if bar.second is not None]
        item.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            pen=_pen(colors.line, 2),
            symbol="o",
            symbolSize=7,
            symbolBrush=QColor(colors.line),
            symbolPen=None,
        )
    right = item.getAxis("right")
    if chart.cumulative:
        share = [top * c / 100 for c in chart.cumulative]
        item.plot(
            xs,
            share,
            pen=_pen(colors.line, 2),
            symbol="o",
            symbolSize=7,
            symbolBrush=QColor(colors.line),
            symbolPen=None,
        )
        item.showAxis("right")
        right.setTicks([[(top * p / 100, f"{p} %") for p in (0, 25, 50, 75, 100)]])
        right.setLabel(tr("cumulative"), color=colors.text)
        right.setWidth(int(QFontMetrics(font).horizontalAdvance("100 %") * 1.3) + 24)
    else:
        item.showAxis("right", False)
    if kind is ChartKind.RESOLUTION:
        for value, text, color in (
            (chart.median, texts.median, colors.median),
            (chart.p90, texts.p90, colors.p90),
        ):
            if value is None:
                continue
            line = pg.InfiniteLine(
                pos=band_position(value),
                angle=90,
                pen=_pen(color, 2, Qt.PenStyle.DashLine),
                label=text,
                labelOpts={
                    "position": 0.95 if color == colors.median else 0.87,
                    "color": QColor(color),
                    "anchors": [(0, 0.5), (0, 0.5)],
                },
            )
            line.label.setFont(font)
            item.addItem(line)
    item.setXRange(-0.7, count - 0.3, padding=0)
    # Room above the tallest bar for its count (and a histogram's median and p90).
    item.setYRange(0, top * (1.4 if kind is ChartKind.RESOLUTION else 1.18), padding=0)


class ChartView(QWidget):
    """One chart on the Metrics screen: its title, what it rests on, the plot.

    Signals:
        sig_bar_clicked: (chart kind value, bar index) a person picked a bar.
    """

    sig_bar_clicked = Signal(str, int)

    def __init__(self, kind: ChartKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartView")
        self.kind = kind
        self.chart: Chart | None = None
        self.selected: int | None = None
        self.title = label("chartTitle")
        self.caption = label("hint", wrap=True)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("chartPlot")
        # The grid shares out the height; the plot asks for no more than its minimum.
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.plot.setMinimumSize(260, 230)
        self.plot.scene().sigMouseClicked.connect(self._on_scene_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.caption)
        layout.addWidget(self.plot, 1)

    def set_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.selected = None
        self.redraw()

    def redraw(self) -> None:
        if self.chart is None:
            self.plot.getPlotItem().clear()
            return
        texts = chart_texts(self.chart)
        self.title.setText(texts.title)
        self.caption.setText(texts.caption)
        colors = chart_colors()
        self.plot.setBackground(QColor(colors.background))
        draw_chart(
            self.plot.getPlotItem(),
            self.chart,
            texts,
            colors,
            selected=self.selected,
            font=self._chart_font(),
        )

    def _chart_font(self) -> QFont:
        """The screen's type, at most _MAX_PIXELS: a kiosk's large type would crowd the
        labels under eight bars."""
        font = QFont(self.font())
        if font.pixelSize() > _MAX_PIXELS or font.pointSizeF() > _MAX_PIXELS * 0.75:
            font.setPixelSize(_MAX_PIXELS)
        return font

    def select_bar(self, index: int) -> None:
        """Pick bar `index` (what a click on it does): mark it, say so."""
        if self.chart is None or not 0 <= index < len(self.chart.bars):
            return
        self.selected = index
        self.redraw()
        self.sig_bar_clicked.emit(self.kind.value, index)

    def bar_at(self, scene_pos: QPointF) -> int | None:
        """The bar under a point of the plot's scene (within its slot), if any."""
        if self.chart is None:
            return None
        box = self.plot.getPlotItem().getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            return None
        x = box.mapSceneToView(scene_pos).x()
        index = round(x)
        return index if 0 <= index < len(self.chart.bars) and abs(x - index) <= 0.5 else None

    def _on_scene_clicked(self, event: object) -> None:
        index = self.bar_at(event.scenePos())  # type: ignore[attr-defined]
        if index is not None:
            self.select_bar(index)


def chart_image(
    chart: Chart, width: int, height: int, *, theme: str = "print", font: QFont | None = None
) -> QImage:
    """`chart` drawn on an image (for paper): no window is shown."""
    colors = chart_colors(theme)
    widget = pg.PlotWidget()
    widget.setBackground(QColor(colors.background))
    widget.resize(width, height)
    draw_chart(widget.getPlotItem(), chart, chart_texts(chart), colors, font=font)
    # grab() lays the hidden widget out at its size first (render() would not).
    image = widget.grab().toImage()
    widget.deleteLater()
    return image
