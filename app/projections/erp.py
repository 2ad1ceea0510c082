"""Reducers for ERP write-back: what the ERP acknowledged or refused, and what people
decided about a refused posting (retry, edit, cancel); the ERP's documents of events
Takt refused (orphaned), and their reversal there."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import Rejected
from app.events.envelope import Event
from app.events.payloads import (
    ErpPostingAcknowledged,
    ErpPostingCancelled,
    ErpPostingEdited,
    ErpPostingFailed,
    ErpPostingOrphaned,
    ErpPostingRetried,
    ErpPostingReversed,
)
from app.i18n import QT_TR_NOOP, Message, tr
from app.model import ErpPosting, User
from app.model.types import PostingStatus
from app.projections.registry import existing, find, reduces
from app.words import state_spaced


def not_posted(posting: ErpPosting, doing: Message) -> None:
    """Refuse a decision about a posting the ERP already holds, or one cancelled.

    `doing` says the decision ("retry it"), made with `tr`."""
    if posting.status is PostingStatus.POSTED:
        raise Rejected(
            tr(
                "cannot {doing}: the ERP already holds it as {document}",
                doing=doing,
                document=posting.erp_document,
            )
        )
    if posting.status is PostingStatus.CANCELLED:
        raise Rejected(tr("cannot {doing}: the posting was cancelled", doing=doing))
    if posting.status in (PostingStatus.ORPHANED, PostingStatus.REVERSED):
        # Its event was refused: nothing of it is to be sent, only undone in the ERP.
        raise Rejected(
            tr(
                "cannot {doing}: the ERP holds {document} for an event Takt refused",
                doing=doing,
                document=posting.erp_document,
            )
        )


def only_orphans_reverse(posting: ErpPosting) -> Message:
    """Why a posting that is not an orphan cannot be recorded as reversed in the ERP."""
    return tr(
        "only a document of an event Takt refused is recorded as reversed in the ERP; "
        "this posting is {status}",
        status=state_spaced(posting.status),
    )


@reduces(ErpPostingAcknowledged)
def posting_acknowledged(session: Session, p: ErpPostingAcknowledged, event: Event) -> None:
    posting = existing(session, ErpPosting, p.posting_id, QT_TR_NOOP("posting"))
    if posting.status is PostingStatus.POSTED:
        raise Rejected(
            tr("already posted as {document}", document=posting.erp_document), redundant=True
        )
    posting.status = PostingStatus.POSTED
    posting.erp_document = p.document
    posting.acknowledged_at = event.occurred_at
    posting.attempts += 1
    posting.last_error = None


@reduces(ErpPostingFailed)
def posting_failed(session: Session, p: ErpPostingFailed, _: Event) -> None:
    posting = existing(session, ErpPosting, p.posting_id, QT_TR_NOOP("posting"))
    not_posted(posting, tr("record a failure"))
    posting.status = PostingStatus.FAILED
    posting.last_error = p.error
    posting.attempts += 1


def _send_again(posting: ErpPosting, changes: dict[str, object] | None = None) -> None:
    if changes:
        posting.payload = {**posting.payload, **changes}
    posting.status = PostingStatus.PENDING
    posting.last_error = None


@reduces(ErpPostingRetried)
def posting_retried(session: Session, p: ErpPostingRetried, _: Event) -> None:
    posting = existing(session, ErpPosting, p.posting_id, QT_TR_NOOP("posting"))
    not_posted(posting, tr("retry it"))
    _send_again(posting)


@reduces(ErpPostingEdited)
def posting_edited(session: Session, p: ErpPostingEdited, _: Event) -> None:
    posting = existing(session, ErpPosting, p.posting_id, QT_TR_NOOP("posting"))
    not_posted(posting, tr("edit it"))
    _send_again(posting, dict(p.changes))


@reduces(ErpPostingCancelled)
def posting_cancelled(session: Session, p: ErpPostingCancelled, event: Event) -> None:
    posting = existing(session, ErpPosting, p.posting_id, QT_TR_NOOP("posting"))
    not_posted(posting, tr("cancel it"))
    person = find(session, User, event.actor)
    if posting.status is not PostingStatus.FAILED and person is not None:
        # A person cancels a refused posting only (app/services/erp.py). One sent again
        # meanwhile, by someone whose terminal heard of the refusal first, is on its way,
        # perhaps in the ERP already with the answer lost: cancelled, it would be in the
        # ERP and "cancelled" here. (The writer cancels postings it does not send.)
        raise Rejected(
            tr(
                "it is {status}, not refused: the ERP writer is still sending it",
                status=state_spaced(posting.status),
            )
        )
    posting.status = PostingStatus.CANCELLED


@reduces(ErpPostingOrphaned)
def posting_orphaned(session: Session, p: ErpPostingOrphaned, event: Event) -> None:
    known = find(session, ErpPosting, p.posting_id)
    if known is not None:
        # Its event was applied after all (or it is recorded already): not an orphan.
        raise Rejected(
            tr(
                "posting {id} is {status} already",
                id=p.posting_id,
                status=state_spaced(known.status),
            ),
            redundant=known.status is PostingStatus.ORPHANED,
        )
    session.add(
        ErpPosting(
            id=p.posting_id,
            event_id=p.event_id,
            kind=p.posting_kind,
            work_order_number=p.work_order,
            payload=dict(p.details),
            status=PostingStatus.ORPHANED,
            occurred_at=p.occurred_at,
            attempts=0,
            last_error=p.reason,
            erp_document=p.document,
        )
    )


@reduces(ErpPostingReversed)
def posting_reversed(session: Session, p: ErpPostingReversed, _: Event) -> None:
    posting = existing(session, ErpPosting, p.posting_id, QT_TR_NOOP("posting"))
    if posting.status is not PostingStatus.ORPHANED:
        raise Rejected(
            only_orphans_reverse(posting), redundant=posting.status is PostingStatus.REVERSED
        )
    posting.status = PostingStatus.REVERSED
