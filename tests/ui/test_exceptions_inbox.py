"""The inbox and the detail screen in the terminal window: own, count down, decide, export."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from app.clock import FixedClock
from app.model.types import ExceptionKind, ExceptionStatus
from app.priority.model import RowStatus
from app.services.exceptions import ExceptionService, NewException
from app.store import Store
from ui.exceptions.inbox_model import ExceptionColumn
from ui.main_window import MainWindow

WC = "LAT-01"
TIMEOUT = 20_000
OPERATOR, PROCUREMENT = "1001", "5001"


def _ready_op(win: MainWindow) -> str:
    return next(r.op_id for r in win.controller.lane(WC) if r.status is RowStatus.READY)


def _status(win: MainWindow, op_id: str) -> RowStatus:
    return next(r.status for r in win.controller.lane(WC) if r.op_id == op_id)


def _login(qtbot, win: MainWindow, badge: str) -> None:
    with qtbot.waitSignal(win.sig_home_shown, timeout=TIMEOUT):
        qtbot.keyClicks(win.login_view.badge, badge)
        qtbot.keyClick(win.login_view.badge, Qt.Key.Key_Return)


def _open_inbox(qtbot, win: MainWindow) -> None:
    with qtbot.waitSignal(win.inbox_view.sig_refreshed, timeout=TIMEOUT):
        qtbot.mouseClick(win.nav_inbox, Qt.MouseButton.LeftButton)
    assert win.current is win.inbox_view


def _cell(win: MainWindow, row: int, column: ExceptionColumn) -> str:
    model = win.inbox_view.model
    return str(model.index(row, column).data())


def _shortage(store: Store, clock: FixedClock, op_id: str, summary: str = "bar missing") -> str:
    return ExceptionService(store, clock).raise_exception(
        OPERATOR,
        NewException(
            ExceptionKind.MATERIAL_SHORTAGE, summary, operation_id=op_id, item="RM-BAR-S355-90"
        ),
    )


def test_procurement_acknowledges_and_resolves_a_shortage_and_the_board_releases_it(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    _login(qtbot, window, "RVS-5001")  # Sofia Marino, procurement
    op_id = _ready_op(window)
    exc_id = _shortage(demo_store, clock, op_id)
    window.controller.request_reload()
    qtbot.waitUntil(lambda: _status(window, op_id) is RowStatus.BLOCKED_MATERIAL, timeout=TIMEOUT)

    _open_inbox(qtbot, window)
    inbox = window.inbox_view
    row = inbox.model.row_of(exc_id)
    assert row is not None
    assert _cell(window, row, ExceptionColumn.DUE) == "15:00 to acknowledge"
    assert _cell(window, row, ExceptionColumn.OWNER) == "procurement"
    assert {t.function.value for t in inbox.task_model._rows} == {"procurement"}
    # The countdown follows the clock; only its column is signalled.
    changed: list[tuple[int, int]] = []
    inbox.model.dataChanged.connect(lambda a, b, _roles: changed.append((a.column(), b.column())))
    clock.advance(timedelta(minutes=16, seconds=30))
    inbox.tick()
    assert _cell(window, row, ExceptionColumn.DUE) == "OVERDUE 1:30 to acknowledge"
    assert changed == [(ExceptionColumn.DUE, ExceptionColumn.DUE)]

    inbox.select(exc_id)
    assert inbox.acknowledge_button.isEnabled()
    with qtbot.waitSignal(inbox.sig_refreshed, timeout=TIMEOUT):
        qtbot.mouseClick(inbox.acknowledge_button, Qt.MouseButton.LeftButton)
    assert inbox.selected() is not None
    assert inbox.selected().status is ExceptionStatus.ACKNOWLEDGED
    assert _cell(window, inbox.model.row_of(exc_id), ExceptionColumn.DUE).endswith("to resolve")

    qtbot.mouseClick(inbox.resolve_button, Qt.MouseButton.LeftButton)
    dialog = inbox.dialog
    assert dialog is not None
    assert "disposition" not in dialog.inputs  # only quality holds have one
    qtbot.keyClicks(dialog.inputs["decision"], "bar delivered from stores")
    dialog.set_value("root_cause", "material/staging")
    with qtbot.waitSignal(inbox.sig_refreshed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: inbox.dialog is None, timeout=TIMEOUT)
    resolved = inbox.model.row_at(inbox.model.row_of(exc_id))
    assert resolved.status is ExceptionStatus.RESOLVED
    assert resolved.root_cause == "material/staging"
    assert inbox.close_button.isEnabled() or inbox.selected() is None
    qtbot.waitUntil(
        lambda: _status(window, op_id) is not RowStatus.BLOCKED_MATERIAL, timeout=TIMEOUT
    )


def test_the_andon_banner_shows_when_a_new_exception_arrives(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    _login(qtbot, window, "RVS-5001")
    _open_inbox(qtbot, window)
    inbox = window.inbox_view
    assert not inbox.banner.isVisible()
    exc_id = _shortage(demo_store, clock, _ready_op(window), "no bar stock at LAT-01")
    with qtbot.waitSignal(inbox.sig_andon, timeout=TIMEOUT) as andon:
        inbox.refresh()  # the 5 s timer does this on the floor
    assert andon.args == [[exc_id]]
    assert inbox.banner.isVisible()
    assert "NEW MATERIAL SHORTAGE" in inbox.banner.text()
    assert "no bar stock at LAT-01" in inbox.banner.text()
    with (
        qtbot.assertNotEmitted(inbox.sig_andon),
        qtbot.waitSignal(inbox.sig_refreshed, timeout=TIMEOUT),
    ):
        inbox.refresh()  # seen once: no second alarm
    qtbot.mouseClick(inbox.banner_dismiss, Qt.MouseButton.LeftButton)
    assert not inbox.banner.isVisible()


def test_a_refused_command_says_why_in_the_inbox(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    _login(qtbot, window, "RVS-5001")
    exc_id = _shortage(demo_store, clock, _ready_op(window))
    _open_inbox(qtbot, window)
    inbox = window.inbox_view
    inbox.select(exc_id)
    qtbot.mouseClick(inbox.reassign_button, Qt.MouseButton.LeftButton)
    dialog = inbox.dialog
    assert dialog is not None
    dialog.set_value("owner_role", "procurement")
    qtbot.keyClicks(dialog.inputs["reason"], "keep it")
    with qtbot.waitSignal(window.exceptions.sig_command_failed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    # The field by its label on the form ("To"), never its internal name.
    assert "To: it already belongs there" in dialog.error.text()
    assert "owner_role" not in dialog.error.text()
    assert dialog.inputs["owner_role"].property("error") is True
    assert dialog.isVisible()


def test_the_detail_screen_shows_the_history_and_exports_it(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    _login(qtbot, window, "RVS-5001")
    exc_id = _shortage(demo_store, clock, _ready_op(window), "bar stock missing")
    service = ExceptionService(demo_store, clock)
    clock.advance(timedelta(minutes=3))
    service.acknowledge(PROCUREMENT, exc_id)
    clock.advance(timedelta(minutes=30))
    service.resolve(
        PROCUREMENT, exc_id, decision="bar delivered", root_cause="material/staging", note="rack 4"
    )
    _open_inbox(qtbot, window)
    window.inbox_view.select(exc_id)
    detail = window.detail_view
    with qtbot.waitSignal(detail.sig_loaded, timeout=TIMEOUT):
        qtbot.mouseClick(window.inbox_view.details_button, Qt.MouseButton.LeftButton)
    assert window.current is detail
    whats = [
        detail.history_model.index(r, 2).data() for r in range(detail.history_model.rowCount())
    ]
    whos = {detail.history_model.index(r, 1).data() for r in range(detail.history_model.rowCount())}
    assert whats[0].startswith("raised material shortage")
    assert "acknowledged" in whats
    assert any(w.startswith("resolved: bar delivered") for w in whats)
    assert {"Ana Petrović", "Sofia Marino"} <= whos
    assert detail.task_model.rowCount() >= 2

    path = detail.export(tmp_path / "history.txt")
    text = path.read_text("utf-8")
    assert f"Exception {exc_id}" in text
    assert "Summary: bar stock missing" in text
    lines = text.splitlines()
    raised = next(line for line in lines if "raised material shortage" in line)
    assert "Ana Petrović (1001)" in raised
    assert "routed by rule “Material shortage” to procurement" in raised
    acked = next(line for line in lines if line.endswith("| acknowledged"))
    assert "Sofia Marino (5001)" in acked
    resolved = next(line for line in lines if "resolved: bar delivered" in line)
    assert resolved.endswith("| root cause material/staging; rack 4")
    # Its task was still open: resolving closed it with the exception, and says so.
    assert "procurement | Expedite the missing material | closed with the exception" in text
    assert any("open task(s) closed with it" in w for w in whats)
    assert "closed with it" in detail.facts.text()
    with qtbot.waitSignal(window.inbox_view.sig_refreshed, timeout=TIMEOUT):
        qtbot.mouseClick(detail.back, Qt.MouseButton.LeftButton)
    assert window.current is window.inbox_view


def test_an_escalated_shortage_reaches_the_supervisors_inbox_who_acknowledges_and_resolves_it(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    _login(qtbot, window, "RVS-2002")  # Tomasz Nowak, supervisor only
    op_id = _ready_op(window)
    exc_id = _shortage(demo_store, clock, op_id, summary="bar missing at the lathe")
    _open_inbox(qtbot, window)
    inbox = window.inbox_view
    assert inbox.model.row_of(exc_id) is None  # procurement's, not yet the supervisor's
    clock.advance(timedelta(minutes=31))  # the ladder's first tier: to the supervisor
    ExceptionService(demo_store, clock).check_deadlines()
    with qtbot.waitSignal(inbox.sig_refreshed, timeout=TIMEOUT):
        inbox.refresh()
    assert inbox.model.row_of(exc_id) is not None
    inbox.select(exc_id)
    with qtbot.waitSignal(inbox.sig_refreshed, timeout=TIMEOUT):
        qtbot.mouseClick(inbox.acknowledge_button, Qt.MouseButton.LeftButton)
    assert inbox.selected().status is ExceptionStatus.ACKNOWLEDGED
    qtbot.mouseClick(inbox.resolve_button, Qt.MouseButton.LeftButton)
    dialog = inbox.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.inputs["decision"], "moved the job to LAT-02, bar there")
    dialog.set_value("root_cause", "material/staging")
    with qtbot.waitSignal(inbox.sig_refreshed, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    window.controller.request_reload()
    qtbot.waitUntil(
        lambda: _status(window, op_id) is not RowStatus.BLOCKED_MATERIAL, timeout=TIMEOUT
    )
