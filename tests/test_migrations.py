"""The schema comes only from the migrations, and they must match the typed models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect

from store.db import Database
from store.migrate import head_revision, upgrade_connection
from store.models import Base


def _ours(name: str | None, type_: str, parent: object) -> bool:
    """slack-sdk's tables are checked against slack-sdk's own definitions in the Slack tests."""
    return not (type_ == "table" and (name or "").startswith("slack_"))


async def test_migrations_build_exactly_the_models(database: Database) -> None:
    def differences(conn: Connection) -> list[object]:
        context = MigrationContext.configure(conn, opts={"include_name": _ours})
        return list(compare_metadata(context, Base.metadata))

    assert await database.run(differences) == []
    assert await database.revision() == head_revision()


async def test_downgrade_and_upgrade_again(database: Database) -> None:
    from alembic import command
    from store.migrate import alembic_config

    def downgrade(conn: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "base")

    await database.run(downgrade)
    assert "cases" not in await database.run(lambda conn: inspect(conn).get_table_names())
    await database.run(upgrade_connection)
    assert "cases" in await database.run(lambda conn: inspect(conn).get_table_names())
