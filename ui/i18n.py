"""The languages the screens speak, and the one way a word reaches a screen.

Every word a person reads goes through Qt's translation system:

- in ui/, `tr("Raise")`, `tr("{n} jobs waiting").format(n=...)`, `tr("%n job(s)", None, n)`
  (one context for the whole app, so a word is translated once; the second argument
  tells two meanings of the same English word apart: `tr("Open", "state")`);
- from app/, the domain's sentences arrive as `app.i18n.Message`s and its tables' words
  as plain strings: `translated(value)` says them in the current language.

The catalogues are `resources/i18n/takt_<language>.ts` (Qt Linguist's XML: translators
edit them, `python -m ui.i18n update` refreshes them from the code). The install
(`.ci/setup`) and the frozen build compile them into `.qm` files
(`python -m ui.i18n build`); a checkout that skipped that compiles them on first use.

A kiosk speaks the language of whoever is logged in: `use_language(code)` swaps the
translators and the number/date locale while the app runs; Qt then sends every widget a
LanguageChange event, and screens re-say their words in `retranslate()`, which they hook
up with `on_language_change`. English is the source language: it needs no catalogue.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
    Signal,
)

from app.i18n import LANGUAGES, SOURCE_LANGUAGE, Message, Number
from app.paths import resource

log = logging.getLogger(__name__)

# Where the words are: the code that says them, and the shipped files whose labels the
# screens show (reason codes, root causes). A plant's own labels stay as the plant wrote them.
SOURCE_FOLDERS = ("ui", "app", "sync")


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the current language (a literal, so lupdate can find it)."""
    return QCoreApplication.translate("", text, disambiguation, n)


def local_number(number: Number) -> str:
    """A domain's number with the current language's decimal mark and grouping."""
    locale = QLocale()
    text = locale.toString(float(number.value) + 0.0, "f", number.decimals)
    if number.decimals and not number.fixed:
        text = text.rstrip("0").removesuffix(locale.decimalPoint())
    return text


def translated(value: Any) -> str:
    """Anything the domain says, in the current language: a Message's template is
    translated and filled again (its parameters too, when they are Messages); another
    string is looked up as it is (a label from a table) and kept when unknown."""
    if isinstance(value, Number):
        return local_number(value)
    if isinstance(value, Message):
        params = {
            k: translated(v) if isinstance(v, (Message, Number)) else v
            for k, v in value.params.items()
        }
        template = QCoreApplication.translate("", value.template)
        try:
            return template.format(**params) if params else template
        except (KeyError, IndexError, ValueError):  # a translation that lost a field
            log.warning("translation of %r does not fit its fields", value.template)
            return str(value)
    text = str(value)
    return QCoreApplication.translate("", text) if text else text


# --- the current language -------------------------------------------------------------


class _Language(QObject):
    """The translators installed in the application; `sig_changed(code)` after a switch."""

    sig_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.code = SOURCE_LANGUAGE
        self._translators: list[QTranslator] = []


_language: _Language | None = None


def _state() -> _Language:
    global _language
    if _language is None:
        _language = _Language()
    return _language


def current_language() -> str:
    return _state().code


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)


def normalize(code: str | None) -> str:
    """'de_AT' -> 'de'; unknown or empty -> English."""
    if not code:
        return SOURCE_LANGUAGE
    base = code.replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else SOURCE_LANGUAGE


def use_language(code: str | None) -> str:
    """Speak `code` from now on (screens retranslate); returns the language used."""
    state = _state()
    code = normalize(code)
    app = QCoreApplication.instance()
    if code == state.code and (code == SOURCE_LANGUAGE or state._translators):
        return code
    if app is not None:
        for translator in state._translators:
            app.removeTranslator(translator)
    state._translators = []
    if code != SOURCE_LANGUAGE and app is not None:
        for translator in _load_translators(code):
            app.installTranslator(translator)
            state._translators.append(translator)
    state.code = code
    QLocale.setDefault(QLocale(code))
    log.info("language: %s", code)
    state.sig_changed.emit(code)
    return code


def on_language_change(receiver: QObject, retranslate: Callable[[], None]) -> None:
    """Call `retranslate` (a method of `receiver`) after every language switch."""
    # A bound method of a QObject: Qt drops the connection when the receiver is deleted.
    assert getattr(retranslate, "__self__", None) is receiver, "pass a method of receiver"
    _state().sig_changed.connect(retranslate)


def refresh_model(model: QAbstractItemModel) -> None:
    """A model's headers and cells are said anew (they translate when asked)."""
    rows, columns = model.rowCount(), model.columnCount()
    if columns:
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
    if rows and columns:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))


def _load_translators(code: str) -> list[QTranslator]:
    found: list[QTranslator] = []
    qm = compiled_catalogue(code)
    takt = QTranslator()
    if qm is not None and takt.load(str(qm)):
        found.append(takt)
    else:
        log.warning("no compiled catalogue for %s: the screens stay in English", code)
    # Qt's own words (the standard buttons of message boxes, context menus).
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator()
    if qtbase.load(f"qtbase_{code}", qt_dir):
        found.append(qtbase)
    return found


# --- catalogues -----------------------------------------------------------------------


def catalogue_dir() -> Path:
    return resource("i18n")


def catalogue(code: str) -> Path:
    return catalogue_dir() / f"takt_{code}.ts"


def translated_languages() -> list[str]:
    return [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


def compiled_catalogue(code: str) -> Path | None:
    """The `.qm` of `code`: built by the install, else compiled now into the user's cache."""
    source = catalogue(code)
    shipped = source.with_suffix(".qm")
    if shipped.exists() and (
        not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime
    ):
        return shipped
    if not source.exists():
        return shipped if shipped.exists() else None
    from platformdirs import user_cache_dir

    cached = Path(user_cache_dir("takt")) / "i18n" / shipped.name
    if cached.exists() and cached.stat().st_mtime >= source.stat().st_mtime:
        return cached
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        _run(tool("lrelease"), ["-silent", str(source), "-qm", str(cached)])
    except (OSError, subprocess.CalledProcessError, FileNotFoundError) as error:
        log.warning("could not compile %s: %s", source.name, error)
        return shipped if shipped.exists() else None
    return cached


def tool(name: str) -> Path:
    """Qt's lupdate/lrelease as PySide6 ships them (next to its package)."""
    import PySide6

    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.exists():
            return candidate
    wrapper = shutil.which(f"pyside6-{name}")
    if wrapper:
        return Path(wrapper)
    raise FileNotFoundError(f"{name} not found next to PySide6 ({folder})")


def _run(program: Path, args: Iterable[str]) -> None:
    env = dict(os.environ)
    subprocess.run([str(program), *args], check=True, env=env, capture_output=True, text=True)


def build(target: Path | None = None) -> list[Path]:
    """Compile every catalogue into `.qm` (next to it, or into `target`); a language
    without a catalogue yet is left out."""
    built = []
    for code in translated_languages():
        source = catalogue(code)
        if not source.exists():
            log.info("no catalogue %s: nothing to build for %s", source.name, code)
            continue
        out = (target or source.parent) / source.with_suffix(".qm").name
        out.parent.mkdir(parents=True, exist_ok=True)
        _run(tool("lrelease"), ["-silent", str(source), "-qm", str(out)])
        built.append(out)
    return built


def update(root: Path | None = None) -> list[Path]:
    """Refresh every catalogue from the code: new words appear unfinished, gone ones go."""
    import tempfile

    root = root or Path(__file__).resolve().parent.parent
    sources = [
        str(path)
        for folder in SOURCE_FOLDERS
        for path in sorted((root / folder).rglob("*.py"))
        if "migrations" not in path.parts
    ]
    with tempfile.TemporaryDirectory() as tmp:
        labels = Path(tmp) / "resource_labels.py"
        labels.write_text(resource_labels_source(), "utf-8")
        updated = []
        for code in translated_languages():
            ts = catalogue(code)
            _run(
                tool("lupdate"),
                [
                    *sources,
                    str(labels),
                    "-locations",
                    "none",
                    "-no-obsolete",
                    "-source-language",
                    "en",
                    "-target-language",
                    code,
                    "-ts",
                    str(ts),
                ],
            )
            updated.append(ts)
    return updated


@dataclass(frozen=True)
class Entry:
    """One message of a catalogue: its English source and what the language says."""

    source: str
    comment: str  # the disambiguation, "" when none
    translations: tuple[str, ...]  # one, or one per plural form
    finished: bool
    numerus: bool


def read_catalogue(path: Path) -> list[Entry]:
    """The messages of a `.ts` file (Qt Linguist's XML)."""
    import xml.etree.ElementTree as ET

    entries = []
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        kind = translation.get("type")
        if kind in ("obsolete", "vanished"):
            continue
        numerus = message.get("numerus") == "yes"
        forms = (
            tuple(form.text or "" for form in translation.findall("numerusform"))
            if numerus
            else (translation.text or "",)
        )
        entries.append(
            Entry(
                source=message.findtext("source") or "",
                comment=message.findtext("comment") or "",
                translations=forms,
                finished=kind != "unfinished" and all(forms),
                numerus=numerus,
            )
        )
    return entries


def resource_labels_source() -> str:
    """The shipped resource files' labels, as lupdate-readable calls."""
    from app.routing.reasons import shipped_labels as reason_labels
    from app.routing.resolution import shipped_labels as resolution_labels

    words = sorted({*reason_labels(), *resolution_labels()})
    return "".join(f"QT_TR_NOOP({word!r})\n" for word in words)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["update"]:
        for path in update():
            log.info("updated %s", path)
        return 0
    if args[:1] == ["stats"]:
        for code in translated_languages():
            entries = read_catalogue(catalogue(code))
            done = sum(entry.finished for entry in entries)
            sys.stdout.write(f"{code}: {done} of {len(entries)} strings translated\n")
        return 0
    if args[:1] == ["build"]:
        target = Path(args[1]) if len(args) > 1 else None
        for path in build(target):
            log.info("built %s", path)
        return 0
    sys.stderr.write("usage: python -m ui.i18n update | stats | build [FOLDER]\n")
    return 2


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raise SystemExit(main())
