"""People's decisions about ERP postings the ERP refused: retry, edit, cancel; and that
the ERP's document of an event Takt refused (orphaned) was reversed there.

The server's writer records what the ERP said (acknowledged, or refused with its own
message); a refused posting holds back the later postings of its work order until a
supervisor or manager decides. Each decision is an event with a reason, so every
terminal sees it and the log says who decided what and why. Only a refused (failed)
posting can be decided about: one the ERP holds, or one already cancelled, is rejected
with what happened to it; one still on its way is the writer's business.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.authz import require_role
from app.errors import FieldProblem, ValidationError
from app.events.payloads import (
    ErpPostingCancelled,
    ErpPostingEdited,
    ErpPostingRetried,
    ErpPostingReversed,
)
from app.i18n import Message, tr
from app.model import ErpPosting
from app.model.types import PostingStatus, Role
from app.projections.erp import not_posted, only_orphans_reverse
from app.services.base import Service, Tx
from app.words import state_spaced

MIN_REASON = 3
MAX_REASON = 500
MAX_TEXT = 140

# Payload fields that say what the posting is about, not what it says: the work order
# (the writer keeps a work order's postings in order by it), who confirmed, and the
# floor's own record of when the operation started and whether it was the last (a
# timestamp typed as free text would only be refused by the ERP).
READ_ONLY = frozenset({"work_order", "confirmed_by", "started_at", "last_operation"})


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def editable_fields(payload: Mapping[str, Any]) -> list[str]:
    """The payload's fields a person may change: its numbers and texts, in payload order."""
    return [
        key
        for key, value in payload.items()
        if key not in READ_ONLY and (value is None or isinstance(value, str) or is_number(value))
    ]


def _reason_problems(reason: str) -> list[FieldProblem]:
    text = reason.strip()
    if len(text) < MIN_REASON:
        return [FieldProblem("reason", tr("say why (a few words): it is kept with the posting"))]
    if len(text) > MAX_REASON:
        return [FieldProblem("reason", tr("keep it under {n} characters", n=MAX_REASON))]
    return []


def _check_value(old: Any, new: Any) -> tuple[Any, Message | None]:
    """The value to store (numbers keep their kind), or a problem with it."""
    if is_number(old):
        if not is_number(new) or not math.isfinite(new):
            return new, tr("must be a number")
        if new < 0:
            return new, tr("cannot be negative")
        if isinstance(old, int):
            if not float(new).is_integer():
                return new, tr("must be a whole number")
            return int(new), None
        return float(new), None
    if isinstance(old, str) or old is None:
        if not isinstance(new, str):
            return new, tr("must be text")
        text = new.strip()
        if not text:
            return new, tr("cannot be empty")
        if len(text) > MAX_TEXT:
            return new, tr("keep it under {n} characters", n=MAX_TEXT)
        return text, None
    return new, tr("cannot be changed here")


def check_changes(
    payload: Mapping[str, Any], changes: Mapping[str, Any]
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """The changes that differ from the payload, cleaned; and every problem, by field."""
    if not changes:
        return {}, [FieldProblem("changes", tr("change at least one field"))]
    clean: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for key, new in changes.items():
        name = f"changes.{key}"
        if key not in payload:
            problems.append(FieldProblem(name, tr("this posting has no such field")))
        elif key in READ_ONLY:
            problems.append(
                FieldProblem(name, tr("cannot be changed: it says what the posting is"))
            )
        else:
            value, problem = _check_value(payload[key], new)
            if problem is not None:
                problems.append(FieldProblem(name, problem))
            elif value != payload[key]:
                clean[key] = value
    if not problems and not clean:
        problems.append(FieldProblem("changes", tr("nothing changed: change at least one field")))
    return clean, problems


@dataclass(frozen=True)
class _Decision:
    action: Message  # "retry an ERP posting": what the person may or may not do
    it: Message  # "retry it": what cannot be done to a posting the ERP holds


RETRY = _Decision(tr("retry an ERP posting"), tr("retry it"))
EDIT = _Decision(tr("edit an ERP posting"), tr("edit it"))
CANCEL = _Decision(tr("cancel an ERP posting"), tr("cancel it"))
REVERSE = _Decision(tr("record an ERP document as reversed"), tr("record it as reversed"))


class ErpPostingService(Service):
    def retry(self, actor: str, posting_id: str, reason: str) -> None:
        """Send a refused posting again as it is (e.g. its cause was fixed in the ERP)."""
        with self.transaction() as tx:
            self._decide(tx, actor, posting_id, RETRY, reason)
            tx.emit(ErpPostingRetried(posting_id=posting_id, reason=reason.strip()), actor)

    def edit(self, actor: str, posting_id: str, changes: Mapping[str, Any], reason: str) -> None:
        """Correct a refused posting's fields and send it again.

        Only fields already in the payload may change; numbers stay numbers, never
        negative. Every bad field is named `changes.<field>`.
        """
        with self.transaction() as tx:
            posting = self._decide(tx, actor, posting_id, EDIT, reason, check_reason=False)
            clean, problems = check_changes(posting.payload, changes)
            problems = _reason_problems(reason) + problems
            if problems:
                raise ValidationError(problems)
            tx.emit(
                ErpPostingEdited(posting_id=posting_id, changes=clean, reason=reason.strip()),
                actor,
            )

    def cancel(self, actor: str, posting_id: str, reason: str) -> None:
        """Never send a refused posting (the ERP was corrected by hand, or it was wrong)."""
        with self.transaction() as tx:
            self._decide(tx, actor, posting_id, CANCEL, reason)
            tx.emit(ErpPostingCancelled(posting_id=posting_id, reason=reason.strip()), actor)

    def record_reversal(self, actor: str, posting_id: str, reason: str) -> None:
        """Say that a person reversed an orphaned posting's document in the ERP (Takt
        undoes nothing there: booked stock is reversed by someone who sees the ERP)."""
        with self.transaction() as tx:
            require_role(tx.session, actor, Role.SUPERVISOR, Role.MANAGER, action=REVERSE.action)
            if problems := _reason_problems(reason):
                raise ValidationError(problems)
            posting = tx.session.get(ErpPosting, posting_id)
            if posting is None:
                raise ValidationError.one(
                    "posting", tr("unknown posting {id}", id=repr(posting_id))
                )
            if posting.status is not PostingStatus.ORPHANED:
                raise ValidationError.one("posting", only_orphans_reverse(posting))
            tx.emit(ErpPostingReversed(posting_id=posting_id, reason=reason.strip()), actor)

    def _decide(
        self,
        tx: Tx,
        actor: str,
        posting_id: str,
        doing: _Decision,
        reason: str,
        *,
        check_reason: bool = True,
    ) -> ErpPosting:
        require_role(tx.session, actor, Role.SUPERVISOR, Role.MANAGER, action=doing.action)
        if check_reason and (problems := _reason_problems(reason)):
            raise ValidationError(problems)
        posting = tx.session.get(ErpPosting, posting_id)
        if posting is None:
            raise ValidationError.one("posting", tr("unknown posting {id}", id=repr(posting_id)))
        not_posted(posting, doing.it)
        if posting.status is not PostingStatus.FAILED:
            raise ValidationError.one(
                "posting",
                tr(
                    "it is {status}, not refused: the ERP writer is still sending it",
                    status=state_spaced(posting.status),
                ),
            )
        return posting
