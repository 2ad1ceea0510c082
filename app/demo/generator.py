"""Plants to run Takt on: the demo plant from resources/, and larger synthetic ones.

Both come out as plain data (event payloads in load order plus the people to enrol),
produced deterministically from a seed and a reference moment, so a test or a
benchmark gets the same plant every time.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from app.events.payloads import (
    AreaDefined,
    BomDefined,
    BomLineSpec,
    CustomerDefined,
    ItemDefined,
    LotRegistered,
    MaterialSpec,
    OperationSpec,
    Payload,
    RoutingDefined,
    RoutingStepSpec,
    SetupFamilyDefined,
    SiteDefined,
    StockCounted,
    SupplyExpected,
    WorkCenterDefined,
    WorkOrderReleased,
)
from app.model.types import ItemClass, PriorityClass, Role
from app.paths import resource
from app.plant_file import STORES, Catalog, PlantData, UserSpec, read_plant_file

__all__ = ["STORES", "Catalog", "PlantData", "UserSpec", "demo_plant", "synthetic_plant"]

WIP = "WIP"
# The synthetic plant's lots come from these (the demo's are in its plant file).
SYNTHETIC_SUPPLIERS = (
    "Hagen Stahl GmbH",
    "Nordic Tube Oy",
    "Bosch Rexroth",
    "Parker Hannifin",
    "Alu Rheinfelden",
)


def _hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _qty(value: float) -> float:
    return round(value, 3)


def demo_plant(now: datetime, spec_path: Path | None = None) -> PlantData:
    """Riverside Works: master data from resources/demo/plant.toml, orders generated."""
    return read_plant_file(spec_path or resource("demo", "plant.toml"), now=now)


def generated_orders_and_stock(
    rng: random.Random,
    catalog: Catalog,
    now: datetime,
    count: int,
    horizon_days: int,
    short_items: set[str],
    suppliers: Sequence[str],
) -> list[Payload]:
    """A plant file's `generator` section: open orders, stock and supplies made up."""
    orders = _work_orders(rng, catalog, now, count, horizon_days, "WO-", 26001)
    stock = _stock(rng, catalog, orders, now, short_items, suppliers)
    return [*stock, *_stage_lots(rng, orders, stock)]


def synthetic_pin(n: int) -> str:
    """The PIN of the synthetic plant's person `900 + n`: six digits the PIN policy takes."""
    return f"{271828 + 1111 * n}"


def synthetic_plant(
    *, seed: int, work_centers: int, open_operations: int, now: datetime
) -> PlantData:
    """A larger plant of the same shape, for benchmarks (e.g. 5,000 operations over 50 WCs)."""
    rng = random.Random(seed)
    out: list[Payload] = [SiteDefined(code="SYN", name=f"Synthetic plant {seed}")]
    catalog = Catalog()
    areas = max(1, math.ceil(work_centers / 12))
    out.extend(
        AreaDefined(code=f"A{a:02d}", site="SYN", name=f"Area {a}") for a in range(1, areas + 1)
    )
    families = [f"FAM-{n:03d}" for n in range(1, max(8, work_centers) + 1)]
    out.extend(SetupFamilyDefined(code=f, name=f"Setup family {f[4:]}") for f in families)
    wc_families: dict[str, list[str]] = {}
    for n in range(1, work_centers + 1):
        code = f"WC-{n:03d}"
        wc_families[code] = sorted(rng.sample(families, 4))
        out.append(
            WorkCenterDefined(
                code=code,
                area=f"A{(n - 1) % areas + 1:02d}",
                name=f"Work center {n}",
                setup_families=wc_families[code],
            )
        )
    for n, cls in enumerate("AABBBBCCCC", start=1):
        catalog.customers[f"CUST-{n:02d}"] = PriorityClass(cls)
        out.append(
            CustomerDefined(
                code=f"CUST-{n:02d}", name=f"Customer {n}", priority_class=PriorityClass(cls)
            )
        )
    raws = [f"RAW-{n:03d}" for n in range(1, 41)]
    for code in raws:
        catalog.item_classes[code] = ItemClass.RAW
        out.append(
            ItemDefined(code=code, name=f"Raw material {code[4:]}", item_class=ItemClass.RAW)
        )
    wc_codes = sorted(wc_families)
    for n in range(1, max(40, open_operations // 25) + 1):
        code = f"ITEM-{n:05d}"
        catalog.item_classes[code] = ItemClass.FINISHED if n % 3 else ItemClass.COMPONENT
        out.append(ItemDefined(code=code, name=f"Item {n}", item_class=catalog.item_classes[code]))
        catalog.boms[code] = [
            (r, _qty(rng.uniform(0.2, 3))) for r in rng.sample(raws, rng.randint(1, 3))
        ]
        steps = []
        for s in range(rng.randint(2, 6)):
            wc = rng.choice(wc_codes)
            steps.append(
                RoutingStepSpec(
                    seq=10 * (s + 1),
                    work_center=wc,
                    setup_family=rng.choice(wc_families[wc]),
                    description=f"Step {s + 1}",
                    setup_minutes=rng.choice([5, 10, 15, 20, 30, 45]),
                    run_minutes_per_unit=_qty(rng.uniform(0.5, 12)),
                )
            )
        catalog.routings[code] = steps
    out.extend(boms_and_routings(catalog))
    orders = _work_orders(rng, catalog, now, None, 21, "SWO-", 1, target_operations=open_operations)
    out.extend(orders)
    short = set(rng.sample(raws, 3))
    out.extend(_stock(rng, catalog, orders, now, short, SYNTHETIC_SUPPLIERS))
    users = tuple(
        UserSpec(
            id=f"{900 + n}",
            name=f"{role.value.title()} {n}",
            badge=f"SYN-{900 + n}",
            pin=synthetic_pin(n),
            roles=(role,),
        )
        for n, role in enumerate(Role, start=1)
    )
    return PlantData(reference=tuple(out), users=users)


def boms_and_routings(catalog: Catalog) -> list[Payload]:
    out: list[Payload] = []
    for code, lines in catalog.boms.items():
        out.append(
            BomDefined(
                item=code, lines=[BomLineSpec(component=c, quantity_per=q) for c, q in lines]
            )
        )
    out.extend(
        RoutingDefined(item=code, operations=steps) for code, steps in catalog.routings.items()
    )
    return out


def _work_orders(
    rng: random.Random,
    catalog: Catalog,
    now: datetime,
    count: int | None,
    horizon_days: int,
    prefix: str,
    first_number: int,
    *,
    target_operations: int | None = None,
) -> list[WorkOrderReleased]:
    by_class: dict[ItemClass, list[str]] = defaultdict(list)
    for code in catalog.routings:
        by_class[catalog.item_classes[code]].append(code)
    classes = [
        c for c in (ItemClass.FINISHED, ItemClass.SEMI_FINISHED, ItemClass.COMPONENT) if by_class[c]
    ]
    weights = {ItemClass.FINISHED: 3, ItemClass.SEMI_FINISHED: 3, ItemClass.COMPONENT: 4}
    customers = sorted(catalog.customers)
    start = _hour(now)
    orders: list[WorkOrderReleased] = []
    operations = 0
    n = 0
    while (count is not None and n < count) or (
        target_operations is not None and operations < target_operations
    ):
        item_class = rng.choices(classes, [weights[c] for c in classes])[0]
        item = rng.choice(by_class[item_class])
        quantity = float(
            rng.choice([2, 4, 5, 6, 8, 10, 12, 15, 20])
            if item_class is ItemClass.FINISHED
            else rng.choice([5, 10, 15, 20, 25, 30, 40])
            if item_class is ItemClass.SEMI_FINISHED
            else rng.choice([20, 40, 50, 60, 80, 100, 150, 200])
        )
        due_at = start + timedelta(hours=rng.randint(-24, horizon_days * 24))
        customer = None
        commit_at = None
        priority = PriorityClass.B
        if item_class is ItemClass.FINISHED or rng.random() < 0.15:
            customer = rng.choice(customers)
            priority = catalog.customers[customer]
            commit_at = due_at + timedelta(hours=rng.choice([0, 8, 24, 48]))
        steps = catalog.routings[item]
        if target_operations is not None:
            steps = steps[: target_operations - operations]
        ops = [
            OperationSpec(
                seq=s.seq,
                work_center=s.work_center,
                setup_family=s.setup_family,
                description=s.description,
                setup_minutes=s.setup_minutes,
                run_minutes=_qty(s.run_minutes_per_unit * quantity),
            )
            for s in steps
        ]
        work_minutes = sum(o.setup_minutes + o.run_minutes for o in ops)
        need_at = due_at - timedelta(minutes=work_minutes) - timedelta(hours=8)
        number = f"{prefix}{first_number + n}"
        orders.append(
            WorkOrderReleased(
                number=number,
                erp_ref=f"MFG-WO-{now.year}-{first_number + n:05d}",
                item=item,
                quantity=quantity,
                due_at=due_at,
                commit_at=commit_at,
                customer=customer,
                priority_class=priority,
                operations=ops,
                materials=[
                    MaterialSpec(
                        item=c,
                        quantity=_qty(q * quantity),
                        operation_seq=ops[0].seq,
                        need_at=need_at,
                    )
                    for c, q in catalog.boms.get(item, [])
                ],
            )
        )
        operations += len(ops)
        n += 1
    return orders


def _stage_lots(
    rng: random.Random, orders: list[WorkOrderReleased], stock: list[Payload]
) -> list[WorkOrderReleased]:
    """Some orders already have their material picked: the requirement names the lot."""
    first_lot: dict[str, str] = {}
    for payload in stock:
        if isinstance(payload, LotRegistered):
            first_lot.setdefault(payload.item, payload.lot_no)
    staged = []
    for order in orders:
        materials = [
            m.model_copy(update={"lot_no": first_lot[m.item]})
            if m.item in first_lot and rng.random() < 0.4
            else m
            for m in order.materials
        ]
        staged.append(order.model_copy(update={"materials": materials}))
    return staged


def _stock(
    rng: random.Random,
    catalog: Catalog,
    orders: list[WorkOrderReleased],
    now: datetime,
    short_items: set[str],
    suppliers: Sequence[str],
) -> list[Payload]:
    """Stock that covers most demand, a few items well short, some receipts on the way."""
    demand: dict[str, float] = defaultdict(float)
    for order in orders:
        for material in order.materials:
            demand[material.item] += material.quantity
    out: list[Payload] = []
    lot_counter = 0
    for item in sorted(demand):
        need = demand[item]
        bought = catalog.item_classes[item] in (ItemClass.RAW, ItemClass.PURCHASED)
        if item in short_items:
            on_hand = _qty(need * rng.uniform(0.25, 0.45))
        elif bought:
            on_hand = _qty(need * rng.uniform(1.05, 1.6))
        else:
            on_hand = _qty(need * rng.uniform(1.02, 1.5))
        if item in catalog.counted_in_pieces:
            on_hand = float(math.floor(on_hand) if item in short_items else math.ceil(on_hand))
        if not bought:
            out.append(StockCounted(item=item, location=WIP, on_hand=on_hand))
            continue
        split = _qty(on_hand * 0.4)
        if item in catalog.counted_in_pieces:
            split = float(math.floor(split))
        parts = [on_hand] if on_hand < 10 or rng.random() < 0.5 else [split, _qty(on_hand - split)]
        for part in parts:
            lot_counter += 1
            lot_no = f"L{now.year % 100:02d}-{lot_counter:05d}"
            out.append(
                LotRegistered(
                    lot_no=lot_no,
                    item=item,
                    quantity=part,
                    supplier=rng.choice(suppliers),
                    received_at=_hour(now) - timedelta(days=rng.randint(1, 30)),
                )
            )
            out.append(StockCounted(item=item, location=STORES, lot_no=lot_no, on_hand=part))
        if item in short_items or rng.random() < 0.4:
            out.append(
                SupplyExpected(
                    id=f"PO-{item}",
                    item=item,
                    quantity=_qty(need * rng.uniform(0.3, 0.8))
                    if item not in catalog.counted_in_pieces
                    else float(max(1, round(need * rng.uniform(0.3, 0.8)))),
                    expected_at=_hour(now) + timedelta(days=rng.randint(2, 9)),
                    location=STORES,
                    reference=f"PUR-ORD-{now.year}-{rng.randint(1000, 9999)}",
                )
            )
    return out
