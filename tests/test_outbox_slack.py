"""The outbox through real slack-sdk against the fake Slack Web API: a rate-limited channel
holds up no one, a failure in one post of an escalation or a card update never repeats the
others, an answer without a ts is still recorded, a failed chart never reposts the figures."""

from __future__ import annotations

import json
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from slack_sdk.web.async_client import AsyncWebClient

from tests.slack import requests as slack
from tests.slack.app import IMMEDIATE, RunningApp, running_app
from tests.slack.fake import chat
from tests.slack.fake.records import Call
from tests.slack.fake_api import FakeSlackApi, JsonDict


async def report(app: RunningApp, text: str, user: str = "UANN") -> None:
    await app.post_json(slack.slash_command("/recover", text, user_id=user, channel_id="CFRONT"))


def posts_to(api: FakeSlackApi, channel: str) -> list[Call]:
    return [call for call in api.calls_to("chat.postMessage") if call.params["channel"] == channel]


async def test_one_rate_limited_channel_holds_up_no_other_recipient(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        for user in ("U001", "U002", "U003", "U004"):
            await report(app, f"table {user[-1]} burger came out cold", user=user)
        api.fail_next("chat.postMessage", status=429, retry_after=30, channel="DU002")
        started = time.monotonic()
        await app.server.sender.drain_once()
        assert time.monotonic() - started < 10, "nobody waited out the 30 s in the client"
        served = {call.params["channel"] for call in api.calls_to("chat.postMessage")}
        assert {"DU001", "DU003", "DU004", "CKITCHEN"} <= served
        assert await app.rows("select attempts, last_error from deliveries where sent_at is null and "
                              "kind = 'case_card'") == [(0, "slack: ratelimited")]
        app.clock.advance(timedelta(seconds=29))
        await app.deliver()
        assert len(posts_to(api, "DU002")) == 1
        app.clock.advance(timedelta(seconds=1))
        await app.deliver()
        cards = Counter(call.params["channel"] for call in api.calls_to("chat.postMessage")
                        if call.params["channel"].startswith("D"))
        assert cards == {"DU001": 1, "DU002": 2, "DU003": 1, "DU004": 1}
        assert len(api.messages["DU002"]) == 1


async def test_slack_clients_retry_nothing_themselves(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        client = await app.server.sender.clients.client_for("T0001")
        assert isinstance(client, AsyncWebClient) and client.retry_handlers == []


async def test_an_escalation_whose_managers_card_fails_never_posts_the_team_card_twice(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        api.fail_next("chat.postMessage", status=500, retry_after=None, channel="CMANAGERS")
        await report(app, "guest slipped on the wet floor by the pool and hurt her wrist")
        await app.deliver()
        assert len(posts_to(api, "CSAFETY")) == 1 and len(posts_to(api, "CMANAGERS")) == 1
        assert await app.rows("select kind, attempts from deliveries where sent_at is null and " + IMMEDIATE) == [
            ("escalation_managers", 1)]
        app.clock.advance(timedelta(seconds=5))
        await app.deliver()
        assert len(posts_to(api, "CSAFETY")) == 1 and len(api.messages["CSAFETY"]) == 1
        assert len(api.messages["CMANAGERS"]) == 1


async def test_a_card_update_whose_thread_note_fails_never_repeats_the_updates(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        await report(app, "table 7 burger came out cold")
        await app.deliver()
        api.fail_next("chat.postMessage", status=503, retry_after=None, channel="CKITCHEN")
        await app.post_json(slack.slash_command("/case", "1 offer 1", user_id="UANN"))
        await app.deliver()
        updated = Counter(call.params["channel"] for call in api.calls_to("chat.update"))
        assert updated == {"DUANN": 1, "CKITCHEN": 1}
        app.clock.advance(timedelta(seconds=5))
        await app.deliver()
        assert Counter(call.params["channel"] for call in api.calls_to("chat.update")) == updated
        [note] = [m for m in api.messages["CKITCHEN"].values() if m.get("thread_ts")]
        assert "Recorded on case #1" in note["text"]
        assert await app.scalar("select count(*) from deliveries where sent_at is null and " + IMMEDIATE) == 0


async def test_an_answer_without_a_ts_is_recorded_and_voids_no_other_record(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        def without_ts_for_ann(call: Call) -> JsonDict:
            answer = chat.METHODS["chat.postMessage"](api, call)
            if call.params.get("channel") == "DUANN":
                answer.pop("ts", None)
            return answer

        api.register("chat.postMessage", without_ts_for_ann)
        for user in ("UANN", "UBOB", "UCAT"):
            await report(app, f"table {user[-1]} soup cold", user=user)
        await app.deliver()
        assert await app.scalar("select count(*) from deliveries where sent_at is null and " + IMMEDIATE) == 0
        remembered = {row[0] for row in await app.rows("select channel_id from case_messages where kind = 'dm'")}
        assert remembered == {"DUBOB", "DUCAT"}
        before = len(api.calls_to("chat.postMessage"))
        app.clock.advance(timedelta(minutes=2))
        await app.deliver()
        assert len(api.calls_to("chat.postMessage")) == before


async def test_a_failed_chart_upload_never_posts_the_figures_twice(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api, digest_schedules={"day": "0 8 * * *"}) as app:
        await report(app, "table 7 burger came out cold")
        await app.deliver()
        assert await app.server.sender.digests.plan() == 1
        api.fail_next("files.getUploadURLExternal", status=500, retry_after=None)
        app.clock.advance(timedelta(days=1))
        await app.deliver()
        figures = posts_to(api, "CMANAGERS")
        assert len(figures) == 1 and "digest" in json.dumps(figures[0].params["blocks"]).lower()
        assert api.uploaded() == []
        app.clock.advance(timedelta(seconds=5))
        await app.deliver()
        assert len(posts_to(api, "CMANAGERS")) == 1 and len(api.uploaded()) == 1
