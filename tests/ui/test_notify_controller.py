"""The running terminal sends configured notifications from its network lane."""

from __future__ import annotations

from typing import Any

from app.clock import FixedClock
from app.model.types import ExceptionKind
from app.services.exceptions import ExceptionService, NewException
from app.settings import NotifySettings
from app.store import Store
from tests.sync.conftest import webhook  # noqa: F401 - a fixture
from ui.notify_controller import NotifyController
from ui.workers import Workers


def test_a_raised_exception_reaches_the_webhook(
    qtbot: Any,
    demo_store: Store,
    clock: FixedClock,
    webhook: tuple[list[dict[str, Any]], str],  # noqa: F811
) -> None:
    received, url = webhook
    ExceptionService(demo_store, clock).raise_exception(
        "1001", NewException(ExceptionKind.MATERIAL_SHORTAGE, "no seals", item="PP-SEAL-80")
    )
    workers = Workers()
    controller = NotifyController(demo_store, NotifySettings(webhook_url=url), clock, workers.net)
    controller.start()
    qtbot.waitUntil(lambda: len(received) == 1, timeout=10_000)
    assert received[0]["body"]["subject"] == "[Takt] Material shortage: no seals"
    controller.timer.stop()
    workers.shutdown()


def test_nothing_configured_means_no_timer(
    demo_store: Store, clock: FixedClock, qtbot: Any
) -> None:
    workers = Workers()
    controller = NotifyController(demo_store, NotifySettings(), clock, workers.net)
    controller.start()
    assert not controller.timer.isActive()
    workers.shutdown()
