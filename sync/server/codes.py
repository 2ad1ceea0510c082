"""One-time enrollment codes: what an administrator gives a person setting up a terminal.

A code is 12 characters of Crockford's base-32 alphabet (no I, L, O or U: nothing to
misread at a kiosk), shown in groups of four; typed in any case, with or without the
dashes, with O for 0 or I/L for 1. That is 60 random bits, so with the rate limit on
registration guessing one is hopeless, and a plain SHA-256 of it is all the server keeps.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from app.model import EnrollmentCode

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
DEFAULT_VALIDITY = timedelta(hours=24)
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


@dataclass(frozen=True)
class IssuedCode:
    code: str  # shown once, to the administrator; never stored
    name: str | None
    expires_at: datetime


def normalize(text: str) -> str:
    return text.strip().upper().translate(_MISREAD)


def code_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("ascii", "replace")).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def issue(
    session: Session,
    *,
    now: datetime,
    name: str | None = None,
    valid_for: timedelta = DEFAULT_VALIDITY,
    machine_sources: tuple[str, ...] = (),
) -> IssuedCode:
    """Store a new code's hash; the code itself is returned once and kept nowhere.

    `machine_sources`: the code enrolls a machine bridge that speaks for these sources."""
    code = new_code()
    expires_at = now + valid_for
    session.add(
        EnrollmentCode(
            code_hash=code_hash(code),
            name=name,
            created_at=now,
            expires_at=expires_at,
            machine_sources=" ".join(machine_sources) or None,
        )
    )
    return IssuedCode(code, name, expires_at)
