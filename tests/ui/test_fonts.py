"""Symbols and emoji render as glyphs, not boxes, with the font the app configures.

The app adds the bundled symbol and emoji font (resources/fonts) after the system's font
(ui/fonts.py). Checked here: every non-ASCII character the screens' code and the
catalogues' translations say, and emoji people type into notes, gets a real glyph (glyph
index 0 is the box a font draws for a character it lacks) through the fallback chain Qt
really uses to lay text out; and the bundled font alone covers the symbols and emoji, so a
terminal whose system has no such font (the frozen build on a bare machine) shows them too.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QRawFont, QTextLayout
from PySide6.QtWidgets import QApplication

from app.paths import resource
from ui.fonts import SYMBOL_FONT_FAMILY, install_fonts, symbol_font_path

ROOT = Path(__file__).resolve().parents[2]
# Emoji and symbols people put into notes and that ERP texts carry.
TYPED = "👍👎😀🙂😞🔧🛠⚙🔥⚡❄💧📦🏭🚚⏱⏰⏸▶⛔🚫❌✅✔✓✗⚠❗❓⭐🔴🔵"
# Characters that are not drawn: joiners, variation selectors, spaces.
INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufe00-\ufe0f\s]")


def _screen_characters() -> set[str]:
    """Non-ASCII characters in the string literals under ui/ and in the translations."""
    found: set[str] = set()
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
        for token in tokens:
            if token.type == tokenize.STRING:
                found.update(c for c in token.string if ord(c) > 0x7F)
    for catalogue in sorted(resource("i18n").glob("takt_*.ts")):
        for text in re.findall(
            r"<translation[^>]*>(.*?)</translation>", catalogue.read_text("utf-8"), re.S
        ):
            found.update(c for c in text if ord(c) > 0x7F)
    return {c for c in found if not INVISIBLE.match(c)}


def _symbols(characters: set[str]) -> set[str]:
    """The symbols among them (punctuation, arrows, technical, dingbats, emoji): not letters."""
    return {c for c in characters if ord(c) >= 0x2010}


def _missing(text: str, font: QFont) -> Iterator[str]:
    """The characters of `text` that Qt lays out with no glyph in `font`'s fallback chain."""
    for character in text:
        layout = QTextLayout(character, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        runs = layout.glyphRuns()
        if not runs or any(0 in run.glyphIndexes() for run in runs):
            yield f"U+{ord(character):04X} {character}"


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[QFont]:
    saved = QFont(qapp.font())
    install_fonts(qapp)
    try:
        yield QFont(qapp.font())
    finally:
        qapp.setFont(saved)


def test_the_scan_finds_the_symbols_the_screens_use() -> None:
    from ui.board.number_pad import BACKSPACE

    characters = _screen_characters()
    assert BACKSPACE in _symbols(characters)  # ⌫ on the number pads
    assert {"…", "—", "·"} <= characters


def test_the_app_font_falls_back_to_the_bundled_font(app_font: QFont) -> None:
    families = app_font.families()
    assert len(families) >= 2
    assert families[-1] == SYMBOL_FONT_FAMILY
    assert families[0] != SYMBOL_FONT_FAMILY  # letters come from the system's font


def test_every_character_of_the_screens_has_a_glyph(app_font: QFont) -> None:
    text = "".join(sorted(_screen_characters()))
    missing = list(_missing(text, app_font))
    assert not missing, f"drawn as boxes: {missing}"


def test_emoji_people_type_have_a_glyph(app_font: QFont) -> None:
    missing = list(_missing(TYPED, app_font))
    assert not missing, f"drawn as boxes: {missing}"


def test_the_bundled_font_alone_covers_the_symbols_and_emoji(qapp: QApplication) -> None:
    raw = QRawFont(symbol_font_path(), 24)
    assert raw.isValid()
    wanted = _symbols(_screen_characters()) | set(TYPED)
    lacking = sorted(c for c in wanted if not raw.supportsCharacter(ord(c)))
    assert not lacking, f"the bundled font lacks {lacking}"


def test_an_emoji_is_painted(app_font: QFont) -> None:
    """Drawn with the app's font, 👍 leaves ink, and not the ink of a missing glyph's box."""

    def ink(text: str) -> set[tuple[int, int]]:
        image = QImage(64, 64, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        font = QFont(app_font)
        font.setPixelSize(40)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        painter.drawText(QPointF(4, 48), text)
        painter.end()
        return {
            (x, y)
            for x in range(64)
            for y in range(64)
            if QColor(image.pixel(x, y)).lightness() < 128
        }

    thumbs_up = ink("👍")
    assert len(thumbs_up) > 50
    assert thumbs_up != ink("\U0010fffd")  # a private-use character no font has: the box


def test_the_font_files_licence_ships_with_it() -> None:
    folder = resource("fonts")
    assert (folder / "Symbola-symbols.ttf").is_file()
    assert "free for any use" in (folder / "LICENSE-Symbola.txt").read_text("utf-8")
