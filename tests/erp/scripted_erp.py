"""An ERP adapter for tests about what Takt records and how it drains, not about one ERP's
documents: it takes every posting except those a test says it refuses, and can refuse
Takt's key or be away."""

from __future__ import annotations

import threading

from sync.erp.base import (
    ErpAuthError,
    ErpRejected,
    ErpUnavailable,
    ImportBatch,
    Posted,
    Posting,
)


class ScriptedErp:
    name = "scripted"
    confirms_each_operation = True

    def __init__(self) -> None:
        self.refusing = 0  # the next postings refused
        self.key_refused = False  # 401 on everything
        self.away = False  # 503 on everything
        self.documents: dict[str, Posted] = {}
        self.posted: list[str] = []  # references, in the order they were posted
        self._lock = threading.Lock()

    def _gate(self) -> None:
        if self.key_refused:
            raise ErpAuthError("Invalid API key or secret (AuthenticationError)")
        if self.away:
            raise ErpUnavailable("503 Service Unavailable: the site is being updated")

    def import_changes(self, since: str | None) -> ImportBatch:
        self._gate()
        return ImportBatch(high_water=since)

    def find(self, posting: Posting) -> Posted | None:
        self._gate()
        found = self.documents.get(posting.reference)
        return Posted(found.document, already=True) if found else None

    def trace(self, posting: Posting) -> Posted | None:
        return ScriptedErp.find(self, posting)  # nothing here is ever left half done

    def post(self, posting: Posting) -> Posted:
        self._gate()
        with self._lock:
            if self.refusing:
                self.refusing -= 1
                raise ErpRejected("Posting date 2026-11-23 is in a closed accounting period")
            posted = Posted(f"DOC-{len(self.documents) + 1:05d}")
            self.documents[posting.reference] = posted
            self.posted.append(posting.reference)
            return posted
