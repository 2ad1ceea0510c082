"""erp import as a merge: owners per field, skipped records retried, import status

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 05:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.model.base

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("work_orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erp_status", sa.String(length=24), nullable=True))
        batch_op.add_column(
            sa.Column("done_before", sa.Double(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
    op.create_table(
        "erp_import_skips",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=140), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("first_at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("tries >= 1", name=op.f("ck_erp_import_skips_tries_positive")),
        sa.PrimaryKeyConstraint("entity", "key", name=op.f("pk_erp_import_skips")),
    )


def downgrade() -> None:
    op.drop_table("erp_import_skips")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("active")
    with op.batch_alter_table("work_orders", schema=None) as batch_op:
        batch_op.drop_column("done_before")
        batch_op.drop_column("erp_status")
