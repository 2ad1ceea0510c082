"""Which ERP the server talks to, and how: `erp.toml` next to Takt's settings file.

ERPNext's table options map names: `employees` (a Takt user id to the ERPNext Employee
its Job Card time logs name) and `stop_reasons` (a Takt stop reason, matched without
regard to case, to one of Downtime Entry's stop reasons; the rest become "Other"):

    [options.employees]
    "901" = "HR-EMP-00004"
    [options.stop_reasons]
    "Lens contamination" = "Machine malfunction"

Secrets are not in the file: the API key (and ERPNext's API secret) live in the
keyring as `erp-api-key` / `erp-api-secret` (or TAKT_SECRET_ERP_API_KEY / ..._SECRET
where a machine has no keyring).
"""

from __future__ import annotations

import json
import tomllib
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.errors import FieldProblem, ValidationError
from app.i18n import tr
from app.secrets import get_secret
from app.settings import settings_path
from sync.erp.base import ErpAdapter
from sync.erp.erpnext import ErpNextAdapter
from sync.erp.odoo import OdooAdapter

API_KEY = "erp-api-key"
API_SECRET = "erp-api-secret"
ADAPTERS: dict[str, type[Any]] = {"erpnext": ErpNextAdapter, "odoo": OdooAdapter}
# Constructor arguments that come from the file's own keys or the keyring, or that
# the importer fills in itself: not options.
_NOT_OPTIONS = {
    "self",
    "return",
    "base_url",
    "api_key",
    "api_secret",
    "database",
    "known_items",
    "known_work_centers",
}


@dataclass(frozen=True)
class ErpSettings:
    kind: str
    url: str
    database: str | None = None  # Odoo's database name
    options: dict[str, Any] = field(default_factory=dict)
    import_interval_minutes: float = 15.0


def erp_settings_path() -> Path:
    return settings_path().with_name("erp.toml")


def option_types(kind: str) -> dict[str, Any]:
    """The adapter's options and the type each must have (from its constructor)."""
    hints = typing.get_type_hints(ADAPTERS[kind].__init__)
    return {name: hint for name, hint in hints.items() if name not in _NOT_OPTIONS}


def option_names(kind: str) -> list[str]:
    return list(option_types(kind))


def _said(error: ValueError) -> str:
    """What a ValueError of `option_value` says (its Message, to be translated)."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, str) else str(error)


def option_value(hint: Any, value: Any) -> Any:
    """`value` as the adapter takes it; ValueError says what was expected."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is typing.Literal:
        if value not in args:
            raise ValueError(tr("must be one of {choices}", choices=", ".join(map(str, args))))
        return value
    if args and type(None) in typing.get_args(hint):  # X | None: an X
        return option_value(args[0], value)
    if hint is tzinfo:
        try:
            return ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(tr("must be a time zone name such as Europe/Berlin")) from None
    if typing.get_origin(hint) is dict:  # a table: names to values of the value's type
        value_hint = typing.get_args(hint)[1]
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise ValueError(tr("must be a table (name = value, one a line)"))
        table = {}
        for key, entry in value.items():
            try:
                table[key] = option_value(value_hint, entry)
            except ValueError as error:
                raise ValueError(
                    tr(
                        '"{key}" = {entry}: {problem}',
                        key=key,
                        entry=repr(entry),
                        problem=_said(error),
                    )
                ) from None
        return table
    if typing.get_origin(hint) is Iterable:  # a list of names, or one name
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError(tr("must be a name or a list of names"))
        return items
    if hint in (int, float) and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise ValueError(tr("must be a number"))
    if hint is int and not isinstance(value, int):
        raise ValueError(tr("must be a whole number"))
    if hint is str and not isinstance(value, str):
        raise ValueError(tr("must be text"))
    return value


def settings_from_dict(data: dict[str, Any], source: str = "erp.toml") -> ErpSettings:
    problems: list[FieldProblem] = []
    kind = data.get("kind")
    if kind not in ADAPTERS:
        problems.append(
            FieldProblem(
                f"{source}: kind", tr("must be one of {choices}", choices=str(sorted(ADAPTERS)))
            )
        )
    url = data.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        problems.append(FieldProblem(f"{source}: url", tr("must start with http:// or https://")))
    options = data.get("options", {})
    if not isinstance(options, dict):
        problems.append(FieldProblem(f"{source}: options", tr("must be a table")))
        options = {}
    elif kind in ADAPTERS:
        known = option_types(kind)
        for name, value in options.items():
            if name not in known:
                problems.append(
                    FieldProblem(
                        f"{source}: options.{name}",
                        tr(
                            "unknown for {kind}; known: {known}",
                            kind=str(kind),
                            known=", ".join(known),
                        ),
                    )
                )
                continue
            try:
                option_value(known[name], value)
            except ValueError as error:
                problems.append(FieldProblem(f"{source}: options.{name}", _said(error)))
    database = data.get("database")
    if kind == "odoo" and not isinstance(database, str):
        problems.append(FieldProblem(f"{source}: database", tr("Odoo needs its database name")))
    interval = data.get("import_interval_minutes", 15.0)
    if not isinstance(interval, int | float) or interval <= 0:
        problems.append(FieldProblem(f"{source}: import_interval_minutes", tr("must be above 0")))
        interval = 15.0
    if problems:
        raise ValidationError(problems)
    return ErpSettings(
        kind=str(kind),
        url=str(url),
        database=database if isinstance(database, str) else None,
        options=dict(options),
        import_interval_minutes=float(interval),
    )


def load_erp_settings(path: Path | None = None) -> ErpSettings | None:
    path = path or erp_settings_path()
    if not path.exists():
        return None
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValidationError.one(
            str(path), tr("not valid TOML ({error})", error=str(error))
        ) from None
    return settings_from_dict(data, str(path))


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):  # an inline table; quoted keys may hold spaces
        return (
            "{ "
            + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items())
            + " }"
        )
    return json.dumps(str(value))  # a JSON string is a valid TOML basic string


def save_erp_settings(settings: ErpSettings, path: Path | None = None) -> Path:
    """Write the file atomically (a crash leaves the old file or the new one)."""
    path = path or erp_settings_path()
    lines = [
        "# Takt's ERP connection (secrets are in the keyring, not here).",
        f"kind = {_toml_value(settings.kind)}",
        f"url = {_toml_value(settings.url)}",
        f"import_interval_minutes = {_toml_value(settings.import_interval_minutes)}",
    ]
    if settings.database:
        lines.append(f"database = {_toml_value(settings.database)}")
    lines.append("")
    lines.append("[options]")
    lines += [f"{k} = {_toml_value(v)}" for k, v in sorted(settings.options.items())]
    text = "\n".join(lines) + "\n"
    settings_from_dict(tomllib.loads(text), str(path))  # never write what cannot be read
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, "utf-8")
    temporary.replace(path)
    return path


def make_adapter(settings: ErpSettings) -> ErpAdapter:
    """The configured adapter with its credentials from the keyring (or environment)."""
    key = get_secret(API_KEY)
    if not key:
        raise ValidationError.one(API_KEY, tr("no ERP API key stored: run `takt erp configure`"))
    if settings.kind == "erpnext":
        secret = get_secret(API_SECRET)
        if not secret:
            raise ValidationError.one(API_SECRET, tr("no ERPNext API secret stored"))
        adapter: ErpAdapter = ErpNextAdapter(settings.url, key, secret, **_options(settings))
    else:
        adapter = OdooAdapter(settings.url, settings.database or "", key, **_options(settings))
    return adapter


def _options(settings: ErpSettings) -> dict[str, Any]:
    """The file's options as the adapter's constructor takes them (checked on load)."""
    types = option_types(settings.kind)
    return {name: option_value(types[name], v) for name, v in settings.options.items()}
