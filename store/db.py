"""The database handle the core awaits: one transaction per call, on SQLite or PostgreSQL.

Data functions are written once, synchronously, against a `Connection`. On SQLite they run
on the event loop, group-committed with the calls that arrived in the same turn of the loop: a
local commit is shorter than a thread hop, and one sync serves many reports (see bench/). On
PostgreSQL they run through asyncpg with `run_sync`, so the network is awaited.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from store.groupcommit import GroupCommit
from store.migrate import current_revision, head_revision, upgrade_connection
from store.urls import runtime_url, sqlite_file

T = TypeVar("T")


class DatabaseUnavailable(RuntimeError):
    """The database could not be reached or written; the user is told to try again."""


class SchemaBehind(RuntimeError):
    pass


class Database:
    def __init__(self, raw_url: str, *, pool_size: int = 10) -> None:
        self.url = runtime_url(raw_url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self._sync: Engine | None = None
        self._group: GroupCommit | None = None
        self._async: AsyncEngine | None = None
        if self.is_sqlite:
            file = sqlite_file(self.url)
            if file is not None:
                Path(file).parent.mkdir(parents=True, exist_ok=True)
            self._sync = create_engine(self.url, pool_size=1, max_overflow=0)
            event.listen(self._sync, "connect", _sqlite_pragmas)
            self._group = GroupCommit(self._sync)
        else:
            self._async = create_async_engine(self.url, pool_size=pool_size, max_overflow=pool_size,
                                              pool_pre_ping=True)

    def async_engine(self) -> AsyncEngine:
        """For libraries that need an async engine of their own (slack-sdk's OAuth stores): the
        same database, through aiosqlite on SQLite."""
        if self._async is None:
            self._async = create_async_engine(self.url.set(drivername="sqlite+aiosqlite"),
                                              connect_args={"timeout": 5})
        return self._async

    async def run(self, work: Callable[[Connection], T]) -> T:
        """Runs `work` in one transaction that is committed before this returns."""
        try:
            if self._group is not None:
                return await self._group.submit(work)
            assert self._async is not None
            async with self._async.begin() as conn:
                return await conn.run_sync(work)
        except (OperationalError, OSError) as error:
            raise DatabaseUnavailable(str(error).splitlines()[0]) from error

    async def upgrade(self) -> str:
        """Applies the migrations; returns the revision the database is now at."""
        await self.run(upgrade_connection)
        return await self.revision() or ""

    async def revision(self) -> str | None:
        return await self.run(current_revision)

    async def ensure_current(self, *, auto_upgrade: bool) -> None:
        """A SQLite file upgrades itself; a shared PostgreSQL is upgraded on purpose, by an admin."""
        if await self.revision() == head_revision():
            return
        if auto_upgrade:
            await self.upgrade()
            return
        raise SchemaBehind("the database schema is not at the latest version: run `amends db upgrade`")

    async def ping(self) -> bool:
        try:
            await self.run(lambda conn: conn.execute(text("select 1")).scalar())
        except DatabaseUnavailable:
            return False
        return True

    async def dispose(self) -> None:
        if self._group is not None:
            self._group.close()
        if self._sync is not None:
            self._sync.dispose()
        if self._async is not None:
            await self._async.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
