"""What every ERP adapter offers, and the errors it reports in one vocabulary.

Import returns plain records (`ImportBatch`) that the importer turns into Takt's
reference events; a record that does not fit is reported, never silently dropped.
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


class ErpAdapter(Protocol):
    name: str
    # False: only confirmations of a routing's last operation go to this ERP.
    confirms_each_operation: bool

    def import_changes(self, since: str | None) -> ImportBatch:
        """Master data and open work orders modified after `since` (all when None)."""
        ...

    def find(self, posting: Posting) -> Posted | None:
        """The ERP document already made for this posting's reference, if any."""
        ...

    def post(self, posting: Posting) -> Posted:
        """Create (and submit) the document; raises the ErpError subclasses above."""
        ...
