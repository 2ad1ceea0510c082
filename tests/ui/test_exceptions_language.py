"""The exception screens re-say their words when the language changes while they are open.

A small German catalogue is written here and compiled with Qt's lrelease, and the switch
goes through `ui.i18n.use_language` (its catalogue loader handed this one): the inbox, its
resolve form and a machine-down capture form are open when it comes, and every word below
must change, then change back to English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QPushButton

import ui.i18n as i18n
from app.clock import FixedClock
from app.model.types import ExceptionKind, Role
from app.priority.model import RowStatus
from app.queries_exceptions import capture_context
from app.services.exceptions import ExceptionService, NewException
from app.services.people import Operator
from app.store import Store
from ui.board.board_controller import BoardController
from ui.exceptions.capture import CaptureDialog
from ui.exceptions.choices import ReasonPicker
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.exceptions.inbox_model import ExceptionColumn
from ui.exceptions.inbox_view import InboxView

WC = "LAT-01"
TIMEOUT = 20_000
SOFIA = Operator(id="5001", name="Sofia Marino", roles=(Role.PROCUREMENT,))

GERMAN = {
    "Resolve…": "Erledigen…",
    "Inbox · {name} ({roles})": "Eingang · {name} ({roles})",
    "procurement": "Einkauf",
    "Type": "Art",
    "Root cause": "Grundursache",
    "Machine": "Maschine",
    "Decision": "Entscheidung",
    "Why is the machine down?": "Warum steht die Maschine?",
    "Raise": "Melden",
    "Raise: {kind}": "Melden: {kind}",
    "Machine down": "Maschine steht",
    "Mechanical": "Mechanik",
    "{category}: what exactly?": "{category}: was genau?",
}


def _catalogue(folder: Path) -> Path:
    messages = "".join(
        f"<message><source>{escape(source)}</source>"
        f"<translation>{escape(text)}</translation></message>"
        for source, text in GERMAN.items()
    )
    ts = folder / "exceptions_de.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="de" sourcelanguage="en">'
        f"<context><name></name>{messages}</context></TS>\n",
        "utf-8",
    )
    qm = folder / "exceptions_de.qm"
    i18n._run(i18n.tool("lrelease"), ["-silent", str(ts), "-qm", str(qm)])
    return qm


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`use_language("de")` installs this test's small catalogue (and nothing else)."""
    translator = QTranslator()
    assert translator.load(str(_catalogue(tmp_path)))
    monkeypatch.setattr(i18n, "_load_translators", lambda code: [translator])
    i18n.use_language("en")
    yield
    i18n.use_language("en")


def _tap(qtbot, button: QPushButton) -> None:
    assert button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_inbox_its_resolve_form_and_a_capture_form_say_their_words_again(
    qtbot,
    german: None,
    exceptions: ExceptionsController,
    controller: BoardController,
    demo_store: Store,
    clock: FixedClock,
) -> None:
    op_id = next(r.op_id for r in controller.lane(WC) if r.status is RowStatus.READY)
    exc_id = ExceptionService(demo_store, clock).raise_exception(
        "1001",
        NewException(
            ExceptionKind.MATERIAL_SHORTAGE,
            "bar missing",
            operation_id=op_id,
            item="RM-BAR-S355-90",
        ),
    )
    view = InboxView(exceptions)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    with qtbot.waitSignal(view.sig_refreshed, timeout=TIMEOUT):
        view.set_operator(SOFIA)
    view.select(exc_id)
    _tap(qtbot, view.resolve_button)
    resolve = view.dialog
    assert resolve is not None
    picker = resolve.inputs["root_cause"]
    assert isinstance(picker, ReasonPicker)
    qtbot.keyClicks(resolve.inputs["decision"], "bar delivered")  # what is typed stays

    with demo_store.read() as session:
        context = capture_context(session, WC, None)
    capture = CaptureDialog(ExceptionKind.MACHINE_DOWNTIME, context, exceptions, "1001")
    qtbot.addWidget(capture)
    capture.show()
    _tap(qtbot, capture.category_buttons["mechanical"])
    row = view.model.row_of(exc_id)
    assert row is not None

    def texts() -> dict[str, str]:
        header = view.model.headerData(ExceptionColumn.KIND, Qt.Orientation.Horizontal)
        return {
            "resolve button": view.resolve_button.text(),
            "title": view.title.text(),
            "type header": str(header),
            "owner cell": str(view.model.index(row, ExceptionColumn.OWNER).data()),
            "root cause label": resolve.labels["root_cause"].text(),
            "decision label": resolve.labels["decision"].text(),
            "machine button": picker.categories.buttons["machine"].text(),
            "downtime question": capture.category_title.text(),
            "raise button": capture.raise_button.text(),
            "capture title": capture.windowTitle(),
            "mechanical button": capture.category_buttons["mechanical"].text(),
            "reason title": capture.reason_title.text(),
        }

    english = {
        "resolve button": "Resolve…",
        "title": "Inbox · Sofia Marino (procurement)",
        "type header": "Type",
        "owner cell": "procurement",
        "root cause label": "Root cause",
        "decision label": "Decision",
        "machine button": "Machine",
        "downtime question": "Why is the machine down?",
        "raise button": "Raise",
        "capture title": "Raise: Machine down",
        "mechanical button": "Mechanical",
        "reason title": "Mechanical: what exactly?",
    }
    assert texts() == english

    assert i18n.use_language("de") == "de"
    assert texts() == {
        "resolve button": "Erledigen…",
        "title": "Eingang · Sofia Marino (Einkauf)",
        "type header": "Art",
        "owner cell": "Einkauf",
        "root cause label": "Grundursache",
        "decision label": "Entscheidung",
        "machine button": "Maschine",
        "downtime question": "Warum steht die Maschine?",
        "raise button": "Melden",
        "capture title": "Melden: Maschine steht",
        "mechanical button": "Mechanik",
        "reason title": "Mechanik: was genau?",
    }
    assert resolve.values()["decision"] == "bar delivered"
    assert capture.category is not None
    assert capture.category.code == "mechanical"

    i18n.use_language("en")
    assert texts() == english
    capture.reject()
    resolve.reject()
