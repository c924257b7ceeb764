"""The Teams sender dies between "the Bot Connector accepted the post" and "the row is marked
sent" (a real process, killed with SIGKILL), and a new one starts once the dead one's lease
has run out. The connector has no idempotency key either: the posts in flight at the crash
may go out again, at most once more each; everything else exactly once; nothing is lost."""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from collections import Counter
from datetime import timedelta

from bot.clock import ManualClock
from bot.followups import FOLLOW_UPS
from store.db import Database
from tests.conftest import REPO
from tests.teams import activities as act
from tests.teams.activities import MANAGERS, Person
from tests.teams.app import CHANNELS, teams_app
from tests.teams.crash import teams_sender

REPORTS = ("table {n} burger came out cold", "guest in {n} says the room was not cleaned",
           "room {n} ac broken like a sauna", "order #{n} arrived two hours late",
           "guest slipped on the wet floor by the pool and hurt her wrist")
IN_FLIGHT = 4
KILL_AFTER = 9
Key = tuple[str, int]


async def expected(database: Database, where: str) -> list[Key]:
    """The post each immediate row makes: (conversation, case number). A reporter's card is
    their answer in the chat, so it posts nothing."""
    rows = await database.run(lambda conn: conn.exec_driver_sql(
        "select d.kind, c.team, c.number from deliveries d join cases c on c.id = d.case_id where "
        f"d.kind not in ({', '.join(repr(k) for k in (*FOLLOW_UPS, 'case_card'))}) and {where}").all())
    return [(MANAGERS if kind == "escalation_managers" else CHANNELS["*"][team], number)
            for kind, team, number in rows]


async def test_a_teams_sender_killed_after_the_connector_accepted_repeats_only_what_was_in_flight(
        database_url: str) -> None:
    async with teams_app(database_url) as app:
        for index in range(14):
            who = Person(f"29:p{index}", f"Person {index}", f"aad-p{index}", f"p{index}@example.com")
            text = "recover " + REPORTS[index % len(REPORTS)].format(n=100 + index)
            assert (await app.post(act.message(who, text, app.connector.url))).status == 200
        connector, now = app.connector, app.clock.now()
        database = Database(database_url)
        try:
            everything = await expected(database, "1 = 1")
            assert len(everything) > KILL_AFTER + IN_FLIGHT
            connector.forget()
            child = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "tests.teams.crash", database_url, now.isoformat(), str(KILL_AFTER),
                str(IN_FLIGHT), cwd=REPO)
            assert await asyncio.wait_for(child.wait(), timeout=120) == -signal.SIGKILL
            assert KILL_AFTER <= len(connector.sent()) < len(everything)
            claimed = set(await expected(database, "d.sent_at is null and d.claimed_until is not null"))

            restarted = await teams_sender(database, database_url, now + timedelta(seconds=61), IN_FLIGHT)
            restarted.clock = ManualClock(now + timedelta(seconds=61))
            while await restarted.drain_once():
                pass
            posts = Counter((call.conversation, int(re.search(r"#(\d+)", call.text).group(1)))  # type: ignore[union-attr]
                            for call in connector.sent())
            assert set(posts) == set(everything), "every row was posted (nothing lost)"
            twice = {key for key, count in posts.items() if count > 1}
            assert set(posts.values()) <= {1, 2}
            assert twice and twice <= claimed, (twice, claimed)
            assert len(twice) <= IN_FLIGHT, "no more than the sender's in_flight window repeats"
            assert await expected(database, "d.sent_at is null") == []
        finally:
            await database.dispose()
