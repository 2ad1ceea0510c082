"""Message understanding (issue 16): how well and how fast messages become drafts.

- intake_quality / intake_quality_heldout(_batch1, _batch2, _batch4, _batch5): the labelled set
  (tests/data/intake, messages written against the demo plant, a third of each batch
  held out while the rules were tuned; see its README) parsed
  against the demo plant read from a seeded database; type and urgency accuracy, date
  accuracy (right dates over messages where the label or the prediction has one), and
  precision and recall of work orders, items, lots, work centers, customer, quantity and
  date. Goals: type accuracy >= 0.92, work orders and items precision >= 0.98 with recall
  >= 0.90, date accuracy >= 0.85.
- intake_quality_unseen_batch3: tests/data/intake/unseen.jsonl, 120 messages written
  by someone who had never seen the rules, after the last tuning; measured only.
- intake_parse_1000: 1,000 messages (the set, repeated) understood one after the other,
  reference index built once; goal under 10 s.
"""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from app.clock import FixedClock
from app.demo.floor import stage_floor
from app.demo.generator import demo_plant
from app.demo.seed import seed_plant
from app.store import open_store
from sync.intake import Message, ReferenceIndex, load_reference, understand
from tests.intake.scoring import UNSEEN, labelled_set, score
from tests.perf.harness import benchmark, check, emit

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # the moment the labelled set's plant is made at
GOALS = {
    "type_accuracy": 0.92,
    "work_orders_precision": 0.98,
    "work_orders_recall": 0.90,
    "items_precision": 0.98,
    "items_recall": 0.90,
    "date_accuracy": 0.85,
}


def _demo_reference() -> ReferenceIndex:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "plant.sqlite3", clock=FixedClock(NOW))
        try:
            seed_plant(store, demo_plant(NOW), FixedClock(NOW))
            stage_floor(store, FixedClock(NOW))
            return load_reference(store)
        finally:
            store.close()


@benchmark
def bench_intake() -> None:
    reference = _demo_reference()
    rows = labelled_set()
    messages = [Message.from_json(r) for r in rows]
    predicted = {m.id: understand(m, reference).prediction() for m in messages}
    parts = {
        "intake_quality": lambda r: True,
        "intake_quality_heldout": lambda r: r["split"] == "heldout",
        # the second batch was written after the rules' first tuning: its held-out part
        # is the fairest measure of phrasing the rules have never seen
        "intake_quality_heldout_batch1": lambda r: r["split"] == "heldout" and r["batch"] == 1,
        "intake_quality_heldout_batch2": lambda r: r["split"] == "heldout" and r["batch"] == 2,
        # batch 4, written without the rules, a third held out like batches 1 and 2
        "intake_quality_heldout_batch4": lambda r: r["split"] == "heldout" and r["batch"] == 4,
        # batch 5, 200 messages in other voices by a writer who never saw the rules
        "intake_quality_heldout_batch5": lambda r: r["split"] == "heldout" and r["batch"] == 5,
    }
    for name, chosen in parts.items():
        figures = score((r["expected"], predicted[r["id"]]) for r in rows if chosen(r)).as_json()
        missed = sorted(k for k, goal in GOALS.items() if figures[k] < goal)
        emit(name, **figures, goals_missed=missed)
    # Batch 3, written by someone who had never seen the rules, after all tuning: the
    # fairest figure of all (tests/data/intake/README.md).
    unseen = labelled_set(UNSEEN)
    figures = score(
        (r["expected"], understand(Message.from_json(r), reference).prediction()) for r in unseen
    ).as_json()
    missed = sorted(k for k, goal in GOALS.items() if figures[k] < goal)
    emit("intake_quality_unseen_batch3", **figures, goals_missed=missed)
    batch = (messages * (1000 // len(messages) + 1))[:1000]
    start = time.perf_counter()
    drafts = [understand(m, reference) for m in batch]
    seconds = time.perf_counter() - start
    check(len(drafts) == 1000, "1,000 messages understood")
    emit("intake_parse_1000", seconds=round(seconds, 3), per_s=round(1000 / seconds, 1), goal_s=10)
