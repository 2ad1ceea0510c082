"""The inbound SMTP listener a plant's mail system forwards to (aiosmtpd).

Each mail is parsed (sync/intake/channels/mail.py) and stored in the inbox before the
listener answers 250, so a mail the listener accepted is never lost; the worker
understands it later. A mail is refused with an SMTP code that says why: 552 too large
(aiosmtpd's own size limit, counted here too), 550 unreadable; a mail already taken in
(the same Message-ID) is answered 250 so its sender stops retrying, and counted as a
duplicate. Anything unexpected answers 451 (try later): nothing stops the listener.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, AnyStr

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from app.model.types import MessageChannel
from sync.intake.channels.mail import MailError, parse_mail
from sync.intake.inbox import Inbound, Inbox, Refused

log = logging.getLogger(__name__)

MAX_MAIL_BYTES = 25 * 1024 * 1024  # what common mail systems send at most
EMAIL = MessageChannel.EMAIL.value


class IntakeHandler:
    """aiosmtpd's handler: DATA stores the mail in the inbox."""

    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        try:
            return await asyncio.to_thread(self._take, raw, envelope.mail_from)
        except Exception:  # a database outage: the sender's mail system retries later
            log.exception("could not store a mail")
            return "451 4.3.0 Mail not stored now; try again later"

    def _take(self, raw: bytes, mail_from: str | None) -> str:
        try:
            mail = parse_mail(raw)
        except MailError as error:
            self.inbox.refuse(EMAIL, "malformed")
            return f"550 5.6.0 Not taken: {error}"
        try:
            self.inbox.take(
                Inbound(
                    channel=MessageChannel.EMAIL,
                    external_id=mail.message_id,
                    text=mail.text,
                    sender=mail.sender or mail_from,
                    subject=mail.subject,
                    attachments=mail.attachments,
                    sent_at=mail.sent_at,
                )
            )
        except Refused as refused:
            if refused.reason == "duplicate":
                return "250 2.0.0 Already taken in"
            code = "552 5.3.4" if refused.reason == "oversized" else "550 5.6.0"
            return f"{code} Not taken: {refused.detail}"
        return "250 2.0.0 Taken in"


class _CountingSMTP(SMTP):
    """aiosmtpd's SMTP, counting the mails its size limit refuses."""

    def __init__(self, handler: IntakeHandler, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self._inbox = handler.inbox

    async def push(self, status: AnyStr) -> None:
        if isinstance(status, str) and status.startswith("552 Error"):  # too much mail data
            try:
                await asyncio.to_thread(self._inbox.refuse, EMAIL, "oversized")
            except Exception:
                log.exception("could not count a refused mail")
        await super().push(status)


class SmtpListener(Controller):
    """The listener on `host`:`port`, a job of the server (start / stop)."""

    def __init__(
        self, inbox: Inbox, host: str, port: int, *, max_bytes: int = MAX_MAIL_BYTES
    ) -> None:
        super().__init__(
            IntakeHandler(inbox),
            hostname=host,
            port=port,
            data_size_limit=max_bytes,
            server_hostname="takt-intake",
            ready_timeout=10.0,
        )

    def factory(self) -> SMTP:
        return _CountingSMTP(self.handler, **self.SMTP_kwargs)

    def start(self) -> None:
        super().start()
        log.info("taking mail in on %s:%s", self.hostname, self.port)
