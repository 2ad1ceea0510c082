"""The one dialog that asks for a reason (ui.widgets.ReasonDialog): the action waits for a
reason of a few words and for the caller's own checks; a refusal keeps what was typed and
marks what to correct; a tall dialog scrolls with Cancel and the action in view, each big
enough for a finger on a kiosk."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QWidget

from app.errors import FieldProblem, ValidationError
from ui.theme import apply_theme
from ui.widgets import ReasonDialog, ReasonWords

TOUCH = 48  # px: a finger on a kiosk


def _words() -> ReasonWords:
    return ReasonWords(
        title="Scrap this lot",
        explanation="Lot L-17 of FG-1 (40 pieces).",
        reason_label="Reason (kept with the lot)",
        placeholder="e.g. burr on every flange",
        action="Scrap",
        busy="Scrapping…",
    )


@pytest.fixture
def host(qtbot) -> Iterator[QWidget]:
    """A kiosk window the dialogs open over."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "kiosk")
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    yield window
    window.close()


def _inside(widget: QWidget, top: QWidget) -> bool:
    rect = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
    return top.rect().contains(rect)


def test_the_action_waits_for_a_reason_and_the_callers_checks(qtbot, host: QWidget) -> None:
    dialog = ReasonDialog(_words, host)
    confirmed = QCheckBox("The lot is quarantined")
    dialog.add_content(confirmed)
    dialog.require(confirmed.isChecked, confirmed.toggled)
    dialog.open()
    assert dialog.windowTitle() == dialog.heading.text() == "Scrap this lot"
    assert dialog.hint.text() == "Say why in at least 3 words."
    assert (dialog.cancel.text(), dialog.ok.text()) == ("Cancel", "Scrap")
    assert not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.reason, "burr  everywhere")
    assert not dialog.ok.isEnabled()  # two words say too little
    qtbot.keyClicks(dialog.reason, " again")
    assert not dialog.ok.isEnabled()  # and the caller's own check does not hold yet
    confirmed.setChecked(True)
    assert dialog.ok.isEnabled()

    with qtbot.waitSignal(dialog.sig_submitted) as submitted:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert submitted.args == ["burr everywhere again"]
    assert not dialog.ok.isEnabled()  # once: the caller answers
    assert dialog.ok.text() == "Scrapping…"


def test_a_refusal_keeps_the_input_and_marks_what_to_correct(qtbot, host: QWidget) -> None:
    dialog = ReasonDialog(_words, host)
    lot = QLineEdit("L-17")
    dialog.add_content(lot)
    dialog.open()
    qtbot.keyClicks(dialog.reason, "burr on every flange")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # Enter in the reason submits it
    assert dialog.ok.text() == "Scrapping…"

    dialog.show_error(ValidationError(FieldProblem("lot", "is already scrapped")), [lot])
    assert dialog.error.text() == "Lot: is already scrapped"
    assert lot.property("error") is True
    assert dialog.reason.text() == "burr on every flange"
    assert dialog.ok.isEnabled()  # correct it and try again
    assert dialog.ok.text() == "Scrap"

    dialog.show_error("the lot is gone")  # another refusal: the last marks are cleared
    assert dialog.error.text() == "the lot is gone"
    assert not lot.property("error")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""


def test_a_tall_dialog_scrolls_with_its_buttons_in_view(qtbot, host: QWidget) -> None:
    dialog = ReasonDialog(_words, host)
    tall = QWidget()
    tall.setMinimumHeight(1500)  # much more than the kiosk's 800 px
    dialog.add_content(tall)
    dialog.open()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    window = QRect(host.mapToGlobal(QPoint(0, 0)), host.size())
    assert window.contains(QRect(dialog.mapToGlobal(QPoint(0, 0)), dialog.size()))
    assert dialog.form_scroll.verticalScrollBar().maximum() > 0
    for button in (dialog.cancel, dialog.ok):
        assert button.isVisible()
        assert _inside(button, dialog), button.text()
        assert button.height() >= TOUCH, button.text()
        assert button.width() >= button.sizeHint().width(), button.text()
    assert dialog.reason.height() >= TOUCH
