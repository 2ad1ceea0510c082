"""The server's ERP import bookkeeping: records a run skipped, kept to be tried again.

Not derived from the event log (each run's outcome is: erp.import_completed and
erp.import_failed); only the server, which runs the import, holds rows here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.model.base import Base


class ErpImportSkip(Base):
    """A record the import could not take yet (an unknown item, a bad value), with why.

    `record` is the record as the adapter gave it, tried again on every later run until
    it goes in (a newer version from the ERP replaces it); None when the adapter itself
    could not read it (then only the ERP's next version, or the adapter re-reading it,
    can bring it)."""

    __tablename__ = "erp_import_skips"
    __table_args__ = (CheckConstraint("tries >= 1", name="tries_positive"),)

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(140), primary_key=True)
    problem: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any] | None]
    tries: Mapped[int] = mapped_column(default=1)
    first_at: Mapped[datetime]
    last_at: Mapped[datetime]
