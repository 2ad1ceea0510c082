"""`takt server --intake FILE`: which channels take messages in, from a TOML file.

    [smtp]                      # an inbound SMTP listener the plant's mail forwards to
    host = "0.0.0.0"
    port = 2525
    max_bytes = 26214400        # optional; larger mails are refused (552)

    [imap]                      # optional: poll a mailbox for unseen mail
    host = "imap.example.com"
    port = 993
    user = "takt-intake@example.com"
    ssl = true
    folder = "INBOX"
    interval_seconds = 60

    [webhooks]                  # chat: which endpoints answer (the others 404)
    whatsapp = true
    teams = true
    slack = true
    json = true                 # POST /v1/intake/messages with a terminal's token

Secrets are never in the file: they are read from the OS keyring (app/secrets.py; on a
machine without one, from TAKT_SECRET_<NAME>): intake-imap-password,
intake-whatsapp-app-secret, intake-whatsapp-verify-token, intake-teams-security-token,
intake-slack-signing-secret. A channel turned on without its secret stops the server
at start, naming the secret.
"""

from __future__ import annotations

import base64
import binascii
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.secrets import SecretUnavailable, env_name, get_secret

IMAP_PASSWORD = "intake-imap-password"
WHATSAPP_APP_SECRET = "intake-whatsapp-app-secret"
WHATSAPP_VERIFY_TOKEN = "intake-whatsapp-verify-token"
TEAMS_SECURITY_TOKEN = "intake-teams-security-token"
SLACK_SIGNING_SECRET = "intake-slack-signing-secret"


class IntakeConfigError(ValueError):
    """The intake file or a secret it needs is wrong; the text says which and how."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "127.0.0.1"
    port: int = 2525
    max_bytes: int = 25 * 1024 * 1024


@dataclass(frozen=True)
class ImapSettings:
    host: str
    user: str
    port: int = 993
    ssl: bool = True
    folder: str = "INBOX"
    interval_s: float = 60.0


@dataclass(frozen=True)
class Webhooks:
    whatsapp: bool = False
    teams: bool = False
    slack: bool = False
    json: bool = False


@dataclass(frozen=True)
class Secrets:
    """The webhook and mailbox secrets, read once when the server starts."""

    imap_password: str | None = None
    whatsapp_app_secret: bytes | None = None
    whatsapp_verify_token: str | None = None
    teams_key: bytes | None = None  # the security token, base64-decoded
    slack_signing_secret: bytes | None = None


@dataclass(frozen=True)
class IntakeSettings:
    smtp: SmtpSettings | None = None
    imap: ImapSettings | None = None
    webhooks: Webhooks = Webhooks()
    secrets: Secrets = Secrets()


def _table(data: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise IntakeConfigError(f"[{name}] must be a table")
    return value


def _value(table: dict[str, Any], section: str, key: str, kind: type, default: Any) -> Any:
    value = table.get(key, default)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if value is None or not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise IntakeConfigError(f"[{section}] {key}: give a {kind.__name__}")
    return value


def _known(table: dict[str, Any], section: str, keys: set[str]) -> None:
    unknown = sorted(set(table) - keys)
    if unknown:
        raise IntakeConfigError(f"[{section}] does not take {', '.join(unknown)}")


def _port(value: int, section: str) -> int:
    if not 1 <= value <= 65535:
        raise IntakeConfigError(f"[{section}] port: 1 to 65535, not {value}")
    return value


def parse_intake(text: str) -> IntakeSettings:
    """The channels a file turns on (secrets not read yet)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise IntakeConfigError(f"not TOML: {error}") from None
    _known(data, "file", {"smtp", "imap", "webhooks"})
    smtp = imap = None
    if (table := _table(data, "smtp")) is not None:
        _known(table, "smtp", {"host", "port", "max_bytes"})
        smtp = SmtpSettings(
            host=_value(table, "smtp", "host", str, "127.0.0.1"),
            port=_port(_value(table, "smtp", "port", int, 2525), "smtp"),
            max_bytes=_value(table, "smtp", "max_bytes", int, SmtpSettings.max_bytes),
        )
        if smtp.max_bytes < 1024:
            raise IntakeConfigError("[smtp] max_bytes: at least 1024")
    if (table := _table(data, "imap")) is not None:
        _known(table, "imap", {"host", "port", "user", "ssl", "folder", "interval_seconds"})
        imap = ImapSettings(
            host=_value(table, "imap", "host", str, None),
            user=_value(table, "imap", "user", str, None),
            port=_port(_value(table, "imap", "port", int, 993), "imap"),
            ssl=_value(table, "imap", "ssl", bool, True),
            folder=_value(table, "imap", "folder", str, "INBOX"),
            interval_s=_value(table, "imap", "interval_seconds", float, 60.0),
        )
        if not 1 <= imap.interval_s <= 3600:
            raise IntakeConfigError("[imap] interval_seconds: 1 to 3600")
    hooks = Webhooks()
    if (table := _table(data, "webhooks")) is not None:
        _known(table, "webhooks", {"whatsapp", "teams", "slack", "json"})
        hooks = Webhooks(**{name: _value(table, "webhooks", name, bool, False) for name in table})
    return IntakeSettings(smtp=smtp, imap=imap, webhooks=hooks)


def _secret(name: str, why: str) -> str:
    try:
        value = get_secret(name)
    except SecretUnavailable as error:
        raise IntakeConfigError(f"{why} needs the secret {name!r}: {error}") from None
    if not value:
        raise IntakeConfigError(
            f"{why} needs the secret {name!r}: store it in the keyring, or set "
            f"{env_name(name)} in the server's environment"
        )
    return value


def with_secrets(settings: IntakeSettings) -> IntakeSettings:
    """`settings` with the secrets of the channels it turns on, read from the keyring."""
    hooks = settings.webhooks
    teams_key = None
    if hooks.teams:
        token = _secret(TEAMS_SECURITY_TOKEN, "[webhooks] teams")
        try:
            teams_key = base64.b64decode(token, validate=True)
        except (binascii.Error, ValueError):
            raise IntakeConfigError(
                f"{TEAMS_SECURITY_TOKEN}: the security token Teams showed is base64; "
                "this one is not"
            ) from None
    secrets = Secrets(
        imap_password=_secret(IMAP_PASSWORD, "[imap]") if settings.imap else None,
        whatsapp_app_secret=_secret(WHATSAPP_APP_SECRET, "[webhooks] whatsapp").encode()
        if hooks.whatsapp
        else None,
        whatsapp_verify_token=_secret(WHATSAPP_VERIFY_TOKEN, "[webhooks] whatsapp")
        if hooks.whatsapp
        else None,
        teams_key=teams_key,
        slack_signing_secret=_secret(SLACK_SIGNING_SECRET, "[webhooks] slack").encode()
        if hooks.slack
        else None,
    )
    return IntakeSettings(settings.smtp, settings.imap, settings.webhooks, secrets)


def load_intake(path: Path) -> IntakeSettings:
    """The intake file at `path`, with its channels' secrets."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise IntakeConfigError(f"cannot read {path}: {error}") from None
    return with_secrets(parse_intake(text))
