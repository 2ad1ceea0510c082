"""What the work-center state machines decide: plain frozen values for the service layer.

Every decision names its work center and the moment it holds (`at`, aware UTC), carries
what the event it becomes needs, and a deterministic `key`: the same fact decided twice
(two hosts reading one broker, a replay after a restart) has the same key, so
`decision_id` gives it the same name-based UUID and the event log keeps it once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.model.types import MachineState

MACHINE_FACT_NAMESPACE = uuid.UUID("0c3f5d8e-6b1a-4f7e-9d42-7a1e5c9b3f60")

NO_REASON_GIVEN = "no reason given"  # what a downtime says until its operator answers


MAPPED_STATES = (MachineState.RUNNING, MachineState.IDLE, MachineState.DOWN)


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def downtime_key(work_center: str, since: datetime) -> str:
    """The name of one downtime: its work center and the moment its machine went down."""
    return f"{work_center}/downtime/{_stamp(since)}"


@dataclass(frozen=True, slots=True)
class StateChanged:
    """The work center's shown state changed at `at`; the previous one lasted `duration`."""

    work_center: str
    at: datetime
    state: MachineState
    previous: MachineState | None  # None: the first state the machine knows
    duration: timedelta  # how long `previous` lasted (zero for the first)
    detail: str = ""  # why, in words: "NDEATH bdSeq 7", "shift ended", "value 'X' unmapped"
    fault_code: str | None = None  # idle or down: the fault code the machine gave

    @property
    def key(self) -> str:
        return f"{self.work_center}/state/{_stamp(self.at)}/{self.state}"


@dataclass(frozen=True, slots=True)
class MicroStop:
    """A stop that ran again within the micro-stop threshold: a performance loss, counted."""

    work_center: str
    at: datetime  # when it ran again
    since: datetime  # when it stopped
    duration: timedelta
    fault_code: str | None

    @property
    def key(self) -> str:
        return f"{self.work_center}/micro-stop/{_stamp(self.since)}"


@dataclass(frozen=True, slots=True)
class DowntimeOpened:
    """Down for longer than the threshold: a downtime exception that blocks the lane.

    `at` is the moment the threshold was passed (`since` + threshold), not when a tick
    noticed, so every host decides the same. `reason_code` is the fault code's mapped
    reason, else None: the operator is asked, and until answered it reads
    NO_REASON_GIVEN.
    """

    work_center: str
    at: datetime
    since: datetime
    fault_code: str | None
    reason_code: str | None
    blocks_lane: bool = True

    @property
    def downtime_key(self) -> str:
        return downtime_key(self.work_center, self.since)

    @property
    def key(self) -> str:
        return self.downtime_key


@dataclass(frozen=True, slots=True)
class DowntimeClosed:
    """The machine ran again: the downtime ends with its duration (`at` - `since`).

    `reason_code` is the reason as it stands (mapped or answered; None: no reason given);
    the operator may still give or change it until `reason_editable_until`.
    """

    work_center: str
    at: datetime
    since: datetime
    duration: timedelta
    fault_code: str | None
    reason_code: str | None
    reason_editable_until: datetime

    @property
    def downtime_key(self) -> str:
        return downtime_key(self.work_center, self.since)

    @property
    def key(self) -> str:
        return f"{self.downtime_key}/closed"


@dataclass(frozen=True, slots=True)
class ReasonAnswered:
    """Someone gave (or changed) the reason of a downtime, within its edit window."""

    work_center: str
    at: datetime
    downtime_key: str
    reason_code: str

    @property
    def key(self) -> str:
        return f"{self.downtime_key}/reason/{_stamp(self.at)}/{self.reason_code}"


@dataclass(frozen=True, slots=True)
class PartsMade:
    """The part counter advanced by `count` (a reset or a wrap is handled, never negative).

    `auto_confirm`: the plant lets these parts confirm the running operation by
    themselves; otherwise they only advance it, and a person confirms.
    """

    work_center: str
    at: datetime
    count: int
    counter: int  # the counter's value now
    reset: bool  # the counter went back (reset or wrap) before this count
    auto_confirm: bool
    cycle_seconds: float | None  # the last cycle time the machine reported

    @property
    def key(self) -> str:
        return f"{self.work_center}/parts/{_stamp(self.at)}/{self.counter}"


@dataclass(frozen=True, slots=True)
class UnusableReading:
    """A reading of a mapped metric that cannot be used (diagnostics, quarantine count)."""

    work_center: str
    at: datetime
    source: str
    device: str
    metric: str
    value: str  # repr of the value
    problem: str

    @property
    def key(self) -> str:
        return (
            f"{self.work_center}/unusable/{_stamp(self.at)}/"
            f"{self.source}/{self.device}/{self.metric}"
        )


Decision = (
    StateChanged
    | MicroStop
    | DowntimeOpened
    | DowntimeClosed
    | ReasonAnswered
    | PartsMade
    | UnusableReading
)


def decision_id(decision: Decision) -> uuid.UUID:
    """The name-based UUID of a decided fact: the same fact always gets the same id."""
    return uuid.uuid5(MACHINE_FACT_NAMESPACE, f"{type(decision).__name__}:{decision.key}")


def downtime_id(key: str) -> uuid.UUID:
    """The id of downtime `key` (the `decision_id` of its DowntimeOpened): what its
    exception, its end and its reason refer to."""
    return uuid.uuid5(MACHINE_FACT_NAMESPACE, f"DowntimeOpened:{key}")
