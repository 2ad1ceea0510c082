"""Screenshots of every screen and dialog, per language, theme and screen size, for people
to look at.

    python -m ui.screenshots DIR [--language de ...] [--theme kiosk|desk ...] [--size 1280x800 ...]

Runs offscreen on a fresh demo plant (in a temporary folder) and walks `ui.tour`; writes
DIR/<language>/<theme>-<width>x<height>/<stop>.png, a dialog drawn over the window it
opened on. Without --theme/--size: the kiosk theme at 1280x800 and the desk theme at
1920x1080; without --language: every language Takt speaks.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication

from app.clock import FixedClock
from app.demo.floor import stage_floor
from app.demo.generator import demo_plant
from app.demo.seed import seed_plant
from app.services.people import PeopleService
from app.store import open_store
from ui.background import Background
from ui.i18n import LANGUAGES
from ui.main_window import MainWindow
from ui.theme import THEMES, apply_theme
from ui.tour import Stop, tour, wait_until

DEFAULT_RUNS = (("kiosk", (1280, 800)), ("desk", (1920, 1080)))
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # the demo plant mid-shift, as tests see it


def save_stop(stop: Stop, folder: Path) -> Path:
    """The window as a person sees it: a dialog drawn where it is over the window."""
    shot = stop.window.grab()
    if stop.widget is not stop.window:
        painter = QPainter(shot)
        offset = stop.widget.mapToGlobal(QPoint(0, 0)) - stop.window.mapToGlobal(QPoint(0, 0))
        painter.drawPixmap(offset, stop.widget.grab())
        painter.end()
    path = folder / f"{stop.name}.png"
    if not shot.save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


def run(
    out: Path,
    runs: list[tuple[str, tuple[int, int]]],
    data: Path,
    languages: list[str] | None = None,
) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    clock = FixedClock(NOW)
    template = data / "terminal.sqlite3"
    store = open_store(template, terminal_name="screenshots", clock=clock)
    seed_plant(store, demo_plant(NOW), clock)
    stage_floor(store, clock)
    written: list[Path] = []
    try:
        for language, (theme, (width, height)) in (
            (language, run) for language in languages or ["en"] for run in runs
        ):
            apply_theme(app, theme)
            folder = out / language / f"{theme}-{width}x{height}"
            folder.mkdir(parents=True, exist_ok=True)
            background = Background()
            window = MainWindow(
                store,
                PeopleService(store, clock),
                background,
                clock=clock,
                work_center="LAT-01",
                language=language,
            )
            window.resize(width, height)
            window.show()
            window.controller.start()
            controller = window.controller
            wait_until(lambda: controller.loaded)  # noqa: B023 - used at once
            try:
                for stop in tour(window):
                    written.append(save_stop(stop, folder))
                    print(written[-1], flush=True)  # noqa: T201 - the command's output
            finally:
                window.close()
                background.shutdown()
                app.processEvents()
    finally:
        store.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots", description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--theme", action="append", choices=THEMES)
    parser.add_argument("--size", action="append", type=_size, help="WIDTHxHEIGHT")
    parser.add_argument("--language", action="append", choices=list(LANGUAGES))
    args = parser.parse_args(argv)
    if args.theme or args.size:
        runs = [
            (theme, size)
            for theme in args.theme or THEMES
            for size in args.size or [(1280, 800), (1920, 1080)]
        ]
    else:
        runs = list(DEFAULT_RUNS)
    with tempfile.TemporaryDirectory(prefix="takt-screens-") as data:
        run(args.folder, runs, Path(data), args.language or list(LANGUAGES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
