"""The server's inbox (issue 16): a message is stored once per channel and external id
(a UNIQUE constraint, on SQLite and PostgreSQL), refused with its reason and counted
when it is oversized, malformed or a duplicate; the worker records what is stored as
message.received by the server and sets a bad stored message aside without stopping."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime

import pytest
import sqlalchemy.exc
from sqlalchemy import select

from app.clock import FixedClock
from app.model import EventRecord, InboxMessage
from app.model.types import MessageChannel, MessageStatus
from app.secrets import env_name
from app.store import Store
from sync.intake.channels.config import (
    IMAP_PASSWORD,
    TEAMS_SECURITY_TOKEN,
    IntakeConfigError,
    SmtpSettings,
    parse_intake,
    with_secrets,
)
from sync.intake.inbox import Inbound, Inbox, Refused
from sync.server.app import prepare
from tests.intake.channel_helpers import first_order, messages, worker


def inbound(ident: str, text: str, channel: MessageChannel = MessageChannel.CHAT) -> Inbound:
    return Inbound(channel=channel, external_id=ident, text=text, sender="someone")


def test_a_message_is_taken_once_per_channel_and_refusals_say_why(
    any_store: Store, clock: FixedClock
) -> None:
    prepare(any_store)  # a server's database
    inbox = Inbox(any_store, clock)
    inbox.take(inbound("m-1", "machine down"))
    inbox.take(inbound("m-1", "machine down", MessageChannel.SLACK))  # another channel's id
    with pytest.raises(Refused) as duplicate:
        inbox.take(inbound("m-1", "machine down"))
    assert duplicate.value.reason == "duplicate"
    with pytest.raises(Refused) as oversized:
        inbox.take(inbound("m-2", "x" * 20_001))
    assert (oversized.value.reason, oversized.value.status) == ("oversized", 413)
    assert "20,001 characters" in oversized.value.detail
    with pytest.raises(Refused) as empty:
        inbox.take(inbound("m-3", "   "))
    assert empty.value.reason == "malformed"
    with pytest.raises(Refused) as no_id:
        inbox.take(inbound("", "text"))
    assert no_id.value.reason == "malformed"

    # The database itself keeps a channel's id once, whoever writes.
    copy = InboxMessage(
        channel="chat", external_id="m-1", received_at=datetime.now(UTC), size=1, raw=b"{}"
    )
    with any_store.write() as session:
        session.add(copy)
        with pytest.raises(sqlalchemy.exc.IntegrityError):
            session.flush()
        session.rollback()

    counts = inbox.status()
    assert counts["channels"] == {
        "chat": {"accepted": 1, "duplicate": 1, "oversized": 1, "malformed": 2},
        "slack": {"accepted": 1},
    }
    assert counts["refusals"] == {
        "oversized": 1,
        "malformed": 2,
        "wrongly_signed": 0,
        "stale": 0,
        "duplicate": 1,
        "unauthorized": 0,
    }
    assert (counts["stored"], counts["pending"]) == (2, 2)


def test_the_worker_records_as_the_server_and_sets_a_bad_message_aside(
    plant: Store, clock: FixedClock
) -> None:
    number, item = first_order(plant)
    inbox = Inbox(plant, clock)
    inbox.take(inbound("good-1", f"{number} short of {item}"))
    bad = inbox.take(inbound("bad", "fine so far"))
    inbox.take(inbound("good-2", "Thanks for the coffee"))
    with plant.write() as session:
        row = session.get(InboxMessage, bad)
        assert row is not None
        row.raw = b"\xff not json"  # a row damaged on disk, or by an older version
    assert worker(plant, clock).process() == 3

    found = messages(plant)
    assert set(found) == {"chat:good-1", "chat:good-2"}
    assert found["chat:good-1"].status is MessageStatus.DRAFT
    assert found["chat:good-2"].status is MessageStatus.ARCHIVED
    assert found["chat:good-1"].received_by == "server"
    with plant.read() as session:
        damaged = session.get(InboxMessage, bad)
        assert damaged is not None
        assert damaged.done
        assert damaged.problem
        actors = set(
            session.scalars(select(EventRecord.actor).where(EventRecord.kind == "message.received"))
        )
    assert actors == {"server"}
    assert inbox.status()["channels"]["chat"] == {
        "accepted": 3,
        "draft": 1,
        "archived": 1,
        "failed": 1,
    }
    assert worker(plant, clock).process() == 0  # nothing is recorded twice


def test_the_intake_file_says_which_channels_and_names_its_mistakes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = parse_intake(
        '[smtp]\nhost = "0.0.0.0"\nport = 2525\n\n'
        '[imap]\nhost = "imap.example.com"\nuser = "takt@example.com"\ninterval_seconds = 30\n\n'
        "[webhooks]\nteams = true\njson = true\n"
    )
    assert settings.smtp == SmtpSettings(host="0.0.0.0", port=2525)
    assert settings.imap is not None
    assert (settings.imap.port, settings.imap.ssl, settings.imap.interval_s) == (993, True, 30.0)
    assert (settings.webhooks.teams, settings.webhooks.slack) == (True, False)
    for text, problem in [
        ("[smtp]\nport = 70000\n", "port: 1 to 65535"),
        ("[smtp]\nportt = 25\n", "does not take portt"),
        ("[imap]\nhost = 'x'\n", "user: give a str"),
        ("[webhooks]\nslack = 'yes'\n", "slack: give a bool"),
        ("smtp = 1\n", "[smtp] must be a table"),
        ("[smtp\n", "not TOML"),
    ]:
        with pytest.raises(IntakeConfigError, match=re.escape(problem)):
            parse_intake(text)
    # Secrets come from the keyring, or the environment where there is none.
    token = base64.b64encode(b"teams-token").decode()
    monkeypatch.setenv(env_name(TEAMS_SECURITY_TOKEN), token)
    monkeypatch.setenv(env_name(IMAP_PASSWORD), "imap-password")
    secrets = with_secrets(settings).secrets
    assert (secrets.teams_key, secrets.imap_password) == (b"teams-token", "imap-password")
    monkeypatch.setenv(env_name(TEAMS_SECURITY_TOKEN), "not base64!")
    with pytest.raises(IntakeConfigError, match="is base64"):
        with_secrets(settings)
