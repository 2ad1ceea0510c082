"""What each platform's documented payloads become (issue 16, bad input): a message with
text (a WhatsApp medium's caption is its text), or Skipped with what it was: WhatsApp's
stickers, voice notes, locations, reactions, unsupported types and delivery receipts;
Slack's bots, edits, deletions, joins and other events; Teams' other activities and
mention-only messages. Shapes nobody documented are malformed (ValueError), never a
crash. The shapes follow Meta's, Slack's and Microsoft's webhook references."""

from __future__ import annotations

from typing import Any

import pytest

from app.model.types import MessageChannel
from sync.intake.channels.config import IntakeSettings, Webhooks
from sync.intake.channels.webhooks import (
    Skipped,
    intake_paths,
    slack_message,
    slack_plain,
    teams_message,
    whatsapp_messages,
)
from sync.intake.inbox import SKIPPED, Inbound

WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA="


def notification(*messages: dict[str, Any], **value: Any) -> dict[str, Any]:
    """A Cloud API `messages` webhook (entry[].changes[].value), as Meta documents it."""
    body: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        **value,
    }
    if messages:
        body["contacts"] = [{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}]
        body["messages"] = list(messages)
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"value": body, "field": "messages"}]}],
    }


def message(kind: str, ident: str = WAMID, **content: Any) -> dict[str, Any]:
    return {"from": "16505551234", "id": ident, "timestamp": "1749416383", "type": kind, **content}


MEDIA = {"mime_type": "image/jpeg", "sha256": "81d3bd8a8db4868c95", "id": "2754859441498128"}
# Each kind of message without text, with the content Meta's references give it.
WITHOUT_TEXT: dict[str, dict[str, Any]] = {
    "sticker": {"sticker": {**MEDIA, "mime_type": "image/webp", "animated": False}},
    "image": {"image": MEDIA},  # no caption
    "video": {"video": {**MEDIA, "mime_type": "video/mp4"}},
    "document": {"document": {**MEDIA, "filename": "lieferschein.pdf"}},
    "audio": {"audio": {**MEDIA, "mime_type": "audio/ogg; codecs=opus", "voice": True}},
    "location": {
        "location": {
            "latitude": 37.44221496582,
            "longitude": -122.1619971,
            "name": "Philz Coffee",
            "address": "101 Forest Ave, Palo Alto, CA 94301",
        }
    },
    "contacts": {"contacts": [{"name": {"formatted_name": "Barbara Johnson"}}]},
    "reaction": {"reaction": {"message_id": WAMID, "emoji": "\U0001f44d"}},
    "button": {"button": {"payload": "No", "text": "No"}},
    "interactive": {
        "interactive": {"type": "button_reply", "button_reply": {"id": "b1", "title": "Yes"}}
    },
    "unsupported": {
        "errors": [
            {
                "code": 131051,
                "title": "Message type unknown",
                "message": "Message type unknown",
                "error_data": {"details": "Message type is currently not supported."},
            }
        ],
        "unsupported": {"type": "poll_creation"},
    },
}


def test_a_whatsapp_text_and_a_captioned_photo_are_messages() -> None:
    found = whatsapp_messages(
        notification(
            message("text", "wamid.1", text={"body": "WO 10452 short of seals"}),
            message("image", "wamid.2", image={**MEDIA, "caption": "WO 10452: cracked housing"}),
            message("document", "wamid.3", document={**MEDIA, "caption": "Lieferschein fehlt"}),
        )
    )
    assert [type(f) for f in found] == [Inbound, Inbound, Inbound]
    texts = [f.text for f in found if isinstance(f, Inbound)]
    assert texts == ["WO 10452 short of seals", "WO 10452: cracked housing", "Lieferschein fehlt"]
    first = found[0]
    assert isinstance(first, Inbound)
    assert first.channel is MessageChannel.WHATSAPP
    assert first.sender == "Sheena Nelson (+16505551234)"


@pytest.mark.parametrize("kind", sorted(WITHOUT_TEXT))
def test_a_whatsapp_message_without_text_is_skipped_by_its_kind(kind: str) -> None:
    assert whatsapp_messages(notification(message(kind, **WITHOUT_TEXT[kind]))) == [Skipped(kind)]


def test_whatsapp_receipts_and_other_notifications_are_no_messages() -> None:
    statuses = [
        {
            "id": WAMID,
            "status": state,
            "timestamp": "1750263773",
            "recipient_id": "16505551234",
            "pricing": {"billable": True, "pricing_model": "PMP", "category": "utility"},
        }
        for state in ("sent", "delivered", "read")
    ]
    assert whatsapp_messages(notification(statuses=statuses)) == [Skipped("status_update")] * 3
    # A type Meta adds later, an empty text, an account update: counted, never taken.
    assert whatsapp_messages(notification(message("poll", poll={}))) == [Skipped("unsupported")]
    empty = message("text", text={"body": "  "})
    assert whatsapp_messages(notification(empty)) == [Skipped("no_text")]
    update = {"entry": [{"changes": [{"field": "account_update", "value": {"event": "X"}}]}]}
    assert whatsapp_messages(update) == [Skipped("not_a_message")]


@pytest.mark.parametrize(
    "data",
    [
        {"entry": "x"},
        {"entry": [{"changes": [{"value": []}]}]},
        {"entry": [{"changes": [{"value": {"messages": [{"type": "text"}]}}]}]},
        {"entry": [{"changes": [{"value": {"messages": ["hello"]}}]}]},
        {"entry": [{"changes": [{"value": {"messages": [message("text", text="hi")]}}]}]},
        {"entry": [{"changes": [{"value": {"messages": [message("image", image=[1])]}}]}]},
    ],
)
def test_whatsapp_shapes_nobody_documented_are_malformed(data: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"."):
        whatsapp_messages(data)


def test_unhashable_types_are_skipped_not_a_crash() -> None:
    found = whatsapp_messages(notification(message("x", type=["text"])))
    assert found == [Skipped("unsupported")]
    event = slack_event(subtype={"a": 1}, text="hi")
    assert slack_message(event) == Skipped("not_a_message")


def slack_event(**event: Any) -> dict[str, Any]:
    return {
        "type": "event_callback",
        "event_id": "Ev0PV52K21",
        "event": {
            "type": "message",
            "channel": "C2147483705",
            "user": "U2147483697",
            "ts": "1355517523.000005",
            **event,
        },
    }


def test_slack_people_write_messages_and_mentions() -> None:
    written = slack_message(slack_event(text="<@U0LAN0Z89> WO 10452 &lt;40 pcs&gt; &amp; late"))
    assert isinstance(written, Inbound)
    assert written.text == "WO 10452 <40 pcs> & late"
    assert written.external_id == "C2147483705:1355517523.000005"
    mention = slack_event(text="<@U0LAN0Z89> WO 10452 <40 pcs> & late", type="app_mention")
    mention["event_id"] = "Ev0PV52K99"  # another event, the same message
    found = slack_message(mention)
    assert isinstance(found, Inbound)
    assert found.external_id == written.external_id
    for subtype in ("file_share", "thread_broadcast", "me_message"):
        assert isinstance(slack_message(slack_event(text="x", subtype=subtype)), Inbound)


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ({"text": "deployed", "bot_id": "B123"}, "bot"),
        ({"text": "deployed", "subtype": "bot_message"}, "bot"),
        (
            {
                "subtype": "message_changed",
                "hidden": True,
                "message": {"type": "message", "user": "U1", "text": "WO 10453", "ts": "1.0"},
            },
            "edited",
        ),
        ({"subtype": "message_deleted", "hidden": True, "deleted_ts": "1.0"}, "deleted"),
        ({"subtype": "channel_join", "text": "<@U1> has joined the channel"}, "not_a_message"),
        ({"type": "reaction_added", "reaction": "thumbsup"}, "not_a_message"),
        ({"text": ""}, "no_text"),
        ({"text": "<@U0LAN0Z89>"}, "no_text"),
        ({"files": [{"id": "F1"}]}, "no_text"),
    ],
)
def test_slack_events_that_are_no_persons_message_are_skipped(
    event: dict[str, Any], reason: str
) -> None:
    assert slack_message(slack_event(**event)) == Skipped(reason)


def test_slack_markup_reads_as_a_person_wrote_it() -> None:
    assert slack_plain("see <#C024BE7LR|line-2> and <https://x.example/wo/1|the order>") == (
        "see #line-2 and the order"
    )
    assert (
        slack_plain("<!here> press down, <mailto:a@b.example>") == "press down, mailto:a@b.example"
    )


def test_teams_other_activities_and_bare_mentions_are_skipped() -> None:
    update = {"type": "conversationUpdate", "id": "f:1", "membersAdded": [{"id": "29:1"}]}
    assert teams_message(update) == Skipped("not_a_message")
    bare = {"type": "message", "id": "1485983408511", "text": "<at>Takt</at>&nbsp;"}
    assert teams_message(bare) == Skipped("no_text")
    card = {"type": "message", "id": "1485983408512", "attachments": [{"contentType": "x"}]}
    assert teams_message(card) == Skipped("no_text")
    with pytest.raises(ValueError, match="id"):
        teams_message({"type": "message", "text": "x"})
    with pytest.raises(ValueError, match="from"):
        teams_message({"type": "message", "id": "1", "text": "x", "from": "Larry"})


def test_every_reason_a_webhook_gives_is_in_the_inbox_vocabulary() -> None:
    reasons = {"bot", "edited", "deleted", "not_a_message", "no_text", "status_update"}
    reasons |= set(WITHOUT_TEXT) | {"rate_limited"}
    assert reasons <= set(SKIPPED)


def test_the_body_limit_counts_only_the_webhooks_turned_on() -> None:
    settings = IntakeSettings(webhooks=Webhooks(whatsapp=True, json=True))
    assert intake_paths(settings) == {
        "/v1/intake/whatsapp": "whatsapp",
        "/v1/intake/messages": "chat",
    }
