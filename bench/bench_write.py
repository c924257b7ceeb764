"""The write path: `/recover` through the whole core (engine, case insert, audit row, commit)
on a SQLite file, beside the bench README's fastest obvious path (stdlib sqlite3, toy keyword
table, one case + one audit row per transaction) measured in the same run.

    .venv/bin/python bench/bench_write.py [--reports 2000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._baseline import StdlibWriter  # noqa: E402
from bot.core import Amends  # noqa: E402
from bot.messages import Message  # noqa: E402
from bot.playbook import load_playbook  # noqa: E402
from bot.replies import Reported  # noqa: E402
from store.db import Database  # noqa: E402

TEXTS = Path(__file__).resolve().parents[1] / "bot" / "classifier" / "data" / "reports-b.jsonl"


async def run_core(url: str, texts: list[str], concurrency: int) -> tuple[list[float], float]:
    database = Database(url)
    await database.upgrade()
    amends = Amends(playbook=load_playbook(), database=database)
    latencies: list[float] = []
    queue = list(enumerate(texts))

    async def worker() -> None:
        while queue:
            index, text = queue.pop()
            start = time.perf_counter()
            reply = await amends.handle(Message("T1", "C1", f"U{index % 50}", "frontline", f"/recover {text}"))
            assert isinstance(reply, Reported), reply
            latencies.append((time.perf_counter() - start) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    await database.dispose()
    return latencies, elapsed


def run_baseline(path: Path, texts: list[str]) -> tuple[list[float], float]:
    writer = StdlibWriter(path)
    latencies = []
    started = time.perf_counter()
    for text in texts:
        start = time.perf_counter()
        writer.write(text)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies, time.perf_counter() - started


def report(name: str, latencies: list[float], elapsed: float) -> float:
    rate = len(latencies) / elapsed
    p99 = sorted(latencies)[int(len(latencies) * 0.99)]
    print(f"{name:<34} {rate:8.0f} reports/s  p50 {statistics.median(latencies):6.2f} ms"
          f"  p99 {p99:6.2f} ms")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--postgres", help="also run the core against this PostgreSQL URL")
    args = parser.parse_args()
    pool = [json.loads(line)["text"] for line in TEXTS.read_text().splitlines()]
    texts = [pool[i % len(pool)] for i in range(args.reports)]
    with tempfile.TemporaryDirectory() as folder:
        base = report("baseline stdlib sqlite3 + toy", *run_baseline(Path(folder) / "b.db", texts))
        ours = report("amends core on SQLite (WAL, FULL)",
                      *asyncio.run(run_core(f"sqlite:///{folder}/a.db", texts, args.concurrency)))
        print(f"ratio amends/baseline throughput: {ours / base:.2f}")
        if args.postgres:
            pg = report("amends core on PostgreSQL",
                        *asyncio.run(run_core(args.postgres, texts, args.concurrency)))
            print(f"ratio PostgreSQL/baseline throughput: {pg / base:.2f}")


if __name__ == "__main__":
    main()
