"""The terminal's credentials: registered once with a one-time enrollment code, kept in the
keyring.

Two secrets per terminal: the token the server knows it by, and the Ed25519 private key
its batches are signed with (only the public key leaves the terminal, at registration).
Both live in the OS keyring; where a machine has none, TAKT_SECRET_TERMINAL_TOKEN_<ID>
and TAKT_SECRET_TERMINAL_SIGNING_KEY_<ID> stand in (app.secrets). A terminal id registers
once, so registering is refused up front when the keyring could not keep the result.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.events.signing import (
    BadKey,
    load_private_key,
    new_private_key,
    private_key_text,
    public_key_text,
)
from app.pin_key import keep_server_pin_key
from app.secrets import SecretUnavailable, check_storable, env_name, get_secret, set_secret
from sync.client.transport import Transport

log = logging.getLogger(__name__)


# A one-time enrollment code (`takt server terminals add`) for `takt enroll`, `takt terminal
# --server` or a machine bridge to register with, when not typed. Read from the
# environment only.
ENROLLMENT_CODE_ENV = "TAKT_SECRET_ENROLLMENT_CODE"


class NotEnrolled(Exception):
    """No usable credentials for this terminal and no enrollment code to get them."""


@dataclass(frozen=True)
class Credentials:
    token: str
    signing_key: Ed25519PrivateKey
    warning: str | None = None  # why they could not be kept in the keyring

    def use(self, transport: Transport) -> None:
        """Authenticate and sign `transport`'s calls with these credentials."""
        transport.token = self.token
        transport.signing_key = self.signing_key


def token_name(terminal_id: str) -> str:
    return f"terminal-token-{terminal_id}"


def signing_key_name(terminal_id: str) -> str:
    return f"terminal-signing-key-{terminal_id}"


def _revoke_hint(terminal_id: str) -> str:
    return (
        f"ask an administrator to revoke it (`takt server terminals revoke {terminal_id}`) "
        "and to issue a new code (`takt server terminals add`), then run `takt enroll`"
    )


def obtain_token(
    transport: Transport,
    terminal_id: str,
    terminal_name: str,
    enrollment_code: str | None,
) -> Credentials:
    """The stored credentials, or new ones from registering with `enrollment_code`."""
    warnings: list[str] = []
    token = _read(token_name(terminal_id), warnings)
    key_text = _read(signing_key_name(terminal_id), warnings)
    warning = warnings[0] if warnings else None
    if token and key_text:
        try:
            return Credentials(token, load_private_key(key_text))
        except BadKey as error:
            raise NotEnrolled(
                f"{error} (secret {signing_key_name(terminal_id)!r}); " + _revoke_hint(terminal_id)
            ) from None
    if enrollment_code:
        try:
            return register_and_keep(transport, terminal_id, terminal_name, enrollment_code)
        except SecretUnavailable as error:
            raise NotEnrolled(f"cannot enroll this terminal: {error}") from None
    if token:
        raise NotEnrolled(
            f"this terminal's server token has no signing key (secret "
            f"{signing_key_name(terminal_id)!r}; it was enrolled before batches were signed): "
            + _revoke_hint(terminal_id)
        )
    raise NotEnrolled(
        "this terminal has no server token: run `takt enroll --server URL` "
        "(it asks for the one-time enrollment code an administrator issued with "
        "`takt server terminals add`) or set "
        f"{env_name(token_name(terminal_id))} and {env_name(signing_key_name(terminal_id))}"
        + (f" ({warning})" if warning else "")
    )


def _read(name: str, warnings: list[str]) -> str | None:
    try:
        return get_secret(name)
    except SecretUnavailable as error:
        warnings.append(str(error))
        return None


def enroll(
    transport: Transport, terminal_id: str, terminal_name: str, enrollment_code: str
) -> Credentials:
    """Register with a new key pair; the credentials live in this process only."""
    key = new_private_key()
    registered = transport.register(
        enrollment_code, terminal_id, terminal_name, public_key_text(key)
    )
    # The plant PIN key: this terminal checks PINs with it (app/pin_key.py).
    pin_warning = keep_server_pin_key(terminal_id, registered.pin_key)
    if pin_warning:
        log.warning("%s", pin_warning)
    return Credentials(registered.token, key)


def register_and_keep(
    transport: Transport, terminal_id: str, terminal_name: str, enrollment_code: str
) -> Credentials:
    """Register and keep the token and signing key in the keyring.

    Raises SecretUnavailable before registering when the keyring cannot keep them: the
    server registers a terminal id once, so credentials that were lost at once would
    lock the terminal out until an administrator revokes it."""
    check_storable(signing_key_name(terminal_id))
    check_storable(token_name(terminal_id))
    credentials = enroll(transport, terminal_id, terminal_name, enrollment_code)
    try:
        set_secret(signing_key_name(terminal_id), private_key_text(credentials.signing_key))
        set_secret(token_name(terminal_id), credentials.token)
    except SecretUnavailable as error:
        return Credentials(
            credentials.token,
            credentials.signing_key,
            f"credentials kept in memory only: {error}; when this process ends, "
            + _revoke_hint(terminal_id),
        )
    return credentials
