"""What `takt erp import | status | post` do, without the command line around them.

Each returns the lines to show a person; the CLI prints them.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.clock import Clock, as_utc
from app.model import ErpPosting
from app.model.types import PostingStatus
from app.queries_erp import postings
from app.store import Store
from sync.erp.base import ErpAdapter
from sync.erp.importer import Importer, last_high_water, last_import
from sync.erp.writer import ErpWriter

ATTENTION_LINES = 10


def run_import(store: Store, adapter: ErpAdapter, clock: Clock, *, full: bool = False) -> list[str]:
    since = None if full else last_high_water(store)
    batch = adapter.import_changes(since)
    report = Importer(store, clock).apply(batch)
    start = "everything" if since is None else f"changes since {since}"
    return [f"{adapter.name}: imported {start}", *report.lines()]


def status(store: Store, clock: Clock) -> list[str]:
    """The postings screen's figures (app.queries_erp), as lines for a terminal window."""
    now = clock.now()
    with store.read() as session:
        shown = postings(session, now)
        oldest = session.scalar(
            select(func.min(ErpPosting.occurred_at)).where(
                ErpPosting.status.in_([PostingStatus.PENDING, PostingStatus.UNKNOWN])
            )
        )
        imported = last_import(session)
    summary = shown.summary
    counts = [f"{summary.count(s)} {s.value}" for s in PostingStatus if summary.count(s)]
    days = round(summary.window.total_seconds() / 86_400)
    lines = [f"postings ({days} days for posted and cancelled): " + (", ".join(counts) or "none")]
    if oldest is not None:
        lines.append(f"oldest waiting: {int((now - as_utc(oldest)).total_seconds())} s")
    if summary.lag_samples:
        lines.append(
            f"posting lag ({days} days, {summary.lag_samples} postings): "
            f"median {summary.lag_median_s:.1f} s, 95th {summary.lag_p95_s:.1f} s"
        )
    for row in shown.attention[:ATTENTION_LINES]:
        lines.append(
            f"needs attention: {row.id} ({row.kind.value}, {row.work_order}): {row.last_error}"
        )
    if imported is not None:
        data = imported.payload
        lines.append(
            f"last import: {as_utc(imported.occurred_at):%Y-%m-%d %H:%M} UTC, "
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
