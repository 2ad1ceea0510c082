"""machine signals: signal-lost and planned-stop states, machine part counts, bridges

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = ("unknown", "running", "idle", "down")
MACHINE_STATES = (*STATES, "signal_lost", "planned_stop")


def _states(values: tuple[str, ...]) -> str:
    return "machine_state IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    with op.batch_alter_table("work_centers") as batch:
        batch.drop_constraint(op.f("ck_work_centers_machine_state"), type_="check")
        batch.create_check_constraint("machine_state", _states(MACHINE_STATES))
    with op.batch_alter_table("operations") as batch:
        batch.add_column(
            sa.Column("machine_count", sa.Integer(), nullable=False, server_default="0")
        )
    for table in ("terminals", "enrollment_codes"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("machine_sources", sa.String(length=500), nullable=True))


def downgrade() -> None:
    for table in ("terminals", "enrollment_codes"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("machine_sources")
    with op.batch_alter_table("operations") as batch:
        batch.drop_column("machine_count")
    op.execute(
        "UPDATE work_centers SET machine_state = 'unknown' "
        "WHERE machine_state IN ('signal_lost', 'planned_stop')"
    )
    with op.batch_alter_table("work_centers") as batch:
        batch.drop_constraint(op.f("ck_work_centers_machine_state"), type_="check")
        batch.create_check_constraint("machine_state", _states(STATES))
