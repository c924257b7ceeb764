"""Time the offline classifier: cold load, then classify() over the dev reports, repeated.

    python bench/bench_classify.py [--calls 2000] [--reports PATH]

Only classification is timed here; the full suggestion path has its own bench.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.classifier import ScenarioClassifier  # noqa: E402

DEFAULT_REPORTS = ROOT.parent / "shared" / "eval" / "reports-dev.jsonl"
FALLBACK_TEXTS = (
    "tbl 7 burger came out cold",
    "gst in rm 1204 says ac broken since last night :rage:",
    "delivery order #88231 showed up 50 min late, customer furious",
)


def texts_from(path: Path) -> list[str]:
    """Report texts of a JSONL file, or a few built-in ones when it is missing."""
    if not path.exists():
        return list(FALLBACK_TEXTS)
    with path.open(encoding="utf-8") as handle:
        return [str(json.loads(line)["text"]) for line in handle if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    engine = ScenarioClassifier.load()
    load_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    ScenarioClassifier.load()
    cached_ms = (time.perf_counter() - start) * 1000

    texts = texts_from(args.reports)
    timings: list[float] = []
    for i in range(args.calls):
        text = texts[i % len(texts)]
        start = time.perf_counter()
        engine.classify(text)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"load (cold)     {load_ms:8.1f} ms")
    print(f"load (cached)   {cached_ms:8.3f} ms")
    print(f"classify calls  {len(timings):8d} over {len(texts)} distinct texts")
    print(f"classify median {statistics.median(timings):8.3f} ms")
    print(f"classify p99    {p99:8.3f} ms")
    print(f"classify max    {timings[-1]:8.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
