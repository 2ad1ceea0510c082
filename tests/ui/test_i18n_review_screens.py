"""The sync review and the ERP postings say their words again when the language changes
while they are open: a small German catalogue is compiled here, installed, and the
language switch announced; taken away again, the words are English once more."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from app.model.types import PostingKind, PostingStatus
from app.queries_erp import PostingRow
from ui.erp.posting_dialogs import CancelPostingDialog
from ui.erp.postings_model import PostingColumn, PostingsModel
from ui.i18n import _state, tool, tr
from ui.sync_rejected import DropDialog, RejectedColumn, RejectedEventsDialog, RejectedRow

GERMAN = {
    "Send again": "Erneut senden",
    "Close": "Schließen",
    "Dropped": "Verworfen",
    "Why the server refused it": "Warum der Server es abgelehnt hat",
    "Drop": "Verwerfen",
    "Say why in at least {n} words.": "Sagen Sie in mindestens {n} Wörtern, warum.",
    "Kind": "Art",
    "Confirmation": "Rückmeldung",
    "Back": "Zurück",
}
HORIZONTAL, DISPLAY = Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
AT = datetime(2026, 11, 23, 8, 1, 2, tzinfo=UTC)
REJECTED = RejectedRow(
    when=AT,
    who="Ana Petrović",
    what="override set: LAT-01",
    why="only a supervisor or manager may override priority",
    event_id="e-1",
    kind="override.set",
)
POSTING = PostingRow(
    id="p-1",
    kind=PostingKind.CONFIRMATION,
    work_order="SWO-0003",
    occurred_at=AT,
    status=PostingStatus.FAILED,
    attempts=1,
    last_error="Work Order SWO-0003 is closed",
    erp_document=None,
    payload={"good": 12.0, "scrap": 0.0, "operation_seq": 20},
)

Switch = Callable[[bool], None]


def _compile(folder: Path) -> Path:
    """A German catalogue of GERMAN's words, as lrelease makes it for the app."""
    messages = "".join(
        f"<message><source>{escape(source)}</source>"
        f"<translation>{escape(german)}</translation></message>"
        for source, german in GERMAN.items()
    )
    ts = folder / "takt_test_de.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="de" sourcelanguage="en">'
        f"<context><name></name>{messages}</context></TS>\n",
        "utf-8",
    )
    qm = folder / "takt_test_de.qm"
    subprocess.run(
        [str(tool("lrelease")), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )
    return qm


@pytest.fixture
def german(qapp, tmp_path: Path) -> Iterator[Switch]:
    """`german(True)` installs the catalogue and announces the switch; `german(False)`
    takes it away and announces English."""
    translator = QTranslator()
    assert translator.load(str(_compile(tmp_path)))

    def switch(on: bool) -> None:
        if on:
            QCoreApplication.installTranslator(translator)
        else:
            QCoreApplication.removeTranslator(translator)
        _state().sig_changed.emit("de" if on else "en")

    yield switch
    if QCoreApplication.removeTranslator(translator):
        _state().sig_changed.emit("en")


def test_the_rejected_list_and_its_drop_dialog_change_language(qtbot, german: Switch) -> None:
    dialog = RejectedEventsDialog(tz=UTC)
    qtbot.addWidget(dialog)
    dialog.set_rows([REJECTED])
    dialog.show_message(lambda: tr("Dropped"))  # what the last decision did
    drop = DropDialog(REJECTED, dialog)
    model = dialog.model

    def said() -> tuple[str, ...]:
        return (
            dialog.send_button.text(),
            dialog.close_button.text(),
            dialog.message.text(),
            model.headerData(RejectedColumn.WHY, HORIZONTAL, DISPLAY),
            drop.ok.text(),
            drop.hint.text(),
        )

    english = said()
    assert english == (
        "Send again",
        "Close",
        "Dropped",
        "Why the server refused it",
        "Drop",
        "Say why in at least 3 words.",
    )
    with qtbot.waitSignal(model.headerDataChanged):  # the table asks for its words again
        german(True)
    assert said() == (
        "Erneut senden",
        "Schließen",
        "Verworfen",
        "Warum der Server es abgelehnt hat",
        "Verwerfen",
        "Sagen Sie in mindestens 3 Wörtern, warum.",
    )
    assert drop.cancel.text() == "Cancel"  # a word the catalogue lacks stays English

    german(False)
    assert said() == english


def test_the_postings_model_and_a_posting_dialog_change_language(qtbot, german: Switch) -> None:
    model = PostingsModel()
    model.set_rows([POSTING])
    dialog = CancelPostingDialog(POSTING)
    qtbot.addWidget(dialog)

    def said() -> tuple[str, ...]:
        return (
            model.headerData(PostingColumn.KIND, HORIZONTAL, DISPLAY),
            model.index(0, PostingColumn.KIND).data(),
            dialog.back.text(),
            dialog.explanation.text().split(" ")[0],
        )

    english = said()
    assert english == ("Kind", "Confirmation", "Back", "Confirmation")
    with qtbot.waitSignal(model.dataChanged):  # the cells are asked for again
        german(True)
    assert said() == ("Art", "Rückmeldung", "Zurück", "Rückmeldung")

    german(False)
    assert said() == english
