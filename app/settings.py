"""Terminal and server settings: a typed, versioned TOML file in the user's config folder.

Secrets never go here; they live in the keyring (app.secrets) under the names below.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from app.errors import FieldProblem, ValidationError
from app.i18n import tr
from app.model.types import Role

SCHEMA_VERSION = 1
SMTP_PASSWORD = "smtp-password"
WEBHOOK_TOKEN = "webhook-token"


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    sender: str
    port: int = 25
    starttls: bool = False
    username: str | None = None  # its password: keyring secret SMTP_PASSWORD


@dataclass(frozen=True)
class NotifySettings:
    smtp: SmtpSettings | None = None
    webhook_url: str | None = None
    webhook_token: bool = False  # send a bearer token, kept as keyring secret WEBHOOK_TOKEN
    addresses: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> emails
    interval_seconds: float = 15.0


@dataclass(frozen=True)
class Settings:
    notify: NotifySettings = field(default_factory=NotifySettings)
    schema_version: int = SCHEMA_VERSION


def settings_path() -> Path:
    override = os.environ.get("TAKT_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("takt", appauthor=False)) / "takt.toml"


def settings_from_dict(data: dict[str, Any], source: str = "settings") -> Settings:
    problems: list[FieldProblem] = []

    def text(table: dict[str, Any], key: str, where: str, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                problems.append(FieldProblem(f"{source}: {where}.{key}", tr("missing")))
            return None
        if not isinstance(value, str) or not value.strip():
            problems.append(
                FieldProblem(f"{source}: {where}.{key}", tr("must be a non-empty text"))
            )
            return None
        return value.strip()

    version = data.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        problems.append(
            FieldProblem(
                f"{source}: schema_version",
                tr(
                    "{version} is not {expected} (a newer Takt?)",
                    version=repr(version),
                    expected=SCHEMA_VERSION,
                ),
            )
        )
    notify = data.get("notify", {})
    smtp = None
    if "smtp" in notify:
        raw = notify["smtp"]
        port = raw.get("port", 25)
        if not isinstance(port, int) or not 0 < port < 65536:
            problems.append(
                FieldProblem(f"{source}: notify.smtp.port", tr("must be a port number"))
            )
            port = 25
        host = text(raw, "host", "notify.smtp", required=True)
        sender = text(raw, "sender", "notify.smtp", required=True)
        smtp = SmtpSettings(
            host=host or "",
            sender=sender or "",
            port=port,
            starttls=bool(raw.get("starttls", False)),
            username=text(raw, "username", "notify.smtp"),
        )
    webhook = text(notify, "webhook_url", "notify")
    if webhook and not webhook.startswith(("http://", "https://")):
        problems.append(
            FieldProblem(f"{source}: notify.webhook_url", tr("must start with http:// or https://"))
        )
    addresses: dict[str, tuple[str, ...]] = {}
    for role, emails in notify.get("addresses", {}).items():
        if role not in {r.value for r in Role}:
            problems.append(FieldProblem(f"{source}: notify.addresses.{role}", tr("unknown role")))
            continue
        emails = [emails] if isinstance(emails, str) else emails
        bad = [e for e in emails if not isinstance(e, str) or "@" not in e]
        if bad:
            problems.append(
                FieldProblem(
                    f"{source}: notify.addresses.{role}",
                    tr("not an email address: {address}", address=repr(bad[0])),
                )
            )
        addresses[role] = tuple(e for e in emails if e not in bad)
    interval = notify.get("interval_seconds", 15.0)
    if not isinstance(interval, int | float) or interval < 1:
        problems.append(
            FieldProblem(f"{source}: notify.interval_seconds", tr("must be at least 1"))
        )
        interval = 15.0
    if problems:
        raise ValidationError(problems)
    return Settings(
        notify=NotifySettings(
            smtp=smtp,
            webhook_url=webhook,
            webhook_token=bool(notify.get("webhook_token", False)),
            addresses=addresses,
            interval_seconds=float(interval),
        )
    )


def load_settings(path: Path | None = None) -> Settings:
    """The settings file, or defaults when there is none. A bad file names every problem."""
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValidationError.one(
            str(path), tr("not valid TOML ({error})", error=str(error))
        ) from None
    return settings_from_dict(data, str(path))
