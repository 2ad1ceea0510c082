"""Chat webhooks against a real server on 127.0.0.1 (issue 16): WhatsApp's handshake and
signed notifications, Teams' HMAC, Slack's signature and timestamp, the plain JSON
endpoint with a terminal's token; wrong signatures, stale timestamps, malformed and
oversized bodies are refused with their reason and counted; a platform's retry is taken
once; what is taken in becomes a draft the terminals get by the ordinary sync. What is no
message (a sticker, a receipt, a bot's post, an edit) is acknowledged and counted as
skipped with what it was; a body over the webhooks' limit is refused before it is read
and counted as oversized for its channel."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from app.clock import FixedClock
from app.model import EventRecord, IntakeMessage, ShopException
from app.model.types import Channel, MessageChannel, MessageStatus
from sync.intake.channels.config import IntakeSettings
from sync.intake.channels.webhooks import (
    MAX_WEBHOOK_BYTES,
    slack_signature,
    teams_signature,
    whatsapp_signature,
)
from sync.intake.understood import intake_service
from tests.intake.channel_helpers import (
    ALL_WEBHOOKS,
    SECRETS,
    first_order,
    intake_plant,
    messages,
    server_template,  # noqa: F401 (a fixture)
    wait_for,
)
from tests.sync.plant import Plant
from tests.sync.test_http_limits import raw_exchange

SETTINGS = IntakeSettings(webhooks=ALL_WEBHOOKS, secrets=SECRETS)


@pytest.fixture
def plant(tmp_path: Path, server_template: Path, clock: FixedClock) -> Iterator[Plant]:  # noqa: F811
    with intake_plant(tmp_path, server_template, clock, SETTINGS) as p:
        yield p


def server_messages(plant: Plant) -> dict[str, IntakeMessage]:
    assert plant.server_store is not None
    return messages(plant.server_store)


def status(plant: Plant, token: str) -> dict[str, Any]:
    answer = requests.get(
        f"{plant.url}/v1/intake/status", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def whatsapp_body(wamid: str, text: str) -> bytes:
    """A notification as the Cloud API's webhook reference documents it."""
    return json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": "102290129340398",
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {
                                    "display_phone_number": "15550783881",
                                    "phone_number_id": "106540352242922",
                                },
                                "contacts": [
                                    {"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}
                                ],
                                "messages": [
                                    {
                                        "from": "16505551234",
                                        "id": wamid,
                                        "timestamp": "1749416383",
                                        "type": "text",
                                        "text": {"body": text},
                                    }
                                ],
                            },
                        }
                    ],
                }
            ],
        }
    ).encode()


def post_whatsapp(plant: Plant, body: bytes, signature: str | None = None) -> requests.Response:
    assert SECRETS.whatsapp_app_secret is not None
    return requests.post(
        f"{plant.url}/v1/intake/whatsapp",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Hub-Signature-256": signature
            or whatsapp_signature(SECRETS.whatsapp_app_secret, body),
        },
        timeout=10,
    )


def test_whatsapp_handshake_signed_messages_and_retries(plant: Plant) -> None:
    kiosk = plant.terminal("kiosk")
    token = kiosk.engine.transport.token or ""
    handshake = requests.get(
        f"{plant.url}/v1/intake/whatsapp",
        params={"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158"},
        timeout=10,
    )
    assert (handshake.status_code, handshake.text) == (200, "1158")
    wrong = requests.get(
        f"{plant.url}/v1/intake/whatsapp",
        params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"},
        timeout=10,
    )
    assert wrong.status_code == 403

    number, item = first_order(plant.server_store)  # type: ignore[arg-type]
    body = whatsapp_body(
        "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
        f"{number} short of {item}, 30 pcs",
    )
    assert post_whatsapp(plant, body).json() == {"status": "ok", "messages": ["taken"]}
    again = post_whatsapp(plant, body)  # Meta retries what it thinks was not answered
    assert (again.status_code, again.json()["status"]) == (200, "duplicate")
    bad = post_whatsapp(plant, body.replace(b"30 pcs", b"3000 pcs"), "sha256=" + "0" * 64)
    assert bad.status_code == 401
    assert bad.json()["reason"] == "wrongly_signed"
    statuses = json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [{"changes": [{"value": {"statuses": [{}]}}]}],
        }
    ).encode()
    receipt = post_whatsapp(plant, statuses)  # acknowledged: Meta would send it again
    assert receipt.json() == {"status": "ok", "messages": ["skipped: status_update"]}

    wamid_id = "whatsapp:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="
    found = wait_for("the draft", lambda: server_messages(plant).get(wamid_id))
    assert found.status is MessageStatus.DRAFT
    assert found.channel is MessageChannel.WHATSAPP
    assert found.sender == "Sheena Nelson (+16505551234)"
    counts = status(plant, token)["channels"]["whatsapp"]
    assert counts["accepted"] == 1
    assert counts["duplicate"] == 1
    assert counts["wrongly_signed"] == 2  # the handshake's wrong token, the forged POST
    assert counts["skipped_status_update"] == 1  # not a refusal: a receipt, not a message


def test_teams_answers_in_the_channel_and_refuses_a_wrong_hmac(plant: Plant) -> None:
    assert SECRETS.teams_key is not None
    number, _ = first_order(plant.server_store)  # type: ignore[arg-type]
    body = json.dumps(
        {
            "type": "message",
            "id": "1485983408511",
            "timestamp": "2026-11-23T08:30:00.000Z",
            "text": f"<at>Takt</at> machine WC-001 is down since 9:00, {number} waiting",
            "from": {"id": "29:1...", "name": "Larry Jin"},
            "channelData": {"teamsChannelId": "19:abc", "teamsTeamId": "19:def"},
        }
    ).encode()
    answer = requests.post(
        f"{plant.url}/v1/intake/teams",
        data=body,
        headers={"Authorization": teams_signature(SECRETS.teams_key, body)},
        timeout=10,
    )
    assert answer.status_code == 200
    assert answer.json()["type"] == "message"
    assert "took this message in" in answer.json()["text"]
    wrong = requests.post(
        f"{plant.url}/v1/intake/teams",
        data=body,
        headers={"Authorization": teams_signature(b"another team's token", body)},
        timeout=10,
    )
    assert (wrong.status_code, wrong.json()["reason"]) == (401, "wrongly_signed")
    found = wait_for("the draft", lambda: server_messages(plant).get("teams:1485983408511"))
    assert found.text.startswith("machine WC-001 is down")  # the @mention and tags gone
    assert found.sender == "Larry Jin"


def slack_post(
    plant: Plant, payload: dict[str, Any], *, age_s: float = 0, **headers: str
) -> requests.Response:
    assert SECRETS.slack_signing_secret is not None
    body = json.dumps(payload).encode()
    stamp = str(int(plant.clock.now().timestamp() - age_s))
    return requests.post(
        f"{plant.url}/v1/intake/slack",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": slack_signature(SECRETS.slack_signing_secret, stamp, body),
            **headers,
        },
        timeout=10,
    )


def slack_event(event_id: str, **event: Any) -> dict[str, Any]:
    return {
        "token": "unused",
        "team_id": "T061EG9R6",
        "api_app_id": "A0PNCHHK2",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1749416383,
        "event": {
            "type": "message",
            "channel": "C2147483705",
            "user": "U2147483697",
            "ts": "1749416383.000200",
            **event,
        },
    }


def test_slack_signature_timestamp_challenge_retries_and_bots(plant: Plant) -> None:
    number, item = first_order(plant.server_store)  # type: ignore[arg-type]
    challenge = slack_post(plant, {"type": "url_verification", "challenge": "3eZbrw1aB"})
    assert challenge.json() == {"challenge": "3eZbrw1aB"}
    text = f"quality hold on {number}, scratches on {item}"
    assert slack_post(plant, slack_event("Ev01", text=text)).json() == {"status": "ok"}
    retry = slack_post(plant, slack_event("Ev01", text=text), **{"X-Slack-Retry-Num": "1"})
    assert (retry.status_code, retry.json()["status"]) == (200, "duplicate")
    stale = slack_post(plant, slack_event("Ev02", text=text), age_s=6 * 60)
    assert (stale.status_code, stale.json()["reason"]) == (401, "stale")
    bot = slack_post(plant, slack_event("Ev03", text="deploy done", bot_id="B123"))
    assert bot.json() == {"status": "ignored", "reason": "bot"}
    edited = slack_post(plant, slack_event("Ev04", text="x", subtype="message_changed"))
    assert edited.json() == {"status": "ignored", "reason": "edited"}
    body = json.dumps(slack_event("Ev05", text=text)).encode()
    stamp = str(int(plant.clock.now().timestamp()))
    forged = requests.post(
        f"{plant.url}/v1/intake/slack",
        data=body,
        headers={"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + "ab" * 32},
        timeout=10,
    )
    assert (forged.status_code, forged.json()["reason"]) == (401, "wrongly_signed")
    slack_id = "slack:C2147483705:1749416383.000200"  # the message: its channel and ts
    found = wait_for("the draft", lambda: server_messages(plant).get(slack_id))
    assert found.draft["type"] == "quality_hold"
    assert set(server_messages(plant)) == {slack_id}


def test_the_json_endpoint_wants_a_terminal_and_refuses_bad_bodies(plant: Plant) -> None:
    kiosk = plant.terminal("kiosk")
    token = kiosk.engine.transport.token or ""
    auth = {"Authorization": f"Bearer {token}"}
    url = f"{plant.url}/v1/intake/messages"
    payload = {"id": "ticket-77", "text": "Shortage: WO-99999 missing XYZ", "sender": "ticketing"}
    assert requests.post(url, json=payload, timeout=10).status_code == 401
    assert requests.post(url, json=payload, headers=auth, timeout=10).status_code == 202
    duplicate = requests.post(url, json=payload, headers=auth, timeout=10)
    assert (duplicate.status_code, duplicate.json()["status"]) == (200, "duplicate")
    broken = requests.post(url, data=b"{not json", headers=auth, timeout=10)
    assert (broken.status_code, broken.json()["reason"]) == (400, "malformed")
    no_id = requests.post(url, json={"text": "x"}, headers=auth, timeout=10)
    assert (no_id.status_code, no_id.json()["reason"]) == (400, "malformed")
    assert "id:" in no_id.json()["detail"]
    huge = requests.post(url, json={"id": "big", "text": "x" * 20_001}, headers=auth, timeout=10)
    assert (huge.status_code, huge.json()["reason"]) == (413, "oversized")
    found = wait_for("the triage", lambda: server_messages(plant).get("chat:ticket-77"))
    assert found.status is MessageStatus.TRIAGE
    counts = status(plant, token)
    assert counts["channels"]["chat"] == {
        "accepted": 1,
        "duplicate": 1,
        "malformed": 2,
        "oversized": 1,
        "triage": 1,
    }
    assert counts["refusals"]["malformed"] == 2
    assert counts["pending"] == 0


def test_a_chat_message_becomes_a_draft_on_a_terminal_and_is_confirmed_there(
    plant: Plant,
) -> None:
    kiosk = plant.terminal("line-pc")
    number, item = first_order(plant.server_store)  # type: ignore[arg-type]
    body = whatsapp_body("wamid.e2e", f"{number} short of {item}, 12 pcs")
    assert post_whatsapp(plant, body).status_code == 200
    wait_for("the server's draft", lambda: server_messages(plant).get("whatsapp:wamid.e2e"))

    def pulled() -> IntakeMessage | None:
        kiosk.engine.pull_pending()
        return messages(kiosk.store).get("whatsapp:wamid.e2e")

    draft = wait_for("the terminal's draft", pulled)
    assert draft.status is MessageStatus.DRAFT
    exception_id = intake_service(kiosk.store, kiosk.exceptions.clock).confirm(
        "whatsapp:wamid.e2e", actor="902"
    )
    kiosk.engine.push_pending()
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        exc = session.get(ShopException, exception_id)
        assert exc is not None
        assert exc.channel is Channel.CHAT
        confirmed = session.scalars(
            select(IntakeMessage).where(IntakeMessage.message_id == "whatsapp:wamid.e2e")
        ).one()
        assert confirmed.status is MessageStatus.CONFIRMED


def test_two_terminals_confirming_one_draft_offline_make_one_exception(plant: Plant) -> None:
    """Both leads confirm the same draft before either pushes: the server keeps the first
    confirmation and its exception, and refuses the second's confirmation and its
    exception, with the reason, so one message never becomes two exceptions."""
    a, b = plant.terminal("line-pc-a"), plant.terminal("line-pc-b")
    number, item = first_order(plant.server_store)  # type: ignore[arg-type]
    body = whatsapp_body("wamid.twice", f"{number} short of {item}, 12 pcs")
    assert post_whatsapp(plant, body).status_code == 200
    wait_for("the server's draft", lambda: server_messages(plant).get("whatsapp:wamid.twice"))
    for t in (a, b):
        t.engine.pull_pending()
        assert messages(t.store)["whatsapp:wamid.twice"].status is MessageStatus.DRAFT

    first = intake_service(a.store, a.exceptions.clock).confirm("whatsapp:wamid.twice", actor="902")
    second = intake_service(b.store, b.exceptions.clock).confirm(
        "whatsapp:wamid.twice", actor="902"
    )
    a.engine.push_pending()
    b.engine.push_pending()

    assert plant.server_store is not None
    with plant.server_store.read() as session:
        assert session.get(ShopException, first) is not None
        assert session.get(ShopException, second) is None
        verdicts = session.execute(
            select(EventRecord.kind, EventRecord.outcome, EventRecord.reason)
            .where(EventRecord.terminal_id == b.store.terminal_id)
            .where(EventRecord.kind.in_(("message.confirmed", "exception.raised")))
            .order_by(EventRecord.terminal_seq)
        ).all()
    assert [(kind, outcome) for kind, outcome, _ in verdicts] == [
        ("message.confirmed", "rejected"),
        ("exception.raised", "rejected"),
    ]
    assert all(f"already confirmed as exception {first}" in (r or "") for _, _, r in verdicts)
    # B, having pulled the server's verdicts, holds the server's one exception too.
    b.engine.pull_pending()
    with b.store.read() as session:
        assert session.get(ShopException, second) is None
        assert session.get(ShopException, first) is not None


def post_teams(plant: Plant, payload: dict[str, Any]) -> requests.Response:
    assert SECRETS.teams_key is not None
    body = json.dumps(payload).encode()
    return requests.post(
        f"{plant.url}/v1/intake/teams",
        data=body,
        headers={"Authorization": teams_signature(SECRETS.teams_key, body)},
        timeout=10,
    )


def test_what_is_no_message_is_acknowledged_and_counted_with_what_it_was(plant: Plant) -> None:
    """Stickers, voice notes, reactions, receipts, bots' posts, edits, joins: each is
    answered 200 (a platform sends again what it thinks failed) and counted under its
    channel with what it was; none is a refusal. A photo's caption is its message."""
    token = plant.terminal("kiosk").engine.transport.token or ""
    number, item = first_order(plant.server_store)  # type: ignore[arg-type]
    media = {"mime_type": "image/jpeg", "sha256": "81d3bd8a8db4", "id": "2754859441498128"}

    def sent(ident: str, kind: str, **content: Any) -> dict[str, Any]:
        return {
            "from": "16505551234",
            "id": ident,
            "timestamp": "1749416383",
            "type": kind,
            **content,
        }

    notification = json.loads(whatsapp_body("wamid.unused", ""))
    notification["entry"][0]["changes"][0]["value"]["messages"] = [
        sent("wamid.s1", "sticker", sticker={**media, "mime_type": "image/webp"}),
        sent("wamid.s2", "audio", audio={**media, "mime_type": "audio/ogg", "voice": True}),
        sent("wamid.s3", "reaction", reaction={"message_id": "wamid.s1", "emoji": "\U0001f44d"}),
        sent("wamid.s4", "image", image={**media, "caption": f"{number} short of {item}"}),
        sent(
            "wamid.s5",
            "unsupported",
            errors=[{"code": 131051, "title": "Message type unknown"}],
            unsupported={"type": "poll_creation"},
        ),
    ]
    answer = post_whatsapp(plant, json.dumps(notification).encode())
    assert answer.json() == {
        "status": "ok",
        "messages": [
            "skipped: sticker",
            "skipped: audio",
            "skipped: reaction",
            "taken",
            "skipped: unsupported",
        ],
    }
    receipts = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "statuses": [
                                {"id": "wamid.out", "status": s, "timestamp": "1750263773"}
                                for s in ("sent", "delivered", "read")
                            ],
                        },
                    }
                ],
            }
        ],
    }
    assert post_whatsapp(plant, json.dumps(receipts).encode()).status_code == 200

    # Slack: one message comes as its app_mention and its message event; the rest is not
    # a person's message. Each answered 200, or Slack retries it three times.
    text = f"<@U0LAN0Z89> {number} down since 9:00"
    mention = slack_event("Ev10", text=text, type="app_mention", ts="1749416390.000100")
    assert slack_post(plant, mention).json() == {"status": "ok"}
    same = slack_post(plant, slack_event("Ev11", text=text, ts="1749416390.000100"))
    assert (same.status_code, same.json()["status"]) == (200, "duplicate")
    others = [
        slack_event("Ev12", text="build green", subtype="bot_message", bot_id="B1"),
        slack_event("Ev13", subtype="message_deleted", hidden=True, deleted_ts="1.0"),
        slack_event("Ev14", text="<@U1> has joined the channel", subtype="channel_join"),
        slack_event("Ev15", type="reaction_added", reaction="thumbsup"),
        {"token": "x", "type": "app_rate_limited", "minute_rate_limited": 1518467820},
    ]
    for payload in others:
        ignored = slack_post(plant, payload)
        assert (ignored.status_code, ignored.json()["status"]) == (200, "ignored"), payload

    # Teams: an activity that is no message; a message of nothing but the @mention,
    # answered in the channel so the person knows to write something.
    update = post_teams(plant, {"type": "conversationUpdate", "id": "f:1"})
    assert (update.status_code, update.json()["status"]) == (200, "ignored")
    bare = post_teams(plant, {"type": "message", "id": "1485983408599", "text": "<at>Takt</at>"})
    assert bare.status_code == 200
    assert "write the message after the @mention" in bare.json()["text"]

    photo = wait_for("the caption's draft", lambda: server_messages(plant).get("whatsapp:wamid.s4"))
    assert photo.text == f"{number} short of {item}"
    slack_id = "slack:C2147483705:1749416390.000100"
    assert wait_for("the mention's draft", lambda: server_messages(plant).get(slack_id))
    counts = status(plant, token)
    assert counts["channels"]["whatsapp"] == {
        "accepted": 1,
        "skipped_sticker": 1,
        "skipped_audio": 1,
        "skipped_reaction": 1,
        "skipped_unsupported": 1,
        "skipped_status_update": 3,
        "draft": 1,
    }
    assert counts["channels"]["slack"] == {
        "accepted": 1,
        "duplicate": 1,  # the message event of the mention already taken in
        "skipped_bot": 1,
        "skipped_deleted": 1,
        "skipped_not_a_message": 2,
        "skipped_rate_limited": 1,
        "draft": 1,
    }
    assert counts["channels"]["teams"] == {"skipped_not_a_message": 1, "skipped_no_text": 1}
    assert counts["skipped"] == {
        "audio": 1,
        "bot": 1,
        "deleted": 1,
        "no_text": 1,
        "not_a_message": 3,
        "rate_limited": 1,
        "reaction": 1,
        "status_update": 3,
        "sticker": 1,
        "unsupported": 1,
    }
    assert counts["refusals"] == dict.fromkeys(counts["refusals"], 0) | {"duplicate": 1}


def test_a_body_over_the_webhook_limit_is_refused_unread_and_counted(plant: Plant) -> None:
    """The server's body limit refuses it before the webhook sees it (a 5 MB body is
    never read: only its headers and a kilobyte are sent), and counts it as oversized
    for the channel whose path it was sent to; another path's refusal counts nowhere."""
    token = plant.terminal("kiosk").engine.transport.token or ""

    def declared(path: str, size: int) -> int:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {size}\r\n\r\n"
        )
        code, headers, _ = raw_exchange(plant.port, head, [b"{" * 1024])
        assert headers["connection"] == "close"
        return code

    assert declared("/v1/intake/whatsapp", 5 * 1024 * 1024) == 413
    assert declared("/v1/intake/teams", MAX_WEBHOOK_BYTES + 1) == 413  # the webhooks' limit
    assert declared("/v1/intake/messages", 5 * 1024 * 1024) == 413  # before any token
    assert declared("/v1/push", 5 * 1024 * 1024) == 413
    # Chunked: counted as it streams, cut off once over the limit.
    head = (
        "POST /v1/intake/slack HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b" " * 65536
    parts = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * (MAX_WEBHOOK_BYTES // len(chunk) + 4)
    code, _, body = raw_exchange(plant.port, head, parts)
    assert code == 413
    assert json.loads(body)["detail"].startswith("the request body is larger than")

    counts = status(plant, token)
    assert {c: n.get("oversized") for c, n in counts["channels"].items()} == {
        "whatsapp": 1,
        "teams": 1,
        "chat": 1,
        "slack": 1,
    }
    assert counts["refusals"]["oversized"] == 4
    # Under the limit, the webhooks answer as before.
    ok = post_whatsapp(plant, whatsapp_body("wamid.small", "WC-001 down"))
    assert ok.json() == {"status": "ok", "messages": ["taken"]}


@pytest.mark.parametrize(
    "payload",
    [
        {"entry": "x"},
        {"entry": [{"changes": [{"value": {"messages": [{"id": "w", "type": []}]}}]}]},
        {"entry": [{"changes": [{"value": {"messages": [{"id": "w", "type": "image"}]}}]}]},
        {"entry": [{"changes": [{"value": {"contacts": [{"wa_id": []}], "messages": 3}}]}]},
        {"entry": [None]},
    ],
)
def test_a_signed_whatsapp_body_of_any_shape_never_crashes_the_webhook(
    plant: Plant, payload: dict[str, Any]
) -> None:
    answer = post_whatsapp(plant, json.dumps(payload).encode())
    assert answer.status_code in (200, 400), answer.text
    if answer.status_code == 400:
        assert answer.json()["reason"] == "malformed"
