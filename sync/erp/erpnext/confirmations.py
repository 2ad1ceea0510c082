"""Confirmations: a time log on the Job Card ERPNext made for the operation (the row
carries the reference), the cards submitted with the operation's final confirmation,
and after the last operation the Manufacture Stock Entry (ERPNext's own
`make_stock_entry`) for what was made and not yet booked, with the process loss.
Each step checks ERPNext before it writes, so a retry finishes what a lost answer
left undone.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sync.erp.base import ErpNothingToPost, ErpRejected, ErpUnavailable, Posted, Posting
from sync.erp.erpnext.common import (
    JOB_CARD_LOG,
    MAKE_STOCK_ENTRY,
    REF_FIELD,
    _moment,
    _number,
    _numbered,
    _qty,
)
from sync.erp.erpnext.documents import ErpNextDocuments
from sync.erp.erpnext.posting import ErpNextPosting

log = logging.getLogger(__name__)


class ErpNextConfirmations(ErpNextPosting, ErpNextDocuments):
    """Confirmations: time logs on the operation's Job Cards, then Manufacture."""

    # Takt user id -> ERPNext Employee, for Job Card time logs (optional there).
    employees: dict[str, str]

    def _order_of(self, posting: Posting) -> dict[str, Any]:
        name = posting.data.get("erp_ref") or self._need(posting, "work_order")
        return self._get("Work Order", str(name))

    def _operation_row(self, order: dict[str, Any], posting: Posting) -> dict[str, Any]:
        """The Work Order operation a Takt step confirms: by step number (the import
        numbered them), else by workstation."""
        numbered = _numbered(order.get("operations") or [])
        seq = posting.data.get("operation_seq")
        for number, row in numbered:
            if seq is not None and number == int(seq):
                return row
        at = [
            row for _, row in numbered if row.get("workstation") == posting.data.get("work_center")
        ]
        if len(at) == 1:
            return at[0]
        raise ErpRejected(
            f"confirmation {posting.reference}: Work Order {order.get('name')} has no operation "
            f"{seq} at {posting.data.get('work_center')} (its operations: "
            + ", ".join(f"{n} {r.get('operation')} at {r.get('workstation')}" for n, r in numbered)
            + ")"
        )

    def _cards(self, order: str, row: dict[str, Any]) -> list[dict[str, Any]]:
        """The operation's live Job Cards with their time logs, oldest first."""
        heads = self._list(
            "Job Card",
            ["name", "docstatus", "modified"],
            [["work_order", "=", order], ["operation_id", "=", row["name"]], ["docstatus", "<", 2]],
        )
        return [
            self._get("Job Card", head["name"]) for head in sorted(heads, key=lambda h: h["name"])
        ]

    @staticmethod
    def _log_reference(reference: str, index: int) -> str:
        # One row per Job Card per posting; the unique field needs a value per row.
        return reference if index == 0 else f"{reference}#{index + 1}"

    def _logged(self, cards: list[dict[str, Any]], reference: str) -> dict[str, float]:
        """Job Card name -> quantity this posting already logged on it."""
        logged: dict[str, float] = {}
        for index, card in enumerate(cards):
            mine = self._log_reference(reference, index)
            for log_row in card.get("time_logs") or []:
                if log_row.get(REF_FIELD) == mine:
                    logged[card["name"]] = _number(log_row.get("completed_qty")) or 0.0
        return logged

    def _find_confirmation(self, posting: Posting) -> Posted | None:
        """Posted only when every step of the confirmation is in ERPNext; otherwise None
        and `post` finishes what is missing (each step checks before it writes)."""
        manufactured = self._by_reference("Stock Entry", posting.reference)
        if manufactured is not None:
            return Posted(manufactured["name"], already=True)
        rows = self._list(
            "Job Card",
            ["name", "docstatus", "modified"],
            [[JOB_CARD_LOG, REF_FIELD, "=", posting.reference]],
        )
        if not rows:
            return None
        final = bool(posting.data.get("final"))
        if final and (rows[0].get("docstatus") != 1 or self._ends_order(posting)):
            return None  # logged, but the card is not submitted or Manufacture is missing
        return Posted(rows[0]["name"], already=True)

    def _trace_confirmation(self, posting: Posting) -> Posted | None:
        """The Manufacture entry or the job card that logged this confirmation, if any."""
        manufactured = self._by_reference("Stock Entry", posting.reference)
        if manufactured is not None:
            return Posted(manufactured["name"], already=True)
        rows = self._list("Job Card", ["name"], [[JOB_CARD_LOG, REF_FIELD, "=", posting.reference]])
        return Posted(rows[0]["name"], already=True) if rows else None

    def _ends_order(self, posting: Posting) -> bool:
        """Whether this final confirmation still owes the order's Manufacture entry."""
        order = self._order_of(posting)
        if not order.get("operations"):
            return True
        numbered = _numbered(order["operations"])
        return self._operation_row(order, posting) is numbered[-1][1]

    def _confirm(self, posting: Posting) -> Posted:
        data = posting.data
        order = self._order_of(posting)
        good = _number(data.get("good")) or 0.0
        if good < 0:
            raise ErpRejected(f"confirmation {posting.reference}: good must not be negative")
        final = bool(data.get("final"))
        if not order.get("operations"):
            if data.get("last_operation") is False:
                raise ErpNothingToPost(
                    f"Work Order {order['name']} has no operations in ERPNext: only the "
                    "last operation's output is booked (as Manufacture)"
                )
            return self._manufacture_without_cards(posting, order, good, final)
        numbered = _numbered(order["operations"])
        row = self._operation_row(order, posting)
        cards = self._cards(order["name"], row)
        if not cards:
            raise ErpRejected(
                f"Work Order {order['name']} has no Job Card for operation {row.get('operation')} "
                "(ERPNext makes them when the order is submitted): create one with "
                "'Create Job Card' on the Work Order, then retry"
            )
        logged = self._logged(cards, posting.reference)
        if not logged:
            cards = self._log_time(posting, cards, good)
        if final:
            cards = self._submit_cards(posting, cards)
        if not final or row is not numbered[-1][1]:
            return Posted(cards[0]["name"], already=bool(logged))
        return self._manufacture(posting, order["name"], cards[0]["name"])

    def _log_time(
        self, posting: Posting, cards: list[dict[str, Any]], good: float
    ) -> list[dict[str, Any]]:
        """Time logs for this confirmation, the good quantity spread over the operation's
        open cards in order (each up to its quantity; the last open one takes the rest)."""
        data = posting.data
        end = self._local(posting.occurred_at)
        employee = self.employees.get(str(data.get("confirmed_by") or ""))
        drafts = [(i, c) for i, c in enumerate(cards) if c.get("docstatus") == 0]
        if not drafts:
            raise ErpRejected(
                f"every Job Card of Work Order {cards[0].get('work_order')} operation "
                f"{cards[0].get('operation')} is already submitted: ERPNext takes no more "
                f"time on them ({', '.join(c['name'] for c in cards)})"
            )
        left = good
        plan: list[tuple[int, dict[str, Any], float]] = []
        for position, (index, card) in enumerate(drafts):
            room = max(
                0.0,
                (_number(card.get("for_quantity")) or 0.0)
                - sum(_number(r.get("completed_qty")) or 0.0 for r in card.get("time_logs") or []),
            )
            share = left if position == len(drafts) - 1 else min(left, room)
            if share > 0 or (not plan and left <= 0):
                plan.append((index, card, _qty(share)))
            left -= share
            if left <= 0 and plan:
                break
        updated = {c["name"]: c for c in cards}
        for index, card, share in plan:
            logs = list(card.get("time_logs") or [])
            start = self._start_of(data, logs, end)
            row = {
                "from_time": start.isoformat(sep=" "),
                "to_time": end.isoformat(sep=" "),
                "time_in_mins": round((end - start).total_seconds() / 60, 2),
                "completed_qty": share,
                REF_FIELD: self._log_reference(posting.reference, index),
            }
            if employee:
                row["employee"] = employee
            body = {"time_logs": [*logs, row], "modified": card.get("modified")}
            answer = self._request(
                "PUT", self._resource("Job Card", card["name"]), body=body, writes=True
            )
            updated[card["name"]] = answer.get("data") or self._get("Job Card", card["name"])
            log.info(
                "logged %s of %s on Job Card %s for %s",
                share,
                card.get("operation"),
                card["name"],
                posting.reference,
            )
        return [updated[c["name"]] for c in cards]

    def _start_of(
        self, data: dict[str, Any], logs: list[dict[str, Any]], end: datetime
    ) -> datetime:
        """Where this confirmation's time starts: the later of the operation's start and
        the card's previous log (never after the confirmation itself)."""
        starts = []
        if data.get("started_at"):
            starts.append(self._local(_moment(data["started_at"])))
        for row in logs:
            if row.get("to_time"):
                starts.append(datetime.fromisoformat(str(row["to_time"])).replace(microsecond=0))
        start = max(starts) if starts else end
        return min(start, end)

    def _submit_cards(self, posting: Posting, cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The operation is done: submit its cards. ERPNext books what a card did not
        complete as its process loss; a card nothing was completed on stays open (ERPNext
        refuses to submit it) and is said in the log."""
        out = []
        for card in cards:
            completed = sum(
                _number(r.get("completed_qty")) or 0.0 for r in card.get("time_logs") or []
            )
            if card.get("docstatus") == 0 and completed > 0:
                answer = self._request(
                    "PUT",
                    self._resource("Job Card", card["name"]),
                    body={"docstatus": 1},
                    writes=True,
                )
                card = answer.get("data") or self._get("Job Card", card["name"])
                log.info("submitted Job Card %s for %s", card["name"], posting.reference)
            elif card.get("docstatus") == 0:
                log.warning(
                    "Job Card %s has nothing completed; left open (ERPNext would refuse it)",
                    card["name"],
                )
            out.append(card)
        return out

    def _manufacture(self, posting: Posting, order_name: str, card: str) -> Posted:
        """The Manufacture entry for all the last operation completed and ERPNext has not
        yet booked, plus the operations' process loss (ERPNext takes the largest)."""
        found = self._by_reference("Stock Entry", posting.reference)
        if found is not None:
            return Posted(found["name"], already=True)
        order = self._get("Work Order", order_name)
        rows = [row for _, row in _numbered(order["operations"])]
        produced = _number(order.get("produced_qty")) or 0.0
        booked_loss = _number(order.get("process_loss_qty")) or 0.0
        good = (_number(rows[-1].get("completed_qty")) or 0.0) - produced
        loss = max(_number(r.get("process_loss_qty")) or 0.0 for r in rows) - booked_loss
        good, loss = _qty(max(good, 0.0)), _qty(max(loss, 0.0))
        if good <= 0:
            log.info("nothing left to manufacture on %s for %s", order_name, posting.reference)
            return Posted(card)
        return self._insert(
            "Stock Entry", self._manufacture_entry(posting, order_name, good, loss), posting
        )

    def _manufacture_without_cards(
        self, posting: Posting, order: dict[str, Any], good: float, final: bool
    ) -> Posted:
        found = self._by_reference("Stock Entry", posting.reference)
        if found is not None:
            return Posted(found["name"], already=True)
        if good <= 0:
            raise ErpRejected(
                f"confirmation {posting.reference} has no good quantity: nothing to "
                "manufacture in ERPNext"
            )
        scrap = _number(posting.data.get("scrap")) or 0.0
        if final:
            # Whatever of the order was not made is lost: booked so the order completes.
            left = (
                (_number(order.get("qty")) or 0.0)
                - (_number(order.get("produced_qty")) or 0.0)
                - (_number(order.get("process_loss_qty")) or 0.0)
                - good
            )
            scrap = max(scrap, left, 0.0)
        entry = self._manufacture_entry(posting, order["name"], _qty(good), _qty(scrap))
        return self._insert("Stock Entry", entry, posting)

    def _manufacture_entry(
        self, posting: Posting, order: str, good: float, loss: float
    ) -> dict[str, Any]:
        # Building the entry commits nothing, so a lost answer here is only "try again".
        draft = self._request(
            "POST",
            "/api/method/" + MAKE_STOCK_ENTRY,
            body={"work_order_id": order, "purpose": "Manufacture", "qty": _qty(good + loss)},
        ).get("message")
        if not isinstance(draft, dict):
            raise ErpUnavailable(f"make_stock_entry for {order} returned no draft")
        draft.pop("name", None)  # unsaved: ERPNext names it on insert
        if loss > 0:
            # fg_completed_qty counts the lost units (their material was used); the
            # finished-goods row receives only the good ones.
            draft["process_loss_qty"] = loss
            for row in draft.get("items") or []:
                if row.get("is_finished_item"):
                    row["qty"] = good
                    row["transfer_qty"] = good
        data = posting.data
        where = f" (operation {data['operation_seq']}" if data.get("operation_seq") else ""
        if where:
            where += f" at {data['work_center']})" if data.get("work_center") else ")"
        return {
            **draft,
            **self._posting_time(posting),
            "remarks": f"Takt confirmation {posting.reference}{where}",
        }
