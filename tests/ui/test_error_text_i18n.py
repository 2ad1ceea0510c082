"""A refusal made of the domain's Messages reaches the screen in the person's language.

A tiny German catalogue is written and compiled here (lrelease), so the test does not
depend on how far the shipped translations have come: with it installed, `error_text`
says the sentence, its nested pieces (an action, a role, a state) and the field labels in
German; without it, the English is what it always was.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.errors import FieldProblem, PermissionDenied, Rejected, StorageError, ValidationError
from app.i18n import tr
from app.model.types import Role
from app.services.board import BoardService
from app.words import one_of, role
from ui.common.errors import INTERNAL, error_text, problem_text
from ui.i18n import tool

GERMAN = {
    "cannot start operation {op}: it was completed": (
        "Arbeitsgang {op} kann nicht starten: er ist abgeschlossen"
    ),
    "cannot {doing}: the posting was cancelled": "{doing} geht nicht: die Buchung wurde storniert",
    "retry it": "sie erneut senden",
    "{label} is missing": "{label} fehlt",
    "{label} is missing: {rest}": "{label} fehlt: {rest}",
    "{label}: {problem}": "{label}: {problem}",
    "What happened": "Was passiert ist",
    "Decision": "Entscheidung",
    "Good quantity": "Gutmenge",
    "missing: say what happened in a few words": (
        "fehlt: in ein paar Worten sagen, was passiert ist"
    ),
    "must be at most {max}": "darf höchstens {max} sein",
    "only {roles} may {action}; {name} is not one": (
        "nur {roles} darf {action}; {name} gehört nicht dazu"
    ),
    "{said} or {part}": "{said} oder {part}",
    "a {roles}": "ein {roles}",
    "supervisor": "Schichtleiter",
    "manager": "Manager",
    "override priority": "die Priorität ändern",
    "{path}: {problem}. {remedy}": "{path}: {problem}. {remedy}",
    "the disk is full, so nothing of this change was saved": (
        "die Platte ist voll, nichts von dieser Änderung wurde gespeichert"
    ),
    "Free some space": "Platz schaffen",
    "say why (at least a few words): it is shown on the board": (
        "sagen Sie warum (ein paar Worte): es steht auf der Tafel"
    ),
    "Reason": "Grund",
    "That did not work because of an internal error; it was logged for support.": (
        "Das ging wegen eines internen Fehlers nicht; er wurde für den Support protokolliert."
    ),
}


def _catalogue(words: dict[str, str]) -> str:
    messages = "".join(
        f"    <message>\n"
        f"        <source>{escape(source)}</source>\n"
        f"        <translation>{escape(said)}</translation>\n"
        f"    </message>\n"
        for source, said in words.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        '<TS version="2.1" language="de_DE" sourcelanguage="en">\n'
        f"<context>\n    <name></name>\n{messages}</context>\n</TS>\n"
    )


@pytest.fixture
def german(qapp, tmp_path: Path) -> Iterator[None]:
    ts, qm = tmp_path / "takt_de.ts", tmp_path / "takt_de.qm"
    ts.write_text(_catalogue(GERMAN), "utf-8")
    subprocess.run(
        [str(tool("lrelease")), "-silent", str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )
    translator = QTranslator()
    assert translator.load(str(qm))
    assert QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)


def _refusals() -> dict[str, Exception]:
    return {
        "rejected": Rejected(tr("cannot start operation {op}: it was completed", op="WO-7/10")),
        "nested": Rejected(tr("cannot {doing}: the posting was cancelled", doing=tr("retry it"))),
        "invalid": ValidationError(
            [
                FieldProblem("summary", tr("missing: say what happened in a few words")),
                FieldProblem("decision", tr("missing")),
                FieldProblem("good", tr("must be at most {max}", max="1,000,000")),
            ]
        ),
        "denied": PermissionDenied(
            tr(
                "only {roles} may {action}; {name} is not one",
                roles=one_of([Role.SUPERVISOR, Role.MANAGER]),
                action=tr("override priority"),
                name="Ana",
            )
        ),
        "storage": StorageError(
            Path("/data/terminal.sqlite3"),
            tr("the disk is full, so nothing of this change was saved"),
            tr("Free some space"),
        ),
        "internal": RuntimeError("boom"),
    }


ENGLISH = {
    "rejected": "Cannot start operation WO-7/10: it was completed",
    "nested": "Cannot retry it: the posting was cancelled",
    "invalid": (
        "What happened is missing: say what happened in a few words; Decision is missing; "
        "Good quantity: must be at most 1,000,000"
    ),
    "denied": "only a supervisor or manager may override priority; Ana is not one",
    "storage": (
        "/data/terminal.sqlite3: the disk is full, so nothing of this change was saved. "
        "Free some space"
    ),
    "internal": INTERNAL,
}

IN_GERMAN = {
    "rejected": "Arbeitsgang WO-7/10 kann nicht starten: er ist abgeschlossen",
    "nested": "Sie erneut senden geht nicht: die Buchung wurde storniert",
    "invalid": (
        "Was passiert ist fehlt: in ein paar Worten sagen, was passiert ist; "
        "Entscheidung fehlt; Gutmenge: darf höchstens 1,000,000 sein"
    ),
    "denied": (
        "nur ein Schichtleiter oder Manager darf die Priorität ändern; Ana gehört nicht dazu"
    ),
    "storage": (
        "/data/terminal.sqlite3: die Platte ist voll, nichts von dieser Änderung wurde "
        "gespeichert. Platz schaffen"
    ),
    "internal": (
        "Das ging wegen eines internen Fehlers nicht; er wurde für den Support protokolliert."
    ),
}


@pytest.mark.parametrize("case", sorted(ENGLISH))
def test_without_a_translator_the_english_is_unchanged(qapp, case: str) -> None:
    assert error_text(_refusals()[case]) == ENGLISH[case]


@pytest.mark.parametrize("case", sorted(IN_GERMAN))
def test_with_a_translator_a_refusal_is_said_in_that_language(german, case: str) -> None:
    assert error_text(_refusals()[case]) == IN_GERMAN[case]


def test_a_message_passed_as_text_and_a_screens_own_labels_are_translated(german) -> None:
    said = tr("cannot start operation {op}: it was completed", op="WO-7/10")
    assert error_text(said) == "Arbeitsgang WO-7/10 kann nicht starten: er ist abgeschlossen"
    problem = FieldProblem("reason_text", tr("missing: say what happened in a few words"))
    assert problem_text(problem, {"reason_text": "Reason"}) == (
        "Grund fehlt: in ein paar Worten sagen, was passiert ist"
    )


def test_a_services_refusal_reaches_the_screen_translated(german, store) -> None:
    with pytest.raises(ValidationError) as refused:
        BoardService(store).override("905", "WO-1/10", kind=None, reason="x")  # type: ignore[arg-type]
    assert str(refused.value) == "reason: say why (at least a few words): it is shown on the board"
    assert (
        error_text(refused.value)
        == "Grund: sagen Sie warum (ein paar Worte): es steht auf der Tafel"
    )


def test_a_role_alone_is_translated_with_its_sentence(german) -> None:
    assert error_text(role(Role.SUPERVISOR)) == "Schichtleiter"
