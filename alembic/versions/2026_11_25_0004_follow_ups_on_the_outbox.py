"""follow-ups on the outbox: cancellation, escalation level, dedupe key

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("level", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("dedupe_key", sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint("uq_deliveries_dedupe", ["dedupe_key"])
        batch_op.create_index("ix_deliveries_case", ["case_id", "kind"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_case")
        batch_op.drop_constraint("uq_deliveries_dedupe", type_="unique")
        batch_op.drop_column("dedupe_key")
        batch_op.drop_column("level")
        batch_op.drop_column("cancelled_at")
