"""Plain JSON topics: metric -> value objects become readings; anything else is quarantined."""

from __future__ import annotations

from datetime import UTC

import pytest

from app.machines.signals import Quality, Reading
from sync.machines.json_topics import BadJson, JsonTopic, JsonTopics, decode_json
from tests.machines.wire import T0, at


def test_an_object_of_metrics_becomes_readings() -> None:
    topics = JsonTopics("line-mqtt", [JsonTopic("plant/press1/status", "press-1")])
    payload = b'{"State": 3, "Counters/Parts": 1204, "Running": true, "Fault": null, "Cycle": 12.5}'
    assert topics.feed("plant/press1/status", payload, at(1)) == [
        Reading("line-mqtt", "press-1", "State", 3, Quality.GOOD, at(1)),
        Reading("line-mqtt", "press-1", "Counters/Parts", 1204, Quality.GOOD, at(1)),
        Reading("line-mqtt", "press-1", "Running", True, Quality.GOOD, at(1)),
        Reading("line-mqtt", "press-1", "Fault", None, Quality.GOOD, at(1)),
        Reading("line-mqtt", "press-1", "Cycle", 12.5, Quality.GOOD, at(1)),
    ]
    assert topics.feed("plant/other", payload, at(1)) == []  # not a configured topic


def test_timestamp_and_quality() -> None:
    topics = JsonTopics("s", [JsonTopic("m/+/state")])
    ms = int(T0.timestamp() * 1000)
    [reading] = topics.feed(
        "m/a/state", f'{{"S": 1, "timestamp": {ms}, "quality": "STALE"}}'.encode(), at(9)
    )
    assert (reading.device, reading.at, reading.quality) == ("m/a/state", T0, Quality.STALE)
    [reading] = topics.feed(
        "m/b/state", b'{"S": 1, "timestamp": "2026-11-23T09:00:00+01:00", "quality": 0}', at(9)
    )
    assert reading.at == T0.astimezone(UTC)
    assert reading.quality is Quality.BAD
    assert reading.device == "m/b/state"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "a JSON list, not an object"),
        (b'{"S": {"nested": 1}}', "metric 'S'"),
        (b'{"S": [1]}', "metric 'S'"),
        (b'{"S": NaN}', "NaN is not a value"),
        (b'{"S": 1, "timestamp": "yesterday"}', "timestamp 'yesterday'"),
        (b'{"S": 1, "timestamp": "2026-11-23T08:00:00"}', "with an offset"),
        (b'{"S": 1, "quality": "fine"}', "quality 'fine'"),
        (b'{"S": 1, "quality": 7}', "quality 7"),
        (b'{"": 1}', "empty name"),
        (b"\xff\xfe", "not JSON"),
    ],
)
def test_bad_messages_are_refused_with_a_reason(payload: bytes, reason: str) -> None:
    with pytest.raises(BadJson, match=reason):
        decode_json(payload)


def test_bad_messages_are_quarantined_and_the_good_ones_around_them_pass() -> None:
    topics = JsonTopics("s", [JsonTopic("press/state", "press")], quarantine_keep=2)
    values = []
    for n in range(3):
        values += [r.value for r in topics.feed("press/state", f'{{"S": {n}}}'.encode(), at(n))]
        assert topics.feed("press/state", b'{"S": [}', at(n)) == []
    assert values == [0, 1, 2]
    [device] = topics.diagnostics()
    assert (device.device, device.online, device.messages, device.quarantined_total) == (
        "press",
        True,
        6,
        3,
    )
    assert len(device.quarantined) == 2
    assert device.quarantined[0].reason.startswith("not JSON")
    assert device.last_birth == at(2)


def test_a_json_topic_cannot_be_a_sparkplug_one() -> None:
    with pytest.raises(ValueError, match="cannot be a JSON topic"):
        JsonTopic("spBv1.0/plant/#")
