"""Timing helpers: every benchmark prints one JSON object per line."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

BENCHMARKS: dict[str, Callable[[], None]] = {}


def benchmark(fn: Callable[[], None]) -> Callable[[], None]:
    BENCHMARKS[fn.__name__.removeprefix("bench_")] = fn
    return fn


def emit(name: str, **figures: Any) -> None:
    sys.stdout.write(json.dumps({"benchmark": name, **figures}) + "\n")
    sys.stdout.flush()


def load_average() -> list[float]:
    """The machine's load (1, 5, 15 minutes) as a run ends: figures taken on a loaded
    machine are read with it."""
    return [round(value, 2) for value in os.getloadavg()]


def percentile(samples: list[float], q: float) -> float:
    """The nearest-rank q-quantile (0..1) of the samples."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def log_in(store: Any, clock: Any, *people: str) -> None:
    """Log people in on a terminal: the server takes a person's events only from a
    terminal they are logged in on (app/authz.py)."""
    from app.events.payloads import UserLoggedIn
    from app.services.base import Service

    service = Service(store, clock)
    for person in people:
        with service.transaction() as tx:
            tx.emit(UserLoggedIn(user_id=person, method="badge"), person)


def check(condition: bool, message: str) -> None:
    """A benchmark's own sanity check (not a timing assertion): it must have done the work."""
    if not condition:
        raise AssertionError(message)


def time_runs(
    name: str, run: Callable[[], Any], *, n: int, setup: Callable[[], Any] | None = None
) -> None:
    """Median and p95 of `n` runs of `run` (after `setup`, untimed), in milliseconds."""
    samples = []
    for _ in range(n):
        if setup is not None:
            setup()
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    emit(
        name,
        median_ms=round(statistics.median(samples), 3),
        p95_ms=round(percentile(samples, 0.95), 3),
        n=n,
    )


def throughput(name: str, count: int, seconds: float, **extra: Any) -> None:
    emit(name, per_s=round(count / seconds, 1), n=count, **extra)
