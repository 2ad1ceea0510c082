"""Deadlines of an open exception: which escalation tiers and SLA breaches are due.

Pure and clock-free: callers pass `now`, so a timer on a terminal, the server's timer
and a test all get the same answer. Each fact gets a name-based id, so a tier reached
on two terminals (or a terminal and the server) is recorded once.

Every deadline is on the server's clock (app.events.servertime): the projection moves
the terminal's ack and resolve deadlines by the event's skew correction and keeps the
corrected moment the ladder counts from with the ladder, so `now` is the server's time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.clock import parse_iso
from app.routing.rules import Tier

FACT_NAMESPACE = uuid.UUID("2b0f6f2e-8a51-4e57-b0b5-3c1f0e8a9d47")
# The key of an exception's stored ladder that says when its tiers count from.
LADDER_START = "from"


def fact_id(exception_id: str, fact: str) -> str:
    """The event id of a fact about an exception that several places may record."""
    return str(uuid.uuid5(FACT_NAMESPACE, f"{exception_id}:{fact}"))


@dataclass(frozen=True)
class Deadline:
    fact: str  # "escalation:1", "sla:ack", "sla:resolve"
    due_at: datetime
    to_role: str | None = None


def ladder_start(ladder: dict[str, Any], raised_at: datetime) -> datetime:
    """When an exception's escalation tiers count from, on the server's clock.

    A ladder projected before deadlines were skew-corrected has no start of its own:
    its tiers count from when the exception was raised, as they did then."""
    start = ladder.get(LADDER_START)
    return parse_iso(start) if isinstance(start, str) else raised_at


@dataclass(frozen=True)
class OpenException:
    id: str
    raised_at: datetime  # when the ladder counts from (ladder_start), on the server's clock
    ack_due: datetime
    resolve_due: datetime
    acknowledged: bool
    resolved: bool
    ladder: tuple[Tier, ...]
    facts_recorded: frozenset[str]


def due_deadlines(exc: OpenException, now: datetime) -> list[Deadline]:
    """Facts whose time has come and that are not recorded yet, earliest first."""
    if exc.resolved:
        return []
    due: list[Deadline] = []
    if not exc.acknowledged and now >= exc.ack_due:
        due.append(Deadline("sla:ack", exc.ack_due))
    if now >= exc.resolve_due:
        due.append(Deadline("sla:resolve", exc.resolve_due))
    for n, tier in enumerate(exc.ladder, start=1):
        at = exc.raised_at + tier.after
        if now >= at:
            due.append(Deadline(f"escalation:{n}", at, tier.to_role.value))
    return sorted(
        (d for d in due if d.fact not in exc.facts_recorded), key=lambda d: (d.due_at, d.fact)
    )
