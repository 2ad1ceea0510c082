"""A scripted edge node for the pure tracker tests: (topic, payload) pairs, no broker."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from app.machines.signals import Quality
from sync.machines.sparkplug.payload import (
    BD_SEQ,
    REBIRTH,
    DataType,
    MetricValue,
    OutMetric,
    encode_payload,
)
from sync.machines.sparkplug.topics import Verb, topic

Message = tuple[str, bytes]
Specs = Mapping[str, tuple[DataType, MetricValue]]

T0 = datetime.fromisoformat("2026-11-23T08:00:00+00:00")


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


class Script:
    """Writes what an edge node would send; seq advances by itself unless given."""

    def __init__(self, group: str = "plant", node: str = "line1") -> None:
        self.group, self.node = group, node
        self.seq = 0
        self.bd_seq = 0
        self.aliases: dict[tuple[str | None, str], int] = {}
        self.types: dict[tuple[str | None, str], DataType] = {}

    def _next(self, seq: int | None) -> int:
        """The automatic seq, or the one given (which leaves the automatic one alone)."""
        if seq is not None:
            return seq
        used, self.seq = self.seq, (self.seq + 1) % 256
        return used

    def _metrics(self, device: str | None, specs: Specs, alias_base: int | None) -> list[OutMetric]:
        out = []
        for offset, (name, (datatype, value)) in enumerate(specs.items()):
            alias = None if alias_base is None else alias_base + offset
            if alias is not None:
                self.aliases[(device, name)] = alias
            self.types[(device, name)] = datatype
            out.append(OutMetric(name, datatype, value, alias=alias, timestamp=T0))
        return out

    def nbirth(
        self, specs: Specs, *, bd_seq: int | None = None, seq: int = 0, alias_base: int | None = 1
    ) -> Message:
        self.bd_seq = self.bd_seq if bd_seq is None else bd_seq
        self.aliases = {k: v for k, v in self.aliases.items() if k[0] is not None}
        metrics = [
            OutMetric(BD_SEQ, DataType.Int64, self.bd_seq, timestamp=T0),
            OutMetric(REBIRTH, DataType.Boolean, False, timestamp=T0),
            *self._metrics(None, specs, alias_base),
        ]
        self.seq = seq
        return self._send(Verb.NBIRTH, None, metrics, None)

    def dbirth(
        self, device: str, specs: Specs, *, alias_base: int | None = 100, seq: int | None = None
    ) -> Message:
        return self._send(Verb.DBIRTH, device, self._metrics(device, specs, alias_base), seq)

    def data(
        self,
        values: Mapping[str, MetricValue],
        device: str | None = None,
        *,
        seq: int | None = None,
        quality: Quality | None = None,
        by_name: bool = False,
        timestamp: datetime | None = T0,
    ) -> Message:
        metrics = [
            OutMetric(
                name if by_name or (device, name) not in self.aliases else None,
                self.types[(device, name)],
                value,
                alias=None if by_name else self.aliases.get((device, name)),
                timestamp=timestamp,
                quality=quality,
                send_datatype=False,
            )
            for name, value in values.items()
        ]
        return self._send(Verb.NDATA if device is None else Verb.DDATA, device, metrics, seq)

    def raw_data(
        self, device: str | None, metrics: list[OutMetric], *, seq: int | None = None
    ) -> Message:
        return self._send(Verb.NDATA if device is None else Verb.DDATA, device, metrics, seq)

    def ddeath(self, device: str, *, seq: int | None = None) -> Message:
        return self._send(Verb.DDEATH, device, [], seq)

    def ndeath(self, bd_seq: int | None = None) -> Message:
        metric = OutMetric(BD_SEQ, DataType.Int64, self.bd_seq if bd_seq is None else bd_seq)
        return topic(self.group, Verb.NDEATH, self.node), encode_payload(
            [metric], timestamp=T0, seq=None
        )

    def junk(
        self,
        verb: Verb = Verb.DDATA,
        device: str | None = "press",
        body: bytes = b"\xff\xff\xff\xff",
    ) -> Message:
        return topic(self.group, verb, self.node, device if verb.is_device else None), body

    def _send(
        self, verb: Verb, device: str | None, metrics: list[OutMetric], seq: int | None
    ) -> Message:
        payload = encode_payload(metrics, timestamp=T0, seq=self._next(seq))
        return topic(self.group, verb, self.node, device), payload
