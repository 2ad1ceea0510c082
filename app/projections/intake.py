"""Reducers for inbound messages: received (a draft, for triage, or archived), confirmed
into an exception, or discarded. A message is never deleted: every decision keeps it,
with who decided, when and why."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import Rejected
from app.events.envelope import Event
from app.events.payloads import MessageConfirmed, MessageDiscarded, MessageReceived
from app.i18n import QT_TR_NOOP, Message, tr
from app.model import IntakeMessage
from app.model.types import MessageStatus
from app.projections.registry import existing, find, reduces

# What a person may still decide about a message in each state.
OPEN = (MessageStatus.DRAFT, MessageStatus.TRIAGE)


def closed_reason(message: IntakeMessage) -> Message:
    """Why a message can be confirmed or discarded no more (its state says)."""
    if message.status is MessageStatus.CONFIRMED:
        return tr(
            "message {message} was already confirmed as exception {exception}",
            message=message.message_id,
            exception=message.exception_id or "?",
        )
    if message.status is MessageStatus.DISCARDED:
        return tr("message {message} was already discarded", message=message.message_id)
    return tr(
        "message {message} is archived as not an exception ({reason})",
        message=message.message_id,
        reason=message.reason or "-",
    )


def _open(session: Session, message_id: str) -> IntakeMessage:
    message = existing(session, IntakeMessage, message_id, QT_TR_NOOP("message"))
    if message.status not in OPEN:
        raise Rejected(closed_reason(message))
    return message


def linked(p: MessageConfirmed) -> bool:
    """Whether a confirmation names something of the plan its exception is about (a
    message in triage named nothing: a person links it when confirming)."""
    return bool(p.work_orders or p.work_center or p.items)


def check_raised_from(session: Session, message_id: object, exception_id: str) -> None:
    """An exception raised from a message (`details["message_id"]`) must be the one
    the message was confirmed as. Two terminals offline may both confirm one draft: the
    server refuses the second confirmation, and by this its exception too, so one
    message never becomes two exceptions."""
    message = existing(session, IntakeMessage, str(message_id), QT_TR_NOOP("message"))
    if message.exception_id != exception_id:
        raise Rejected(closed_reason(message))


@reduces(MessageReceived)
def received(session: Session, p: MessageReceived, event: Event) -> None:
    # Without a flush: a batch of messages (a mail bomb's) would flush once per message
    # to learn what `find` already knows (rows added in this batch are indexed there).
    with session.no_autoflush:
        known = find(session, IntakeMessage, p.message_id)
    if known is not None:
        # The same message taken in twice (two channels' retries): kept once.
        raise Rejected(tr("message {message} is already in", message=p.message_id), redundant=True)
    session.add(
        IntakeMessage(
            message_id=p.message_id,
            channel=p.channel,
            received_at=p.received_at,
            sender=p.sender,
            subject=p.subject,
            text=p.text,
            status=MessageStatus(p.status),
            reason=p.reason,
            draft=dict(p.draft),
            attachments=[a.model_dump() for a in p.attachments],
            received_by=event.actor,
        )
    )


@reduces(MessageConfirmed)
def confirmed(session: Session, p: MessageConfirmed, event: Event) -> None:
    message = _open(session, p.message_id)
    if message.status is MessageStatus.TRIAGE and not linked(p):
        raise Rejected(
            tr(
                "message {message} names nothing the plant knows: link it to a work order, "
                "a work center or an item first",
                message=p.message_id,
            )
        )
    message.status = MessageStatus.CONFIRMED
    message.exception_id = p.exception_id
    message.decided_by = event.actor
    message.decided_at = event.occurred_at


@reduces(MessageDiscarded)
def discarded(session: Session, p: MessageDiscarded, event: Event) -> None:
    message = _open(session, p.message_id)
    message.status = MessageStatus.DISCARDED
    message.reason = p.reason
    message.decided_by = event.actor
    message.decided_at = event.occurred_at
