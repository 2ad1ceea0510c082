"""Fixtures for message understanding: a small plant written out here (the issue's own
examples: WO-10452 and friends), and the demo plant read from a seeded database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.store import open_store
from sync.intake import Entry, LotRef, ReferenceIndex, WorkOrderRef, load_reference
from tests.conftest import NOW


@pytest.fixture(scope="session")
def small_reference() -> ReferenceIndex:
    return ReferenceIndex(
        site_name="Riverside Works",
        timezone="Europe/Berlin",
        work_orders=(
            WorkOrderRef("WO-10452", "PP-SEAL-80", 60, "ALPINE", "MFG-WO-2026-10452"),
            WorkOrderRef("WO-10453", "CP-PISTON-80", 40, "HELIX"),
            WorkOrderRef("WO-11452", "CP-PISTON-50", 20, None, open=False),
            WorkOrderRef("WO-10118", "CP-GLAND-50", 10),
            WorkOrderRef("WO-10218", "CP-GLAND-80", 10),
            WorkOrderRef("WO-10500", "RM-TUBE-H80", 12, "SERVICE"),
        ),
        items=(
            Entry("PP-SEAL-80", "Seal kit, cylinder 80"),
            Entry("PP-SEAL-50", "Seal kit, cylinder 50"),
            Entry("CP-PISTON-80", "Piston 80"),
            Entry("CP-PISTON-50", "Piston 50"),
            Entry("CP-GLAND-50", "Gland 50"),
            Entry("CP-GLAND-80", "Gland 80"),
            Entry("CP-FLANGE-60", "Flange DN60"),
            Entry("RM-TUBE-H80", "Honed tube 80 x 95", "m"),
            Entry("PP-MOT-55", "Electric motor 5.5 kW IE3"),
            Entry("PP-MOT-110", "Electric motor 11 kW IE3"),
            Entry("RM-PAINT-5010", "Powder paint RAL 5010", "kg"),
        ),
        lots=(
            LotRef("L26-00012", "PP-SEAL-80", "Parker Hannifin"),
            LotRef("L26-00013", "PP-SEAL-80", "Hagen Stahl GmbH"),
        ),
        work_centers=(
            Entry("LAS-01", "Fiber laser 6 kW"),
            Entry("PRB-01", "Press brake 135 t"),
            Entry("PRB-02", "Press brake 220 t"),
            Entry("LAT-01", "CNC lathe Okuma LB3000"),
            Entry("LAT-02", "CNC lathe DMG CTX 450"),
            Entry("MIL-02", "Horizontal mill Heller H4000"),
            Entry("PNT-01", "Powder paint line"),
        ),
        customers=(
            Entry("ALPINE", "Alpine Lift Systems AG"),
            Entry("HELIX", "Helix Marine Ltd"),
            Entry("SERVICE", "Riverside spare parts service"),
        ),
        suppliers=(
            Entry("Hagen Stahl GmbH", "Hagen Stahl GmbH"),
            Entry("Parker Hannifin", "Parker Hannifin"),
        ),
    )


@pytest.fixture(scope="session")
def demo_reference(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> ReferenceIndex:
    """The demo plant as `takt demo` seeds it, read back from its database."""
    path = tmp_path_factory.mktemp("intake") / "terminal.sqlite3"
    shutil.copy(demo_template, path)
    store = open_store(path, clock=FixedClock(NOW))
    try:
        return load_reference(store)
    finally:
        store.close()
