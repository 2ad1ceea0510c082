"""ERPNext (Frappe REST) adapter: read master data and open work orders, write back outcomes.

Import reads `/api/resource/<DocType>` lists in few, large requests: JSON `filters`
(with `in` lists) and `fields` (child tables joined in as "`tabChild`.`field` as alias",
one row per child row), `limit_start`/`limit_page_length` paging, oldest change first.
Operation times come back per unit: a BOM operation's `time_in_mins` is for the BOM's
quantity (and its batch size), a Work Order operation's for the order's quantity.
Each work order carries its `state` (sync.erp.base.ORDER_STATES) and, per operation,
the Job Cards ERPNext made for it; `import_records` reads work orders again by name
(a name ERPNext no longer has comes back as deleted).

Write-back: every document Takt creates carries the posting's reference in the unique
Custom Field `custom_mes_event_id` (Stock Entry, Downtime Entry, Non Conformance, and the
Job Card Time Log rows Takt adds; Unique and No Copy ticked, or amending a cancelled entry
collides). `takt erp setup` creates and checks those fields through the Custom Field
doctype; without them the adapter posts nothing (a lost answer could not be settled) and
says what to do. A duplicate error means "an earlier try committed": it is reconciled
with `find`, never reported as a failure, and never posted twice.

What each posting kind becomes, and the `Posting.data` keys it reads:

- CONFIRMATION (every operation): a time log on the Job Card ERPNext made for that
  operation when the Work Order was submitted (`employee` from the `employees` table,
  `from_time` = when the operation started or its previous log ended, `to_time` = the
  confirmation, `completed_qty` = good), the row carrying the reference. The operation's
  final confirmation submits its Job Cards; ERPNext then books what was not completed as
  the card's process loss (`for_quantity - total_completed_qty`). The final confirmation of
  the last operation then posts the Manufacture Stock Entry (ERPNext's own
  `make_stock_entry`) for what the last operation completed and was not yet manufactured,
  plus the operations' process loss: ERPNext refuses Manufacture while Job Cards are open,
  so the output of partial confirmations goes with the final one. Keys: `erp_ref` (the
  Work Order; falls back to `work_order`), `operation_seq`, `work_center`, `good`,
  `scrap`, `final`, `confirmed_by`, `started_at`, `last_operation`. A Work Order without
  operations takes a Manufacture entry for each confirmation of Takt's last operation
  (good + scrap, the scrap as process loss; the final one books all that is left as loss).
- SCRAP: output of a Work Order (its production item) is lost output: ERPNext books it as
  process loss with the Job Cards and the Manufacture entry, so nothing is sent for it
  (ErpNothingToPost). Other scrapped stock (a held lot) moves by "Material Transfer" into
  the `scrap_warehouse` (ERPNext's scrap warehouse), or leaves by "Material Issue" when
  none is set. ERPNext refuses either when the stock is not there.
- GOODS_ISSUE to a Work Order (`erp_ref`): Stock Entry "Material Transfer for
  Manufacture" from the item's source warehouse (the Work Order's, else the adapter's)
  into the Work Order's WIP warehouse, with `fg_completed_qty` the finished units the
  transferred material now covers (the scarcest required item decides), so ERPNext's
  "material transferred for manufacturing" follows. A Work Order that skips transfers
  refuses it. Without a Work Order: "Material Issue". GOODS_RECEIPT: "Material Receipt".
  Keys: `item` and `qty` (or `lines: [{item, qty}]`), `warehouse`, `work_order`, `lot`,
  `reason` (remarks only).
- DOWNTIME: Downtime Entry (not submittable): `workstation`, `operator` (Employee; else
  the adapter's default), `from_time`, `to_time`, `stop_reason` (Takt's reason through the
  `stop_reasons` table, else ERPNext's own option of that name, else "Other") and
  `remarks`. ERPNext requires an end time, so an open stop is refused rather than guessed.
- QUALITY_HOLD / NONCONFORMANCE: Non Conformance (status Open). Quality Inspection is
  unverified in our notes and needs a Job Card reference, so it is not used. Keys:
  `subject` (else built from `reason`), `procedure` (else the adapter's default),
  `details`, `work_order`, `item`, `qty`, `lot`.
- QUALITY_RELEASE: sets the hold's Non Conformance to Resolved. Keys: `hold_reference`
  (the hold posting's reference), `note`. Idempotent by nature: a Resolved NC is done.

The modules, one responsibility each (`ErpNextAdapter` is their sum):

- adapter: the settings, and `find`/`post` handing each kind to its part.
- transport: the Frappe REST client (auth, errors, list paging, child-table joins).
- importing: reading items, workstations, BOMs, routings, work orders, stock, deletions.
- documents: the request bodies postings become (Stock Entry, Downtime Entry, NC).
- posting: the reference on every document, found again, duplicates reconciled.
- confirmations: Job Card time logs, their submission, then Manufacture.
- reference_fields: `takt erp setup`, and the check that posting can be exactly once.
- common: ERPNext's names and the small parsers the others share.
"""

from sync.erp.erpnext.adapter import ErpNextAdapter
from sync.erp.erpnext.common import (
    OPEN_WORK_ORDER_STATUSES,
    REF_FIELD,
    REFERENCE_DOCTYPES,
    STOP_REASONS,
    StopReason,
)
from sync.erp.erpnext.reference_fields import ErpNotSetUp
from sync.erp.erpnext.transport import erp_message

__all__ = [
    "OPEN_WORK_ORDER_STATUSES",
    "REFERENCE_DOCTYPES",
    "REF_FIELD",
    "STOP_REASONS",
    "ErpNextAdapter",
    "ErpNotSetUp",
    "StopReason",
    "erp_message",
]
