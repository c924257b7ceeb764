"""What is trained is committed: the classifier loads in milliseconds and answers exactly as if it
had counted every example at load, for the shipped data and for a playbook's own phrases."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from bot.classifier import Classification, ScenarioClassifier, calibration, committed, counts, data
from bot.classifier.heads import failure_examples, fit_failure, fit_scenarios
from bot.classifier.model import NaiveBayes

EVAL_DIR = Path(__file__).resolve().parent / "data"  # a copy of ../shared/eval's dev sets
ODD_TEXTS = ["", "   ", "🙂", "NUM", "tbl", "?!", "a" * 5000, "\x00\x01 binary \xff junk",
             "rm 1107 aircon dead, gst furious!!! comp'd breakfast, 86'd the fish",
             "el cliente de la mesa 4 dice que la sopa estaba fría",
             "der Gast in Zimmer 12 hat kein warmes Wasser", "o cliente esperou 40 minutos"]


def classifier(scenario_head: NaiveBayes, failure_head: NaiveBayes) -> ScenarioClassifier:
    """A classifier around these Naive Bayes heads and the committed linear heads."""
    return ScenarioClassifier(scenario_head, failure_head, calibration.load(), committed.load(),
                              committed.load(committed.FAILURE_FILE))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The counts of the data as it is now, written the way train.py writes them."""
    folder = tmp_path_factory.mktemp("counts")
    scenario, failure = folder / "scenario-counts.txt.gz", folder / "failure-counts.txt.gz"
    committed.write(counts.scenario_counts_text(), scenario)
    committed.write(counts.failure_counts_text(), failure)
    return scenario, failure


@pytest.fixture(scope="module")
def counted_failure() -> NaiveBayes:
    return fit_failure(failure_examples(data.shipped_feedback(), data.shipped_reports()))


def texts() -> list[str]:
    """A few hundred texts: the dev sets, every 8th shipped example, odd inputs, and word
    salads drawn from the data (fixed seed), so features in every class are looked up."""
    shipped = [text for text, _ in data.shipped_reports()[::8]]
    shipped += [text for text, _ in data.shipped_feedback()[::8]]
    dev = [json.loads(line)["text"] for name in ("reports-dev.jsonl", "feedback-dev.jsonl")
           for line in (EVAL_DIR / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    words = " ".join(shipped).split()
    rng = random.Random(9)
    salads = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 40))) for _ in range(150)]
    return dev + shipped + salads + ODD_TEXTS


def differences(first: ScenarioClassifier, second: ScenarioClassifier, cases: list[str],
                ) -> list[tuple[str, Classification, Classification]]:
    return [(text, a, b) for text in cases
            if (a := first.classify(text)) != (b := second.classify(text))]


def test_heads_read_from_committed_counts_answer_exactly_like_heads_counted_at_load(
    written: tuple[Path, Path], counted_failure: NaiveBayes,
) -> None:
    reports = data.shipped_reports()
    labels = sorted({label for _, label in reports})
    counted = classifier(fit_scenarios(reports, labels), counted_failure)
    scenario_head = counts.scenario_head(None, (), path=written[0])
    failure_head = counts.failure_head(path=written[1])
    assert scenario_head is not None and failure_head is not None
    read = classifier(scenario_head, failure_head)
    cases = texts()
    assert len(cases) >= 300
    assert read.labels == counted.labels
    assert differences(read, counted, cases) == []


def test_a_playbooks_scenarios_and_phrases_count_on_top_of_the_committed_counts(
    written: tuple[Path, Path], counted_failure: NaiveBayes,
) -> None:
    scenarios = ("price_match", "food_quality", "room_comfort", "billing_error",
                 "safety_incident", "other", "gift_wrap")
    shipped_text = data.shipped_reports()[0][0]
    extra = (("cx asking for a price match with the shop across the road", "price_match"),
             ("customer wants us to match the online price", "price_match"),
             ("soup came out lukewarm and salty", "food_quality"),
             (shipped_text, "room_comfort"),  # a shipped text again, under another scenario
             ("gift wrap for the vase please", "not_in_this_playbook"))
    pairs = list(data.shipped_reports()) + list(extra)
    labels = [label for label in scenarios if label in {label for _, label in pairs}]
    counted = classifier(fit_scenarios(pairs, labels), counted_failure)
    scenario_head = counts.scenario_head(scenarios, extra, path=written[0])
    failure_head = counts.failure_head(path=written[1])
    assert scenario_head is not None and failure_head is not None
    read = classifier(scenario_head, failure_head)
    assert read.labels == counted.labels == tuple(labels)  # gift_wrap has no example at all
    cases = texts()[::2] + [text for text, _ in extra] + ["cx wants us to match a cheaper price"]
    assert differences(read, counted, cases) == []
    assert read.classify("cx wants us to match a cheaper price").scenario == "price_match"


def test_counts_made_from_other_data_are_not_used(tmp_path: Path) -> None:
    changed = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, changed, ignore=shutil.ignore_patterns("blind", "*.gz"))
    scenario, failure = tmp_path / "scenario.txt.gz", tmp_path / "failure.txt.gz"
    committed.write(counts.scenario_counts_text(changed), scenario)
    committed.write(counts.failure_counts_text(changed), failure)
    assert counts.committed_counts(scenario, changed) is not None  # the data they came from: used
    with (changed / "reports-a.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "guest says the lift smells of fish", "scenario": "other"}) + "\n")
    counts.committed_counts.cache_clear()
    assert counts.committed_counts(scenario, changed) is None
    assert counts.scenario_head(None, (), path=scenario, data_dir=changed) is None
    assert counts.failure_head(path=failure, data_dir=changed) is None


def test_a_damaged_or_foreign_file_is_not_read_as_a_head(written: tuple[Path, Path],
                                                         tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.txt.gz"
    truncated.write_bytes(written[0].read_bytes()[:5000])
    not_gzip = tmp_path / "plain.txt.gz"
    not_gzip.write_text("scenario counts, honest\n", encoding="utf-8")
    wrong_kind = tmp_path / "weights.txt.gz"
    committed.write(committed.dumps(["fine", "failure"], {"w:cold": [-1.0, 1.0]}), wrong_kind)
    for path in (truncated, not_gzip, wrong_kind, tmp_path / "missing.txt.gz"):
        assert counts.scenario_head(None, (), path=path) is None
        assert counts.failure_head(path=path) is None
    assert committed.load(truncated) is None and committed.load(not_gzip) is None


def test_linear_weights_read_back_exactly_as_written(tmp_path: Path) -> None:
    weights = {"w:cold": [0.1234, -0.0, 0.0, 3.0, -1e-05], "c:<co": [5e-324, 1.0, -2.5, 0.0, 0.0],
               "b:no hot": [0.0, 0.0, 0.0, 0.0, 0.0]}
    path = tmp_path / "weights.txt.gz"
    committed.write(committed.dumps(["a", "b", "c", "d", "e"], weights), path)
    loaded = committed.load(path)
    assert loaded is not None
    labels, rows = loaded
    assert labels == ("a", "b", "c", "d", "e") and len(rows) == 3 and "w:hot" not in rows
    assert "w:\ud800junk" not in rows and rows.get("w:\x00") is None  # binary junk: no feature
    assert {feature: list(rows[feature]) for feature in rows} == weights
    assert str(rows["w:cold"][1]) == "-0.0"  # the sign of zero survives too
    again = tmp_path / "again.txt.gz"
    committed.write(committed.dumps(["a", "b", "c", "d", "e"], dict(reversed(weights.items()))), again)
    assert again.read_bytes() == path.read_bytes()  # same weights, same bytes: a diff means a change


def test_committed_counts_are_what_retraining_gives() -> None:
    # Stale after any change to the training data or the feature pipeline until
    # `python -m bot.classifier.train` is run; the engine then counts at load (slowly) meanwhile.
    assert committed.read_text(counts.SCENARIO_COUNTS) == counts.scenario_counts_text()
    assert committed.read_text(counts.FAILURE_COUNTS) == counts.failure_counts_text()

