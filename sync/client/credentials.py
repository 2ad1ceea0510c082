"""The terminal's token: registered once with the plant's enrollment key, kept in the keyring."""

from __future__ import annotations

from dataclasses import dataclass

from app.secrets import SecretUnavailable, env_name, get_secret, set_secret
from sync.client.transport import Transport


class NotEnrolled(Exception):
    """No token for this terminal and no enrollment key to get one."""


@dataclass(frozen=True)
class Credentials:
    token: str
    warning: str | None = None  # why the token could not be kept in the keyring


def token_name(terminal_id: str) -> str:
    return f"terminal-token-{terminal_id}"


def obtain_token(
    transport: Transport,
    terminal_id: str,
    terminal_name: str,
    enrollment_key: str | None,
) -> Credentials:
    """The stored token, or a new one from registering with `enrollment_key`.

    Where the keyring cannot store it, the token lives in this process only (the
    terminal registers again next start); it is never written to a file.
    """
    warning: str | None = None
    try:
        stored = get_secret(token_name(terminal_id))
    except SecretUnavailable as error:
        stored, warning = None, str(error)
    if stored:
        return Credentials(stored)
    if not enrollment_key:
        raise NotEnrolled(
            "this terminal has no server token: run `takt enroll --server URL` "
            "(it asks for the plant's enrollment key) or set "
            f"{env_name(token_name(terminal_id))}" + (f" ({warning})" if warning else "")
        )
    return register_and_keep(transport, terminal_id, terminal_name, enrollment_key)


def register_and_keep(
    transport: Transport, terminal_id: str, terminal_name: str, enrollment_key: str
) -> Credentials:
    """Register (which replaces any earlier token on the server) and keep the new token
    in the keyring; where it cannot be kept, say so (the caller tells the person)."""
    token = transport.register(enrollment_key, terminal_id, terminal_name).token
    try:
        set_secret(token_name(terminal_id), token)
    except SecretUnavailable as error:
        return Credentials(token, f"token kept in memory only: {error}")
    return Credentials(token)
