"""Teams Adaptive Cards for the core's replies: a case told in Teams at every step, what the
reporter reads (safety first, options, the resolve form, an unsure guess), notices, help and
lists; each card checked against the official schema and the button protocol."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from typing import cast

import pytest

from bot.clock import ManualClock
from bot.engine import OfflineEngine
from bot.help import HELP
from bot.playbook import Playbook
from bot.replies import CaseCard, CaseList, DigestReply, Notice, Reply, Reported
from bot.transport import Kind
from handlers.teams.cards import escape, help_card, notice_card, reply_card
from handlers.teams.case_cards import case_card, case_detail_card, suggestion_card
from store.db import Database
from tests.blockkit import make_case, make_offer, reported, walk
from tests.teams.cards_support import (
    ANN,
    BOB,
    HOSTILE,
    MIA,
    NAMES,
    Teams,
    buttons,
    database_url,  # noqa: F401  (a fixture: SQLite only here)
    datas,
    dumped,
    no_raw_ids,
    post_card,
    texts,
    valid,
)


async def test_a_case_told_in_teams_shows_names_buttons_and_safe_text_at_every_step(
        playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> None:
    teams = Teams(playbook, engine, database, clock)
    answer = await teams.type(f"/recover {HOSTILE}")
    assert isinstance(answer, Reported)
    number = answer.case.number
    card = suggestion_card(answer, NAMES)
    valid(card)
    assert datas(card, "offer") == [{"amends": "offer", "case": number, "option": d.index + 1}
                                    for d in answer.suggestion.on_the_spot]
    assert datas(card, "resolve") == [{"amends": "resolve", "case": number}]
    assert datas(card, "escalate") == [{"amends": "escalate", "case": number}]

    for reply in (await teams.type(f"case {number} offer 1"), await teams.type(f"case {number} request 2")):
        assert isinstance(reply, CaseCard)
        shown = case_detail_card(reply, NAMES)
        valid(shown)
        no_raw_ids(shown)
        text = "\n".join(texts(shown))
        assert "Ann Front" in text and "[click](" not in text
        assert "\\*\\*free\\*\\* \\[click\\](http://x) <at>everyone</at> \\{\\{DATE(2020" in text
    await teams.type(f"case {number} approve", user=MIA, role="manager")
    clock.advance(timedelta(hours=2))
    assert await teams.outbox.plan_digests() == 1
    posts = await teams.deliver()
    clock.advance(timedelta(hours=21))
    posts += await teams.deliver()

    kinds = {post.kind for post in posts}
    assert {Kind.CASE_CARD, Kind.TEAM_ALERT, Kind.APPROVAL_REQUEST, Kind.APPROVAL_DECIDED, Kind.NUDGE_OPEN,
            Kind.DIGEST} <= kinds, kinds
    for post in posts:
        card = post_card(post)
        valid(card)
        no_raw_ids(card)
        assert "[click](" not in dumped(card)
    request = next(post for post in posts if post.kind is Kind.APPROVAL_REQUEST)
    asked = post_card(request)
    assert "Ann Front" in texts(asked)[0]
    assert request.offer is not None
    option = request.offer.option_index + 1
    assert datas(asked, "approve") == [{"amends": "approve", "case": number, "option": option}]
    assert datas(asked, "decline") == [{"amends": "decline", "case": number, "option": option}]
    decided = post_card(next(post for post in posts if post.kind is Kind.APPROVAL_DECIDED))
    assert "Approved" in texts(decided)[0] and "Mia Manager" in texts(decided)[0] and not buttons(decided)
    nudge = next(post for post in posts if post.kind is Kind.NUDGE_OPEN)
    nudged = post_card(nudge)
    assert datas(nudged, "snooze") == [{"amends": "snooze", "delivery": nudge.id, "for": "1h"},
                                      {"amends": "snooze", "delivery": nudge.id, "for": "tomorrow"}]
    assert datas(nudged, "done") == [{"amends": "done", "delivery": nudge.id}]
    assert datas(nudged, "resolve") == [{"amends": "resolve", "case": number}]


async def test_every_kind_of_reply_has_a_card(playbook: Playbook, engine: OfflineEngine, database: Database,
                                              clock: ManualClock) -> None:
    teams = Teams(playbook, engine, database, clock)
    replies = [await teams.type("/recover table 7 burger came out cold"),
               await teams.type("case open"), await teams.type("case help"),
               await teams.type("case 999"), await teams.type("the lift is slow today"),
               await teams.type("case digest week"), HELP]
    assert {type(reply) for reply in replies} >= {Reported, CaseList, Notice, DigestReply}, replies
    for reply in replies:
        valid(reply_card(reply, NAMES))
        no_raw_ids(reply_card(reply, NAMES))
    with pytest.raises(AssertionError):
        reply_card(cast(Reply, "not a reply"))


# --- what the reporter reads ----------------------------------------------------------------

def test_safety_steps_come_first_set_apart_and_numbered(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "guest slipped on the wet floor by the bar and cut her head",
                      status="escalated")
    steps = answer.suggestion.words.safety_steps
    assert len(steps) >= 4
    content = valid(suggestion_card(answer))
    safety = next(node for node in content["body"] if node.get("style") == "attention"
                  and "Safety first" in json.dumps(node))
    assert [item["text"] for item in safety["items"][1:3]] == [f"**1.** {escape(steps[0])}",
                                                                f"**2.** {escape(steps[1])}"]
    order = [json.dumps(node, ensure_ascii=False) for node in content["body"]]
    first_safety = next(n for n, part in enumerate(order) if "Safety first" in part)
    say = next(n for n, part in enumerate(order) if "**Say:**" in part)
    assert first_safety < say and "**Explain:**" in order[say + 1]
    assert "goes to a manager now" in json.dumps(content["body"][:3])
    assert not datas(suggestion_card(answer), "offer") and not datas(suggestion_card(answer), "escalate")


def test_options_to_give_and_to_ask_for_follow_the_slack_rules(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "guest in room 214 says the room was not cleaned")
    suggestion = answer.suggestion
    assert suggestion.on_the_spot and suggestion.needs_approval
    card = suggestion_card(answer)
    valid(card)
    assert [d["option"] for d in datas(card, "offer")] == [d.index + 1 for d in suggestion.on_the_spot]
    assert [d["option"] for d in datas(card, "request")] == [d.index + 1 for d in suggestion.needs_approval]
    titles = {button["verb"]: button["title"] for button in buttons(card)}
    assert titles["offer"] == "I gave this" and titles["request"] == "Ask a manager"
    marked = [t for t in texts(card) if "try this first" in t]
    assert len(marked) == 1 and marked[0].startswith(f"**{suggestion.on_the_spot[0].index + 1}.**")
    assert any(escape(suggestion.needs_approval[0].reason) in t for t in texts(card))
    words = json.dumps(texts(card), ensure_ascii=False)
    assert words.index("You can give now") < words.index("Needs a manager")

    case = dataclasses.replace(answer.case, status="awaiting_approval")
    asked = make_offer(case, suggestion.needs_approval[0].index)
    detail = case_detail_card(CaseCard("Case #42", case, (asked,), (), suggestion.on_the_spot
                                       + suggestion.needs_approval), {})
    left = [d["option"] for d in datas(detail, "offer") + datas(detail, "request")]
    assert asked.option_index + 1 not in left and len(left) == len(suggestion.on_the_spot
                                                                   + suggestion.needs_approval) - 1


def test_the_reporters_card_has_words_and_options_and_the_teams_has_neither(engine: OfflineEngine,
                                                                            playbook: Playbook) -> None:
    answer = reported(engine, playbook, "tbl 12 waited 50 min for mains")
    suggestion = answer.suggestion
    mine = case_card(answer.case, [], words=suggestion.words,
                     options=suggestion.on_the_spot + suggestion.needs_approval, names=NAMES)
    valid(mine)
    assert "**Say:**" in dumped(mine) and datas(mine, "offer")
    assert datas(mine, "language") == [{"amends": "language", "case": 42, "language": code}
                                       for code in ("es", "fr", "de", "pt")], "one tap per other language"
    assert "Español" in dumped(mine)
    team = case_card(answer.case, [], headline="Case #42 logged by aad-4f1c2e9a-ann", names=NAMES)
    valid(team)
    assert "Say:" not in dumped(team) and not datas(team, "offer") and not datas(team, "language")
    assert datas(team, "take") == [{"amends": "take", "case": 42}], "someone in the team can make it theirs"
    assert team[0] == "Case #42 logged by Ann Front" and texts(team)[0] == "Case #42 logged by Ann Front"
    shown = suggestion_card(answer)
    assert "Only if true, you may add" in dumped(shown)
    assert "**Ask:**" in dumped(shown) and "**Offer instead:**" in dumped(shown)


def test_resolve_opens_a_form_with_outcome_cause_and_note() -> None:
    card = case_card(make_case(), [], names=NAMES)
    valid(card)
    form = next(action for action in card[1]["actions"] if action["type"] == "Action.ShowCard")
    assert form["title"] == "Resolve…"
    inputs = {node["id"]: node for node in form["card"]["body"]}
    assert [c["value"] for c in inputs["outcome"]["choices"]] == ["recovered", "partly", "lost"]
    assert inputs["outcome"]["style"] == "compact"
    assert inputs["root_cause"]["type"] == "Input.ChoiceSet" and inputs["root_cause"]["isRequired"] is True
    assert "process" in [c["value"] for c in inputs["root_cause"]["choices"]]
    assert inputs["note"] == {"type": "Input.Text", "id": "note", "label": "Note", "isMultiline": True,
                              "maxLength": 500, "placeholder": "What happened, what was done (optional)"}
    resolve = form["card"]["actions"][0]
    assert resolve["data"] == {"amends": "resolve", "case": 42} and "associatedInputs" not in resolve
    closed = case_card(make_case(status="resolved", resolved_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC)), [])
    assert not buttons(closed) and "actions" not in closed[1]


def test_an_unsure_guess_offers_the_likely_scenarios_and_the_rest(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "table 7 burger came out cold", confirmed=False)
    classification = dataclasses.replace(answer.suggestion.classification, runner_up="slow_service")
    decided = dataclasses.replace(answer.suggestion.decided, classification=classification)
    answer = dataclasses.replace(answer, suggestion=dataclasses.replace(answer.suggestion, decided=decided))
    card = suggestion_card(answer)
    valid(card)
    likely = datas(card, "scenario")
    assert likely[:2] == [{"amends": "scenario", "case": 42, "scenario": "food_quality"},
                          {"amends": "scenario", "case": 42, "scenario": "slow_service"}]
    assert likely[2] == {"amends": "scenario", "case": 42}
    picker = next(node for node in walk(card[1]) if node.get("id") == "scenario")
    assert "food_quality" not in [c["value"] for c in picker["choices"]]
    pick = [b for b in buttons(card) if b["title"] == "Pick"][0]
    assert "associatedInputs" not in pick, "Pick sends the drop-down's choice"
    assert all(b.get("associatedInputs") == "none" for b in buttons(card) if b["data"].get("scenario")), \
        "a likely scenario's own field is never overwritten by the drop-down"


def test_the_same_customers_case_can_take_this_report(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "table 7 burger came out cold", number=43)
    earlier = make_case(12, created_at=answer.case.created_at - timedelta(minutes=3))
    card = suggestion_card(dataclasses.replace(answer, same_customer=earlier))
    valid(card)
    assert datas(card, "merge") == [{"amends": "merge", "case": 43, "into": 12}]
    assert "table 7 already has case #12 from 3 minutes ago" in dumped(card)


# --- notices, help, lists -------------------------------------------------------------------

def test_a_notice_offers_to_log_plain_text_anyway_when_it_fits() -> None:
    card = notice_card(Notice("That doesn't read like a problem.", log_anyway="the lift is slow"))
    valid(card)
    assert datas(card, "log_anyway") == [{"amends": "log_anyway", "text": "the lift is slow"}]
    assert not buttons(notice_card(Notice("x", log_anyway="y" * 2001)))
    error = notice_card(Notice(f"Case #9 was voided by {BOB}: '{HOSTILE}'", error=True), NAMES)
    valid(error)
    assert error[0].startswith("Warning:") and texts(error)[0].startswith("⚠️ ")
    assert "Bob Floor" in texts(error)[0] and "[click](" not in dumped(error)
    no_raw_ids(error)


def test_help_lists_every_command() -> None:
    card = help_card(HELP)
    valid(card)
    shown = [fact["title"] for fact in card[1]["body"][1]["facts"]]
    assert shown == [escape(command) for command, _ in HELP.topics]


def test_a_long_list_shows_twenty_and_says_how_many_more() -> None:
    cases = tuple(make_case(number, customer_ref=f"room {number}", reporter_id=ANN) for number in range(1, 201))
    card = reply_card(CaseList("Open cases, most urgent first", cases, "none"), NAMES)
    valid(card)
    assert "(200)" in card[0] and "and 180 more" in dumped(card) and "Ann Front" in dumped(card)
    assert "#20 · " in dumped(card) and "#21 · " not in dumped(card)
    empty = reply_card(CaseList("Your cases", (), "You have no cases."))
    assert texts(empty) == ["You have no cases."]
