"""What `takt erp import | status | post | reconcile | reversed` do, without the command
line around them.

Each returns the lines to show a person; the CLI prints them.
"""

from __future__ import annotations

import logging
from collections import Counter

from sqlalchemy import func, select

from app.clock import Clock, as_utc
from app.model import ErpPosting
from app.model.types import PostingStatus
from app.queries_erp import postings, waiting_reasons
from app.services.erp import ErpPostingService
from app.store import Store
from sync.erp.base import ErpAdapter, deleted_orders, import_records
from sync.erp.importer import Importer, last_high_water
from sync.erp.writer import ErpWriter

log = logging.getLogger(__name__)

ATTENTION_LINES = 10
WAITING_LINES = 10


def run_import(store: Store, adapter: ErpAdapter, clock: Clock, *, full: bool = False) -> list[str]:
    """One import run. A run that fails (the ERP away or refusing the key, a record Takt
    cannot store, a fault in the adapter) is recorded with the ERP's words, so status
    and the postings screen show it, and raised; the next run starts where the last
    good one stopped."""
    since = None if full else last_high_water(store)
    importer = Importer(store, clock)
    try:
        batch = adapter.import_changes(since)
        # Records an earlier run skipped because the adapter could not read them: read
        # again by key when the adapter can (otherwise their next version brings them).
        again = import_records(adapter, importer.unreadable())
        if again is not None:
            batch.extend(again)
        if since is not None:
            # An ERP without tombstones (Odoo): Takt's open orders it no longer has.
            known = set(batch.deleted)
            batch.deleted += [
                ("work_order", n)
                for n in deleted_orders(adapter, importer.open_orders())
                if ("work_order", n) not in known
            ]
        report = importer.apply(batch)
    except Exception as error:
        log.warning("ERP import failed: %s", error)
        try:
            importer.record_failure(error, since)
        except Exception:  # the database is away too: the log above is all there is
            log.exception("could not record the failed ERP import")
        raise
    start = "everything" if since is None else f"changes since {since}"
    return [f"{adapter.name}: imported {start}", *report.lines()]


def status(store: Store, clock: Clock) -> list[str]:
    """The postings screen's figures (app.queries_erp), as lines for a terminal window,
    with why postings wait and how the import goes."""
    now = clock.now()
    with store.read() as session:
        shown = postings(session, now)
        waiting = waiting_reasons(session, now)
        oldest = session.scalar(
            select(func.min(ErpPosting.occurred_at)).where(
                ErpPosting.status.in_([PostingStatus.PENDING, PostingStatus.UNKNOWN])
            )
        )
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
    if waiting:
        kinds = Counter(w.kind for w in waiting)
        lines.append(
            "waiting: " + ", ".join(f"{n} {WAITING_KIND.get(k, k)}" for k, n in kinds.items())
        )
        # Those a person may act on (or wonder about) first; plain queues last.
        ordered = sorted(waiting, key=lambda w: w.kind in ("queued", "due"))
        for wait in ordered[:WAITING_LINES]:
            lines.append(f"waits: {wait.id} ({wait.work_order or '-'}): {wait.why}")
    imports = shown.imports
    lines.append(imports.headline())
    if imports.failing and imports.last_completed_at is not None:
        lines.append(f"last good import: {as_utc(imports.last_completed_at):%Y-%m-%d %H:%M} UTC")
    for skip in imports.skips[:ATTENTION_LINES]:
        tries = f" (tried {skip.tries} times)" if skip.tries > 1 else ""
        lines.append(f"skipped {skip.entity} {skip.key}: {skip.problem}{tries}")
    return lines


WAITING_KIND = {
    "due": "due now",
    "backing_off": "backing off",
    "credentials": "paused: credentials refused",
    "unavailable": "paused: ERP unavailable",
    "unknown_outcome": "outcome unknown",
    "held": "held behind a refused posting",
    "queued": "queued behind their work order's earlier posting",
}


def post(store: Store, adapter: ErpAdapter, clock: Clock, *, dry_run: bool) -> list[str]:
    writer = ErpWriter(store, adapter, clock)
    due = writer.due()
    if dry_run:
        lines = [f"would post {len(due)} now (nothing is sent with --dry-run):"]
        for row in due:
            posting = writer.to_erp(row)
            what = posting.kind.value if posting else "not sent (not taken by this ERP)"
            lines.append(f"  {row.id} {row.work_order_number or '-'} {what}: {row.payload}")
        return lines
    # Everything due, not one per work order: each acknowledgement frees the next.
    acknowledged = writer.drain()
    return [f"posted {acknowledged}", *status(store, clock)]


def reconcile(store: Store, adapter: ErpAdapter, clock: Clock) -> list[str]:
    """After restoring the server's database from a backup: what the ERP holds of the
    postings Takt does not know as posted is recorded as acknowledged, and what it holds
    of events the restored server refused is recorded as orphaned, to reverse there."""
    done = ErpWriter(store, adapter, clock).reconcile()
    lines = [f"found in the ERP {done.acknowledged}"]
    if done.orphaned:
        lines.append(
            f"in the ERP for events Takt refused: {done.orphaned} (needs attention below: "
            "reverse each in the ERP, then `takt erp reversed POSTING --by PERSON --reason ...`)"
        )
    return [*lines, *status(store, clock)]


def record_reversal(store: Store, clock: Clock, posting: str, by: str, reason: str) -> list[str]:
    """A person says the ERP's document of an orphaned posting was reversed there."""
    ErpPostingService(store, clock).record_reversal(by, posting, reason)
    return [f"recorded {posting} as reversed in the ERP"]
