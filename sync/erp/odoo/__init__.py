"""Odoo: read the plan and master data, write back what happened, each posting once.

Two transports, one adapter: JSON-RPC `execute_kw` for Odoo 17/18 (`/jsonrpc`, errors
as HTTP 200 with an `error` member) and JSON-2 for Odoo 19+ (`/json/2/<model>/<method>`,
bearer API key, errors as 4xx/5xx). Both run one ORM method per call, and each call is
one database transaction; nothing here can chain two calls atomically.

Idempotency. The record made for a posting carries the external id
`takt.evt_<reference>`; it is created with `<model>.load`, which writes the record and
its `ir.model.data` row in one transaction (a separate `ir.model.data.create` would be a
second transaction, and needs the Settings right). `find` looks the external id up; when
the record exists but the step after it (validate, finish, block) may not have run, it
runs that step, which is written to be safe to repeat. `post` calls `find` first, so a
blind retry after an unknown outcome never makes a second record.

What each kind becomes, and the data it reads (`Posting.data`):

- CONFIRMATION {work_order, operation_seq, work_center, good, scrap, final, minutes?}:
  a closed `mrp.workcenter.productivity` time log (productive loss) on the work order's
  `mrp.workorder`, carrying the external id and, in its description, the quantities.
  The work order's `qty_produced` is then set to the sum of good quantities over all of
  Takt's logs on it (an absolute value: repeating it cannot count twice), and a final
  confirmation calls `button_finish` (which keeps a non-zero `qty_produced`). Community
  has no quantity field on a time log, hence the description. `qty_producing` is not
  written on a work order: it mirrors the manufacturing order's, so it is not per
  operation. When a final confirmation leaves no work order of the manufacturing order
  open (Odoo has it "to close"), the order is marked done: `qty_producing` set to what
  was made (the last operation's good quantity plus every unit Takt reported scrapped
  on the way, which Odoo scraps from stock once made), component moves Takt did not
  issue to set as the BOM says for that quantity and `picked`, then `button_mark_done`
  with the backorder wizard answered in advance by the context (`skip_backorder`; with
  the `backorder` option, `mo_ids_to_backorder` too: Odoo then renames the order
  "<name>-001" and makes "<name>-002" of the rest). Another wizard (consumption) is a
  refusal with its name: a person finishes the order in Odoo, and a retry finds it done.
- DOWNTIME {work_center, reason?, started_at?, ended_at?, start_reference?}: an
  `mrp.workcenter.productivity` log with a loss of that name (else the first
  availability loss), then `button_block` while the stop is open. The log names no work
  order, as Odoo's own block wizard does: `button_block` ends every open log of the work
  center's work orders, which would end the stop at once. The end of a stop posted
  earlier (`start_reference`) writes `date_end` on that log; `mrp.workcenter.unblock`
  is not used because it closes every open log with Odoo's clock, not Takt's end time.
- SCRAP {item, qty, work_order?, warehouse?}: `stock.scrap`, then `action_validate`
  only while the scrap is draft (a second call scraps again). When Odoo asks a person
  to confirm (too little stock) the posting is rejected with that reason. Odoo scraps
  an order's own product only once the order is done ("the finished product cannot be
  scrapped before it has been manufactured", Odoo's manufacturing documentation): such
  a scrap is made on the order, from the order's finished-products location, and stays
  draft until Takt marks the order done, which validates it. (An order a person marks
  done in Odoo leaves those drafts for a person to validate.) A component's scrap is
  taken from where the order takes its components (Odoo sets that location itself).
- GOODS_ISSUE to a manufacturing order {work_order, item, qty, lot?}: a detailed
  operation (`stock.move.line`, picked) on the order's open component move of that
  product, with the lot when Odoo knows it; the order consumes it when done.
- GOODS_ISSUE without an order, GOODS_RECEIPT {item, qty, warehouse?}: a `stock.picking`
  of the warehouse's internal type with one move between the warehouse stock and the
  production location (virtual), then `action_confirm`, quantity set and `picked`, and
  `button_validate`. Odoo has no public method to finish a bare `stock.move`
  (`_action_done` is private) and `stock.scrap` would book the goods as waste; the
  picking is the documented document for a move. Field names are Odoo 17+
  (`move_ids`, `quantity`, `picked`).
- QUALITY_HOLD / NONCONFORMANCE {reason, item?, work_order?, work_center?} and
  QUALITY_RELEASE {hold_reference}: `quality.alert` of the Quality app, which is Odoo
  Enterprise and unverified here (fields `title`, `description`, `product_id`,
  `production_id`, `workcenter_id`, `stage_id`; stage flag `done`). Without that model
  the posting is rejected as not supported by this Odoo: a person records it by hand.
  A release moves the hold's alert to the first `done` stage; it is found by that state.

Import. The cursor (`Cursor`, kept in the importer's high-water string) is the newest
`write_date` read, inclusive, plus the records already read at that instant: Odoo keeps
`write_date` to the microsecond but reads it to the second, so an exclusive cursor
skips what is written later in that second, and an inclusive one without the list
reads the same records at every run. `lookback_s` (default 0) widens that instant for
an Odoo whose transactions run long (Odoo stamps `write_date` with the transaction's
start, so a long one commits rows dated before a cursor already handed out): the
records read in that window are listed too, so they are not read again. Every model is
read up to one bound fixed before the first read, paged by id (an offset would skip a
row when an earlier one is modified mid-import). A first import brings open orders;
later ones also the orders done or cancelled since, with their `state`. An order's
operations are its own work orders, with Odoo's expected duration divided by their
quantity; a BOM's routing gives `time_cycle` per unit made: divided by the work
center's `default_capacity` in Odoo 17, by the BOM's quantity in Odoo 18+ (where that
field is gone). Work centers without a code go by their name. Every record that does
not fit is reported as `bad`.

The modules, one responsibility each (`OdooAdapter` is their sum):

- adapter: the settings, and `find`/`post` handing each kind to its part.
- transport: JSON-RPC and JSON-2 calls, errors, the small ORM reads.
- posting: `load` with the external id, found again by it; the records postings name.
- confirmations: work order time logs, finishing them, marking the order done.
- downtime: work center time logs and blocks.
- stock: scrap, consumption on an order, issues and receipts.
- quality: quality alerts (Enterprise).
- importing: the import run, by model, from the cursor; deleted orders.
- cursor: the import's high-water mark (`Cursor`).
- common: Odoo's time format, external ids, converters the others share.
"""

from sync.erp.odoo.adapter import OdooAdapter
from sync.erp.odoo.common import production_id, xmlid_name
from sync.erp.odoo.cursor import HIGH_WATER_MAX, Cursor
from sync.erp.odoo.transport import Transport

__all__ = [
    "HIGH_WATER_MAX",
    "Cursor",
    "OdooAdapter",
    "Transport",
    "production_id",
    "xmlid_name",
]
