"""The server's single writer to the ERP: posts each pending outcome exactly once, in order.

Postings (rows the reducers create from confirmations, downtime, quality events) go out
oldest first, one work order's postings strictly in order: a refused one holds back the
later ones of its work order until a person retries, edits or cancels it. What the ERP
said is recorded as events (acknowledged with its document, or refused with its own
message), so every terminal sees it and the log stays the whole story. The writer's
retry bookkeeping (attempts, next try, "outcome unknown") is its own table.

A try whose outcome is unknown (timeout, connection dropped after sending, or the
writer's process killed before it recorded the answer: a posting is marked so before it
is sent) is never simply repeated: the next try looks the posting's reference up in the
ERP first.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from app.clock import Clock
from app.events.log import to_event
from app.events.payloads import (
    ErpPostingAcknowledged,
    ErpPostingCancelled,
    ErpPostingFailed,
    ErpPostingOrphaned,
    parse_payload,
    printable,
)
from app.model import ErpOutbox, ErpPosting, EventRecord, OperationInstance
from app.model.types import PostingKind as TaktKind
from app.model.types import PostingStatus
from app.projections.refused import POSTING_KINDS, would_post
from app.queries_erp import CREDENTIALS_REFUSED, ERP_UNAVAILABLE
from app.services.base import Service
from app.store import Store
from sync.erp.base import (
    ErpAdapter,
    ErpAuthError,
    ErpNothingToPost,
    ErpOutcomeUnknown,
    ErpRejected,
    ErpUnavailable,
    Posted,
    Posting,
    PostingKind,
)

log = logging.getLogger(__name__)

ACTOR = "erp"
Verdict = ErpPostingAcknowledged | ErpPostingFailed | ErpPostingCancelled | ErpPostingOrphaned
# Not looked up by reconcile: the ERP holds these as Takt says (or a person undoes them).
SETTLED = (PostingStatus.POSTED, PostingStatus.ORPHANED, PostingStatus.REVERSED)
BASE_DELAY_S = 1.0
MAX_DELAY_S = 300.0
UNKNOWN_RECHECK_S = 2.0


@dataclass(frozen=True)
class Reconciled:
    acknowledged: int  # postings the restored server did not know the ERP holds
    orphaned: int  # documents of events the server refused (a person reverses them)


class ErpWriter:
    def __init__(
        self,
        store: Store,
        adapter: ErpAdapter,
        clock: Clock,
        *,
        refresh_credentials: Callable[[], bool] | None = None,
        on_commit: Callable[[], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.adapter = adapter
        self.clock = clock
        self.refresh_credentials = refresh_credentials
        self.on_commit = on_commit or (lambda: None)
        self.rng = rng or random.Random()
        self._service = Service(store, clock)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        # While the ERP is unavailable the writer pauses as a whole (one probe per pause),
        # instead of every work order's oldest posting retrying on its own schedule.
        self._paused_until: datetime | None = None
        self._outages = 0

    # -- what is due -----------------------------------------------------------------

    def due(self) -> list[ErpPosting]:
        """Postings to try now: per work order only the oldest not yet in the ERP."""
        now = self.clock.now()
        open_states = [PostingStatus.PENDING, PostingStatus.UNKNOWN, PostingStatus.FAILED]
        # The head of each work order's queue, in the server's order of the events (not
        # the terminals' clocks); a posting without a work order is a queue of its own.
        heads = (
            select(
                ErpPosting.id,
                EventRecord.position,
                func.row_number()
                .over(
                    partition_by=func.coalesce(ErpPosting.work_order_number, ErpPosting.id),
                    order_by=EventRecord.position,
                )
                .label("place"),
            )
            .join(EventRecord, EventRecord.id == ErpPosting.event_id)
            .where(ErpPosting.status.in_(open_states))
            .subquery()
        )
        with self.store.read() as session:
            return list(
                session.scalars(
                    select(ErpPosting)
                    .join(heads, heads.c.id == ErpPosting.id)
                    .outerjoin(ErpOutbox, ErpOutbox.posting_id == ErpPosting.id)
                    .where(
                        heads.c.place == 1,
                        # A failed head waits for a person, and so does the rest of its queue.
                        ErpPosting.status != PostingStatus.FAILED,
                        # One backing off after a failed try waits for its time.
                        or_(ErpOutbox.next_try_at.is_(None), ErpOutbox.next_try_at <= now),
                    )
                    .order_by(heads.c.position)
                )
            )

    # -- one round -------------------------------------------------------------------

    def drain(self, max_rounds: int = 10_000) -> int:
        """Post everything due, round after round (an acknowledged posting frees the next
        of its work order), until a round acknowledges nothing: the ERP refused, is away,
        or nothing is left. Each posting still goes exactly as run_once sends it."""
        total = 0
        for _ in range(max_rounds):
            posted = self.run_once()
            total += posted
            if not posted or self._stop.is_set():
                break
        return total

    def run_once(self) -> int:
        """Try every due posting once; return how many the ERP acknowledged."""
        if self._paused_until is not None and self.clock.now() < self._paused_until:
            return 0
        acknowledged = 0
        for row in self.due():
            if self._stop.is_set():
                break
            result = self._attempt(row)
            if result is None:
                break  # the ERP is unavailable: the rest would only hammer it
            acknowledged += result
        return acknowledged

    def _attempt(self, row: ErpPosting) -> int | None:
        posting = self.to_erp(row)
        if posting is None:
            self._emit(
                ErpPostingCancelled(
                    posting_id=row.id,
                    reason=f"not sent: {self.adapter.name} takes confirmations of a routing's "
                    "last operation only",
                )
            )
            return 0
        unknown = self._outbox(row.id).outcome_unknown
        try:
            found = self.adapter.find(posting) if unknown else None
            if found is None:
                # Noted before the ERP hears of it: a writer whose process dies before it
                # records the answer leaves the outcome unknown, and the next writer looks
                # the reference up instead of posting it again.
                self._in_flight(row.id)
            posted = found or self._post(posting)
        except ErpOutcomeUnknown as error:
            self._reschedule(row.id, str(error), UNKNOWN_RECHECK_S, unknown=True)
            return 0
        except (ErpUnavailable, ErpAuthError) as error:
            # The whole ERP is out of reach (down, or refusing our credentials even after
            # reading them again): pause the writer, not this posting alone. A refused
            # key is a person's job: said once an outage, retried until it is fixed.
            if isinstance(error, ErpAuthError) and not self._outages:
                log.error(
                    "the ERP refuses Takt's credentials (%s): store the current ones "
                    "with `takt erp configure`; postings wait until then",
                    error,
                )
            retry_after = error.retry_after_s if isinstance(error, ErpUnavailable) else None
            delay = self._backoff(retry_after)
            self._paused_until = self.clock.now() + timedelta(seconds=delay)
            # Recorded on the head posting (its next try is when the pause ends), so
            # `takt erp status`, another process, can say why postings wait.
            label = CREDENTIALS_REFUSED if isinstance(error, ErpAuthError) else ERP_UNAVAILABLE
            # Not taken (down, or refused at the door): no more unknown than before.
            self._reschedule(row.id, f"{label}: {error}", delay, unknown=unknown)
            return None
        except ErpRejected as error:
            message = printable(str(error), 2000, multiline=True).strip() or "refused"
            self._emit(ErpPostingFailed(posting_id=row.id, error=message))
            return 0
        except ErpNothingToPost as error:
            # Settled without a document of its own (e.g. scrap booked as process loss).
            reason = printable(f"not sent: {error}", 500).strip()
            self._emit(ErpPostingCancelled(posting_id=row.id, reason=reason))
            return 0
        self._outages = 0
        self._paused_until = None
        self._emit(
            ErpPostingAcknowledged(
                posting_id=row.id, document=posted.document, already=posted.already
            )
        )
        return 1

    def reconcile(self) -> Reconciled:
        """After a restore of the server's database from a backup, look up in the ERP
        what the restored server no longer knows it booked; post nothing.

        Every posting Takt does not hold as posted is looked up, and the ones found are
        recorded as acknowledged: the writer looks a posting up only when it last sent
        it, so one held back behind a refused posting of its work order would wait for a
        person although the ERP has it. Then the postings of the events the server
        refused are looked up (`orphans`). Stops (raises) when the ERP is away: run
        again later; what was recorded stays, and is not looked up again."""
        with self.store.read() as session:
            rows = list(
                session.scalars(
                    select(ErpPosting)
                    .join(EventRecord, EventRecord.id == ErpPosting.event_id)
                    .where(ErpPosting.status.not_in(SETTLED))
                    .order_by(EventRecord.position)
                )
            )
        found = 0
        for row in rows:
            posting = self.to_erp(row)
            posted = self.adapter.find(posting) if posting is not None else None
            if posted is not None:
                self._emit(
                    ErpPostingAcknowledged(
                        posting_id=row.id, document=posted.document, already=True
                    )
                )
                found += 1
        return Reconciled(acknowledged=found, orphaned=self.orphans())

    def orphans(self) -> int:
        """Record the ERP's documents of events the server refused; return how many.

        The server took such an event, and the ERP booked its posting, before the
        server's database was restored from an earlier backup; sent again, the event was
        judged against another state and refused ("already completed", over a limit).
        Each posting it would have made is looked up by the same reference; one the
        ERP holds is recorded as orphaned, with its document and what to do, for a
        person to reverse in the ERP. Reversing booked stock is a person's decision:
        nothing here cancels a document."""
        with self.store.read() as session:
            known = set(session.scalars(select(ErpPosting.id)))
            candidates: list[tuple[ErpPosting, str]] = []
            for record in session.scalars(
                select(EventRecord)
                .where(EventRecord.outcome != "applied", EventRecord.kind.in_(POSTING_KINDS))
                .order_by(EventRecord.position)
            ):
                event = to_event(record)
                for pid, kind, work_order, data in would_post(
                    session, parse_payload(record.kind, record.payload), event
                ):
                    if pid in known:
                        continue
                    row = ErpPosting(
                        id=pid,
                        event_id=event.id,
                        kind=kind,
                        work_order_number=work_order,
                        payload=data,
                        status=PostingStatus.ORPHANED,
                        occurred_at=event.occurred_at,
                    )
                    candidates.append((row, record.reason or "refused"))
        orphaned = 0
        for row, why in candidates:
            posting = self.to_erp(row)
            # trace, not find: a draft of a refused event must not be submitted now.
            posted = self.adapter.trace(posting) if posting is not None else None
            if posted is None:
                continue  # never booked: the refusal is all there is to it
            log.warning(
                "the ERP holds %s for posting %s of event %s, which Takt refused (%s)",
                posted.document,
                row.id,
                row.event_id,
                why,
            )
            reason = (
                f"the ERP holds {posted.document} for an event Takt refused ({why}): reverse "
                f"it in the ERP, then record that with `takt erp reversed {row.id}`"
            )
            self._emit(
                ErpPostingOrphaned(
                    posting_id=row.id,
                    event_id=row.event_id,
                    occurred_at=row.occurred_at,
                    posting_kind=row.kind,
                    work_order=row.work_order_number,
                    details=row.payload,
                    document=posted.document,
                    reason=printable(reason, 2000, multiline=True),
                )
            )
            orphaned += 1
        return orphaned

    def _post(self, posting: Posting) -> Posted:
        try:
            return self.adapter.post(posting)
        except ErpAuthError:
            if self.refresh_credentials is None or not self.refresh_credentials():
                raise
            return self.adapter.post(posting)  # once, with fresh credentials

    # -- mapping -----------------------------------------------------------------------

    def to_erp(self, row: ErpPosting) -> Posting | None:
        """The adapter's posting for a row; None when this ERP takes no such posting."""
        data = dict(row.payload)
        if row.kind is TaktKind.CONFIRMATION:
            if not self.adapter.confirms_each_operation and not self._last_operation(row):
                return None
            kind = PostingKind.CONFIRMATION
        elif row.kind is TaktKind.DOWNTIME:
            kind = PostingKind.DOWNTIME
        elif row.kind is TaktKind.QUALITY_EVENT:
            kind = PostingKind(data.get("erp_kind", PostingKind.QUALITY_HOLD))
        else:
            kind = PostingKind(data.get("erp_kind", PostingKind.GOODS_ISSUE))
        return Posting(reference=row.id, kind=kind, data=data, occurred_at=row.occurred_at)

    def _last_operation(self, row: ErpPosting) -> bool:
        seq = row.payload.get("operation_seq")
        with self.store.read() as session:
            last = session.scalar(
                select(func.max(OperationInstance.seq)).where(
                    OperationInstance.work_order_number == row.work_order_number
                )
            )
        return last is None or seq is None or int(seq) >= int(last)

    # -- bookkeeping ---------------------------------------------------------------------

    def _emit(self, payload: Verdict) -> None:
        with self._service.transaction() as tx:
            tx.emit(payload, ACTOR)
            outbox = tx.session.get(ErpOutbox, payload.posting_id)
            if outbox is not None:
                outbox.outcome_unknown = False
                outbox.next_try_at = None
        self.on_commit()

    def _outbox(self, posting_id: str) -> ErpOutbox:
        with self.store.read() as session:
            return session.get(ErpOutbox, posting_id) or ErpOutbox(
                posting_id=posting_id, attempts=0, outcome_unknown=False
            )

    def _in_flight(self, posting_id: str) -> None:
        with self.store.write() as session:
            outbox = session.get(ErpOutbox, posting_id)
            if outbox is None:
                outbox = ErpOutbox(posting_id=posting_id, attempts=0, outcome_unknown=False)
                session.add(outbox)
            outbox.outcome_unknown = True

    def _backoff(self, retry_after_s: float | None) -> float:
        ceiling = min(MAX_DELAY_S, BASE_DELAY_S * 2**self._outages)
        self._outages += 1
        delay = self.rng.uniform(0, ceiling)  # full jitter
        return max(delay, retry_after_s or 0.0)

    def _reschedule(
        self, posting_id: str, error: str, delay_s: float, *, unknown: bool | None = None
    ) -> None:
        with self.store.write() as session:
            outbox = session.get(ErpOutbox, posting_id)
            if outbox is None:
                outbox = ErpOutbox(posting_id=posting_id, attempts=0, outcome_unknown=False)
                session.add(outbox)
            outbox.attempts += 1
            outbox.last_error = error[:2000]
            outbox.next_try_at = self.clock.now() + timedelta(seconds=delay_s)
            if unknown is not None:
                outbox.outcome_unknown = unknown
        log.info("ERP posting %s: %s; next try in %.1f s", posting_id, error, delay_s)

    # -- thread --------------------------------------------------------------------------

    def start(self, interval_s: float = 1.0) -> None:
        def run() -> None:
            while not self._stop.is_set():
                try:
                    posted = self.run_once()
                except Exception:  # one bad round must not end ERP write-back
                    log.exception("ERP write-back round failed")
                    posted = 0
                # A round that posted something may have freed the next posting of the
                # same work orders: go on at once; otherwise wait for new work (a push
                # wakes the writer) or for the next retry to fall due.
                if not posted:
                    self._wake.wait(interval_s)
                self._wake.clear()

        self._thread = threading.Thread(target=run, name="takt-erp-writer", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """New events were stored: postings they made may be due now."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
