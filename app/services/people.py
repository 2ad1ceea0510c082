"""People on shared terminals: enrolment, badge and PIN login, logout.

A PIN is stored as `takt1:<key id>:<argon2id(HMAC-SHA256(plant PIN key, PIN))>`
(argon2id at OWASP's minimum: t=2, m=19 MiB, p=1, about 20 ms on one core). The plant
PIN key (app/pin_key.py) is in the keyring of the server and of each terminal, never
in a database, and user.enrolled carries only the hash.

What recovering one 6-digit PIN from a copied terminal database costs, on 8 cores:
- With the database alone: a guess must be a PIN and the 256-bit key (each tried with an
  argon2 run); even counting one HMAC per key guess at 10^9 per second per core, 8 cores
  need over 10^59 years. The hash gives a guesser nothing to test a PIN against.
- With the database and that terminal's keyring (the kiosk itself taken, or its
  keyring read by its administrator): 10^6 PINs x 20 ms / 8 cores = about 42 minutes,
  21 on average. The PIN policy only removes the few thousand weakest guesses; a PIN
  is safe offline because of the key, not because of its length.
- Without the key (before it, the PIN hashed alone): those same 42 minutes, and under
  two minutes when the PIN was the employee number.
A hash from before the key (`$argon2id$...`) still verifies against the PIN alone; it
is replaced the next time that person's PIN is set.

Online, at a kiosk, a guesser gets MAX_FAILURES wrong PINs before the number is locked
for LOCKOUT (a `user.locked_out` event); failures and lockouts are events, so the other
terminals count them too as soon as they have pulled them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from app import authz
from app.clock import Clock
from app.errors import FieldProblem, ValidationError
from app.events.payloads import (
    UserEnrolled,
    UserLanguageSet,
    UserLockedOut,
    UserLoggedIn,
    UserLoggedOut,
    UserLoginFailed,
)
from app.i18n import Message, tr
from app.model import EventRecord, User
from app.model.types import Role
from app.pin_key import PinKey, ensure_pin_key, load_pin_key
from app.pin_policy import check_pin
from app.projections.sessions import LOCKOUT, MAX_FAILURES
from app.services.base import Service, Tx
from app.store import Store

PEPPERED = "takt1:"  # the prefix of a hash made with the plant PIN key
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

NO_KEY = tr(
    "PIN login does not work on this terminal: it holds no PIN key from its server "
    "(a copied or restored terminal, or a reset keyring). Scan your badge; an "
    "administrator can enroll this terminal again"
)


class PinKeyMissing(Exception):
    """The hash was made with a plant PIN key this process does not hold."""


def hash_pin(pin: str, key: PinKey) -> str:
    """The stored form of `pin` (check it against the policy first)."""
    return f"{PEPPERED}{key.id}:{_hasher.hash(key.pepper(pin))}"


def pin_matches(pin_hash: str | None, pin: str, key: PinKey | None) -> bool:
    """Whether `pin` is the PIN `pin_hash` was made from; PinKeyMissing when the hash
    needs a key other than `key` (a wrong PIN cannot be told from a missing key then)."""
    if not pin_hash:
        return False
    try:
        if pin_hash.startswith(PEPPERED):
            key_id, _, encoded = pin_hash[len(PEPPERED) :].partition(":")
            if key is None or key.id != key_id:
                raise PinKeyMissing(key_id)
            return _hasher.verify(encoded, key.pepper(pin))
        # From before the plant PIN key: the PIN alone.
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class Operator:
    """The person logged in on this terminal, as the screens see them."""

    id: str
    name: str
    roles: tuple[Role, ...]
    language: str | None = None  # None: the terminal's own language

    def has(self, role: Role) -> bool:
        return role in self.roles


class LoginFailed(ValidationError):
    pass


@dataclass(frozen=True)
class _Attempts:
    failures: int  # wrong PINs in a row, within LOCKOUT, since the last login or lock
    locked_until: datetime | None


def _operator(user: User) -> Operator:
    return Operator(id=user.id, name=user.name, roles=tuple(user.roles), language=user.language)


def _wrong_pin(left: int, minutes: int) -> Message:
    # Whole sentences per count, so each language words them its own way (1 to 4 left).
    if left == 1:
        return tr(
            "employee number or PIN is wrong: {left} try left before a {minutes}-minute lock",
            left=left,
            minutes=minutes,
        )
    return tr(
        "employee number or PIN is wrong: {left} tries left before a {minutes}-minute lock",
        left=left,
        minutes=minutes,
    )


class PeopleService(Service):
    def __init__(
        self, store: Store, clock: Clock | None = None, *, pin_key: PinKey | None = None
    ) -> None:
        super().__init__(store, clock)
        self._given_key = pin_key

    def _pin_key(self, tx: Tx, *, make: bool) -> PinKey | None:
        # Read each time: registering again (a new server, a re-enrolled copy) replaces it.
        if self._given_key is not None:
            return self._given_key
        key = load_pin_key(self.store.terminal_id)
        if key is None and make and authz.is_authority(tx.session):
            key = ensure_pin_key(self.store.terminal_id)
        return key

    def enroll(
        self,
        *,
        actor: str,
        user_id: str,
        name: str,
        roles: list[Role],
        badge_id: str | None = None,
        pin: str | None = None,
        language: str | None = None,
    ) -> None:
        if pin is not None:
            check_pin(pin, user_id)
        with self.transaction() as tx:
            pin_hash = None
            if pin is not None:
                key = self._pin_key(tx, make=True)
                if key is None:
                    raise ValidationError.one(
                        "pin",
                        tr(
                            "this terminal holds no PIN key from its server, so it cannot set "
                            "PINs; enroll the terminal again (takt enroll)"
                        ),
                    )
                pin_hash = hash_pin(pin, key)
            payload = UserEnrolled(
                id=user_id,
                name=name,
                badge_id=badge_id,
                pin_hash=pin_hash,
                roles=roles,
                language=language,
            )
            if badge_id is not None:
                holder = tx.session.scalar(select(User).where(User.badge_id == badge_id))
                if holder is not None and holder.id != user_id:
                    raise ValidationError.one(
                        "badge_id", tr("already given to {name}", name=holder.name)
                    )
            tx.emit(payload, actor)

    def login_badge(self, badge_id: str) -> Operator:
        badge_id = badge_id.strip()
        if not badge_id:
            raise LoginFailed(FieldProblem("badge", tr("scan a badge or type its number")))
        with self.transaction() as tx:
            user = tx.session.scalar(select(User).where(User.badge_id == badge_id))
            if user is None or not user.active:
                raise LoginFailed(
                    FieldProblem("badge", tr("badge {badge} is not enrolled", badge=repr(badge_id)))
                )
            tx.emit(UserLoggedIn(user_id=user.id, method="badge"), user.id)
            return _operator(user)

    def login_pin(self, user_id: str, pin: str) -> Operator:
        """PIN login; after MAX_FAILURES wrong PINs in a row the number is locked a while.

        Failures and the lock are events too (an audit trail of guessing, and what the
        other terminals count), committed even though the login itself fails.
        """
        user_id = user_id.strip()
        if not user_id:
            raise LoginFailed(FieldProblem("user", tr("enter your employee number")))
        with self.transaction() as tx:
            now = tx.clock.now()
            attempts = self._attempts(tx, user_id)
            if attempts.locked_until is not None:
                minutes = max(1, round((attempts.locked_until - now).total_seconds() / 60))
                raise LoginFailed(
                    FieldProblem(
                        "pin",
                        tr(
                            "too many wrong PINs: try again in {minutes} min or scan your badge",
                            minutes=minutes,
                        ),
                    )
                )
            user = tx.session.get(User, user_id)
            if user is not None and user.active:
                try:
                    matches = pin_matches(user.pin_hash, pin, self._pin_key(tx, make=False))
                except PinKeyMissing:
                    raise LoginFailed(FieldProblem("pin", NO_KEY)) from None
                if matches:
                    tx.emit(UserLoggedIn(user_id=user.id, method="pin"), user.id)
                    return _operator(user)
            tx.emit(UserLoginFailed(user_id=user_id, method="pin"), authz.ANONYMOUS)
            failures = attempts.failures + 1
            lock_minutes = round(LOCKOUT.total_seconds() / 60)
            if failures >= MAX_FAILURES:
                tx.emit(
                    UserLockedOut(user_id=user_id, until=now + LOCKOUT, failures=failures),
                    authz.ANONYMOUS,
                )
                problem = tr(
                    "employee number or PIN is wrong {failures} times in a row: PIN login "
                    "for {user} is locked for {minutes} min; scan your badge",
                    failures=failures,
                    user=user_id,
                    minutes=lock_minutes,
                )
            else:
                # One message for a wrong number and a wrong PIN: do not tell a guesser
                # which part was wrong.
                problem = _wrong_pin(MAX_FAILURES - failures, lock_minutes)
        raise LoginFailed(FieldProblem("pin", problem))

    def _attempts(self, tx: Tx, user_id: str) -> _Attempts:
        """Wrong PINs for `user_id` since its last login or lock, and a lock in force.

        Events from other terminals count as soon as they are pulled. Five failures with
        no lock recorded (typed on two terminals while they were apart) lock as well.
        """
        now = tx.clock.now()
        recent = tx.session.execute(
            select(EventRecord.kind, EventRecord.occurred_at, EventRecord.payload)
            .where(
                EventRecord.kind.in_((UserLoginFailed.KIND, UserLoggedIn.KIND, UserLockedOut.KIND)),
                EventRecord.payload["user_id"].as_string() == user_id,
                EventRecord.occurred_at >= now - LOCKOUT,
                # A lock the server refused (one longer than a lock lasts) is none.
                EventRecord.outcome != "rejected",
            )
            .order_by(EventRecord.position.desc())
            .limit(MAX_FAILURES + 1)
        ).all()
        failures: list[datetime] = []
        for kind, at, payload in recent:
            if kind == UserLockedOut.KIND:
                until = UserLockedOut.model_validate(payload).until
                if until > now:
                    return _Attempts(len(failures), until)
                break  # a lock that ran out starts the count afresh
            if kind == UserLoggedIn.KIND:
                break
            failures.append(at)
        if len(failures) >= MAX_FAILURES and failures[0] + LOCKOUT > now:
            return _Attempts(len(failures), failures[0] + LOCKOUT)
        return _Attempts(len(failures), None)

    def switch_badge(self, current: Operator, badge_id: str) -> Operator | None:
        """A badge scanned while `current` is logged in: None when no active person holds
        it (the code is something else: a work order, an item, a lot); the holder
        otherwise. A different holder takes over the terminal in one transaction: `current`
        logged out with reason "switch", then the holder logged in."""
        badge_id = badge_id.strip()
        if not badge_id:
            return None
        with self.transaction() as tx:
            user = tx.session.scalar(select(User).where(User.badge_id == badge_id))
            if user is None or not user.active:
                return None
            if user.id != current.id:
                tx.emit(UserLoggedOut(user_id=current.id, reason="switch"), current.id)
                tx.emit(UserLoggedIn(user_id=user.id, method="badge"), user.id)
            return _operator(user)

    def set_language(self, operator: Operator, language: str) -> Operator:
        """`operator`'s screens speak `language` from now on, on every terminal."""
        with self.transaction() as tx:
            tx.emit(UserLanguageSet(user_id=operator.id, language=language), operator.id)
        return replace(operator, language=language)

    def logout(self, operator: Operator, reason: str = "user") -> None:
        with self.transaction() as tx:
            tx.emit(UserLoggedOut(user_id=operator.id, reason=reason), operator.id)
