"""Reducers for logins: which people are logged in on which terminal."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.events.envelope import Event
from app.events.payloads import UserLoggedIn, UserLoggedOut
from app.model import TerminalSession
from app.projections.registry import find, reduces


@reduces(UserLoggedIn)
def logged_in(session: Session, p: UserLoggedIn, event: Event) -> None:
    row = find(session, TerminalSession, (event.terminal_id, p.user_id))
    if row is None:
        session.add(
            TerminalSession(
                terminal_id=event.terminal_id,
                user_id=p.user_id,
                active=True,
                since=event.occurred_at,
            )
        )
    else:
        row.active, row.since = True, event.occurred_at


@reduces(UserLoggedOut)
def logged_out(session: Session, p: UserLoggedOut, event: Event) -> None:
    row = find(session, TerminalSession, (event.terminal_id, p.user_id))
    if row is not None:
        row.active = False
