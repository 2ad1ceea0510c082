"""Sparkplug B payload decoding: every scalar datatype, Tahu's encodings, and typed errors."""

from __future__ import annotations

import pytest

from app.machines.signals import Quality
from sync.machines.sparkplug import sparkplug_b_pb2 as pb
from sync.machines.sparkplug.payload import (
    DataType,
    MalformedPayload,
    MetricValue,
    OutMetric,
    SparkplugError,
    WrongDatatype,
    decode_payload,
    encode_payload,
    rebirth_request,
)
from sync.machines.sparkplug.topics import (
    BadTopic,
    Topic,
    Verb,
    parse_state,
    parse_topic,
    state_payload,
)
from tests.machines.wire import T0

SCALARS: list[tuple[DataType, MetricValue]] = [
    (DataType.Int8, -128),
    (DataType.Int8, 127),
    (DataType.Int16, -32768),
    (DataType.Int32, -1),
    (DataType.Int32, 2**31 - 1),
    (DataType.Int64, -(2**63)),
    (DataType.Int64, 2**63 - 1),
    (DataType.UInt8, 255),
    (DataType.UInt16, 65535),
    (DataType.UInt32, 2**32 - 1),
    (DataType.UInt64, 2**64 - 1),
    (DataType.Float, 1.5),
    (DataType.Double, -2.25),
    (DataType.Boolean, True),
    (DataType.Boolean, False),
    (DataType.String, "läuft"),
    (DataType.Text, ""),
    (DataType.UUID, "0b6f2e1c-3c87-4a47-9a6b-0e0d0f4f2b11"),
    (DataType.DateTime, 1_795_420_800_000),
    (DataType.Bytes, b"\x00\x01"),
]


@pytest.mark.parametrize(("datatype", "value"), SCALARS)
def test_every_datatype_round_trips(datatype: DataType, value: MetricValue) -> None:
    data = encode_payload(
        [OutMetric("m", datatype, value, alias=5, timestamp=T0)], timestamp=T0, seq=3
    )
    payload = decode_payload(data)
    assert payload.seq == 3
    assert payload.timestamp == T0
    [metric] = payload.metrics
    assert (metric.name, metric.alias, metric.datatype, metric.value) == ("m", 5, datatype, value)
    assert metric.timestamp == T0
    assert metric.quality is Quality.GOOD
    assert metric.value_as(datatype) == value


def raw_metric(**fields: object) -> bytes:
    message = pb.Payload(seq=1)
    metric = message.metrics.add()
    metric.name = "m"
    for key, value in fields.items():
        setattr(metric, key, value)
    return message.SerializeToString()


@pytest.mark.parametrize(
    ("datatype", "raw", "value"),
    [
        (DataType.Int8, 0xFF, -1),  # Tahu Python: two's complement in 8 bits
        (DataType.Int8, 0xFFFFFFFF, -1),  # Tahu Java: sign-extended to 32 bits
        (DataType.Int16, 0x8000, -32768),
        (DataType.Int16, 0xFFFF8000, -32768),
        (DataType.Int32, 0x80000000, -(2**31)),
    ],
)
def test_signed_integers_from_either_tahu_library(datatype: DataType, raw: int, value: int) -> None:
    [metric] = decode_payload(raw_metric(datatype=int(datatype), int_value=raw)).metrics
    assert metric.value == value


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"datatype": int(DataType.UInt8), "int_value": 300}, "300 does not fit UInt8"),
        ({"datatype": int(DataType.Int8), "int_value": 0x1234}, "does not fit Int8"),
        (
            {"datatype": int(DataType.Int32), "string_value": "3"},
            "Int32 cannot be carried in string_value",
        ),
        ({"datatype": int(DataType.Int64), "int_value": 3}, "Int64 cannot be carried in int_value"),
        (
            {"datatype": int(DataType.Boolean), "int_value": 1},
            "Boolean cannot be carried in int_value",
        ),
        ({"datatype": int(DataType.Float), "double_value": 1.0}, "Float cannot be carried"),
        ({"datatype": int(DataType.String), "boolean_value": True}, "String cannot be carried"),
        ({"datatype": 99, "int_value": 1}, "unknown datatype 99"),
        ({"datatype": int(DataType.Unknown), "int_value": 1}, "Unknown is not a metric datatype"),
        ({"datatype": int(DataType.PropertySet), "int_value": 1}, "not a metric datatype"),
    ],
)
def test_a_value_that_does_not_fit_its_datatype_is_a_wrong_datatype(
    fields: dict[str, object], reason: str
) -> None:
    with pytest.raises(WrongDatatype, match=reason) as caught:
        decode_payload(raw_metric(**fields))
    assert isinstance(caught.value, SparkplugError)
    assert reason in caught.value.reason


def test_a_metric_without_value_is_malformed_and_is_null_is_none() -> None:
    with pytest.raises(MalformedPayload, match="Int32 without a value"):
        decode_payload(raw_metric(datatype=int(DataType.Int32)))
    [metric] = decode_payload(raw_metric(datatype=int(DataType.Int32), is_null=True)).metrics
    assert metric.is_null
    assert metric.value is None


@pytest.mark.parametrize(
    "junk",
    [b"\xff\xff\xff\xff", b'{"State": 1}', b"\x0a\x05abc", b"\x12\xff\xff\xff\xff\x0f"],
)
def test_junk_is_a_malformed_payload(junk: bytes) -> None:
    with pytest.raises(MalformedPayload, match="not a Sparkplug B protobuf payload"):
        decode_payload(junk)


def test_an_oversized_payload_is_malformed() -> None:
    with pytest.raises(MalformedPayload, match="exceeds"):
        decode_payload(b"\x00" * (1 << 20 | 1))


def test_data_metrics_are_decoded_with_the_birth_datatype() -> None:
    data = encode_payload(
        [OutMetric(None, DataType.Int16, -5, alias=7, send_datatype=False)], timestamp=None, seq=1
    )
    [metric] = decode_payload(data).metrics
    assert metric.datatype is None
    assert metric.value is None
    assert metric.value_as(DataType.Int16) == -5
    with pytest.raises(WrongDatatype, match="String cannot be carried in int_value"):
        metric.value_as(DataType.String)
    assert metric.label == "alias 7"


@pytest.mark.parametrize("quality", [Quality.GOOD, Quality.BAD, Quality.STALE])
def test_the_quality_property(quality: Quality) -> None:
    data = encode_payload(
        [OutMetric("m", DataType.Int32, 1, quality=quality)], timestamp=None, seq=0
    )
    [metric] = decode_payload(data).metrics
    assert metric.quality is quality
    assert (
        metric.properties["Quality"]
        == {Quality.GOOD: 192, Quality.BAD: 0, Quality.STALE: 500}[quality]
    )


def quality_property(**fields: object) -> bytes:
    message = pb.Payload(seq=0)
    metric = message.metrics.add(name="m", datatype=int(DataType.Int32), int_value=1)
    metric.properties.keys.append("Quality")
    value = metric.properties.values.add()
    for key, item in fields.items():
        setattr(value, key, item)
    metric.properties.keys.append("Units")
    metric.properties.values.add(type=int(DataType.String), string_value="parts")
    return message.SerializeToString()


def test_a_bad_quality_property_is_a_wrong_datatype() -> None:
    [metric] = decode_payload(quality_property(type=3, int_value=500)).metrics
    assert metric.quality is Quality.STALE
    assert metric.properties["Units"] == "parts"
    with pytest.raises(WrongDatatype, match="Quality 7 is not 0, 192 or 500"):
        decode_payload(quality_property(type=3, int_value=7))
    with pytest.raises(WrongDatatype, match="must be an Int32 int_value"):
        decode_payload(quality_property(type=12, string_value="GOOD"))
    with pytest.raises(WrongDatatype, match="must be of type Int32"):
        decode_payload(quality_property(type=4, int_value=192))


def test_encoding_refuses_values_that_do_not_fit() -> None:
    for datatype, value in [
        (DataType.Int8, 128),
        (DataType.UInt16, -1),
        (DataType.Boolean, 1),
        (DataType.Int32, True),
        (DataType.String, 3),
    ]:
        with pytest.raises(ValueError, match="is not a"):
            encode_payload([OutMetric("m", datatype, value)], timestamp=None, seq=0)
    with pytest.raises(ValueError, match="seq 256"):
        encode_payload([], timestamp=None, seq=256)


def test_a_rebirth_request_is_what_the_specification_shows() -> None:
    request = decode_payload(rebirth_request(T0))
    assert request.seq is None
    assert request.timestamp == T0
    [metric] = request.metrics
    assert (metric.name, metric.datatype, metric.value) == (
        "Node Control/Rebirth",
        DataType.Boolean,
        True,
    )


def test_topics() -> None:
    assert parse_topic("spBv1.0/plant/DDATA/line1/press") == Topic(
        "plant", Verb.DDATA, "line1", "press"
    )
    assert parse_topic("spBv1.0/plant/NBIRTH/line1").device_key == "plant/line1"
    for bad in [
        "spBv1.0/plant/NBIRTH",
        "spBv1.0/plant/DDATA/line1",
        "spBv1.0/plant/NDATA/line1/press",
        "spBv1.0/plant/nbirth/line1",
        "spBv1.0//NBIRTH/line1",
        "spAv1.0/plant/NBIRTH/line1",
    ]:
        with pytest.raises(BadTopic):
            parse_topic(bad)


def test_state_payloads() -> None:
    state = parse_state(state_payload(online=True, timestamp_ms=1234))
    assert state is not None
    assert (state.online, state.timestamp_ms) == (True, 1234)
    for junk in [b"", b"[]", b'{"online": "yes", "timestamp": 1}', b'{"online": true}', b"\xff"]:
        assert parse_state(junk) is None
