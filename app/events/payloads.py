"""The event vocabulary: one payload schema per kind of event.

Payloads are validated on the way in (a command on this terminal, or an event from
another terminal) so reducers can trust them. Field names are what error messages show.

Every string is `Text`: bounded (no longer than the column it lands in, so PostgreSQL
never refuses what SQLite took) and free of control characters (NUL, C0, DEL, C1, and
lone surrogates, which no database can store). Only multi-line fields (notes, the ERP's
own error) keep tabs and line breaks. Every quantity is finite, non-negative and below
MAX_QUANTITY; what an operation or an order can hold is the reducers' business
(app/limits.py).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Annotated, Any, ClassVar, Literal

import pydantic
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
)
from pydantic import PlainValidator as _Plain
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from app.errors import FieldProblem, ValidationError
from app.model.types import (
    Channel,
    ExceptionKind,
    HoldScope,
    ItemClass,
    MachineState,
    MessageChannel,
    OverrideKind,
    PostingKind,
    PriorityClass,
    Role,
    Severity,
)

# No plant makes or moves a billion of anything in one report; 1e300 is an attack or a typo.
MAX_QUANTITY = 1e9
# Routing and BOM positions, counts: well inside a 32-bit column.
MAX_SEQ = 999_999
MAX_COUNT = 1_000_000_000
# `details`, `changes`, `imported`: a handful of named values, not a document.
MAX_KEYS = 32
MAX_KEY_LEN = 64
MAX_VALUE_LEN = 500
# Integers and numbers a JSON reader in any language keeps exactly.
MAX_INT = 2**53

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/\-]*")


def _problem(kind: str, message: str) -> PydanticCustomError:
    # A custom error's message is shown as it is ("reason: must not ..."), no "Value error,".
    return PydanticCustomError(kind, message)


def check_text(value: str, max_len: int, *, min_len: int = 0, multiline: bool = False) -> str:
    """`value` if it is acceptable text of at most `max_len` characters; raise otherwise.

    Multi-line text has its line breaks made \\n (a pasted Windows message, an ERP's
    answer), so a stray carriage return is never stored.
    """
    if multiline and "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(value) > max_len:
        raise _problem(
            "text_too_long", f"must be at most {max_len} characters (it has {len(value)})"
        )
    bad = (_CONTROL_MULTILINE if multiline else _CONTROL).search(value)
    if bad is not None:
        if "\ud800" <= bad.group() <= "\udfff":
            raise _problem("text_surrogate", "is not valid text (it holds a lone surrogate)")
        if bad.group() in "\n\t\r":
            raise _problem("text_line_break", "must be one line (no line breaks or tabs)")
        raise _problem("text_control", "must not contain control characters")
    if len(value) < min_len:
        raise _problem(
            "text_too_short",
            "must not be empty" if min_len == 1 else f"must be at least {min_len} characters",
        )
    return value


def printable(value: str, max_len: int, *, multiline: bool = False) -> str:
    """Text from outside (an ERP's error, a machine's message) made acceptable for a
    `Text(max_len)` field: control characters become spaces, and it is cut to fit."""
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = (_CONTROL_MULTILINE if multiline else _CONTROL).sub(" ", value)
    return value if len(value) <= max_len else value[: max_len - 1] + "…"


@dataclass(frozen=True)
class Text:
    """A string field's limits, as `Annotated[str, Text(500, min_len=3)]`.

    `code`: an identifier people type or scan (letters, digits, '.', '_', '/', '-').
    `erp_name`: a name the ERP gave (a workstation "Laser Cutter", an item code): kept
    as the ERP spells it, inner spaces and all, but not empty and without leading or
    trailing blanks (the ERP trims them; a padded name would be a different key).
    `multiline`: tabs and line breaks are allowed (a note, a pasted message).
    """

    max_len: int
    min_len: int = 0
    multiline: bool = False
    code: bool = False
    erp_name: bool = False

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, core_schema.str_schema())

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # The limits show in the schema too; the check itself gives the messages above.
        json_schema = handler(schema)
        json_schema["maxLength"] = self.max_len
        if self.min_len or self.code or self.erp_name:
            json_schema["minLength"] = max(self.min_len, 1)
        return json_schema

    def check(self, value: str) -> str:
        value = check_text(value, self.max_len, min_len=self.min_len, multiline=self.multiline)
        if self.code and not _CODE.fullmatch(value):
            raise _problem(
                "code",
                f"must be 1-{self.max_len} letters, digits, '.', '_', '/' or '-', "
                "starting with a letter or digit",
            )
        if self.erp_name and (not value or value != value.strip(" ")):
            raise _problem(
                "erp_name",
                f"must be 1-{self.max_len} characters as the ERP names it, "
                "without leading or trailing spaces",
            )
        return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise _problem("naive_datetime", "must carry a timezone (e.g. ...Z)")
    return value


def _detail_value(value: Any) -> str | float | int | bool | None:
    """One value of `details` or `changes`: short text, a bounded number, true/false, null."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            raise _problem("number_too_large", f"must be at most {MAX_INT:,} in size")
        return value
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) > MAX_INT:
            raise _problem("number_too_large", f"must be a finite number at most {MAX_INT:,}")
        return value
    if isinstance(value, str):
        return check_text(value, MAX_VALUE_LEN)
    raise _problem("detail_type", "must be text, a number, true/false or null")


# Codes, as long as the columns that hold them.
ShortCode = Annotated[str, Text(32, code=True)]  # site, area, calendar, shift, setup
# family, work center, customer, user
Code40 = Annotated[str, Text(40, code=True)]  # item, lot, location, work order
Code = Annotated[str, Text(64, code=True)]  # badges, root causes, supplies
# What the ERP names and Takt refers to as it does ("Laser Cutter", "Steel Sheet 2 mm"):
# inner spaces allowed, no control characters, as long as the column that holds them.
WorkCenterName = Annotated[str, Text(32, erp_name=True)]  # work_centers.code
ItemName = Annotated[str, Text(40, erp_name=True)]  # items.code
WorkOrderName = Annotated[str, Text(40, erp_name=True)]  # work_orders.number
# Keys made by Takt (uuids): holds, overrides, exceptions, tasks, postings.
Key = Annotated[str, Text(36, min_len=1)]
OperationId = Annotated[str, Text(64, min_len=1)]  # "<work order>/<seq>"
Name = Annotated[str, Text(120, min_len=1)]
LongName = Annotated[str, Text(160, min_len=1)]  # items, customers, operation steps
Reason = Annotated[str, Text(500, min_len=3)]
Note = Annotated[str, Text(2000, multiline=True)]
# A language as the screens know it: "de", "pt_BR" (ISO 639 and, optionally, a region).
_LANGUAGE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


def _language(value: str) -> str:
    if not _LANGUAGE.match(value):
        raise _problem("language_code", "must be a language code such as de or pt_BR")
    return value


LanguageCode = Annotated[str, Text(8, code=True), AfterValidator(_language)]
Moment = Annotated[datetime, AfterValidator(_aware)]
Positive = Annotated[float, Field(gt=0, le=MAX_QUANTITY, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, le=MAX_QUANTITY, allow_inf_nan=False)]
Seq = Annotated[int, Field(gt=0, le=MAX_SEQ)]
DictKey = Annotated[str, Text(MAX_KEY_LEN, min_len=1)]
DetailValue = Annotated[str | float | int | bool | None, _Plain(_detail_value)]
Details = Annotated[dict[DictKey, DetailValue], Field(max_length=MAX_KEYS)]


class Payload(BaseModel):
    """Base of every payload; `KIND` names the event it belongs to."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    KIND: ClassVar[str]

    def __init__(self, **data: Any) -> None:
        # A service builds its payload from what a person typed: a bad value is an
        # error naming the field (as the form labels it), not a pydantic traceback.
        try:
            super().__init__(**data)
        except pydantic.ValidationError as error:
            raise ValidationError(problems_of(error)) from None

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# --- plant and reference data (normally imported from the ERP) -----------------------


class SiteDefined(Payload):
    KIND = "site.defined"
    code: ShortCode
    name: Name
    timezone: Annotated[str, Text(64, min_len=1)] = "UTC"


class AreaDefined(Payload):
    KIND = "area.defined"
    code: ShortCode
    site: ShortCode
    name: Name


class ShiftSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: ShortCode
    weekdays: Annotated[str, Field(pattern=r"^[1-7]{1,7}$")]
    starts: time
    ends: time


class BreakSpec(BaseModel):
    """A break or a planned stop inside a calendar's shifts: no production then.

    `shift`: only in that shift (by name), else in every shift; `weekdays`: only on those
    ISO weekdays, else every day; `reason` names a planned stop ("weekly maintenance")."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    starts: time
    ends: time
    shift: ShortCode | None = None
    weekdays: Annotated[str, Field(pattern=r"^[1-7]{1,7}$")] | None = None
    reason: Annotated[str, Text(120)] | None = None


class ShiftCalendarDefined(Payload):
    KIND = "shift_calendar.defined"
    code: ShortCode
    name: Name
    shifts: list[ShiftSpec] = Field(min_length=1, max_length=50)
    # The area whose leads hand over by this calendar's shifts (resources/shifts/).
    area: ShortCode | None = None
    breaks: list[BreakSpec] = Field(default_factory=list, max_length=100)
    planned_stops: list[BreakSpec] = Field(default_factory=list, max_length=100)


class SetupFamilyDefined(Payload):
    KIND = "setup_family.defined"
    code: ShortCode
    name: Name


class WorkCenterDefined(Payload):
    KIND = "work_center.defined"
    code: WorkCenterName
    area: ShortCode
    name: Name
    calendar: ShortCode | None = None
    capacity: Positive = 1.0
    setup_families: list[ShortCode] = Field(default_factory=list, max_length=100)


class CustomerDefined(Payload):
    KIND = "customer.defined"
    code: ShortCode
    name: LongName
    priority_class: PriorityClass


class ItemDefined(Payload):
    KIND = "item.defined"
    code: ItemName
    name: LongName
    item_class: ItemClass
    uom: Annotated[str, Text(8, min_len=1)] = "pcs"
    # False: disabled or deleted in the ERP. The item stays (orders, stock and the log
    # name it) but is no longer offered, and a new import refers to it no more.
    active: bool = True


class BomLineSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    component: ItemName
    quantity_per: Positive
    operation_seq: Seq | None = None


class BomDefined(Payload):
    KIND = "bom.defined"
    item: ItemName
    quantity: Positive = 1.0
    lines: list[BomLineSpec] = Field(min_length=1, max_length=1000)


class RoutingStepSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    seq: Seq
    work_center: WorkCenterName
    setup_family: ShortCode | None = None
    description: LongName
    setup_minutes: NonNegative
    run_minutes_per_unit: NonNegative


class RoutingDefined(Payload):
    KIND = "routing.defined"
    item: ItemName
    operations: list[RoutingStepSpec] = Field(min_length=1, max_length=500)


class LotRegistered(Payload):
    KIND = "lot.registered"
    lot_no: Code40
    item: ItemName
    quantity: NonNegative
    supplier: Annotated[str, Text(120)] | None = None
    received_at: Moment | None = None


class StockCounted(Payload):
    KIND = "stock.counted"
    item: ItemName
    location: Code40
    lot_no: Code40 | None = None
    on_hand: NonNegative


class SupplyExpected(Payload):
    KIND = "supply.expected"
    id: Code
    item: ItemName
    quantity: Positive
    expected_at: Moment
    location: Code40
    reference: Annotated[str, Text(80)] | None = None


class OperationSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    seq: Seq
    work_center: WorkCenterName
    setup_family: ShortCode | None = None
    description: LongName
    setup_minutes: NonNegative
    run_minutes: NonNegative


class MaterialSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    item: ItemName
    quantity: Positive
    operation_seq: Seq | None = None
    need_at: Moment
    lot_no: Code40 | None = None


class WorkOrderReleased(Payload):
    KIND = "work_order.released"
    number: WorkOrderName
    erp_ref: Annotated[str, Text(80, min_len=1)] | None = None
    item: ItemName
    quantity: Positive
    due_at: Moment
    commit_at: Moment | None = None
    customer: ShortCode | None = None
    priority_class: PriorityClass = PriorityClass.C
    operations: list[OperationSpec] = Field(min_length=1, max_length=500)
    materials: list[MaterialSpec] = Field(default_factory=list, max_length=999)
    # Made in the ERP before Takt ran the order (its produced quantity when Takt first
    # imported it): `quantity` is what is left for the floor. A later import keeps the
    # same figure, so Takt's own postings raising the ERP's count never shrink the order.
    done_before: NonNegative = 0.0


class WorkOrderWithdrawn(Payload):
    """The ERP took a work order off the plan: stopped, closed, cancelled, completed
    there, or deleted. It leaves the board; the floor's record of it stays. A stopped
    order released again comes back with a new work_order.released."""

    KIND = "work_order.withdrawn"
    number: WorkOrderName
    state: Literal["stopped", "closed", "cancelled", "completed", "deleted"]
    erp_status: Annotated[str, Text(40)] = ""  # the ERP's own word ("Stopped", "cancel")


# --- execution on the floor ------------------------------------------------------------


class OperationStarted(Payload):
    KIND = "operation.started"
    operation_id: OperationId


class OperationConfirmed(Payload):
    """Good and scrap quantities reported; `final` completes the operation."""

    KIND = "operation.confirmed"
    operation_id: OperationId
    good: NonNegative
    scrap: NonNegative = 0.0
    final: bool = False


class OverrideSet(Payload):
    KIND = "priority.override_set"
    override_id: Key
    operation_id: OperationId
    kind: OverrideKind
    target_operation_id: OperationId | None = None
    reason: Reason


class OverrideCleared(Payload):
    KIND = "priority.override_cleared"
    override_id: Key
    reason: Reason


class MachineStateChanged(Payload):
    KIND = "machine.state_changed"
    work_center: WorkCenterName
    state: MachineState
    reason: Annotated[str, Text(200)] | None = None
    fault_code: Code | None = None  # what the machine said when it stopped


class MachineDowntimeEnded(Payload):
    """The machine that opened a downtime runs again: the downtime ends, with its length.

    Its event id is name-based (the downtime's key), so two hosts that saw the same
    restart record it once."""

    KIND = "machine.downtime_ended"
    exception_id: Key
    work_center: WorkCenterName
    since: Moment  # when the machine stopped
    ended_at: Moment  # when it ran again
    reason_code: Code | None = None  # the reason as it stands (None: no reason given)


class MachineMicroStop(Payload):
    """A stop shorter than the micro-stop threshold: a performance loss, not a downtime."""

    KIND = "machine.micro_stop"
    work_center: WorkCenterName
    since: Moment
    duration_s: Annotated[float, Field(ge=0, le=86_400, allow_inf_nan=False)]
    fault_code: Code | None = None


class MachinePartsCounted(Payload):
    """The machine's part counter advanced: the running operation's machine count grows."""

    KIND = "machine.parts_counted"
    work_center: WorkCenterName
    count: Annotated[int, Field(gt=0, le=1_000_000)]


class DowntimeReasonGiven(Payload):
    """A person says why a machine stopped (or corrects it), within a day of its end."""

    KIND = "machine.downtime_reason_given"
    exception_id: Key
    reason_code: Code
    note: Note | None = None


class HoldPlaced(Payload):
    KIND = "hold.placed"
    hold_id: Key
    scope: HoldScope
    key: Annotated[str, Text(64, min_len=1)]
    reason: Reason


class HoldReleased(Payload):
    KIND = "hold.released"
    hold_id: Key
    note: Reason


class MaterialIssued(Payload):
    """Material handed to a work order at the line (a goods issue): from a staged lot or
    loose stock, for one operation or the order's first that needs it."""

    KIND = "material.issued"
    work_order: WorkOrderName
    item: ItemName
    qty: Positive
    lot: Code40 | None = None
    operation_id: OperationId | None = None
    location: Code40 | None = None  # where it was taken from, when the person says


# --- exceptions ----------------------------------------------------------------------


class TierSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    after_minutes: Positive
    to_role: Role


class TaskSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    task_id: Key
    function: Role
    action: Annotated[str, Text(200, min_len=1)]
    due_at: Moment | None = None


class ExceptionRaised(Payload):
    """An exception with what it touches and how it was routed when it was raised."""

    KIND = "exception.raised"
    exception_id: Key
    kind: ExceptionKind
    severity: Severity
    channel: Channel
    summary: Annotated[str, Text(200, min_len=1)]
    note: Note | None = None
    work_center: WorkCenterName | None = None
    work_order: WorkOrderName | None = None
    operation_id: OperationId | None = None
    item: ItemName | None = None
    lot_no: Code40 | None = None
    quantity: NonNegative | None = None
    details: Details = Field(default_factory=dict)
    rule: Annotated[str, Text(120)]
    owner_role: Role
    owner_user: ShortCode | None = None
    ack_due: Moment
    resolve_due: Moment
    ladder: list[TierSpec] = Field(default_factory=list, max_length=20)
    tasks: list[TaskSpec] = Field(default_factory=list, max_length=20)


class ExceptionAcknowledged(Payload):
    KIND = "exception.acknowledged"
    exception_id: Key


class ExceptionProgressed(Payload):
    """Work has started on it, or it waits on something named."""

    KIND = "exception.progressed"
    exception_id: Key
    waiting_on: Annotated[str, Text(200)] | None = None


class ExceptionReassigned(Payload):
    KIND = "exception.reassigned"
    exception_id: Key
    owner_role: Role
    owner_user: ShortCode | None = None
    reason: Reason


class ExceptionResolved(Payload):
    KIND = "exception.resolved"
    exception_id: Key
    decision: Annotated[str, Text(2000, min_len=2)]
    root_cause: Code
    note: Note | None = None
    details: Details = Field(default_factory=dict)


class ExceptionClosed(Payload):
    KIND = "exception.closed"
    exception_id: Key


class ExceptionReopened(Payload):
    KIND = "exception.reopened"
    exception_id: Key
    reason: Reason


class ExceptionDeadlinePassed(Payload):
    """An SLA breached or an escalation tier reached; its event id is name-based (one per fact)."""

    KIND = "exception.deadline_passed"
    exception_id: Key
    fact: Annotated[str, Field(pattern=r"^(sla:ack|sla:resolve|escalation:[1-9][0-9]?)$")]
    due_at: Moment
    to_role: Role | None = None


class TaskAcknowledged(Payload):
    KIND = "task.acknowledged"
    task_id: Key


class TaskDone(Payload):
    KIND = "task.done"
    task_id: Key
    note: Note | None = None


# --- people ------------------------------------------------------------------------------


class UserEnrolled(Payload):
    KIND = "user.enrolled"
    id: ShortCode
    name: Name
    badge_id: Code | None = None
    pin_hash: Annotated[str, Text(200, min_len=1)] | None = None
    roles: list[Role] = Field(min_length=1, max_length=len(Role))
    language: LanguageCode | None = None


class UserLanguageSet(Payload):
    """A person chose the language their screens speak (on any terminal, from now on)."""

    KIND = "user.language_set"
    user_id: ShortCode
    language: LanguageCode


class UserLoggedIn(Payload):
    KIND = "user.logged_in"
    user_id: ShortCode
    method: Annotated[str, Field(pattern=r"^(badge|pin)$")]


class UserLoginFailed(Payload):
    """A wrong PIN (or unknown number) typed at a terminal: kept for the audit and lockout."""

    KIND = "user.login_failed"
    user_id: Annotated[str, Text(64, min_len=1)]
    method: Annotated[str, Field(pattern=r"^(badge|pin)$")]


class UserLockedOut(Payload):
    """Too many wrong PINs in a row: PIN login for that number is refused until `until`."""

    KIND = "user.locked_out"
    user_id: Annotated[str, Text(64, min_len=1)]
    until: Moment
    failures: Annotated[int, Field(ge=1, le=1000)]


class UserLoggedOut(Payload):
    KIND = "user.logged_out"
    user_id: ShortCode
    reason: Annotated[str, Field(pattern=r"^(user|idle|switch)$")] = "user"


# --- ERP write-back (recorded by the server's ERP writer, or by a supervisor) ----------


class ErpPostingAcknowledged(Payload):
    """The ERP holds the posting: its document, and when it said so (the posting lag's end)."""

    KIND = "erp.posting_acknowledged"
    posting_id: Key
    document: Annotated[str, Text(80, min_len=1)]
    already: bool = False  # found by its reference: an earlier try had committed


class ErpPostingFailed(Payload):
    """The ERP refused the posting: a person must look (the ERP's own message)."""

    KIND = "erp.posting_failed"
    posting_id: Key
    error: Annotated[str, Text(2000, min_len=1, multiline=True)]


class ErpPostingRetried(Payload):
    KIND = "erp.posting_retried"
    posting_id: Key
    reason: Reason


class ErpPostingEdited(Payload):
    KIND = "erp.posting_edited"
    posting_id: Key
    changes: Details
    reason: Reason


class ErpPostingCancelled(Payload):
    KIND = "erp.posting_cancelled"
    posting_id: Key
    reason: Reason


class ErpPostingOrphaned(Payload):
    """The ERP holds a document for an event Takt refused: a server restored from a
    backup had lost the event after the ERP booked its posting, and judged it again when
    it came back. The posting is what the event would have posted, looked up by its
    reference; a person reverses the document in the ERP (nothing here undoes it)."""

    KIND = "erp.posting_orphaned"
    posting_id: Key
    event_id: Key  # the refused event
    occurred_at: Moment  # when the refused event happened (the posting's own time)
    posting_kind: PostingKind
    work_order: WorkOrderName | None = None
    details: Details  # the posting's payload, as the writer looked it up
    document: Annotated[str, Text(80, min_len=1)]
    reason: Annotated[str, Text(2000, min_len=1, multiline=True)]


class ErpPostingReversed(Payload):
    """A person reversed an orphaned posting's document in the ERP."""

    KIND = "erp.posting_reversed"
    posting_id: Key
    reason: Reason


MAX_SKIPS_SHOWN = 20


class ImportSkip(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    entity: Annotated[str, Text(32, min_len=1)]
    key: Annotated[str, Text(140, min_len=1)]
    problem: Annotated[str, Text(500, min_len=1)]
    tries: Annotated[int, Field(ge=1, le=MAX_COUNT)] = 1


class ErpImportCompleted(Payload):
    """An import from the ERP ran: what it brought, and where the next one starts."""

    KIND = "erp.import_completed"
    high_water: Annotated[str, Text(64)] | None = None
    imported: Annotated[
        dict[DictKey, Annotated[int, Field(ge=0, le=MAX_COUNT)]], Field(max_length=MAX_KEYS)
    ] = Field(default_factory=dict)
    skipped: Annotated[int, Field(ge=0, le=MAX_COUNT)] = 0
    # The first records still skipped (this run's and earlier runs' not yet imported),
    # with why: what a person must fix in the ERP.
    skips: list[ImportSkip] = Field(default_factory=list, max_length=MAX_SKIPS_SHOWN)


class ErpImportFailed(Payload):
    """An import from the ERP could not run or could not be stored: the ERP's own words.
    Nothing of that run was imported; the next scheduled run tries again."""

    KIND = "erp.import_failed"
    error: Annotated[str, Text(2000, min_len=1, multiline=True)]
    # credentials: the ERP refused Takt's key; unavailable: down, overloaded, unreachable;
    # error: anything else (a record Takt could not store, an adapter fault).
    reason: Literal["credentials", "unavailable", "error"] = "error"
    since: Annotated[str, Text(64)] | None = None  # the changes it asked for


# --- shift handover ------------------------------------------------------------------------

HandoverItemKey = Annotated[str, Text(64, min_len=1)]  # "exception:<id>", "posting:<id>"


# Every handover event names its handover: shift `shift` of area `area` that started on
# the local day `day` (app.metrics.shifts names shifts the same way).


class HandoverNoted(Payload):
    """The outgoing lead's note on an open item (`item`) or on the shift (no item)."""

    KIND = "handover.noted"
    area: ShortCode
    day: date
    shift: ShortCode
    item: HandoverItemKey | None = None
    note: Annotated[str, Text(2000, multiline=True)]


class HandoverItemSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    key: HandoverItemKey
    summary: Annotated[str, Text(200, min_len=1)]
    owner: Annotated[str, Text(80)] | None = None
    sla: Annotated[str, Text(40)] | None = None


class HandoverSubmitted(Payload):
    """The outgoing lead hands the shift over, with the items still open at its end."""

    KIND = "handover.submitted"
    area: ShortCode
    day: date
    shift: ShortCode
    starts_at: Moment
    ends_at: Moment
    items: list[HandoverItemSpec] = Field(default_factory=list, max_length=500)


class HandoverItemAccepted(Payload):
    KIND = "handover.item_accepted"
    area: ShortCode
    day: date
    shift: ShortCode
    item: HandoverItemKey


class HandoverItemQueried(Payload):
    """The incoming lead sends an item back to the outgoing lead, saying why."""

    KIND = "handover.item_queried"
    area: ShortCode
    day: date
    shift: ShortCode
    item: HandoverItemKey
    reason: Reason


class HandoverQueryAnswered(Payload):
    KIND = "handover.query_answered"
    area: ShortCode
    day: date
    shift: ShortCode
    item: HandoverItemKey
    answer: Reason


class HandoverSigned(Payload):
    KIND = "handover.signed"
    area: ShortCode
    day: date
    shift: ShortCode


# --- message intake (mail, chat, phone) ----------------------------------------------------

MAX_DRAFT_BYTES = 64 * 1024  # a draft's fields with their spans, as JSON
MessageId = Annotated[str, Text(300, min_len=1)]  # "email:<Message-ID>", "whatsapp:<wamid>"
MessageText = Annotated[str, Text(20_000, multiline=True)]  # verbatim, bounded
IntakeType = Literal[
    "shortage",
    "downtime",
    "quality_hold",
    "order_change_qty",
    "order_change_date",
    "order_change_spec",
    "priority_shift",
    "substitute_material",
    "other",
]
Urgency = Literal["low", "normal", "high", "critical"]


def _draft_json(value: dict[str, Any]) -> dict[str, Any]:
    # A draft is the understanding's own JSON (sync/intake Draft.as_json): nested, so
    # not `Details`; bounded as a whole instead, so one message cannot bloat the log.
    try:
        size = len(json.dumps(value, ensure_ascii=False, allow_nan=False).encode())
    except (TypeError, ValueError):
        raise _problem("draft_json", "must be plain JSON (text, numbers, lists, objects)") from None
    if size > MAX_DRAFT_BYTES:
        raise _problem("draft_too_large", f"must be at most {MAX_DRAFT_BYTES:,} bytes as JSON")
    return value


DraftJson = Annotated[dict[DictKey, Any], AfterValidator(_draft_json)]


class AttachmentSpec(BaseModel):
    """An attachment a message carried: listed, not stored."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: Annotated[str, Text(200)]
    type: Annotated[str, Text(100)]
    size: Annotated[int, Field(ge=0, le=MAX_INT)]


class MessageReceived(Payload):
    """A message came in and was understood: a draft (linked to the plan), one for triage
    (linked to nothing the plant knows) or archived (not an exception), with why."""

    KIND = "message.received"
    message_id: MessageId
    channel: MessageChannel
    received_at: Moment
    sender: Annotated[str, Text(200)] | None = None
    subject: Annotated[str, Text(300)] | None = None
    text: MessageText
    status: Literal["draft", "triage", "archived"]
    reason: Annotated[str, Text(500)] | None = None
    draft: DraftJson = Field(default_factory=dict)
    attachments: list[AttachmentSpec] = Field(default_factory=list, max_length=50)


class MessageConfirmed(Payload):
    """A person confirmed a draft, with its final fields after any edit; the same
    command raised exception `exception_id` from it."""

    KIND = "message.confirmed"
    message_id: MessageId
    exception_id: Key
    type: IntakeType
    urgency: Urgency
    work_orders: list[WorkOrderName] = Field(default_factory=list, max_length=20)
    items: list[ItemName] = Field(default_factory=list, max_length=20)
    work_center: WorkCenterName | None = None
    quantity: NonNegative | None = None
    unit: Annotated[str, Text(16)] | None = None
    day: date | None = None  # the draft's date: needed by, new commit date...
    note: Note | None = None
    edited: list[Annotated[str, Text(32, code=True)]] = Field(default_factory=list, max_length=20)


class MessageDiscarded(Payload):
    """A person discarded a draft, saying why; the message stays, retrievable."""

    KIND = "message.discarded"
    message_id: MessageId
    reason: Reason


PAYLOAD_TYPES: dict[str, type[Payload]] = {cls.KIND: cls for cls in Payload.__subclasses__()}


def _field_part(part: str | int) -> str:
    # An unknown key is named in the error as it came: keep it short and printable.
    text = _CONTROL.sub("?", str(part))
    return text if len(text) <= MAX_KEY_LEN else text[: MAX_KEY_LEN - 1] + "…"


def problems_of(error: pydantic.ValidationError, prefix: str = "") -> list[FieldProblem]:
    problems = []
    for detail in error.errors(include_url=False, include_input=False):
        field = ".".join(_field_part(part) for part in detail["loc"]) or "payload"
        message = detail["msg"].removeprefix("Value error, ")
        problems.append(FieldProblem(prefix + field, message))
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
