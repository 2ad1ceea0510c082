"""`OdooAdapter`: its settings, and `find`/`post` handing each posting kind to the part
that knows it (confirmations, downtime, stock, quality).
"""

from __future__ import annotations

import logging

from sync.erp.base import ErpRejected, Posted, Posting, PostingKind
from sync.erp.odoo.confirmations import OdooConfirmations
from sync.erp.odoo.downtime import OdooDowntime
from sync.erp.odoo.importing import OdooImport
from sync.erp.odoo.quality import OdooQuality
from sync.erp.odoo.stock import OdooStock
from sync.erp.odoo.transport import Transport

log = logging.getLogger(__name__)


class OdooAdapter(OdooConfirmations, OdooDowntime, OdooStock, OdooQuality, OdooImport):
    """`ErpAdapter` for Odoo 17+ over JSON-RPC or JSON-2 (API key)."""

    name = "odoo"
    confirms_each_operation = True  # every operation is an mrp.workorder of its own

    def __init__(
        self,
        base_url: str,
        database: str,
        api_key: str,
        *,
        protocol: Transport = "json2",
        login: str | None = None,
        uid: int | None = None,
        timeout_s: float = 10.0,
        page_size: int = 500,
        lookback_s: float = 0.0,
        backorder: bool = False,
    ) -> None:
        super().__init__(
            base_url,
            database,
            api_key,
            protocol=protocol,
            login=login,
            uid=uid,
            timeout_s=timeout_s,
            page_size=page_size,
        )
        self.lookback_s = lookback_s
        self.backorder = backorder
        self._quality_fields = None
        self._quality_checked = False

    def find(self, posting: Posting) -> Posted | None:
        kind = posting.kind
        if kind is PostingKind.QUALITY_RELEASE:
            return self._find_release(posting)
        if kind is PostingKind.DOWNTIME:
            found_end = self._find_downtime_end(posting)
            if found_end is not None:
                return found_end
        anchor = self._anchor(posting.reference)
        if anchor is None:
            return None
        model, res_id = anchor
        # The record exists; the step after it may not have run. Each step below is safe
        # to repeat.
        if kind is PostingKind.CONFIRMATION:
            self._apply_confirmation(res_id)
        elif kind is PostingKind.DOWNTIME:
            self._block_if_open(res_id)
        elif kind is PostingKind.SCRAP:
            self._settle_scrap(res_id)
        elif model == "stock.move.line":
            self._mark_picked(res_id)
        elif kind in (PostingKind.GOODS_ISSUE, PostingKind.GOODS_RECEIPT):
            self._validate_picking(res_id)
        log.info("odoo: %s %s was already posted as %s,%d", kind, posting.reference, model, res_id)
        return Posted(f"{model},{res_id}", already=True)

    def trace(self, posting: Posting) -> Posted | None:
        anchor = self._anchor(posting.reference)
        return Posted(f"{anchor[0]},{anchor[1]}", already=True) if anchor is not None else None

    def post(self, posting: Posting) -> Posted:
        found = self.find(posting)
        if found is not None:
            return found
        kind = posting.kind
        if kind is PostingKind.CONFIRMATION:
            posted = self._post_confirmation(posting)
        elif kind is PostingKind.DOWNTIME:
            posted = self._post_downtime(posting)
        elif kind is PostingKind.SCRAP:
            posted = self._post_scrap(posting)
        elif kind in (PostingKind.GOODS_ISSUE, PostingKind.GOODS_RECEIPT):
            posted = self._post_goods(posting)
        elif kind in (PostingKind.QUALITY_HOLD, PostingKind.NONCONFORMANCE):
            posted = self._post_alert(posting)
        elif kind is PostingKind.QUALITY_RELEASE:
            posted = self._post_release(posting)
        else:  # pragma: no cover - every kind is handled above
            raise ErpRejected(f"{kind} is not supported by the Odoo adapter")
        log.info("odoo: posted %s %s as %s", kind, posting.reference, posted.document)
        return posted
