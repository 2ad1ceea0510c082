"""The demo plant is what the issue promises, and the generator is deterministic."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta

from app.clock import FixedClock
from app.demo.generator import PlantData, demo_plant, synthetic_plant
from app.demo.seed import seed_plant
from app.events import replay
from app.events.payloads import (
    AreaDefined,
    BomDefined,
    CustomerDefined,
    ItemDefined,
    StockCounted,
    SupplyExpected,
    WorkCenterDefined,
    WorkOrderReleased,
)
from app.model.types import Role
from app.store import open_memory_store
from tests.conftest import NOW


def _bom_depth(boms: dict[str, list[str]], item: str) -> int:
    children = boms.get(item, [])
    return 1 + max((_bom_depth(boms, c) for c in children), default=0)


def test_demo_plant_is_a_realistic_mid_size_plant(demo_data: PlantData) -> None:
    assert len(demo_data.of(AreaDefined)) == 3
    assert len(demo_data.of(WorkCenterDefined)) >= 12
    assert len(demo_data.of(ItemDefined)) >= 40
    boms = {b.item: [line.component for line in b.lines] for b in demo_data.of(BomDefined)}
    assert max(_bom_depth(boms, item) for item in boms) >= 4  # finished -> semi -> part -> raw
    orders = demo_data.of(WorkOrderReleased)
    assert len(orders) == 150
    assert all(2 <= len(o.operations) <= 6 for o in orders)
    with_customer = [o for o in orders if o.customer]
    assert len(with_customer) > 30
    assert all(o.commit_at is not None and o.commit_at >= o.due_at for o in with_customer)
    assert {c.priority_class for c in demo_data.of(CustomerDefined)} == {"A", "B", "C"}
    assert {role for user in demo_data.users for role in user.roles} == set(Role)


def test_demo_plant_has_a_few_material_shortages(demo_data: PlantData) -> None:
    demand: dict[str, float] = defaultdict(float)
    for order in demo_data.of(WorkOrderReleased):
        for m in order.materials:
            demand[m.item] += m.quantity
    supply: dict[str, float] = defaultdict(float)
    for stock in demo_data.of(StockCounted):
        supply[stock.item] += stock.on_hand
    for incoming in demo_data.of(SupplyExpected):
        supply[incoming.item] += incoming.quantity
    short = sorted(item for item, need in demand.items() if supply[item] < need)
    assert 2 <= len(short) <= 8, short


def test_demo_plant_dates_follow_the_moment_it_is_built_for(demo_data: PlantData) -> None:
    later = demo_plant(NOW + timedelta(days=30))
    first = demo_data.of(WorkOrderReleased)[0]
    moved = later.of(WorkOrderReleased)[0]
    assert moved.due_at - first.due_at == timedelta(days=30)


def test_generators_are_deterministic() -> None:
    assert demo_plant(NOW) == demo_plant(NOW)
    a = synthetic_plant(seed=7, work_centers=20, open_operations=800, now=NOW)
    b = synthetic_plant(seed=7, work_centers=20, open_operations=800, now=NOW)
    c = synthetic_plant(seed=8, work_centers=20, open_operations=800, now=NOW)
    assert a == b
    assert a != c


def test_synthetic_plant_has_the_requested_size() -> None:
    plant = synthetic_plant(seed=1, work_centers=50, open_operations=5000, now=NOW)
    operations = [op for o in plant.of(WorkOrderReleased) for op in o.operations]
    assert len(operations) == 5000
    assert len(plant.of(WorkCenterDefined)) == 50
    per_wc = Counter(op.work_center for op in operations)
    assert len(per_wc) == 50  # every work center has a queue


def test_seeding_the_same_plant_twice_gives_identical_projections(demo_data: PlantData) -> None:
    snapshots = []
    for _ in range(2):
        store = open_memory_store(clock=FixedClock(NOW))
        seed_plant(store, demo_data, FixedClock(NOW))
        with store.read() as session:
            # PIN hashes are salted, so they differ by design; everything else must not.
            snapshots.append(replay.snapshot(session, ignore={"users": {"pin_hash"}}))
        store.close()
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]["work_orders"]) == 150
