"""The fake Slack Web API, exercised with the real slack_sdk clients over 127.0.0.1."""

from __future__ import annotations

import json
import struct
import time
import types
import zlib

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from tests.slack.fake_api import FakeSlackApi
from tests.slack.harness_support import BLOCKS, BOT_TOKEN


async def test_post_message_with_blocks_lands_decoded(api: FakeSlackApi, client: AsyncWebClient) -> None:
    first = await client.chat_postMessage(channel="C0001", text="Sorry about the soup", blocks=BLOCKS)
    second = await client.chat_postMessage(channel="C0001", text="reply", thread_ts=first["ts"])

    assert first["ok"] is True and first["channel"] == "C0001"
    assert first["message"]["blocks"] == BLOCKS
    assert first["message"]["user"] == "UBOT" and first["message"]["bot_id"]
    assert first["ts"] == "1700000000.000100"
    assert second["ts"] > first["ts"]
    assert second["message"]["thread_ts"] == first["ts"]

    call = api.calls_to("chat.postMessage")[0]
    assert call.token == BOT_TOKEN
    assert call.params["blocks"] == BLOCKS
    assert call.params["text"] == "Sorry about the soup"
    assert call.headers["Authorization"] == f"Bearer {BOT_TOKEN}"
    assert [c.method for c in api.calls] == ["chat.postMessage", "chat.postMessage"]

    updated = await client.chat_update(channel="C0001", ts=first["ts"], text="edited", blocks=BLOCKS[:1])
    assert updated["ts"] == first["ts"]
    assert api.message("C0001", first["ts"])["blocks"] == BLOCKS[:1]
    assert [m["text"] for m in api.channel_messages("C0001")] == ["edited", "reply"]


async def test_form_bodies_and_get_query_params_are_decoded(api: FakeSlackApi, client: AsyncWebClient) -> None:
    # A form body with JSON-string values, as slack_sdk sends for data= calls (and token as a param).
    bare = AsyncWebClient(base_url=api.base_url)
    await bare.api_call(
        "chat.postMessage",
        data={"token": BOT_TOKEN, "channel": "C0001", "ts_like": "1700000000.000100", "blocks": json.dumps(BLOCKS)},
    )
    call = api.last_call("chat.postMessage")
    assert call.token == BOT_TOKEN and "token" not in call.params
    assert call.params["blocks"] == BLOCKS
    assert call.params["ts_like"] == "1700000000.000100"  # numeric-looking strings stay strings
    assert call.headers["Content-Type"].startswith("application/x-www-form-urlencoded")

    info = await client.users_info(user="U0042")
    call = api.last_call("users.info")
    assert call.http_method == "GET" and call.params == {"user": "U0042"}
    assert info["user"]["id"] == "U0042"
    assert info["user"]["tz"] == "Europe/Paris"
    assert info["user"]["tz_offset"] in (3600, 7200)


def test_sync_web_client_against_threaded_server() -> None:
    with FakeSlackApi() as api:
        client = WebClient(token=BOT_TOKEN, base_url=api.base_url)
        response = client.chat_postMessage(channel="U0007", text="hi", blocks=BLOCKS)
        assert response["channel"] == "DU0007"  # posting to a user id goes to the DM
        assert api.last_call("chat.postMessage").params["blocks"] == BLOCKS
        assert client.auth_test()["user_id"] == "UBOT"
    assert not api.running


async def test_rate_limited_call_is_retried_after_retry_after(
    api: FakeSlackApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    # slack_sdk sleeps Retry-After + random() seconds; pin the jitter so the wait is exactly 1 s.
    import slack_sdk.http_retry.builtin_async_handlers as handlers

    monkeypatch.setattr(handlers, "random", types.SimpleNamespace(random=lambda: 0.0))
    api.fail_next("chat.postMessage", status=429, retry_after=1)
    client = AsyncWebClient(
        token=BOT_TOKEN,
        base_url=api.base_url,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=1)],
    )

    started = time.monotonic()
    response = await client.chat_postMessage(channel="C0001", text="after the storm")
    elapsed = time.monotonic() - started

    assert response["ok"] is True
    assert len(api.calls_to("chat.postMessage")) == 2
    assert 0.95 <= elapsed < 1.5


async def test_rate_limit_and_server_errors_surface_like_slack(api: FakeSlackApi, client: AsyncWebClient) -> None:
    api.fail_next("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as raised:
        await client.chat_postMessage(channel="C0001", text="x")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"
    assert raised.value.response["error"] == "ratelimited"

    api.fail_next("*", status=500, times=1)
    retrying = AsyncWebClient(
        token=BOT_TOKEN,
        base_url=api.base_url,
        retry_handlers=[AsyncServerErrorRetryHandler(interval_calculator=FixedValueRetryIntervalCalculator(0.01))],
    )
    assert (await retrying.auth_test())["ok"] is True
    assert [c.method for c in api.calls[-2:]] == ["auth.test", "auth.test"]


async def test_errors_unknown_methods_and_tokens(api: FakeSlackApi, client: AsyncWebClient) -> None:
    api.set_error("chat.postMessage", "channel_not_found")
    with pytest.raises(SlackApiError) as raised:
        await client.chat_postMessage(channel="C404", text="x")
    assert raised.value.response["error"] == "channel_not_found"
    assert (await client.chat_postMessage(channel="C0001", text="x"))["ok"] is True  # times=1

    with pytest.raises(SlackApiError) as raised:
        await client.api_call("amends.frobnicate", json={"x": 1})
    assert raised.value.response["error"] == "unknown_method"
    assert api.last_call("amends.frobnicate").params == {"x": 1}

    with pytest.raises(SlackApiError) as raised:
        await AsyncWebClient(token="not-a-token", base_url=api.base_url).auth_test()
    assert raised.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as raised:
        await AsyncWebClient(base_url=api.base_url).auth_test()
    assert raised.value.response["error"] == "not_authed"

    api.valid_tokens = {"xoxb-only-this-one"}
    with pytest.raises(SlackApiError):
        await client.auth_test()
    assert (await AsyncWebClient(token="xoxb-only-this-one", base_url=api.base_url).auth_test())["ok"]

    api.register("conversations.members", lambda call: {"ok": True, "members": ["U1"], "channel": call.params})
    api.valid_tokens = None
    assert (await client.conversations_members(channel="C0001"))["members"] == ["U1"]


async def test_block_kit_limits_are_enforced(api: FakeSlackApi, client: AsyncWebClient) -> None:
    too_many = [{"type": "divider"} for _ in range(51)]
    with pytest.raises(SlackApiError) as raised:
        await client.chat_postMessage(channel="C0001", text="x", blocks=too_many)
    assert raised.value.response["error"] == "invalid_blocks"

    long_title = {"type": "modal", "title": {"type": "plain_text", "text": "x" * 25}, "blocks": []}
    with pytest.raises(SlackApiError) as raised:
        await client.views_open(trigger_id="1.2.abc", view=long_title)
    assert raised.value.response["error"] == "invalid_arguments"


async def test_per_channel_rate_limiter(api: FakeSlackApi, client: AsyncWebClient) -> None:
    now = [100.0]
    api.limit_per_channel(per_second=1.0, clock=lambda: now[0])

    assert (await client.chat_postMessage(channel="C1", text="1"))["ok"]
    assert (await client.chat_postMessage(channel="C2", text="other channel"))["ok"]
    now[0] += 0.4
    with pytest.raises(SlackApiError) as raised:
        await client.chat_postMessage(channel="C1", text="too soon")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "1"
    now[0] += 0.6
    assert (await client.chat_postMessage(channel="C1", text="2"))["ok"]
    assert api.rate_limited == {"C1": 1}

    api.limit_per_channel(None)
    assert (await client.chat_postMessage(channel="C1", text="3"))["ok"]


@pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")  # slack_sdk on aiohttp 3.14
async def test_oauth_v2_access(api: FakeSlackApi) -> None:
    expected = api.add_oauth_code("good-code", team_id="T0999", team_name="Bistro")
    client = AsyncWebClient(base_url=api.base_url)

    answer = await client.oauth_v2_access(client_id="111.222", client_secret="s3cret", code="good-code")
    assert answer.data == expected
    assert answer["access_token"].startswith("xoxb-")
    assert answer["token_type"] == "bot" and answer["bot_user_id"] == "UBOT"
    assert answer["team"] == {"id": "T0999", "name": "Bistro"}
    assert answer["enterprise"] is None and answer["is_enterprise_install"] is False
    assert set(answer["authed_user"]) == {"id", "scope", "access_token", "token_type"}
    call = api.last_call("oauth.v2.access")
    assert call.params["client_id"] == "111.222" and call.params["code"] == "good-code"

    who = await AsyncWebClient(token=answer["access_token"], base_url=api.base_url).auth_test()
    assert who["team_id"] == "T0999" and who["bot_id"]

    for code, error in (("good-code", "code_already_used"), ("nope", "invalid_code")):
        with pytest.raises(SlackApiError) as raised:
            await client.oauth_v2_access(client_id="111.222", client_secret="s3cret", code=code)
        assert raised.value.response["error"] == error


async def test_directory_views_and_dms(api: FakeSlackApi, client: AsyncWebClient) -> None:
    api.add_user("U0NY", tz="America/New_York", real_name="Nora York")
    api.usergroups = {"S123": {"handle": "managers", "users": ["U1", "U2"]}}

    user = (await client.users_info(user="U0NY"))["user"]
    assert user["tz"] == "America/New_York" and user["tz_offset"] in (-18000, -14400)
    assert user["real_name"] == "Nora York"
    groups = (await client.usergroups_list(include_users=True))["usergroups"]
    assert [(g["id"], g["handle"], g["users"]) for g in groups] == [("S123", "managers", ["U1", "U2"])]
    assert (await client.usergroups_users_list(usergroup="S123"))["users"] == ["U1", "U2"]

    assert (await client.conversations_open(users="U0NY"))["channel"]["id"] == "DU0NY"
    ephemeral = await client.chat_postEphemeral(channel="C0001", user="U0NY", text="psst")
    assert ephemeral["message_ts"]
    link = await client.chat_getPermalink(channel="C0001", message_ts="1700000000.000100")
    assert link["permalink"].endswith("/archives/C0001/p1700000000000100")

    modal = {"type": "modal", "callback_id": "recover", "title": {"type": "plain_text", "text": "Recover"}}
    opened = (await client.views_open(trigger_id="1.2.abc", view=modal))["view"]
    assert opened["id"].startswith("V") and opened["callback_id"] == "recover"
    assert api.last_call("views.open").params["view"] == modal
    updated = (await client.views_update(view_id=opened["id"], view=modal))["view"]
    assert updated["id"] == opened["id"]
    home = (await client.views_publish(user_id="U0NY", view={"type": "home", "blocks": []}))["view"]
    assert home["id"] == api.home_views["U0NY"]
    assert (await client.team_info())["team"]["id"] == "T0001"


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_files_upload_v2_round_trip(api: FakeSlackApi, client: AsyncWebClient) -> None:
    png = _png(3, 2)
    result = await client.files_upload_v2(
        channel="C0001", file=png, filename="chart.png", title="Recoveries", initial_comment="weekly"
    )
    assert result["file"]["mimetype"] == "image/png"
    assert [c.method.split(":")[0] for c in api.calls] == [
        "files.getUploadURLExternal",
        "upload_url",
        "files.completeUploadExternal",
    ]
    (upload,) = api.uploaded()
    assert upload.data == png and _png_size(upload.data) == (3, 2)
    assert upload.completed and upload.channel_id == "C0001" and upload.title == "Recoveries"
    assert upload.initial_comment == "weekly"


async def test_response_url_records_what_respond_sends(api: FakeSlackApi) -> None:
    webhook = AsyncWebhookClient(api.response_url("cmd-1"))
    response = await webhook.send(text="Working on it", response_type="ephemeral", replace_original=False)
    assert response.status_code == 200
    (call,) = api.responses("cmd-1")
    assert call.method == "response_url:cmd-1"
    assert call.params == {"text": "Working on it", "response_type": "ephemeral", "replace_original": False}


async def test_wait_for_call_times_out_with_a_useful_message(api: FakeSlackApi) -> None:
    with pytest.raises(TimeoutError, match="chat.update"):
        await api.wait_for_call("chat.update", timeout=0.05)
