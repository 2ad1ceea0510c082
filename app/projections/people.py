"""Reducers for people: enrolment sets a user's badge, PIN hash and roles."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Rejected
from app.events.envelope import Event
from app.events.payloads import UserEnrolled, UserLanguageSet
from app.i18n import tr
from app.model import User, UserRole
from app.projections.registry import reduces


@reduces(UserEnrolled)
def user_enrolled(session: Session, p: UserEnrolled, _: Event) -> None:
    if p.badge_id is not None:
        with session.no_autoflush:
            holder = session.scalar(select(User).where(User.badge_id == p.badge_id))
        if holder is not None and holder.id != p.id:
            # Two people with one badge: a scan would log in whichever the database finds.
            raise Rejected(
                tr("badge {badge} is already given to {name}", badge=p.badge_id, name=holder.name)
            )
    user = session.get(User, p.id)
    if user is None:
        user = User(id=p.id)
        session.add(user)
    user.name = p.name
    user.badge_id = p.badge_id
    user.pin_hash = p.pin_hash
    user.active = True
    if p.language is not None:
        user.language = p.language
    user.role_links = [UserRole(user_id=p.id, role=r) for r in sorted(set(p.roles))]


@reduces(UserLanguageSet)
def user_language_set(session: Session, p: UserLanguageSet, _: Event) -> None:
    user = session.get(User, p.user_id)
    if user is None:
        raise Rejected(tr("unknown person {user}", user=p.user_id))
    user.language = p.language
