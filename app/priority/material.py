"""Material availability: on hand plus incoming, allocated to requirements by need date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from app.priority.model import Requirement, Shortfall

EPSILON = 1e-6


def allocate(
    requirements: Iterable[Requirement],
    on_hand: float,
    incoming: Iterable[tuple[datetime, float]] = (),
) -> dict[str, Shortfall]:
    """Shortfalls by operation for one item.

    Requirements are served in need-date order from stock on hand, then from receipts
    expected by their need date. A requirement that cannot be covered in full is short
    by what is missing; it takes nothing, so later requirements are not starved by a
    job that cannot run anyway.
    """
    receipts = sorted(incoming)
    available = on_hand
    next_receipt = 0
    short: dict[str, Shortfall] = {}
    for req in sorted(requirements, key=lambda r: (r.need_at, r.id)):
        while next_receipt < len(receipts) and receipts[next_receipt][0] <= req.need_at:
            available += receipts[next_receipt][1]
            next_receipt += 1
        if available + EPSILON >= req.quantity:
            available -= req.quantity
        else:
            previous = short.get(req.op_id)
            missing = req.quantity - max(available, 0.0)
            if previous is None or missing > previous.short:
                short[req.op_id] = Shortfall(item=req.item, short=missing, required=req.quantity)
    return short
