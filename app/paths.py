"""Where Takt keeps its files: resources shipped with it, data per user."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

import resources

APP_NAME = "takt"


def resources_dir() -> Path:
    # The resources package sits next to its data files, also inside a frozen build.
    return Path(resources.__file__).resolve().parent


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    override = os.environ.get("TAKT_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
