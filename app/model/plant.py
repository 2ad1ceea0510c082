"""The physical plant: site, areas, work centers, their setup families and shift calendars."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, String, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.model.base import Base
from app.model.types import MachineState, str_enum


class Site(Base):
    __tablename__ = "sites"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")


class Area(Base):
    __tablename__ = "areas"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    site_code: Mapped[str] = mapped_column(ForeignKey("sites.code"))
    name: Mapped[str] = mapped_column(String(120))

    work_centers: Mapped[list[WorkCenter]] = relationship(
        back_populates="area", order_by="WorkCenter.code"
    )


class ShiftCalendar(Base):
    __tablename__ = "shift_calendars"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))

    shifts: Mapped[list[Shift]] = relationship(
        back_populates="calendar", cascade="all, delete-orphan", order_by="Shift.name"
    )


class Shift(Base):
    """A recurring working window; `weekdays` holds ISO weekday digits, e.g. "12345"."""

    __tablename__ = "shifts"
    __table_args__ = (CheckConstraint("length(weekdays) BETWEEN 1 AND 7", name="weekdays_present"),)

    calendar_code: Mapped[str] = mapped_column(
        ForeignKey("shift_calendars.code", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    weekdays: Mapped[str] = mapped_column(String(7))
    starts: Mapped[time] = mapped_column(Time())
    ends: Mapped[time] = mapped_column(Time())

    calendar: Mapped[ShiftCalendar] = relationship(back_populates="shifts")


class SetupFamily(Base):
    """Jobs of one family run back to back without a full changeover."""

    __tablename__ = "setup_families"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))


class WorkCenterSetupFamily(Base):
    __tablename__ = "work_center_setup_families"

    work_center_code: Mapped[str] = mapped_column(
        ForeignKey("work_centers.code", ondelete="CASCADE"), primary_key=True
    )
    setup_family_code: Mapped[str] = mapped_column(
        ForeignKey("setup_families.code"), primary_key=True
    )


class WorkCenter(Base):
    __tablename__ = "work_centers"
    __table_args__ = (CheckConstraint("capacity > 0", name="capacity_positive"),)

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    name: Mapped[str] = mapped_column(String(120))
    calendar_code: Mapped[str | None] = mapped_column(ForeignKey("shift_calendars.code"))
    capacity: Mapped[float] = mapped_column(default=1.0)
    machine_state: Mapped[MachineState] = mapped_column(
        str_enum(MachineState, "machine_state"), default=MachineState.UNKNOWN
    )
    machine_reason: Mapped[str | None] = mapped_column(String(200))
    machine_since: Mapped[datetime | None]

    area: Mapped[Area] = relationship(back_populates="work_centers")
    calendar: Mapped[ShiftCalendar | None] = relationship()
    setup_family_links: Mapped[list[WorkCenterSetupFamily]] = relationship(
        cascade="all, delete-orphan", order_by="WorkCenterSetupFamily.setup_family_code"
    )

    @property
    def setup_families(self) -> list[str]:
        return [link.setup_family_code for link in self.setup_family_links]
