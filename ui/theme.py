"""Themes are QSS files in resources/styles; widgets carry object names, not colours."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.paths import resource

THEMES = ("kiosk", "desk")


def apply_theme(app: QApplication, name: str) -> None:
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}; choose one of {', '.join(THEMES)}")
    app.setStyleSheet(resource("styles", f"{name}.qss").read_text("utf-8"))
