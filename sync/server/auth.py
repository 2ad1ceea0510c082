"""Terminal registration and the per-terminal tokens that authenticate every call.

A terminal registers once with a one-time code an administrator issued (`takt server
terminals add`) and gets its own token; the server keeps only the token's SHA-256, so a
stolen server database holds no usable credential. The token names its terminal: events
in any other terminal's name are refused. With the registration comes the terminal's
public key, which every batch it pushes is signed with (sync.server.signing).

A terminal id is registered once: registering it again (which would hand its identity to
whoever asks) needs an administrator to revoke it first, and the server's own id is never
a terminal's. An embedded server (tests, benchmarks) may also take a shared enrollment
key in place of codes; the same rules hold for it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta

import sqlalchemy.exc
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.clock import utc_text
from app.errors import DiskFullError
from app.model import EnrollmentCode, RegisteredTerminal
from app.store import Store
from sync.server import codes

log = logging.getLogger(__name__)

# How often a terminal's last_seen_at is written: often enough for `terminals list`,
# rarely enough that busy terminals add no writes to the server.
SEEN_EVERY = timedelta(minutes=1)


class NotAuthenticated(Exception):
    pass


class EnrollmentRefused(Exception):
    """Registration refused; `status` is the HTTP status that says why."""

    status = 400


class WrongCode(EnrollmentRefused):
    """The code (or key) was wrong, used or expired: counts towards the rate limit."""

    status = 401


class SpentCode(WrongCode):
    status = 403


class IdTaken(EnrollmentRefused):
    status = 409


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def register(
    session: Session,
    *,
    presented_key: str,
    terminal_id: str,
    name: str,
    public_key: str,
    server_id: str,
    now: datetime,
    enrollment_key: str | None = None,
) -> str:
    """Register a terminal with a one-time code (or the embedded server's key); return
    its token. Nothing is stored (the code stays unused) when anything is refused."""
    code = _redeem(session, presented_key, enrollment_key, now)
    if terminal_id == server_id:
        raise IdTaken(f"terminal id {terminal_id} is this server's own id; no terminal may use it")
    terminal = session.get(RegisteredTerminal, terminal_id, with_for_update=True)
    if terminal is not None and terminal.revoked_at is None:
        raise IdTaken(
            f"terminal id {terminal_id} is already registered ({terminal.name!r}); an "
            f"administrator must revoke it first (takt server terminals revoke {terminal_id})"
        )
    sources = None
    if code is not None:
        code.used_at, code.used_by = now, terminal_id
        name = code.name or name  # the administrator's name for it wins
        sources = code.machine_sources  # a machine bridge's, as the administrator named them
    token = new_token()
    if terminal is None:
        session.add(
            RegisteredTerminal(
                id=terminal_id,
                name=name,
                token_hash=token_hash(token),
                registered_at=now,
                public_key=public_key,
                machine_sources=sources,
            )
        )
        try:
            session.flush()
        except sqlalchemy.exc.IntegrityError:
            # Another registration of the same new id committed first (two codes, one id).
            raise IdTaken(f"terminal id {terminal_id} was registered just now") from None
    else:  # revoked: this enrollment gives it a new token and key
        terminal.name = name
        terminal.token_hash = token_hash(token)
        terminal.public_key = public_key
        terminal.registered_at = now
        terminal.revoked_at = None
        terminal.machine_sources = sources
    return token


def _redeem(
    session: Session, presented: str, enrollment_key: str | None, now: datetime
) -> EnrollmentCode | None:
    """The unused, unexpired code `presented` is (None: it is the embedded server's key)."""
    if not presented:
        raise WrongCode(
            "send the one-time enrollment code as 'Authorization: Bearer <code>' "
            "(an administrator issues one with `takt server terminals add`)"
        )
    if enrollment_key is not None and hmac.compare_digest(
        enrollment_key.encode(), presented.encode()
    ):
        return None
    code = session.scalar(
        select(EnrollmentCode)
        .where(EnrollmentCode.code_hash == codes.code_hash(presented))
        .with_for_update()
    )
    if code is None:
        raise WrongCode("the enrollment code is wrong: check it, or ask for a new one")
    if code.used_at is not None:
        raise SpentCode(
            f"this enrollment code was already used (at {utc_text(code.used_at)}); "
            "a code registers one terminal once: ask for a new one"
        )
    if code.expires_at <= now:
        raise SpentCode(
            f"this enrollment code expired at {utc_text(code.expires_at)}: ask for a new one"
        )
    return code


def bearer(authorization: str | None) -> str | None:
    """The credential in an `Authorization: Bearer <...>` header (any case), or None."""
    if not authorization or not authorization.lower().startswith("bearer "):
        return None
    return authorization[7:].strip()


def identify(session: Session, authorization: str | None) -> RegisteredTerminal:
    """The registered, unrevoked terminal a `Bearer <token>` header belongs to."""
    token = bearer(authorization)
    if token is None:
        raise NotAuthenticated("send the terminal token as 'Authorization: Bearer <token>'")
    digest = token_hash(token)
    terminal = session.scalar(
        select(RegisteredTerminal).where(RegisteredTerminal.token_hash == digest)
    )
    if terminal is None:
        raise NotAuthenticated("unknown terminal token; enroll the terminal again")
    if terminal.revoked_at is not None:
        raise NotAuthenticated(
            f"terminal {terminal.id} ({terminal.name}) was revoked at "
            f"{utc_text(terminal.revoked_at)}: its token no longer works; to use it again, "
            "enroll it with a new code from an administrator"
        )
    return terminal


def authenticate(session: Session, authorization: str | None) -> str:
    """The terminal id a `Bearer <token>` header belongs to."""
    return identify(session, authorization).id


def authenticate_call(store: Store, authorization: str | None, now: datetime) -> str:
    """authenticate(), noting when the terminal was last seen (at most once a minute)."""
    with store.read() as session:
        terminal = identify(session, authorization)
        terminal_id, last_seen = terminal.id, terminal.last_seen_at
    if last_seen is None or now - last_seen >= SEEN_EVERY:
        try:
            with store.write() as session:
                session.execute(
                    update(RegisteredTerminal)
                    .where(RegisteredTerminal.id == terminal_id)
                    .values(last_seen_at=now)
                )
        except (sqlalchemy.exc.SQLAlchemyError, DiskFullError) as error:
            # Bookkeeping only: the call itself goes on (and meets the fault, if any).
            log.warning("could not note when terminal %s was last seen: %s", terminal_id, error)
    return terminal_id
