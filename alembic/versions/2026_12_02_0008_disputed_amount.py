"""disputed amount: what a billing complaint is about, so a correction can be priced from it

A duplicate charge of 84.50 is refunded as 84.50, not as a fixed amount: the amount in
question comes from `amount=` or an amount written in the report, and is kept on the case so
every later decision on it (an offer, an approval) prices the option the same way.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("amount_disputed_cents", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("cases", "amount_disputed_cents")
