"""The span of time a metric looks at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.clock import as_utc


@dataclass(frozen=True, slots=True)
class Period:
    """[start, end): aware UTC moments.

    A metric takes the cases that started in the period (an exception raised, a posting
    queued) and judges them as the log stood at `end`: what happened later is not known
    to it, so the figures of a past period never change, and what was still open at
    `end` is counted as open.
    """

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("a period needs timezone-aware moments")
        if self.end < self.start:
            raise ValueError("a period cannot end before it starts")
        object.__setattr__(self, "start", as_utc(self.start))
        object.__setattr__(self, "end", as_utc(self.end))

    @classmethod
    def ending(cls, end: datetime, days: float = 30) -> Period:
        """The `days` before `end` (the 30-day audit: `Period.ending(now)`)."""
        return cls(end - timedelta(days=days), end)

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()
