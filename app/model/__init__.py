"""SQLAlchemy mapped classes of Takt's local and server databases.

Importing this package registers every table on `Base.metadata`.
"""

from app.model.base import Base
from app.model.board import Hold, PriorityOverride
from app.model.catalog import Bom, BomLine, Customer, Item, Routing, RoutingOperation
from app.model.eventlog import ChainHead, EventRecord, LocalTerminal
from app.model.execution import ErpPosting, ExceptionFact, ShopException, Task
from app.model.inventory import IncomingSupply, Lot, StockBalance
from app.model.notifications import NotificationSent
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
from app.model.sync import ErpOutbox, RegisteredTerminal, ServerState, SyncState, UndoEntry

# Tables that are not derived from the event log.
NON_PROJECTION_TABLES = frozenset(
    {
        "events",
        "chain_heads",
        "local_terminal",
        "notifications_sent",
        "undo_log",
        "sync_state",
        "server_state",
        "terminals",
        "erp_outbox",
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
    "ErpOutbox",
    "ErpPosting",
    "EventRecord",
    "ExceptionFact",
    "Hold",
    "IncomingSupply",
    "Item",
    "LocalTerminal",
    "Lot",
    "MaterialRequirement",
    "NotificationSent",
    "OperationInstance",
    "PriorityOverride",
    "RegisteredTerminal",
    "Routing",
    "RoutingOperation",
    "ServerState",
    "SetupFamily",
    "Shift",
    "ShiftCalendar",
    "ShopException",
    "Site",
    "StockBalance",
    "SyncState",
    "Task",
    "UndoEntry",
    "User",
    "UserRole",
    "WorkCenter",
    "WorkCenterSetupFamily",
    "WorkOrder",
    "projection_tables",
]
