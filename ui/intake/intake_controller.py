"""Message reads and commands for the Messages screen, on the database lane.

`IntakeController` owns the `IntakeService`, wired to sync/intake's understanding, so a
pasted text is understood on this terminal against its own plant data (no server
needed, as for a phone call written down during an outage). What the pickers of the
edit form offer is read here too: open work orders, items and work centers.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import queries_intake
from app.clock import Clock
from app.model import Item, WorkCenter, WorkOrder
from app.model.types import MessageStatus, WorkOrderStatus
from app.queries_intake import MessageDetail, MessageRow
from app.routing.reasons import load_reasons
from app.store import Store
from sync.intake.understood import intake_service
from ui.background import Background
from ui.lane_controller import LaneController

# What each list of the screen shows; decided messages stay, retrievable, under Archived.
LISTS: dict[str, tuple[MessageStatus, ...]] = {
    "drafts": (MessageStatus.DRAFT,),
    "triage": (MessageStatus.TRIAGE,),
    "archived": (MessageStatus.ARCHIVED, MessageStatus.DISCARDED, MessageStatus.CONFIRMED),
}
MAX_ROWS = 200
OPEN_ORDERS = (WorkOrderStatus.RELEASED, WorkOrderStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Choice:
    code: str
    name: str
    group: str = ""  # a downtime reason's category


@dataclass(frozen=True)
class Pickers:
    """What the edit form offers: open work orders (with their item), items, centers,
    and the plant's downtime reasons (a machine-down exception needs one)."""

    work_orders: tuple[Choice, ...]
    items: tuple[Choice, ...]
    work_centers: tuple[Choice, ...]
    downtime_reasons: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class MessageList:
    rows: tuple[MessageRow, ...]
    counts: dict[str, int]  # per list of LISTS


def read_list(session: Session, which: str) -> MessageList:
    rows: list[MessageRow] = []
    for status in LISTS[which]:
        rows += queries_intake.messages(session, status, limit=MAX_ROWS)
    rows.sort(key=lambda r: (r.received_at, r.message_id), reverse=True)
    by_status = queries_intake.counts(session)
    counts = {name: sum(by_status[s] for s in statuses) for name, statuses in LISTS.items()}
    return MessageList(rows=tuple(rows[:MAX_ROWS]), counts=counts)


def read_pickers(session: Session) -> Pickers:
    orders = session.execute(
        select(WorkOrder.number, WorkOrder.item_code)
        .where(WorkOrder.status.in_(OPEN_ORDERS))
        .order_by(WorkOrder.number)
    )
    items = session.execute(select(Item.code, Item.name).where(Item.active).order_by(Item.code))
    centers = session.execute(select(WorkCenter.code, WorkCenter.name).order_by(WorkCenter.code))
    reasons = load_reasons()
    return Pickers(
        work_orders=tuple(Choice(n, i) for n, i in orders),
        items=tuple(Choice(c, n) for c, n in items),
        work_centers=tuple(Choice(c, n) for c, n in centers),
        downtime_reasons=tuple(
            Choice(r.code, r.label, c.label) for c in reasons.categories for r in c.reasons
        ),
    )


def read_detail(session: Session, message_id: str) -> MessageDetail | None:
    return queries_intake.message(session, message_id)


class IntakeController(LaneController):
    """Signals (from LaneController): sig_changed, sig_command_failed."""

    subject = "messages"

    def __init__(
        self, store: Store, background: Background, clock: Clock, parent: QObject | None = None
    ) -> None:
        super().__init__(store, background, parent)
        self.clock = clock
        self.service = intake_service(store, clock)
        # A message the server took in arrives by sync: the lists show it at once. A
        # work order opening or closing changes what the edit form offers.
        self.follow_changes(
            lambda changes: changes.messages or changes.everything or bool(changes.work_orders)
        )
