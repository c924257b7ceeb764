"""Median time for one suggestion (classify + specifics + policy + templates), the issue's
"under 5 ms" figure, beside the toy keyword table measured in the same run.

    .venv/bin/python bench/bench_suggest.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._baseline import toy_classify  # noqa: E402
from bot.engine import OfflineEngine  # noqa: E402
from bot.playbook import load_playbook  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TEXTS = REPO / "bot" / "classifier" / "data" / "reports-a.jsonl"


def timed(function, texts: list[str], repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        for text in texts:
            start = time.perf_counter()
            function(text)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    playbook = load_playbook()
    engine = OfflineEngine(playbook)
    load_ms = (time.perf_counter() - started) * 1000
    role = playbook.role("frontline")
    texts = [json.loads(line)["text"] for line in TEXTS.read_text().splitlines()]
    ours = timed(lambda text: engine.suggest(text, role), texts, args.repeat)
    base = timed(toy_classify, texts, args.repeat)
    ours_p50, base_p50 = statistics.median(ours), statistics.median(base)
    p99 = sorted(ours)[int(len(ours) * 0.99)]
    print(f"suggestions timed: {len(ours)} (engine + playbook load {load_ms:.0f} ms)")
    print(f"amends suggestion  median {ours_p50:.3f} ms  p99 {p99:.3f} ms   target < 5 ms: "
          f"{'met' if ours_p50 < 5 else 'MISSED'}")
    print(f"toy keyword table  median {base_p50:.4f} ms")
    print(f"ratio amends/toy   {ours_p50 / base_p50:.0f}x the time of a bare keyword lookup "
          f"(for {ours_p50 / 5:.2f} of the 5 ms budget)")


if __name__ == "__main__":
    main()
