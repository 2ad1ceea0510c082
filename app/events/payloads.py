"""The event vocabulary: one payload schema per kind of event.

Payloads are validated on the way in (a command on this terminal, or an event from
another terminal) so reducers can trust them. Field names are what error messages show.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Annotated, Any, ClassVar

import pydantic
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app.errors import FieldProblem, ValidationError
from app.model.types import (
    Channel,
    ExceptionKind,
    HoldScope,
    ItemClass,
    MachineState,
    OverrideKind,
    PriorityClass,
    Role,
    Severity,
)

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/\-]{0,63}$")


def _code(value: str) -> str:
    if not _CODE.match(value):
        raise ValueError("must be 1-64 letters, digits, '.', '_', '/' or '-'")
    return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must carry a timezone (e.g. ...Z)")
    return value


Code = Annotated[str, AfterValidator(_code)]
Name = Annotated[str, Field(min_length=1, max_length=160)]
Moment = Annotated[datetime, AfterValidator(_aware)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class Payload(BaseModel):
    """Base of every payload; `KIND` names the event it belongs to."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    KIND: ClassVar[str]

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# --- plant and reference data (normally imported from the ERP) -----------------------


class SiteDefined(Payload):
    KIND = "site.defined"
    code: Code
    name: Name
    timezone: str = "UTC"


class AreaDefined(Payload):
    KIND = "area.defined"
    code: Code
    site: Code
    name: Name


class ShiftSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: Code
    weekdays: Annotated[str, Field(pattern=r"^[1-7]{1,7}$")]
    starts: time
    ends: time


class ShiftCalendarDefined(Payload):
    KIND = "shift_calendar.defined"
    code: Code
    name: Name
    shifts: list[ShiftSpec] = Field(min_length=1)


class SetupFamilyDefined(Payload):
    KIND = "setup_family.defined"
    code: Code
    name: Name


class WorkCenterDefined(Payload):
    KIND = "work_center.defined"
    code: Code
    area: Code
    name: Name
    calendar: Code | None = None
    capacity: Positive = 1.0
    setup_families: list[Code] = Field(default_factory=list)


class CustomerDefined(Payload):
    KIND = "customer.defined"
    code: Code
    name: Name
    priority_class: PriorityClass


class ItemDefined(Payload):
    KIND = "item.defined"
    code: Code
    name: Name
    item_class: ItemClass
    uom: Annotated[str, Field(min_length=1, max_length=8)] = "pcs"


class BomLineSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    component: Code
    quantity_per: Positive
    operation_seq: Annotated[int, Field(gt=0)] | None = None


class BomDefined(Payload):
    KIND = "bom.defined"
    item: Code
    quantity: Positive = 1.0
    lines: list[BomLineSpec] = Field(min_length=1)


class RoutingStepSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    seq: Annotated[int, Field(gt=0)]
    work_center: Code
    setup_family: Code | None = None
    description: Name
    setup_minutes: NonNegative
    run_minutes_per_unit: NonNegative


class RoutingDefined(Payload):
    KIND = "routing.defined"
    item: Code
    operations: list[RoutingStepSpec] = Field(min_length=1)


class LotRegistered(Payload):
    KIND = "lot.registered"
    lot_no: Code
    item: Code
    quantity: NonNegative
    supplier: str | None = None
    received_at: Moment | None = None


class StockCounted(Payload):
    KIND = "stock.counted"
    item: Code
    location: Code
    lot_no: Code | None = None
    on_hand: NonNegative


class SupplyExpected(Payload):
    KIND = "supply.expected"
    id: Code
    item: Code
    quantity: Positive
    expected_at: Moment
    location: Code
    reference: str | None = None


class OperationSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    seq: Annotated[int, Field(gt=0)]
    work_center: Code
    setup_family: Code | None = None
    description: Name
    setup_minutes: NonNegative
    run_minutes: NonNegative


class MaterialSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    item: Code
    quantity: Positive
    operation_seq: Annotated[int, Field(gt=0)] | None = None
    need_at: Moment
    lot_no: Code | None = None


class WorkOrderReleased(Payload):
    KIND = "work_order.released"
    number: Code
    erp_ref: str | None = None
    item: Code
    quantity: Positive
    due_at: Moment
    commit_at: Moment | None = None
    customer: Code | None = None
    priority_class: PriorityClass = PriorityClass.C
    operations: list[OperationSpec] = Field(min_length=1)
    materials: list[MaterialSpec] = Field(default_factory=list)


# --- execution on the floor ------------------------------------------------------------

Reason = Annotated[str, Field(min_length=3, max_length=500)]


class OperationStarted(Payload):
    KIND = "operation.started"
    operation_id: Annotated[str, Field(min_length=1, max_length=64)]


class OperationConfirmed(Payload):
    """Good and scrap quantities reported; `final` completes the operation."""

    KIND = "operation.confirmed"
    operation_id: Annotated[str, Field(min_length=1, max_length=64)]
    good: NonNegative
    scrap: NonNegative = 0.0
    final: bool = False


class OverrideSet(Payload):
    KIND = "priority.override_set"
    override_id: Annotated[str, Field(min_length=1, max_length=36)]
    operation_id: Annotated[str, Field(min_length=1, max_length=64)]
    kind: OverrideKind
    target_operation_id: str | None = None
    reason: Reason


class OverrideCleared(Payload):
    KIND = "priority.override_cleared"
    override_id: Annotated[str, Field(min_length=1, max_length=36)]
    reason: Reason


class MachineStateChanged(Payload):
    KIND = "machine.state_changed"
    work_center: Code
    state: MachineState
    reason: Annotated[str, Field(max_length=200)] | None = None


class HoldPlaced(Payload):
    KIND = "hold.placed"
    hold_id: Annotated[str, Field(min_length=1, max_length=36)]
    scope: HoldScope
    key: Annotated[str, Field(min_length=1, max_length=64)]
    reason: Reason


class HoldReleased(Payload):
    KIND = "hold.released"
    hold_id: Annotated[str, Field(min_length=1, max_length=36)]
    note: Reason


class MaterialIssued(Payload):
    """Material handed to a work order at the line (a goods issue): from a staged lot or
    loose stock, for one operation or the order's first that needs it."""

    KIND = "material.issued"
    work_order: Annotated[str, Field(min_length=1, max_length=40)]
    item: Code
    qty: Positive
    lot: Code | None = None
    operation_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    location: Code | None = None  # where it was taken from, when the person says


# --- exceptions ----------------------------------------------------------------------

Id = Annotated[str, Field(min_length=1, max_length=64)]
Note = Annotated[str, Field(max_length=2000)]


class TierSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    after_minutes: Positive
    to_role: Role


class TaskSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    task_id: Id
    function: Role
    action: Annotated[str, Field(min_length=1, max_length=200)]
    due_at: Moment | None = None


class ExceptionRaised(Payload):
    """An exception with what it touches and how it was routed when it was raised."""

    KIND = "exception.raised"
    exception_id: Id
    kind: ExceptionKind
    severity: Severity
    channel: Channel
    summary: Annotated[str, Field(min_length=1, max_length=200)]
    note: Note | None = None
    work_center: Code | None = None
    work_order: Code | None = None
    operation_id: Id | None = None
    item: Code | None = None
    lot_no: Code | None = None
    quantity: NonNegative | None = None
    details: dict[str, str | float | int | bool | None] = Field(default_factory=dict)
    rule: Annotated[str, Field(max_length=120)]
    owner_role: Role
    owner_user: Code | None = None
    ack_due: Moment
    resolve_due: Moment
    ladder: list[TierSpec] = Field(default_factory=list)
    tasks: list[TaskSpec] = Field(default_factory=list)


class ExceptionAcknowledged(Payload):
    KIND = "exception.acknowledged"
    exception_id: Id


class ExceptionProgressed(Payload):
    """Work has started on it, or it waits on something named."""

    KIND = "exception.progressed"
    exception_id: Id
    waiting_on: Annotated[str, Field(max_length=200)] | None = None


class ExceptionReassigned(Payload):
    KIND = "exception.reassigned"
    exception_id: Id
    owner_role: Role
    owner_user: Code | None = None
    reason: Reason


class ExceptionResolved(Payload):
    KIND = "exception.resolved"
    exception_id: Id
    decision: Annotated[str, Field(min_length=2, max_length=2000)]
    root_cause: Code
    note: Note | None = None
    details: dict[str, str | float | int | bool | None] = Field(default_factory=dict)


class ExceptionClosed(Payload):
    KIND = "exception.closed"
    exception_id: Id


class ExceptionReopened(Payload):
    KIND = "exception.reopened"
    exception_id: Id
    reason: Reason


class ExceptionDeadlinePassed(Payload):
    """An SLA breached or an escalation tier reached; its event id is name-based (one per fact)."""

    KIND = "exception.deadline_passed"
    exception_id: Id
    fact: Annotated[str, Field(pattern=r"^(sla:ack|sla:resolve|escalation:[1-9][0-9]?)$")]
    due_at: Moment
    to_role: Role | None = None


class TaskAcknowledged(Payload):
    KIND = "task.acknowledged"
    task_id: Id


class TaskDone(Payload):
    KIND = "task.done"
    task_id: Id
    note: Note | None = None


# --- people ------------------------------------------------------------------------------


class UserEnrolled(Payload):
    KIND = "user.enrolled"
    id: Code
    name: Name
    badge_id: Code | None = None
    pin_hash: str | None = None
    roles: list[Role] = Field(min_length=1)


class UserLoggedIn(Payload):
    KIND = "user.logged_in"
    user_id: Code
    method: Annotated[str, Field(pattern=r"^(badge|pin)$")]


class UserLoginFailed(Payload):
    """A wrong PIN (or unknown number) typed at a terminal: kept for the audit and lockout."""

    KIND = "user.login_failed"
    user_id: Annotated[str, Field(min_length=1, max_length=64)]
    method: Annotated[str, Field(pattern=r"^(badge|pin)$")]


class UserLoggedOut(Payload):
    KIND = "user.logged_out"
    user_id: Code
    reason: Annotated[str, Field(pattern=r"^(user|idle|switch)$")] = "user"


# --- ERP write-back (recorded by the server's ERP writer, or by a supervisor) ----------


class ErpPostingAcknowledged(Payload):
    """The ERP holds the posting: its document, and when it said so (the posting lag's end)."""

    KIND = "erp.posting_acknowledged"
    posting_id: Id
    document: Annotated[str, Field(min_length=1, max_length=140)]
    already: bool = False  # found by its reference: an earlier try had committed


class ErpPostingFailed(Payload):
    """The ERP refused the posting: a person must look (the ERP's own message)."""

    KIND = "erp.posting_failed"
    posting_id: Id
    error: Annotated[str, Field(min_length=1, max_length=2000)]


class ErpPostingRetried(Payload):
    KIND = "erp.posting_retried"
    posting_id: Id
    reason: Reason


class ErpPostingEdited(Payload):
    KIND = "erp.posting_edited"
    posting_id: Id
    changes: dict[str, Any]
    reason: Reason


class ErpPostingCancelled(Payload):
    KIND = "erp.posting_cancelled"
    posting_id: Id
    reason: Reason


class ErpImportCompleted(Payload):
    """An import from the ERP ran: what it brought, and where the next one starts."""

    KIND = "erp.import_completed"
    high_water: str | None = None
    imported: dict[str, int] = Field(default_factory=dict)
    skipped: Annotated[int, Field(ge=0)] = 0


PAYLOAD_TYPES: dict[str, type[Payload]] = {cls.KIND: cls for cls in Payload.__subclasses__()}


def problems_of(error: pydantic.ValidationError, prefix: str = "") -> list[FieldProblem]:
    problems = []
    for detail in error.errors():
        field = ".".join(str(part) for part in detail["loc"]) or "payload"
        problems.append(FieldProblem(prefix + field, detail["msg"]))
    return problems


def parse_payload(kind: str, data: Any) -> Payload:
    """Validate raw payload data of a kind; raise ValidationError naming each bad field."""
    try:
        cls = PAYLOAD_TYPES[kind]
    except KeyError:
        raise ValidationError.one("kind", f"unknown event kind {kind!r}") from None
    try:
        return cls.model_validate(data)
    except pydantic.ValidationError as error:
        raise ValidationError(problems_of(error)) from None
