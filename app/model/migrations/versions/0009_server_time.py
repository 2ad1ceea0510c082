"""server time: received-at and clock offset of each event

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.model.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("received_at", app.model.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("clock_offset_s", sa.Double(), nullable=True))
    # Events the server ordered before it kept receipts were projected uncorrected: an
    # offset of 0 says so, on the server and on every terminal alike, so a replay finds
    # the deadlines they had (an own event without it would take the terminal's guess).
    op.execute("UPDATE events SET clock_offset_s = 0 WHERE server_seq IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("clock_offset_s")
        batch_op.drop_column("received_at")
