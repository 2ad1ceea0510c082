"""The terminal's sync engine: outbox push, cursor pull, live stream, in worker threads.

Two threads, never the GUI's: one pushes this terminal's events (woken by a new local
write, and on a timer so a failed push is retried even when nothing new is written),
one follows the server's live stream and applies what arrives. While the server answers,
a backlog goes out batch after batch with no pause. While it does not, the push thread
only probes it (cheaply, on an exponential, jittered schedule with a short ceiling) and
pushes the moment it answers; the live thread reconnects then too. A server that answers
5xx or 429 is left alone for an exponential, jittered pause that honours Retry-After.
Local writes never wait for the server: they are in the terminal's database (WAL,
synchronous=FULL) before anyone is told they happened.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.clock import Clock, SystemClock, as_utc
from app.events import audit, fork, replica
from app.events.envelope import Event
from app.events.replica import Ordered, PageResult
from app.model import ChainHead, EventRecord, SyncState
from app.priority.gc_pause import cyclic_gc_paused
from app.services.rejections import awaiting_review
from app.store import Store
from sync.client.backoff import Backoff
from sync.client.transport import (
    Offline,
    RefetchRequired,
    Refused,
    ServerBusy,
    SyncError,
    Transport,
    Unauthorized,
)
from sync.protocol import Cursor, Page

log = logging.getLogger(__name__)
T = TypeVar("T")

# The words a refused page's status starts with (the status bar shows them shorter).
PAGE_REFUSED = "The server sent an event that fails its check"

PUSH_BATCH = 500
# The most events of the server's order read ahead and applied in one transaction with a
# page that takes own events back (replica.rebase_reach): long enough for a 5,000-event
# backlog, short enough that a command on the terminal never waits long for it.
REBASE_WINDOW = 6000
IDLE_RETRY_S = 30.0  # push again this often even with nothing new (and nothing failing)
# The longest pause between two probes of a server that does not answer. A probe of a
# server that is down costs a refused connection, so a terminal can afford to look often,
# and one back after a long outage starts catching up within seconds.
PROBE_MAX_S = 2.0
SKEW_WARN_S = 120.0


@dataclass(frozen=True)
class SyncStatus:
    # online | offline | connecting | refused | unregistered | forked | tampered
    state: str = "connecting"
    waiting: int = 0  # own events the server does not hold yet
    last_sync_at: datetime | None = None
    detail: str = ""
    rejected: int = 0  # own events the server refused (for a supervisor to look at)
    clock_skew_s: float | None = None


class Halted(SyncError):
    """Syncing, or one direction of it, stopped until a person acts: retrying would only
    repeat the problem. The message says what happened and what to do."""

    state = "refused"


class Tampered(Halted):
    """An own event was changed in the database after it was recorded: nothing more is sent."""

    state = "tampered"


class Forked(Halted):
    """This database is a copy of another terminal's: nothing more is sent or taken."""

    state = "forked"


class Ahead(NamedTuple):
    """A page, or pages read along with it as one (SyncEngine._read_ahead)."""

    page: Page
    ordered: list[Ordered]  # its events, as the replica takes them
    failed: SyncError | None  # reading further failed so: raised once `page` is applied


class SyncEngine:
    def __init__(
        self,
        store: Store,
        transport: Transport,
        *,
        stream_transport: Transport | None = None,
        clock: Clock | None = None,
        on_status: Callable[[SyncStatus], None] | None = None,
        on_applied: Callable[[PageResult], None] | None = None,
        rng: random.Random | None = None,
        max_retry_s: float = 30.0,
        probe_max_s: float = PROBE_MAX_S,
        on_pause: Callable[[str, float], None] | None = None,
    ) -> None:
        self.store = store
        self.transport = transport
        self.stream_transport = stream_transport or Transport(transport.base_url, transport.token)
        self.clock = clock or SystemClock()
        self.on_status = on_status
        self.on_applied = on_applied
        self._rng = rng or random.Random()
        self._max_retry_s = max_retry_s
        self._probe_max_s = probe_max_s
        # Called with the thread ("push" or "live") and the pause before its next try:
        # for tests and diagnostics, which see the schedule without waiting it out.
        self.on_pause = on_pause
        self._stop = threading.Event()
        # What a paused thread waits for besides time: a nudge to push now, the server
        # heard from again (a counter, so a waiter can tell whether it moved), the stop.
        self._signal = threading.Condition()
        self._nudged = False
        self._heard = 0
        # The push thread's view: False once the server stopped answering (as a push or
        # the live stream found), until a probe heard it and the backlog has gone out.
        self._answering = True
        self._silent = False  # a probe or a push found nobody since it last answered
        self._retry: Backoff | None = None  # pauses after a 5xx/429 or an unexpected error
        self._probes: Backoff | None = None  # pauses between probes of a silent server
        self._threads: list[threading.Thread] = []
        self._status_lock = threading.RLock()
        self._apply_lock = threading.Lock()
        self.status = SyncStatus()
        # Set once syncing (pushing, pulling) must stop until a person acts.
        self._push_halt: Halted | None = None
        self._pull_halt: Halted | None = None
        # The last page contradiction a refetch was to settle (apply).
        self._contradicted: str | None = None
        self._attach()
        with self.store.read() as session:
            found = fork.current(session)
            if found is not None:
                self._halt(Forked(fork.explain(found, self.store.terminal_name)), report=False)
                self.status = SyncStatus(
                    state=Forked.state, detail=str(self._push_halt), waiting=self._waiting(session)
                )

    # -- state --------------------------------------------------------------------

    def _attach(self) -> None:
        with self.store.write() as session:
            first = session.get(replica.SyncState, 1) is None
            replica.attach(session, self.transport.base_url)
            if first:
                # Own events made before this terminal had a server have no undo log:
                # apply them again, recorded, so the server's order can go under them.
                replica.refetch(session, self.store.terminal_id, epoch="")
        self.store.speculative = True

    def cursor(self) -> Cursor:
        with self.store.read() as session:
            return _cursor(replica.state(session))

    def waiting(self) -> int:
        with self.store.read() as session:
            return self._waiting(session)

    def _waiting(self, session: Session) -> int:
        # Own events are numbered without gaps: those after the last acknowledged one.
        head = session.get(ChainHead, self.store.terminal_id)
        return max(0, (head.last_seq if head else 0) - replica.state(session).acked_seq)

    def rejected(self) -> list[EventRecord]:
        """Own events the server refused, newest first: a supervisor looks at these."""
        with self.store.read() as session:
            return list(
                session.scalars(
                    select(EventRecord)
                    .where(*self._refused())
                    .order_by(EventRecord.terminal_seq.desc())
                )
            )

    def _refused(self) -> tuple[ColumnElement[bool], ...]:
        # Own events the server ordered and refused, not yet re-issued or dropped by a
        # supervisor: the same condition the review service checks.
        return awaiting_review(self.store.terminal_id)

    def _set_status(self, **changes: object) -> None:
        # Both threads report; under one lock, a status read from the database is
        # published before any later one, so a stale count never overwrites a fresh one.
        with self._status_lock:
            self.status = replace(self.status, **changes)  # type: ignore[arg-type]
            if self.on_status is not None:
                self.on_status(self.status)

    def _synced(self) -> None:
        halt = self._push_halt or self._pull_halt
        with self._status_lock, self.store.read() as session:
            rejected = session.scalar(select(func.count()).where(*self._refused()))
            self._set_status(
                # A halted direction is not "online", whatever the other one did.
                state=halt.state if halt else "online",
                detail=str(halt) if halt else "",
                waiting=self._waiting(session),
                last_sync_at=self.clock.now(),
                rejected=int(rejected or 0),
                clock_skew_s=replica.state(session).clock_offset_s,
            )

    # -- one round of each (threads call these; so do tests) ---------------------

    def _halt(
        self, halt: Halted, *, push: bool = True, pull: bool = True, report: bool = True
    ) -> None:
        if push:
            self._push_halt = halt
        if pull:
            self._pull_halt = halt
        log.error("sync stopped: %s", halt)
        if report:
            with self._status_lock:
                self._set_status(state=halt.state, detail=str(halt), waiting=self.waiting())

    @staticmethod
    def _again(halt: Halted) -> Halted:
        # A fresh exception each time: raising one instance again grows its traceback.
        return type(halt)(str(halt))

    def _fork_found(self, matched_seq: int, reason: str) -> Forked:
        """The server holds own events after `matched_seq` with other content: note it
        (a restart must not send again) and stop syncing."""
        with self.store.write() as session:
            current = replica.state(session)
            current.acked_seq = min(current.acked_seq, matched_seq)
            found = fork.record(
                session, self.store.terminal_id, matched_seq, reason, self.clock.now()
            )
            forked = Forked(fork.explain(found, self.store.terminal_name))
        self._halt(forked)
        return forked

    def _check_own(self, events: list[Event]) -> None:
        """Own events about to be sent must still be what was recorded: one edited since
        would be refused by the server on every push."""
        for event in events:
            if event.computed_hash() != event.hash:
                with self.store.read() as session:
                    described = audit.describe(event, audit.terminal_names(session))
                halt = Tampered(
                    f"This terminal's own {described} fails its check: {audit.EDITED}. "
                    "Nothing more is sent; restart Takt to have its whole log checked."
                )
                self._halt(halt, pull=False)
                raise self._again(halt)

    def push_pending(self) -> int:
        """Send every own event the server does not hold; return how many it took."""
        if self._push_halt is not None:
            raise self._again(self._push_halt)
        taken = 0
        while True:
            with self.store.read() as session:
                state = replica.state(session)
                cursor = _cursor(state)
                events = replica.unsent(
                    session, self.store.terminal_id, state.acked_seq, PUSH_BATCH
                )
                offset = state.clock_offset_s  # the server keeps it with the events
            if not events:
                return taken
            self._check_own(events)
            response = self.transport.push(cursor, events, clock_offset_s=offset)
            # A fork: the server holds this number with other content. What came before
            # it in the batch matched (the chain links each event to the one before).
            forked = next((r for r in response.results if r.status == "fork"), None)
            acks = {
                r.terminal_seq: r.server_seq
                for r in response.results
                if r.server_seq and r.status != "fork"
            }
            held = response.last_seq if forked is None else forked.terminal_seq - 1
            try:
                with self.store.write() as session:
                    before = replica.state(session).acked_seq
                    replica.record_acks(session, self.store.terminal_id, acks, held)
            except replica.HistoryChanged as changed:
                log.warning("%s", changed)
                raise RefetchRequired(response.epoch) from None
            if forked is not None:
                reason = forked.reason or response.stopped or "the server answered fork"
                raise self._again(self._fork_found(held, reason))
            progressed = response.last_seq > before
            taken += sum(1 for r in response.results if r.status != "duplicate")
            for result in response.results:
                if result.status == "rejected":
                    log.warning(
                        "the server rejected own event seq %d: %s",
                        result.terminal_seq,
                        result.reason,
                    )
            if not progressed and response.last_seq >= events[0].terminal_seq - 1:
                # Nothing new was taken although nothing was missing: do not spin.
                return taken

    def pull_pending(self, limit: int = 500) -> PageResult:
        """Apply every event the server has after the cursor (plain requests, no stream)."""
        if self._pull_halt is not None:
            raise self._again(self._pull_halt)
        total = PageResult()
        while True:
            page = self._with_refetch(lambda: self.transport.pull(self.cursor(), limit))
            # Should reading ahead fail, what was read is applied, and the next pull meets
            # the failure again (and handles it as a first pull's).
            ahead = self._read_ahead(page, lambda cursor: self.transport.pull(cursor, limit))
            page = ahead.page
            try:
                result = self.apply(page, ahead.ordered)
            except RefetchRequired as needed:
                self.refetch(needed.epoch)
                total.kinds.add("*")
                continue
            total.new += result.new
            total.rebased += result.rebased
            total.kinds |= result.kinds
            total.rejected += result.rejected
            if not page.has_more:
                return total

    def sync_once(self) -> None:
        """Push, pull, and push again what a refetch found the server no longer holds."""
        self._with_refetch(self.push_pending)
        self.pull_pending()
        if self.waiting():
            self._with_refetch(self.push_pending)
            self.pull_pending()
        self._synced()

    def _read_ahead(self, page: Page, following: Callable[[Cursor], Page | None]) -> Ahead:
        """`page`, or, when it takes own events back that the server placed a few pages
        on, it and the pages up to them as one (at most REBASE_WINDOW events), so those
        are applied once, at their place (replica.rebase_reach). `following` reads the
        page after a cursor (None: no more now). An error reading ahead ends it: what was
        read is returned with the error."""
        ordered = [e.ordered() for e in page.events]
        if not page.has_more or self._pull_halt is not None:
            return Ahead(page, ordered, None)
        with self.store.read() as session:
            state = replica.state(session)
            if state.epoch and page.epoch != state.epoch:
                return Ahead(page, ordered, None)  # a refetch first
            reach = replica.rebase_reach(session, self.store.terminal_id, ordered)
        pages = [page]
        count = len(page.events)
        failed: SyncError | None = None
        while pages[-1].has_more and pages[-1].cursor.seq < reach and count < REBASE_WINDOW:
            try:
                after = following(pages[-1].cursor)
            except SyncError as error:
                failed = error
                break
            if after is None:
                break
            if after.epoch != page.epoch:  # not one of these pages: a refetch first
                failed = RefetchRequired(after.epoch)
                break
            pages.append(after)
            ordered += [e.ordered() for e in after.events]
            count += len(after.events)
        if len(pages) > 1:
            log.info("read %d pages ahead to place %d events at once", len(pages) - 1, count)
        return Ahead(_joined(pages), ordered, failed)

    def apply(self, page: Page, ordered: list[Ordered] | None = None) -> PageResult:
        """Apply one page in one local transaction (with its cursor).

        A page with an event that fails its check is refused whole (Halted): nothing of it
        is applied and nothing more is taken from the server. One that holds another
        event at one of this terminal's own numbers shows this database is a copy (Forked).
        """
        if self._pull_halt is not None:
            raise self._again(self._pull_halt)
        try:
            return self._apply(page, ordered)
        except audit.PageFork as found:
            raise self._again(self._fork_found(found.seq - 1, str(found))) from None
        except audit.BadPage as bad:
            if isinstance(bad, audit.PageContradicts) and str(bad) != self._contradicted:
                # What this terminal holds of the server's history is not the server's
                # any more (restored from a backup): take it again, once per contradiction.
                self._contradicted = str(bad)
                log.warning("%s: refetching", bad)
                raise RefetchRequired(page.epoch) from None
            halt = Halted(
                f"{PAGE_REFUSED}: {bad}. Nothing of that page was applied, and nothing more "
                "is taken from the server until Takt is started again (tell whoever runs "
                "the server)."
            )
            self._halt(halt, push=False)
            raise self._again(halt) from None

    def _apply(self, page: Page, ordered: list[Ordered] | None) -> PageResult:
        # A page is thousands of short-lived ORM objects at once (the pause's reason).
        with cyclic_gc_paused(), self._apply_lock, self.store.write() as session:
            state = replica.state(session)
            if state.epoch and page.epoch != state.epoch:
                raise RefetchRequired(page.epoch)
            state.epoch = page.epoch
            if ordered is None:
                ordered = [e.ordered() for e in page.events]
            fresh = [o for o in ordered if o.server_seq > state.cursor_seq]
            lost = page.own_last_seq is not None and page.own_last_seq < state.acked_seq
            try:
                if lost:
                    # Restored from a backup: what it lost goes out again (a page read
                    # just before a push of ours committed says so too; that push's
                    # events then go again as duplicates, and keep their numbers).
                    assert page.own_last_seq is not None
                    replica.record_acks(session, self.store.terminal_id, {}, page.own_last_seq)
                result = replica.apply_page(session, self.store.terminal_id, fresh)
            except replica.HistoryChanged as changed:
                log.warning("%s", changed)
                raise RefetchRequired(page.epoch) from None
            now = self.clock.now()
            was = state.clock_offset_s
            state.last_sync_at = now
            state.clock_offset_s = skew = (as_utc(page.server_time) - now).total_seconds()
        # Said once when the clock drifts off, not on every page (the status shows it).
        if abs(skew) > SKEW_WARN_S and (was is None or abs(was) <= SKEW_WARN_S):
            log.warning("this terminal's clock is %.0f s off the server's", -skew)
        if lost:
            self.wake()
        if fresh and self.on_applied is not None:
            self.on_applied(result)
        return result

    def refetch(self, epoch: str) -> None:
        log.warning("the server's history changed (epoch %s): refetching everything", epoch)
        with self._apply_lock, self.store.write() as session:
            replica.refetch(session, self.store.terminal_id, epoch)
        self.wake()  # own events the restored server lost go out again
        if self.on_applied is not None:
            self.on_applied(PageResult(kinds={"*"}))

    def _with_refetch(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except RefetchRequired as needed:
            self.refetch(needed.epoch)
            return call()

    # -- threads ----------------------------------------------------------------

    def start(self) -> None:
        self.store.after_commit.append(self._written)
        for name, target in (
            ("takt-sync-push", self._push_loop),
            ("takt-sync-live", self._live_loop),
        ):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        if self._written in self.store.after_commit:
            self.store.after_commit.remove(self._written)
        self._stop.set()
        with self._signal:
            self._signal.notify_all()
        self.stream_transport.abort_stream()
        for thread in self._threads:
            thread.join(timeout=10)
        self.transport.close()
        self.stream_transport.close()

    def wake(self) -> None:
        """Try the server now (something was written, or a person asked)."""
        with self._signal:
            self._nudged = True
            self._signal.notify_all()

    def _written(self) -> None:
        # A local write goes out at once while the server answers. While it does not, the
        # write changes nothing about that: the next probe finds out, and 5,000 writes in
        # an outage are not 5,000 tries.
        if self._answering:
            self.wake()

    def _heard_again(self) -> None:
        """The server answers again after it did not: whoever waits for it goes at once."""
        with self._signal:
            self._heard += 1
            self._signal.notify_all()

    def _gone(self) -> None:
        """The live stream found nobody there: the push thread probes from now on (one
        thread probing is enough) and says when the server answers again."""
        if self._answering:
            self._answering = False
            self.wake()  # out of an idle pause, onto the probe schedule

    def _pause(self, thread: str, seconds: float, *, nudge: bool, heard: int | None) -> None:
        """Wait `seconds`, or less: until the app stops, a nudge (when `nudge`), or the
        server heard from again since the counter stood at `heard` (when given)."""
        if self.on_pause is not None:
            self.on_pause(thread, seconds)
        deadline = time.monotonic() + seconds
        with self._signal:
            while not self._stop.is_set():
                if nudge and self._nudged:
                    return
                if heard is not None and self._heard != heard:
                    return
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                self._signal.wait(remaining)

    def push_round(self) -> float:
        """One round of the push thread: while the server has not been answering, probe it
        first; then push everything it does not hold, batch after batch. Return the pause
        before the next round: long when all went out, a back-off when it failed."""
        if self._retry is None or self._probes is None:
            self._retry = Backoff(rng=self._rng, cap_s=self._max_retry_s)
            self._probes = Backoff(rng=self._rng, cap_s=min(self._max_retry_s, self._probe_max_s))
        with self._signal:
            self._nudged = False  # what is written from here on is pushed by the next round
        probed = back = False
        if not self._answering:
            try:
                self.transport.probe()
            except Offline as error:
                self._silent = True
                return self._failed(error, self._probes)
            except SyncError as error:  # it answers, but 5xx/429: leave it alone a while
                return self._failed(error, self._retry)
            probed = True
            # Back after nothing answered (not merely a stream the network cut, which is
            # retried on its own back-off): the live thread is waiting for this.
            back, self._silent = self._silent, False
        try:
            self._with_refetch(self.push_pending)
        except Offline as error:
            self._answering = False
            self._silent = True
            # Gone since the last round: probe again soon. Silent although a probe just
            # got an answer: the server answers but does not take pushes, so back off as
            # from a 5xx rather than resend a batch every few seconds.
            return self._failed(error, self._retry if probed else self._probes)
        except Halted:
            raise
        except SyncError as error:
            self._answering = True  # it answered, if not what was hoped for
            return self._failed(error, self._retry)
        finally:
            if back:
                # Only now does the live thread reconnect: pulling while a backlog goes
                # out makes both contend for this terminal's database (and the server),
                # and the backlog takes twice as long to send.
                self._heard_again()
        # Answering only now, with the backlog sent: the live thread waits until then.
        self._answering = True
        self._retry.reset()
        self._probes.reset()
        self._synced()
        return IDLE_RETRY_S

    def _push_loop(self) -> None:
        while not self._stop.is_set():
            try:
                delay = self.push_round()
            except Halted:
                self._stop.wait()  # until the app stops: a person must act first
                return
            except Exception:  # a bug must not end syncing for the shift
                log.exception("push failed")
                assert self._retry is not None
                delay = self._retry.next_delay()
            # Offline, the stream thread hearing the server cuts the pause short too (not
            # the round's own probe: that would be a loop without a pause).
            heard = None if self._answering else self._heard
            self._pause("push", delay, nudge=True, heard=heard)

    def _live_loop(self) -> None:
        backoff = Backoff(rng=self._rng, cap_s=self._max_retry_s)
        failed = False
        while not self._stop.is_set():
            heard = self._heard
            try:
                # A plain page first: what the server says of this terminal's own events
                # (a server restored from a backup lost some) is heard on connecting, not
                # with the next event anyone records (a stream sends only new events).
                self.pull_pending()
                if failed:
                    failed = False
                    self._heard_again()
                self._synced()  # what that page brought (a verdict) shows now
                self.stream_transport.token = self.transport.token
                pages = self.stream_transport.stream(self.cursor())
                for first in pages:
                    if failed:
                        failed = False
                        self._heard_again()  # the push thread may be between probes
                    ahead = self._read_ahead(first, _following(pages))
                    self.apply(ahead.page, ahead.ordered)
                    if ahead.failed is not None:
                        raise ahead.failed  # after applying what arrived before the drop
                    backoff.reset()
                    self._synced()
                    if self._stop.is_set():
                        return
            except RefetchRequired as needed:
                self.refetch(needed.epoch)
                continue
            except Halted:
                self._stop.wait()  # until the app stops: a person must act first
                return
            except Offline as error:
                if self._stop.is_set():
                    return
                failed = True
                self._gone()
                delay = self._failed(error, backoff)
                # Back the moment the push thread hears the server and has sent what
                # waited: reconnecting on a schedule of its own would pull while that
                # backlog goes out. The back-off is for when the push thread does not
                # probe (it heard an answer already, or its pushing halted).
                while not self._stop.is_set() and self._heard == heard:
                    self._pause("live", delay, nudge=False, heard=heard)
                    if self._answering or self._push_halt is not None:
                        break
            except SyncError as error:
                if self._stop.is_set():
                    return
                failed = True
                # Not cut short: it answered, and Retry-After is to be honoured.
                self._pause("live", self._failed(error, backoff), nudge=False, heard=None)
            except Exception:
                log.exception("live stream failed")
                self._pause("live", backoff.next_delay(), nudge=False, heard=None)

    def _failed(self, error: SyncError, backoff: Backoff) -> float:
        retry_after = error.retry_after_s if isinstance(error, ServerBusy) else None
        delay = backoff.next_delay(retry_after)
        if isinstance(error, Unauthorized):
            self._set_status(state="unregistered", detail=str(error))
        elif isinstance(error, Refused):
            self._set_status(state="refused", detail=str(error))
        elif isinstance(error, (Offline, ServerBusy)):
            with self._status_lock:
                self._set_status(state="offline", detail=str(error), waiting=self.waiting())
        log.info("sync: %s; next try in %.1f s", error, delay)
        return delay


def _following(pages: Iterator[Page]) -> Callable[[Cursor], Page | None]:
    """The next page of a stream (which goes on from where it is, whatever the cursor)."""
    return lambda _cursor: next(pages, None)


def _joined(pages: list[Page]) -> Page:
    """Consecutive pages as one: their events, and what the last says of the server."""
    if len(pages) == 1:
        return pages[0]
    return pages[-1].model_copy(update={"events": [e for p in pages for e in p.events]})


def _cursor(state: SyncState) -> Cursor:
    return Cursor(epoch=state.epoch or None, seq=state.cursor_seq, event_id=state.cursor_event_id)
