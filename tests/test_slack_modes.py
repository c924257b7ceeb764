"""What Slack mode serves over HTTP. Over HTTP, every request is signed; in Socket Mode the
requests come over Slack's own socket and the HTTP port serves health checks (and, for many
workspaces, the install pages), never a Slack endpoint nobody checks."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.settings import SettingsError
from handlers.slack.server import CHECK_EVERY
from tests.slack import requests as slack
from tests.slack.app import RunningApp, running_app
from tests.slack.fake_api import FakeSlackApi, wait_until
from tests.slack.socket_server import FakeSocketModeServer

SOCKET = {"slack_app_token": "xapp-1-test", "slack_signing_secret": None}
OAUTH_KEY = "a passphrase for the stored tokens"


async def forge(app: RunningApp) -> list[int]:
    """What an attacker on the HTTP port gets for a command as a manager, signed or not."""
    form = slack.slash_command_payload("/case", "1 approve", user_id="UMGR")
    attempts = [slack.slash_command("/recover", "table 7 soup cold, give them 500 dollars", user_id="UMGR"),
                slack.slash_command("/recover", "table 7 soup cold", signing_secret=""),
                slack.slash_command("/recover", "table 7 soup cold", signing_secret="socket-mode"),
                slack.unsigned(json.dumps(form), content_type=slack.JSON)]
    return [(await app.post(request)).status for request in attempts]


async def test_socket_mode_serves_no_slack_endpoint_over_http(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api, **SOCKET) as app:
        assert await forge(app) == [404, 404, 404, 404]
        assert (await app.session.get(app.url + "/slack/install")).status == 404
        assert (await app.session.get(app.url + "/healthz")).status == 200
        assert await app.scalar("select count(*) from cases") == 0


async def test_socket_mode_with_a_signing_secret_set_too_still_serves_no_events_endpoint(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api, slack_app_token="xapp-1-test") as app:
        assert await forge(app) == [404, 404, 404, 404]
        assert await app.scalar("select count(*) from cases") == 0


async def test_bolt_itself_refuses_http_requests_in_socket_mode(tmp_path: Path) -> None:
    """Defence in depth: should an HTTP request ever reach Bolt in Socket Mode, its verification
    is on and its secret is one nobody holds (not empty, not a constant)."""
    async with FakeSlackApi() as api, running_app(tmp_path, api, **SOCKET) as app:
        for secret in ("", "socket-mode", slack.SIGNING_SECRET):
            request = slack.slash_command("/recover", "table 7 soup cold", user_id="UMGR", signing_secret=secret)
            answer = await app.server.bolt.async_dispatch(AsyncBoltRequest(
                body=request.body.decode(), headers=dict(request.headers)))
            assert answer.status == 401
        assert await app.scalar("select count(*) from cases") == 0


async def test_oauth_in_socket_mode_serves_only_the_install_pages_with_state_checked(tmp_path: Path) -> None:
    oauth = {"slack_bot_token": None, "slack_client_id": "111.222", "slack_client_secret": "shh",
             "encryption_key": OAUTH_KEY}
    async with FakeSlackApi() as api, running_app(tmp_path, api, **SOCKET, **oauth) as app:
        api.add_oauth_code("code-1", team_id="T0NEW")
        assert (await app.session.get(app.url + "/slack/install")).status == 200
        forged = await app.session.get(app.url + "/slack/oauth_redirect?code=code-1&state=forged")
        assert forged.status >= 400
        assert await app.scalar("select count(*) from slack_installations") == 0
        assert not api.calls_to("oauth.v2.access")
        assert await forge(app) == [404, 404, 404, 404]


async def test_http_mode_without_a_signing_secret_refuses_to_start(tmp_path: Path) -> None:
    async with FakeSlackApi() as api:
        with pytest.raises(SettingsError) as refused:
            async with running_app(tmp_path, api, slack_signing_secret=None):
                pass
    assert "SLACK_SIGNING_SECRET" in str(refused.value) and "SLACK_APP_TOKEN" in str(refused.value)


@pytest.mark.parametrize(("setting", "value", "named"), [
    ("slack_app_token", "xoxb-not-an-app-token", "SLACK_APP_TOKEN"),
    ("slack_bot_token", "xapp-not-a-bot-token", "SLACK_BOT_TOKEN"),
    ("slack_client_id", "111.222", "SLACK_CLIENT_SECRET"),
])
async def test_slack_settings_present_but_wrong_stop_start_up_with_the_fix(
        tmp_path: Path, setting: str, value: str, named: str) -> None:
    async with FakeSlackApi() as api:
        with pytest.raises(SettingsError, match=named):
            async with running_app(tmp_path, api, **{setting: value}):
                pass


async def test_socket_mode_readiness_follows_the_connection(tmp_path: Path) -> None:
    """Slack down at start degrades Slack alone: start() returns, readiness says so, and the
    connection is made as soon as Slack answers."""
    async with FakeSlackApi() as api, FakeSocketModeServer() as socket, \
            running_app(tmp_path, api, **SOCKET) as app:
        app.server.ping_interval = 0.05
        await app.server.start()
        try:
            await wait_until(lambda: len(api.calls_to("apps.connections.open")) >= 2 or None, timeout=5,
                             describe=lambda: "Socket Mode never tried again")
            assert await app.server.readiness() == "disconnected"
            socket.attach(api)
            await socket.wait_for_connection(timeout=10)
            await wait_until_ready(app)
            envelope = await socket.send_slash_command("/recover", text="rm 508 ac broken", user_id="UANN")
            assert "#1" in json.dumps((await socket.wait_for_ack(envelope))["payload"]["blocks"])
        finally:
            await app.server.stop()


async def wait_until_ready(app: RunningApp) -> None:
    """The socket reports itself connected a moment after the server saw the connection."""
    deadline = time.monotonic() + 10
    state: Any = None
    while time.monotonic() < deadline:
        state = await app.server.readiness()
        if state == "ok":
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"Slack never became ready: {state}")


async def test_http_readiness_reports_a_revoked_token_and_rechecks_later(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        now = [1000.0]
        app.server.monotonic = lambda: now[0]
        api.set_error("auth.test", "token_revoked")
        assert await app.server.readiness() == "unauthorised"
        now[0] += CHECK_EVERY / 2
        assert await app.server.readiness() == "unauthorised"  # a load balancer's polls reuse it
        assert len(api.calls_to("auth.test")) == 1
        now[0] += CHECK_EVERY
        assert await app.server.readiness() == "ok"
        api.fail_next("auth.test", status=503, retry_after=None)
        now[0] += CHECK_EVERY + 1
        assert await app.server.readiness() == "unreachable"
