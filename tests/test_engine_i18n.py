"""The offline engine reads the five languages, flags safety on its own, and names further
problems. Sentences here are written for the tests, not taken from the training data."""

from __future__ import annotations

import pytest

from bot.classifier import ScenarioClassifier


@pytest.fixture(scope="module")
def engine() -> ScenarioClassifier:
    return ScenarioClassifier.load()


@pytest.mark.parametrize(("text", "language"), [
    ("the guest in 412 says the shower is stone cold", "en"),
    ("la señora de la mesa 9 dice que el filete llegó crudo por dentro", "es"),
    ("le client de la 23 attend son plat depuis quarante minutes", "fr"),
    ("Gast auf Zimmer 118 sagt, die Heizung geht nicht", "de"),
    ("a cliente da mesa 5 reclamou que a pizza veio fria", "pt"),
    ("mesa 2 dice que el pollo vino crudo y ya es la segunda vez", "es"),
    ("mesa 2 disse que o frango veio cru e já é a segunda vez", "pt"),
])
def test_the_report_language_is_named(engine: ScenarioClassifier, text: str, language: str) -> None:
    assert engine.classify(text).language == language


def test_a_bare_number_falls_back_to_english(engine: ScenarioClassifier) -> None:
    assert engine.classify("214").language == "en"


@pytest.mark.parametrize(("text", "scenario"), [
    ("la señora de la mesa 9 dice que el filete llegó crudo por dentro", "food_quality"),
    ("le client de la 23 attend son plat depuis quarante minutes", "long_wait"),
    ("Gast auf Zimmer 118 sagt, die Heizung geht nicht", "room_comfort"),
    ("a cliente da mesa 5 reclamou que a pizza veio fria", "food_quality"),
    ("cobraron dos veces la misma cuenta a la mesa 3", "billing_error"),
    ("on nous a facturé deux fois le même repas", "billing_error"),
])
def test_reports_in_other_languages_find_their_scenario(engine: ScenarioClassifier, text: str,
                                                        scenario: str) -> None:
    assert engine.classify(text).scenario == scenario


@pytest.mark.parametrize("text", [
    "smoke coming out from behind the fryer and a burning smell in the dining room",
    "la niña de la mesa 6 se cayó de la trona y se golpeó la cabeza",
    "le monsieur de la 14 dit que ses lèvres picotent depuis le dessert aux noix",
    "in der Suppe war ein Glassplitter, der Gast hat sich am Gaumen geschnitten",
    "cliente desmaiou na fila do caixa",
])
def test_a_safety_incident_is_flagged_and_becomes_the_scenario(engine: ScenarioClassifier,
                                                               text: str) -> None:
    reading = engine.classify(text)
    assert reading.safety and reading.scenario == "safety_incident" and reading.failure


@pytest.mark.parametrize("text", [
    "chair in room 210 collapsed but nobody was hurt, guest wants it swapped",
    "table 4 says the band was fire tonight but the bill is wrong",
    "la silla se rompió pero nadie se hizo daño",
])
def test_denied_harm_and_figures_of_speech_raise_no_safety_flag(engine: ScenarioClassifier,
                                                                 text: str) -> None:
    assert not engine.classify(text).safety


def test_a_report_naming_two_problems_names_the_second(engine: ScenarioClassifier) -> None:
    reading = engine.classify("order 5521 came an hour late, and the garlic bread was missing from the bag")
    assert {reading.scenario, *reading.also} >= {"late_delivery", "missing_item"}


def test_a_one_problem_report_names_nothing_else(engine: ScenarioClassifier) -> None:
    assert engine.classify("tbl 4 soup cold").also == ()


def test_the_committed_compiled_safety_rules_are_complete_and_current() -> None:
    """A start reads every safety expression from the committed file; if a phrase changed,
    `python -m bot.classifier.compiled` rewrites it (else every start compiles for seconds)."""
    import subprocess
    import sys

    probe = ("import bot.classifier.safety, bot.classifier.compiled as c; "
             "print(len(c.misses))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0", "run: python -m bot.classifier.compiled"


def test_stored_programs_match_what_python_compiles() -> None:
    import re

    from bot.classifier import compiled

    for pattern in (r"\b(?:gas (?:leak|smell)|humo|fum[ée]e)\b", r"(?P<x>a|b)c"):
        built = compiled.regex(pattern)
        again = compiled.built_from(pattern, compiled._program(pattern))
        text = "gas leak then humo and fumée, bc ac"
        assert [m.span() for m in again.finditer(text)] == \
            [m.span() for m in re.compile(pattern).finditer(text)] == \
            [m.span() for m in built.finditer(text)]
