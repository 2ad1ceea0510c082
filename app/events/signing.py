"""Ed25519 signatures over a terminal's chain head: who vouches for a stretch of the log.

Each event's hash covers the one before it, so one signature over the newest event's
(terminal, sequence number, hash) vouches for every event up to it. A terminal signs the
head of each batch it pushes with a private key only it holds; the server keeps the
terminal's public key and each signed head, so anyone holding the server's database can
later tell an event a terminal really sent from one written into the database afterwards.

Keys and signatures travel and rest as lowercase hex (64 and 128 characters).
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.errors import TaktError

# Bumped if what is signed ever changes, so an old signature can never pass for a new one.
DOMAIN = "takt-chain-head/1"
PUBLIC_KEY_PATTERN = r"^[0-9a-f]{64}$"
SIGNATURE_PATTERN = r"^[0-9a-f]{128}$"


class BadKey(TaktError):
    """A stored or presented key is not an Ed25519 key in hex."""


def head_message(terminal_id: str, seq: int, event_hash: str) -> bytes:
    """The exact bytes signed: unambiguous because no field can hold a newline."""
    return f"{DOMAIN}\n{terminal_id}\n{seq}\n{event_hash}".encode()


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_text(key: Ed25519PrivateKey) -> str:
    return key.private_bytes_raw().hex()


def load_private_key(text: str) -> Ed25519PrivateKey:
    try:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text.strip()))
    except ValueError:
        raise BadKey("the terminal's signing key is not 64 hexadecimal digits") from None


def public_key_text(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes_raw().hex()


def sign_head(key: Ed25519PrivateKey, terminal_id: str, seq: int, event_hash: str) -> str:
    return key.sign(head_message(terminal_id, seq, event_hash)).hex()


@lru_cache(maxsize=1024)
def _public_key(text: str) -> Ed25519PublicKey:
    # Parsing is cheap but not free; a server verifies every batch of a few hundred
    # terminals against the same few keys.
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))


def verify_head(
    public_key: str, terminal_id: str, seq: int, event_hash: str, signature: str
) -> bool:
    """Whether `signature` is `public_key`'s signature of this chain head.

    False (never an exception) for a malformed key or signature: to the caller a
    signature that cannot be read is as good as a forged one."""
    try:
        key = _public_key(public_key)
        key.verify(bytes.fromhex(signature), head_message(terminal_id, seq, event_hash))
    except (ValueError, InvalidSignature):
        return False
    return True
