"""The engine's report card: calibration error, the reliability table, figures per language and
kind, and the eval script a maintainer runs. Inputs are small and made by hand, so every
expected figure can be worked out on paper."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.classifier import Classification
from bot.classifier.calibration import (
    Calibration,
    ConfidenceMap,
    Temperature,
    band_of,
    choose_confidence_map,
    dumps,
    expected_calibration_error,
    fit,
    fit_confidence_map,
    load,
    reliability,
)
from bot.classifier.model import Scores
from scripts import eval_engine
from scripts.eval_engine import FeedbackLine, ReportLine

ROOT = Path(__file__).resolve().parents[1]


def _answers(confidence: float, right: int, wrong: int) -> list[tuple[float, bool]]:
    return [(confidence, True)] * right + [(confidence, False)] * wrong


def test_an_engine_right_as_often_as_it_says_has_no_calibration_error() -> None:
    answers = _answers(0.95, 19, 1) + _answers(0.8, 4, 1) + _answers(0.5, 3, 3) + _answers(0.25, 1, 3)
    assert expected_calibration_error(answers) == pytest.approx(0.0, abs=1e-12)


def test_an_always_overconfident_engine_is_off_by_its_gap() -> None:
    # Says 90% and is right 60% of the time: every answer is 0.3 too sure.
    assert expected_calibration_error(_answers(0.9, 6, 4)) == pytest.approx(0.3)
    # Two bands of equal size, 0.45 and 0.5 too sure: the error is their weighted mean.
    answers = _answers(0.95, 2, 2) + _answers(0.75, 1, 3)
    assert expected_calibration_error(answers) == pytest.approx(0.5 * 0.45 + 0.5 * 0.5)


def test_no_answers_is_no_calibration_error() -> None:
    assert expected_calibration_error([]) == 0.0


def test_the_reliability_table_has_a_row_per_band_with_count_confidence_and_accuracy() -> None:
    answers = [(0.92, True), (0.98, False), (1.0, True), (0.31, False), (0.0, False)]
    table = reliability(answers)
    assert [(b.low, b.high) for b in table][:2] == [(0.0, 0.1), (0.1, 0.2)]
    assert len(table) == 10
    top = table[9]
    assert top.count == 3
    assert top.mean_confidence == pytest.approx((0.92 + 0.98 + 1.0) / 3)
    assert top.accuracy == pytest.approx(2 / 3)
    assert (table[3].count, table[3].accuracy) == (1, 0.0)
    assert table[0].count == 1
    assert table[5].count == 0 and table[5].accuracy is None and table[5].mean_confidence is None


def test_band_edges_belong_to_the_band_above() -> None:
    assert [band_of(c) for c in (0.0, 0.1, 0.3, 0.7, 0.699999, 0.9, 1.0)] == [0, 1, 3, 7, 6, 9, 9]


def test_the_fitted_temperature_makes_the_scores_as_sure_as_they_are_right() -> None:
    # The top score leads by 2 and is right 80% of the time, so the best temperature gives it
    # p = 0.8: sigmoid(2 / t) = 0.8, t = 2 / ln 4.
    scored = [(Scores([2.0, 0.0], 1.0), 0)] * 80 + [(Scores([2.0, 0.0], 1.0), 1)] * 20
    fitted = fit(scored)
    assert fitted == Temperature(float(f"{2 / 1.3862943611198906:.4g}"), 0.0)


def test_the_confidence_map_says_how_often_such_answers_were_right() -> None:
    # Says 90% and is right 6 times in 10; says 50% and is right 1 time in 2.
    fitted = fit_confidence_map(_answers(0.9, 6, 4) + _answers(0.5, 1, 1))
    assert fitted.knots == ((0.5, 0.5), (0.9, float(f"{7 / 12:.4g}")))  # (right + 1) / (n + 2)
    assert fitted.apply(0.7) == pytest.approx((0.5 + 7 / 12) / 2, abs=1e-4)  # linear between
    assert fitted.apply(0.99) == fitted.apply(0.9) and fitted.apply(0.1) == 0.5  # flat beyond


def test_the_confidence_map_never_ranks_a_surer_answer_lower() -> None:
    # 80% answers right more often than 90% ones: pooled into one block, one accuracy.
    fitted = fit_confidence_map(_answers(0.8, 9, 1) + _answers(0.9, 7, 3))
    pooled = float(f"{17 / 22:.4g}")
    assert fitted.knots == ((0.8, pooled), (0.9, pooled))  # flat across the block
    assert fitted.apply(0.85) == pooled
    assert ConfidenceMap().apply(0.42) == 0.42


def test_a_map_is_kept_only_where_it_beats_the_temperatures_on_held_out_folds() -> None:
    folds = [f for f in range(5) for _ in range(20)]
    honest = [a for _ in range(5) for a in _answers(0.8, 8, 2) + _answers(0.5, 5, 5)]
    assert choose_confidence_map(honest, folds) == ConfidenceMap()
    overconfident = [a for _ in range(5) for a in _answers(0.95, 6, 4) + _answers(0.6, 3, 7)]
    chosen = choose_confidence_map(overconfident, folds)
    assert chosen.apply(0.95) == pytest.approx(0.6, abs=0.02)


def test_calibration_json_round_trips_and_a_broken_map_is_no_map(tmp_path: Path) -> None:
    fitted = Calibration(Temperature(0.2, 0.5), Temperature(0.3, 0.0), ConfidenceMap(((0.3, 0.25), (0.9, 0.8))))
    path = tmp_path / "calibration.json"
    path.write_text(dumps(fitted), encoding="utf-8")
    assert load(path) == fitted
    path.write_text(dumps(fitted).replace("0.25", "0.95"), encoding="utf-8")  # no longer increasing
    assert load(path).confidence == ConfidenceMap()
    path.write_text('{"scenario": {"t": 0.2, "beta": 0.5}, "failure": {"t": 0.3, "beta": 0.0}}')
    assert load(path) == Calibration(Temperature(0.2, 0.5), Temperature(0.3, 0.0))  # older file


def _said(scenario: str, *, safety: bool = False, language: str = "en", also: tuple[str, ...] = (),
          failure: bool = True, confidence: float = 0.9) -> Classification:
    return Classification(scenario, confidence, None, failure, 0.9 if failure else 0.1,
                          safety=safety, also=also, language=language)


def test_figures_are_given_per_language_and_per_kind() -> None:
    rows = [
        (ReportLine("t1", "food_quality", "es", "plain"), _said("food_quality", language="es")),
        (ReportLine("t2", "billing_error", "es", "negation"), _said("food_quality", language="pt")),
        (ReportLine("t3", "safety_incident", "de", "indirect", True), _said("room_comfort", safety=True,
                                                                            language="de")),
        (ReportLine("t4", "safety_incident", "de", "plain", True), _said("long_wait", language="de")),
        (ReportLine("t5", "long_wait", "de", "mixed", also=("food_quality", "staff_behavior")),
         _said("long_wait", language="de", also=("food_quality", "wrong_item"))),
        (ReportLine("t6", "long_wait", "en", "plain"), _said("long_wait", safety=True)),
    ]
    section = eval_engine.report_section(rows)
    assert list(section["by_language"]) == ["en", "es", "de"]  # issue order, only those present
    assert list(section["by_kind"]) == ["plain", "indirect", "mixed", "negation"]
    es, de, plain = section["by_language"]["es"], section["by_language"]["de"], section["by_kind"]["plain"]
    assert (es["n"], es["top1"], es["language_accuracy"]) == (2, 0.5, 0.5)
    assert (de["safety_caught"], de["safety_n"], de["safety_recall"]) == (1, 2, 0.5)
    assert (de["also_precision"], de["also_recall"]) == (0.5, 0.5)
    assert (plain["n"], plain["top1"]) == (3, pytest.approx(2 / 3))
    everything = section["all"]
    assert (everything["false_alarms"], everything["non_safety_n"]) == (1, 4)
    assert everything["false_alarm_rate"] == 0.25
    assert section["by_language"]["en"]["safety_recall"] is None  # no safety line: not 0, not 1
    assert section["calibration"]["n"] == 6


def test_older_lines_without_language_or_kind_count_as_english_plain() -> None:
    line = eval_engine.report_line({"text": "gst fell on the stairs", "scenario": "safety_incident"})
    assert (line.lang, line.kind, line.safety, line.also) == ("en", "plain", True, None)
    feedback = eval_engine.feedback_line({"text": "lovely stay", "failure": False})
    assert (feedback.lang, feedback.kind) == ("en", "plain")


def test_the_failure_flag_is_scored_per_language() -> None:
    rows = [
        (FeedbackLine("a", True, "fr", "sarcasm"), _said("other", failure=False, language="fr")),
        (FeedbackLine("b", False, "fr", "praise"), _said("other", failure=False, language="fr")),
        (FeedbackLine("c", True, "pt", "complaint"), _said("other", failure=True, language="es")),
    ]
    section = eval_engine.feedback_section(rows)
    fr, pt = section["by_language"]["fr"], section["by_language"]["pt"]
    assert (fr["failure_accuracy"], fr["failure_recall"], fr["fine_right"]) == (0.5, 0.0, 1.0)
    assert (pt["failure_accuracy"], pt["language_accuracy"]) == (1.0, 0.0)
    assert list(section["by_kind"]) == ["complaint", "praise", "sarcasm"]


def test_the_summary_prints_a_row_per_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_engine.main(["--summary", "--sets", "dev"]) == 0
    out = capsys.readouterr().out
    assert "safety recall" in out and "ECE" in out
    assert out.splitlines()[1].startswith("dev ")


def test_the_eval_script_prints_every_figure_as_json() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_engine.py"), "--summary", "--json"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
    )
    assert done.returncode == 0, done.stderr
    sets = json.loads(done.stdout)["sets"]
    assert set(sets) == {"dev", "blind", "blind-i18n", "blind-i18n2"}
    assert len(sets["blind-i18n2"]["reports"]["by_language"]) == 5
    i18n = sets["blind-i18n"]["reports"]
    assert list(i18n["by_language"]) == ["en", "es", "fr", "de", "pt"]
    assert set(i18n["by_kind"]) == {"plain", "sloppy", "long", "indirect", "mixed", "negation", "quote"}
    for key in ("top1", "safety_recall", "false_alarm_rate", "language_accuracy", "also_precision",
                "also_recall"):
        assert key in i18n["all"]
    assert i18n["all"]["safety_n"] > 0
    assert 0.0 <= i18n["calibration"]["ece"] <= 1.0
    assert [band["count"] for band in i18n["calibration"]["bands"]] and len(i18n["calibration"]["bands"]) == 10
    assert sum(band["count"] for band in i18n["calibration"]["bands"]) == i18n["all"]["n"]
    feedback = sets["blind-i18n"]["feedback"]
    assert set(feedback["by_language"]) == {"en", "es", "fr", "de", "pt"}
    assert "failure_accuracy" in feedback["all"]
