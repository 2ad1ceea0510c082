"""The printable execution audit: an A4 PDF (landscape) of a period's audit.

Page 1 on: the plant and the period, the totals, the charts (as images), the summaries
by channel, type and decision-maker, the flags with the exceptions behind each, then
one table row per exception across as many pages as it takes (the table's heading
repeated on each page). Every page has a header (plant, period) and "page n of m".

Laid out as a QTextDocument and painted page by page onto a QPdfWriter; it needs a
QApplication (the charts are pyqtgraph widgets, rendered to images) but no window:
`takt audit` runs it offscreen.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextTable,
)

from app.metrics import AuditFlag, AuditGroup, AuditRow, Durations
from ui.common.timefmt import PlantTime
from ui.i18n import tr
from ui.metrics.cases_model import short_id
from ui.metrics.chart_text import NO_VALUE, chart_texts, minutes_text, root_cause_text, words
from ui.metrics.charts import chart_image
from ui.metrics.metrics_data import ChartKind, MetricsData

_CHART_PIXELS = (500, 320)  # each chart's image, scaled to a third of the page: type ~8 pt
_CHART_ORDER = (
    ChartKind.KINDS,
    ChartKind.DOWNTIME,
    ChartKind.RESOLUTION,
    ChartKind.LAG,
    ChartKind.SLA,
    ChartKind.FIRST_PASS,
)
_MARGIN_MM = 12.0
_POINTS = 8.5  # the body's type size: a month's rows, readable on paper


def flag_text(flag: str) -> str:
    return {
        AuditFlag.DECISION_WITHOUT_REASON.value: tr("decision without a reason"),
        AuditFlag.CLOSED_WITHOUT_ERP.value: tr("closed without reaching the ERP"),
        AuditFlag.REPEATED_ROOT_CAUSE.value: tr("repeated root cause"),
    }.get(flag, flag)


def erp_text(status: str) -> str:
    return {
        "not_due": tr("not due"),
        "waiting": tr("waiting"),
        "reflected": tr("in the ERP"),
        "never": tr("never"),
    }.get(status, status)


def _seconds(value: float | None) -> str:
    return minutes_text(value / 60) if value is not None else NO_VALUE


def _median(figure: Durations) -> str:
    return _seconds(figure.median_s)


def _e(text: object) -> str:
    return html.escape(str(text))


def _table(
    headings: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    name: str = "",
    widths: Sequence[int] = (),
    page_break: bool = False,
) -> str:
    """A grid table; `widths` in percent fix its columns (so a row's height does not
    depend on the other rows); `page_break` starts it on a new page."""
    head = "".join(
        f"<th width='{widths[n]}%'>{_e(h)}</th>" if widths else f"<th>{_e(h)}</th>"
        for n, h in enumerate(headings)
    )
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    style = " style='page-break-before: always'" if page_break else ""
    return (
        f'<table class="grid {name}"{style} width="100%" cellspacing="0" cellpadding="3">'
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


# The exceptions' columns, percent of the width: what wraps (decisions, causes) is wide.
_EXCEPTION_WIDTHS = (7, 9, 9, 6, 7, 6, 15, 13, 7, 10, 11)


def _exception_headings() -> list[str]:
    return [
        tr("Ref"),
        tr("Raised"),
        tr("Type"),
        tr("Channel"),
        tr("Work center"),
        tr("To owner"),
        tr("Decision (by)"),
        tr("Root cause"),
        tr("To decision"),
        tr("ERP"),
        tr("Flags"),
    ]


def exception_tables(rows: Sequence[Sequence[str]], pages: Sequence[int] | None = None) -> str:
    """The exceptions' table, one per page of `pages` rows each (a row never runs over
    a page's end; each page has the headings), or one table when `pages` is None."""
    counts = list(pages) if pages is not None else [len(rows)]
    parts, start = [], 0
    for n, count in enumerate(counts):
        chunk = rows[start : start + count]
        start += count
        parts.append(
            _table(
                _exception_headings(),
                chunk,
                name="exceptions",
                widths=_EXCEPTION_WIDTHS,
                page_break=n > 0,
            )
        )
    return "".join(parts)


def _group_rows(groups: Sequence[AuditGroup], label: object) -> list[list[str]]:
    rows = []
    for g in groups:
        flags = sum(g.flags.values())
        rows.append(
            [
                label(g.key),  # type: ignore[operator]
                str(g.exceptions),
                str(g.open),
                str(g.decided),
                _median(g.time_to_owner),
                _median(g.time_to_decision),
                _median(g.time_to_erp),
                str(flags),
            ]
        )
    return rows


def _summary_headings(first: str) -> list[str]:
    return [
        first,
        tr("Exceptions"),
        tr("Open"),
        tr("Decided"),
        tr("Median to owner"),
        tr("Median to decision"),
        tr("Median to ERP"),
        tr("Flags"),
    ]


def exception_rows(
    rows: Sequence[AuditRow], plant_time: PlantTime, people: Mapping[str, str] | None = None
) -> list[list[str]]:
    """The table's rows; who decided by name (`people`: names by user id)."""
    names = people or {}
    out = []
    for r in rows:
        decision = r.decision or NO_VALUE
        if r.decided_by:
            decision = f"{decision} ({names.get(r.decided_by, r.decided_by)})"
        erp = erp_text(r.erp_status)
        if r.time_to_erp_s is not None:
            erp = f"{erp}, {_seconds(r.time_to_erp_s)}"
        out.append(
            [
                short_id(r.exception_id),
                plant_time.moment(r.raised_at),
                words(r.kind),
                words(r.channel),
                r.work_center or NO_VALUE,
                _seconds(r.time_to_owner_s),
                decision,
                root_cause_text(r.root_cause) if r.root_cause else NO_VALUE,
                _seconds(r.time_to_decision_s),
                erp,
                "; ".join(flag_text(f) for f in r.flags) or NO_VALUE,
            ]
        )
    return out


_STYLE = """
body { color: #000000; }
h1 { font-size: 15pt; margin: 0; }
h2 { font-size: 11pt; margin-top: 10px; margin-bottom: 4px; }
h2.page { page-break-before: always; margin-top: 0; }
span.caption { color: #333333; font-size: 7.5pt; }
p.meta { color: #333333; margin: 0; }
table.grid { border-collapse: collapse; }
table.grid th { background-color: #e6e6e6; text-align: left; border-bottom: 1px solid #555555; }
table.grid td { border-bottom: 1px solid #cccccc; }
"""


def report_html(
    data: MetricsData,
    plant_time: PlantTime,
    chart_width: float,
    pages: Sequence[int] | None = None,
) -> str:
    """The report's body (the page header and page numbers are painted around it);
    `pages`: how many exceptions each page of their table holds (None: one table)."""
    audit = data.audit
    assert audit is not None
    total = audit.total
    parts = [
        f"<h1>{_e(tr('Execution audit'))}</h1>",
        f"<p class='meta'>{_e(_heading(data, plant_time))}</p>",
    ]
    flags = total.flags
    parts.append(
        "<p>"
        + _e(
            tr(
                "{n} exceptions raised, {open} still open, {decided} decided. Median time to "
                "owner {owner}, to decision {decision}, to the ERP {erp}."
            ).format(
                n=total.exceptions,
                open=total.open,
                decided=total.decided,
                owner=_median(total.time_to_owner),
                decision=_median(total.time_to_decision),
                erp=_median(total.time_to_erp),
            )
        )
        + "</p>"
    )
    # The charts, three by row: the first page is theirs.
    height = int(chart_width * _CHART_PIXELS[1] / _CHART_PIXELS[0])
    cells = []
    for kind in _CHART_ORDER:
        texts = chart_texts(data.chart(kind))
        cells.append(
            f"<td width='33%'><b>{_e(texts.title)}</b><br>"
            f"<span class='caption'>{_e(texts.caption)}</span><br>"
            f'<img src="chart:{kind.value}" width="{int(chart_width)}" height="{height}"></td>'
        )
    rows = "".join(f"<tr>{''.join(cells[n : n + 3])}</tr>" for n in range(0, len(cells), 3))
    parts.append(f"<table cellspacing='6' width='100%'>{rows}</table>")
    parts.append(f"<h2 style='page-break-before: always'>{_e(tr('By channel'))}</h2>")
    parts.append(_table(_summary_headings(tr("Channel")), _group_rows(audit.by_channel, words)))
    parts.append(f"<h2>{_e(tr('By type'))}</h2>")
    parts.append(_table(_summary_headings(tr("Type")), _group_rows(audit.by_kind, words)))
    parts.append(f"<h2>{_e(tr('By decision-maker'))}</h2>")
    parts.append(
        _table(
            _summary_headings(tr("Decided by")),
            _group_rows(
                audit.by_decision_maker,
                lambda k: data.people.get(k, k) if k else tr("not decided yet"),
            ),
        )
    )
    parts.append(f"<h2>{_e(tr('Flags'))}</h2>")
    flag_rows = []
    for flag in AuditFlag:
        flagged = audit.flagged(flag)
        refs = ", ".join(short_id(r.exception_id) for r in flagged) or NO_VALUE
        flag_rows.append([flag_text(flag.value), str(flags.get(flag.value, 0)), refs])
    parts.append(_table([tr("Flag"), tr("Exceptions"), tr("Which")], flag_rows))
    parts.append(f"<h2 style='page-break-before: always'>{_e(tr('Every exception'))}</h2>")
    parts.append(exception_tables(exception_rows(audit.rows, plant_time, data.people), pages))
    return "<html><body>" + "".join(parts) + "</body></html>"


def _heading(data: MetricsData, plant_time: PlantTime) -> str:
    period = data.period
    plant = data.plant or tr("Takt")
    return tr("{plant} — {start} to {end}").format(
        plant=plant,
        start=plant_time.stamp(period.start),
        end=plant_time.stamp(period.end),
    )


def write_audit_pdf(
    path: Path,
    data: MetricsData,
    plant_time: PlantTime | None = None,
    *,
    generated_at: datetime | None = None,
) -> int:
    """Write the audit of `data` to `path` as a PDF; returns its page count."""
    if data.audit is None:
        raise ValueError("no audit to print")
    plant_time = plant_time or PlantTime(data.zone)
    writer = QPdfWriter(str(path))
    writer.setTitle(tr("Execution audit"))
    writer.setCreator("Takt")
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = float(area.width()), float(area.height())
    font = QFont()
    font.setPointSizeF(_POINTS)
    line = font.pointSizeF() / 72 * writer.resolution() * 1.6
    # The header's rule and the page number keep a line's gap from the body.
    header_h, footer_h = line * 1.6, line * 2.0
    page_h = height - header_h - footer_h

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(_STYLE)
    doc.setDocumentMargin(0)
    doc.setPageSize(QSizeF(width, page_h))
    # Images are sized in 1/96 inch on any device (QTextImageHandler scales them).
    chart_width = (width / 3 - line) * 96 / writer.resolution()
    chart_font = QFont()
    chart_font.setPixelSize(15)
    for kind in _CHART_ORDER:
        image = chart_image(data.chart(kind), *_CHART_PIXELS, font=chart_font)
        doc.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{kind.value}"), image
        )
    # The exceptions' table is cut into pages here: Qt would split a row over two.
    rows = exception_rows(data.audit.rows, plant_time, data.people)
    heading_row, *heights = row_heights(rows, writer, font, width)
    title = _probe(writer, font, width, f"<h2>{_e(tr('Every exception'))}</h2>")
    room = page_h * 0.98  # what rounding may take
    per_page = pack(heights, room - title.size().height(), room, heading_row)
    doc.setHtml(report_html(data, plant_time, chart_width, per_page))
    _repeat_table_headings(doc)
    pages = doc.pageCount()
    heading = _heading(data, plant_time)
    generated = plant_time.stamp(generated_at) if generated_at is not None else ""

    painter = QPainter(writer)
    try:
        painter.setFont(font)
        for page in range(pages):
            if page:
                writer.newPage()
            painter.setPen(Qt.GlobalColor.black)
            top = QRectF(0, 0, width, header_h * 0.8)
            painter.drawText(
                top,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                f"{tr('Execution audit')} · {heading}",
            )
            if generated:
                painter.drawText(
                    top,
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                    tr("printed {when}").format(when=generated),
                )
            painter.drawLine(0, int(header_h * 0.8), int(width), int(header_h * 0.8))
            bottom = QRectF(0, height - footer_h * 0.8, width, footer_h * 0.8)
            painter.drawText(
                bottom,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                tr("page {n} of {total}").format(n=page + 1, total=pages),
            )
            painter.save()
            painter.translate(0, header_h - page * page_h)
            context = QAbstractTextDocumentLayout.PaintContext()
            body = QRectF(0, page * page_h, width, page_h)
            context.clip = body
            # The context's clip only picks what to draw: a row that runs over the page's
            # end would show through the next page's header without the painter's clip.
            painter.setClipRect(body)
            doc.documentLayout().draw(painter, context)
            painter.restore()
    finally:
        painter.end()
    return pages


def _repeat_table_headings(doc: QTextDocument) -> None:
    """A table's first row is its heading, repeated on every page it runs over."""
    frames = [doc.rootFrame()]
    while frames:
        frame = frames.pop()
        for child in frame.childFrames():
            table_format = child.frameFormat()
            if table_format.isTableFormat():
                fmt = table_format.toTableFormat()
                fmt.setHeaderRowCount(1)
                child.setFrameFormat(fmt)
            frames.append(child)


def _tables(doc: QTextDocument) -> list[QTextTable]:
    found, frames = [], [doc.rootFrame()]
    while frames:
        frame = frames.pop()
        for child in frame.childFrames():
            if isinstance(child, QTextTable):
                found.append(child)
            frames.append(child)
    return found


def _probe(device: QPdfWriter, font: QFont, width: float, body: str) -> QTextDocument:
    """`body` laid out as the report lays it out, on one endless page."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(_STYLE)
    doc.setDocumentMargin(0)
    doc.setTextWidth(width)
    doc.setHtml(body)  # a fragment is HTML to setHtml: no <html><body> needed
    return doc


def row_heights(
    rows: Sequence[Sequence[str]], device: QPdfWriter, font: QFont, width: float
) -> list[float]:
    """The height of the exceptions table's heading, then of each row, as laid out."""
    doc = _probe(device, font, width, exception_tables(rows))
    layout = doc.documentLayout()
    (table,) = _tables(doc)
    tops = [
        min(
            layout.blockBoundingRect(table.cellAt(r, c).firstCursorPosition().block()).top()
            for c in range(table.columns())
        )
        for r in range(table.rows())
    ]
    bottom = layout.frameBoundingRect(table).bottom()
    return [b - a for a, b in zip(tops, [*tops[1:], bottom], strict=True)]


def pack(heights: Sequence[float], first: float, rest: float, heading: float) -> list[int]:
    """How many rows each page takes: whole rows under the heading row, the first page
    having `first` of height, the others `rest`; a row taller than a page alone."""
    pages: list[int] = []
    room, count = first - heading, 0
    for height in heights:
        if count and height > room:
            pages.append(count)
            room, count = rest - heading, 0
        room -= height
        count += 1
    if count or not pages:
        pages.append(count)
    return pages
