"""Slack Block Kit for the core's replies: valid by slack_sdk's own models, safe, within limits."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.commands import OUTCOMES, ROOT_CAUSES
from bot.engine import OfflineEngine
from bot.help import HELP
from bot.playbook import Playbook
from bot.replies import CaseCard, CaseList, Notice, Reported
from bot.suggestion import Suggestion
from handlers.slack.alert_blocks import alert_blocks, approval_decided_blocks, approval_request_blocks
from handlers.slack.blocks import (
    case_card_blocks,
    case_detail_blocks,
    case_list_blocks,
    clip,
    escape,
    help_blocks,
    notice_blocks,
    reply_blocks,
    suggestion_blocks,
)
from handlers.slack.views import home_view, report_modal, resolve_modal
from store.records import CaseRecord, EventRecord, OfferRecord

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
HOSTILE = "<!channel> <!here> <@U123> <https://evil.example|click me> & table 7 burger came out cold"
UNSAFE = ("<!channel>", "<!here>", "<@U123>", "<https://evil")

Message = tuple[str, list[dict[str, Any]]]


def make_case(number: int = 42, **changes: Any) -> CaseRecord:
    case = CaseRecord(
        id=number + 1000, workspace_id="T0HOTEL", number=number, status="open",
        scenario="food_quality", confidence=0.91, runner_up=None, team="kitchen", severity="low",
        text="table 7 burger came out cold, guest is annoyed", customer_ref="table 7",
        amount_paid_cents=4500, currency="USD", given_cents=0, reporter_id="U07FRONT1",
        reporter_role="frontline", owner_id="U07FRONT1", platform="slack", channel_id="C07FLOOR",
        source_key="Ev123", root_cause=None, outcome=None, resolution_note=None, created_at=AT,
        due_at=AT + timedelta(minutes=30), resolved_at=None)
    return dataclasses.replace(case, **changes)


def make_offer(case: CaseRecord, index: int = 2, status: str = "pending", **changes: Any) -> OfferRecord:
    offer = OfferRecord(
        id=7, case_id=case.id, workspace_id=case.workspace_id, option_index=index, kind="refund",
        description="Refund the meal", value_cents=4500, currency="USD", status=status,
        requested_by="U07FRONT1", decided_by=None, created_at=AT + timedelta(minutes=5),
        decided_at=None)
    return dataclasses.replace(offer, **changes)


def make_event(case: CaseRecord, kind: str, actor: str, detail: str = "", minutes: int = 0) -> EventRecord:
    return EventRecord(id=minutes + 1, case_id=case.id, workspace_id=case.workspace_id, kind=kind,
                       actor_id=actor, actor_role="frontline", platform="slack",
                       channel_id="C07FLOOR", at=AT + timedelta(minutes=minutes), detail=detail)


def reported(engine: OfflineEngine, playbook: Playbook, text: str, role: str = "frontline",
             **changes: Any) -> Reported:
    suggestion = engine.suggest(text, playbook.role(role))
    case = make_case(text=text, scenario=suggestion.scenario.id, team=suggestion.scenario.team,
                     confidence=suggestion.classification.confidence,
                     runner_up=suggestion.classification.runner_up, **changes)
    return Reported(case=case, suggestion=suggestion)


def walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def valid_message(answer: Message) -> list[dict[str, Any]]:
    """Every block parses and validates with slack_sdk, and stays within Slack's limits."""
    fallback, blocks = answer
    assert fallback and len(fallback) <= 3000
    assert 0 < len(blocks) <= 50
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, block
        parsed.validate_json()
        assert parsed.to_dict()  # validates every nested element too
    within_limits(blocks)
    block_ids = [block["block_id"] for block in blocks if "block_id" in block]
    assert len(block_ids) == len(set(block_ids))
    return blocks


def valid_view(view: dict[str, Any]) -> dict[str, Any]:
    parsed = View(**view)
    parsed.validate_json()
    assert parsed.to_dict()
    assert 0 < len(view["blocks"]) <= 100
    within_limits(view["blocks"])
    return view


def within_limits(blocks: list[dict[str, Any]]) -> None:
    for node in walk(blocks):
        if node.get("type") in ("mrkdwn", "plain_text"):
            assert len(node["text"]) <= 3000
        if node.get("type") == "header":
            assert len(node["text"]["text"]) <= 150
        if node.get("type") == "button":
            assert len(node["text"]["text"]) <= 75 and len(node["value"]) <= 2000
        if node.get("type") == "plain_text_input":
            assert node.get("max_length", 3000) <= 3000
            assert len(node.get("initial_value", "")) <= node.get("max_length", 3000)
        if node.get("type") == "actions":
            ids = [element["action_id"] for element in node["elements"]]
            assert len(ids) == len(set(ids))


def buttons(blocks: list[dict[str, Any]]) -> list[tuple[str, str, str | None]]:
    return [(node["action_id"], node["value"], node.get("style"))
            for node in walk(blocks) if node.get("type") == "button"]


def text_of(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def assert_safe(answer: Message) -> None:
    fallback, blocks = answer
    for unsafe in UNSAFE:
        assert unsafe not in fallback
        assert unsafe not in text_of(blocks)


# --- text -----------------------------------------------------------------------------------

def test_escape_turns_slack_control_characters_into_entities_and_nothing_else() -> None:
    assert escape("<!channel> & <@U1> *hot* _soup_ :fire:") == \
        "&lt;!channel&gt; &amp; &lt;@U1&gt; *hot* _soup_ :fire:"
    assert escape("<https://x|y>") == "&lt;https://x|y&gt;"


def test_clip_keeps_short_text_and_marks_what_it_cut() -> None:
    assert clip("cold soup", 20) == "cold soup"
    assert clip("cold soup at table 7", 10) == "cold soup…"
    assert len(clip("x" * 5000, 3000)) == 3000


# --- the answer to /recover -----------------------------------------------------------------

def test_suggestion_puts_the_case_and_what_to_say_first(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "table 7 burger came out cold")
    blocks = valid_message(suggestion_blocks(answer))
    assert "Case #42 logged" in blocks[0]["text"]["text"] and "table 7" in blocks[0]["text"]["text"]
    texts = [block.get("text", {}).get("text", "") for block in blocks]
    say = next(n for n, text in enumerate(texts) if text.startswith("*Say:*"))
    assert say <= 2 and "burger" in texts[say] and texts[say + 1].startswith("*Explain:*")
    assert "<!date^" in text_of(blocks)


def test_on_the_spot_options_have_offer_buttons_with_case_and_index(engine: OfflineEngine,
                                                                    playbook: Playbook) -> None:
    answer = reported(engine, playbook, "table 7 burger came out cold")
    blocks = valid_message(suggestion_blocks(answer))
    offers = [(action, value) for action, value, _ in buttons(blocks) if action == "offer"]
    assert offers == [("offer", f"42:{d.index}") for d in answer.suggestion.on_the_spot]
    assert ("resolve", "42", None) in buttons(blocks)
    assert ("escalate", "42", "danger") in buttons(blocks)


def test_options_above_the_limit_ask_a_manager(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "guest in room 214 was charged twice for dinner")
    assert answer.suggestion.needs_approval, "the billing scenario has options above frontline"
    blocks = valid_message(suggestion_blocks(answer))
    requests = [(value, style) for action, value, style in buttons(blocks) if action == "request_approval"]
    assert requests == [(f"42:{d.index}", None) for d in answer.suggestion.needs_approval]
    reasons = text_of(blocks)
    assert all(escape(d.reason) in reasons for d in answer.suggestion.needs_approval)


def test_a_safety_incident_offers_nothing_on_the_spot(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "guest slipped on the wet floor by the bar and cut her head",
                      status="escalated")
    assert answer.suggestion.scenario.id == "safety_incident"
    blocks = valid_message(suggestion_blocks(answer))
    actions = [action for action, _, _ in buttons(blocks)]
    assert "offer" not in actions and "escalate" not in actions
    assert "resolve" in actions
    assert "goes to a manager now" in text_of(blocks[:3])


def test_a_repeated_report_says_it_was_already_logged(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = dataclasses.replace(reported(engine, playbook, "table 7 burger came out cold"), duplicate=True)
    assert "already logged" in valid_message(suggestion_blocks(answer))[0]["text"]["text"]


# --- safety and limits ----------------------------------------------------------------------

def test_report_text_cannot_ping_the_channel(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, HOSTILE, customer_ref="<!channel> room 214")
    case = dataclasses.replace(answer.case, resolution_note=HOSTILE, status="resolved", resolved_at=AT)
    offer = make_offer(case)
    events = (make_event(case, "reported", "U07FRONT1", HOSTILE),
              make_event(case, "escalated", "<!channel>", HOSTILE, minutes=3))
    card = CaseCard(headline=f"Case #42 escalated by <@U07FRONT1>: {HOSTILE}", case=case,
                    offers=(offer,), events=events, options=())
    answers = [
        suggestion_blocks(answer), case_detail_blocks(card),
        case_card_blocks(case, [offer], headline=HOSTILE, suggestion=answer.suggestion),
        case_list_blocks(CaseList(f"Cases for {HOSTILE}", (case,) * 3, "none")),
        case_list_blocks(CaseList("Cases", (), f"No cases for {HOSTILE}.")),
        notice_blocks(Notice(f"'{HOSTILE}' is not an amount", error=True)),
        approval_request_blocks(case, offer, "<!channel>", HOSTILE),
        approval_decided_blocks(case, offer, "<@U123>", approved=False),
        alert_blocks(case, HOSTILE, source_channel="<!channel>", source_ts="x", alert_id="A1"),
    ]
    for rendered in answers:
        valid_message(rendered)
        assert_safe(rendered)
    assert "&lt;!channel&gt;" in text_of(answers[1][1])
    assert "<@U07FRONT1>" in text_of(answers[1][1]), "the core's own mention of the actor stays"


def test_a_4000_character_report_stays_within_limits(engine: OfflineEngine, playbook: Playbook) -> None:
    text = ("table 7 burger came out cold & <late>\n" * 120)[:4000]
    answer = reported(engine, playbook, text, customer_ref="room " + "9" * 400)
    case = dataclasses.replace(answer.case, resolution_note="n" * 4000)
    card = CaseCard("Case #42", case, (make_offer(case),), (make_event(case, "reported", "U1", text),),
                    answer.suggestion.on_the_spot + answer.suggestion.needs_approval)
    for rendered in (suggestion_blocks(answer), case_detail_blocks(card), case_card_blocks(case, []),
                     approval_request_blocks(case, make_offer(case), "U07FRONT1", text),
                     alert_blocks(None, text, source_channel="C07FEED", source_ts="1763629200.000100",
                                  alert_id="A" * 100)):
        valid_message(rendered)
    valid_view(resolve_modal(case, ROOT_CAUSES, OUTCOMES))
    view = valid_view(report_modal(text=text, scenarios=[(k, s.description) for k, s in playbook.scenarios.items()],
                                   default_scenario="food_quality", reference=case.customer_ref,
                                   private_metadata="C07FLOOR"))
    assert len(view["blocks"][0]["element"]["initial_value"]) == 3000


def test_a_200_case_list_says_how_many_more() -> None:
    cases = tuple(make_case(number, customer_ref=f"room {number}") for number in range(1, 201))
    blocks = valid_message(case_list_blocks(CaseList("Open cases, most urgent first", cases, "none")))
    text = text_of(blocks)
    assert "(200)" in text and "and 180 more" in text
    assert "#1 · " in text and "#21 · " not in text


def test_more_options_than_a_message_holds_are_cut_with_a_pointer(engine: OfflineEngine,
                                                                  playbook: Playbook) -> None:
    answer = reported(engine, playbook, "table 7 burger came out cold")
    first = answer.suggestion.on_the_spot[0]
    many = tuple(dataclasses.replace(first, index=n) for n in range(80))
    answer = dataclasses.replace(answer, suggestion=dataclasses.replace(answer.suggestion, on_the_spot=many))
    blocks = valid_message(suggestion_blocks(answer))
    assert len(blocks) == 50 and "/case 42" in text_of(blocks[-2:-1])
    assert [action for action, _, _ in buttons(blocks[-1:])] == ["resolve", "escalate"]


# --- case cards, details, lists -------------------------------------------------------------

def test_case_card_updates_show_status_given_and_outcome(engine: OfflineEngine, playbook: Playbook) -> None:
    suggestion: Suggestion = engine.suggest("table 7 burger came out cold", playbook.role("frontline"))
    case = make_case()
    open_card = valid_message(case_card_blocks(case, [], suggestion=suggestion))
    assert {"offer", "resolve", "escalate"} <= {action for action, _, _ in buttons(open_card)}
    done = dataclasses.replace(case, status="resolved", given_cents=1500, root_cause="process",
                               outcome="recovered", resolved_at=AT + timedelta(minutes=20))
    given = make_offer(done, 0, "given", description="Remake the dish, prioritised", value_cents=1500)
    blocks = valid_message(case_card_blocks(done, [given], headline="Case #42 resolved (root cause: process).",
                                            suggestion=suggestion))
    text = text_of(blocks)
    assert blocks[0]["text"]["text"].startswith("Case #42 resolved")
    assert all(word in text for word in ("Resolved", "$15", "process", "recovered", "given"))
    assert buttons(blocks) == []


def test_case_detail_shows_options_history_and_the_way_forward(engine: OfflineEngine,
                                                             playbook: Playbook) -> None:
    answer = reported(engine, playbook, "guest in room 214 was charged twice for dinner")
    case = dataclasses.replace(answer.case, status="awaiting_approval")
    offer = make_offer(case, answer.suggestion.needs_approval[0].index)
    events = tuple(make_event(case, "note", "U07FRONT1", f"step {n}", minutes=n) for n in range(12))
    card = CaseCard("Case #42", case, (offer,), events,
                    answer.suggestion.on_the_spot + answer.suggestion.needs_approval)
    blocks = valid_message(case_detail_blocks(card))
    text = text_of(blocks)
    assert blocks[0]["text"]["text"].startswith("*#42 · Billing error*")
    assert "waiting for approval" in text and "Awaiting approval" in text
    assert "step 11" in text and "step 3" not in text, "the last eight events"
    asked = offer.option_index
    assert [value for action, value, _ in buttons(blocks) if action in ("offer", "request_approval")] == \
        [f"42:{d.index}" for d in card.options if d.index != asked], "no second button for what was asked"
    assert [action for action, _, _ in buttons(blocks)][-2:] == ["resolve", "escalate"]


def test_a_spotted_case_nobody_owns_says_so() -> None:
    blocks = valid_message(case_card_blocks(make_case(owner_id="", reporter_id="U0AMENDS"), []))
    assert "*Owner*\nnobody yet" in text_of(blocks).replace("\\n", "\n")


def test_an_empty_list_says_so() -> None:
    blocks = valid_message(case_list_blocks(CaseList("Your cases", (), "You have no cases.")))
    assert blocks[0]["text"]["text"] == "You have no cases."


# --- notices and help -----------------------------------------------------------------------

def test_errors_start_with_a_warning_and_confirmations_do_not() -> None:
    fallback, blocks = valid_message_answer(notice_blocks(Notice("Case #9 isn't a case here.", error=True)))
    assert fallback.startswith(":warning:") and blocks[0]["text"]["text"].startswith(":warning:")
    _, blocks = valid_message_answer(notice_blocks(Notice("Option 1 on case #42 was already given.")))
    assert len(blocks) == 1 and not blocks[0]["text"]["text"].startswith(":warning:")


def valid_message_answer(answer: Message) -> Message:
    valid_message(answer)
    return answer


def test_help_lists_every_command_with_placeholders_escaped() -> None:
    text = text_of(valid_message(help_blocks(HELP)))
    assert "/recover &lt;what happened&gt;" in text
    assert all(command.split()[0] in text for command, _ in HELP.topics)


def test_reply_blocks_answers_every_kind_of_reply(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "table 7 burger came out cold")
    card = CaseCard("Case #42", answer.case, (), (), ())
    for reply in (Notice("done"), answer, card, CaseList("Open", (answer.case,), "none"), HELP):
        valid_message(reply_blocks(reply))


# --- approvals and alerts -------------------------------------------------------------------

def test_an_approval_request_has_approve_and_decline_for_that_offer() -> None:
    case = make_case(status="awaiting_approval")
    offer = make_offer(case, 2)
    fallback, blocks = approval_request_blocks(case, offer, "U07FRONT1", "above your $25 limit for a case")
    valid_message((fallback, blocks))
    assert buttons(blocks) == [("approve", "42:2", "primary"), ("decline", "42:2", "danger")]
    assert "<@U07FRONT1>" in text_of(blocks) and "$45" in text_of(blocks) and "#42" in fallback


def test_a_decided_request_replaces_the_buttons_with_the_verdict() -> None:
    case = make_case()
    offer = make_offer(case, 2, "given", decided_by="U07MGR1", decided_at=AT + timedelta(minutes=9))
    blocks = valid_message(approval_decided_blocks(case, offer, "U07MGR1", approved=True))
    assert buttons(blocks) == [] and "Approved" in text_of(blocks) and "<@U07MGR1>" in text_of(blocks)
    blocks = valid_message(approval_decided_blocks(case, offer, "U07MGR1", approved=False))
    assert "Declined" in text_of(blocks)


def test_an_alert_quotes_the_feedback_and_offers_to_take_the_case() -> None:
    answer = alert_blocks(None, "food was cold\nand <!here> rude staff", source_channel="C07FEED",
                          source_ts="1763629200.000100", alert_id="alert-17")
    blocks = valid_message(answer)
    assert_safe(answer)
    assert "<#C07FEED>" in text_of(blocks) and "> food was cold\\n> and &lt;!here&gt;" in text_of(blocks)
    assert buttons(blocks) == [("take_case", "alert-17", "primary")]
    taken = valid_message(alert_blocks(make_case(status="resolved"), "cold", source_channel="C07FEED",
                                       source_ts="1763629200.000100", alert_id="alert-17"))
    assert buttons(taken) == [] and "Case #42" in text_of(taken)


# --- views ----------------------------------------------------------------------------------

def test_the_resolve_modal_requires_a_root_cause_and_remembers_the_case() -> None:
    view = valid_view(resolve_modal(make_case(outcome="partly"), ROOT_CAUSES, OUTCOMES))
    assert view["callback_id"] == "resolve_case" and view["private_metadata"] == "42"
    inputs = {block["block_id"]: block for block in view["blocks"] if block["type"] == "input"}
    assert list(inputs) == ["outcome", "root_cause", "note"]
    assert inputs["root_cause"]["optional"] is False and inputs["outcome"]["optional"] is True
    assert inputs["outcome"]["element"]["initial_option"]["value"] == "partly"
    assert inputs["note"]["element"]["multiline"] is True
    assert [o["value"] for o in inputs["root_cause"]["element"]["options"]] == list(ROOT_CAUSES)


def test_the_report_modal_prefills_the_text_reference_and_the_engine_guess(playbook: Playbook) -> None:
    scenarios = [(key, scenario.description) for key, scenario in playbook.scenarios.items()]
    view = valid_view(report_modal(text=HOSTILE, scenarios=scenarios, default_scenario="food_quality",
                                   reference="table 7", private_metadata='{"channel": "C07FLOOR"}'))
    assert view["callback_id"] == "report_case" and view["title"]["text"] == "Report to Amends"
    inputs = {block["block_id"]: block["element"] for block in view["blocks"]}
    assert inputs["text"]["initial_value"] == HOSTILE, "an input holds the raw text the user edits"
    assert inputs["reference"]["initial_value"] == "table 7"
    assert inputs["scenario"]["initial_option"]["value"] == "food_quality"
    many = [(f"s{n}", "x" * 200) for n in range(150)]
    view = valid_view(report_modal(text="", scenarios=many, default_scenario=None, reference=None,
                                   private_metadata=""))
    assert len(view["blocks"][2]["element"]["options"]) == 100
    assert "initial_value" not in view["blocks"][0]["element"]


def test_home_shows_my_cases_and_for_managers_the_team_overdue_first() -> None:
    mine = [make_case(1, customer_ref="<!channel>")]
    team = [make_case(n) for n in range(1, 201)]
    overdue = {team[150].id, team[199].id}
    frontline = valid_view(home_view(mine=mine, team=team, overdue_ids=overdue, awaiting=[],
                                     is_manager=False))
    assert frontline["type"] == "home" and "Team" not in text_of(frontline["blocks"])
    assert "&lt;!channel&gt;" in text_of(frontline["blocks"]) and "<!channel>" not in text_of(frontline["blocks"])
    manager = valid_view(home_view(mine=[], team=team, overdue_ids=overdue, awaiting=team[:3],
                                   is_manager=True))
    text = text_of(manager["blocks"])
    assert "2 overdue" in text and "and 185 more" in text and "Waiting for approval* (3)" in text
    team_part = text.split("Team's open cases")[1]
    assert team_part.index("#151 · ") < team_part.index("#1 · "), "overdue first"



@pytest.mark.parametrize("seconds", ["1763629200.000100", "not-a-ts", "1e400"])
def test_alert_times_are_slack_date_tokens_or_left_out(seconds: str) -> None:
    blocks = valid_message(alert_blocks(None, "cold", source_channel="feedback", source_ts=seconds,
                                        alert_id="a1"))
    assert ("<!date^1763629200^" in text_of(blocks)) == (seconds[0] == "1" and "e" not in seconds)
