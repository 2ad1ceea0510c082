"""people: PIN policy, lockouts; notifications sent by the server

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 04:00:00.000000

PINs and lockouts need no schema: the keyed PIN hash fits users.pin_hash, and a
lockout is an event. The server's notifier keeps where it stands in `notifier_state`.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.model.base

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notifier_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("done_seq", sa.Integer(), nullable=False),
        sa.Column("started_at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_notifier_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifier_state")),
    )


def downgrade() -> None:
    op.drop_table("notifier_state")
