"""The Metrics screen on the demo plant after a simulated shift: the charts render, a
bar clicked lists exactly the cases behind it, a case opens its exception, and the
audit exported from the screen as CSV reads back the same."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QPushButton

from app.clock import FixedClock
from app.metrics import (
    Dimension,
    Period,
    first_pass_cases,
    load_history,
    read_audit_csv,
    resolution_cases,
    sla_cases,
)
from app.metrics.figures import Facets
from app.store import Store
from tests.ui.conftest import open_from_nav
from tests.ui.metrics_shift import Shift, simulate_shift
from ui.background import Background
from ui.metrics.metrics_data import ChartKind, PeriodChoice
from ui.metrics.metrics_view import MetricsView
from ui.theme import apply_theme
from ui.tour import log_in

LOAD_TIMEOUT = 20_000
SHOTS = os.environ.get("TAKT_METRICS_SHOTS")  # a folder: the screenshots are kept there


@pytest.fixture
def shift(demo_store: Store, clock: FixedClock) -> Shift:
    return simulate_shift(demo_store, clock)


@pytest.fixture
def view(qtbot, demo_store: Store, clock: FixedClock, shift: Shift) -> Iterator[MetricsView]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "desk")
    background = Background()
    screen = MetricsView(demo_store, background, clock)
    qtbot.addWidget(screen)
    screen.resize(1920, 1000)
    screen.show()
    with qtbot.waitSignal(screen.sig_loaded, timeout=LOAD_TIMEOUT):
        screen.set_choice(PeriodChoice.MONTH)
    yield screen
    screen.close()
    background.shutdown()


def _history(store: Store):  # type: ignore[no-untyped-def]
    with store.read() as session:
        return load_history(session)


def test_every_chart_renders_what_the_shift_left(
    view: MetricsView, shift: Shift, tmp_path: Path
) -> None:
    data = view.data
    assert data is not None
    kinds = data.chart(ChartKind.KINDS)
    assert kinds.cases == len(shift.raised) == 11
    assert kinds.open == len(shift.open)
    assert next(b.label for b in kinds.bars) == "machine_downtime"  # the biggest first
    assert kinds.cumulative[-1] == pytest.approx(100.0)
    downtime = data.chart(ChartKind.DOWNTIME)
    assert {c.id for b in downtime.bars for c in b.cases} == set(shift.downtimes)
    assert downtime.bars[0].label == "machine/breakdown"
    assert downtime.bars[0].count == 3
    resolution = data.chart(ChartKind.RESOLUTION)
    assert sum(b.count for b in resolution.bars) == resolution.cases - resolution.open
    assert resolution.median is not None
    assert resolution.p90 is not None
    for kind, chart in view.charts.items():
        assert chart.chart is data.chart(kind)
        assert chart.title.text()
        assert chart.caption.text()
        image = chart.plot.grab().toImage()
        assert not image.isNull()
        # Drawn: more than the background colour on it.
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 7)
            for y in range(0, image.height(), 7)
        }
        assert len(colours) > 3, kind
    view.charts[ChartKind.KINDS].select_bar(0)
    view.case_table.selectRow(1)
    for size in ((1920, 1080), (1280, 800)):
        view.resize(*size)
        QApplication.processEvents()
        shot = view.grab()
        assert shot.width() == size[0]
        folder = Path(SHOTS) if SHOTS else tmp_path
        assert shot.save(str(folder / f"metrics-{size[0]}x{size[1]}.png"))


def test_a_bar_clicked_lists_exactly_its_cases(
    view: MetricsView, demo_store: Store, shift: Shift
) -> None:
    data = view.data
    assert data is not None
    history = _history(demo_store)
    period = data.period
    # Exceptions by type: the downtime bar lists the five downtimes.
    kinds = view.charts[ChartKind.KINDS]
    kinds.select_bar(0)
    assert {c.id for c in view.cases.cases()} == set(shift.downtimes)
    assert view.cases.rowCount() == 5
    expected = {c.id for c in resolution_cases(history, period) if c.kind == "machine_downtime"}
    assert {c.id for c in view.cases.cases()} == expected
    assert "5" in view.cases_title.text()
    # SLA by function: the maintenance bar lists maintenance's deadlines.
    sla = view.charts[ChartKind.SLA]
    functions = [b.label for b in sla.chart.bars] if sla.chart else []
    n = functions.index("maintenance")
    sla.select_bar(n)
    assert kinds.selected is None  # one bar picked at a time
    listed = sorted((c.id, c.step) for c in view.cases.cases())
    assert listed == sorted(
        (c.id, c.step) for c in sla_cases(history, period) if c.function == "maintenance"
    )
    # First pass by day: the day's exceptions.
    first = view.charts[ChartKind.FIRST_PASS]
    first.select_bar(0)
    day = Facets(history).accessor(Dimension.DAY)
    assert {c.id for c in view.cases.cases()} == {
        c.id
        for c in first_pass_cases(history, period)
        if day(c) == first.chart.bars[0].label  # type: ignore[union-attr]
    }


def test_a_click_on_a_bar_picks_it(view: MetricsView, qtbot) -> None:
    chart = view.charts[ChartKind.KINDS]
    box = chart.plot.getPlotItem().getViewBox()
    inside = box.mapViewToScene(box.mapToView(box.boundingRect().center()))
    # The middle of bar 1 (x = 1), a little above the axis.
    point = box.mapViewToScene(type(inside)(1.0, 0.5))
    assert chart.bar_at(point) == 1
    with qtbot.waitSignal(chart.sig_bar_clicked) as blocker:
        chart.select_bar(chart.bar_at(point) or 0)
    assert blocker.args == [ChartKind.KINDS.value, 1]


def test_opening_a_case_asks_for_its_exception(view: MetricsView, qtbot, shift: Shift) -> None:
    view.charts[ChartKind.DOWNTIME].select_bar(0)
    assert not view.open_button.isEnabled()
    view.case_table.selectRow(0)
    assert view.open_button.isEnabled()
    with qtbot.waitSignal(view.sig_exception_requested) as blocker:
        view.open_button.click()
    assert blocker.args[0] in shift.downtimes


def test_the_cases_model_passes_the_model_tester(view: MetricsView, qtmodeltester) -> None:
    view.charts[ChartKind.SLA].select_bar(0)
    assert view.cases.rowCount() > 0
    qtmodeltester.check(view.cases)


def test_the_csv_exported_from_the_screen_reads_back(
    view: MetricsView, tmp_path: Path, qtbot, shift: Shift
) -> None:
    path = tmp_path / "audit.csv"
    view.export_csv(path)
    qtbot.waitUntil(lambda: "written" in view.state.text(), timeout=LOAD_TIMEOUT)
    with path.open(encoding="utf-8", newline="") as file:
        rows = read_audit_csv(file)
    assert view.data is not None
    assert view.data.audit is not None
    assert rows == list(view.data.audit.rows)
    assert {r.exception_id for r in rows} == set(shift.raised)


def test_the_shift_period_starts_with_the_running_shift(
    qtbot, view: MetricsView, clock: FixedClock
) -> None:
    with qtbot.waitSignal(view.sig_loaded, timeout=LOAD_TIMEOUT):
        view.period_buttons[PeriodChoice.SHIFT].click()
    assert view.choice is PeriodChoice.SHIFT
    assert view.data is not None
    period = view.data.period
    assert period.end == clock.now()
    assert timedelta(0) < period.end - period.start <= timedelta(hours=12)
    month = Period.ending(clock.now(), 30)
    assert month.start < period.start


@pytest.mark.parametrize("theme", ["desk"])
def test_the_window_shows_metrics_to_supervisors_only(window, qtbot, shift: Shift) -> None:  # type: ignore[no-untyped-def]
    overflow = window.nav_overflow
    log_in(window, "RVS-1001")  # an operator
    assert not overflow.is_offered(window.nav_metrics)
    assert not window.nav_metrics.isVisible()
    window.nav_logout.click()
    log_in(window, "RVS-2001")  # a supervisor
    assert overflow.is_offered(window.nav_metrics)
    with qtbot.waitSignal(window.metrics_view.sig_loaded, timeout=LOAD_TIMEOUT):
        open_from_nav(window, window.nav_metrics)
    assert window.current is window.metrics_view
    window.metrics_view.charts[ChartKind.KINDS].select_bar(0)
    QApplication.processEvents()
    # The navigation bar still has room for every button's words.
    for button in window.nav.findChildren(QPushButton):
        if button.isVisible():
            text = QFontMetrics(button.font()).horizontalAdvance(button.text())
            assert text <= button.width(), button.text()
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / "window-desk-1280x800.png"))
    window.metrics_view.case_table.selectRow(0)
    window.metrics_view.open_button.click()
    assert window.current is window.detail_view


def test_a_kiosk_does_not_offer_metrics(window, qtbot, shift: Shift) -> None:  # type: ignore[no-untyped-def]
    log_in(window, "RVS-2001")  # a supervisor, at a kiosk (the kiosk theme)
    assert not window.nav_metrics.isVisible()
    # Not offered, yet it works when asked for (the screenshots' tour does).
    with qtbot.waitSignal(window.metrics_view.sig_loaded, timeout=LOAD_TIMEOUT):
        window.show_metrics()
    assert window.current is window.metrics_view
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / "window-kiosk-1280x800.png"))
