"""conversations: where Teams can reach a person or a channel without being spoken to first

The Bot Framework sends proactively only to a conversation it has a reference for (its
service URL, tenant and conversation id). The reference is stored when the app is installed
or first spoken to, with the person's display name, so nudges, approvals and digests reach
Teams users and channels, and cards show names rather than ids.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace_id", sa.String(255), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("reference", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("platform", "workspace_id", "key", name="uq_conversations_key"),
    )


def downgrade() -> None:
    op.drop_table("conversations")
