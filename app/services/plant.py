"""Reference data: the plant, its catalogue and its plan, as the ERP (or the demo) gives them."""

from __future__ import annotations

from collections.abc import Iterable

from app.events.payloads import Payload
from app.services.base import Service
from app.services.references import check_references

SYSTEM_ACTOR = "system"


class ReferenceDataService(Service):
    def load(self, payloads: Iterable[Payload], *, actor: str = SYSTEM_ACTOR) -> int:
        """Record a batch of definitions in one transaction; a bad one stores none of them."""
        count = 0
        with self.transaction() as tx:
            for payload in payloads:
                check_references(tx.session, payload)
                tx.emit(payload, actor)
                count += 1
        return count

    def define(self, payload: Payload, *, actor: str = SYSTEM_ACTOR) -> None:
        self.load([payload], actor=actor)
