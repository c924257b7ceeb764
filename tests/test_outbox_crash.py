"""The sender dies between "Slack accepted the post" and "the row is marked sent" (a real
process, killed with SIGKILL at that moment), and a new one starts once the dead one's lease
has run out. Slack's chat.postMessage has no idempotency key, so the posts in flight at the
crash may go out again: at most those, at most once more each; everything else exactly once,
and nothing is lost."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from collections import Counter
from datetime import timedelta

from bot.clock import ManualClock
from bot.core import Amends
from bot.followups import FOLLOW_UPS
from bot.replies import Reported
from store.db import Database
from tests.conftest import REPO, say
from tests.slack.fake.crash import CHANNELS, sender_for
from tests.slack.fake_api import Call, FakeSlackApi

REPORTS = ("table {n} burger came out cold", "guest in {n} says the room was not cleaned",
           "room {n} ac broken like a sauna", "order #{n} arrived two hours late",
           "guest slipped on the wet floor by the pool and hurt her wrist")
CONCURRENCY = 4
"""The dying sender's concurrency and in_flight window: at most this many rows are sent and
not yet recorded at any moment."""
KILL_AFTER = 22
"""Posts Slack accepts before the sender dies: past the first round, which gives each recipient
one message, so the crash falls in a later round with earlier ones already recorded."""

Key = tuple[str, int]
"""(channel, case number): each immediate outbox row is exactly one post with its own key."""


def posted_keys(calls: list[Call]) -> list[Key]:
    keys = []
    for call in calls:
        number = re.search(r"#(\d+)", str(call.params.get("text")))
        assert number, call.params
        keys.append((str(call.params["channel"]), int(number.group(1))))
    return keys


async def row_keys(database: Database, where: str) -> list[Key]:
    """The post each matching immediate row makes, by the channel Slack stores it in."""
    rows = await database.run(lambda conn: conn.exec_driver_sql(
        "select d.kind, c.team, c.number, c.reporter_id from deliveries d join cases c on c.id = d.case_id "
        f"where d.kind not in ({', '.join(repr(k) for k in FOLLOW_UPS)}) and {where}").all())
    return [(channel_of(kind, team, user), number) for kind, team, number, user in rows]


def channel_of(kind: str, team: str, reporter: str) -> str:
    if kind == "case_card":
        return "D" + reporter
    return CHANNELS["*"]["managers" if kind == "escalation_managers" else team]


async def test_a_sender_killed_after_slack_accepted_repeats_only_what_was_in_flight(
        amends: Amends, database: Database, database_url: str, clock: ManualClock) -> None:
    for index in range(16):
        reply = await amends.handle(say(REPORTS[index % len(REPORTS)].format(n=100 + index),
                                        user=f"U{index:03d}", workspace="T0001", platform="slack"))
        assert isinstance(reply, Reported)
    everything = await row_keys(database, "1 = 1")
    assert len(everything) > KILL_AFTER + CONCURRENCY

    async with FakeSlackApi() as api:
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.slack.fake.crash", database_url, api.base_url,
            clock.now().isoformat(), str(KILL_AFTER), str(CONCURRENCY), cwd=REPO)
        assert await asyncio.wait_for(child.wait(), timeout=120) == -signal.SIGKILL
        assert KILL_AFTER <= len(api.calls_to("chat.postMessage")) < len(everything)
        claimed = set(await row_keys(database, "d.sent_at is null and d.claimed_until is not null"))

        restarted = sender_for(database, database_url, api.base_url,
                               ManualClock(clock.now() + timedelta(seconds=61)), CONCURRENCY)
        try:
            while await restarted.drain_once():
                pass
        finally:
            await restarted.stop()
        posts = Counter(posted_keys(api.calls_to("chat.postMessage")))

    assert set(posts) == set(everything), "every row was posted (nothing lost)"
    twice = {key for key, count in posts.items() if count > 1}
    assert set(posts.values()) <= {1, 2}
    assert twice and twice <= claimed, (twice, claimed)
    assert len(twice) <= CONCURRENCY, "no more than the sender's in_flight window repeats"
    assert await row_keys(database, "d.sent_at is null") == []
