"""What the floor records becomes ERP postings: scrap as a goods movement, a machine stop
as downtime (when it ends), a quality hold and its release."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.clock import FixedClock
from app.model import ErpPosting, Item
from app.model.types import ExceptionKind, PostingKind
from app.services.exceptions import ExceptionService, NewException
from app.store import Store
from tests.postings import confirm_operation

OPERATOR, SUPERVISOR, QUALITY = "901", "902", "903"


def postings(store: Store) -> list[ErpPosting]:
    with store.read() as session:
        return list(session.scalars(select(ErpPosting).order_by(ErpPosting.occurred_at)))


def test_scrap_in_a_confirmation_is_a_goods_movement_of_its_own(
    plant: Store, clock: FixedClock
) -> None:
    confirm_operation(plant, clock, good=10, scrap=2)
    kinds = {p.kind: p.payload for p in postings(plant)}
    assert kinds[PostingKind.GOODS_MOVEMENT]["erp_kind"] == "scrap"
    assert kinds[PostingKind.GOODS_MOVEMENT]["qty"] == 2


def test_a_machine_stop_is_posted_as_downtime_when_it_ends(plant: Store, clock: FixedClock) -> None:
    service = ExceptionService(plant, clock)
    exc = service.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MACHINE_DOWNTIME,
            summary="Spindle alarm",
            work_center="WC-001",
            details={"reason_code": "mechanical/bearing"},
        ),
    )
    assert postings(plant) == []  # the ERP learns of a stop when it is over
    clock.advance(timedelta(minutes=42))
    service.resolve(SUPERVISOR, exc, decision="bearing replaced", root_cause="machine")
    (downtime,) = postings(plant)
    assert downtime.kind is PostingKind.DOWNTIME
    assert downtime.payload["work_center"] == "WC-001"
    assert downtime.payload["reason"] == "mechanical/bearing"
    assert downtime.payload["started_at"] == "2026-11-23T08:00:00.000000Z"
    assert downtime.payload["ended_at"] == "2026-11-23T08:42:00.000000Z"


def hold_then_resolve(
    plant: Store, clock: FixedClock, disposition: str, decision: str, **hold: object
) -> str:
    """Quality holds the first item, then decides; returns the item held."""
    service = ExceptionService(plant, clock)
    with plant.read() as session:
        item = session.scalars(select(Item.code).order_by(Item.code)).first()
    assert item is not None
    exc = service.raise_exception(
        QUALITY,
        NewException(
            kind=ExceptionKind.QUALITY_HOLD,
            work_center="WC-002",
            item=item,
            **hold,  # type: ignore[arg-type]
        ),
    )
    clock.advance(timedelta(hours=1))
    service.resolve(
        QUALITY, exc, decision=decision, root_cause="process", details={"disposition": disposition}
    )
    return item


def test_a_quality_hold_and_its_release_are_posted_and_the_release_names_the_hold(
    plant: Store, clock: FixedClock
) -> None:
    hold_then_resolve(plant, clock, "rework", "reworked and released", summary="Burr on the flange")
    hold, release = postings(plant)
    assert hold.payload["erp_kind"] == "quality_hold"
    assert release.payload["erp_kind"] == "quality_release"
    assert release.payload["hold_reference"] == hold.id
    assert release.payload["disposition"] == "rework"
    assert release.payload["note"] == "rework: reworked and released"


def test_a_scrapped_hold_also_takes_its_material_out_of_stock_in_the_erp(
    plant: Store, clock: FixedClock
) -> None:
    item = hold_then_resolve(
        plant,
        clock,
        "scrap",
        "cracked parts scrapped",
        summary="Cracks after hardening",
        lot_no="L26-00001",
        quantity=12,
    )
    by_kind = {(p.kind, p.payload["erp_kind"]): p for p in postings(plant)}
    assert by_kind[(PostingKind.QUALITY_EVENT, "quality_release")].payload["note"] == (
        "scrap: cracked parts scrapped"
    )
    scrap = by_kind[(PostingKind.GOODS_MOVEMENT, "scrap")]
    assert (scrap.payload["item"], scrap.payload["qty"], scrap.payload["lot"]) == (
        item,
        12,
        "L26-00001",
    )
    assert len(by_kind) == 3  # the hold, its release, the scrap
