"""A transport that calls the server's functions in-process: the same protocol objects,
no sockets. The property tests use it to run hundreds of interleavings quickly; the
tests over real HTTP show the transport itself."""

from __future__ import annotations

from datetime import datetime

from app.clock import Clock
from app.events import servertime
from app.events.envelope import Event
from app.store import Store
from sync.client.transport import Offline, RefetchRequired
from sync.protocol import Cursor, Page, PushRequest, PushResponse, WireEvent
from sync.server import feed
from sync.server.ingest import apply_batch


class DirectTransport:
    def __init__(self, server: Store, terminal_id: str, clock: Clock) -> None:
        self.server = server
        self.terminal_id = terminal_id
        self.clock = clock
        self.base_url = "direct://server"
        self.token: str | None = "direct"
        self.online = True
        self.lose_next_answer = False  # the server commits, the answer never arrives

    def push(
        self, cursor: Cursor, events: list[Event], *, clock_offset_s: float | None = None
    ) -> PushResponse:
        if not self.online:
            raise Offline("offline")
        request = PushRequest(
            cursor=cursor, events=[WireEvent.of(e) for e in events], clock_offset_s=clock_offset_s
        )
        try:
            with self.server.write() as session:
                servertime.mark_received(
                    session, self.terminal_id, self.now(), request.clock_offset_s
                )
                feed.check_cursor(session, request.cursor)
                response = apply_batch(session, self.terminal_id, request)
        except feed.RefetchNeeded as needed:
            raise RefetchRequired(needed.epoch) from None
        if self.lose_next_answer:
            self.lose_next_answer = False
            raise Offline("connection dropped after the server committed")
        return response

    def pull(self, cursor: Cursor, limit: int = 500) -> Page:
        if not self.online:
            raise Offline("offline")
        try:
            with self.server.read() as session:
                return feed.read_page(session, cursor, limit, self.now())
        except feed.RefetchNeeded as needed:
            raise RefetchRequired(needed.epoch) from None

    def now(self) -> datetime:
        return self.clock.now()

    def close(self) -> None:
        pass

    def abort_stream(self) -> None:
        pass
