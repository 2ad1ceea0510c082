"""A supervisor's review of this terminal's events the server refused: send one again in
their own name, or let it go with a reason.

The server refuses an event it may not apply (its actor may not cause it, it came too
late, it names something that is gone); the terminal rolls its effect back and lists it
(`awaiting_review`). The refused event stays in the log as it was: the chain is never
edited. A review is this terminal's own bookkeeping (`rejection_reviews`, not an event,
not a projection): who looked at the event, when, and what became of it.

Re-issuing records the same kind and payload as a new event of the reviewer, judged like
any command here (app.authz through `Tx.emit`, then the reducers), so what the reviewer
may not do, or what no longer fits the plant, is refused before it is recorded. Ids the
payload makes up for what it creates (`MINTED`) are new in the re-issue: the refused
event already claimed them on the server. A later refused event naming such an id (a
clear of a refused override) follows the re-issue's new id. Everything else stays as it
was, deadlines included, on the server's clock: an exception raised at 08:00 and
re-issued at 10:00 is two hours old, as it is on the floor.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from pydantic_core import PydanticCustomError
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, aliased

from app.authz import require_role
from app.clock import as_utc
from app.errors import ValidationError
from app.events import servertime
from app.events.envelope import Event
from app.events.payloads import (
    ExceptionRaised,
    HoldPlaced,
    OverrideSet,
    check_text,
    parse_payload,
)
from app.i18n import tr
from app.model import EventRecord, RejectionReview, User
from app.model.types import Role
from app.services.base import Service

REISSUED = "reissued"
DROPPED = "dropped"
MIN_REASON = 3
MAX_REASON = 500

# Where a payload holds ids it makes up for what it creates, by kind; "tasks.task_id" is
# the id of each of its tasks. Every other id in a payload names something that exists
# (an override to clear, an exception to resolve). Ids derived from the event's own id
# (an ERP posting's) are new with the new event; codes from the ERP (a supply's) are the
# ERP's, and those kinds are the server's to record anyway.
MINTED: dict[str, tuple[str, ...]] = {
    OverrideSet.KIND: ("override_id",),
    HoldPlaced.KIND: ("hold_id",),
    ExceptionRaised.KIND: ("exception_id", "tasks.task_id"),
}


def awaiting_review(terminal_id: str) -> tuple[ColumnElement[bool], ...]:
    """The rejected list: own events the server ordered and refused, not yet re-issued or
    dropped. One refused here while it waits for the server's verdict is not on it: the
    server may still take it."""
    return (
        EventRecord.terminal_id == terminal_id,
        EventRecord.outcome == "rejected",
        EventRecord.server_seq.is_not(None),
        EventRecord.id.not_in(select(RejectionReview.event_id)),
    )


class RejectionService(Service):
    def reissue(self, actor: str, event_id: str) -> Event:
        """Record the refused event's kind and payload again, as `actor`'s new event (with
        fresh ids for what it creates); the new event, which the server then judges."""
        with self.transaction() as tx:
            require_role(
                tx.session, actor, Role.SUPERVISOR, Role.MANAGER, action=tr("send a change again")
            )
            record = _awaiting(tx.session, self.store.terminal_id, event_id)
            payload = renewed(record.kind, record.payload, _renames(tx.session))
            payload = _deadlines_on_todays_clock(tx.session, record, payload)
            # The table and the reducers judge it as the reviewer's own command.
            event = tx.emit(parse_payload(record.kind, payload), actor)
            tx.session.add(
                RejectionReview(
                    event_id=record.id,
                    decision=REISSUED,
                    by=actor,
                    at=self.clock.now(),
                    new_event_id=event.id,
                )
            )
            return event

    def drop(self, actor: str, event_id: str, reason: str) -> None:
        """Let the refused event go: it leaves the list, with who, when and why."""
        reason = _reason(reason)
        with self.transaction() as tx:
            require_role(
                tx.session, actor, Role.SUPERVISOR, Role.MANAGER, action=tr("drop a refused change")
            )
            record = _awaiting(tx.session, self.store.terminal_id, event_id)
            tx.session.add(
                RejectionReview(
                    event_id=record.id,
                    decision=DROPPED,
                    by=actor,
                    at=self.clock.now(),
                    reason=reason,
                )
            )


def renewed(
    kind: str, payload: Mapping[str, Any], renames: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """`payload` with fresh ids for what it creates (`MINTED`) and `renames` (ids earlier
    re-issues replaced) applied, wherever in the payload each id appears."""
    fresh = {
        old: str(uuid.uuid4()) for path in MINTED.get(kind, ()) for old in values_at(payload, path)
    }
    return _substitute(dict(payload), {**(renames or {}), **fresh})


def _deadlines_on_todays_clock(
    session: Session, record: EventRecord, payload: dict[str, Any]
) -> dict[str, Any]:
    """A refused raise's deadlines, moved so that the server puts them where it had them.

    They were set on this terminal's clock as it was then, and the server corrected them
    by the offset measured then; the re-issue is corrected by today's. A clock set right
    in between (two hours ahead, then five minutes behind) would otherwise move every
    deadline by the difference, hours late or early."""
    if record.kind not in servertime.TIMED_KINDS:
        return payload
    occurred = as_utc(record.occurred_at)
    then = servertime.corrected(occurred, record.clock_offset_s, record.received_at) - occurred
    now = timedelta(seconds=servertime.own_estimate(session, record.terminal_id) or 0.0)
    shift = then - now
    if not shift:
        return payload

    def moved(value: Any) -> Any:
        return None if value is None else (datetime.fromisoformat(value) + shift).isoformat()

    payload = dict(payload)
    for field in ("ack_due", "resolve_due"):
        payload[field] = moved(payload.get(field))
    payload["tasks"] = [
        {**task, "due_at": moved(task.get("due_at"))} for task in payload.get("tasks") or []
    ]
    return payload


def values_at(data: Any, path: str) -> list[str]:
    """The strings at a dotted `path` of a payload; a list on the way means each item's."""
    if isinstance(data, list):
        return [value for item in data for value in values_at(item, path)]
    if not isinstance(data, Mapping):
        return []
    head, _, rest = path.partition(".")
    value = data.get(head)
    if rest:
        return values_at(value, rest)
    return [value] if isinstance(value, str) else []


def _substitute(value: Any, renames: Mapping[str, str]) -> Any:
    # Ids are uuids: a string equal to one is that id, whichever field holds it.
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, list):
        return [_substitute(item, renames) for item in value]
    if isinstance(value, Mapping):
        return {key: _substitute(item, renames) for key, item in value.items()}
    return value


def _renames(session: Session) -> dict[str, str]:
    """Old id -> new id for every id an earlier re-issue made up afresh."""
    original, new = aliased(EventRecord), aliased(EventRecord)
    rows = session.execute(
        select(original.kind, original.payload, new.payload)
        .join(RejectionReview, RejectionReview.event_id == original.id)
        .join(new, new.id == RejectionReview.new_event_id)
        .where(RejectionReview.decision == REISSUED, original.kind.in_(MINTED))
    )
    renames: dict[str, str] = {}
    for kind, before, after in rows:
        for path in MINTED[kind]:
            renames.update(zip(values_at(before, path), values_at(after, path), strict=False))
    # A re-issue the server refused again and that was re-issued again: A -> B -> C.
    for old in renames:
        seen = {old}
        while renames[old] in renames and renames[old] not in seen:
            seen.add(renames[old])
            renames[old] = renames[renames[old]]
    return renames


def _awaiting(session: Session, terminal_id: str, event_id: str) -> EventRecord:
    """The event, if it is on the rejected list; else say why it is not."""
    record = session.scalar(
        select(EventRecord).where(EventRecord.id == event_id, *awaiting_review(terminal_id))
    )
    if record is not None:
        return record
    review = session.get(RejectionReview, event_id)
    if review is not None:
        who = session.get(User, review.by)
        name = who.name if who is not None else review.by
        raise ValidationError.one(
            "event",
            tr("{name} has already sent it again", name=name)
            if review.decision == REISSUED
            else tr("{name} has already dropped it", name=name),
        )
    found = session.scalar(select(EventRecord).where(EventRecord.id == event_id))
    if found is None or found.terminal_id != terminal_id:
        raise ValidationError.one(
            "event", tr("this terminal recorded no event {id}", id=repr(event_id))
        )
    raise ValidationError.one("event", tr("the server has not refused it"))


def _reason(text: str) -> str:
    text = " ".join(text.split())
    if len(text) < MIN_REASON:
        raise ValidationError.one("reason", tr("say why it can go (a few words): it is kept"))
    try:
        return check_text(text, MAX_REASON)
    except PydanticCustomError as problem:
        raise ValidationError.one("reason", str(problem)) from None
