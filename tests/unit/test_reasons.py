"""Downtime reason codes: the shipped tree, and a bad file named field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ValidationError
from app.routing.reasons import load_reasons, reasons_from_dict


def test_the_shipped_tree_has_every_category_with_three_to_five_reasons() -> None:
    tree = load_reasons()
    assert [c.code for c in tree.categories] == [
        "mechanical",
        "electrical",
        "tooling",
        "no_operator",
        "no_material",
        "changeover",
        "quality",
    ]
    for category in tree.categories:
        assert 3 <= len(category.reasons) <= 5, category.code
        assert all(r.code.startswith(f"{category.code}/") for r in category.reasons)
    assert tree.reason("mechanical/bearing") is not None
    assert tree.label("mechanical/coolant") == "Mechanical · Coolant or lubrication"
    assert tree.label("unknown/thing") == "unknown/thing"


def test_every_problem_in_a_bad_file_is_named() -> None:
    data = {
        "categories": [
            {"code": "mechanical", "label": "Mechanical", "colour": "red", "reasons": []},
            {
                "code": "Electrical",
                "label": "",
                "reasons": [
                    {"code": "mechanical/fuse", "label": "Fuse"},
                    {"code": "electrical/x", "label": "X", "extra": 1},
                ],
            },
        ]
    }
    with pytest.raises(ValidationError) as caught:
        reasons_from_dict(data, "r.toml")
    assert set(caught.value.fields) == {
        "r.toml: categories[1].colour",
        "r.toml: categories[1].reasons",
        "r.toml: categories[2].code",
        "r.toml: categories[2].label",
        "r.toml: categories[2].reasons[1].code",
        "r.toml: categories[2].reasons[2].extra",
        "r.toml: categories[2].reasons[2].code",
    }


def test_an_empty_or_broken_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="at least one"):
        reasons_from_dict({})
    broken = tmp_path / "reasons.toml"
    broken.write_text("[[categories]\n", "utf-8")
    with pytest.raises(ValidationError, match="not valid TOML"):
        load_reasons(broken)
