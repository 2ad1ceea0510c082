"""Chat webhooks against a real server on 127.0.0.1 (issue 16): WhatsApp's handshake and
signed notifications, Teams' HMAC, Slack's signature and timestamp, the plain JSON
endpoint with a terminal's token; wrong signatures, stale timestamps, malformed and
oversized bodies are refused with their reason and counted; a platform's retry is taken
once; what is taken in becomes a draft the terminals get by the ordinary sync."""

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
from sync.intake.channels.webhooks import slack_signature, teams_signature, whatsapp_signature
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
    assert post_whatsapp(plant, statuses).json() == {"status": "ok", "messages": []}

    wamid_id = "whatsapp:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="
    found = wait_for("the draft", lambda: server_messages(plant).get(wamid_id))
    assert found.status is MessageStatus.DRAFT
    assert found.channel is MessageChannel.WHATSAPP
    assert found.sender == "Sheena Nelson (+16505551234)"
    counts = status(plant, token)["channels"]["whatsapp"]
    assert counts["accepted"] == 1
    assert counts["duplicate"] == 1
    assert counts["wrongly_signed"] == 2  # the handshake's wrong token, the forged POST


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
    assert bot.json() == {"status": "ignored"}
    edited = slack_post(plant, slack_event("Ev04", text="x", subtype="message_changed"))
    assert edited.json() == {"status": "ignored"}
    body = json.dumps(slack_event("Ev05", text=text)).encode()
    stamp = str(int(plant.clock.now().timestamp()))
    forged = requests.post(
        f"{plant.url}/v1/intake/slack",
        data=body,
        headers={"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + "ab" * 32},
        timeout=10,
    )
    assert (forged.status_code, forged.json()["reason"]) == (401, "wrongly_signed")
    found = wait_for("the draft", lambda: server_messages(plant).get("slack:Ev01"))
    assert found.draft["type"] == "quality_hold"
    assert set(server_messages(plant)) == {"slack:Ev01"}


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
