"""Who may do what: roles decide, every check names the role that would be needed."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import PermissionDenied
from app.model import User
from app.model.types import Role


def require_role(session: Session, actor: str, *roles: Role, action: str) -> User:
    user = session.get(User, actor)
    if user is None or not user.active:
        raise PermissionDenied(f"{actor!r} is not an enrolled user, so cannot {action}")
    if not set(user.roles) & set(roles):
        allowed = " or ".join(r.value.replace("_", " ") for r in roles)
        raise PermissionDenied(f"only a {allowed} may {action}; {user.name} is not one")
    return user
