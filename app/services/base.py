"""What every service shares: one transaction per command, events appended inside it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app import authz
from app.clock import Clock, SystemClock
from app.events import log
from app.events.envelope import Event
from app.events.payloads import Payload
from app.store import Store


@dataclass
class Tx:
    """A unit of work: read projections, validate, then emit events that update them."""

    session: Session
    terminal_id: str
    clock: Clock
    emitted: list[Event]

    def emit(
        self,
        payload: Payload,
        actor: str,
        *,
        event_id: str | None = None,
        occurred_at: datetime | None = None,
    ) -> Event:
        """Record `payload` as `actor`'s event, now (or when a machine says it happened)."""
        # The same table the server judges pushed events by: a command the server would
        # refuse is refused here, before it is recorded.
        authz.check(
            self.session,
            payload.KIND,
            payload,
            actor,
            terminal_id=self.terminal_id,
            from_terminal=False,
        )
        event = log.append(
            self.session,
            terminal_id=self.terminal_id,
            payload=payload,
            actor=actor,
            occurred_at=occurred_at or self.clock.now(),
            event_id=event_id,
        )
        self.emitted.append(event)
        return event


class Service:
    def __init__(self, store: Store, clock: Clock | None = None) -> None:
        self.store = store
        self.clock = clock or SystemClock()

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """All events of one command commit together or not at all."""
        with self.store.write() as session:
            yield Tx(
                session=session, terminal_id=self.store.terminal_id, clock=self.clock, emitted=[]
            )
