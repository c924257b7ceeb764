"""Runs the real `amends serve` app (aiohttp + Bolt) on 127.0.0.1 for a test, wired to the fake
Slack Web API, with an injected clock and the outbox sender driven by the test."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from slack_sdk.models.blocks import Block
from sqlalchemy import text

from bot.clock import ManualClock
from bot.playbook import load_playbook
from bot.settings import Settings
from handlers.serve import web_app
from handlers.slack.server import SlackServer, build_server
from tests.slack.fake_api import FakeSlackApi
from tests.slack.requests import SIGNING_SECRET, SlackRequest

BOT_TOKEN = "xoxb-amends-test"
IMMEDIATE = "kind not in ('nudge_open', 'nudge_outcome', 'sla_alert', 'approval_reminder')"
"""SQL: outbox rows meant to go out at once (follow-ups fall due later)."""
CHANNELS = {"*": {"kitchen": "CKITCHEN", "housekeeping": "CHOUSE", "safety": "CSAFETY",
                  "delivery": "CDELIVERY", "maintenance": "CMAINT", "managers": "CMANAGERS"}}


@dataclasses.dataclass
class RunningApp:
    api: FakeSlackApi
    server: SlackServer
    url: str
    session: aiohttp.ClientSession
    clock: ManualClock

    async def post(self, request: SlackRequest, path: str = "/slack/events") -> aiohttp.ClientResponse:
        response = await self.session.post(self.url + path, data=request.body, headers=request.headers)
        await response.read()
        return response

    async def post_json(self, request: SlackRequest) -> dict[str, Any]:
        response = await self.post(request)
        assert response.status == 200, await response.text()
        body = await response.read()
        return {} if not body else dict(await response.json())

    async def deliver(self) -> int:
        """Runs the outbox until nothing is due now (what the sender's loop does in `serve`)."""
        total = 0
        while sent := await self.server.sender.drain_once():
            total += sent
        await self.server.runtime.background.drain()
        return total

    async def settle(self) -> None:
        await self.server.runtime.background.drain()

    async def scalar(self, sql: str, **params: Any) -> Any:
        return await self.server.database.run(lambda conn: conn.execute(text(sql), params).scalar())

    async def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        return await self.server.database.run(
            lambda conn: [tuple(row) for row in conn.execute(text(sql), params)])


def settings_for(api: FakeSlackApi, database_url: str, **overrides: Any) -> Settings:
    base = Settings(database_url=database_url, slack_api_url=api.base_url, slack_bot_token=BOT_TOKEN,
                    slack_signing_secret=SIGNING_SECRET, channels=CHANNELS,
                    roles={"UMGR": "manager", "@supervisors": "supervisor"},
                    listen_channels=("CFEEDBACK",))
    return dataclasses.replace(base, **overrides)


@asynccontextmanager
async def running_app(tmp_path: Path, api: FakeSlackApi, **overrides: Any) -> AsyncIterator[RunningApp]:
    url = overrides.pop("database_url", f"sqlite:///{tmp_path / 'slack.db'}")
    clock = ManualClock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))
    server = await build_server(settings_for(api, url, **overrides), load_playbook(), clock=clock,
                                start_sender=False)
    server.sender.spacing = 0.0  # pacing is real time; tests move the injected clock instead
    runner = web.AppRunner(web_app(server.database, [server]), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    session = aiohttp.ClientSession()
    try:
        yield RunningApp(api, server, f"http://127.0.0.1:{port}", session, clock)
    finally:
        await session.close()
        await runner.cleanup()
        await server.close()


def assert_valid_blocks(blocks: list[dict[str, Any]]) -> None:
    assert len(blocks) <= 50
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, block
        parsed.validate_json()
