"""Runs the real `amends serve` app with Teams (aiohttp + botbuilder's CloudAdapter) on
127.0.0.1 for a test, with the local Bot Connector, an injected clock and the outbox sender
driven by the test."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import text

from bot.clock import ManualClock
from bot.engine import OfflineEngine
from bot.playbook import load_playbook
from bot.settings import PlatformSection, Settings
from handlers.serve import Shared, web_app
from handlers.teams.server import TeamsServer, build_teams
from store.db import Database
from tests.teams.activities import ANN, BOB, KITCHEN, MANAGERS, MIA, SAM, Person
from tests.teams.connector import LocalConnector

CHANNELS = {"*": {"kitchen": KITCHEN, "housekeeping": "19:housekeeping@thread.tacv2",
                  "safety": "19:safety@thread.tacv2", "delivery": "19:delivery@thread.tacv2",
                  "maintenance": "19:maintenance@thread.tacv2", "managers": MANAGERS}}
ROLES = {MIA.aad: "manager", SAM.upn: "supervisor"}
"""Mia by her Entra object id, Sam by his UPN (read from the connector's member profile)."""


@dataclasses.dataclass
class TeamsApp:
    connector: LocalConnector
    server: TeamsServer
    url: str
    session: aiohttp.ClientSession
    clock: ManualClock

    async def post(self, activity: dict[str, Any], *, headers: dict[str, str] | None = None,
                   raw: bytes | None = None) -> aiohttp.ClientResponse:
        sent_headers = {"Content-Type": "application/json", **(headers or {})}
        response = await self.session.post(self.url + "/api/messages", data=raw, headers=sent_headers) \
            if raw is not None else await self.session.post(self.url + "/api/messages", json=activity,
                                                             headers=sent_headers)
        await response.read()
        return response

    async def invoke(self, activity: dict[str, Any]) -> dict[str, Any]:
        response = await self.post(activity)
        assert response.status == 200, await response.text()
        return dict(await response.json())

    async def deliver(self) -> int:
        """Runs the outbox until nothing is due now (what the scheduler does in `serve`)."""
        await self.server.turns.runtime.amends.settle()
        total = 0
        while sent := await self.server.sender.drain_once():
            total += sent
        return total

    async def scalar(self, sql: str, **params: Any) -> Any:
        return await self.server.database.run(lambda conn: conn.execute(text(sql), params).scalar())

    async def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        return await self.server.database.run(
            lambda conn: [tuple(row) for row in conn.execute(text(sql), params)])


def teams_settings(database_url: str, environment: dict[str, str], **overrides: Any) -> Settings:
    section = PlatformSection(roles=dict(ROLES), channels={k: dict(v) for k, v in CHANNELS.items()})
    base = Settings(database_url=database_url, platforms={"teams": section}, environment=environment)
    return dataclasses.replace(base, **overrides)


@asynccontextmanager
async def teams_app(database_url: str, *, environment: dict[str, str] | None = None,
                    people: tuple[Person, ...] = (ANN, BOB, MIA, SAM), **overrides: Any) -> AsyncIterator[TeamsApp]:
    connector = await LocalConnector({p.teams_id: {"name": p.name, "aadObjectId": p.aad,
                                                   "userPrincipalName": p.upn} for p in people}).start()
    clock = ManualClock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    settings = teams_settings(database_url, environment or {"AMENDS_TEAMS_DEV": "1"}, **overrides)
    database = Database(database_url)
    runner: web.AppRunner | None = None
    session: aiohttp.ClientSession | None = None
    server: TeamsServer | None = None
    try:
        await database.ensure_current(auto_upgrade=True)
        playbook = load_playbook()
        server = await build_teams(Shared(settings, playbook, database, clock, OfflineEngine(playbook)),
                                   start_sender=False)
        server.sender.spacing = 0.0  # pacing is real time; tests move the injected clock instead
        runner = web.AppRunner(web_app(database, [server]), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        session = aiohttp.ClientSession()
        await server.start()
        yield TeamsApp(connector, server, f"http://127.0.0.1:{port}", session, clock)
    finally:
        if session is not None:
            await session.close()
        if server is not None:
            await server.stop()
        if runner is not None:
            await runner.cleanup()
        await database.dispose()
        await connector.stop()


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'teams.db'}"
