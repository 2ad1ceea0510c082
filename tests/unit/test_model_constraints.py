"""The schema itself refuses impossible data, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from app.model import (
    Area,
    Bom,
    BomLine,
    Item,
    OperationInstance,
    Site,
    StockBalance,
    User,
    WorkCenter,
    WorkOrder,
)
from app.model.types import ItemClass, OperationStatus
from app.store import Store

T = datetime(2026, 11, 23, 8, tzinfo=UTC)


def _plant(store: Store) -> None:
    with store.write() as s:
        s.add(Site(code="S", name="Site"))
        s.flush()
        s.add(Area(code="A", site_code="S", name="Area"))
        s.flush()
        s.add(WorkCenter(code="WC", area_code="A", name="Lathe"))
        s.add(Item(code="P", name="Part", item_class=ItemClass.COMPONENT))
        s.add(Item(code="R", name="Bar", item_class=ItemClass.RAW))
        s.flush()
        s.add(WorkOrder(number="WO-1", item_code="P", quantity=5, due_at=T, released_at=T))


def _refused(store: Store, *rows: object) -> None:
    with pytest.raises(sqlalchemy.exc.IntegrityError), store.write() as s:
        s.add_all(rows)


def test_work_order_quantity_must_be_positive(any_store: Store) -> None:
    _plant(any_store)
    _refused(
        any_store, WorkOrder(number="WO-2", item_code="P", quantity=0, due_at=T, released_at=T)
    )


def test_work_order_needs_a_known_item(any_store: Store) -> None:
    _plant(any_store)
    _refused(
        any_store, WorkOrder(number="WO-3", item_code="NOPE", quantity=1, due_at=T, released_at=T)
    )


def _op(**fields: object) -> OperationInstance:
    values: dict[str, object] = {
        "id": "WO-1/0010",
        "work_order_number": "WO-1",
        "seq": 10,
        "work_center_code": "WC",
        "description": "Turn",
        "setup_minutes": 10,
        "run_minutes": 20,
    }
    values.update(fields)
    return OperationInstance(**values)


def test_operation_needs_a_known_work_center(any_store: Store) -> None:
    _plant(any_store)
    _refused(any_store, _op(work_center_code="GHOST"))


def test_operation_quantities_cannot_go_negative(any_store: Store) -> None:
    _plant(any_store)
    _refused(any_store, _op(qty_scrap=-1))


def test_operation_sequence_is_unique_within_a_work_order(any_store: Store) -> None:
    _plant(any_store)
    _refused(any_store, _op(id="a"), _op(id="b"))


def test_status_must_be_one_of_the_known_values(any_store: Store) -> None:
    _plant(any_store)
    with any_store.write() as s:
        s.add(_op(status=OperationStatus.READY))
    with pytest.raises(sqlalchemy.exc.IntegrityError), any_store.write() as s:
        s.execute(text("UPDATE operations SET status = 'daydreaming'"))


def test_badges_are_unique(any_store: Store) -> None:
    _refused(
        any_store, User(id="1", name="A", badge_id="B-1"), User(id="2", name="B", badge_id="B-1")
    )


def test_a_bom_cannot_contain_its_own_item(any_store: Store) -> None:
    _plant(any_store)
    with any_store.write() as s:
        s.add(Bom(item_code="P"))
    _refused(any_store, BomLine(bom_item_code="P", line_no=1, component_code="P", quantity_per=1))


def test_stock_cannot_be_negative(any_store: Store) -> None:
    _plant(any_store)
    _refused(any_store, StockBalance(item_code="R", location="MAIN", lot_no="", on_hand=-3))


def test_times_must_carry_a_timezone(any_store: Store) -> None:
    _plant(any_store)
    with (
        pytest.raises(sqlalchemy.exc.StatementError, match="naive datetime"),
        any_store.write() as s,
    ):
        s.add(
            WorkOrder(
                number="WO-9", item_code="P", quantity=1, due_at=datetime(2026, 1, 1), released_at=T
            )
        )


def test_times_come_back_in_utc(any_store: Store) -> None:
    _plant(any_store)
    with any_store.read() as s:
        wo = s.get(WorkOrder, "WO-1")
        assert wo is not None
        assert wo.due_at == T
        assert wo.due_at.tzinfo is not None
