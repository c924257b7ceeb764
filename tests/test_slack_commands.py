"""Slash commands through the real Bolt app over HTTP, with signed requests."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from store.db import Database
from tests.postgres import start_postgres
from tests.slack import requests as slack
from tests.slack.app import IMMEDIATE, RunningApp, assert_valid_blocks, running_app
from tests.slack.fake_api import FakeSlackApi


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[RunningApp]:
    async with FakeSlackApi() as api:
        api.usergroups = {"S0SUP": {"handle": "supervisors", "users": ["USUP"]}}
        async with running_app(tmp_path, api) as running:
            yield running


def texts(blocks: list[dict[str, object]]) -> str:
    return json.dumps(blocks)


async def test_recover_answers_in_place_privately_with_the_case_number(app: RunningApp) -> None:
    answer = await app.post_json(slack.slash_command(
        "/recover", "guest in 214 says the room was not cleaned", user_id="UANN",
        channel_id="CFRONT"))
    assert answer["response_type"] == "ephemeral"
    assert_valid_blocks(answer["blocks"])
    assert "#1" in texts(answer["blocks"]) and "room 214" in texts(answer["blocks"])
    assert await app.rows("select number, scenario, reporter_id, channel_id, platform from cases") == [
        (1, "room_not_ready", "UANN", "CFRONT", "slack")]
    assert await app.scalar("select count(*) from case_events where kind = 'reported'") == 1


async def test_case_card_goes_to_the_reporters_dm_and_the_team_channel(app: RunningApp) -> None:
    await app.post_json(slack.slash_command("/recover", "table 7 burger came out cold", user_id="UANN"))
    assert await app.deliver() == 2
    opened = app.api.last_call("conversations.open")
    assert opened is not None and opened.params["users"] == "UANN"
    posts = app.api.calls_to("chat.postMessage")
    assert {call.params["channel"] for call in posts} == {"DUANN", "CKITCHEN"}
    for call in posts:
        assert_valid_blocks(call.params["blocks"])
    assert sorted(await app.rows("select kind, channel_id from case_messages")) == [
        ("dm", "DUANN"), ("team", "CKITCHEN")]
    assert await app.scalar("select count(*) from deliveries where sent_at is null and " + IMMEDIATE) == 0


async def test_every_recover_is_a_new_report_even_with_the_same_text(app: RunningApp) -> None:
    for _ in range(2):
        await app.post_json(slack.slash_command("/recover", "order #77 arrived late"))
    assert await app.scalar("select count(*) from cases") == 2


async def test_bad_or_stale_signature_gets_401_and_touches_nothing(app: RunningApp) -> None:
    forged = slack.slash_command("/recover", "soup cold", signing_secret="not-the-secret")
    stale = slack.slash_command("/recover", "soup cold", timestamp=int(time.time()) - 600)
    tampered = slack.slash_command("/recover", "soup cold").tampered(b"text=free+money")
    for request in (forged, stale, tampered):
        response = await app.post(request)
        assert response.status == 401
    assert await app.scalar("select count(*) from cases") == 0
    assert app.api.calls == []


async def test_case_lookups_answer_with_blocks(app: RunningApp) -> None:
    await app.post_json(slack.slash_command("/recover", "rm 508 ac broken like a sauna", user_id="UANN"))
    for query, expected in (("1", "#1"), ("room 508", "#1"), ("mine", "#1"), ("open", "#1"),
                            ("help", "/recover"), ("99", "No case #99")):
        answer = await app.post_json(slack.slash_command("/case", query, user_id="UANN"))
        assert_valid_blocks(answer["blocks"])
        assert expected in texts(answer["blocks"]), query


async def test_report_text_cannot_ping_or_inject(app: RunningApp) -> None:
    answer = await app.post_json(slack.slash_command(
        "/recover", "<!channel> table 3 soup cold <https://evil.example|click>", user_id="UANN"))
    body = texts(answer["blocks"])
    assert "<!channel>" not in body and "<https://evil" not in body
    await app.deliver()
    for call in app.api.calls_to("chat.postMessage"):
        assert "<!channel>" not in json.dumps(call.params)


async def test_a_long_paste_gets_a_clear_answer_and_no_case(app: RunningApp) -> None:
    answer = await app.post_json(slack.slash_command("/recover", "soup cold " * 4000))
    assert "keep it under 4,000" in texts(answer["blocks"])
    assert await app.scalar("select count(*) from cases") == 0


async def test_roles_come_from_config_and_user_groups(app: RunningApp) -> None:
    text = "we overbooked and gave away the room they booked months ago"
    for user, role in (("UANN", "frontline"), ("USUP", "supervisor"), ("UMGR", "manager")):
        await app.post_json(slack.slash_command("/recover", text, user_id=user))
        assert await app.scalar("select reporter_role from cases where reporter_id = :u", u=user) == role
    assert len(app.api.calls_to("usergroups.users.list")) == 1


async def test_readyz_turns_503_while_the_database_is_unreachable(tmp_path: Path) -> None:
    server = start_postgres()
    try:
        server.psql("CREATE DATABASE amends_ready")
        database = Database(server.url("amends_ready"))
        await database.upgrade()
        await database.dispose()
        async with FakeSlackApi() as api, running_app(tmp_path, api,
                                                       database_url=server.url("amends_ready")) as app:
            health = await app.session.get(app.url + "/healthz")
            ready = await app.session.get(app.url + "/readyz")
            assert (health.status, ready.status) == (200, 200)
            server._run(["pg_ctl", "-D", str(server.folder / "data"), "-m", "immediate", "stop"])
            ready = await app.session.get(app.url + "/readyz")
            assert ready.status == 503
            answer = await app.post_json(slack.slash_command("/recover", "table 2 coffee cold"))
            assert "try again" in texts(answer["blocks"])
            assert "Case #" not in texts(answer["blocks"])
            health = await app.session.get(app.url + "/healthz")
            assert health.status == 200
    finally:
        server.stop()
