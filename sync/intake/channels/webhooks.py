"""Chat webhooks: WhatsApp Business Cloud API, Microsoft Teams outgoing webhooks, the
Slack Events API, and a plain JSON endpoint for anything else.

Each platform's signature is checked over the raw body before anything is parsed:
WhatsApp `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>`; Teams
`Authorization: HMAC <base64 HMAC-SHA256(base64-decoded security token, body)>`; Slack
`X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:{timestamp}:{body}")>` with
`X-Slack-Request-Timestamp` within five minutes. The JSON endpoint takes a terminal's
token. Refusals say why and are counted (sync/intake/inbox.py); a message the inbox
already holds (a platform's retry) is answered 200 so the platform stops retrying.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from html import unescape
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from app.clock import Clock
from app.model.types import MessageChannel
from sync.intake.channels.config import IntakeSettings
from sync.intake.inbox import Inbound, Inbox, Refused

log = logging.getLogger(__name__)

MAX_WEBHOOK_BYTES = 512 * 1024  # a chat message with its envelope is a few kilobytes
SLACK_TOLERANCE_S = 5 * 60
_TAGS = re.compile(r"<[^>]+>")
_MENTION = re.compile(r"<at>[^<]*</at>", re.IGNORECASE)


def _refused(inbox: Inbox, channel: str, reason: str, detail: str, status: int) -> Refused:
    inbox.refuse(channel, reason)
    return Refused(reason, detail, status)


def _answer(refused: Refused) -> JSONResponse:
    if refused.reason == "duplicate":
        return JSONResponse({"status": "duplicate", "detail": refused.detail}, status_code=200)
    return JSONResponse(
        {"status": "refused", "reason": refused.reason, "detail": refused.detail},
        status_code=refused.status,
    )


async def _body(request: Request, inbox: Inbox, channel: str) -> bytes:
    body = await request.body()
    if len(body) > MAX_WEBHOOK_BYTES:
        raise await run_in_threadpool(
            _refused,
            inbox,
            channel,
            "oversized",
            f"the body is larger than {MAX_WEBHOOK_BYTES:,} bytes",
            413,
        )
    return body


def _json(body: bytes, inbox: Inbox, channel: str) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise _refused(inbox, channel, "malformed", "the body is not JSON", 400) from None
    if not isinstance(data, dict):
        raise _refused(inbox, channel, "malformed", "the body is not a JSON object", 400)
    return data


def _moment(seconds: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(seconds), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


# --- signatures -----------------------------------------------------------------------


def whatsapp_signature(secret: bytes, body: bytes) -> str:
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def teams_signature(key: bytes, body: bytes) -> str:
    return "HMAC " + base64.b64encode(hmac.new(key, body, hashlib.sha256).digest()).decode()


def slack_signature(secret: bytes, timestamp: str, body: bytes) -> str:
    signed = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret, signed, hashlib.sha256).hexdigest()


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


# --- payloads -------------------------------------------------------------------------


def whatsapp_messages(data: dict[str, Any]) -> list[Inbound]:
    """The messages of a Cloud API notification (entry[].changes[].value.messages[]);
    status updates carry none. A message without text (a sticker) has no Inbound."""
    found = []
    for entry in data.get("entry") or []:
        for change in (entry or {}).get("changes") or []:
            value = (change or {}).get("value") or {}
            names = {
                c.get("wa_id"): (c.get("profile") or {}).get("name")
                for c in value.get("contacts") or []
                if isinstance(c, dict)
            }
            for message in value.get("messages") or []:
                if not isinstance(message, dict) or not _text(message.get("id")):
                    raise ValueError("a message without its id")
                kind = message.get("type")
                body = (message.get("text") or {}).get("body") if kind == "text" else None
                if body is None and isinstance(message.get(kind), dict):
                    body = message[kind].get("caption")  # image, video, document
                text = _text(body)
                if text is None:
                    continue
                sender = message.get("from")
                name = names.get(sender)
                found.append(
                    Inbound(
                        channel=MessageChannel.WHATSAPP,
                        external_id=message["id"],
                        text=text,
                        sender=f"{name} (+{sender})" if name else f"+{sender}",
                        sent_at=_moment(message.get("timestamp")),
                    )
                )
    return found


def teams_message(data: dict[str, Any]) -> Inbound:
    """A Teams outgoing webhook's activity: its text without the @mention and markup."""
    ident = _text(data.get("id"))
    text = data.get("text")
    if data.get("type") != "message" or not ident or not isinstance(text, str):
        raise ValueError("not a Teams message activity (type, id and text)")
    plain = unescape(_TAGS.sub(" ", _MENTION.sub("", text.replace("<br>", "\n"))))
    sender = (data.get("from") or {}).get("name")
    return Inbound(
        channel=MessageChannel.TEAMS,
        external_id=ident,
        text=re.sub(r"[ \t]+", " ", plain).strip(),
        sender=sender if isinstance(sender, str) else None,
    )


def slack_message(data: dict[str, Any]) -> Inbound | None:
    """A Slack event_callback's message event; None for what is not a person's message
    (bots, edits, deletions, joins)."""
    event = data.get("event")
    ident = _text(data.get("event_id"))
    if not isinstance(event, dict) or not ident:
        raise ValueError("an event_callback without its event or event_id")
    if event.get("type") != "message" or event.get("bot_id") or event.get("subtype"):
        return None
    text = event.get("text")
    if not isinstance(text, str):
        raise ValueError("a message event without text")
    return Inbound(
        channel=MessageChannel.SLACK,
        external_id=ident,  # Slack's retries of one event carry the same event_id
        text=text,
        sender=event.get("user") if isinstance(event.get("user"), str) else None,
        sent_at=_moment(event.get("ts")),
    )


def json_message(data: dict[str, Any]) -> Inbound:
    ident = data.get("id")
    text = data.get("text")
    if not isinstance(ident, str) or not ident.strip():
        raise ValueError("id: the message's own id (a string), used to take it in once")
    if not isinstance(text, str):
        raise ValueError("text: the message's text (a string)")
    subject, sender = data.get("subject"), data.get("sender")
    if subject is not None and not isinstance(subject, str):
        raise ValueError("subject: a string, if given")
    if sender is not None and not isinstance(sender, str):
        raise ValueError("sender: a string, if given")
    return Inbound(
        channel=MessageChannel.CHAT, external_id=ident, text=text, subject=subject, sender=sender
    )


# --- routes -----------------------------------------------------------------------------


def intake_router(
    inbox: Inbox,
    settings: IntakeSettings,
    clock: Clock,
    terminal: Callable[..., str],
) -> APIRouter:
    """The webhook routes the settings turn on, under /v1/intake."""
    router = APIRouter(prefix="/v1/intake", tags=["intake"])
    hooks, secrets = settings.webhooks, settings.secrets

    async def take(parse: Callable[[], list[Inbound]], channel: str) -> list[str]:
        """Store each message; the outcome of each (taken, duplicate)."""
        try:
            found = parse()
        except ValueError as error:
            raise await run_in_threadpool(
                _refused, inbox, channel, "malformed", str(error)[:300], 400
            ) from None
        outcomes = []
        for inbound in found:
            try:
                await run_in_threadpool(inbox.take, inbound)
                outcomes.append("taken")
            except Refused as refused:
                if refused.reason != "duplicate" or len(found) == 1:
                    raise
                outcomes.append("duplicate")
        return outcomes

    if hooks.whatsapp:
        app_secret = secrets.whatsapp_app_secret or b""
        verify_token = secrets.whatsapp_verify_token or ""

        @router.get("/whatsapp", response_class=PlainTextResponse)
        def whatsapp_verify(
            mode: Annotated[str | None, Query(alias="hub.mode")] = None,
            token: Annotated[str | None, Query(alias="hub.verify_token")] = None,
            challenge: Annotated[str | None, Query(alias="hub.challenge")] = None,
        ) -> Response:
            """Meta's subscription handshake: echo hub.challenge to the right token."""
            if mode != "subscribe" or not _same(token, verify_token) or challenge is None:
                inbox.refuse("whatsapp", "wrongly_signed")
                raise HTTPException(403, "the verify token does not match")
            return PlainTextResponse(challenge)

        @router.post("/whatsapp")
        async def whatsapp(request: Request) -> Response:
            try:
                body = await _body(request, inbox, "whatsapp")
                signature = request.headers.get("x-hub-signature-256")
                if not _same(signature, whatsapp_signature(app_secret, body)):
                    raise await run_in_threadpool(
                        _refused,
                        inbox,
                        "whatsapp",
                        "wrongly_signed",
                        "X-Hub-Signature-256 does not match the body",
                        401,
                    )
                data = await run_in_threadpool(_json, body, inbox, "whatsapp")
                outcomes = await take(lambda: whatsapp_messages(data), "whatsapp")
            except Refused as refused:
                return _answer(refused)
            return JSONResponse({"status": "ok", "messages": outcomes})

    if hooks.teams:
        teams_key = secrets.teams_key or b""

        @router.post("/teams")
        async def teams(request: Request) -> Response:
            """Teams shows the answer in the channel: it says what became of the message."""
            try:
                body = await _body(request, inbox, "teams")
                if not _same(
                    request.headers.get("authorization"), teams_signature(teams_key, body)
                ):
                    raise await run_in_threadpool(
                        _refused,
                        inbox,
                        "teams",
                        "wrongly_signed",
                        "the HMAC in Authorization does not match the body",
                        401,
                    )
                data = await run_in_threadpool(_json, body, inbox, "teams")
                await take(lambda: [teams_message(data)], "teams")
            except Refused as refused:
                if refused.reason != "duplicate":
                    return _answer(refused)
                return JSONResponse({"type": "message", "text": "Takt already has this message."})
            return JSONResponse(
                {"type": "message", "text": "Takt took this message in; it becomes a draft."}
            )

    if hooks.slack:
        slack_secret = secrets.slack_signing_secret or b""

        @router.post("/slack")
        async def slack(request: Request) -> Response:
            try:
                body = await _body(request, inbox, "slack")
                stamp = request.headers.get("x-slack-request-timestamp") or ""
                moment = _moment(stamp) if stamp.isdigit() else None
                if moment is None or abs((clock.now() - moment).total_seconds()) > (
                    SLACK_TOLERANCE_S
                ):
                    raise await run_in_threadpool(
                        _refused,
                        inbox,
                        "slack",
                        "stale",
                        "X-Slack-Request-Timestamp is missing or more than 5 minutes off",
                        401,
                    )
                signature = request.headers.get("x-slack-signature")
                if not _same(signature, slack_signature(slack_secret, stamp, body)):
                    raise await run_in_threadpool(
                        _refused,
                        inbox,
                        "slack",
                        "wrongly_signed",
                        "X-Slack-Signature does not match the body",
                        401,
                    )
                data = await run_in_threadpool(_json, body, inbox, "slack")
                if data.get("type") == "url_verification":
                    return JSONResponse({"challenge": str(data.get("challenge", ""))})
                if data.get("type") != "event_callback":
                    return JSONResponse({"status": "ignored"})
                message: list[Inbound | None] = []

                def parse() -> list[Inbound]:
                    message.append(slack_message(data))
                    return [m for m in message if m is not None]

                outcomes = await take(parse, "slack")
            except Refused as refused:
                return _answer(refused)
            if not outcomes:
                return JSONResponse({"status": "ignored"})  # a bot's message, an edit
            return JSONResponse({"status": "ok"})

    if hooks.json:

        @router.post("/messages")
        # A default, not Annotated: `terminal` is this function's argument, which a
        # postponed annotation (a string) could not name.
        async def plain(request: Request, _: str = Depends(terminal)) -> Response:
            """Any other source: {"id", "text", "subject"?, "sender"?} with a terminal's token."""
            try:
                body = await _body(request, inbox, "chat")
                data = await run_in_threadpool(_json, body, inbox, "chat")
                await take(lambda: [json_message(data)], "chat")
            except Refused as refused:
                return _answer(refused)
            return JSONResponse({"status": "ok"}, status_code=202)

    return router
