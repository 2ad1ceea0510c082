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

from app.clock import as_utc
from app.events.payloads import ErpImportCompleted, ErpImportFailed
from app.model import ErpOutbox, ErpPosting, EventRecord
from app.model.types import PostingKind, PostingStatus

LAG_WINDOW = timedelta(days=30)
# How the server's ERP writer labels the last error of the posting it was sending when
# the ERP refused its key or was away (the whole writer then pauses).
CREDENTIALS_REFUSED = "the ERP refuses Takt's credentials"
ERP_UNAVAILABLE = "the ERP is unavailable"
# What the writer still has to send (or a person to decide).
WRITER_STATES = (PostingStatus.PENDING, PostingStatus.UNKNOWN, PostingStatus.FAILED)
# Still on their way to the ERP (or waiting for a person): counted whatever their age.
OPEN_STATUSES = (
    PostingStatus.PENDING,
    PostingStatus.IN_FLIGHT,
    PostingStatus.UNKNOWN,
    PostingStatus.FAILED,
    PostingStatus.ORPHANED,
)
# What a person must act on: refused postings, and the ERP's documents of refused events.
ATTENTION_STATUSES = (PostingStatus.FAILED, PostingStatus.ORPHANED)


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

    Open postings (pending, in flight, unknown, failed, orphaned) are counted whatever
    their age; posted ones (and the lag) over those the ERP acknowledged since `since`,
    cancelled ones over those that happened since then.
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
class SkippedRecord:
    entity: str
    key: str
    problem: str
    tries: int


@dataclass(frozen=True)
class ImportState:
    """How the import from the ERP is going, from the runs' own records in the log.

    `failing_since`/`failure`: the import has failed since its last good run (the ERP's
    words of the newest failure); the next scheduled run tries again."""

    last_completed_at: datetime | None = None
    imported: int = 0
    skipped: int = 0
    skips: tuple[SkippedRecord, ...] = ()
    failing_since: datetime | None = None
    failure: str | None = None
    failure_reason: str | None = None  # credentials, unavailable, error

    @property
    def failing(self) -> bool:
        return self.failure is not None

    def headline(self) -> str:
        """One line for a screen's header or a terminal."""
        if self.failing and self.failing_since is not None:
            why = {
                "credentials": "the ERP refuses Takt's credentials",
                "unavailable": "the ERP is unavailable",
            }.get(self.failure_reason or "", "the import failed")
            return (
                f"import failing since {as_utc(self.failing_since):%Y-%m-%d %H:%M} UTC "
                f"({why}): {self.failure}; tried again at the next scheduled run"
            )
        if self.last_completed_at is None:
            return "last import: never"
        return (
            f"last import: {as_utc(self.last_completed_at):%Y-%m-%d %H:%M} UTC, "
            f"{self.imported} records, {self.skipped} skipped"
        )


@dataclass(frozen=True)
class Postings:
    """What the postings screen shows."""

    attention: tuple[PostingRow, ...]
    summary: PostingSummary
    imports: ImportState = field(default_factory=ImportState)


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
    """Postings the ERP refused, oldest first: each holds back its work order's later ones;
    and the ERP's documents of events Takt refused (orphaned), to reverse in the ERP."""
    rows = session.scalars(
        select(ErpPosting)
        .where(ErpPosting.status.in_(ATTENTION_STATUSES))
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


def import_state(session: Session) -> ImportState:
    """The last good import and any failures after it (their records are in every
    terminal's log, so the postings screen shows them offline too)."""
    records = list(
        session.scalars(
            select(EventRecord)
            .where(EventRecord.kind.in_([ErpImportCompleted.KIND, ErpImportFailed.KIND]))
            .order_by(EventRecord.position.desc())
            .limit(200)
        )
    )
    failures: list[EventRecord] = []
    completed: EventRecord | None = None
    for record in records:
        if record.kind == ErpImportCompleted.KIND:
            completed = record
            break
        failures.append(record)
    state = ImportState()
    if completed is not None:
        data = completed.payload
        state = ImportState(
            last_completed_at=completed.occurred_at,
            imported=sum(int(n) for n in (data.get("imported") or {}).values()),
            skipped=int(data.get("skipped") or 0),
            skips=tuple(
                SkippedRecord(
                    entity=str(s.get("entity")),
                    key=str(s.get("key")),
                    problem=str(s.get("problem")),
                    tries=int(s.get("tries") or 1),
                )
                for s in data.get("skips") or []
            ),
        )
    if failures:
        newest, oldest = failures[0], failures[-1]
        state = ImportState(
            last_completed_at=state.last_completed_at,
            imported=state.imported,
            skipped=state.skipped,
            skips=state.skips,
            failing_since=oldest.occurred_at,
            failure=str(newest.payload.get("error")),
            failure_reason=str(newest.payload.get("reason") or "error"),
        )
    return state


@dataclass(frozen=True)
class WaitingPosting:
    """Why a posting not yet in the ERP is not being sent right now."""

    id: str
    work_order: str | None
    why: str
    kind: str  # due, backing_off, credentials, unavailable, unknown_outcome, held, queued


def waiting_reasons(session: Session, now: datetime) -> list[WaitingPosting]:
    """Every posting on its way, in the ERP writer's order, with why it waits. The
    writer's own bookkeeping (erp_outbox) is on the server only: elsewhere a posting
    shows as due or held."""
    rows = session.execute(
        select(ErpPosting, ErpOutbox)
        .join(EventRecord, EventRecord.id == ErpPosting.event_id)
        .outerjoin(ErpOutbox, ErpOutbox.posting_id == ErpPosting.id)
        .where(ErpPosting.status.in_(WRITER_STATES))
        .order_by(EventRecord.position)
    ).all()
    # A refused key or an ERP that is away pauses the writer as a whole: its mark is on
    # the posting it was sending, the rest of what is due waits with it.
    pause: tuple[datetime, str, str] | None = None
    for _, outbox in rows:
        if outbox is None or outbox.next_try_at is None or as_utc(outbox.next_try_at) <= now:
            continue
        error = outbox.last_error or ""
        kind = (
            "credentials"
            if error.startswith(CREDENTIALS_REFUSED)
            else "unavailable"
            if error.startswith(ERP_UNAVAILABLE)
            else None
        )
        if kind and (pause is None or as_utc(outbox.next_try_at) > pause[0]):
            pause = (as_utc(outbox.next_try_at), kind, error)
    heads: dict[str, ErpPosting] = {}
    out: list[WaitingPosting] = []
    for posting, outbox in rows:
        queue = posting.work_order_number or posting.id
        head = heads.setdefault(queue, posting)
        if posting.status is PostingStatus.FAILED:
            continue  # refused: a person's to decide, listed as needing attention
        if head is not posting:
            held = head.status is PostingStatus.FAILED
            out.append(
                WaitingPosting(
                    posting.id,
                    posting.work_order_number,
                    f"held behind refused posting {head.id} of work order {queue}"
                    if held
                    else f"queued behind {head.id} of work order {queue}",
                    "held" if held else "queued",
                )
            )
            continue
        next_try = as_utc(outbox.next_try_at) if outbox and outbox.next_try_at else None
        error = (outbox.last_error if outbox else None) or ""
        if pause is not None:
            until, kind, said = pause
            why = f"writer paused until {until:%Y-%m-%d %H:%M:%S} UTC: {said}"
            if kind == "credentials":
                why += " (store the current ones with `takt erp configure`)"
            out.append(WaitingPosting(posting.id, posting.work_order_number, why, kind))
        elif next_try is not None and next_try > now:
            unknown = outbox is not None and outbox.outcome_unknown
            out.append(
                WaitingPosting(
                    posting.id,
                    posting.work_order_number,
                    (
                        f"outcome unknown ({error}): looked up in the ERP at "
                        if unknown
                        else f"backing off after {error}: next try at "
                    )
                    + f"{next_try:%Y-%m-%d %H:%M:%S} UTC",
                    "unknown_outcome" if unknown else "backing_off",
                )
            )
        else:
            out.append(WaitingPosting(posting.id, posting.work_order_number, "due now", "due"))
    return out


def postings(session: Session, now: datetime) -> Postings:
    return Postings(
        attention=tuple(needing_attention(session)),
        summary=posting_summary(session, now),
        imports=import_state(session),
    )
