"""What the plant knows, as an immutable index to match messages against.

Read once from a Takt database (`load_reference`) or built from plain records (tests,
other sources). Everything a message can name is here: work orders (with their ERP
references), items, lots, work centers, customers and the suppliers the lots came
from. Matching never invents: a code or a name resolves to an entry of this index or
to nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.model import Customer, Item, Lot, WorkCenter, WorkOrder
from app.model.plant import Site
from app.model.types import WorkOrderStatus
from app.store import Store
from sync.intake.names import NameMatcher, PartyMatcher, vocabulary_of

_CLOSED = {WorkOrderStatus.COMPLETED, WorkOrderStatus.CLOSED, WorkOrderStatus.CANCELLED}
_DIGITS = re.compile(r"\d+")
_RUNS = re.compile(r"[A-Za-z]+|\d+")


def code_key(text: str) -> str:
    """A code as people write it, reduced to compare: its runs of letters and of digits,
    digits without leading zeros: "wo 026018", "WO-26018", "wo26018" -> "WO|26018"."""
    return "|".join(
        str(int(run)) if run[0].isdigit() else run.upper() for run in _RUNS.findall(text)
    )


@dataclass(frozen=True)
class WorkOrderRef:
    number: str
    item: str
    quantity: float
    customer: str | None = None
    erp_ref: str | None = None
    open: bool = True

    @property
    def digits(self) -> str:
        """The number's last run of digits ("WO-26018" -> "26018")."""
        runs = _DIGITS.findall(self.number)
        return runs[-1] if runs else ""


@dataclass(frozen=True)
class Entry:
    """Something with a code and a name: an item, a work center, a customer, a supplier."""

    code: str
    name: str
    uom: str | None = None


@dataclass(frozen=True)
class LotRef:
    lot_no: str
    item: str
    supplier: str | None = None


@dataclass(frozen=True)
class ReferenceIndex:
    """The plant's reference data with the lookups built from it (both immutable)."""

    site_name: str = ""
    timezone: str = "UTC"
    work_orders: tuple[WorkOrderRef, ...] = ()
    items: tuple[Entry, ...] = ()
    lots: tuple[LotRef, ...] = ()
    work_centers: tuple[Entry, ...] = ()
    customers: tuple[Entry, ...] = ()
    suppliers: tuple[Entry, ...] = ()

    codes: Mapping[str, tuple[str, str]] = field(init=False, repr=False, compare=False)
    partial_codes: Mapping[str, tuple[str, str]] = field(init=False, repr=False, compare=False)
    work_order_digits: Mapping[str, str] = field(init=False, repr=False, compare=False)
    work_order_suffixes: Mapping[str, tuple[str, ...]] = field(
        init=False, repr=False, compare=False
    )
    lot_numbers: Mapping[int, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    by_number: Mapping[str, WorkOrderRef] = field(init=False, repr=False, compare=False)
    item_by_code: Mapping[str, Entry] = field(init=False, repr=False, compare=False)
    customer_codes: Mapping[str, str] = field(init=False, repr=False, compare=False)
    item_names: NameMatcher = field(init=False, repr=False, compare=False)
    work_center_names: NameMatcher = field(init=False, repr=False, compare=False)
    parties: PartyMatcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        codes: dict[str, tuple[str, str] | None] = {}

        def add(key: str, value: tuple[str, str]) -> None:
            if not key:
                return
            if key in codes and codes[key] != value:
                codes[key] = None  # two things reduce to the same key: neither is found by it
            else:
                codes[key] = value

        for wo in self.work_orders:
            add(code_key(wo.number), ("work_order", wo.number))
            if wo.erp_ref:
                add(code_key(wo.erp_ref), ("work_order", wo.number))
        for item in self.items:
            add(code_key(item.code), ("item", item.code))
        for lot in self.lots:
            add(code_key(lot.lot_no), ("lot", lot.lot_no))
        for wc in self.work_centers:
            add(code_key(wc.code), ("work_center", wc.code))
        put(self, "codes", MappingProxyType({k: v for k, v in codes.items() if v is not None}))
        put(self, "partial_codes", MappingProxyType(self._partial_codes()))

        digits: dict[str, str | None] = {}
        suffixes: dict[str, set[str]] = defaultdict(set)
        for wo in self.work_orders:
            d = wo.digits
            if not d:
                continue
            digits[d] = None if d in digits and digits[d] != wo.number else wo.number
            if wo.open:
                for n in range(2, min(5, len(d))):
                    suffixes[d[-n:]].add(wo.number)
        put(self, "work_order_digits", MappingProxyType({k: v for k, v in digits.items() if v}))
        put(
            self,
            "work_order_suffixes",
            MappingProxyType({k: tuple(sorted(v)) for k, v in suffixes.items()}),
        )
        lots: dict[int, set[str]] = defaultdict(set)
        for lot in self.lots:
            runs = _DIGITS.findall(lot.lot_no)
            if runs:
                lots[int(runs[-1])].add(lot.lot_no)
        put(self, "lot_numbers", MappingProxyType({k: tuple(sorted(v)) for k, v in lots.items()}))
        put(self, "by_number", MappingProxyType({wo.number: wo for wo in self.work_orders}))
        put(self, "item_by_code", MappingProxyType({i.code: i for i in self.items}))
        put(self, "customer_codes", MappingProxyType({c.code: c.code for c in self.customers}))
        item_matcher = NameMatcher(self.items, foreign_words=vocabulary_of(self.work_centers))
        put(self, "item_names", item_matcher)
        wc_matcher = NameMatcher(
            self.work_centers, code_numbers=True, foreign_words=item_matcher.vocabulary
        )
        put(self, "work_center_names", wc_matcher)
        put(
            self,
            "parties",
            PartyMatcher(
                customers=self.customers,
                suppliers=self.suppliers,
                site_name=self.site_name,
                other_words=item_matcher.vocabulary | wc_matcher.vocabulary,
            ),
        )

    def _partial_codes(self) -> dict[str, tuple[str, str]]:
        """The tails of item codes people write alone ("HPU-05", "MNF-4", "G16"), if unique."""
        found: dict[str, tuple[str, str] | None] = {}
        for item in self.items:
            segments = [s for s in re.split(r"[^0-9A-Za-z]+", item.code) if s]
            tails = [segments[-n:] for n in range(2, len(segments))]
            last = segments[-1] if segments else ""
            if re.search(r"[A-Za-z]", last) and re.search(r"\d", last):
                tails.append([last])
            for tail in tails:
                key = code_key("-".join(tail))
                if key in self.codes:
                    continue
                value = ("item", item.code)
                found[key] = None if key in found and found[key] != value else value
        return {k: v for k, v in found.items() if v is not None}

    def work_order(self, number: str) -> WorkOrderRef | None:
        return self.by_number.get(number)

    def item(self, code: str) -> Entry | None:
        return self.item_by_code.get(code)


def reference_from_session(session: Session) -> ReferenceIndex:
    """The reference data in a database session (read only)."""
    site = session.scalars(select(Site).order_by(Site.code)).first()
    work_orders = tuple(
        WorkOrderRef(
            number=wo.number,
            item=wo.item_code,
            quantity=wo.quantity,
            customer=wo.customer_code,
            erp_ref=wo.erp_ref,
            open=wo.status not in _CLOSED and wo.erp_status is None,
        )
        for wo in session.scalars(select(WorkOrder).order_by(WorkOrder.number))
    )
    items = tuple(
        Entry(i.code, i.name, i.uom)
        for i in session.scalars(select(Item).where(Item.active).order_by(Item.code))
    )
    lot_rows = session.scalars(select(Lot).order_by(Lot.lot_no)).all()
    lots = tuple(LotRef(lot.lot_no, lot.item_code, lot.supplier) for lot in lot_rows)
    suppliers = tuple(
        Entry(name, name) for name in sorted({lot.supplier for lot in lot_rows if lot.supplier})
    )
    work_centers = tuple(
        Entry(w.code, w.name) for w in session.scalars(select(WorkCenter).order_by(WorkCenter.code))
    )
    customers = tuple(
        Entry(c.code, c.name) for c in session.scalars(select(Customer).order_by(Customer.code))
    )
    return ReferenceIndex(
        site_name=site.name if site else "",
        timezone=site.timezone if site and site.timezone else "UTC",
        work_orders=work_orders,
        items=items,
        lots=lots,
        work_centers=work_centers,
        customers=customers,
        suppliers=suppliers,
    )


def load_reference(store: Store) -> ReferenceIndex:
    """The reference data of a Takt database, read once."""
    with store.read() as session:
        return reference_from_session(session)
