"""Shift handover (issue 15): the calendar file, the handover's events and their rules
(who may, in which order, and the signature only when every item is accepted), and what
the handover reads of its shift."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app import authz
from app.clock import FixedClock
from app.errors import PermissionDenied, Rejected, ValidationError
from app.events import replay
from app.events.payloads import PAYLOAD_TYPES, ShiftCalendarDefined, ShiftSpec
from app.model import EventRecord
from app.model.handover import Handover, HandoverItemStatus, HandoverStatus
from app.model.types import ExceptionKind
from app.queries_handover import (
    SlaState,
    area_calendar,
    handover_shift,
    handover_view,
    shift_ref,
    unsigned_handovers,
)
from app.services.exceptions import ExceptionService, NewException
from app.services.handover import HandoverService, read_shift_calendars
from app.services.plant import ReferenceDataService
from app.store import Store
from tests.conftest import NOW

OPERATOR, OUTGOING, INCOMING = "901", "902", "907"  # operator, supervisor, manager
AREA, WC = "A01", "WC-001"
DAY = NOW.date()  # Monday 2026-11-23; the small plant's site is on UTC


def define_calendar(store: Store, clock: FixedClock) -> None:
    ReferenceDataService(store, clock).define(
        ShiftCalendarDefined(
            code="A01-LEAD",
            name="Area 1 leads",
            area=AREA,
            shifts=[
                ShiftSpec(name="early", weekdays="12345", starts=time(6), ends=time(14)),
                ShiftSpec(name="late", weekdays="12345", starts=time(14), ends=time(22)),
            ],
            breaks=[{"starts": time(9), "ends": time(9, 15), "shift": "early"}],
            planned_stops=[
                {"starts": time(6), "ends": time(7), "weekdays": "1", "reason": "maintenance"}
            ],
        )
    )


@pytest.fixture
def shift_store(plant: Store, clock: FixedClock) -> Store:
    """The small plant with an area calendar and a shortage raised in the early shift."""
    define_calendar(plant, clock)
    clock.set(NOW.replace(hour=7))
    ExceptionService(plant, clock).raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MACHINE_DOWNTIME,
            summary="spindle alarm",
            work_center=WC,
            details={"reason_code": "mechanical/bearing"},
        ),
    )
    clock.set(NOW.replace(hour=13, minute=30))
    return plant


def item_keys(store: Store) -> list[str]:
    with store.read() as session:
        handover = session.scalars(select(Handover)).one()
        return [item.key for item in handover.items if item.handed_over]


# --- the calendar file --------------------------------------------------------------------


def test_the_shipped_calendar_file_defines_every_demo_area_with_breaks_and_stops() -> None:
    calendars = read_shift_calendars(areas={"FAB", "MAC", "ASM"})
    assert {c.area for c in calendars} == {"FAB", "MAC", "ASM"}
    for calendar in calendars:
        assert calendar.shifts
        assert calendar.breaks
        assert calendar.planned_stops
        assert all(stop.reason for stop in calendar.planned_stops)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('[[areas]]\narea = "A"\ncode = "C"\nname = "n"\nshifts = []\n', "areas.0.shifts"),
        (
            '[[areas]]\narea = "A"\ncode = "C"\nname = "n"\n'
            'shifts = [{ name = "e", weekdays = "12", starts = "06:00", ends = "14:00" }]\n'
            'breaks = [{ starts = "09:00", ends = "nine" }]\n',
            "areas.0.breaks.0.ends",
        ),
        (
            '[[areas]]\narea = "A"\ncode = "C"\nname = "n"\n'
            'shifts = [{ name = "e", weekdays = "89", starts = "06:00", ends = "14:00" }]\n',
            "areas.0.shifts.0.weekdays",
        ),
        (
            '[[areas]]\narea = "A"\ncode = "C"\nname = "n"\n'
            'shifts = [{ name = "e", weekdays = "12", starts = "06:00", ends = "14:00" }]\n'
            'planned_stops = [{ starts = "07:00", ends = "08:00", shift = "late" }]\n',
            "areas.0.planned_stops.0.shift",
        ),
        (
            '[[areas]]\narea = "ZZ"\ncode = "C"\nname = "n"\n'
            'shifts = [{ name = "e", weekdays = "12", starts = "06:00", ends = "14:00" }]\n',
            "areas.0.area",
        ),
        ('[[areas]]\ncode = "C"\n', "areas.0.area"),
        ("areas = 3\n", "areas"),
    ],
)
def test_a_bad_calendar_file_names_the_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ValidationError) as caught:
        read_shift_calendars(path, areas={"A"})
    assert field in caught.value.fields


def test_the_area_calendar_cuts_its_breaks_and_planned_stops(
    plant: Store, clock: FixedClock
) -> None:
    define_calendar(plant, clock)
    with plant.read() as session:
        calendar = area_calendar(session, AREA)
        early = shift_ref(session, AREA, DAY, "early")
    assert early is not None
    assert (early.start.time(), early.end.time()) == (time(6), time(14))
    assert not calendar.in_production(NOW.replace(hour=6, minute=30))  # planned stop, Monday
    assert not calendar.in_production(NOW.replace(hour=9, minute=5))  # break
    assert calendar.in_production(NOW.replace(hour=10))


# --- the flow and its rules ---------------------------------------------------------------


def test_the_handover_flow_from_notes_to_signature(shift_store: Store, clock: FixedClock) -> None:
    service = HandoverService(shift_store, clock)
    with shift_store.read() as session:
        shift = handover_shift(session, AREA, clock.now())
    assert shift is not None
    assert (shift.day, shift.name) == (DAY, "early")
    view_items = _view(shift_store, clock).items
    assert len(view_items) == 1
    key = view_items[0].key
    service.note(OUTGOING, AREA, DAY, "early", "maintenance has the spare bearing", item=key)
    service.note(OUTGOING, AREA, DAY, "early", "quiet shift otherwise")
    assert service.submit(OUTGOING, AREA, DAY, "early") == 1
    with shift_store.read() as session:
        assert [u.area for u in unsigned_handovers(session)] == [AREA]

    with pytest.raises(Rejected, match="incoming lead"):
        service.accept(OUTGOING, AREA, DAY, "early", key)
    service.query(INCOMING, AREA, DAY, "early", key, "is the spindle safe to run at all?")
    with pytest.raises(Rejected, match="not accepted yet"):
        service.sign(INCOMING, AREA, DAY, "early")
    with pytest.raises(Rejected, match="handed the shift over"):
        service.answer(INCOMING, AREA, DAY, "early", key, "no idea")
    service.answer(OUTGOING, AREA, DAY, "early", key, "no: locked out until the bearing is in")
    service.accept(INCOMING, AREA, DAY, "early", key)
    service.sign(INCOMING, AREA, DAY, "early")

    view = _view(shift_store, clock)
    assert view.status is HandoverStatus.SIGNED
    assert view.note == "quiet shift otherwise"
    (item,) = view.items
    assert item.status is HandoverItemStatus.ACCEPTED
    assert item.note == "maintenance has the spare bearing"
    assert item.query == "is the spindle safe to run at all?"
    assert item.answer == "no: locked out until the bearing is in"
    with shift_store.read() as session:
        assert unsigned_handovers(session) == []
        kinds = list(
            session.scalars(
                select(EventRecord.kind)
                .where(EventRecord.kind.like("handover.%"))
                .order_by(EventRecord.position)
            )
        )
    assert kinds == [
        "handover.noted",
        "handover.noted",
        "handover.submitted",
        "handover.item_queried",
        "handover.query_answered",
        "handover.item_accepted",
        "handover.signed",
    ]


def _view(store: Store, clock: FixedClock):  # type: ignore[no-untyped-def]
    with store.read() as session:
        shift = shift_ref(session, AREA, DAY, "early")
        assert shift is not None
        return handover_view(session, shift, clock.now())


def test_notes_close_once_handed_over_and_a_shift_is_handed_over_once(
    shift_store: Store, clock: FixedClock
) -> None:
    service = HandoverService(shift_store, clock)
    service.submit(OUTGOING, AREA, DAY, "early")
    with pytest.raises(Rejected, match="notes are closed"):
        service.note(OUTGOING, AREA, DAY, "early", "one more thing")
    with pytest.raises(Rejected, match="handed over already"):
        service.submit(INCOMING, AREA, DAY, "early")


def test_sign_is_refused_until_every_item_is_accepted_and_only_once(
    shift_store: Store, clock: FixedClock
) -> None:
    service = HandoverService(shift_store, clock)
    service.submit(OUTGOING, AREA, DAY, "early")
    (key,) = item_keys(shift_store)
    with pytest.raises(Rejected, match="1 item"):
        service.sign(INCOMING, AREA, DAY, "early")
    with pytest.raises(Rejected, match="not an item"):
        service.accept(INCOMING, AREA, DAY, "early", "exception:nope")
    service.accept(INCOMING, AREA, DAY, "early", key)
    with pytest.raises(Rejected, match="incoming lead"):
        service.sign(OUTGOING, AREA, DAY, "early")
    service.sign(INCOMING, AREA, DAY, "early")
    with pytest.raises(Rejected, match="signed already"):
        service.sign(INCOMING, AREA, DAY, "early")


def test_accepting_before_the_handover_is_refused(shift_store: Store, clock: FixedClock) -> None:
    with pytest.raises(Rejected, match="handover"):
        HandoverService(shift_store, clock).accept(INCOMING, AREA, DAY, "early", "exception:x")


def test_a_query_needs_a_reason(shift_store: Store, clock: FixedClock) -> None:
    service = HandoverService(shift_store, clock)
    service.submit(OUTGOING, AREA, DAY, "early")
    (key,) = item_keys(shift_store)
    with pytest.raises(ValidationError) as caught:
        service.query(INCOMING, AREA, DAY, "early", key, " ")
    assert caught.value.fields == ["reason"]


def test_an_unknown_shift_or_area_is_named(shift_store: Store, clock: FixedClock) -> None:
    service = HandoverService(shift_store, clock)
    with pytest.raises(ValidationError) as caught:
        service.note(OUTGOING, AREA, DAY, "night", "x")
    assert caught.value.fields == ["shift"]
    with pytest.raises(ValidationError) as caught:
        service.note(OUTGOING, "NOPE", DAY, "early", "x")
    assert caught.value.fields == ["area"]


def test_only_leads_take_part(shift_store: Store, clock: FixedClock) -> None:
    with pytest.raises(PermissionDenied):
        HandoverService(shift_store, clock).note(OPERATOR, AREA, DAY, "early", "hello")
    with pytest.raises(PermissionDenied):
        HandoverService(shift_store, clock).sign(OPERATOR, AREA, DAY, "early")


def test_every_handover_kind_has_a_rule_for_leads_only() -> None:
    kinds = [k for k in PAYLOAD_TYPES if k.startswith("handover.")]
    assert len(kinds) == 6
    for kind in kinds:
        rule = authz.rule_for(kind)
        assert rule.roles == authz.LEADS
        assert not rule.system
        assert not rule.machine


def test_replaying_the_log_rebuilds_the_handover(shift_store: Store, clock: FixedClock) -> None:
    service = HandoverService(shift_store, clock)
    service.note(OUTGOING, AREA, DAY, "early", "shift note")
    service.submit(OUTGOING, AREA, DAY, "early")
    (key,) = item_keys(shift_store)
    service.query(INCOMING, AREA, DAY, "early", key, "why is it still open?")
    with shift_store.read() as session:
        before = replay.snapshot(session)
    with shift_store.write() as session:
        replay.rebuild(session)
    with shift_store.read() as session:
        assert replay.snapshot(session) == before
        assert before["handovers"]
        assert before["handover_items"]


# --- what the handover reads --------------------------------------------------------------


def test_the_view_judges_the_shift_at_its_end(shift_store: Store, clock: FixedClock) -> None:
    clock.set(NOW.replace(hour=16))  # the early shift is over
    view = _view(shift_store, clock)
    assert not view.running
    assert view.as_of == view.shift.end
    (line,) = view.still_open
    assert line.work_center == WC
    assert line.owner
    assert line.sla in (SlaState.OVERDUE, SlaState.ACK_LATE)
    assert [d.reason for d in view.downtime] == ["mechanical/bearing"]
    assert view.downtime[0].seconds == pytest.approx(timedelta(hours=7).total_seconds())
    assert [e.id for e in view.raised] == [line.id]
    assert view.resolved == ()
