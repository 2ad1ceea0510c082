"""Chat webhooks: WhatsApp Business Cloud API, Microsoft Teams outgoing webhooks, the
Slack Events API, and a plain JSON endpoint for anything else.

Each platform's signature is checked over the raw body before anything is parsed:
WhatsApp `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>`; Teams
`Authorization: HMAC <base64 HMAC-SHA256(base64-decoded security token, body)>`; Slack
`X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:{timestamp}:{body}")>` with
`X-Slack-Request-Timestamp` within five minutes. The JSON endpoint takes a terminal's
token. Refusals say why and are counted (sync/intake/inbox.py); a message the inbox
already holds (a platform's retry) is answered 200 so the platform stops retrying.

What a platform sends that is no message to read is answered 200 too (a platform
retries anything else) and counted as skipped with what it was: WhatsApp's stickers,
reactions, locations, voice notes and media without a caption (a caption is the
message's text), its delivery receipts (`statuses`); Slack's bot messages, edits,
deletions, joins and other events; Teams' activities that are not messages, and
messages with nothing but the @mention. A Slack message is taken in once by its channel
and `ts`, so the `app_mention` and the `message` event of one message (an app
subscribed to both) make one message, the second counted as a duplicate.

A body over MAX_WEBHOOK_BYTES is refused by the server's body limit before it is read
(sync/server/guard.py); `intake_paths` tells it which paths are whose, so it is counted
as oversized for its channel.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from app.clock import Clock
from app.model.types import MessageChannel
from sync.intake.channels.config import IntakeSettings
from sync.intake.inbox import WHATSAPP_WITHOUT_TEXT, Inbound, Inbox, Refused

log = logging.getLogger(__name__)

PREFIX = "/v1/intake"
MAX_WEBHOOK_BYTES = 512 * 1024  # a chat message with its envelope is a few kilobytes
SLACK_TOLERANCE_S = 5 * 60
_TAGS = re.compile(r"<[^>]+>")
_MENTION = re.compile(r"<at>[^<]*</at>", re.IGNORECASE)
# Slack's markup (https://api.slack.com/reference/surfaces/formatting): <@U123> and
# <!here> say who is meant, <#C123|name> a channel, <https://x|label> a link.
_SLACK_PEOPLE = re.compile(r"<[@!][^>]*>")
_SLACK_CHANNEL = re.compile(r"<#[^|>]*\|([^>]*)>")
_SLACK_LINK = re.compile(r"<([^|>]+)(?:\|([^>]*))?>")
# A Cloud API message's type: the ones with a caption, and those that carry no text.
_CAPTIONED = frozenset({"image", "video", "document"})
_WHATSAPP_SKIPPED = frozenset(WHATSAPP_WITHOUT_TEXT)
# Slack message subtypes that are a person writing (a file with its comment, a thread
# reply sent to the channel too, /me); the others are the channel's own notices.
_SLACK_WRITTEN = frozenset({None, "file_share", "thread_broadcast", "me_message"})
_SLACK_SKIPPED_SUBTYPES = {
    "bot_message": "bot",
    "message_changed": "edited",
    "message_deleted": "deleted",
}


@dataclass(frozen=True)
class Skipped:
    """Something a platform delivered that is no message to take in: `reason` (one of
    inbox.SKIPPED) says what it was."""

    reason: str


Found = Inbound | Skipped
SKIPPED_OUTCOME = "skipped: "  # in an answer's list of outcomes, before what it was


def _reason(outcome: str) -> str:
    return outcome.removeprefix(SKIPPED_OUTCOME)


def intake_paths(settings: IntakeSettings) -> dict[str, str]:
    """The webhook paths the settings turn on, each with the channel it counts under."""
    hooks = settings.webhooks
    turned_on = {
        "whatsapp": hooks.whatsapp,
        "teams": hooks.teams,
        "slack": hooks.slack,
        "messages": hooks.json,
    }
    channel = {"messages": MessageChannel.CHAT.value}
    return {f"{PREFIX}/{name}": channel.get(name, name) for name, on in turned_on.items() if on}


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


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    """`data[key]` when it is an object; {} when it is absent (or null)."""
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{key}: not an object")
    return value


def _objects(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """`data[key]` when it is a list of objects; [] when it is absent (or null)."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{key}: not a list of objects")
    return value


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


def whatsapp_messages(data: dict[str, Any]) -> list[Found]:
    """What a Cloud API notification carries (entry[].changes[].value): each message of
    `messages` with its text (a text's body, a medium's caption), or Skipped with its
    type when it has none; each receipt of `statuses` Skipped as a status update; a
    change with neither (an account or template update) Skipped as not a message."""
    found: list[Found] = []
    for entry in _objects(data, "entry"):
        for change in _objects(entry, "changes"):
            value = _object(change, "value")
            names = {
                c["wa_id"]: _object(c, "profile").get("name")
                for c in _objects(value, "contacts")
                if isinstance(c.get("wa_id"), str)
            }
            messages, statuses = _objects(value, "messages"), _objects(value, "statuses")
            found += [Skipped("status_update") for _ in statuses]
            if not messages and not statuses:
                found.append(Skipped("not_a_message"))
            for message in messages:
                found.append(_whatsapp_message(message, names))
    return found


def _whatsapp_message(message: dict[str, Any], names: dict[str, Any]) -> Found:
    if not _text(message.get("id")):
        raise ValueError("a message without its id")
    kind = message.get("type")
    kind = kind if isinstance(kind, str) else None
    if kind == "text":
        text = _text(_object(message, "text").get("body"))
        if text is None:
            return Skipped("no_text")
    elif kind in _CAPTIONED and (text := _text(_object(message, kind).get("caption"))):
        pass  # a photo of the broken part, "WO 10452 stopped": the caption is the message
    else:
        return Skipped(kind if kind in _WHATSAPP_SKIPPED else "unsupported")
    sender = message.get("from")
    sender = sender if isinstance(sender, str) else "?"
    name = names.get(sender)
    return Inbound(
        channel=MessageChannel.WHATSAPP,
        external_id=message["id"],
        text=text,
        sender=f"{name} (+{sender})" if isinstance(name, str) and name else f"+{sender}",
        sent_at=_moment(message.get("timestamp")),
    )


def teams_message(data: dict[str, Any]) -> Found:
    """A Teams outgoing webhook's activity: its text without the @mention and markup;
    Skipped for an activity that is not a message, or a message of nothing but that."""
    if data.get("type") != "message":
        return Skipped("not_a_message")
    ident = _text(data.get("id"))
    if not ident:
        raise ValueError("a Teams message activity without its id")
    text = data.get("text")
    if not isinstance(text, str):
        return Skipped("no_text")  # an image or a card alone
    plain = unescape(_TAGS.sub(" ", _MENTION.sub("", text.replace("<br>", "\n"))))
    plain = re.sub(r"[ \t]+", " ", plain).strip()
    if not plain:
        return Skipped("no_text")
    sender = _object(data, "from").get("name")
    return Inbound(
        channel=MessageChannel.TEAMS,
        external_id=ident,
        text=plain,
        sender=sender if isinstance(sender, str) else None,
    )


def slack_message(data: dict[str, Any]) -> Found:
    """A Slack event_callback's message (or app_mention) event; Skipped for what is not a
    person's message (bots, edits, deletions, joins, other events) or has no text."""
    event = data.get("event")
    if not isinstance(event, dict) or not _text(data.get("event_id")):
        raise ValueError("an event_callback without its event or event_id")
    kind, subtype = event.get("type"), event.get("subtype")
    if kind not in ("message", "app_mention"):
        return Skipped("not_a_message")
    if event.get("bot_id") or subtype == "bot_message":
        return Skipped("bot")
    if isinstance(subtype, str) and subtype in _SLACK_SKIPPED_SUBTYPES:
        return Skipped(_SLACK_SKIPPED_SUBTYPES[subtype])
    if not (subtype is None or isinstance(subtype, str)) or subtype not in _SLACK_WRITTEN:
        return Skipped("not_a_message")  # joined, left, set the topic...
    text = event.get("text")
    plain = slack_plain(text) if isinstance(text, str) else ""
    if not plain:
        return Skipped("no_text")
    channel, ts = event.get("channel"), event.get("ts")
    # One message is one channel's `ts`: its app_mention and message events, and
    # Slack's retries of either, are taken in once.
    ident = f"{channel}:{ts}" if _text(channel) and _text(ts) else data["event_id"]
    user = event.get("user")
    return Inbound(
        channel=MessageChannel.SLACK,
        external_id=ident,
        text=plain,
        sender=user if isinstance(user, str) else None,
        sent_at=_moment(ts),
    )


def slack_plain(text: str) -> str:
    """Slack's text as a person reads it: mentions gone, channels and links by name,
    its three escapes undone."""
    text = _SLACK_PEOPLE.sub("", text)
    text = _SLACK_CHANNEL.sub(lambda m: "#" + m.group(1), text)
    text = _SLACK_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]+", " ", text).strip()


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
    router = APIRouter(prefix=PREFIX, tags=["intake"])
    hooks, secrets = settings.webhooks, settings.secrets

    async def take(parse: Callable[[], list[Found]], channel: str) -> list[str]:
        """Count what is skipped, store each message; the outcome of each (taken,
        duplicate, skipped: what it was)."""
        try:
            found = parse()
        except ValueError as error:
            raise await run_in_threadpool(
                _refused, inbox, channel, "malformed", str(error)[:300], 400
            ) from None
        except (TypeError, AttributeError, KeyError) as error:  # a shape not foreseen
            log.warning("%s webhook: unreadable payload (%r)", channel, error)
            raise await run_in_threadpool(
                _refused, inbox, channel, "malformed", "the payload has an unexpected shape", 400
            ) from None
        skipped = Counter(f.reason for f in found if isinstance(f, Skipped))
        if skipped:
            await run_in_threadpool(inbox.skip, channel, skipped)
        messages = sum(isinstance(f, Inbound) for f in found)
        outcomes = []
        for item in found:
            if isinstance(item, Skipped):
                outcomes.append(SKIPPED_OUTCOME + item.reason)
                continue
            try:
                await run_in_threadpool(inbox.take, item)
                outcomes.append("taken")
            except Refused as refused:
                if refused.reason != "duplicate" or messages == 1:
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
                outcomes = await take(lambda: [teams_message(data)], "teams")
            except Refused as refused:
                if refused.reason != "duplicate":
                    return _answer(refused)
                return JSONResponse({"type": "message", "text": "Takt already has this message."})
            if outcomes == [SKIPPED_OUTCOME + "no_text"]:
                return JSONResponse(
                    {
                        "type": "message",
                        "text": "Takt reads text only: write the message after the @mention.",
                    }
                )
            if outcomes != ["taken"]:
                return JSONResponse({"status": "ignored", "reason": "not_a_message"})
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
                outcomes = await take(lambda: [_slack_callback(data)], "slack")
            except Refused as refused:
                return _answer(refused)
            if outcomes != ["taken"]:
                # A bot's message, an edit, another event: Slack wants only a 200.
                return JSONResponse({"status": "ignored", "reason": _reason(outcomes[0])})
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


def _slack_callback(data: dict[str, Any]) -> Found:
    """An Events API request that is not the URL handshake: an event_callback's event;
    Slack's notice that it dropped events (logged: messages were lost); anything else."""
    kind = data.get("type")
    if kind == "event_callback":
        return slack_message(data)
    if kind == "app_rate_limited":
        log.warning(
            "Slack dropped events over its rate limit (minute %s)", data.get("minute_rate_limited")
        )
        return Skipped("rate_limited")
    return Skipped("not_a_message")
