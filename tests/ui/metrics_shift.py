"""A simulated shift on the demo floor, for the metrics screen and the audit report: a
dozen exceptions of several types, channels and work centers, acknowledged, reassigned,
resolved (one without the ERP hearing of it, one reopened, some left open), the
downtimes' postings acknowledged by the ERP, spread over the shift by the test clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from app.clock import FixedClock
from app.model import ErpPosting
from app.model.types import Channel, ExceptionKind, PostingStatus, Role, Severity
from app.services.exceptions import ExceptionService, NewException
from app.store import Store
from tests.postings import erp_acknowledges

OPERATOR, SUPERVISOR, QUALITY, MAINTENANCE, PROCUREMENT, MANAGER = (
    "1001",
    "2001",
    "3001",
    "4001",
    "5001",
    "7001",
)

# (work center, the reason the operator gave, the root cause found, minutes to fix)
DOWNTIMES = (
    ("LAT-01", "machine/breakdown", "machine/breakdown", 35),
    ("LAT-02", "tooling/wear", "tooling/wear", 12),
    ("MIL-01", "machine/breakdown", "machine/breakdown", 70),
    ("MIL-02", "machine/wear", "machine/wear", 20),
    ("GRD-01", "machine/breakdown", "machine/breakdown", 150),
)
SHORTAGES = (("ASM-01", "PP-SEAL-80"), ("WLD-01", "RM-S235-6"), ("SAW-01", "RM-BAR-S355-90"))


@dataclass
class Shift:
    """What the shift left: every exception raised, and those still open at its end."""

    raised: list[str] = field(default_factory=list)
    open: list[str] = field(default_factory=list)
    downtimes: list[str] = field(default_factory=list)


def _pending_downtime_postings(store: Store) -> list[str]:
    with store.read() as session:
        return list(
            session.scalars(
                select(ErpPosting.id)
                .where(ErpPosting.kind == "downtime", ErpPosting.status == PostingStatus.PENDING)
                .order_by(ErpPosting.id)
            )
        )


def simulate_shift(store: Store, clock: FixedClock) -> Shift:
    service = ExceptionService(store, clock)
    shift = Shift()
    for n, (work_center, reason, cause, minutes) in enumerate(DOWNTIMES):
        clock.advance(timedelta(minutes=17))
        exc = service.raise_exception(
            OPERATOR,
            NewException(
                kind=ExceptionKind.MACHINE_DOWNTIME,
                summary=f"{work_center} stopped",
                work_center=work_center,
                severity=Severity.HIGH,
                details={"reason_code": reason},
            ),
        )
        shift.raised.append(exc)
        shift.downtimes.append(exc)
        clock.advance(timedelta(minutes=3 + n))
        service.acknowledge(MAINTENANCE, exc)
        if n == 4:  # the longest one is still being fixed when the shift ends
            shift.open.append(exc)
            continue
        clock.advance(timedelta(minutes=minutes))
        service.resolve(MAINTENANCE, exc, decision="repaired and restarted", root_cause=cause)
    # The ERP hears of every downtime but the last one resolved.
    pending = _pending_downtime_postings(store)
    clock.advance(timedelta(minutes=6))
    for n, posting_id in enumerate(pending[:-1]):
        erp_acknowledges(store, clock, posting_id, f"DT-{n + 1:04d}")
    for n, (work_center, item) in enumerate(SHORTAGES):
        clock.advance(timedelta(minutes=9))
        exc = service.raise_exception(
            OPERATOR,
            NewException(
                kind=ExceptionKind.MATERIAL_SHORTAGE,
                summary=f"{item} is not at {work_center}",
                work_center=work_center,
                item=item,
                channel=Channel.LINE_PC if n == 1 else Channel.KIOSK,
            ),
        )
        shift.raised.append(exc)
        clock.advance(timedelta(minutes=5))
        service.acknowledge(PROCUREMENT, exc)
        if n == 2:
            shift.open.append(exc)
            continue
        if n == 1:  # procurement hands it to the supervisor: not first pass
            service.reassign(PROCUREMENT, exc, Role.SUPERVISOR, "needs a resequence")
            clock.advance(timedelta(minutes=25))
            service.resolve(SUPERVISOR, exc, decision="resequenced", root_cause="planning/schedule")
            continue
        clock.advance(timedelta(minutes=40))
        service.resolve(PROCUREMENT, exc, decision="delivered", root_cause="material/staging")
    for n in range(3):
        clock.advance(timedelta(minutes=11))
        exc = service.raise_exception(
            SUPERVISOR,
            NewException(
                kind=ExceptionKind.OTHER,
                summary=f"forklift blocks aisle {n + 1}",
                work_center="ASM-01",
                channel=Channel.PHONE if n == 0 else Channel.LINE_PC,
            ),
        )
        shift.raised.append(exc)
        clock.advance(timedelta(minutes=2))
        service.acknowledge(SUPERVISOR, exc)
        clock.advance(timedelta(minutes=8 + 10 * n))
        service.resolve(SUPERVISOR, exc, decision="moved the forklift", root_cause="other/unknown")
        if n == 2:  # it came back: reopened, and open at the end
            clock.advance(timedelta(minutes=5))
            service.reopen(SUPERVISOR, exc, "the forklift is back in the aisle")
            shift.open.append(exc)
    clock.advance(timedelta(minutes=10))
    return shift
