"""Enumerations stored as short strings with a CHECK constraint (portable across databases)."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum


def str_enum(enum: type[StrEnum], name: str) -> Enum:
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=24,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class MachineState(StrEnum):
    UNKNOWN = "unknown"
    RUNNING = "running"
    IDLE = "idle"
    DOWN = "down"
    # Said by machine signals only: the source cannot tell (never down, never running),
    # and not running because the shift calendar says so (never a downtime).
    SIGNAL_LOST = "signal_lost"
    PLANNED_STOP = "planned_stop"


class HoldScope(StrEnum):
    LOT = "lot"
    ITEM = "item"
    WORK_ORDER = "work_order"
    OPERATION = "operation"


class OverrideKind(StrEnum):
    PIN = "pin"  # to the top, below the running job
    BEFORE = "before"  # directly before another operation
    AFTER = "after"  # directly after another operation
    HOLD = "hold"  # do not run now


class ItemClass(StrEnum):
    FINISHED = "finished"
    SEMI_FINISHED = "semi_finished"
    COMPONENT = "component"
    RAW = "raw"
    PURCHASED = "purchased"


class PriorityClass(StrEnum):
    A = "A"
    B = "B"
    C = "C"


class WorkOrderStatus(StrEnum):
    RELEASED = "released"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class OperationStatus(StrEnum):
    WAITING = "waiting"
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    COMPLETED = "completed"


class LotStatus(StrEnum):
    AVAILABLE = "available"
    HOLD = "hold"
    CONSUMED = "consumed"
    SCRAPPED = "scrapped"


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    QUALITY = "quality"
    MAINTENANCE = "maintenance"
    PROCUREMENT = "procurement"
    CUSTOMER_SERVICE = "customer_service"
    MANAGER = "manager"
    ADMIN = "admin"  # changes people and roles, enrolls terminals


class ExceptionKind(StrEnum):
    MATERIAL_SHORTAGE = "material_shortage"
    MACHINE_DOWNTIME = "machine_downtime"
    QUALITY_HOLD = "quality_hold"
    ORDER_CHANGE = "order_change"
    PRIORITY_SHIFT = "priority_shift"
    SUBSTITUTE_MATERIAL = "substitute_material"
    OTHER = "other"


class ExceptionStatus(StrEnum):
    RAISED = "raised"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Channel(StrEnum):
    KIOSK = "kiosk"
    LINE_PC = "line_pc"
    MACHINE = "machine"
    ERP = "erp"
    MESSAGE = "message"
    PHONE = "phone"
    # Where a confirmed message draft came from (app/services/intake.py).
    EMAIL = "email"
    CHAT = "chat"


class MessageChannel(StrEnum):
    """Where an inbound message came in (sync/intake/channels, or pasted at a terminal)."""

    EMAIL = "email"
    WHATSAPP = "whatsapp"
    TEAMS = "teams"
    SLACK = "slack"
    CHAT = "chat"
    PHONE = "phone"


class MessageStatus(StrEnum):
    DRAFT = "draft"  # understood and linked to the plan: one tap confirms it
    TRIAGE = "triage"  # an exception, but linked to nothing the plant knows
    ARCHIVED = "archived"  # not an exception; kept with the reason
    CONFIRMED = "confirmed"
    DISCARDED = "discarded"


class TaskStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    DONE = "done"
    CANCELLED = "cancelled"


class PostingKind(StrEnum):
    CONFIRMATION = "confirmation"
    GOODS_MOVEMENT = "goods_movement"
    QUALITY_EVENT = "quality_event"
    DOWNTIME = "downtime"


class PostingStatus(StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    POSTED = "posted"
    UNKNOWN = "unknown"
    FAILED = "failed"
    CANCELLED = "cancelled"
    # In the ERP for an event Takt refused (a server restored from a backup judged it
    # again): a person reverses the document in the ERP, then records it as reversed.
    ORPHANED = "orphaned"
    REVERSED = "reversed"
