"""What a PIN must be: long enough, not the person's employee number, not a pattern.

A guesser at a kiosk gets five tries before a lock (app/services/people.py); the PINs
people pick first (their number, 123456, 111111, 121212) are the ones a guesser tries
first, so they are refused when the PIN is set. Every refusal names the field `pin`
and the rule it breaks.
"""

from __future__ import annotations

import itertools

from app.errors import ValidationError
from app.i18n import Message, tr

MIN_DIGITS = 6
MAX_DIGITS = 12
RULES = (
    tr("{min} to {max} digits", min=MIN_DIGITS, max=MAX_DIGITS),
    tr("not the employee number, not part of it and not containing it"),
    tr(
        "not one digit repeated (111111), not a run (123456, 654321), "
        "not a repeated group (121212, 123123)"
    ),
)


def pin_problem(pin: str, user_id: str) -> Message | None:
    """Why `pin` may not be `user_id`'s PIN, or None when it may."""
    if not (pin.isascii() and pin.isdigit()) or not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        return tr("must be {min} to {max} digits", min=MIN_DIGITS, max=MAX_DIGITS)
    number = user_id.strip()
    if number and (pin == number or number in pin or pin in number):
        return tr("must not be the employee number, contain it or be part of it")
    if len(set(pin)) == 1:
        return tr(
            "is too easy to guess: one digit repeated ({example})", example=pin[0] * MIN_DIGITS
        )
    if _is_run(pin):
        return tr("is too easy to guess: a run of digits (like 123456 or 654321)")
    if _repeats(pin):
        return tr("is too easy to guess: a repeated group of digits (like 121212 or 123123)")
    return None


def check_pin(pin: str, user_id: str) -> None:
    """Raise ValidationError on field `pin` unless `pin` follows the policy."""
    problem = pin_problem(pin, user_id)
    if problem is not None:
        raise ValidationError.one("pin", problem)


def _is_run(pin: str) -> bool:
    # Up or down by one each step; a run may wrap past 9 (789012) like a keypad row does.
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    return steps in ({1}, {9})


def _repeats(pin: str) -> bool:
    # A group of at most half the PIN, repeated to fill it (121212, 123123, 12341234).
    return any(
        len(pin) % size == 0 and pin == pin[:size] * (len(pin) // size)
        for size in range(1, len(pin) // 2 + 1)
    )
