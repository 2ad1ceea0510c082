"""What `takt erp import | status | post` do, without the command line around them.

Each returns the lines to show a person; the CLI prints them.
"""

from __future__ import annotations

import statistics
from datetime import timedelta

from sqlalchemy import func, select

from app.clock import Clock, as_utc
from app.model import ErpPosting, EventRecord
from app.model.types import PostingStatus
from app.store import Store
from sync.erp.base import ErpAdapter
from sync.erp.importer import Importer, last_high_water
from sync.erp.writer import ErpWriter

LAG_WINDOW = timedelta(days=30)


def run_import(store: Store, adapter: ErpAdapter, clock: Clock, *, full: bool = False) -> list[str]:
    since = None if full else last_high_water(store)
    batch = adapter.import_changes(since)
    report = Importer(store, clock).apply(batch)
    start = "everything" if since is None else f"changes since {since}"
    return [f"{adapter.name}: imported {start}", *report.lines()]


def lag_seconds(store: Store, clock: Clock) -> list[float]:
    """Posting lag (occurred on the floor -> acknowledged by the ERP), last 30 days."""
    since = clock.now() - LAG_WINDOW
    with store.read() as session:
        rows = session.execute(
            select(ErpPosting.occurred_at, ErpPosting.acknowledged_at).where(
                ErpPosting.status == PostingStatus.POSTED,
                ErpPosting.acknowledged_at.is_not(None),
                ErpPosting.occurred_at >= since,
            )
        ).all()
    return [
        (as_utc(acked) - as_utc(occurred)).total_seconds()
        for occurred, acked in rows
        if acked is not None
    ]


def status(store: Store, clock: Clock) -> list[str]:
    with store.read() as session:
        counts = dict(
            session.execute(
                select(ErpPosting.status, func.count()).group_by(ErpPosting.status)
            ).all()
        )
        oldest = session.scalar(
            select(func.min(ErpPosting.occurred_at)).where(
                ErpPosting.status.in_([PostingStatus.PENDING, PostingStatus.UNKNOWN])
            )
        )
        failed = list(
            session.scalars(
                select(ErpPosting)
                .where(ErpPosting.status == PostingStatus.FAILED)
                .order_by(ErpPosting.occurred_at)
                .limit(10)
            )
        )
        last_import = session.scalars(
            select(EventRecord)
            .where(EventRecord.kind == "erp.import_completed")
            .order_by(EventRecord.position.desc())
        ).first()
    lines = [
        "postings: "
        + ", ".join(f"{counts.get(s, 0)} {s.value}" for s in PostingStatus if counts.get(s, 0))
        or "postings: none"
    ]
    if oldest is not None:
        age = clock.now() - as_utc(oldest)
        lines.append(f"oldest waiting: {int(age.total_seconds())} s")
    lags = lag_seconds(store, clock)
    if lags:
        p95 = statistics.quantiles(lags, n=20)[-1] if len(lags) >= 2 else lags[0]
        lines.append(
            f"posting lag (30 days, {len(lags)} postings): median {statistics.median(lags):.1f} s, "
            f"95th {p95:.1f} s"
        )
    for row in failed:
        lines.append(
            f"needs attention: {row.id} ({row.kind.value}, {row.work_order_number}): "
            f"{row.last_error}"
        )
    if last_import is not None:
        data = last_import.payload
        lines.append(
            f"last import: {as_utc(last_import.occurred_at):%Y-%m-%d %H:%M} UTC, "
            f"{sum(data.get('imported', {}).values())} records, {data.get('skipped', 0)} skipped"
        )
    else:
        lines.append("last import: never")
    return lines


def post(store: Store, adapter: ErpAdapter, clock: Clock, *, dry_run: bool) -> list[str]:
    writer = ErpWriter(store, adapter, clock)
    due = writer.due()
    if dry_run:
        lines = [f"would post {len(due)} (nothing is sent with --dry-run):"]
        for row in due:
            posting = writer.to_erp(row)
            what = posting.kind.value if posting else "not sent (not taken by this ERP)"
            lines.append(f"  {row.id} {row.work_order_number or '-'} {what}: {row.payload}")
        return lines
    acknowledged = writer.run_once()
    return [f"posted {acknowledged} of {len(due)} due", *status(store, clock)]
