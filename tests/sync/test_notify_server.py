"""The server sends notifications, once per exception per channel, however many terminals
see it; a restart sends nothing again. Real server on 127.0.0.1, real SMTP (aiosmtpd)."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.model.types import ExceptionKind
from app.services.exceptions import ExceptionService, NewException
from app.store import open_store
from sync.notify.channels import SmtpChannel
from sync.server.notifier import notify_options
from tests.sync.conftest import Inbox, MemoryKeyring
from tests.sync.plant import Plant

ADDRESSES = {
    "maintenance": ["fixit@plant.example"],
    "supervisor": ["lead@plant.example", "night-lead@plant.example"],
}


def _wait(condition: Callable[[], bool], timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _deliveries(inbox: Inbox) -> Counter[tuple[str, str]]:
    """(Message-ID, recipient) -> how many times that recipient got that message."""
    return Counter((mail["Message-ID"], rcpt) for rcpts, mail in inbox.mails for rcpt in rcpts)


def test_three_terminals_one_mail_per_recipient_and_a_restart_resends_nothing(
    tmp_path: Path,
    server_template: Path,
    clock: FixedClock,
    memory_keyring: MemoryKeyring,
    smtp: tuple[Inbox, int],
) -> None:
    inbox, port = smtp
    shutil.copy(server_template, tmp_path / "server.sqlite3")
    mail = SmtpChannel("127.0.0.1", port, sender="takt@plant.example", addresses=ADDRESSES)
    plant = Plant(
        tmp_path,
        lambda: open_store(tmp_path / "server.sqlite3", clock=clock),
        clock,
        notify_channels=[mail],
        notify_interval_s=0.2,
    )
    try:
        kiosks = [plant.terminal(f"kiosk-{n}") for n in (1, 2, 3)]
        # Each kiosk raises a stop of its own, and all three see all three.
        for n, kiosk in enumerate(kiosks, start=1):
            ExceptionService(kiosk.store, clock).raise_exception(
                "901",
                NewException(
                    ExceptionKind.MACHINE_DOWNTIME,
                    f"spindle stopped at kiosk {n}",
                    work_center=f"WC-00{n}",
                    details={"reason_code": "mechanical/bearing"},
                ),
            )
            kiosk.engine.push_pending()
        for kiosk in kiosks:
            kiosk.engine.pull_pending()
        _wait(lambda: len(inbox.mails) >= 3)
        # The deadline passes: the server records the breach and the escalation, which
        # every terminal then pulls too.
        clock.advance(timedelta(minutes=31))
        assert plant.server_store is not None
        assert ExceptionService(plant.server_store, clock).check_deadlines(actor="server") == 6
        for kiosk in kiosks:
            kiosk.engine.pull_pending()
        _wait(lambda: len(inbox.mails) >= 9)
        time.sleep(1.0)  # a few more rounds: nothing else may come

        sent = _deliveries(inbox)
        assert set(sent.values()) == {1}, sent  # nobody got any message twice
        assert len({message_id for message_id, _ in sent}) == 9  # 3 raised, 3 SLA, 3 tiers
        raised = [m for _, m in inbox.mails if "Machine down" in m["Subject"]]
        assert sorted(m["Subject"] for m in raised) == [
            f"[Takt] Machine down: spindle stopped at kiosk {n}" for n in (1, 2, 3)
        ]
        # The owner and the functions with a task each got each stop once.
        assert {r for rcpts, m in inbox.mails for r in rcpts if m in raised} == {
            "fixit@plant.example",
            "lead@plant.example",
            "night-lead@plant.example",
        }
        before = len(inbox.mails)

        # A restart: the sent list and the cursor are in the server's database.
        plant.stop_server()
        plant.start_server()
        for kiosk in kiosks:
            kiosk.engine.pull_pending()
        time.sleep(1.0)
        assert len(inbox.mails) == before
    finally:
        plant.close()


def test_takt_server_takes_its_channels_from_takt_toml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config = tmp_path / "takt.toml"
    config.write_text(
        'schema_version = 1\n[notify]\nwebhook_url = "http://127.0.0.1:9/hook"\n'
        "interval_seconds = 5\n[notify.smtp]\n"
        'host = "mail.plant.example"\nsender = "takt@plant.example"\n',
        "utf-8",
    )
    monkeypatch.setenv("TAKT_CONFIG", str(config))
    options = notify_options()
    assert [c.name for c in options["notify_channels"]] == ["email", "webhook"]
    assert options["notify_interval_s"] == 5
    # A bad file leaves the server running without notifications, and says why.
    config.write_text('[notify]\nwebhook_url = "ftp://x"\n', "utf-8")
    assert notify_options() == {}
    assert "notifications are off" in caplog.text
    assert "notify.webhook_url: must start with http:// or https://" in caplog.text
