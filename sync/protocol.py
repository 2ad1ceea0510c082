"""What terminals and the server say to each other over HTTP (JSON, pydantic-checked).

Push: a terminal sends its own events, numbered 1, 2, 3... without gaps, and gets a
verdict per event. Pull: it asks for events after its cursor and gets them in the
server's total order, a page at a time. The cursor names the server's epoch and the
last event seen, so a server restored from a backup answers "refetch" instead of
serving a terminal that is ahead of it.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from app.clock import as_utc
from app.events.envelope import Event
from app.events.log import content
from app.events.replica import Ordered
from app.events.servertime import MAX_OFFSET_S
from app.events.signing import PUBLIC_KEY_PATTERN, SIGNATURE_PATTERN

API = "/v1"
MAX_BATCH = 1000
PushStatus = Literal["applied", "rejected", "redundant", "duplicate", "fork"]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


# Envelope text is printable: a Takt terminal only ever puts ids, kinds and enrolled
# people's ids there, and a database column (PostgreSQL text) cannot hold a NUL.
_PRINTABLE = r"^[^\x00-\x1f\x7f-\x9f]+$"


class WireEvent(_Wire):
    id: str = Field(min_length=1, max_length=36, pattern=_PRINTABLE)
    terminal_id: str = Field(min_length=1, max_length=36, pattern=_PRINTABLE)
    terminal_seq: int = Field(ge=1)
    kind: str = Field(min_length=1, max_length=64, pattern=_PRINTABLE)
    payload: dict[str, Any]
    actor: str = Field(min_length=1, max_length=64, pattern=_PRINTABLE)
    occurred_at: AwareDatetime
    prev_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")

    @classmethod
    def of(cls, event: Event) -> WireEvent:
        return cls(**_envelope(event))

    def to_event(self) -> Event:
        return Event(
            id=self.id,
            terminal_id=self.terminal_id,
            terminal_seq=self.terminal_seq,
            kind=self.kind,
            payload=self.payload,
            actor=self.actor,
            occurred_at=as_utc(self.occurred_at),
            prev_hash=self.prev_hash,
            hash=self.hash,
        )


def _envelope(event: Event) -> dict[str, Any]:
    return {**content(event), "occurred_at": as_utc(event.occurred_at)}


class Cursor(_Wire):
    epoch: str | None = None
    seq: int = Field(default=0, ge=0)
    event_id: str | None = None


class PushRequest(_Wire):
    cursor: Cursor
    events: list[WireEvent] = Field(max_length=MAX_BATCH)
    # The terminal's Ed25519 signature (hex) of the batch's last event: its terminal id,
    # terminal_seq and hash (app.events.signing.head_message). The events of a batch
    # are one unbroken stretch of the terminal's chain, so it vouches for all of them.
    signature: str | None = Field(default=None, pattern=SIGNATURE_PATTERN)
    # The terminal's clock offset (server minus terminal, seconds) as it last measured
    # it; the server keeps it with the batch's events (app.events.servertime).
    clock_offset_s: float | None = Field(
        default=None, ge=-MAX_OFFSET_S, le=MAX_OFFSET_S, allow_inf_nan=False
    )

    @field_validator("events")
    @classmethod
    def _finite_payloads(cls, events: list[WireEvent]) -> list[WireEvent]:
        # The JSON parser takes NaN and Infinity, but they are not JSON: stored, such an
        # event would come back to every terminal as null, fail its hash there and stop
        # their pulls (and PostgreSQL refuses it). No Takt terminal can make one.
        for n, event in enumerate(events):
            if not _finite(event.payload):
                raise ValueError(
                    f"events[{n}].payload holds NaN or Infinity: JSON numbers are finite"
                )
        return events


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


class PushResult(_Wire):
    terminal_seq: int
    status: PushStatus
    server_seq: int | None = None
    reason: str | None = None


class PushResponse(_Wire):
    epoch: str
    last_seq: int  # the last of this terminal's events the server holds
    results: list[PushResult]
    stopped: str | None = None  # why the batch stopped early (a gap)


class OrderedEvent(WireEvent):
    server_seq: int
    outcome: Literal["applied", "rejected", "redundant"]
    reason: str | None = None
    # The server's receipt of the event (app.events.servertime): every terminal computes
    # its deadlines from these, as the server did.
    received_at: AwareDatetime | None = None
    clock_offset_s: float | None = None

    @classmethod
    def of_ordered(
        cls, event: Event, server_seq: int, outcome: str, reason: str | None
    ) -> OrderedEvent:
        return cls.model_validate(
            {
                **_envelope(event),
                "server_seq": server_seq,
                "outcome": outcome,
                "reason": reason,
                "received_at": event.received_at,
                "clock_offset_s": event.clock_offset_s,
            }
        )

    def ordered(self) -> Ordered:
        received_at = as_utc(self.received_at) if self.received_at is not None else None
        event = replace(
            self.to_event(), received_at=received_at, clock_offset_s=self.clock_offset_s
        )
        return Ordered(event, self.server_seq, self.outcome, self.reason)


class Page(_Wire):
    epoch: str
    events: list[OrderedEvent]
    cursor: Cursor
    has_more: bool
    head: int
    server_time: datetime
    # The last of the asking terminal's own events the server holds: lower than what it
    # acknowledged once it was restored from a backup, which a terminal with nothing new
    # to push would otherwise never hear (its lost events would never go out again).
    own_last_seq: int | None = None


class RegisterRequest(_Wire):
    terminal_id: str = Field(min_length=1, max_length=36)
    name: str = Field(min_length=1, max_length=120)
    # The Ed25519 public key (hex) the terminal's batches will be signed with.
    public_key: str = Field(pattern=PUBLIC_KEY_PATTERN)


class RegisterResponse(_Wire):
    token: str
    server_id: str
    epoch: str
    # The plant PIN key (base64url; app/pin_key.py): kept in the terminal's keyring.
    pin_key: str | None = None


class Refetch(_Wire):
    detail: Literal["refetch"] = "refetch"
    epoch: str
