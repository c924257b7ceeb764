"""Buttons, modals, shortcuts, mentions, DMs, listening and App Home, through the real Bolt app."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.classifier import ScenarioClassifier
from tests.slack import requests as slack
from tests.slack.app import RunningApp, assert_valid_blocks, running_app
from tests.slack.fake_api import FakeSlackApi


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[RunningApp]:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as running:
        yield running


async def report(app: RunningApp, text: str, user: str = "UANN") -> None:
    await app.post_json(slack.slash_command("/recover", text, user_id=user, channel_id="CFRONT"))


async def click(app: RunningApp, action_id: str, value: str, user: str = "UANN", *,
                ephemeral: bool = True, respond_to: str = "clicks") -> None:
    payload = slack.block_actions(action_id, value, user_id=user, channel_id="CFRONT",
                                  is_ephemeral=ephemeral, trigger_id=slack.new_trigger_id(),
                                  response_url=app.api.response_url(respond_to))
    response = await app.post(slack.interactivity(payload))
    assert response.status == 200
    await app.settle()


async def test_offer_button_records_once_even_when_double_clicked(app: RunningApp) -> None:
    await report(app, "table 7 burger came out cold")
    await click(app, "offer", "1:0")
    await click(app, "offer", "1:0")
    assert await app.rows("select option_index, status from offers") == [(0, "given")]
    assert await app.scalar("select given_cents from cases") == 1500
    answers = app.api.responses("clicks")
    assert answers[0].params["replace_original"] is True
    assert_valid_blocks(answers[0].params["blocks"])
    assert "already given" in json.dumps(answers[1].params)


async def test_approval_goes_to_managers_and_only_a_manager_can_approve(app: RunningApp) -> None:
    await report(app, "guest in 214 says the room was not cleaned")
    await app.deliver()
    await click(app, "request_approval", "1:3")
    await app.deliver()
    to_managers = [c for c in app.api.calls_to("chat.postMessage") if c.params["channel"] == "CMANAGERS"]
    assert len(to_managers) == 1
    request = to_managers[0]
    assert_valid_blocks(request.params["blocks"])
    action_ids = {e.get("action_id") for b in request.params["blocks"] for e in b.get("elements", [])}
    assert {"approve", "decline"} <= action_ids

    await click(app, "approve", "1:3", user="UANN", ephemeral=False, respond_to="denied")
    assert "can't approve" in json.dumps([c.params for c in app.api.responses("denied")])
    assert await app.scalar("select status from offers") == "pending"

    await click(app, "approve", "1:3", user="UMGR", ephemeral=False, respond_to="approved")
    await click(app, "approve", "1:3", user="UMGR", ephemeral=False, respond_to="approved")
    assert await app.rows("select status, decided_by from offers") == [("given", "UMGR")]
    assert await app.scalar("select given_cents from cases") == 15000
    await app.deliver()
    updates = app.api.calls_to("chat.update")
    assert {call.params["channel"] for call in updates} >= {"CMANAGERS", "DUANN"}
    decided = next(c for c in updates if c.params["channel"] == "CMANAGERS")
    posted_ts = await app.scalar("select message_id from case_messages where channel_id = 'CMANAGERS'")
    assert decided.params["ts"] == posted_ts
    assert "approve" not in json.dumps(decided.params["blocks"]).replace("approved", "")


async def test_resolve_button_opens_a_modal_and_the_submission_resolves(app: RunningApp) -> None:
    await report(app, "tbl 4 soup cold")
    await click(app, "resolve", "1")
    opened = app.api.last_call("views.open")
    assert opened is not None and opened.params["view"]["callback_id"] == "resolve_case"
    missing = slack.view_submission("resolve_case", {"outcome": {"outcome": slack.static_select(None)},
                                                      "root_cause": {"root_cause": slack.static_select(None)},
                                                      "note": {"note": slack.text_input(None)}},
                                    private_metadata="1", user_id="UANN")
    answer = await app.post_json(slack.interactivity(missing))
    assert answer["response_action"] == "errors" and "root_cause" in answer["errors"]
    values = {"outcome": {"outcome": slack.static_select("recovered")},
              "root_cause": {"root_cause": slack.static_select("process")},
              "note": {"note": slack.text_input("remade it, guest happy")}}
    response = await app.post(slack.interactivity(slack.view_submission(
        "resolve_case", values, private_metadata="1", user_id="UANN")))
    assert response.status == 200
    assert await app.rows("select status, root_cause, outcome, resolution_note from cases") == [
        ("resolved", "process", "recovered", "remade it, guest happy")]


async def test_message_shortcut_prefills_a_report_modal(app: RunningApp) -> None:
    review = "Waited 45 minutes for our mains at table 12, kids were starving, never again"
    shortcut = slack.message_shortcut("report_message", review, channel_id="CREVIEWS", user_id="UANN",
                                      trigger_id=slack.new_trigger_id())
    assert (await app.post(slack.interactivity(shortcut))).status == 200
    await app.settle()
    view = app.api.last_call("views.open").params["view"]  # type: ignore[union-attr]
    assert view["callback_id"] == "report_case"
    assert review in json.dumps(view)
    scenario_select = next(b for b in view["blocks"] if b.get("block_id") == "scenario")
    assert scenario_select["element"]["initial_option"]["value"] == "long_wait"

    values = {"text": {"text": slack.text_input(review)},
              "reference": {"reference": slack.text_input("table 12")},
              "scenario": {"scenario": slack.static_select("long_wait")}}
    answer = await app.post_json(slack.interactivity(slack.view_submission(
        "report_case", values, private_metadata=view["private_metadata"], user_id="UANN")))
    assert answer["response_action"] == "update"
    assert await app.rows("select scenario, customer_ref, channel_id from cases") == [
        ("long_wait", "table 12", "CREVIEWS")]


async def test_global_shortcut_opens_an_empty_report_modal(app: RunningApp) -> None:
    shortcut = slack.global_shortcut("report_new", user_id="UANN", trigger_id=slack.new_trigger_id())
    assert (await app.post(slack.interactivity(shortcut))).status == 200
    await app.settle()
    view = app.api.last_call("views.open").params["view"]  # type: ignore[union-attr]
    assert view["callback_id"] == "report_case"


async def test_mention_is_a_report_and_a_retried_event_never_makes_a_second_case(app: RunningApp) -> None:
    event = slack.app_mention_event("<@UBOT> the soup at table 9 was cold", user_id="UANN",
                                    channel_id="CFRONT")
    first = slack.event_callback(event, event_id="Ev0001")
    retry = slack.event_callback(event, event_id="Ev0001", retry_num=1)
    assert (await app.post(first)).status == 200
    assert (await app.post(retry)).status == 200
    await app.settle()
    assert await app.rows("select number, scenario, source_key from cases") == [
        (1, "food_quality", "Ev0001")]
    receipts = app.api.calls_to("chat.postEphemeral")
    assert len(receipts) == 1 and "case #1" in receipts[0].params["text"]


async def test_a_dm_to_the_bot_is_a_report_answered_in_the_dm(app: RunningApp) -> None:
    event = slack.message_event("order 4471 missing the fries", user_id="UANN", channel_id="DUANN")
    assert (await app.post(slack.event_callback(event, event_id="Ev0002"))).status == 200
    await app.deliver()
    assert await app.scalar("select scenario from cases") == "missing_item"
    cards = [c for c in app.api.calls_to("chat.postMessage") if c.params["channel"] == "DUANN"]
    assert len(cards) == 1 and "#1" in json.dumps(cards[0].params["blocks"])


async def test_a_reply_under_the_case_card_is_not_a_new_report(app: RunningApp) -> None:
    reply = slack.message_event("done, guest was happy with the dessert", user_id="UANN",
                                channel_id="DUANN", thread_ts="1700000000.000100")
    assert (await app.post(slack.event_callback(reply, event_id="EvReply"))).status == 200
    assert await app.scalar("select count(*) from cases") == 0


async def test_listened_feedback_raises_an_alert_that_someone_takes(app: RunningApp) -> None:
    praise = slack.message_event("Loved the new menu, staff were lovely!", channel_id="CFEEDBACK",
                                 channel_type="channel", subtype="bot_message", bot_id="BSURVEY")
    failure = slack.message_event("NPS 2 - order arrived cold and missing the fries",
                                  channel_id="CFEEDBACK", channel_type="channel",
                                  subtype="bot_message", bot_id="BSURVEY")
    for index, event in enumerate((praise, failure)):
        assert (await app.post(slack.event_callback(event, event_id=f"EvF{index}"))).status == 200
    assert await app.rows("select number, owner_id from cases") == [(1, "")]
    await app.deliver()
    alert = app.api.calls_to("chat.postMessage")[-1]
    assert alert.params["channel"] in ("CKITCHEN", "CDELIVERY")
    assert "take_case" in json.dumps(alert.params["blocks"])
    await click(app, "take_case", "1", user="UBOB", ephemeral=False)
    assert await app.scalar("select owner_id from cases") == "UBOB"
    assert await app.scalar("select count(*) from case_events where kind = 'assigned'") == 1


async def test_app_home_shows_my_open_cases_and_the_teams_for_managers(app: RunningApp) -> None:
    await report(app, "table 7 burger came out cold")
    await report(app, "room 301 tv broken", user="UBOB")
    for user in ("UANN", "UMGR"):
        event = slack.app_home_opened_event(user)
        assert (await app.post(slack.event_callback(event, event_id=f"EvH{user}"))).status == 200
    await app.settle()
    published = app.api.calls_to("views.publish")
    assert [c.params["user_id"] for c in published] == ["UANN", "UMGR"]
    mine, manager = (json.dumps(c.params["view"]) for c in published)
    assert "#1" in mine and "#2" not in mine
    assert "#1" in manager and "#2" in manager
    assert "Updated Fri 20 Nov, 10:00 (Europe/Paris)" in mine


async def test_escalate_button_tells_the_team_and_managers(app: RunningApp) -> None:
    await report(app, "room 508 ac broken like a sauna")
    await app.deliver()
    await click(app, "escalate", "1")
    assert await app.scalar("select status from cases") == "escalated"
    await app.deliver()
    channels = [c.params["channel"] for c in app.api.calls_to("chat.postMessage")]
    assert "CMANAGERS" in channels


async def test_safety_incident_goes_straight_to_managers_with_no_offer_buttons(app: RunningApp) -> None:
    answer = await app.post_json(slack.slash_command(
        "/recover", "kid had an allergic reaction after the cookie, parents say staff said nut free",
        user_id="UANN"))
    assert '"offer"' not in json.dumps(answer["blocks"])
    await app.deliver()
    channels = {c.params["channel"] for c in app.api.calls_to("chat.postMessage")}
    assert {"CSAFETY", "CMANAGERS", "DUANN"} <= channels


async def test_every_payload_the_bot_sends_validates_and_no_token_is_logged(
        app: RunningApp, caplog: pytest.LogCaptureFixture) -> None:
    from slack_sdk.models.views import View

    from tests.slack.app import BOT_TOKEN

    caplog.set_level("DEBUG")
    await report(app, "guest in 214 says the room was not cleaned " + "and it smelled " * 200)
    await report(app, "kid had an allergic reaction to the nuts in the cookie")
    await click(app, "request_approval", "1:3")
    await click(app, "approve", "1:3", user="UMGR", ephemeral=False)
    await click(app, "resolve", "1")
    await app.post(slack.event_callback(slack.app_home_opened_event("UMGR"), event_id="EvHome"))
    await app.post(slack.event_callback(slack.message_event("NPS 1 - rude staff, never again",
                                                            channel_id="CFEEDBACK", channel_type="channel",
                                                            subtype="bot_message", bot_id="BS"),
                                        event_id="EvFb"))
    await app.deliver()
    sent = app.api.calls_to("chat.postMessage", "chat.update", "chat.postEphemeral")
    assert len(sent) >= 8
    for call in sent:
        if "blocks" in call.params:
            assert_valid_blocks(call.params["blocks"])
    for call in app.api.calls_to("views.open", "views.publish"):
        View(**call.params["view"]).validate_json()
    for call in app.api.responses("clicks"):
        assert_valid_blocks(call.params.get("blocks", []))
    assert BOT_TOKEN not in caplog.text


async def test_the_reporter_picks_the_guests_language_and_the_card_is_replaced(app: RunningApp) -> None:
    await report(app, "table 7 soup came out cold")
    payload = slack.block_actions("words_language", None, user_id="UANN", channel_id="CFRONT",
                                  is_ephemeral=True, action_type="static_select",
                                  selected_option={"text": {"type": "plain_text", "text": "Español"},
                                                   "value": "1:es"},
                                  response_url=app.api.response_url("language"))
    response = await app.post(slack.interactivity(payload))
    assert response.status == 200
    await app.settle()
    replaced = app.api.responses("language")[-1].params
    assert replaced["replace_original"] is True
    assert_valid_blocks(replaced["blocks"])
    assert "mesa 7" in json.dumps(replaced["blocks"], ensure_ascii=False)
    assert await app.rows("select version, language from case_words order by version") == [
        (1, "en"), (2, "es")]
    forged = slack.block_actions("words_language", None, user_id="UANN", channel_id="CFRONT",
                                 action_type="static_select",
                                 selected_option={"text": {"type": "plain_text", "text": "x"},
                                                  "value": "1:xx"})
    assert (await app.post(slack.interactivity(forged))).status == 400


async def test_small_talk_in_a_dm_opens_no_case_until_the_reporter_taps_log_it(app: RunningApp) -> None:
    event = slack.message_event("thanks for covering for me tonight", user_id="UANN", channel_id="DUANN")
    assert (await app.post(slack.event_callback(event, event_id="Ev0003"))).status == 200
    await app.deliver()
    assert await app.scalar("select count(*) from cases") == 0
    answer = [c for c in app.api.calls_to("chat.postMessage") if c.params["channel"] == "DUANN"][-1]
    assert_valid_blocks(answer.params["blocks"])
    button = next(e for b in answer.params["blocks"] for e in b.get("elements", [])
                  if e.get("action_id") == "log_anyway")
    assert button["value"] == "thanks for covering for me tonight"
    for _ in range(2):  # a double tap logs it once
        await app.post(slack.interactivity(slack.block_actions(
            "log_anyway", button["value"], user_id="UANN", channel_id="DUANN",
            message_ts="1700000000.000100", response_url=app.api.response_url("logged"))))
        await app.settle()
    assert await app.scalar("select count(*) from cases") == 1


async def test_the_reporter_picks_the_scenario_when_the_engine_was_not_sure(app: RunningApp) -> None:
    text = "the order and the room both had issues"
    await report(app, text)
    assert await app.scalar("select confirmed from cases") in (False, 0)
    runner_up = ScenarioClassifier.load().classify(text).runner_up
    assert runner_up is not None
    await click(app, "pick_scenario", f"1:{runner_up}", respond_to="picked")
    assert await app.scalar("select scenario from cases") == runner_up
    assert await app.scalar("select confirmed from cases") in (True, 1)
    assert_valid_blocks(app.api.responses("picked")[-1].params["blocks"])


async def test_app_home_shows_a_manager_what_waits_for_their_approval(app: RunningApp) -> None:
    await report(app, "guest in 214 says the room was not cleaned")
    await click(app, "request_approval", "1:3")
    event = slack.app_home_opened_event("UMGR")
    assert (await app.post(slack.event_callback(event, event_id="EvHW"))).status == 200
    await app.settle()
    view = json.dumps(app.api.calls_to("views.publish")[-1].params["view"])
    assert "approval" in view.lower() and "#1" in view


async def test_the_same_table_twice_is_added_to_the_first_case_with_one_tap(app: RunningApp) -> None:
    await report(app, "table 7 soup came out cold")
    await report(app, "table 7 the soup is cold again", user="UBOB")
    await click(app, "merge_case", "2:1", user="UBOB", respond_to="merged")
    assert await app.rows("select number, status, merged_into from cases order by number") == [
        (1, "open", None), (2, "merged", 1)]
    assert_valid_blocks(app.api.responses("merged")[-1].params["blocks"])


async def test_undo_void_and_assign_work_as_slash_commands(app: RunningApp) -> None:
    await report(app, "table 7 soup came out cold")
    await app.post_json(slack.slash_command("/case", "1 offer 3", user_id="UANN", channel_id="CFRONT"))
    assert await app.scalar("select given_cents from cases") == 800
    await app.post_json(slack.slash_command("/case", "1 undo", user_id="UANN", channel_id="CFRONT"))
    assert await app.scalar("select given_cents from cases") == 0
    await app.post_json(slack.slash_command("/case", "1 assign @UBOB", user_id="UANN", channel_id="CFRONT"))
    assert await app.scalar("select owner_id from cases") == "UBOB"
    await app.post_json(slack.slash_command("/case", "1 void test entry", user_id="UMGR", channel_id="CFRONT"))
    assert await app.scalar("select status from cases") == "void"


async def test_a_reason_after_request_reaches_the_managers_channel(app: RunningApp) -> None:
    await report(app, "guest in 214 says the room was not cleaned")
    await app.post_json(slack.slash_command("/case", "1 request 3 regulars, they stay every month",
                                            user_id="UANN", channel_id="CFRONT"))
    await app.deliver()
    asked = [c for c in app.api.calls_to("chat.postMessage") if c.params["channel"] == "CMANAGERS"]
    assert asked and "regulars, they stay every month" in json.dumps(asked[-1].params)
    assert_valid_blocks(asked[-1].params["blocks"])
