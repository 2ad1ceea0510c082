"""Sparkplug B payloads: bytes -> metrics with their names, aliases, types and values, and back.

Decoding is strict, because a host that guesses turns a bad payload into a false state:
protobuf that does not parse is a `MalformedPayload`; a metric whose value does not fit its
datatype (a string in an Int32, 300 in a UInt8, an unknown datatype, a Quality property
that is not 0, 192 or 500) is a `WrongDatatype`. Both are `SparkplugError`s with a reason a
person can read; nothing else escapes `parse_payload` or `decode_payload`.

Integer encoding follows the specification's table (Payloads, Datatype Details): Int8, Int16,
Int32, UInt8, UInt16 and UInt32 travel in `int_value` (uint32), Int64, UInt64 and DateTime in
`long_value` (uint64); signed values are two's complement. Tahu's Java library sign-extends a
negative Int8/Int16 to 32 bits, its Python library writes it in 8/16 bits: both decode here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum
from types import MappingProxyType
from typing import Final

from google.protobuf.message import DecodeError, EncodeError

from app.machines.signals import Quality
from sync.machines.diagnostics import BadInput
from sync.machines.sparkplug import sparkplug_b_pb2 as pb

MAX_PAYLOAD_BYTES: Final = 1 << 20  # a birth of thousands of metrics fits; a flood does not

BD_SEQ: Final = "bdSeq"
REBIRTH: Final = "Node Control/Rebirth"
NODE_CONTROL: Final = "Node Control/"
QUALITY: Final = "Quality"  # the one property key Sparkplug defines


class DataType(IntEnum):
    """Sparkplug's datatypes (tahu's `DataType` enum, same numbers)."""

    Unknown = 0
    Int8 = 1
    Int16 = 2
    Int32 = 3
    Int64 = 4
    UInt8 = 5
    UInt16 = 6
    UInt32 = 7
    UInt64 = 8
    Float = 9
    Double = 10
    Boolean = 11
    String = 12
    DateTime = 13
    Text = 14
    UUID = 15
    DataSet = 16
    Bytes = 17
    File = 18
    Template = 19
    PropertySet = 20
    PropertySetList = 21
    Int8Array = 22
    Int16Array = 23
    Int32Array = 24
    Int64Array = 25
    UInt8Array = 26
    UInt16Array = 27
    UInt32Array = 28
    UInt64Array = 29
    FloatArray = 30
    DoubleArray = 31
    BooleanArray = 32
    StringArray = 33
    DateTimeArray = 34


# Sparkplug quality codes (Payloads, Quality Codes).
QUALITY_CODES: Final[Mapping[int, Quality]] = MappingProxyType(
    {0: Quality.BAD, 192: Quality.GOOD, 500: Quality.STALE}
)
QUALITY_CODE_OF: Final[Mapping[Quality, int]] = MappingProxyType(
    {Quality.BAD: 0, Quality.GOOD: 192, Quality.STALE: 500}
)

# (bits, signed) of the integer types; which protobuf field carries them.
_INTS: Final[Mapping[DataType, tuple[int, bool]]] = MappingProxyType(
    {
        DataType.Int8: (8, True),
        DataType.Int16: (16, True),
        DataType.Int32: (32, True),
        DataType.Int64: (64, True),
        DataType.UInt8: (8, False),
        DataType.UInt16: (16, False),
        DataType.UInt32: (32, False),
        DataType.UInt64: (64, False),
        DataType.DateTime: (64, False),
    }
)
_ARRAYS: Final = frozenset(
    DataType(n) for n in range(DataType.Int8Array, DataType.DateTimeArray + 1)
)

# The datatypes whose value is a plain scalar (bool, int, float, str): what a `Reading` holds.
SCALAR_TYPES: Final = frozenset(
    {
        *_INTS,
        DataType.Float,
        DataType.Double,
        DataType.Boolean,
        DataType.String,
        DataType.Text,
        DataType.UUID,
    }
)
# A metric may carry any of these; PropertySet/PropertySetList are property types only.
METRIC_TYPES: Final = frozenset(
    {
        *SCALAR_TYPES,
        *_ARRAYS,
        DataType.Bytes,
        DataType.File,
        DataType.DataSet,
        DataType.Template,
    }
)

# The value a decoded metric holds: scalars as Python values, Bytes/File/arrays as the raw
# bytes (arrays packed little-endian, as sent), DataSet/Template as None (not decoded here).
MetricValue = bool | int | float | str | bytes | None
PropertyScalar = bool | int | float | str | None


class SparkplugError(BadInput):
    """A payload or message the host cannot use; `reason` says why, for diagnostics."""


class MalformedPayload(SparkplugError):
    """Not a Sparkplug B payload: protobuf that does not parse, or a required part missing."""


class WrongDatatype(SparkplugError):
    """A value that does not fit its declared (or born) datatype, or an unknown datatype."""


class UnknownMetric(SparkplugError):
    """A DATA metric whose alias or name its BIRTH never defined."""


@dataclass(frozen=True, slots=True)
class Metric:
    """One decoded metric. `datatype` is None in a DATA message that left it to the birth."""

    name: str | None
    alias: int | None
    datatype: DataType | None
    value: MetricValue  # decoded when `datatype` is known, else None: see `value_as`
    timestamp: datetime | None
    is_null: bool = False
    is_historical: bool = False
    is_transient: bool = False
    quality: Quality = Quality.GOOD
    properties: Mapping[str, PropertyScalar] = field(default_factory=dict)
    raw: pb.Payload.Metric | None = field(default=None, repr=False, compare=False)

    def value_as(self, datatype: DataType) -> MetricValue:
        """The value read as `datatype` (a DATA metric's type comes from its birth)."""
        if self.raw is None:
            return self.value
        if self.datatype is not None and self.datatype != datatype:
            raise WrongDatatype(
                f"metric {self.label} is {self.datatype.name} here but was born {datatype.name}"
            )
        return _metric_value(self.raw, datatype, self.label)

    @property
    def label(self) -> str:
        if self.name:
            return repr(self.name)
        return f"alias {self.alias}" if self.alias is not None else "(no name, no alias)"


@dataclass(frozen=True, slots=True)
class Payload:
    """A decoded Sparkplug B payload: its header and metrics, in the order sent."""

    timestamp: datetime | None
    seq: int | None
    metrics: tuple[Metric, ...]
    uuid: str | None = None

    def metric(self, name: str) -> Metric | None:
        return next((m for m in self.metrics if m.name == name), None)


def parse_payload(data: bytes) -> pb.Payload:
    """The protobuf message, or MalformedPayload. Checks nothing about the metrics."""
    if len(data) > MAX_PAYLOAD_BYTES:
        raise MalformedPayload(f"payload of {len(data)} bytes exceeds {MAX_PAYLOAD_BYTES}")
    message = pb.Payload()
    try:
        message.ParseFromString(data)
    except (DecodeError, RuntimeError, ValueError) as error:  # RuntimeError: nesting too deep
        raise MalformedPayload(f"not a Sparkplug B protobuf payload ({error})") from None
    return message


def decode_payload(data: bytes) -> Payload:
    """Parse and decode a whole payload; MalformedPayload or WrongDatatype when it is bad."""
    return decode_message(parse_payload(data))


def decode_message(message: pb.Payload) -> Payload:
    """Decode an already parsed payload (every metric whose datatype it states is checked)."""
    seq = message.seq if message.HasField("seq") else None
    metrics = tuple(_decode_metric(m, i) for i, m in enumerate(message.metrics))
    return Payload(
        timestamp=from_millis(message.timestamp) if message.HasField("timestamp") else None,
        seq=seq,
        metrics=metrics,
        uuid=message.uuid if message.HasField("uuid") else None,
    )


def from_millis(ms: int) -> datetime | None:
    """Milliseconds since the epoch (UTC) as an aware datetime; None when out of range."""
    try:
        return datetime.fromtimestamp(ms / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def to_millis(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("Sparkplug timestamps are UTC: give an aware datetime")
    return round(moment.timestamp() * 1000)


def _decode_metric(m: pb.Payload.Metric, index: int) -> Metric:
    name = m.name if m.HasField("name") else None
    alias = m.alias if m.HasField("alias") else None
    label = repr(name) if name else (f"alias {alias}" if alias is not None else f"#{index}")
    datatype: DataType | None = None
    if m.HasField("datatype"):
        datatype = _datatype(m.datatype, label)
    properties, quality = _properties(m, label) if m.HasField("properties") else ({}, Quality.GOOD)
    value = _metric_value(m, datatype, label) if datatype is not None else None
    timestamp = None
    if m.HasField("timestamp"):
        timestamp = from_millis(m.timestamp)
        if timestamp is None:
            raise MalformedPayload(f"metric {label}: timestamp {m.timestamp} is out of range")
    return Metric(
        name=name,
        alias=alias,
        datatype=datatype,
        value=value,
        timestamp=timestamp,
        is_null=m.is_null,
        is_historical=m.is_historical,
        is_transient=m.is_transient,
        quality=quality,
        properties=properties,
        raw=m,
    )


def _datatype(number: int, label: str) -> DataType:
    try:
        datatype = DataType(number)
    except ValueError:
        raise WrongDatatype(f"metric {label}: unknown datatype {number}") from None
    if datatype not in METRIC_TYPES:
        raise WrongDatatype(f"metric {label}: {datatype.name} is not a metric datatype")
    return datatype


def _metric_value(m: pb.Payload.Metric, datatype: DataType, label: str) -> MetricValue:
    if datatype not in METRIC_TYPES:
        raise WrongDatatype(f"metric {label}: {datatype.name} is not a metric datatype")
    if m.is_null:
        return None
    carried = m.WhichOneof("value")
    if carried is None:
        raise MalformedPayload(f"metric {label}: {datatype.name} without a value (and not null)")
    return _typed(datatype, carried, getattr(m, carried), f"metric {label}")


def _typed(datatype: DataType, carried: str, raw: object, what: str) -> MetricValue:
    def wrong() -> WrongDatatype:
        return WrongDatatype(f"{what}: {datatype.name} cannot be carried in {carried}")

    if datatype in _INTS:
        bits, signed = _INTS[datatype]
        allowed: tuple[str, ...] = ("long_value",) if bits == 64 else ("int_value",)
        if datatype is DataType.UInt32:
            allowed = ("int_value", "long_value")  # Tahu reads both
        if carried not in allowed or not isinstance(raw, int) or isinstance(raw, bool):
            raise wrong()
        return _integer(raw, bits, signed, 64 if carried == "long_value" else 32, datatype, what)
    if datatype in (DataType.Float, DataType.Double):
        expected = "float_value" if datatype is DataType.Float else "double_value"
        if carried != expected or not isinstance(raw, float):
            raise wrong()
        return raw
    if datatype is DataType.Boolean:
        if carried != "boolean_value" or not isinstance(raw, bool):
            raise wrong()
        return raw
    if datatype in (DataType.String, DataType.Text, DataType.UUID):
        if carried != "string_value" or not isinstance(raw, str):
            raise wrong()
        return raw
    if datatype in _ARRAYS or datatype in (DataType.Bytes, DataType.File):
        if carried != "bytes_value" or not isinstance(raw, bytes):
            raise wrong()
        return raw
    if datatype is DataType.DataSet:
        if carried != "dataset_value":
            raise wrong()
        return None
    if datatype is DataType.Template:
        if carried != "template_value":
            raise wrong()
        return None
    raise WrongDatatype(f"{what}: {datatype.name} is not a value datatype")


def _integer(raw: int, bits: int, signed: bool, width: int, datatype: DataType, what: str) -> int:
    if not signed:
        if raw >= 1 << bits:
            raise WrongDatatype(f"{what}: {raw} does not fit {datatype.name}")
        return raw
    if raw < 1 << bits:  # two's complement in its own width (Tahu's Python library)
        return raw - (1 << bits) if raw >= 1 << (bits - 1) else raw
    if raw >= (1 << width) - (1 << (bits - 1)):  # sign-extended to the field (Tahu's Java)
        return raw - (1 << width)
    raise WrongDatatype(f"{what}: {raw} does not fit {datatype.name}")


def _properties(m: pb.Payload.Metric, label: str) -> tuple[dict[str, PropertyScalar], Quality]:
    keys, values = m.properties.keys, m.properties.values
    if len(keys) != len(values):
        raise MalformedPayload(
            f"metric {label}: property set with {len(keys)} keys and {len(values)} values"
        )
    properties: dict[str, PropertyScalar] = {}
    quality = Quality.GOOD
    for key, value in zip(keys, values, strict=True):
        if key == QUALITY:
            quality = _quality(value, label)
            properties[key] = QUALITY_CODE_OF[quality]
            continue
        properties[key] = _property_scalar(value, f"metric {label}, property {key!r}")
    return properties, quality


def _quality(value: pb.Payload.PropertyValue, label: str) -> Quality:
    if value.is_null or value.WhichOneof("value") != "int_value":
        raise WrongDatatype(f"metric {label}: the Quality property must be an Int32 int_value")
    if value.HasField("type") and value.type != DataType.Int32:
        raise WrongDatatype(f"metric {label}: the Quality property must be of type Int32")
    code = _integer(value.int_value, 32, True, 32, DataType.Int32, f"metric {label} Quality")
    if code not in QUALITY_CODES:
        raise WrongDatatype(f"metric {label}: Quality {code} is not 0, 192 or 500")
    return QUALITY_CODES[code]


def _property_scalar(value: pb.Payload.PropertyValue, what: str) -> PropertyScalar:
    """A property's scalar value; nested property sets are kept out (None), not rejected."""
    if value.is_null:
        return None
    carried = value.WhichOneof("value")
    if carried is None:
        return None
    if carried in ("propertyset_value", "propertysets_value", "extension_value"):
        return None
    raw = getattr(value, carried)
    if not value.HasField("type"):
        return raw if isinstance(raw, bool | int | float | str) else None
    try:
        datatype = DataType(value.type)
    except ValueError:
        raise WrongDatatype(f"{what}: unknown datatype {value.type}") from None
    if datatype not in SCALAR_TYPES:
        raise WrongDatatype(f"{what}: {datatype.name} is not a property datatype")
    typed = _typed(datatype, carried, raw, what)
    return typed if isinstance(typed, bool | int | float | str) else None


# -- encoding (the edge node, rebirth commands, tests) ---------------------------------------


@dataclass(frozen=True, slots=True)
class OutMetric:
    """A metric to send. `value=None` sends is_null; `quality` adds the Quality property."""

    name: str | None
    datatype: DataType
    value: MetricValue
    alias: int | None = None
    timestamp: datetime | None = None
    quality: Quality | None = None
    send_datatype: bool = True  # births must; DATA should not (the birth said it)


def encode_payload(
    metrics: Iterable[OutMetric], *, timestamp: datetime | None, seq: int | None
) -> bytes:
    """A Sparkplug B payload. ValueError when a value does not fit its datatype."""
    message = pb.Payload()
    if timestamp is not None:
        message.timestamp = to_millis(timestamp)
    if seq is not None:
        if not 0 <= seq <= 255:
            raise ValueError(f"seq {seq} is not within 0..255")
        message.seq = seq
    for out in metrics:
        m = message.metrics.add()
        if out.name is not None:
            m.name = out.name
        if out.alias is not None:
            m.alias = out.alias
        if out.timestamp is not None:
            m.timestamp = to_millis(out.timestamp)
        if out.send_datatype:
            m.datatype = int(out.datatype)
        if out.quality is not None:
            m.properties.keys.append(QUALITY)
            prop = m.properties.values.add()
            prop.type = int(DataType.Int32)
            prop.int_value = QUALITY_CODE_OF[out.quality]
        if out.value is None:
            m.is_null = True
        else:
            _set_value(m, out.datatype, out.value, out.name or f"alias {out.alias}")
    try:
        return message.SerializeToString()
    except EncodeError as error:  # pragma: no cover - every field set above is valid
        raise ValueError(str(error)) from None


def _set_value(m: pb.Payload.Metric, datatype: DataType, value: MetricValue, label: str) -> None:
    def bad() -> ValueError:
        return ValueError(f"{label}: {value!r} is not a {datatype.name}")

    if datatype in _INTS:
        bits, signed = _INTS[datatype]
        if not isinstance(value, int) or isinstance(value, bool):
            raise bad()
        low, high = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
        if not low <= value <= high:
            raise bad()
        if bits == 64:
            m.long_value = value & ((1 << 64) - 1)
        else:
            m.int_value = value & 0xFFFFFFFF  # sign-extended, as Tahu's Java library sends it
    elif datatype in (DataType.Float, DataType.Double):
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise bad()
        if datatype is DataType.Float:
            m.float_value = float(value)
        else:
            m.double_value = float(value)
    elif datatype is DataType.Boolean:
        if not isinstance(value, bool):
            raise bad()
        m.boolean_value = value
    elif datatype in (DataType.String, DataType.Text, DataType.UUID):
        if not isinstance(value, str):
            raise bad()
        m.string_value = value
    elif datatype in _ARRAYS or datatype in (DataType.Bytes, DataType.File):
        if not isinstance(value, bytes):
            raise bad()
        m.bytes_value = value
    else:
        raise ValueError(f"{label}: sending {datatype.name} values is not supported")


def rebirth_request(at: datetime) -> bytes:
    """An NCMD payload asking an edge node for a new NBIRTH and DBIRTHs."""
    return encode_payload(
        [OutMetric(REBIRTH, DataType.Boolean, True, timestamp=at)], timestamp=at, seq=None
    )
