"""orphaned postings: ERP documents of events Takt refused, and their reversal

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-08 10:00:00.000000

Two more posting states: `orphaned` (the ERP holds a document for an event a server
restored from a backup refused when it came again) and `reversed` (a person reversed
that document in the ERP).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = ("pending", "in_flight", "posted", "unknown", "failed", "cancelled")
POSTING_STATES = (*STATES, "orphaned", "reversed")


def _states(values: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    with op.batch_alter_table("erp_postings") as batch:
        batch.drop_constraint(op.f("ck_erp_postings_posting_status"), type_="check")
        batch.create_check_constraint("posting_status", _states(POSTING_STATES))


def downgrade() -> None:
    # A document of no posting is what there was before: the rows go, the events stay.
    op.execute("DELETE FROM erp_postings WHERE status IN ('orphaned', 'reversed')")
    with op.batch_alter_table("erp_postings") as batch:
        batch.drop_constraint(op.f("ck_erp_postings_posting_status"), type_="check")
        batch.create_check_constraint("posting_status", _states(STATES))
