"""authorization: who is logged in on which terminal

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import app.model.base  # noqa: F401

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


ROLES = (
    "operator",
    "supervisor",
    "quality",
    "maintenance",
    "procurement",
    "customer_service",
    "manager",
)


def _roles(values: tuple[str, ...]) -> str:
    return "role IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    op.create_table(
        "terminal_sessions",
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("since", app.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("terminal_id", "user_id", name=op.f("pk_terminal_sessions")),
    )
    # A person may now hold the administrator role (people and terminals are theirs).
    with op.batch_alter_table("user_roles", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_user_roles_role"), type_="check")
        batch.create_check_constraint("role", _roles((*ROLES, "admin")))


def downgrade() -> None:
    op.execute("DELETE FROM user_roles WHERE role = 'admin'")
    with op.batch_alter_table("user_roles", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_user_roles_role"), type_="check")
        batch.create_check_constraint("role", _roles(ROLES))
    op.drop_table("terminal_sessions")
