"""digest indexes: cases, events, offers and the outbox by workspace and time

The managers' digest reads one workspace's period: cases reported (created_at) or resolved
(resolved_at) in it, outcomes recorded in it (case_events by kind and time), compensation given
or decided in it (offers by created_at / decided_at) and deliveries that failed in it. Repeat
customers count a reference's cases before a time: (workspace_id, customer_ref, created_at)
answers that from the index alone and replaces (workspace_id, customer_ref), which it covers
(lookups by reference use it just as well).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_cases_workspace_created", "cases", ["workspace_id", "created_at"]),
    ("ix_cases_workspace_resolved", "cases", ["workspace_id", "resolved_at"]),
    ("ix_case_events_workspace_kind_at", "case_events", ["workspace_id", "kind", "at"]),
    ("ix_offers_workspace_created", "offers", ["workspace_id", "created_at"]),
    ("ix_offers_workspace_decided", "offers", ["workspace_id", "decided_at"]),
    ("ix_deliveries_workspace_failed", "deliveries", ["workspace_id", "failed_at"]),
    ("ix_cases_workspace_reference_created", "cases", ["workspace_id", "customer_ref", "created_at"]),
)
REPLACED = ("ix_cases_workspace_reference", "cases", ["workspace_id", "customer_ref"])


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    op.drop_index(REPLACED[0], table_name=REPLACED[1])


def downgrade() -> None:
    op.create_index(REPLACED[0], REPLACED[1], REPLACED[2], unique=False)
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
