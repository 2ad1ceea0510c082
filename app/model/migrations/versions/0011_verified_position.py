"""verification: last verified position of the log; a copied database's own events

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.model.base

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "verified_heads",
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("verified_at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("terminal_id", name=op.f("pk_verified_heads")),
    )
    op.create_table(
        "fork_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("matched_seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detected_at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_fork_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fork_state")),
    )
    op.create_table(
        "forked_events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("terminal_seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("reissued_as", sa.String(length=36), nullable=False),
        sa.Column("set_aside_at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forked_events")),
    )


def downgrade() -> None:
    op.drop_table("forked_events")
    op.drop_table("fork_state")
    op.drop_table("verified_heads")
