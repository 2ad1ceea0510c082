"""Reducers for people: enrolment sets a user's badge, PIN hash and roles."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.events.envelope import Event
from app.events.payloads import UserEnrolled
from app.model import User, UserRole
from app.projections.registry import reduces


@reduces(UserEnrolled)
def user_enrolled(session: Session, p: UserEnrolled, _: Event) -> None:
    user = session.get(User, p.id)
    if user is None:
        user = User(id=p.id)
        session.add(user)
    user.name = p.name
    user.badge_id = p.badge_id
    user.pin_hash = p.pin_hash
    user.active = True
    user.role_links = [UserRole(user_id=p.id, role=r) for r in sorted(set(p.roles))]
