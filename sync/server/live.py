"""Waking the live streams when new events commit.

Pushes run in worker threads; streams wait on the event loop. `publish` is called
from any thread after a commit; each waiting stream is woken on its own loop.
"""

from __future__ import annotations

import asyncio
import threading


class HeadSignal:
    def __init__(self, head: int = 0) -> None:
        self._head = head
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    @property
    def head(self) -> int:
        return self._head

    def publish(self, head: int) -> None:
        with self._lock:
            self._head = max(self._head, head)
            waiters = list(self._waiters)
        for loop, woken in waiters:
            loop.call_soon_threadsafe(woken.set)

    async def wait_beyond(self, seq: int, timeout: float) -> bool:
        """Wait until an event after `seq` committed; False when the timeout came first."""
        woken = asyncio.Event()
        waiter = (asyncio.get_running_loop(), woken)
        with self._lock:
            if self._head > seq:
                return True
            self._waiters.add(waiter)
        try:
            await asyncio.wait_for(woken.wait(), timeout)
            return True
        except TimeoutError:
            return self._head > seq
        finally:
            with self._lock:
                self._waiters.discard(waiter)
