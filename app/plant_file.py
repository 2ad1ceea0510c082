"""The plant file: a whole plant written out in TOML or JSON, as resources/demo/plant.toml.

One reader for both `takt plant import FILE` and the demo (app/demo/generator.py), so
the format the README documents is the one the demo runs on. Reading is pure: the file
becomes plain data (event payloads in load order plus the demo's people); recording it
is app/services/plant_import.py's business.

Sections (each optional but `site`): site, calendars, areas, setup_families,
work_centers, customers, suppliers, items (with bom and routing), lots, stock,
supplies, work_orders, and the demo's own `generator` and `users`. Everything a
section names must be in the file too (a plant file is whole), so a typo is an error
naming the entry: `work_centers[3].area: no area "FAX" in areas` (entries count from 0;
a TOML file's errors also give the line of the entry's header).
"""

from __future__ import annotations

import json
import random
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pydantic

from app.errors import FieldProblem, ValidationError
from app.events.payloads import (
    AreaDefined,
    BomDefined,
    CustomerDefined,
    ItemDefined,
    LotRegistered,
    MaterialSpec,
    OperationSpec,
    Payload,
    RoutingDefined,
    RoutingStepSpec,
    SetupFamilyDefined,
    ShiftCalendarDefined,
    ShiftSpec,
    SiteDefined,
    StockCounted,
    SupplyExpected,
    WorkCenterDefined,
    WorkOrderReleased,
    problems_of,
)
from app.model.types import ItemClass, PriorityClass, Role

STORES = "MAIN-STORES"
# A larger file is not a plant description but a mistake (or an attack on the reader).
MAX_FILE_BYTES = 32 * 1024 * 1024
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_\-]+)\s*\]\]?\s*(?:#.*)?$")


@dataclass(frozen=True)
class UserSpec:
    id: str
    name: str
    badge: str
    pin: str
    roles: tuple[Role, ...]
    language: str | None = None  # None: the terminal's language


@dataclass(frozen=True)
class PlantData:
    reference: tuple[Payload, ...]
    users: tuple[UserSpec, ...]

    def of(self, payload_type: type[Payload]) -> list[Any]:
        return [p for p in self.reference if isinstance(p, payload_type)]


@dataclass
class Catalog:
    """Master data the work orders and stock are made from (explicit or generated)."""

    item_classes: dict[str, ItemClass] = field(default_factory=dict)
    counted_in_pieces: set[str] = field(default_factory=set)
    boms: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    routings: dict[str, list[RoutingStepSpec]] = field(default_factory=dict)
    customers: dict[str, PriorityClass] = field(default_factory=dict)


@dataclass(frozen=True)
class FileProblem:
    path: str  # "work_centers[3].code"
    problem: str
    line: int | None = None  # of the entry's header, in a TOML file

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.path}: {self.problem}"


class PlantFileError(ValidationError):
    """A plant file that cannot be loaded: every problem found, each naming its entry."""

    def __init__(self, source: str, problems: list[FileProblem]) -> None:
        self.source = source
        self.file_problems = problems
        super().__init__([FieldProblem(p.path, p.problem) for p in problems])
        self.args = ("\n".join(f"{source}: {p}" for p in problems),)

    def __str__(self) -> str:
        return str(self.args[0])


def read_plant_file(path: Path, *, now: datetime) -> PlantData:
    """The plant in a .toml or .json file; `now` anchors a `generator` section's orders."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PlantFileError(
                path.name, [FileProblem("file", f"is {size:,} bytes; at most {MAX_FILE_BYTES:,}")]
            )
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        raise PlantFileError(path.name, [FileProblem("file", "is not UTF-8 text")]) from None
    except OSError as error:
        raise PlantFileError(
            path.name, [FileProblem("file", error.strerror or str(error))]
        ) from None
    return parse_plant(text, now=now, source=path.name, json_format=path.suffix.lower() == ".json")


def parse_plant(
    text: str, *, now: datetime, source: str = "plant file", json_format: bool = False
) -> PlantData:
    """The plant in `text` (TOML, or JSON with `json_format`); PlantFileError if bad."""
    lines: dict[str, list[int]] = {}
    try:
        if json_format:
            document = json.loads(text)
        else:
            document = tomllib.loads(text)
            lines = _header_lines(text)
    except json.JSONDecodeError as error:
        raise PlantFileError(
            source, [FileProblem("file", f"is not JSON: {error.msg}", error.lineno)]
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise PlantFileError(source, [FileProblem("file", f"is not TOML: {error}")]) from None
    if not isinstance(document, dict):
        raise PlantFileError(source, [FileProblem("file", "must hold a table (an object)")])
    reader = _Reader(lines)
    plant = _plant(reader, document, now)
    if reader.problems:
        raise PlantFileError(source, reader.problems)
    return plant


def _header_lines(text: str) -> dict[str, list[int]]:
    """Line of each `[name]` / `[[name]]` header, in order: where entry n of a section is."""
    found: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _HEADER.match(line):
            found.setdefault(match.group(1), []).append(number)
    return found


class _Reader:
    """Collects every problem of a file instead of stopping at the first."""

    def __init__(self, lines: dict[str, list[int]]) -> None:
        self.lines = lines
        self.problems: list[FileProblem] = []

    def fail(self, path: str, problem: str) -> None:
        self.problems.append(FileProblem(path, problem, self._line(path)))

    def _line(self, path: str) -> int | None:
        match = re.match(r"([A-Za-z0-9_\-]+)(?:\[(\d+)\])?", path)
        if not match or match.group(1) not in self.lines:
            return None
        headers = self.lines[match.group(1)]
        index = int(match.group(2) or 0)
        return headers[index] if index < len(headers) else None

    def entries(
        self, document: Mapping[str, Any], key: str
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """The tables of a section as (path, table), a bad one reported and skipped."""
        value = document.get(key, [])
        if not isinstance(value, list):
            self.fail(key, "must be a list of tables ([[" + key + "]] in TOML)")
            return
        for index, entry in enumerate(value):
            path = f"{key}[{index}]"
            if isinstance(entry, dict):
                yield path, entry
            else:
                self.fail(path, "must be a table (an object)")

    def payload(
        self, path: str, build: Callable[..., Any], renamed: Mapping[str, str], **data: Any
    ) -> Any:
        """`build(**data)`, or None with each bad field reported under the file's name."""
        try:
            return build(**data)
        except ValidationError as error:
            for problem in error.problems:
                head, _, rest = problem.field.partition(".")
                name = renamed.get(head, head) + ("." + rest if rest else "")
                empty = not rest and isinstance(data.get(head), str) and not data[head].strip()
                self.fail(f"{path}.{name}", "must not be empty" if empty else problem.problem)
            return None

    def known(self, path: str, value: Any, names: Mapping[str, Any] | set[str], what: str) -> bool:
        if value is None or value in names:
            return True
        self.fail(path, f'no {what} "{value}" in the file')
        return False


def _required(reader: _Reader, entry: Mapping[str, Any], path: str, *keys: str) -> bool:
    missing = [k for k in keys if k not in entry]
    for key in missing:
        reader.fail(f"{path}.{key}", "missing")
    return not missing


def _unknown_keys(reader: _Reader, entry: Mapping[str, Any], path: str, allowed: set[str]) -> None:
    # A misspelt key ("calender") would otherwise be dropped without a word.
    for key in sorted(set(entry) - allowed):
        reader.fail(f"{path}.{key}", "unknown key (a typo?)")


def _moment(reader: _Reader, value: Any, path: str) -> datetime | None:
    """A TOML date-time or an ISO 8601 string; must carry its offset."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            reader.fail(path, "must be a date and time such as 2026-11-23T08:00:00+01:00")
            return None
    else:
        reader.fail(path, "must be a date and time such as 2026-11-23T08:00:00+01:00")
        return None
    if moment.tzinfo is None:
        reader.fail(path, "must carry a timezone (e.g. ...Z or +01:00)")
        return None
    return moment


def _time(reader: _Reader, value: Any, path: str) -> time | None:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        reader.fail(path, "must be a time of day such as 06:00")
        return None


def _plant(reader: _Reader, doc: Mapping[str, Any], now: datetime) -> PlantData:
    out: list[Payload] = []
    catalog = Catalog()
    _unknown_keys(
        reader,
        doc,
        "file",
        {
            "site",
            "generator",
            "calendars",
            "areas",
            "setup_families",
            "work_centers",
            "customers",
            "suppliers",
            "items",
            "lots",
            "stock",
            "supplies",
            "work_orders",
            "users",
        },
    )
    site = doc.get("site")
    site_code = ""
    if not isinstance(site, dict):
        reader.fail("site", "missing: the plant's code, name and timezone ([site] in TOML)")
    elif _required(reader, site, "site", "code", "name"):
        _unknown_keys(reader, site, "site", {"code", "name", "timezone"})
        payload = reader.payload(
            "site",
            SiteDefined,
            {},
            code=site["code"],
            name=site["name"],
            timezone=site.get("timezone", "UTC"),
        )
        if payload is not None:
            site_code = payload.code
            out.append(payload)

    calendars: set[str] = set()
    for path, c in reader.entries(doc, "calendars"):
        _unknown_keys(reader, c, path, {"code", "name", "shifts"})
        if not _required(reader, c, path, "code", "name", "shifts"):
            continue
        shifts = c["shifts"] if isinstance(c["shifts"], list) else []
        specs = []
        for n, s in enumerate(shifts):
            spath = f"{path}.shifts[{n}]"
            if not isinstance(s, dict) or not _required(
                reader, s, spath, "name", "weekdays", "starts", "ends"
            ):
                continue
            starts = _time(reader, s["starts"], f"{spath}.starts")
            ends = _time(reader, s["ends"], f"{spath}.ends")
            spec = reader.payload(
                spath,
                _shift,
                {},
                name=s["name"],
                weekdays=str(s["weekdays"]),
                starts=starts,
                ends=ends,
            )
            if spec is not None:
                specs.append(spec)
        calendar = reader.payload(
            path, ShiftCalendarDefined, {}, code=c["code"], name=c["name"], shifts=specs
        )
        if calendar is not None:
            calendars.add(calendar.code)
            out.append(calendar)

    areas: set[str] = set()
    for path, a in reader.entries(doc, "areas"):
        _unknown_keys(reader, a, path, {"code", "name"})
        if _required(reader, a, path, "code", "name"):
            area = reader.payload(
                path, AreaDefined, {}, code=a["code"], site=site_code or "-", name=a["name"]
            )
            if area is not None:
                areas.add(area.code)
                out.append(area)

    families: set[str] = set()
    raw_families = doc.get("setup_families", {})
    if not isinstance(raw_families, dict):
        reader.fail("setup_families", "must be a table of code = name")
    else:
        for code, name in raw_families.items():
            family = reader.payload(
                f"setup_families.{code}", SetupFamilyDefined, {}, code=code, name=name
            )
            if family is not None:
                families.add(family.code)
                out.append(family)

    centers: set[str] = set()
    for path, w in reader.entries(doc, "work_centers"):
        _unknown_keys(
            reader, w, path, {"code", "area", "name", "calendar", "capacity", "setup_families"}
        )
        if not _required(reader, w, path, "code", "area", "name"):
            continue
        reader.known(f"{path}.area", w["area"], areas, "area")
        reader.known(f"{path}.calendar", w.get("calendar"), calendars, "calendar")
        own = w.get("setup_families", [])
        for n, family_code in enumerate(own if isinstance(own, list) else []):
            reader.known(f"{path}.setup_families[{n}]", family_code, families, "setup family")
        center = reader.payload(
            path,
            WorkCenterDefined,
            {},
            code=w["code"],
            area=w["area"],
            name=w["name"],
            calendar=w.get("calendar"),
            capacity=w.get("capacity", 1.0),
            setup_families=own,
        )
        if center is not None:
            centers.add(center.code)
            out.append(center)

    for path, c in reader.entries(doc, "customers"):
        _unknown_keys(reader, c, path, {"code", "name", "priority_class"})
        if not _required(reader, c, path, "code", "name", "priority_class"):
            continue
        customer = reader.payload(
            path,
            CustomerDefined,
            {},
            code=c["code"],
            name=c["name"],
            priority_class=c["priority_class"],
        )
        if customer is not None:
            catalog.customers[customer.code] = PriorityClass(customer.priority_class)
            out.append(customer)

    suppliers: dict[str, str] = {}
    for path, s in reader.entries(doc, "suppliers"):
        _unknown_keys(reader, s, path, {"code", "name"})
        if not _required(reader, s, path, "code", "name"):
            continue
        if not isinstance(s["code"], str) or not s["code"].strip():
            reader.fail(f"{path}.code", "must not be empty")
        elif not isinstance(s["name"], str) or not s["name"].strip():
            reader.fail(f"{path}.name", "must not be empty")
        else:
            suppliers[s["code"]] = s["name"]

    out.extend(_items(reader, doc, catalog, centers, families))
    lots = _lots(reader, doc, catalog, suppliers)
    out.extend(lots)
    out.extend(_supplies(reader, doc, catalog))
    out.extend(
        _orders(
            reader,
            doc,
            catalog,
            centers,
            families,
            {p.lot_no for p in lots if isinstance(p, LotRegistered)},
        )
    )

    generator = doc.get("generator")
    if isinstance(generator, dict) and not reader.problems:
        out.extend(_generated(reader, generator, catalog, now, list(suppliers.values())))
    elif generator is not None and not isinstance(generator, dict):
        reader.fail("generator", "must be a table")
    return PlantData(reference=tuple(out), users=_users(reader, doc))


def _shift(**data: Any) -> ShiftSpec:
    return _model(ShiftSpec, data)


def _items(
    reader: _Reader,
    doc: Mapping[str, Any],
    catalog: Catalog,
    centers: set[str],
    families: set[str],
) -> list[Payload]:
    from app.demo.generator import boms_and_routings

    out: list[Payload] = []
    entries = list(reader.entries(doc, "items"))
    codes = {e["code"] for _, e in entries if isinstance(e.get("code"), str)}
    for path, item in entries:
        _unknown_keys(
            reader, item, path, {"code", "name", "class", "uom", "active", "bom", "routing"}
        )
        if not _required(reader, item, path, "code", "name", "class"):
            continue
        payload = reader.payload(
            path,
            ItemDefined,
            {"item_class": "class"},
            code=item["code"],
            name=item["name"],
            item_class=item["class"],
            uom=item.get("uom", "pcs"),
            active=item.get("active", True),
        )
        if payload is None:
            continue
        code = payload.code
        catalog.item_classes[code] = ItemClass(payload.item_class)
        if payload.uom == "pcs":
            catalog.counted_in_pieces.add(code)
        out.append(payload)
        if "bom" in item:
            lines = _pairs(reader, item["bom"], f"{path}.bom", "[component, quantity per unit]")
            good = []
            for n, (component, per) in enumerate(lines):
                if reader.known(f"{path}.bom[{n}]", component, codes, "item"):
                    good.append((component, per))
            catalog.boms[code] = good
        if "routing" in item:
            steps = []
            raw = item["routing"] if isinstance(item["routing"], list) else None
            if raw is None:
                reader.fail(f"{path}.routing", "must be a list of steps")
                raw = []
            for n, step in enumerate(raw):
                spath = f"{path}.routing[{n}]"
                if not isinstance(step, list) or len(step) != 5:
                    reader.fail(
                        spath,
                        "must be [work center, setup family, description, setup minutes, "
                        "run minutes per unit]",
                    )
                    continue
                wc, family, description, setup, run = step
                reader.known(spath, wc, centers, "work center")
                reader.known(spath, family or None, families, "setup family")
                spec = reader.payload(
                    spath,
                    _routing_step,
                    {},
                    seq=10 * (n + 1),
                    work_center=wc,
                    setup_family=family or None,
                    description=description,
                    setup_minutes=setup,
                    run_minutes_per_unit=run,
                )
                if spec is not None:
                    steps.append(spec)
            catalog.routings[code] = steps
    if not reader.problems:
        out.extend(boms_and_routings(catalog))
    return out


def _routing_step(**data: Any) -> RoutingStepSpec:
    return _model(RoutingStepSpec, data)


def _model(cls: Any, data: Mapping[str, Any]) -> Any:
    """A nested spec (shift, step, operation, material), its errors as a payload's."""
    try:
        return cls(**data)
    except pydantic.ValidationError as error:
        raise ValidationError(problems_of(error)) from None


def _pairs(reader: _Reader, value: Any, path: str, shape: str) -> list[tuple[Any, float]]:
    if not isinstance(value, list):
        reader.fail(path, f"must be a list of {shape}")
        return []
    out = []
    for n, pair in enumerate(value):
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or isinstance(pair[1], bool)
            or not isinstance(pair[1], int | float)
            or not pair[1] > 0
        ):
            reader.fail(f"{path}[{n}]", f"must be {shape}, the quantity above 0")
            continue
        out.append((pair[0], float(pair[1])))
    return out


def _lots(
    reader: _Reader, doc: Mapping[str, Any], catalog: Catalog, suppliers: Mapping[str, str]
) -> list[Payload]:
    out: list[Payload] = []
    for path, lot in reader.entries(doc, "lots"):
        _unknown_keys(
            reader, lot, path, {"lot_no", "item", "quantity", "supplier", "received_at", "location"}
        )
        if not _required(reader, lot, path, "lot_no", "item", "quantity"):
            continue
        reader.known(f"{path}.item", lot["item"], catalog.item_classes, "item")
        supplier = lot.get("supplier")
        if supplier is not None and supplier not in suppliers:
            reader.fail(f"{path}.supplier", f'no supplier "{supplier}" in suppliers')
            continue
        received = lot.get("received_at")
        registered = reader.payload(
            path,
            LotRegistered,
            {},
            lot_no=lot["lot_no"],
            item=lot["item"],
            quantity=lot["quantity"],
            supplier=suppliers[supplier] if supplier is not None else None,
            received_at=None
            if received is None
            else _moment(reader, received, f"{path}.received_at"),
        )
        counted = reader.payload(
            path,
            StockCounted,
            {},
            item=lot["item"],
            location=lot.get("location", STORES),
            lot_no=lot["lot_no"],
            on_hand=lot["quantity"],
        )
        if registered is not None and counted is not None:
            out += [registered, counted]
    for path, stock in reader.entries(doc, "stock"):
        _unknown_keys(reader, stock, path, {"item", "location", "on_hand"})
        if not _required(reader, stock, path, "item", "location", "on_hand"):
            continue
        reader.known(f"{path}.item", stock["item"], catalog.item_classes, "item")
        counted = reader.payload(
            path,
            StockCounted,
            {},
            item=stock["item"],
            location=stock["location"],
            on_hand=stock["on_hand"],
        )
        if counted is not None:
            out.append(counted)
    return out


def _supplies(reader: _Reader, doc: Mapping[str, Any], catalog: Catalog) -> list[Payload]:
    out: list[Payload] = []
    for path, s in reader.entries(doc, "supplies"):
        _unknown_keys(
            reader, s, path, {"id", "item", "quantity", "expected_at", "location", "reference"}
        )
        if not _required(reader, s, path, "id", "item", "quantity", "expected_at"):
            continue
        reader.known(f"{path}.item", s["item"], catalog.item_classes, "item")
        supply = reader.payload(
            path,
            SupplyExpected,
            {},
            id=s["id"],
            item=s["item"],
            quantity=s["quantity"],
            expected_at=_moment(reader, s["expected_at"], f"{path}.expected_at"),
            location=s.get("location", STORES),
            reference=s.get("reference"),
        )
        if supply is not None:
            out.append(supply)
    return out


def _orders(
    reader: _Reader,
    doc: Mapping[str, Any],
    catalog: Catalog,
    centers: set[str],
    families: set[str],
    lots: set[str],
) -> list[Payload]:
    out: list[Payload] = []
    for path, wo in reader.entries(doc, "work_orders"):
        _unknown_keys(
            reader,
            wo,
            path,
            {
                "number",
                "item",
                "quantity",
                "due_at",
                "commit_at",
                "customer",
                "priority_class",
                "erp_ref",
                "operations",
                "materials",
            },
        )
        if not _required(reader, wo, path, "number", "item", "quantity", "due_at"):
            continue
        item = wo["item"]
        quantity = wo["quantity"]
        if not reader.known(f"{path}.item", item, catalog.item_classes, "item"):
            continue
        customer = wo.get("customer")
        reader.known(f"{path}.customer", customer, catalog.customers, "customer")
        due = _moment(reader, wo["due_at"], f"{path}.due_at")
        commit = wo.get("commit_at")
        if not isinstance(quantity, int | float) or isinstance(quantity, bool) or due is None:
            if due is not None:
                reader.fail(f"{path}.quantity", "must be a number above 0")
            continue
        operations = _operations(
            reader, wo, path, item, float(quantity), catalog, centers, families
        )
        materials = _materials(
            reader, wo, path, item, float(quantity), due, operations, catalog, lots
        )
        if operations is None or materials is None:
            continue
        default_class = (
            catalog.customers.get(customer, PriorityClass.C) if customer else PriorityClass.C
        )
        order = reader.payload(
            path,
            WorkOrderReleased,
            {},
            number=wo["number"],
            erp_ref=wo.get("erp_ref"),
            item=item,
            quantity=quantity,
            due_at=due,
            commit_at=None if commit is None else _moment(reader, commit, f"{path}.commit_at"),
            customer=customer,
            priority_class=wo.get("priority_class", default_class),
            operations=operations,
            materials=materials,
        )
        if order is not None:
            out.append(order)
    return out


def _operations(
    reader: _Reader,
    wo: Mapping[str, Any],
    path: str,
    item: str,
    quantity: float,
    catalog: Catalog,
    centers: set[str],
    families: set[str],
) -> list[OperationSpec] | None:
    """The order's own steps, else its item's routing for the order's quantity."""
    if "operations" not in wo:
        steps = catalog.routings.get(item)
        if not steps:
            reader.fail(f"{path}.operations", f"missing, and item {item} has no routing")
            return None
        return [
            OperationSpec(
                seq=s.seq,
                work_center=s.work_center,
                setup_family=s.setup_family,
                description=s.description,
                setup_minutes=s.setup_minutes,
                run_minutes=round(s.run_minutes_per_unit * quantity, 3),
            )
            for s in steps
        ]
    ops: list[OperationSpec] = []
    fine = True
    for opath, op in reader.entries(wo, "operations"):
        opath = f"{path}.{opath}"
        reader.known(f"{opath}.work_center", op.get("work_center"), centers, "work center")
        reader.known(f"{opath}.setup_family", op.get("setup_family"), families, "setup family")
        spec = reader.payload(opath, _operation, {}, **op)
        if spec is None:
            fine = False
        else:
            ops.append(spec)
    return ops if fine else None


def _operation(**data: Any) -> OperationSpec:
    return _model(OperationSpec, data)


def _materials(
    reader: _Reader,
    wo: Mapping[str, Any],
    path: str,
    item: str,
    quantity: float,
    due: datetime,
    operations: list[OperationSpec] | None,
    catalog: Catalog,
    lots: set[str],
) -> list[MaterialSpec] | None:
    """The order's own materials, else its item's BOM, needed at the first step a shift early."""
    if operations is None:
        return None
    if "materials" not in wo:
        return bom_materials(catalog, item, quantity, due, operations)
    out: list[MaterialSpec] = []
    fine = True
    for mpath, m in reader.entries(wo, "materials"):
        mpath = f"{path}.{mpath}"
        reader.known(f"{mpath}.item", m.get("item"), catalog.item_classes, "item")
        reader.known(f"{mpath}.lot_no", m.get("lot_no"), lots, "lot")
        data = dict(m)
        if "need_at" in data:
            data["need_at"] = _moment(reader, data["need_at"], f"{mpath}.need_at")
        spec = reader.payload(mpath, _material, {}, **data)
        if spec is None:
            fine = False
        else:
            out.append(spec)
    return out if fine else None


def _material(**data: Any) -> MaterialSpec:
    return _model(MaterialSpec, data)


def bom_materials(
    catalog: Catalog, item: str, quantity: float, due: datetime, operations: list[OperationSpec]
) -> list[MaterialSpec]:
    """An order's material from its item's BOM: at its first step, a shift before it runs."""
    work_minutes = sum(o.setup_minutes + o.run_minutes for o in operations)
    need_at = due - timedelta(minutes=work_minutes) - timedelta(hours=8)
    return [
        MaterialSpec(
            item=c,
            quantity=round(q * quantity, 3),
            operation_seq=operations[0].seq,
            need_at=need_at,
        )
        for c, q in catalog.boms.get(item, [])
    ]


def _generated(
    reader: _Reader, gen: Mapping[str, Any], catalog: Catalog, now: datetime, suppliers: list[str]
) -> list[Payload]:
    """The demo's made-up orders and stock, from a seed, relative to `now`."""
    from app.demo.generator import generated_orders_and_stock

    _unknown_keys(reader, gen, "generator", {"seed", "work_orders", "horizon_days", "short_items"})
    if not _required(reader, gen, "generator", "seed", "work_orders", "horizon_days"):
        return []
    if not catalog.routings:
        reader.fail("generator", "needs items with a routing to make orders of")
        return []
    if not suppliers:
        reader.fail("generator", "needs suppliers for the lots it makes")
        return []
    short = gen.get("short_items", [])
    for n, code in enumerate(short):
        reader.known(f"generator.short_items[{n}]", code, catalog.item_classes, "item")
    if reader.problems:
        return []
    return generated_orders_and_stock(
        random.Random(gen["seed"]),
        catalog,
        now,
        int(gen["work_orders"]),
        int(gen["horizon_days"]),
        set(short),
        suppliers,
    )


def _users(reader: _Reader, doc: Mapping[str, Any]) -> tuple[UserSpec, ...]:
    users = []
    for path, u in reader.entries(doc, "users"):
        _unknown_keys(reader, u, path, {"id", "name", "badge", "pin", "roles", "language"})
        if not _required(reader, u, path, "id", "name", "badge", "pin", "roles"):
            continue
        try:
            roles = tuple(Role(r) for r in u["roles"])
        except (ValueError, TypeError):
            reader.fail(f"{path}.roles", "must be a list of " + ", ".join(r.value for r in Role))
            continue
        users.append(
            UserSpec(
                id=str(u["id"]),
                name=str(u["name"]),
                badge=str(u["badge"]),
                pin=str(u["pin"]),
                roles=roles,
                language=u.get("language"),
            )
        )
    return tuple(users)


def plant_document(plant: PlantData) -> dict[str, Any]:
    """`plant` written out in the file's format (JSON-ready): what `parse_plant` reads back.

    Everything is explicit (no `generator`): the demo's made-up orders and stock become
    plain entries, so a plant once generated can be kept, edited and imported as it is.
    """
    doc: dict[str, Any] = {}
    lots: dict[str, dict[str, Any]] = {}
    suppliers: dict[str, str] = {}
    boms = {p.item: p for p in plant.of(BomDefined)}
    routings = {p.item: p for p in plant.of(RoutingDefined)}
    for p in plant.reference:
        if isinstance(p, SiteDefined):
            doc["site"] = {"code": p.code, "name": p.name, "timezone": p.timezone}
        elif isinstance(p, ShiftCalendarDefined):
            doc.setdefault("calendars", []).append(
                {
                    "code": p.code,
                    "name": p.name,
                    "shifts": [
                        {
                            "name": s.name,
                            "weekdays": s.weekdays,
                            "starts": s.starts.isoformat("minutes"),
                            "ends": s.ends.isoformat("minutes"),
                        }
                        for s in p.shifts
                    ],
                }
            )
        elif isinstance(p, AreaDefined):
            doc.setdefault("areas", []).append({"code": p.code, "name": p.name})
        elif isinstance(p, SetupFamilyDefined):
            doc.setdefault("setup_families", {})[p.code] = p.name
        elif isinstance(p, WorkCenterDefined):
            doc.setdefault("work_centers", []).append(
                _without_defaults(p.model_dump(mode="json"), {"calendar": None, "capacity": 1.0})
            )
        elif isinstance(p, CustomerDefined):
            doc.setdefault("customers", []).append(p.model_dump(mode="json"))
        elif isinstance(p, ItemDefined):
            item: dict[str, Any] = {"code": p.code, "name": p.name, "class": p.item_class.value}
            item |= _without_defaults(
                {"uom": p.uom, "active": p.active}, {"uom": "pcs", "active": True}
            )
            if p.code in boms:
                item["bom"] = [[line.component, line.quantity_per] for line in boms[p.code].lines]
            if p.code in routings:
                item["routing"] = [
                    [
                        s.work_center,
                        s.setup_family or "",
                        s.description,
                        s.setup_minutes,
                        s.run_minutes_per_unit,
                    ]
                    for s in routings[p.code].operations
                ]
            doc.setdefault("items", []).append(item)
        elif isinstance(p, LotRegistered):
            lot = _without_defaults(
                p.model_dump(mode="json"), {"supplier": None, "received_at": None}
            )
            if p.supplier is not None:
                code = suppliers.setdefault(p.supplier, f"S{len(suppliers) + 1:03d}")
                lot["supplier"] = code
            lots[p.lot_no] = lot
            doc.setdefault("lots", []).append(lot)
        elif isinstance(p, StockCounted):
            if p.lot_no is not None and p.lot_no in lots:
                lots[p.lot_no]["location"] = p.location
            else:
                doc.setdefault("stock", []).append(
                    {"item": p.item, "location": p.location, "on_hand": p.on_hand}
                )
        elif isinstance(p, SupplyExpected):
            doc.setdefault("supplies", []).append(
                _without_defaults(p.model_dump(mode="json"), {"reference": None})
            )
        elif isinstance(p, WorkOrderReleased):
            order = _without_defaults(
                p.model_dump(mode="json"),
                {"erp_ref": None, "commit_at": None, "customer": None, "done_before": 0.0},
            )
            order["operations"] = [
                _without_defaults(o, {"setup_family": None}) for o in order["operations"]
            ]
            order["materials"] = [
                _without_defaults(m, {"operation_seq": None, "lot_no": None})
                for m in order["materials"]
            ]
            doc.setdefault("work_orders", []).append(order)
    if suppliers:
        doc["suppliers"] = [{"code": c, "name": n} for n, c in suppliers.items()]
    if plant.users:
        doc["users"] = [
            _without_defaults(
                {**u.__dict__, "roles": [r.value for r in u.roles]}, {"language": None}
            )
            for u in plant.users
        ]
    return doc


def _without_defaults(data: dict[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in defaults or v != defaults[k]}
