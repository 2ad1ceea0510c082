"""The kiosk lane and the supervisor board change their words while they run.

A kiosk speaks the language of whoever logs in, with no restart: a German catalogue of a
few of the board's words is compiled here, installed, and the screens are told the
language changed (as `ui.i18n.use_language` tells them). Every word must follow: fixed
labels and buttons, the job card, the lane models' headers and cells, the feedback on
screen, numbers in the German way; switching back brings the English again.
"""

from __future__ import annotations

import pickle
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QLineEdit

import ui.i18n as i18n
from app.model.types import ExceptionKind, Role
from app.priority.model import RowStatus
from app.services.people import Operator
from tests.ui.conftest import open_board, open_kiosk
from ui.board.board_controller import BoardController
from ui.board.kiosk_lane_view import KioskLaneView
from ui.board.lane_model import Column
from ui.board.number_pad import NumberPad
from ui.board.supervisor_board_view import SupervisorBoardView
from ui.common.formatting import parse_quantity, quantity

ANA = Operator(id="1001", name="Ana Petrović", roles=(Role.OPERATOR,))
WC = "LAT-01"

GERMAN = {
    "RUNNING NOW": "LÄUFT GERADE",
    "Shortage": "Fehlmenge",
    "Status": "Zustand",
    "READY": "BEREIT",
    "Queue · {count}": "Warteschlange · {count}",
    "{work_order} selected.": "{work_order} ausgewählt.",
    "Call / message": "Anruf / Nachricht",
    "All jobs": "Alle Aufträge",
    "Pick a job to override its rank.": "Einen Auftrag wählen, um seinen Rang zu ändern.",
    "Log in to raise an exception.": "Zum Melden bitte anmelden.",
}


def _catalogue(words: dict[str, str]) -> str:
    messages = "".join(
        f"<message><source>{escape(source)}</source>"
        f"<translation>{escape(text)}</translation></message>\n"
        for source, text in words.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="de" sourcelanguage="en">\n'
        f"<context><name></name>\n{messages}</context>\n</TS>\n"
    )


@contextmanager
def speaking_german(folder: Path) -> Iterator[None]:
    """The screens speak a small German catalogue (and German numbers) inside the block."""
    ts, qm = folder / "board_de.ts", folder / "board_de.qm"
    ts.write_text(_catalogue(GERMAN), "utf-8")
    subprocess.run(
        [str(i18n.tool("lrelease")), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )
    translator = QTranslator()
    assert translator.load(str(qm))
    app = QCoreApplication.instance()
    assert app is not None
    before = QLocale()
    app.installTranslator(translator)
    QLocale.setDefault(QLocale("de"))
    i18n._state().sig_changed.emit("de")  # what use_language tells the screens
    try:
        yield
    finally:
        app.removeTranslator(translator)
        QLocale.setDefault(before)
        i18n._state().sig_changed.emit(i18n.current_language())


@pytest.fixture
def kiosk(qtbot, controller: BoardController) -> KioskLaneView:
    return open_kiosk(qtbot, controller, ANA, WC)


@pytest.fixture
def board(qtbot, controller: BoardController) -> SupervisorBoardView:
    return open_board(qtbot, controller, None)


def _ready_row(kiosk: KioskLaneView) -> int:
    rows = kiosk.model.ranked_rows()
    return next(i for i, r in enumerate(rows) if r.status is RowStatus.READY)


def _kiosk_words(kiosk: KioskLaneView, ready: int) -> dict[str, str]:
    model = kiosk.model
    return {
        "title": kiosk.running_panel.title.text(),
        "button": kiosk.exception_bar.buttons[ExceptionKind.MATERIAL_SHORTAGE].text(),
        "header": model.headerData(Column.STATUS, Qt.Orientation.Horizontal),
        "cell": model.index(ready, Column.STATUS).data(),
        "card": kiosk.card.status.text(),
        "tab": kiosk.queue_title.text(),
        "message": kiosk.message.text(),
        "qty": model.index(ready, Column.QTY).data(),
    }


def test_the_kiosk_lane_says_every_word_again_when_the_language_changes(
    qtbot, tmp_path: Path, kiosk: KioskLaneView
) -> None:
    ready = _ready_row(kiosk)
    job = kiosk.model.job_at(ready)
    assert job is not None
    kiosk.select_row(ready)  # the card shows this job, and the feedback names it
    kiosk.select_code(job.work_order)
    english = _kiosk_words(kiosk, ready)
    count = kiosk.model.rowCount()
    assert english == {
        "title": "RUNNING NOW",
        "button": "Shortage",
        "header": "Status",
        "cell": "READY",
        "card": "READY",
        "tab": f"Queue · {count}",
        "message": f"{job.work_order} selected.",
        "qty": f"{job.qty_good:g} / {job.quantity:g}",
    }
    changed: list[object] = []
    kiosk.model.dataChanged.connect(lambda *args: changed.append(args))

    with speaking_german(tmp_path):
        german = _kiosk_words(kiosk, ready)
        assert changed  # the views were told the cells changed
        de = QLocale("de")
        assert german == {
            "title": "LÄUFT GERADE",
            "button": "Fehlmenge",
            "header": "Zustand",
            "cell": "BEREIT",
            "card": "BEREIT",
            "tab": f"Warteschlange · {count}",
            "message": f"{job.work_order} ausgewählt.",
            "qty": f"{de.toString(job.qty_good, 'g', 6)} / {de.toString(job.quantity, 'g', 6)}",
        }
        assert kiosk.message.shown()  # said again where it was, not hidden

    assert _kiosk_words(kiosk, ready) == english


def test_the_supervisor_board_says_every_word_again_when_the_language_changes(
    tmp_path: Path, board: SupervisorBoardView
) -> None:
    lane = board.lane(WC)

    def words() -> list[str]:
        return [
            board.raise_bar.log_call_button.text(),
            board.raise_bar.exception_buttons[ExceptionKind.MATERIAL_SHORTAGE].text(),
            board.filter_combo.currentText(),
            board.selection_label.full_text(),
            board.message.text(),
            lane.model.headerData(Column.STATUS, Qt.Orientation.Horizontal),
        ]

    # Nobody is logged in: raising an exception, the board says so.
    board.raise_bar.exception_buttons[ExceptionKind.MATERIAL_SHORTAGE].click()
    english = words()
    assert english == [
        "Call / message",
        "Shortage",
        "All jobs",
        "Pick a job to override its rank.",
        "Log in to raise an exception.",
        "Status",
    ]
    with speaking_german(tmp_path):
        assert words() == [
            "Anruf / Nachricht",
            "Fehlmenge",
            "Alle Aufträge",
            "Einen Auftrag wählen, um seinen Rang zu ändern.",
            "Zum Melden bitte anmelden.",
            "Zustand",
        ]
        statuses = [lane.model.index(r, Column.STATUS).data() for r in range(lane.model.rowCount())]
        assert "BEREIT" in statuses
        assert "READY" not in statuses
        # The filter still filters: its choice is kept by its key, not its words.
        board.filter_combo.setCurrentIndex(board.filter_combo.findData("Running"))
        assert lane.proxy.rowCount() == 1
        board.filter_combo.setCurrentIndex(0)
    assert words() == english


def test_quantities_read_and_parse_the_languages_way(qtbot, tmp_path: Path) -> None:
    assert quantity(1234.5) == "1234.5"  # the tests' C locale: as before
    field = QLineEdit()
    pad = NumberPad(field)
    qtbot.addWidget(pad)
    with speaking_german(tmp_path):
        assert quantity(1234.5) == "1.234,5"
        assert quantity(12.0) == "12"
        assert parse_quantity("1.234,5") == 1234.5
        assert parse_quantity("12,5") == 12.5
        assert parse_quantity("12.5") == 12.5  # a scanner or a habit typing a point
        assert parse_quantity("zwölf") is None
        assert pad.keys["."].text() == ","
        for key in ("1", "2", ".", "5"):
            qtbot.mouseClick(pad.keys[key], Qt.MouseButton.LeftButton)
        assert field.text() == "12,5"
        assert parse_quantity(field.text()) == 12.5
    assert pad.keys["."].text() == "."
    assert parse_quantity("12,5") == 12.5  # a decimal comma is read in English too


def test_the_domains_numbers_follow_the_language() -> None:
    """A ranking reason and a refusal carry their numbers as numbers: English digits in
    the record, the reader's own on the screen (the shipped German catalogue)."""
    from app.i18n import Number, tr
    from app.limits import quantity as domain_quantity

    ratio = tr("critical ratio {cr}", cr=Number(1.6, 1, fixed=True))
    refusal = tr("must be at most {max}", max=domain_quantity(1234567.5))
    assert (ratio, refusal) == ("critical ratio 1.6", "must be at most 1,234,567.5")
    assert pickle.loads(pickle.dumps(refusal)).params["max"].value == 1234567.5
    i18n.use_language("de")
    try:
        assert i18n.translated(ratio) == "kritisches Verhältnis 1,6"
        assert i18n.translated(refusal) == "darf höchstens 1.234.567,5 sein"
        assert i18n.translated(Number(2.0, 1, fixed=True)) == "2,0"
        assert i18n.translated(domain_quantity(-0.0)) == "0"
    finally:
        i18n.use_language("en")
    assert i18n.translated(ratio) == "critical ratio 1.6"
