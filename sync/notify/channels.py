"""Ways out: email over SMTP and a JSON webhook. Each raises on failure; the dispatcher
catches, logs and reports, so a dead mail server never stops the floor."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Protocol

import requests

from sync.notify.messages import Message

log = logging.getLogger(__name__)


class Channel(Protocol):
    name: str

    def send(self, message: Message) -> None: ...


@dataclass
class SmtpChannel:
    host: str
    port: int
    sender: str
    addresses: Mapping[str, Sequence[str]]  # role -> email addresses
    timeout: float = 10.0
    starttls: bool = False
    username: str | None = None
    password: str | None = None  # from the keyring, never from a file
    name: str = "email"

    def send(self, message: Message) -> None:
        recipients = sorted({a for role in message.to_roles for a in self.addresses.get(role, ())})
        if not recipients:
            log.info("no email address for %s; %s not mailed", message.to_roles, message.key)
            return
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = ", ".join(recipients)
        mail["Subject"] = message.subject
        # A stable Message-ID lets mail systems drop a resent duplicate.
        mail["Message-ID"] = f"<{message.key}@takt>"
        mail["X-Takt-Exception"] = message.exception_id
        mail.set_content(message.body)
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.username and self.password:
                smtp.login(self.username, self.password)
            smtp.send_message(mail)


@dataclass
class WebhookChannel:
    url: str
    timeout: float = 5.0
    headers: dict[str, str] = field(default_factory=dict)
    name: str = "webhook"

    def send(self, message: Message) -> None:
        response = requests.post(
            self.url,
            json={
                "key": message.key,
                "subject": message.subject,
                "body": message.body,
                "to_roles": list(message.to_roles),
                "exception_id": message.exception_id,
                "severity": message.severity,
            },
            headers={"Idempotency-Key": message.key, **self.headers},
            timeout=self.timeout,
        )
        response.raise_for_status()
