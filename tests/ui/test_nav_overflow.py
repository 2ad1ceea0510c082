"""The navigation bar at a kiosk's width (ui/nav_overflow.py): a supervisor's screens
that do not fit go under "More", the last to matter on the floor first; none is cut;
choosing one there opens it and marks More; a wide screen shows them all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.i18n import use_language
from ui.main_window import MainWindow

SUPERVISOR = "RVS-2001"  # a demo badge (Katrin Vogel)
TIMEOUT = 20_000


@pytest.fixture
def theme() -> str:
    return "kiosk"


def _login(qtbot, win: MainWindow, badge: str) -> None:
    with qtbot.waitSignal(win.sig_home_shown, timeout=TIMEOUT):
        qtbot.keyClicks(win.login_view.badge, badge)
        qtbot.keyClick(win.login_view.badge, Qt.Key.Key_Return)


def _on_bar(win: MainWindow) -> list[str]:
    return [b.text() for b in win.nav_overflow.buttons if b.isVisible()]


def test_what_does_not_fit_goes_under_more_and_opens_from_there(qtbot, window: MainWindow) -> None:
    _login(qtbot, window, SUPERVISOR)
    use_language("de")  # longer words than English: the bar runs out of room
    QApplication.processEvents()
    overflow = window.nav_overflow
    assert overflow.more.isVisible()
    assert overflow.more.text() == "Mehr ▾"  # in the person's language too
    gone = [b.text() for b in overflow.overflow]
    assert gone
    assert "Arbeitsvorrat" in _on_bar(window)  # the lane stays, settings go
    assert window.nav_settings in overflow.overflow
    assert [a.text() for a in overflow.menu.actions()] == gone
    bar = window.nav.width()
    assert sum(w.width() for w in (*overflow.buttons, overflow.more) if w.isVisible()) < bar
    for button in (*overflow.buttons, overflow.more):  # nothing cut: each at its full size
        if button.isVisible():
            assert button.width() >= button.sizeHint().width(), button.text()

    # Settings from the menu: its screen shows, and More says it holds the current one.
    settings = next(a for a in overflow.menu.actions() if a.text() == window.nav_settings.text())
    settings.trigger()
    qtbot.waitUntil(lambda: window.current is window.settings_view, timeout=TIMEOUT)
    assert overflow.more.isChecked()
    window.nav_lane.click()
    qtbot.waitUntil(lambda: not overflow.more.isChecked(), timeout=TIMEOUT)

    # A wide screen has room for every screen the person may open.
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: not overflow.more.isVisible(), timeout=TIMEOUT)
    assert window.nav_settings.isVisible()


def test_a_screen_the_person_may_not_open_is_neither_on_the_bar_nor_under_more(
    qtbot, window: MainWindow
) -> None:
    _login(qtbot, window, "RVS-1001")  # an operator
    overflow = window.nav_overflow
    assert not window.nav_settings.isVisible()
    assert window.nav_settings not in overflow.overflow
    assert not overflow.more.isVisible()
