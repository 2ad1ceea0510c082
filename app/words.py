"""Words the domain puts inside its sentences: states, roles, things named by a kind.

A refusal reads "cannot close exception 7: it is waiting, not resolved"; on a screen in
another language the state's word must change with the rest of the sentence. `word(text)`
makes such a word a `Message` (a sentence of one word), so `ui.i18n.translated` translates
it together with the sentence it fills. The words are marked below for lupdate, in the
form the sentences use them: a state's stored value where a sentence says it as stored
("in_progress"), or with spaces where it says it so ("in progress"). The English stays
what it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum

from app.i18n import QT_TR_NOOP, Message, tr
from app.model.types import Role

# States as sentences say them (stored values, and the same with spaces).
STATE_WORDS = frozenset(
    {
        # exceptions, tasks, work orders, operations, ERP postings
        QT_TR_NOOP("raised"),
        QT_TR_NOOP("acknowledged"),
        QT_TR_NOOP("in_progress"),
        QT_TR_NOOP("in progress"),
        QT_TR_NOOP("waiting"),
        QT_TR_NOOP("resolved"),
        QT_TR_NOOP("closed"),
        QT_TR_NOOP("open"),
        QT_TR_NOOP("done"),
        QT_TR_NOOP("cancelled"),
        QT_TR_NOOP("released"),
        QT_TR_NOOP("completed"),
        QT_TR_NOOP("ready"),
        QT_TR_NOOP("running"),
        QT_TR_NOOP("paused"),
        QT_TR_NOOP("pending"),
        QT_TR_NOOP("in flight"),
        QT_TR_NOOP("posted"),
        QT_TR_NOOP("unknown"),
        QT_TR_NOOP("failed"),
        QT_TR_NOOP("orphaned"),
        QT_TR_NOOP("reversed"),
        # what the ERP did to a work order it took back
        QT_TR_NOOP("stopped"),
        QT_TR_NOOP("deleted"),
    }
)

# Roles as sentences say them ("only customer service or a supervisor may ...").
ROLE_WORDS: dict[Role, str] = {
    Role.OPERATOR: QT_TR_NOOP("operator"),
    Role.SUPERVISOR: QT_TR_NOOP("supervisor"),
    Role.QUALITY: QT_TR_NOOP("quality"),
    Role.MAINTENANCE: QT_TR_NOOP("maintenance"),
    Role.PROCUREMENT: QT_TR_NOOP("procurement"),
    Role.CUSTOMER_SERVICE: QT_TR_NOOP("customer service"),
    Role.MANAGER: QT_TR_NOOP("manager"),
    Role.ADMIN: QT_TR_NOOP("admin"),
}


def word(text: str) -> Message:
    """A word marked with QT_TR_NOOP, to fill a sentence's field and be translated with it."""
    return Message(text)


def state(value: StrEnum | str) -> Message:
    """A state as stored ("in_progress"), as a word of a sentence."""
    return word(str(value))


def state_spaced(value: StrEnum | str) -> Message:
    """A state with spaces ("in progress"), as a word of a sentence."""
    return word(str(value).replace("_", " "))


def role(value: Role) -> Message:
    """'customer service': a role as a sentence names it."""
    return word(ROLE_WORDS.get(value, value.value.replace("_", " ")))


def one_of(roles: Iterable[Role]) -> Message:
    """'a supervisor or manager', 'an admin': roles as a person reads them.

    A set reads in the roles' own order; a caller's list in the caller's."""
    order: Sequence[Role] = (
        [r for r in Role if r in roles] if isinstance(roles, frozenset | set) else list(roles)
    )
    names = listing([role(r) for r in order], " or ")
    if names[:1] in "aeiou":
        return tr("an {roles}", roles=names)
    return tr("a {roles}", roles=names)


def listing(parts: Sequence[str], separator: str = "; ") -> str:
    """Parts said one after another ("a; b; c"), each in the person's language when it is
    a Message. The separator is "; ", ", " or " or "."""
    said: str = parts[0] if parts else ""
    for part in parts[1:]:
        if separator == " or ":
            said = tr("{said} or {part}", said=said, part=part)
        elif separator == ", ":
            said = tr("{said}, {part}", said=said, part=part)
        else:
            assert separator == "; ", separator
            said = tr("{said}; {part}", said=said, part=part)
    return said
