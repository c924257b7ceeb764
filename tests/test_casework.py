"""The case workflow end to end through the core, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

from bot.clock import ManualClock
from bot.core import Amends
from bot.followups import FOLLOW_UPS
from bot.replies import CaseCard, CaseList, HelpText, Notice, Reported
from store.cases import CASES, EVENTS, OFFERS
from store.db import Database
from store.deliveries import DELIVERIES
from tests.conftest import say


async def count(database: Database, table, **where: object) -> int:  # type: ignore[no-untyped-def]
    statement = select(func.count()).select_from(table)
    for column, value in where.items():
        statement = statement.where(table.c[column] == value)
    return int(await database.run(lambda conn: conn.execute(statement).scalar_one()))


async def test_frontline_report_is_logged_with_suggestion_and_number(amends: Amends,
                                                                      database: Database) -> None:
    reply = await amends.handle(say("/recover guest in 214 says the room was not cleaned"))
    assert isinstance(reply, Reported)
    assert reply.case.number == 1
    assert reply.case.scenario == "room_not_ready"
    assert reply.case.customer_ref == "room 214"
    assert "room 214" in reply.suggestion.apology
    assert [d.option.description for d in reply.suggestion.on_the_spot] == [
        "Priority clean of the room now", "Drinks at the bar while they wait"]
    assert await count(database, CASES, workspace_id="T_HOTEL") == 1
    assert await count(database, EVENTS, kind="reported", actor_id="U_ANN") == 1


async def test_case_numbers_count_per_workspace(amends: Amends) -> None:
    first = await amends.handle(say("table 7 burger cold", workspace="T_A"))
    second = await amends.handle(say("table 8 soup cold", workspace="T_A"))
    other = await amends.handle(say("table 9 pasta raw", workspace="T_B"))
    assert isinstance(first, Reported) and isinstance(second, Reported) and isinstance(other, Reported)
    assert (first.case.number, second.case.number, other.case.number) == (1, 2, 1)


async def test_concurrent_reports_get_distinct_numbers(amends: Amends, database: Database) -> None:
    replies = await asyncio.gather(*(amends.handle(say(f"order #{1000 + i} arrived late"))
                                     for i in range(20)))
    numbers = sorted(r.case.number for r in replies if isinstance(r, Reported))
    assert numbers == list(range(1, 21))
    assert await count(database, CASES) == 20


async def test_retried_delivery_never_creates_a_second_case(amends: Amends, database: Database) -> None:
    first = await amends.handle(say("room 508 ac broken", source_key="Ev123"))
    again = await amends.handle(say("room 508 ac broken", source_key="Ev123"))
    assert isinstance(first, Reported) and isinstance(again, Reported)
    assert again.duplicate and again.case.number == first.case.number
    assert await count(database, CASES) == 1


async def queued(database: Database) -> list[tuple[str, str, str]]:
    """What was sent to other people right away (follow-ups, due later, are tested apart)."""
    statement = (select(DELIVERIES.c.kind, DELIVERIES.c.recipient, DELIVERIES.c.text)
                 .where(DELIVERIES.c.kind.not_in(FOLLOW_UPS)).order_by(DELIVERIES.c.id))
    return [tuple(row) for row in await database.run(lambda conn: conn.execute(statement).all())]


async def test_full_flow_offer_request_approve_resolve_lookup(amends: Amends, database: Database) -> None:
    reported = await amends.handle(say("/recover table 7 burger came out cold ref=\"table 7\""))
    assert isinstance(reported, Reported)
    number = reported.case.number
    offered = await amends.handle(say(f"/case {number} offer 1"))
    assert isinstance(offered, CaseCard) and offered.case.given_cents == 1500

    over_limit = await amends.handle(say(f"/case {number} offer 2"))
    assert isinstance(over_limit, Notice) and over_limit.error
    assert "limit" in over_limit.text and f"/case {number} request 2" in over_limit.text

    requested = await amends.handle(say(f"/case {number} request 2"))
    assert isinstance(requested, CaseCard) and requested.case.status == "awaiting_approval"
    kind, recipient, text = next(q for q in await queued(database) if q[0] == "approval_request")
    assert (kind, recipient) == ("approval_request", "managers") and "U_ANN" in text

    refused = await amends.handle(say(f"/case {number} approve", user="U_BOB", role="frontline"))
    assert isinstance(refused, Notice) and refused.error
    approved = await amends.handle(say(f"/case {number} approve", user="U_MGR", role="manager"))
    assert isinstance(approved, CaseCard)
    assert approved.case.status == "open" and approved.case.given_cents == 3500
    twice = await amends.handle(say(f"/case {number} approve", user="U_MGR", role="manager"))
    assert isinstance(twice, Notice) and "no request waiting" in twice.text

    resolved = await amends.handle(say(f"/case {number} resolve process recovered remade it"))
    assert isinstance(resolved, CaseCard) and resolved.case.status == "resolved"
    assert resolved.case.root_cause == "process" and resolved.case.outcome == "recovered"
    later = await amends.handle(say(f"/case {number} outcome partly", user="U_SUP", role="supervisor"))
    assert isinstance(later, CaseCard) and later.case.outcome == "partly"

    looked_up = await amends.handle(say("/case table 7"))
    assert isinstance(looked_up, CaseList) and [c.number for c in looked_up.cases] == [number]
    card = await amends.handle(say(f"/case {number}"))
    assert isinstance(card, CaseCard)
    kinds = [event.kind for event in card.events]
    assert kinds == ["reported", "words", "offered", "approval_requested", "approved", "resolved",
                     "outcome_recorded", "outcome_recorded"]
    assert all(e.platform == "console" and e.channel_id == "C_FRONT" for e in card.events)
    assert [e.actor_id for e in card.events][4] == "U_MGR"
    assert await count(database, OFFERS, status="given") == 2
    card_update = ["card_update_dm", "card_update_team", "thread_note"]
    assert [q[0] for q in await queued(database)] == [
        "case_card", "team_alert", *card_update, "approval_request", *card_update,
        "approval_decided", *card_update, *card_update, *card_update]


async def test_double_clicked_offer_is_recorded_once(amends: Amends, database: Database) -> None:
    reported = await amends.handle(say("tbl 4 soup cold"))
    assert isinstance(reported, Reported)
    first = await amends.handle(say(f"/case {reported.case.number} offer 1"))
    second = await amends.handle(say(f"/case {reported.case.number} offer 1"))
    assert isinstance(first, CaseCard)
    assert isinstance(second, Notice) and "already given" in second.text
    assert await count(database, OFFERS) == 1
    assert await count(database, EVENTS, kind="offered") == 1


async def test_safety_incident_escalates_with_nothing_on_the_spot(amends: Amends, database: Database) -> None:
    reply = await amends.handle(say("guest slipped on the wet floor by the pool and hurt her wrist",
                                    role="manager"))
    assert isinstance(reply, Reported)
    assert reply.case.scenario == "safety_incident" and reply.case.status == "escalated"
    assert reply.suggestion.on_the_spot == ()
    assert [q[:2] for q in await queued(database)] == [("case_card", "U_ANN"), ("escalation", "safety"),
                                                          ("escalation_managers", "managers")]
    offer = await amends.handle(say(f"/case {reply.case.number} offer 1", role="manager"))
    assert isinstance(offer, Notice) and "always goes to a manager" in offer.text


async def test_amount_paid_caps_compensation_at_150_percent(amends: Amends) -> None:
    reply = await amends.handle(say("/recover tbl 3 espresso undercooked paid=4", role="manager"))
    assert isinstance(reply, Reported)
    assert reply.case.amount_paid_cents == 400
    assert [(d.index, d.amount) for d in reply.suggestion.on_the_spot] == [(0, 4), (1, 4)]
    blocked = next(d for d in reply.suggestion.needs_approval if d.index == 2)
    assert "150%" in blocked.reason


async def test_case_of_one_workspace_cannot_be_read_or_changed_from_another(
        amends: Amends, database: Database) -> None:
    reply = await amends.handle(say("room 301 tv broken", workspace="T_ONE"))
    assert isinstance(reply, Reported)
    for command in ("/case 1", "/case 1 offer 1", "/case 1 escalate", "/case 1 resolve process",
                    "/case 1 outcome lost"):
        answer = await amends.handle(say(command, workspace="T_TWO", role="manager"))
        assert isinstance(answer, Notice) and answer.error and "No case #1" in answer.text
    found = await amends.handle(say("/case room 301", workspace="T_TWO"))
    assert isinstance(found, CaseList) and found.cases == ()
    card = await amends.handle(say("/case 1", workspace="T_ONE"))
    assert isinstance(card, CaseCard) and card.case.status == "open" and card.case.outcome is None
    assert await count(database, EVENTS) == 2, "reported, and the words shown"


async def test_bad_input_gets_one_line_answers_and_changes_nothing(amends: Amends,
                                                                   database: Database) -> None:
    reported = await amends.handle(say("room 12 wifi down"))
    assert isinstance(reported, Reported)
    bad = ["/recover", "/recover    ", "x" * 40_000, "\x00\x01\x02\xff\xfe" * 50,
           "/case 999", "/case 1 outcome great", "/case 1 resolve", "/case 1 offer 99",
           "/case 1 frobnicate", "/case 99999999999999", "/case ; DROP TABLE cases;--",
           "/nonsense", "/recover ref=!!! cold soup", "/recover soup cold paid=lots"]
    for text in bad:
        answer = await amends.handle(say(text))
        assert isinstance(answer, Notice) and answer.error, text
        assert "\n" not in answer.text and len(answer.text) < 300, text
    assert await count(database, CASES) == 1
    assert await count(database, EVENTS) == 2, "reported, and the words shown"


async def test_markup_and_sql_in_a_report_are_stored_as_typed(amends: Amends) -> None:
    text = "guest said <!channel> '; DROP TABLE cases; -- the soup was cold"
    reply = await amends.handle(say(text))
    assert isinstance(reply, Reported) and reply.case.text == text
    card = await amends.handle(say(f"/case {reply.case.number}"))
    assert isinstance(card, CaseCard) and card.case.text == text


async def test_mine_and_open_lists(amends: Amends, clock: ManualClock) -> None:
    await amends.handle(say("order #5 late", user="U_ANN"))
    clock.advance(timedelta(minutes=5))
    await amends.handle(say("order #6 late", user="U_BOB"))
    await amends.handle(say("/case 2 resolve supplier lost", user="U_BOB"))
    mine = await amends.handle(say("/case mine", user="U_BOB"))
    assert isinstance(mine, CaseList) and [c.number for c in mine.cases] == [2]
    open_cases = await amends.handle(say("/case open"))
    assert isinstance(open_cases, CaseList) and [c.number for c in open_cases.cases] == [1]


async def test_unreachable_database_gets_try_again_not_a_case_number(
        amends: Amends, database: Database) -> None:
    await database.dispose()
    broken = Database("postgresql://amends@127.0.0.1:1/nowhere")
    amends.database = broken
    amends_reply = await amends.handle(say("table 2 coffee cold"))
    assert isinstance(amends_reply, Notice) and amends_reply.error
    assert "try again" in amends_reply.text
    assert not await broken.ping()
    await broken.dispose()


async def test_a_failing_report_in_a_busy_moment_does_not_sink_the_others(amends: Amends,
                                                                          database: Database) -> None:
    """Reports arriving together share a commit on SQLite; a retried event among them (same
    source key) must neither duplicate its case nor lose anyone else's."""
    texts = [("order #1 late", None), ("tbl 2 soup cold", "EvDup"), ("rm 3 dirty", None),
             ("tbl 2 soup cold", "EvDup"), ("card charged twice", None)]
    replies = await asyncio.gather(*(amends.handle(say(text, source_key=key)) for text, key in texts))
    assert all(isinstance(reply, Reported) for reply in replies)
    assert await count(database, CASES) == 4
    assert await count(database, CASES, source_key="EvDup") == 1
    numbers = sorted(r.case.number for r in replies if isinstance(r, Reported))
    assert numbers[0] == 1 and len(set(numbers)) == 4


async def test_words_typed_without_a_slash_are_commands_only_when_whole(amends: Amends, database: Database) -> None:
    first = await amends.handle(say("case of wine was broken in the delivery", platform="teams"))
    assert isinstance(first, Reported) and first.case.number == 1
    card = await amends.handle(say("case 1", platform="teams"))
    assert isinstance(card, CaseCard) and card.words is not None
    assert card.words.apology == first.suggestion.apology, "the card shows the stored words"
    assert isinstance(await amends.handle(say("help", platform="teams")), HelpText)
    second = await amends.handle(say("help me the soup is cold at table 4", platform="teams"))
    assert isinstance(second, Reported) and second.case.number == 2
    taken = await amends.handle(say("take 2 coffees off the bill for table 9", platform="teams"))
    assert isinstance(taken, Reported) and taken.case.number == 3
    assert await count(database, CASES) == 3
