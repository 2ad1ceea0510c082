"""message intake: inbound messages and their drafts, the server's raw inbox and counters

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.model.base import UTCDateTime

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNELS = ("kiosk", "line_pc", "machine", "erp", "message", "phone")
EXCEPTION_CHANNELS = (*CHANNELS, "email", "chat")
MESSAGE_CHANNELS = ("email", "whatsapp", "teams", "slack", "chat", "phone")
MESSAGE_STATUSES = ("draft", "triage", "archived", "confirmed", "discarded")


def _channels(values: tuple[str, ...]) -> str:
    return "channel IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade() -> None:
    with op.batch_alter_table("exceptions") as batch:
        batch.drop_constraint(op.f("ck_exceptions_channel"), type_="check")
        batch.create_check_constraint("channel", _channels(EXCEPTION_CHANNELS))
    op.create_table(
        "intake_messages",
        sa.Column("message_id", sa.String(length=300), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                *MESSAGE_CHANNELS,
                name="message_channel",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("sender", sa.String(length=200), nullable=True),
        sa.Column("subject", sa.String(length=300), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                *MESSAGE_STATUSES,
                name="message_status",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("draft", sa.JSON(), nullable=False),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("received_by", sa.String(length=64), nullable=False),
        sa.Column("exception_id", sa.String(length=36), nullable=True),
        sa.Column("decided_by", sa.String(length=32), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("message_id", name=op.f("pk_intake_messages")),
    )
    op.create_index(
        "ix_intake_messages_status_received",
        "intake_messages",
        ["status", "received_at"],
        unique=False,
    )
    op.create_table(
        "intake_inbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=300), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("message_id", sa.String(length=300), nullable=True),
        sa.Column("problem", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_inbox")),
        sa.UniqueConstraint("channel", "external_id", name=op.f("uq_intake_inbox_channel")),
    )
    op.create_index("ix_intake_inbox_pending", "intake_inbox", ["done", "id"], unique=False)
    op.create_table(
        "intake_counters",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("channel", "outcome", name=op.f("pk_intake_counters")),
    )


def downgrade() -> None:
    op.drop_table("intake_counters")
    op.drop_index("ix_intake_inbox_pending", table_name="intake_inbox")
    op.drop_table("intake_inbox")
    op.drop_index("ix_intake_messages_status_received", table_name="intake_messages")
    op.drop_table("intake_messages")
    op.execute("UPDATE exceptions SET channel = 'message' WHERE channel IN ('email', 'chat')")
    with op.batch_alter_table("exceptions") as batch:
        batch.drop_constraint(op.f("ck_exceptions_channel"), type_="check")
        batch.create_check_constraint("channel", _channels(CHANNELS))
