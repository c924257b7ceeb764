"""Score the shipped engine on the blind set: hand-written reports it has never been trained on.

    python scripts/blind_eval.py [--reports PATH] [--feedback PATH]

The blind files live in bot/classifier/data/blind/, a subfolder the training glob
(data/reports-*.jsonl, data/feedback-*.jsonl) does not reach. Never copy lines from them into
training data, or these figures stop meaning "unseen".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.classifier import Classification, ScenarioClassifier  # noqa: E402
from bot.classifier.engine import SAFETY  # noqa: E402

BLIND_DIR = ROOT / "bot" / "classifier" / "data" / "blind"


def read_jsonl(path: Path) -> list[dict[str, object]]:
    """The objects of a JSONL file (blank lines skipped)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _clip(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _mean(values: Sequence[float]) -> str:
    return f"{sum(values) / len(values):.3f}" if values else "n/a"


def score_reports(engine: ScenarioClassifier, path: Path) -> None:
    rows = [(str(o["text"]), str(o["scenario"]), engine.classify(str(o["text"])))
            for o in read_jsonl(path)]
    right = [c for _, gold, c in rows if c.scenario == gold]
    wrong = [(t, gold, c) for t, gold, c in rows if c.scenario != gold]
    print(f"== blind reports {path.name}: {len(rows)}")
    print(f"top-1 accuracy        {len(right) / max(len(rows), 1):.3f}  "
          f"({len(right)}/{len(rows)})")
    print(f"mean confidence right {_mean([c.confidence for c in right])}")
    print(f"mean confidence wrong {_mean([c.confidence for _, _, c in wrong])}")
    in_top2 = sum(c.scenario == gold or c.runner_up == gold for _, gold, c in rows)
    print(f"gold in top-1/runner-up {in_top2 / max(len(rows), 1):.3f}")

    safety = [c for _, gold, c in rows if gold == SAFETY]
    caught = sum(c.scenario == SAFETY for c in safety)
    false_alarms = sum(c.scenario == SAFETY for _, gold, c in rows if gold != SAFETY)
    print(f"safety_incident recall {caught / max(len(safety), 1):.3f}  "
          f"({caught}/{len(safety)}), false alarms {false_alarms}")

    per: dict[str, list[bool]] = defaultdict(list)
    for _, gold, c in rows:
        per[gold].append(c.scenario == gold)
    print("per-scenario accuracy (worst first):")
    for gold, hits in sorted(per.items(), key=lambda kv: (sum(kv[1]) / len(kv[1]), kv[0])):
        print(f"  {gold:24s} {sum(hits) / len(hits):.3f}  ({sum(hits)}/{len(hits)})")

    confusions = Counter((gold, c.scenario) for _, gold, c in wrong)
    print("top confusions (gold -> predicted):")
    for (gold, got), n in confusions.most_common(12):
        print(f"  {n:3d}  {gold} -> {got}")

    print(f"misclassified ({len(wrong)}):")
    for text, gold, c in sorted(wrong, key=lambda r: r[1]):
        print(f"  [{gold} -> {c.scenario} {c.confidence:.2f}] {_clip(text)}")


def score_feedback(engine: ScenarioClassifier, path: Path) -> None:
    rows: list[tuple[str, bool, Classification]] = [
        (str(o["text"]), bool(o["failure"]), engine.classify(str(o["text"])))
        for o in read_jsonl(path)
    ]
    misses = [(t, gold, c) for t, gold, c in rows if c.failure != gold]
    pos = [c for _, gold, c in rows if gold]
    neg = [c for _, gold, c in rows if not gold]
    print(f"== blind feedback {path.name}: {len(rows)} ({len(pos)} failures)")
    print(f"failure flag accuracy {1 - len(misses) / max(len(rows), 1):.3f}  "
          f"({len(rows) - len(misses)}/{len(rows)})")
    print(f"  recall on failures  {sum(c.failure for c in pos) / max(len(pos), 1):.3f}")
    print(f"  right on non-fail.  {sum(not c.failure for c in neg) / max(len(neg), 1):.3f}")
    print(f"misclassified ({len(misses)}):")
    for text, gold, c in misses:
        print(f"  [gold {gold} p(failure)={c.failure_confidence:.2f}] {_clip(text)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=Path, default=BLIND_DIR / "reports-blind.jsonl")
    parser.add_argument("--feedback", type=Path, default=BLIND_DIR / "feedback-blind.jsonl")
    args = parser.parse_args(argv)
    engine = ScenarioClassifier.load()
    score_reports(engine, args.reports)
    print()
    score_feedback(engine, args.feedback)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
