"""Measure the offline classifier: dev-set accuracy, calibration, safety recall, CV estimate.

    python scripts/eval_engine.py [--reports PATH] [--feedback PATH] [--no-cv] [--summary]

The dev files are only ever read here (and by the test that guards the targets); the engine
never trains on them. The cross-validated accuracy on the shipped data is the better guess of
accuracy on unseen reports, because the dev set is small.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.classifier import Classification, ScenarioClassifier, cv, data  # noqa: E402
from bot.classifier.engine import SAFETY  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval"


def read_jsonl(path: Path) -> list[dict[str, object]]:
    """The objects of a JSONL file (blank lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _clip(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _mean(values: Sequence[float]) -> str:
    return f"{sum(values) / len(values):.3f}" if values else "n/a (none)"


def report_scenarios(title: str, rows: Sequence[tuple[str, str, Classification]]) -> None:
    """Accuracy, confidence of right vs wrong answers, the misses, and safety recall."""
    right = [c.confidence for _, gold, c in rows if c.scenario == gold]
    wrong = [(text, gold, c) for text, gold, c in rows if c.scenario != gold]
    print(f"== {title}: {len(rows)} reports")
    print(f"top-1 accuracy        {len(right) / max(len(rows), 1):.3f}")
    print(f"mean confidence right {_mean(right)}")
    print(f"mean confidence wrong {_mean([c.confidence for _, _, c in wrong])}")
    safety = [c for _, gold, c in rows if gold == SAFETY]
    caught = sum(c.scenario == SAFETY for c in safety)
    false_alarms = sum(c.scenario == SAFETY for _, gold, c in rows if gold != SAFETY)
    print(f"safety incidents      {len(safety)}, classified safety_incident {caught}, "
          f"false alarms {false_alarms}")


def print_misses(rows: Sequence[tuple[str, str, Classification]]) -> None:
    """Each misclassified report with gold, prediction and confidence."""
    misses = [(text, gold, c) for text, gold, c in rows if c.scenario != gold]
    print(f"misclassified ({len(misses)}):")
    for text, gold, c in misses:
        print(f"  [{gold} -> {c.scenario} {c.confidence:.2f}] {_clip(text)}")


def dev_reports(engine: ScenarioClassifier, path: Path) -> None:
    rows = [(str(o["text"]), str(o["scenario"]), engine.classify(str(o["text"])))
            for o in read_jsonl(path)]
    report_scenarios(f"dev {path.name}", rows)
    print_misses(rows)


def dev_feedback(engine: ScenarioClassifier, path: Path) -> None:
    rows = [(str(o["text"]), bool(o["failure"]), engine.classify(str(o["text"])))
            for o in read_jsonl(path)]
    misses = [(t, gold, c) for t, gold, c in rows if c.failure != gold]
    print(f"== dev {path.name}: {len(rows)} messages")
    print(f"failure flag accuracy {1 - len(misses) / max(len(rows), 1):.3f}")
    print(f"misclassified ({len(misses)}):")
    for text, gold, c in misses:
        print(f"  [gold {gold} p(failure)={c.failure_confidence:.2f}] {_clip(text)}")


def cross_validated() -> None:
    reports, feedback = data.shipped_reports(), data.shipped_feedback()
    labels = sorted({label for _, label in reports})
    rows = cv.pipeline(reports, labels)
    report_scenarios(f"{cv.FOLDS}-fold CV on shipped reports (estimate for unseen)", rows)
    held = cv.failure(feedback, reports)
    print(f"== {cv.FOLDS}-fold CV failure flag on shipped feedback ({len(held)}): "
          f"{cv.accuracy(held):.3f}")


def _scenario_figures(rows: Sequence[tuple[str, str, Classification]]) -> dict[str, float]:
    right = [c.confidence for _, gold, c in rows if c.scenario == gold]
    wrong = [c.confidence for _, gold, c in rows if c.scenario != gold]
    safety = [c for _, gold, c in rows if gold == SAFETY]
    return {
        "top1": len(right) / max(len(rows), 1),
        "conf_right": sum(right) / max(len(right), 1),
        "conf_wrong": sum(wrong) / len(wrong) if wrong else float("nan"),  # nan: none wrong
        "safety_recall": sum(c.scenario == SAFETY for c in safety) / max(len(safety), 1),
    }


def _fmt(value: float) -> str:
    """Three decimals, or "n/a" for the nan that stands for "no answers of this kind"."""
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def summary(engine: ScenarioClassifier, reports: Path, feedback: Path) -> None:
    """Only the headline figures, one a line."""
    dev = _scenario_figures([(str(o["text"]), str(o["scenario"]), engine.classify(str(o["text"])))
                             for o in read_jsonl(reports)])
    fb = read_jsonl(feedback)
    fb_acc = sum(engine.classify(str(o["text"])).failure == bool(o["failure"]) for o in fb)
    shipped, shipped_fb = data.shipped_reports(), data.shipped_feedback()
    cv_rows = _scenario_figures(cv.pipeline(shipped, sorted({s for _, s in shipped})))
    print(f"dev top-1              {dev['top1']:.3f}")
    print(f"dev confidence r/w     {_fmt(dev['conf_right'])} / {_fmt(dev['conf_wrong'])}")
    print(f"dev safety recall      {dev['safety_recall']:.3f}")
    print(f"dev failure accuracy   {fb_acc / max(len(fb), 1):.3f}")
    print(f"cv top-1               {cv_rows['top1']:.3f}")
    print(f"cv confidence r/w      {_fmt(cv_rows['conf_right'])} / {_fmt(cv_rows['conf_wrong'])}")
    print(f"cv failure accuracy    {cv.accuracy(cv.failure(shipped_fb, shipped)):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=EVAL_DIR / "reports-dev.jsonl")
    parser.add_argument("--feedback", type=Path, default=EVAL_DIR / "feedback-dev.jsonl")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument("--summary", action="store_true", help="headline figures only")
    args = parser.parse_args(argv)
    engine = ScenarioClassifier.load()
    if args.summary:
        summary(engine, args.reports, args.feedback)
        return 0
    print(f"shipped data: {len(data.shipped_reports())} reports, "
          f"{len(data.shipped_feedback())} feedback lines, {len(engine.labels)} scenarios")
    dev_reports(engine, args.reports)
    dev_feedback(engine, args.feedback)
    if not args.no_cv:
        cross_validated()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
