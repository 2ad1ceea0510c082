"""`registry.find`: rows added in this transaction are found without a flush, and the
index of them never answers with a row that no longer fits."""

from __future__ import annotations

from sqlalchemy import select

from app.model import Item
from app.model.types import ItemClass
from app.projections.registry import find
from app.store import Store


def _item(code: str) -> Item:
    return Item(code=code, name=code.lower(), item_class=ItemClass.RAW)


def test_a_row_added_in_the_transaction_is_found_without_a_flush(store: Store) -> None:
    with store.write() as session:
        added = [_item(f"A-{n}") for n in range(50)]
        session.add_all(added)
        assert find(session, Item, "A-17") is added[17]
        assert find(session, Item, "A-49") is added[49]
        assert all(item in session.new for item in added)  # nothing was flushed
        later = _item("B-1")  # added after the index was built: found too
        session.add(later)
        assert find(session, Item, "B-1") is later
        assert find(session, Item, "NONE") is None


def test_a_row_whose_key_changed_after_it_was_added_is_found_by_its_new_key(
    store: Store,
) -> None:
    with store.write() as session:
        item = _item("OLD")
        session.add(item)
        assert find(session, Item, "OLD") is item  # indexed under OLD
        item.code = "NEW"
        assert find(session, Item, "OLD") is None
        assert find(session, Item, "NEW") is item


def test_flushed_and_removed_rows_come_from_the_session_not_the_index(store: Store) -> None:
    with store.write() as session:
        kept, dropped = _item("KEPT"), _item("DROPPED")
        session.add_all([kept, dropped])
        assert find(session, Item, "DROPPED") is dropped
        session.expunge(dropped)
        assert find(session, Item, "DROPPED") is None
        session.flush()
        assert find(session, Item, "KEPT") is kept  # persistent now: the identity map
    with store.read() as session:
        assert session.scalars(select(Item.code)).all() == ["KEPT"]
