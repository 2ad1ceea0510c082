"""The shift handover end to end on two terminals through the real sync server (issue
15): the outgoing lead writes and hands over on one line PC, the incoming lead queries,
accepts and signs on another; the server judges every event by the same rules, and the
server and both terminals end up holding the same handover."""

from __future__ import annotations

from datetime import time

import pytest

from app.clock import FixedClock
from app.errors import Rejected
from app.events.payloads import HandoverSigned, ShiftCalendarDefined, ShiftSpec
from app.model.handover import HandoverItemStatus, HandoverStatus
from app.model.types import ExceptionKind
from app.queries_handover import handover_view, shift_ref, unsigned_handovers
from app.services.exceptions import NewException
from app.services.handover import HandoverService
from app.services.plant import ReferenceDataService
from tests.conftest import NOW
from tests.sync.plant import Plant, Terminal
from tests.sync.test_authority import forge, server_verdict

OPERATOR, OUTGOING, INCOMING = "901", "902", "907"
AREA, DAY = "A01", NOW.date()
TABLES = ("handovers", "handover_items")


def handover_tables(t: Terminal | Plant) -> dict[str, list[tuple[object, ...]]]:
    snapshot = t.server_snapshot() if isinstance(t, Plant) else t.snapshot()
    return {table: snapshot[table] for table in TABLES}


def sync(*terminals: Terminal) -> None:
    for t in terminals:
        t.engine.sync_once()
    for t in terminals:
        t.engine.sync_once()


def test_outgoing_writes_on_one_terminal_incoming_signs_on_another(
    plant: Plant, clock: FixedClock
) -> None:
    assert plant.server_store is not None
    ReferenceDataService(plant.server_store, clock).define(
        ShiftCalendarDefined(
            code="A01-LEAD",
            name="Area 1 leads",
            area=AREA,
            shifts=[
                ShiftSpec(name="early", weekdays="12345", starts=time(6), ends=time(14)),
                ShiftSpec(name="late", weekdays="12345", starts=time(14), ends=time(22)),
            ],
            breaks=[{"starts": time(9), "ends": time(9, 15)}],
        )
    )
    a = plant.terminal("line-pc-a", people=(OUTGOING, OPERATOR))
    b = plant.terminal("line-pc-b", people=(INCOMING,))
    outgoing, incoming = HandoverService(a.store, clock), HandoverService(b.store, clock)

    clock.set(NOW.replace(hour=9, minute=30))
    a.exceptions.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MACHINE_DOWNTIME,
            summary="spindle alarm",
            work_center="WC-001",
            details={"reason_code": "mechanical/bearing"},
        ),
    )
    clock.set(NOW.replace(hour=13, minute=40))
    with a.store.read() as session:
        shift = shift_ref(session, AREA, DAY, "early")
        assert shift is not None
        (item,) = handover_view(session, shift, clock.now()).items
    outgoing.note(OUTGOING, AREA, DAY, "early", "spare bearing ordered", item=item.key)
    outgoing.note(OUTGOING, AREA, DAY, "early", "laser ran all shift")
    assert outgoing.submit(OUTGOING, AREA, DAY, "early") == 1
    sync(a, b)

    # The incoming lead's terminal sees the unsigned handover, with the notes.
    with b.store.read() as session:
        assert [u.id for u in unsigned_handovers(session)] == [shift.id]
        view = handover_view(session, shift, clock.now())
    assert view.status is HandoverStatus.SUBMITTED
    assert view.note == "laser ran all shift"
    assert [(i.key, i.note) for i in view.items] == [(item.key, "spare bearing ordered")]

    # The outgoing lead cannot sign their own handover; a tampered terminal that tries
    # is refused by the server, with the reason.
    with pytest.raises(Rejected, match="incoming lead"):
        outgoing.sign(OUTGOING, AREA, DAY, "early")
    seq = forge(a, HandoverSigned(area=AREA, day=DAY, shift="early"), OUTGOING)
    a.engine.sync_once()
    outcome, reason = server_verdict(plant, a, seq)
    assert outcome == "rejected"
    assert reason is not None
    assert "incoming lead" in reason

    clock.set(NOW.replace(hour=14, minute=5))
    incoming.query(INCOMING, AREA, DAY, "early", item.key, "when does the bearing arrive?")
    sync(b, a)
    with a.store.read() as session:
        (queried,) = handover_view(session, shift, clock.now()).items
    assert queried.status is HandoverItemStatus.QUERIED
    outgoing.answer(OUTGOING, AREA, DAY, "early", item.key, "tomorrow 07:00, courier booked")
    sync(a, b)
    incoming.accept(INCOMING, AREA, DAY, "early", item.key)
    incoming.sign(INCOMING, AREA, DAY, "early")
    sync(b, a)

    for t in (a, b):
        with t.store.read() as session:
            view = handover_view(session, shift, clock.now())
            assert unsigned_handovers(session) == []
        assert view.status is HandoverStatus.SIGNED
        (done,) = view.items
        assert done.status is HandoverItemStatus.ACCEPTED
        assert done.answer == "tomorrow 07:00, courier booked"
    assert handover_tables(a) == handover_tables(b) == handover_tables(plant)
    assert handover_tables(plant)["handovers"]
    assert not a.engine.rejected()[1:]
    assert not b.engine.rejected()
