"""Reducers for logins: which people are logged in on which terminal, and whose PIN
login is locked.

A terminal refuses a PIN login during a lock it knows of (app/services/people.py); one
that had not yet pulled the lock (typed at another kiosk, a moment before, or while the
two were apart) lets the right PIN through. The server, applying events in its order,
knows of every lock it took before that login, and refuses it: a guesser cannot go on at
the next kiosk. A login since the lock (a badge) ends it, as it restarts the count.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from app.errors import Rejected
from app.events.envelope import Event
from app.events.payloads import UserLockedOut, UserLoggedIn, UserLoggedOut
from app.i18n import tr
from app.model import PinLock, TerminalSession
from app.projections.registry import find, reduces

LOCKOUT = timedelta(minutes=10)  # how long too many wrong PINs lock a number
MAX_FAILURES = 5  # wrong PINs in a row that lock it


@reduces(UserLockedOut)
def locked_out(session: Session, p: UserLockedOut, event: Event) -> None:
    # Recorded by any terminal, anonymously: one that locks longer than a terminal
    # would could keep a person off PIN login at will.
    if p.until > event.occurred_at + LOCKOUT:
        raise Rejected(
            tr(
                "a PIN lock lasts {minutes} min at most",
                minutes=round(LOCKOUT.total_seconds() / 60),
            )
        )
    row = find(session, PinLock, p.user_id)
    if row is None:
        session.add(PinLock(user_id=p.user_id, until=p.until, failures=p.failures))
    elif p.until > row.until:
        row.until, row.failures = p.until, p.failures


@reduces(UserLoggedIn)
def logged_in(session: Session, p: UserLoggedIn, event: Event) -> None:
    lock = find(session, PinLock, p.user_id)
    if lock is not None and lock.until > event.occurred_at:
        if p.method == "pin":
            raise Rejected(
                tr(
                    "PIN login for {user} was locked until {until} after {failures} wrong "
                    "PINs (typed at another terminal): scan the badge",
                    user=p.user_id,
                    until=f"{lock.until:%H:%M} UTC",
                    failures=lock.failures,
                )
            )
        lock.until = event.occurred_at  # a badge login ends the lock
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
