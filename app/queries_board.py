"""Read side of the board screens: the names a lane shows beside the codes it ranks,
and the material a job takes.

Plain frozen data, read in one short session on the database lane; no Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Customer, Item, MaterialRequirement, OperationInstance, Site


@dataclass(frozen=True)
class BoardLabels:
    """What turns a job's codes into words a person reads on the floor."""

    plant_name: str = "Plant"
    timezone: str = "UTC"  # the site's IANA zone: due dates are shown in plant time
    items: dict[str, str] = field(default_factory=dict)  # item code -> name
    customers: dict[str, str] = field(default_factory=dict)  # customer code -> name


def plant_zone(session: Session) -> str | None:
    """The site's IANA time zone (None: no plant yet): every screen shows plant time."""
    return session.scalar(select(Site.timezone).order_by(Site.code).limit(1))


def board_labels(session: Session) -> BoardLabels:
    site = session.execute(select(Site.name, Site.timezone).order_by(Site.code).limit(1)).first()
    return BoardLabels(
        plant_name=site.name if site else "Plant",
        timezone=(site.timezone if site else None) or "UTC",
        items={code: name for code, name in session.execute(select(Item.code, Item.name))},
        customers={
            code: name for code, name in session.execute(select(Customer.code, Customer.name))
        },
    )


@dataclass(frozen=True)
class MaterialLine:
    """One material of a job's work order, as the issue form offers it."""

    item: str
    name: str
    required: float
    issued: float
    lot: str | None  # the lot staged for it, if one was picked
    for_this_operation: bool

    @property
    def remaining(self) -> float:
        return max(self.required - self.issued, 0.0)


def materials_of(session: Session, operation_id: str) -> list[MaterialLine]:
    """The work order's materials, one line per item: this operation's first, then those
    still to issue, then the rest."""
    op = session.get(OperationInstance, operation_id)
    if op is None:
        return []
    rows = session.execute(
        select(MaterialRequirement, Item.name)
        .join(Item, Item.code == MaterialRequirement.item_code)
        .where(MaterialRequirement.work_order_number == op.work_order_number)
        .order_by(MaterialRequirement.item_code, MaterialRequirement.id)
    ).all()
    merged: dict[str, MaterialLine] = {}
    for req, name in rows:
        mine = req.operation_seq in (None, op.seq)
        before = merged.get(req.item_code)
        merged[req.item_code] = MaterialLine(
            item=req.item_code,
            name=name,
            required=req.quantity + (before.required if before else 0.0),
            issued=req.issued_qty + (before.issued if before else 0.0),
            lot=(before.lot if before else None) or req.lot_no,
            for_this_operation=mine or (before.for_this_operation if before else False),
        )
    return sorted(
        merged.values(),
        key=lambda m: (not m.for_this_operation, m.remaining <= 0, m.item),
    )
