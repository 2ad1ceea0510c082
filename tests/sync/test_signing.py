"""Signed batches: a terminal signs each batch's chain head with its own key; the server
verifies it before applying anything, refuses the whole batch otherwise, and keeps every
accepted head so its database can be checked against the terminals' keys later."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.events import log
from app.events.signing import (
    head_message,
    new_private_key,
    public_key_text,
    sign_head,
    verify_head,
)
from app.model import EventRecord, RegisteredTerminal, SignedHead
from app.model.types import ExceptionKind
from app.services.exceptions import NewException
from sync.client.transport import Refused, Unauthorized
from sync.protocol import PushResponse, PushResult
from sync.server.signing import BadSignature, Head, record_head
from tests.conftest import NOW
from tests.sync.plant import Plant

OPERATOR = "901"
HASH = "ab" * 32


def downtime(wc: str) -> NewException:
    return NewException(
        kind=ExceptionKind.MACHINE_DOWNTIME,
        summary="Spindle alarm",
        work_center=wc,
        details={"reason_code": "mechanical/bearing"},
    )


# -- the primitive -------------------------------------------------------------------


def test_a_head_verifies_only_with_its_key_terminal_seq_and_hash() -> None:
    key = new_private_key()
    public = public_key_text(key)
    signature = sign_head(key, "t-1", 7, HASH)
    assert verify_head(public, "t-1", 7, HASH, signature)
    assert not verify_head(public, "t-2", 7, HASH, signature)
    assert not verify_head(public, "t-1", 8, HASH, signature)
    assert not verify_head(public, "t-1", 7, "cd" * 32, signature)
    assert not verify_head(public_key_text(new_private_key()), "t-1", 7, HASH, signature)
    # Unreadable is as bad as forged, never an exception.
    assert not verify_head("zz", "t-1", 7, HASH, signature)
    assert not verify_head(public, "t-1", 7, HASH, "00" * 10)
    assert not verify_head(public, "t-1", 7, HASH, "not hex")


def test_the_signed_message_cannot_be_shifted_between_fields() -> None:
    assert head_message("t-1", 12, HASH) != head_message("t-11", 2, HASH)
    assert head_message("t", 1, HASH).startswith(b"takt-chain-head/1\n")


# -- on the server -------------------------------------------------------------------


def test_an_honest_terminals_batches_are_verified_and_their_heads_kept(
    any_plant: Plant,
) -> None:
    a = any_plant.terminal("kiosk-a")
    a.engine.sync_once()
    a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))
    a.engine.sync_once()
    a.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    a.exceptions.raise_exception(OPERATOR, downtime("WC-003"))
    a.engine.sync_once()
    assert a.engine.waiting() == 0
    assert any_plant.server_store is not None
    with any_plant.server_store.read() as session:
        public_key = session.scalar(
            select(RegisteredTerminal.public_key).where(
                RegisteredTerminal.id == a.store.terminal_id
            )
        )
        heads = session.scalars(select(SignedHead).order_by(SignedHead.seq)).all()
        hashes = {
            seq: event_hash
            for seq, event_hash in session.execute(
                select(EventRecord.terminal_seq, EventRecord.hash).where(
                    EventRecord.terminal_id == a.store.terminal_id
                )
            )
        }
    assert public_key is not None
    assert heads, "no signed head kept"
    assert heads[-1].seq == max(a.own_seqs())  # the newest batch's head
    assert len({h.seq for h in heads}) == len(heads)
    for head in heads:
        assert head.terminal_id == a.store.terminal_id
        assert head.hash == hashes[head.seq]
        assert head.received_at == NOW
        assert verify_head(public_key, head.terminal_id, head.seq, head.hash, head.signature)


def test_an_unsigned_batch_is_refused_whole_with_a_reason_and_goes_once_signed(
    plant: Plant,
) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    before = plant.held_seqs(a)
    a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))
    a.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    key, a.engine.transport.signing_key = a.engine.transport.signing_key, None
    with pytest.raises(Unauthorized, match="carries no signature"):
        a.engine.push_pending()
    assert plant.held_seqs(a) == before  # nothing of the batch
    a.engine.transport.signing_key = key
    a.engine.sync_once()
    assert a.engine.waiting() == 0
    assert plant.held_seqs(a) == a.own_seqs()


def test_a_batch_signed_with_another_key_is_refused_and_nothing_stored(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    before = plant.held_seqs(a)
    a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))
    a.engine.transport.signing_key = new_private_key()  # a copy of the token, not the key
    with pytest.raises(Refused, match=r"does not match terminal .*'s registered key"):
        a.engine.push_pending()
    assert plant.held_seqs(a) == before
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        kept = session.scalars(select(SignedHead.seq)).all()
    assert max(a.own_seqs()) not in kept


def test_an_old_signature_does_not_carry_new_events(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        old = session.scalars(select(SignedHead).order_by(SignedHead.seq.desc())).first()
    assert old is not None
    before = plant.held_seqs(a)
    a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))
    with a.store.read() as session:
        new = [
            log.to_event(r)
            for r in session.scalars(
                select(EventRecord).where(
                    EventRecord.terminal_id == a.store.terminal_id,
                    EventRecord.terminal_seq > old.seq,
                )
            )
        ]
    transport = a.engine.transport
    original_sign = transport.sign
    transport.sign = lambda events: old.signature  # type: ignore[method-assign]
    try:
        with pytest.raises(Refused, match="does not match"):
            transport.push(a.engine.cursor(), new)
    finally:
        transport.sign = original_sign  # type: ignore[method-assign]
    assert plant.held_seqs(a) == before


def test_a_terminal_registered_before_signing_is_told_to_enroll_again(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    a.engine.sync_once()
    assert plant.server_store is not None
    with plant.server_store.write() as session:
        session.execute(
            update(RegisteredTerminal)
            .where(RegisteredTerminal.id == a.store.terminal_id)
            .values(public_key=None)
        )
    a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))
    with pytest.raises(Unauthorized, match="has no signing key on this server"):
        a.engine.push_pending()


def test_a_head_the_batch_did_not_reach_takes_the_whole_batch_back(plant: Plant) -> None:
    # Ingest stopping short of the signed event must never leave unsigned events stored.
    head = Head("t-1", 5, HASH, "00" * 64)
    short = PushResponse(
        epoch="e",
        last_seq=3,
        results=[PushResult(terminal_seq=3, status="applied", server_seq=1)],
    )
    assert plant.server_store is not None
    with plant.server_store.read() as session, pytest.raises(BadSignature, match="not its signed"):
        record_head(session, head, short, NOW)
    resent = PushResponse(
        epoch="e",
        last_seq=5,
        results=[PushResult(terminal_seq=5, status="duplicate", server_seq=1)],
    )
    with plant.server_store.read() as session:
        record_head(session, head, resent, NOW)  # nothing stored, nothing to vouch for
        assert not session.new
