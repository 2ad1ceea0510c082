"""What every ERP adapter offers, and the errors it reports in one vocabulary.

Import returns plain records (`ImportBatch`) that the importer turns into Takt's
reference events; a record that does not fit is reported, never silently dropped.
The records' shapes (keys an adapter fills; optional ones may be left out):

- items: {code, name, uom, item_group, active?}. `active` False: disabled in the ERP.
- work_centers: {code, name}. `code` is the ERP's own name, spaces and all
  ("Laser Cutter"), at most 32 characters.
- boms: {item, name?, quantity?, lines: [{item, qty}]}. `quantity` is the BOM's own
  quantity and the lines' `qty` are for it, as the ERP stores them (the importer
  divides; absent means 1; 0 or less is a skipped record, never read as 1).
- routings: {item, bom?, quantity?, operations: [{seq, work_center, operation,
  minutes, setup_minutes?}]}. `minutes` is run time per unit; an adapter that passes
  the ERP's times as they are (for the BOM's quantity) sets `quantity` and the importer
  divides. `setup_minutes` is per batch (ERPNext's fixed-time operations).
- work_orders: {number, item, qty, done_qty, due, status, state?, open?, multi_level?,
  operations?, materials?, erp_ref?}. `erp_ref`: the ERP's own lasting key of the order
  when its name can change ("mrp.production,17": an Odoo backorder renames the original
  "<name>-001"); the importer matches it to Takt's order, which keeps its number, and
  postings carry it. Absent: the number is the key. `state` is one of ORDER_STATES
  (else the importer reads `status`, the ERP's own word, and `open`); an order not
  "released" leaves the board.
  `operations` [{seq, work_center, operation, minutes, setup_minutes?}]: the order's
  own steps, `minutes` run time per unit (ERPNext's Work Order time_in_mins is for the
  order's `qty`: the adapter divides), scaled by the importer to what is left to make;
  absent or empty: the item's routing. `done_qty`: what the ERP has produced; at the
  first import it is taken off (`done_before`), later imports keep that figure, so
  Takt's own postings never shrink the order. `materials` [{item, qty}]: the ERP's own list for the
  order, quantities for the whole `qty` (ERPNext's required_items, already exploded as
  the ERP does); absent: the item's BOM, exploded through sub-assemblies when
  `multi_level` is true (ERPNext's use_multi_level_bom).
- stock: {item, warehouse, on_hand}.
- deleted: (entity, key) of records deleted in the ERP ("item", "work_order"; the key is
  Takt's: item code, order number). ERPNext reads its tombstones (Deleted Document);
  Odoo keeps none, so an Odoo item archived comes as `active: False`, and an order is
  reported deleted when read again by key (`import_records`) or checked for by Takt
  (`deleted_orders`) and not found.
Write-back takes one `Posting` at a time. Every posting carries a stable `reference`
derived from the Takt event; `find` looks it up in the ERP, so a retry after the ERP
committed but the answer was lost never posts twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol


class PostingKind(StrEnum):
    CONFIRMATION = "confirmation"  # operation: good and scrap quantities, time
    GOODS_ISSUE = "goods_issue"
    GOODS_RECEIPT = "goods_receipt"
    SCRAP = "scrap"
    QUALITY_HOLD = "quality_hold"
    QUALITY_RELEASE = "quality_release"
    NONCONFORMANCE = "nonconformance"
    DOWNTIME = "downtime"  # start (and end, when known) of a machine stop


@dataclass(frozen=True)
class Posting:
    reference: str  # stable, derived from the Takt event: the ERP's idempotency key
    kind: PostingKind
    data: dict[str, Any]
    occurred_at: datetime


@dataclass(frozen=True)
class Posted:
    document: str  # the ERP's name/id of what was created
    already: bool = False  # found by reference: an earlier try had committed


@dataclass(frozen=True)
class BadRecord:
    """An ERP record the import skipped, and why (missing item, unknown work center...)."""

    entity: str
    key: str
    problem: str


# A work order's state in the ERP, as the importer understands it.
ORDER_STATES = ("released", "stopped", "closed", "cancelled", "completed", "deleted")


@dataclass
class ImportBatch:
    items: list[dict[str, Any]] = field(default_factory=list)
    work_centers: list[dict[str, Any]] = field(default_factory=list)
    boms: list[dict[str, Any]] = field(default_factory=list)
    routings: list[dict[str, Any]] = field(default_factory=list)
    work_orders: list[dict[str, Any]] = field(default_factory=list)
    stock: list[dict[str, Any]] = field(default_factory=list)
    bad: list[BadRecord] = field(default_factory=list)
    high_water: str | None = None  # newest modification time seen: the next `since`
    deleted: list[tuple[str, str]] = field(default_factory=list)  # (entity, key)

    def extend(self, other: ImportBatch) -> None:
        """Add another batch's records (e.g. ones read again by key); keep the mark."""
        for name in ("items", "work_centers", "boms", "routings", "work_orders", "stock"):
            getattr(self, name).extend(getattr(other, name))
        self.bad.extend(other.bad)
        self.deleted.extend(other.deleted)


class ErpError(Exception):
    """Base: the message is the ERP's own, for a person to read."""


class ErpUnavailable(ErpError):
    """5xx, 408, 429, connection refused: try again later (after Retry-After if given)."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ErpOutcomeUnknown(ErpError):
    """The request may or may not have been committed (timeout, dropped connection):
    look the reference up before posting again."""


class ErpAuthError(ErpError):
    """Credentials wrong or expired (401): refresh them, then retry once."""


class ErpRejected(ErpError):
    """The ERP refused the document (validation, missing link): a person must look."""


class ErpNothingToPost(ErpError):
    """This ERP keeps no document for the posting (the message says where what it
    recorded went instead, e.g. scrap booked as process loss): settled, not sent."""


class ErpAdapter(Protocol):
    name: str
    # False: only confirmations of a routing's last operation go to this ERP.
    confirms_each_operation: bool

    def import_changes(self, since: str | None) -> ImportBatch:
        """Master data and open work orders modified after `since` (all when None).

        Orders stopped, closed, cancelled or completed since then come too, with their
        `state`; deletions as `deleted`."""
        ...

    def find(self, posting: Posting) -> Posted | None:
        """The ERP document already made for this posting's reference, if any; a
        document left half done (a draft, a step missing) is finished first."""
        ...

    def trace(self, posting: Posting) -> Posted | None:
        """Any document the ERP holds under this posting's reference, changing nothing:
        a draft or a part of a confirmation counts too. For a posting Takt no longer
        stands behind (its event was refused), which must not be finished."""
        ...

    def post(self, posting: Posting) -> Posted:
        """Create (and submit) the document; raises the ErpError subclasses above."""
        ...


def deleted_orders(adapter: ErpAdapter, orders: dict[str, str | None]) -> list[str]:
    """Which of Takt's open orders ({number: erp_ref}) the ERP no longer has, for an ERP
    that keeps no record of deletions (`deleted_orders(orders) -> list[str]`, optional);
    [] when the adapter has no such method (its import reports deletions itself)."""
    method = getattr(adapter, "deleted_orders", None)
    if method is None or not orders:
        return []
    return [str(n) for n in method(orders)]


def import_records(adapter: ErpAdapter, wanted: dict[str, list[str]]) -> ImportBatch | None:
    """Records read again by key ({"work order": [...], "bom": [...]}, the importer's
    entity names): those an earlier run skipped because the adapter could not read them.
    Optional for an adapter (`import_records(wanted) -> ImportBatch`); None when it has
    no such method, and then only a newer version of the record brings it."""
    method = getattr(adapter, "import_records", None)
    if method is None or not wanted:
        return None
    batch = method(wanted)
    return batch if isinstance(batch, ImportBatch) else None
