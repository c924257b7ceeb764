"""The outbox loop in the core, over the in-memory transport, on SQLite and PostgreSQL: one row
per post, each answer recorded on its own, rate limits that cost no attempt, failures kept,
unknown kinds refused loudly, pacing per recipient, leases respected, digests included."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.clock import ManualClock
from bot.core import Amends
from bot.followups import FOLLOW_UPS
from bot.outbox import MAX_ATTEMPTS, Failed, MemoryTransport, OutboundPost, OutboxLoop, Posted, Retry, Sent
from bot.records import as_utc
from bot.replies import Reported
from bot.schedules import DigestPlan, plan_digests
from store import deliveries as outbox
from store.db import Database
from store.deliveries import CASE_MESSAGES, DELIVERIES
from tests.conftest import say

Answer = Callable[[OutboundPost], Retry | Failed | None]


def loop_for(amends: Amends, answer: Answer | None = None, **options: Any) -> tuple[OutboxLoop, MemoryTransport]:
    transport = MemoryTransport("console", answer)
    return OutboxLoop(database=amends.database, transport=transport, playbook=amends.playbook,
                      clock=amends.clock, **options), transport


async def drain(loop: OutboxLoop) -> None:
    while await loop.drain_once():
        pass


async def rows(database: Database, *columns: str, **where: object) -> list[tuple[Any, ...]]:
    statement = select(*(DELIVERIES.c[name] for name in columns)).order_by(DELIVERIES.c.id)
    for name, value in where.items():
        statement = statement.where(DELIVERIES.c[name] == value)
    return await database.run(lambda conn: [tuple(row) for row in conn.execute(statement)])


async def unsent(database: Database, *columns: str, **where: object) -> list[tuple[Any, ...]]:
    """Rows meant to go out at once (follow-ups fall due later) that are not sent."""
    statement = (select(*(DELIVERIES.c[name] for name in columns)).order_by(DELIVERIES.c.id)
                 .where(DELIVERIES.c.sent_at.is_(None), DELIVERIES.c.kind.not_in(FOLLOW_UPS)))
    for name, value in where.items():
        statement = statement.where(DELIVERIES.c[name] == value)
    return await database.run(lambda conn: [tuple(row) for row in conn.execute(statement)])


async def report(amends: Amends, text: str, user: str = "U_ANN") -> Reported:
    reply = await amends.handle(say(text, user=user))
    assert isinstance(reply, Reported), reply
    return reply


async def test_each_recipient_gets_one_message_a_round_and_every_post_is_its_own_row(
        amends: Amends, database: Database) -> None:
    loop, transport = loop_for(amends)
    await report(amends, "table 7 burger came out cold")
    await drain(loop)
    await amends.handle(say("/case 1 offer 1"))
    assert await loop.drain_once() == 2
    assert sorted(post.kind for post in transport.take_new(2)) == ["card_update_dm", "card_update_team"]
    assert await loop.drain_once() == 1
    [note] = transport.take_new(4)
    assert note.kind == "thread_note" and note.recipient == "kitchen" and "Recorded on case #1" in note.text
    assert await unsent(database, "kind") == []


async def test_a_rate_limited_post_waits_its_time_and_uses_no_attempt(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    limited = {"U_BOB"}

    def answer(post: OutboundPost) -> Retry | None:
        return Retry("ratelimited", after=timedelta(seconds=30)) if post.recipient in limited else None

    loop, transport = loop_for(amends, answer)
    for user in ("U_ANN", "U_BOB", "U_CAT"):
        await report(amends, f"table {user[-1]} soup cold", user=user)
    await loop.drain_once()
    assert {post.recipient for post in transport.delivered if post.kind == "case_card"} == {"U_ANN", "U_CAT"}
    [(attempts, due, error)] = await unsent(database, "attempts", "due_at", "last_error", kind="case_card")
    assert attempts == 0 and error == "ratelimited"
    assert due.replace(tzinfo=None) == (clock.now() + timedelta(seconds=30)).replace(tzinfo=None)
    limited.clear()
    clock.advance(timedelta(seconds=29))
    await drain(loop)
    assert [p.recipient for p in transport.delivered if p.kind == "case_card"].count("U_BOB") == 0
    clock.advance(timedelta(seconds=1))
    await drain(loop)
    cards = [post.recipient for post in transport.delivered if post.kind == "case_card"]
    assert sorted(cards) == ["U_ANN", "U_BOB", "U_CAT"]


async def test_a_failing_post_backs_off_and_after_the_last_attempt_is_kept_marked_failed(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    loop, transport = loop_for(amends, lambda post: Retry("platform down") if post.kind == "case_card" else None)
    await report(amends, "table 7 burger came out cold")
    for _ in range(MAX_ATTEMPTS + 2):
        await drain(loop)
        clock.advance(timedelta(hours=1, minutes=1))
    [(attempts, failed_at, error)] = await rows(database, "attempts", "failed_at", "last_error", kind="case_card")
    assert attempts == MAX_ATTEMPTS and failed_at is not None and error == "platform down"
    assert [post.kind for post in transport.delivered if post.kind == "team_alert"] == ["team_alert"]


async def test_a_post_that_can_never_go_out_is_failed_at_once_and_kept(amends: Amends, database: Database) -> None:
    loop, _ = loop_for(amends, lambda post: Failed("invalid_blocks") if post.kind == "team_alert" else None)
    await report(amends, "table 7 burger came out cold")
    await drain(loop)
    assert await unsent(database, "kind", "attempts", "last_error") == [
        ("team_alert", 1, "invalid_blocks")]


class BadBookkeeping(MemoryTransport):
    """Answers one recipient's post with a place no database can store: its record fails."""

    async def send(self, post: OutboundPost) -> Sent | Retry | Failed:
        sent = await super().send(post)
        if post.recipient == "U_BOB":
            return Sent(Posted("DUBOB", object()))  # type: ignore[arg-type]
        return sent


async def test_one_row_whose_record_fails_never_voids_the_others(
        amends: Amends, database: Database, clock: ManualClock, caplog: pytest.LogCaptureFixture) -> None:
    transport = BadBookkeeping("console")
    loop = OutboxLoop(database=database, transport=transport, playbook=amends.playbook, clock=clock)
    for user in ("U_ANN", "U_BOB", "U_CAT"):
        await report(amends, f"table {user[-1]} soup cold", user=user)
    with caplog.at_level(logging.ERROR, logger="bot.outbox"):
        await drain(loop)
    assert await unsent(database, "kind") == []
    remembered = await database.run(lambda conn: conn.execute(
        select(CASE_MESSAGES.c.channel_id).where(CASE_MESSAGES.c.kind == "dm")).scalars().all())
    assert sorted(remembered) == ["U_ANN", "U_CAT"]
    assert re.search(r"recording case_card row \d+ failed \[ref [0-9a-f]{8}\]", caplog.text)
    clock.advance(timedelta(minutes=5))
    before = len(transport.delivered)
    await drain(loop)
    assert transport.delivered[before:] == []


async def test_a_transport_that_raises_costs_only_its_own_row_an_attempt(
        amends: Amends, database: Database, caplog: pytest.LogCaptureFixture) -> None:
    def answer(post: OutboundPost) -> None:
        if post.recipient == "U_BOB":
            raise RuntimeError("renderer bug")

    loop, transport = loop_for(amends, answer)
    for user in ("U_ANN", "U_BOB"):
        await report(amends, f"table {user[-1]} soup cold", user=user)
    with caplog.at_level(logging.ERROR, logger="bot.outbox"):
        await drain(loop)
    [(attempts, error)] = await unsent(database, "attempts", "last_error")
    reference = re.fullmatch(r"unexpected error \[ref ([0-9a-f]{8})\]", error)
    assert attempts == 1 and reference is not None
    assert f"[ref {reference.group(1)}]" in caplog.text and "renderer bug" in caplog.text
    assert sorted(p.recipient for p in transport.delivered if p.kind == "case_card") == ["U_ANN"]


async def test_a_row_of_a_kind_nobody_knows_fails_loudly_and_is_kept(
        amends: Amends, database: Database, clock: ManualClock, caplog: pytest.LogCaptureFixture) -> None:
    reported = await report(amends, "table 7 burger came out cold")
    await database.run(lambda conn: outbox.enqueue(conn, reported.case, "carrier_pigeon", "U_ANN", clock.now()))
    loop, transport = loop_for(amends)
    with caplog.at_level(logging.ERROR, logger="bot.outbox"):
        await drain(loop)
    assert await unsent(database, "kind", "last_error") == [
        ("carrier_pigeon", "unknown delivery kind 'carrier_pigeon'")]
    assert "carrier_pigeon" in caplog.text
    assert sorted(post.kind for post in transport.delivered) == ["case_card", "team_alert"]


async def test_a_card_update_queued_before_the_split_goes_out_as_one_row_per_post(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    reported = await report(amends, "table 7 burger came out cold")
    await database.run(lambda conn: outbox.enqueue(conn, reported.case, "card_update", "U_ANN", clock.now(),
                                                   text="Recorded on case #1."))
    loop, transport = loop_for(amends)
    await drain(loop)
    assert sorted(post.kind for post in transport.delivered) == [
        "card_update_dm", "card_update_team", "case_card", "team_alert", "thread_note"]
    assert await unsent(database, "kind", cancelled_at=None) == []


async def test_a_round_that_runs_past_its_lease_gives_the_rest_back_unsent(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    def slow(post: OutboundPost) -> None:
        clock.advance(timedelta(seconds=40))

    loop, transport = loop_for(amends, slow, concurrency=1)
    for user in ("U_ANN", "U_BOB"):
        await report(amends, f"table {user[-1]} soup cold", user=user)
    assert await loop.drain_once() == 3
    assert [post.recipient for post in transport.delivered] == ["U_ANN"]
    assert len(await unsent(database, "id", claimed_until=None, attempts=0)) == 3
    await drain(loop)
    assert len(transport.delivered) == 4


async def test_digests_go_through_the_same_loop_figures_then_chart_then_the_next_planned(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    await report(amends, "table 7 burger came out cold")
    plan = DigestPlan({"day": "0 8 * * *"}, ("*",))
    assert await database.run(lambda conn: plan_digests(conn, plan, workspace="T_HOTEL", platform="console",
                                                        tz="Europe/Paris", now=clock.now())) == 1
    loop, transport = loop_for(amends, digest_plan=plan, timezones={"*": "Europe/Paris"})
    await drain(loop)
    clock.advance(timedelta(days=1))
    await drain(loop)
    digests = [post for post in transport.delivered if post.kind in ("digest", "digest_chart")]
    assert [post.kind for post in digests] == ["digest", "digest_chart"]
    assert all(post.digest is not None and post.digest.new_total == 1 for post in digests)
    assert digests[0].digest == digests[1].digest
    assert digests[0].digest is not None and digests[0].digest.timezone == "Europe/Paris"
    planned = await rows(database, "due_at", kind="digest", sent_at=None)
    assert len(planned) == 1 and str(planned[0][0]).startswith("2026-11-22 07:00")


async def test_a_follow_up_that_no_longer_applies_is_cancelled_not_sent(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    loop, transport = loop_for(amends)
    await report(amends, "room 508 ac broken like a sauna")
    await amends.handle(say("/case 1 resolve system recovered"))
    await database.run(lambda conn: conn.execute(update(DELIVERIES).where(DELIVERIES.c.kind == "nudge_open")
                                                 .values(cancelled_at=None)))
    clock.advance(timedelta(hours=3))
    await drain(loop)
    assert "nudge_open" not in [post.kind for post in transport.delivered]
    [(cancelled,)] = await rows(database, "cancelled_at", kind="nudge_open")
    assert cancelled is not None


async def test_posts_that_failed_together_retry_spread_out_never_later_than_the_backoff(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    draws = iter([0.0, 0.999, 0.5] * 10)
    loop, _ = loop_for(amends, lambda post: Retry("platform down") if post.kind == "case_card" else None)
    loop.jitter = lambda: next(draws)
    for user in ("U_ANN", "U_BOB", "U_CAT"):
        await report(amends, "table 7 burger came out cold", user=user)
    started = clock.now()
    await drain(loop)
    due = [due_at for (due_at,) in await rows(database, "due_at", kind="case_card")]
    waits = sorted(round((as_utc(at) - started).total_seconds(), 1) for at in due)
    assert waits == [2.5, 3.8, 5.0], "half the first backoff (5 s) to all of it, each row its own"
