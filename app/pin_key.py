"""The plant's PIN key: a secret every PIN hash depends on, kept out of every database.

Every terminal holds every person's PIN hash (user.enrolled carries it to all of them),
so a terminal database copied off a kiosk is a list of hashes to attack offline. PINs
are short, so the hash alone cannot protect them: a stored hash is argon2id over
HMAC-SHA256(plant PIN key, PIN) (app/services/people.py), and the key lives only in
the keyring (or TAKT_SECRET_PIN_KEY_<ID>) of the server and of each terminal.

Who holds it:
- The server makes the key the first time it needs it (its database is the plant's
  authority) and keeps it under `pin-key-<server id>`.
- A terminal gets it from the server when it registers (RegisterResponse.pin_key) and
  keeps it under `pin-key-<terminal id>`, next to its token.
- A terminal without a server (a standalone demo, tests) makes its own, like a server.

A copied database keeps its terminal id but not the keyring entry, so the copy cannot
check or set PINs (badges still work) until it is enrolled again. Where no keyring can
keep a key, it lives in this process only, with a warning, like a terminal token does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import secrets
import threading
from dataclasses import dataclass

from app.secrets import SecretUnavailable, env_name, get_secret, set_secret

log = logging.getLogger(__name__)

KEY_BYTES = 32
# Keys that no keyring could keep, by owner id: this process only.
_in_memory: dict[str, str] = {}
_making = threading.Lock()


def secret_name(owner_id: str) -> str:
    return f"pin-key-{owner_id}"


@dataclass(frozen=True)
class PinKey:
    secret: bytes

    @classmethod
    def new(cls) -> PinKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    @classmethod
    def decode(cls, text: str) -> PinKey:
        """From its text form (base64url); ValueError when it is not a PIN key."""
        try:
            raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
        except (binascii.Error, ValueError):
            raise ValueError("a PIN key is base64url text") from None
        if len(raw) != KEY_BYTES:
            raise ValueError(f"a PIN key is {KEY_BYTES} bytes, this is {len(raw)}")
        return cls(raw)

    def encode(self) -> str:
        return base64.urlsafe_b64encode(self.secret).decode("ascii").rstrip("=")

    @property
    def id(self) -> str:
        """A short name of the key, stored with each hash: a hash made with another key
        is told apart from a wrong PIN. It reveals nothing usable about the key."""
        return hashlib.sha256(b"takt pin key id\x00" + self.secret).hexdigest()[:8]

    def pepper(self, pin: str) -> str:
        return hmac.new(self.secret, pin.encode("utf-8"), hashlib.sha256).hexdigest()


def load_pin_key(owner_id: str) -> PinKey | None:
    """The key kept for `owner_id` (a terminal's or the server's id), or None."""
    name = secret_name(owner_id)
    try:
        text = get_secret(name)
    except SecretUnavailable:
        text = None
    text = text or _in_memory.get(owner_id)
    if not text:
        return None
    try:
        return PinKey.decode(text)
    except ValueError as error:
        raise SecretUnavailable(
            f"the secret {name!r} (or {env_name(name)}) is not a PIN key: {error}"
        ) from None


def keep_pin_key(owner_id: str, key: PinKey) -> str | None:
    """Keep `key` for `owner_id` in the keyring; where that cannot be done, in this
    process only, and return why (the caller tells the person)."""
    name = secret_name(owner_id)
    try:
        set_secret(name, key.encode())
    except SecretUnavailable as error:
        _in_memory[owner_id] = key.encode()
        return f"PIN key kept in memory only (PIN login ends with this process): {error}"
    _in_memory.pop(owner_id, None)
    return None


def ensure_pin_key(owner_id: str) -> PinKey:
    """The key of `owner_id`, made now if it has none: only for the plant's authority
    (the server, or a terminal without one), never for a terminal that follows a server."""
    with _making:
        key = load_pin_key(owner_id)
        if key is not None:
            return key
        key = PinKey.new()
        warning = keep_pin_key(owner_id, key)
        if warning is not None:
            log.warning(
                "%s. Set %s to keep PINs working after a restart.",
                warning,
                env_name(secret_name(owner_id)),
            )
        else:
            log.info("made the PIN key %s for %s", key.id, owner_id)
        return key


def keep_server_pin_key(terminal_id: str, text: str | None) -> str | None:
    """Keep the key a server handed this terminal at registration (None from a server
    older than the key: PINs set since cannot be checked here). Returns a warning for
    the person, or None."""
    if not text:
        return "the server sent no PIN key: PIN login works only for PINs set before it had one"
    try:
        key = PinKey.decode(text)
    except ValueError as error:
        return f"the server's PIN key was not usable ({error}); PIN login is off here"
    warning = keep_pin_key(terminal_id, key)
    if warning is None:
        log.info("kept the plant PIN key %s for terminal %s", key.id, terminal_id)
    return warning
