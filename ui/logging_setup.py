"""Logs go to a rotating file in the user's log folder, and warnings to stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def configure(log_dir: Path | None, *, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("takt: %(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                log_dir / "takt.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError as error:
            logging.getLogger(__name__).warning("no log file in %s: %s", log_dir, error)
        else:
            handler.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
            )
            root.addHandler(handler)


# Notes the offscreen platform (tests, --smoke) prints about features it lacks.
_PLATFORM_NOTES = ("This plugin does not support",)


def route_qt_messages() -> None:
    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        level = _QT_LEVELS.get(kind, logging.INFO)
        if message.startswith(_PLATFORM_NOTES):
            level = logging.DEBUG
        qt_log.log(level, message)

    qInstallMessageHandler(handler)
