"""Checks that a payload's references point at things that exist, naming the field if not."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from app.errors import FieldProblem, ValidationError
from app.events.payloads import (
    AreaDefined,
    BomDefined,
    LotRegistered,
    Payload,
    RoutingDefined,
    StockCounted,
    SupplyExpected,
    WorkCenterDefined,
    WorkOrderReleased,
)
from app.i18n import QT_TR_NOOP, tr
from app.model import Area, Customer, Item, SetupFamily, ShiftCalendar, Site, WorkCenter
from app.words import word

_LABELS: dict[type[Any], str] = {
    Site: QT_TR_NOOP("site"),
    Area: QT_TR_NOOP("area"),
    ShiftCalendar: QT_TR_NOOP("shift calendar"),
    SetupFamily: QT_TR_NOOP("setup family"),
    WorkCenter: QT_TR_NOOP("work center"),
    Item: QT_TR_NOOP("item"),
    Customer: QT_TR_NOOP("customer"),
}

# For each payload type: (path of the field, what it must name). "[]" walks a list.
_REFERENCES: dict[type[Payload], list[tuple[str, type[Any]]]] = {
    AreaDefined: [("site", Site)],
    WorkCenterDefined: [
        ("area", Area),
        ("calendar", ShiftCalendar),
        ("setup_families[]", SetupFamily),
    ],
    BomDefined: [("item", Item), ("lines[].component", Item)],
    RoutingDefined: [
        ("item", Item),
        ("operations[].work_center", WorkCenter),
        ("operations[].setup_family", SetupFamily),
    ],
    LotRegistered: [("item", Item)],
    StockCounted: [("item", Item)],
    SupplyExpected: [("item", Item)],
    WorkOrderReleased: [
        ("item", Item),
        ("customer", Customer),
        ("operations[].work_center", WorkCenter),
        ("operations[].setup_family", SetupFamily),
        ("materials[].item", Item),
    ],
}


def _values(obj: Any, path: list[str], shown: str) -> Iterable[tuple[str, Any]]:
    if not path:
        yield shown, obj
        return
    head, rest = path[0], path[1:]
    if head.endswith("[]"):
        name = head[:-2]
        for index, element in enumerate(getattr(obj, name)):
            yield from _values(
                element, rest, f"{shown}{name}.{index}." if rest else f"{shown}{name}.{index}"
            )
    else:
        yield from _values(
            getattr(obj, head), rest, f"{shown}{head}." if rest else f"{shown}{head}"
        )


def check_references(session: Session, payload: Payload) -> None:
    problems = []
    for path, model in _REFERENCES.get(type(payload), []):
        for field, value in _values(payload, path.split("."), ""):
            if value is not None and session.get(model, value) is None:
                problems.append(
                    FieldProblem(
                        field,
                        tr("unknown {what} {value}", what=word(_LABELS[model]), value=repr(value)),
                    )
                )
    if problems:
        raise ValidationError(problems)
