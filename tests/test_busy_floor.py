"""Casework on a busy floor: small talk opens no case, reasons travel with requests, lists say how
many there are and put safety first, and confidence is said in words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.core import Amends
from bot.replies import CaseCard, CaseList, Notice, Reported
from bot.sureness import sureness
from store.db import Database
from store.deliveries import DELIVERIES
from tests.conftest import say


@pytest.mark.parametrize("text", ["great shift everyone!", "thanks for covering for me tonight",
                                  "what time does the kitchen close tonight?"])
async def test_small_talk_typed_as_plain_text_opens_no_case(amends: Amends, database: Database,
                                                            text: str) -> None:
    reply = await amends.handle(say(text))
    assert isinstance(reply, Notice) and not reply.error
    assert reply.log_anyway == text
    assert await database.run(lambda conn: conn.execute(DELIVERIES.select()).all()) == []
    logged = await amends.handle(say(f"/recover {text}"))
    assert isinstance(logged, Reported), "an explicit /recover always logs"


@pytest.mark.parametrize("text", ["table 7 soup came out cold and the guest is upset",
                                  "la cliente de la mesa 4 dice que le cobraron dos veces",
                                  "great, another cold pizza"])
async def test_a_complaint_typed_as_plain_text_is_a_case(amends: Amends, text: str) -> None:
    assert isinstance(await amends.handle(say(text)), Reported)


async def test_a_safety_report_is_logged_whatever_the_failure_flag(amends: Amends) -> None:
    reply = await amends.handle(say("the lady at table 3 says her throat feels tight after the prawns"))
    assert isinstance(reply, Reported)
    assert reply.case.safety and reply.case.status == "escalated"


async def test_a_reason_after_the_option_is_stored_and_told_to_the_manager(amends: Amends,
                                                                           database: Database) -> None:
    await amends.handle(say("/recover guest in 214 says the room was not cleaned"))
    await amends.handle(say("/case 1 request 3 regulars, they want a table tonight"))
    offer = await database.run(lambda conn: conn.exec_driver_sql(
        "select option_index, status, reason from offers").one())
    assert tuple(offer) == (2, "pending", "regulars, they want a table tonight")
    asked = await database.run(lambda conn: conn.exec_driver_sql(
        "select text from deliveries where kind = 'approval_request'").scalar_one())
    assert "regulars, they want a table tonight" in asked


async def test_case_open_puts_safety_first_and_says_how_many_there_are(amends: Amends,
                                                                      clock: ManualClock) -> None:
    for n in range(12):
        await amends.handle(say(f"/recover table {n + 1} soup came out cold"))
    await amends.handle(say("/recover strong smell of gas in the kitchen corridor"))
    clock.advance(timedelta(minutes=1))
    listed = await amends.handle(say("/case open"))
    assert isinstance(listed, CaseList)
    assert listed.total == 13 and len(listed.cases) == 10
    assert listed.cases[0].safety and listed.cases[0].number == 13
    assert listed.heading == "Open cases, most urgent first (13; 1-10 shown)"
    assert listed.more == "/case open 2"
    rest = await amends.handle(say("/case open 2"))
    assert isinstance(rest, CaseList) and len(rest.cases) == 3 and not rest.more
    assert {c.number for c in listed.cases} | {c.number for c in rest.cases} == set(range(1, 14))


def test_confidence_is_said_in_words_not_as_a_percentage() -> None:
    assert [sureness(c) for c in (0.99, 0.85, 0.7, 0.59, 0.2)] == [
        "sure", "sure", "fairly sure", "not sure", "not sure"]


UNSURE = "the order and the room both had issues"


async def test_an_unsure_report_is_stored_at_once_but_alerts_no_team_until_confirmed(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    reply = await amends.handle(say(f"/recover {UNSURE}"))
    assert isinstance(reply, Reported) and not reply.case.confirmed
    runner_up = reply.suggestion.classification.runner_up
    assert runner_up is not None

    async def alerts() -> list[tuple[str, str, object, object]]:
        rows = await database.run(lambda conn: conn.execute(
            DELIVERIES.select().where(DELIVERIES.c.kind == "team_alert").order_by(DELIVERIES.c.id)
        ).mappings().all())
        return [(r["recipient"], r["text"], r["due_at"], r["cancelled_at"]) for r in rows]

    held = await alerts()
    assert len(held) == 1 and "not confirmed" in held[0][1]
    due = held[0][2]
    assert isinstance(due, datetime)
    assert due.replace(tzinfo=UTC) == clock.now() + timedelta(minutes=5)  # SQLite drops the zone

    stranger = await amends.handle(say(f"/case 1 scenario {runner_up}", user="U_BOB"))
    assert isinstance(stranger, Notice) and stranger.error
    picked = await amends.handle(say(f"/case 1 scenario {runner_up}"))
    assert isinstance(picked, CaseCard) and picked.case.scenario == runner_up and picked.case.confirmed
    after = await alerts()
    assert after[0][3] is not None, "the held alert is cancelled"
    assert after[-1][0] == picked.case.team and "not confirmed" not in after[-1][1]
    events = await database.run(lambda conn: conn.exec_driver_sql(
        "select detail from case_events where kind = 'scenario_changed'").scalars().all())
    assert events and "->" in events[0]
    versions = await database.run(lambda conn: conn.exec_driver_sql(
        "select count(*) from case_words").scalar_one())
    assert versions == 2


async def test_a_scenario_is_corrected_later_and_its_options_follow(amends: Amends) -> None:
    await amends.handle(say("/recover table 7 soup came out cold"))
    unknown = await amends.handle(say("/case 1 scenario cold_soup"))
    assert isinstance(unknown, Notice) and "isn't a scenario" in unknown.text
    moved = await amends.handle(say("/case 1 scenario billing_error", user="U_SUE", role="supervisor"))
    assert isinstance(moved, CaseCard) and moved.case.scenario == "billing_error"
    assert moved.case.team == "billing"
    assert all(d.option.kind in ("refund", "voucher") for d in moved.options)


async def test_a_safety_report_is_never_held_as_unsure(amends: Amends) -> None:
    reply = await amends.handle(say("/recover something odd, the man at table 2 went pale and fell over"))
    assert isinstance(reply, Reported) and reply.case.safety and reply.case.confirmed


async def test_an_offer_recorded_by_mistake_is_undone_and_the_total_restored(
        amends: Amends, clock: ManualClock) -> None:
    await amends.handle(say("/recover table 7 soup came out cold"))
    await amends.handle(say("/case 1 offer 3"))
    undone = await amends.handle(say("/case 1 undo"))
    assert isinstance(undone, CaseCard) and undone.case.given_cents == 0
    again = await amends.handle(say("/case 1 offer 3"))
    assert isinstance(again, CaseCard) and again.case.given_cents == 800
    clock.advance(timedelta(minutes=11))
    late = await amends.handle(say("/case 1 undo"))
    assert isinstance(late, Notice) and "more than 10 minutes" in late.text


async def test_a_case_that_is_no_case_is_voided_with_a_reason_and_leaves_the_lists(
        amends: Amends) -> None:
    await amends.handle(say("/recover test please ignore, soup cold"))
    frontline = await amends.handle(say("/case 1 void just a test"))
    assert isinstance(frontline, Notice) and frontline.error
    reasonless = await amends.handle(say("/case 1 void", user="U_SUE", role="supervisor"))
    assert isinstance(reasonless, Notice) and "Say why" in reasonless.text
    voided = await amends.handle(say("/case 1 void just a test", user="U_SUE", role="supervisor"))
    assert isinstance(voided, CaseCard) and voided.case.status == "void"
    assert voided.case.void_reason == "just a test"
    listed = await amends.handle(say("/case open"))
    assert isinstance(listed, CaseList) and listed.total == 0


async def test_a_case_is_handed_over_at_the_end_of_a_shift(amends: Amends) -> None:
    await amends.handle(say("/recover table 7 soup came out cold"))
    stranger = await amends.handle(say("/case 1 assign @maria", user="U_BOB"))
    assert isinstance(stranger, Notice) and stranger.error
    handed = await amends.handle(say("/case 1 assign @U_MARIA"))
    assert isinstance(handed, CaseCard) and handed.case.owner_id == "U_MARIA"


async def test_case_waiting_lists_what_this_role_may_approve(amends: Amends) -> None:
    await amends.handle(say("/recover guest in 214 says the room was not cleaned"))
    await amends.handle(say("/case 1 request 4"))  # a night off: only a manager may give it
    await amends.handle(say("/recover guest in 215 says the room was not cleaned"))
    await amends.handle(say("/case 2 request 3"))  # an upgrade: a supervisor may
    supervisor = await amends.handle(say("/case waiting", user="U_SUE", role="supervisor"))
    manager = await amends.handle(say("/case waiting", user="U_MAX", role="manager"))
    frontline = await amends.handle(say("/case waiting"))
    assert isinstance(supervisor, CaseList) and [c.number for c in supervisor.cases] == [2]
    assert isinstance(manager, CaseList) and [c.number for c in manager.cases] == [1, 2]
    assert isinstance(frontline, CaseList) and frontline.cases == ()


async def test_a_repeat_customer_is_an_order_or_booking_not_a_table(amends: Amends, database: Database,
                                                                    clock: ManualClock) -> None:
    from bot.digest import build_digest

    for text in ("order #88231 arrived late", "order #88231 still missing the fries",
                 "table 7 soup cold", "table 7 waited 40 min"):
        await amends.handle(say(f"/recover {text}"))
    clock.advance(timedelta(days=1))  # the daily digest is of the day before
    digest = await database.run(lambda conn: build_digest(
        conn, amends.playbook, workspace="T_HOTEL", team=None, period="day", now=clock.now(), tz="UTC"))
    assert digest.repeat_customers == (("order 88231", 2),)


async def test_the_console_shows_times_in_the_workspaces_zone(amends: Amends) -> None:
    from zoneinfo import ZoneInfo

    from handlers.console.render import render

    await amends.handle(say("/recover table 7 soup came out cold"))
    card = await amends.handle(say("/case 1"))
    assert "2026-11-20 10:00 Europe/Paris" in render(card, ZoneInfo("Europe/Paris"))
    assert "2026-11-20 09:00 UTC" in render(card)


async def test_the_same_table_reported_twice_is_offered_as_one_case(amends: Amends,
                                                                   clock: ManualClock) -> None:
    first = await amends.handle(say("/recover table 7 soup came out cold"))
    clock.advance(timedelta(minutes=3))
    second = await amends.handle(say("/recover table 7 the soup is cold again", user="U_BOB"))
    assert isinstance(first, Reported) and isinstance(second, Reported)
    assert second.same_customer is not None and second.same_customer.number == 1
    assert second.same_customer_line == "table 7 already has case #1 from 3 minutes ago"
    merged = await amends.handle(say("/case 2 merge 1", user="U_BOB"))
    assert isinstance(merged, CaseCard) and merged.case.number == 1
    gone = await amends.handle(say("/case 2"))
    assert isinstance(gone, CaseCard) and gone.case.status == "merged" and gone.case.merged_into == 1
    listed = await amends.handle(say("/case open"))
    assert isinstance(listed, CaseList) and [c.number for c in listed.cases] == [1]


async def test_a_safety_report_is_never_offered_for_merging(amends: Amends) -> None:
    await amends.handle(say("/recover table 4 soup came out cold"))
    safety = await amends.handle(say("/recover table 4 the guest's lips are swelling after the prawns"))
    assert isinstance(safety, Reported) and safety.case.safety and safety.same_customer is None
    refused = await amends.handle(say("/case 2 merge 1"))
    assert isinstance(refused, Notice) and "never merged" in refused.text


async def test_a_case_shows_the_reminders_to_come_with_the_number_to_type(amends: Amends) -> None:
    from handlers.console.render import render

    await amends.handle(say("/recover table 7 soup came out cold"))
    card = await amends.handle(say("/case 1"))
    assert isinstance(card, CaseCard) and card.reminders
    number, kind, _ = card.reminders[0]
    assert kind == "nudge_open"
    assert f"/nudge {number} snooze 1h" in render(card)
    snoozed = await amends.handle(say(f"/nudge {number} snooze 3h"))
    assert isinstance(snoozed, Notice) and "Snoozed" in snoozed.text


async def test_a_manager_declines_one_option_with_a_reason(amends: Amends, database: Database) -> None:
    await amends.handle(say("/recover guest in 214 says the room was not cleaned"))
    await amends.handle(say("/case 1 request 3 long stay guest"))
    declined = await amends.handle(say("/case 1 decline 3 no upgrade rooms tonight",
                                       user="U_MAX", role="manager"))
    assert isinstance(declined, CaseCard)
    detail = await database.run(lambda conn: conn.exec_driver_sql(
        "select detail from case_events where kind = 'declined'").scalar_one())
    assert detail.endswith(": no upgrade rooms tonight")
