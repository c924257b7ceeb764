"""Follow-ups through the real Slack path, with the clock moved by the test instead of slept."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from store import deliveries as outbox
from store.db import Database
from tests.postgres import PostgresServer
from tests.slack import requests as slack
from tests.slack.app import CHANNELS, RunningApp, assert_valid_blocks, running_app
from tests.slack.fake_api import Call, FakeSlackApi

WITH_ROLE_CHANNELS = {"*": {**CHANNELS["*"], "manager": "CGM"}}


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[RunningApp]:
    async with FakeSlackApi() as api, running_app(tmp_path, api, channels=WITH_ROLE_CHANNELS) as running:
        yield running


async def report(app: RunningApp, text: str, user: str = "UANN") -> None:
    await app.post_json(slack.slash_command("/recover", text, user_id=user, channel_id="CFRONT"))


async def click(app: RunningApp, action_id: str, value: str, user: str = "UANN") -> None:
    payload = slack.block_actions(action_id, value, user_id=user, channel_id="DUANN",
                                  trigger_id=slack.new_trigger_id(),
                                  response_url=app.api.response_url("clicks"))
    assert (await app.post(slack.interactivity(payload))).status == 200
    await app.settle()


def nudges(app: RunningApp) -> list[Call]:
    return [c for c in app.api.calls_to("chat.postMessage") if ":alarm_clock:" in json.dumps(c.params)]


async def later(app: RunningApp, **delta: float) -> None:
    app.clock.advance(timedelta(**delta))
    await app.deliver()


async def test_open_case_nudge_fires_after_its_rule_and_not_before(app: RunningApp) -> None:
    await report(app, "room 508 ac broken like a sauna")
    await app.deliver()
    await later(app, hours=1, minutes=59)
    assert nudges(app) == []
    await later(app, minutes=1)
    [nudge] = nudges(app)
    dm_card = await app.scalar("select message_id from case_messages where kind = 'dm'")
    assert nudge.params["channel"] == "DUANN" and nudge.params["thread_ts"] == dm_card
    assert_valid_blocks(nudge.params["blocks"])
    assert {"resolve", "escalate", "snooze", "nudge_done"} <= {
        e.get("action_id") for b in nudge.params["blocks"] for e in b.get("elements", [])}
    await later(app, hours=5)
    assert len(nudges(app)) == 1


async def test_sla_alert_flags_an_overdue_case_to_the_team_once(app: RunningApp) -> None:
    await report(app, "table 7 burger came out cold")
    await app.deliver()
    before = len(app.api.calls_to("chat.postMessage"))
    await later(app, minutes=29)
    assert len(app.api.calls_to("chat.postMessage")) == before
    await later(app, minutes=1)
    alert = app.api.calls_to("chat.postMessage")[-1]
    assert alert.params["channel"] == "CKITCHEN" and "past its 30 min" in alert.params["text"]
    await later(app, hours=3)
    assert sum("past its" in c.params.get("text", "") for c in app.api.calls_to("chat.postMessage")) == 1


async def test_snooze_moves_the_nudge_and_done_stops_it(app: RunningApp) -> None:
    await report(app, "room 508 ac broken like a sauna")
    await later(app, hours=2)
    delivery_id = await app.scalar("select id from deliveries where kind = 'nudge_open'")
    await click(app, "snooze", f"{delivery_id}:1h")
    assert "Snoozed" in json.dumps(app.api.responses("clicks")[-1].params)
    await later(app, minutes=59)
    assert len(nudges(app)) == 1
    await later(app, minutes=1)
    assert len(nudges(app)) == 2
    await click(app, "snooze", f"{delivery_id}:tomorrow")
    due = await app.scalar("select due_at from deliveries where id = :i", i=delivery_id)
    assert str(due).startswith("2026-11-21 08:00")
    await click(app, "nudge_done", str(delivery_id))
    await later(app, days=2)
    assert len(nudges(app)) == 2
    kinds = [r[0] for r in await app.rows("select kind from case_events order by id")]
    assert kinds.count("reminder_snoozed") == 2 and kinds.count("reminder_done") == 1


async def test_someone_else_cannot_snooze_or_stop_a_nudge(app: RunningApp) -> None:
    await report(app, "room 508 ac broken like a sauna")
    await later(app, hours=2)
    delivery_id = await app.scalar("select id from deliveries where kind = 'nudge_open'")
    before = await app.rows("select due_at, cancelled_at from deliveries where id = :i", i=delivery_id)
    await click(app, "nudge_done", str(delivery_id), user="UMGR")
    await click(app, "snooze", f"{delivery_id}:1h", user="UBOB")
    refusals = [json.dumps(r.params) for r in app.api.responses("clicks")[-2:]]
    assert all("can't snooze or stop reminder" in refusal for refusal in refusals)
    assert await app.rows("select due_at, cancelled_at from deliveries where id = :i", i=delivery_id) == before
    assert await app.scalar("select count(*) from case_events where kind like 'reminder_%'") == 0


async def test_resolving_stops_open_nudges_and_asks_for_the_outcome_a_day_later(app: RunningApp) -> None:
    await report(app, "tbl 4 soup cold")
    await app.deliver()
    await app.post_json(slack.slash_command("/case", "1 resolve process remade it", user_id="UANN"))
    await later(app, hours=23)
    assert nudges(app) == []
    await later(app, hours=1)
    [ask] = nudges(app)
    assert "check back" in ask.params["text"]
    buttons = {e.get("value") for b in ask.params["blocks"] for e in b.get("elements", [])}
    assert {"1:recovered", "1:partly", "1:lost"} <= buttons
    await click(app, "outcome", "1:recovered")
    assert await app.scalar("select outcome from cases") == "recovered"
    await later(app, days=3)
    assert len(nudges(app)) == 1


async def test_unanswered_approval_is_resent_then_goes_to_the_next_role_up(app: RunningApp) -> None:
    await report(app, "guest in 214 says the room was not cleaned")
    await app.post_json(slack.slash_command("/case", "1 request 3", user_id="UANN"))
    await app.deliver()

    def approval_posts() -> list[str]:
        return [c.params["channel"] for c in app.api.calls_to("chat.postMessage")
                if "approve" in json.dumps(c.params.get("blocks", []))]

    assert approval_posts() == ["CMANAGERS"]
    await later(app, minutes=59)
    assert approval_posts() == ["CMANAGERS"]
    await later(app, minutes=1)
    assert approval_posts() == ["CMANAGERS", "CMANAGERS"]
    await later(app, hours=1)
    assert approval_posts() == ["CMANAGERS", "CMANAGERS", "CGM"]
    await later(app, hours=5)
    assert len(approval_posts()) == 3


async def test_an_answered_approval_sends_no_reminder(app: RunningApp) -> None:
    await report(app, "guest in 214 says the room was not cleaned")
    await app.post_json(slack.slash_command("/case", "1 request 3", user_id="UANN"))
    await app.post_json(slack.slash_command("/case", "1 approve", user_id="UMGR"))
    await later(app, hours=3)
    approvals = [c for c in app.api.calls_to("chat.postMessage")
                 if "approve" in json.dumps(c.params.get("blocks", []))]
    assert len(approvals) == 1


async def test_restarting_the_scheduler_mid_run_loses_and_repeats_nothing(tmp_path: Path) -> None:
    """The first process sends some nudges, claims two more and dies before sending them; the
    next one picks those up once their claim expires, and sends nothing twice."""
    async with FakeSlackApi() as api:
        async with running_app(tmp_path, api) as first:
            for table in range(1, 7):
                await report(first, f"table {table} pasta undercooked", user=f"U{table:03d}")
            await first.deliver()
            first.clock.advance(timedelta(hours=2))
            first.server.sender.batch = 3
            assert await first.server.sender.drain_once() == 3
            moved_to = first.clock.now()
            crashed = await first.server.database.run(lambda conn: outbox.claim_due(
                conn, "slack", moved_to, limit=2, one_per_recipient=True))
            assert len(crashed) == 2
        async with running_app(tmp_path, api) as second:
            second.clock.advance(moved_to - second.clock.now() + timedelta(minutes=2))
            await second.deliver()
            await later(second, hours=6)
        sent = Counter((c.params["channel"], c.params.get("text")) for c in nudges_of(api))
        assert len(sent) == 6 and set(sent.values()) == {1}


def nudges_of(api: FakeSlackApi) -> list[Call]:
    return [c for c in api.calls_to("chat.postMessage") if ":alarm_clock:" in json.dumps(c.params)]


async def test_two_schedulers_on_one_postgresql_send_each_nudge_once(
        tmp_path: Path, postgres: PostgresServer) -> None:
    postgres.psql("CREATE DATABASE amends_two_schedulers")
    url = postgres.url("amends_two_schedulers")
    database = Database(url)
    await database.upgrade()
    await database.dispose()
    async with FakeSlackApi() as api:
        async with running_app(tmp_path, api, database_url=url) as one, \
                running_app(tmp_path, api, database_url=url) as two:
            for index in range(40):
                await report(one, f"room {300 + index} ac broken", user=f"U{index:03d}")
            for app in (one, two):
                app.clock.advance(timedelta(hours=2, minutes=1))
            for _ in range(4):
                await asyncio.gather(one.server.sender.drain_once(), two.server.sender.drain_once())
            await asyncio.gather(one.deliver(), two.deliver())
        per_case = Counter(c.params.get("text") for c in nudges_of(api))
        assert len(per_case) == 40 and set(per_case.values()) == {1}
        cards = Counter(c.params["channel"] for c in api.calls_to("chat.postMessage")
                        if c.params["channel"].startswith("D") and "thread_ts" not in c.params)
        assert len(cards) == 40 and set(cards.values()) == {1}


async def test_weekly_digest_goes_to_managers_with_its_chart_and_plans_the_next(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(
            tmp_path, api, timezones={"*": "Europe/Paris"},
            digest_schedules={"week": "0 8 * * mon"}) as app:
        await report(app, "table 7 burger came out cold")
        await report(app, "guest in 214 says the room was not cleaned", user="UBOB")
        await app.post_json(slack.slash_command("/case", "1 resolve process recovered", user_id="UANN"))
        assert await app.server.sender.digests.plan() == 1
        assert await app.server.sender.digests.plan() == 0
        due = await app.scalar("select due_at from deliveries where kind = 'digest'")
        assert str(due).startswith("2026-11-23 07:00")
        app.clock.advance(timedelta(days=3))
        await app.deliver()
        digest = [c for c in app.api.calls_to("chat.postMessage") if c.params["channel"] == "CMANAGERS"]
        assert len(digest) == 1
        assert_valid_blocks(digest[0].params["blocks"])
        body = json.dumps(digest[0].params["blocks"])
        assert "Food quality" in body or "food quality" in body
        [chart] = app.api.uploaded()
        assert chart.data[:8] == b"\x89PNG\r\n\x1a\n"
        nxt = await app.rows("select due_at from deliveries where kind = 'digest' and sent_at is null")
        assert len(nxt) == 1 and str(nxt[0][0]).startswith("2026-11-30 07:00")


async def test_digest_on_demand_in_slack(app: RunningApp) -> None:
    await report(app, "table 7 burger came out cold")
    answer = await app.post_json(slack.slash_command("/case", "digest day", user_id="UMGR"))
    assert_valid_blocks(answer["blocks"])
    assert "New cases" in json.dumps(answer["blocks"]) or "new cases" in json.dumps(answer["blocks"]).lower()


async def test_digest_time_zone_comes_from_slack_when_not_configured(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api,
                                                  digest_schedules={"day": "30 7 * * *"}) as app:
        api.add_user("UANN", tz="America/New_York")
        await report(app, "table 7 burger came out cold")
        assert await app.server.sender.digests.plan() == 1
        assert await app.scalar("select timezone from workspaces") == "America/New_York"
        due = await app.scalar("select due_at from deliveries where kind = 'digest'")
        assert str(due).startswith("2026-11-20 12:30")


async def test_configured_time_zone_wins_and_figures_reach_the_channel(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(
            tmp_path, api, timezones={"*": "Asia/Tokyo"}, digest_schedules={"day": "0 9 * * *"}) as app:
        await report(app, "table 7 burger came out cold")
        await report(app, "tbl 9 soup cold", user="UBOB")
        await app.post_json(slack.slash_command("/case", "1 resolve process recovered", user_id="UANN"))
        await app.post_json(slack.slash_command("/case", "2 resolve people lost", user_id="UBOB"))
        await app.server.sender.digests.plan()
        app.clock.advance(timedelta(days=1))
        await app.deliver()
        [post] = [c for c in app.api.calls_to("chat.postMessage") if c.params["channel"] == "CMANAGERS"]
        body = json.dumps(post.params["blocks"])
        assert "50%" in body and "2" in body
        assert await app.scalar("select timezone from workspaces") == "UTC"
