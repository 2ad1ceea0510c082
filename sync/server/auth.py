"""Terminal registration and the per-terminal tokens that authenticate every call.

A terminal registers once with the plant's enrollment key and gets its own token; the
server keeps only the token's SHA-256, so a stolen server database holds no usable
credential. The token names its terminal: events in any other terminal's name are
refused.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import RegisteredTerminal


class NotAuthenticated(Exception):
    pass


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def register(
    session: Session,
    *,
    enrollment_key: str,
    presented_key: str,
    terminal_id: str,
    name: str,
    now: datetime,
) -> str:
    """Register (or re-register, rotating the token) a terminal; return its token."""
    if not hmac.compare_digest(enrollment_key.encode(), presented_key.encode()):
        raise NotAuthenticated("the enrollment key is wrong")
    token = new_token()
    terminal = session.get(RegisteredTerminal, terminal_id)
    if terminal is None:
        session.add(
            RegisteredTerminal(
                id=terminal_id, name=name, token_hash=token_hash(token), registered_at=now
            )
        )
    else:
        terminal.name = name
        terminal.token_hash = token_hash(token)
    return token


def bearer(authorization: str | None) -> str | None:
    """The credential in an `Authorization: Bearer <...>` header (any case), or None."""
    if not authorization or not authorization.lower().startswith("bearer "):
        return None
    return authorization[7:].strip()


def authenticate(session: Session, authorization: str | None) -> str:
    """The terminal id a `Bearer <token>` header belongs to."""
    token = bearer(authorization)
    if token is None:
        raise NotAuthenticated("send the terminal token as 'Authorization: Bearer <token>'")
    digest = token_hash(token)
    terminal = session.scalar(
        select(RegisteredTerminal).where(RegisteredTerminal.token_hash == digest)
    )
    if terminal is None:
        raise NotAuthenticated("unknown or revoked terminal token; register the terminal again")
    return terminal.id
