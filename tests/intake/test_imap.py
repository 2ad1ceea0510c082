"""The IMAP poll (issue 16) against a real IMAP server, Dovecot (tests/intake/dovecot.py):
every unseen mail becomes one message in the inbox and is then marked \\Seen, a restarted
poll takes nothing twice, a mail not stored stays unseen, a malformed one is counted and
does not stop the poll, the server going away mid-poll loses nothing, a wrong password
names the settings to check, and IMAPS verifies the server's certificate."""

from __future__ import annotations

import imaplib
import logging
import ssl

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.model import InboxMessage
from app.model.types import MessageStatus
from app.store import Store
from sync.intake.channels.config import ImapSettings
from sync.intake.channels.imap import ImapLoginRefused, ImapPoller
from sync.intake.inbox import Inbound, Inbox
from tests.intake.channel_helpers import first_order, messages, wait_for, worker
from tests.intake.dovecot import Account, Dovecot, dovecot  # noqa: F401 (the fixture)


@pytest.fixture
def account(dovecot: Dovecot) -> Account:  # noqa: F811
    return dovecot.account()


def settings_for(account: Account, *, ssl: bool = False, interval_s: float = 60.0) -> ImapSettings:
    port = account.server.ssl_port if ssl else account.server.port
    return ImapSettings(
        host="127.0.0.1", user=account.user, port=port, ssl=ssl, interval_s=interval_s
    )


def mail(ident: str, text: str) -> bytes:
    return (
        f"From: stores@example.com\r\nSubject: Stores\r\nMessage-ID: <{ident}@example.com>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
    ).encode()


def stored(store: Store) -> list[str]:
    """The Message-IDs of the mails in the inbox, in the order they were stored."""
    with store.read() as session:
        return list(
            session.scalars(
                select(InboxMessage.external_id)
                .where(InboxMessage.channel == "email")
                .order_by(InboxMessage.id)
            )
        )


class _Broken(Inbox):
    """An inbox whose database is away: nothing can be stored."""

    def take(self, inbound: Inbound) -> int:
        raise OSError("database unavailable")


class _ServerGoesAway(Inbox):
    """Stores as usual, and stops the IMAP server right after its `after`-th mail."""

    def __init__(self, store: Store, clock: FixedClock, server: Dovecot, after: int) -> None:
        super().__init__(store, clock)
        self.server, self.after, self.taken = server, after, 0

    def take(self, inbound: Inbound) -> int:
        row = super().take(inbound)
        self.taken += 1
        if self.taken == self.after:
            self.server.stop()
        return row


def test_every_unseen_mail_becomes_one_draft_once_and_is_marked_seen(
    plant: Store, clock: FixedClock, account: Account
) -> None:
    number, item = first_order(plant)
    account.append(mail("read", f"{number} short of {item}, read already"), seen=True)
    account.append(*(mail(f"m{i}", f"{number} short of {item}, note {i}") for i in range(3)))
    inbox = Inbox(plant, clock)

    assert ImapPoller(inbox, settings_for(account), account.password).poll() == 3
    assert account.unseen() == set()
    assert stored(plant) == [f"m{i}@example.com" for i in range(3)]
    worker(plant, clock).process()
    drafts = {f"email:m{i}@example.com": MessageStatus.DRAFT for i in range(3)}
    assert {key: row.status for key, row in messages(plant).items()} == drafts
    counts = {"accepted": 3, "draft": 3}
    assert inbox.status()["channels"]["email"] == counts

    # The poll restarted (the server restarted): nothing fetched again, nothing refused.
    assert ImapPoller(Inbox(plant, clock), settings_for(account), account.password).poll() == 0
    assert inbox.status()["channels"]["email"] == counts

    # Someone marks one unread again: fetched, refused as a duplicate, seen again.
    account.set_unseen(2)
    assert ImapPoller(inbox, settings_for(account), account.password).poll() == 0
    assert account.unseen() == set()
    assert inbox.status()["channels"]["email"] == {**counts, "duplicate": 1}
    assert stored(plant) == [f"m{i}@example.com" for i in range(3)]


def test_a_mail_not_stored_stays_unseen_and_comes_next_time(
    plant: Store, clock: FixedClock, account: Account
) -> None:
    number, item = first_order(plant)
    account.append(mail("one", f"{number} short of {item}"), mail("two", f"{number} late"))

    with pytest.raises(OSError, match="database unavailable"):
        ImapPoller(_Broken(plant, clock), settings_for(account), account.password).poll()
    assert account.unseen() == {1, 2}  # fetched with BODY.PEEK, so not marked seen

    assert ImapPoller(Inbox(plant, clock), settings_for(account), account.password).poll() == 2
    assert stored(plant) == ["one@example.com", "two@example.com"]


def test_malformed_mail_is_refused_and_counted_and_the_poll_goes_on(
    plant: Store, clock: FixedClock, account: Account
) -> None:
    number, item = first_order(plant)
    # An address the email package trips over (AttributeError): first, so a poll it
    # stopped would take nothing. It is read without its sender.
    account.append(b"From: <a@[b>\r\nSubject: line 2\r\n\r\nstopped\r\n")
    account.append(mail("one", f"{number} short of {item}"))
    account.append(b"\r\n\r\n")  # not an email
    account.deliver(mail("two", f"{number} short of {item}, again"))  # as an MDA would
    inbox = Inbox(plant, clock)

    assert ImapPoller(inbox, settings_for(account), account.password).poll() == 3
    assert account.unseen() == set()
    ids = stored(plant)
    assert len(ids) == 3
    assert {"one@example.com", "two@example.com"} <= set(ids)
    assert inbox.status()["channels"]["email"] == {"accepted": 3, "malformed": 1}


def test_the_server_going_away_mid_poll_loses_nothing(
    plant: Store,
    clock: FixedClock,
    dovecot: Dovecot,  # noqa: F811
    account: Account,
) -> None:
    number, item = first_order(plant)
    account.append(*(mail(f"m{i}", f"{number} short of {item}, note {i}") for i in range(4)))
    inbox = _ServerGoesAway(plant, clock, dovecot, after=2)
    try:
        # The second mail is stored, then the server is gone before it is marked seen.
        with pytest.raises((OSError, imaplib.IMAP4.error)):
            ImapPoller(inbox, settings_for(account), account.password).poll()
        assert stored(plant) == ["m0@example.com", "m1@example.com"]
    finally:
        dovecot.start()
    assert account.unseen() == {2, 3, 4}

    assert ImapPoller(inbox, settings_for(account), account.password).poll() == 2
    assert account.unseen() == set()
    assert stored(plant) == [f"m{i}@example.com" for i in range(4)]
    assert inbox.status()["channels"]["email"] == {"accepted": 4, "duplicate": 1}


def test_a_wrong_password_names_the_settings_to_check(
    plant: Store, clock: FixedClock, account: Account, caplog: pytest.LogCaptureFixture
) -> None:
    account.append(mail("one", "kept for later"))
    poller = ImapPoller(Inbox(plant, clock), settings_for(account, interval_s=0.1), "wrong")
    with pytest.raises(ImapLoginRefused) as refused:
        poller.poll()
    text = str(refused.value)
    for named in (account.user, "[imap] user", "'intake-imap-password'", "TAKT_SECRET_"):
        assert named in text
    assert account.unseen() == {1}

    # Run as the server's job: the same sentence in its log, and the job goes on.
    with caplog.at_level(logging.ERROR, logger="sync.intake.channels.imap"):
        poller.start()
        try:
            wait_for("the refusal logged", lambda: "intake-imap-password" in caplog.text)
        finally:
            poller.stop()
    assert "Traceback" not in caplog.text


def test_the_server_job_polls_the_mailbox(
    plant: Store, clock: FixedClock, account: Account
) -> None:
    account.append(mail("one", "line 2 stopped"))
    poller = ImapPoller(
        Inbox(plant, clock), settings_for(account, interval_s=0.1), account.password
    )
    poller.start()
    try:
        wait_for("the mail stored", lambda: "one@example.com" in stored(plant))
        account.append(mail("two", "line 2 running again"))
        wait_for("the next mail stored", lambda: "two@example.com" in stored(plant))
    finally:
        poller.stop()
    assert account.unseen() == set()


def test_imaps_verifies_the_servers_certificate(
    plant: Store,
    clock: FixedClock,
    dovecot: Dovecot,  # noqa: F811
    account: Account,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    account.append(mail("one", "line 2 stopped"))
    inbox = Inbox(plant, clock)
    settings = settings_for(account, ssl=True)

    # A certificate no CA the machine trusts signed: the password is not sent.
    with pytest.raises(ssl.SSLCertVerificationError):
        ImapPoller(inbox, settings, account.password).poll()
    assert account.unseen() == {1}

    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.ca_file))  # the plant's own CA
    assert ImapPoller(inbox, settings, account.password).poll() == 1
    assert stored(plant) == ["one@example.com"]
