"""A server process readies its cycle collector before it serves (sync.server.runner.settle):
what it made to start is kept out of the collector's scans, which run less often."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from sync.server import main
from sync.server.runner import GC_THRESHOLD, settle


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector as this test process had it, afterwards."""
    threshold = gc.get_threshold()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_settling_freezes_what_exists_and_raises_the_first_threshold(collector: None) -> None:
    _, *older = gc.get_threshold()
    settle()
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == (GC_THRESHOLD, *older)


def test_takt_server_serves_settled(collector: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, ...]] = []

    def run(*_: Any, **__: Any) -> None:
        seen.append(gc.get_threshold())

    monkeypatch.setattr(main.uvicorn, "run", run)
    main._run(object(), "127.0.0.1", 0)  # type: ignore[arg-type]
    assert [threshold[0] for threshold in seen] == [GC_THRESHOLD]
