"""terminal identity: one-time enrollment codes, revocation, public keys

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.model.base

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "enrollment_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=True),
        sa.Column("created_at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", app.model.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_enrollment_codes")),
    )
    with op.batch_alter_table("terminals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_key", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("revoked_at", app.model.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_unique_constraint(batch_op.f("uq_terminals_token_hash"), ["token_hash"])


def downgrade() -> None:
    with op.batch_alter_table("terminals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_terminals_token_hash"), type_="unique")
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("public_key")
    op.drop_table("enrollment_codes")
