"""Approval requests, alerts, modals and App Home as Slack would receive them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.commands import OUTCOMES, ROOT_CAUSES
from bot.playbook import Playbook
from handlers.slack.alert_blocks import alert_blocks, approval_decided_blocks, approval_request_blocks
from handlers.slack.views import home_view, report_modal, resolve_modal
from tests.blockkit import (
    AT,
    HOSTILE,
    assert_safe,
    buttons,
    make_case,
    make_offer,
    text_of,
    valid_message,
    valid_view,
)


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
