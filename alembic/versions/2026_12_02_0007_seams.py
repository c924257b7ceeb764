"""seams: ids wide enough for Teams, the words shown to reporters, and the columns the next issues need

Ids: a Teams user id is about 90 characters (`29:1…`), a personal conversation id about 130,
an AAD object id a GUID; PostgreSQL enforces VARCHAR lengths, so every user, channel, message,
recipient, source and workspace id becomes 255. On SQLite, which stores any length, only the
declared type changes, by SQLite's own procedure for schema changes that leave the stored rows
untouched (https://www.sqlite.org/lang_altertable.html#otheralter): rebuilding these tables
would need foreign keys switched off, which cannot be done inside the migration's transaction.
slack-sdk's installation tables keep slack-sdk's definitions (Slack ids are short).

Columns the next issues fill, so they add no migration: on cases the report's `language`
(ISO 639-1), the further scenarios it names (`also`), the `safety` flag, whether an unsure
scenario was `confirmed`, corrections kept apart from goodwill (`corrected_cents`), voiding
(`voided_at`, `void_reason`) and merging (`merged_into`, a case number); on offers the amount
asked for when another was approved (`requested_cents`), a free-text `reason`, and
`is_correction`. `case_words` keeps every version of the words a reporter was shown.

Downgrading narrows the ids again, which PostgreSQL refuses while a longer id is stored.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WIDE = 255
WIDENED = {
    "workspaces": {"id": (64, False)},
    "cases": {"workspace_id": (64, False), "reporter_id": (64, False), "owner_id": (64, False),
              "channel_id": (128, False), "source_key": (128, True)},
    "case_events": {"workspace_id": (64, False), "actor_id": (64, False), "channel_id": (128, False)},
    "offers": {"workspace_id": (64, False), "requested_by": (64, False), "decided_by": (64, True)},
    "deliveries": {"workspace_id": (64, False), "recipient": (128, False)},
    "case_messages": {"workspace_id": (64, False), "channel_id": (128, False), "message_id": (64, False)},
    "admin_audit": {"workspace_id": (128, False)},
}
"""table -> column -> (length before, nullable)"""


def _case_columns() -> list[sa.Column]:
    return [
        sa.Column("language", sa.String(length=8), nullable=False, server_default="en"),
        sa.Column("also", sa.JSON(), nullable=False, server_default="[]"),
        sa.Column("safety", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("confirmed", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("corrected_cents", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("merged_into", sa.Integer(), nullable=True),
    ]


def _offer_columns() -> list[sa.Column]:
    return [
        sa.Column("requested_cents", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("is_correction", sa.Boolean(), nullable=False, server_default=sa.false()),
    ]


def upgrade() -> None:
    _resize(wide=True)
    for column in _case_columns():
        op.add_column("cases", column)
    for column in _offer_columns():
        op.add_column("offers", column)
    op.create_table(
        "case_words",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.String(length=WIDE), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("writer", sa.String(length=64), nullable=False),
        sa.Column("prompt_version", sa.String(length=64), nullable=False),
        sa.Column("model", sa.String(length=128), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("apology", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("guide", sa.JSON(), nullable=False),
        sa.Column("safety_steps", sa.JSON(), nullable=False),
        sa.Column("recommended_option", sa.String(length=128), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspaces.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "version", name="uq_case_words_case_version"),
    )


def downgrade() -> None:
    op.drop_table("case_words")
    for column in reversed(_offer_columns()):
        op.drop_column("offers", column.name)
    for column in reversed(_case_columns()):
        op.drop_column("cases", column.name)
    _resize(wide=False)


def _resize(*, wide: bool) -> None:
    bind = op.get_bind()
    for table, columns in WIDENED.items():
        if bind.dialect.name == "sqlite":
            _declare_on_sqlite(bind, table, {name: WIDE if wide else old for name, (old, _) in columns.items()})
            continue
        for name, (old, nullable) in columns.items():
            before, after = (old, WIDE) if wide else (WIDE, old)
            op.alter_column(table, name, type_=sa.String(length=after),
                            existing_type=sa.String(length=before), existing_nullable=nullable)


def _declare_on_sqlite(bind: sa.Connection, table: str, lengths: dict[str, int]) -> None:
    """Changes only the declared VARCHAR length in the table's schema text: the affinity stays
    TEXT, so no stored row changes and no rebuild (or foreign-key switch) is needed."""
    sql = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (table,)).scalar_one()
    for name, length in lengths.items():
        pattern = re.compile(rf'(^|[\s,(])("?){name}\2(\s+)VARCHAR\(\d+\)', re.IGNORECASE | re.MULTILINE)
        sql, found = pattern.subn(rf"\g<1>\g<2>{name}\g<2>\g<3>VARCHAR({length})", sql)
        if found != 1:
            raise RuntimeError(f"{table}.{name}: expected one VARCHAR declaration, found {found}")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                             (sql, table))
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
