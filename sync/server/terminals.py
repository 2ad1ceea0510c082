"""The administrator's verbs on the server's terminals: `takt server terminals add|list|revoke`.

They work on the server's database directly (a running server sees the change on the
terminal's next call: nothing is cached), so they need no token and no HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from app.errors import TaktError
from app.model import EnrollmentCode, RegisteredTerminal
from app.store import Store
from sync.server import codes


class UnknownTerminal(TaktError):
    pass


@dataclass(frozen=True)
class TerminalRow:
    id: str
    name: str
    registered_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None
    signs: bool  # has a public key: its batches are signed


@dataclass(frozen=True)
class PendingCode:
    name: str | None
    created_at: datetime
    expires_at: datetime


def add(
    store: Store,
    now: datetime,
    name: str | None,
    valid_for: timedelta = codes.DEFAULT_VALIDITY,
    machine_sources: tuple[str, ...] = (),
) -> codes.IssuedCode:
    with store.write() as session:
        return codes.issue(
            session, now=now, name=name, valid_for=valid_for, machine_sources=machine_sources
        )


def terminals(store: Store) -> list[TerminalRow]:
    with store.read() as session:
        return [
            TerminalRow(
                t.id,
                t.name,
                t.registered_at,
                t.last_seen_at,
                t.revoked_at,
                t.public_key is not None,
            )
            for t in session.scalars(
                select(RegisteredTerminal).order_by(
                    RegisteredTerminal.registered_at, RegisteredTerminal.id
                )
            )
        ]


def pending_codes(store: Store, now: datetime) -> list[PendingCode]:
    """Codes issued, not used yet and not expired."""
    with store.read() as session:
        return [
            PendingCode(c.name, c.created_at, c.expires_at)
            for c in session.scalars(
                select(EnrollmentCode)
                .where(EnrollmentCode.used_at.is_(None), EnrollmentCode.expires_at > now)
                .order_by(EnrollmentCode.created_at)
            )
        ]


def revoke(store: Store, terminal_id: str, now: datetime) -> TerminalRow:
    """Revoke a terminal: its token stops working at its next call."""
    with store.write() as session:
        terminal = session.get(RegisteredTerminal, terminal_id, with_for_update=True)
        if terminal is None:
            raise UnknownTerminal(
                f"no terminal {terminal_id!r} is registered with this server "
                "(see `takt server terminals list`)"
            )
        if terminal.revoked_at is None:
            terminal.revoked_at = now
        return TerminalRow(
            terminal.id,
            terminal.name,
            terminal.registered_at,
            terminal.last_seen_at,
            terminal.revoked_at,
            terminal.public_key is not None,
        )
