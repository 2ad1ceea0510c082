"""A message that reaches the server reaches the Messages screen by the sync alone (issue
16): a WhatsApp notification is posted to a real server on 127.0.0.1, the server's
intake worker records it, the terminal's sync engine pulls it, and the screen a lead has
open shows it, with no timer to poll with: the page of events reports that messages
changed, and the screen reads its list again from that report.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from app.clock import FixedClock
from app.store import open_store
from sync.intake.channels.config import IntakeSettings
from tests.intake.channel_helpers import ALL_WEBHOOKS, SECRETS, first_order
from tests.intake.test_webhooks import post_whatsapp, whatsapp_body
from tests.memory_keyring import MemoryKeyring
from tests.sync.conftest import (  # noqa: F401 - fixtures: the small plant's server
    memory_keyring,
    server_template,
)
from tests.sync.plant import Plant
from tests.ui.test_sync_ui import (  # noqa: F401 - fixture: terminal windows on that server
    LOAD_TIMEOUT,
    SYNC_TIMEOUT,
    OpenWindow,
    open_window,
)

SUPERVISOR_BADGE = "SYN-902"


@pytest.fixture
def plant(
    tmp_path: Path,
    server_template: Path,  # noqa: F811
    clock: FixedClock,
    memory_keyring: MemoryKeyring,  # noqa: F811
) -> Iterator[Plant]:
    """The small plant's server, taking chat messages in (open_window's plant)."""
    shutil.copy(server_template, tmp_path / "server.sqlite3")
    p = Plant(
        tmp_path,
        lambda: open_store(tmp_path / "server.sqlite3", clock=clock),
        clock,
        intake=IntakeSettings(webhooks=ALL_WEBHOOKS, secrets=SECRETS),
    )
    try:
        yield p
    finally:
        p.close()


def test_a_message_the_server_took_in_appears_on_the_open_screen_without_polling(
    qtbot,
    open_window: OpenWindow,  # noqa: F811
    plant: Plant,
) -> None:
    win, terminal = open_window("line-pc", SUPERVISOR_BADGE)
    view = win.messages_view
    with qtbot.waitSignal(view.sig_refreshed, timeout=LOAD_TIMEOUT):
        win.show_messages()
    assert win.current is view
    assert view.model.ids() == []
    assert not [t for t in view.findChildren(QTimer) if t.isActive()]  # nothing polls

    number, item = first_order(terminal.store)
    body = whatsapp_body("wamid.to-the-screen", f"{number} short of {item}, 12 pcs")
    assert post_whatsapp(plant, body).json() == {"status": "ok", "messages": ["taken"]}

    message_id = "whatsapp:wamid.to-the-screen"
    qtbot.waitUntil(lambda: message_id in view.model.ids(), timeout=SYNC_TIMEOUT)
    assert view.tabs["drafts"].text() == "Drafts (1)"
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.row.message_id == message_id,
        timeout=LOAD_TIMEOUT,
    )
    assert view.text.toPlainText() == f"{number} short of {item}, 12 pcs"
    assert number in view.highlighted()
