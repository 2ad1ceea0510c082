"""The labelled set is well formed and written against the demo plant's real data;
Takt's understanding meets the issue's goals on the rows the rules were tuned on, and
does not fall back on the held-out rows (a regression fails here)."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

import pytest

from sync.intake import CHANNELS, EXCEPTION_TYPES, URGENCIES, Message, ReferenceIndex, predict
from tests.intake.scoring import LIST_FIELDS, UNSEEN, Figures, labelled_set, score

GOALS = {
    "type_accuracy": 0.92,
    "work_orders_precision": 0.98,
    "work_orders_recall": 0.90,
    "items_precision": 0.98,
    "items_recall": 0.90,
    "date_accuracy": 0.85,
}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return labelled_set()


@pytest.fixture(scope="module")
def unseen() -> list[dict[str, Any]]:
    return labelled_set(UNSEEN)


@pytest.fixture(scope="module")
def predictions(rows: list[dict[str, Any]], demo_reference: ReferenceIndex) -> dict[str, Any]:
    return {r["id"]: predict(Message.from_json(r), demo_reference)["predicted"] for r in rows}


def _figures(rows: list[dict[str, Any]], predictions: dict[str, Any], split: str | None) -> Figures:
    return score(
        (r["expected"], predictions[r["id"]]) for r in rows if split is None or r["split"] == split
    )


def test_the_set_is_large_varied_and_honest(rows: list[dict[str, Any]]) -> None:
    assert len(rows) >= 200
    assert len({r["id"] for r in rows}) == len(rows)
    assert set(Counter(r["channel"] for r in rows)) == set(CHANNELS) - {"chat"}
    languages = Counter(r.get("lang") for r in rows)
    assert languages["es"] >= 40
    assert languages["de"] >= 40
    assert sum(r["hard"] for r in rows) >= len(rows) / 4
    held_out = sum(r["split"] == "heldout" for r in rows)
    assert abs(held_out - len(rows) / 3) <= 2
    assert set(Counter(r["expected"]["type"] for r in rows)) == set(EXCEPTION_TYPES)
    _well_formed(rows)


def test_the_unseen_batch_is_varied_and_never_tuned_on(unseen: list[dict[str, Any]]) -> None:
    """Measured only (`python -m tests.perf intake`): no figure of it is asserted here,
    so that it stays a measure of phrasing the rules never saw, not a target to tune to."""
    assert len(unseen) >= 100
    assert {r["split"] for r in unseen} == {"heldout"}
    assert {r["batch"] for r in unseen} == {3}
    assert set(Counter(r["expected"]["type"] for r in unseen)) == set(EXCEPTION_TYPES)
    _well_formed(unseen)


def _well_formed(rows: list[dict[str, Any]]) -> None:
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        Message.from_json(r)  # every line reads as a message
        assert datetime.fromisoformat(r["received_at"]).tzinfo is not None
        e = r["expected"]
        assert e["type"] in EXCEPTION_TYPES
        assert e["urgency"] in URGENCIES
        for name in LIST_FIELDS:
            assert e[name] == sorted(set(e[name]))
        if e["date"] is not None:
            date.fromisoformat(e["date"])
        if e["type"] == "not_an_exception":
            assert not any(e[n] for n in (*LIST_FIELDS, "customer", "quantity", "date"))


def test_labels_name_only_what_the_demo_plant_has(
    rows: list[dict[str, Any]], unseen: list[dict[str, Any]], demo_reference: ReferenceIndex
) -> None:
    known = {
        "work_orders": {w.number for w in demo_reference.work_orders},
        "items": {i.code for i in demo_reference.items},
        "lots": {lot.lot_no for lot in demo_reference.lots},
        "work_centers": {w.code for w in demo_reference.work_centers},
    }
    customers = {c.code for c in demo_reference.customers}
    for r in [*rows, *unseen]:
        e = r["expected"]
        for name, codes in known.items():
            assert set(e[name]) <= codes, (r["id"], name)
        assert e["customer"] is None or e["customer"] in customers


# The held-out rows' figures on 2026-12-07, after batches 4 and 5 came in (fresh text from
# writers who never saw the rules): below the goals for type and items, measured by
# `python -m tests.perf intake`, and not to fall.
HELD_OUT_FLOORS = {
    "type_accuracy": 0.83,
    "work_orders_precision": 0.98,
    "work_orders_recall": 0.97,
    "items_precision": 0.92,
    "items_recall": 0.89,
    "date_accuracy": 0.86,
}


def test_the_rows_tuned_on_meet_the_goals(
    rows: list[dict[str, Any]], predictions: dict[str, Any]
) -> None:
    figures = _figures(rows, predictions, "dev").as_json()
    below = {k: (figures[k], goal) for k, goal in GOALS.items() if figures[k] < goal}
    assert not below, below


def test_the_held_out_rows_do_not_fall_back(
    rows: list[dict[str, Any]], predictions: dict[str, Any]
) -> None:
    """Scored in aggregate only: a regression fails here, and nobody reads the rows."""
    figures = _figures(rows, predictions, "heldout").as_json()
    below = {k: (figures[k], low) for k, low in HELD_OUT_FLOORS.items() if figures[k] < low}
    assert not below, below


def test_predictions_have_the_parse_shape(predictions: dict[str, Any]) -> None:
    for p in predictions.values():
        assert p["type"] in EXCEPTION_TYPES
        assert p["urgency"] in URGENCIES
        assert p["quantity"] is None or set(p["quantity"]) == {"value", "unit"}
