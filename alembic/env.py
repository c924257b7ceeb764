"""Alembic environment: migrations run on the connection Amends hands over, or from the
AMENDS_DATABASE_URL when the alembic command line is used directly."""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import Connection, create_engine
from sqlalchemy.ext.asyncio import create_async_engine

from store.models import Base
from store.urls import DEFAULT_URL, runtime_url

target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    handed = context.config.attributes.get("connection")
    if handed is not None:
        run_on(handed)
        return
    url = runtime_url(os.environ.get("AMENDS_DATABASE_URL", DEFAULT_URL))
    if url.get_backend_name() == "sqlite":
        with create_engine(url).begin() as conn:
            run_on(conn)
        return

    async def run_async() -> None:
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.run_sync(run_on)
        await engine.dispose()

    asyncio.run(run_async())


main()
