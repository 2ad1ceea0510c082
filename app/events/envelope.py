"""The immutable event: what happened, where, by whom, chained to what came before."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from app.clock import iso

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """One byte-exact text per value: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(
    *,
    event_id: str,
    terminal_id: str,
    terminal_seq: int,
    kind: str,
    payload: dict[str, Any],
    actor: str,
    occurred_at: datetime,
    prev_hash: str,
) -> str:
    # h_n = SHA-256(canonical(entry_n) || h_{n-1}): editing or dropping any entry breaks the chain.
    body = canonical_json(
        {
            "id": event_id,
            "terminal_id": terminal_id,
            "terminal_seq": terminal_seq,
            "kind": kind,
            "payload": payload,
            "actor": actor,
            "occurred_at": iso(occurred_at),
        }
    )
    return hashlib.sha256((body + prev_hash).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    terminal_id: str
    terminal_seq: int
    kind: str
    payload: dict[str, Any]
    actor: str
    occurred_at: datetime
    prev_hash: str
    hash: str
    # The server's receipt (app.events.servertime): when it received the event and the
    # clock offset its terminal had measured. Not the event's content, so neither hashed
    # nor compared; None until the server has stored the event.
    received_at: datetime | None = field(default=None, compare=False)
    clock_offset_s: float | None = field(default=None, compare=False)

    @classmethod
    def sealed(
        cls,
        *,
        id: str,
        terminal_id: str,
        terminal_seq: int,
        kind: str,
        payload: dict[str, Any],
        actor: str,
        occurred_at: datetime,
        prev_hash: str,
    ) -> Event:
        """A new event, its hash computed: the one way an event is made."""
        draft = cls(
            id=id,
            terminal_id=terminal_id,
            terminal_seq=terminal_seq,
            kind=kind,
            payload=payload,
            actor=actor,
            occurred_at=occurred_at,
            prev_hash=prev_hash,
            hash="",
        )
        return replace(draft, hash=draft.computed_hash())

    def computed_hash(self) -> str:
        return event_hash(
            event_id=self.id,
            terminal_id=self.terminal_id,
            terminal_seq=self.terminal_seq,
            kind=self.kind,
            payload=self.payload,
            actor=self.actor,
            occurred_at=self.occurred_at,
            prev_hash=self.prev_hash,
        )
