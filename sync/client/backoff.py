"""Waiting between retries: exponential, with full jitter, never shorter than Retry-After."""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base_s: float = 0.5
    cap_s: float = 30.0
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def next_delay(self, retry_after_s: float | None = None) -> float:
        """The pause before the next try; each failure doubles the ceiling up to the cap."""
        ceiling = min(self.cap_s, self.base_s * (2**self.failures))
        self.failures += 1
        # Full jitter: terminals that lost the server together do not return together.
        delay = self.rng.uniform(0, ceiling)
        if retry_after_s is not None:
            delay = max(delay, retry_after_s)
        return delay

    def reset(self) -> None:
        self.failures = 0
