"""A terminal's own routing rules: a supervisor edits them, the terminal keeps them.

The rules Takt ships are resources/routing/rules.toml. A supervisor's edited copy is
`routing-rules.toml` in the terminal's data folder (the folder of its database); when
that file is there it wins. Saving checks the text first and replaces the file in one
step, so a bad edit never reaches the file and a power cut never leaves half of one.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from app.errors import FieldProblem, ValidationError
from app.i18n import tr
from app.paths import resource
from app.routing.rules import Rule, rules_from_dict

RULES_FILE = "routing-rules.toml"


def shipped_rules_path() -> Path:
    return resource("routing", "rules.toml")


def saved_rules_path(data_dir: Path) -> Path:
    """Where a supervisor's rules are kept (whether or not they exist yet)."""
    return data_dir / RULES_FILE


def rules_path(data_dir: Path | None) -> Path:
    """The rules file in force: the terminal's own when there is one, else the shipped one."""
    if data_dir is not None:
        saved = saved_rules_path(data_dir)
        if saved.is_file():
            return saved
    return shipped_rules_path()


def shipped_rules_text() -> str:
    return shipped_rules_path().read_text("utf-8")


def effective_rules_text(data_dir: Path | None) -> str:
    return rules_path(data_dir).read_text("utf-8")


def _shape_problems(data: dict[str, Any], source: str) -> list[FieldProblem]:
    """What `rules_from_dict` assumes about the layout (tables where tables belong)."""
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        return []  # rules_from_dict names this one itself
    problems: list[FieldProblem] = []
    for n, raw in enumerate(raw_rules, start=1):
        at = f"{source}: rules[{n}]"
        if not isinstance(raw, dict):
            problems.append(FieldProblem(at, tr("must be a [[rules]] table")))
            continue
        if "match" in raw and not isinstance(raw["match"], dict):
            problems.append(FieldProblem(f"{at}.match", tr("must be a table, e.g. { kind = ... }")))
        for key in ("escalate", "tasks"):
            value = raw.get(key, [])
            if not isinstance(value, list):
                problems.append(FieldProblem(f"{at}.{key}", tr("must be a list of tables")))
                continue
            for t, entry in enumerate(value, start=1):
                if not isinstance(entry, dict):
                    problems.append(FieldProblem(f"{at}.{key}[{t}]", tr("must be a table { ... }")))
    return problems


def parse_rules(text: str, source: str = RULES_FILE) -> tuple[Rule, ...]:
    """Check rules text as `save_rules` would; raises ValidationError naming each field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValidationError.one(
            source, tr("not valid TOML ({error})", error=str(error))
        ) from None
    problems = _shape_problems(data, source)
    if problems:
        raise ValidationError(problems)
    return rules_from_dict(data, source)


def load_effective_rules(data_dir: Path | None) -> tuple[Rule, ...]:
    """The rules in force for a terminal (its own file, else the shipped one)."""
    path = rules_path(data_dir)
    return parse_rules(path.read_text("utf-8"), path.name)


def save_rules(data_dir: Path, text: str) -> tuple[Rule, ...]:
    """Check `text`, then replace the terminal's rules file with it atomically.

    Raises ValidationError (naming the field) on bad rules; the file is then untouched.
    """
    rules = parse_rules(text)
    data_dir.mkdir(parents=True, exist_ok=True)
    target = saved_rules_path(data_dir)
    fd, temp_name = tempfile.mkstemp(dir=data_dir, prefix=".routing-rules-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return rules
