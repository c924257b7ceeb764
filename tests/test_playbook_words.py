"""Every shipped playbook's words, in every language it carries, as a guest would hear them.

The words are read aloud by staff who do not know why something went wrong. So an explanation
may say what the employee will do, never a cause, a past action or another team's action; an
apology takes responsibility without promising what the options don't give; a safety apology
shows care without admitting fault. These checks are phrase lists per language: they catch the
ways such sentences are usually built, and the blind read by a trainer catches the rest.
"""

from __future__ import annotations

import re
import string
from decimal import Decimal

import pytest

from bot.classifier import Classification
from bot.phrasing import LANGUAGES
from bot.playbook import Playbook, load_playbook
from bot.playbook.loader import shipped_playbooks
from bot.policy import EmpowermentPolicy
from bot.references import CustomerReference
from bot.specifics import Specifics
from bot.suggestion import decide, playbook_words
from bot.wording_rules import admits_fault, asserts_unknown, promises

SHIPPED = {name: load_playbook(path) for name, path in shipped_playbooks().items()}

TABLE_7 = CustomerReference("table", "7")
ROOM_214 = CustomerReference("room", "214")


def _reading(scenario: str, language: str) -> Classification:
    return Classification(scenario, 0.95, None, True, 0.95, safety=scenario == "safety_incident",
                          language=language)


def _words(playbook: Playbook, scenario: str, language: str, specifics: Specifics, text: str = ""):
    decided = decide(playbook, EmpowermentPolicy(playbook), _reading(scenario, language),
                     specifics, playbook.lowest_role, text or "a report")
    return playbook_words(decided.brief)


def _cases() -> list[tuple[str, str, str]]:
    return [(name, scenario, language) for name, playbook in SHIPPED.items()
            for scenario in playbook.scenarios for language in LANGUAGES]


def test_every_business_has_a_playbook() -> None:
    assert set(SHIPPED) == {"default", "restaurant", "hotel", "retail", "delivery"}


@pytest.mark.parametrize(("name", "scenario", "language"), _cases())
def test_words_exist_in_every_language_and_render_cleanly(name: str, scenario: str, language: str) -> None:
    playbook = SHIPPED[name]
    assert language in playbook.scenarios[scenario].words, f"{name}/{scenario} has no {language} words"
    for specifics in (Specifics(None, None, None, None),
                      Specifics(TABLE_7, "soup", "cold", "40 minutes", typed_item="sopa")):
        words = _words(playbook, scenario, language, specifics, "waited 40 min")
        assert words.language == language and not words.note
        said = [words.apology, words.explanation, words.guide.empathy, *words.guide.questions,
                *words.guide.alternatives, words.guide.closing]
        for line in said:
            assert line.strip(), f"{name}/{scenario}/{language}: an empty line"
            assert not any(name for _, name, _, _ in string.Formatter().parse(line) if name), line
            assert "  " not in line and " ." not in line and "()" not in line, line
        assert len(words.guide.questions) >= 1 and len(words.guide.alternatives) >= 1


@pytest.mark.parametrize(("name", "scenario", "language"), _cases())
def test_explanations_assert_nothing_the_employee_does_not_know(name: str, scenario: str,
                                                                 language: str) -> None:
    words = SHIPPED[name].scenarios[scenario].words[language]
    found = asserts_unknown(words.explanation, language)
    assert found is None, f"{name}/{scenario}/{language} explanation says {found!r}: {words.explanation}"


@pytest.mark.parametrize(("name", "scenario", "language"), _cases())
def test_apologies_promise_nothing_the_options_do_not_give(name: str, scenario: str,
                                                           language: str) -> None:
    words = SHIPPED[name].scenarios[scenario].words[language]
    for line in (words.apology, words.explanation, words.closing, *words.alternatives):
        found = promises(line, language)
        assert found is None, f"{name}/{scenario}/{language} promises {found!r}: {line}"


@pytest.mark.parametrize(("name", "language"), [(n, lang) for n in SHIPPED for lang in LANGUAGES])
def test_safety_words_show_care_without_admitting_fault(name: str, language: str) -> None:
    words = SHIPPED[name].scenarios["safety_incident"].words[language]
    for line in (words.apology, words.explanation):
        found = admits_fault(line, language)
        assert found is None, f"{name}/{language} safety words admit fault ({found!r}): {line}"


@pytest.mark.parametrize(("name", "scenario", "language"), _cases())
def test_the_table_or_room_typed_is_in_the_apology(name: str, scenario: str, language: str) -> None:
    for reference, number in ((TABLE_7, "7"), (ROOM_214, "214")):
        words = _words(SHIPPED[name], scenario, language, Specifics(reference, None, None, None))
        assert re.search(rf"\b{number}\b", words.apology), f"{name}/{scenario}/{language}: {words.apology}"


@pytest.mark.parametrize("name", list(SHIPPED))
def test_safety_incidents_come_with_emergency_and_first_aid_steps(name: str) -> None:
    playbook = SHIPPED[name]
    decided = decide(playbook, EmpowermentPolicy(playbook), _reading("safety_incident", "es"),
                     Specifics(TABLE_7, None, None, None), playbook.lowest_role,
                     "mesa 7 el cliente tiene los labios hinchados y usa su EpiPen",
                     emergency_number="112")
    steps = decided.brief.safety_steps
    assert any("112" in step for step in steps), steps
    assert any(re.search(r"epipen|auto-?injector|first aid", step, re.IGNORECASE) for step in steps)
    assert not decided.on_the_spot
    for kind, listed in playbook.safety_steps.items():
        assert len(listed) >= 4, f"{name}: {kind} has too few steps"


@pytest.mark.parametrize("name", [name for name, p in SHIPPED.items() if "food_quality" in p.scenarios])
def test_a_remake_of_a_latte_is_within_frontline_power(name: str) -> None:
    playbook = SHIPPED[name]
    policy = EmpowermentPolicy(playbook)
    scenario = playbook.scenarios["food_quality"]
    decisions = policy.decide_all(scenario, playbook.lowest_role, Decimal(0), Decimal("4.50"))
    remakes = [d for d in decisions if d.option.pricing == "share_of_paid"]
    assert remakes and all(d.amount == Decimal("4.50") and d.on_the_spot for d in remakes)


@pytest.mark.parametrize("name", list(SHIPPED))
def test_no_option_is_offered_twice_in_a_scenario(name: str) -> None:
    for scenario in SHIPPED[name].scenarios.values():
        described = [option.description for option in scenario.compensation]
        assert len(described) == len(set(described)), f"{name}/{scenario.id}: {described}"
