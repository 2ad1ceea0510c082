"""signed batches: the chain heads terminals signed, kept with the server's events

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.model.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "signed_heads",
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.Column("received_at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("terminal_id", "seq", name=op.f("pk_signed_heads")),
    )


def downgrade() -> None:
    op.drop_table("signed_heads")
