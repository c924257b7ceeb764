"""What the employee is told: an apology with the specifics, and what their role may give."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from bot.engine import OfflineEngine
from bot.playbook import Playbook
from handlers.console.suggest import suggest_one


def test_frontline_gets_apology_within_limit(engine: OfflineEngine, playbook: Playbook) -> None:
    suggestion = engine.suggest("table 7 burger came out cold", playbook.role("frontline"))
    assert suggestion.scenario.id == "food_quality"
    assert "burger" in suggestion.apology and "table 7" in suggestion.apology
    assert "cold" in suggestion.apology
    assert all(d.option.value <= Decimal(25) for d in suggestion.on_the_spot)
    assert suggestion.on_the_spot and not suggestion.escalate


def test_apology_names_the_order_number(engine: OfflineEngine, playbook: Playbook) -> None:
    suggestion = engine.suggest("delivery order #88231 showed up 50 min late, customer furious",
                                playbook.role("frontline"))
    assert suggestion.scenario.id == "late_delivery"
    assert "order #88231" in suggestion.apology
    assert "furious" not in suggestion.apology


def test_apology_never_reads_back_the_pasted_text(engine: OfflineEngine, playbook: Playbook) -> None:
    rant = "your idiot waiter spilled wine all over my dress and laughed, worst place ever"
    suggestion = engine.suggest(rant, playbook.role("frontline"))
    assert "idiot" not in suggestion.apology and "worst" not in suggestion.apology


def test_higher_role_may_give_more_on_the_spot(engine: OfflineEngine, playbook: Playbook) -> None:
    text = "we overbooked and gave away the room the couple booked months ago"
    frontline = engine.suggest(text, playbook.role("frontline"))
    manager = engine.suggest(text, playbook.role("manager"))
    assert frontline.scenario.id == manager.scenario.id == "booking_problem"
    assert len(manager.on_the_spot) > len(frontline.on_the_spot)
    assert all("needs" in d.reason or "limit" in d.reason for d in frontline.needs_approval)


def test_given_so_far_counts_against_the_limit(engine: OfflineEngine, playbook: Playbook) -> None:
    fresh = engine.suggest("cold soup tbl 4", playbook.role("frontline"))
    used = engine.suggest("cold soup tbl 4", playbook.role("frontline"), given=Decimal(20))
    assert len(used.on_the_spot) < len(fresh.on_the_spot)


def test_wait_length_is_quoted(engine: OfflineEngine, playbook: Playbook) -> None:
    suggestion = engine.suggest("caller was on hold 40 mins before anyone picked up",
                                playbook.role("frontline"))
    assert suggestion.scenario.id == "long_wait"
    assert "40 minutes" in suggestion.apology


def test_suggest_json_carries_the_fields_the_next_issues_fill(engine: OfflineEngine) -> None:
    answer = suggest_one(engine, "table 7 burger came out cold", "frontline")
    assert answer["scenario"] == "food_quality" and "burger" in answer["apology"]
    assert answer["language"] == "en" and answer["also"] == [] and answer["safety_steps"] == []
    guide = answer["guide"]
    assert guide["empathy"] and len(guide["questions"]) == 2 and len(guide["alternatives"]) == 2
    assert guide["closing"]
    assert answer["recommended"] == answer["compensation"][0]["id"] == "food_quality.1"
    safety = suggest_one(engine, "guest slipped on the wet floor by the bar and cut her head", "frontline")
    assert safety["escalate"] and safety["compensation"] == [] and safety["recommended"] is None


def test_the_brief_holds_decisions_and_the_playbook_words_say_when_they_are_not_in_its_language(
        engine: OfflineEngine, playbook: Playbook) -> None:
    decided = engine.decide("table 7 burger came out cold", playbook.role("frontline"))
    assert [o.id for o in decided.brief.options] == ["food_quality.1", "food_quality.2", "food_quality.3"]
    assert decided.brief.options[0].value == Decimal(15) and decided.confirmed
    spanish = engine.words(dataclasses.replace(decided.brief, language="es"))
    assert spanish.language == "es" and not spanish.note and "mesa 7" in spanish.apology
    italian = engine.words(dataclasses.replace(decided.brief, language="it"))
    assert italian.language == "en" and "`it`" in italian.note and "burger" in italian.apology
