"""Read side of ERP write-back: postings a person must decide about, and how it is going.

Plain frozen data read in one short session on the database lane; no Qt here.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model import ErpPosting
from app.model.types import PostingKind, PostingStatus

LAG_WINDOW = timedelta(days=30)
# Still on their way to the ERP (or waiting for a person): counted whatever their age.
OPEN_STATUSES = (
    PostingStatus.PENDING,
    PostingStatus.IN_FLIGHT,
    PostingStatus.UNKNOWN,
    PostingStatus.FAILED,
)


@dataclass(frozen=True)
class PostingRow:
    id: str
    kind: PostingKind
    work_order: str | None
    occurred_at: datetime
    status: PostingStatus
    attempts: int
    last_error: str | None  # the ERP's own message
    erp_document: str | None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PostingSummary:
    """Counts per status and the posting lag (acknowledged_at - occurred_at) in seconds.

    Open postings (pending, in flight, unknown, failed) are counted whatever their age;
    posted ones (and the lag) over those the ERP acknowledged since `since`, cancelled
    ones over those that happened since then.
    """

    since: datetime
    window: timedelta
    counts: dict[PostingStatus, int]
    lag_median_s: float | None = None
    lag_p95_s: float | None = None
    lag_samples: int = 0

    def count(self, status: PostingStatus) -> int:
        return self.counts.get(status, 0)

    @property
    def waiting(self) -> int:
        """Not yet in the ERP and nobody needs to act: pending, in flight, unknown."""
        return sum(
            self.count(s)
            for s in (PostingStatus.PENDING, PostingStatus.IN_FLIGHT, PostingStatus.UNKNOWN)
        )


@dataclass(frozen=True)
class Postings:
    """What the postings screen shows."""

    attention: tuple[PostingRow, ...]
    summary: PostingSummary


def _row(posting: ErpPosting) -> PostingRow:
    return PostingRow(
        id=posting.id,
        kind=posting.kind,
        work_order=posting.work_order_number,
        occurred_at=posting.occurred_at,
        status=posting.status,
        attempts=posting.attempts,
        last_error=posting.last_error,
        erp_document=posting.erp_document,
        payload=dict(posting.payload),
    )


def needing_attention(session: Session) -> list[PostingRow]:
    """Postings the ERP refused, oldest first: each holds back its work order's later ones."""
    rows = session.scalars(
        select(ErpPosting)
        .where(ErpPosting.status == PostingStatus.FAILED)
        .order_by(ErpPosting.occurred_at, ErpPosting.id)
    )
    return [_row(p) for p in rows]


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th quantile (0..1) by linear interpolation between the closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def posting_summary(
    session: Session, now: datetime, window: timedelta = LAG_WINDOW
) -> PostingSummary:
    since = now - window
    counts = {status: 0 for status in PostingStatus}
    open_counts = session.execute(
        select(ErpPosting.status, func.count())
        .where(ErpPosting.status.in_(OPEN_STATUSES))
        .group_by(ErpPosting.status)
    ).all()
    for status, n in open_counts:
        counts[status] = n
    counts[PostingStatus.CANCELLED] = (
        session.scalar(
            select(func.count())
            .select_from(ErpPosting)
            .where(ErpPosting.status == PostingStatus.CANCELLED, ErpPosting.occurred_at >= since)
        )
        or 0
    )
    posted = session.execute(
        select(ErpPosting.occurred_at, ErpPosting.acknowledged_at).where(
            ErpPosting.status == PostingStatus.POSTED, ErpPosting.acknowledged_at >= since
        )
    ).all()
    # A terminal's clock a little ahead of the server's must not make a lag negative.
    lags = [
        max(0.0, (acknowledged - occurred).total_seconds())
        for occurred, acknowledged in posted
        if acknowledged is not None
    ]
    counts[PostingStatus.POSTED] = len(posted)
    if not lags:
        return PostingSummary(since=since, window=window, counts=counts)
    return PostingSummary(
        since=since,
        window=window,
        counts=counts,
        lag_median_s=statistics.median(lags),
        lag_p95_s=percentile(lags, 0.95),
        lag_samples=len(lags),
    )


def postings(session: Session, now: datetime) -> Postings:
    return Postings(
        attention=tuple(needing_attention(session)), summary=posting_summary(session, now)
    )
