"""Applying pushed batches as the push route does, alone or in groups.

A push is checked without the database first (each event parsed, its hash checked:
ingest.check_events), then applied in a transaction that notes its receipt, checks its
cursor and its signature, keeps its signed head and applies its batch (sync.server.ingest).
Pushes that arrive while another is applied share one transaction
(sync.server.group_commit); one applied alone is run again carefully when it fails as a
whole (ingest.receive).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.clock import Clock
from app.events import servertime
from app.store import Store
from sync.protocol import PushRequest, PushResponse
from sync.server import feed, signing
from sync.server.group_commit import GroupCommit, Waiting
from sync.server.ingest import Checked, Prepared, check_events, finish_batches, prepare_batch
from sync.server.ingest import receive as receive_alone

# A push as the group commit holds it: the request, and what was checked without the
# database.
Push = Waiting[tuple[PushRequest, Checked], PushResponse]


class Pushes:
    """The server's pushes into `store`, on `clock`."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.group: GroupCommit[tuple[PushRequest, Checked], PushResponse] = GroupCommit(
            self._alone, self._together
        )

    def apply(self, terminal_id: str, body: PushRequest) -> PushResponse:
        """Apply `body`, pushed by `terminal_id`: its answer, or the error that refuses
        it as a whole (Forbidden, signing.SignatureRefused, a TaktError, the database's)."""
        checked = check_events(terminal_id, body)
        return self.group.submit(terminal_id, (body, checked), len(body.events))

    def _opened(self, session: Session, push: Push) -> Prepared:
        """A push's checks in the transaction that applies it: its receipt noted, its
        cursor and signature checked; then its batch placed on its terminal's chain."""
        terminal_id, (body, checked) = push.terminal_id, push.request
        now = self.clock.now()
        servertime.mark_received(session, terminal_id, now, body.clock_offset_s)
        feed.check_cursor(session, body.cursor)
        head = signing.verify_push(session, terminal_id, body)

        def vouch(stored: Sequence[int]) -> None:
            signing.keep_head(session, head, stored, self.clock.now())

        return prepare_batch(session, terminal_id, body, checked=checked, vouch=vouch)

    def _alone(self, push: Push) -> PushResponse:
        def take(careful: bool) -> PushResponse:
            with self.store.write() as session:
                return finish_batches(session, [self._opened(session, push)], careful=careful)[0]

        return receive_alone(take)

    def _together(self, group: Sequence[Push]) -> list[PushResponse]:
        # Chain heads are locked in one order, so two groups (two worker processes)
        # cannot each hold one the other waits for.
        ordered = sorted(group, key=lambda push: push.terminal_id)
        with self.store.write() as session:
            prepared = [self._opened(session, push) for push in ordered]
            answers = dict(zip(ordered, finish_batches(session, prepared), strict=True))
        return [answers[push] for push in group]
