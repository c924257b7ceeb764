"""Installing Amends in many workspaces (OAuth), tokens at rest, uninstalling, Socket Mode,
and Slack's rate limits on the outbox."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sqlite3
import types
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
import slack_sdk.http_retry.builtin_async_handlers as retry_handlers
from cryptography.fernet import Fernet
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore

from bot.settings import SettingsError
from tests.slack import requests as slack
from tests.slack.app import IMMEDIATE, RunningApp, running_app
from tests.slack.fake_api import FakeSlackApi
from tests.slack.socket_server import FakeSocketModeServer

OAUTH = {"slack_bot_token": None, "slack_client_id": "111.222", "slack_client_secret": "shh"}
FERNET_KEY = Fernet.generate_key().decode()
PASSPHRASE = "correct horse battery staple"


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


@pytest.mark.parametrize(("key", "sealed_as"), [(FERNET_KEY, "enc:v2:k:"),
                                               ("correct horse battery staple", "enc:v2:s:")])
async def test_oauth_install_stores_the_workspace_and_serves_its_commands(
        tmp_path: Path, key: str, sealed_as: str) -> None:
    async with FakeSlackApi() as api:
        issued = api.add_oauth_code("code-1", team_id="T0NEW", installer_user_id="UADMIN")
        token = issued["access_token"]
        async with running_app(tmp_path, api, **OAUTH, encryption_key=key) as app:
            assert await install(app.url, app.session, "code-1") == 200
            for table in ("slack_bots", "slack_installations"):
                stored = await app.scalar(f"select bot_token from {table} where team_id = 'T0NEW'")
                assert stored.startswith(sealed_as) and token not in stored
            answer = await app.post_json(slack.slash_command("/recover", "tbl 3 soup cold",
                                                             team_id="T0NEW", user_id="UANN"))
            assert "#1" in json.dumps(answer["blocks"])
            await app.deliver()
            posted = app.api.calls_to("chat.postMessage")
            assert posted and all(call.token == token for call in posted)
            assert await app.scalar("select workspace_id from cases") == "T0NEW"


async def test_a_passphrase_is_salted_so_the_same_token_never_looks_the_same(tmp_path: Path) -> None:
    async with FakeSlackApi() as api:
        api.add_oauth_code("code-a", team_id="T0AAA", access_token="xoxb-same-token")
        api.add_oauth_code("code-b", team_id="T0BBB", access_token="xoxb-same-token")
        async with running_app(tmp_path, api, **OAUTH, encryption_key=PASSPHRASE) as app:
            assert await install(app.url, app.session, "code-a") == 200
        async with running_app(tmp_path, api, **OAUTH, encryption_key=PASSPHRASE) as app:
            assert await install(app.url, app.session, "code-b") == 200
            first, second = [row[0] for row in await app.rows("select bot_token from slack_bots order by team_id")]
            salt_of = [value.split(":")[3] for value in (first, second)]
            assert salt_of[0] != salt_of[1] and first != second
            store = app.server.installations
            assert store is not None
            for team in ("T0AAA", "T0BBB"):
                bot = await store.async_find_bot(enterprise_id=None, team_id=team)
                assert bot is not None and bot.bot_token == "xoxb-same-token"


async def test_oauth_does_not_start_without_an_encryption_key(tmp_path: Path) -> None:
    async with FakeSlackApi() as api:
        with pytest.raises(SettingsError) as refused:
            async with running_app(tmp_path, api, **OAUTH, encryption_key=None):
                pass
        assert "AMENDS_ENCRYPTION_KEY" in str(refused.value)
        assert "Fernet.generate_key()" in str(refused.value)


@pytest.mark.parametrize("how", ["plain", "unsalted"])
async def test_tokens_stored_by_older_versions_are_re_encrypted_at_start(tmp_path: Path, how: str) -> None:
    """Before: OAuth ran without a key (tokens in plain text), or sealed them under the
    passphrase's bare SHA-256 (`enc:` + Fernet). Start-up seals them the current way."""
    async with FakeSlackApi() as api:
        async with running_app(tmp_path, api, **OAUTH, encryption_key=PASSPHRASE) as app:
            old = seal_unsalted if how == "unsalted" else (lambda token: token)
            await store_as_an_old_version_did(app, "T0OLD", "xoxb-old-token", old)
        async with running_app(tmp_path, api, **OAUTH, encryption_key=PASSPHRASE) as app:
            for table in ("slack_bots", "slack_installations"):
                stored = await app.scalar(f"select bot_token from {table} where team_id = 'T0OLD'")
                assert stored.startswith("enc:v2:s:") and "xoxb-old-token" not in stored
            assert (await app.scalar("select user_token from slack_installations")).startswith("enc:v2:s:")
            await app.post_json(slack.slash_command("/recover", "tbl 3 soup cold", team_id="T0OLD", user_id="UANN"))
            await app.deliver()
            assert {call.token for call in app.api.calls_to("chat.postMessage")} == {"xoxb-old-token"}


@pytest.mark.parametrize("how", ["sealed", "unsalted"])
async def test_a_key_that_cannot_open_the_stored_tokens_stops_start_up_and_changes_nothing(
        tmp_path: Path, how: str) -> None:
    async with FakeSlackApi() as api:
        api.add_oauth_code("code-3", team_id="T0KEY")
        async with running_app(tmp_path, api, **OAUTH, encryption_key=PASSPHRASE) as app:
            if how == "sealed":
                assert await install(app.url, app.session, "code-3") == 200
            else:
                await store_as_an_old_version_did(app, "T0KEY", "xoxb-old-token", seal_unsalted)
            before = await app.rows("select bot_token from slack_bots union all "
                                    "select bot_token from slack_installations")
        with pytest.raises(SettingsError) as refused:
            async with running_app(tmp_path, api, **OAUTH, encryption_key="another passphrase entirely"):
                pass
        message = str(refused.value)
        assert "AMENDS_ENCRYPTION_KEY cannot open" in message and "/slack/install" in message
        with closing(sqlite3.connect(tmp_path / "slack.db")) as database:
            after = database.execute("select bot_token from slack_bots union all "
                                     "select bot_token from slack_installations").fetchall()
        assert sorted(after) == sorted(before)


def seal_unsalted(token: str) -> str:
    """How Amends sealed tokens before: Fernet keyed by the passphrase's SHA-256, no salt."""
    fernet = Fernet(base64.urlsafe_b64encode(hashlib.sha256(PASSPHRASE.encode()).digest()))
    return "enc:" + fernet.encrypt(token.encode()).decode()


async def store_as_an_old_version_did(app: RunningApp, team_id: str, token: str,
                                      seal: Callable[[str], str]) -> None:
    """Through slack-sdk's own store, bypassing today's encryption, as an older Amends wrote."""
    raw = AsyncSQLAlchemyInstallationStore(client_id=OAUTH["slack_client_id"] or "",
                                           engine=app.server.database.async_engine())
    await raw.async_save(Installation(app_id="A0001", team_id=team_id, bot_token=seal(token), bot_id="B0001",
                                      bot_user_id="UBOT", bot_scopes="commands,chat:write", user_id="UADMIN",
                                      user_token=seal("xoxp-old-user-token")))


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
