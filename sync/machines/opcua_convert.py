"""OPC UA data values as the domain's plain values: quality, timestamp, value. Pure.

A data-change notification carries a `DataValue`: the value (a Variant), its StatusCode and
the SourceTimestamp / ServerTimestamp. `reading()` turns one into a `Reading`, or raises
`BadInput` (a value no state table can read: an array, bytes, a structure), which the source
quarantines.
"""

from __future__ import annotations

import enum
import math
from datetime import UTC, datetime

from asyncua import ua

from app.machines.signals import Quality, Reading, Value
from sync.machines.diagnostics import BadInput

# OPC UA's DateTime 0 ("no time") decodes to the FILETIME epoch: treat it as absent.
_NO_TIME = datetime(1601, 1, 2, tzinfo=UTC)


def quality(status: ua.StatusCode | None) -> Quality:
    """Good -> GOOD, Uncertain* -> UNCERTAIN, Bad* (and the reserved severity 11) -> BAD."""
    if status is None or status.is_good():
        return Quality.GOOD
    if status.is_uncertain():
        return Quality.UNCERTAIN
    return Quality.BAD


def status_text(status: ua.StatusCode | None) -> str:
    if status is None:
        return "Good"
    try:
        return status.name
    except Exception:  # an unknown code: its number says enough
        return f"0x{status.value:08X}"


def timestamp(value: ua.DataValue | None, now: datetime) -> datetime:
    """The SourceTimestamp, else the ServerTimestamp, else `now`; aware UTC."""
    if value is not None:
        for moment in (value.SourceTimestamp, value.ServerTimestamp):
            if moment is None:
                continue
            moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
            if moment > _NO_TIME:
                return moment.astimezone(UTC)
    return now


def plain_value(value: object) -> Value:
    """A value a state table or counter can read; `BadInput` for anything else."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):  # Int16..UInt64, and enumerations (IntEnum)
        return int(value)
    if isinstance(value, float):
        if math.isnan(value):
            raise BadInput("the value is NaN")
        return value
    if isinstance(value, ua.LocalizedText):
        return value.Text
    if isinstance(value, enum.Enum) and isinstance(value.value, int):
        return value.value
    if isinstance(value, list | tuple):
        raise BadInput(f"an array of {len(value)} values, not one bool, number or text")
    raise BadInput(f"a value of type {type(value).__name__}, not a bool, number or text")


def reading(
    source: str, device: str, metric: str, value: object, data: ua.DataValue | None, now: datetime
) -> Reading:
    """One notification as a Reading; `BadInput` if its value is of a type no one can use.

    A Bad or Uncertain status keeps its quality (the state machine ignores it as a state);
    a Bad value that cannot be read is passed as None rather than quarantined.
    """
    status = data.StatusCode if data is not None else None
    quality_ = quality(status)
    try:
        plain = plain_value(value)
    except BadInput:
        if quality_ is Quality.GOOD:
            raise
        plain = None
    return Reading(source, device, metric, plain, quality_, timestamp(data, now))
