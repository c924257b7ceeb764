from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.core import Amends
from bot.engine import OfflineEngine
from bot.messages import Message
from bot.playbook import Playbook, load_playbook
from store.db import Database
from tests.postgres import PostgresServer, start_postgres

REPO = Path(__file__).resolve().parents[1]
_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = start_postgres()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def playbook() -> Playbook:
    return load_playbook()


@pytest.fixture(scope="session")
def engine(playbook: Playbook) -> OfflineEngine:
    return OfflineEngine(playbook)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'amends.db'}"
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"amends_test_{next(_names)}"
    server.psql(f"CREATE DATABASE {name}")
    return server.url(name)


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    await db.upgrade()
    try:
        yield db
    finally:
        await db.dispose()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))


@pytest.fixture
def amends(playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> Amends:
    return Amends(playbook=playbook, database=database, writer=engine, clock=clock)


def say(text: str, *, user: str = "U_ANN", role: str = "frontline", workspace: str = "T_HOTEL",
        channel: str = "C_FRONT", platform: str = "console", source_key: str | None = None) -> Message:
    return Message(workspace=workspace, channel=channel, user=user, role=role, text=text,
                   platform=platform, source_key=source_key)
