"""The offline classifier, told as the stories frontline staff and customers produce.

Every report text here is new (not from the training files or the dev set)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.classifier import Classification, ScenarioClassifier, normalise
from bot.classifier import committed as committed_module
from bot.classifier import train as train_module
from bot.classifier.ratings import rewrite_ratings

EVAL_DIR = Path(__file__).resolve().parent / "data"  # a copy of ../shared/eval's dev sets


@pytest.fixture(scope="module")
def engine() -> ScenarioClassifier:
    return ScenarioClassifier.load()


REPORTS: dict[str, list[str]] = {
    "late_delivery": [
        "courier left the parcel at the wrong address and it still hasnt turned up 3 days later",
        "catering order for the 1pm meeting rolled in at 2:15, client livid",
    ],
    "long_wait": [
        "lady at tbl 12 been sat 50 mins and no starters yet, kitchen slammed",
        "cx on hold 35 min with the call centre before hanging up",
    ],
    "wrong_item": [
        "ordered the oak bookcase in walnut finish, got the white one",
        "cx recieved wrng size shoes, ordred 9 got 11",
    ],
    "missing_item": ["takeaway bag had no drinks and the side of slaw was missing"],
    "damaged_item": ["cx's new kettle arrived with the lid snapped off"],
    "food_quality": ["cx says the lasagne was dry and reheated, tasted like yesterdays"],
    "room_not_ready": ["gst arrived 3pm, rm 808 still being cleaned, waited in lobby till 5"],
    "room_comfort": [
        "rm 417 aircon rattling all night, gst couldnt sleep",
        "gust in rm 305 sayz the showr has no hot watter",
    ],
    "special_request_missed": [
        "requested ground floor room for wheelchair user, put on 4th floor",
    ],
    "billing_error": ["gst checked out and found the minibar charge on her card twice"],
    "booking_problem": ["guest booked for 4 ppl at 8, we have no record, fully booked"],
    "staff_behavior": ["bartender rolled his eyes at the gst and told him to wait his turn :rage:"],
    "out_of_stock": ["the headphones advertised in the flyer are gone, cx drove 40 mins for them"],
    "other": ["cx unhappy we stopped accepting cash at the till"],
}


@pytest.mark.parametrize(
    ("text", "scenario"),
    [(text, scenario) for scenario, texts in REPORTS.items() for text in texts],
)
def test_a_frontline_report_lands_in_its_scenario(
    engine: ScenarioClassifier, text: str, scenario: str
) -> None:
    assert engine.classify(text).scenario == scenario


def test_typo_ridden_report_is_still_recognised(engine: ScenarioClassifier) -> None:
    result = engine.classify("ordr sayd deliverd but cx never recieved it, drivr not answring")
    assert result.scenario == "late_delivery"


def test_channel_names_links_and_emoji_do_not_confuse_it(engine: ScenarioClassifier) -> None:
    text = "#front-desk gst in rm 1204 ac not working 🥵😡 photo (https://x.y)"
    assert engine.classify(text).scenario == "room_comfort"


@pytest.mark.parametrize(
    "text",
    [
        "gst had severe allergic reaction after the satay, epipen used, ambulance called",
        "cx slipped on spilled milk in aisle 4 and hurt his wrist",
        "3 guests from the wedding got food poisoning, vomiting all night",
        "kid cut his hand on a chipped glass at tbl 9, first aid given",
        "fire exit by the kitchen blocked with crates again",
    ],
)
def test_harm_to_a_person_is_a_safety_incident(engine: ScenarioClassifier, text: str) -> None:
    result = engine.classify(text)
    assert result.scenario == "safety_incident"
    assert result.confidence >= 0.9
    assert result.failure


@pytest.mark.parametrize(
    "text",
    [
        "cx said the gluten free request was ignored, she didnt eat it, no reaction just annoyed",
        "vegan meal requested for tbl 6, came with cheese, no allergy just not happy",
    ],
)
def test_an_ignored_diet_without_a_reaction_is_not_safety(
    engine: ScenarioClassifier, text: str
) -> None:
    assert engine.classify(text).scenario == "special_request_missed"


def test_slipped_my_mind_is_not_a_fall(engine: ScenarioClassifier) -> None:
    result = engine.classify("sorry it slipped my mind to book the taxi the gst asked for")
    assert result.scenario != "safety_incident"


@pytest.mark.parametrize(
    "text",
    [
        "Absolutely loved our stay, thank you to the whole team!",
        "Do you have parking on site?",
        "NPS 9 great service, will be back",
        "⭐⭐⭐⭐⭐ best brunch in town",
    ],
)
def test_praise_and_questions_are_not_failures(engine: ScenarioClassifier, text: str) -> None:
    assert engine.classify(text).failure is False


@pytest.mark.parametrize(
    "text",
    [
        "Food arrived cold and the driver was rude. Not ordering again.",
        "★ waited an hour for a table we had booked",
    ],
)
def test_a_complaint_is_a_failure(engine: ScenarioClassifier, text: str) -> None:
    result = engine.classify(text)
    assert result.failure is True
    assert result.failure_confidence > 0.5


@pytest.mark.parametrize(
    "text", ["ok", "Rating 7/10", "Happy Sunday everyone!", "Mahlzeit zusammen!",
             "Does the terrace have heaters in winter?"],
)
def test_small_talk_raises_no_safety_alarm(engine: ScenarioClassifier, text: str) -> None:
    """Safety has the most training examples, so a text with nothing in it about harm used to
    lean to it; the statistics now need content that reads as a failure."""
    result = engine.classify(text)
    assert result.safety is False
    assert result.failure is False
    assert result.scenario != "safety_incident"


@pytest.mark.parametrize(
    ("text", "token"),
    [("Trustpilot 5★ delivered on time", "rating_high"), ("App Store 1★ crashes", "rating_low"),
     ("Tripadvisor ●●●●● lovely", "rating_high"), ("4 ⭐ good", "rating_high"),
     ("★★☆☆☆ meh", "rating_low")],
)
def test_a_score_written_as_a_count_and_a_star_is_read_as_that_score(text: str, token: str) -> None:
    assert token in rewrite_ratings(text.lower())


def test_long_praise_is_not_mistaken_for_a_failure(engine: ScenarioClassifier) -> None:
    praise = (
        "We stayed four nights for our anniversary and everything was wonderful. The room was "
        "spotless, the bed so comfortable, breakfast had lots of choice and the staff at "
        "reception remembered our names. Thank you, we will definitely come back next year. "
    )
    assert engine.classify(praise * 3).failure is False


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n"])
def test_empty_message_is_other_with_low_confidence(
    engine: ScenarioClassifier, text: str
) -> None:
    result = engine.classify(text)
    assert result.scenario == "other"
    assert result.confidence < 0.5
    assert result.failure is False


def test_binary_junk_does_not_crash_and_is_unsure(engine: ScenarioClassifier) -> None:
    junk = bytes(range(256)).decode("latin-1") + "\x00\ufffd\ud800"
    result = engine.classify(junk)
    assert 0.0 <= result.confidence < 0.7
    assert result.failure is False


def test_gibberish_lands_in_other(engine: ScenarioClassifier) -> None:
    result = engine.classify("qwzx plorf vrundle skaa")
    assert result.scenario == "other"
    assert result.confidence < 0.5


def test_a_forty_thousand_character_paste_is_read_from_the_top(
    engine: ScenarioClassifier,
) -> None:
    paste = "guest in 512 says the heating is broken and the room is freezing. " + "x" * 40_000
    result = engine.classify(paste)
    assert result.scenario == "room_comfort"


def test_confidences_are_probabilities(engine: ScenarioClassifier) -> None:
    for texts in REPORTS.values():
        for text in texts:
            result = engine.classify(text)
            assert 0.0 <= result.confidence <= 1.0
            assert 0.0 <= result.failure_confidence <= 1.0


def test_an_unsure_answer_names_a_runner_up(engine: ScenarioClassifier) -> None:
    result = engine.classify("hello")
    assert result.confidence < 0.7
    assert result.runner_up is not None
    assert result.runner_up != result.scenario
    sure = engine.classify("tbl 4 soup stone cold and the bread was stale")
    assert sure.confidence >= 0.7 and sure.runner_up is None


def test_two_loads_give_identical_answers() -> None:
    first = ScenarioClassifier.load()
    text = "cx charged twice for the same coffee order #4471"
    assert first is ScenarioClassifier.load()  # cached
    fresh = ScenarioClassifier.load(scenarios=tuple(first.labels))
    assert fresh.classify(text) == first.classify(text)


def test_a_restricted_playbook_only_answers_with_its_scenarios() -> None:
    engine = ScenarioClassifier.load(scenarios=["late_delivery", "food_quality", "other"])
    assert set(engine.labels) == {"late_delivery", "food_quality", "other"}
    assert engine.classify("driver took 90 mins, food arrived at 9").scenario == "late_delivery"
    assert engine.classify("gst slipped on the stairs").scenario in engine.labels


def test_playbook_phrases_teach_a_new_scenario() -> None:
    extra = [
        ("cx asking for a price match with the shop across the road", "price_match"),
        ("customer wants us to match the online price", "price_match"),
        ("gst found the same room cheaper on another site, wants the rate matched", "price_match"),
    ]
    engine = ScenarioClassifier.load(extra_examples=extra)
    assert "price_match" in engine.labels
    result = engine.classify("cx says the website down the road is cheaper, wants us to match it")
    assert result.scenario == "price_match"
    assert engine.classify("tbl 4 soup cold").scenario == "food_quality"


def test_normalise_drops_addresses_and_expands_shorthand() -> None:
    text = "gst in rm 214 w/ kids :rage: pls chk photo (https://x.y) 😡 ASAP!!"
    assert normalise(text) == (
        "guest in room NUM with kids emo_angry please check photo emo_angry soon ! !"
    )


def test_committed_heads_were_made_from_this_code_and_data() -> None:
    """Refitting the calibration cross-validates everything (minutes); so the suite checks that
    the committed files were made from exactly the classifier's code and data as they are now,
    and `python -m bot.classifier.train --check` refits and compares (run it before a commit
    that touches either; the heads themselves are refitted below)."""
    recorded = train_module.FINGERPRINT_FILE.read_text(encoding="utf-8").strip()
    assert recorded == train_module.fingerprint(), "run python -m bot.classifier.train"


def test_committed_linear_weights_are_what_retraining_gives() -> None:
    # Training is seeded and summed in a fixed order, so a retrain gives the same JSON text.
    assert train_module.linear_text() == committed_module.read_text()


def test_committed_failure_weights_are_what_retraining_gives() -> None:
    assert train_module.failure_text() == committed_module.read_text(
        committed_module.FAILURE_FILE
    )


def test_a_new_playbook_scenario_beats_the_linear_head_it_is_missing_from() -> None:
    extra = [("cx wants to know if we do gift wrapping for the vase", "gift_wrap"),
             ("gst asked us to gift wrap the scarf, we dont offer it", "gift_wrap")]
    engine = ScenarioClassifier.load(extra_examples=extra)
    assert engine.classify("customer asking for gift wrapping on a candle").scenario == "gift_wrap"
    assert engine.classify("gst in rm 12 has no hot water").scenario == "room_comfort"


def _jsonl(name: str) -> list[dict[str, object]]:
    path = EVAL_DIR / name
    assert path.exists(), f"missing dev set {path}"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_dev_reports_are_classified_at_least_ninety_percent_right(
    engine: ScenarioClassifier,
) -> None:
    rows = _jsonl("reports-dev.jsonl")
    results: list[tuple[str, Classification]] = [
        (str(row["scenario"]), engine.classify(str(row["text"]))) for row in rows
    ]
    accuracy = sum(gold == got.scenario for gold, got in results) / len(results)
    assert accuracy >= 0.90
    assert all(got.scenario == "safety_incident" for gold, got in results
               if gold == "safety_incident")


def test_dev_feedback_failure_flag_is_at_least_ninety_percent_right(
    engine: ScenarioClassifier,
) -> None:
    rows = _jsonl("feedback-dev.jsonl")
    right = sum(engine.classify(str(row["text"])).failure == row["failure"] for row in rows)
    assert right / len(rows) >= 0.90
