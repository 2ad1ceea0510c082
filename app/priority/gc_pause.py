"""Ranking allocates thousands of small, short-lived, acyclic objects (rows, reasons). With a
plant of objects alive, each of the cyclic collector's passes triggered by those allocations
walks the plant again: a full re-rank of 5,000 operations spent about three quarters of its
time there. The collector is paused for the burst and runs at its next chance after it.
Reference counting frees what the burst drops either way; only cycles wait for the next pass.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    if not gc.isenabled():  # nested, or the process manages the collector itself
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
