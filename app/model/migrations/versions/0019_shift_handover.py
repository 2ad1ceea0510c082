"""shift handover: handovers and the items handed over

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.model.base

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handovers",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("area_code", sa.String(length=32), nullable=False),
        sa.Column("shift_day", sa.Date(), nullable=False),
        sa.Column("shift_name", sa.String(length=32), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "submitted",
                "signed",
                name="handover_status",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("starts_at", app.model.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("ends_at", app.model.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("outgoing_user", sa.String(length=32), nullable=True),
        sa.Column("submitted_at", app.model.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("signed_by", sa.String(length=32), nullable=True),
        sa.Column("signed_at", app.model.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    op.create_index(op.f("ix_handovers_area_code"), "handovers", ["area_code"], unique=False)
    op.create_table(
        "handover_items",
        sa.Column("handover_id", sa.String(length=80), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("owner", sa.String(length=80), nullable=True),
        sa.Column("sla", sa.String(length=40), nullable=True),
        sa.Column("handed_over", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "accepted",
                "queried",
                "answered",
                name="handover_item_status",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("query", sa.Text(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=32), nullable=True),
        sa.Column("decided_at", app.model.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["handovers.id"],
            name=op.f("fk_handover_items_handover_id_handovers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("handover_id", "key", name=op.f("pk_handover_items")),
    )


def downgrade() -> None:
    op.drop_table("handover_items")
    op.drop_index(op.f("ix_handovers_area_code"), table_name="handovers")
    op.drop_table("handovers")
