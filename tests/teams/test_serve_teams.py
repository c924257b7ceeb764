"""`amends serve` as an admin starts it, with Teams: alone, or beside Slack in one process."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

from bot.clock import ManualClock
from bot.engine import OfflineEngine
from bot.playbook import load_playbook
from handlers.serve import Shared
from handlers.teams.sender import SPACING
from handlers.teams.server import build_teams
from store.db import Database
from tests.postgres import free_port
from tests.slack import requests as slack
from tests.slack.fake_api import FakeSlackApi
from tests.teams import activities as act
from tests.teams.activities import ANN
from tests.teams.app import teams_settings
from tests.teams.connector import LocalConnector
from tests.test_serve import run_serve, serve, wait_healthy


async def test_slack_and_teams_side_by_side_in_one_process(tmp_path: Path) -> None:
    connector = await LocalConnector().start()
    try:
        async with FakeSlackApi() as api, aiohttp.ClientSession() as session:
            port = free_port()
            env = {"AMENDS_DATABASE_URL": f"sqlite:///{tmp_path / 'both.db'}", "AMENDS_PORT": str(port),
                   "SLACK_BOT_TOKEN": "xoxb-serve", "SLACK_API_URL": api.base_url,
                   "SLACK_SIGNING_SECRET": slack.SIGNING_SECRET, "AMENDS_TEAMS_DEV": "1"}
            async with serve(env) as process:
                url = f"http://127.0.0.1:{port}"
                await wait_healthy(session, url)
                request = slack.slash_command("/recover", "table 7 burger came out cold", user_id="UANN")
                async with session.post(url + "/slack/events", data=request.body, headers=request.headers) as r:
                    assert r.status == 200 and "#1" in json.dumps(await r.json())
                teams = act.message(ANN, "recover the guest in 214 says the room was not cleaned", connector.url)
                async with session.post(url + "/api/messages", json=teams) as r:
                    assert r.status == 200
                [answer] = connector.sent(ANN.dm)
                assert "#1" in answer.text, "each workspace (Slack team, Teams tenant) counts its own cases"
                async with session.get(url + "/readyz") as ready:
                    body = await ready.json()
                    assert body["teams"] == "ok" and "slack" in body
            stderr = (process.stderr.read() if process.stderr else b"").decode()
            assert "LOCAL DEVELOPMENT MODE" in stderr
    finally:
        await connector.stop()


async def test_teams_alone_with_an_app_id_refuses_unsigned_requests(tmp_path: Path) -> None:
    async with aiohttp.ClientSession() as session:
        port = free_port()
        env = {"AMENDS_DATABASE_URL": f"sqlite:///{tmp_path / 'teams.db'}", "AMENDS_PORT": str(port),
               "MicrosoftAppId": "7d1c2b3a-1111-4aaa-8bbb-123456789abc", "MicrosoftAppPassword": "not-shown-1",
               "MicrosoftAppTenantId": "3f0e9d8c-2222-4ccc-9ddd-abcdef012345"}
        async with serve(env) as process:
            url = f"http://127.0.0.1:{port}"
            await wait_healthy(session, url)
            activity = act.message(ANN, "recover table 7 the soup came out cold", "http://127.0.0.1:9/")
            async with session.post(url + "/api/messages", json=activity) as r:
                assert r.status == 401
            async with session.post(url + "/api/messages", json=activity,
                                    headers={"Authorization": "Bearer abc.def.ghi"}) as r:
                assert r.status == 401
            async with session.post(url + "/slack/events", data=b"{}") as r:
                assert r.status == 404, "Slack has none of its settings, so it is not served"
        stderr = (process.stderr.read() if process.stderr else b"").decode()
        assert "not-shown-1" not in stderr and "Traceback" not in stderr


def test_teams_half_configured_says_what_to_set(tmp_path: Path) -> None:
    result = run_serve(tmp_path, {"MicrosoftAppId": "7d1c2b3a-1111-4aaa-8bbb-123456789abc",
                                  "MicrosoftAppPassword": "secret-never-printed"})
    assert result.returncode == 2
    assert "MicrosoftAppTenantId" in result.stderr
    assert "Traceback" not in result.stderr and "secret-never-printed" not in result.stderr


async def test_teams_is_paced_like_slack_one_message_a_second_per_recipient(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'paced.db'}"
    database = Database(url)
    try:
        await database.ensure_current(auto_upgrade=True)
        playbook = load_playbook()
        server = await build_teams(Shared(teams_settings(url, {"AMENDS_TEAMS_DEV": "1"}), playbook, database,
                                          ManualClock(datetime(2026, 11, 20, tzinfo=UTC)), OfflineEngine(playbook)),
                                   start_sender=False)
        assert server.sender.spacing == SPACING == 1.0
        await server.stop()
    finally:
        await database.dispose()
