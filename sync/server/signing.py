"""Checking a pushed batch's signature before any of it is applied, and keeping it after.

A terminal signs the head of each batch (its last event's terminal id, sequence number
and hash) with the key it registered. The events of a batch must be consecutive, so the
events the server stores from it are exactly the chain that ends in the signed hash
(ingest checks every link and hash): one Ed25519 check vouches for the whole batch.
Each accepted head is kept in `signed_heads`, so the server's database can later be
checked against the terminals' public keys (`takt verify`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldProblem, TaktError, ValidationError
from app.events.signing import verify_head
from app.i18n import tr
from app.model import RegisteredTerminal, SignedHead
from sync.protocol import PushRequest, PushResponse
from sync.server.ingest import refuse_foreign

# Verdicts of events a batch did not store (a copy of what the server already held).
NOT_STORED = frozenset({"duplicate", "fork"})


class SignatureRefused(TaktError):
    """The batch is refused as a whole; `status` is the HTTP status that says why."""

    status = 403


class Unsigned(SignatureRefused):
    status = 401


class BadSignature(SignatureRefused):
    status = 403


@dataclass(frozen=True)
class Head:
    terminal_id: str
    seq: int
    hash: str
    signature: str


def verify_push(session: Session, terminal_id: str, request: PushRequest) -> Head | None:
    """The batch's verified signed head (None for an empty batch, which stores nothing).

    Raises Forbidden for events in another terminal's name, ValidationError for a batch
    that skips a sequence number, Unsigned when the signature or the terminal's key is
    missing, BadSignature when they do not match."""
    events = request.events
    if not events:
        return None
    # Before the signature: one made with this terminal's key vouches only for its chain.
    refuse_foreign(terminal_id, events)
    problems = [
        FieldProblem(
            f"events[{n}].terminal_seq",
            tr(
                "is {seq} after {before}: a batch is one unbroken stretch of the terminal's chain",
                seq=event.terminal_seq,
                before=before.terminal_seq,
            ),
        )
        for n, (before, event) in enumerate(pairwise(events), start=1)
        if event.terminal_seq != before.terminal_seq + 1
    ]
    if problems:
        raise ValidationError(problems)
    last = events[-1]
    if request.signature is None:
        raise Unsigned(
            "the batch carries no signature: this terminal must be enrolled with a "
            "one-time code (takt enroll) so that it signs what it sends"
        )
    public_key = session.scalar(
        select(RegisteredTerminal.public_key).where(RegisteredTerminal.id == terminal_id)
    )
    if public_key is None:
        raise Unsigned(
            f"terminal {terminal_id} has no signing key on this server (it was registered "
            "before batches were signed): an administrator must revoke it and give it a "
            "new enrollment code"
        )
    if not verify_head(public_key, terminal_id, last.terminal_seq, last.hash, request.signature):
        raise BadSignature(
            f"the batch's signature (head seq {last.terminal_seq}) does not match terminal "
            f"{terminal_id}'s registered key: nothing of the batch was stored"
        )
    return Head(terminal_id, last.terminal_seq, last.hash, request.signature)


def record_head(
    session: Session, head: Head | None, response: PushResponse, received_at: datetime
) -> None:
    """keep_head() for the events a batch's response says it stored."""
    stored = [r.terminal_seq for r in response.results if r.status not in NOT_STORED]
    keep_head(session, head, stored, received_at)


def keep_head(
    session: Session, head: Head | None, stored: Collection[int], received_at: datetime
) -> None:
    """Keep the signed head once the batch stores the event it names (in the batch's
    transaction; `stored`: the terminal_seq of each event it stores). A batch that
    stores events but not its signed head is refused: its signature would not cover
    them (ingest stopping early must never store unsigned events), and raising here
    takes the whole batch back."""
    if head is None:
        return
    if head.seq in stored:
        session.add(
            SignedHead(
                terminal_id=head.terminal_id,
                seq=head.seq,
                hash=head.hash,
                signature=head.signature,
                received_at=received_at,
            )
        )
    elif stored:
        raise BadSignature(
            f"the batch stored seq {min(stored)}..{max(stored)} but not its signed head "
            f"(seq {head.seq}): nothing of the batch was stored"
        )
