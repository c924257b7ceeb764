"""Slack Block Kit for the core's replies: valid by slack_sdk's own models, safe, within limits."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import cast

import pytest

from bot.commands import OUTCOMES, ROOT_CAUSES
from bot.engine import OfflineEngine
from bot.help import HELP
from bot.playbook import Playbook
from bot.replies import CaseCard, CaseList, Notice, Reply
from bot.suggestion import Suggestion, reporter_options
from bot.words import Guide, Words
from handlers.slack.alert_blocks import alert_blocks, approval_decided_blocks, approval_request_blocks
from handlers.slack.blocks import (
    clip,
    escape,
    help_blocks,
    notice_blocks,
    reply_blocks,
    suggestion_blocks,
)
from handlers.slack.case_blocks import case_card_blocks, case_detail_blocks, case_list_blocks
from handlers.slack.views import report_modal, resolve_modal
from tests.blockkit import (
    AT,
    HOSTILE,
    Message,
    assert_safe,
    buttons,
    make_case,
    make_event,
    make_offer,
    reported,
    text_of,
    valid_message,
    valid_view,
)


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
    answer = reported(engine, playbook, "guest in room 214 says the room was not cleaned")
    assert answer.suggestion.needs_approval, "the room scenario has options above frontline"
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
    decided = dataclasses.replace(answer.suggestion.decided, on_the_spot=many)
    answer = dataclasses.replace(answer, suggestion=dataclasses.replace(answer.suggestion, decided=decided))
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
    answer = reported(engine, playbook, "guest in room 214 says the room was not cleaned")
    case = dataclasses.replace(answer.case, status="awaiting_approval")
    offer = make_offer(case, answer.suggestion.needs_approval[0].index)
    events = tuple(make_event(case, "note", "U07FRONT1", f"step {n}", minutes=n) for n in range(12))
    card = CaseCard("Case #42", case, (offer,), events,
                    answer.suggestion.on_the_spot + answer.suggestion.needs_approval)
    blocks = valid_message(case_detail_blocks(card))
    text = text_of(blocks)
    assert blocks[0]["text"]["text"].startswith("*#42 · Room not ready*")
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


# --- the words on cards ---------------------------------------------------------------------

def test_the_reporters_card_shows_the_stored_words_not_a_fresh_answer(engine: OfflineEngine,
                                                                     playbook: Playbook) -> None:
    case = make_case(given_cents=1500)
    stored = Words(apology="Lo siento mucho por su hamburguesa.", explanation="La rehacemos ya.",
                   guide=Guide(questions=("¿Quiere otra cosa mientras espera?",)),
                   recommended="food_quality.3", language="es", writer="llm")
    options = reporter_options(playbook, case)
    blocks = valid_message(case_card_blocks(case, [], words=stored, options=options))
    text = text_of(blocks)
    assert "Lo siento mucho por su hamburguesa." in text and "Quiere otra cosa" in text
    assert "burger" not in text.split("Lo siento")[1], "nothing re-ran the offline engine"
    marked = [block["text"]["text"] for block in blocks if "try this first" in block.get("text", {}).get("text", "")]
    assert len(marked) == 1 and marked[0].startswith("*3.*")
    on_the_spot = [value for action, value, _ in buttons(blocks) if action == "offer"]
    assert on_the_spot == ["42:2"], "$15 already given: only the $8 option still fits the $25 limit"
    team_card = text_of(valid_message(case_card_blocks(case, [])))
    assert "Lo siento" not in team_card and "Say:" not in team_card


def test_safety_steps_come_before_what_to_say(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "guest slipped on the wet floor by the bar and cut her head",
                      status="escalated")
    steps = answer.suggestion.words.safety_steps
    assert len(steps) >= 4, "the playbook's steps for a fall come with the answer"
    texts = [block.get("text", {}).get("text", "") for block in valid_message(suggestion_blocks(answer))]
    safety = next(n for n, text in enumerate(texts) if "Safety first" in text)
    say = next(n for n, text in enumerate(texts) if text.startswith("*Say:*"))
    assert safety < say and f"1. {escape(steps[0])}" in texts[safety]
    assert f"2. {escape(steps[1])}" in texts[safety]


def test_case_detail_shows_the_latest_words(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "table 7 burger came out cold")
    card = CaseCard("Case #42", answer.case, (), (), (), words=answer.suggestion.words)
    text = text_of(valid_message(reply_blocks(card)))
    assert "*Say:*" in text and "burger" in text and "*Explain:*" in text


def test_an_unknown_reply_kind_fails_loudly() -> None:
    with pytest.raises(AssertionError):
        reply_blocks(cast(Reply, "not a reply"))


def test_the_reporter_sees_the_guide_the_optional_lines_and_a_language_choice(
        engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "tbl 12 waited 50 min for mains")
    blocks = valid_message(suggestion_blocks(answer))
    text = text_of(blocks)
    assert "*Ask:*" in text and "*Offer instead:*" in text
    assert "Only if true, you may add" in text
    assert all(escape(line) in text for _, line in answer.suggestion.brief.fill_ins)
    select = next(e for b in blocks for e in b.get("elements", []) if e.get("action_id") == "words_language")
    assert select["initial_option"]["value"] == "42:en"
    assert {o["value"] for o in select["options"]} == {f"42:{code}" for code in ("en", "es", "fr", "de", "pt")}
