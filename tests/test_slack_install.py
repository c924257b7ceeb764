"""Installing Amends in many workspaces (OAuth), tokens at rest, uninstalling, Socket Mode,
and Slack's rate limits on the outbox."""

from __future__ import annotations

import json
import re
import types
from pathlib import Path

import pytest
import slack_sdk.http_retry.builtin_async_handlers as retry_handlers
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from tests.slack import requests as slack
from tests.slack.app import IMMEDIATE, running_app
from tests.slack.fake_api import FakeSlackApi
from tests.slack.socket_server import FakeSocketModeServer

OAUTH = {"slack_bot_token": None, "slack_client_id": "111.222", "slack_client_secret": "shh"}


@pytest.fixture(autouse=True)
def retry_after_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    """slack-sdk waits Retry-After plus a random fraction; the tests keep it at Retry-After."""
    monkeypatch.setattr(retry_handlers, "random", types.SimpleNamespace(random=lambda: 0.0))


async def install(app_url: str, session, code: str) -> int:  # type: ignore[no-untyped-def]
    page = await session.get(app_url + "/slack/install")
    html = await page.text()
    assert page.status == 200
    state = re.search(r"state=([\w-]+)", html)
    assert state is not None, html
    # The state cookie is Secure (Slack installs run on https); a browser would send it back.
    cookie = page.headers["Set-Cookie"].split(";")[0]
    done = await session.get(app_url + f"/slack/oauth_redirect?code={code}&state={state.group(1)}",
                             headers={"Cookie": cookie})
    await done.read()
    return done.status


@pytest.mark.parametrize("key", [None, "correct horse battery staple"])
async def test_oauth_install_stores_the_workspace_and_serves_its_commands(
        tmp_path: Path, key: str | None) -> None:
    async with FakeSlackApi() as api:
        issued = api.add_oauth_code("code-1", team_id="T0NEW", installer_user_id="UADMIN")
        token = issued["access_token"]
        async with running_app(tmp_path, api, **OAUTH, encryption_key=key) as app:
            assert await install(app.url, app.session, "code-1") == 200
            stored = await app.scalar("select bot_token from slack_bots where team_id = 'T0NEW'")
            if key:
                assert stored.startswith("enc:") and token not in stored
                assert token not in (await app.scalar(
                    "select bot_token from slack_installations where team_id = 'T0NEW'"))
            else:
                assert stored == token
            answer = await app.post_json(slack.slash_command("/recover", "tbl 3 soup cold",
                                                             team_id="T0NEW", user_id="UANN"))
            assert "#1" in json.dumps(answer["blocks"])
            await app.deliver()
            posted = app.api.calls_to("chat.postMessage")
            assert posted and all(call.token == token for call in posted)
            assert await app.scalar("select workspace_id from cases") == "T0NEW"


@pytest.mark.parametrize("event_type", ["app_uninstalled", "tokens_revoked"])
async def test_uninstall_removes_the_workspace_installation(tmp_path: Path, event_type: str) -> None:
    async with FakeSlackApi() as api:
        api.add_oauth_code("code-2", team_id="T0BYE")
        async with running_app(tmp_path, api, **OAUTH, encryption_key="k") as app:
            assert await install(app.url, app.session, "code-2") == 200
            assert await app.scalar("select count(*) from slack_installations") == 1
            event = slack.event_callback({"type": event_type}, team_id="T0BYE",
                                         event_id="EvBYE")
            assert (await app.post(event)).status == 200
            assert await app.scalar("select count(*) from slack_installations") == 0
            assert await app.scalar("select count(*) from slack_bots") == 0


async def test_wrong_encryption_key_is_refused_clearly(tmp_path: Path) -> None:
    async with FakeSlackApi() as api:
        api.add_oauth_code("code-3", team_id="T0KEY")
        async with running_app(tmp_path, api, **OAUTH, encryption_key="first") as app:
            assert await install(app.url, app.session, "code-3") == 200
        async with running_app(tmp_path, api, **OAUTH, encryption_key="second") as app:
            store = app.server.installations
            assert store is not None
            with pytest.raises(RuntimeError, match="AMENDS_ENCRYPTION_KEY"):
                await store.async_find_bot(enterprise_id=None, team_id="T0KEY")


async def test_socket_mode_receives_a_command_and_acks_with_the_answer(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, FakeSocketModeServer() as socket:
        socket.attach(api)
        async with running_app(tmp_path, api, slack_app_token="xapp-1-test",
                               slack_signing_secret=None) as app:
            handler = AsyncSocketModeHandler(app.server.bolt, "xapp-1-test")
            await handler.connect_async()  # type: ignore[no-untyped-call]
            try:
                await socket.wait_for_connection()
                envelope = await socket.send_slash_command("/recover", text="table 4 pasta raw",
                                                           user_id="UANN")
                ack = await socket.wait_for_ack(envelope)
                assert "#1" in json.dumps(ack["payload"]["blocks"])
                assert await app.scalar("select scenario from cases") == "food_quality"
            finally:
                await handler.close_async()  # type: ignore[no-untyped-call]


async def test_rate_limited_post_is_retried_after_retry_after(tmp_path: Path) -> None:
    from datetime import timedelta

    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        await app.post_json(slack.slash_command("/recover", "tbl 3 soup cold", user_id="UANN"))
        api.fail_next("chat.postMessage", status=429, retry_after=1, times=1)
        await app.deliver()
        waiting = await app.rows("select attempts, last_error from deliveries where sent_at is null and "
                                 + IMMEDIATE)
        assert waiting == [(0, "slack: ratelimited")] and len(api.calls_to("chat.postMessage")) == 2
        app.clock.advance(timedelta(seconds=1))
        await app.deliver()
        assert len([c for c in api.calls_to("chat.postMessage")]) == 3
        assert await app.scalar("select count(*) from deliveries where sent_at is null and " + IMMEDIATE) == 0


async def test_a_post_that_keeps_failing_is_kept_and_retried_not_dropped(tmp_path: Path) -> None:
    from datetime import timedelta

    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        await app.post_json(slack.slash_command("/recover", "tbl 3 soup cold", user_id="UANN"))
        api.fail_next("chat.postMessage", status=429, retry_after=1, times=2)
        api.fail_next("conversations.open", status=500, retry_after=None, times=1)
        await app.deliver()
        pending = await app.rows(
            "select kind, attempts, last_error from deliveries where sent_at is null and " + IMMEDIATE)
        assert pending and all(row[2] for row in pending)
        app.clock.advance(timedelta(minutes=1))
        await app.deliver()
        app.clock.advance(timedelta(seconds=1))
        await app.deliver()
        assert await app.scalar("select count(*) from deliveries where sent_at is null and " + IMMEDIATE) == 0
        channels = {c.params["channel"] for c in api.calls_to("chat.postMessage")}
        assert channels == {"DUANN", "CKITCHEN"}


async def test_a_post_that_fails_for_good_stays_in_the_outbox_marked_failed(tmp_path: Path) -> None:
    from datetime import timedelta

    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        await app.post_json(slack.slash_command("/recover", "tbl 3 soup cold", user_id="UANN"))
        api.set_error("conversations.open", "user_not_found", times=100)
        for _ in range(10):
            await app.deliver()
            app.clock.advance(timedelta(hours=2))
        failed = await app.rows("select kind, attempts, last_error from deliveries where failed_at is not null")
        assert ("case_card", 8, "slack: user_not_found") in failed
        assert await app.scalar("select count(*) from deliveries where failed_at is null and sent_at is null "
                                "and cancelled_at is null and kind = 'case_card'") == 0
