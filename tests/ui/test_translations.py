"""Every word on a screen goes through Qt's translation system, and every language is complete.

- The catalogues (resources/i18n/takt_*.ts) hold every string the code marks, none of them
  unfinished, with the same `{fields}` as the English (a translation that drops `{qty}`
  would fail at run time) and `%n` in every plural form.
- No user-facing string bypasses translation: the code under ui/ is read with `ast`, and a
  literal (or f-string) handed to a widget's text setter, a widget's constructor, a status
  message or a message box is a failure. `tr()` must get a literal, never an f-string.
- A person's language: from their record at login, picked on the login screen (then kept
  in their record, an event), switched from the navigation bar; the terminal's language
  after logout; dates and numbers follow.
"""

from __future__ import annotations

import ast
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from sqlalchemy import select

import ui.i18n as i18n
from app.clock import FixedClock
from app.model import EventRecord, User
from app.services.people import PeopleService
from app.store import Store
from ui.background import Background
from ui.main_window import MainWindow
from ui.tour import log_in, wait_until

ROOT = Path(__file__).resolve().parents[2]
FIELD = re.compile(r"\{[a-z_][a-z0-9_]*\}")

# Widget methods and constructors whose text argument a person reads.
TEXT_SETTERS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setStatusTip",
    "showMessage", "setTitle", "addItem", "insertItem", "setHeaderLabels", "addTab",
    "setTabText", "setLabelText", "setInformativeText", "setDetailedText", "addAction",
    "setSuffix", "setPrefix", "setSpecialValueText", "show_message", "show_error",
    "show_notice", "setHtml", "setPlainText",
}  # fmt: skip
TEXT_WIDGETS = {
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton",
    "QAction", "QMenu", "QMessageBox",
}  # fmt: skip
STATIC_BOXES = {"information", "warning", "critical", "question"}


def _letters(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", text))


def _bad_text(node: ast.expr) -> str | None:
    """Why `node` is an untranslated text, or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _letters(node.value):
        return f"literal {node.value!r}"
    if isinstance(node, ast.JoinedStr):
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        if _letters(literal):
            return f"f-string {ast.unparse(node)}"
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
    ):
        return f"formatted literal {node.func.value.value!r}"
    return None


def _callee(node: ast.Call) -> str:
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    if isinstance(node.func, ast.Name):
        return node.func.id
    return ""


def bypasses(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _callee(node)
        if name == "tr" and node.args and not isinstance(node.args[0], ast.Constant):
            yield node.lineno, f"tr() of {ast.unparse(node.args[0])}: lupdate needs a literal"
            continue
        if name in TEXT_SETTERS or name in TEXT_WIDGETS:
            args = list(node.args)
        elif name in STATIC_BOXES:
            args = list(node.args[1:3])  # (parent, title, text)
        else:
            continue
        for arg in args:
            why = _bad_text(arg)
            if why:
                yield node.lineno, f"{name}({why}) is not translated"


def test_no_user_facing_string_bypasses_translation() -> None:
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        found += [f"{path.relative_to(ROOT)}:{line}: {why}" for line, why in bypasses(tree)]
    assert not found, "\n".join(found)


def test_the_check_finds_what_it_should() -> None:
    sample = ast.parse(
        "label.setText('Raise')\n"
        "QPushButton(f'Raise {kind}')\n"
        "bar.showMessage('Saved {n}'.format(n=1))\n"
        "QMessageBox.warning(self, 'Title', 'Text')\n"
        "tr(f'x {y}')\n"
        "label.setText(tr('Raise'))\n"
        "label.setText('')\n"
        "label.setText('42 / 7')\n"
    )
    assert [line for line, _ in bypasses(sample)] == [1, 2, 3, 4, 4, 5]  # title and text


# --- the catalogues ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The catalogues as lupdate makes them from the code now (the committed ones copied)."""
    folder = tmp_path_factory.mktemp("ts")
    copies = {}
    for code in i18n.translated_languages():
        copy = folder / i18n.catalogue(code).name
        copy.write_bytes(i18n.catalogue(code).read_bytes())
        copies[code] = copy
    original = i18n.catalogue
    try:
        i18n.catalogue = lambda code: copies[code]  # type: ignore[assignment]
        i18n.update(ROOT)
    finally:
        i18n.catalogue = original  # type: ignore[assignment]
    return copies


@pytest.mark.parametrize("code", i18n.translated_languages())
def test_catalogue_holds_every_string_of_the_code(code: str, fresh_catalogues) -> None:
    committed = {(e.source, e.comment) for e in i18n.read_catalogue(i18n.catalogue(code))}
    wanted = {(e.source, e.comment) for e in i18n.read_catalogue(fresh_catalogues[code])}
    missing = sorted(wanted - committed)
    assert not missing, (
        f"{len(missing)} strings of the code are not in takt_{code}.ts; run "
        f"`python -m ui.i18n update` and translate them: {missing[:10]}"
    )
    stale = sorted(committed - wanted)
    assert not stale, f"takt_{code}.ts holds strings no code says any more: {stale[:10]}"


@pytest.mark.parametrize("code", i18n.translated_languages())
def test_catalogue_is_finished_and_keeps_its_fields(code: str) -> None:
    entries = i18n.read_catalogue(i18n.catalogue(code))
    assert entries
    unfinished = [e.source for e in entries if not e.finished]
    assert not unfinished, f"{len(unfinished)} unfinished in takt_{code}.ts: {unfinished[:10]}"
    wrong = []
    for entry in entries:
        fields = sorted(FIELD.findall(entry.source))
        for text in entry.translations:
            if sorted(FIELD.findall(text)) != fields:
                wrong.append(f"{entry.source!r} -> {text!r}: fields {fields}")
            if entry.numerus and "%n" not in text and "%Ln" not in text:
                wrong.append(f"{entry.source!r} -> {text!r}: no %n")
    assert not wrong, "\n".join(wrong)


def test_catalogues_compile(tmp_path: Path) -> None:
    built = i18n.build(tmp_path)
    assert sorted(p.name for p in built) == sorted(
        f"takt_{code}.qm" for code in i18n.translated_languages()
    )
    assert all(p.stat().st_size > 1000 for p in built)


def test_lupdate_reads_the_way_we_write(tmp_path: Path) -> None:
    """The forms the code uses land in the catalogue as one context, fields intact."""
    source = tmp_path / "sample.py"
    source.write_text(
        "from ui.i18n import tr\n"
        "from app.i18n import QT_TR_NOOP, tr as say\n"
        "tr('Raise {kind}').format(kind=1)\n"
        "tr('Open', 'exception state')\n"
        "tr('%n job(s)', None, 3)\n"
        "QT_TR_NOOP('Machine down')\n"
        "tr('cannot start {op}', op=1)\n",
        "utf-8",
    )
    ts = tmp_path / "sample.ts"
    subprocess.run(
        [str(i18n.tool("lupdate")), str(source), "-locations", "none", "-ts", str(ts)],
        check=True,
        capture_output=True,
    )
    entries = {(e.source, e.comment, e.numerus) for e in i18n.read_catalogue(ts)}
    assert entries == {
        ("Raise {kind}", "", False),
        ("Open", "exception state", False),
        ("%n job(s)", "", True),
        ("Machine down", "", False),
        ("cannot start {op}", "", False),
    }


# --- a person's language ---------------------------------------------------------------------


@pytest.fixture
def window(qtbot, demo_store: Store, clock: FixedClock) -> Iterator[MainWindow]:
    background = Background()
    w = MainWindow(
        demo_store, PeopleService(demo_store, clock), background, clock=clock, language="en"
    )
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    background.shutdown()
    i18n.use_language("en")


def _language_events(store: Store) -> list[dict]:
    with store.read() as session:
        return [
            dict(r.payload)
            for r in session.scalars(
                select(EventRecord).where(EventRecord.kind == "user.language_set")
            )
        ]


def test_screens_speak_the_language_of_whoever_logs_in(window: MainWindow) -> None:
    assert window.nav_inbox.text() == "Inbox"
    log_in(window, "RVS-1002")  # Jonas Berg: German in his record (resources/demo/plant.toml)
    assert i18n.current_language() == "de"
    assert window.nav_inbox.text() == i18n.tr("Inbox") != "Inbox"
    assert QLocale().toString(1234.5, "f", 1) == "1.234,5"
    window.nav_logout.click()
    assert i18n.current_language() == "en"
    assert window.nav_inbox.text() == "Inbox"
    assert window.login_view.title.text() == "Scan your badge"
    assert QLocale().toString(1234.5, "f", 1) == "1,234.5"


def test_a_language_picked_at_login_is_kept_for_that_person(
    qtbot, window: MainWindow, demo_store: Store
) -> None:
    view = window.login_view
    qtbot.mouseClick(view.languages["es"], Qt.MouseButton.LeftButton)
    assert i18n.current_language() == "es"
    assert view.title.text() == i18n.tr("Scan your badge") != "Scan your badge"
    log_in(window, "RVS-1001")  # Ana: no language of her own
    assert window.operator is not None
    assert window.operator.language == "es"
    wait_until(lambda: _language_events(demo_store))
    assert _language_events(demo_store) == [{"user_id": "1001", "language": "es"}]
    with demo_store.read() as session:
        assert session.get(User, "1001").language == "es"
    window.nav_logout.click()
    assert i18n.current_language() == "en"
    log_in(window, "RVS-1001")  # her language from now on
    assert i18n.current_language() == "es"


def test_the_navigation_bar_switches_language_without_a_restart(
    window: MainWindow, demo_store: Store
) -> None:
    log_in(window, "RVS-2001")  # Katrin: the supervisor board
    board_texts = window.board_view.findChildren(type(window.nav_inbox))
    before = {b.text() for b in board_texts if b.isVisible() and b.text()}
    window.choose_language("pl")
    assert i18n.current_language() == "pl"
    assert window.nav_language.text() == "PL"
    after = {b.text() for b in board_texts if b.isVisible() and b.text()}
    assert before != after
    wait_until(lambda: _language_events(demo_store))
    window.choose_language("en")
    assert {b.text() for b in board_texts if b.isVisible() and b.text()} == before


def test_a_language_code_is_checked() -> None:
    from app.errors import ValidationError
    from app.events.payloads import parse_payload

    with pytest.raises(ValidationError, match="language"):
        parse_payload("user.language_set", {"user_id": "1001", "language": "german; drop table"})
