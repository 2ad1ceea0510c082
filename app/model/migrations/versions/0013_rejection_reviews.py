"""rejected events reviewed: dropped or re-issued by a supervisor

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.model.base

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rejection_reviews",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("by", sa.String(length=32), nullable=False),
        sa.Column("at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("new_event_id", sa.String(length=36), nullable=True),
        sa.CheckConstraint(
            "decision IN ('reissued', 'dropped')", name=op.f("ck_rejection_reviews_decision")
        ),
        sa.CheckConstraint(
            "(decision = 'dropped' AND reason IS NOT NULL)"
            " OR (decision = 'reissued' AND new_event_id IS NOT NULL)",
            name=op.f("ck_rejection_reviews_decision_complete"),
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_rejection_reviews")),
    )


def downgrade() -> None:
    op.drop_table("rejection_reviews")
