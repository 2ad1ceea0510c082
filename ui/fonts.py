"""The fonts the screens need on any terminal: a bundled symbol and emoji fallback.

A floor terminal's system may have no font with the symbols the screens use (the number
pads' ⌫, the ◀ of Back) or with emoji (typed into notes, or coming from the ERP): Qt then
draws boxes. Takt ships the symbol and emoji part of Symbola (resources/fonts, monochrome)
and puts it right after the system's own font in the application font's families, so
letters still come from the system and whatever it lacks from the bundled font. The frozen
build carries resources/ too, so it has the font wherever it runs.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication

from app.paths import resource

log = logging.getLogger(__name__)

SYMBOL_FONT_FILE = "Symbola-symbols.ttf"
SYMBOL_FONT_FAMILY = "Symbola"


def symbol_font_path() -> str:
    return str(resource("fonts", SYMBOL_FONT_FILE))


def install_fonts(app: QGuiApplication) -> list[str]:
    """Add the bundled font and make it the application font's fallback; the families
    the application font now has (the system's first)."""
    font_id = QFontDatabase.addApplicationFont(symbol_font_path())
    if font_id < 0:
        log.warning("could not load the bundled symbol font %s", symbol_font_path())
        return list(app.font().families())
    added = QFontDatabase.applicationFontFamilies(font_id) or [SYMBOL_FONT_FAMILY]
    font = QFont(app.font())
    # The family the system actually gives ("Sans Serif" is only an alias of one), so
    # that it draws every character it has and the bundled font only what it lacks.
    primary = QFontInfo(font).family()
    families = [primary, *(family for family in added if family != primary)]
    font.setFamilies(families)
    app.setFont(font)
    return families
