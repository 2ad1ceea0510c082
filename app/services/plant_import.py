"""Recording a plant file (app/plant_file.py) into a database: `takt plant import FILE`.

Each definition in the file is compared with the last one the log holds for the same
thing (the item of that code, the work order of that number, ...): only what is new
or changed is recorded, so importing the same file again records nothing, and an edited
file records exactly the entries that were edited. What happened on the floor since
(stock issued, operations confirmed) is not a definition, so a re-import does not undo
it. Removing an entry from the file does not remove it from the plant.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from app.errors import ValidationError
from app.events.payloads import (
    AreaDefined,
    BomDefined,
    CustomerDefined,
    ItemDefined,
    LotRegistered,
    Payload,
    RoutingDefined,
    SetupFamilyDefined,
    ShiftCalendarDefined,
    SiteDefined,
    StockCounted,
    SupplyExpected,
    WorkCenterDefined,
    WorkOrderReleased,
    parse_payload,
)
from app.model.eventlog import EventRecord
from app.plant_file import PlantData
from app.services.base import Service
from app.services.plant import SYSTEM_ACTOR
from app.services.references import check_references

log = logging.getLogger(__name__)

# What makes two definitions "the same thing": the projections' own keys.
_IDENTITY: dict[type[Payload], Callable[[Any], tuple[object, ...]]] = {
    SiteDefined: lambda p: (p.code,),
    AreaDefined: lambda p: (p.code,),
    ShiftCalendarDefined: lambda p: (p.code,),
    SetupFamilyDefined: lambda p: (p.code,),
    WorkCenterDefined: lambda p: (p.code,),
    CustomerDefined: lambda p: (p.code,),
    ItemDefined: lambda p: (p.code,),
    BomDefined: lambda p: (p.item,),
    RoutingDefined: lambda p: (p.item,),
    LotRegistered: lambda p: (p.lot_no,),
    StockCounted: lambda p: (p.item, p.location, p.lot_no or ""),
    SupplyExpected: lambda p: (p.id,),
    WorkOrderReleased: lambda p: (p.number,),
}


@dataclass
class PlantImportReport:
    recorded: Counter[str] = field(default_factory=Counter)  # event kind -> how many
    unchanged: int = 0
    users_skipped: int = 0

    @property
    def total_recorded(self) -> int:
        return sum(self.recorded.values())

    def lines(self) -> list[str]:
        if not self.recorded:
            out = [f"nothing new: all {self.unchanged} definitions are already recorded"]
        else:
            out = [
                f"recorded {self.total_recorded} definitions "
                f"({self.unchanged} unchanged, already recorded):"
            ]
            out += [f"  {kind}: {count}" for kind, count in sorted(self.recorded.items())]
        if self.users_skipped:
            # People come with a PIN, which is theirs to choose at enrolment.
            out.append(f"{self.users_skipped} users in the file not enrolled (enrol people apart)")
        return out


class PlantImportService(Service):
    def import_plant(self, plant: PlantData, *, actor: str = SYSTEM_ACTOR) -> PlantImportReport:
        """Record what is new or changed in `plant`, in one transaction (all or nothing)."""
        report = PlantImportReport(users_skipped=len(plant.users))
        with self.transaction() as tx:
            latest = _latest_definitions(tx.session, {type(p) for p in plant.reference})
            for n, payload in enumerate(plant.reference):
                key = (payload.KIND, *_IDENTITY[type(payload)](payload))
                if latest.get(key) == payload:
                    report.unchanged += 1
                    continue
                try:
                    check_references(tx.session, payload)
                except ValidationError as error:
                    raise ValidationError(
                        [
                            type(p)(f"{payload.KIND} #{n + 1} {key[1]}: {p.field}", p.problem)
                            for p in error.problems
                        ]
                    ) from None
                tx.emit(payload, actor)
                latest[key] = payload
                report.recorded[payload.KIND] += 1
        log.info("plant import: %s", "; ".join(report.lines()))
        return report


def _latest_definitions(
    session: Any, types: Iterable[type[Payload]]
) -> dict[tuple[object, ...], Payload]:
    """The last applied definition of each thing, of the kinds the file holds."""
    by_kind = {t.KIND: t for t in types}
    latest: dict[tuple[object, ...], Payload] = {}
    rows = session.execute(
        select(EventRecord.kind, EventRecord.payload)
        .where(EventRecord.kind.in_(by_kind), EventRecord.outcome == "applied")
        .order_by(EventRecord.position)
    )
    for kind, data in rows:
        try:
            payload = parse_payload(kind, data)
        except ValidationError:
            continue  # an old event a newer schema would refuse: the file's replaces it
        latest[(kind, *_IDENTITY[by_kind[kind]](payload))] = payload
    return latest
