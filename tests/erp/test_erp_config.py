"""erp.toml: every option is checked against what the adapter takes, and handed to it
as the type it takes; a wrong one is named, not found later by a failing posting."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from app.errors import ValidationError
from sync.erp.config import option_types, option_value, settings_from_dict
from sync.erp.erpnext import ErpNextAdapter


def erpnext(**options: object) -> dict[str, object]:
    return {"kind": "erpnext", "url": "https://erp.example", "options": options}


def test_options_arrive_as_the_adapter_takes_them() -> None:
    settings = settings_from_dict(
        erpnext(time_zone="Europe/Berlin", stock_warehouses="Stores - TM", page_size=50)
    )
    types = option_types("erpnext")
    values = {k: option_value(types[k], v) for k, v in settings.options.items()}
    assert values == {
        "time_zone": ZoneInfo("Europe/Berlin"),
        "stock_warehouses": ["Stores - TM"],
        "page_size": 50,
    }
    adapter = ErpNextAdapter("https://erp.example", "k", "s", **values)  # type: ignore[arg-type]
    # Posting times are the site's local time: the zone works, it is not a string.
    assert adapter._local(datetime(2026, 11, 23, 8, 0, tzinfo=UTC)).hour == 9
    adapter.close()


@pytest.mark.parametrize(
    ("options", "field", "problem"),
    [
        ({"time_zone": "Mars/Base"}, "options.time_zone", "time zone name"),
        ({"page_size": "ten"}, "options.page_size", "number"),
        ({"page_size": 2.5}, "options.page_size", "whole number"),
        ({"stock_warehouses": [1, 2]}, "options.stock_warehouses", "list of names"),
        ({"company": 7}, "options.company", "text"),
        ({"known_items": ["X"]}, "options.known_items", "unknown for erpnext"),
    ],
)
def test_a_wrong_option_is_named(options: dict[str, object], field: str, problem: str) -> None:
    with pytest.raises(ValidationError) as raised:
        settings_from_dict(erpnext(**options))
    assert raised.value.fields == [f"erp.toml: {field}"]
    assert problem in str(raised.value)


def test_odoos_protocol_is_one_of_two() -> None:
    odoo = {"kind": "odoo", "url": "https://odoo.example", "database": "plant"}
    assert settings_from_dict({**odoo, "options": {"protocol": "jsonrpc", "uid": 2}}).options
    with pytest.raises(ValidationError, match="must be one of jsonrpc, json2"):
        settings_from_dict({**odoo, "options": {"protocol": "xmlrpc"}})
