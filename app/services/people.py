"""People on shared terminals: enrolment, badge and PIN login, logout.

PINs are hashed with argon2id (OWASP's minimum parameters: fast enough for a kiosk,
slow for anyone guessing against a stolen database).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from app.errors import FieldProblem, ValidationError
from app.events.payloads import UserEnrolled, UserLoggedIn, UserLoggedOut, UserLoginFailed
from app.model import EventRecord, User
from app.model.types import Role
from app.services.base import Service, Tx

_PIN = re.compile(r"^\d{4,8}$")
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=10)
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def hash_pin(pin: str) -> str:
    if not _PIN.match(pin):
        raise ValidationError.one("pin", "must be 4 to 8 digits")
    return _hasher.hash(pin)


def pin_matches(pin_hash: str | None, pin: str) -> bool:
    if not pin_hash:
        return False
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class Operator:
    """The person logged in on this terminal, as the screens see them."""

    id: str
    name: str
    roles: tuple[Role, ...]

    def has(self, role: Role) -> bool:
        return role in self.roles


class LoginFailed(ValidationError):
    pass


def _operator(user: User) -> Operator:
    return Operator(id=user.id, name=user.name, roles=tuple(user.roles))


class PeopleService(Service):
    def enroll(
        self,
        *,
        actor: str,
        user_id: str,
        name: str,
        roles: list[Role],
        badge_id: str | None = None,
        pin: str | None = None,
    ) -> None:
        payload = UserEnrolled(
            id=user_id,
            name=name,
            badge_id=badge_id,
            pin_hash=hash_pin(pin) if pin is not None else None,
            roles=roles,
        )
        with self.transaction() as tx:
            if badge_id is not None:
                holder = tx.session.scalar(select(User).where(User.badge_id == badge_id))
                if holder is not None and holder.id != user_id:
                    raise ValidationError.one("badge_id", f"already given to {holder.name}")
            tx.emit(payload, actor)

    def login_badge(self, badge_id: str) -> Operator:
        badge_id = badge_id.strip()
        if not badge_id:
            raise LoginFailed(FieldProblem("badge", "scan a badge or type its number"))
        with self.transaction() as tx:
            user = tx.session.scalar(select(User).where(User.badge_id == badge_id))
            if user is None or not user.active:
                raise LoginFailed(FieldProblem("badge", f"badge {badge_id!r} is not enrolled"))
            tx.emit(UserLoggedIn(user_id=user.id, method="badge"), user.id)
            return _operator(user)

    def login_pin(self, user_id: str, pin: str) -> Operator:
        """PIN login; after MAX_FAILURES wrong PINs in a row the number is locked a while.

        Failures are events too (an audit trail of guessing), committed even though the
        login itself fails.
        """
        user_id = user_id.strip()
        if not user_id:
            raise LoginFailed(FieldProblem("user", "enter your employee number"))
        with self.transaction() as tx:
            locked_until = self._locked_until(tx, user_id)
            if locked_until is not None:
                minutes = max(1, round((locked_until - tx.clock.now()).total_seconds() / 60))
                raise LoginFailed(
                    FieldProblem(
                        "pin", f"too many wrong PINs: try again in {minutes} min or scan your badge"
                    )
                )
            user = tx.session.get(User, user_id)
            if user is not None and user.active and pin_matches(user.pin_hash, pin):
                tx.emit(UserLoggedIn(user_id=user.id, method="pin"), user.id)
                return _operator(user)
            tx.emit(UserLoginFailed(user_id=user_id, method="pin"), "anonymous")
        # One message for both cases: do not tell a guesser which part was wrong.
        raise LoginFailed(FieldProblem("pin", "employee number or PIN is wrong"))

    def _locked_until(self, tx: Tx, user_id: str) -> datetime | None:
        since = tx.clock.now() - LOCKOUT
        recent = tx.session.execute(
            select(EventRecord.kind, EventRecord.occurred_at)
            .where(
                EventRecord.kind.in_((UserLoginFailed.KIND, UserLoggedIn.KIND)),
                EventRecord.payload["user_id"].as_string() == user_id,
                EventRecord.occurred_at >= since,
            )
            .order_by(EventRecord.position.desc())
            .limit(MAX_FAILURES)
        ).all()
        failures = [at for kind, at in recent if kind == UserLoginFailed.KIND]
        if len(recent) == MAX_FAILURES and len(failures) == MAX_FAILURES:
            return failures[0] + LOCKOUT
        return None

    def logout(self, operator: Operator, reason: str = "user") -> None:
        with self.transaction() as tx:
            tx.emit(UserLoggedOut(user_id=operator.id, reason=reason), operator.id)
