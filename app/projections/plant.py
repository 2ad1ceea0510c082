"""Reducers for plant and reference data: definitions replace what was there."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.clock import as_utc
from app.events.envelope import Event
from app.events.payloads import (
    AreaDefined,
    BomDefined,
    CustomerDefined,
    ItemDefined,
    LotRegistered,
    RoutingDefined,
    SetupFamilyDefined,
    ShiftCalendarDefined,
    SiteDefined,
    StockCounted,
    SupplyExpected,
    WorkCenterDefined,
)
from app.model import (
    Area,
    Bom,
    BomLine,
    Customer,
    IncomingSupply,
    Item,
    Lot,
    Routing,
    RoutingOperation,
    SetupFamily,
    Shift,
    ShiftCalendar,
    Site,
    StockBalance,
    WorkCenter,
    WorkCenterSetupFamily,
)
from app.projections.registry import reduces


@reduces(SiteDefined)
def site_defined(session: Session, p: SiteDefined, _: Event) -> None:
    session.merge(Site(code=p.code, name=p.name, timezone=p.timezone))


@reduces(AreaDefined)
def area_defined(session: Session, p: AreaDefined, _: Event) -> None:
    session.merge(Area(code=p.code, site_code=p.site, name=p.name))


@reduces(ShiftCalendarDefined)
def shift_calendar_defined(session: Session, p: ShiftCalendarDefined, _: Event) -> None:
    session.merge(ShiftCalendar(code=p.code, name=p.name))
    session.execute(delete(Shift).where(Shift.calendar_code == p.code))
    session.add_all(
        Shift(calendar_code=p.code, name=s.name, weekdays=s.weekdays, starts=s.starts, ends=s.ends)
        for s in p.shifts
    )


@reduces(SetupFamilyDefined)
def setup_family_defined(session: Session, p: SetupFamilyDefined, _: Event) -> None:
    session.merge(SetupFamily(code=p.code, name=p.name))


@reduces(WorkCenterDefined)
def work_center_defined(session: Session, p: WorkCenterDefined, _: Event) -> None:
    wc = session.get(WorkCenter, p.code)
    if wc is None:
        wc = WorkCenter(code=p.code)
        session.add(wc)
    wc.area_code = p.area
    wc.name = p.name
    wc.calendar_code = p.calendar
    wc.capacity = p.capacity
    wc.setup_family_links = [
        WorkCenterSetupFamily(work_center_code=p.code, setup_family_code=f)
        for f in sorted(set(p.setup_families))
    ]


@reduces(CustomerDefined)
def customer_defined(session: Session, p: CustomerDefined, _: Event) -> None:
    session.merge(Customer(code=p.code, name=p.name, priority_class=p.priority_class))


@reduces(ItemDefined)
def item_defined(session: Session, p: ItemDefined, _: Event) -> None:
    session.merge(
        Item(code=p.code, name=p.name, item_class=p.item_class, uom=p.uom, active=p.active)
    )


@reduces(BomDefined)
def bom_defined(session: Session, p: BomDefined, _: Event) -> None:
    bom = session.get(Bom, p.item)
    if bom is None:
        bom = Bom(item_code=p.item)
        session.add(bom)
    bom.quantity = p.quantity
    bom.lines = [
        BomLine(
            bom_item_code=p.item,
            line_no=n,
            component_code=line.component,
            quantity_per=line.quantity_per,
            operation_seq=line.operation_seq,
        )
        for n, line in enumerate(p.lines, start=1)
    ]


@reduces(RoutingDefined)
def routing_defined(session: Session, p: RoutingDefined, _: Event) -> None:
    routing = session.get(Routing, p.item)
    if routing is None:
        routing = Routing(item_code=p.item)
        session.add(routing)
    routing.operations = [
        RoutingOperation(
            routing_item_code=p.item,
            seq=op.seq,
            work_center_code=op.work_center,
            setup_family_code=op.setup_family,
            description=op.description,
            setup_minutes=op.setup_minutes,
            run_minutes_per_unit=op.run_minutes_per_unit,
        )
        for op in p.operations
    ]


@reduces(LotRegistered)
def lot_registered(session: Session, p: LotRegistered, _: Event) -> None:
    lot = session.get(Lot, p.lot_no) or Lot(lot_no=p.lot_no)
    lot.item_code = p.item
    lot.quantity = p.quantity
    lot.supplier = p.supplier
    lot.received_at = as_utc(p.received_at) if p.received_at else None
    session.merge(lot)


@reduces(StockCounted)
def stock_counted(session: Session, p: StockCounted, _: Event) -> None:
    session.merge(
        StockBalance(
            item_code=p.item, location=p.location, lot_no=p.lot_no or "", on_hand=p.on_hand
        )
    )


@reduces(SupplyExpected)
def supply_expected(session: Session, p: SupplyExpected, _: Event) -> None:
    session.merge(
        IncomingSupply(
            id=p.id,
            item_code=p.item,
            quantity=p.quantity,
            expected_at=as_utc(p.expected_at),
            location=p.location,
            reference=p.reference,
        )
    )
