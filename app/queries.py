"""Read side: what screens show, as plain frozen dataclasses (no lazy loads in the UI)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.model import Area, OperationInstance, Site, User, WorkCenter, WorkCenterSetupFamily
from app.model.types import MachineState, OperationStatus

OPEN_OPERATION = (
    OperationStatus.WAITING,
    OperationStatus.READY,
    OperationStatus.RUNNING,
    OperationStatus.PAUSED,
)


@dataclass(frozen=True)
class WorkCenterSummary:
    code: str
    name: str
    area_code: str
    area_name: str
    machine_state: MachineState
    setup_families: tuple[str, ...]
    open_operations: int
    ready_operations: int


def plant_name(session: Session) -> str | None:
    return session.scalar(select(Site.name).order_by(Site.code).limit(1))


def people_names(session: Session) -> dict[str, str]:
    """Everyone's name by user id (a report says who decided, not their number)."""
    return {uid: name for uid, name in session.execute(select(User.id, User.name))}


def work_centers(session: Session) -> list[WorkCenterSummary]:
    counts = dict(
        session.execute(
            select(OperationInstance.work_center_code, func.count())
            .where(OperationInstance.status.in_(OPEN_OPERATION))
            .group_by(OperationInstance.work_center_code)
        ).all()
    )
    ready = dict(
        session.execute(
            select(OperationInstance.work_center_code, func.count())
            .where(OperationInstance.status == OperationStatus.READY)
            .group_by(OperationInstance.work_center_code)
        ).all()
    )
    families: dict[str, list[str]] = {}
    for wc_code, family in session.execute(
        select(
            WorkCenterSetupFamily.work_center_code, WorkCenterSetupFamily.setup_family_code
        ).order_by(WorkCenterSetupFamily.setup_family_code)
    ):
        families.setdefault(wc_code, []).append(family)
    rows = session.execute(
        select(WorkCenter, Area.name).join(Area).order_by(WorkCenter.area_code, WorkCenter.code)
    )
    return [
        WorkCenterSummary(
            code=wc.code,
            name=wc.name,
            area_code=wc.area_code,
            area_name=area_name,
            machine_state=wc.machine_state,
            setup_families=tuple(families.get(wc.code, ())),
            open_operations=counts.get(wc.code, 0),
            ready_operations=ready.get(wc.code, 0),
        )
        for wc, area_name in rows
    ]
