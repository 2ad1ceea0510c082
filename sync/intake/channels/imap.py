"""An optional IMAP mailbox poll (imaplib): unseen mail is fetched, stored in the inbox,
and only then marked seen, so a mail the server did not store is fetched again next
time. A mail the inbox refuses (unreadable, too large, already in) is marked seen too,
with its refusal counted: fetching it again would refuse it again.

The poll remembers nothing itself: the \\Seen flag on the server is what it has taken,
so a restarted Takt server fetches nothing twice, and a mail someone marks unread again
is refused as a duplicate (its Message-ID). A mail someone reads in the mailbox before
the poll comes is not taken: the mailbox is Takt's alone. With `ssl = true` the connection is
IMAPS (TLS from the start, no STARTTLS) and the server's certificate is verified against
the system's CAs (SSL_CERT_FILE in the server's environment names another bundle).
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import ssl
import threading
from collections.abc import Callable

from app.model.types import MessageChannel
from app.secrets import env_name
from sync.intake.channels.config import IMAP_PASSWORD, ImapSettings
from sync.intake.channels.mail import Mail, MailError, parse_mail
from sync.intake.inbox import Inbound, Inbox, Refused

log = logging.getLogger(__name__)

Connect = Callable[[ImapSettings], imaplib.IMAP4]


class ImapLoginRefused(imaplib.IMAP4.error):
    """The mailbox refused the user and password; the text names the settings to check."""


def connect(settings: ImapSettings) -> imaplib.IMAP4:
    if settings.ssl:
        # imaplib's own default context verifies nothing: the password would go to
        # whoever answers.
        context = ssl.create_default_context()
        return imaplib.IMAP4_SSL(settings.host, settings.port, ssl_context=context, timeout=30)
    return imaplib.IMAP4(settings.host, settings.port, timeout=30)


class ImapPoller:
    """Polls one mailbox folder every `interval_s` (a job of the server)."""

    def __init__(
        self,
        inbox: Inbox,
        settings: ImapSettings,
        password: str,
        *,
        max_bytes: int = 25 * 1024 * 1024,
        connect: Connect = connect,
    ) -> None:
        self.inbox = inbox
        self.settings = settings
        self._password = password
        self._max_bytes = max_bytes
        self._connect = connect
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="takt-imap", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def poll(self) -> int:
        """Fetch and store every unseen mail; how many were stored."""
        client = self._connect(self.settings)
        try:
            self._login(client)
            status, _ = client.select(self.settings.folder)
            if status != "OK":
                raise imaplib.IMAP4.error(f"cannot open folder {self.settings.folder!r}")
            status, found = client.uid("SEARCH", "UNSEEN")
            if status != "OK":
                raise imaplib.IMAP4.error("the server refused to search for unseen mail")
            stored = 0
            for uid in (found[0] or b"").split():
                if self._stop.is_set():
                    break
                if self._take(client, uid.decode()):
                    stored += 1
            return stored
        finally:
            try:
                client.logout()
            except (imaplib.IMAP4.error, OSError):
                # A connection the server dropped: logout() leaves its socket open.
                with contextlib.suppress(OSError):
                    client.shutdown()

    def _login(self, client: imaplib.IMAP4) -> None:
        try:
            client.login(self.settings.user, self._password)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as error:
            where = f"{self.settings.host}:{self.settings.port}"
            raise ImapLoginRefused(
                f"the IMAP server {where} refused the login of {self.settings.user!r} "
                f"({error}): check [imap] user in the intake file and the secret "
                f"{IMAP_PASSWORD!r} (keyring, or {env_name(IMAP_PASSWORD)})"
            ) from None

    def _take(self, client: imaplib.IMAP4, uid: str) -> bool:
        # BODY.PEEK: fetching does not mark it seen; storing it in the inbox does.
        status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
        raw = next((part[1] for part in data if isinstance(part, tuple) and len(part) > 1), None)
        if status != "OK" or not isinstance(raw, bytes):
            log.warning("IMAP: could not fetch mail %s", uid)
            return False
        stored = False
        mail = self._parsed(uid, raw)
        if mail is not None:
            try:
                self.inbox.take(
                    Inbound(
                        channel=MessageChannel.EMAIL,
                        external_id=mail.message_id,
                        text=mail.text,
                        sender=mail.sender,
                        subject=mail.subject,
                        attachments=mail.attachments,
                        sent_at=mail.sent_at,
                    )
                )
                stored = True
            except Refused:
                pass  # counted by the inbox
        client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
        return stored

    def _parsed(self, uid: str, raw: bytes) -> Mail | None:
        """The mail, or None with its refusal counted."""
        if len(raw) > self._max_bytes:
            self.inbox.refuse(MessageChannel.EMAIL.value, "oversized")
            return None
        try:
            return parse_mail(raw)
        except MailError:
            pass
        except (ValueError, LookupError, TypeError, AttributeError, IndexError):
            # The email package failing on a mail it cannot read: left unseen, the mail
            # would stop every poll at itself, and the mail after it would never come.
            log.warning("IMAP: mail %s unreadable", uid, exc_info=True)
        self.inbox.refuse(MessageChannel.EMAIL.value, "malformed")
        return None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                stored = self.poll()
                if stored:
                    log.info("IMAP: stored %d mails", stored)
            except ImapLoginRefused as error:  # a setting to fix, not a stack to read
                log.error("IMAP poll: %s", error)
            except Exception:  # a mailbox outage must not stop the server's jobs
                log.exception("IMAP poll of %s failed", self.settings.host)
            self._stop.wait(self.settings.interval_s)
