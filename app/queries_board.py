"""Read side of the board screens: the names a lane shows beside the codes it ranks.

Plain frozen data, read in one short session on the database lane; no Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Customer, Item, Site


@dataclass(frozen=True)
class BoardLabels:
    """What turns a job's codes into words a person reads on the floor."""

    plant_name: str = "Plant"
    timezone: str = "UTC"  # the site's IANA zone: due dates are shown in plant time
    items: dict[str, str] = field(default_factory=dict)  # item code -> name
    customers: dict[str, str] = field(default_factory=dict)  # customer code -> name


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
