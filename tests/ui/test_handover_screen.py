"""The shift handover screens (issue 15), offscreen on the demo plant after a simulated
shift: the outgoing lead's screen with every section and note editing, the incoming
lead's accept / query / sign, and the board header's warning while the handover is
unsigned. Screenshots at the kiosk's 1280x800 and a desk's 1920x1080 are written to /tmp
for people to look at."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.clock import FixedClock
from app.demo.shift import ERP_REFUSAL, seed_shift_calendars, simulate_shift
from app.model.handover import HandoverItemStatus, HandoverStatus
from app.model.types import Role
from app.services.people import Operator
from app.store import Store
from tests.ui.conftest import LOAD_TIMEOUT, open_board, open_from_nav
from ui.background import Background
from ui.board.board_controller import BoardController
from ui.common.timefmt import PlantTime
from ui.handover.handover_controller import HandoverController
from ui.handover.handover_view import HandoverScreenView
from ui.main_window import MainWindow
from ui.theme import apply_theme

# The demo plant is staged at 08:00 UTC on Monday; the late shift (14:00-22:00 Berlin)
# is simulated after it, and the screen opens five minutes before that shift ends.
LATE_START = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
LOOKED_AT = datetime(2026, 11, 23, 20, 55, tzinfo=UTC)
OUTGOING = Operator("2001", "Katrin Vogel", (Role.SUPERVISOR, Role.OPERATOR))
INCOMING = Operator("2002", "Tomasz Nowak", (Role.SUPERVISOR,))


@pytest.fixture
def shift_store(demo_store: Store, clock: FixedClock) -> Store:
    seed_shift_calendars(demo_store, clock)
    simulate_shift(demo_store, clock, LATE_START)
    clock.set(LOOKED_AT)
    return demo_store


@pytest.fixture
def handover(
    qtbot, shift_store: Store, clock: FixedClock, background: Background, theme: str
) -> Iterator[HandoverController]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    ctl = HandoverController(shift_store, background, clock)
    yield ctl
    ctl.close()
    background.wait()


def open_screen(
    qtbot, handover: HandoverController, operator: Operator, size: tuple[int, int] = (1280, 800)
) -> HandoverScreenView:
    view = HandoverScreenView(handover)
    view.set_clock(PlantTime("Europe/Berlin"))
    qtbot.addWidget(view)
    view.set_operator(operator)
    view.set_area("FAB")
    view.resize(*size)
    with qtbot.waitSignal(view.sig_shown, timeout=LOAD_TIMEOUT):
        view.show()
    return view


def test_the_outgoing_leads_screen_shows_the_shift(
    qtbot, qtmodeltester, handover: HandoverController
) -> None:
    view = open_screen(qtbot, handover, OUTGOING)
    shown = view.view()
    assert shown is not None
    assert (shown.shift.area, shown.shift.name) == ("FAB", "late")
    assert view.area_combo.currentData() == "FAB"
    assert shown.status is HandoverStatus.OPEN
    # What the simulated shift did: two stops, one resolved; a shortage; three jobs
    # confirmed; overrides; two postings refused.
    assert len(shown.raised) == 3
    assert len(shown.resolved) == 1
    assert {d.reason for d in shown.downtime} >= {"mechanical/hydraulic", "tooling/broken"}
    assert len(shown.refused) == 2
    assert all(r.error == ERP_REFUSAL for r in shown.refused)
    assert shown.overrides
    assert all(o.reason for o in shown.overrides)
    assert any(o.good > 0 for o in shown.output)
    assert view.items.rowCount() == len(shown.still_open) + 2
    for model in (
        view.items,
        view.exceptions,
        view.downtime,
        view.output,
        view.overrides,
        view.refused,
    ):
        qtmodeltester.check(model)
    assert "3 raised, 1 resolved" in view.numbers.text()
    assert view.tabs.tabText(0) == f"Open items ({view.items.rowCount()})"
    assert view.submit_button.isVisible()
    assert not view.sign_button.isVisible()
    assert view.grab().save("/tmp/handover.png")
    assert view.window().width() <= 1280


def test_notes_then_hand_over_from_the_screen(qtbot, handover: HandoverController) -> None:
    view = open_screen(qtbot, handover, OUTGOING)
    view.select_item(0)
    key = view.selected_item().key
    view.item_note.setPlainText("supplier promised the sheet for 06:00")
    qtbot.mouseClick(view.item_note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(i.key == key and i.note for i in view.items.rows), timeout=LOAD_TIMEOUT
    )
    (noted,) = [i for i in view.items.rows if i.key == key]
    assert noted.note == "supplier promised the sheet for 06:00"
    view.shift_note.setPlainText("press brake 1 resealed; watch the pressure")
    qtbot.mouseClick(view.shift_note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.view().note is not None, timeout=LOAD_TIMEOUT)
    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.view().status is HandoverStatus.SUBMITTED, timeout=LOAD_TIMEOUT)
    shown = view.view()
    assert shown is not None
    assert shown.note == "press brake 1 resealed; watch the pressure"
    assert "not signed yet" in view.state.full_text()
    assert not view.submit_button.isVisible()
    assert not view.accept_button.isVisible()  # not for the lead who handed over


def test_the_incoming_lead_queries_accepts_and_signs(
    qtbot, handover: HandoverController, controller: BoardController, shift_store: Store
) -> None:
    outgoing = open_screen(qtbot, handover, OUTGOING)
    qtbot.mouseClick(outgoing.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: outgoing.view().status is HandoverStatus.SUBMITTED, timeout=LOAD_TIMEOUT
    )
    outgoing.close()
    board = open_board(qtbot, controller, INCOMING, area="FAB")
    handover.sig_unsigned.connect(board.show_unsigned_handovers)
    with qtbot.waitSignal(handover.sig_unsigned, timeout=LOAD_TIMEOUT):
        handover.refresh_unsigned()
    assert board.handover_flag.isVisible()
    assert "FAB" in board.handover_flag.text()
    board.grab().save("/tmp/handover-board.png")

    view = open_screen(qtbot, handover, INCOMING)
    assert view.accept_button.isVisible()
    assert view.sign_button.isVisible()
    assert not view.sign_button.isEnabled()  # nothing accepted yet
    view.select_item(0)
    qtbot.keyClicks(view.reply, "who follows the sheet up?")
    qtbot.mouseClick(view.query_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.items.rows[0].status is HandoverItemStatus.QUERIED, timeout=LOAD_TIMEOUT
    )
    for row in range(1, view.items.rowCount()):
        view.select_item(row)
        qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda r=row: view.items.rows[r].status is HandoverItemStatus.ACCEPTED,
            timeout=LOAD_TIMEOUT,
        )
    assert not view.sign_button.isEnabled()  # the queried item is not accepted
    assert view.grab().save("/tmp/handover-incoming.png")

    # The outgoing lead answers on their screen; then the incoming lead accepts and signs.
    answering = open_screen(qtbot, handover, OUTGOING)
    answering.select_item(0)
    assert answering.answer_button.isVisible()
    qtbot.keyClicks(answering.reply, "procurement, Erik has the order number")
    qtbot.mouseClick(answering.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.items.rows[0].status is HandoverItemStatus.ANSWERED, timeout=LOAD_TIMEOUT
    )
    answering.close()
    view.select_item(0)
    assert "Erik has the order number" in view.item_detail.text()
    qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.sign_button.isEnabled, timeout=LOAD_TIMEOUT)
    qtbot.mouseClick(view.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.view() is not None and view.view().status is HandoverStatus.SIGNED,
        timeout=LOAD_TIMEOUT,
    )
    assert "Signed by Tomasz Nowak" in view.state.full_text()
    qtbot.waitUntil(lambda: not board.handover_flag.isVisible())


@pytest.mark.parametrize("theme", ["desk"])
def test_the_desk_screen_at_1920(qtbot, handover: HandoverController, theme: str) -> None:
    view = open_screen(qtbot, handover, OUTGOING, size=(1920, 1080))
    assert view.items.rowCount() >= 1
    assert view.grab().save("/tmp/handover-desk.png")


def test_the_nav_button_is_for_leads_only(qtbot, window: MainWindow) -> None:
    window._on_login_view_logged_in(Operator("1001", "Ana Petrović", (Role.OPERATOR,)))
    assert not window.nav_handover.isVisible()
    assert not window.nav_overflow.is_offered(window.nav_handover)
    window._on_login_view_logged_in(OUTGOING)
    open_from_nav(window, window.nav_handover)  # on the bar, or under More
    assert window.stack.currentWidget() is window.handover_view
