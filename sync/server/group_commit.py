"""Pushes that arrive while another is being applied share one transaction.

Every push waits for the server state row and holds it while its events are numbered,
judged and committed, so pushes are applied one after another, and what each costs
once (the statements that take the numbers, store the events, load the rows they
touch, store the exceptions they raised, and the commit: each a round trip to the
database) is paid under that lock once a push.

Here a push that finds another being applied in this process waits; when that one is
done, the first waiting push leads the next group: it applies every waiting push (at
most one per terminal, up to `max_events` events) in one transaction, each checked and
judged as it would be alone, and hands each its answer. A group that fails as a whole
(one push's refusal, a constraint, the database away) is not tried again as a group:
each of its pushes is then applied alone, as it would have been without groups, so a
bad push costs the others their share of the transaction, never their answer. A push
that finds nothing being applied is applied alone at once: a quiet server answers as
fast as before.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Request = TypeVar("Request")
Answer = TypeVar("Answer")

DEFAULT_MAX_EVENTS = 2000


@dataclass(eq=False)
class Waiting(Generic[Request, Answer]):
    """One push: whose, what, how many events, and (once done) its answer."""

    terminal_id: str
    request: Request
    size: int
    woken: threading.Event = field(default_factory=threading.Event)
    lead: bool = False  # woken to lead the next group
    alone: bool = False  # its group failed: it is applied alone
    answer: Answer | None = None


class GroupCommit(Generic[Request, Answer]):
    """Applies pushes alone or in groups. `alone(waiting)` applies one in a transaction
    of its own (with whatever retries it makes) and returns its answer or raises its
    error; `together(group)` applies several in one transaction and returns their
    answers in order, or raises."""

    def __init__(
        self,
        alone: Callable[[Waiting[Request, Answer]], Answer],
        together: Callable[[Sequence[Waiting[Request, Answer]]], list[Answer]],
        *,
        max_events: int = DEFAULT_MAX_EVENTS,
    ) -> None:
        self._alone = alone
        self._together = together
        self.max_events = max_events
        self._mutex = threading.Lock()
        self._queue: list[Waiting[Request, Answer]] = []
        self._busy = False
        self.groups = 0  # groups of more than one push applied together
        self.grouped = 0  # the pushes they held

    def submit(self, terminal_id: str, request: Request, size: int) -> Answer:
        """Apply the push of `size` events; its answer, or its error raised."""
        me: Waiting[Request, Answer] = Waiting(terminal_id, request, size)
        with self._mutex:
            idle = not self._busy
            self._busy = True
            if not idle:
                self._queue.append(me)
        if idle:
            try:
                return self._alone(me)
            finally:
                self._hand_on()
        me.woken.wait()
        if me.lead:
            try:
                self._apply_group()
            finally:
                self._hand_on()
        if me.alone:
            return self._alone(me)
        assert me.answer is not None
        return me.answer

    def _apply_group(self) -> None:
        """Apply the group this thread leads (its own push first): together when it
        holds more than one push; each alone when it fails or holds one."""
        group = self._take_group()
        try:
            if len(group) > 1:
                answers = self._together(group)
                for waiting, answer in zip(group, answers, strict=True):
                    waiting.answer = answer
                self.groups += 1
                self.grouped += len(group)
        except Exception as error:  # one push's refusal or the database's: each alone
            log.info("a group of %d pushes failed (%s): each goes alone", len(group), error)
        finally:
            for waiting in group:
                waiting.alone = waiting.answer is None
                if not waiting.lead:
                    waiting.woken.set()

    def _take_group(self) -> list[Waiting[Request, Answer]]:
        """The waiting pushes, in order, as one group: a terminal's later push waits for
        the next group (its earlier one goes first), and the group stops at `max_events`."""
        with self._mutex:
            group: list[Waiting[Request, Answer]] = []
            rest: list[Waiting[Request, Answer]] = []
            terminals: set[str] = set()
            events = 0
            for waiting in self._queue:
                fits = not group or events + waiting.size <= self.max_events
                if waiting.terminal_id in terminals or not fits:
                    rest.append(waiting)
                    continue
                group.append(waiting)
                terminals.add(waiting.terminal_id)
                events += waiting.size
            self._queue = rest
        return group

    def _hand_on(self) -> None:
        """The first waiting push leads the next group; with none waiting, the next push
        is applied alone at once."""
        with self._mutex:
            if not self._queue:
                self._busy = False
                return
            leader = self._queue[0]
            leader.lead = True
        leader.woken.set()
