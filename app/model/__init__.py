"""SQLAlchemy mapped classes of Takt's local and server databases.

Importing this package registers every table on `Base.metadata`.
"""

from app.model.base import Base
from app.model.board import Hold, PriorityOverride
from app.model.catalog import Bom, BomLine, Customer, Item, Routing, RoutingOperation
from app.model.erp_import import ErpImportSkip
from app.model.eventlog import ChainHead, EventRecord, LocalTerminal
from app.model.execution import ErpPosting, ExceptionFact, ShopException, Task
from app.model.handover import Handover, HandoverItem
from app.model.intake import InboxMessage, IntakeCounter, IntakeMessage
from app.model.integrity import ForkedEvent, ForkState, VerifiedHead
from app.model.inventory import IncomingSupply, Lot, StockBalance
from app.model.notifications import NotificationSent, NotifierState
from app.model.orders import MaterialRequirement, OperationInstance, WorkOrder
from app.model.people import User, UserRole
from app.model.plant import (
    Area,
    SetupFamily,
    Shift,
    ShiftCalendar,
    Site,
    WorkCenter,
    WorkCenterSetupFamily,
)
from app.model.sessions import PinLock, TerminalSession
from app.model.sync import (
    EnrollmentCode,
    ErpOutbox,
    RegisteredTerminal,
    RejectionReview,
    ServerState,
    SignedHead,
    SyncState,
    UndoEntry,
)

# Tables that are not derived from the event log.
NON_PROJECTION_TABLES = frozenset(
    {
        "events",
        "chain_heads",
        "local_terminal",
        "notifications_sent",
        "notifier_state",
        "undo_log",
        "sync_state",
        "server_state",
        "terminals",
        "enrollment_codes",
        "signed_heads",
        "erp_outbox",
        "erp_import_skips",
        "verified_heads",
        "fork_state",
        "forked_events",
        "rejection_reviews",
        "intake_inbox",
        "intake_counters",
    }
)


def projection_tables() -> list[str]:
    """Tables rebuilt by replaying the log, in dependency order."""
    return [t.name for t in Base.metadata.sorted_tables if t.name not in NON_PROJECTION_TABLES]


__all__ = [
    "NON_PROJECTION_TABLES",
    "Area",
    "Base",
    "Bom",
    "BomLine",
    "ChainHead",
    "Customer",
    "EnrollmentCode",
    "ErpImportSkip",
    "ErpOutbox",
    "ErpPosting",
    "EventRecord",
    "ExceptionFact",
    "ForkState",
    "ForkedEvent",
    "Handover",
    "HandoverItem",
    "Hold",
    "InboxMessage",
    "IncomingSupply",
    "IntakeCounter",
    "IntakeMessage",
    "Item",
    "LocalTerminal",
    "Lot",
    "MaterialRequirement",
    "NotificationSent",
    "NotifierState",
    "OperationInstance",
    "PinLock",
    "PriorityOverride",
    "RegisteredTerminal",
    "RejectionReview",
    "Routing",
    "RoutingOperation",
    "ServerState",
    "SetupFamily",
    "Shift",
    "ShiftCalendar",
    "ShopException",
    "SignedHead",
    "Site",
    "StockBalance",
    "SyncState",
    "Task",
    "TerminalSession",
    "UndoEntry",
    "User",
    "UserRole",
    "VerifiedHead",
    "WorkCenter",
    "WorkCenterSetupFamily",
    "WorkOrder",
    "projection_tables",
]
