"""pin_locks: whose PIN login is locked, so the server refuses a PIN login during a lock

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 21:40:00.000000

A projection of `user.locked_out` and the logins after it. It starts empty on an
upgraded database: a lock lasts minutes, and the next rebuild fills it from the log.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.model.base import UTCDateTime

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pin_locks",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("until", UTCDateTime(timezone=True), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_pin_locks")),
    )


def downgrade() -> None:
    op.drop_table("pin_locks")
