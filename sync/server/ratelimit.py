"""Failed enrollment attempts, counted per client address and over all addresses.

Past a few failures in the window, every attempt (right or wrong) from that address, or
from anyone once the overall count is reached, is answered 429 with Retry-After until the
oldest failure leaves the window: a guesser learns nothing while blocked, and one
spread over many addresses still meets the overall limit. The counts live in the process:
several server processes each keep their own (registration is rare, so that is enough).
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

PER_ADDRESS = 5
OVERALL = 30
WINDOW = timedelta(minutes=10)
# More addresses than this and those whose failures all left the window are forgotten.
MAX_TRACKED = 10_000


class TooManyFailures(Exception):
    def __init__(self, retry_after_s: int, overall: bool) -> None:
        whose = "on this server" if overall else "from this address"
        super().__init__(
            f"too many failed enrollment attempts {whose}; try again in {retry_after_s} s"
        )
        self.retry_after_s = retry_after_s


class FailureLimiter:
    def __init__(
        self, per_address: int = PER_ADDRESS, overall: int = OVERALL, window: timedelta = WINDOW
    ) -> None:
        self.per_address = per_address
        self.overall = overall
        self.window = window
        self._lock = threading.Lock()
        self._by_address: dict[str, deque[datetime]] = {}
        self._all: deque[datetime] = deque()

    def check(self, address: str, now: datetime) -> None:
        """Raise TooManyFailures while `address` (or everyone) must wait."""
        with self._lock:
            self._check(address, now)

    def failed(self, address: str, now: datetime) -> None:
        with self._lock:
            self._failed(address, now)

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._by_address.pop(address, None)

    @contextmanager
    def attempt(self, address: str, now: datetime, failure: type[Exception]) -> Iterator[None]:
        """Check first; count the attempt as failed when it raises `failure`.

        The attempt counts as a failure from the moment it is let through, in the same
        lock as the check, and is taken back when it turns out otherwise: requests racing
        each other cannot all pass the check before any of them has failed."""
        with self._lock:
            self._check(address, now)
            self._failed(address, now)
        try:
            yield
        except failure:
            raise
        except BaseException:
            self._take_back(address, now)
            raise
        self._take_back(address, now)
        self.succeeded(address)

    def _check(self, address: str, now: datetime) -> None:
        mine = self._by_address.get(address)
        for failures, limit, overall in (
            (self._all, self.overall, True),
            (mine, self.per_address, False),
        ):
            if failures is None:
                continue
            self._expire(failures, now)
            if len(failures) >= limit:
                # The wait ends when enough failures have left the window.
                until = failures[len(failures) - limit] + self.window
                raise TooManyFailures(max(1, math.ceil((until - now).total_seconds())), overall)

    def _failed(self, address: str, now: datetime) -> None:
        if address not in self._by_address and len(self._by_address) >= MAX_TRACKED:
            self._forget_idle(now)
        self._by_address.setdefault(address, deque()).append(now)
        self._all.append(now)

    def _take_back(self, address: str, now: datetime) -> None:
        """Forget one failure counted at `now` (an attempt that did not fail)."""
        with self._lock:
            for failures in (self._by_address.get(address), self._all):
                if failures is not None and now in failures:
                    failures.remove(now)

    def _expire(self, failures: deque[datetime], now: datetime) -> None:
        while failures and failures[0] + self.window <= now:
            failures.popleft()

    def _forget_idle(self, now: datetime) -> None:
        for address in list(self._by_address):
            failures = self._by_address[address]
            self._expire(failures, now)
            if not failures:
                del self._by_address[address]
