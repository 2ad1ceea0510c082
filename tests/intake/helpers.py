"""Building messages and drafts in tests."""

from __future__ import annotations

from datetime import datetime

from sync.intake import Draft, Message, ReferenceIndex, understand


def message(
    text: str,
    *,
    at: str = "2026-11-23T09:00:00+01:00",
    subject: str | None = None,
    channel: str = "teams",
    lang: str | None = None,
    ident: str = "t1",
) -> Message:
    return Message(ident, channel, datetime.fromisoformat(at), text, subject, lang)


def draft(reference: ReferenceIndex, text: str, **kwargs: str) -> Draft:
    return understand(message(text, **kwargs), reference)
