"""admin audit: who purged or forgot what, in which workspace, when, and how many rows

`amends purge` (retention) and `amends forget` (a customer's erasure request) delete cases
and everything hanging off them; the audit row is what remains. It deliberately holds no
customer text: `scope` names the retention date, or a fingerprint of the customer reference,
never the reference itself. No foreign key to workspaces: the record outlives what it deleted.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admin_audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workspace_id", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=255), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("cases_deleted", sa.Integer(), nullable=False),
        sa.Column("rows_deleted", sa.Integer(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_admin_audit_workspace_at", "admin_audit", ["workspace_id", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_admin_audit_workspace_at", table_name="admin_audit")
    op.drop_table("admin_audit")
