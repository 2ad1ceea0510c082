"""Sending the notifications new events call for, through every configured channel."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.events.envelope import Event
from sync.notify.channels import Channel
from sync.notify.messages import Message, messages_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    channel: str
    key: str
    ok: bool
    error: str | None = None


class Notifier:
    def __init__(self, channels: Sequence[Channel]) -> None:
        self.channels = list(channels)

    def dispatch(
        self, events: Iterable[Event], summaries: dict[str, str] | None = None
    ) -> list[Delivery]:
        """Send what the events call for; failures are reported, never raised."""
        results = []
        for event in events:
            for message in messages_for(event, summaries):
                results.extend(self._send(message))
        return results

    def _send(self, message: Message) -> list[Delivery]:
        results = []
        for channel in self.channels:
            try:
                channel.send(message)
            except Exception as error:  # a channel's failure must not stop the others
                log.warning("%s: could not send %s: %s", channel.name, message.key, error)
                results.append(Delivery(channel.name, message.key, False, str(error)))
            else:
                results.append(Delivery(channel.name, message.key, True))
        return results
