"""Reducers of the shift handover: notes, submission, each item's answer, the signature.

The rules live here, so a terminal and the server judge a handover event alike: notes
only before the shift is handed over; the incoming lead (never the outgoing one) accepts
or queries each item handed over; a query goes back to the outgoing lead, who answers;
the handover is signed only when every item is accepted.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import Rejected
from app.events.envelope import Event
from app.events.payloads import (
    HandoverItemAccepted,
    HandoverItemQueried,
    HandoverNoted,
    HandoverQueryAnswered,
    HandoverSigned,
    HandoverSubmitted,
)
from app.i18n import QT_TR_NOOP, tr
from app.model.handover import (
    Handover,
    HandoverItem,
    HandoverItemStatus,
    HandoverStatus,
    handover_id,
)
from app.projections.registry import existing, find, reduces

_HANDOVER = QT_TR_NOOP("handover")


def _named(p: HandoverNoted | HandoverSubmitted) -> Handover:
    return Handover(
        id=handover_id(p.area, p.day, p.shift),
        area_code=p.area,
        shift_day=p.day,
        shift_name=p.shift,
        status=HandoverStatus.OPEN,
    )


def _submitted(
    session: Session, p: HandoverItemAccepted | HandoverItemQueried | HandoverSigned, event: Event
) -> Handover:
    """The handover an incoming lead acts on: handed over, not signed, not their own."""
    handover = existing(session, Handover, handover_id(p.area, p.day, p.shift), _HANDOVER)
    if handover.status is HandoverStatus.OPEN:
        raise Rejected(tr("handover {handover} is not handed over yet", handover=handover.id))
    if handover.status is HandoverStatus.SIGNED:
        raise Rejected(
            tr(
                "handover {handover} is signed already, by {by}",
                handover=handover.id,
                by=handover.signed_by,
            )
        )
    if event.actor == handover.outgoing_user:
        raise Rejected(
            tr(
                "{actor} handed this shift over; the incoming lead must take it",
                actor=event.actor,
            )
        )
    return handover


def _item(handover: Handover, key: str) -> HandoverItem:
    for item in handover.items:
        if item.key == key and item.handed_over:
            return item
    raise Rejected(
        tr("{item} is not an item of handover {handover}", item=key, handover=handover.id)
    )


@reduces(HandoverNoted)
def noted(session: Session, p: HandoverNoted, event: Event) -> None:
    key = handover_id(p.area, p.day, p.shift)
    handover = find(session, Handover, key)
    if handover is None:
        handover = _named(p)
        session.add(handover)
    elif handover.status is not HandoverStatus.OPEN:
        raise Rejected(
            tr("handover {handover} is handed over already: notes are closed", handover=key)
        )
    note = p.note.strip() or None
    if p.item is None:
        handover.note = note
        return
    for item in handover.items:
        if item.key == p.item:
            item.note = note
            return
    handover.items.append(
        HandoverItem(
            handover_id=key,
            key=p.item,
            position=len(handover.items),
            summary="",
            handed_over=False,
            note=note,
            status=HandoverItemStatus.OPEN,
        )
    )


@reduces(HandoverSubmitted)
def submitted(session: Session, p: HandoverSubmitted, event: Event) -> None:
    key = handover_id(p.area, p.day, p.shift)
    handover = find(session, Handover, key)
    if handover is None:
        handover = _named(p)
        session.add(handover)
    elif handover.status is not HandoverStatus.OPEN:
        raise Rejected(
            tr(
                "handover {handover} was handed over already, by {by}",
                handover=key,
                by=handover.outgoing_user,
            )
        )
    if p.ends_at <= p.starts_at:
        raise Rejected(tr("a shift must end after it starts"))
    keys = [spec.key for spec in p.items]
    if len(set(keys)) != len(keys):
        raise Rejected(tr("an item is handed over twice"))
    noted_items = {item.key: item for item in handover.items}
    items: list[HandoverItem] = []
    for position, spec in enumerate(p.items):
        item = noted_items.pop(spec.key, None) or HandoverItem(
            handover_id=key, key=spec.key, status=HandoverItemStatus.OPEN
        )
        item.position = position
        item.summary = spec.summary
        item.owner = spec.owner
        item.sla = spec.sla
        item.handed_over = True
        items.append(item)
    # Notes on items no longer open at the end of the shift stay, but are not handed over.
    for position, item in enumerate(noted_items.values(), start=len(items)):
        item.position = position
        items.append(item)
    handover.items = items
    handover.status = HandoverStatus.SUBMITTED
    handover.starts_at = p.starts_at
    handover.ends_at = p.ends_at
    handover.outgoing_user = event.actor
    handover.submitted_at = event.occurred_at


@reduces(HandoverItemAccepted)
def item_accepted(session: Session, p: HandoverItemAccepted, event: Event) -> None:
    item = _item(_submitted(session, p, event), p.item)
    if item.status is HandoverItemStatus.ACCEPTED:
        raise Rejected(tr("{item} is accepted already", item=p.item), redundant=True)
    item.status = HandoverItemStatus.ACCEPTED
    item.decided_by = event.actor
    item.decided_at = event.occurred_at


@reduces(HandoverItemQueried)
def item_queried(session: Session, p: HandoverItemQueried, event: Event) -> None:
    item = _item(_submitted(session, p, event), p.item)
    if item.status is HandoverItemStatus.QUERIED:
        raise Rejected(tr("{item} is queried already; wait for the answer", item=p.item))
    item.status = HandoverItemStatus.QUERIED
    item.query = p.reason
    item.answer = None
    item.decided_by = event.actor
    item.decided_at = event.occurred_at


@reduces(HandoverQueryAnswered)
def query_answered(session: Session, p: HandoverQueryAnswered, event: Event) -> None:
    handover = existing(session, Handover, handover_id(p.area, p.day, p.shift), _HANDOVER)
    if handover.status is not HandoverStatus.SUBMITTED:
        raise Rejected(tr("handover {handover} is not waiting for answers", handover=handover.id))
    if event.actor != handover.outgoing_user:
        raise Rejected(
            tr(
                "only {outgoing}, who handed the shift over, answers its queries",
                outgoing=handover.outgoing_user,
            )
        )
    item = _item(handover, p.item)
    if item.status is not HandoverItemStatus.QUERIED:
        raise Rejected(tr("{item} has no open query", item=p.item))
    item.status = HandoverItemStatus.ANSWERED
    item.answer = p.answer


@reduces(HandoverSigned)
def signed(session: Session, p: HandoverSigned, event: Event) -> None:
    handover = _submitted(session, p, event)
    waiting = [
        item
        for item in handover.items
        if item.handed_over and item.status is not HandoverItemStatus.ACCEPTED
    ]
    if waiting:
        queried = sum(
            1
            for item in waiting
            if item.status in (HandoverItemStatus.QUERIED, HandoverItemStatus.ANSWERED)
        )
        raise Rejected(
            tr(
                "not signed: {count} item(s) not accepted yet ({queried} queried)",
                count=len(waiting),
                queried=queried,
            )
        )
    handover.status = HandoverStatus.SIGNED
    handover.signed_by = event.actor
    handover.signed_at = event.occurred_at
