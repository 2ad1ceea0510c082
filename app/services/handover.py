"""The shift handover's commands, and the shift calendar file they hand over by.

The outgoing lead notes open items and the shift, then hands the shift over: the items
still open at its end travel in the event, so every terminal and the server hold the
same list. The incoming lead accepts or queries each item and signs; the reducers
(app/projections/handover.py) hold the rules, the same on every terminal and the server.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from app.authz import LEADS, require_role
from app.errors import FieldProblem, Rejected, ValidationError
from app.events.payloads import (
    HandoverItemAccepted,
    HandoverItemQueried,
    HandoverItemSpec,
    HandoverNoted,
    HandoverQueryAnswered,
    HandoverSigned,
    HandoverSubmitted,
    ShiftCalendarDefined,
)
from app.i18n import tr
from app.model import Area
from app.paths import resource
from app.queries_handover import ShiftRef, handover_view, open_items, shift_ref
from app.services.base import Service, Tx

_AREA_KEYS = frozenset({"area", "code", "name", "shifts", "breaks", "planned_stops"})


def default_calendar_file() -> Path:
    return resource("shifts", "calendar.toml")


def read_shift_calendars(
    path: Path | None = None, areas: Iterable[str] | None = None
) -> list[ShiftCalendarDefined]:
    """The area calendars of a shift calendar file (resources/shifts/calendar.toml).

    A bad file raises ValidationError naming each bad field as `areas.<n>.<field>`
    (e.g. "areas.1.breaks.0.ends: Input should be a valid time"). `areas`: the plant's
    area codes; an area the plant lacks is an error too."""
    path = path or default_calendar_file()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValidationError.one(path.name, str(error)) from None
    raw_areas = data.get("areas")
    if not isinstance(raw_areas, list) or not raw_areas:
        raise ValidationError.one("areas", tr("the file needs at least one [[areas]] table"))
    known = set(areas) if areas is not None else None
    problems: list[FieldProblem] = []
    calendars: list[ShiftCalendarDefined] = []
    seen: dict[str, str] = {}
    for n, raw in enumerate(raw_areas):
        where = f"areas.{n}"
        if not isinstance(raw, dict):
            problems.append(FieldProblem(where, tr("must be a table")))
            continue
        unknown = sorted(set(raw) - _AREA_KEYS)
        problems.extend(
            FieldProblem(f"{where}.{key}", tr("is not a known field")) for key in unknown
        )
        try:
            calendar = _calendar(raw)
        except ValidationError as error:
            problems.extend(FieldProblem(f"{where}.{p.field}", p.problem) for p in error.problems)
            continue
        if known is not None and calendar.area not in known:
            problems.append(
                FieldProblem(
                    f"{where}.area", tr("no area {area} in the plant", area=repr(calendar.area))
                )
            )
        for field, value in (("area", calendar.area or ""), ("code", calendar.code)):
            if f"{field}:{value}" in seen:
                problems.append(
                    FieldProblem(
                        f"{where}.{field}",
                        tr(
                            "{value} is given twice (also in {other})",
                            value=repr(value),
                            other=seen[f"{field}:{value}"],
                        ),
                    )
                )
            seen[f"{field}:{value}"] = where
        names = {s.name for s in calendar.shifts}
        for group in ("breaks", "planned_stops"):
            for m, window in enumerate(getattr(calendar, group)):
                if window.shift is not None and window.shift not in names:
                    problems.append(
                        FieldProblem(
                            f"{where}.{group}.{m}.shift",
                            tr("no shift {shift}", shift=repr(window.shift)),
                        )
                    )
                if window.ends <= window.starts:
                    problems.append(
                        FieldProblem(f"{where}.{group}.{m}.ends", tr("must be after starts"))
                    )
        calendars.append(calendar)
    if problems:
        raise ValidationError(problems)
    return calendars


def _calendar(raw: dict[str, Any]) -> ShiftCalendarDefined:
    if not raw.get("area"):
        raise ValidationError.one("area", tr("the area's code is missing"))
    # Validated as any payload is: a missing or bad field is named as the file names it.
    fields = {key: value for key, value in raw.items() if key in _AREA_KEYS}
    return ShiftCalendarDefined(**fields)


def _reason(text: str, field: str) -> str:
    text = text.strip()
    if len(text) < 3:
        raise ValidationError.one(field, tr("say why (at least a few words)"))
    return text


class HandoverService(Service):
    """The handover's commands; each is one event in one transaction."""

    def _lead(self, tx: Tx, actor: str) -> None:
        require_role(tx.session, actor, *sorted(LEADS), action=tr("hand over a shift"))

    def _shift(self, tx: Tx, area: str, day: date, shift: str) -> ShiftRef:
        if tx.session.get(Area, area) is None:
            raise ValidationError.one("area", tr("no area {area}", area=area))
        found = shift_ref(tx.session, area, day, shift)
        if found is None:
            raise ValidationError.one(
                "shift",
                tr(
                    "{area} has no shift {shift} on {day}",
                    area=area,
                    shift=shift,
                    day=day.isoformat(),
                ),
            )
        return found

    def note(
        self, actor: str, area: str, day: date, shift: str, note: str, item: str | None = None
    ) -> None:
        """The outgoing lead's note on an open item, or on the shift (`item` None)."""
        with self.transaction() as tx:
            self._lead(tx, actor)
            self._shift(tx, area, day, shift)
            tx.emit(
                HandoverNoted(area=area, day=day, shift=shift, item=item, note=note.strip()),
                actor,
            )

    def submit(self, actor: str, area: str, day: date, shift: str) -> int:
        """Hand the shift over with what is still open; returns how many items."""
        with self.transaction() as tx:
            self._lead(tx, actor)
            ref = self._shift(tx, area, day, shift)
            now = self.clock.now()
            if now < ref.start:
                raise Rejected(tr("shift {shift} has not started yet", shift=ref.label))
            view = handover_view(tx.session, ref, now)
            items = [
                HandoverItemSpec(key=key, summary=summary, owner=owner, sla=sla)
                for key, summary, owner, sla in open_items(view.still_open, view.refused)
            ]
            tx.emit(
                HandoverSubmitted(
                    area=area,
                    day=day,
                    shift=shift,
                    starts_at=ref.start,
                    ends_at=ref.end,
                    items=items,
                ),
                actor,
            )
            return len(items)

    def accept(self, actor: str, area: str, day: date, shift: str, item: str) -> None:
        with self.transaction() as tx:
            tx.emit(HandoverItemAccepted(area=area, day=day, shift=shift, item=item), actor)

    def query(self, actor: str, area: str, day: date, shift: str, item: str, reason: str) -> None:
        reason = _reason(reason, "reason")
        with self.transaction() as tx:
            tx.emit(
                HandoverItemQueried(area=area, day=day, shift=shift, item=item, reason=reason),
                actor,
            )

    def answer(self, actor: str, area: str, day: date, shift: str, item: str, answer: str) -> None:
        answer = _reason(answer, "answer")
        with self.transaction() as tx:
            tx.emit(
                HandoverQueryAnswered(area=area, day=day, shift=shift, item=item, answer=answer),
                actor,
            )

    def sign(self, actor: str, area: str, day: date, shift: str) -> None:
        with self.transaction() as tx:
            tx.emit(HandoverSigned(area=area, day=day, shift=shift), actor)
