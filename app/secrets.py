"""Secrets (server tokens, ERP keys, SMTP passwords) live in the OS keyring, never in files.

Where a machine has no keyring backend (headless Linux, CI), reading or storing a secret
fails with a message naming the two documented fallbacks: the environment variable
TAKT_SECRET_<NAME> for the process, or installing `keyrings.alt` for a file-backed keyring.
"""

from __future__ import annotations

import os
import re

import keyring
import keyring.errors
from keyring.backends import fail

from app.errors import TaktError

SERVICE = "takt"
# The plant's enrollment key: a server takes new terminals that present it.
ENROLLMENT_KEY = "server-enrollment-key"


class SecretUnavailable(TaktError):
    pass


def env_name(name: str) -> str:
    return "TAKT_SECRET_" + re.sub(r"[^A-Z0-9]", "_", name.upper())


def _no_backend(name: str, doing: str) -> SecretUnavailable:
    return SecretUnavailable(
        f"cannot {doing} the secret {name!r}: this machine has no keyring backend. "
        f"Set {env_name(name)} in Takt's environment, or install a file-backed keyring "
        "with `pip install keyrings.alt`."
    )


def _usable() -> bool:
    return not isinstance(keyring.get_keyring(), fail.Keyring)


def get_secret(name: str) -> str | None:
    """The secret, from the environment override or the keyring; None if never stored."""
    override = os.environ.get(env_name(name))
    if override:
        return override
    if not _usable():
        raise _no_backend(name, "read")
    try:
        return keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError as error:
        raise SecretUnavailable(
            f"cannot read the secret {name!r} from the keyring: {error}"
        ) from None


def check_storable(name: str) -> None:
    """Raise SecretUnavailable now if `name` could not be stored: before a step that
    cannot be undone (registering replaces a token) rather than after it."""
    if not _usable():
        raise _no_backend(name, "store")


def set_secret(name: str, value: str) -> None:
    check_storable(name)
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as error:
        raise SecretUnavailable(
            f"cannot store the secret {name!r} in the keyring: {error}"
        ) from None
