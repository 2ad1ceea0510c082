"""One email, parsed with the standard library (policy=default): its Message-ID, sender,
subject, the text of its body (plain, or HTML made text), and its attachments listed.

Charsets are honoured as the message declares them (a part with an unknown or lying
charset is decoded with replacement characters, never refused). The body is kept
verbatim: quoted replies and signatures stay in it, and the understanding
(sync/intake/text.py) reads past them; an HTML body's quotes (<blockquote>) become
"> " lines so it reads past those too.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage, Message
from html.parser import HTMLParser

from app.events.payloads import AttachmentSpec


class MailError(ValueError):
    """A message that is not an email one can read (the text says why)."""


@dataclass(frozen=True)
class Mail:
    message_id: str  # without <>; a digest of the bytes when the mail has none
    sender: str | None
    subject: str | None
    text: str
    attachments: tuple[AttachmentSpec, ...]
    sent_at: datetime | None


_BLOCKS = frozenset(
    {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
)
_SKIPPED = frozenset({"script", "style", "head", "title"})
_SPACES = re.compile(r"[ \t\u00a0]+")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.quote = 0
        self.skip = 0

    def _newline(self) -> None:
        if self.lines[-1].strip():
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip += 1
        elif tag == "blockquote":
            self._newline()
            self.quote += 1
        elif tag in _BLOCKS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag == "blockquote":
            self._newline()
            self.quote = max(0, self.quote - 1)
        elif tag in _BLOCKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        for n, piece in enumerate(data.split("\n")):
            if n:
                self._newline()
            piece = _SPACES.sub(" ", piece)
            if not piece.strip():
                if self.lines[-1] and not self.lines[-1].endswith(" "):
                    self.lines[-1] += " "
                continue
            if not self.lines[-1]:
                self.lines[-1] = "> " * self.quote
                piece = piece.lstrip()
            self.lines[-1] += piece


def html_text(html: str) -> str:
    """An HTML body as the text a reader sees: blocks on lines, quotes as "> " lines."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "\n".join(line.rstrip() for line in parser.lines).strip()


def _decoded(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "us-ascii"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know: read what can be read
        return payload.decode("utf-8", errors="replace")


def _body(mail: EmailMessage) -> str:
    try:
        part = mail.get_body(preferencelist=("plain", "html"))
    except (KeyError, LookupError):
        part = None
    if part is None:
        return ""
    text = _decoded(part)
    if part.get_content_type() == "text/html":
        text = html_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _attachments(mail: EmailMessage) -> tuple[AttachmentSpec, ...]:
    found = []
    for part in mail.iter_attachments():
        payload = part.get_payload(decode=True)
        name = part.get_filename() or "(unnamed)"
        found.append(
            AttachmentSpec(
                name=_printable(name, 200),
                type=_printable(part.get_content_type(), 100),
                size=len(payload) if isinstance(payload, bytes) else 0,
            )
        )
    return tuple(found[:50])


def _printable(text: str, limit: int) -> str:
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _header(mail: EmailMessage, name: str) -> str | None:
    try:
        value = mail.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):  # a header the policy cannot parse
        return None
    return str(value).strip() if value is not None and str(value).strip() else None


def message_id_of(raw: bytes) -> str:
    """The mail's Message-ID (headers only read), or a digest of its bytes."""
    headers = email.message_from_bytes(raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0])
    found = headers.get("Message-ID")
    ident = str(found).strip().strip("<>").strip() if found else ""
    if not ident or len(ident) > 250:
        return "sha256-" + hashlib.sha256(raw).hexdigest()
    return _printable(ident, 250)


def parse_mail(raw: bytes) -> Mail:
    """Read one email's bytes; raise MailError if nothing readable is in it."""
    if not raw.strip():
        raise MailError("the message is empty")
    try:
        mail = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as error:  # the parser is lenient; what escapes it is not mail
        raise MailError(f"not an email: {error}") from None
    if not isinstance(mail, EmailMessage) or not mail.keys():
        raise MailError("not an email: no headers")
    subject = _header(mail, "Subject")
    text = _body(mail)
    if not text and not subject:
        raise MailError("the email has neither a subject nor a text body")
    sender = _header(mail, "From")
    sent_at = None
    date = _header(mail, "Date")
    if date:
        try:
            sent_at = email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError):
            sent_at = None
        if sent_at is not None and sent_at.tzinfo is None:
            sent_at = None
    return Mail(
        message_id=message_id_of(raw),
        sender=_printable(sender, 200) if sender else None,
        subject=_printable(subject, 300) if subject else None,
        text=text,
        attachments=_attachments(mail),
        sent_at=sent_at,
    )
